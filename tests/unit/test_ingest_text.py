"""Plain-text articles: encodings, hard-wrapped lines, titles, stdin, and the seed article."""

from __future__ import annotations

import hashlib
import io
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from quizgen.ingest import read_article

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "seed" / "japan_us_alliance.txt"
SAMPLE_SEED = Path(__file__).resolve().parents[2] / "sample_articles" / "japan_us_alliance.txt"

CAFE = (
    "Café Procope\n"
    "\n"
    "The café “Le Procope” opened in Paris in 1686 — it is often called the oldest café in the city.\n"
    "\n"
    "Voltaire and Rousseau were among its regular guests, and the naïve story that Benjamin Franklin "
    "drafted part of the alliance with France at one of its tables is still told to visitors.\n"
)


def write(tmp_path: Path, name: str, data: bytes | str) -> str:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_every_supported_encoding_gives_the_same_text(tmp_path: Path, encoding: str) -> None:
    article = read_article(write(tmp_path, "cafe.txt", CAFE.encode(encoding)))

    assert article.title == "Café Procope"
    # Curly quotes, the em dash and accents survive untouched (no ASCII folding).
    assert "The café “Le Procope” opened in Paris in 1686 — it is" in article.text
    assert "the naïve story" in article.text
    assert "\ufeff" not in article.text


def test_latin1_text_is_decoded(tmp_path: Path) -> None:
    text = "Señor Ibáñez\n\nThe señor visited Cádiz and Málaga in the summer of 1921 with his family.\n"
    article = read_article(write(tmp_path, "latin.txt", text.encode("latin-1")))
    assert "Cádiz and Málaga" in article.text


def test_article_records_where_it_came_from(tmp_path: Path) -> None:
    raw = CAFE.encode("utf-8")
    source = write(tmp_path, "cafe_procope.txt", raw)
    article = read_article(source)

    assert article.name == "cafe_procope.txt"
    assert article.path == source
    assert article.format == "text"
    assert article.sha256 == hashlib.sha256(raw).hexdigest()
    assert article.id == "cafe-procope"


def test_characters_are_normalised(tmp_path: Path) -> None:
    text = (
        "Cafe\u0301 culture in Vienna began in the 1680s.\u200b The\u00a0first coffee\u2009house "
        "was\u2060 opened\x07 by a man from\u00adthe east, and it was a great success in the city.\n"
    )
    article = read_article(write(tmp_path, "vienna.txt", text))

    assert "Café culture" in article.text  # NFC: e + combining accent becomes é
    assert "The first coffee house was opened by a man from" in article.text
    assert not any(ch in article.text for ch in "\u200b\u00a0\u2009\u2060\x07\u00ad\u0301")


def test_hard_wrapped_paragraphs_are_joined(tmp_path: Path) -> None:
    text = (
        "The Great Fire of London began on Sunday 2 September 1666 in a bakery on\n"
        "Pudding Lane. It spread quickly through the narrow streets of timber\n"
        "houses and burned for four days.\n"
        "\n"
        "About 13,200 houses and 87 parish churches were destroyed, among them\n"
        "the old St Paul's Cathedral, which Christopher Wren later rebuilt.\n"
    )
    article = read_article(write(tmp_path, "fire.txt", text))

    assert [p.text for p in article.paragraphs] == [
        "The Great Fire of London began on Sunday 2 September 1666 in a bakery on Pudding Lane. "
        "It spread quickly through the narrow streets of timber houses and burned for four days.",
        "About 13,200 houses and 87 parish churches were destroyed, among them the old St Paul's "
        "Cathedral, which Christopher Wren later rebuilt.",
    ]


def test_wrapped_text_without_blank_lines_splits_where_a_line_stops_short(tmp_path: Path) -> None:
    text = (
        "The Great Fire of London began on Sunday 2 September 1666 in a bakery on\n"
        "Pudding Lane. It spread quickly through the narrow streets of timber\n"
        "houses and burned for four days.\n"
        "About 13,200 houses and 87 parish churches were destroyed, among them\n"
        "the old St Paul's Cathedral, which Christopher Wren later rebuilt.\n"
    )
    article = read_article(write(tmp_path, "fire.txt", text))

    assert len(article.paragraphs) == 2
    assert article.paragraphs[0].text.endswith("burned for four days.")
    assert article.paragraphs[1].text.startswith("About 13,200 houses")


def test_title_line_directly_above_wrapped_text_stays_a_heading(tmp_path: Path) -> None:
    text = (
        "The Great Fire of London\n"
        "The fire began on Sunday 2 September 1666 in a bakery on Pudding Lane.\n"
        "It spread quickly through the narrow streets of timber houses and it\n"
        "burned for four days before the wind dropped and the fire was stopped.\n"
    )
    article = read_article(write(tmp_path, "fire.txt", text))
    assert article.title == "The Great Fire of London"
    assert [p.heading for p in article.paragraphs] == [True, False]
    assert article.paragraphs[1].text.startswith("The fire began on Sunday")


def test_long_lines_separated_by_single_newlines_are_paragraphs(tmp_path: Path) -> None:
    text = (
        "The Great Fire of London began on Sunday 2 September 1666 in a bakery on Pudding Lane, and it "
        "spread quickly through the narrow streets of timber houses.\n"
        "About 13,200 houses were destroyed.\n"
        "Christopher Wren designed the new St Paul's Cathedral, which was completed in 1711 after more "
        "than thirty years of work on the site of the old church.\n"
    )
    article = read_article(write(tmp_path, "fire.txt", text))

    assert [p.text[:20] for p in article.paragraphs] == [
        "The Great Fire of Lo",
        "About 13,200 houses ",
        "Christopher Wren des",
    ]


def test_bullet_lines_become_paragraphs_without_their_bullets(tmp_path: Path) -> None:
    text = (
        "The expedition carried three kinds of supplies that were all packed in Hobart.\n\n"
        "- Dried meat for the dogs.\n"
        "- Paraffin for the stoves.\n"
        "* Spare sledge runners.\n"
    )
    article = read_article(write(tmp_path, "supplies.txt", text))
    assert [p.text for p in article.paragraphs[1:]] == [
        "Dried meat for the dogs.",
        "Paraffin for the stoves.",
        "Spare sledge runners.",
    ]


def test_short_first_line_is_the_title_and_a_heading(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "cafe.txt", CAFE))

    first = article.paragraphs[0]
    assert article.title == "Café Procope"
    assert first.heading and first.text == "Café Procope" and first.start == 0
    assert all(not p.heading for p in article.paragraphs[1:])
    assert article.body_paragraphs()[0].section == "Café Procope"


def test_short_lines_inside_the_text_become_section_headings(tmp_path: Path) -> None:
    text = (
        "Honey bees\n\nA colony has a single queen and thousands of workers.\n\n"
        "The waggle dance\n\nWorkers show where flowers are with a dance that Karl von Frisch decoded.\n"
    )
    article = read_article(write(tmp_path, "bees.txt", text))

    assert [(p.text, p.heading, p.section) for p in article.paragraphs] == [
        ("Honey bees", True, "Honey bees"),
        ("A colony has a single queen and thousands of workers.", False, "Honey bees"),
        ("The waggle dance", True, "The waggle dance"),
        (
            "Workers show where flowers are with a dance that Karl von Frisch decoded.",
            False,
            "The waggle dance",
        ),
    ]


def test_title_comes_from_the_file_name_when_the_text_starts_with_a_sentence(tmp_path: Path) -> None:
    text = "The first line here is a full sentence and ends with a period.\n\nAnother paragraph follows it.\n"
    article = read_article(write(tmp_path, "great_fire-of_london.txt", text))

    assert article.title == "Great fire of london"
    assert article.id == "great-fire-of-london"
    assert not article.paragraphs[0].heading


def test_id_falls_back_to_the_file_name_when_the_title_has_no_ascii(tmp_path: Path) -> None:
    text = "Ωμέγα\n\nThe last letter of the Greek alphabet is omega, often used for the end of things.\n"
    article = read_article(write(tmp_path, "omega_letter.txt", text))
    assert article.title == "Ωμέγα"
    assert article.id == "omega-letter"


def test_file_without_extension_is_read_by_its_content(tmp_path: Path) -> None:
    article = read_article(
        write(tmp_path, "NOTES", "# Tides\n\nTides are caused mainly by the Moon's gravity.\n")
    )
    assert article.format == "markdown"
    assert article.title == "Tides"


def fake_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(data)))


@pytest.mark.parametrize(
    ("data", "fmt", "title"),
    [
        (CAFE.encode("utf-8"), "text", "Café Procope"),
        (b"# Tides\n\nTides are caused mainly by the *gravity* of the Moon.\n", "markdown", "Tides"),
        (
            b"<!DOCTYPE html><html><head><title>Tides</title></head><body><h1>Tides</h1>"
            b"<p>Tides are caused mainly by the Moon and partly by the Sun.</p><script>x=1</script>"
            b"</body></html>",
            "html",
            "Tides",
        ),
    ],
)
def test_stdin_is_read_and_its_format_guessed(
    monkeypatch: pytest.MonkeyPatch, data: bytes, fmt: str, title: str
) -> None:
    fake_stdin(monkeypatch, data)
    article = read_article("-")

    assert (article.format, article.title) == (fmt, title)
    assert article.name == "<stdin>"
    assert article.path is None
    assert article.sha256 == hashlib.sha256(data).hexdigest()
    assert article.body_paragraphs()[0].text.startswith(("The café", "Tides are caused mainly"))


def test_stdin_without_a_title_gets_one_from_its_first_words(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_stdin(monkeypatch, b"The Moon is moving away from the Earth by about 3.8 centimetres every year.\n")
    article = read_article("-")
    assert article.title.startswith("The Moon is moving away")
    assert article.id.startswith("the-moon-is-moving-away")


def _seed_paths() -> list[Path]:
    return [p for p in (SEED, SAMPLE_SEED) if p.is_file()]


@pytest.mark.parametrize("seed", _seed_paths() or [pytest.param(SEED, marks=pytest.mark.skip("no seed"))])
def test_seed_article_keeps_only_the_first_copy_of_its_repeated_paragraph(seed: Path) -> None:
    article = read_article(str(seed))
    repeated = "The meeting occurred against a backdrop of heightened geopolitical uncertainty"

    assert article.dropped_duplicates == 1
    assert article.text.count(repeated) == 1
    assert article.paragraphs[1].text.startswith(repeated)  # the first copy, right after the title
    assert article.title.startswith("Japan and U.S. solidify alliance")
    assert article.paragraphs[0].heading
    # The line holding only a no-break space is a blank line, not a paragraph.
    assert all(p.text.strip() for p in article.paragraphs)
    assert "\u00a0" not in article.text
    assert len(article.body_paragraphs()) == 6
    for paragraph in article.paragraphs:
        assert article.text[paragraph.start : paragraph.end] == paragraph.text
