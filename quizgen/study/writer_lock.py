"""One writer per progress file: an advisory lock on a file beside it, held while the store is open.

Two copies of the app writing one progress file would overwrite each other's ratings, so the first
to open it holds ``progress.db.lock`` (``flock``) and any later one opens the store read-only.

Why ``flock`` on a sidecar file rather than SQLite's own locks: SQLite holds its write lock only for
the length of a transaction, while this lock must last as long as the app. ``flock`` is released by
the operating system when the process ends, however it ends (a crash or a closed terminal leaves
no stale lock), works the same on Linux and macOS, and does not interfere with SQLite's POSIX
locks on the database file itself. Where it cannot be had (no ``fcntl`` on Windows, a network
file system that refuses locks) the store still opens for writing: it then relies on the checks in
its transactions (a rating or an undo never overwrites a state it did not read), which is safe,
only less friendly than being told at once.
"""

from __future__ import annotations

import errno
import os
import socket
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no advisory locks here; see the module docstring
    fcntl = None  # type: ignore[assignment]

POLL_SECONDS = 0.05


class WriterLock:
    """The lock file of one progress file. `acquire` it before writing; `release` (or exit) frees it."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, wait: float = 0.0) -> str | None:
        """Take the lock, trying for up to `wait` seconds. Returns None when this process may write,
        or who holds it (``"process 1234 on host"``) when another process does."""
        if self._fd is not None:
            return None
        if fcntl is None:
            return None
        fd = self._open()
        if fd is None:
            return None  # no lock file can be made here; the store finds out why it cannot write
        deadline = time.monotonic() + max(0.0, wait)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    os.close(fd)  # locks not supported here (e.g. some network mounts)
                    return None
                if time.monotonic() >= deadline:
                    holder = self._holder(fd)
                    os.close(fd)
                    return holder
                time.sleep(POLL_SECONDS)
                continue
            self._fd = fd
            self._write_owner(fd)
            return None

    def release(self) -> None:
        """Give the lock up (closing the file releases it)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def _open(self) -> int | None:
        for flags in (os.O_RDWR | os.O_CREAT, os.O_RDONLY):
            try:
                return os.open(self.path, flags, 0o644)
            except OSError:
                continue
        return None

    @staticmethod
    def _write_owner(fd: int) -> None:
        """Leave this process's id in the file, so that a second copy can say who holds it."""
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()} {socket.gethostname()}\n".encode(), 0)
        except OSError:
            pass  # a read-only lock file still locks; only the name of the holder is lost

    @staticmethod
    def _holder(fd: int) -> str:
        try:
            text = os.pread(fd, 200, 0).decode("utf-8", "replace").split()
        except OSError:
            text = []
        if not text or not text[0].isdigit():
            return "another process"
        host = f" on {text[1]}" if len(text) > 1 and text[1] != socket.gethostname() else ""
        return f"process {text[0]}{host}"
