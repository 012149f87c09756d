"""`quizgen export --to <classroom format>`, run as a user runs it: a subprocess, its exit status,
stdout and stderr. Every mistake a user can make ends in one ``error:`` line (and a hint), exit
status 2, and no output."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from lxml import etree
from quizgen_process import quizgen

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))

from classroom_decks import canal_deck, deck


@pytest.fixture
def decks(tmp_path: Path) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    canal_deck().save(folder / "canal.json")
    choices_only = [c for c in canal_deck().cards if c.kind == "multiple_choice"]
    deck("choices", "Choices only", choices_only).save(tmp_path / "choices.json")
    return folder


def test_exports_a_question_set_and_says_what_it_left_out(tmp_path: Path, decks: Path) -> None:
    result = quizgen(
        "export", "decks", "--to", "moodle", "-o", "out/quiz.xml", "--kinds", "mc,sa,cloze", "--count", "4",
        "--points", "2", "--title", "Week 3", cwd=tmp_path,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ("wrote out/quiz.xml: 4 questions (2 multiple choice, 2 short answer)")
    assert result.stderr.splitlines() == [
        "warning: left out 1 card asking about a sentence another question already asks about "
        "(its answer would show); --siblings keeps them"
    ]
    quiz = etree.parse(str(tmp_path / "out" / "quiz.xml")).getroot()
    assert len(quiz.findall("question")) == 5
    assert quiz.findtext("question/category/text") == "$course$/top/Week 3"


def test_versions_write_a_folder(tmp_path: Path, decks: Path) -> None:
    result = quizgen(
        "export", "decks", "--to", "pdf", "-o", "sets", "--versions", "2", "--seed", "5", cwd=tmp_path
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().startswith("wrote sets: 2 versions of 8 questions each")
    assert sorted(p.name for p in (tmp_path / "sets").iterdir()) == [
        "answer-keys.csv", "version-A.pdf", "version-B.pdf"
    ]  # fmt: skip


def test_a_tab_delimited_csv(tmp_path: Path, decks: Path) -> None:
    result = quizgen(
        "export", "decks/canal.json", "--to", "csv", "-o", "c.tsv", "--delimiter", "\\t", cwd=tmp_path
    )

    assert result.returncode == 0, result.stderr
    lines = (tmp_path / "c.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "question\tanswer"
    assert lines[1] == "To which city did Marie Skłodowska-Curie move in 1891?\tParis"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["decks", "--to", "gifty", "-o", "x.gift"], "error: unknown export format 'gifty'"),
        (
            ["decks", "--to", "gift", "-o", "x.gift", "--kinds", "mc,essay"],
            "error: unknown card kind 'essay'",
        ),
        (["decks", "--to", "gift", "-o", "x.gift", "--kinds", ","], "error: --kinds names no card kind"),
        (["decks", "--to", "gift", "-o", "x.gift", "--count", "0"], "error: Invalid value for '--count'"),
        (
            ["decks", "--to", "gift", "-o", "x.gift", "--versions", "0"],
            "error: Invalid value for '--versions'",
        ),
        (["decks", "--to", "html", "-o", "x.html", "--points", "0"], "error: --points must be more than 0"),
        (["decks", "--to", "html", "-o", "x.html", "--title", " "], "error: --title is empty"),
        (
            ["decks", "--to", "html", "-o", "x.html", "--versions", "2"],
            "error: with --versions, -o names a folder for one file per version, not a .html file",
        ),
        (["decks", "--to", "gift", "-o", "choices.json", "--versions", "2"], "error: choices.json is a file"),
        (["decks", "--to", "gift", "-o", "decks"], "error: decks is a folder"),
        (
            ["decks", "--to", "qti", "-o", "decks/canal.json/x.zip"],
            "error: cannot write decks/canal.json/x.zip",
        ),
        (
            ["decks", "--to", "pdf", "-o", "decks/canal.json/x", "--versions", "2"],
            "error: cannot write decks/canal.json/x",
        ),
        (
            ["choices.json", "--to", "gift", "-o", "x.gift", "--kinds", "tf,cloze"],
            "error: the decks have no true/false or fill in the blank cards",
        ),
        (
            ["decks/canal.json", "--to", "aiken", "-o", "x.txt", "--kinds", "sa"],
            "error: none of the 2 cards can be written as aiken",
        ),
        (
            ["decks", "--to", "csv", "-o", "x.csv", "--delimiter", "ab"],
            "error: --delimiter 'ab' is not a usable",
        ),
        (
            ["decks", "--to", "anki", "-o", "x.apkg", "--count", "3"],
            "error: --count applies to the classroom formats, not to anki",
        ),
        (
            ["missing.json", "--to", "gift", "-o", "x.gift"],
            "error: no such deck file or folder: missing.json",
        ),
    ],
)
def test_problems_are_reported_in_one_line_with_exit_status_2(
    tmp_path: Path, decks: Path, args: list[str], message: str
) -> None:
    before = sorted(p.name for p in tmp_path.iterdir())

    result = quizgen("export", *args, cwd=tmp_path)

    assert result.returncode == 2
    assert result.stderr.startswith(message), result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith("error: ") and all(line.startswith("hint: ") for line in lines[1:])
    assert len(lines) <= 2
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == before, "nothing written"
