"""Robustness tests: an isolated user-data folder, and the hand-written study decks of tests/unit."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))


@pytest.fixture(autouse=True)
def _isolated_quizgen_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZGEN_HOME", str(tmp_path / "quizgen-home"))
