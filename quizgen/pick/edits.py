"""A teacher's changes to one card: leave it out, reword it, or give it back the engine's wording.

Each change returns a new card validated by the deck model (a card is never changed in place), with
its `TeacherMarks` kept tidy: `original` holds the engine's wording from the first edit on, an edit
back to that wording clears it, and marks that say nothing are dropped, so that a card a teacher
did not touch stays exactly as it was generated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import ValidationError

from quizgen.errors import EditError
from quizgen.models import Card, CardText, Span, TeacherMarks

CLOZE_BLANK = "_____"
"""Where the answer goes in a fill-in-the-blank question (as the engine writes it)."""
ACCEPTED_SEPARATOR = ";"
"""Between the answers of the form's "also accepted" field."""

_BLANK_RUN = re.compile(r"_{3,}")
_CLOZE_SYNTAX = ("{{", "}}", "::")
_TRUE_FALSE = {"true": "True", "t": "True", "false": "False", "f": "False"}


@dataclass(frozen=True)
class CardEdit:
    """The wording the edit form gives back for one card."""

    question: str
    answer: str
    wrong_choices: tuple[str, ...] = ()
    """Multiple choice: the choices other than the answer, in the order shown."""
    accepted_answers: tuple[str, ...] = ()
    """Short answer and fill in the blank: other answers graded right."""

    @classmethod
    def of(cls, card: Card) -> CardEdit:
        """The card's wording as it stands: what the form starts from."""
        return cls(
            question=card.question,
            answer=card.answer,
            wrong_choices=tuple(choice for choice in card.choices if choice != card.answer),
            accepted_answers=tuple(card.accepted_answers),
        )


def split_answers(text: str) -> tuple[str, ...]:
    """``"12; twelve"`` → ``("12", "twelve")``: the answers of an "also accepted" field."""
    return tuple(part.strip() for part in text.split(ACCEPTED_SEPARATOR) if part.strip())


def edit_card(card: Card, edit: CardEdit) -> Card:
    """`card` reworded as `edit` says, or an `EditError` naming the first problem (one line).

    Text is put on one line; the answer stays where it stood among the choices, and the answer
    highlighted in the source sentence follows a changed answer."""
    question = _one_line(edit.question)
    answer = _one_line(edit.answer)
    if not question:
        raise EditError("the question is empty")
    if not answer:
        raise EditError("the answer is empty")
    updates: dict[str, object] = {"question": question, "answer": answer}
    if card.kind == "multiple_choice":
        updates["choices"] = _choices(card, answer, [_one_line(choice) for choice in edit.wrong_choices])
    elif card.kind == "true_false":
        value = _TRUE_FALSE.get(answer.casefold())
        if value is None:
            raise EditError(f"a true/false answer is True or False, not “{answer}”")
        updates["answer"] = answer = value
    if card.kind in ("short_answer", "cloze"):
        updates["accepted_answers"] = _accepted(answer, edit.accepted_answers)
    if card.kind == "cloze" and (question, answer) != (card.question, card.answer):
        question, updates["cloze"] = _cloze(question, answer)
        updates["question"] = question
    if answer.casefold() != card.answer.casefold() and card.kind != "true_false":
        updates["highlight"] = _find(answer, card.context)
    wording = CardText.model_validate({**card.text().model_dump(), **updates})
    if wording == card.text():
        return card
    original = card.teacher.original if card.teacher and card.teacher.original else card.text()
    return _with(card, wording, excluded=card.excluded, original=None if wording == original else original)


def set_excluded(card: Card, excluded: bool) -> Card:
    """`card` left out of (or back in) every export and study session."""
    if card.excluded == excluded:
        return card
    original = card.teacher.original if card.teacher else None
    return _with(card, card.text(), excluded=excluded, original=original)


def restore_original(card: Card) -> Card:
    """`card` with the engine's wording back (its exclusion is kept)."""
    if card.teacher is None or card.teacher.original is None:
        return card
    return _with(card, card.teacher.original, excluded=card.excluded, original=None)


def with_teacher_wording(card: Card, wording: CardText, excluded: bool) -> Card:
    """A (regenerated) `card` carrying a teacher's `wording` and exclusion; the card's own wording
    becomes the original. Raises `EditError` when the wording does not fit the card."""
    engine = card.text()
    return _with(card, wording, excluded=excluded, original=None if wording == engine else engine)


# ------------------------------------------------------------------------------------- helpers


def _with(card: Card, wording: CardText, excluded: bool, original: CardText | None) -> Card:
    marks = TeacherMarks(excluded=excluded, original=original)
    data = {**card.model_dump(), **wording.model_dump()}
    data["teacher"] = None if marks.is_empty else marks.model_dump()
    try:
        return Card.model_validate(data)
    except ValidationError as exc:
        problem = exc.errors()[0]
        raise EditError(str(problem["msg"]).removeprefix("Value error, ")) from None


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _choices(card: Card, answer: str, wrong: list[str]) -> list[str]:
    if not wrong:
        raise EditError("a multiple-choice card needs at least one wrong choice")
    seen = {answer.casefold()}
    for number, choice in enumerate(wrong, start=1):
        if not choice:
            raise EditError(f"wrong choice {number} is empty")
        if choice.casefold() == answer.casefold():
            raise EditError(f"wrong choice {number} is the answer (“{choice}”)")
        if choice.casefold() in seen:
            raise EditError(f"“{choice}” is offered twice")
        seen.add(choice.casefold())
    # the answer keeps its place among the choices (the engine shuffled them once, on purpose)
    at = card.choices.index(card.answer) if card.answer in card.choices else 0
    at = min(at, len(wrong))
    return [*wrong[:at], answer, *wrong[at:]]


def _accepted(answer: str, given: tuple[str, ...]) -> list[str]:
    accepted: list[str] = []
    seen = {answer.casefold()}
    for text in given:
        text = _one_line(text)
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            accepted.append(text)
    return accepted


def _cloze(question: str, answer: str) -> tuple[str, str]:
    """The question with its blank written as `CLOZE_BLANK`, and the Anki cloze text."""
    blanks = _BLANK_RUN.findall(question)
    if len(blanks) != 1:
        found = "has no blank" if not blanks else f"has {len(blanks)} blanks"
        raise EditError(f"a fill-in-the-blank question needs one blank {CLOZE_BLANK} ({found})")
    if any(mark in answer for mark in _CLOZE_SYNTAX):
        raise EditError("a fill-in-the-blank answer cannot contain {{, }} or :: (Anki's cloze marks)")
    question = _BLANK_RUN.sub(CLOZE_BLANK, question)
    return question, question.replace(CLOZE_BLANK, "{{c1::" + answer + "}}", 1)


def _find(answer: str, context: str) -> Span | None:
    at = context.casefold().find(answer.casefold())
    # casefold can change lengths ("ß" → "ss"): only trust a match that lines up with the text
    if at < 0 or context[at : at + len(answer)].casefold() != answer.casefold():
        return None
    return Span(start=at, end=at + len(answer))
