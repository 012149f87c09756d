"""Grading answers forgivingly, and saying what was forgiven.

A typed answer counts when it matches the card's answer (or one of its ``accepted_answers``) after
forgiving case, accents, punctuation, a leading article, numbers written as words (``three`` = ``3``,
``seventy-five`` = ``75``, ``1.5 million`` = ``1500000``) and a small misspelling; and also when it
states the same amount however written (``8.6%`` = ``8.6 percent``, ``$9 trillion`` = ``9 trillion
dollars``, ``169 lbs`` = ``169 pounds``, see `quantities`), uses an abbreviation the deck knows for a
name it gives in full or the other way round (``the U.S.`` = ``the United States``, ``JFHQ`` = ``Joint
Force Headquarters``, see `abbreviations`), or puts a preposition before a place or a time
(``in Hawaii`` for "Where …?").

Every rule is deliberately narrow so that near-miss *wrong* answers stay wrong: numbers are compared
by exact value (1903 ≠ 1904, 8.6 ≠ 8.5, $9 billion ≠ $9 trillion) and units must agree (169 kg ≠ 169
pounds); Roman numerals must match (World War I ≠ II); answers of three letters or fewer are never
fuzzy; a misspelling must keep the first letter and be small relative to the word (Austria ≠
Australia, Iran ≠ Iraq). When a wrong answer's number differs, the feedback says what was expected.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from quizgen.models import Card
from quizgen.study.abbreviations import Glossary
from quizgen.study.quantities import Quantity, numbers_in_text, parse_quantity

ARTICLES = frozenset({"a", "an", "the"})
PREPOSITIONS = ("in", "on", "at", "near", "from")
"""Words a learner may put before a place or a time ("in Hawaii", "on 12 May 1994", "at Oxford")."""
MIN_SIMILARITY = 0.8
"""Share of characters that must survive a misspelling (1 - distance / length)."""
EXACT_UP_TO = 3
"""Answers this short (letters, spaces ignored) are never fuzzy-matched."""

_ROMAN = re.compile(r"^(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})$")
_DIGIT_GROUP_COMMA = re.compile(r"(?<=\d),(?=\d{3}\b)")
_DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")
_DELETED_PUNCTUATION = str.maketrans("", "", ".'’`´")
_SIGNS = frozenset("$£€¥%°")
_LEADING_PREPOSITION = re.compile(r"^(?:" + "|".join(PREPOSITIONS) + r")\s+(?=\S)", re.IGNORECASE)
_PLACE_OR_TIME_QUESTION = re.compile(
    r"^(?:where|when|(?:in|on|at|near|from) (?:what|which)"
    r"|(?:what|which) (?:year|date|day|month|century|decade))\b",
    re.IGNORECASE,
)
_PLACE_OR_TIME_TAGS = frozenset(
    {
        "answer::gpe",
        "answer::loc",
        "answer::fac",
        "answer::date",
        "answer::time",
        "fact::location",
        "fact::date",
    }
)


@dataclass(frozen=True)
class Grade:
    """The verdict on one answer."""

    correct: bool
    """Whether the answer counts as right."""
    exact: bool
    """Right as typed, with nothing forgiven."""
    explanation: str
    """One line for the learner: what was forgiven, or what was expected."""
    overridden: bool = False
    """Graded wrong, then counted right by the learner ("I was right")."""


def grade(card: Card, response: str, glossary: Glossary | None = None) -> Grade:
    """Grade `response` to `card`: choice cards compare the choice, typed cards are forgiving.

    `glossary` holds the abbreviations of the card's deck (by default those every deck knows)."""
    response = " ".join(response.split())
    if not response:
        return Grade(correct=False, exact=False, explanation="No answer.")
    if card.kind == "true_false":
        return _grade_true_false(card.answer, response)
    if card.kind == "multiple_choice":
        if response == card.answer or response.casefold() == card.answer.casefold():
            return Grade(correct=True, exact=True, explanation="Right.")
        return Grade(correct=False, exact=False, explanation=f"The answer is “{card.answer}”.")
    return grade_text(
        response,
        card.answer,
        card.accepted_answers,
        question=card.question,
        place_or_time=asks_place_or_time(card),
        glossary=glossary,
    )


def asks_place_or_time(card: Card) -> bool:
    """Whether the card asks where or when (so "in Hawaii" may answer it)."""
    return bool(_PLACE_OR_TIME_QUESTION.match(card.question.strip())) or bool(
        _PLACE_OR_TIME_TAGS.intersection(card.tags)
    )


def grade_text(
    response: str,
    answer: str,
    accepted: Iterable[str] = (),
    *,
    question: str = "",
    place_or_time: bool = False,
    glossary: Glossary | None = None,
) -> Grade:
    """Grade a typed answer against the answer and the other accepted answers.

    `question` lets abbreviations the card itself asks about stay strict; `place_or_time` allows a
    leading preposition ("in Hawaii").
    """
    response = " ".join(response.split())
    if not response:
        return Grade(correct=False, exact=False, explanation="No answer.")
    targets = [" ".join(answer.split()), *(" ".join(a.split()) for a in accepted if a.strip())]
    glossary = glossary or Glossary()

    def also(target: str) -> str:
        return "" if target == targets[0] else f" “{target}” is an accepted answer."

    for target in targets:
        if response == target:
            return Grade(correct=True, exact=True, explanation=("Right." + also(target)).strip())
    readings: list[tuple[str, list[str]]] = [(response, [])]
    if place_or_time:
        bare = _LEADING_PREPOSITION.sub("", response)
        if bare != response:
            readings.append((bare, [f"“{response[: len(response) - len(bare)].strip()}”"]))
    for reading, ignored in readings:
        for target in targets:
            if place_or_time and _LEADING_PREPOSITION.match(target) and reading is not response:
                continue  # the answer itself begins with a preposition: the learner's must agree
            why = _why_same(reading, target, ignored, question, glossary)
            if why is not None:
                return Grade(correct=True, exact=False, explanation=f"Right — {why}.{also(target)}")
    for reading, _ in readings:
        for target in targets:
            if is_close_misspelling(normalize(reading), normalize(target)):
                return Grade(correct=True, exact=False, explanation=f"Close enough — spelled {target}.")
    return Grade(correct=False, exact=False, explanation=_expected(readings[-1][0], targets[0]))


def _why_same(
    response: str, target: str, ignored: list[str], question: str, glossary: Glossary
) -> str | None:
    """Why `response` counts as `target` (what the learner is told), or None when it does not."""
    forgiven = [] if response == target else _forgiven(response, target)
    if forgiven is not None:
        return "ignoring " + _join([*ignored, *forgiven])
    amount, expected = parse_quantity(response), parse_quantity(target)
    if amount is not None and expected is not None and _same_amount(amount, expected):
        return f"“{response}” is “{target}”"
    ours, used = glossary.canonical(response, normalize, question, target)
    theirs, used_too = glossary.canonical(target, normalize, question, target)
    if (used or used_too) and ours.replace(" ", "") == theirs.replace(" ", ""):
        entries = list(dict.fromkeys([*used, *used_too]))
        meaning = "; ".join(f"“{entry.short}” stands for “{entry.long}”" for entry in entries)
        return ("ignoring " + _join(ignored) + "; " if ignored else "") + meaning
    return None


def _same_amount(amount: Quantity, expected: Quantity) -> bool:
    """Equal values whose units agree; a unit left out (or added where the answer has none) is
    understood, but two different units never agree."""
    if amount.value != expected.value:
        return False
    return not amount.units or not expected.units or amount.same_unit(expected)


def _expected(response: str, target: str) -> str:
    """What a wrong answer is told: the answer, and for a wrong amount what differs."""
    amount, expected = parse_quantity(response), parse_quantity(target)
    if amount is None or expected is None:
        return f"The answer is “{target}”."
    if amount.value == expected.value and not _same_amount(amount, expected):
        return (
            f"The answer is “{target}”: the number is right, but the unit is {expected.unit_name()}, "
            f"not {amount.unit_name()}."
        )
    return f"The answer is “{target}”, not “{response}”."


# --------------------------------------------------------------------------------- normalisation


def _case(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _punctuation(text: str) -> str:
    # A decimal point is part of its number (8.6 is not 86), and a currency or percent sign is a word
    # ($9 is not €9); other dots go (U.S.A. = USA) and other marks become spaces.
    text = _DECIMAL_POINT.sub("\x00", _DIGIT_GROUP_COMMA.sub("", text)).translate(_DELETED_PUNCTUATION)
    kept = (
        ch if ch.isalnum() or ch.isspace() or ch == "\x00" else f" {ch} " if ch in _SIGNS else " "
        for ch in text
    )
    return " ".join("".join(kept).split()).replace("\x00", ".")


def _article(text: str) -> str:
    words = text.split()
    if len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    return " ".join(words)


def _numbers(text: str) -> str:
    return numbers_in_text(text)


# Applied in this order; each name is what the learner is told was ignored.
_STAGES: tuple[tuple[str, Callable[[str], str]], ...] = (
    ("case", _case),
    ("accents", _accents),
    ("punctuation", _punctuation),
    ("the article", _article),
    ("numbers written as words", _numbers),
)


def _apply(text: str, upto: int, skip: int | None = None) -> str:
    for index, (_, step) in enumerate(_STAGES[:upto]):
        if index != skip:
            text = step(text)
    return text


def normalize(text: str) -> str:
    """The fully forgiven form of an answer: what two answers are compared as."""
    return _apply(" ".join(text.split()), len(_STAGES))


def _forgiven(response: str, target: str) -> list[str] | None:
    """What had to be ignored for `response` to equal `target`, or None when it never does.

    The first stage at which the two agree (spaces aside) decides; a stage is named only when
    leaving it out would break the match, so "Curié" for "Curie" mentions accents, not case.
    """

    def same(upto: int, skip: int | None = None) -> bool:
        return _apply(response, upto, skip).replace(" ", "") == _apply(target, upto, skip).replace(" ", "")

    for upto in range(1, len(_STAGES) + 1):
        if not same(upto):
            continue
        forgiven = [_STAGES[i][0] for i in range(upto) if not same(upto, skip=i)]
        if _apply(response, upto) != _apply(target, upto):
            forgiven.append("spacing")
        return forgiven or ["spacing"]
    return None


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# ---------------------------------------------------------------------------------- misspellings


def _has_digits(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _roman_numerals(text: str) -> list[str]:
    return sorted(word for word in text.split() if _ROMAN.match(word))


def allowed_edits(length: int) -> int:
    """How many typos an answer of `length` letters may carry."""
    if length <= EXACT_UP_TO:
        return 0
    if length <= 8:
        return 1
    return 2 if length <= 15 else 3


def is_close_misspelling(response: str, target: str) -> bool:
    """Whether normalised `response` is a small misspelling of normalised `target`.

    Transposed letters count as one edit (optimal string alignment distance). Numbers, Roman
    numerals and short answers must match exactly, and the first letter must agree.
    """
    if not response or not target or response[0] != target[0]:
        return False
    if _has_digits(response) or _has_digits(target):
        return False
    if _roman_numerals(response) != _roman_numerals(target):
        return False
    ours, theirs = response.replace(" ", ""), target.replace(" ", "")
    distance = OSA.distance(ours, theirs)
    if distance > allowed_edits(len(theirs)):
        return False
    return 1 - distance / max(len(ours), len(theirs)) >= MIN_SIMILARITY


def _grade_true_false(answer: str, response: str) -> Grade:
    said = {"t": "True", "true": "True", "f": "False", "false": "False"}.get(response.casefold())
    if said is None:
        return Grade(correct=False, exact=False, explanation="Answer true or false.")
    if said == answer:
        return Grade(correct=True, exact=True, explanation="Right.")
    return Grade(correct=False, exact=False, explanation=f"The statement is {answer.lower()}.")
