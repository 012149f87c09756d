"""The study home screen: decks from paths, ./decks and the library; into a deck, a quiz, a review."""

from __future__ import annotations

from pathlib import Path

from helpers import text_of
from study_decks import markup_deck, wright_deck
from textual.widgets import DataTable

from quizgen.locations import library_dir

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
        assert "New: 7" in text_of(app, "#deck-counts")
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
