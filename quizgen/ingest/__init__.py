"""Ingest: article files (text, markdown, HTML, PDF) or stdin in, a clean `Article` out.

    collect_sources(["notes/", "a.pdf"]) -> ["notes/b.md", "notes/sub/c.txt", "a.pdf"]
    read_article("a.pdf") -> Article

Every problem a user can cause (missing, unreadable, empty, binary, damaged, too large, not
English) is an `InputError` with a one-line message.
"""

from __future__ import annotations

from pathlib import Path

from quizgen.errors import InputError
from quizgen.ingest.clean import Draft, Format, build_article, normalize_characters, title_from_name
from quizgen.ingest.files import collect_sources, read_source_bytes, too_large
from quizgen.ingest.language import ensure_english
from quizgen.ingest.text import decode_bytes, guess_format, read_plain_text
from quizgen.models import Article

__all__ = ["collect_sources", "read_article"]

STDIN_NAME = "<stdin>"


def _read_text_format(raw: bytes, name: str, fmt: Format | None, max_chars: int) -> tuple[Draft, Format, str]:
    text = decode_bytes(raw, name)
    if len(text) > max_chars:
        raise too_large(name, len(text), max_chars)
    text = normalize_characters(text)
    if not text.strip():
        raise InputError(f"{name} has no text (only whitespace)")
    fmt = fmt or guess_format(text)
    if fmt == "markdown":
        from quizgen.ingest.markdown import read_markdown

        return read_markdown(text), fmt, text
    if fmt == "html":
        from quizgen.ingest.html import read_html

        draft = read_html(text)
        if not draft.blocks:
            raise InputError(
                f"{name} has no article text that quizgen could find",
                hint="save the article's own page, or copy its text into a .txt file",
            )
        return draft, fmt, text
    return read_plain_text(text), "text", text


def read_article(source: str, max_chars: int = 2_000_000) -> Article:
    """Read one article (a path, or "-" for stdin) into clean paragraphs with a title."""
    from_stdin = source == "-"
    name = STDIN_NAME if from_stdin else Path(source).name
    label = STDIN_NAME if from_stdin else source  # how errors name the input
    raw, fmt = read_source_bytes(source, max_chars)
    if not raw.strip():
        raise InputError(f"{label} is empty" if not raw else f"{label} has no text (only whitespace)")
    source_text = None
    if fmt is None and raw[:1024].lstrip().startswith(b"%PDF-"):
        fmt = "pdf"  # a PDF on stdin or without its extension is known by its header
    if fmt == "pdf":
        from quizgen.ingest.pdf import read_pdf

        draft = read_pdf(raw, label, max_chars)
    else:
        draft, fmt, source_text = _read_text_format(raw, label, fmt, max_chars)
    article = build_article(
        draft,
        raw=raw,
        name=name,
        path=None if from_stdin else source,
        fmt=fmt,
        fallback_title=None if from_stdin else title_from_name(name),
    )
    if not article.paragraphs:
        raise InputError(f"{label} has no text to read")
    if len(article.text) > max_chars:
        raise too_large(label, len(article.text), max_chars)
    ensure_english(article.text, label)
    return article.model_copy(update={"source_text": source_text})
