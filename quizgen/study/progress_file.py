"""Opening the progress file: its tables, telling damaged from unavailable, and who may write.

- Only a file SQLite reports as corrupt or not a database (or that fails ``PRAGMA quick_check``) is
  damaged: it is moved aside as ``progress.db.corrupt-<time>``, a fresh one is started, and
  `notice` says where the old one went. Nothing else is ever "repaired" by starting over.
- A read-only file or folder, or a file another quizgen is writing (see `WriterLock`), is opened
  read-only (``mode=ro``) and `read_only_reason` says why, for the app to show.
- A file locked by another program past the busy timeout, one that cannot be read, or a folder that
  cannot be made is a `StudyError` with a hint: the learner's file is left exactly as it was.
- A file already at this schema is not written to when opened, so opening never waits for a lock.
"""

from __future__ import annotations

import enum
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from quizgen.errors import StudyError
from quizgen.locations import allowed
from quizgen.study.clock import Clock
from quizgen.study.writer_lock import WriterLock

SCHEMA_VERSION = 2
"""Version 2 added `card_state.log_id` (for safe undo) and `quiz_answer.overridden` ("I was right")."""
BUSY_TIMEOUT = 5.0
"""Seconds SQLite waits for another connection's lock before a statement gives up…"""
BUSY_ATTEMPTS = 2
"""…and how many times an open, a read or a write is tried in all before the learner is told."""
LOCK_WAIT = 1.0
"""Seconds to wait for another quizgen to let go of the progress file (it may be closing)."""

T = TypeVar("T")

TABLES = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS card_state (
    deck_id TEXT NOT NULL,
    card_id TEXT NOT NULL,
    fsrs TEXT NOT NULL,            -- the FSRS card as JSON
    due REAL NOT NULL,             -- unix time, copied out of the JSON for queries
    log_id INTEGER,                -- the review_log row that wrote this state (NULL: before schema 2)
    PRIMARY KEY (deck_id, card_id)
)""",
    "CREATE INDEX IF NOT EXISTS card_state_due ON card_state (deck_id, due)",
    """CREATE TABLE IF NOT EXISTS review_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    deck_id TEXT NOT NULL,
    card_id TEXT NOT NULL,
    rating INTEGER NOT NULL,       -- 1 Again, 2 Hard, 3 Good, 4 Easy
    reviewed_at REAL NOT NULL,
    previous TEXT,                 -- FSRS card JSON before the rating, NULL when the card was new
    previous_state INTEGER         -- its FSRS state (1 learning, 2 review, 3 relearning), NULL when new
)""",
    "CREATE INDEX IF NOT EXISTS review_log_time ON review_log (deck_id, reviewed_at)",
    "CREATE INDEX IF NOT EXISTS review_log_card ON review_log (deck_id, card_id)",
    """CREATE TABLE IF NOT EXISTS quiz_session (
    id TEXT PRIMARY KEY,
    started_at REAL NOT NULL,
    finished_at REAL
)""",
    """CREATE TABLE IF NOT EXISTS quiz_answer (
    session_id TEXT NOT NULL REFERENCES quiz_session (id),
    deck_id TEXT NOT NULL,
    card_id TEXT NOT NULL,
    correct INTEGER NOT NULL,
    exact INTEGER NOT NULL,
    response TEXT NOT NULL,
    answered_at REAL NOT NULL,
    overridden INTEGER NOT NULL DEFAULT 0  -- 1: graded wrong, counted right by the learner
)""",
    "CREATE INDEX IF NOT EXISTS quiz_answer_deck ON quiz_answer (deck_id, answered_at)",
)
# Columns added since schema 1, added to an older file when it is opened for writing. Reading
# never needs them, so an old file opened read-only works as it is.
ADDED_COLUMNS = (
    ("card_state", "log_id", "INTEGER"),
    ("quiz_answer", "overridden", "INTEGER NOT NULL DEFAULT 0"),
)


class ProgressReadOnlyError(StudyError):
    """A write to a progress file that was opened read-only (the message says why)."""


class Problem(enum.Enum):
    """What an SQLite error means for the learner's file."""

    DAMAGED = "damaged"
    BUSY = "busy"
    READ_ONLY = "read-only"
    UNAVAILABLE = "unavailable"


# SQLite's primary result codes (https://sqlite.org/rescode.html); Python gives the extended code.
_PROBLEM_BY_CODE = {
    5: Problem.BUSY,  # SQLITE_BUSY: "database is locked"
    6: Problem.BUSY,  # SQLITE_LOCKED
    8: Problem.READ_ONLY,  # SQLITE_READONLY: "attempt to write a readonly database"
    11: Problem.DAMAGED,  # SQLITE_CORRUPT: "database disk image is malformed"
    26: Problem.DAMAGED,  # SQLITE_NOTADB: "file is not a database"
}


class _Damaged(sqlite3.DatabaseError):
    """PRAGMA quick_check found damage (SQLite itself raised nothing)."""


class _ReadOnlyAfterAll(Exception):
    """SQLite refused to write a file its permissions allow (a read-only mount, say)."""


def problem_of(exc: sqlite3.Error) -> Problem:
    """Damaged, busy, read-only, or otherwise unavailable (never damaged unless SQLite says so)."""
    if isinstance(exc, _Damaged):
        return Problem.DAMAGED
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return _PROBLEM_BY_CODE.get(code & 0xFF, Problem.UNAVAILABLE)
    return Problem.UNAVAILABLE


def schema_version(conn: sqlite3.Connection) -> int:
    """The file's schema version; 0 for a file without quizgen's tables (a new one)."""
    has_meta = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
    if not has_meta:
        return 0
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row and str(row[0]).isdigit() else 0


class ProgressFile:
    """Opens one progress file the way its state allows, and says what it found."""

    def __init__(self, path: Path, clock: Clock, busy_timeout: float = BUSY_TIMEOUT) -> None:
        self.path = Path(path)
        self.clock = clock
        self.busy_timeout = busy_timeout
        self.notice: str | None = None
        """Set when a damaged file had to be replaced: a message for the learner."""
        self.read_only_reason: str | None = None
        """Set when progress cannot be saved: why, for the learner (None: writes are saved)."""
        self.lock = WriterLock(self.path.with_name(self.path.name + ".lock"))
        self._waiting_for_lock = False

    # ------------------------------------------------------------------------------ opening

    def open(self, read_only: bool = False, lock_wait: float = LOCK_WAIT) -> sqlite3.Connection:
        """A connection for writing when this process may write, else a read-only one."""
        try:
            return self._open(read_only, lock_wait)
        except BaseException:
            self.lock.release()  # a store that failed to open must not keep others read-only
            raise

    def _open(self, read_only: bool, lock_wait: float) -> sqlite3.Connection:
        if self.path.is_dir():
            raise StudyError(f"the progress file {self.path} is a folder")
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StudyError(
                f"cannot create the folder {folder} for your progress: {exc.strerror or exc}",
                hint="set QUIZGEN_HOME to a folder you can write to",
            ) from None
        exists = self.path.exists()
        if exists and not allowed(self.path, os.R_OK):
            raise StudyError(
                f"cannot read your progress file {self.path}: permission denied",
                hint=f"check its owner and permissions (ls -l {self.path}), "
                "or set QUIZGEN_HOME to use another folder",
            )
        reason = "it was opened read-only on request" if read_only else self._why_not_writable(exists)
        if reason is None:
            holder = self.lock.acquire(wait=lock_wait)
            if holder is not None:
                self._waiting_for_lock = True
                reason = (
                    f"another quizgen ({holder}) is using it; this one saves nothing until that one is closed"
                )
        if reason is not None:
            if not exists and not read_only and not self._waiting_for_lock:
                raise StudyError(
                    f"cannot create your progress file in {folder}: the folder is not writable",
                    hint=f"make it writable (chmod u+w {folder}), or set QUIZGEN_HOME to a folder "
                    "you can write to",
                )
            return self._open_read_only(reason)
        try:
            return self._open_writable()
        except _ReadOnlyAfterAll as exc:
            self.lock.release()
            return self._open_read_only(str(exc))

    def take_over(self) -> sqlite3.Connection | None:
        """A connection for writing, when this file was read-only only because another quizgen
        held it and that one has closed since; None when it is still read-only."""
        if not self._waiting_for_lock or self.lock.acquire() is not None:
            return None
        try:
            conn = self._open_writable()
        except _ReadOnlyAfterAll as exc:
            self.lock.release()
            self._waiting_for_lock = False
            self.read_only_reason = f"Your progress file {self.path} is read-only: {exc}."
            return None
        except BaseException:
            self.lock.release()
            raise
        self._waiting_for_lock = False
        self.read_only_reason = None
        return conn

    def _why_not_writable(self, exists: bool) -> str | None:
        """Why this file cannot be written, judged from its permissions (None: it can)."""
        folder = self.path.parent
        if exists and not allowed(self.path, os.W_OK):
            return f"the file is read-only; to save progress, make it writable (chmod u+w {self.path})"
        if not allowed(folder, os.W_OK | os.X_OK):
            # SQLite writes its journal files beside the database, so the folder must be writable.
            return f"its folder {folder} is read-only; to save progress, make the folder writable"
        return None

    def _connect(self, uri: str | None = None) -> sqlite3.Connection:
        target = uri if uri is not None else str(self.path)
        try:
            return sqlite3.connect(
                target, uri=uri is not None, isolation_level=None, timeout=self.busy_timeout
            )
        except sqlite3.Error as exc:
            raise self.unavailable(exc) from None

    def _open_writable(self) -> sqlite3.Connection:
        conn = self._connect()
        try:
            self.retrying(lambda: self._check(conn))
            self.retrying(lambda: self._prepare_for_writing(conn))
            return conn
        except sqlite3.Error as exc:
            conn.close()
            problem, reason = problem_of(exc), str(exc)
            if problem is Problem.READ_ONLY:
                raise _ReadOnlyAfterAll(f"SQLite cannot write to it ({reason})") from None
            if problem is not Problem.DAMAGED:
                raise self.unavailable(exc) from None
        except BaseException:
            conn.close()
            raise
        backup = self._move_aside(reason)
        self.notice = (
            f"Your progress file was damaged ({reason}). It was moved to {backup.name} in "
            f"{backup.parent} and a fresh one was started."
        )
        conn = self._connect()
        try:
            self._prepare_for_writing(conn)
        except sqlite3.Error as exc:
            conn.close()
            raise StudyError(f"cannot create a progress file at {self.path}: {exc}") from None
        return conn

    def _open_read_only(self, reason: str) -> sqlite3.Connection:
        """Open without writing. A file that does not exist (or holds no progress yet) reads as empty."""
        self.read_only_reason = f"Your progress file {self.path} was opened read-only: {reason}."
        if not self.path.exists():
            return self._empty_in_memory()
        uri = self.path.resolve().as_uri() + "?mode=ro"
        try:
            try:
                conn = self._checked(uri)
            except sqlite3.OperationalError as exc:
                if problem_of(exc) not in (Problem.READ_ONLY, Problem.UNAVAILABLE):
                    raise
                # A WAL file in a read-only folder: SQLite cannot make its shared-memory file. Nobody
                # can be writing the file then, so it may be read as an unchanging one.
                conn = self._checked(uri + "&immutable=1")
        except sqlite3.Error as exc:
            if problem_of(exc) is Problem.DAMAGED:
                raise StudyError(
                    f"your progress file {self.path} is damaged ({exc}), and cannot be replaced because "
                    f"{reason.split(';')[0]}",
                    hint="move the file away yourself to start afresh",
                ) from None
            raise self.unavailable(exc) from None
        if schema_version(conn) == 0:  # a new, empty file: nothing to read
            conn.close()
            return self._empty_in_memory()
        return conn

    def _checked(self, uri: str) -> sqlite3.Connection:
        """A connection to `uri` whose file passed `_check` (closed again when it did not)."""
        conn = self._connect(uri)
        try:
            self.retrying(lambda: self._check(conn))
        except BaseException:
            conn.close()
            raise
        return conn

    @staticmethod
    def _empty_in_memory() -> sqlite3.Connection:
        conn = sqlite3.connect(":memory:", isolation_level=None)
        for statement in TABLES:
            conn.execute(statement)
        return conn

    def _check(self, conn: sqlite3.Connection) -> None:
        """Raise if the file is damaged, or was written by a newer quizgen."""
        rows = conn.execute("PRAGMA quick_check").fetchall()
        if rows != [("ok",)]:
            raise _Damaged("; ".join(str(row[0]) for row in rows[:3]))
        version = schema_version(conn)
        if version > SCHEMA_VERSION:
            raise StudyError(
                f"{self.path} was written by a newer quizgen (progress schema {version})",
                hint="upgrade quizgen, or set QUIZGEN_HOME to use another folder",
            )

    @staticmethod
    def _prepare_for_writing(conn: sqlite3.Connection) -> None:
        """WAL and durable commits, and the tables of this schema (an older file is migrated)."""
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        if schema_version(conn) == SCHEMA_VERSION:
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in TABLES:
                conn.execute(statement)
            for table, column, declaration in ADDED_COLUMNS:
                columns = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
                if column not in columns:
                    conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)",
                (str(SCHEMA_VERSION),),
            )
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def _move_aside(self, reason: str) -> Path:
        stamp = self.clock().strftime("%Y%m%d-%H%M%S")
        backup = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while backup.exists():
            n += 1
            backup = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
        try:
            self.path.replace(backup)
            for suffix in ("-wal", "-shm"):
                side = self.path.with_name(self.path.name + suffix)
                if side.exists():
                    side.replace(backup.with_name(backup.name + suffix))
        except OSError as exc:
            raise StudyError(
                f"your progress file {self.path} is damaged ({reason}) and could not be moved aside: "
                f"{exc.strerror or exc}",
                hint="move it away yourself, or set QUIZGEN_HOME to use another folder",
            ) from None
        return backup

    # ------------------------------------------------------------------------------ waiting

    def retrying(self, work: Callable[[], T]) -> T:
        """`work()`, tried again when another program held SQLite's lock past the busy timeout."""
        for attempt in range(1, BUSY_ATTEMPTS + 1):
            try:
                return work()
            except sqlite3.OperationalError as exc:
                if problem_of(exc) is not Problem.BUSY or attempt == BUSY_ATTEMPTS:
                    raise
                time.sleep(min(1.0, self.busy_timeout / 4))
        raise AssertionError("unreachable")

    def unavailable(self, exc: sqlite3.Error) -> StudyError:
        """The error for a file that is fine but cannot be used now (never a reason to replace it)."""
        if problem_of(exc) is Problem.BUSY:
            waited = round(self.busy_timeout * BUSY_ATTEMPTS)
            return StudyError(
                f"your progress file {self.path} is locked by another program ({exc}, waited {waited} s)",
                hint="close the other program using it (a database browser, a sync or backup tool), "
                "then try again",
            )
        return StudyError(
            f"cannot use your progress file {self.path}: {exc}",
            hint=f"check the permissions of {self.path.parent} and the files in it, "
            "or set QUIZGEN_HOME to use another folder",
        )
