"""Which cards a classroom question set asks, in which order, and in how many versions.

Every classroom format (GIFT, Moodle XML, Aiken, QTI, CSV, Kahoot, worksheets) is written from the
same `QuestionSet`, so that ``--kinds``, ``--count``, ``--versions`` and ``--seed`` mean the same
thing whatever the format:

1. cards of the chosen ``kinds`` only;
2. cards the format can hold (a format says why it skips the others, and the user is told how many);
3. one question per source sentence: cards of one ``group`` ask about the same sentence, and on a
   test one would give the other's answer away, so only the best-ranked of them is kept (unless
   ``siblings`` is set);
4. the ``count`` best-ranked cards by ``score``;
5. asked in article order (the decks' own order), or, with a seed, shuffled: questions and the
   choices of each multiple-choice question, reproducibly, each version its own order.

All text is tidied once here (one line, no control characters) so that line-based formats and XML
never meet a stray newline or a character XML cannot hold.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from quizgen.errors import ExportError
from quizgen.export.html import choice_label
from quizgen.models import Card, Deck, strip_true_false_lead
from quizgen.words import counted

KIND_NAMES = {
    "short_answer": "short answer",
    "multiple_choice": "multiple choice",
    "true_false": "true/false",
    "cloze": "fill in the blank",
}
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
BLANK = "_____"
"""How a blank stands in a prompt (the deck's own cloze questions use it too)."""

_BLANK_RUN = re.compile(r"_{3,}")
# Characters XML 1.0 cannot hold, and other control characters no question needs.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+(?=\S)", re.IGNORECASE)
_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                 "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
                 "nineteen", "twenty")  # fmt: skip
_MAX_RESHUFFLES = 50

SkipReason = Callable[[Card], str | None]
"""A format's test of a card: None when it can ask it, else why not (``"not multiple choice"``)."""


def one_line(text: str) -> str:
    """``text`` on one line: control characters dropped, runs of whitespace made one space."""
    return " ".join(_CONTROL.sub("", text).split())


def number_text(value: float) -> str:
    """A number as a person writes it: ``1.0`` → ``"1"``, ``2.5`` → ``"2.5"``."""
    return f"{value:.7f}".rstrip("0").rstrip(".")


def true_false_statement(question: str) -> str:
    """A true/false card's statement without its ``True or false:`` lead-in."""
    return strip_true_false_lead(question).strip() or question


def answer_variants(card: Card) -> tuple[str, ...]:
    """Every answer a typed-answer question should accept: the card's answer and accepted answers,
    each also without a leading article, without accents, and as digits or as a number word.

    Learning platforms compare typed answers ignoring case only, so the variants a person would
    type are listed out; duplicates that differ only in case are dropped.
    """
    variants: list[str] = []
    seen: set[str] = set()

    def add(text: str) -> None:
        text = one_line(text)
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            variants.append(text)

    for answer in (card.answer, *card.accepted_answers):
        add(answer)
    for answer in list(variants):
        add(_LEADING_ARTICLE.sub("", answer))
    for answer in list(variants):
        add(_without_accents(answer))
        lowered = answer.lower()
        if lowered in _NUMBER_WORDS:
            add(str(_NUMBER_WORDS.index(lowered)))
        elif answer.isdigit() and int(answer) < len(_NUMBER_WORDS):
            add(_NUMBER_WORDS[int(answer)])
    return tuple(variants)


def _without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


# ---------------------------------------------------------------------------------- questions


@dataclass(frozen=True)
class Question:
    """One card as one version of a question set asks it (all text on one line)."""

    number: int
    """1, 2, … in the order asked."""
    card: Card
    kind: str
    prompt: str
    """What is asked. Cloze: the sentence with `BLANK`; true/false: the bare statement."""
    choices: tuple[str, ...]
    """Multiple choice: in the order shown; true/false: ``("True", "False")``; else empty."""
    answer: str
    accepted: tuple[str, ...]
    """Typed answers that count (`answer_variants`), the answer first."""
    context: str
    """The source sentence."""
    source_title: str
    deck_title: str

    @property
    def correct_index(self) -> int | None:
        """Where the answer stands among `choices` (None for typed answers)."""
        return self.choices.index(self.answer) if self.answer in self.choices else None

    @property
    def correct_label(self) -> str:
        """The answer as an answer key gives it: ``b) Warsaw``, ``True`` or the typed answer."""
        index = self.correct_index
        if self.kind == "multiple_choice" and index is not None:
            return f"{choice_label(index).lower()}) {self.answer}"
        return self.answer

    @property
    def other_answers(self) -> tuple[str, ...]:
        """Accepted answers other than `answer`."""
        return self.accepted[1:]

    def blank_parts(self) -> tuple[str, str] | None:
        """A cloze prompt split around its (first) blank: ``("text before", "text after")``."""
        found = _BLANK_RUN.search(self.prompt)
        if found is None:
            return None
        return self.prompt[: found.start()], self.prompt[found.end() :]

    @property
    def feedback(self) -> str:
        """The source sentence as feedback: ``Source: “…” (Article title)``."""
        if not self.context:
            return ""
        where = f" ({self.source_title})" if self.source_title else ""
        return f"Source: “{self.context}”{where}"


@dataclass(frozen=True)
class Version:
    """One version of a question set: its label (``A``, ``B`` …, or empty) and its questions."""

    label: str
    questions: tuple[Question, ...]

    def kind_counts(self) -> Counter[str]:
        return Counter(question.kind for question in self.questions)


@dataclass(frozen=True)
class QuestionSet:
    """What a classroom export writes: a title, the points per question, and one or more versions."""

    title: str
    points: float
    points_given: bool
    """Whether ``--points`` was given (worksheets show points only then)."""
    versions: tuple[Version, ...]
    notices: tuple[str, ...] = field(default_factory=tuple)
    """One line each: cards left out, and why."""

    def title_of(self, version: Version) -> str:
        """The title a version is shown with: ``Marie Curie — version B``."""
        return f"{self.title} — version {version.label}" if version.label else self.title

    @property
    def question_count(self) -> int:
        return len(self.versions[0].questions)


@dataclass(frozen=True)
class SelectionOptions:
    """What the user asked for (see the module docstring for the order they apply in)."""

    kinds: tuple[str, ...] | None = None
    count: int | None = None
    siblings: bool = False
    versions: int | None = None
    """None: one unversioned set; N: N versions labelled A, B, …"""
    seed: int | None = None
    """Shuffle with this seed (``versions`` without a seed shuffles with seed 0)."""
    title: str | None = None
    points: float | None = None


@dataclass(frozen=True)
class _Chosen:
    deck: Deck
    card: Card
    position: int  # in article order across all decks


def build_question_set(
    decks: Sequence[Deck], options: SelectionOptions, format_name: str, skip: SkipReason | None = None
) -> QuestionSet:
    """Choose, order and (with a seed) shuffle the questions of every version.

    Raises `ExportError` when nothing is left to ask, naming what was asked for.
    """
    if options.count is not None and options.count < 1:
        raise ExportError(f"--count must be 1 or more, not {options.count}")
    if options.versions is not None and options.versions < 1:
        raise ExportError(f"--versions must be 1 or more, not {options.versions}")
    if options.points is not None and not options.points > 0:
        raise ExportError(f"--points must be more than 0, not {options.points:g}")
    notices: list[str] = []
    candidates = _of_kinds(decks, options.kinds)
    candidates = _askable(candidates, format_name, skip, notices)
    if not options.siblings:
        candidates = _one_per_sentence(candidates, notices)
    chosen = _best(candidates, options.count, notices)
    title = one_line(options.title) if options.title is not None else _default_title(decks)
    if not title:
        raise ExportError("--title is empty", hint="give the question set a title, or leave --title out")
    versions = _versions(chosen, options)
    return QuestionSet(
        title=title,
        points=options.points if options.points is not None else 1.0,
        points_given=options.points is not None,
        versions=versions,
        notices=tuple(notices),
    )


def _of_kinds(decks: Sequence[Deck], kinds: Sequence[str] | None) -> list[_Chosen]:
    # a card a teacher excluded (quizgen pick) is never asked
    cards = [
        _Chosen(deck, card, position)
        for position, (deck, card) in enumerate(
            (deck, card) for deck in decks for card in deck.included_cards()
        )
    ]
    if not cards:
        names = ", ".join(deck.title for deck in decks)
        if len(decks) == 1:
            raise ExportError(decks[0].no_cards_message())
        raise ExportError(f"the decks {names} have no cards to ask")
    if kinds:
        cards = [item for item in cards if item.card.kind in kinds]
        if not cards:
            wanted = " or ".join(KIND_NAMES.get(kind, kind) for kind in kinds)
            raise ExportError(
                f"the decks have no {wanted} cards", hint="choose other --kinds, or leave --kinds out"
            )
    return cards


def _askable(
    cards: list[_Chosen], format_name: str, skip: SkipReason | None, notices: list[str]
) -> list[_Chosen]:
    if skip is None:
        return cards
    kept: list[_Chosen] = []
    reasons: Counter[str] = Counter()
    for item in cards:
        reason = skip(item.card)
        if reason is None:
            kept.append(item)
        else:
            reasons[reason] += 1
    if not kept:
        why = "; ".join(f"{n} {reason}" for reason, n in reasons.most_common())
        raise ExportError(
            f"none of the {counted(len(cards), 'card')} can be written as {format_name} ({why})",
            hint="choose another format (see 'quizgen export --help')",
        )
    for reason, n in reasons.most_common():
        notices.append(f"{format_name}: skipped {counted(n, 'card')} ({reason})")
    return kept


def _one_per_sentence(cards: list[_Chosen], notices: list[str]) -> list[_Chosen]:
    best: dict[tuple[str, str], _Chosen] = {}
    for item in cards:
        if item.card.group is None:
            continue
        key = (item.deck.id, item.card.group)
        if key not in best or _rank_key(item) < _rank_key(best[key]):
            best[key] = item
    kept = [
        item for item in cards if item.card.group is None or best[(item.deck.id, item.card.group)] is item
    ]
    left_out = len(cards) - len(kept)
    if left_out:
        notices.append(
            f"left out {counted(left_out, 'card')} asking about a sentence another question already "
            "asks about (its answer would show); --siblings keeps them"
        )
    return kept


def _rank_key(item: _Chosen) -> tuple[float, int]:
    return (-item.card.score, item.position)


def _best(cards: list[_Chosen], count: int | None, notices: list[str]) -> list[_Chosen]:
    if count is None:
        return cards
    if count > len(cards):
        notices.append(f"asked for {count} questions; there are {len(cards)} to ask")
        return cards
    chosen = sorted(cards, key=_rank_key)[:count]
    return sorted(chosen, key=lambda item: item.position)


def _default_title(decks: Sequence[Deck]) -> str:
    titles = list(dict.fromkeys(one_line(deck.title) for deck in decks))
    if len(titles) <= 3:
        return ", ".join(title for title in titles if title) or "Quiz"
    return f"{titles[0]} and {len(titles) - 1} more articles"


# ------------------------------------------------------------------------------------ versions


def version_labels(count: int) -> list[str]:
    """``A``, ``B`` … ``Z``, ``AA`` …"""
    return [choice_label(index) for index in range(count)]


def _versions(chosen: list[_Chosen], options: SelectionOptions) -> tuple[Version, ...]:
    if options.versions is None and options.seed is None:
        return (Version("", _numbered(chosen, rng=None)),)
    seed = options.seed if options.seed is not None else 0
    labels = version_labels(options.versions) if options.versions is not None else [""]
    versions: list[Version] = []
    orders: set[tuple[str, ...]] = set()
    for index, label in enumerate(labels):
        # One generator per version, seeded by the seed and the version's place: version A of
        # ``--versions 3 --seed 7`` is the same as ``--versions 2 --seed 7``'s and ``--seed 7``'s.
        rng = random.Random(f"quizgen-question-set:{seed}:{index}")
        order = list(chosen)
        rng.shuffle(order)
        for _ in range(_MAX_RESHUFFLES):
            if _order_key(order) not in orders:
                break
            rng.shuffle(order)  # another version already asks in this order
        orders.add(_order_key(order))
        versions.append(Version(label, _numbered(order, rng=rng)))
    return tuple(versions)


def _order_key(order: list[_Chosen]) -> tuple[str, ...]:
    return tuple(f"{item.deck.id}/{item.card.id}" for item in order)


def _numbered(order: list[_Chosen], rng: random.Random | None) -> tuple[Question, ...]:
    return tuple(_question(number, item, rng) for number, item in enumerate(order, start=1))


def _question(number: int, item: _Chosen, rng: random.Random | None) -> Question:
    card = item.card
    choices: tuple[str, ...] = ()
    if card.kind == "multiple_choice":
        shown = [one_line(choice) for choice in card.choices]
        if rng is not None:
            rng.shuffle(shown)
        choices = tuple(shown)
    elif card.kind == "true_false":
        choices = ("True", "False")
    prompt = one_line(card.question)
    if card.kind == "true_false":
        prompt = true_false_statement(prompt)
    answer = one_line(card.answer)
    return Question(
        number=number,
        card=card,
        kind=card.kind,
        prompt=prompt,
        choices=choices,
        answer=answer,
        accepted=answer_variants(card) if card.kind in ("short_answer", "cloze") else (answer,),
        context=one_line(card.context),
        source_title=_source_title(item.deck, card),
        deck_title=one_line(item.deck.title),
    )


def _source_title(deck: Deck, card: Card) -> str:
    for source in deck.sources:
        if source.id == card.source.source_id:
            return one_line(source.title)
    return one_line(deck.title)
