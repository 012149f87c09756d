"""Picking the cards a session asks, from one or more decks, and locating answers in their sources.

Progress is keyed by (deck id, card id), so every card travels with the id of its deck: two decks
may hold cards with the same id, and a regenerated deck (same ids) keeps its progress.

Siblings are kept apart. Cards made from one sentence share a `group`, and cards asking one fact in
another form share a `fact_id`. Every card, once answered, shows its source sentence, and that
sentence holds the answer of each of its siblings (a true/false sibling's too: the sentence shows
whether its statement is right). So a card gives its siblings' answers away, and a quiz asks one
card per group and per fact (`one_per_sentence`); the others wait for another quiz. Review buries
the siblings of a card reviewed today until the next day (see `quizgen.study.review`).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from quizgen.errors import StudyError
from quizgen.models import Card, Deck

TYPED_KINDS = frozenset({"short_answer", "cloze"})
KIND_LABELS = {
    "short_answer": "Short answer",
    "multiple_choice": "Multiple choice",
    "true_false": "True or false",
    "cloze": "Fill in the blank",
}


@dataclass(frozen=True)
class StudyCard:
    """A card together with the deck it belongs to."""

    deck_id: str
    card: Card

    @property
    def key(self) -> tuple[str, str]:
        """The progress key: (deck id, card id)."""
        return (self.deck_id, self.card.id)

    @property
    def sibling_marks(self) -> frozenset[tuple[str, str, str]]:
        """What the card shares with its siblings: its deck's fact, and its deck's group if any."""
        marks = {(self.deck_id, "fact", self.card.fact_id)}
        if self.card.group:
            marks.add((self.deck_id, "group", self.card.group))
        return frozenset(marks)

    def gives_away(self, other: StudyCard) -> bool:
        """Whether showing this card (its question, then its answer and source sentence) gives away
        the answer of `other`: true for every sibling, a card of the same group or fact."""
        return other.key != self.key and bool(self.sibling_marks & other.sibling_marks)


def one_per_sentence(cards: Iterable[StudyCard]) -> list[StudyCard]:
    """The first card of each group and of each fact, in the order given: no card kept gives away
    another's answer."""
    taken: set[tuple[str, str, str]] = set()
    kept: list[StudyCard] = []
    for item in cards:
        if taken.isdisjoint(item.sibling_marks):
            taken |= item.sibling_marks
            kept.append(item)
    return kept


def study_cards(decks: Iterable[Deck], kinds: Sequence[str] | None = None) -> list[StudyCard]:
    """The cards of all `decks` in deck order, of the given kinds, each (deck, card) once; never a
    card a teacher excluded (`quizgen pick`)."""
    seen: set[tuple[str, str]] = set()
    cards: list[StudyCard] = []
    for deck in decks:
        for card in deck.included_cards():
            if kinds and card.kind not in kinds:
                continue
            item = StudyCard(deck.id, card)
            if item.key not in seen:
                seen.add(item.key)
                cards.append(item)
    return cards


def quiz_cards(
    decks: Sequence[Deck],
    kinds: Sequence[str] | None = None,
    count: int | None = None,
    shuffle: bool = True,
    seed: int | None = None,
) -> list[StudyCard]:
    """The cards of a quiz: filtered by kind, shuffled (reproducibly with `seed`), one per sentence
    and fact (`one_per_sentence`: with a shuffle, a different sibling may come up each time), at most
    `count`.

    Raises `StudyError` when nothing is left to ask, naming the decks and kinds, so the CLI can stop
    before a terminal app starts.
    """
    if not decks:
        raise StudyError("no deck to study", hint="give one or more deck files, e.g. decks/marie-curie.json")
    cards = study_cards(decks, kinds)
    if not cards:
        names = ", ".join(deck.title for deck in decks)
        if kinds and any(deck.included_cards() for deck in decks):
            raise StudyError(
                f"no {' or '.join(KIND_LABELS[k].lower() for k in kinds)} cards in {names}",
                hint="choose other --kinds, or leave --kinds out",
            )
        if len(decks) == 1:
            raise StudyError(decks[0].no_cards_message())
        raise StudyError(f"{names} have no cards to study")
    if shuffle:
        random.Random(seed).shuffle(cards)
    cards = one_per_sentence(cards)
    return cards[:count] if count else cards


def answer_span(card: Card) -> tuple[int, int] | None:
    """Where the answer stands in `card.context`, to highlight it; None when it is not there.

    Uses the card's own `highlight` when it is valid, else finds the answer text ignoring case.
    A true/false card's answer ("True"/"False") is not a phrase of its sentence.
    """
    context = card.context
    if card.highlight is not None and 0 <= card.highlight.start < card.highlight.end <= len(context):
        return (card.highlight.start, card.highlight.end)
    if card.kind == "true_false":
        return None
    for needle in (card.answer, *card.accepted_answers):
        needle = needle.strip()
        if not needle:
            continue
        found = re.search(re.escape(needle), context, flags=re.IGNORECASE)
        if found:
            return found.span()
    return None
