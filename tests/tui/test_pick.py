"""The teacher's pick screen driven with the keyboard: include/exclude, edit, filter, save, export, quit."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import text_of
from study_decks import wright_deck
from textual.widgets import OptionList, Static

from quizgen.models import Deck, load_deck
from quizgen.pick.edits import CardEdit, edit_card, set_excluded
from quizgen.pick.session import PickSession
from quizgen.tui.app import QuizgenApp, make_app

SIZE = (100, 30)

PickApp = Callable[..., QuizgenApp]


@pytest.fixture
def deck_file(tmp_path: Path) -> Path:
    path = tmp_path / "wright.json"
    wright_deck().save(path)
    return path


@pytest.fixture
def pick_app(deck_file: Path) -> PickApp:
    """``pick_app()``: the app of ``quizgen pick wright.json`` (or of other deck files)."""

    def build(*paths: Path) -> QuizgenApp:
        return make_app("pick", pick=PickSession.open(list(paths or (deck_file,))))

    return build


def notices(app: QuizgenApp, severity: str) -> list[str]:
    return [n.message for n in app._notifications if n.severity == severity]


def static_text(app: QuizgenApp, selector: str) -> str:
    """The whole text of a Static, however it wraps on screen."""
    return str(app.screen.query_one(selector, Static).content)


def listed(app: QuizgenApp) -> OptionList:
    return app.screen.query_one("#pick-cards", OptionList)


async def test_space_excludes_and_includes_the_highlighted_card(pick_app: PickApp) -> None:
    app = pick_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.id == "pick"
        assert text_of(app, "#pick-status") == "8 cards · 8 included · 0 excluded · 0 edited"
        shown = text_of(app, "#pick-cards")
        assert "✓ In what year did the Wright brothers first fly a powered aircraft?" in shown
        assert "Source: The Wright brothers made the first powered flight in 1903" in shown

        await pilot.press("down", "space")

        session = app.screen.session
        assert session.card(session.keys[1]).excluded
        assert text_of(app, "#pick-status").startswith("8 cards · 7 included · 1 excluded · 0 edited")
        assert "● unsaved" in text_of(app, "#pick-status")
        assert "✗ Who piloted the first powered flight?" in text_of(app, "#pick-cards")
        await pilot.press("space")
        assert not session.card(session.keys[1]).excluded
        assert "unsaved" not in text_of(app, "#pick-status")
        await pilot.press("question_mark")
        keys = text_of(app, "#help-keys")
        assert "In/out" in keys and "Edit" in keys and "Export" in keys


async def test_a_deck_without_cards_says_so(pick_app: PickApp, tmp_path: Path) -> None:
    empty = tmp_path / "empty.json"
    wright_deck().model_copy(update={"cards": []}).save(empty)
    app = pick_app(empty)
    async with app.run_test(size=SIZE) as pilot:
        assert text_of(app, "#pick-empty") == "These decks have no cards."
        await pilot.press("space", "e", "s")  # nothing to act on: no error, no crash
        assert app.screen.id == "pick" and notices(app, "error") == []


async def test_e_edits_question_and_answer_in_place(pick_app: PickApp) -> None:
    app = pick_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        assert app.screen.id == "pick-edit"
        await pilot.press("ctrl+u", *"When did they first fly?", "tab", *"in 1903", "enter")

        assert app.screen.id == "pick"
        card = app.screen.session.card(app.screen.session.keys[0])
        assert (card.question, card.answer) == ("When did they first fly?", "in 1903")
        assert card.edited
        shown = text_of(app, "#pick-cards")
        assert "When did they first fly?" in shown and "→ in 1903" in shown and "edited" in shown
        assert "was: question “In what year did the Wright brothers first fly a powered aircraft?”" in shown
        assert "1 edited" in text_of(app, "#pick-status")

        await pilot.press("r")  # the engine's wording back
        card = app.screen.session.card(app.screen.session.keys[0])
        assert card.answer == "1903" and not card.edited


async def test_e_edits_the_choices_of_a_multiple_choice_card(pick_app: PickApp) -> None:
    app = pick_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "e")
        assert "Edit card · Multiple choice" in text_of(app, "#edit-title")
        # question → answer → wrong choices 1, 2, 3: replace the second wrong choice
        await pilot.press("tab", "tab", "tab", *"Katharine Wright", "enter")

        card = app.screen.session.card(app.screen.session.keys[1])
        assert card.choices == ["Wilbur Wright", "Orville Wright", "Katharine Wright", "Samuel Langley"]
        assert card.answer == "Orville Wright"
        assert "not: Wilbur Wright · Katharine Wright · Samuel Langley" in text_of(app, "#pick-cards")


async def test_a_bad_edit_is_shown_in_the_form_and_changes_nothing(pick_app: PickApp) -> None:
    app = pick_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "e", "tab", "tab")  # the first wrong choice
        await pilot.press(*"Orville Wright", "enter")

        assert app.screen.id == "pick-edit"  # still open, to fix it
        assert text_of(app, "#edit-error") == "Not saved: wrong choice 1 is the answer (“Orville Wright”)"
        await pilot.press("tab", "ctrl+u", "enter")  # now the second wrong choice is empty
        assert text_of(app, "#edit-error") == "Not saved: wrong choice 1 is the answer (“Orville Wright”)"
        await pilot.press("escape")
        assert app.screen.id == "pick"
        assert app.screen.session.counts().unsaved == 0
        assert app.screen.session.card(app.screen.session.keys[1]) == wright_deck().cards[1]


async def test_slash_filters_and_escape_clears(pick_app: PickApp) -> None:
    app = pick_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"dayton")

        assert listed(app).option_count == 2
        assert "“dayton”: 2 shown" in text_of(app, "#pick-status")
        await pilot.press("enter")  # keep the filter, back to the list
        assert app.focused is listed(app)
        await pilot.press("down", "space")  # exclude the second match: the Dayton multiple choice
        session = app.screen.session
        assert [session.card(key).excluded for key in session.keys] == [False] * 5 + [True] + [False] * 2
        await pilot.press("escape")
        assert listed(app).option_count == 8
        assert "shown" not in text_of(app, "#pick-status")
        await pilot.press("slash", *"zeppelin")
        assert "No card matches “zeppelin”" in text_of(app, "#pick-empty")
        await pilot.press("escape")
        assert app.screen.id == "pick" and listed(app).option_count == 8


async def test_s_saves_the_picks_to_the_deck_file(pick_app: PickApp, deck_file: Path) -> None:
    app = pick_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "down", "e", "tab", *"Orville", "enter", "s")

        assert "Saved wright.json." in notices(app, "information")
        assert "unsaved" not in text_of(app, "#pick-status")
    deck = load_deck(deck_file)
    assert deck.cards[0].excluded
    assert deck.cards[1].answer == "Orville" and deck.cards[1].edited
    assert deck.cards[1].choices == ["Wilbur Wright", "Orville", "Octave Chanute", "Samuel Langley"]


async def test_saving_a_read_only_deck_file_is_an_error_message(pick_app: PickApp, deck_file: Path) -> None:
    app = pick_app()
    before = deck_file.read_bytes()
    os.chmod(deck_file, 0o444)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "s")

        [error] = notices(app, "error")
        assert error.startswith(f"cannot save {deck_file}: the file is read-only")
        assert "● unsaved" in text_of(app, "#pick-status")  # nothing lost
    assert deck_file.read_bytes() == before


async def test_x_exports_the_picked_cards(pick_app: PickApp, tmp_path: Path) -> None:
    app = pick_app()
    output = tmp_path / "handout.md"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "x")
        assert app.screen.id == "pick-export"
        assert text_of(app, "#export-path") == "wright-brothers.gift"
        await pilot.press("end")  # markdown, the last format
        assert text_of(app, "#export-path") == "wright-brothers.md"
        await pilot.press("tab", "ctrl+u", *str(tmp_path), "enter")  # a folder: an error, shown
        assert app.screen.id == "pick-export"
        assert static_text(app, "#export-error") == f"Not exported: {tmp_path} is a folder"
        await pilot.press("ctrl+u", *str(output), "enter")

        assert app.screen.id == "pick"
        assert any(
            message.startswith(f"wrote {output}: 7 questions") for message in notices(app, "information")
        )
    text = output.read_text(encoding="utf-8")
    assert "Who piloted the first powered flight?" in text
    assert "In what year did the Wright brothers first fly" not in text


async def test_quitting_with_unsaved_changes_asks_first(pick_app: PickApp, deck_file: Path) -> None:
    app = pick_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "q")
        assert app.screen.id == "pick-quit"
        assert "1 card changed and not saved." in text_of(app, "#quit-title")
        await pilot.press("escape")
        assert app.screen.id == "pick"
        await pilot.press("ctrl+c")  # Ctrl+C asks too
        assert app.screen.id == "pick-quit"
        await pilot.press("s")
    assert app.return_code == 0
    assert load_deck(deck_file).cards[0].excluded


async def test_quit_without_saving_leaves_the_file_alone(pick_app: PickApp, deck_file: Path) -> None:
    before = deck_file.read_bytes()
    app = pick_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "q", "d")
    assert deck_file.read_bytes() == before


async def test_several_deck_files_show_which_deck_a_card_is_from(pick_app: PickApp, tmp_path: Path) -> None:
    other = tmp_path / "flyer.json"
    wright_deck().model_copy(update={"id": "flyer", "title": "The Flyer"}).save(other)
    app = pick_app(tmp_path / "wright.json", other)
    async with app.run_test(size=SIZE):
        assert text_of(app, "#pick-status").startswith("16 cards")
        assert "Short answer · The Wright brothers" in text_of(app, "#pick-cards")
        assert app.screen.sub_title == "The Wright brothers + The Flyer"


async def test_the_quiz_skips_excluded_cards_and_asks_the_edited_text(build_app) -> None:
    deck = wright_deck()
    cards = [set_excluded(card, True) for card in deck.cards[1:]]
    first = edit_card(deck.cards[0], CardEdit("When did they first fly?", "1903"))
    picked: Deck = deck.model_copy(update={"cards": [first, *cards]})
    app = build_app("quiz", [picked])
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.session.total == 1
        assert text_of(app, "#quiz-question") == "When did they first fly?"
        await pilot.press(*"1903", "enter")
        assert text_of(app, "#verdict").startswith("✓")
