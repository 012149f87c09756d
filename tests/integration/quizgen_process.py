"""The quizgen command as a user runs it: a separate process, its output read back as text."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path


def quizgen(
    *args: str | Path, cwd: Path, env: Mapping[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run `python -m quizgen ARGS` in `cwd` (with `env` when given) and capture its output."""
    return subprocess.run(
        [sys.executable, "-m", "quizgen", *map(str, args)],
        cwd=cwd,
        env=dict(env) if env is not None else None,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )
