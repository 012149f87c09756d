"""The review session: order, daily limit, intervals on the buttons, undo, "done for now", stats."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Rating
from study_decks import make_deck, markup_deck, wright_deck

from quizgen.errors import StudyError
from quizgen.study.library import deck_summary, discover_decks
from quizgen.study.review import ReviewSession
from quizgen.study.scheduling import format_interval, make_scheduler
from quizgen.study.stats import study_stats
from quizgen.study.store import ProgressStore

NOON = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    monkeypatch.setenv("QUIZGEN_HOME", str(tmp_path / "home"))


class Clock:
    def __init__(self) -> None:
        self.now = NOON

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path, clock):
    with ProgressStore(tmp_path / "progress.db", clock=clock) as opened:
        yield opened


def review(store, clock, decks=None, new_limit=20) -> ReviewSession:
    return ReviewSession(
        store,
        decks or [wright_deck()],
        clock=clock,
        new_limit=new_limit,
        scheduler=make_scheduler(False),
        tz=UTC,
    )


def test_the_buttons_show_the_intervals_each_rating_gives(store, clock):
    session = review(store, clock)
    assert session.intervals() == {}  # nothing before the answer is shown
    session.reveal()
    shown = session.intervals()
    assert shown == {Rating.Again: "1m", Rating.Hard: "6m", Rating.Good: "10m", Rating.Easy: "8d"}
    key = session.current.key if session.current else None
    session.rate(Rating.Easy)
    assert store.card_states(["wright-brothers"])[key].due == NOON + timedelta(days=8)


def test_rating_before_revealing_is_refused(store, clock):
    with pytest.raises(StudyError, match="show the answer"):
        review(store, clock).rate(Rating.Good)


def test_new_cards_stop_at_the_daily_limit(store, clock):
    session = review(store, clock, new_limit=3)
    assert session.counts() == (0, 3)
    for _ in range(3):
        session.reveal()
        session.rate(Rating.Good)
    assert session.current is None
    assert session.done_text() == "Done for now — next card due in 10m."
    # The limit is per day: the next day brings three more (and the learnt cards are due).
    clock.now = NOON + timedelta(days=1)
    tomorrow = review(store, clock, new_limit=3)
    assert tomorrow.counts() == (3, 3)
    assert tomorrow.current is not None and not tomorrow.is_new


def test_again_brings_a_card_back_in_the_same_session_once_due(store, clock):
    session = review(store, clock, decks=[make_deck(wright_deck().cards[:1])])
    session.reveal()
    session.rate(Rating.Again)
    assert session.current is None
    assert session.done_text() == "Done for now — next card due in 1m."
    clock.now += timedelta(minutes=1)
    assert session.refresh()
    assert session.current is not None and not session.is_new


def test_undo_shows_the_card_again_and_forgets_the_rating(store, clock):
    session = review(store, clock)
    first = session.current
    session.reveal()
    session.rate(Rating.Good)
    assert session.current != first and session.reviewed == 1
    assert session.undo() == first
    assert session.current == first and not session.revealed and session.is_new
    assert session.reviewed == 0 and not session.can_undo
    assert store.card_states(["wright-brothers"]) == {}
    with pytest.raises(StudyError, match="nothing to undo"):
        session.undo()


def test_when_everything_is_learnt_and_nothing_due(store, clock):
    session = review(store, clock, decks=[make_deck(wright_deck().cards[:2])])
    for _ in range(2):
        session.reveal()
        session.rate(Rating.Easy)
    assert session.done_text() == "Done for now — next card due in 8d."
    empty = make_deck([])
    with pytest.raises(StudyError, match="no cards to review"):
        review(store, clock, decks=[empty])


def test_progress_is_kept_per_deck_and_card_id(store, clock):
    """Two decks may share card ids; a regenerated deck (same ids) keeps its progress."""
    session = review(store, clock, decks=[wright_deck(), markup_deck()])
    assert session.deck_ids == ["rich-markup", "wright-brothers"]
    session.reveal()
    session.rate(Rating.Easy)
    regenerated = wright_deck()  # built again: same ids
    assert deck_summary(store, regenerated, NOON).new == len(regenerated.cards) - 1
    assert deck_summary(store, markup_deck(), NOON).new == 2


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (timedelta(seconds=30), "<1m"),
        (timedelta(minutes=10), "10m"),
        (timedelta(hours=3), "3h"),
        (timedelta(hours=1, minutes=30), "1.5h"),
        (timedelta(days=4), "4d"),
        (timedelta(days=36), "1.2mo"),
        (timedelta(days=730), "2y"),
    ],
)
def test_intervals_print_like_anki(delta, text):
    assert format_interval(delta) == text


def test_stats_count_reviews_per_day_the_forecast_and_retention(store, clock):
    decks = [wright_deck()]
    clock.now = NOON - timedelta(days=3)
    session = review(store, clock, decks=decks)
    for rating in (Rating.Easy, Rating.Easy, Rating.Again):
        session.reveal()
        session.rate(rating)
    stats = study_stats(store, decks, NOON, tz=UTC, scheduler=make_scheduler(False))
    assert [day.reviews for day in stats.activity][-4:] == [3, 0, 0, 0]
    assert stats.activity[-4].accuracy == pytest.approx(2 / 3)
    assert stats.started == 3 and stats.cards == 8
    assert stats.forecast[0][1] == 1  # the card rated Again is overdue, counted today
    assert sum(count for _, count in stats.forecast) == 3  # the Easy ones are due in 5 days
    assert stats.predicted_retention is not None and 0.5 < stats.predicted_retention <= 1
    assert stats.observed_retention is None  # no review of an already-learnt card yet


def test_discover_decks_lists_good_and_broken_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "decks").mkdir()
    wright_deck().save(tmp_path / "decks" / "wright.json")
    (tmp_path / "decks" / "broken.json").write_text("{", encoding="utf-8")
    extra = tmp_path / "elsewhere.json"
    markup_deck().save(extra)
    entries = discover_decks([extra, tmp_path / "missing"])
    by_name = {entry.path.name: entry for entry in entries}
    assert by_name["elsewhere.json"].deck is not None
    assert by_name["wright.json"].deck is not None
    assert "not valid JSON" in (by_name["broken.json"].error or "")
    assert "no such file or folder" in (by_name["missing"].error or "")


def test_the_study_core_never_imports_textual():
    modules = [
        "abbreviations",
        "cards",
        "clock",
        "grading",
        "library",
        "options",
        "progress_file",
        "quantities",
        "review",
        "scheduling",
        "session",
        "stats",
        "store",
        "writer_lock",
    ]
    code = (
        "import sys, json\n"
        + "".join(f"import quizgen.study.{name}\n" for name in modules)
        + "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'textual')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == []
