"""Bytes to text: encoding detection, binary-file detection, and the plain-text reader.

UTF-8 (with or without a byte order mark) and UTF-16/32 with a byte order mark are recognised
directly. Anything else goes to charset-normalizer, with one correction: among the single-byte
Latin code pages it cannot tell apart on a short text, an English article is nearly always cp1252.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from quizgen.errors import InputError
from quizgen.ingest.clean import Draft, Format
from quizgen.ingest.lines import blocks_from_lines

SUPPORTED_HINT = "quizgen reads .txt, .md, .markdown, .html, .htm and .pdf articles"

_BOMS = (  # UTF-32 first: its little-endian mark starts with the UTF-16 one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SIGNATURES = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive or an Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
)
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{2,40})""", re.I)
_HTML_START = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html\b|<head\b|<body\b)", re.I)
_HTML_TAGS = re.compile(r"<(p|div|article|h[1-6]|body)\b[^>]*>.*?</\1>", re.I | re.S)
_MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+\S", re.M)


def _not_text(name: str, raw: bytes) -> InputError:
    kind = next((what for magic, what in _SIGNATURES if raw.startswith(magic)), None)
    looks = f" (it looks like {kind})" if kind else ""
    return InputError(f"{name} is not a text file{looks}", hint=SUPPORTED_HINT)


def _latin_only(text: str) -> bool:
    return all("LATIN" in unicodedata.name(ch, "") for ch in set(text) if ch.isalpha())


def _decode_legacy(raw: bytes) -> str | None:
    """Decode text that is not UTF-8: the declared charset (HTML), else charset-normalizer's guess."""
    declared = _DECLARED_CHARSET.search(raw[:4096])
    if declared:
        try:
            encoding = codecs.lookup(declared.group(1).decode("ascii")).name
            # As browsers do: pages labelled Latin-1 or ASCII are nearly always cp1252 (curly quotes).
            return raw.decode("cp1252" if encoding in ("iso8859-1", "ascii") else encoding)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: detect instead
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    guess = str(best) if best is not None else None
    if guess is None or _latin_only(guess):
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            return guess if guess is not None else raw.decode("latin-1")
    return guess


def _decode(raw: bytes, name: str) -> str | None:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                raise InputError(f"{name} is not valid {encoding.upper()} text") from None
    if b"\x00" in raw:
        return None  # NUL bytes without a UTF-16 byte order mark: a binary file
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_legacy(raw)


def decode_bytes(raw: bytes, name: str) -> str:
    """The text of a file's bytes; `InputError` for binary files that are not text at all."""
    text = _decode(raw, name)
    if text is None:
        raise _not_text(name, raw)
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\r\f")
    if controls > 4 and controls > 0.01 * len(text):  # a stray control character is not a binary file
        raise _not_text(name, raw)
    return text


def guess_format(text: str) -> Format:
    """Format of text without a file extension (stdin): HTML, markdown with headings, else text."""
    head = text[:20_000]
    if _HTML_START.search(head) or (head.lstrip().startswith("<") and _HTML_TAGS.search(head)):
        return "html"
    if _MARKDOWN_HEADING.search(head):
        return "markdown"
    return "text"


def read_plain_text(text: str) -> Draft:
    """Paragraphs of a plain-text article; a short first line is its title."""
    blocks = blocks_from_lines(text)
    title = None
    if blocks and blocks[0].heading:
        blocks[0].level = 1
        title = blocks[0].text
    return Draft(blocks=blocks, title=title)
