"""Interruptions a user causes: Ctrl-C in the middle of a batch, a learner's session killed outright.

Both run the real thing in a separate process and stop it with a real signal: a batch stopped by
Ctrl-C leaves no deck file at all or only whole ones (never a half-written or temporary file) and
exits 130; a study process killed with SIGKILL between or during ratings loses no rating it had
saved, and the progress file opens afterwards as a healthy file, not a damaged one.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quizgen.models import load_deck
from quizgen.study.store import ProgressStore

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted(p for p in (ROOT / "sample_articles").iterdir() if p.suffix in (".txt", ".md"))
COPIES = 6  # enough articles that generating them takes several seconds after the model loads


def _batch(folder: Path) -> Path:
    folder.mkdir()
    for n in range(COPIES):
        for sample in SAMPLES:
            (folder / f"{sample.stem}-{n}{sample.suffix}").write_bytes(sample.read_bytes())
    return folder


def _wait_for(predicate, timeout: float) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("after", [1.0, 4.0, 7.0])
def test_ctrl_c_during_a_batch_leaves_only_whole_decks_and_exits_130(tmp_path: Path, after: float) -> None:
    """Ctrl-C while the model loads, while articles are generated, and later: whenever it comes,
    what is in the output folder is whole decks or nothing."""
    articles = _batch(tmp_path / "articles")
    out = tmp_path / "decks"
    process = subprocess.Popen(
        [sys.executable, "-m", "quizgen", "generate", str(articles), "-o", str(out), "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(after)
    finished = process.poll() is not None
    if not finished:
        process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    if finished:
        pytest.fail(f"the batch finished in under {after} s: make it longer so that Ctrl-C lands in it")
    if process.returncode == 0:
        # Ctrl-C landed after the last deck was written: every deck is there, whole
        assert len(list(out.glob("*.json"))) == COPIES * len(SAMPLES)
    else:
        assert process.returncode == 130, stderr
        assert stderr.strip().splitlines()[-1] == "interrupted", stderr
        assert "Traceback" not in stderr
    written = sorted(out.iterdir()) if out.exists() else []
    for path in written:
        assert path.suffix == ".json", f"a stray file was left behind: {path.name}"
        assert load_deck(path).cards, path.name  # whole and valid


RATER = """
import itertools, sys
from datetime import datetime, timezone
from pathlib import Path
from fsrs import Rating
from quizgen.study.scheduling import make_scheduler, new_fsrs_card
from quizgen.study.store import ProgressStore

store = ProgressStore(Path(sys.argv[1]))
scheduler = make_scheduler(fuzz=False)
now = datetime(2026, 1, 1, tzinfo=timezone.utc)
for n in itertools.count(1):
    key = ("deck", f"card-{n % 40}")
    before = store.card_state(key)
    after, _ = scheduler.review_card(before or new_fsrs_card(key, now), Rating.Good, now)
    store.record_rating(key, Rating.Good, before, after, now)
    print(n, flush=True)
"""


@pytest.mark.parametrize("ratings", [1, 60, 250])
def test_a_study_process_killed_mid_rating_loses_no_saved_rating(tmp_path: Path, ratings: int) -> None:
    path = tmp_path / "progress.db"
    process = subprocess.Popen(
        [sys.executable, "-c", RATER, str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    saved = 0
    while saved < ratings:
        line = process.stdout.readline()
        if not line:
            pytest.fail(f"the rating process stopped: {process.stderr.read() if process.stderr else ''}")
        saved = int(line)
    os.kill(process.pid, signal.SIGKILL)  # in the middle of the next rating, or between two
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    # the process went on rating while its lines waited in the pipe: the last line it wrote is the
    # last rating it reported saved
    saved = max([saved, *(int(line) for line in process.stdout.read().split())])

    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        logged = conn.execute("SELECT COUNT(*) FROM review_log").fetchone()[0]
        orphans = conn.execute(
            "SELECT COUNT(*) FROM card_state WHERE log_id NOT IN (SELECT id FROM review_log)"
        ).fetchone()[0]
    # every rating reported saved is there; at most the one under way when the process died is extra
    assert saved <= logged <= saved + 1
    assert orphans == 0

    with ProgressStore(path, lock_wait=5) as store:  # the dead process's lock does not keep it out
        assert store.notice is None  # a healthy file, not set aside as damaged
        assert not store.read_only
        states = store.card_states(["deck"])
    assert len(states) == min(logged, 40)
    assert json.dumps(sorted(k for _, k in states))  # the states read back
