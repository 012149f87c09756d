"""Aiken: Moodle's simplest import format, multiple-choice questions only.

Each question is its text on one line, one line per choice (``A. …``), then ``ANSWER: B`` and a
blank line. Other card kinds cannot be written and are skipped (the user is told how many).

Aiken has no escaping: Moodle reads a line that starts with a capital letter and ``.`` or ``)`` and
a space as a choice, and one that starts with ``ANSWER:`` as the answer line. A question text that
happens to start like that gets a no-break space in place of that space (or before ``ANSWER:``),
which looks the same and is not read as markup. Moodle escapes Aiken text itself (it is not HTML).
"""

from __future__ import annotations

import re

from quizgen.export import ExportOptions
from quizgen.export.html import choice_label
from quizgen.export.question_set import SheetFormat
from quizgen.export.selection import QuestionSet, Version
from quizgen.models import Card

MAX_CHOICES = 26
_LOOKS_LIKE_CHOICE = re.compile(r"^([A-Z][.)])[ \t]")
_NO_BREAK_SPACE = "\u00a0"


def sheet_format(options: ExportOptions) -> SheetFormat:
    return SheetFormat(name="aiken", extension=".txt", render=render, skip=_skip)


def _skip(card: Card) -> str | None:
    if card.kind != "multiple_choice":
        return "not multiple choice; Aiken holds multiple-choice questions only"
    if len(card.choices) > MAX_CHOICES:
        return f"more than {MAX_CHOICES} choices"
    return None


def aiken_line(text: str) -> str:
    """``text`` as a line Moodle's Aiken reader takes for text, not for a choice or the answer."""
    text = _LOOKS_LIKE_CHOICE.sub(lambda m: m.group(1) + _NO_BREAK_SPACE, text, count=1)
    if text.upper().startswith("ANSWER:"):
        text = _NO_BREAK_SPACE + text
    return text


def render(question_set: QuestionSet, version: Version) -> bytes:
    lines: list[str] = []
    for question in version.questions:
        lines.append(aiken_line(question.prompt))
        for index, choice in enumerate(question.choices):
            lines.append(f"{choice_label(index)}. {choice}")
        assert question.correct_index is not None  # a multiple-choice card's answer is a choice
        lines.append(f"ANSWER: {choice_label(question.correct_index)}")
        lines.append("")
    return "\n".join(lines).encode("utf-8")
