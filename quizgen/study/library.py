"""Finding the decks the study home screen lists, and what each one has waiting.

Decks come from the paths the user gave, ``./decks`` and the user library (``QUIZGEN_HOME/decks``).
A file that is not a valid deck is listed with its error rather than stopping the app.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from quizgen.errors import DeckError
from quizgen.locations import library_dir
from quizgen.models import Deck, deck_files_in, load_deck, unique_paths
from quizgen.study.store import ProgressStore, QuizScore


@dataclass(frozen=True)
class DeckEntry:
    """One deck file: the deck, or why it could not be read."""

    path: Path
    deck: Deck | None = None
    error: str | None = None


@dataclass(frozen=True)
class DeckSummary:
    """What a deck has waiting: its size, the cards due, the cards never studied, the last quiz."""

    cards: int
    due: int
    new: int
    last_quiz: QuizScore | None


def default_search_paths() -> list[Path]:
    """``./decks`` and the user library."""
    return [Path("decks"), library_dir()]


def deck_files(paths: Sequence[Path]) -> tuple[list[Path], list[DeckEntry]]:
    """The .json files named by `paths` (folders are listed, missing ones reported), each once."""
    files: list[Path] = []
    problems: list[DeckEntry] = []
    for path in paths:
        if path.is_dir():
            files.extend(deck_files_in(path))
        elif path.is_file():
            files.append(path)
        else:
            problems.append(DeckEntry(path, error=f"no such file or folder: {path}"))
    return unique_paths(files), problems


def discover_decks(paths: Sequence[Path] = (), include_defaults: bool = True) -> list[DeckEntry]:
    """Every deck under `paths` (and the default places), loaded, with unreadable files reported."""
    defaults = [p for p in default_search_paths() if p.is_dir()] if include_defaults else []
    files, problems = deck_files([*paths, *defaults])
    entries: list[DeckEntry] = []
    for file in files:
        try:
            entries.append(DeckEntry(file, deck=load_deck(file)))
        except DeckError as exc:
            entries.append(DeckEntry(file, error=exc.message))
    return entries + problems


def deck_summary(store: ProgressStore, deck: Deck, now: datetime) -> DeckSummary:
    """Count the cards of `deck` that are due at `now` and those never reviewed (a teacher's
    excluded cards are not counted: they are never studied)."""
    states = store.card_states([deck.id])
    cards = deck.included_cards()
    due = new = 0
    for card in cards:
        state = states.get((deck.id, card.id))
        if state is None:
            new += 1
        elif state.due <= now:
            due += 1
    return DeckSummary(cards=len(cards), due=due, new=new, last_quiz=store.last_quiz_score(deck.id))
