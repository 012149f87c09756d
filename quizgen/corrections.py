"""What a false true/false card changed: the article's statement with the swapped words marked.

A false statement is the source sentence with one name, date or number swapped for another of the
same type. A learner who answered it deserves to see what was changed, so every place that reveals
the answer (the study app, Anki's back side) shows the statement as the article has it, with the
true words marked and the false ones beside them:

    >>> card_statement = "Maria Skłodowska was born in Paris, then part of the Russian Empire."
    >>> source = "Maria Skłodowska was born in Warsaw, then part of the Russian Empire."
    >>> [(part.text, part.was) for part in correction(card_statement, source).changed]
    [('Warsaw', 'Paris')]

Names the card wrote in place of a pronoun or a bare mention ("Marie Curie" for "she", which the
card records in `source.resolved`) stay as the card showed them; only swapped words are marked.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from quizgen.models import Card, strip_true_false_lead

_TOKEN = re.compile(r"\w+(?:['’.-]\w+)*|\S")


@dataclass(frozen=True)
class Part:
    """A stretch of the true statement; `was` holds what the card said instead, when it differs."""

    text: str
    was: str | None = None


@dataclass(frozen=True)
class Correction:
    """The true statement in parts, changed stretches marked."""

    parts: tuple[Part, ...]

    @property
    def changed(self) -> list[Part]:
        """The parts the false statement had swapped."""
        return [part for part in self.parts if part.was is not None]

    def plain(self) -> str:
        """The true statement as plain text."""
        return "".join(part.text for part in self.parts)


def _tokens(text: str) -> list[re.Match[str]]:
    return list(_TOKEN.finditer(text))


def _plain(text: str) -> str:
    return re.sub(r"(?:'s|’s)$", "", " ".join(text.lower().split())).removeprefix("the ")


def correction(statement: str, source: str, resolved: dict[str, str] | None = None) -> Correction | None:
    """The true form of `statement` given the sentence it was made from and the references the card
    wrote in place (`{"she": "Marie Curie"}`); None when nothing was swapped or the two cannot be
    lined up (then a display shows the source sentence as it is)."""
    named = {(_plain(said), _plain(who)) for said, who in (resolved or {}).items()}
    shown, true = _tokens(statement), _tokens(source)
    matcher = difflib.SequenceMatcher(
        a=[t.group() for t in shown], b=[t.group() for t in true], autojunk=False
    )
    parts: list[Part] = []
    at = 0  # where in `statement` the next plain stretch starts
    swapped = False
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op != "replace":
            continue  # equal stretches are kept as shown
        start, end = shown[a0].start(), shown[a1 - 1].end()
        was = source[true[b0].start() : true[b1 - 1].end()]
        if (_plain(was), _plain(statement[start:end])) in named:
            continue  # a name the card wrote for "she" or "the barrier": not a swap
        parts.append(Part(statement[at:start]))
        parts.append(Part(was, was=statement[start:end]))
        at = end
        swapped = True
    if not swapped:
        return None
    parts.append(Part(statement[at:]))
    # a swap that rewrote most of the sentence is not a swap: show the source instead
    if sum(len(part.text) for part in parts if part.was is not None) > len(source) / 2:
        return None
    return Correction(tuple(part for part in parts if part.text))


def card_correction(card: Card) -> Correction | None:
    """For a false true/false card, its statement put right; None for every other card."""
    if card.kind != "true_false" or card.answer != "False":
        return None
    statement = strip_true_false_lead(card.question)
    return correction(statement, card.context, card.source.resolved)
