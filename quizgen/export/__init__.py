"""Exporters: decks → files other tools read (one module per format).

`EXPORTERS` maps a format name (what ``quizgen export --to`` accepts) to a function that writes
decks in that format. A new format is one module plus one entry here; the CLI needs no change.
Format modules are imported only when used, so that importing this package stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from quizgen.errors import DeckError, ExportError
from quizgen.models import Deck


@dataclass(frozen=True)
class ExportOptions:
    """Options the CLI passes on; each format uses the ones that apply to it."""

    deck_name: str | None = None
    type_answers: bool = False


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

    return export_anki(
        decks, path, AnkiOptions(deck_name=options.deck_name, type_answers=options.type_answers)
    )


EXPORTERS: dict[str, Exporter] = {"anki": _export_anki}

# Formats announced but not written yet, so that asking for one gets a clear answer.
PLANNED_FORMATS: tuple[str, ...] = ("gift", "moodle", "qti", "csv", "worksheet")


def exporter_for(name: str) -> Exporter:
    """The exporter for a format name, or an `ExportError` that lists the formats there are."""
    key = name.strip().lower()
    available = ", ".join(EXPORTERS)
    if key in EXPORTERS:
        return EXPORTERS[key]
    if key in PLANNED_FORMATS:
        raise ExportError(f"export to {key!r} is not available yet", hint=f"available formats: {available}")
    raise ExportError(f"unknown export format {name!r}", hint=f"available formats: {available}")


def collect_decks(paths: list[Path]) -> list[Deck]:
    """Load the decks named: files as given, folders as every ``*.json`` in them (sorted by name)."""
    from quizgen.models import deck_files_in, load_deck, unique_paths

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
    return [load_deck(file) for file in unique_paths(files)]


def export_decks(format_name: str, paths: list[Path], output: Path, options: ExportOptions) -> ExportReport:
    """Load the decks at ``paths`` and write them to ``output`` in the named format."""
    exporter = exporter_for(format_name)
    if not paths:
        raise ExportError("no decks to export", hint="give one or more deck files or folders")
    return exporter(collect_decks(paths), output, options)
