"""What the learner asked for on the command line, handed from the CLI to the app."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from quizgen.study.review import DEFAULT_NEW_LIMIT


@dataclass(frozen=True)
class StudyOptions:
    """Options shared by the quiz, review and study commands."""

    count: int | None = None
    """Ask at most this many cards in a quiz (None: all)."""
    kinds: tuple[str, ...] | None = None
    """Quiz only these card kinds (None: every kind)."""
    shuffle: bool = True
    """Shuffle the quiz's questions and each question's choices (a retry round is always reshuffled)."""
    seed: int | None = None
    """Seed for the shuffle, to repeat a quiz in the same order."""
    new_limit: int = DEFAULT_NEW_LIMIT
    """New cards introduced per day in review."""
    fuzz: bool = True
    """Let FSRS spread long intervals by a day or two (off in tests for exact intervals)."""
    paths: tuple[Path, ...] = field(default_factory=tuple)
    """Extra deck files or folders for the study home screen."""
    include_default_paths: bool = True
    """Also list ./decks and the user library on the home screen."""
