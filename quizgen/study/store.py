"""The progress store: FSRS card state, the review log and quiz answers in one SQLite file.

Why it is built this way:
- Standard `sqlite3` in WAL mode with ``synchronous=FULL``, and one transaction per rating (state
  update + log row), so a rating once given survives Ctrl-C, a closed terminal or a crash.
- Card state is keyed by (deck id, card id): a regenerated deck keeps its ids and so its progress.
- The log row keeps the card's state from before the rating; undo restores it and deletes the row.
- A damaged file is never fatal: it is moved aside as ``progress.db.corrupt-<time>``, a fresh store
  is started, and `notice` says so for the app to show.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fsrs import Card as FsrsCard
from fsrs import Rating

from quizgen.errors import StudyError
from quizgen.study.clock import Clock, utc_now

if TYPE_CHECKING:
    from quizgen.study.session import Answer

SCHEMA_VERSION = 1
Key = tuple[str, str]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS card_state (
    deck_id TEXT NOT NULL,
    card_id TEXT NOT NULL,
    fsrs TEXT NOT NULL,            -- the FSRS card as JSON
    due REAL NOT NULL,             -- unix time, copied out of the JSON for queries
    PRIMARY KEY (deck_id, card_id)
);
CREATE INDEX IF NOT EXISTS card_state_due ON card_state (deck_id, due);
CREATE TABLE IF NOT EXISTS review_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    deck_id TEXT NOT NULL,
    card_id TEXT NOT NULL,
    rating INTEGER NOT NULL,       -- 1 Again, 2 Hard, 3 Good, 4 Easy
    reviewed_at REAL NOT NULL,
    previous TEXT,                 -- FSRS card JSON before the rating; NULL when the card was new
    previous_state INTEGER         -- its FSRS state (1 learning, 2 review, 3 relearning); NULL when new
);
CREATE INDEX IF NOT EXISTS review_log_time ON review_log (deck_id, reviewed_at);
CREATE TABLE IF NOT EXISTS quiz_session (
    id TEXT PRIMARY KEY,
    started_at REAL NOT NULL,
    finished_at REAL
);
CREATE TABLE IF NOT EXISTS quiz_answer (
    session_id TEXT NOT NULL REFERENCES quiz_session (id),
    deck_id TEXT NOT NULL,
    card_id TEXT NOT NULL,
    correct INTEGER NOT NULL,
    exact INTEGER NOT NULL,
    response TEXT NOT NULL,
    answered_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS quiz_answer_deck ON quiz_answer (deck_id, answered_at);
"""


@dataclass(frozen=True)
class LoggedReview:
    """One rating from the review log (for statistics)."""

    key: Key
    rating: Rating
    reviewed_at: datetime
    was_new: bool
    previous_state: int | None


@dataclass(frozen=True)
class QuizScore:
    """The result of the latest quiz that asked cards of a deck."""

    correct: int
    answered: int
    finished_at: datetime

    @property
    def percent(self) -> int:
        return round(100 * self.correct / self.answered) if self.answered else 0


def _ts(moment: datetime) -> float:
    return moment.timestamp()


def _dt(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, UTC)


class ProgressStore:
    """Progress on disk. Open it once per app; every write is its own committed transaction."""

    def __init__(self, path: Path, clock: Clock = utc_now) -> None:
        self.path = Path(path)
        self.clock = clock
        self.notice: str | None = None
        """Set when the file had to be replaced: a message for the learner."""
        self._conn = self._open()

    # ------------------------------------------------------------------------------ opening

    def _connect(self) -> sqlite3.Connection:
        if self.path.is_dir():
            raise StudyError(f"the progress file {self.path} is a folder")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=5.0)
        except (OSError, sqlite3.OperationalError) as exc:
            raise StudyError(f"cannot open the progress file {self.path}: {exc}") from None
        return conn

    def _open(self) -> sqlite3.Connection:
        conn = self._connect()
        try:
            self._prepare(conn)
            return conn
        except sqlite3.DatabaseError as exc:
            conn.close()
            reason = str(exc)
        except StudyError:
            conn.close()
            raise
        backup = self._move_aside()
        self.notice = (
            f"Your progress file was damaged ({reason}). It was moved to {backup.name} "
            "and a fresh one was started."
        )
        conn = self._connect()
        try:
            self._prepare(conn)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StudyError(f"cannot create a progress file at {self.path}: {exc}") from None
        return conn

    def _prepare(self, conn: sqlite3.Connection) -> None:
        """Check the file is a healthy SQLite database of a version we read, and create tables."""
        conn.execute("PRAGMA busy_timeout = 5000")
        rows = conn.execute("PRAGMA quick_check").fetchall()
        if rows != [("ok",)]:
            raise sqlite3.DatabaseError("; ".join(str(row[0]) for row in rows[:3]))
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        has_meta = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
        if has_meta:
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            version = int(row[0]) if row and str(row[0]).isdigit() else 0
            if version > SCHEMA_VERSION:
                raise StudyError(
                    f"{self.path} was written by a newer quizgen (progress schema {version})",
                    hint="upgrade quizgen, or set QUIZGEN_HOME to use another folder",
                )
        conn.executescript("BEGIN;" + _SCHEMA + "COMMIT;")
        conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
        )

    def _move_aside(self) -> Path:
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
            raise StudyError(f"the progress file {self.path} is damaged and cannot be moved: {exc}") from None
        return backup

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write; any SQLite failure becomes a `StudyError` the app can show."""
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise StudyError(f"could not save progress to {self.path}: {exc}") from None

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise StudyError(f"could not read progress from {self.path}: {exc}") from None

    # --------------------------------------------------------------------------- card states

    def card_states(self, deck_ids: Iterable[str]) -> dict[Key, FsrsCard]:
        """The FSRS state of every reviewed card of these decks (cards never reviewed are absent)."""
        ids = sorted(set(deck_ids))
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        states: dict[Key, FsrsCard] = {}
        for deck_id, card_id, text in self._query(
            f"SELECT deck_id, card_id, fsrs FROM card_state WHERE deck_id IN ({marks})", ids
        ):
            try:
                states[(deck_id, card_id)] = FsrsCard.from_json(text)
            except (ValueError, KeyError, TypeError):
                continue  # an unreadable row: the card is simply studied as new again
        return states

    def record_rating(
        self, key: Key, rating: Rating, before: FsrsCard | None, after: FsrsCard, reviewed_at: datetime
    ) -> int:
        """Save a rating: the card's new state and a log row, in one transaction. Returns the log id."""
        with self._transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO card_state (deck_id, card_id, fsrs, due) VALUES (?, ?, ?, ?)",
                (*key, after.to_json(), _ts(after.due)),
            )
            cursor = conn.execute(
                "INSERT INTO review_log (deck_id, card_id, rating, reviewed_at, previous, previous_state)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    *key,
                    int(rating),
                    _ts(reviewed_at),
                    before.to_json() if before else None,
                    int(before.state) if before else None,
                ),
            )
            return int(cursor.lastrowid or 0)

    def undo_rating(self, log_id: int) -> FsrsCard | None:
        """Take back a rating: restore the card's earlier state (or make it new again), drop the row."""
        with self._transaction() as conn:
            row = conn.execute(
                "SELECT deck_id, card_id, previous FROM review_log WHERE id = ?", (log_id,)
            ).fetchone()
            if row is None:
                raise StudyError("that rating is no longer in the review log")
            deck_id, card_id, previous = row
            conn.execute("DELETE FROM review_log WHERE id = ?", (log_id,))
            if previous is None:
                conn.execute("DELETE FROM card_state WHERE deck_id = ? AND card_id = ?", (deck_id, card_id))
                return None
            card = FsrsCard.from_json(previous)
            conn.execute(
                "UPDATE card_state SET fsrs = ?, due = ? WHERE deck_id = ? AND card_id = ?",
                (previous, _ts(card.due), deck_id, card_id),
            )
            return card

    # ----------------------------------------------------------------------------- the log

    def reviews(self, deck_ids: Iterable[str], since: datetime) -> list[LoggedReview]:
        """Ratings given to cards of these decks since `since`, oldest first."""
        ids = sorted(set(deck_ids))
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = self._query(
            "SELECT deck_id, card_id, rating, reviewed_at, previous_state FROM review_log"
            f" WHERE deck_id IN ({marks}) AND reviewed_at >= ? ORDER BY reviewed_at, id",
            [*ids, _ts(since)],
        )
        return [
            LoggedReview((deck, card), Rating(rating), _dt(at), prev is None, prev)
            for deck, card, rating, at, prev in rows
        ]

    def new_cards_started(self, deck_ids: Iterable[str], since: datetime) -> int:
        """How many cards of these decks had their first review since `since` (for the daily limit)."""
        return sum(1 for review in self.reviews(deck_ids, since) if review.was_new)

    # ------------------------------------------------------------------------------- quizzes

    def record_quiz_answer(self, session_id: str, started_at: datetime, answer: Answer) -> None:
        """Save one quiz answer as it is given (the session row is created with the first one)."""
        with self._transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO quiz_session (id, started_at) VALUES (?, ?)",
                (session_id, _ts(started_at)),
            )
            conn.execute(
                "INSERT INTO quiz_answer"
                " (session_id, deck_id, card_id, correct, exact, response, answered_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    session_id,
                    answer.item.deck_id,
                    answer.item.card.id,
                    int(answer.grade.correct),
                    int(answer.grade.exact),
                    answer.response,
                    _ts(answer.answered_at),
                ),
            )

    def finish_quiz(self, session_id: str, finished_at: datetime) -> None:
        with self._transaction() as conn:
            conn.execute(
                "UPDATE quiz_session SET finished_at = ? WHERE id = ?", (_ts(finished_at), session_id)
            )

    def last_quiz_score(self, deck_id: str) -> QuizScore | None:
        """The score of the latest quiz session that answered cards of `deck_id`."""
        rows = self._query(
            "SELECT SUM(correct), COUNT(*), MAX(answered_at) FROM quiz_answer WHERE deck_id = ?"
            " AND session_id = (SELECT session_id FROM quiz_answer WHERE deck_id = ?"
            " ORDER BY answered_at DESC LIMIT 1)",
            (deck_id, deck_id),
        )
        correct, answered, last = rows[0]
        if not answered:
            return None
        return QuizScore(correct=int(correct), answered=int(answered), finished_at=_dt(last))
