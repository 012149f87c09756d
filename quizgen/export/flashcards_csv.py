"""CSV flashcards: ``question,answer`` rows under a header row, for Quizlet and other flashcard
tools that import a delimited list (Quizlet: Create → Import, then choose the delimiter).

``--delimiter`` sets the field separator: ``,`` (default), ``;``, or a tab (``\\t`` or ``tab``).
Fields are quoted where needed by Python's csv module; every field is one line. Multiple-choice
cards become plain question/answer pairs; a true/false card keeps its ``True or false:`` lead-in,
so that the card still makes sense without choices.
"""

from __future__ import annotations

import csv
import io

from quizgen.errors import ExportError
from quizgen.export import ExportOptions
from quizgen.export.question_set import SheetFormat
from quizgen.export.selection import BLANK, QuestionSet, Version

TAB_NAMES = frozenset({"\\t", "tab", "\t"})


def parse_delimiter(value: str | None) -> str:
    """The delimiter ``--delimiter`` names: one character, or ``\\t``/``tab`` for a tab."""
    if value is None:
        return ","
    if value.lower() in TAB_NAMES:
        return "\t"
    unusable = value in '"\r\n' or value.isalnum() or (value.isspace() and value != " ")
    if len(value) != 1 or unusable:
        raise ExportError(
            f"--delimiter {value!r} is not a usable delimiter",
            hint="give one character such as , or ; or a tab as \\t or tab",
        )
    return value


def sheet_format(options: ExportOptions) -> SheetFormat:
    delimiter = parse_delimiter(options.delimiter)

    def render(question_set: QuestionSet, version: Version) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
        writer.writerow(["question", "answer"])
        for question in version.questions:
            prompt = question.prompt
            if question.kind == "true_false":
                prompt = f"True or false: {prompt}"
            elif question.kind == "cloze" and BLANK not in prompt:
                prompt = f"{prompt} {BLANK}"
            writer.writerow([prompt, question.answer])
        return buffer.getvalue().encode("utf-8")

    return SheetFormat(name="csv", extension=".csv", render=render)
