"""The study home screen: decks from paths, ./decks and the library; into a deck, a quiz, a review."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from helpers import text_of
from study_decks import markup_deck, sibling_deck, wright_deck
from textual.widgets import DataTable

from quizgen.locations import library_dir
from quizgen.tui.screens import home

SIZE = (100, 30)


def lay_out_decks(tmp_path: Path) -> Path:
    """A deck in ./decks, one in the library, one given on the command line, and a broken file."""
    Path("decks").mkdir()
    wright_deck().save(Path("decks") / "wright.json")
    (Path("decks") / "broken.json").write_text("[]", encoding="utf-8")
    library_dir().mkdir(parents=True)
    markup_deck().save(library_dir() / "markup.json")
    given = tmp_path / "given.json"
    wright_deck().model_copy(update={"id": "given-deck", "title": "Given deck"}).save(given)
    return given


async def test_home_lists_decks_and_opens_one(build_app, tmp_path):
    given = lay_out_decks(tmp_path)
    app = build_app("study", paths=(given,))
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.id == "home"
        table = app.screen.query_one(DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert rows[0] == ["Given deck", "8", "0", "8", "–"]
        assert rows[1][0].startswith("⚠ broken.json")
        assert rows[2] == ["The Wright brothers", "8", "0", "8", "–"]
        assert rows[3] == ["Rich [markup] tags", "2", "0", "2", "–"]
        await pilot.press("down", "enter")  # the broken file: an error notice, no crash
        assert app.screen.id == "home"
        assert any(n.severity == "error" for n in app._notifications)
        await pilot.press("down", "enter")
        assert app.screen.id == "deck"
        assert "8 cards" in text_of(app, "#deck-counts")
        await pilot.press("enter")  # quiz
        assert app.screen.id == "quiz"
        await pilot.press(*"1903", "enter", "q")
        assert app.screen.id == "summary"
        await pilot.press("escape")
        assert app.screen.id == "deck"
        assert "Last quiz: 1/1 (100%)" in text_of(app, "#deck-counts")
        await pilot.press("r")
        assert app.screen.id == "review"
        await pilot.press("space", "3", "escape")
        assert app.screen.id == "deck"
        assert "New today: 7 (of 7 never studied)" in text_of(app, "#deck-counts")
        await pilot.press("s")
        assert app.screen.id == "stats"
        await pilot.press("escape", "escape")
        assert app.screen.id == "home"
        assert [str(c) for c in table.get_row_at(2)] == ["The Wright brothers", "8", "0", "7", "100%"]
        await pilot.press("question_mark")
        assert "Open deck" in text_of(app, "#help-keys")


async def test_home_without_decks_says_how_to_make_one(build_app):
    app = build_app("study")
    async with app.run_test(size=SIZE):
        assert "No decks found" in text_of(app, "#home-empty")


async def test_an_impossible_quiz_is_an_error_notice(build_app, tmp_path):
    deck_file = tmp_path / "markup.json"
    markup_deck().save(deck_file)
    app = build_app("study", paths=(deck_file,), include_default_paths=False, kinds=("true_false",))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter")
        assert app.screen.id == "deck"
        [notice] = [n for n in app._notifications if n.severity == "error"]
        assert "no true or false cards" in notice.message


def rows_of(app) -> list[list[str]]:
    table = app.screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_home_counts_are_today_s_and_stay_fresh(build_app, tmp_path, clock, monkeypatch):
    """Home said 22 new while review offered 8, and its Due went stale while it stayed open."""
    monkeypatch.setattr(home, "COUNTS_REFRESH_SECONDS", 0.2)
    deck_file = tmp_path / "curie.json"
    sibling_deck().save(deck_file)
    app = build_app("study", paths=(deck_file,), include_default_paths=False, new_limit=3)
    async with app.run_test(size=SIZE) as pilot:
        assert rows_of(app) == [["Marie Curie", "8", "0", "3", "–"]]  # 3 a day, not 8 unseen
        await pilot.press("enter")
        assert "Due now: 0   New today: 3 (of 8 never studied)" in text_of(app, "#deck-counts")
        await pilot.press("r")
        assert app.screen.session.counts() == (0, 3)
        await pilot.press("space", "1")  # Again: due in a minute; its three siblings wait for tomorrow
        await pilot.press("escape", "escape")
        assert app.screen.id == "home"
        assert rows_of(app) == [["Marie Curie", "8", "0", "2", "–"]]  # on return
        clock.now += timedelta(minutes=2)
        await pilot.pause(0.5)  # Home stays open: the card rated Again falls due and Due says so
        assert rows_of(app) == [["Marie Curie", "8", "1", "2", "–"]]


async def test_home_at_60x16_keeps_every_column(build_app, tmp_path):
    given = lay_out_decks(tmp_path)
    app = build_app("study", paths=(given,))
    async with app.run_test(size=(60, 16)) as pilot:
        await pilot.pause()
        table = text_of(app, "#home-decks")
        header = table.splitlines()[0].split()
        assert header == ["Deck", "Cards", "Due", "New", "Last", "quiz"]
        assert "Given deck" in table and "8    0    8" in table
        assert "The Wright brothers" in table
        assert "⚠ broken.json" in table
        assert max(len(line) for line in table.splitlines()) <= 56
        await pilot.resize_terminal(100, 30)  # wider again: the deck column grows back
        await pilot.pause()
        assert app.screen.query_one(DataTable).columns["deck"].width == home.DECK_COLUMN_WIDTH
