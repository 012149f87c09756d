"""The progress store: FSRS scheduling through it, persistence, undo, and damaged files."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating, State
from study_decks import wright_deck

from quizgen.errors import StudyError
from quizgen.study.review import ReviewSession
from quizgen.study.scheduling import make_scheduler, new_fsrs_card
from quizgen.study.store import SCHEMA_VERSION, ProgressStore

NOON = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
KEY = ("wright-brothers", "card-1")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    monkeypatch.setenv("QUIZGEN_HOME", str(tmp_path / "home"))


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "home" / "progress.db"


def rate_once(store: ProgressStore, rating: Rating = Rating.Good, at: datetime = NOON) -> int:
    """Rate KEY from the state the store holds (a rating is saved only over the state it came from)."""
    before = store.card_state(KEY)
    after, _ = make_scheduler(fuzz=False).review_card(
        before or new_fsrs_card(KEY, at), rating, review_datetime=at
    )
    return store.record_rating(KEY, rating, before, after, at)


def test_a_rating_is_saved_with_its_log_row_and_survives_reopening(db):
    with ProgressStore(db) as store:
        rate_once(store)
    with ProgressStore(db) as store:
        state = store.card_states(["wright-brothers"])[KEY]
        assert state.state is State.Learning
        assert state.due == NOON + timedelta(minutes=10)
        [logged] = store.reviews(["wright-brothers"], NOON - timedelta(days=1))
        assert (logged.rating, logged.was_new, logged.reviewed_at) == (Rating.Good, True, NOON)


def test_the_file_uses_wal_and_records_its_schema_version(db):
    ProgressStore(db).close()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(
        SCHEMA_VERSION
    )


def test_a_rating_survives_the_process_being_killed(db):
    """Like a closed terminal: the process dies right after rating, without closing anything."""
    script = textwrap.dedent(
        f"""
        import sys, time
        from datetime import datetime, UTC
        from pathlib import Path
        from fsrs import Rating
        from quizgen.study.scheduling import make_scheduler, new_fsrs_card
        from quizgen.study.store import SCHEMA_VERSION, ProgressStore
        now = datetime.now(UTC)
        store = ProgressStore(Path({str(db)!r}))
        card = new_fsrs_card({KEY!r}, now)
        after, _ = make_scheduler().review_card(card, Rating.Easy, review_datetime=now)
        store.record_rating({KEY!r}, Rating.Easy, None, after, now)
        print("rated", flush=True)
        time.sleep(60)
        """
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "rated"
    finally:
        child.kill()
        child.wait()
    with ProgressStore(db) as store:
        assert store.card_states(["wright-brothers"])[KEY].state is State.Review


def test_undo_restores_the_state_before_the_rating(db):
    store = ProgressStore(db)
    scheduler = make_scheduler(fuzz=False)
    first, _ = scheduler.review_card(new_fsrs_card(KEY, NOON), Rating.Good, review_datetime=NOON)
    first_id = store.record_rating(KEY, Rating.Good, None, first, NOON)
    later = NOON + timedelta(minutes=10)
    second, _ = scheduler.review_card(first, Rating.Good, review_datetime=later)
    second_id = store.record_rating(KEY, Rating.Good, first, second, later)
    assert store.card_states(["wright-brothers"])[KEY].state is State.Review
    restored = store.undo_rating(second_id)
    assert restored is not None and restored.to_dict() == first.to_dict()
    assert store.card_states(["wright-brothers"])[KEY].to_dict() == first.to_dict()
    assert store.undo_rating(first_id) is None  # the card is new again
    assert store.card_states(["wright-brothers"]) == {}
    assert store.reviews(["wright-brothers"], NOON - timedelta(days=1)) == []
    with pytest.raises(StudyError, match="no longer in the review log"):
        store.undo_rating(first_id)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda path: path.write_bytes(os.urandom(4096)), id="random-bytes"),
        pytest.param(lambda path: path.write_bytes(path.read_bytes()[:1500]), id="truncated"),
        pytest.param(lambda path: path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200), id="bad-header"),
    ],
)
def test_a_damaged_file_is_moved_aside_and_replaced_with_a_notice(db, damage):
    with ProgressStore(db) as store:
        for n in range(40):
            rate_once(store, at=NOON + timedelta(minutes=n))
    damage(db)
    store = ProgressStore(db, clock=lambda: NOON)
    assert store.notice is not None
    assert "damaged" in store.notice and "progress.db.corrupt-20250301-120000" in store.notice
    backups = list(db.parent.glob("progress.db.corrupt-*"))
    assert db.parent / "progress.db.corrupt-20250301-120000" in backups
    rate_once(store)  # the fresh store works
    assert KEY in store.card_states(["wright-brothers"])
    store.close()
    assert ProgressStore(db).notice is None  # and is healthy next time


def test_a_store_from_a_newer_quizgen_is_refused_not_replaced(db):
    ProgressStore(db).close()
    conn = sqlite3.connect(db)
    conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(StudyError, match="newer quizgen"):
        ProgressStore(db)
    assert not list(db.parent.glob("*.corrupt-*"))


def test_a_folder_in_place_of_the_file_is_a_clear_error(db):
    db.mkdir(parents=True)
    with pytest.raises(StudyError, match="is a folder"):
        ProgressStore(db)


def test_scheduling_through_the_store_brings_cards_back_when_due(db):
    clock_now = [NOON]
    store = ProgressStore(db)
    session = ReviewSession(
        store, [wright_deck()], clock=lambda: clock_now[0], scheduler=make_scheduler(False)
    )
    first = session.current
    assert first is not None
    session.reveal()
    session.rate(Rating.Good)
    store.close()

    # A new session, a minute later: the card rated Good (due in 10 minutes) does not come first.
    clock_now[0] = NOON + timedelta(minutes=1)
    store = ProgressStore(db)
    later = ReviewSession(store, [wright_deck()], clock=lambda: clock_now[0], scheduler=make_scheduler(False))
    assert later.current is not None and later.current.key != first.key
    assert later.is_new

    # Eleven minutes after the rating it is due again, and due cards come before new ones.
    clock_now[0] = NOON + timedelta(minutes=11)
    again = ReviewSession(store, [wright_deck()], clock=lambda: clock_now[0], scheduler=make_scheduler(False))
    assert again.current is not None and again.current.key == first.key
    assert not again.is_new
