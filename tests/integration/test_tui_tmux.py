"""The study app in a real terminal (tmux): what a new user sees, typed key by key.

Skipped when tmux is not installed (CI installs it). Each test runs its own tmux server.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))

from study_decks import wright_deck

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def quizgen_command() -> list[str]:
    script = Path(sys.executable).with_name("quizgen")
    return [str(script)] if script.exists() else [sys.executable, "-m", "quizgen"]


class Terminal:
    """One tmux window running one command, read with capture-pane."""

    def __init__(self, socket: Path, home: Path, cwd: Path) -> None:
        self.socket = socket
        self.home = home
        self.cwd = cwd
        self.runs = 0

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-S", str(self.socket), *args], capture_output=True, text=True, check=True
        )
        return result.stdout

    def start(self, args: list[str], width: int = 80, height: int = 24) -> None:
        command = " ".join(shlex.quote(part) for part in [*quizgen_command(), *args])
        # pytest exports COLUMNS/LINES, which would override the real window size: drop them.
        shell = f"unset COLUMNS LINES; cd {shlex.quote(str(self.cwd))} && {command}; echo EXITED-$?; sleep 30"
        if self.runs:
            self.tmux("kill-session", "-t", self.session)
        self.runs += 1
        self.tmux(
            "new-session", "-d", "-s", self.session, "-x", str(width), "-y", str(height),
            "-e", f"QUIZGEN_HOME={self.home}", "-e", "TERM=xterm-256color", "sh", "-c", shell,
        )  # fmt: skip

    @property
    def session(self) -> str:
        return f"run{self.runs}"

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.session)

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", self.session, key)
            time.sleep(0.15)  # like a person: each key is handled before the next arrives

    def wait_for(self, *texts: str, timeout: float = 15.0) -> str:
        """The screen, once every one of `texts` is on it (the app draws in several passes)."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if all(text in screen for text in texts):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{texts!r} never all appeared; the screen shows:\n{screen}")
            time.sleep(0.1)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    term = Terminal(tmp_path / "tmux.sock", tmp_path / "home", tmp_path)
    wright_deck().save(tmp_path / "decks" / "wright-brothers.json")
    yield term
    subprocess.run(["tmux", "-S", str(term.socket), "kill-server"], capture_output=True)


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
