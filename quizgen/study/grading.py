"""Grading answers forgivingly, and saying what was forgiven.

A typed answer counts when it matches the card's answer (or one of its ``accepted_answers``) after
forgiving case, accents, punctuation, a leading article, number words (``three`` = ``3``) and a small
misspelling. The misspelling rule is deliberately narrow so that near-miss *wrong* answers stay
wrong: numbers and years must match exactly (1903 ≠ 1904), Roman numerals too (World War I ≠ II),
answers of three letters or fewer must be exact, the first letter must agree, and the edit must be
small relative to the word (Austria ≠ Australia, Iran ≠ Iraq).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from quizgen.models import Card

ARTICLES = frozenset({"a", "an", "the"})
_UP_TO_TEN = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_UP_TO_TWENTY = ("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
                 "nineteen", "twenty")  # fmt: skip
NUMBER_WORDS = {word: str(value) for value, word in enumerate((*_UP_TO_TEN, *_UP_TO_TWENTY))}
MIN_SIMILARITY = 0.8
"""Share of characters that must survive a misspelling (1 - distance / length)."""
EXACT_UP_TO = 3
"""Answers this short (letters, spaces ignored) are never fuzzy-matched."""

_ROMAN = re.compile(r"^(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})$")
_DIGIT_GROUP_COMMA = re.compile(r"(?<=\d),(?=\d{3}\b)")
_DELETED_PUNCTUATION = str.maketrans("", "", ".'’`´")


@dataclass(frozen=True)
class Grade:
    """The verdict on one answer."""

    correct: bool
    """Whether the answer counts as right."""
    exact: bool
    """Right as typed, with nothing forgiven."""
    explanation: str
    """One line for the learner: what was forgiven, or what was expected."""


def grade(card: Card, response: str) -> Grade:
    """Grade `response` to `card`: choice cards compare the choice, typed cards are forgiving."""
    response = " ".join(response.split())
    if not response:
        return Grade(correct=False, exact=False, explanation="No answer.")
    if card.kind == "true_false":
        return _grade_true_false(card.answer, response)
    if card.kind == "multiple_choice":
        if response == card.answer or response.casefold() == card.answer.casefold():
            return Grade(correct=True, exact=True, explanation="Right.")
        return Grade(correct=False, exact=False, explanation=f"The answer is “{card.answer}”.")
    return grade_text(response, card.answer, card.accepted_answers)


def grade_text(response: str, answer: str, accepted: Iterable[str] = ()) -> Grade:
    """Grade a typed answer against the answer and the other accepted answers."""
    response = " ".join(response.split())
    if not response:
        return Grade(correct=False, exact=False, explanation="No answer.")
    targets = [" ".join(answer.split()), *(" ".join(a.split()) for a in accepted if a.strip())]

    def also(target: str) -> str:
        return "" if target == targets[0] else f" “{target}” is an accepted answer."

    for target in targets:
        if response == target:
            return Grade(correct=True, exact=True, explanation=("Right." + also(target)).strip())
    for target in targets:
        forgiven = _forgiven(response, target)
        if forgiven is not None:
            return Grade(
                correct=True, exact=False, explanation=f"Right — ignoring {_join(forgiven)}.{also(target)}"
            )
    for target in targets:
        if is_close_misspelling(normalize(response), normalize(target)):
            return Grade(correct=True, exact=False, explanation=f"Close enough — spelled {target}.")
    note = ""
    if _has_digits(normalize(response)) and _has_digits(normalize(answer)):
        note = " Numbers must match exactly."
    return Grade(correct=False, exact=False, explanation=f"The answer is “{targets[0]}”.{note}")


# --------------------------------------------------------------------------------- normalisation


def _case(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _punctuation(text: str) -> str:
    text = _DIGIT_GROUP_COMMA.sub("", text).translate(_DELETED_PUNCTUATION)
    kept = (ch if ch.isalnum() or ch.isspace() else " " for ch in text)
    return " ".join("".join(kept).split())


def _article(text: str) -> str:
    words = text.split()
    if len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    return " ".join(words)


def _numbers(text: str) -> str:
    return " ".join(NUMBER_WORDS.get(word, word) for word in text.split())


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
