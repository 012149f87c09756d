"""`quizgen export`, run as a user runs it: a subprocess, its exit status, stdout and stderr."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from quizgen_process import quizgen


@pytest.fixture
def deck_folder(tmp_path: Path, make_card, make_deck) -> Path:
    folder = tmp_path / "decks"
    folder.mkdir()
    make_deck("canal", [make_card("canal-1"), make_card("canal-2", "cloze")], title="Panama Canal").save(
        folder / "canal.json"
    )
    make_deck("curie", [make_card("curie-1", "multiple_choice")], title="Marie Curie").save(
        folder / "curie.json"
    )
    (folder / "notes.txt").write_text("not a deck\n", encoding="utf-8")
    return folder


def test_exports_a_folder_of_decks_to_one_package(
    tmp_path: Path, deck_folder: Path, anki_collection, import_package
):
    result = quizgen(
        "export", "decks", "--to", "anki", "-o", "out/study.apkg", "--deck-name", "Reading", cwd=tmp_path
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "wrote out/study.apkg: 2 decks, 3 notes (1 quizgen Basic, 1 quizgen Cloze, "
        "1 quizgen Multiple Choice), 3 cards"
    )
    package = tmp_path / "out" / "study.apkg"
    assert "collection.anki2" in zipfile.ZipFile(package).namelist()
    log = import_package(anki_collection, package)
    assert len(log.new) == 3
    assert {"Reading::Panama Canal", "Reading::Marie Curie"} <= {
        deck.name for deck in anki_collection.decks.all_names_and_ids()
    }


def test_type_answers_and_single_deck_file(tmp_path: Path, deck_folder: Path) -> None:
    result = quizgen(
        "export", deck_folder / "canal.json", "--to", "anki", "-o", "c.apkg", "--type-answers", cwd=tmp_path
    )

    assert result.returncode == 0, result.stderr
    assert "1 quizgen Basic (type answer)" in result.stdout
    assert (tmp_path / "c.apkg").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["missing.json", "--to", "anki", "-o", "x.apkg"],
            "error: no such deck file or folder: missing.json",
        ),
        (["bad.json", "--to", "anki", "-o", "x.apkg"], "error: bad.json is not valid JSON"),
        (
            ["decks", "--to", "anki", "-o", "x.apkg", "--kinds", "mc"],
            "error: --kinds applies to the classroom formats, not to anki",
        ),
        (["decks", "--to", "pdfx", "-o", "x.apkg"], "error: unknown export format 'pdfx'"),
        (
            ["decks", "--to", "anki", "-o", "decks/canal.json/x.apkg"],
            "error: cannot write decks/canal.json/x.apkg",
        ),
        (["decks", "--to", "anki", "-o", "x.txt"], "error: x.txt does not end in .apkg"),
        (["decks", "-o", "x.apkg"], "error: Missing option '--to'"),
    ],
)
def test_problems_are_reported_in_one_line_with_exit_status_2(
    tmp_path: Path, deck_folder: Path, args: list[str], message: str
) -> None:
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")

    result = quizgen("export", *args, cwd=tmp_path)

    assert result.returncode == 2
    assert result.stderr.startswith(message), result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.glob("x.*"))
