"""`quizgen generate --engine llm …` as a user runs it: a subprocess against a replay server; every
problem is one `error:` line (and a hint), exit status 2, no traceback and no deck file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from chat_replay import ReplayServer, Step, card, cards, error

from quizgen.models import load_deck

REPO = Path(__file__).resolve().parents[2]


def quizgen(
    *args: str | Path, cwd: Path, home: Path, python: list[str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QUIZGEN_HOME": str(home), "COLUMNS": "200"}
    for name in ("QUIZGEN_API_KEY", "OPENAI_API_KEY"):
        env.pop(name, None)
    command = python or [sys.executable, "-m", "quizgen"]
    return subprocess.run(
        [*command, *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def one_error(done: subprocess.CompletedProcess[str]) -> str:
    """The error line of a failed run, checked to be the only thing it said (but a hint)."""
    assert done.returncode == 2, done.stderr
    lines = done.stderr.splitlines()
    assert lines and lines[0].startswith("error: "), done.stderr
    assert all(line.startswith("hint: ") for line in lines[1:]), done.stderr
    assert "Traceback" not in done.stderr
    return lines[0]


def test_a_model_run_prints_the_cards_dropped_by_reason(article: Path, tmp_path: Path) -> None:
    steps = [
        cards(
            card("short_answer", 3, "486 metres", "How long is the main span of the Brooklyn Bridge?"),
            card("short_answer", 1, "Washington Roebling", "Who designed the Brooklyn Bridge?"),
            card(
                "short_answer",
                2,
                "1869",
                "In what year did construction of the Brooklyn Bridge begin in 1869?",
            ),
        ),
        cards(card("short_answer", 4, "1884", "In what year did the Brooklyn Bridge open to traffic?")),
    ]
    output = tmp_path / "deck.json"
    with ReplayServer(steps) as server:
        done = quizgen(
            "generate",
            article,
            "-o",
            output,
            "--engine",
            "llm",
            "--model",
            "replay-model",
            "--base-url",
            server.url,
            cwd=tmp_path,
            home=tmp_path / "home",
        )

    assert done.returncode == 0, done.stderr
    assert "Model replay-model: 2 requests, 200 tokens" in done.stdout
    assert "Model cards dropped: 3" in done.stdout
    assert "     2  answer not in the article" in done.stdout
    assert "     1  answer in question" in done.stdout
    deck = load_deck(output)
    assert [c.answer for c in deck.cards] == ["486 metres"]
    assert deck.generator.engine == "llm" and deck.generator.model == "replay-model"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--engine", "llm"], "error: --engine llm needs --model NAME"),
        (["--model", "llama3.2"], "error: --model is for the language-model engines"),
        (["--engine", "gpt"], "error: unknown engine 'gpt'"),
        (["--engine", "llm", "--model", "m", "--base-url", "localhost:11434"], "is not an http(s) URL"),
    ],
)
def test_wrong_engine_options_are_one_error_line(
    args: list[str], message: str, article: Path, tmp_path: Path
) -> None:
    done = quizgen(
        "generate", article, "-o", tmp_path / "deck.json", *args, cwd=tmp_path, home=tmp_path / "home"
    )

    assert message in one_error(done)
    assert not (tmp_path / "deck.json").exists()


def test_an_unreachable_server_is_one_error_line_and_no_deck(article: Path, tmp_path: Path) -> None:
    with ReplayServer([]) as server:
        url = server.url  # a port nothing listens on once the server is gone
    done = quizgen(
        "generate",
        article,
        "-o",
        tmp_path / "deck.json",
        "--engine",
        "llm",
        "--model",
        "m",
        "--base-url",
        url,
        cwd=tmp_path,
        home=tmp_path / "home",
    )

    assert one_error(done).startswith(f"error: cannot reach the model server at {url}")
    assert "hint: is the server running? For Ollama: `ollama serve`" in done.stderr
    assert not (tmp_path / "deck.json").exists()


@pytest.mark.parametrize(
    ("step", "message"),
    [
        (error(404, 'model "nope" not found, try pulling it first'), "error: {at} has no model 'nope'"),
        (error(403, "invalid api key"), "error: {at} needs an API key (403: invalid api key)"),
        (
            error(400, "This model's maximum context length is 2048 tokens."),
            "error: a part of the article is too long for the context of 'nope'",
        ),
    ],
)
def test_server_refusals_are_one_error_line(step: Step, message: str, article: Path, tmp_path: Path) -> None:
    with ReplayServer([step]) as server:
        done = quizgen(
            "generate",
            article,
            "-o",
            tmp_path / "deck.json",
            "--engine",
            "llm",
            "--model",
            "nope",
            "--base-url",
            server.url,
            cwd=tmp_path,
            home=tmp_path / "home",
        )

    assert one_error(done).startswith(message.format(at=f"the model server at {server.url}"))
    assert not (tmp_path / "deck.json").exists()


def test_a_batch_whose_server_vanishes_writes_no_deck_at_all(article: Path, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.md").write_text(article.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b.md").write_text(
        article.read_text(encoding="utf-8").replace("Brooklyn", "Hudson"), encoding="utf-8"
    )
    good = card("short_answer", 3, "486 metres", "How long is the main span of the Brooklyn Bridge?")
    with ReplayServer([cards(good), cards(), Step(vanish=True)]) as server:
        done = quizgen(
            "generate",
            folder,
            "-o",
            tmp_path / "decks",
            "--engine",
            "llm",
            "--model",
            "m",
            "--base-url",
            server.url,
            cwd=tmp_path,
            home=tmp_path / "home",
        )

    assert "stopped answering after 2 replies" in one_error(done)
    assert len(server.requests) == 3
    assert not (tmp_path / "decks").exists()


def test_the_model_engine_says_what_to_install_when_httpx_is_missing(article: Path, tmp_path: Path) -> None:
    # spaCy 3.8 imports httpx itself (through weasel), so an install without httpx is simulated by
    # hiding it once spaCy is loaded: quizgen's own import of it then fails
    without_httpx = [
        sys.executable,
        "-c",
        "import sys, spacy; sys.modules['httpx'] = None; from quizgen.cli import main; main(sys.argv[1:])",
    ]
    rules = quizgen(
        "generate",
        article,
        "-o",
        tmp_path / "rules.json",
        "-q",
        cwd=tmp_path,
        home=tmp_path / "h",
        python=without_httpx,
    )
    assert rules.returncode == 0, rules.stderr
    assert json.loads((tmp_path / "rules.json").read_text(encoding="utf-8"))["generator"]["engine"] == "rules"

    model = quizgen(
        "generate",
        article,
        "-o",
        tmp_path / "llm.json",
        "--engine",
        "llm",
        "--model",
        "m",
        cwd=tmp_path,
        home=tmp_path / "h",
        python=without_httpx,
    )
    assert (
        one_error(model) == "error: the language-model engine needs the httpx package, which is not installed"
    )
    assert "hint: pip install 'quizgen[llm]'" in model.stderr
    assert not (tmp_path / "llm.json").exists()


def test_importing_the_model_engine_loads_neither_httpx_nor_spacy(tmp_path: Path) -> None:
    probe = (
        "import sys, quizgen.pipeline, quizgen.generate.llm.engine, quizgen.generate.llm.client\n"
        "print(' '.join(m for m in ('httpx', 'spacy', 'textual') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=REPO,
        env={**os.environ, "QUIZGEN_HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []
