"""Deck cards → Anki notes: which cards share a note, their identities, tags and order.

Which cards share a note, and why:

- The cloze cards of one sentence (same `Card.group`) are one ``quizgen Cloze`` note with one
  deletion per card, numbered from left to right. Anki then treats them as siblings: "Bury new
  siblings" keeps them on different days. A teacher's rewording of a card's answer stays in the
  note (the sentence then reads with the teacher's words); a card whose sentence differs outside
  its blank, or whose blank overlaps another's, keeps a note of its own. The numbers are counted
  over the sentence's cloze cards a teacher excluded too, so excluding or restoring one never
  renumbers the others (a card's review history belongs to its number).
- A short-answer and a multiple-choice card of one fact become one card: the one first in deck
  order (the note types differ, so they cannot be two cards of one note; two notes would be
  siblings that Anki cannot keep apart).
- Notes that still come from one sentence (a cloze note and a question about the same sentence)
  never follow each other in new-card order (`spread_siblings`).

Identities: a note's GUID is the GUID quizgen's one-note-per-card packages gave its first card
(`card_guid`; a cloze note's first card is its lowest-numbered one, excluded cards included). Card
ids are stable across regenerations, so the GUID is too, and a collection that holds notes from
those packages recognises every note instead of adding a second copy (see the README).

Modification times: a note is dated by its newest card revision (`note_modified`), plus one second
per card beyond the first, so that a sentence that gains a blank (a new card, a card a teacher
restored) is newer than the note already imported and Anki updates it instead of adding a card
that its old text does not have. (A sentence that trades one blank for another without either
card changing is not seen; such a card shows Anki's "cloze not found" until its note changes.)

What the fields hold is decided in `quizgen.export.anki_fields`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import genanki

from quizgen.errors import ExportError
from quizgen.export.anki_fields import (
    FIELDS_REVISED,
    FRONT_FIELDS,
    ClozeDeletion,
    Fields,
    ParsedCloze,
    field_text,
    own_cloze_fields,
    parse_cloze,
    question_fields,
    sentence_cloze_fields,
)
from quizgen.export.anki_templates import CLOZE, NoteTypeSpec
from quizgen.export.html import visible_text
from quizgen.generate.revisions import FIRST_SEEN
from quizgen.models import Card, Deck
from quizgen.words import counted

_TAG_UNSAFE = re.compile(r"[\s\"]+")

KIND_NAMES = {
    "short_answer": "short-answer",
    "multiple_choice": "multiple-choice",
    "true_false": "true-false",
    "cloze": "cloze",
}
"""Card kinds as a learner reads them (tags, deck descriptions)."""

# What a card asks about, in a learner's words, from the engine's answer type (spaCy's labels and
# quizgen's own) …
_ABOUT_ANSWER = {
    "person": "person",
    "norp": "group",
    "org": "organisation",
    "gpe": "place",
    "loc": "place",
    "fac": "place",
    "product": "product",
    "event": "event",
    "work_of_art": "creative-work",
    "law": "law",
    "language": "language",
    "date": "date",
    "time": "time",
    "percent": "percentage",
    "money": "money",
    "quantity": "quantity",
    "ordinal": "number",
    "cardinal": "number",
    "term": "term",
    "definition": "definition",
    "list": "list",
    "reason": "reason",
}
# … and from the few fact kinds that say something the answer type does not. The others name
# grammar (passive, apposition, relative clause), which means nothing to a learner.
_ABOUT_FACT = {
    "acronym": "abbreviation",
    "quote": "quotation",
    "definition": "definition",
    "cause": "reason",
    "enumeration": "list",
    "glossary": "definition",
}


@dataclass(frozen=True)
class PlannedNote:
    """One Anki note: its note type, fields, identity and the deck cards it holds."""

    spec: NoteTypeSpec
    fields: tuple[str, ...]
    guid: str
    cards: tuple[Card, ...]
    """The deck cards the note holds (a cloze note: one per deletion, in deletion order)."""
    anki_cards: int
    """How many Anki cards the note makes."""
    tags: tuple[str, ...]
    modified: int
    position: int
    """Index of the note's first card among the deck's included cards (its place in deck order)."""
    group: str
    """The sentence (card group) the note's cards come from."""

    @property
    def kinds(self) -> Counter[str]:
        """Anki cards per card kind."""
        return Counter({self.cards[0].kind: self.anki_cards})

    def field(self, name: str) -> str:
        return self.fields[self.spec.field_index(name)]


@dataclass(frozen=True)
class DeckPlan:
    """The notes of one deck, in new-card order, and what was left out."""

    deck: Deck
    notes: tuple[PlannedNote, ...]
    folded: tuple[Card, ...] = ()
    """Cards left out because another card of the deck asks the same fact (see module docstring)."""

    def description(self) -> str:
        """The Anki deck description: article, source, and what the deck holds."""
        return deck_description(self.deck, self.notes)


# ------------------------------------------------------------------------------------ identities


def card_guid(card: Card) -> str:
    """The GUID of a card's own note in one-note-per-card packages: a function of the card id."""
    return str(genanki.guid_for("quizgen-card", card.id))


def note_modified(card: Card) -> int:
    """When the card's content, or the way it is rendered into fields, last changed (a card
    without a revision counts as first seen)."""
    changed = card.revision.modified if card.revision is not None else FIRST_SEEN
    return max(changed, FIELDS_REVISED)


def _note_modified(cards: Sequence[Card]) -> int:
    return max(note_modified(card) for card in cards) + len(cards) - 1


@dataclass(frozen=True)
class _Blank:
    """A one-deletion cloze card, read: its sentence around its blank."""

    card: Card
    parsed: ParsedCloze

    @property
    def deletion(self) -> ClozeDeletion:
        return self.parsed.deletions[0]

    @property
    def engine_sentence(self) -> str:
        """The sentence as the engine wrote the card (before a teacher's edit, if any)."""
        original = self.card.teacher.original if self.card.teacher is not None else None
        if original is not None and original.cloze is not None:
            try:
                return parse_cloze(original.cloze, original.answer, self.card.context).sentence
            except ValueError:
                pass  # the engine's own text no longer parses: the card's sentence stands
        return self.parsed.sentence

    @property
    def text(self) -> str:
        """The words the blank hides."""
        return self.parsed.sentence[self.deletion.start : self.deletion.end]

    def span_in(self, sentence: str) -> tuple[int, int] | None:
        """Where this card's blank stands in ``sentence``, which may differ from the card's own
        sentence only inside the blank (a teacher reworded the answer); None if it differs elsewhere."""
        before = self.parsed.sentence[: self.deletion.start]
        after = self.parsed.sentence[self.deletion.end :]
        end = len(sentence) - len(after)
        if len(before) < end and sentence.startswith(before) and sentence.endswith(after):
            return len(before), end
        return None

    def alone(self) -> list[tuple[Card, ClozeDeletion]]:
        deletion = self.deletion
        return [(self.card, ClozeDeletion(1, deletion.start, deletion.end, deletion.hint))]


@dataclass(frozen=True)
class _SentenceNote:
    """The cloze cards of one sentence that share a note, and those that cannot."""

    sentence: str
    """The sentence with every blank of the note filled in (with each card's own words)."""
    blanks: list[tuple[Card, ClozeDeletion]]
    anchor: Card | None
    """The card whose one-note-per-card GUID the note takes (its lowest-numbered one)."""
    apart: list[_Blank]


def _sentence_note(pool: Sequence[_Blank]) -> _SentenceNote:
    """One note for the cloze cards of one sentence (``pool``: excluded cards too, so that they keep
    their numbers): the sentence most of them were made from, each card's blank at its place in
    it (with the teacher's words, where a teacher reworded an answer)."""
    base = Counter(blank.engine_sentence for blank in pool).most_common(1)[0][0]
    placed = [(blank, span) for blank in pool if (span := blank.span_in(base)) is not None]
    placed.sort(key=lambda item: (item[1], item[0].card.id))
    apart = [blank for blank in pool if blank.span_in(base) is None and not blank.card.excluded]
    together: list[tuple[int, _Blank, tuple[int, int]]] = []
    for number, (blank, span) in enumerate(placed, start=1):
        if blank.card.excluded:
            continue
        if any(span[0] < end and start < span[1] for _, _, (start, end) in together):
            apart.append(blank)  # overlapping blanks cannot share a text
        else:
            together.append((number, blank, span))
    pieces: list[str] = []
    blanks: list[tuple[Card, ClozeDeletion]] = []
    position = 0
    length = 0
    for number, blank, (start, end) in together:
        pieces += [base[position:start], blank.text]
        length += start - position
        blanks.append(
            (blank.card, ClozeDeletion(number, length, length + len(blank.text), blank.deletion.hint))
        )
        length += len(blank.text)
        position = end
    pieces.append(base[position:])
    apart_ids = {blank.card.id for blank in apart}
    anchor = next((blank.card for blank, _ in placed if blank.card.id not in apart_ids), None)
    return _SentenceNote("".join(pieces), blanks, anchor, apart)


def _parsed(card: Card) -> ParsedCloze:
    text = card.text()
    assert text.cloze is not None  # the Card model guarantees it for a cloze card
    return parse_cloze(text.cloze, text.answer, card.context)


# ------------------------------------------------------------------------------------------ tags


def _tag(text: str) -> str:
    return _TAG_UNSAFE.sub("_", text.strip()).strip(":_")


def note_tags(deck: Deck, cards: Iterable[Card]) -> list[str]:
    """``quizgen::<deck-id>``, ``quizgen::kind::<kind>``, ``quizgen::about::<what is asked>`` (a
    person, a date, a place …), and any other tag of the cards as ``quizgen::<tag>``."""
    tags = [f"quizgen::{deck.id}"]
    for card in cards:
        tags.append(f"quizgen::kind::{KIND_NAMES[card.kind]}")
        for tag in card.tags:
            prefix, _, value = tag.partition("::")
            value = value.strip().lower()
            if prefix == "answer" and value:
                tags.append(f"quizgen::about::{_ABOUT_ANSWER.get(value, _tag(value).replace('_', '-'))}")
            elif prefix == "fact":
                if value in _ABOUT_FACT:
                    tags.append(f"quizgen::about::{_ABOUT_FACT[value]}")
            elif cleaned := _tag(tag):
                tags.append(f"quizgen::{cleaned}")
    return list(dict.fromkeys(tags))


# ---------------------------------------------------------------------------------------- notes


def _source_title(deck: Deck, card: Card) -> str:
    for source in deck.sources:
        if source.id == card.source.source_id:
            return source.title
    return deck.sources[0].title if deck.sources else deck.title


def _refused(card: Card, deck: Deck, problem: str, hint: str | None = None) -> ExportError:
    return ExportError(f"card {card.id} of deck {deck.id!r} {problem}", hint=hint)


def _folded_questions(cards: Sequence[Card]) -> set[str]:
    """Ids of short-answer and multiple-choice cards that ask a fact an earlier card asks."""
    seen: set[str] = set()
    folded = set()
    for card in cards:
        if card.kind in ("short_answer", "multiple_choice"):
            if card.fact_id in seen:
                folded.add(card.id)
            seen.add(card.fact_id)
    return folded


def plan_deck(deck: Deck, type_answers: bool = False) -> DeckPlan:
    """The notes a deck becomes (the teacher's excluded cards left out, edits used), in the order
    new cards should come."""
    included = deck.included_cards()
    order = {card.id: index for index, card in enumerate(included)}
    folded = _folded_questions(included)
    notes: list[PlannedNote] = []

    def add(spec: NoteTypeSpec, values: Fields, guid: str, cards: Sequence[Card], anki_cards: int) -> None:
        assert set(values) <= set(spec.fields), set(values) - set(spec.fields)
        fields = [values.get(name, "") for name in spec.fields]
        for name in FRONT_FIELDS.get(spec.name, ("Front",)):
            if not visible_text(values[name]):
                hint = "fix or remove the card in the deck file"
                raise _refused(cards[0], deck, "has an empty question", hint)
        notes.append(
            PlannedNote(
                spec=spec,
                fields=tuple(fields),
                guid=guid,
                cards=tuple(cards),
                anki_cards=anki_cards,
                tags=tuple(note_tags(deck, cards)),
                modified=_note_modified(cards),
                position=min(order[card.id] for card in cards),
                group=cards[0].group or f"card {cards[0].id}",
            )
        )

    def source_of(card: Card) -> str:
        return field_text(_source_title(deck, card))

    for card in included:
        if card.kind != "cloze" and card.id not in folded:
            spec, fields = question_fields(card, source_of(card), type_answers)
            add(spec, fields, card_guid(card), [card], 1)

    # Cloze cards: every one is read, excluded ones too, so that numbering does not depend on them.
    pools: dict[str, list[_Blank]] = defaultdict(list)
    for card in deck.cards:
        if card.kind != "cloze":
            continue
        try:
            parsed = _parsed(card)
        except ValueError as exc:
            if card.excluded:
                continue
            raise _refused(card, deck, f"cannot be exported: {exc}") from None
        if len(parsed.deletions) > 1:  # a hand-made card with blanks of its own keeps its own note
            if not card.excluded:
                fields = own_cloze_fields(card, parsed, field_text(_source_title(deck, card)))
                add(CLOZE, fields, card_guid(card), [card], len({d.number for d in parsed.deletions}))
            continue
        pools[card.group or f"card {card.id}"].append(_Blank(card, parsed))

    for pool in pools.values():
        if all(blank.card.excluded for blank in pool):
            continue
        sentence = _sentence_note(pool)
        for blank in sentence.apart:
            fields = sentence_cloze_fields(blank.parsed.sentence, blank.alone(), source_of(blank.card))
            add(CLOZE, fields, card_guid(blank.card), [blank.card], 1)
        if sentence.blanks and sentence.anchor is not None:
            cards = [card for card, _ in sentence.blanks]
            fields = sentence_cloze_fields(sentence.sentence, sentence.blanks, source_of(cards[0]))
            add(CLOZE, fields, card_guid(sentence.anchor), cards, len(cards))

    ordered = spread_siblings(sorted(notes, key=lambda note: note.position))
    return DeckPlan(deck=deck, notes=tuple(ordered), folded=tuple(c for c in included if c.id in folded))


def _can_follow(group: str, last: str | None, left: Counter[str]) -> bool:
    """Whether a note of ``group`` can come after one of ``last`` with the notes counted in ``left``
    (itself included) still to place, and those that remain still be laid out with no two notes
    of one sentence side by side."""
    if group == last:
        return False
    rest = left - Counter({group: 1})
    size = sum(rest.values())
    # the rest alternates when no sentence holds more than half of it; a sentence that was just
    # placed cannot come first, so it may hold only half rounded down
    return all(count <= (size // 2 if other == group else (size + 1) // 2) for other, count in rest.items())


def spread_siblings(notes: Sequence[PlannedNote]) -> list[PlannedNote]:
    """``notes`` in their order, except that no two notes from one sentence follow each other
    unless nothing else can be put between them.

    Each step takes the first waiting note that comes from another sentence than the last one
    placed, provided the notes still waiting can then be laid out the same way."""
    waiting = list(notes)
    left: Counter[str] = Counter(note.group for note in waiting)
    ordered: list[PlannedNote] = []
    while waiting:
        last = ordered[-1].group if ordered else None
        index = next(
            (i for i, note in enumerate(waiting) if _can_follow(note.group, last, left)),
            next((i for i, note in enumerate(waiting) if note.group != last), 0),
        )
        note = waiting.pop(index)
        left[note.group] -= 1
        ordered.append(note)
    return ordered


# ----------------------------------------------------------------------------------- description


def deck_description(deck: Deck, notes: Sequence[PlannedNote]) -> str:
    """The deck's description on Anki's deck overview: the article, where it came from (and the date
    it gives for itself), and how many cards of each kind the deck holds."""
    lines = [f"<b>{field_text(deck.title)}</b>"]
    for source in deck.sources:
        title = "" if source.title == deck.title else f"{field_text(source.title)}, "
        dated = f", dated {field_text(source.published)}" if source.published else ""
        lines.append(f"Source: {title}{field_text(source.name)}{dated} ({counted(source.words, 'word')})")
    kinds: Counter[str] = Counter()
    for note in notes:
        kinds.update(note.kinds)
    listed = ", ".join(f"{kinds[kind]} {name}" for kind, name in KIND_NAMES.items() if kinds[kind])
    cards = sum(kinds.values())
    lines.append(f"{counted(cards, 'card')} in {counted(len(notes), 'note')}: {listed}")
    lines.append(f"Made by quizgen {field_text(deck.generator.version)}")
    return "<br>\n".join(lines)
