"""Shared fixtures for the language-model engine's tests: an isolated home (and so an isolated
reply cache), a small article written for these tests, and a way to run `generate` in-process
against a replay server."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from llm_articles import BRIDGE

from quizgen.generate.llm.settings import LlmSettings
from quizgen.pipeline import GenerateRequest, GenerateResult, run_generate


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """QUIZGEN_HOME in the test's own folder: its cache starts empty. No API key leaks in."""
    folder = tmp_path / "quizgen-home"
    monkeypatch.setenv("QUIZGEN_HOME", str(folder))
    monkeypatch.delenv("QUIZGEN_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    return folder


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "brooklyn-bridge.md"
    path.write_text(BRIDGE, encoding="utf-8")
    return path


Generate = Callable[..., list[GenerateResult]]


@pytest.fixture
def generate(article: Path, tmp_path: Path) -> Generate:
    """``generate(url, engine="llm", output=None, **settings)``: run `quizgen generate` on the
    article in-process against the server at `url`, with quick retries."""

    def run(
        url: str, engine: str = "llm", output: Path | None = None, **settings: object
    ) -> list[GenerateResult]:
        options: dict[str, object] = {"model": "replay-model", "retries": 2, "backoff": 0.01, "timeout": 5.0}
        llm = LlmSettings.model_validate({**options, **settings, "engine": engine, "base_url": url})
        request = GenerateRequest(
            sources=[str(article)], output=output or tmp_path / "out" / "bridge.json", llm=llm
        )
        return run_generate(request, progress=False)

    return run
