"""HTML articles: the main text of a real-looking page, without its clutter."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen.errors import InputError
from quizgen.ingest import read_article
from quizgen.models import Article

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "hubble_cluttered.html"


@pytest.fixture(scope="module")
def hubble() -> Article:
    return read_article(str(FIXTURE))


def test_title_and_sections(hubble: Article) -> None:
    assert hubble.title == "The Hubble Space Telescope at work"
    assert hubble.format == "html"
    assert [p.text for p in hubble.paragraphs if p.heading] == [
        "The Hubble Space Telescope at work",
        "A flawed mirror",
        "What it found",
    ]
    deep_field = next(p for p in hubble.paragraphs if "Hubble Deep Field" in p.text)
    assert deep_field.section == "What it found"


def test_article_paragraphs_are_kept_whole(hubble: Article) -> None:
    body = [p.text for p in hubble.body_paragraphs()]
    assert body[0] == (
        "The Hubble Space Telescope was carried into orbit by the Space Shuttle Discovery on 24 April 1990. "
        "It circles the Earth at a height of roughly 540 kilometres, far above the blurring effect of the "
        "atmosphere."
    )
    assert "Astronauts serviced the telescope on five Space Shuttle missions." in body
    assert "The last servicing mission took place in May 2009." in body


@pytest.mark.parametrize(
    "clutter",
    [
        "cookies",  # consent banner
        "Accept all",
        "Planets",  # navigation
        "Newsletter",
        "Skyward staff",  # byline
        "Share on social media",
        "analyticsQueue",  # scripts
        "scroll-depth",
        "font-family",  # styles
        "Great read",  # comments
        "Saturn's rings",  # related articles
        "inbox every Friday",  # newsletter box
        "All rights reserved",  # footer
        "Privacy policy",
        "[1]",  # citation mark
    ],
)
def test_page_clutter_is_dropped(hubble: Article, clutter: str) -> None:
    assert clutter not in hubble.text


def write(tmp_path: Path, html: str | bytes, name: str = "page.html") -> str:
    path = tmp_path / name
    path.write_bytes(html.encode("utf-8") if isinstance(html, str) else html)
    return str(path)


def test_a_very_short_page_still_works(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Note</title><script>var x = 1;</script></head><body>"
        "<nav><a href='/'>Home</a> <a href='/about'>About</a></nav>"
        "<h1>Tides</h1><p>Tides are caused by the Moon.</p><p>Spring tides follow a full moon.</p>"
        "<footer>Contact us</footer></body></html>"
    )
    article = read_article(write(tmp_path, page))
    assert article.title == "Tides"
    assert [p.text for p in article.body_paragraphs()] == [
        "Tides are caused by the Moon.",
        "Spring tides follow a full moon.",
    ]


def test_old_table_layout_page_falls_back_to_its_paragraphs_without_clutter(tmp_path: Path) -> None:
    # trafilatura leaves tables out, and this page keeps everything in one: the plain pass takes over.
    page = (
        "<html><head><title>The Tay Bridge disaster | Railway History</title></head><body>"
        "<div id='cookie-notice'><p>This site uses cookies to count visitors and remember settings.</p></div>"
        "<table width='100%'><tr><td class='menu'><nav><p><a href='/'>Home page of this site</a></p></nav>"
        "</td>"
        "<td class='main'>"
        "<p>On the night of 28 December 1879 the central spans of the Tay Bridge collapsed in a storm.</p>"
        "<p>A train crossing at the time fell into the Firth of Tay, and everyone on board died.</p>"
        "<ul><li>The bridge had opened in 1878.</li></ul></td></tr></table>"
        "<script>document.write('visitor counter');</script><footer><p>Written by a railway fan.</p></footer>"
        "</body></html>"
    )
    article = read_article(write(tmp_path, page))
    assert article.title == "The Tay Bridge disaster"  # the page title without the site name
    assert article.paragraphs[0].heading and article.paragraphs[0].text == article.title
    assert [p.text for p in article.body_paragraphs()] == [
        "On the night of 28 December 1879 the central spans of the Tay Bridge collapsed in a storm.",
        "A train crossing at the time fell into the Firth of Tay, and everyone on board died.",
        "The bridge had opened in 1878.",
    ]


def test_title_comes_from_the_page_title_without_the_site_name(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Why the sea is salty | Ocean Facts</title></head><body><div class='post'>"
        "<p>Rivers carry dissolved minerals from rocks into the sea, where water evaporates and the salt "
        "stays behind. Over millions of years the salt has built up to about 35 grams in every litre of "
        "seawater.</p>"
        "</div></body></html>"
    )
    article = read_article(write(tmp_path, page))
    assert article.title == "Why the sea is salty"
    assert article.paragraphs[0].heading and article.paragraphs[0].text == "Why the sea is salty"


def test_line_breaks_inside_a_block_separate_sentences_into_paragraphs(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Bees</title></head><body><div class='entry'><h2>Bees</h2><div>"
        "Honey bees live in colonies of up to sixty thousand workers and one queen.<br><br>"
        "The queen can lay about two thousand eggs a day in the peak of the summer season.<br><br>"
        "Workers tell each other where flowers are with a movement called the waggle dance."
        "</div></div></body></html>"
    )
    article = read_article(write(tmp_path, page))
    assert [p.text[:20] for p in article.body_paragraphs()] == [
        "Honey bees live in c",
        "The queen can lay ab",
        "Workers tell each ot",
    ]


def test_declared_windows_1252_charset_is_honoured(tmp_path: Path) -> None:
    page = (
        "<html><head><meta charset='windows-1252'><title>Caf\u00e9</title></head><body>"
        "<h1>Caf\u00e9 culture</h1><p>The \u201cPrague\u201d caf\u00e9 opened in 1902 \u2014 it is still "
        "open today, and writers still meet there every week.</p></body></html>"
    )
    article = read_article(write(tmp_path, page.encode("cp1252")))
    assert "The \u201cPrague\u201d caf\u00e9 opened in 1902 \u2014 it is" in article.text


def test_page_with_no_article_text_is_refused(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Menu</title><script>var a = 1;</script></head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/b'>Blog</a></li></ul></nav>"
        "<footer>Copyright 2024</footer></body></html>"
    )
    with pytest.raises(InputError, match="no article text"):
        read_article(write(tmp_path, page))


def _page(head: str, footer: str) -> str:
    body = "<p>" + "The museum opened its new wing to visitors in the spring. " * 12 + "</p>"
    page = f"<head><title>Museum</title>{head}</head><body><article><h1>Museum</h1>{body}</article>"
    return f"<html>{page}{footer}</body></html>"


def test_a_page_gives_the_date_its_markup_states_but_a_copyright_year_is_no_date(tmp_path: Path) -> None:
    dated = tmp_path / "dated.html"
    dated.write_text(_page('<meta property="article:published_time" content="2021-03-04T10:00:00Z">', ""))
    assert read_article(str(dated)).published == "2021-03-04"
    undated = tmp_path / "undated.html"
    undated.write_text(_page("", "<footer><p>© 2024 Museum Press. All rights reserved.</p></footer>"))
    assert read_article(str(undated)).published is None
