"""Export decks to an Anki package (.apkg) that imports cleanly and updates in place.

How re-imports behave, and why:

- Each note's GUID comes from its card id, which is stable across regenerations, so Anki
  recognises a note it has seen before instead of adding a duplicate.
- Anki updates an existing note only when the incoming note's modification time is newer than
  the collection's copy ("always update" mode: when it differs). genanki stamps every note with the
  build time, so every export looks newer than the collection and overwrites the learner's edits,
  or, once the learner's copy is newer, never updates at all. quizgen stamps each note with its
  card's `Revision.modified` instead (see `quizgen.generate.revisions`): the time the card's
  rendered content last changed. Re-importing an unchanged deck therefore changes nothing, and a
  card whose wording changed updates in place. The fields also depend on how this module renders
  a card; when that changes in a way existing notes must receive, `FIELDS_REVISED` is raised.
- Note types carry fixed ids and a fixed modification time (see `anki_templates`), so Anki
  neither duplicates them nor overwrites a learner's template tweaks on every import.
- Deck ids are derived from the deck id; Anki matches decks by name on import, and the names are
  derived from the deck titles, so they are stable too.
- New-card order follows deck order: each note's cards get its position as their due number.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import sqlite3
import tempfile
import time
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import genanki

from quizgen.errors import ExportError
from quizgen.export.anki_templates import (
    BASIC,
    BASIC_TYPE_ANSWER,
    CLOZE,
    MULTIPLE_CHOICE,
    NOTE_TYPES,
    TEMPLATES_REVISED,
    NoteTypeSpec,
)
from quizgen.export.html import answer_span, choice_label, escape_text, highlighted, visible_text
from quizgen.generate.revisions import FIRST_SEEN
from quizgen.models import Card, Deck

DEFAULT_PARENT_DECK = "quizgen"

# No note is dated earlier than this (2025-01-01, the first release: it has no effect yet). Raise it
# to the current Unix time only when a change to how cards are rendered into fields must reach
# notes already in learners' collections (a rendering fix): every note then updates once on the
# next import, replacing learner edits made before that time. A test fails whenever the rendering
# changes, so that this is decided, not missed. Never set it in the future.
FIELDS_REVISED = 1_735_689_600
_TAG_UNSAFE = re.compile(r"[\s\"]+")
_CLOZE_DELETION = re.compile(r"\{\{c(\d+)::(.*?)\}\}", re.DOTALL)
_TRUE_FALSE_PREFIX = re.compile(r"^\s*true\s+or\s+false\s*[:?]\s*", re.IGNORECASE)


@dataclass(frozen=True)
class AnkiOptions:
    """How to build the package."""

    deck_name: str | None = None
    """Name of the parent deck the article decks go under (default: ``quizgen``)."""
    type_answers: bool = False
    """Short-answer cards ask the learner to type the answer (note type ``quizgen Basic (type answer)``)."""


@dataclass(frozen=True)
class AnkiExportReport:
    """What was written: notes per note type, and how many cards Anki will make of them."""

    path: Path
    decks: int
    notes: dict[str, int]
    cards: int
    stale_revisions: int = 0
    """Cards whose content no longer matches their revision's hash (a hand-edited deck file)."""

    @property
    def warnings(self) -> list[str]:
        """Things the user should know about the package (printed after the summary)."""
        if not self.stale_revisions:
            return []
        return [
            f"{_counted(self.stale_revisions, 'card')} no longer match the content their revision records "
            "(edited by hand?); their revision time did not advance, so Anki keeps its copy of those notes"
        ]

    @property
    def total_notes(self) -> int:
        return sum(self.notes.values())

    def summary(self) -> str:
        """One line for the CLI."""
        per_type = ", ".join(f"{count} {name}" for name, count in self.notes.items())
        return (
            f"wrote {self.path}: {_counted(self.decks, 'deck')}, {_counted(self.total_notes, 'note')} "
            f"({per_type}), {_counted(self.cards, 'card')}"
        )


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


@dataclass
class _Built:
    decks: list[Any] = field(default_factory=list)
    notes: Counter[str] = field(default_factory=Counter)
    cards: int = 0
    stale: int = 0


def export_anki(decks: list[Deck], path: Path, options: AnkiOptions) -> AnkiExportReport:
    """Write ``decks`` to one .apkg at ``path``: one sub-deck per deck under a parent deck."""
    path = _checked_output(Path(path))
    if not decks:
        raise ExportError("there are no decks to export")
    built = _build(decks, options)
    _write_package(built.decks, path)
    return AnkiExportReport(
        path=path,
        decks=len(decks),
        notes=dict(built.notes),
        cards=built.cards,
        stale_revisions=built.stale,
    )


# ------------------------------------------------------------------------------------ identities


def anki_id(kind: str, key: str) -> int:
    """A stable id in ``[2**30, 2**31)`` (the range genanki recommends) for a deck or anything else."""
    digest = hashlib.sha256(f"quizgen\x1f{kind}\x1f{key}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


def note_guid(card: Card) -> str:
    """The GUID of a card's note: a function of the card id only."""
    return str(genanki.guid_for("quizgen-card", card.id))


def note_modified(card: Card) -> int:
    """The note's modification time: when the card's content, or the way it is rendered into
    fields, last changed (a card without a revision counts as first seen)."""
    changed = card.revision.modified if card.revision is not None else FIRST_SEEN
    return max(changed, FIELDS_REVISED)


def parent_deck_name(options: AnkiOptions) -> str:
    """The parent deck's name, with empty ``::`` components dropped."""
    raw = options.deck_name if options.deck_name is not None else DEFAULT_PARENT_DECK
    parts = [" ".join(part.replace("<", "").replace(">", "").split()) for part in raw.split("::")]
    parts = [part for part in parts if part]
    if not parts:
        raise ExportError(f"{raw!r} is not a usable deck name", hint="give --deck-name some text")
    return "::".join(parts)


def _deck_title(deck: Deck) -> str:
    # "::" would nest the deck one level deeper than intended; deck names are plain text, and
    # angle brackets are dropped so that no Anki screen can mistake a title for markup.
    title = deck.title.replace("::", ":").replace("<", "").replace(">", "")
    return " ".join(title.split()) or deck.id


def _tag(text: str) -> str:
    return _TAG_UNSAFE.sub("_", text.strip()).strip(":_")


def note_tags(deck: Deck, card: Card) -> list[str]:
    """Hierarchical tags: ``quizgen::<deck-id>``, ``quizgen::kind::<kind>``, ``quizgen::<card tag>``."""
    tags = [f"quizgen::{deck.id}", f"quizgen::kind::{card.kind}"]
    for tag in card.tags:
        cleaned = _tag(tag)
        if cleaned:
            tags.append(f"quizgen::{cleaned}")
    return list(dict.fromkeys(tags))


# ---------------------------------------------------------------------------------------- fields


def _escape_for_cloze(text: str) -> str:
    """Escaped text that can never open, close or split an Anki cloze deletion."""
    escaped = escape_text(text).replace("{", "&#123;").replace("}", "&#125;")
    return escaped.replace("::", ":&#58;")


def cloze_field(cloze: str, answer: str, context: str = "") -> str:
    """The deck's cloze text as an Anki ``Text`` field: every piece of text escaped, the
    ``{{cN::...}}`` markers (and ``::hint`` parts) kept working.

    A marker that also stands literally in ``context`` (the article's own sentence) is article
    text, not a deletion the generator made, and is escaped like any other text.
    """
    literal = Counter(match.group(0) for match in _CLOZE_DELETION.finditer(context))
    pieces: list[str] = []
    position = 0
    deletions = 0
    for match in _CLOZE_DELETION.finditer(cloze):
        if literal[match.group(0)] > 0:
            literal[match.group(0)] -= 1
            continue
        pieces.append(_escape_for_cloze(cloze[position : match.start()]))
        number, body = int(match.group(1)), match.group(2)
        text, hint = body, ""
        if body != answer and "::" in body:
            text, hint = body.split("::", 1)
        if number < 1 or not text.strip():
            raise ValueError(f"cloze deletion {match.group(0)!r} is empty or numbered below 1")
        piece = f"{{{{c{number}::{_escape_for_cloze(text)}"
        if hint.strip():
            piece += f"::{_escape_for_cloze(hint)}"
        pieces.append(piece + "}}")
        position = match.end()
        deletions += 1
    if not deletions:
        raise ValueError("the cloze text has no {{c1::...}} deletion")
    pieces.append(_escape_for_cloze(cloze[position:]))
    return "".join(pieces)


def _cloze_revealed(cloze: str, answer: str) -> str:
    """The cloze text with every deletion shown (hints dropped)."""

    def reveal(match: re.Match[str]) -> str:
        body = match.group(2)
        return body if body == answer else body.split("::", 1)[0]

    return _CLOZE_DELETION.sub(reveal, cloze)


def _same_text(first: str, second: str) -> bool:
    return first.split() == second.split()


def _context_field(card: Card) -> str:
    if not card.context.strip():
        return ""
    # "True"/"False" is not a phrase of the sentence: only the card's own highlight is used then.
    fallback = "" if card.kind == "true_false" else card.answer
    return highlighted(card.context, answer_span(card.context, card.highlight, fallback))


def _also_accepted(card: Card) -> str:
    others = [a for a in card.accepted_answers if a.strip() and a != card.answer]
    if not others:
        return ""
    listed = ", ".join(escape_text(a) for a in others)
    return f'<div class="qg-also">also accepted: {listed}</div>'


def _true_false_front(question: str) -> str:
    statement = _TRUE_FALSE_PREFIX.sub("", question, count=1)
    return f'<div class="qg-label">True or false?</div>{escape_text(statement)}'


def _choices_field(card: Card) -> tuple[str, str]:
    items = []
    answer = ""
    for index, choice in enumerate(card.choices):
        letter = f'<span class="qg-letter">{choice_label(index)}</span>'
        css = "qg-choice qg-correct" if choice == card.answer else "qg-choice"
        items.append(f'<li class="{css}">{letter} {escape_text(choice)}</li>')
        if choice == card.answer:
            answer = f"{letter} {escape_text(choice)}"
    return '<ol class="qg-choices">' + "".join(items) + "</ol>", answer


def note_fields(card: Card, source_title: str, options: AnkiOptions) -> tuple[NoteTypeSpec, list[str]]:
    """The note type and the (HTML) field values for one card."""
    context = _context_field(card)
    source = escape_text(source_title)
    if card.kind == "cloze":
        assert card.cloze is not None  # the Card model guarantees it
        text = cloze_field(card.cloze, card.answer, card.context)
        if _same_text(_cloze_revealed(card.cloze, card.answer), card.context):
            # The back already shows this sentence with the deletion revealed and highlighted.
            context = ""
        return CLOZE, [text, _also_accepted(card), context, source]
    if card.kind == "multiple_choice":
        choices, answer = _choices_field(card)
        return MULTIPLE_CHOICE, [escape_text(card.question), choices, answer, context, source]
    spec = BASIC_TYPE_ANSWER if options.type_answers else BASIC
    front = _true_false_front(card.question) if card.kind == "true_false" else escape_text(card.question)
    back = escape_text(card.answer)
    if not options.type_answers:
        # A type-in card compares what was typed with the whole Back field: keep it the bare answer.
        back += _also_accepted(card)
    return spec, [front, back, context, source]


# --------------------------------------------------------------------------------------- genanki


class _FixedTimeModel(genanki.Model):
    """A genanki model stamped with `TEMPLATES_REVISED` rather than the build time."""

    def to_json(self, timestamp: float, deck_id: int) -> dict[str, Any]:
        return dict(super().to_json(TEMPLATES_REVISED, deck_id))


class _RevisedNote(genanki.Note):
    """A genanki note stamped with its card's revision time rather than the build time."""

    def __init__(self, modified: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.modified = modified

    def write_to_db(self, cursor: Any, timestamp: float, deck_id: int, id_gen: Any) -> None:
        super().write_to_db(cursor, self.modified, deck_id, id_gen)


def _genanki_model(spec: NoteTypeSpec) -> Any:
    return _FixedTimeModel(
        model_id=spec.model_id,
        name=spec.name,
        fields=[{"name": name} for name in spec.fields],
        templates=[{"name": name, "qfmt": qfmt, "afmt": afmt} for name, qfmt, afmt in spec.templates],
        css=spec.css,
        model_type=genanki.Model.CLOZE if spec.cloze else genanki.Model.FRONT_BACK,
        sort_field_index=spec.sort_field_index,
    )


def _deck_names(decks: list[Deck], parent: str) -> list[str]:
    titles = [_deck_title(deck) for deck in decks]
    repeated = {title for title, count in Counter(t.casefold() for t in titles).items() if count > 1}
    return [
        f"{parent}::{title} ({deck.id})" if title.casefold() in repeated else f"{parent}::{title}"
        for deck, title in zip(decks, titles, strict=True)
    ]


def _source_title(deck: Deck, card: Card) -> str:
    for source in deck.sources:
        if source.id == card.source.source_id:
            return source.title
    return deck.sources[0].title if deck.sources else deck.title


def _check_unique(decks: list[Deck]) -> None:
    deck_ids: set[str] = set()
    card_owner: dict[str, str] = {}
    for deck in decks:
        if deck.id in deck_ids:
            raise ExportError(f"deck {deck.id!r} is given twice", hint="give each deck file once")
        deck_ids.add(deck.id)
        if not deck.cards:
            raise ExportError(f"deck {deck.id!r} has no cards", hint="regenerate it or leave it out")
        if not deck.included_cards():
            raise ExportError(
                f"every card of deck {deck.id!r} is excluded (quizgen pick)",
                hint="include some of its cards, or leave it out",
            )
        for card in deck.included_cards():
            other = card_owner.setdefault(card.id, deck.id)
            if other != deck.id:
                raise ExportError(
                    f"card {card.id} is in both deck {other!r} and deck {deck.id!r}",
                    hint="two decks made from the same article cannot go into one package",
                )


def _validated_note(card: Card, deck: Deck, options: AnkiOptions, models: dict[int, Any], due: int) -> Any:
    where = f"card {card.id} of deck {deck.id!r}"
    try:
        spec, fields = note_fields(card, _source_title(deck, card), options)
    except ValueError as exc:
        raise ExportError(f"{where} cannot be exported: {exc}") from None
    front_fields = fields[:1] if spec is not MULTIPLE_CHOICE else fields[:2]
    if not all(visible_text(value) for value in front_fields):
        raise ExportError(f"{where} has an empty question", hint="fix or remove the card in the deck file")
    note = _RevisedNote(
        modified=note_modified(card),
        model=models[spec.model_id],
        fields=fields,
        tags=note_tags(deck, card),
        guid=note_guid(card),
        due=due,
    )
    if not note.cards:
        # genanki silently writes notes that make no card; Anki would then drop or flag them.
        raise ExportError(f"{where} would make no Anki card", hint="fix or remove the card in the deck file")
    return note


def _build(decks: list[Deck], options: AnkiOptions) -> _Built:
    _check_unique(decks)
    parent = parent_deck_name(options)
    models = {spec.model_id: _genanki_model(spec) for spec in NOTE_TYPES}
    built = _Built()
    # The parent is written too, so that it gets a stable id rather than one Anki makes up.
    built.decks.append(genanki.Deck(anki_id("parent-deck", parent), parent))
    position = itertools.count(1)
    for deck, name in zip(decks, _deck_names(decks, parent), strict=True):
        anki_deck = genanki.Deck(anki_id("deck", deck.id), name)
        for card in deck.included_cards():  # a teacher's excluded cards are left out
            note = _validated_note(card, deck, options, models, due=next(position))
            anki_deck.add_note(note)
            built.notes[note.model.name] += 1
            built.cards += len(note.cards)
            if card.revision is not None and card.revision.content_hash != card.content_hash():
                built.stale += 1
        built.decks.append(anki_deck)
    return built


# ---------------------------------------------------------------------------------------- output


def _checked_output(path: Path) -> Path:
    if path.is_dir():
        raise ExportError(f"{path} is a folder", hint="give -o a file name ending in .apkg")
    if path.suffix.lower() != ".apkg":
        raise ExportError(f"{path} does not end in .apkg", hint="Anki imports packages named NAME.apkg")
    return path


def _file_mode() -> int:
    current = os.umask(0)
    os.umask(current)
    return 0o666 & ~current


def _write_package(decks: list[Any], path: Path) -> None:
    """Write the package atomically: a temp file in the target folder, then `os.replace`.

    genanki's own ``Package.write_to_file`` builds its SQLite file with ``mkstemp`` and never
    deletes it, so the collection is built here in a temporary folder that is cleaned up.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with tempfile.TemporaryDirectory(prefix="quizgen-anki-") as work:
            collection = Path(work) / "collection.anki2"
            connection = sqlite3.connect(collection)
            try:
                now = time.time()
                genanki.Package(decks).write_to_db(connection.cursor(), now, itertools.count(int(now * 1000)))
                connection.commit()
            finally:
                connection.close()
            with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                archive.write(collection, "collection.anki2")
                archive.writestr("media", "{}")
        os.chmod(tmp, _file_mode())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
