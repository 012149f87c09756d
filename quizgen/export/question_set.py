"""Writing a classroom question set: one file, or with ``--versions`` a folder of them, atomically.

A format module supplies a `SheetFormat`: its name, file extension, which cards it skips and how
it renders one version to bytes. Everything is rendered before anything is written, so a card a
format cannot render leaves no half-written output behind; each file is written to a temporary
name and renamed into place, and a new versions folder is filled under a temporary name and
renamed as a whole.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from quizgen.errors import ExportError
from quizgen.export.selection import (
    KIND_NAMES,
    QuestionSet,
    SelectionOptions,
    SkipReason,
    Version,
    build_question_set,
)
from quizgen.models import Deck
from quizgen.words import counted

KEYS_FILE = "answer-keys.csv"
# Output names that are surely meant as files: with --versions, -o must name a folder instead.
FILE_SUFFIXES = frozenset(
    {".gift", ".txt", ".xml", ".zip", ".csv", ".tsv", ".xlsx", ".html", ".htm", ".pdf", ".md", ".apkg"}
)


@dataclass(frozen=True)
class SheetFormat:
    """What a classroom format module tells the writer."""

    name: str
    """The ``--to`` name."""
    extension: str
    """File suffix, with the dot."""
    render: Callable[[QuestionSet, Version], bytes]
    """One version (with its answer key, where the format holds one) as the file's bytes."""
    skip: SkipReason | None = None
    """Why a card cannot be asked in this format (None: every card can)."""
    check: Callable[[QuestionSet], list[str]] | None = None
    """Notices about the chosen questions as this format will write them (one line each)."""


@dataclass(frozen=True)
class QuestionSetReport:
    """What was written (the CLI prints `summary` and each warning)."""

    path: Path
    format_name: str
    files: tuple[Path, ...]
    question_set: QuestionSet
    format_notices: tuple[str, ...] = ()

    @property
    def warnings(self) -> list[str]:
        return [*self.question_set.notices, *self.format_notices]

    def summary(self) -> str:
        question_set = self.question_set
        counts = question_set.versions[0].kind_counts()
        kinds = ", ".join(f"{n} {KIND_NAMES[kind]}" for kind, n in sorted(counts.items()))
        questions = counted(question_set.question_count, "question")
        if len(self.files) == 1:
            return f"wrote {self.path}: {questions} ({kinds})"
        names = [file.name for file in self.files if file.name != KEYS_FILE]
        listed = ", ".join(names) if len(names) <= 2 else f"{names[0]} … {names[-1]}"
        return (
            f"wrote {self.path}: {len(question_set.versions)} versions of {questions} each ({kinds}): "
            f"{listed}, {KEYS_FILE}"
        )


def export_question_set(
    decks: Sequence[Deck], path: Path, sheet: SheetFormat, options: SelectionOptions
) -> QuestionSetReport:
    """Choose the questions, render every version, then write them (see the module docstring)."""
    path = Path(path)
    versioned = options.versions is not None
    _check_output(path, sheet, versioned)
    question_set = build_question_set(decks, options, sheet.name, sheet.skip)
    notices = tuple(sheet.check(question_set)) if sheet.check is not None else ()
    if not versioned:
        data = sheet.render(question_set, question_set.versions[0])
        write_file_atomically(path, data)
        return QuestionSetReport(path, sheet.name, (path,), question_set, notices)
    files = {
        f"version-{version.label}{sheet.extension}": sheet.render(question_set, version)
        for version in question_set.versions
    }
    files[KEYS_FILE] = answer_keys_csv(question_set)
    written = write_folder_atomically(path, files)
    return QuestionSetReport(path, sheet.name, written, question_set, notices)


def answer_keys_csv(question_set: QuestionSet) -> bytes:
    """Every version's answers, one row per question: what a teacher marks printed copies with."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["version", "number", "kind", "answer", "also accepted", "question"])
    for version in question_set.versions:
        for question in version.questions:
            writer.writerow(
                [
                    version.label,
                    question.number,
                    question.kind,
                    question.correct_label,
                    "; ".join(question.other_answers),
                    question.prompt,
                ]
            )
    return buffer.getvalue().encode("utf-8")


# ---------------------------------------------------------------------------------------- files


def _check_output(path: Path, sheet: SheetFormat, versioned: bool) -> None:
    if versioned:
        if path.exists() and not path.is_dir():
            raise ExportError(
                f"{path} is a file; with --versions, -o names a folder",
                hint="give -o a folder name, e.g. -o quiz-versions",
            )
        if path.suffix.lower() in FILE_SUFFIXES | {sheet.extension}:
            raise ExportError(
                f"with --versions, -o names a folder for one file per version, not a {path.suffix} file",
                hint=f"give -o a folder name, e.g. -o {path.stem or 'quiz'}-versions",
            )
    elif path.is_dir():
        raise ExportError(f"{path} is a folder", hint=f"give -o a file name, e.g. quiz{sheet.extension}")


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _file_mode() -> int:
    return 0o666 & ~_umask()


def _cannot_write(path: Path, exc: OSError) -> ExportError:
    hint = None
    if isinstance(exc, FileExistsError | NotADirectoryError):
        hint = "part of that path is a file, not a folder"
    return ExportError(f"cannot write {path}: {exc.strerror or exc}", hint=hint)


def write_file_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, _file_mode())
        os.replace(tmp_name, path)
    except OSError as exc:
        Path(tmp_name).unlink(missing_ok=True)
        raise _cannot_write(path, exc) from None
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def write_folder_atomically(folder: Path, files: dict[str, bytes]) -> tuple[Path, ...]:
    """Write ``files`` (name → bytes) into ``folder``.

    A new folder is filled under a temporary name beside it and renamed into place, so it appears
    complete or not at all; into an existing folder each file is written atomically.
    """
    if folder.is_dir():
        for name, data in files.items():
            write_file_atomically(folder / name, data)
        return tuple(folder / name for name in files)
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=folder.parent))
    except OSError as exc:
        raise _cannot_write(folder, exc) from None
    try:
        for name, data in files.items():
            (tmp / name).write_bytes(data)
            os.chmod(tmp / name, _file_mode())
        os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp makes it private; a folder made here is not
        os.rename(tmp, folder)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise _cannot_write(folder, exc) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return tuple(folder / name for name in files)
