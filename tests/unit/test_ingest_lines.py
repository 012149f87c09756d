"""Joining hard-wrapped lines back into paragraphs, at a constant width or raggedly.

Text copied from e-mails, transcripts and PDFs breaks sentences across lines of uneven length. A
sentence broken in two must come back whole: a half of it would otherwise become a card of its own
("at _____ in Florida.").
"""

from __future__ import annotations

import random
import textwrap
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.ingest import read_article
from quizgen.ingest.lines import blocks_from_lines

SAMPLES = sorted(
    p
    for p in (Path(__file__).resolve().parents[2] / "sample_articles").iterdir()
    if p.suffix in (".txt", ".md")
)


def paragraphs(text: str) -> list[str]:
    return [block.text for block in blocks_from_lines(text)]


def test_a_sentence_broken_over_two_short_lines_is_joined() -> None:
    text = "The first rocket of the series was launched from a pad\nat Cape Canaveral in Florida.\n"
    assert paragraphs(text) == [
        "The first rocket of the series was launched from a pad at Cape Canaveral in Florida."
    ]


def test_ragged_lines_broken_mid_clause_are_joined() -> None:
    text = (
        "The keeper climbed the stairs of the lighthouse at dusk,\n"
        "lit the lamp\n"
        "and wound the clockwork that turned the great lens until the sun came up. Storms\n"
        "often kept him awake,\n"
        "and in the winter of 1891 he logged\n"
        "forty nights of gales.\n"
        "\n"
        "His daughter took over the light\n"
        "when he retired in 1903.\n"
    )
    assert paragraphs(text) == [
        "The keeper climbed the stairs of the lighthouse at dusk, lit the lamp and wound the clockwork "
        "that turned the great lens until the sun came up. Storms often kept him awake, and in the winter "
        "of 1891 he logged forty nights of gales.",
        "His daughter took over the light when he retired in 1903.",
    ]


def test_sentence_ends_inside_a_ragged_paragraph_are_joined_where_blank_lines_part_paragraphs() -> None:
    text = (
        "The canal opened in 1914.\n"
        "It is about 82 kilometres long and\n"
        "ships climb 26 metres through three sets of locks.\n"
        "\n"
        "A French company had tried first.\n"
        "Disease and landslides\n"
        "ruined it in 1889.\n"
    )
    assert paragraphs(text) == [
        "The canal opened in 1914. It is about 82 kilometres long and ships climb 26 metres through "
        "three sets of locks.",
        "A French company had tried first. Disease and landslides ruined it in 1889.",
    ]


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        ("The tower was designed by\nGustave Eiffel's company.", "designed by Gustave Eiffel's"),
        ("The clinic was run by Dr.\nAnna Berg for ten years.", "by Dr. Anna Berg"),
        ("The speech by John F.\nKennedy set the goal.", "John F. Kennedy"),
        ("The talks in Tokyo included the U.S.\nSecretary of Defense.", "the U.S. Secretary"),
        ("She lived (1867\n– 1934) in Paris and Warsaw.", "(1867 – 1934)"),
        ("He died in the south, at the age of\n37. His brother died a year later.", "age of 37. His"),
        ("The votes were counted in the hall;\nthe result came at midnight.", "hall; the result"),
    ],
)
def test_a_line_that_stops_mid_sentence_runs_on(lines: str, joined: str) -> None:
    text = "Notes on the text\n\n" + lines + "\n"
    assert len(paragraphs(text)) == 2
    assert joined in paragraphs(text)[1]


def test_headings_list_items_and_indented_lines_still_start_paragraphs() -> None:
    text = (
        "Honey bees\n"
        "A colony has a single queen and many thousands of workers that\n"
        "gather nectar.\n"
        "The waggle dance\n"
        "Workers show the others where flowers are with a dance\n"
        "that Karl von Frisch decoded. They dance to say:\n"
        "- how far away the flowers are\n"
        "- in which direction to fly\n"
        "   A dance lasts only a few seconds and it is\n"
        "repeated many times.\n"
    )
    assert [(b.text, b.heading) for b in blocks_from_lines(text)] == [
        ("Honey bees", True),
        ("A colony has a single queen and many thousands of workers that gather nectar.", False),
        ("The waggle dance", True),
        (
            "Workers show the others where flowers are with a dance that Karl von Frisch decoded. "
            "They dance to say:",
            False,
        ),
        ("how far away the flowers are", False),
        ("in which direction to fly", False),
        ("A dance lasts only a few seconds and it is repeated many times.", False),
    ]


def test_a_list_item_without_a_full_stop_does_not_swallow_the_next_paragraph() -> None:
    text = "The ship carried:\n- dried meat\n- paraffin\nThen it sailed south from Hobart in December.\n"
    assert paragraphs(text) == [
        "The ship carried:",
        "dried meat",
        "paraffin",
        "Then it sailed south from Hobart in December.",
    ]


def test_a_short_title_above_ragged_text_stays_a_heading() -> None:
    text = (
        "Marie Curie\n"
        "Maria Sklodowska was born in Warsaw and moved\n"
        "to Paris in 1891, where she studied physics.\n"
    )
    blocks = blocks_from_lines(text)
    assert [(b.text, b.heading) for b in blocks] == [
        ("Marie Curie", True),
        ("Maria Sklodowska was born in Warsaw and moved to Paris in 1891, where she studied physics.", False),
    ]


def test_a_heading_right_after_a_full_line_is_not_glued_to_the_paragraph() -> None:
    text = (
        "The fire began on Sunday 2 September 1666 in a bakery on Pudding Lane and\n"
        "spread through the narrow streets of timber houses for four whole days.\n"
        "Aftermath\n"
        "The city was rebuilt in brick and stone, to plans that kept the old streets.\n"
    )
    assert paragraphs(text) == [
        "The fire began on Sunday 2 September 1666 in a bakery on Pudding Lane and spread through the "
        "narrow streets of timber houses for four whole days.",
        "Aftermath",
        "The city was rebuilt in brick and stone, to plans that kept the old streets.",
    ]


def test_a_line_per_paragraph_without_a_full_stop_is_not_joined_when_it_is_too_long_to_be_wrapped() -> None:
    first = "The first paragraph is long and has no full stop at its end " + "because it ends in a list " * 4
    text = first.strip() + "\nThe second paragraph starts here and ends properly.\n"
    assert paragraphs(text) == [first.strip(), "The second paragraph starts here and ends properly."]


# ------------------------------------------------------------------------------ property tests


@cache
def sample_paragraphs(path: Path) -> tuple[tuple[str, bool], ...]:
    """The paragraphs the reader finds in a sample article, as (text, is heading)."""
    return tuple((p.text, p.heading) for p in read_article(str(path)).paragraphs)


def ragged(text: str, rng: random.Random) -> str:
    """Break a paragraph raggedly: each line gets its own length, and lines may stop after a comma."""
    longest = rng.randint(40, 90)
    shortest = rng.randint(25, longest - 10)
    lines: list[str] = []
    line: list[str] = []
    target = rng.randint(shortest, longest)
    for word in text.split():
        line.append(word)
        length = len(" ".join(line))
        after_clause = word[-1] in ",;" and length >= shortest and rng.random() < 0.5
        if length >= target or after_clause:
            lines.append(" ".join(line))
            line, target = [], rng.randint(shortest, longest)
    if line:
        lines.append(" ".join(line))
    return "\n".join(lines)


def rewrapped(paragraphs: tuple[tuple[str, bool], ...], rng: random.Random, style: str) -> str:
    """The article written out again with its paragraphs re-broken into lines; headings stay whole."""
    out = []
    for text, heading in paragraphs:
        if heading:
            out.append(text)
        elif style == "ragged":
            out.append(ragged(text, rng))
        else:
            out.append(
                textwrap.fill(text, rng.randint(25, 90), break_long_words=False, break_on_hyphens=False)
            )
    return "\n\n".join(out) + "\n"


def read_back(tmp_path_factory: pytest.TempPathFactory, text: str) -> list[tuple[str, bool]]:
    path = tmp_path_factory.mktemp("rewrapped") / "article.txt"
    path.write_text(text, encoding="utf-8")
    return [(" ".join(p.text.split()), p.heading) for p in read_article(str(path)).paragraphs]


def normalised(paragraphs: tuple[tuple[str, bool], ...]) -> list[tuple[str, bool]]:
    return [(" ".join(text.split()), heading) for text, heading in paragraphs]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    sample=st.sampled_from(SAMPLES),
    style=st.sampled_from(["textwrap", "ragged"]),
    rng=st.randoms(use_true_random=False),
)
def test_rewrapped_articles_read_back_as_the_same_paragraphs(
    tmp_path_factory: pytest.TempPathFactory, sample: Path, style: str, rng: random.Random
) -> None:
    original = sample_paragraphs(sample)
    assert read_back(tmp_path_factory, rewrapped(original, rng, style)) == normalised(original)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sample=st.sampled_from(SAMPLES), cut=st.tuples(st.floats(0, 0.5), st.floats(0.5, 1)))
def test_one_line_per_paragraph_without_blank_lines_keeps_every_line_a_paragraph(
    tmp_path_factory: pytest.TempPathFactory, sample: Path, cut: tuple[float, float]
) -> None:
    original = sample_paragraphs(sample)
    # Any stretch of the article, headings included, written a paragraph to a line.
    start, end = (
        int(cut[0] * len(original)),
        max(int(cut[0] * len(original)) + 1, int(cut[1] * len(original))),
    )
    stretch = original[start:end]
    text = "\n".join(text for text, _ in stretch) + "\n"
    assert [text for text, _ in read_back(tmp_path_factory, text)] == [t for t, _ in normalised(stretch)]


def test_the_samples_cover_text_and_markdown() -> None:
    assert {p.suffix for p in SAMPLES} == {".txt", ".md"}
    assert len(SAMPLES) >= 5
