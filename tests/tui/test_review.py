"""Review with the keyboard: reveal, rate (the buttons show intervals), undo, done-for-now, stats;
and a progress file that cannot be saved (read-only, or held by another copy of the app)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import timedelta

from fsrs import Rating
from helpers import text_of
from study_decks import kind_deck, make_deck, sibling_deck, wright_deck
from textual.widgets import Button

from quizgen.study.options import StudyOptions
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


async def test_a_read_only_progress_file_is_announced_and_review_goes_on(home, clock):
    from quizgen.tui.app import make_app

    ProgressStore(home / "progress.db").close()
    before = (home / "progress.db").read_bytes()
    with ProgressStore(home / "progress.db", clock=clock, read_only=True) as store:
        app = make_app("review", [kind_deck("cloze")], store=store, clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            [warning] = [n for n in app._notifications if n.severity == "warning"]
            assert warning.title == "Progress is not being saved"
            assert "was opened read-only" in warning.message
            assert text_of(app, "#status-text").endswith("· not saved")
            await pilot.press("space", "3")  # rating cannot be saved: no crash, the review goes on
            assert app.screen.session.reviewed == 1
            assert not [n for n in app._notifications if n.severity == "error"]
            await pilot.press("u")
            assert app.screen.session.reviewed == 0
            await pilot.press("s", "escape")  # another screen of the same store: told once only
            assert len([n for n in app._notifications if n.severity == "warning"]) == 1
    assert (home / "progress.db").read_bytes() == before


async def test_a_quiz_on_a_read_only_progress_file_says_so(home, clock):
    from quizgen.tui.app import make_app

    ProgressStore(home / "progress.db").close()
    with ProgressStore(home / "progress.db", clock=clock, read_only=True) as store:
        options = StudyOptions(shuffle=False)
        app = make_app("quiz", [kind_deck("short_answer")], options, store=store, clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(*"1903", "enter")
            assert text_of(app, "#verdict").startswith("✓ Right.")
            assert text_of(app, "#status-text").endswith("1/1 right · 100% · not saved")
            assert [n.title for n in app._notifications] == ["Progress is not being saved"]


async def test_undo_refused_when_another_window_rated_since(build_app, store, home):
    app = build_app("review", [kind_deck("cloze")])
    async with app.run_test(size=SIZE) as pilot:
        session = app.screen.session
        key = session.current.key
        await pilot.press("space", "1")
        # Another window rates it (here a direct write, as a copy of quizgen without the lock could).
        conn = sqlite3.connect(home / "progress.db")
        conn.execute(
            "INSERT INTO review_log (deck_id, card_id, rating, reviewed_at) VALUES (?, ?, 3, 0)", key
        )
        conn.commit()
        conn.close()
        await pilot.press("u")
        [error] = [n for n in app._notifications if n.severity == "error"]
        assert "cannot be undone" in error.message
        assert session.reviewed == 1 and not session.can_undo


async def test_a_second_copy_of_the_app_opens_progress_read_only_and_says_why(home, clock):
    """A real second process holds the progress file, as a first quizgen window would."""
    from quizgen.tui.app import make_app

    home.mkdir(parents=True)
    script = (
        "from quizgen.study.store import ProgressStore\n"
        f"store = ProgressStore(__import__('pathlib').Path({str(home / 'progress.db')!r}))\n"
        "print('ready', flush=True)\n"
        "__import__('time').sleep(60)\n"
    )
    first = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert first.stdout is not None and first.stdout.readline().strip() == "ready"
        app = make_app("review", [kind_deck("cloze")], clock=clock)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            [warning] = [n for n in app._notifications if n.severity == "warning"]
            assert f"another quizgen (process {first.pid}) is using it" in warning.message
            await pilot.press("space", "3")
            assert app.screen.session.reviewed == 1
            assert text_of(app, "#status-text").endswith("· not saved")
    finally:
        first.kill()
        first.wait()


async def test_space_or_enter_after_the_answer_rates_good(build_app, store):
    """Space/Enter did nothing once the answer showed (Anki users expect Good)."""
    app = build_app("review", [make_deck(wright_deck().cards[:3])])
    async with app.run_test(size=SIZE) as pilot:
        session = app.screen.session
        await pilot.press("space")
        assert session.revealed and session.reviewed == 0
        await pilot.press("space")
        assert session.reviewed == 1 and not session.revealed
        await pilot.press("enter", "enter")
        assert session.reviewed == 2
        await pilot.press("question_mark")
        assert "3 / space / ⏎  Good" in text_of(app, "#help-keys")
        assert "Space or Enter rates Good" in text_of(app, "#help-notes")
    ratings = [review.rating for review in store.reviews(["wright-brothers"], session.clock() - timedelta(1))]
    assert ratings == [Rating.Good, Rating.Good]


async def test_the_next_card_is_never_a_sibling_of_the_last(build_app):
    """New cards came in deck order: the three blanks of one sentence came back to back."""
    app = build_app("review", [sibling_deck()])
    async with app.run_test(size=SIZE) as pilot:
        assert text_of(app, "#status-text") == "0 due · 4 new · 0 reviewed"
        assert text_of(app, "#review-front").startswith("Marie Curie was born in _____ in 1867")
        await pilot.press("space", "3")
        assert text_of(app, "#review-front") == (
            "Who shared the 1903 Nobel Prize in Physics with Marie Curie and Henri Becquerel?"
        )
        await pilot.press("space", "3", "space", "3", "space", "3")
        assert app.screen.session.current is None
        assert "4 cards wait for tomorrow" in text_of(app, "#review-done")


async def test_a_false_statement_is_put_right_on_the_back(build_app):
    deck = sibling_deck()
    app = build_app("review", [make_deck([deck.cards[3]], deck_id=deck.id)])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        assert text_of(app, "#review-answer") == "Answer: False"
        assert " ".join(text_of(app, "#review-source").split()) == (
            "The article says: Marie Curie was born in Warsaw (not Krakow) in 1867 and moved to Paris "
            "in 1891."
        )


async def test_at_60x16_the_ratings_fit_on_one_line_each(build_app):
    app = build_app("review", [wright_deck()])
    async with app.run_test(size=(60, 16)) as pilot:
        await pilot.press("space")
        assert text_of(app, "#status-text") == "0 due · 8 new · 0 reviewed"
        buttons = [app.screen.query_one(f"#rate-{n}", Button) for n in range(1, 5)]
        labels = ["1 Again 1m", "2 Hard 6m", "3 Good 10m", "4 Easy 8d"]
        assert [str(button.label) for button in buttons] == labels
        for button in buttons:
            assert button.region.right <= 60 and button.region.bottom <= 15
            drawn = [line.text.strip() for line in button.render_lines(button.region.reset_offset)]
            assert drawn[1:-1] == [str(button.label)]  # between its borders, on one line, whole
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert str(buttons[2].label) == "3 Good · 10m"
