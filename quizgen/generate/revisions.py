"""Per-card content revisions, so that exports can update notes in place.

Anki's importer replaces an existing note only when the incoming note's modification time is newer
than the one in the collection. A build-time stamp (genanki's default) makes every re-import either
overwrite the learner's edits or, once the learner's copy is newer, never update at all.

quizgen instead gives every card a `Revision`: the hash of everything the card shows, and the time
that content last changed. A card seen for the first time gets `FIRST_SEEN` (a fixed time in the
past: a brand-new note is added whatever its time). When a deck is regenerated over an existing deck
file, a card whose content hash is unchanged keeps its old revision (so re-importing changes
nothing and the learner's edits survive); a card whose content changed, or a cloze card whose
sentence lost another of its blanks (they share one note), gets the current time (so Anki updates
that note in place). Same article and version, same deck file, byte for byte.
"""

from __future__ import annotations

import time

from quizgen.models import Deck, Revision

# 2025-01-01T00:00:00Z. Never change this once released: lowering it is harmless, raising it
# could make unchanged notes look newer than a learner's edits.
FIRST_SEEN = 1_735_689_600


def carry_revisions(deck: Deck, previous: Deck | None, now: int | None = None) -> Deck:
    """Stamp each card of `deck` with a revision, continuing the history kept in `previous`."""
    stamp = int(time.time()) if now is None else now
    old = {card.id: card.revision for card in previous.cards} if previous else {}
    now_ids = {card.id for card in deck.cards}
    # the cloze cards of one sentence are one Anki note: when one of them leaves the deck, the note's
    # text changes though its other cards do not, so they are stamped anew for Anki to update it
    before_cards = previous.cards if previous else []
    left = {c.group for c in before_cards if c.kind == "cloze" and c.group and c.id not in now_ids}
    cards = []
    for card in deck.cards:
        content = card.content_hash()
        before = old.get(card.id)
        if before is None:
            revision = Revision(content_hash=content, modified=FIRST_SEEN)
        elif before.content_hash == content and not (card.kind == "cloze" and card.group in left):
            revision = before
        else:
            revision = Revision(content_hash=content, modified=max(stamp, before.modified + 1))
        cards.append(card.model_copy(update={"revision": revision}))
    return deck.model_copy(update={"cards": cards})
