"""Finding the decks the study home screen lists, and what each one has waiting.

Decks come from the paths the user gave, ``./decks`` and the user library (``QUIZGEN_HOME/decks``).
A file that is not a valid deck is listed with its error rather than stopping the app.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path

from quizgen.errors import DeckError
from quizgen.locations import library_dir
from quizgen.models import Deck, deck_files_in, load_deck, unique_paths
from quizgen.study.cards import study_cards
from quizgen.study.review import DEFAULT_NEW_LIMIT, review_queue
from quizgen.study.store import ProgressStore, QuizScore


@dataclass(frozen=True)
class DeckEntry:
    """One deck file: the deck, or why it could not be read."""

    path: Path
    deck: Deck | None = None
    error: str | None = None


@dataclass(frozen=True)
class DeckSummary:
    """What a deck has waiting today: what a review of it would offer now, and its last quiz."""

    cards: int
    due: int
    """Cards a review offers now as due (buried siblings left out)."""
    new: int
    """New cards a review would introduce today (the daily limit and siblings allowing)."""
    unseen: int
    """Cards never reviewed."""
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


def deck_summary(
    store: ProgressStore,
    deck: Deck,
    now: datetime,
    new_limit: int = DEFAULT_NEW_LIMIT,
    tz: tzinfo | None = None,
) -> DeckSummary:
    """What `deck` has waiting at `now`: the numbers a review of it would start with (due now, new
    for today), counted the way `ReviewSession` picks its cards. A teacher's excluded cards are not
    counted: they are never studied."""
    cards = study_cards([deck])
    keys = {card.key for card in cards}
    states = {key: state for key, state in store.card_states([deck.id]).items() if key in keys}
    queue = review_queue(store, cards, states, now, new_limit, tz)
    return DeckSummary(
        cards=len(cards),
        due=len(queue.due),
        new=len(queue.new),
        unseen=len(cards) - len(states),
        last_quiz=store.last_quiz_score(deck.id),
    )
