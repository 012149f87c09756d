"""Printable worksheets (HTML, Markdown, PDF): every question and the answer key are there, read
back with an HTML parser (lxml), a CommonMark renderer (markdown-it-py) and pdftotext."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from markdown_it import MarkdownIt

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))

from classroom_decks import canal_deck, card, deck

from quizgen.export import ExportOptions, exporter_for
from quizgen.export.selection import Question, SelectionOptions, build_question_set
from quizgen.models import Deck

UNICODE = ["Skłodowska", "€300,000", "—", "café", "Colón"]


def export(format_name: str, decks: list[Deck], path: Path, **options: Any) -> Any:
    return exporter_for(format_name)(decks, path, ExportOptions(**options))


def squash(text: str) -> str:
    return " ".join(text.split())


def expected_questions(**options: Any) -> list[Question]:
    return list(build_question_set([canal_deck()], SelectionOptions(**options), "test").versions[0].questions)


def prompt_without_blank(question: Question) -> str:
    parts = question.blank_parts()
    return squash(question.prompt if parts is None else " ".join(parts))


# ------------------------------------------------------------------------------------------ HTML


def test_html_worksheet_has_every_question_and_a_key_on_its_own_page(tmp_path: Path) -> None:
    path = tmp_path / "sheet.html"
    export("html", [canal_deck()], path, points=2)

    page = lxml.html.fromstring(path.read_text(encoding="utf-8"))
    questions = expected_questions()
    items = page.xpath("//ol[@class='questions']/li[@class='question']")
    assert len(items) == len(questions) == 8
    for item, question in zip(items, questions, strict=True):
        text = squash(item.text_content())
        assert text.startswith(prompt_without_blank(question)), (text, question.prompt)
        assert "(2\u00a0points)" in item.text_content()
        if question.kind == "multiple_choice":
            choices = [squash(li.text_content()) for li in item.xpath(".//ul[@class='choices']/li")]
            assert choices == [f"{letter}) {c}" for letter, c in zip("abcd", question.choices, strict=False)]
        if question.kind == "cloze":
            assert item.xpath(".//span[@class='blank']")
        if question.kind == "true_false":
            assert squash(item.xpath(".//p[@class='true-false']")[0].text_content()) == "TF"
        if question.kind == "short_answer":
            assert item.xpath(".//div[@class='answer-line']")
    key = [squash(li.text_content()) for li in page.xpath("//section[@class='answer-key']/ol/li")]
    assert key[:3] == ["Paris", "b) 1914", "True"]
    assert key[4] == "Ferdinand de Lesseps (also accept: de Lesseps; Lesseps)"
    assert len(key) == 8
    assert page.xpath("//h1")[0].text_content() == "The Panama Canal"
    assert "Name:" in page.text_content() and "Date:" in page.text_content()
    css = page.xpath("//style")[0].text_content()
    assert "@page" in css and "break-inside: avoid" in css
    assert ".answer-key { break-before: page;" in css
    assert all(word in page.text_content() for word in UNICODE)


# -------------------------------------------------------------------------------------- Markdown


def test_markdown_worksheet_renders_every_question_and_the_key(tmp_path: Path) -> None:
    path = tmp_path / "sheet.md"
    export("markdown", [canal_deck()], path)

    source = path.read_text(encoding="utf-8")
    page = lxml.html.fromstring(f"<div>{MarkdownIt('commonmark').render(source)}</div>")
    lists = page.xpath("//ol")
    assert len(lists) == 2, "the questions and the key are one list each"
    items = lists[0].xpath("./li")
    questions = expected_questions()
    assert len(items) == len(questions)
    for item, question in zip(items, questions, strict=True):
        text = squash(item.text_content())
        if question.kind == "cloze":
            before, after = question.blank_parts() or ("", "")
            assert text == squash(f"{before}__________{after}")
        else:
            assert text.startswith(question.prompt)
    assert [squash(li.text_content()) for li in lists[1].xpath("./li")][:2] == ["Paris", "b) 1914"]
    assert page.xpath("//h2")[0].text_content() == "Answer key — The Panama Canal"
    assert not page.xpath("//em//li | //strong"), "no stray emphasis from underscores"
    assert all(word in page.text_content() for word in UNICODE)


def test_markdown_escapes_what_would_start_markup() -> None:
    from quizgen.export.worksheet_markdown import markdown_escape

    def rendered(text: str) -> str:
        return lxml.html.fromstring(f"<div>{MarkdownIt('commonmark').render(markdown_escape(text))}</div>")

    for text in ["1914. The canal", "# not a heading", "- not a list", "> no quote", "*a* _b_ `c` [d](e)"]:
        page = rendered(text)
        assert squash(page.text_content()) == text
        assert [element.tag for element in page.iter()] == ["div", "p"], text


# ------------------------------------------------------------------------------------------- PDF


def pdftotext() -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pdftotext is not installed; CI installs poppler-utils (see .ci/run)")
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    return tool


def pdf_text(path: Path) -> str:
    done = subprocess.run([pdftotext(), "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.decode("utf-8")


def test_pdf_worksheet_text_layer_has_every_question_the_key_and_the_unicode(tmp_path: Path) -> None:
    path = tmp_path / "sheet.pdf"
    export("pdf", [canal_deck()], path, siblings=True)

    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    text = pdf_text(path)
    pages = text.split("\f")
    flat = squash(text)
    for question in expected_questions(siblings=True):
        before, after = question.blank_parts() or (question.prompt, "")
        expected = squash(f"{before}__________{after}") if question.kind == "cloze" else question.prompt
        assert expected in flat, expected
        if question.kind == "multiple_choice":
            assert all(
                f"{letter}) {choice}" in flat
                for letter, choice in zip("abcd", question.choices, strict=False)
            )
    for word in UNICODE:
        assert word in flat, word
    key_page = next(page for page in pages if "Answer key" in page)
    assert "Answer key — The Panama Canal" in squash(key_page)
    assert "Ferdinand de Lesseps" in key_page and "€300,000" in key_page
    assert "Name:" in pages[0] and "Date:" in pages[0]
    assert "Answer key" not in squash("".join(pages[: pages.index(key_page)])), (
        "the key has a page of its own"
    )


def test_pdf_names_the_characters_its_font_cannot_draw(tmp_path: Path) -> None:
    tokyo = card(
        "tokyo", "short_answer", "What does 東京 mean?", "Tokyo", "東京 means eastern capital.", score=1
    )
    report = export("pdf", [deck("cjk", "Place names", [tokyo])], tmp_path / "cjk.pdf")

    assert (tmp_path / "cjk.pdf").read_bytes().startswith(b"%PDF-")
    assert report.warnings == ["pdf: the font has no glyph for 2 character(s), printed as empty boxes: 京 東"]
    assert export("pdf", [canal_deck()], tmp_path / "canal.pdf", siblings=True).warnings == []
