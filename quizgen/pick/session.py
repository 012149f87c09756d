"""What the pick screen shows and changes: the cards of some deck files, the teacher's picks, a filter.

The screen keeps no state of its own: it renders a `PickSession` and forwards each key to it. The
session keeps every deck as it was read and as it is now, so it knows what is unsaved; `save`
writes only the decks that changed, each atomically, and refuses to overwrite a read-only deck file
or one that changed on disk since it was read (a regeneration in another window, say).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from quizgen.errors import DeckError, ExportError
from quizgen.locations import allowed
from quizgen.models import Card, Deck, load_deck
from quizgen.pick.edits import CardEdit, edit_card, restore_original, set_excluded

if TYPE_CHECKING:
    from quizgen.export import ExportReport


@dataclass(frozen=True)
class CardKey:
    """Where a card is in the session: which deck file, which card."""

    deck: int
    card_id: str


@dataclass(frozen=True)
class PickCounts:
    """What the status line shows."""

    cards: int
    included: int
    excluded: int
    edited: int
    shown: int
    """Cards the filter lets through."""
    unsaved: int
    """Cards changed since the last save."""


class PickedDeck:
    """One deck file: the deck as last read or saved, and its cards as the teacher has them now."""

    def __init__(self, path: Path, deck: Deck, fingerprint: str | None) -> None:
        self.path = path
        self.saved = deck
        self.cards = list(deck.cards)
        self._fingerprint = fingerprint
        self._index = {card.id: position for position, card in enumerate(self.cards)}

    @classmethod
    def read(cls, path: Path) -> PickedDeck:
        """Load a deck file (a `DeckError` for a missing, unreadable or malformed one)."""
        deck = load_deck(path)
        return cls(path, deck, _fingerprint(path))

    @property
    def deck(self) -> Deck:
        """The deck as it is now (what saving writes and exports read)."""
        return self.saved.model_copy(update={"cards": list(self.cards)})

    def card(self, card_id: str) -> Card:
        return self.cards[self._index[card_id]]

    def replace(self, card: Card) -> None:
        self.cards[self._index[card.id]] = card

    @property
    def unsaved(self) -> int:
        """How many cards differ from the file."""
        return sum(1 for now, saved in zip(self.cards, self.saved.cards, strict=True) if now != saved)

    def check_writable(self) -> None:
        """A `DeckError` when saving would fail or overwrite someone else's change."""
        path = self.path
        if not path.exists():
            return
        if path.is_dir():
            raise DeckError(f"cannot save {path}: it is now a folder")
        # the mode bits too: root may write anything, but a read-only deck file means "keep"
        if not allowed(path, os.W_OK) or not path.stat().st_mode & 0o222:
            raise DeckError(
                f"cannot save {path}: the file is read-only",
                hint="make it writable (chmod u+w), or export the cards instead",
            )
        if _fingerprint(path) != self._fingerprint:
            raise DeckError(
                f"cannot save {path}: it changed on disk after quizgen pick read it",
                hint="quit without saving and run quizgen pick again, so that nothing is overwritten",
            )

    def write(self) -> None:
        """Save the deck (atomically); edited cards get a new revision, so Anki updates them."""
        from quizgen.generate.revisions import carry_revisions

        deck = carry_revisions(self.deck, self.saved)
        deck.save(self.path)
        self.saved = deck
        self.cards = list(deck.cards)
        self._fingerprint = _fingerprint(self.path)


class PickSession:
    """The teacher's review of the cards of one or more deck files."""

    def __init__(self, decks: Sequence[PickedDeck]) -> None:
        self.decks = list(decks)
        self.keys = [
            CardKey(index, card.id) for index, picked in enumerate(self.decks) for card in picked.cards
        ]
        self.query = ""
        self._shown = list(self.keys)

    @classmethod
    def open(cls, paths: Sequence[Path]) -> PickSession:
        """Read the deck files named (folders: every ``*.json`` in them); a `DeckError` for the first
        one that cannot be read."""
        from quizgen.export import collect_deck_files

        if not paths:
            raise DeckError("no deck files to pick from", hint="e.g. quizgen pick decks/<name>.json")
        return cls([PickedDeck.read(path) for path in collect_deck_files(list(paths))])

    # ----------------------------------------------------------------------------------- reading

    def card(self, key: CardKey) -> Card:
        return self.decks[key.deck].card(key.card_id)

    def deck_title(self, key: CardKey) -> str:
        return self.decks[key.deck].saved.title

    @property
    def titles(self) -> str:
        return " + ".join(picked.saved.title for picked in self.decks)

    @property
    def shown(self) -> list[CardKey]:
        """The cards the filter lets through, in deck order."""
        return list(self._shown)

    def counts(self) -> PickCounts:
        cards = [self.card(key) for key in self.keys]
        excluded = sum(card.excluded for card in cards)
        return PickCounts(
            cards=len(cards),
            included=len(cards) - excluded,
            excluded=excluded,
            edited=sum(card.edited for card in cards),
            shown=len(self._shown),
            unsaved=self.unsaved,
        )

    @property
    def unsaved(self) -> int:
        """How many cards changed since the decks were read or last saved."""
        return sum(picked.unsaved for picked in self.decks)

    def current_decks(self) -> list[Deck]:
        """Every deck as the teacher has it now (saved or not)."""
        return [picked.deck for picked in self.decks]

    # ----------------------------------------------------------------------------------- filter

    def set_filter(self, query: str) -> None:
        """Show only the cards whose question, answer, choices or source sentence hold every word of
        `query` (ignoring case); an empty query shows every card."""
        self.query = " ".join(query.split())
        words = self.query.casefold().split()
        self._shown = [key for key in self.keys if all(word in _searchable(self.card(key)) for word in words)]

    # ---------------------------------------------------------------------------------- changes

    def toggle(self, key: CardKey) -> Card:
        """Exclude an included card, include an excluded one."""
        card = self.card(key)
        return self._replace(key, set_excluded(card, not card.excluded))

    def edit(self, key: CardKey, edit: CardEdit) -> Card:
        """Reword a card (an `EditError`, and no change, when the wording would not make a valid card)."""
        return self._replace(key, edit_card(self.card(key), edit))

    def restore(self, key: CardKey) -> Card:
        """Give a card back the engine's wording."""
        return self._replace(key, restore_original(self.card(key)))

    def _replace(self, key: CardKey, card: Card) -> Card:
        self.decks[key.deck].replace(card)
        return card

    # ------------------------------------------------------------------------------ save, export

    def save(self) -> list[Path]:
        """Write every deck that changed; nothing is written unless all of them can be."""
        changed = [picked for picked in self.decks if picked.unsaved]
        for picked in changed:
            picked.check_writable()
        for picked in changed:
            picked.write()
        return [picked.path for picked in changed]

    def export(self, format_name: str, path: Path) -> ExportReport:
        """Export the cards as they are now (excluded cards left out) with the export code of
        ``quizgen export``; an `ExportError` (or `DeckError`) when it cannot be written."""
        from quizgen.export import ExportOptions, exporter_for

        if not str(path).strip():
            raise ExportError("give the file to write")
        exporter = exporter_for(format_name)
        return exporter(self.current_decks(), Path(path).expanduser(), ExportOptions())

    def default_export_path(self, format_name: str) -> Path:
        """Where an export goes unless the teacher says otherwise: ``<deck id><suffix>`` here."""
        from quizgen.export import file_extension

        stem = self.decks[0].saved.id if len(self.decks) == 1 else "quiz"
        return Path(f"{stem}{file_extension(format_name)}")


def _searchable(card: Card) -> str:
    return "\n".join([card.question, card.answer, *card.choices, card.context]).casefold()


def _fingerprint(path: Path) -> str | None:
    """A hash of the file's bytes (None when it cannot be read)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
