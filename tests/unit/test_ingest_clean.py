"""The clean-up every article gets: characters, citation marks, whitespace, repeats, offsets."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizgen.ingest import read_article
from quizgen.ingest.clean import Block, Draft, build_article, normalize_characters, strip_citation_marks


@pytest.mark.parametrize(
    ("marked", "clean"),
    [
        ("It was built in 1889.[1] It is tall.", "It was built in 1889. It is tall."),
        ("It was built in 1889[12] by Eiffel.", "It was built in 1889 by Eiffel."),
        ("A tower [a] stands here.", "A tower stands here."),
        ("It rusts.[citation needed]", "It rusts."),
        ("It is painted.[note 3][4]", "It is painted."),
        ("The lift was slow.[clarification needed] Then", "The lift was slow. Then"),
        ("It weighs 7,300 tonnes.[who?]", "It weighs 7,300 tonnes."),
        ("Visitors came.[5]:23 Many", "Visitors came. Many"),
        ("It opened in March.¹ Crowds came.", "It opened in March. Crowds came."),
        ("It reached Tahiti.12 The crew", "It reached Tahiti. The crew"),
        ("A footnote in markdown[^2] here.", "A footnote in markdown here."),
        ("Wildlife[edit]", "Wildlife"),
    ],
)
def test_citation_marks_are_removed(marked: str, clean: str) -> None:
    assert strip_citation_marks(marked) == clean


@pytest.mark.parametrize(
    "text",
    [
        "The room measures 40 m² in total.",
        "Prices rose 3.5 percent in 2021.",
        "The song reached No.1 in Britain.",
        "See the list [Appendix B] for details.",
        "He said [sic] twice.",
        "Version 2.12 was released.",
    ],
)
def test_text_that_only_looks_like_a_citation_mark_is_kept(text: str) -> None:
    assert strip_citation_marks(text) == text


def test_every_invisible_format_character_is_removed() -> None:
    invisible = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    assert normalize_characters("a" + "".join(invisible) + "b") == "ab"


def test_control_characters_go_and_line_breaks_stay() -> None:
    assert (
        normalize_characters("one\r\ntwo\rthree\x00\x1b\x7f\x85\tfour\u2028five")
        == "one\ntwo\nthree four\nfive"
    )


def test_soft_hyphen_at_a_line_end_becomes_a_hyphen_so_the_word_can_be_rejoined() -> None:
    assert normalize_characters("infor\u00ad\nmation and hy\u00adphen") == "infor-\nmation and hyphen"


def test_ligatures_become_letters() -> None:
    assert normalize_characters("\ufb01nal e\ufb00ort") == "final effort"


def test_repeated_paragraphs_are_dropped_ignoring_case_and_whitespace() -> None:
    article = build_article(
        Draft(
            blocks=[
                Block("Rome", heading=True),
                Block("The Colosseum opened in 80 AD."),
                Block("It held about 50,000 people."),
                Block("the  colosseum opened\nin 80 AD."),
                Block("The Colosseum opened in 80 AD."),
            ],
            title="Rome",
        ),
        raw=b"x",
        name="rome.txt",
        path="rome.txt",
        fmt="text",
    )
    assert [p.text for p in article.paragraphs] == [
        "Rome",
        "The Colosseum opened in 80 AD.",
        "It held about 50,000 people.",
    ]
    assert article.dropped_duplicates == 2


def test_repeated_headings_are_kept() -> None:
    blocks = [
        Block("Early life", heading=True),
        Block("She was born in Warsaw."),
        Block("Early life", heading=True),
        Block("He was born in Paris."),
    ]
    article = build_article(Draft(blocks=blocks), raw=b"", name="a.txt", path=None, fmt="text")
    assert [p.text for p in article.paragraphs if p.heading] == ["Early life", "Early life"]
    assert article.dropped_duplicates == 0


def test_reference_sections_and_separators_are_dropped(tmp_path: Path) -> None:
    text = (
        "Marie Curie\n\nShe won two Nobel Prizes, in physics and in chemistry.[1]\n\n* * *\n\n"
        "Legacy\n\nThe element curium is named after her and her husband.[2]\n\n"
        "References\n\n1. A biography of her. Nobel Prize Outreach.\n\n2. Another book. A publisher.\n"
    )
    path = tmp_path / "curie.txt"
    path.write_text(text, encoding="utf-8")
    article = read_article(str(path))

    assert [p.text for p in article.paragraphs] == [
        "Marie Curie",
        "She won two Nobel Prizes, in physics and in chemistry.",
        "Legacy",
        "The element curium is named after her and her husband.",
    ]


def test_reference_heading_with_an_edit_link_is_still_back_matter() -> None:
    blocks = [
        Block("Lake Baikal", heading=True),
        Block("Lake Baikal is the deepest lake in the world.[1]"),
        Block("See also[edit]", heading=True),
        Block("List of lakes by depth"),
        Block("References [edit]", heading=True),
        Block("Smith, J. (2001). Lakes of Asia."),
    ]
    article = build_article(Draft(blocks=blocks), raw=b"", name="baikal.html", path=None, fmt="html")
    assert article.text == "Lake Baikal\n\nLake Baikal is the deepest lake in the world."


def test_whitespace_is_collapsed_inside_paragraphs_but_paragraphs_stay_apart(tmp_path: Path) -> None:
    path = tmp_path / "spaces.txt"
    path.write_text(
        "Tides   rise\t and fall  twice a day.   \n \n\t\n\n  Spring tides   are the highest.  \n"
    )
    article = read_article(str(path))
    assert article.text == "Tides rise and fall twice a day.\n\nSpring tides are the highest."


paragraph_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=0, max_size=40
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(paragraph_text, st.booleans()), max_size=12))
def test_offsets_always_point_at_the_paragraph_text(items: list[tuple[str, bool]]) -> None:
    blocks = [Block(normalize_characters(text), heading=heading) for text, heading in items]
    article = build_article(Draft(blocks=blocks, title="T"), raw=b"", name="t.txt", path=None, fmt="text")

    assert article.text == "\n\n".join(p.text for p in article.paragraphs)
    for paragraph in article.paragraphs:
        assert article.text[paragraph.start : paragraph.end] == paragraph.text
        assert paragraph.text == paragraph.text.strip() and "\n" not in paragraph.text
        assert paragraph.text
    body = [p.text.casefold() for p in article.body_paragraphs()]
    assert len(body) == len(set(body))


file_piece = st.sampled_from(
    ["the", "sea", "of", "Moon", "rises", ".", ",", " ", "\n", "\u00a0", "\u200b", "\t"]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(file_piece, min_size=1, max_size=40).map("".join), min_size=1, max_size=5))
def test_offsets_hold_for_whole_files(tmp_path_factory: pytest.TempPathFactory, chunks: list[str]) -> None:
    text = (
        "The Tides\n\n" + "\n\n".join(chunks) + "\n\nThe sea rises and falls twice a day because of the Moon."
    )
    path = tmp_path_factory.mktemp("prop") / "tides.txt"
    path.write_text(text, encoding="utf-8")
    article = read_article(str(path))
    assert article.paragraphs[-1].text == "The sea rises and falls twice a day because of the Moon."
    for paragraph in article.paragraphs:
        assert article.text[paragraph.start : paragraph.end] == paragraph.text
