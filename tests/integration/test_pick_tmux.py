"""`quizgen pick` in a real terminal (tmux): keys typed one by one, the deck file read back.

Skipped when tmux is not installed, except under CI (``CI=true``), where that fails (see
tmux_terminal.py).
"""

from __future__ import annotations

import os

from tmux_terminal import Terminal

from quizgen.models import load_deck


def test_exclude_a_card_save_and_quit(terminal: Terminal) -> None:
    deck_file = terminal.cwd / "decks" / "wright-brothers.json"
    terminal.start(["pick", "decks/wright-brothers.json"], width=80, height=24)
    terminal.wait_for(
        "8 cards · 8 included · 0 excluded · 0 edited",
        "✓ In what year did the Wright brothers first fly a powered aircraft?",
        "Source: The Wright brothers made the first powered flight in 1903",
        "space In/out",
    )
    terminal.keys("Down", "Space")
    screen = terminal.wait_for(
        "7 included · 1 excluded", "● unsaved", "✗ Who piloted the first powered flight?"
    )
    assert "✓ In what year did the Wright brothers" in screen
    terminal.keys("s")
    terminal.wait_for("Saved wright-brothers.json.")
    terminal.keys("q")
    terminal.wait_for("EXITED-0")

    deck = load_deck(deck_file)
    assert [card.excluded for card in deck.cards] == [False, True] + [False] * 6
    assert deck.cards[1].teacher is not None and not deck.cards[1].edited
    assert len(deck.included_cards()) == 7


def test_quit_with_unsaved_changes_asks_and_a_read_only_file_is_reported(terminal: Terminal) -> None:
    deck_file = terminal.cwd / "decks" / "wright-brothers.json"
    before = deck_file.read_bytes()
    os.chmod(deck_file, 0o444)
    terminal.start(["pick", "decks/wright-brothers.json"], width=100, height=30)
    terminal.wait_for("8 cards · 8 included")
    terminal.keys("Space", "q")
    terminal.wait_for("1 card changed and not saved.", "s  save and quit")
    terminal.keys("s")  # the file is read-only: said so, and the app stays open with the change
    terminal.wait_for("Not saved", "read-only", "● unsaved")
    terminal.keys("q")
    terminal.wait_for("1 card changed and not saved.")
    terminal.keys("d")
    terminal.wait_for("EXITED-0")
    assert deck_file.read_bytes() == before


def test_a_missing_deck_file_is_a_one_line_error(terminal: Terminal) -> None:
    terminal.start(["pick", "decks/nowhere.json"])
    screen = terminal.wait_for("EXITED-2")
    assert "error: no such deck file or folder: decks/nowhere.json" in screen
    assert "Traceback" not in screen
