"""Small wording helpers shared by the exports, the pick screen and their reports."""

from __future__ import annotations


def counted(count: int, noun: str) -> str:
    """``counted(1, "card")`` → "1 card", ``counted(3, "card")`` → "3 cards"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
