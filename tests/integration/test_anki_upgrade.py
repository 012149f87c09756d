"""Importing into a collection that already holds quizgen notes: what a learner who upgrades, or
switches to ``--type-answers``, experiences in real Anki (and what the README promises).

The collections are made by importing a package of the kind quizgen wrote before sentence notes
(`legacy_package`: one note per card, the note types and GUIDs of that version), then today's.
"""

from __future__ import annotations

import html
import itertools
import re
import sqlite3
import tempfile
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import genanki
import pytest

from quizgen.export.anki import AnkiOptions, export_anki
from quizgen.export.anki_notes import card_guid, plan_deck
from quizgen.models import Card, Deck

SENTENCE = (
    "On 20 July Armstrong and Aldrin climbed into Eagle, separated from Columbia and began their descent."
)
LAUNCH = "Apollo 11 lifted off from the Kennedy Space Center at 9:32 a.m. on 16 July 1969."


# --------------------------------------------------------------------------- yesterday's package

_LEGACY_TIME = 1_735_689_600  # the note types' and notes' earliest time in that version
_LEGACY_FRONT = '<div class="qg qg-front"><div class="qg-prompt">{{%s}}</div>%s</div>'
_LEGACY_BACK = '{{FrontSide}}<hr id="answer"><div class="qg-result">{{%s}}</div>{{Context}} {{Source}}'
_LEGACY_TYPES = {
    "basic": (1_716_110_702, "quizgen Basic", ("Front", "Back", "Context", "Source"), "Question"),
    "typed": (
        1_339_619_124,
        "quizgen Basic (type answer)",
        ("Front", "Back", "Context", "Source"),
        "Question",
    ),
    "cloze": (1_546_106_794, "quizgen Cloze", ("Text", "Back Extra", "Context", "Source"), "Cloze"),
    "choice": (
        2_108_256_501,
        "quizgen Multiple Choice",
        ("Question", "Choices", "Answer", "Context", "Source"),
        "Multiple choice",
    ),
}


class _LegacyModel(genanki.Model):
    def to_json(self, timestamp: float, deck_id: int) -> dict[str, Any]:
        return dict(super().to_json(_LEGACY_TIME, deck_id))


class _LegacyNote(genanki.Note):
    def write_to_db(self, cursor: Any, timestamp: float, deck_id: int, id_gen: Any) -> None:
        super().write_to_db(cursor, self.modified, deck_id, id_gen)


def _legacy_model(key: str) -> Any:
    model_id, name, fields, template = _LEGACY_TYPES[key]
    if key == "cloze":
        qfmt, afmt = _LEGACY_FRONT % ("cloze:Text", ""), _LEGACY_FRONT % ("cloze:Text", "") + "{{Back Extra}}"
    elif key == "choice":
        qfmt, afmt = _LEGACY_FRONT % ("Question", "{{Choices}}"), _LEGACY_BACK % "Answer"
    else:
        qfmt = _LEGACY_FRONT % ("Front", "{{type:Back}}" if key == "typed" else "")
        afmt = _LEGACY_BACK % "Back"
    return _LegacyModel(
        model_id,
        name,
        fields=[{"name": field} for field in fields],
        templates=[{"name": template, "qfmt": qfmt, "afmt": afmt}],
        model_type=genanki.Model.CLOZE if key == "cloze" else genanki.Model.FRONT_BACK,
    )


def _legacy_fields(card: Card, source: str) -> tuple[str, list[str]]:
    """A card's note type and fields as quizgen wrote them then: quotes escaped too, alternatives
    inside the answer field, true/false label inside the question field."""
    text = html.escape
    also = [a for a in card.accepted_answers if a != card.answer]
    back = text(card.answer) + (
        f'<div class="qg-also">also accepted: {text(", ".join(also))}</div>' if also else ""
    )
    if card.kind == "cloze":
        assert card.cloze is not None
        return "cloze", [text(card.cloze), back.removeprefix(text(card.answer)), "", text(source)]
    if card.kind == "multiple_choice":
        items = "".join(
            f'<li class="qg-choice"><span class="qg-letter">{"ABCD"[i]}</span> {text(c)}</li>'
            for i, c in enumerate(card.choices)
        )
        letter = "ABCD"[card.choices.index(card.answer)]
        answer = f'<span class="qg-letter">{letter}</span> {text(card.answer)}'
        return "choice", [
            text(card.question),
            f'<ol class="qg-choices">{items}</ol>',
            answer,
            text(card.context),
            text(source),
        ]
    front = text(card.question)
    if card.kind == "true_false":
        front = '<div class="qg-label">True or false?</div>' + text(card.question.split(": ", 1)[1])
    return "basic", [front, back, text(card.context), text(source)]


def legacy_package(deck: Deck, path: Path, type_answers: bool = False) -> Path:
    """``deck`` as quizgen wrote it before sentence notes: one note per card, GUID from the card id,
    note types with the ids and fields of then, notes dated by their card's revision."""
    models = {key: _legacy_model(key) for key in _LEGACY_TYPES}
    anki_deck = genanki.Deck(2_000_000_001, f"quizgen::{deck.title}")
    for due, card in enumerate(deck.included_cards(), start=1):
        key, fields = _legacy_fields(card, deck.sources[0].title)
        if key == "basic" and type_answers:
            key = "typed"
        note = _LegacyNote(
            model=models[key],
            fields=fields,
            guid=card_guid(card),
            due=due,
            tags=[
                f"quizgen::{deck.id}",
                f"quizgen::kind::{card.kind}",
                *(f"quizgen::{tag}" for tag in card.tags),
            ],
        )
        note.modified = max(card.revision.modified if card.revision else 0, _LEGACY_TIME)
        anki_deck.add_note(note)
    with tempfile.TemporaryDirectory() as work:
        database = Path(work) / "collection.anki2"
        connection = sqlite3.connect(database)
        genanki.Package(anki_deck).write_to_db(connection.cursor(), 0, itertools.count(1_700_000_000_000))
        connection.commit()
        connection.close()
        with zipfile.ZipFile(path, "w") as archive:
            archive.write(database, "collection.anki2")
            archive.writestr("media", "{}")
    return path


# ------------------------------------------------------------------------------------- helpers


@pytest.fixture
def import_merging() -> Any:
    """``import_merging(col, path)``: File → Import with "Merge note types" ticked."""
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest
    from anki.import_export_pb2 import IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER

    def run(collection: Any, path: Path) -> Any:
        options = ImportAnkiPackageOptions(
            merge_notetypes=True,
            update_notes=IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
            update_notetypes=IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
            with_scheduling=False,
            with_deck_configs=False,
        )
        return collection.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(path), options=options)
        ).log

    return run


def _apollo(make_card: Any, make_deck: Any, *extra: Card) -> Deck:
    cards = [
        make_card("eagle", "cloze", context=SENTENCE, answer="Eagle", group="landing"),
        make_card("columbia", "cloze", context=SENTENCE, answer="Columbia", group="landing"),
        make_card("july", "cloze", context=SENTENCE, answer="20 July", group="landing"),
        make_card(
            "who",
            context=SENTENCE,
            answer="Armstrong and Aldrin",
            accepted_answers=["Aldrin and Armstrong"],
            group="landing",
            question="Who climbed into the lunar module?",
        ),
        make_card("kennedy", "cloze", context=LAUNCH, answer="the Kennedy Space Center", group="launch"),
        make_card("time", "multiple_choice", context=LAUNCH, answer="9:32 a.m.", group="launch"),
        make_card(
            "day",
            "true_false",
            context=LAUNCH,
            question=f"True or false: {LAUNCH.replace('16 July', '18 July')}",
            group="launch",
        ).model_copy(update={"answer": "False"}),
        *extra,
    ]
    return make_deck("apollo", cards, title="Apollo 11")


def _fronts(col: Any, parse_html: Any) -> Counter[str]:
    """Every card's question as the learner reads it (spacing aside)."""
    return Counter(
        "".join(parse_html(col.get_card(cid).question()).text.split()) for cid in col.find_cards("")
    )


def _duplicates(col: Any, parse_html: Any) -> int:
    return sum(count - 1 for count in _fronts(col, parse_html).values())


def _review(col: Any, card: Any) -> Any:
    card.start_timer()
    col.sched.answerCard(card, 3)
    return col.get_card(card.id)


def _card_of(col: Any, guid: str, ordinal: int = 0) -> Any:
    [nid] = col.db.list("select id from notes where guid = ?", guid)
    return next(card for card in col.get_note(nid).cards() if card.ord == ordinal)


def _types(col: Any) -> Counter[str]:
    return Counter(col.get_note(nid).note_type()["name"] for nid in col.find_notes(""))


# ------------------------------------------------------------------------- upgrading, issue 6


def test_importing_over_one_note_per_card_notes_adds_no_duplicate(
    tmp_path, make_card, make_deck, anki_collection, import_package, learner_edit, parse_html
) -> None:
    deck = _apollo(make_card, make_deck)
    import_package(anki_collection, legacy_package(deck, tmp_path / "yesterday.apkg"))
    assert (
        anki_collection.note_count(),
        anki_collection.card_count(),
        _duplicates(anki_collection, parse_html),
    ) == (
        7,
        7,
        0,
    )
    reviewed = _review(anki_collection, _card_of(anki_collection, card_guid(deck.cards[1])))
    who = _card_of(anki_collection, card_guid(deck.cards[3])).note()
    learner_edit(anki_collection, who, "Back", "Armstrong and Aldrin (Collins stayed in orbit)")

    log = import_package(anki_collection, export_anki([deck], tmp_path / "today.apkg", AnkiOptions()).path)

    # today's package holds 5 notes: the sentence's three blanks are one note now
    assert len(plan_deck(deck).notes) == 5
    # nothing is added; the multiple-choice note (same note type as before) takes today's fields;
    # the others keep theirs, reported by Anki as conflicting (their note type changed)
    assert (len(log.new), len(log.updated), len(log.conflicting)) == (0, 1, 4)
    assert (anki_collection.note_count(), anki_collection.card_count()) == (7, 7)
    assert _duplicates(anki_collection, parse_html) == 0
    assert anki_collection.get_card(reviewed.id).type == reviewed.type != 0  # still reviewed
    assert anki_collection.get_note(who.id)["Back"] == "Armstrong and Aldrin (Collins stayed in orbit)"
    assert _types(anki_collection) == {"quizgen Cloze": 4, "quizgen Basic": 2, "quizgen Multiple Choice": 1}
    [choice] = anki_collection.find_notes('"note:quizgen Multiple Choice"')
    assert anki_collection.get_note(choice)["Answer"] == "9:32 a.m."

    # importing it again changes nothing; a card new in a later deck is added, in today's layout
    again = import_package(anki_collection, tmp_path / "today.apkg")
    assert (len(again.new), len(again.updated), len(again.conflicting)) == (0, 0, 4)
    recovery = make_card(
        "hornet", "cloze", context="The crew was recovered by USS Hornet.", answer="USS Hornet"
    )
    later = _apollo(make_card, make_deck, recovery)
    log = import_package(anki_collection, export_anki([later], tmp_path / "later.apkg", AnkiOptions()).path)
    assert len(log.new) == 1 and anki_collection.note_count() == 8
    assert _duplicates(anki_collection, parse_html) == 0
    assert "Sentence" in anki_collection.get_note(log.new[0].id.nid)


def test_merging_note_types_moves_old_notes_to_todays_and_the_readme_cleans_up(
    tmp_path, make_card, make_deck, anki_collection, import_package, import_merging, parse_html
) -> None:
    deck = _apollo(make_card, make_deck)
    import_package(anki_collection, legacy_package(deck, tmp_path / "yesterday.apkg"))
    first_blank = _review(anki_collection, _card_of(anki_collection, card_guid(deck.cards[2])))  # 20 July

    log = import_merging(anki_collection, export_anki([deck], tmp_path / "today.apkg", AnkiOptions()).path)

    assert (len(log.new), len(log.updated), len(log.conflicting)) == (0, 5, 0)
    by_name = _types(anki_collection)
    # the sentence's note gained the other two blanks; their old notes are still there
    assert by_name == {
        "quizgen Cloze+": 2,
        "quizgen Cloze": 2,
        "quizgen Basic+": 1,
        "quizgen True or False": 1,
        "quizgen Multiple Choice": 1,
    }
    assert _duplicates(anki_collection, parse_html) == 2
    # The README's next step: delete the notes still of the old cloze type.
    anki_collection.remove_notes(anki_collection.find_notes('"note:quizgen Cloze"'))

    assert _duplicates(anki_collection, parse_html) == 0
    assert (anki_collection.note_count(), anki_collection.card_count()) == (5, 7)
    sentence = _card_of(anki_collection, card_guid(deck.cards[2])).note()
    assert sentence["Text"].startswith("On {{c1::20 July}}") and len(sentence.cards()) == 3
    assert anki_collection.get_card(first_blank.id).type == first_blank.type != 0  # review kept
    who = _card_of(anki_collection, card_guid(deck.cards[3])).note()
    assert (who["Back"], who["Also accepted"]) == ("Armstrong and Aldrin", "Aldrin and Armstrong")
    [statement] = anki_collection.find_notes('"note:quizgen True or False"')
    assert "<mark" in anki_collection.get_note(statement)["Correction"]


# ---------------------------------------------------------------------- --type-answers, issue 7


def _typed_right(col: Any, note: Any, typed: str) -> bool:
    """Whether Anki's reviewer grades ``typed`` right against the note's ``Back`` (it compares with
    the whole field, markup stripped)."""
    expected = " ".join(html.unescape(re.sub(r"<[^>]*>", " ", note["Back"])).split())
    compared = col.compare_answer(expected, typed)
    return "typeBad" not in compared and "typeMissed" not in compared


def test_switching_to_typed_answers_with_merge_note_types(
    tmp_path, make_card, make_deck, anki_collection, import_package, import_merging, learner_edit
) -> None:
    deck = _apollo(make_card, make_deck)
    import_package(anki_collection, export_anki([deck], tmp_path / "plain.apkg", AnkiOptions()).path)
    who = _card_of(anki_collection, card_guid(deck.cards[3]))
    reviewed = _review(anki_collection, who)
    learner_edit(anki_collection, who.note(), "Context", "Collins stayed in Columbia.")
    typed_package = export_anki([deck], tmp_path / "typed.apkg", AnkiOptions(type_answers=True)).path

    # With the default options Anki refuses (the README says so): the note type differs.
    log = import_package(anki_collection, typed_package)
    assert (len(log.new), len(log.updated), len(log.conflicting)) == (0, 0, 1)
    assert who.note().note_type()["name"] == "quizgen Basic"

    log = import_merging(anki_collection, typed_package)

    note = anki_collection.get_note(who.nid)
    assert note.note_type()["name"] == "quizgen Basic (type answer)" and not log.new
    assert "[[type:Back]]" in anki_collection.get_card(who.id).question()
    assert anki_collection.get_card(who.id).type == reviewed.type != 0  # review history kept
    assert _typed_right(anki_collection, note, "Armstrong and Aldrin")
    assert note["Context"] == "Collins stayed in Columbia."  # the learner's edit is kept
    assert [m["name"] for m in anki_collection.models.all() if m["name"] == "quizgen Basic"] == []

    # and back again, the same way
    import_merging(anki_collection, export_anki([deck], tmp_path / "plain2.apkg", AnkiOptions()).path)
    assert anki_collection.get_note(who.nid).note_type()["name"] == "quizgen Basic"
    assert anki_collection.note_count() == 5 and anki_collection.card_count() == 7


def test_yesterdays_answer_field_could_not_be_typed_right(
    tmp_path, make_card, make_deck, anki_collection, import_package, import_merging
) -> None:
    """The failure the previous test guards against: an answer field that carried its alternatives."""
    deck = _apollo(make_card, make_deck)
    import_package(anki_collection, legacy_package(deck, tmp_path / "yesterday.apkg", type_answers=True))
    note = _card_of(anki_collection, card_guid(deck.cards[3])).note()
    assert not _typed_right(anki_collection, note, "Armstrong and Aldrin")

    import_merging(
        anki_collection, export_anki([deck], tmp_path / "today.apkg", AnkiOptions(type_answers=True)).path
    )

    note = anki_collection.get_note(note.id)
    assert note.note_type()["name"].startswith("quizgen Basic (type answer)")
    assert _typed_right(anki_collection, note, "Armstrong and Aldrin")
