"""The scheduler's promises, for any history of ratings, whatever release of `fsrs` is installed
(the declared range allows more than one): a harder rating never brings a card back later than an
easier one, and the interval a button shows is the interval its rating gives, as saved.

Hypothesis draws the histories: up to eight ratings, each after a pause of up to sixty days.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fsrs import Rating
from hypothesis import given, settings
from hypothesis import strategies as st
from study_decks import wright_deck

from quizgen.study.review import ReviewSession
from quizgen.study.scheduling import RATINGS, format_interval, make_scheduler, new_fsrs_card, preview
from quizgen.study.store import ProgressStore

START = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
HISTORY = st.lists(
    st.tuples(st.sampled_from(RATINGS), st.integers(min_value=0, max_value=60 * 24 * 60)), max_size=8
)


@settings(max_examples=60, deadline=None)
@given(history=HISTORY, pause=st.integers(min_value=0, max_value=60 * 24 * 60))
def test_a_harder_rating_never_brings_a_card_back_later(
    history: list[tuple[Rating, int]], pause: int
) -> None:
    scheduler = make_scheduler(fuzz=False)
    now = START
    card = new_fsrs_card(("deck", "card"), now)
    for rating, minutes in history:
        now += timedelta(minutes=minutes)
        card, _ = scheduler.review_card(card, rating, review_datetime=now)
    now += timedelta(minutes=pause)
    due = [preview(scheduler, card, now)[rating][0].due for rating in RATINGS]
    assert all(when >= now for when in due)
    assert due == sorted(due), [d - now for d in due]  # Again ≤ Hard ≤ Good ≤ Easy
    assert due[0] < due[-1]


@settings(max_examples=25, deadline=None)
@given(ratings=st.lists(st.sampled_from(RATINGS), min_size=1, max_size=6), hours=st.integers(0, 24 * 40))
def test_the_interval_a_button_shows_is_the_one_its_rating_saves(ratings: list[Rating], hours: int) -> None:
    class Clock:
        now = START

        def __call__(self) -> datetime:
            return self.now

    clock = Clock()
    with tempfile.TemporaryDirectory() as folder:
        store = ProgressStore(Path(folder) / "progress.db", clock=clock)
        try:
            session = ReviewSession(
                store, [wright_deck()], clock=clock, new_limit=50, scheduler=make_scheduler(False), tz=UTC
            )
            for rating in ratings:
                if session.current is None:
                    break
                session.reveal()
                shown = session.intervals()
                key = session.current.key
                session.rate(rating)
                saved = store.card_states([key[0]])[key]
                assert shown[rating] == format_interval(saved.due - clock.now)
                clock.now += timedelta(hours=hours)
                session.refresh()
        finally:
            store.close()
