"""Where quizgen keeps user data: progress, settings, the deck library.

``QUIZGEN_HOME`` overrides the platform default (every test sets it to a temporary folder).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def quizgen_home() -> Path:
    """The user data folder: ``$QUIZGEN_HOME`` or the platform's user data path."""
    override = os.environ.get("QUIZGEN_HOME")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path("quizgen", appauthor=False)


def progress_db_path() -> Path:
    """The SQLite file that holds review state, review logs and quiz results."""
    return quizgen_home() / "progress.db"


def library_dir() -> Path:
    """Decks the user keeps in their library (listed by the study home screen)."""
    return quizgen_home() / "decks"


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write a file so that readers see either the old or the new content, never half of one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def atomic_write_text(path: Path, text: str) -> None:
    """`atomic_write_bytes` for UTF-8 text."""
    atomic_write_bytes(path, text.encode("utf-8"))
