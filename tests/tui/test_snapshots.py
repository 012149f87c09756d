"""Screenshots of the main screens at fixed sizes (one at 80×24, the size the app must fit).

Deterministic by construction: a fixed clock, hand-written decks, no shuffle, no interval fuzz.
Update with `pytest tests/tui/test_snapshots.py --snapshot-update` after a deliberate change.
"""

from __future__ import annotations

from pathlib import Path

from study_decks import kind_deck, sibling_deck, wright_deck

from quizgen.pick.edits import CardEdit, edit_card, set_excluded
from quizgen.pick.session import PickSession
from quizgen.tui.app import make_app


def test_quiz_question_at_80x24(snap_compare, build_app):
    app = build_app("quiz", [wright_deck()], kinds=("multiple_choice",))
    assert snap_compare(app, terminal_size=(80, 24))


def test_quiz_feedback_close_enough(snap_compare, build_app):
    app = build_app("quiz", [kind_deck("short_answer")])
    assert snap_compare(
        app, press=[*"1903", "enter", "enter", *"Kity Hawk", "enter"], terminal_size=(100, 30)
    )


def test_quiz_summary_with_missed_cards(snap_compare, build_app):
    app = build_app("quiz", [wright_deck()], kinds=("true_false", "multiple_choice"))
    assert snap_compare(app, press=["1", "enter", "t", "enter", "3", "enter", "q"], terminal_size=(80, 24))


def test_review_answer_with_intervals(snap_compare, build_app):
    app = build_app("review", [wright_deck()])
    assert snap_compare(app, press=["space", "3", "space"], terminal_size=(100, 30))


def test_review_answer_at_60x16(snap_compare, build_app):
    app = build_app("review", [wright_deck()])
    assert snap_compare(app, press=["space"], terminal_size=(60, 16))


def test_quiz_false_statement_put_right(snap_compare, build_app):
    deck = sibling_deck()
    app = build_app("quiz", [deck.model_copy(update={"cards": [deck.cards[3]]})])
    assert snap_compare(app, press=["t"], terminal_size=(80, 24))


def test_quiz_leave_asks_at_60x16(snap_compare, build_app):
    app = build_app("quiz", [kind_deck("short_answer")])
    assert snap_compare(app, press=[*"1903", "enter", "enter", *"Kit", "escape"], terminal_size=(60, 16))


def test_home_screen_at_60x16(snap_compare, build_app):
    Path("decks").mkdir()
    wright_deck().save(Path("decks") / "wright.json")
    sibling_deck().save(Path("decks") / "curie.json")
    assert snap_compare(build_app("study", new_limit=3), terminal_size=(60, 16))


def test_home_screen(snap_compare, build_app):
    Path("decks").mkdir()
    wright_deck().save(Path("decks") / "wright.json")
    kind_deck("cloze").model_copy(update={"id": "flyer", "title": "The Wright Flyer"}).save(
        Path("decks") / "flyer.json"
    )
    assert snap_compare(build_app("study"), terminal_size=(100, 30))


def test_pick_screen_at_80x24(snap_compare, tmp_path):
    deck = wright_deck()
    cards = list(deck.cards)
    cards[0] = set_excluded(cards[0], True)
    wording = CardEdit.of(cards[1])
    cards[1] = edit_card(
        cards[1], CardEdit(wording.question, "Orville", ("Wilbur", "Octave Chanute", "Katharine"))
    )
    deck.model_copy(update={"cards": cards}).save(tmp_path / "wright.json")
    app = make_app("pick", pick=PickSession.open([tmp_path / "wright.json"]))
    assert snap_compare(app, press=["down", "down", "space", "up"], terminal_size=(80, 24))
