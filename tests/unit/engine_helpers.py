"""Build articles from text for engine tests (no files needed)."""

from __future__ import annotations

import hashlib

from quizgen.models import Article, Paragraph


def article_from_text(text: str, title: str = "Test article") -> Article:
    """An Article whose paragraphs are the blank-line-separated blocks of `text`, after a title heading."""
    blocks = [title] + [" ".join(b.split()) for b in text.strip().split("\n\n") if b.strip()]
    paragraphs = []
    joined = ""
    for i, block in enumerate(blocks):
        if joined:
            joined += "\n\n"
        start = len(joined)
        joined += block
        paragraphs.append(Paragraph(text=block, start=start, end=len(joined), heading=i == 0))
    return Article(
        id="test-article",
        title=title,
        path=None,
        name="test.txt",
        format="text",
        text=joined,
        paragraphs=paragraphs,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
    )
