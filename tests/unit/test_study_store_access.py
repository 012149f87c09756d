"""Progress you cannot lose: damaged is told from unavailable, one writer at a time, and neither a
rating nor an undo ever overwrites a newer rating. Real files, real permissions, real processes.

Permission tests need a user that chmod can deny: root ignores file modes, so as root (CI) they run
with the effective ids of the unprivileged user "nobody", in a folder of their own.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fsrs import Rating
from study_decks import make_deck, wright_deck

from quizgen.errors import StudyError
from quizgen.study import writer_lock
from quizgen.study.review import ReviewSession
from quizgen.study.scheduling import make_scheduler, new_fsrs_card
from quizgen.study.store import (
    SCHEMA_VERSION,
    ProgressConflictError,
    ProgressReadOnlyError,
    ProgressStore,
)

NOON = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
KEY = ("wright-brothers", "card-1")
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
NOBODY = 65534
needs_permissions = pytest.mark.permissions  # run where file modes bind (as "nobody" under root)


@pytest.fixture
def workdir(request, tmp_path) -> Iterator[Path]:
    """Where a test keeps its files: `tmp_path`, or for a permissions test run as root, a folder
    that "nobody" owns, with the process's effective ids switched to nobody's for the test."""
    if not (AS_ROOT and request.node.get_closest_marker("permissions")):
        yield tmp_path
        return
    base = Path(tempfile.mkdtemp(prefix="quizgen-permissions-"))
    base.chmod(0o755)
    os.chown(base, NOBODY, NOBODY)
    os.setegid(NOBODY)
    os.seteuid(NOBODY)
    try:
        assert os.geteuid() == NOBODY
        yield base
    finally:
        os.seteuid(0)
        os.setegid(0)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(autouse=True)
def _isolated_home(workdir, monkeypatch):
    monkeypatch.setenv("QUIZGEN_HOME", str(workdir / "home"))


@pytest.fixture
def db(workdir) -> Iterator[Path]:
    path = workdir / "home" / "progress.db"
    yield path
    for folder in (path.parent, workdir):  # let pytest clean up what a test made read-only
        for item in [folder, *folder.glob("*")]:
            if item.exists():
                item.chmod(item.stat().st_mode | stat.S_IWUSR | stat.S_IRUSR | stat.S_IXUSR)


def rate(store: ProgressStore, rating: Rating = Rating.Good, at: datetime = NOON) -> int:
    before = store.card_state(KEY)
    after, _ = make_scheduler(fuzz=False).review_card(
        before or new_fsrs_card(KEY, at), rating, review_datetime=at
    )
    return store.record_rating(KEY, rating, before, after, at)


def healthy_file(db: Path, ratings: int = 1) -> bytes:
    with ProgressStore(db) as store:
        for n in range(ratings):
            rate(store, at=NOON + timedelta(minutes=10 * n))
    return db.read_bytes()


def assert_nothing_set_aside(db: Path) -> None:
    assert not list(db.parent.glob("*.corrupt-*"))


def run_holding(script: str, db: Path) -> subprocess.Popen[str]:
    """Start a second process that runs `script` (with `db` defined), prints "ready" and waits."""
    code = f"from pathlib import Path\ndb = Path({str(db)!r})\n" + textwrap.dedent(script)
    code += "\nprint('ready', flush=True)\nimport time\ntime.sleep(60)\n"
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    return child


def stop(child: subprocess.Popen[str]) -> None:
    child.kill()
    child.wait()


# --------------------------------------------------------------------------- read-only files


def assert_read_only_and_intact(store: ProgressStore, db: Path, before: bytes) -> None:
    assert store.read_only and store.notice is None
    assert KEY in store.card_states(["wright-brothers"])  # the learner's history is all there
    with pytest.raises(ProgressReadOnlyError, match="Not saved"):
        rate(store, at=NOON + timedelta(days=1))
    store.close()
    assert db.read_bytes() == before
    assert_nothing_set_aside(db)


def test_a_store_opened_read_only_reads_and_refuses_to_write(db):
    before = healthy_file(db)
    store = ProgressStore(db, read_only=True)
    assert "opened read-only on request" in (store.read_only_reason or "")
    assert_read_only_and_intact(store, db, before)


@needs_permissions
def test_a_read_only_file_is_opened_read_only_not_replaced(db):
    before = healthy_file(db)
    db.chmod(0o444)
    store = ProgressStore(db)
    reason = store.read_only_reason or ""
    assert "the file is read-only" in reason and f"chmod u+w {db}" in reason
    assert_read_only_and_intact(store, db, before)


@needs_permissions
def test_a_read_only_folder_opens_its_file_read_only(db):
    before = healthy_file(db)
    db.parent.chmod(0o555)
    store = ProgressStore(db)
    assert f"its folder {db.parent} is read-only" in (store.read_only_reason or "")
    assert_read_only_and_intact(store, db, before)


@needs_permissions
def test_an_unwritable_folder_without_a_file_is_a_clear_error(db):
    db.parent.mkdir(parents=True)
    db.parent.chmod(0o555)
    with pytest.raises(StudyError, match="folder is not writable") as raised:
        ProgressStore(db)
    assert "QUIZGEN_HOME" in (raised.value.hint or "")
    with pytest.raises(StudyError, match="cannot create the folder") as raised:
        ProgressStore(db.parent / "deeper" / "progress.db")
    assert "QUIZGEN_HOME" in (raised.value.hint or "")


@needs_permissions
def test_an_unreadable_file_is_a_clear_error_and_left_alone(db):
    before = healthy_file(db)
    db.chmod(0o000)
    with pytest.raises(StudyError, match="cannot read your progress file") as raised:
        ProgressStore(db)
    assert "permissions" in (raised.value.hint or "")
    db.chmod(0o644)
    assert db.read_bytes() == before
    assert_nothing_set_aside(db)


@needs_permissions
def test_a_damaged_file_in_a_read_only_folder_is_reported_not_lost(db):
    db.parent.mkdir(parents=True)
    db.write_bytes(b"not a database" * 100)
    db.parent.chmod(0o555)
    with pytest.raises(StudyError, match=r"damaged .* cannot be replaced because its folder"):
        ProgressStore(db)
    assert db.read_bytes() == b"not a database" * 100


def test_a_folder_path_through_a_file_is_a_clear_error(tmp_path):
    (tmp_path / "not-a-folder").write_text("a file")
    with pytest.raises(StudyError, match="cannot create the folder") as raised:
        ProgressStore(tmp_path / "not-a-folder" / "progress.db")
    assert "QUIZGEN_HOME" in (raised.value.hint or "")


# ------------------------------------------------------------------------------ SQLite locks


def test_a_file_locked_by_another_program_is_not_called_damaged(db):
    """Another program holds an exclusive lock longer than the busy timeout: a clear error, and
    the file is untouched (it used to be moved aside and an empty one started)."""
    healthy_file(db)
    child = run_holding(
        """
        import sqlite3
        conn = sqlite3.connect(db, isolation_level=None)
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("INSERT INTO meta VALUES ('held-by', 'another program')")
        """,
        db,
    )
    try:
        with pytest.raises(StudyError, match="locked by another program") as raised:
            ProgressStore(db, busy_timeout=0.2)
        assert "close the other program" in (raised.value.hint or "")
    finally:
        stop(child)
    assert_nothing_set_aside(db)
    with ProgressStore(db) as store:  # once it lets go, everything is still there
        assert KEY in store.card_states(["wright-brothers"])


def test_a_write_lock_held_elsewhere_delays_a_rating_then_it_is_saved(db):
    healthy_file(db)
    child = run_holding(
        """
        import sqlite3
        conn = sqlite3.connect(db, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO meta VALUES ('held-by', 'another program')")
        """,
        db,
    )
    try:
        store = ProgressStore(db, busy_timeout=0.2)  # opening a current file writes nothing: no wait
        assert not store.read_only and store.notice is None
        with pytest.raises(StudyError, match="locked by another program"):
            rate(store, at=NOON + timedelta(days=1))
    finally:
        stop(child)
    rate(store, at=NOON + timedelta(days=1))  # the lock is gone: this one is saved
    assert len(store.reviews(["wright-brothers"], NOON)) == 2
    store.close()
    assert_nothing_set_aside(db)


# -------------------------------------------------------------------------- one writer at a time


HOLD_STORE = """
from quizgen.study.store import ProgressStore
store = ProgressStore(db)
"""


def test_a_second_quizgen_opens_the_file_read_only_and_says_why(db):
    before = healthy_file(db)
    child = run_holding(HOLD_STORE, db)
    try:
        store = ProgressStore(db, lock_wait=0.1)
        reason = store.read_only_reason or ""
        assert f"another quizgen (process {child.pid})" in reason
        assert "saves nothing until that one is closed" in reason
        # Reviewing goes on without a crash; the rating is kept in this session only.
        session = ReviewSession(store, [wright_deck()], clock=lambda: NOON, scheduler=make_scheduler(False))
        session.reveal()
        session.rate(Rating.Good)
        assert session.reviewed == 1 and session.not_saved and "another quizgen" in session.not_saved
        assert session.can_undo
        session.undo()  # undoing an unsaved rating touches nothing on disk
        assert session.reviewed == 0
    finally:
        stop(child)
    assert db.read_bytes() == before


def test_the_second_quizgen_takes_over_when_the_first_closes(db):
    healthy_file(db)
    child = run_holding(HOLD_STORE, db)
    try:
        store = ProgressStore(db, lock_wait=0.1)
        assert store.read_only
    finally:
        stop(child)
    rate(store, at=NOON + timedelta(days=1))
    assert not store.read_only
    assert len(store.reviews(["wright-brothers"], NOON)) == 2
    store.close()
    with ProgressStore(db) as reopened:
        assert not reopened.read_only  # and the lock was let go on close


def test_a_store_that_fails_to_open_keeps_no_lock(db):
    db.parent.mkdir(parents=True)
    db.mkdir()
    with pytest.raises(StudyError):
        ProgressStore(db)
    db.rmdir()
    with ProgressStore(db) as first:
        assert not first.read_only


# ------------------------------------------------ two windows without the lock (e.g. no fcntl)


@pytest.fixture
def no_lock(monkeypatch):
    """As on a system without advisory locks: both windows may write, only the checks protect."""
    monkeypatch.setattr(writer_lock, "fcntl", None)


def window(db: Path, clock: list[datetime]) -> ReviewSession:
    deck = make_deck(wright_deck().cards[:1])
    return ReviewSession(ProgressStore(db), [deck], clock=lambda: clock[0], scheduler=make_scheduler(False))


def test_a_rating_never_overwrites_one_given_in_another_window(db, no_lock):
    now = [NOON]
    first, second = window(db, now), window(db, now)
    card = first.current
    assert card is not None and second.current == card
    first.reveal()
    first.rate(Rating.Good)
    second.reveal()
    with pytest.raises(ProgressConflictError, match="rated in another quizgen window"):
        second.rate(Rating.Easy)
    saved = second.store.card_state(card.key)
    assert saved is not None and saved.to_dict() == first.states[card.key].to_dict()
    assert second.states[card.key].to_dict() == saved.to_dict()  # the second window now shows it
    [logged] = first.store.reviews([card.deck_id], NOON - timedelta(days=1))
    assert logged.rating is Rating.Good


def test_undo_never_restores_a_state_over_a_newer_rating(db, no_lock):
    now = [NOON]
    first = window(db, now)
    card = first.current
    assert card is not None
    first.reveal()
    first.rate(Rating.Again)
    rated_first = first.states[card.key]
    now[0] = NOON + timedelta(minutes=5)
    second = window(db, now)  # opened later: sees the first window's rating
    assert second.current == card and not second.is_new
    second.reveal()
    second.rate(Rating.Good)
    newer = second.states[card.key]
    with pytest.raises(ProgressConflictError, match="cannot be undone"):
        first.undo()
    assert not first.can_undo
    kept = first.store.card_state(card.key)
    assert kept is not None and kept.to_dict() == newer.to_dict()
    assert len(first.store.reviews([card.deck_id], NOON - timedelta(days=1))) == 2  # log and state agree
    second.undo()  # the latest rating can still be taken back, where it was given
    restored = second.store.card_state(card.key)
    assert restored is not None and restored.to_dict() == rated_first.to_dict()


# ----------------------------------------------------------------------- schema 1 files


SCHEMA_1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE card_state (deck_id TEXT NOT NULL, card_id TEXT NOT NULL, fsrs TEXT NOT NULL,
    due REAL NOT NULL, PRIMARY KEY (deck_id, card_id));
CREATE TABLE review_log (id INTEGER PRIMARY KEY AUTOINCREMENT, deck_id TEXT NOT NULL,
    card_id TEXT NOT NULL, rating INTEGER NOT NULL, reviewed_at REAL NOT NULL, previous TEXT,
    previous_state INTEGER);
CREATE TABLE quiz_session (id TEXT PRIMARY KEY, started_at REAL NOT NULL, finished_at REAL);
CREATE TABLE quiz_answer (session_id TEXT NOT NULL REFERENCES quiz_session (id),
    deck_id TEXT NOT NULL, card_id TEXT NOT NULL, correct INTEGER NOT NULL, exact INTEGER NOT NULL,
    response TEXT NOT NULL, answered_at REAL NOT NULL);
INSERT INTO meta VALUES ('schema_version', '1');
"""


def schema_1_file(db: Path) -> None:
    """A progress file as quizgen wrote it before schema 2: one rating, one quiz answer."""
    db.parent.mkdir(parents=True, exist_ok=True)
    after, _ = make_scheduler(fuzz=False).review_card(
        new_fsrs_card(KEY, NOON), Rating.Good, review_datetime=NOON
    )
    conn = sqlite3.connect(db)
    conn.executescript(SCHEMA_1)
    conn.execute("INSERT INTO card_state VALUES (?, ?, ?, ?)", (*KEY, after.to_json(), after.due.timestamp()))
    conn.execute(
        "INSERT INTO review_log (deck_id, card_id, rating, reviewed_at) VALUES (?, ?, 3, ?)",
        (*KEY, NOON.timestamp()),
    )
    conn.execute("INSERT INTO quiz_session VALUES ('s1', ?, NULL)", (NOON.timestamp(),))
    conn.execute("INSERT INTO quiz_answer VALUES ('s1', ?, ?, 0, 0, 'nowhere', ?)", (*KEY, NOON.timestamp()))
    conn.commit()
    conn.close()


def test_a_schema_1_file_is_read_as_it_is_when_read_only(db):
    schema_1_file(db)
    before = db.read_bytes()
    with ProgressStore(db, read_only=True) as store:
        assert KEY in store.card_states(["wright-brothers"])
        assert store.last_quiz_score(KEY[0]) is not None
        assert store.overridden_answers(KEY[0]) == []
    assert db.read_bytes() == before


def test_a_schema_1_file_is_migrated_keeping_everything(db):
    schema_1_file(db)
    with ProgressStore(db) as store:
        assert KEY in store.card_states(["wright-brothers"])
        score = store.last_quiz_score(KEY[0])
        assert score is not None and (score.correct, score.answered) == (0, 1)
        assert store.undo_rating(1) is None  # a rating from before the migration can be undone
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(
        SCHEMA_VERSION
    )
    columns = {row[1] for row in conn.execute("PRAGMA table_info(quiz_answer)")}
    assert "overridden" in columns
    assert conn.execute("SELECT overridden FROM quiz_answer").fetchall() == [(0,)]
