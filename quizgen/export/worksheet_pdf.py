"""The worksheet as a PDF, ready to print: questions, then the answer key on a page of its own.

Drawn with fpdf2 in DejaVu Sans, a Unicode TrueType font embedded (subset) in the file, so that
"Skłodowska", "€", "—" and "é" print and copy as themselves. The font comes from matplotlib's
package data (matplotlib ships DejaVu Sans with every wheel; quizgen never imports matplotlib),
installed with the `pdf` extra, so it is there on a fresh machine without system fonts. A
character DejaVu Sans lacks (CJK, for one) prints as an empty box, and the user is told which.
Each question is kept on one page (a question that would not fit starts the next). The creation
date is fixed, so that the same question set gives the same bytes.
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from quizgen.errors import ExportError
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

FONT = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
MARGIN = 18.0
NUMBER_WIDTH = 9.0
LINE = 5.6
BLANK = "__________"
GREY = (90, 90, 90)
CREATED = datetime(2025, 1, 1, tzinfo=UTC)


def sheet_format(options: ExportOptions) -> SheetFormat:
    return SheetFormat(name="pdf", extension=".pdf", render=render, check=missing_glyphs_notice)


@cache
def _covered_code_points() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(str(font_folder() / FONT_FILES[""]), lazy=True) as font:
        return frozenset(font.getBestCmap())


def _texts(question_set: QuestionSet) -> Iterator[str]:
    for version in question_set.versions:
        yield question_set.title_of(version)
        yield summary_line(question_set, version)
        for question in version.questions:
            yield question.prompt
            yield from question.choices
            yield key_answer(question)
            yield key_also(question)


def missing_glyphs_notice(question_set: QuestionSet) -> list[str]:
    """A notice naming the characters the font cannot draw (they print as empty boxes)."""
    covered = _covered_code_points()
    missing = sorted(
        {
            char
            for text in _texts(question_set)
            for char in text
            if not char.isspace() and ord(char) not in covered
        }
    )
    if not missing:
        return []
    shown = " ".join(missing[:10]) + (" …" if len(missing) > 10 else "")
    return [f"pdf: the font has no glyph for {len(missing)} character(s), printed as empty boxes: {shown}"]


@cache
def font_folder() -> Path:
    """The folder of DejaVu Sans in matplotlib's package data."""
    spec = importlib.util.find_spec("matplotlib")
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    for location in locations:
        folder = Path(location) / "mpl-data" / "fonts" / "ttf"
        if all((folder / name).is_file() for name in FONT_FILES.values()):
            return folder
    raise ExportError(
        "the DejaVu Sans font that PDF worksheets use is not installed",
        hint="install the PDF extra: pip install 'quizgen[pdf]' (matplotlib ships the font)",
    )


def render(question_set: QuestionSet, version: Version) -> bytes:
    if importlib.util.find_spec("fpdf") is None:
        raise ExportError(
            "PDF worksheets need the fpdf2 library", hint="install the PDF extra: pip install 'quizgen[pdf]'"
        )
    font_folder()  # the font is checked before anything is drawn
    from fpdf import FPDF

    title = question_set.title_of(version)

    class Worksheet(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font(FONT, "", 8)
            self.set_text_color(*GREY)
            self.cell(0, 5, f"{title}  ·  page {self.page_no()} of {{nb}}", align="C")
            self.set_text_color(0, 0, 0)

    pdf = Worksheet(format="A4", unit="mm")
    folder = font_folder()
    for style, name in FONT_FILES.items():
        pdf.add_font(FONT, style, str(folder / name))
    pdf.set_margins(MARGIN, 16, MARGIN)
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_creation_date(CREATED)
    pdf.set_title(title)
    pdf.set_creator("quizgen")
    pdf.set_lang("en")
    pdf.add_page()
    _header(pdf, question_set, version, title)
    points = points_note(question_set)
    for question in version.questions:
        _keep_together(pdf, _question_height(pdf, question, points))
        _question(pdf, question, points)
    pdf.add_page()
    _key(pdf, version, title)
    # fpdf2 logs missing glyphs itself; `missing_glyphs_notice` tells the user in quizgen's words
    fpdf_log = logging.getLogger("fpdf.output")
    level = fpdf_log.level
    fpdf_log.setLevel(logging.ERROR)
    try:
        return bytes(pdf.output())
    finally:
        fpdf_log.setLevel(level)


def _header(pdf: Any, question_set: QuestionSet, version: Version, title: str) -> None:
    pdf.set_font(FONT, "B", 17)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_font(FONT, "", 9)
    pdf.set_text_color(*GREY)
    pdf.multi_cell(0, 5, summary_line(question_set, version), new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(5)
    pdf.set_font(FONT, "", 11)
    y = pdf.get_y()
    right = pdf.w - MARGIN
    pdf.cell(14, 7, "Name:")
    pdf.line(pdf.l_margin + 15, y + 5.5, right - 62, y + 5.5)
    pdf.set_x(right - 58)
    pdf.cell(12, 7, "Date:")
    pdf.line(right - 45, y + 5.5, right, y + 5.5)
    pdf.ln(11)
    pdf.set_font(FONT, "I", 10)
    pdf.multi_cell(0, 5, instructions(version), new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(4)


def _keep_together(pdf: Any, height: float) -> None:
    """Start a new page unless the next ``height`` millimetres fit on this one (or nothing would:
    a question taller than a page starts where it is rather than after an empty page)."""
    if pdf.will_page_break(height) and pdf.get_y() > pdf.t_margin + 1:
        pdf.add_page()


def _lines(pdf: Any, width: float, text: str) -> int:
    return len(pdf.multi_cell(width, LINE, text, dry_run=True, output="LINES", align="L"))


def _prompt(question: Question, points: str) -> str:
    prompt = "".join(BLANK if piece.blank else piece.text for piece in prompt_pieces(question))
    return f"{prompt}  {points}" if points else prompt


def _question_height(pdf: Any, question: Question, points: str) -> float:
    """How much of the page a question takes (as `_question` draws it)."""
    text_x = MARGIN + NUMBER_WIDTH
    width = pdf.w - MARGIN - text_x
    pdf.set_font(FONT, "", 11)
    height = _lines(pdf, width, _prompt(question, points)) * LINE + 5
    if question.kind == "multiple_choice":
        height += 0.8 + sum(_lines(pdf, width - 9, choice) for choice in question.choices) * LINE
    elif question.kind == "true_false":
        height += 8.5
    elif question.kind == "short_answer":
        height += 8
    return height


def _question(doc: Any, question: Question, points: str) -> None:
    text_x = MARGIN + NUMBER_WIDTH
    width = doc.w - MARGIN - text_x
    top = doc.get_y()
    doc.set_font(FONT, "B", 11)
    doc.cell(NUMBER_WIDTH, LINE, f"{question.number}.")
    doc.set_xy(text_x, top)
    doc.set_font(FONT, "", 11)
    doc.multi_cell(width, LINE, _prompt(question, points), new_x="LMARGIN", new_y="NEXT", align="L")
    if question.kind == "multiple_choice":
        doc.ln(0.8)
        for index, choice in enumerate(question.choices):
            doc.set_x(text_x + 2)
            doc.set_font(FONT, "B", 11)
            doc.cell(7, LINE, f"{choice_letter(index)})")
            doc.set_font(FONT, "", 11)
            doc.multi_cell(width - 9, LINE, choice, new_x="LMARGIN", new_y="NEXT", align="L")
    elif question.kind == "true_false":
        doc.ln(1.5)
        y = doc.get_y()
        for offset, letter in ((0.0, "T"), (14.0, "F")):
            x = text_x + 2 + offset
            doc.circle(x=x + 3.2, y=y + 3.2, radius=3.2)
            doc.set_xy(x, y + 0.3)
            doc.cell(6.4, 6, letter, align="C")
        doc.set_xy(MARGIN, y + 7)
    elif question.kind == "short_answer":
        doc.ln(7)
        y = doc.get_y()
        doc.line(text_x, y, text_x + width * 0.75, y)
        doc.ln(1)
    doc.ln(5)


def _key(pdf: Any, version: Version, title: str) -> None:
    pdf.set_font(FONT, "B", 15)
    pdf.multi_cell(0, 8, f"Answer key — {title}", new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(3)
    text_x = MARGIN + NUMBER_WIDTH
    width = pdf.w - MARGIN - text_x
    for question in version.questions:
        pdf.set_font(FONT, "", 11)
        also = key_also(question)
        height = _lines(pdf, width, key_answer(question)) * LINE + 1.2
        if also:
            height += _lines(pdf, width, also) * 4.6
        _keep_together(pdf, height)
        top = pdf.get_y()
        pdf.set_font(FONT, "B", 11)
        pdf.cell(NUMBER_WIDTH, LINE, f"{question.number}.")
        pdf.set_xy(text_x, top)
        pdf.set_font(FONT, "", 11)
        pdf.multi_cell(width, LINE, key_answer(question), new_x="LMARGIN", new_y="NEXT", align="L")
        if also:
            pdf.set_x(text_x)
            pdf.set_font(FONT, "I", 9)
            pdf.set_text_color(*GREY)
            pdf.multi_cell(width, 4.6, also, new_x="LMARGIN", new_y="NEXT", align="L")
            pdf.set_text_color(0, 0, 0)
        pdf.ln(1.2)
