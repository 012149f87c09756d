"""The repository holds what its layout names at the top level, and nothing else (no stray files)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LAYOUT = {
    "pyproject.toml",
    "README.md",
    "Makefile",
    ".gitignore",
    ".ci",
    "quizgen",
    "decks",
    "tests",
    "sample_articles",
    "benchmarks",
}


def test_the_top_level_holds_only_the_layout() -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    untracked = subprocess.run(
        ["git", "ls-files", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    top = {line.split("/", 1)[0] for line in tracked + untracked if line}
    assert top <= LAYOUT, sorted(top - LAYOUT)
