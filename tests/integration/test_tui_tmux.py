"""The study app in a real terminal (tmux): what a new user sees, typed key by key.

Skipped when tmux is not installed, except under CI (``CI=true``), where that fails (see tmux_terminal.py).
"""

from __future__ import annotations


def test_a_quiz_answered_and_quit_with_q(terminal):
    terminal.start(["quiz", "decks/wright-brothers.json", "--no-shuffle"])
    terminal.wait_for(
        "Question 1 · Short answer",
        "In what year did the Wright brothers first fly a powered aircraft?",
        "Card 1/8",
    )
    terminal.keys("1903", "Enter")
    terminal.wait_for("✓ Right.", "Source: The Wright brothers made the first powered flight in 1903")
    terminal.keys("Enter")
    terminal.wait_for("Who piloted the first powered flight?")
    terminal.keys("1")
    terminal.wait_for("✗ Wrong.")
    terminal.keys("q")
    terminal.wait_for("Score 1 / 2 · 50%", "Answer: Orville Wright")
    terminal.keys("q")
    terminal.wait_for("EXITED-0")


def test_review_twice_the_card_rated_good_does_not_come_first(terminal):
    terminal.start(["review", "decks/wright-brothers.json"])
    terminal.wait_for("New card", "In what year did the Wright brothers first fly", "0 due · 8 new")
    terminal.keys("Space")
    terminal.wait_for("3 Good · 10m")
    terminal.keys("3")
    terminal.wait_for("1 reviewed")
    terminal.keys("q")
    terminal.wait_for("EXITED-0")

    terminal.start(["review", "decks/wright-brothers.json"])
    again = terminal.wait_for("New card", "Who piloted the first powered flight?", "0 due · 7 new")
    assert "In what year did the Wright brothers first fly" not in again
    terminal.keys("C-c")  # Ctrl-C quits too
    terminal.wait_for("EXITED-0")
    assert (terminal.home / "progress.db").exists()


def test_a_tiny_window_asks_for_more_room_and_recovers(terminal):
    terminal.start(
        ["quiz", "decks/wright-brothers.json", "--kinds", "mc", "--no-shuffle"], width=40, height=12
    )
    terminal.wait_for("Please enlarge the window")
    terminal.tmux("resize-window", "-t", terminal.session, "-x", "80", "-y", "24")
    terminal.wait_for("Who piloted the first powered flight?")
    terminal.keys("q")
    terminal.wait_for("EXITED-0")
