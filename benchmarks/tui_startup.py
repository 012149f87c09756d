"""How long `quizgen quiz` takes to put the first question on screen, for 100 and 10,000 cards.

Three measurements per deck size:
- load: `load_deck` of the deck file (JSON parsing and validation), median of 3;
- headless: a fresh process that loads the deck, builds the app with `make_app` and runs it
  headless until the quiz screen shows the first question (wall time from process start to then);
- terminal: the real command in tmux (80×24), from start until the question is on the screen
  (polled every 10 ms; skipped without tmux).

Prints the numbers and the 10,000 / 100 ratios; no thresholds (benchmarks print, tests assert).
Run: .venv/bin/python benchmarks/tui_startup.py
"""

from __future__ import annotations

import asyncio
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from quizgen.models import Card, CardSource, Deck, Generator, SourceInfo, Span, load_deck, stable_id

SIZES = (100, 10_000)
FIRST_QUESTION = "Question 1 of the benchmark deck"


def benchmark_deck(size: int) -> Deck:
    """A deck of `size` cards of all four kinds (the first card's question is known)."""
    cards = []
    for n in range(size):
        kind = ("short_answer", "multiple_choice", "true_false", "cloze")[n % 4]
        context = f"Fact number {n} says that the river Alpha{n} flows into the lake Beta{n}."
        answer = f"Beta{n}"
        question = FIRST_QUESTION if n == 0 else f"Where does the river Alpha{n} flow?"
        extra: dict[str, object] = {}
        if kind == "multiple_choice":
            extra["choices"] = [answer, f"Gamma{n}", f"Delta{n}", f"Epsilon{n}"]
        elif kind == "true_false":
            question, answer = f"True or false: the river Alpha{n} flows into the lake Beta{n}.", "True"
        elif kind == "cloze":
            question = context.replace(f"Beta{n}", "_____")
            extra["cloze"] = context.replace(f"Beta{n}", "{{c1::" + f"Beta{n}" + "}}")
        start = context.find(answer)
        cards.append(
            Card(
                id=stable_id("bench", str(n)),
                kind=kind,  # type: ignore[arg-type]
                question=question,
                answer=answer,
                context=context,
                highlight=Span(start=start, end=start + len(answer)) if start >= 0 else None,
                source=CardSource(source_id="bench", sentence=n, start=0, end=len(context)),
                fact_id=stable_id("fact", str(n)),
                difficulty=0.5,
                score=1.0,
                **extra,  # type: ignore[arg-type]
            )
        )
    source = SourceInfo(id="bench", name="bench.md", title="Benchmark", sha256="0" * 64, words=size * 14)
    return Deck(
        id=f"bench-{size}",
        title=f"Benchmark ({size} cards)",
        generator=Generator(version="0", engine="bench", model="none"),
        sources=[source],
        cards=cards,
    )


def time_load(path: Path) -> float:
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        load_deck(path)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


async def _headless_first_question(path: Path) -> None:
    """The child process: what `quizgen quiz` does, run headless until the first question shows."""
    from textual.widgets import Static

    from quizgen.study.options import StudyOptions
    from quizgen.tui.app import make_app

    app = make_app("quiz", [load_deck(path)], StudyOptions(shuffle=False))
    async with app.run_test(size=(80, 24)) as pilot:
        while True:
            screen = app.screen
            if screen.id == "quiz" and FIRST_QUESTION in str(
                screen.query_one("#quiz-question", Static).content
            ):
                break
            await pilot.pause(0.005)
        print("READY", flush=True)


def time_headless(path: Path, env: dict[str, str]) -> float:
    """Seconds from starting the child process until it reports the first question (not its exit)."""
    start = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, __file__, "--child", str(path)], env=env, stdout=subprocess.PIPE, text=True
    ) as child:
        assert child.stdout is not None
        line = child.stdout.readline()
        elapsed = time.perf_counter() - start
        child.wait()
    assert line.strip() == "READY", line
    return elapsed


def time_terminal(path: Path, env: dict[str, str]) -> float | None:
    if shutil.which("tmux") is None:
        return None
    quizgen = Path(sys.executable).with_name("quizgen")
    socket = path.with_suffix(".sock")  # inside the temporary folder, removed with it
    command = f"unset COLUMNS LINES; {shlex.quote(str(quizgen))} quiz --no-shuffle {shlex.quote(str(path))}"
    tmux = ["tmux", "-S", str(socket)]
    start = time.perf_counter()
    subprocess.run(
        [*tmux, "new-session", "-d", "-x", "80", "-y", "24", "-e", f"QUIZGEN_HOME={env['QUIZGEN_HOME']}",
         "sh", "-c", command + "; sleep 10"],
        check=True,
    )  # fmt: skip
    try:
        while time.perf_counter() - start < 60:
            screen = subprocess.run([*tmux, "capture-pane", "-p"], capture_output=True, text=True).stdout
            if FIRST_QUESTION in screen:
                return time.perf_counter() - start
            time.sleep(0.01)
        return None
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        env = {**os.environ, "QUIZGEN_HOME": str(tmp / "home")}
        results: dict[int, dict[str, float | None]] = {}
        for size in SIZES:
            path = tmp / f"bench-{size}.json"
            benchmark_deck(size).save(path)
            time_headless(path, env)  # warm the file cache and the byte-code
            results[size] = {
                "file MB": path.stat().st_size / 1e6,
                "load": time_load(path),
                "headless": statistics.median(time_headless(path, env) for _ in range(3)),
                "terminal": time_terminal(path, env),
            }
        print(f"{'cards':>7} {'file MB':>8} {'load_deck s':>12} {'headless s':>11} {'terminal s':>11}")
        for size, row in results.items():
            terminal = row["terminal"]
            print(
                f"{size:>7} {row['file MB']:>8.2f} {row['load']:>12.3f} {row['headless']:>11.3f} "
                f"{'n/a' if terminal is None else f'{terminal:.3f}':>11}"
            )
        small, large = results[SIZES[0]], results[SIZES[-1]]
        for key in ("load", "headless", "terminal"):
            low, high = small[key], large[key]
            if low and high:
                print(f"ratio {SIZES[-1]}/{SIZES[0]} {key}: {high / low:.1f}×")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        asyncio.run(_headless_first_question(Path(sys.argv[2])))
    else:
        main()
