"""Where quizgen keeps user data: progress, settings, the deck library, and its cache.

``QUIZGEN_HOME`` overrides the platform defaults (every test sets it to a temporary folder).
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


def cache_home() -> Path:
    """Where quizgen keeps what it can compute again (the language-model engine's replies):
    ``$QUIZGEN_HOME/cache`` when ``QUIZGEN_HOME`` is set, else the platform's user cache path."""
    override = os.environ.get("QUIZGEN_HOME")
    if override:
        return Path(override).expanduser() / "cache"
    from platformdirs import user_cache_path

    return user_cache_path("quizgen", appauthor=False)


def progress_db_path() -> Path:
    """The SQLite file that holds review state, review logs and quiz results."""
    return quizgen_home() / "progress.db"


def library_dir() -> Path:
    """Decks the user keeps in their library (listed by the study home screen)."""
    return quizgen_home() / "decks"


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write a file so that readers see either the old or the new content, never half of one.

    The file keeps the permissions of the file it replaces (a new one gets the usual ones, not the
    owner-only ones of a temporary file)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _mode_for(path: Path) -> int:
    """The permission bits a file written at `path` gets: those of the file there, else 0666 less
    the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write_text(path: Path, text: str) -> None:
    """`atomic_write_bytes` for UTF-8 text."""
    atomic_write_bytes(path, text.encode("utf-8"))


def allowed(path: Path, mode: int) -> bool:
    """Whether this process may use `path` in `mode`, judged as the kernel will judge the open: by
    the effective user and group (`os.access` alone asks for the real ones)."""
    return os.access(path, mode, effective_ids=os.access in os.supports_effective_ids)
