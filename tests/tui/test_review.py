"""Review with the keyboard: reveal, rate (the buttons show intervals), undo, done-for-now, stats."""

from __future__ import annotations

from datetime import timedelta

from helpers import text_of
from study_decks import kind_deck, make_deck, wright_deck
from textual.widgets import Button

from quizgen.study.store import ProgressStore

SIZE = (100, 30)


async def test_a_full_review_session_with_ratings_and_undo(build_app, store, clock):
    deck = make_deck(wright_deck().cards[:3])
    app = build_app("review", [deck])
    async with app.run_test(size=SIZE) as pilot:
        session = app.screen.session
        assert app.screen.id == "review"
        assert text_of(app, "#status-text") == "0 due · 3 new · 0 reviewed"
        assert not app.screen.query_one("#review-ratings").display
        first = session.current
        await pilot.press("3")  # rating before the answer is shown does nothing
        assert session.reviewed == 0
        await pilot.press("space")
        assert session.revealed
        assert text_of(app, "#review-answer") == "Answer: 1903"
        labels = [str(app.screen.query_one(f"#rate-{n}", Button).label) for n in range(1, 5)]
        assert labels == ["1 Again · 1m", "2 Hard · 6m", "3 Good · 10m", "4 Easy · 8d"]
        await pilot.press("3")
        assert session.reviewed == 1 and session.current != first
        await pilot.press("u")
        assert session.current == first and session.reviewed == 0 and not session.revealed
        assert store.card_states([deck.id]) == {}
        await pilot.press("enter", "4", "space", "1", "space", "3")
        assert session.current is None
        assert text_of(app, "#review-done").startswith("Done for now — next card due in 1m.")
        # A minute later the card rated Again is due and comes back by itself.
        clock.now += timedelta(minutes=1)
        app.screen._poll_due()
        await pilot.pause()
        assert session.current is not None and not session.is_new
        assert text_of(app, "#review-kind") == "Review · Multiple choice"
    states = store.card_states([deck.id])
    assert len(states) == 3


async def test_ratings_are_on_disk_as_soon_as_they_are_given(build_app, home):
    app = build_app("review", [kind_deck("cloze")])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "4")
        with ProgressStore(home / "progress.db") as other:  # another connection, app still running
            assert len(other.card_states(["wright-brothers"])) == 1


async def test_the_stats_screen(build_app, clock):
    app = build_app("review", [wright_deck()])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "4", "space", "1", "s")
        assert app.screen.id == "stats"
        assert app.screen.stats.activity[-1].reviews == 2
        assert "today     2 reviews  50% right" in text_of(app, "#stats-activity")
        assert "today" in text_of(app, "#stats-forecast")
        assert "2 of 8 cards started" in text_of(app, "#stats-retention")
        await pilot.press("escape")
        assert app.screen.id == "review"


async def test_a_damaged_progress_file_is_reported_not_fatal(home, clock):
    from quizgen.tui.app import make_app

    home.mkdir(parents=True, exist_ok=True)
    (home / "progress.db").write_bytes(b"this is not a database" * 100)
    app = make_app("review", [wright_deck()], clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        notices = [n for n in app._notifications if n.severity == "warning"]
        assert notices and "moved to progress.db.corrupt-" in notices[0].message
        await pilot.press("space", "3")
        assert app.screen.session.reviewed == 1
    assert list(home.glob("progress.db.corrupt-*"))
