"""Page furniture, editorial marks and runs of dashes never reach a paragraph, in any format."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizgen.ingest import read_article
from quizgen.ingest.clean import strip_citation_marks, tidy_dashes
from quizgen.ingest.furniture import is_edge_note, is_furniture
from quizgen.models import Article


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def texts(article: Article) -> list[str]:
    return [p.text for p in article.paragraphs]


@pytest.mark.parametrize(
    "line",
    [
        "Updated 3:45 PM EST, Mon March 4, 2024",
        "Published 12 May 2023",
        "Last modified on 5 June 2021",
        "Posted 2 hours ago",
        "Mon 4 Mar 2024 10.45 GMT",
        "By Jane Doe",
        "BY JANE DOE",
        "By Jane Doe and John Roe, Reuters",
        "Jane Doe, Staff Writer",
        "By Jane Doe | Updated 4 March 2024",
        "Continue reading",
        "Read more",
        "Read more: Why the bridge needed new cables",
        "Click here to see the full list of closures",
        "Share this article",
        "Share on Facebook",
        "Share on X",
        "Facebook Twitter LinkedIn Email",
        "Subscribe to our newsletter",
        "Sign up for our newsletter to get the latest stories",
        "Follow us on Instagram",
        "Advertisement",
        "Story continues below advertisement",
        "© 2024 Coastal Times",
        "Copyright 2024 Coastal Times Ltd. All rights reserved.",
        "All rights reserved.",
        "Photo: Jane Doe/Reuters",
        "Image credit: Portville council",
        "(Photo by Sam Poe / Getty Images)",
        "Getty Images",
        "The bridge at dawn on Monday. Sam Poe/AFP via Getty Images",
        "Related:",
        "Related articles",
        "Related: Why salt air eats steel",
        "This article was originally published on The Harbour Review.",
        "Reporting by Jane Doe; Editing by John Roe",
        "(Reporting by Jane Doe in Portville; Additional reporting by Sam Poe in Dover; Editing by John Roe)",
        "Sources: Reuters, Portville city council",
    ],
)
def test_furniture_lines_are_recognised(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "By July, the crew had trained for months.",
        "By making borrowing dearer, the bank hopes to slow spending.",
        "By 1906 yellow fever had been wiped out in the zone.",
        "Published in 1905, the paper changed physics.",
        "Reporting by the newspaper revealed abuses in the prison.",
        "Research by Walter Reed showed how the fever spread.",
        "On 4 May 1961 the president spoke to Congress.",
        "Share prices fell sharply on Monday.",
        "Subscribers paid more than before.",
        "The photo shows the crew on the deck.",
        "Related species live in Asia.",
        "Sources say the deal is close.",
        "Copyrights protect authors for decades.",
        "Read the instructions carefully before you start.",
        "Jane Doe, a teacher, said the rules were clear.",
        "(7 November 1867",  # half of a date broken over two lines
        "By Jane Doe and",  # a byline that goes on: not a line of its own
    ],
)
def test_prose_that_looks_a_little_like_furniture_is_kept(line: str) -> None:
    assert not is_furniture(line)


@pytest.mark.parametrize(
    ("note", "is_note"),
    [
        ("Editor's note: This story was updated on March 5 to add the cost of the work.", True),
        ("Update: The council later said the bridge would close again in May.", True),
        ("UPDATE (March 5): The council replied.", True),
        ("Correction: An earlier version of this story misspelled the engineer's name.", True),
        ("Jane Doe is a staff writer at the Coastal Times who covers transport.", True),
        ("Updates to the law came in 1990.", False),
        ("The update was slow to arrive.", False),
    ],
)
def test_editors_notes_are_recognised(note: str, is_note: bool) -> None:
    assert is_edge_note(note) is is_note


NEWS_TEXT = """\
Harbour bridge reopens after repairs
By Jane Doe and John Roe, Coastal Times
Updated 3:45 PM EST, Mon March 4, 2024

PORTVILLE, March 4 -- The harbour bridge in Portville reopened to
traffic on Monday after eight months of repairs to its steel cables,
the city council said.
Share this article

Engineers replaced all 48 cables, which had corroded in the salt air,
and repainted the deck. The work cost about $12 million.

Photo: The bridge at dawn. (Photo by Sam Poe / Getty Images)

Advertisement

Continue reading

Read more: Why salt air eats steel

The bridge first opened in 1931 and carries about 20,000 vehicles a
day.

Reporting by Jane Doe; Editing by John Roe
© 2024 Coastal Times. All rights reserved.
"""

NEWS_PARAGRAPHS = [
    "Harbour bridge reopens after repairs",
    "The harbour bridge in Portville reopened to traffic on Monday after eight months of repairs to its "
    "steel cables, the city council said.",
    "Engineers replaced all 48 cables, which had corroded in the salt air, and repainted the deck. The "
    "work cost about $12 million.",
    "The bridge first opened in 1931 and carries about 20,000 vehicles a day.",
]


def test_news_furniture_is_dropped_from_plain_text(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "bridge.txt", NEWS_TEXT))
    assert article.title == "Harbour bridge reopens after repairs"
    assert texts(article) == NEWS_PARAGRAPHS


def test_news_furniture_is_dropped_from_markdown(tmp_path: Path) -> None:
    markdown = """\
# Harbour bridge reopens after repairs

By Jane Doe, Staff Writer
Published 12 May 2023

The harbour bridge in Portville reopened to traffic on Monday after eight months of repairs to its
steel cables, the city council said.

*Editor's note: This story was updated on March 5 to add the cost of the work.*

Engineers replaced all 48 cables, which had corroded in the salt air, and repainted the deck. The
work cost about $12 million.

![The bridge](bridge.jpg)
Image credit: Portville council

The bridge first opened in 1931 and carries about 20,000 vehicles a day.

Sign up for our newsletter to get stories like this every week.

## Related articles

- [Why salt air eats steel](https://example.com/salt)
- [A history of the bridge](https://example.com/history)
"""
    assert texts(read_article(write(tmp_path, "bridge.md", markdown))) == NEWS_PARAGRAPHS


def test_news_furniture_is_dropped_from_html(tmp_path: Path) -> None:
    page = """<!DOCTYPE html><html><head><title>Harbour bridge reopens after repairs</title></head>
<body><article><h1>Harbour bridge reopens after repairs</h1>
<p>By Jane Doe<br>Updated 3:45 PM EST, Mon March 4, 2024</p>
<p>The harbour bridge in Portville reopened to traffic on Monday after eight months of repairs to its
steel cables, the city council said.</p>
<p>Advertisement</p>
<p>Engineers replaced all 48 cables, which had corroded in the salt air, and repainted the deck. The
work cost about $12 million.</p>
<p>Share on Facebook</p>
<p>The bridge first opened in 1931 and carries about 20,000 vehicles a day.</p>
<p>Reporting by Jane Doe; Editing by John Roe</p>
<p>Copyright 2024 Coastal Times. All rights reserved.</p>
</article></body></html>"""
    assert texts(read_article(write(tmp_path, "bridge.html", page))) == NEWS_PARAGRAPHS


def test_a_long_paragraph_that_starts_like_furniture_is_kept(tmp_path: Path) -> None:
    text = (
        "Bridges\n\n"
        "By Jane Doe's own account, the repairs were the hardest job of her career, and the crew "
        "worked through two winters to finish them.\n\n"
        "Photo: a single picture of the old bridge, taken in 1931 by a local baker, is all that "
        "survives of its opening day, and the town museum keeps it in a glass case by the door.\n"
    )
    assert texts(read_article(write(tmp_path, "bridges.txt", text)))[1:] == [
        "By Jane Doe's own account, the repairs were the hardest job of her career, and the crew worked "
        "through two winters to finish them.",
        "Photo: a single picture of the old bridge, taken in 1931 by a local baker, is all that survives of "
        "its opening day, and the town museum keeps it in a glass case by the door.",
    ]


def test_a_wrapped_line_that_reads_like_a_byline_stays_in_its_sentence(tmp_path: Path) -> None:
    text = (
        "Moon landing\n\n"
        "The two astronauts trained for the landing for months.\n"
        "By July, Armstrong and Aldrin\n"
        "knew every switch in the lunar module by heart.\n"
    )
    assert texts(read_article(write(tmp_path, "moon.txt", text)))[1] == (
        "The two astronauts trained for the landing for months. By July, Armstrong and Aldrin knew every "
        "switch in the lunar module by heart."
    )


def test_editors_notes_go_only_at_the_start_or_end(tmp_path: Path) -> None:
    body = [f"Paragraph {n} says that the bridge has {n} towers and many cables." for n in range(1, 7)]
    text = "\n\n".join(
        [
            "Bridge works",
            "Editor's note: This story was updated to add the cost of the work.",
            *body[:3],
            "Update: the council says traffic will be slow until Friday.",
            *body[3:],
            "Correction: An earlier version gave the wrong number of towers.",
        ]
    )
    paragraphs = texts(read_article(write(tmp_path, "works.txt", text)))
    assert paragraphs == [
        "Bridge works",
        *body[:3],
        "Update: the council says traffic will be slow until Friday.",
        *body[3:],
    ]


def test_a_sources_list_at_the_end_of_plain_text_is_dropped(tmp_path: Path) -> None:
    text = (
        "Bridges of Portville\n\n"
        "The harbour bridge opened in 1931.\n\n"
        "The rail bridge opened in 1898 and was rebuilt after a flood in 1953.\n\n"
        "Sources:\n\n"
        "Portville city archive, bridge files.\n\n"
        "A history of the harbour, by a local society.\n"
    )
    assert texts(read_article(write(tmp_path, "portville.txt", text))) == [
        "Bridges of Portville",
        "The harbour bridge opened in 1931.",
        "The rail bridge opened in 1898 and was rebuilt after a flood in 1953.",
    ]


# ---------------------------------------------------------------------------------- editorial marks


@pytest.mark.parametrize(
    ("marked", "clean"),
    [
        ("The bridge reopened in March.[update] Tolls rose.", "The bridge reopened in March. Tolls rose."),
        ("The bridge reopened in March. [Update] Tolls rose.", "The bridge reopened in March. Tolls rose."),
        ("It has 48 cables.[Citation needed]", "It has 48 cables."),
        ("It has 48 cables.[1, 2] Each", "It has 48 cables. Each"),
        ("It has 48 cables.[dead link]", "It has 48 cables."),
        ("Tolls will rise. [update?\nThe council", "Tolls will rise.\nThe council"),
        ("The work cost $12 million.[when?]", "The work cost $12 million."),
        ("It opened in 1931.[according to whom?]", "It opened in 1931."),
    ],
)
def test_editorial_marks_are_removed(marked: str, clean: str) -> None:
    assert strip_citation_marks(marked) == clean


def test_brackets_that_hold_words_of_the_text_stay() -> None:
    quoted = "“[The council] will not raise tolls again,” she said, adding that it was [sic] final."
    assert strip_citation_marks(quoted) == quoted


def test_an_unclosed_update_mark_does_not_reach_the_paragraph(tmp_path: Path) -> None:
    text = "Tolls\n\nThe toll for a car is 2 dollars. [update?\nThe toll for a lorry is 9 dollars.\n"
    assert texts(read_article(write(tmp_path, "tolls.txt", text)))[1:] == [
        "The toll for a car is 2 dollars.",
        "The toll for a lorry is 9 dollars.",
    ]


# ------------------------------------------------------------------------------------------ dashes


@pytest.mark.parametrize(
    ("text", "tidy"),
    [
        ("Rates rose -- the most since 1994.", "Rates rose — the most since 1994."),
        ("Rates rose--the most since 1994.", "Rates rose — the most since 1994."),
        ("Rates rose ——the most since 1994.", "Rates rose — the most since 1994."),
        ("—-central bank lending rate ——", ""),
        ("--", ""),
        ("-- Jane Doe", ""),
        ("The bank raised its rate on Wednesday. --", "The bank raised its rate on Wednesday."),
        ("A one-off rise of 0.75 points in 1994–1995.", "A one-off rise of 0.75 points in 1994–1995."),
        ("The mutation turns A --> G in the gene.", "The mutation turns A --> G in the gene."),
    ],
)
def test_runs_of_dashes_are_tidied(text: str, tidy: str) -> None:
    assert tidy_dashes(text) == tidy


def test_dash_furniture_never_reaches_a_sentence(tmp_path: Path) -> None:
    text = (
        "Interest rates\n\n"
        "—-central bank lending rate ——\n"
        "The bank raised its main rate by three-quarters of a point --\n"
        "the largest rise since 1994.\n"
        "----------\n"
        "Most economists had expected the move.\n"
    )
    assert texts(read_article(write(tmp_path, "rates.txt", text))) == [
        "Interest rates",
        "The bank raised its main rate by three-quarters of a point — the largest rise since 1994.",
        "Most economists had expected the move.",
    ]


def test_a_heading_framed_by_rules_stays_a_heading(tmp_path: Path) -> None:
    text = (
        "Portville\n\nThe town has two bridges.\n\n"
        "== The harbour bridge ==\nIt opened in 1931 and was repaired in 2024.\n"
    )
    article = read_article(write(tmp_path, "portville.txt", text))
    assert [(p.text, p.heading) for p in article.paragraphs][2:] == [
        ("The harbour bridge", True),
        ("It opened in 1931 and was repaired in 2024.", False),
    ]


@pytest.mark.parametrize(
    ("first", "body"),
    [
        ("WASHINGTON, June 15, 2022 -- The Fed raised rates.", "The Fed raised rates."),
        ("MILLAU, France, December 14, 2004 — President Chirac opened it.", "President Chirac opened it."),
        ("GENEVA (Reuters) - Swiss voters said no.", "Swiss voters said no."),
        ("SAN FRANCISCO, Calif. — A quake shook the city.", "A quake shook the city."),
        ("LONDON, 3 March (AFP) – The strike ended.", "The strike ended."),
    ],
)
def test_a_news_dateline_leaves_the_first_paragraph(tmp_path: Path, first: str, body: str) -> None:
    article = read_article(
        write(tmp_path, "story.txt", f"Headline of the story\n\n{first}\n\nMore text here.")
    )
    assert texts(article)[1] == body


@pytest.mark.parametrize(
    "first",
    [
        "NASA, the space agency — not a dateline — launched it.",
        "Paris, the capital, grew fast — and so did its suburbs.",
    ],
)
def test_a_sentence_that_only_looks_like_a_dateline_stays_whole(tmp_path: Path, first: str) -> None:
    article = read_article(
        write(tmp_path, "story.txt", f"Headline of the story\n\n{first}\n\nMore text here.")
    )
    assert texts(article)[1] == first


def test_a_dateline_gives_the_story_its_date_and_a_page_without_one_has_none(tmp_path: Path) -> None:
    story = "Viaduct opens\n\nMILLAU, France, December 14, 2004 — President Chirac opened it.\n\nMore."
    assert read_article(write(tmp_path, "story.txt", story)).published == "December 14, 2004"
    undated = "Viaduct opens\n\nMILLAU, France — President Chirac opened it.\n\nMore text."
    assert read_article(write(tmp_path, "undated.txt", undated)).published is None


def test_a_dateline_after_a_standfirst_still_leaves(tmp_path: Path) -> None:
    story = (
        "Divers reach the boys\n\nAll twelve boys and their coach were found alive after nine days.\n\n"
        "MAE SAI, Thailand (Northline News) - Rescue divers reached the cave on Sunday.\n\nMore text here."
    )
    assert "Rescue divers reached the cave on Sunday." in texts(read_article(write(tmp_path, "s.txt", story)))


@pytest.mark.parametrize(
    ("line", "note"),
    [
        ("Jane Doe writes about family life and schools.", True),
        ("Tom Lee writes a weekly column for the paper.", True),
        ("Ann Cole is a former English teacher and writes a fortnightly column on family life.", True),
        ("Smith writes that the bridge was badly designed, badly built and badly kept.", False),
    ],
)
def test_an_author_line_at_the_edge_is_furniture_but_a_report_of_writing_is_not(
    line: str, note: bool
) -> None:
    assert is_edge_note(line) is note
