"""Markdown articles: syntax stripped, headings kept as sections."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen.ingest import read_article
from quizgen.models import Article

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "rosetta_stone.md"


@pytest.fixture(scope="module")
def rosetta() -> Article:
    return read_article(str(FIXTURE))


def test_title_is_the_first_heading(rosetta: Article) -> None:
    assert rosetta.title == "The Rosetta Stone"
    assert rosetta.format == "markdown"
    assert rosetta.paragraphs[0].text == "The Rosetta Stone" and rosetta.paragraphs[0].heading


def test_headings_become_sections(rosetta: Article) -> None:
    headings = [p.text for p in rosetta.paragraphs if p.heading]
    assert headings == ["The Rosetta Stone", "Three scripts", "Ownership"]
    by_start = {p.text[:30]: p.section for p in rosetta.body_paragraphs()}
    assert by_start["The decree is written three ti"] == "Three scripts"
    assert by_start["The British took the stone und"] == "Ownership"


def test_inline_syntax_is_stripped_and_text_kept(rosetta: Article) -> None:
    first = rosetta.body_paragraphs()[0].text
    assert first == (
        "The Rosetta Stone is a slab of granodiorite inscribed with a decree issued at Memphis in 196 BC. It "
        "was found in July 1799 by French soldiers near the town of Rashid, which Europeans called Rosetta."
    )
    assert "in hieroglyphic script" in rosetta.text  # inline code keeps its text
    assert "displayed in the British Museum since 1802" in rosetta.text
    for syntax in ("#", "**", "__", "`", "](", "[^", "http", ">", "|"):
        assert syntax not in rosetta.text


def test_quotes_and_list_items_are_paragraphs_of_their_own(rosetta: Article) -> None:
    texts = [p.text for p in rosetta.body_paragraphs()]
    for item in (
        "Jean-François Champollion announced his decipherment in Paris in 1822.",
        "The stone is about 112 centimetres tall.",
        "Visitors once touched it freely.",
        "Thomas Young studied the Demotic text first.",
        "Champollion compared the royal names in cartouches.",
    ):
        assert item in texts


def test_code_tables_images_comments_front_matter_and_footnotes_are_dropped(rosetta: Article) -> None:
    for dropped in (
        "print(",  # code fence
        "Hieroglyphs",  # table
        "Ancient Greek",
        "photograph of the stone",  # image alt text
        "check the dates",  # HTML comment
        "layout",  # front matter
        "Draft notes",
        "The Arabic name of the town",  # footnote definition
    ):
        assert dropped not in rosetta.text


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "article.md"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_front_matter_title_is_used_when_the_text_has_no_heading(tmp_path: Path) -> None:
    article = read_article(
        write(tmp_path, "---\ntitle: Tidal power\n---\nTidal power uses the rise and fall of the sea.\n")
    )
    assert article.title == "Tidal power"
    assert article.paragraphs[0].heading and article.paragraphs[0].text == "Tidal power"


def test_markdown_written_as_plain_text_gets_its_first_short_line_as_title(tmp_path: Path) -> None:
    article = read_article(
        write(tmp_path, "Tidal power\n\nTidal power uses the *rise and fall* of the sea.\n")
    )
    assert article.title == "Tidal power"
    assert article.body_paragraphs()[0].text == "Tidal power uses the rise and fall of the sea."


def test_setext_headings_and_soft_line_breaks(tmp_path: Path) -> None:
    text = "Tides\n=====\n\nThe sea rises\nand falls twice\na day.\n\nCauses\n------\n\nThe Moon pulls it.\n"
    article = read_article(write(tmp_path, text))
    assert [(p.text, p.heading) for p in article.paragraphs] == [
        ("Tides", True),
        ("The sea rises and falls twice a day.", False),
        ("Causes", True),
        ("The Moon pulls it.", False),
    ]


def test_superscript_reference_in_inline_html_is_dropped(tmp_path: Path) -> None:
    article = read_article(
        write(tmp_path, "# Tides\n\nThe Moon<sup>3</sup> pulls the water. The Sun does too.\n")
    )
    assert article.body_paragraphs()[0].text == "The Moon pulls the water. The Sun does too."
