"""Markdown articles: parsed with markdown-it-py, then reduced to the prose a reader sees.

Headings become heading blocks (section titles); paragraphs, quotes and list items keep their
text with the syntax stripped. Code, tables, images, raw HTML and front matter are dropped:
they are not sentences a question can be asked about.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from markdown_it import MarkdownIt
from markdown_it.token import Token

from quizgen.ingest.clean import Block, Draft
from quizgen.ingest.lines import looks_like_heading, prose_pieces

_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\n(.*?)\n(?:---|\.\.\.|\+\+\+)[ \t]*(?:\n|\Z)", re.S)
_FRONT_MATTER_TITLE = re.compile(r"""^title\s*[:=]\s*["']?(.+?)["']?\s*$""", re.M)
_FOOTNOTE_DEFINITION = re.compile(r"^\[\^[^\]]+\]:")
_INLINE_DROP_START = re.compile(r"^<(sup|script|style)\b", re.I)
_INLINE_DROP_END = re.compile(r"^</(sup|script|style)\s*>", re.I)


def split_front_matter(text: str) -> tuple[str, str | None]:
    """The markdown without its YAML/TOML front matter, and the front matter's title if it has one."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return text, None
    title = _FRONT_MATTER_TITLE.search(match.group(1))
    return text[match.end() :], title.group(1).strip() if title else None


def _inline_text(children: Sequence[Token]) -> str:
    """Visible text of an inline token: link text kept, images, raw HTML and <sup> marks dropped.

    Line breaks stay as newlines, so that a line of page furniture can be told from the prose.
    """
    parts: list[str] = []
    skipping = 0
    for child in children:
        if child.type == "html_inline":
            if _INLINE_DROP_START.match(child.content):
                skipping += 1
            elif _INLINE_DROP_END.match(child.content) and skipping:
                skipping -= 1
        elif skipping:
            continue
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


def _blocks(tokens: list[Token]) -> list[Block]:
    blocks: list[Block] = []
    in_table = 0
    for previous, token in pairwise(tokens):
        if token.type == "table_open":
            in_table += 1
        elif token.type == "table_close":
            in_table -= 1
        if token.type != "inline" or in_table:
            continue
        text = _inline_text(token.children or [])
        if previous.type == "heading_open":
            blocks.append(Block(text, heading=True, level=int(previous.tag[1:])))
        elif previous.type == "paragraph_open" and not _FOOTNOTE_DEFINITION.match(token.content):
            # Lines of a paragraph may hold a byline or a time stamp of their own: those go.
            blocks.extend(Block(piece) for piece in prose_pieces(text))
    return blocks


def read_markdown(text: str) -> Draft:
    """Blocks and title of a markdown article: its opening heading, front-matter title or first heading."""
    body, front_title = split_front_matter(text)
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    blocks = _blocks(parser.parse(body))
    if blocks and blocks[0].heading:
        return Draft(blocks=blocks, title=blocks[0].text)
    if front_title:
        blocks.insert(0, Block(front_title, heading=True, level=1))
        return Draft(blocks=blocks, title=front_title)
    first_heading = next((b.text for b in blocks if b.heading), None)
    if first_heading is None and blocks and looks_like_heading(blocks[0].text):
        # A markdown file written as plain text: its short first line is the title.
        blocks[0] = Block(blocks[0].text, heading=True, level=1)
        return Draft(blocks=blocks, title=blocks[0].text)
    return Draft(blocks=blocks, title=first_heading)
