"""CSV flashcards read back with the csv module, Kahoot spreadsheets with openpyxl."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))

from classroom_decks import HOSTILE, canal_deck, card, deck, hostile_deck

from quizgen.errors import ExportError
from quizgen.export import ExportOptions, exporter_for
from quizgen.export.kahoot import HEADINGS, MAX_ANSWER, MAX_QUESTION, TIME_LIMITS, time_limit
from quizgen.models import Deck


def export(format_name: str, decks: list[Deck], path: Path, **options: Any) -> Any:
    return exporter_for(format_name)(decks, path, ExportOptions(**options))


# ------------------------------------------------------------------------------------------- CSV


def test_csv_has_a_header_and_one_row_per_question(tmp_path: Path) -> None:
    export("csv", [canal_deck()], tmp_path / "cards.csv")

    rows = list(csv.reader(io.StringIO((tmp_path / "cards.csv").read_text(encoding="utf-8"))))
    assert rows[0] == ["question", "answer"]
    assert rows[1:4] == [
        ["To which city did Marie Skłodowska-Curie move in 1891?", "Paris"],
        ["In what year did the canal open?", "1914"],
        ["True or false: The canal links the Atlantic Ocean with the Pacific Ocean.", "True"],
    ]
    assert rows[-1] == [
        "A crossing costs a large ship more than _____ — about the price of a café in Colón.",
        "€300,000",  # the comma inside is quoted, not a new field
    ]
    assert len(rows) == 9


@pytest.mark.parametrize(("given", "delimiter"), [("\\t", "\t"), ("tab", "\t"), (";", ";"), ("|", "|")])
def test_csv_delimiter(tmp_path: Path, given: str, delimiter: str) -> None:
    export("csv", [hostile_deck()], tmp_path / "cards.csv", delimiter=given)

    text = (tmp_path / "cards.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    assert rows[0] == ["question", "answer"]
    assert rows[3] == [f"What is {HOSTILE}?", "<b>x</b> & {y} ~z #1 \\ a:b = *"]
    assert all(len(row) == 2 for row in rows)


@pytest.mark.parametrize("given", ["ab", "", "x", '"', "\n"])
def test_csv_refuses_an_unusable_delimiter(tmp_path: Path, given: str) -> None:
    with pytest.raises(ExportError, match="not a usable delimiter"):
        export("csv", [canal_deck()], tmp_path / "cards.csv", delimiter=given)
    assert not (tmp_path / "cards.csv").exists()


# ---------------------------------------------------------------------------------------- Kahoot


def kahoot_rows(path: Path) -> list[tuple[Any, ...]]:
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    assert tuple(cell.value or "" for cell in sheet[8]) == HEADINGS
    return [row for row in sheet.iter_rows(min_row=9, values_only=True) if any(v is not None for v in row)]


def test_kahoot_rows_keep_the_template_layout_and_limits(tmp_path: Path) -> None:
    report = export("kahoot", [canal_deck()], tmp_path / "quiz.xlsx")

    rows = kahoot_rows(tmp_path / "quiz.xlsx")
    assert [row[0] for row in rows] == [1, 2, 3, 4]
    questions = {row[1]: row for row in rows}
    opened = questions["In what year did the canal open?"]
    assert opened[2:6] == ("1904", "1914", "1920", "1899") and opened[7] == 2
    handover = questions["Panama took full control of the canal in 1979."]
    assert handover[2:6] == ("True", "False", None, None) and handover[7] == 2
    for row in rows:
        answers = [a for a in row[2:6] if a is not None]
        assert len(row[1]) <= MAX_QUESTION
        assert 2 <= len(answers) <= 4 and all(len(a) <= MAX_ANSWER for a in answers)
        assert row[6] in TIME_LIMITS
        assert 1 <= row[7] <= len(answers)
    assert report.warnings == [
        "kahoot: skipped 5 cards "
        "(short-answer or cloze without choices; Kahoot asks questions with answers to pick)"
    ]


def test_kahoot_skips_what_cannot_fit_and_trims_extra_choices(tmp_path: Path) -> None:
    long_question = "Which " + "very " * 25 + "long question is this?"
    cards = [
        card("long-q", "multiple_choice", long_question, "a", "a", score=1, choices=["a", "b"]),
        card("long-a", "multiple_choice", "Which?", "x" * 80, "x" * 80, score=1, choices=["x" * 80, "y"]),
        card("five", "multiple_choice", "Pick five?", "e", "e", score=1, choices=["a", "b", "c", "d", "e"]),
    ]
    report = export("kahoot", [deck("fit", "Fit", cards)], tmp_path / "fit.xlsx")

    (row,) = kahoot_rows(tmp_path / "fit.xlsx")
    assert row[1:6] == ("Pick five?", "a", "b", "c", "e") and row[7] == 4
    assert sorted(report.warnings) == [
        f"kahoot: skipped 1 card (an answer longer than {MAX_ANSWER} characters)",
        f"kahoot: skipped 1 card (question longer than {MAX_QUESTION} characters)",
    ]


def test_kahoot_cells_are_text_never_formulas(tmp_path: Path) -> None:
    export("kahoot", [hostile_deck()], tmp_path / "hostile.xlsx")

    sheet = openpyxl.load_workbook(tmp_path / "hostile.xlsx").active
    assert sheet is not None
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert all(cell.data_type in ("s", "n") for cell in cells), [(c.coordinate, c.data_type) for c in cells]
    assert "=SUM(1,2)" in [cell.value for cell in cells]


def test_time_limits_grow_with_what_there_is_to_read() -> None:
    assert time_limit("Short?", ["a", "b"]) == 10
    assert time_limit("x" * 120, ["y" * 75] * 4) == 60
    assert time_limit("x" * 2000, []) == 240
