"""Exporters: decks → files other tools read (one module per format).

`EXPORTERS` maps a format name (what ``quizgen export --to`` accepts) to a function that writes
decks in that format. A new format is one module plus one entry here; the CLI needs no change.
Format modules are imported only when used, so that importing this package stays cheap.

Besides Anki, the formats are classroom question sets (GIFT, Moodle XML, Aiken, QTI, CSV, Kahoot,
worksheets): each such module provides ``sheet_format(options)``, and all of them choose, order
and shuffle their questions through `quizgen.export.selection`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from quizgen.errors import DeckError, ExportError
from quizgen.models import Deck

if TYPE_CHECKING:
    from quizgen.export.question_set import SheetFormat
    from quizgen.export.selection import SelectionOptions


@dataclass(frozen=True)
class ExportOptions:
    """Options the CLI passes on; each format uses the ones that apply to it."""

    deck_name: str | None = None
    type_answers: bool = False
    kinds: tuple[str, ...] | None = None
    """Classroom formats: only cards of these kinds."""
    count: int | None = None
    """Classroom formats: the N best-ranked cards."""
    title: str | None = None
    points: float | None = None
    versions: int | None = None
    """Classroom formats: N shuffled versions, written to a folder."""
    seed: int | None = None
    siblings: bool = False
    """Classroom formats: also ask cards about a sentence another question asks about."""
    delimiter: str | None = None
    """CSV: the field delimiter."""

    def selection(self) -> SelectionOptions:
        """The options that choose and order a classroom question set."""
        from quizgen.export.selection import SelectionOptions

        return SelectionOptions(
            kinds=self.kinds,
            count=self.count,
            siblings=self.siblings,
            versions=self.versions,
            seed=self.seed,
            title=self.title,
            points=self.points,
        )

    def classroom_options_given(self) -> list[str]:
        """The classroom-only options that were given (the Anki export refuses them)."""
        given = {
            "--kinds": self.kinds is not None,
            "--count": self.count is not None,
            "--title": self.title is not None,
            "--points": self.points is not None,
            "--versions": self.versions is not None,
            "--seed": self.seed is not None,
            "--siblings": self.siblings,
            "--delimiter": self.delimiter is not None,
        }
        return [name for name, present in given.items() if present]


class ExportReport(Protocol):
    """What every exporter returns: enough to tell the user what was written."""

    @property
    def path(self) -> Path: ...

    @property
    def warnings(self) -> list[str]: ...

    def summary(self) -> str: ...


Exporter = Callable[[list[Deck], Path, ExportOptions], ExportReport]


def _export_anki(decks: list[Deck], path: Path, options: ExportOptions) -> ExportReport:
    from quizgen.export.anki import AnkiOptions, export_anki

    refused = options.classroom_options_given()
    if refused:
        raise ExportError(
            f"{', '.join(refused)} {'applies' if len(refused) == 1 else 'apply'} to the classroom formats, "
            "not to anki",
            hint="an Anki package holds every card of the decks; leave those options out",
        )

    return export_anki(
        decks, path, AnkiOptions(deck_name=options.deck_name, type_answers=options.type_answers)
    )


CLASSROOM_MODULES: dict[str, str] = {
    "gift": "gift",
    "moodle-xml": "moodle_xml",
    "aiken": "aiken",
    "qti": "qti",
    "csv": "flashcards_csv",
    "kahoot": "kahoot",
    "html": "worksheet_html",
    "pdf": "worksheet_pdf",
    "markdown": "worksheet_markdown",
}
"""The classroom formats (``--to`` name → module ``quizgen.export.<module>``), in the order listed."""


def _sheet_format(format_name: str, options: ExportOptions) -> SheetFormat:
    from importlib import import_module

    module = import_module(f"quizgen.export.{CLASSROOM_MODULES[format_name]}")
    sheet: SheetFormat = module.sheet_format(options)
    return sheet


def _classroom(format_name: str) -> Exporter:
    """The exporter of a classroom format (see `CLASSROOM_MODULES`)."""

    def export(decks: list[Deck], path: Path, options: ExportOptions) -> ExportReport:
        from quizgen.export.question_set import export_question_set

        return export_question_set(decks, path, _sheet_format(format_name, options), options.selection())

    return export


def file_extension(format_name: str) -> str:
    """The file suffix a format writes (``".gift"``), with the dot."""
    if format_name == "anki":
        return ".apkg"
    return _sheet_format(format_name, ExportOptions()).extension


EXPORTERS: dict[str, Exporter] = {
    "anki": _export_anki,
    **{name: _classroom(name) for name in CLASSROOM_MODULES},
}

# Other names people use for a format, so that ``--to moodle`` or ``--to md`` just works.
FORMAT_ALIASES: dict[str, str] = {"moodle": "moodle-xml", "moodlexml": "moodle-xml", "md": "markdown"}

# Formats announced but not written yet, so that asking for one gets a clear answer.
PLANNED_FORMATS: tuple[str, ...] = ()


def exporter_for(name: str) -> Exporter:
    """The exporter for a format name, or an `ExportError` that lists the formats there are."""
    key = name.strip().lower().replace("_", "-")
    key = FORMAT_ALIASES.get(key, key)
    available = ", ".join(EXPORTERS)
    if key in EXPORTERS:
        return EXPORTERS[key]
    if key in PLANNED_FORMATS:
        raise ExportError(f"export to {key!r} is not available yet", hint=f"available formats: {available}")
    raise ExportError(f"unknown export format {name!r}", hint=f"available formats: {available}")


def collect_decks(paths: list[Path]) -> list[Deck]:
    """Load the decks named: files as given, folders as every ``*.json`` in them (sorted by name)."""
    from quizgen.models import load_deck

    return [load_deck(file) for file in collect_deck_files(paths)]


def collect_deck_files(paths: list[Path]) -> list[Path]:
    """The deck files named: files as given, folders as every ``*.json`` in them, each file once."""
    from quizgen.models import deck_files_in, unique_paths

    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = deck_files_in(path)
            if not found:
                raise DeckError(f"{path} contains no deck files (*.json)")
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise DeckError(f"no such deck file or folder: {path}")
    return unique_paths(files)


def export_decks(format_name: str, paths: list[Path], output: Path, options: ExportOptions) -> ExportReport:
    """Load the decks at ``paths`` and write them to ``output`` in the named format."""
    exporter = exporter_for(format_name)
    if not paths:
        raise ExportError("no decks to export", hint="give one or more deck files or folders")
    return exporter(collect_decks(paths), output, options)
