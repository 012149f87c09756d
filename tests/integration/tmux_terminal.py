"""A real terminal for tests: one tmux window running quizgen, read with capture-pane.

Shared by the tmux tests of the study app and of the pick screen. Each test runs its own tmux
server (its own socket). Without tmux the tests skip, except under CI (``CI=true``), which must
install it: there a missing tmux fails the run instead of quietly skipping what it checks.
"""

from __future__ import annotations

import os
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


def require_tmux() -> None:
    """Skip the test without tmux (fail it under CI, where tmux must be installed)."""
    if shutil.which("tmux") is not None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("tmux is not installed, and CI must run the real-terminal tests (install tmux)")
    pytest.skip("tmux is not installed")


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
    """A tmux terminal in a fresh folder holding decks/wright-brothers.json (its own server)."""
    require_tmux()
    term = Terminal(tmp_path / "tmux.sock", tmp_path / "home", tmp_path)
    wright_deck().save(tmp_path / "decks" / "wright-brothers.json")
    yield term
    subprocess.run(["tmux", "-S", str(term.socket), "kill-server"], capture_output=True)
