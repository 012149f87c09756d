"""Kahoot: the quiz spreadsheet Kahoot imports (Create → Add question → Import spreadsheet), as
.xlsx in the layout of Kahoot's own template: a header area (rows 1–7), the column headings in
row 8, then one question per row from row 9: number, question, answers 1–4, time limit, correct
answer(s).

Kahoot's limits are kept: a question of at most 120 characters, 2–4 answers of at most 75, and a
time limit of 5, 10, 20, 30, 60, 90, 120 or 240 seconds, chosen from how much there is to read.
True/false cards become two answers, True and False. Kahoot asks only questions with answers to
pick, so short-answer and cloze cards are skipped unless they have choices, and so is any card that
does not fit the limits; the user is told how many. A multiple-choice card with more than four
choices keeps the right one and the first three others.

Every cell is written as text, never as a formula, whatever the article says (a cell that starts
with ``=`` would otherwise become one). The workbook's dates and the zip's timestamps are fixed,
so the same question set gives the same bytes.
"""

from __future__ import annotations

import io
import math
import re
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from quizgen.export import ExportOptions
from quizgen.export.question_set import SheetFormat
from quizgen.export.selection import Question, QuestionSet, Version, one_line, true_false_statement
from quizgen.models import Card

MAX_QUESTION = 120
MAX_ANSWER = 75
MAX_ANSWERS = 4
TIME_LIMITS = (5, 10, 20, 30, 60, 90, 120, 240)
HEADER_ROW = 8
HEADINGS = (
    "",
    "Question - max 120 characters",
    "Answer 1 - max 75 characters",
    "Answer 2 - max 75 characters",
    "Answer 3 - max 75 characters",
    "Answer 4 - max 75 characters",
    "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
)
COLUMN_WIDTHS = {"A": 5, "B": 60, "C": 28, "D": 28, "E": 28, "F": 28, "G": 16, "H": 16}
READING_SPEED = 12
"""Characters a student reads per second, with some time left to decide."""
_FIXED_DATE = "2025-01-01T00:00:00Z"
_ZIP_TIME = (2025, 1, 1, 0, 0, 0)
_CORE_DATE = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def sheet_format(options: ExportOptions) -> SheetFormat:
    return SheetFormat(name="kahoot", extension=".xlsx", render=render, skip=_skip)


def _skip(card: Card) -> str | None:
    if card.kind in ("short_answer", "cloze") and not card.choices:
        return "short-answer or cloze without choices; Kahoot asks questions with answers to pick"
    prompt = one_line(card.question)
    if card.kind == "true_false":
        prompt = true_false_statement(prompt)
    if len(prompt) > MAX_QUESTION:
        return f"question longer than {MAX_QUESTION} characters"
    if any(len(one_line(choice)) > MAX_ANSWER for choice in _kept_choices(card.choices, card.answer)):
        return f"an answer longer than {MAX_ANSWER} characters"
    return None


def _kept_choices(choices: list[str] | tuple[str, ...], answer: str) -> list[str]:
    """At most four choices, the right one among them, in the order given."""
    kept = list(choices)
    while len(kept) > MAX_ANSWERS:
        drop = max(index for index, choice in enumerate(kept) if choice != answer)
        kept.pop(drop)
    return kept


def time_limit(question: str, answers: list[str]) -> int:
    """The shortest allowed time limit that leaves time to read the question and the answers."""
    needed = 5 + math.ceil((len(question) + sum(len(a) for a in answers)) / READING_SPEED)
    return next((limit for limit in TIME_LIMITS if limit >= needed), TIME_LIMITS[-1])


def _set_text(sheet: Worksheet, cell: str, value: str) -> None:
    target = sheet[cell]
    target.value = value
    target.data_type = "s"  # text, even when it starts with "=" (openpyxl would make a formula)


def render(question_set: QuestionSet, version: Version) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Kahoot quiz"
    _header_area(sheet, question_set.title_of(version), len(version.questions))
    for offset, question in enumerate(version.questions):
        _question_row(sheet, HEADER_ROW + 1 + offset, question)
    workbook.properties.creator = "quizgen"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _reproducible(buffer.getvalue())


def _header_area(sheet: Worksheet, title: str, count: int) -> None:
    _set_text(sheet, "B2", title)
    sheet["B2"].font = Font(bold=True, size=16)
    lines = {
        "B3": f"{count} questions written by quizgen. "
        "Import: in Kahoot, add a question, then Import spreadsheet.",
        "B4": f"Questions hold at most {MAX_QUESTION} characters and answers at most {MAX_ANSWER}; "
        "the correct answer is the number of its column (1–4).",
        "B5": "Time limits are in seconds: 5, 10, 20, 30, 60, 90, 120 or 240.",
    }
    for cell, text in lines.items():
        _set_text(sheet, cell, text)
    fill = PatternFill("solid", fgColor="FFD9D2E9")
    for column, heading in zip("ABCDEFGH", HEADINGS, strict=True):
        cell = f"{column}{HEADER_ROW}"
        _set_text(sheet, cell, heading)
        sheet[cell].font = Font(bold=True)
        sheet[cell].fill = fill
        sheet[cell].alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[column].width = COLUMN_WIDTHS[column]
    sheet.row_dimensions[HEADER_ROW].height = 45
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"


def _question_row(sheet: Worksheet, row: int, question: Question) -> None:
    answers = _kept_choices(question.choices, question.answer)
    sheet[f"A{row}"] = question.number
    _set_text(sheet, f"B{row}", question.prompt)
    for column, answer in zip("CDEF", answers, strict=False):
        _set_text(sheet, f"{column}{row}", answer)
    sheet[f"G{row}"] = time_limit(question.prompt, answers)
    sheet[f"H{row}"] = answers.index(question.answer) + 1
    for column in "BCDEF":
        sheet[f"{column}{row}"].alignment = Alignment(wrap_text=True, vertical="top")


def _reproducible(xlsx: bytes) -> bytes:
    """The workbook with fixed dates and zip timestamps (openpyxl stamps the time of saving)."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _CORE_DATE.sub(lambda m: m.group(1) + _FIXED_DATE.encode() + m.group(3), data)
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, data)
    return buffer.getvalue()
