"""HTML helpers shared by the exporters that write HTML (Anki notes, Moodle XML, QTI, worksheets).

Article text is untrusted: a scraped page can contain ``<script>`` or stray markup, and every
format above renders its text fields as raw HTML. So every piece of card text goes through
`escape_text` before it is placed in markup, and markup is only ever added by these helpers.
"""

from __future__ import annotations

import html
import re

from quizgen.models import Span

_TAG = re.compile(r"<[^>]*>")
_WHITESPACE = re.compile(r"\s+")


def escape_text(text: str) -> str:
    """``text`` as HTML that shows exactly that text (``<``, ``>``, ``&`` and quotes escaped)."""
    return html.escape(text, quote=True)


def visible_text(markup: str) -> str:
    """The text a reader sees in ``markup``: tags dropped, entities decoded, whitespace collapsed."""
    return _WHITESPACE.sub(" ", html.unescape(_TAG.sub(" ", markup))).strip()


def answer_span(context: str, highlight: Span | None, answer: str) -> tuple[int, int] | None:
    """Where the answer stands in ``context``: the card's highlight if it is valid, else the first
    case-insensitive occurrence of ``answer``, else None."""
    if highlight is not None and 0 <= highlight.start < highlight.end <= len(context):
        return highlight.start, highlight.end
    if answer:
        found = context.lower().find(answer.lower())
        if found >= 0:
            return found, found + len(answer)
    return None


def highlighted(context: str, span: tuple[int, int] | None, css_class: str = "qg-answer") -> str:
    """``context`` as escaped HTML with the characters in ``span`` wrapped in ``<mark>``."""
    if span is None:
        return escape_text(context)
    start, end = span
    return (
        escape_text(context[:start])
        + f'<mark class="{css_class}">'
        + escape_text(context[start:end])
        + "</mark>"
        + escape_text(context[end:])
    )


def choice_label(index: int) -> str:
    """The letter a choice is shown with: 0 → ``A``, 1 → ``B`` … (``AA`` after ``Z``)."""
    label = ""
    index += 1
    while index > 0:
        index, rest = divmod(index - 1, 26)
        label = chr(ord("A") + rest) + label
    return label
