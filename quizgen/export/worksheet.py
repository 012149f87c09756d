"""What a printed worksheet says, shared by its HTML, Markdown and PDF renderings.

A worksheet is a title, a name/date line, short instructions for the kinds of question on it,
numbered questions (choices lettered a, b, c …; blanks as lines; true/false to circle T or F) and,
on a page of its own, the answer key of that version. The renderers decide only how it looks.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from quizgen.export.html import choice_label
from quizgen.export.selection import Question, QuestionSet, Version, number_text, one_line

INSTRUCTIONS = {
    "multiple_choice": "circle the letter of the best answer",
    "true_false": "circle T if the statement is true, F if it is false",
    "cloze": "write the missing words in the blank",
    "short_answer": "write the answer on the line",
}
KIND_ORDER = ("multiple_choice", "true_false", "cloze", "short_answer")
NAME_LINE = ("Name", "Date")


def instructions(version: Version) -> str:
    """One sentence for the kinds of question this version asks."""
    kinds = set(version.kind_counts())
    parts = [INSTRUCTIONS[kind] for kind in KIND_ORDER if kind in kinds]
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


def summary_line(question_set: QuestionSet, version: Version) -> str:
    """``12 questions · 24 points · from: Marie Curie``."""
    count = len(version.questions)
    parts = [f"{count} question" + ("" if count == 1 else "s")]
    if question_set.points_given:
        parts.append(f"{number_text(question_set.points * count)} points")
    sources = list(dict.fromkeys(q.source_title for q in version.questions if q.source_title))
    if len(sources) > 3:
        parts.append(f"from {len(sources)} articles")
    elif sources:
        parts.append("from: " + ", ".join(sources))
    return " · ".join(parts)


def points_note(question_set: QuestionSet) -> str:
    """``(2 points)`` after each question, only when ``--points`` was given."""
    if not question_set.points_given:
        return ""
    points = number_text(question_set.points)
    # a no-break space: "(2" and "points)" never end up on two lines
    return f"({points}\u00a0point{'' if points == '1' else 's'})"


def choice_letter(index: int) -> str:
    """``a``, ``b``, ``c`` …"""
    return choice_label(index).lower()


@dataclass(frozen=True)
class PromptPiece:
    """A piece of a question's text: words, or the blank to fill in."""

    text: str
    blank: bool = False


def prompt_pieces(question: Question) -> Iterator[PromptPiece]:
    """The prompt as text and blanks (a cloze prompt without a blank gets one at the end)."""
    if question.kind != "cloze":
        yield PromptPiece(question.prompt)
        return
    parts = question.blank_parts()
    if parts is None:
        yield PromptPiece(question.prompt + " ")
        yield PromptPiece("", blank=True)
        return
    before, after = parts
    if before:
        yield PromptPiece(before)
    yield PromptPiece("", blank=True)
    if after:
        yield PromptPiece(after)


def key_answer(question: Question) -> str:
    """The answer as the key gives it: ``b) Warsaw``, ``True``, ``radioactivity``."""
    return question.correct_label


def key_also(question: Question) -> str:
    """Other answers to accept when marking, or empty."""
    if question.kind not in ("short_answer", "cloze"):
        return ""
    answers = dict.fromkeys(one_line(a) for a in question.card.accepted_answers)
    others = [a for a in answers if a and a.casefold() != question.answer.casefold()]
    return "also accept: " + "; ".join(others) if others else ""
