"""Turn line-based text (plain text files, text pulled out of PDFs) into paragraphs.

Hard-wrapped text (e-mail, old web pages, every PDF) breaks paragraphs into lines of roughly the
same width. A line was wrapped when the next word would not have fitted on it; a line that stops
early after a full stop ends its paragraph. Files whose lines are long and ragged are not wrapped:
there every line is a paragraph of its own.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

from quizgen.ingest.clean import Block

_BULLET = re.compile(r"^(?:[-*•·▪‣◦–]|\d{1,3}[.)])\s+(?=\S)")
_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’)\]]*$")
_INITIALISM = re.compile(r"(?:\b[A-Za-z]\.){2,}$")  # "U.S." at the end of a title is not a full stop
_LINE_END_HYPHEN = re.compile(r"(?<=[^\W\d_])[-\u2010]$")
_LEADING_WORD = re.compile(r"^[^\W\d_]+")

HEADING_MAX_WORDS = 15


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _percentile(values: list[int], share: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def wrap_width(groups: list[list[str]]) -> int | None:
    """The column width the text was hard-wrapped at, or None when lines are not wrapped.

    Only lines followed by another line of the same paragraph group tell: in wrapped text most of
    them end close to one common width. Short title-like lines are not counted either way.
    """
    inner = [line.strip() for group in groups for line in group[:-1]]
    if len(inner) < 2:
        return None
    width = _percentile([len(line) for line in inner], 0.9)
    if not 30 <= width <= 140:
        return None
    counted = [len(line) for line in inner if len(line) >= 0.7 * width or not looks_like_heading(line)]
    near_width = sum(1 for n in counted if n >= 0.7 * width)
    return width if len(counted) >= 2 and near_width >= 0.75 * len(counted) else None


def ends_sentence(text: str) -> bool:
    """Whether the text ends with closing punctuation (a full stop, a question mark, a colon ...)."""
    return bool(_SENTENCE_END.search(text))


def looks_like_heading(text: str) -> bool:
    """A short line with no closing punctuation, starting with a capital or a digit."""
    words = text.split()
    if not words or len(words) > HEADING_MAX_WORDS or len(text) > 120:
        return False
    first = text.lstrip("\"'“‘([")[:1]
    if not (first.isupper() or first.isdigit()) or not any(ch.isalpha() for ch in text):
        return False
    return not ends_sentence(text) or bool(_INITIALISM.search(text))


def _continues(line: str, following: str, width: int) -> bool:
    """Whether `following` continues the paragraph that `line` is part of (the break was a wrap)."""
    if _BULLET.match(following.strip()) or _indent(following) > _indent(line):
        return False
    line, following = line.strip(), following.strip()
    next_word = following.split()[0]
    # 10% slack: PDF fonts are proportional, so characters only approximate the width.
    would_have_fitted = len(line) + 1 + len(next_word) <= 0.9 * width
    if ends_sentence(line):
        return not would_have_fitted
    short_title = len(line) < 0.6 * width and looks_like_heading(line) and following[0].isupper()
    return not short_title


@cache
def _word_frequency(word: str) -> float:
    from wordfreq import zipf_frequency  # loaded only when a line ends in a hyphen

    return float(zipf_frequency(word, "en"))


def _join_hyphenated(head: str, tail: str) -> str:
    """Join a word broken at a line end: "informa-" + "tion" → "information", "well-" + "known" kept."""
    match = _LEADING_WORD.match(tail)
    if not match or not tail[0].islower():
        return head + tail  # "Indo-" + "Pacific": the hyphen belongs to the compound
    first = re.search(r"[^\W\d_]+$", head[-80:-1])
    if first is None:
        return head + tail
    joined = (first.group(0) + match.group(0)).lower()
    compound = f"{first.group(0)}-{match.group(0)}".lower()
    if _word_frequency(compound) > _word_frequency(joined):
        return head + tail
    return head[:-1] + tail


def join_lines(lines: list[str]) -> str:
    """Join the lines of one paragraph, rejoining words hyphenated across a line end."""
    text = ""
    for raw in lines:
        line = raw.strip()
        if text and _LINE_END_HYPHEN.search(text[-2:]):
            text = _join_hyphenated(text, line)
        else:
            text = f"{text} {line}" if text else line
    return text


def _split_group(group: list[str], width: int | None) -> list[list[str]]:
    if width is None:
        return [[line] for line in group]
    paragraphs = [[group[0]]]
    for line, following in pairwise(group):
        if _continues(line, following, width):
            paragraphs[-1].append(following)
        else:
            paragraphs.append([following])
    return paragraphs


def blocks_from_lines(text: str, hard_wrapped: bool | None = None) -> list[Block]:
    """Paragraph blocks from line-based text; short title-like lines become headings.

    `hard_wrapped` is True for PDF text (always visual lines) and None to decide from the text.
    """
    groups: list[list[str]] = [[]]
    for line in text.split("\n"):
        if line.strip():
            groups[-1].append(line.rstrip())
        elif groups[-1]:
            groups.append([])
    groups = [g for g in groups if g]
    width = wrap_width(groups)
    if hard_wrapped and width is None:
        width = max((len(line.strip()) for group in groups for line in group), default=0)
    blocks = []
    for group in groups:
        for lines in _split_group(group, width):
            joined = join_lines(lines)
            paragraph = _BULLET.sub("", joined, count=1)
            heading = paragraph == joined and looks_like_heading(paragraph)  # list items are never headings
            blocks.append(Block(paragraph, heading=heading))
    return blocks
