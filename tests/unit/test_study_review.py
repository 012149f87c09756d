"""The review session: order, daily limit, intervals on the buttons, undo, "done for now", stats."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Rating
from study_decks import make_deck, markup_deck, sibling_deck, wright_deck

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
    # minutes for a card seen the first time, days for one it knew at once; the exact figures are
    # the installed fsrs release's (tests/robustness holds the scheduler's promises for any history)
    assert set(shown) == {Rating.Again, Rating.Hard, Rating.Good, Rating.Easy}
    assert shown[Rating.Again].endswith("m") and shown[Rating.Easy].endswith("d"), shown
    key = session.current.key if session.current else None
    session.rate(Rating.Easy)
    saved = store.card_states(["wright-brothers"])[key].due
    assert format_interval(saved - NOON) == shown[Rating.Easy]


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


def rate_all(session, rating=Rating.Good) -> list[str]:
    """Review every card offered now; the answers of the cards shown, in order."""
    shown = []
    while session.current is not None:
        shown.append(session.current.card.answer)
        session.reveal()
        session.rate(rating)
        if len(shown) > 50:
            raise AssertionError("review never ends")
    return shown


def test_siblings_are_buried_until_the_next_day(store, clock):
    """New cards came in deck order, so the three blanks of one sentence came back to back."""
    deck = sibling_deck()
    session = review(store, clock, decks=[deck])
    assert session.counts() == (0, 4)  # one new card per sentence today
    first = session.current
    session.reveal()
    session.rate(Rating.Good)
    assert first.card.answer == "Warsaw"
    assert session.current.card.answer == "Pierre Curie"  # not 1867 or Paris: their sentence is done
    assert session.counts() == (0, 3)
    shown = [first.card.answer, *rate_all(session)]
    assert shown == ["Warsaw", "Pierre Curie", "Chemistry", "polonium"]
    # The ten minutes of the learning step pass: the cards rated today come back, their siblings do not.
    clock.now += timedelta(minutes=10)
    assert session.refresh()
    again = rate_all(session)
    assert sorted(again) == ["Chemistry", "Pierre Curie", "Warsaw", "polonium"]
    assert session.done_text() == (
        "Done for now — next card due in 11.8h. 4 cards wait for tomorrow: each shares a sentence "
        "with a card reviewed today."
    )
    # A new session the same day (the app opened again) buries them too.
    assert review(store, clock, decks=[deck]).current is None
    # The next day the siblings come, again one per sentence.
    clock.now = NOON + timedelta(days=1)
    tomorrow = review(store, clock, decks=[deck])
    new_answers = [item.card.answer for item in tomorrow.queue().new]
    assert new_answers == ["1867", "Pierre Curie"]  # Paris and False wait for 1867; Pierre's other form
    groups = [item.card.group for item in tomorrow.queue().due + tomorrow.queue().new]
    assert len(groups) == len(set(groups)), "two cards of one sentence offered on one day"


def test_no_two_cards_of_one_sentence_come_back_to_back(store, clock):
    deck = sibling_deck()
    seen = set()
    for day in range(6):
        clock.now = NOON + timedelta(days=day)
        session = review(store, clock, decks=[deck])
        shown = []
        while session.current is not None:
            shown.append(session.current)
            session.reveal()
            session.rate(Rating.Easy)
        for index, item in enumerate(shown):  # nothing shown in a day gives away another of that day
            assert not any(item.gives_away(other) for other in shown[index + 1 :])
        seen.update(item.key for item in shown)
    assert seen == {item.key for item in session.cards}  # every card in the end


def test_undo_unburies_the_siblings(store, clock):
    session = review(store, clock, decks=[sibling_deck()])
    session.reveal()
    session.rate(Rating.Good)
    assert len(session.queue().buried) == 3
    session.undo()
    assert session.queue().buried == set()


def test_a_read_only_review_buries_siblings_too(tmp_path, clock):
    ProgressStore(tmp_path / "ro.db").close()
    with ProgressStore(tmp_path / "ro.db", clock=clock, read_only=True) as read_only:
        session = review(read_only, clock, decks=[sibling_deck()])
        session.reveal()
        session.rate(Rating.Good)
        assert session.not_saved is not None
        assert session.current.card.answer == "Pierre Curie"


def test_the_home_counts_are_what_review_offers_today(store, clock):
    """Home said 22 new while review offered 8: both now count today's cards the same way."""
    deck = sibling_deck()
    summary = deck_summary(store, deck, NOON, new_limit=3, tz=UTC)
    assert (summary.cards, summary.due, summary.new, summary.unseen) == (8, 0, 3, 8)
    session = review(store, clock, decks=[deck], new_limit=3)
    assert session.counts() == (summary.due, summary.new)
    session.reveal()
    session.rate(Rating.Again)
    summary = deck_summary(store, deck, NOON, new_limit=3, tz=UTC)
    assert (summary.due, summary.new, summary.unseen) == (0, 2, 7)
    assert session.counts() == (summary.due, summary.new)
    later = NOON + timedelta(minutes=5)
    assert deck_summary(store, deck, later, new_limit=3, tz=UTC).due == 1  # the Again card is due
    clock.now = later
    assert session.counts() == (1, 2)
    unlimited = deck_summary(store, deck, later, tz=UTC)
    assert unlimited.new == 3  # the limit allows 19 more, but one sentence each: Pierre, Chemistry, polonium


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
