"""The study app in a real terminal (tmux): what a new user sees, typed key by key.

Skipped when tmux is not installed, except under CI (``CI=true``), where that fails (see tmux_terminal.py).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Rating
from study_decks import sibling_deck

from quizgen.study.store import ProgressStore


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


# ---------------------------------------- quiz, review and study at the two sizes the app must fit

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((60, 16), id="60x16")]


def choice_number(screen: str, text: str) -> str:
    """The number a multiple-choice option is shown with (`` 2  Orville Wright``)."""
    found = re.search(rf"(\d)\s+{re.escape(text)}\b", screen)
    assert found, f"{text!r} is not among the choices shown:\n{screen}"
    return found.group(1)


@pytest.mark.parametrize("size", SIZES)
def test_quiz_esc_asks_the_retry_moves_and_last_quiz_is_the_quiz(terminal, size):
    width, height = size
    terminal.start(["quiz", "decks/wright-brothers.json", "--no-shuffle"], width=width, height=height)
    terminal.wait_for("Question 1 · Short answer", "Card 1/8")
    terminal.keys("19", "Escape")  # Esc on a half-typed answer asks; n keeps the typing
    terminal.wait_for("End the quiz?", "(“19”)", "n / Esc  keep going")
    terminal.keys("n")
    terminal.wait_for("Question 1 · Short answer")
    terminal.keys("03", "Enter")
    terminal.wait_for("✓ Right.", "1/1 right · 100%")  # the whole score, at 60 columns too
    terminal.keys("Enter")
    terminal.wait_for("Who piloted the first powered flight?")
    assert choice_number(terminal.screen(), "Orville Wright") == "2"
    terminal.keys("1")
    terminal.wait_for("✗ Wrong.")
    terminal.keys("Escape")
    terminal.wait_for("End the quiz?", "You have answered 2 of 8 cards (saved).")
    terminal.keys("y")
    terminal.wait_for("Score 1 / 2 · 50%", "press r to retry")
    terminal.keys("r")
    retry = terminal.wait_for("Retry · card 1/1", "Who piloted the first powered flight?")
    number = choice_number(retry, "Orville Wright")
    assert number != "2"  # the answer moved
    terminal.keys(number)
    terminal.wait_for("✓ Right.")
    terminal.keys("Enter")
    terminal.wait_for("Retry round · Score 1 / 1 · 100%")
    terminal.keys("q")
    terminal.wait_for("EXITED-0")

    terminal.start(["study"], width=width, height=height)
    home = terminal.wait_for("Your decks", "The Wright brothers", "Last quiz")
    assert re.search(r"The Wright brothers\s+8\s+0\s+8\s+50%", home), home  # the quiz's, not 100%
    terminal.keys("q")
    terminal.wait_for("EXITED-0")


@pytest.mark.parametrize("size", SIZES)
def test_a_false_statement_is_put_right(terminal, size):
    width, height = size
    terminal.start(
        ["quiz", "decks/wright-brothers.json", "--kinds", "tf", "--no-shuffle"], width=width, height=height
    )
    terminal.wait_for("The Wright brothers ran a bicycle shop")
    terminal.keys("t", "Enter", "t")
    terminal.wait_for("✗ Wrong. The statement is false.", "The article says: Wilbur Wright (not Orville)")
    terminal.keys("Enter")
    terminal.wait_for("Score 1 / 2 · 50%", "The article says: Wilbur Wright (not Orville)")
    terminal.keys("q")
    terminal.wait_for("EXITED-0")


@pytest.mark.parametrize("size", SIZES)
def test_review_space_rates_good_and_siblings_wait(terminal, size):
    width, height = size
    sibling_deck().save(terminal.cwd / "decks" / "marie-curie.json")
    terminal.start(["review", "decks/marie-curie.json"], width=width, height=height)
    terminal.wait_for("New card · Fill in the blank", "born in _____ in 1867", "0 due · 4 new")
    terminal.keys("Space")
    good = "3 Good · 10m" if width >= 80 else "3 Good 10m"
    screen = terminal.wait_for(good, "1 Again", "4 Easy", "space Good")
    assert "Easy ·\n" not in screen and "Again ·\n" not in screen  # no label wraps
    terminal.keys("Space")  # Good
    terminal.wait_for("1 reviewed", "Who shared the 1903 Nobel Prize")  # not the blank's siblings
    terminal.keys("Enter", "Enter")  # Enter does the same
    terminal.wait_for("2 reviewed", "0 due · 2 new")
    terminal.keys("q")
    terminal.wait_for("EXITED-0")
    with ProgressStore(terminal.home / "progress.db") as store:
        reviews = store.reviews(["marie-curie"], datetime.now(UTC) - timedelta(hours=1))
    assert [review.rating for review in reviews] == [Rating.Good, Rating.Good]


@pytest.mark.parametrize("size", SIZES)
def test_study_home_counts_today_and_on_return(terminal, size):
    width, height = size
    sibling_deck().save(terminal.cwd / "decks" / "marie-curie.json")
    terminal.start(["study"], width=width, height=height)
    home = terminal.wait_for("Deck", "Cards", "Due", "New", "Last quiz", "Marie Curie", "The Wright brothers")
    assert re.search(r"Marie Curie\s+8\s+0\s+4\s+–", home), home  # one new card per sentence today
    assert re.search(r"The Wright brothers\s+8\s+0\s+8\s+–", home), home
    terminal.keys("Enter")
    terminal.wait_for("New today: 4 (of 8 never studied)")
    terminal.keys("r")
    terminal.wait_for("0 due · 4 new")
    terminal.keys("Space", "Space")
    terminal.wait_for("1 reviewed")
    terminal.keys("Escape")
    terminal.wait_for("New today: 3 (of 7 never studied)")
    terminal.keys("Escape")
    home = terminal.wait_for("Your decks")
    assert re.search(r"Marie Curie\s+8\s+0\s+3\s+–", home), home
    terminal.keys("q")
    terminal.wait_for("EXITED-0")
