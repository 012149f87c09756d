"""A regenerated deck keeps the teacher's picks (`quizgen generate` over an existing deck file).

The engine makes every card anew. A card the teacher excluded or reworded passes that on to the
regenerated card that asks the same thing about the same sentence:

1. the card with the same id (ids are a hash of the source, the fact and the answer, so they
   survive a re-worded question), as long as it still comes from the same sentence;
2. else the card of the same kind, from the same sentence, with the same answer as the engine gave
   (an engine change can change an id, e.g. when a pronoun is read differently).

"The same sentence" is the card's `context`, verbatim: the regenerated card comes from the article
as it is now, so a match means the sentence is still there. A pick with no such card (the sentence
was changed or removed, or the engine no longer asks that question) is dropped and counted.
"""

from __future__ import annotations

from dataclasses import dataclass

from quizgen.errors import EditError
from quizgen.models import Card, Deck
from quizgen.pick.edits import set_excluded, with_teacher_wording
from quizgen.words import counted


@dataclass(frozen=True)
class CarriedPicks:
    """How many of the teacher's picks a regenerated deck kept, and how many it had to drop."""

    edited: int = 0
    excluded: int = 0
    dropped: int = 0

    @property
    def any(self) -> bool:
        return bool(self.edited or self.excluded or self.dropped)

    def summary(self) -> str:
        """``"kept the teacher's 2 edits and 1 exclusion; dropped 1 (…)"``, for the generate summary."""
        kept = []
        if self.edited:
            kept.append(counted(self.edited, "edit"))
        if self.excluded:
            kept.append(counted(self.excluded, "exclusion"))
        parts = [f"kept the teacher's {' and '.join(kept)}"] if kept else []
        if self.dropped:
            parts.append(
                f"dropped {self.dropped} (the card or its source sentence is no longer in the article)"
            )
        return "; ".join(parts)


def carry_teacher_picks(deck: Deck, previous: Deck | None) -> tuple[Deck, CarriedPicks]:
    """`deck` (just generated) with the teacher's picks from `previous` (the deck file it replaces)."""
    picked = [card for card in previous.cards if card.teacher is not None] if previous else []
    if not picked:
        return deck, CarriedPicks()
    cards = list(deck.cards)
    by_id = {card.id: index for index, card in enumerate(cards)}
    by_sentence: dict[tuple[str, str, str], list[int]] = {}
    for index, card in enumerate(cards):
        by_sentence.setdefault((card.kind, card.context, card.answer), []).append(index)

    claimed: dict[int, Card] = {}  # index of a regenerated card → the old card whose picks it takes
    unmatched: list[Card] = []
    for old in picked:
        same_id = by_id.get(old.id)
        if same_id is not None and _same_question(old, cards[same_id]):
            claimed[same_id] = old
        else:
            unmatched.append(old)
    dropped = 0
    for old in unmatched:
        candidates = by_sentence.get((old.kind, old.context, _engine_answer(old)), [])
        free = next((i for i in candidates if i not in claimed), None)
        if free is None:
            dropped += 1
        else:
            claimed[free] = old

    edited = excluded = 0
    for index, old in claimed.items():
        carried = _carried(old, cards[index])
        if carried is None:
            dropped += 1
            continue
        cards[index] = carried
        edited += old.edited
        excluded += old.excluded
    report = CarriedPicks(edited=edited, excluded=excluded, dropped=dropped)
    return deck.model_copy(update={"cards": cards}), report


def _same_question(old: Card, new: Card) -> bool:
    return old.kind == new.kind and old.context == new.context


def _engine_answer(card: Card) -> str:
    """The answer the engine gave the card (before a teacher's edit)."""
    if card.teacher is not None and card.teacher.original is not None:
        return card.teacher.original.answer
    return card.answer


def _carried(old: Card, new: Card) -> Card | None:
    """`new` with the picks of `old` (None when the teacher's wording does not fit it)."""
    try:
        if old.edited:
            return with_teacher_wording(new, old.text(), excluded=old.excluded)
        return set_excluded(new, old.excluded)
    except EditError:
        return None
