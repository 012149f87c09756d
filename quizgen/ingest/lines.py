"""Turn line-based text (plain text files, text pulled out of PDFs) into paragraphs.

Text copied from PDFs, e-mails or transcripts breaks paragraphs into lines, at a constant width or
raggedly (lines of 30 to 75 characters broken mid-clause). A line that stops without closing
punctuation runs on into the next one, unless the next line is a list item or indented, or the line
is a heading. Where a line ends a sentence, the break is a paragraph break or a wrap:

- a document that puts blank lines between its paragraphs has said where they end;
- in text wrapped at a constant width, a line that stops early (the next word would have fitted)
  ends its paragraph;
- in ragged text without blank lines, a line well short of the others ends its paragraph;
- where (nearly) every line ends a sentence, each line is a paragraph of its own.

Before joining, editorial marks, rules of dashes and page furniture (bylines, time stamps) are
taken out line by line, so they can neither be joined into a sentence nor split one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from statistics import median

from quizgen.ingest.clean import Block, strip_citation_marks
from quizgen.ingest.furniture import is_furniture

_BULLET = re.compile(r"^(?:[-*•·▪‣◦–]|\d{1,3}[.)])\s+(?=\S)")
_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’)\]]*$")
_FULL_STOP = re.compile(r"[.!?…][\"'”’)\]]*$")  # ends a sentence; a colon or semicolon does not
_INITIALISM = re.compile(r"(?:\b[A-Za-z]\.){2,}$")  # "U.S." at the end of a title is not a full stop
# Abbreviations that rarely end a sentence, and initials: "Dr." + "Smith", "John F." + "Kennedy".
_ABBREVIATION_END = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|St|Sr|Jr|Gen|Col|Lt|Capt|Sgt|Maj|Adm|Gov|Sen|Rep|Rev|Hon|Pres|Mt|Ft"
    r"|No|Nos|Vol|Fig|vs|approx|ca|cf|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
    r"|(?:\b[A-Za-z]\.)*\b[A-Z])\.[\"'”’)\]]*$"
)
_LINE_END_HYPHEN = re.compile(r"(?<=[^\W\d_])[-\u2010]$")
_LEADING_WORD = re.compile(r"^[^\W\d_]+")
_OPENING = "\"'“‘([«"
# A line that ends like this stops in the middle of a clause: it always runs on.
_RUNS_ON = re.compile(
    r"(?:[,;\-–—/&+]|\b(?:the|a|an|of|and|or|nor|but|to|in|on|at|by|for|with|from|into|onto|as|than"
    r"|that|which|who|whom|whose|is|are|was|were|be|its|his|her|their|our|my|your|if|because|although"
    r"|between|among|de|la|le|van|von|der))$",
    re.IGNORECASE,
)
# Capitalised words that start sentences rather than names: after a line that stops without
# punctuation, a next line starting with one of these says the line was a heading.
_STARTER_WORDS = (
    "The A An In On At It Its He She They We You This That These Those There Then His Her Their Our My As "
    "After Before When While During By For From With Without Since Although Though But And Or So Yet If "
    "Because Today However Many Most Some Several Each Every All Both Other Another One No Only Even Also "
    "Instead Meanwhile Still Later Earlier Now What Why How Who Which Where Under Over Among About Despite "
    "Unlike Like Once To Of Such Here Thus Until Following According Along Across Against Through Within "
    "Between Beyond Few More Much Nearly Almost Around"
)
_SENTENCE_STARTERS = frozenset(_STARTER_WORDS.split())
# A rule line, or a label framed by rules: "-----", "======", "—-central bank lending rate ——".
_RULE = re.compile(r"^[\W_]*$")
_FRAMED_LABEL = re.compile(r"^\s*[-‐‒–—―=_*~]{2,}\s*(?P<label>.{1,80}?)\s*[-‐‒–—―=_*~]{2,}\s*$")
LABEL_MAX_WORDS = 8

HEADING_MAX_WORDS = 15
# No one wraps text wider than this: a longer line was never wrapped.
MAX_WRAP_WIDTH = 140


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _percentile(values: list[int], share: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def wrap_width(groups: list[list[str]]) -> int | None:
    """The column width the text was hard-wrapped at, or None when lines are not wrapped at one width.

    Only lines followed by another line of the same paragraph group tell: in wrapped text most of
    them end close to one common width. Short title-like lines are not counted either way.
    """
    inner = [line.strip() for group in groups for line in group[:-1]]
    if len(inner) < 2:
        return None
    width = _percentile([len(line) for line in inner], 0.9)
    if not 30 <= width <= MAX_WRAP_WIDTH:
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


def _first_letter(text: str) -> str:
    """The first character of the text past opening quotes and brackets."""
    return text.lstrip(_OPENING)[:1]


def _first_word(text: str) -> str:
    words = text.lstrip(_OPENING).split()
    return words[0].strip(",;:.!?\"'”’)") if words else ""


def _starts_sentence(text: str) -> bool:
    """Whether the text opens with a word that starts sentences rather than names ("In", "The", "It").

    "The" before a capital starts a name as often as a sentence: "The Hague", "The Starry Night".
    """
    words = text.lstrip(_OPENING).split()
    if not words or _first_word(text) not in _SENTENCE_STARTERS:
        return False
    article = words[0] in ("The", "A", "An")
    return not (article and len(words) > 1 and words[1][:1].isupper())


def _title_case(text: str) -> bool:
    """Every word of four letters or more starts with a capital or a digit: "The Voyage of the Beagle"."""
    long_words = [w.lstrip(_OPENING) for w in text.split() if len(w.strip(_OPENING)) >= 4]
    return bool(long_words) and all(w[:1].isupper() or w[:1].isdigit() for w in long_words)


@dataclass
class _Group:
    """What a run of consecutive non-blank lines says about how it was broken into lines."""

    width: int | None  # the constant wrap width, when the lines show one
    prose: bool  # wrapped prose (lines stop mid-sentence, or blank lines part paragraphs): not a line each
    typical: float  # the usual length of its lines
    blank_separated: bool  # the document puts blank lines between its paragraphs
    first_in_text: bool  # the group opens the document (its first line may be the title)


def _heading_over(line: str, following: str, group: _Group, *, first_line: bool) -> bool:
    """Whether `line`, which starts a paragraph and has no closing punctuation, is a heading over `following`.

    `first_line` is True for the first line of the text, which may be the title whatever follows.
    A next line that starts a sentence ("The ...", "In ...") says so. A document that puts blank
    lines between its paragraphs puts them around its headings too, so there that is all. Otherwise
    text wrapped at one width shows a heading as a short line the next word would have fitted on,
    and in ragged text a short line of a few words, or in title case, is one.
    """
    if not looks_like_heading(line) or _RUNS_ON.search(line) or not _first_letter(following).isupper():
        return False
    if first_line or _starts_sentence(following):
        return True
    if group.blank_separated:
        return False
    if group.width is not None:
        fits = len(line) + 1 + len(following.split()[0]) <= 0.9 * group.width
        return fits and len(line) < 0.6 * group.width
    short = len(line) < 0.6 * group.typical
    return short and (len(line.split()) <= 3 or _title_case(line))


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


def _starts_item(line: str, following: str, after: str | None, *, in_item: bool) -> bool:
    """Whether `following` is a list item.

    A dash or a number that opens a line may also be part of a sentence ("(7 November 1867" +
    "– 4 July 1934)", "at the age of" + "37. Theo"): after a line that stops mid-clause, a lone
    item is that.
    """
    marker = _BULLET.match(following.strip())
    if marker is None:
        return False
    sign = marker.group(0).strip()
    if (sign not in ("-", "–") and not sign[0].isdigit()) or in_item or _SENTENCE_END.search(line.strip()):
        return True
    # After a line that stops mid-clause, only a list of two or more items is a list.
    next_marker = _BULLET.match(after.strip()) if after is not None else None
    return next_marker is not None and next_marker.group(0)[0].isdigit() == sign[0].isdigit()


def _continues(
    line: str, following: str, after: str | None, paragraph: list[str], group: _Group, *, first_line: bool
) -> bool:
    """Whether `following` continues the paragraph whose lines so far are `paragraph` (`line` the last).

    `after` is the line after `following` in the group, if any: it tells whether `following` is a
    heading. `first_line` is True when `line` is the first line of the text.
    """
    first = paragraph[0]
    item = _BULLET.match(first.lstrip())
    if _starts_item(line, following, after, in_item=item is not None):
        return False
    if _indent(following) > _indent(line):
        # Only a list item's own lines may hang indented under it: "- Dried meat for\n  the dogs."
        return item is not None and _indent(following) == _indent(first) + item.end()
    line, following = line.strip(), following.strip()
    starts_lower = _first_letter(following).islower()
    if item and not starts_lower and not _FULL_STOP.search(line):
        return False  # "- dried meat" over "Then the ship sailed": a list item without a full stop
    if _LINE_END_HYPHEN.search(line):
        return True  # a word broken across the line end
    if not _FULL_STOP.search(line):
        if starts_lower:
            return True
        if not group.prose and line.endswith((":", ";")):
            return False  # "He gave three reasons:" over lines of their own, list items ending in ";"
        if len(paragraph) == 1 and _heading_over(line, following, group, first_line=first_line):
            return False
        return len(line) <= MAX_WRAP_WIDTH  # a longer line was never wrapped: it is a paragraph of its own
    return _continues_after_full_stop(line, following, after, group)


def _continues_after_full_stop(line: str, following: str, after: str | None, group: _Group) -> bool:
    """Whether a line that ends a sentence runs on into `following`: a wrap, not a paragraph break."""
    if _first_letter(following).islower():
        return True  # "... the U.S." + "and Japan"
    if _ABBREVIATION_END.search(line) and not _starts_sentence(following):
        return True  # "John F." + "Kennedy", "Dr." + "Smith"
    if not group.prose:
        return False  # every line ends a sentence: a line per paragraph
    if (
        after is not None
        and not _FULL_STOP.search(following)
        and _heading_over(following, after.strip(), group, first_line=False)
    ):
        return False  # a heading follows without a blank line
    if group.blank_separated:
        return True  # blank lines mark this document's paragraphs
    if group.width is not None:
        next_word = following.split()[0]
        # 10% slack: PDF fonts are proportional, so characters only approximate the width.
        return len(line) + 1 + len(next_word) > 0.9 * group.width
    return len(line) >= 0.8 * group.typical


def _split_group(group: list[str], facts: _Group) -> list[list[str]]:
    paragraphs = [[group[0]]]
    for index in range(1, len(group)):
        after = group[index + 1] if index + 1 < len(group) else None
        first_line = facts.first_in_text and index == 1
        if _continues(group[index - 1], group[index], after, paragraphs[-1], facts, first_line=first_line):
            paragraphs[-1].append(group[index])
        else:
            paragraphs.append([group[index]])
    return paragraphs


def _telling_lines(group: list[str]) -> list[str]:
    """The lines of a group (each followed by another) that tell whether it is wrapped.

    A title-like line over a capital says nothing either way (a heading, or a wrap before a name),
    nor does a line ending in a colon or semicolon (a clause, or an item of a list).
    """
    return [
        line.strip()
        for line, following in pairwise(group)
        if not line.rstrip().endswith((":", ";"))
        and not (looks_like_heading(line.strip()) and _first_letter(following.strip()).isupper())
    ]


def _line_stops(group: list[str]) -> list[bool]:
    """For each telling line: whether it stops without a full stop. Lines too long to be wrapped never do."""
    return [not _FULL_STOP.search(line) and len(line) <= MAX_WRAP_WIDTH for line in _telling_lines(group)]


def _share(flags: list[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


def _is_prose(stops: list[bool], text_prose: bool) -> bool:
    """Whether a group's lines are wrapped prose: most stop mid-sentence (a few lines say little alone)."""
    if len(stops) >= 5:
        return _share(stops) >= 0.5
    if len(stops) >= 2 and not any(stops):
        return False  # every line ends a sentence
    return text_prose


def _stands_apart(before: list[str], after: list[str]) -> bool:
    """Whether a line sits between paragraphs: the line before ends one or is a title, the next starts one."""
    previous = before[-1].strip() if before else ""
    following = after[0].strip() if after else ""
    title = len(before) < 2 or not before[-2].strip()  # the line before opens its group
    previous_ends = (
        not previous
        or _FULL_STOP.search(previous) is not None
        or (title and looks_like_heading(previous) and not _RUNS_ON.search(previous))
    )
    return previous_ends and (not following or _first_letter(following).isupper())


def _clean_lines(text: str) -> list[str]:
    """The text's lines with editorial marks, rules, dash-framed labels and page furniture taken out.

    A removed line becomes a blank line: it stood between paragraphs. Furniture only goes where it
    stands apart from the prose, so a wrapped line that happens to read "By July, Armstrong and
    Aldrin" in the middle of a sentence stays.
    """
    raw = [strip_citation_marks(line).rstrip() if "[" in line else line.rstrip() for line in text.split("\n")]
    lines: list[str] = []
    for index, line in enumerate(raw):
        stripped = line.strip()
        if not stripped or _RULE.match(stripped):
            lines.append("")  # blank, or a rule such as "-----" or "* * *"
            continue
        framed = _FRAMED_LABEL.match(stripped)
        if framed and len(framed.group("label").split()) <= LABEL_MAX_WORDS:
            label = framed.group("label")
            # "== Early life ==" is a heading; "—-central bank lending rate ——" a table label.
            lines.extend(["", label, ""] if looks_like_heading(label) else [""])
            continue
        if (
            not _RUNS_ON.search(stripped)
            and is_furniture(stripped)
            and _stands_apart(lines, raw[index + 1 :])
        ):
            lines.append("")
            continue
        lines.append(line)
    return lines


def prose_pieces(text: str) -> list[str]:
    """The text of one paragraph (lines joined by spaces) split where furniture lines were taken out.

    For readers whose paragraphs are already found (markdown, HTML) but may hold a byline or a time
    stamp on a line of its own: "By Jane Doe\nUpdated 4 March 2024" gives no pieces at all.
    """
    pieces: list[list[str]] = [[]]
    for line in _clean_lines(text):
        if line.strip():
            pieces[-1].append(line.strip())
        elif pieces[-1]:
            pieces.append([])
    return [" ".join(piece) for piece in pieces if piece]


def blocks_from_lines(text: str, hard_wrapped: bool | None = None) -> list[Block]:
    """Paragraph blocks from line-based text; short title-like lines become headings.

    `hard_wrapped` is True for PDF text (always visual lines) and None to decide from the text.
    """
    groups: list[list[str]] = [[]]
    for line in _clean_lines(text):
        if line.strip():
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    groups = [g for g in groups if g]
    width = wrap_width(groups)
    if hard_wrapped and width is None:
        width = max((len(line.strip()) for group in groups for line in group), default=0)
    stops = [_line_stops(group) for group in groups]
    text_prose = _share([flag for flags in stops for flag in flags]) >= 0.5
    wrapped_groups = sum(1 for flags in stops if flags and _share(flags) >= 0.5)
    # PDF paragraph gaps are found only some of the time: there a gap is not the only paragraph break.
    blank_separated = not hard_wrapped and wrapped_groups >= 2
    blocks = []
    for number, group in enumerate(groups):
        inner = group[:-1]
        own_width = wrap_width([group]) if len(inner) >= 4 else width
        facts = _Group(
            width=width if hard_wrapped else own_width,
            prose=blank_separated or _is_prose(stops[number], text_prose),
            typical=median(len(line) for line in (_telling_lines(group) or [g.strip() for g in group])),
            blank_separated=blank_separated,
            first_in_text=number == 0,
        )
        for lines in _split_group(group, facts):
            joined = join_lines(lines)
            paragraph = _BULLET.sub("", joined, count=1)
            heading = paragraph == joined and looks_like_heading(paragraph)  # list items are never headings
            blocks.append(Block(paragraph, heading=heading))
    return blocks
