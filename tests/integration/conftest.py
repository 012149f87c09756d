"""Shared fixtures for integration tests: an isolated user-data folder, hand-made decks, and a
fresh real Anki collection to import packages into."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from tmux_terminal import terminal  # noqa: F401 (the real-terminal fixture of the tmux tests)

from quizgen.generate.revisions import FIRST_SEEN
from quizgen.models import Card, CardSource, Deck, Generator, Revision, SourceInfo, Span


@pytest.fixture(autouse=True)
def _isolated_quizgen_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "quizgen-home"
    monkeypatch.setenv("QUIZGEN_HOME", str(home))
    return home


def _make_card(card_id: str, kind: str = "short_answer", **overrides: Any) -> Card:
    """A valid card of ``kind`` whose text can be overridden field by field."""
    context = overrides.pop("context", "The meeting was held in Tokyo on Sunday.")
    answer = overrides.pop("answer", "Tokyo")
    start = context.find(answer)
    fields: dict[str, Any] = {
        "id": card_id,
        "kind": kind,
        "question": f"Where was meeting {card_id} held?",
        "answer": answer,
        "context": context,
        "highlight": Span(start=start, end=start + len(answer)) if start >= 0 else None,
        "source": CardSource(source_id="article", sentence=0, start=0, end=len(context)),
        "fact_id": f"fact-{card_id}",
        "tags": ["fact::location"],
        "difficulty": 0.4,
        "score": 1.0,
    }
    if kind == "multiple_choice":
        fields["choices"] = ["Osaka", answer, "Kyoto", "Nagoya"]
    elif kind == "true_false":
        fields["question"] = f"True or false: Meeting {card_id} was held in {answer}."
        fields["answer"] = "True"
    elif kind == "cloze":
        fields["question"] = context.replace(answer, "_____", 1)
        fields["cloze"] = context.replace(answer, f"{{{{c1::{answer}}}}}", 1)
    fields.update(overrides)
    card = Card(**fields)
    return card.model_copy(
        update={"revision": Revision(content_hash=card.content_hash(), modified=FIRST_SEEN)}
    )


def _make_deck(
    deck_id: str, cards: list[Card], title: str | None = None, source_title: str = "An article"
) -> Deck:
    """A deck around ``cards`` with one source whose id matches the cards' source."""
    return Deck(
        id=deck_id,
        title=title if title is not None else deck_id.replace("-", " ").title(),
        generator=Generator(version="test", engine="hand", model="none"),
        sources=[
            SourceInfo(id="article", name="article.txt", title=source_title, sha256="0" * 64, words=100)
        ],
        cards=cards,
    )


@pytest.fixture
def make_card() -> Callable[..., Card]:
    """``make_card(card_id, kind="short_answer", **field_overrides)``: a valid hand-made card."""
    return _make_card


@pytest.fixture
def make_deck() -> Callable[..., Deck]:
    """``make_deck(deck_id, cards, title=None, source_title=...)``: a deck around hand-made cards."""
    return _make_deck


@pytest.fixture
def anki_collection(tmp_path: Path) -> Iterator[Any]:
    """A fresh, empty Anki collection in ``tmp_path`` (closed after the test)."""
    from anki.collection import Collection

    folder = tmp_path / "anki-profile"
    folder.mkdir()
    collection = Collection(str(folder / "collection.anki2"))
    try:
        yield collection
    finally:
        collection.close()


@pytest.fixture
def import_package() -> Callable[..., Any]:
    """``import_package(col, path, update_notes="if_newer")`` imports like File → Import does and
    returns the import log (``.new``, ``.updated``, ``.duplicate``, ``.conflicting``)."""
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest
    from anki.import_export_pb2 import (
        IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_ALWAYS,
        IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
    )

    conditions = {
        "if_newer": IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
        "always": IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_ALWAYS,
    }

    def run(collection: Any, path: Path, update_notes: str = "if_newer") -> Any:
        options = ImportAnkiPackageOptions(
            merge_notetypes=False,
            update_notes=conditions[update_notes],
            update_notetypes=IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
            with_scheduling=False,
            with_deck_configs=False,
        )
        request = ImportAnkiPackageRequest(package_path=str(path), options=options)
        return collection.import_anki_package(request).log

    return run


class RenderedHtml(HTMLParser):
    """Tags, attribute names and visible text of rendered card HTML (style contents are not text)."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self._text: list[str] = []
        self._in_style = False
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(name for name, _ in attrs)
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if not self._in_style:
            self._text.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self._text).split())


@pytest.fixture
def parse_html() -> Callable[[str], RenderedHtml]:
    """``parse_html(markup)``: the tags, attribute names and visible text of some HTML."""
    return RenderedHtml


def _edit_note_in_the_past(
    collection: Any, note: Any, field: str, value: str, seconds_ago: int = 3600
) -> None:
    note[field] = value
    collection.update_note(note)
    # Dated in the past, so that any package built during the test is newer than the edit.
    collection.db.execute("update notes set mod = ? where id = ?", int(time.time()) - seconds_ago, note.id)


@pytest.fixture
def learner_edit() -> Callable[..., None]:
    """``learner_edit(col, note, field, value)``: the learner edits a note in Anki (an hour ago)."""
    return _edit_note_in_the_past
