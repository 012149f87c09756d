"""Moodle GIFT: a plain-text question file (Question bank → Import → GIFT format).

Each question is ``::title::[html]text {answers}``:

- multiple choice ``{=right#feedback ~wrong#feedback …}``;
- true/false ``{TRUE#feedback#feedback}`` (GIFT's first feedback is for a wrong answer, the second
  for a right one);
- short answer ``{=answer#feedback =variant#feedback =%0%*#feedback}``: every accepted answer, and
  a catch-all worth 0 % so that a wrong typed answer still sees the source sentence;
- cloze as a missing-word question: the answers stand where the blank was, ``text {=…} text``.

Text is marked ``[html]`` and HTML-escaped, so article text such as ``<script>`` shows as text, and
``->`` (which GIFT reads as a matching pair) cannot occur in it. Typed answers are not HTML (Moodle
compares them with what the student types), so they are only GIFT-escaped, with ``*`` escaped too
(a wildcard in Moodle short answers). GIFT's special characters ``~ = # { } :`` and the backslash
are escaped with a backslash everywhere.
"""

from __future__ import annotations

import re

from quizgen.export import ExportOptions
from quizgen.export.html import escape_text
from quizgen.export.question_set import SheetFormat
from quizgen.export.selection import Question, QuestionSet, Version, one_line
from quizgen.models import Card

_SPECIAL = re.compile(r"([\\~=#{}:])")


def sheet_format(options: ExportOptions) -> SheetFormat:
    return SheetFormat(name="gift", extension=".gift", render=render, skip=_skip)


def _skip(card: Card) -> str | None:
    answers = (card.answer, *card.accepted_answers)
    if card.kind in ("short_answer", "cloze") and any("->" in answer for answer in answers):
        return "an answer contains '->', which GIFT reads as a matching question"
    return None


def gift_escape(text: str) -> str:
    """``text`` with GIFT's special characters escaped."""
    return _SPECIAL.sub(r"\\\1", text)


def _html(text: str) -> str:
    return gift_escape(escape_text(text))


def _typed(answer: str) -> str:
    return gift_escape(answer).replace("*", "\\*")


def question_title(question_set: QuestionSet, version: Version, question: Question) -> str:
    """A question's name in the question bank: ``Marie Curie B03``."""
    return f"{question.deck_title} {version.label}{question.number:02d}"


def render(question_set: QuestionSet, version: Version) -> bytes:
    title = question_set.title_of(version)
    lines = [
        f"// {title}",
        f"// {len(version.questions)} questions written by quizgen; import as GIFT format in Moodle.",
        "",
        # "/" separates category levels in Moodle; a slash in the title is doubled to stay one.
        f"$CATEGORY: {one_line(title).replace('/', '//')}",
        "",
    ]
    for question in version.questions:
        name = gift_escape(question_title(question_set, version, question))
        lines.append(f"::{name}::[html]{_question_text(question)}")
        lines.append("")
    return "\n".join(lines).encode("utf-8")


def _question_text(question: Question) -> str:
    feedback = _html(question.feedback)
    if question.kind == "multiple_choice":
        answers = [
            f"{'=' if index == question.correct_index else '~'}{_html(choice)}#{feedback}"
            for index, choice in enumerate(question.choices)
        ]
        return _html(question.prompt) + " {\n" + "\n".join(answers) + "\n}"
    if question.kind == "true_false":
        verdict = "TRUE" if question.answer == "True" else "FALSE"
        return f"{_html(question.prompt)} {{{verdict}#{feedback}#{feedback}}}"
    block = "{" + " ".join(f"={_typed(answer)}#{feedback}" for answer in question.accepted)
    block += f" =%0%*#{feedback}}}"
    parts = question.blank_parts() if question.kind == "cloze" else None
    if parts is None:
        return f"{_html(question.prompt)} {block}"
    before, after = parts
    return f"{_html(before)}{block}{_html(after)}"
