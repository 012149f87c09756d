"""Fixtures for the study app tests: a private QUIZGEN_HOME, a fixed clock, and an app factory."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest

# The hand-written test decks live beside the unit tests; share them rather than copy them.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))

from quizgen.models import Deck
from quizgen.study.options import StudyOptions
from quizgen.study.store import ProgressStore
from quizgen.tui.app import Mode, QuizgenApp, make_app

NOON = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = NOON

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """QUIZGEN_HOME in a temporary folder, and a working directory without ./decks."""
    folder = tmp_path / "home"
    monkeypatch.setenv("QUIZGEN_HOME", str(folder))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return folder


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(home: Path, clock: Clock) -> Iterator[ProgressStore]:
    with ProgressStore(home / "progress.db", clock=clock) as opened:
        yield opened


AppFactory = Callable[..., QuizgenApp]


@pytest.fixture
def build_app(store: ProgressStore, clock: Clock) -> AppFactory:
    """`build_app("quiz", [deck], kinds=("cloze",))`: a deterministic app (no shuffle, no fuzz, UTC days)."""

    def build(mode: Mode, decks: Sequence[Deck] = (), **options: object) -> QuizgenApp:
        settings = {"shuffle": False, "fuzz": False, "include_default_paths": True, **options}
        return make_app(mode, decks, StudyOptions(**settings), store=store, clock=clock, tz=UTC)  # type: ignore[arg-type]

    return build
