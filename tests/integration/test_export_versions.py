"""``--versions N --seed S``: a folder with one file per version and every version's answer key;
versions ask the same questions in different orders, and the same seed gives the same bytes.
Writes are atomic: a failed export leaves neither half a file nor half a folder behind."""

from __future__ import annotations

import csv
import io
import os
import sys
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))

from classroom_decks import canal_deck

from quizgen.errors import ExportError
from quizgen.export import EXPORTERS, ExportOptions, exporter_for
from quizgen.models import Deck

CLASSROOM_FORMATS = sorted(set(EXPORTERS) - {"anki"})
EXTENSIONS = {
    "gift": ".gift", "moodle-xml": ".xml", "aiken": ".txt", "qti": ".zip", "csv": ".csv",
    "kahoot": ".xlsx", "html": ".html", "markdown": ".md", "pdf": ".pdf",
}  # fmt: skip


def export(format_name: str, decks: list[Deck], path: Path, **options: Any) -> Any:
    return exporter_for(format_name)(decks, path, ExportOptions(**options))


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.mark.parametrize("format_name", CLASSROOM_FORMATS)
def test_the_same_seed_gives_the_same_bytes_and_another_seed_another_order(
    format_name: str, tmp_path: Path
) -> None:
    deck = canal_deck()
    if format_name in ("aiken", "kahoot"):  # few of the canal cards fit: ask them all
        deck = deck.model_copy(
            update={"cards": [c for c in deck.cards if c.kind in ("multiple_choice", "true_false")]}
        )
    first = export(format_name, [deck], tmp_path / "one", versions=2, seed=7, siblings=True)
    export(format_name, [deck], tmp_path / "two", versions=2, seed=7, siblings=True)
    export(format_name, [deck], tmp_path / "three", versions=2, seed=8, siblings=True)

    extension = EXTENSIONS[format_name]
    written = folder_bytes(tmp_path / "one")
    assert set(written) == {f"version-A{extension}", f"version-B{extension}", "answer-keys.csv"}
    assert [path.name for path in first.files] == [
        f"version-A{extension}",
        f"version-B{extension}",
        "answer-keys.csv",
    ]
    assert written == folder_bytes(tmp_path / "two"), "byte for byte the same"
    assert written != folder_bytes(tmp_path / "three")
    assert written[f"version-A{extension}"] != written[f"version-B{extension}"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "no temporary folder left"


def key_rows(folder: Path) -> dict[str, list[dict[str, str]]]:
    rows = list(csv.DictReader(io.StringIO((folder / "answer-keys.csv").read_text(encoding="utf-8"))))
    versions: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        versions.setdefault(row["version"], []).append(row)
    return versions


def test_versions_ask_the_same_questions_in_another_order_each_with_its_key(tmp_path: Path) -> None:
    report = export("html", [canal_deck()], tmp_path / "sets", versions=3, seed=1)

    keys = key_rows(tmp_path / "sets")
    assert list(keys) == ["A", "B", "C"]
    orders = []
    for label, rows in keys.items():
        page = lxml.html.fromstring((tmp_path / "sets" / f"version-{label}.html").read_text(encoding="utf-8"))
        questions = [" ".join(li.text_content().split()) for li in page.xpath("//li[@class='question']")]
        key = [
            " ".join(li.text_content().split()) for li in page.xpath("//section[@class='answer-key']/ol/li")
        ]
        assert page.xpath("//h1")[0].text_content() == f"The Panama Canal — version {label}"
        assert [row["number"] for row in rows] == [str(n) for n in range(1, 9)]
        # the file's own key and the folder's key file agree, question by question
        assert [k.split(" (also accept")[0] for k in key] == [row["answer"] for row in rows]
        assert all(
            q.startswith(row["question"].split("_____")[0].strip())
            for q, row in zip(questions, rows, strict=True)
        )
        orders.append([row["question"] for row in rows])
    assert all(sorted(order) == sorted(orders[0]) for order in orders)
    assert len({tuple(order) for order in orders}) == 3
    assert report.summary() == (
        f"wrote {tmp_path / 'sets'}: 3 versions of 8 questions each (2 fill in the blank, "
        "2 multiple choice, 2 short answer, 2 true/false): version-A.html … version-C.html, answer-keys.csv"
    )


def test_moodle_versions_keep_their_own_choice_order(tmp_path: Path) -> None:
    export("moodle-xml", [canal_deck()], tmp_path / "sets", versions=4, seed=2)

    orders = set()
    for label in "ABCD":
        quiz = etree.parse(str(tmp_path / "sets" / f"version-{label}.xml")).getroot()
        for question in quiz.iterfind("question[@type='multichoice']"):
            assert question.findtext("shuffleanswers") == "false"
            orders.add(tuple(a.findtext("text") for a in question.findall("answer")))
    assert len(orders) > 2


def test_versions_into_an_existing_folder_replace_the_files_one_by_one(tmp_path: Path) -> None:
    folder = tmp_path / "sets"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    (folder / "version-A.gift").write_text("old", encoding="utf-8")

    export("gift", [canal_deck()], folder, versions=2)

    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (
        (folder / "version-A.gift").read_text(encoding="utf-8").startswith("// The Panama Canal — version A")
    )
    assert sorted(p.name for p in folder.iterdir()) == [
        "answer-keys.csv", "notes.txt", "version-A.gift", "version-B.gift"
    ]  # fmt: skip


def test_a_failed_folder_write_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(source: Any, target: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "rename", refuse)
    with pytest.raises(ExportError, match=r"cannot write .*sets: Permission denied"):
        export("pdf", [canal_deck()], tmp_path / "sets", versions=2)

    assert list(tmp_path.iterdir()) == []


def test_a_failed_file_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "quiz.xml"
    path.write_text("the old quiz", encoding="utf-8")

    def refuse(source: Any, target: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ExportError, match="No space left on device"):
        export("moodle-xml", [canal_deck()], path)

    assert path.read_text(encoding="utf-8") == "the old quiz"
    assert [p.name for p in tmp_path.iterdir()] == ["quiz.xml"]
