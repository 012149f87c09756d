"""Abbreviations and what they stand for, so that "Joint Force Headquarters" answers "the JFHQ".

The pairs come from the deck itself (its acronym cards: "What does JFHQ stand for?" → Joint Force
Headquarters) plus a short fixed list of names everyone abbreviates (U.S., UK, UN, EU). Answers are
compared with every known name replaced by its abbreviation, so either form matches either form,
and two different names (United Kingdom, U.S.) never do.

A card that itself relates the two forms ("What does JFHQ stand for?", or a blank after "Joint Force
Headquarters (…)") must still be answered with the other form: a pair is left out of grading a card
when the question names one of its forms and the answer names one too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from quizgen.models import Card, Deck

_ACRONYM_QUESTION = re.compile(r"^What does (?P<short>\S+) stand for\?$")


@dataclass(frozen=True)
class Abbreviation:
    """One name and its abbreviations: every one of `all_forms` is graded as the same answer."""

    short: str
    """The abbreviation as the learner is told it ("U.S.")."""
    long: str
    """What it stands for ("United States")."""
    forms: tuple[str, ...] = ()
    """Other ways of writing either ("USA", "United States of America")."""

    @property
    def all_forms(self) -> tuple[str, ...]:
        return (self.short, self.long, *self.forms)


COMMON = (
    Abbreviation("U.S.", "United States", ("US", "USA", "U.S.A.", "United States of America")),
    Abbreviation("UK", "United Kingdom", ("U.K.",)),
    Abbreviation("UN", "United Nations", ("U.N.",)),
    Abbreviation("EU", "European Union", ("E.U.",)),
)
"""Names abbreviated so commonly that every deck accepts either form."""


def _key(text: str, normalize: Callable[[str], str]) -> str:
    return normalize(text).replace(" ", "")


def _short_key(entry: Abbreviation) -> str:
    return entry.short.replace(".", "").casefold()


class Glossary:
    """The abbreviations a deck (or several) knows, for grading typed answers."""

    def __init__(self, pairs: Iterable[Abbreviation] = ()) -> None:
        entries = {_short_key(entry): entry for entry in COMMON}
        for entry in pairs:
            known = entries.get(_short_key(entry))
            if known is not None and known.long.casefold() == entry.long.casefold():
                entry = Abbreviation(known.short, known.long, (*known.forms, *entry.all_forms))
            entries[_short_key(entry)] = entry  # a deck's own expansion wins over a common one
        self.entries = tuple(entries.values())

    @classmethod
    def from_cards(cls, cards: Iterable[Card]) -> Glossary:
        """The common pairs plus those of the acronym cards among `cards`."""
        pairs = []
        for card in cards:
            found = _ACRONYM_QUESTION.match(card.question.strip())
            if found and card.kind in ("short_answer", "multiple_choice"):
                short = found.group("short")
                pairs.append(Abbreviation(short, card.answer))
        return cls(pairs)

    @classmethod
    def from_decks(cls, decks: Iterable[Deck]) -> Glossary:
        """The common pairs plus every acronym card of `decks` (excluded cards too: still facts)."""
        return cls.from_cards(card for deck in decks for card in deck.cards)

    def canonical(
        self, text: str, normalize: Callable[[str], str], question: str = "", target: str = ""
    ) -> tuple[str, list[Abbreviation]]:
        """`text`, normalised, with every known name written as its abbreviation; and the entries
        that changed something. Entries the card itself relates (see the module docstring) are
        left out, judged from `question` and `target`."""
        words = f" {normalize(text)} "
        asked = f" {normalize(question)} "
        wanted = f" {normalize(target)} "
        used: list[Abbreviation] = []
        for entry in self.entries:
            forms = sorted({normalize(form) for form in entry.all_forms}, key=len, reverse=True)
            forms = [form for form in forms if form]
            if not forms:
                continue
            if any(f" {form} " in asked for form in forms) and any(f" {form} " in wanted for form in forms):
                continue
            pattern = re.compile(r"(?<= )(?:" + "|".join(re.escape(form) for form in forms) + r")(?= )")
            replaced = pattern.sub(_key(entry.short, normalize), words)
            if replaced != words:
                used.append(entry)
                words = replaced
        return " ".join(words.split()), used
