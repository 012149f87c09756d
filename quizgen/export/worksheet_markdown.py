"""The worksheet as Markdown (CommonMark): questions, then the answer key in a section of its own.

Article text is escaped so that it renders as the text it is: the characters Markdown reads as
markup (``* _ ` [ ] < > & ~ | \\``) get a backslash, and so does anything at the start of a line
that would open a heading, list or quote. A blank is a run of underscores, the only unescaped ones
on its line, which CommonMark therefore shows as it is. A raw ``<div>`` before the key asks
Markdown-to-PDF tools for a page break; it is quizgen's own markup, never article text.
"""

from __future__ import annotations

import re

from quizgen.export import ExportOptions
from quizgen.export.question_set import SheetFormat
from quizgen.export.selection import Question, QuestionSet, Version
from quizgen.export.worksheet import (
    choice_letter,
    instructions,
    key_also,
    key_answer,
    points_note,
    prompt_pieces,
    summary_line,
)

_INLINE = re.compile(r"([\\`*_\[\]<>&~|])")
_LINE_START = re.compile(r"^(\s*)(#|>|[-+=]|\d+(?=[.)]))")
BLANK_LINE = "__________"
ANSWER_LINE = "______________________________"
PAGE_BREAK = '<div style="page-break-before: always"></div>'


def sheet_format(options: ExportOptions) -> SheetFormat:
    return SheetFormat(name="markdown", extension=".md", render=render)


def markdown_escape(text: str, line_start: bool = True) -> str:
    """``text`` as Markdown that renders exactly that text."""
    escaped = _INLINE.sub(r"\\\1", text)
    if line_start:
        escaped = _LINE_START.sub(_escape_line_start, escaped, count=1)
    return escaped


def _escape_line_start(match: re.Match[str]) -> str:
    lead, marker = match.group(1), match.group(2)
    if marker.isdigit():  # "1914. The canal …" would start a list: escape the dot instead
        return lead + marker + "\\"
    return lead + "\\" + marker


def render(question_set: QuestionSet, version: Version) -> bytes:
    title = markdown_escape(question_set.title_of(version))
    lines = [
        f"# {title}",
        "",
        markdown_escape(summary_line(question_set, version)),
        "",
        f"Name: {ANSWER_LINE}   Date: {BLANK_LINE}",
        "",
        f"*{markdown_escape(instructions(version), line_start=False)}*",
        "",
    ]
    points = points_note(question_set)
    for question in version.questions:
        lines.extend(_question(question, points))
    lines += ["", PAGE_BREAK, "", f"## Answer key — {title}", ""]
    for question in version.questions:
        also = key_also(question)
        extra = f" ({markdown_escape(also, line_start=False)})" if also else ""
        lines.append(f"{question.number}. {markdown_escape(key_answer(question))}{extra}")
    lines.append("")
    return "\n".join(lines).encode("utf-8")


def _question(question: Question, points: str) -> list[str]:
    prompt = ""
    for piece in prompt_pieces(question):
        if piece.blank:
            # the only unescaped underscores on the line: with no partner they never make emphasis
            prompt += BLANK_LINE
        else:
            prompt += markdown_escape(piece.text, line_start=not prompt)
    prompt = prompt.strip()
    if points:
        prompt += f" {points}"
    marker = f"{question.number}. "
    indent = " " * len(marker)  # continuation lines line up with the text, so they stay in the item
    lines = [marker + prompt, ""]
    if question.kind == "multiple_choice":
        rows = [f"{indent}{choice_letter(i)}) {markdown_escape(c)}" for i, c in enumerate(question.choices)]
        # a backslash at the end of a line is a hard line break: one choice per line
        lines.extend([row + "\\" for row in rows[:-1]] + rows[-1:])
        lines.append("")
    elif question.kind == "true_false":
        lines += [f"{indent}T / F", ""]
    elif question.kind == "short_answer":
        lines += [f"{indent}Answer: {ANSWER_LINE}", ""]
    return lines
