"""Export decks to an Anki package (.apkg) that imports cleanly and updates in place.

Which cards become which notes, what the fields hold and in which order new cards come is decided
in `quizgen.export.anki_notes` (one note per sentence for cloze cards); this module turns those
notes into a package.

How re-imports behave, and why:

- A note's GUID is stable across regenerations (it comes from a card id, see `anki_notes`), so
  Anki recognises a note it has seen before instead of adding a duplicate.
- Anki updates an existing note only when the incoming note's modification time is newer than
  the collection's copy ("always update" mode: when it differs). genanki stamps every note with the
  build time, so every export looks newer than the collection and overwrites the learner's edits,
  or, once the learner's copy is newer, never updates at all. quizgen stamps each note with its
  cards' `Revision.modified` instead (see `quizgen.generate.revisions` and
  `anki_notes.note_modified`): the time the cards' rendered content last changed. Re-importing an
  unchanged deck therefore changes nothing, and a card whose wording changed updates in place. The
  fields also depend on how a card is rendered into them; when that changes in a way existing
  notes must receive, `anki_notes.FIELDS_REVISED` is raised.
- Note types carry fixed ids and a fixed modification time (see `anki_templates`), so Anki
  neither duplicates them nor overwrites a learner's template tweaks on every import.
- Deck ids are derived from the deck id; Anki matches decks by name on import, and the names are
  derived from the deck titles, so they are stable too. Each article deck carries a description
  (article, source, card counts), which Anki replaces on every import.
- New-card order follows deck order, with notes from one sentence kept apart: each note's cards
  get its position as their due number.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import sqlite3
import tempfile
import time
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import genanki

from quizgen.errors import ExportError
from quizgen.export.anki_notes import DeckPlan, PlannedNote, plan_deck
from quizgen.export.anki_templates import NOTE_TYPES, TEMPLATES_REVISED, NoteTypeSpec
from quizgen.models import Deck
from quizgen.words import counted

DEFAULT_PARENT_DECK = "quizgen"


@dataclass(frozen=True)
class AnkiOptions:
    """How to build the package."""

    deck_name: str | None = None
    """Name of the parent deck the article decks go under (default: ``quizgen``)."""
    type_answers: bool = False
    """Short-answer cards ask the learner to type the answer (note type ``quizgen Basic (type answer)``)."""


@dataclass(frozen=True)
class AnkiExportReport:
    """What was written: notes per note type, and how many cards Anki will make of them."""

    path: Path
    decks: int
    notes: dict[str, int]
    cards: int
    stale_revisions: int = 0
    """Cards whose content no longer matches their revision's hash (a hand-edited deck file)."""
    folded: int = 0
    """Short-answer or multiple-choice cards left out: an earlier card of the deck asks the same fact."""

    @property
    def warnings(self) -> list[str]:
        """Things the user should know about the package (printed after the summary)."""
        warnings = []
        if self.stale_revisions:
            warnings.append(
                f"{counted(self.stale_revisions, 'card')} no longer match the content their revision "
                "records (edited by hand?); their revision time did not advance, so Anki keeps its copy "
                "of those notes"
            )
        if self.folded:
            warnings.append(
                f"{counted(self.folded, 'card')} left out: each asks a fact an earlier card of its deck "
                "already asks in another form (Anki gets one card per fact)"
            )
        return warnings

    @property
    def total_notes(self) -> int:
        return sum(self.notes.values())

    def summary(self) -> str:
        """One line for the CLI."""
        per_type = ", ".join(f"{count} {name}" for name, count in self.notes.items())
        return (
            f"wrote {self.path}: {counted(self.decks, 'deck')}, {counted(self.total_notes, 'note')} "
            f"({per_type}), {counted(self.cards, 'card')}"
        )


@dataclass
class _Built:
    decks: list[Any] = field(default_factory=list)
    notes: Counter[str] = field(default_factory=Counter)
    cards: int = 0
    stale: int = 0
    folded: int = 0


def export_anki(decks: list[Deck], path: Path, options: AnkiOptions) -> AnkiExportReport:
    """Write ``decks`` to one .apkg at ``path``: one sub-deck per deck under a parent deck."""
    path = _checked_output(Path(path))
    if not decks:
        raise ExportError("there are no decks to export")
    built = _build(decks, options)
    _write_package(built.decks, path)
    return AnkiExportReport(
        path=path,
        decks=len(decks),
        notes=dict(built.notes),
        cards=built.cards,
        stale_revisions=built.stale,
        folded=built.folded,
    )


# ------------------------------------------------------------------------------------ identities


def anki_id(kind: str, key: str) -> int:
    """A stable id in ``[2**30, 2**31)`` (the range genanki recommends) for a deck or anything else."""
    digest = hashlib.sha256(f"quizgen\x1f{kind}\x1f{key}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


def parent_deck_name(options: AnkiOptions) -> str:
    """The parent deck's name, with empty ``::`` components dropped."""
    raw = options.deck_name if options.deck_name is not None else DEFAULT_PARENT_DECK
    parts = [" ".join(part.replace("<", "").replace(">", "").split()) for part in raw.split("::")]
    parts = [part for part in parts if part]
    if not parts:
        raise ExportError(f"{raw!r} is not a usable deck name", hint="give --deck-name some text")
    return "::".join(parts)


def _deck_title(deck: Deck) -> str:
    # "::" would nest the deck one level deeper than intended; deck names are plain text, and
    # angle brackets are dropped so that no Anki screen can mistake a title for markup.
    title = deck.title.replace("::", ":").replace("<", "").replace(">", "")
    return " ".join(title.split()) or deck.id


# --------------------------------------------------------------------------------------- genanki


class _FixedTimeModel(genanki.Model):
    """A genanki model stamped with `TEMPLATES_REVISED` rather than the build time."""

    def to_json(self, timestamp: float, deck_id: int) -> dict[str, Any]:
        return dict(super().to_json(TEMPLATES_REVISED, deck_id))


class _RevisedNote(genanki.Note):
    """A genanki note stamped with its cards' revision time rather than the build time."""

    def __init__(self, modified: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.modified = modified

    def write_to_db(self, cursor: Any, timestamp: float, deck_id: int, id_gen: Any) -> None:
        super().write_to_db(cursor, self.modified, deck_id, id_gen)


def _genanki_model(spec: NoteTypeSpec) -> Any:
    return _FixedTimeModel(
        model_id=spec.model_id,
        name=spec.name,
        fields=[{"name": name} for name in spec.fields],
        templates=[{"name": name, "qfmt": qfmt, "afmt": afmt} for name, qfmt, afmt in spec.templates],
        css=spec.css,
        model_type=genanki.Model.CLOZE if spec.cloze else genanki.Model.FRONT_BACK,
        sort_field_index=spec.sort_field_index,
    )


def _deck_names(decks: list[Deck], parent: str) -> list[str]:
    titles = [_deck_title(deck) for deck in decks]
    repeated = {title for title, count in Counter(t.casefold() for t in titles).items() if count > 1}
    return [
        f"{parent}::{title} ({deck.id})" if title.casefold() in repeated else f"{parent}::{title}"
        for deck, title in zip(decks, titles, strict=True)
    ]


def _check_unique(decks: list[Deck]) -> None:
    deck_ids: set[str] = set()
    card_owner: dict[str, str] = {}
    for deck in decks:
        if deck.id in deck_ids:
            raise ExportError(f"deck {deck.id!r} is given twice", hint="give each deck file once")
        deck_ids.add(deck.id)
        if not deck.cards:
            raise ExportError(f"deck {deck.id!r} has no cards", hint="regenerate it or leave it out")
        if not deck.included_cards():
            raise ExportError(
                f"every card of deck {deck.id!r} is excluded (quizgen pick)",
                hint="include some of its cards, or leave it out",
            )
        for card in deck.cards:
            other = card_owner.setdefault(card.id, deck.id)
            if other != deck.id:
                raise ExportError(
                    f"card {card.id} is in both deck {other!r} and deck {deck.id!r}",
                    hint="two decks made from the same article cannot go into one package",
                )


def _genanki_note(note: PlannedNote, deck: Deck, models: dict[int, Any], due: int) -> Any:
    made = _RevisedNote(
        modified=note.modified,
        model=models[note.spec.model_id],
        fields=list(note.fields),
        tags=list(note.tags),
        guid=note.guid,
        due=due,
    )
    if len(made.cards) != note.anki_cards:
        # genanki silently writes notes that make no card; Anki would then drop or flag them.
        raise ExportError(
            f"card {note.cards[0].id} of deck {deck.id!r} would make no Anki card",
            hint="fix or remove the card in the deck file",
        )
    return made


def _build(decks: list[Deck], options: AnkiOptions) -> _Built:
    _check_unique(decks)
    parent = parent_deck_name(options)
    models = {spec.model_id: _genanki_model(spec) for spec in NOTE_TYPES}
    plans: list[DeckPlan] = [plan_deck(deck, options.type_answers) for deck in decks]
    built = _Built()
    # The parent is written too, so that it gets a stable id rather than one Anki makes up.
    built.decks.append(genanki.Deck(anki_id("parent-deck", parent), parent))
    position = itertools.count(1)
    for plan, name in zip(plans, _deck_names(decks, parent), strict=True):
        anki_deck = genanki.Deck(anki_id("deck", plan.deck.id), name, description=plan.description())
        for note in plan.notes:
            anki_deck.add_note(_genanki_note(note, plan.deck, models, due=next(position)))
            built.notes[note.spec.name] += 1
            built.cards += note.anki_cards
        built.stale += sum(
            1
            for note in plan.notes
            for card in note.cards
            if card.revision is not None and card.revision.content_hash != card.content_hash()
        )
        built.folded += len(plan.folded)
        built.decks.append(anki_deck)
    return built


# ---------------------------------------------------------------------------------------- output


def _checked_output(path: Path) -> Path:
    if path.is_dir():
        raise ExportError(f"{path} is a folder", hint="give -o a file name ending in .apkg")
    if path.suffix.lower() != ".apkg":
        raise ExportError(f"{path} does not end in .apkg", hint="Anki imports packages named NAME.apkg")
    return path


def _file_mode() -> int:
    current = os.umask(0)
    os.umask(current)
    return 0o666 & ~current


def _write_package(decks: list[Any], path: Path) -> None:
    """Write the package atomically: a temp file in the target folder, then `os.replace`.

    genanki's own ``Package.write_to_file`` builds its SQLite file with ``mkstemp`` and never
    deletes it, so the collection is built here in a temporary folder that is cleaned up.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with tempfile.TemporaryDirectory(prefix="quizgen-anki-") as work:
            collection = Path(work) / "collection.anki2"
            connection = sqlite3.connect(collection)
            try:
                now = time.time()
                genanki.Package(decks).write_to_db(connection.cursor(), now, itertools.count(int(now * 1000)))
                connection.commit()
            finally:
                connection.close()
            with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                archive.write(collection, "collection.anki2")
                archive.writestr("media", "{}")
        os.chmod(tmp, _file_mode())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
