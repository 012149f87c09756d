"""PDF articles: text pulled out page by page with pypdf, then put back into paragraphs.

A PDF only knows lines on pages. Running headers and footers (a line that repeats at the top or
bottom of most pages) and page numbers are dropped; the remaining lines are joined into paragraphs
like any hard-wrapped text, rejoining words hyphenated at line ends.
"""

from __future__ import annotations

import io
import logging
import re
import struct
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from pypdf import PageObject, PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

from quizgen.errors import InputError
from quizgen.ingest.clean import Draft, collapse_whitespace, normalize_characters
from quizgen.ingest.files import too_large
from quizgen.ingest.lines import blocks_from_lines, looks_like_heading

_EDGE_LINES = 4  # how many lines at the top and bottom of a page may be running headers or footers
_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?[-–—]?\s*(?:\d{1,4}|[ivxlc]{1,7})\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I
)
_JUNK_TITLE = re.compile(r"^(?:untitled|microsoft word\b|document\d*$)|\.(?:docx?|pdf|odt|tex|indd)$", re.I)
# pypdf raises many kinds of exception on damaged files, not only its own.
_DAMAGED = (PyPdfError, ValueError, KeyError, IndexError, TypeError, AssertionError, struct.error, zlib.error)
_DAMAGED_HINT = "is the file complete? Try opening it in a PDF viewer"
_OCR_HINT = "run OCR on it first (for example with ocrmypdf), or copy its text into a .txt file"


@contextmanager
def _quiet(logger_name: str) -> Iterator[None]:
    """Silence a library's warnings about damaged files: the user gets one clear error, or none."""
    logger = logging.getLogger(logger_name)
    previous = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(previous)


def _furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", collapse_whitespace(line).casefold())


def _edges(lines: list[str]) -> list[int]:
    n = len(lines)
    return sorted(set(range(min(_EDGE_LINES, n))) | set(range(max(0, n - _EDGE_LINES), n)))


def strip_page_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Drop page numbers and running headers/footers: edge lines that repeat on most pages."""
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_furniture_key(lines[i]) for i in _edges(lines)})
    needed = max(2, (len(pages) + 1) // 2)
    repeated = {key for key, count in counts.items() if count >= needed}
    cleaned = []
    for lines in pages:
        edges = set(_edges(lines))
        removed: set[str] = set()  # each running line goes once per page: a title may repeat it below
        kept = []
        for i, line in enumerate(lines):
            key = _furniture_key(line)
            if i in edges and _PAGE_NUMBER.match(line.strip()):
                continue
            if i in edges and key in repeated and key not in removed:
                removed.add(key)
                continue
            kept.append(line)
        cleaned.append(kept)
    return cleaned


def _reason(exc: BaseException) -> str:
    first_line = (str(exc).strip().splitlines() or [""])[0]
    return first_line[:120] or type(exc).__name__


def _lines_after_gaps(page: PageObject) -> set[str]:
    """Lines that follow a vertical gap on the page: where paragraphs start.

    pypdf's plain mode keeps the reading order right (columns, superscripts) but loses vertical
    space; its layout mode shows the space as blank lines but can misorder lines. So the text comes
    from plain mode, and layout mode only says which lines open a paragraph.
    """
    try:
        # A weight below 1 shows a gap of half a line (usual paragraph spacing) as a blank line.
        layout = page.extract_text(extraction_mode="layout", layout_mode_font_height_weight=0.8)
    except _DAMAGED:
        return set()
    starts: list[str] = []
    lines = 0
    after_gap = False
    for line in normalize_characters(layout).split("\n"):
        if not line.strip():
            after_gap = True
            continue
        lines += 1
        if after_gap:
            starts.append(collapse_whitespace(line))
        after_gap = False
    # Double-spaced text has a gap after every line: then gaps say nothing about paragraphs.
    return set(starts) if len(starts) <= 0.5 * lines else set()


def _page_texts(raw: bytes, name: str, max_chars: int) -> tuple[list[tuple[str, set[str]]], str | None]:
    try:
        with _quiet("pypdf"):
            reader = PdfReader(io.BytesIO(raw))
            if reader.is_encrypted and not reader.decrypt(""):
                raise FileNotDecryptedError("password required")
            texts: list[tuple[str, set[str]]] = []
            total = 0
            for page in reader.pages:
                text = page.extract_text() or ""
                texts.append((text, _lines_after_gaps(page) if text.strip() else set()))
                total += len(text)
                if total > max_chars:
                    raise too_large(name, total, max_chars, at_least=True)
            title = reader.metadata.title if reader.metadata else None
    except (FileNotDecryptedError, DependencyError):
        raise InputError(
            f"{name} is password-protected", hint="save an unprotected copy of the PDF and read that"
        ) from None
    except RecursionError:
        raise InputError(f"{name} is not a readable PDF (its structure is too deeply nested)") from None
    except _DAMAGED as exc:
        raise InputError(f"{name} is not a readable PDF ({_reason(exc)})", hint=_DAMAGED_HINT) from None
    return texts, title if isinstance(title, str) else None


def read_pdf(raw: bytes, name: str, max_chars: int) -> Draft:
    """Blocks and title of a PDF; `InputError` for damaged, protected or image-only PDFs."""
    texts, meta_title = _page_texts(raw, name, max_chars)
    pages = [[line for line in normalize_characters(text).split("\n") if line.strip()] for text, _ in texts]
    if not any(pages):
        raise InputError(f"{name} has no text to read (it may be scanned images of pages)", hint=_OCR_HINT)
    lines: list[str] = []
    for page_lines, (_, paragraph_starts) in zip(strip_page_furniture(pages), texts, strict=True):
        for index, line in enumerate(page_lines):
            # A gap at the top of a page only separates the text from the running header.
            if index and collapse_whitespace(line) in paragraph_starts:
                lines.append("")  # the paragraph break the PDF showed as vertical space
            lines.append(line)
    blocks = blocks_from_lines("\n".join(lines), hard_wrapped=True)
    if blocks and blocks[0].heading:
        blocks[0].level = 1
        return Draft(blocks=blocks, title=blocks[0].text)
    meta_title = collapse_whitespace(meta_title or "")
    if meta_title and not _JUNK_TITLE.search(meta_title) and looks_like_heading(meta_title):
        return Draft(blocks=blocks, title=meta_title)
    return Draft(blocks=blocks)
