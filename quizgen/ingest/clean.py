"""Clean-up every article needs, whatever its format, and the assembly of the final `Article`.

Readers turn a file into `Block`s (paragraph or heading text in reading order). This module makes
the characters consistent, removes citation marks, collapses whitespace, drops repeated paragraphs
and computes the offsets that cards later point back into.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from quizgen.ingest.furniture import is_edge_note, is_furniture
from quizgen.models import Article, Paragraph, slugify

Format = Literal["text", "markdown", "html", "pdf"]


@dataclass
class Block:
    """One paragraph or heading as a reader found it (text not yet cleaned)."""

    text: str
    heading: bool = False
    level: int = 0  # heading level (1 = page or document title); 0 for body text


@dataclass
class Draft:
    """What a reader hands on: the blocks in reading order and the title it found, if any."""

    blocks: list[Block] = field(default_factory=list)
    title: str | None = None
    date: str | None = None  # the date the page's metadata gives (web pages)


# ----------------------------------------------------------------------------------- characters

# Spaces of every width become plain spaces; separators and form feeds become line breaks.
_CHARACTER_MAP = {
    "\t": " ",
    "\v": "\n",
    "\f": "\n\n",
    "\u2028": "\n",
    "\u2029": "\n\n",
    "\u00a0": " ",
    "\u1680": " ",
    "\u202f": " ",
    "\u205f": " ",
    "\u3000": " ",
    **{chr(code): " " for code in range(0x2000, 0x200B)},
    # Ligatures come out of PDFs; matching and spaCy both want the letters.
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
_TRANSLATION = str.maketrans(_CHARACTER_MAP)

# Control characters (except the line feed) and Unicode "format" characters: zero-width spaces and
# joiners, bidi marks, soft hyphens, byte order marks. They are invisible and break word matching.
_INVISIBLE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f"
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]"
)


def normalize_characters(text: str) -> str:
    """NFC-normalise and make whitespace plain: invisible characters go, odd spaces become spaces.

    Curly quotes, dashes and accents are kept as they are: later stages quote the text back to the
    learner and match answers against it.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00ad\n", "-\n")  # a soft hyphen at a line end marks a broken word
    text = unicodedata.normalize("NFC", text).translate(_TRANSLATION)
    return _INVISIBLE.sub("", text)


# ------------------------------------------------------------------------------ citation marks

# Words that editors put in brackets: Wikipedia's maintenance tags, edit links, "[update]" notes.
_EDITORIAL_WORDS = (
    r"(?i:update[ds]?|needs? update|edit(?:ed)?(?: source)?|change|show|hide|dead link|permanent dead link"
    r"|vague|dubious|disputed|discuss|ambiguous|unbalanced opinion|clarify|expand|when|who|whom|which"
    r"|where|why|how|by whom|according to whom|specify|examples? needed)"
)
_BRACKET_MARK = re.compile(
    r"\s*\[(?:"
    r"(?:note|nb|n|fn|ref|lower-alpha|upper-alpha|lower-roman)?\s?\d{1,3}[a-z]?"  # [1], [12], [note 3], [4a]
    r"(?:\s?[,–-]\s?\d{1,3})*"  # [1, 2], [3–5]
    r"|[a-z]|[ivx]{2,5}"  # [a], [iv]
    r"|(?i:[a-z][a-z ,'’–-]{0,40}(?:needed|\?))"  # [citation needed], [clarification needed], [who?]
    r"|(?i:(?:dubious|disputed|failed verification|original research|unreliable source)[a-z ,'’–-]{0,30})"
    r"|\^[^\]\s]{1,20}"  # markdown footnote references: [^1]
    rf"|{_EDITORIAL_WORDS}\??"  # [update], [edit], [when?]
    r")\](?::\s?\d+(?:[–-]\d+)?)?"  # an optional page reference after the mark: [3]:12
)
# A mark left open at the end of a line: "The rate is 5 percent. [update?"
_UNCLOSED_MARK = re.compile(
    rf"[ \t]*\[(?:{_EDITORIAL_WORDS}|(?i:citation needed|clarification needed|citation))\??[ \t]*$", re.M
)
_SUPERSCRIPT_MARK = re.compile(r"(?<=[.,;:!?)\"”’])[\u00b9\u00b2\u00b3\u2070-\u2079]+")
# Bare digits glued to the punctuation after a word ("in 1835.12 The ship"), a reference mark that
# lost its superscript on the way. Only after a word of two or more letters, so "3.5" is safe.
_DIGIT_MARK = re.compile(r"(?<=[A-Za-z]{2}[.,;:!?”\"’)])\d{1,3}(?=\s|$)")
_ABBREVIATION_BEFORE_NUMBER = re.compile(r"(?:\b(?:No|no|Nos|Vol|vol|pp?|Fig|fig|ch|Ch|art|Art)\.)$")


def strip_citation_marks(text: str) -> str:
    """Remove reference and editorial marks: ``[1]``, ``[citation needed]``, ``[update]``, ``¹``.

    Brackets that hold words of the text itself ("[sic]", "[the company]", "[Appendix B]") stay.
    """
    text = _BRACKET_MARK.sub("", text)
    text = _UNCLOSED_MARK.sub("", text)
    text = _SUPERSCRIPT_MARK.sub("", text)

    def drop_unless_abbreviation(match: re.Match[str]) -> str:
        before = text[max(0, match.start() - 5) : match.start()]
        return match.group(0) if _ABBREVIATION_BEFORE_NUMBER.search(before) else ""

    return _DIGIT_MARK.sub(drop_unless_abbreviation, text)


# ------------------------------------------------------------------------------------ dashes

# Two or more dashes in a row ("--", "—-", "——"): typed em dashes, or rules drawn around labels.
# Arrows ("A --> G", "<--") are not dashes.
_DASH_RUN = r"(?<![<>])[-‐‒–—―]{2,}(?![<>])"
_ANY_DASH_RUN = re.compile(_DASH_RUN)
_EDGE_DASHES = re.compile(rf"^\s*{_DASH_RUN}\s*|\s*{_DASH_RUN}\s*$")
_INNER_DASHES = re.compile(rf"\s*{_DASH_RUN}\s*")
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*$")
LABEL_MAX_WORDS = 8


def tidy_dashes(text: str) -> str:
    """Dash runs become one spaced em dash between words and go at either end.

    "rose -- the most since 1994" → "rose — the most since 1994". A short fragment framed by dashes
    ("—-central bank lending rate ——", "-- Jane Doe") is a label or table row, not a sentence: it
    becomes "".
    """
    if not _ANY_DASH_RUN.search(text):
        return text
    framed = bool(_EDGE_DASHES.search(text))
    text = _EDGE_DASHES.sub("", _EDGE_DASHES.sub("", text))  # a run at each end
    if framed and len(text.split()) <= LABEL_MAX_WORDS and not _ENDS_SENTENCE.search(text):
        return ""
    return _INNER_DASHES.sub(" — ", text)


def collapse_whitespace(text: str) -> str:
    """One space between words, none at either end, no line breaks."""
    return " ".join(text.split())


def clean_text(text: str) -> str:
    """A block's text without marks, with its dashes tidied and its whitespace collapsed."""
    return collapse_whitespace(tidy_dashes(strip_citation_marks(text)))


# ----------------------------------------------------------------------------------- assembling


# Sections at the end of encyclopedia-style articles that list sources rather than state facts.
_REFERENCE_SECTIONS = frozenset(
    {
        "references",
        "notes",
        "footnotes",
        "endnotes",
        "bibliography",
        "sources",
        "citations",
        "works cited",
        "see also",
        "external links",
        "further reading",
        "notes and references",
    }
)
# Link lists that news and blog pages put after the story, under a heading of their own.
_LINK_SECTIONS = frozenset(
    {
        "related",
        "related articles",
        "related stories",
        "related content",
        "related coverage",
        "more on this story",
        "more from this author",
        "recommended",
        "recommended reading",
        "most read",
        "most popular",
        "you may also like",
        "you might also like",
        "read more",
        "read next",
        "trending",
        "comments",
    }
)


def _section_title(text: str) -> str:
    return text.rstrip(": ").casefold()


def drop_back_matter(blocks: list[Block]) -> list[Block]:
    """Leave out reference lists and link sections ("References", "See also", ...) with their headings.

    A section runs to the next heading. In plain text "Sources:" on a line of its own is not a
    heading (it ends with a colon); in the second half of an article it starts such a section too.
    """
    kept: list[Block] = []
    skipping = False
    for index, block in enumerate(blocks):
        title = _section_title(block.text)
        if block.heading:
            skipping = title in _REFERENCE_SECTIONS or title in _LINK_SECTIONS
        elif title in _REFERENCE_SECTIONS and index >= len(blocks) // 2:
            skipping = True
        if not skipping:
            kept.append(block)
    return kept


EDGE_BLOCKS = 2  # how many paragraphs at each end of an article an editor's note may take


def drop_furniture(blocks: list[Block]) -> list[Block]:
    """Leave out page furniture: bylines, time stamps, share prompts, credits; editor's notes at the edges.

    The title (a level-1 heading) is never furniture.
    """
    body = [i for i, b in enumerate(blocks) if not b.heading]
    edges = set(body[:EDGE_BLOCKS] + body[-EDGE_BLOCKS:])
    return [
        block
        for i, block in enumerate(blocks)
        if block.level == 1 or not (is_furniture(block.text) or (i in edges and is_edge_note(block.text)))
    ]


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATELINE_RE = re.compile(
    r"^(?:[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3})"  # WASHINGTON, NEW YORK
    rf"(?:\s*,\s*(?!{_MONTH}\s+\d)[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){{0,2}}){{0,2}}"  # , France / , Calif.
    rf"(?:\s*,\s*(?P<date>{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?))?"
    r"\s*(?:\([A-Za-z ]{2,20}\))?\s*(?:--|—|–|-)\s+(?=[A-Z“\"])"
)


DATELINE_BLOCKS = 3  # a dateline opens one of a story's first paragraphs (a byline may come first)


def _dateline(blocks: list[Block]) -> tuple[int, re.Match[str]] | None:
    """Which of the first few prose blocks opens with a news dateline, and the dateline, if any."""
    for i in [i for i, b in enumerate(blocks) if not b.heading][:DATELINE_BLOCKS]:
        match = DATELINE_RE.match(clean_text(blocks[i].text))
        if match:
            return i, match
    return None


def dateline_date(blocks: list[Block]) -> str | None:
    """The date of a news dateline that opens one of the first paragraphs ("MILLAU, France,
    December 14, 2004 —" → "December 14, 2004"), when it has a year."""
    found = _dateline(blocks)
    date = found[1].group("date") if found else None
    return date if date and re.search(r"\d{4}", date) else None


def strip_dateline(text: str) -> str:
    """Drop a news dateline ("WASHINGTON, June 15, 2022 -- ", "MILLAU, France, December 14, 2004 —",
    "GENEVA (Reuters) - ") from the start of a paragraph."""
    return DATELINE_RE.sub("", text, count=1)


def tidy_blocks(blocks: list[Block]) -> tuple[list[Block], int]:
    """Clean every block, drop empty ones and repeated paragraphs; return the blocks and the drop count.

    A paragraph that repeats an earlier one (ignoring case and whitespace) is dropped so the
    question engine never asks about it twice; the first occurrence is kept. Headings may repeat.
    Page furniture (bylines, time stamps, "Share this", ...) and reference lists go too.
    """
    cleaned = [Block(clean_text(b.text), heading=b.heading, level=b.level) for b in blocks]
    # Separators such as "* * *" and leftovers of removed marks go first: they are not paragraphs.
    cleaned = [b for b in cleaned if any(ch.isalnum() for ch in b.text)]
    cleaned = drop_furniture(drop_back_matter(cleaned))
    kept: list[Block] = []
    seen: set[str] = set()
    dropped = 0
    found = _dateline(cleaned)
    if found is not None:
        at = found[0]
        block = cleaned[at]
        cleaned[at] = Block(strip_dateline(block.text), heading=block.heading, level=block.level)
    for block in cleaned:
        if not block.heading:
            key = block.text.casefold()
            if key in seen:
                dropped += 1
                continue
            seen.add(key)
        kept.append(block)
    return kept, dropped


def title_from_name(name: str) -> str:
    """A readable title made from a file name: ``japan_us_alliance.txt`` → ``Japan us alliance``."""
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    words = " ".join(re.split(r"[\s_\-.]+", stem)).strip()
    return words[:1].upper() + words[1:] if words else "Untitled article"


def title_from_text(blocks: list[Block], max_chars: int = 60) -> str:
    """A title made from the first words of the text, for articles read from stdin without one."""
    first = next((b.text for b in blocks if not b.heading), "")
    if len(first) <= max_chars:
        return first.rstrip(".") or "Untitled article"
    return first[:max_chars].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def article_id(title: str, name: str) -> str:
    """Slug of the title, or of the file name when the title makes a poor slug (e.g. no ASCII)."""
    slug = slugify(title)
    if slug == "article" or len(slug) < 3:
        return slugify(title_from_name(name))
    return slug


def build_article(
    draft: Draft, *, raw: bytes, name: str, path: str | None, fmt: Format, fallback_title: str | None = None
) -> Article:
    """Assemble the `Article`: clean blocks joined by blank lines, with offsets and sections."""
    published = draft.date or dateline_date(draft.blocks)
    blocks, dropped = tidy_blocks(draft.blocks)
    title = collapse_whitespace(strip_citation_marks(draft.title or ""))
    title = title or fallback_title or title_from_text(blocks)
    paragraphs: list[Paragraph] = []
    section: str | None = None
    offset = 0
    for block in blocks:
        if block.heading:
            section = block.text
        end = offset + len(block.text)
        paragraphs.append(
            Paragraph(text=block.text, start=offset, end=end, section=section, heading=block.heading)
        )
        offset = end + 2
    return Article(
        id=article_id(title, name),
        title=title,
        path=path,
        name=name,
        format=fmt,
        text="\n\n".join(b.text for b in blocks),
        paragraphs=paragraphs,
        sha256=hashlib.sha256(raw).hexdigest(),
        dropped_duplicates=dropped,
        published=published,
    )
