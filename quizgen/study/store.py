"""The progress store: FSRS card state, the review log and quiz answers in one SQLite file.

Why it is built this way:
- Standard `sqlite3` in WAL mode with ``synchronous=FULL``, and one transaction per rating (state
  update + log row), so a rating once given survives Ctrl-C, a closed terminal or a crash.
- Card state is keyed by (deck id, card id): a regenerated deck keeps its ids and so its progress.
- The log row keeps the card's state from before the rating; undo restores it and deletes the row.
- Damaged is told apart from unavailable (`progress_file`): only a file SQLite reports as corrupt is
  moved aside (`notice` says where); a read-only file or folder, or one another quizgen is writing,
  is opened read-only (`read_only_reason` says why, writes raise `ProgressReadOnlyError`).
- One writer at a time (`WriterLock`), and writes that check what they change: a rating is saved only
  over the state it was computed from, and undo only restores a state nothing has changed since
  (`ProgressConflictError` otherwise), so two windows never overwrite each other's ratings.
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
from quizgen.study.progress_file import (
    BUSY_TIMEOUT,
    LOCK_WAIT,
    SCHEMA_VERSION,
    Problem,
    ProgressFile,
    ProgressReadOnlyError,
    problem_of,
    schema_version,
)

if TYPE_CHECKING:
    from quizgen.study.session import Answer

__all__ = [
    "SCHEMA_VERSION",
    "Key",
    "LoggedReview",
    "ProgressConflictError",
    "ProgressReadOnlyError",
    "ProgressStore",
    "QuizScore",
]

Key = tuple[str, str]


class ProgressConflictError(StudyError):
    """A rating or undo refused because the card's saved state changed since it was read."""


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


def _state_of(text: str | None) -> object:
    """A stored FSRS state, to compare with the one a rating was computed from (None for no row,
    or for a row that cannot be read, which `card_states` leaves out too)."""
    if text is None:
        return None
    try:
        return FsrsCard.from_json(text).to_dict()
    except (ValueError, KeyError, TypeError):
        return None


class ProgressStore:
    """Progress on disk. Open it once per app; every write is its own committed transaction.

    `read_only=True` opens the file without ever writing to it; `busy_timeout` and `lock_wait` are
    how long to wait for another program's SQLite lock and for another quizgen to close.
    """

    def __init__(
        self,
        path: Path,
        clock: Clock = utc_now,
        *,
        read_only: bool = False,
        busy_timeout: float = BUSY_TIMEOUT,
        lock_wait: float = LOCK_WAIT,
    ) -> None:
        self.path = Path(path)
        self.clock = clock
        self._file = ProgressFile(self.path, clock, busy_timeout)
        self._conn = self._file.open(read_only=read_only, lock_wait=lock_wait)

    @property
    def notice(self) -> str | None:
        """Set when a damaged file had to be replaced: a message for the learner."""
        return self._file.notice

    @property
    def read_only_reason(self) -> str | None:
        """Why ratings and answers cannot be saved, for the learner (None: they are saved)."""
        return self._file.read_only_reason

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    def close(self) -> None:
        self._conn.close()
        self._file.lock.release()

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------------------ writing

    def _writable(self) -> None:
        """Raise `ProgressReadOnlyError` unless this store may write; a store that was read-only
        only because another quizgen held the file takes it over once that one has closed."""
        if self.read_only_reason is None:
            return
        conn = self._file.take_over()
        if conn is None:
            raise ProgressReadOnlyError(f"Not saved. {self.read_only_reason}")
        self._conn.close()
        self._conn = conn

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write; any SQLite failure becomes a `StudyError` the app can show."""
        self._writable()
        try:
            self._file.retrying(lambda: self._conn.execute("BEGIN IMMEDIATE"))
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if problem_of(exc) is Problem.BUSY:
                raise self._file.unavailable(exc) from None
            raise StudyError(f"could not save progress to {self.path}: {exc}") from None

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._file.retrying(lambda: self._conn.execute(sql, params).fetchall())
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

    def card_state(self, key: Key) -> FsrsCard | None:
        """The saved state of one card (None: never reviewed), e.g. to refresh it after a conflict."""
        return self.card_states([key[0]]).get(key)

    def record_rating(
        self, key: Key, rating: Rating, before: FsrsCard | None, after: FsrsCard, reviewed_at: datetime
    ) -> int:
        """Save a rating: the card's new state and a log row, in one transaction. Returns the log id.

        `before` is the state the rating was computed from; when the saved state is another one (the
        card was rated in another window since), nothing is saved and `ProgressConflictError` says so.
        """
        with self._transaction() as conn:
            row = conn.execute(
                "SELECT fsrs FROM card_state WHERE deck_id = ? AND card_id = ?", key
            ).fetchone()
            if _state_of(row[0] if row else None) != (before.to_dict() if before else None):
                raise ProgressConflictError(
                    "This card was rated in another quizgen window since it was shown here, so this "
                    "rating was not saved; the newer one is kept."
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
            log_id = int(cursor.lastrowid or 0)
            conn.execute(
                "INSERT OR REPLACE INTO card_state (deck_id, card_id, fsrs, due, log_id)"
                " VALUES (?, ?, ?, ?, ?)",
                (*key, after.to_json(), _ts(after.due), log_id),
            )
            return log_id

    def undo_rating(self, log_id: int) -> FsrsCard | None:
        """Take back a rating: restore the card's earlier state (or make it new again), drop the row.

        Only while the card's state is still the one this rating saved: when it was rated again
        since (in another window), undoing would put an old state over the newer rating, so
        `ProgressConflictError` refuses instead.
        """
        with self._transaction() as conn:
            row = conn.execute(
                "SELECT deck_id, card_id, previous FROM review_log WHERE id = ?", (log_id,)
            ).fetchone()
            if row is None:
                raise StudyError("that rating is no longer in the review log")
            deck_id, card_id, previous = row
            (latest,) = conn.execute(
                "SELECT MAX(id) FROM review_log WHERE deck_id = ? AND card_id = ?", (deck_id, card_id)
            ).fetchone()
            state = conn.execute(
                "SELECT log_id FROM card_state WHERE deck_id = ? AND card_id = ?", (deck_id, card_id)
            ).fetchone()
            # log_id is NULL in rows written before schema 2; the log's order still tells.
            if latest != log_id or state is None or state[0] not in (None, log_id):
                raise ProgressConflictError(
                    "This card was rated again since (in another quizgen window), so this rating "
                    "cannot be undone: undoing it would overwrite the newer rating."
                )
            conn.execute("DELETE FROM review_log WHERE id = ?", (log_id,))
            if previous is None:
                conn.execute("DELETE FROM card_state WHERE deck_id = ? AND card_id = ?", (deck_id, card_id))
                return None
            card = FsrsCard.from_json(previous)
            (earlier,) = conn.execute(
                "SELECT MAX(id) FROM review_log WHERE deck_id = ? AND card_id = ?", (deck_id, card_id)
            ).fetchone()
            conn.execute(
                "UPDATE card_state SET fsrs = ?, due = ?, log_id = ? WHERE deck_id = ? AND card_id = ?",
                (previous, _ts(card.due), earlier, deck_id, card_id),
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
                " (session_id, deck_id, card_id, correct, exact, response, answered_at, overridden)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    session_id,
                    answer.item.deck_id,
                    answer.item.card.id,
                    int(answer.grade.correct),
                    int(answer.grade.exact),
                    answer.response,
                    _ts(answer.answered_at),
                    int(answer.grade.overridden),
                ),
            )

    def record_override(self, session_id: str, answer: Answer) -> None:
        """Count an answer of a quiz right after all ("I was right"), marked as the learner's call."""
        # Only the latest answer to the card: in a retry round, the quiz's own answer stays as given.
        with self._transaction() as conn:
            conn.execute(
                "UPDATE quiz_answer SET correct = 1, overridden = 1 WHERE rowid = (SELECT MAX(rowid)"
                " FROM quiz_answer WHERE session_id = ? AND deck_id = ? AND card_id = ?)",
                (session_id, answer.item.deck_id, answer.item.card.id),
            )

    def overridden_answers(self, deck_id: str) -> list[tuple[str, str]]:
        """(card id, response) of every quiz answer of `deck_id` the learner counted right."""
        if schema_version(self._conn) < 2:
            return []  # an old file opened read-only: there can be none
        rows = self._query(
            "SELECT card_id, response FROM quiz_answer WHERE deck_id = ? AND overridden = 1"
            " ORDER BY answered_at",
            (deck_id,),
        )
        return [(card_id, response) for card_id, response in rows]

    def finish_quiz(self, session_id: str, finished_at: datetime) -> None:
        with self._transaction() as conn:
            conn.execute(
                "UPDATE quiz_session SET finished_at = ? WHERE id = ?", (_ts(finished_at), session_id)
            )

    def last_quiz_score(self, deck_id: str) -> QuizScore | None:
        """The score of the latest quiz that answered cards of `deck_id`: the first answer given to
        each card, so that its retry rounds (recorded under the quiz's session id) do not count."""
        rows = self._query(
            "SELECT SUM(correct), COUNT(*), MAX(answered_at) FROM quiz_answer AS first"
            " WHERE deck_id = ? AND session_id = (SELECT session_id FROM quiz_answer WHERE deck_id = ?"
            " ORDER BY answered_at DESC, rowid DESC LIMIT 1)"
            " AND NOT EXISTS (SELECT 1 FROM quiz_answer AS earlier WHERE earlier.session_id ="
            " first.session_id AND earlier.deck_id = first.deck_id AND earlier.card_id = first.card_id"
            " AND earlier.rowid < first.rowid)",
            (deck_id, deck_id),
        )
        correct, answered, last = rows[0]
        if not answered:
            return None
        return QuizScore(correct=int(correct), answered=int(answered), finished_at=_dt(last))
