"""The Anki export, checked by importing the package into a real Anki collection (hand-made decks).

What a learner would notice: the right notes and cards appear, every card renders its question
and answer, article text never turns into live markup, new cards come in deck order, and
importing again never duplicates notes or overwrites the learner's edits.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from quizgen.errors import ExportError
from quizgen.export.anki import AnkiOptions, export_anki
from quizgen.export.anki_fields import cloze_field
from quizgen.export.anki_notes import card_guid, plan_deck
from quizgen.export.anki_templates import (
    NOTE_TYPES,
    RETIRED_MODEL_IDS,
    TEMPLATES_FINGERPRINT,
    TEMPLATES_REVISED,
    templates_fingerprint,
)
from quizgen.generate.revisions import carry_revisions
from quizgen.models import Card, Deck

HOSTILE = "<script>alert(1)</script> Q&A <b>bold</b> <img src=x onerror=alert(2)> {{c2::trap}} }} a::b"
ALLOWED_TAGS = {"style", "div", "hr", "span", "mark", "del", "ol", "li", "input", "br"}


def _all_kinds_deck(make_card: Any, make_deck: Any) -> Deck:
    two_deletions = make_card(
        "cloze-two",
        "cloze",
        context="The canal opened in 1914 and was handed over in 1999.",
        answer="1914",
        cloze="The canal opened in {{c1::1914}} and was handed over in {{c2::1999}}.",
    )
    cards = [
        make_card("sa-1", accepted_answers=["Tokyo, Japan"]),
        make_card("mc-1", "multiple_choice"),
        make_card("tf-1", "true_false"),
        make_card("cloze-1", "cloze"),
        two_deletions,
        make_card("sa-2", context="Lloyd Austin is the U.S. Secretary of Defense.", answer="Lloyd Austin"),
    ]
    return make_deck("alliance", cards, title="Japan–US alliance", source_title="Japan and the US")


def _notes_by_guid(col: Any) -> dict[str, Any]:
    return {note.guid: note for note in (col.get_note(nid) for nid in col.find_notes(""))}


def _cards_of(note: Any) -> list[Any]:
    return sorted(note.cards(), key=lambda card: card.ord)


def test_notes_and_cards_per_kind(
    tmp_path: Path, make_card, make_deck, anki_collection, import_package
) -> None:
    deck = _all_kinds_deck(make_card, make_deck)
    report = export_anki([deck], tmp_path / "deck.apkg", AnkiOptions())

    log = import_package(anki_collection, report.path)

    assert len(log.new) == 6 and not log.updated and not log.duplicate and not log.conflicting
    types = Counter(
        anki_collection.get_note(nid).note_type()["name"] for nid in anki_collection.find_notes("")
    )
    assert types == {
        "quizgen Basic": 2,
        "quizgen True or False": 1,
        "quizgen Multiple Choice": 1,
        "quizgen Cloze": 2,
    }
    assert anki_collection.card_count() == 7  # the cloze note with two deletions makes two cards
    assert report.notes == dict(types) and report.cards == 7
    two = _notes_by_guid(anki_collection)[card_guid(deck.cards[4])]
    assert [card.ord for card in _cards_of(two)] == [0, 1]


def test_every_answer_is_on_a_rendered_card(
    tmp_path, make_card, make_deck, anki_collection, import_package, parse_html
) -> None:
    deck = _all_kinds_deck(make_card, make_deck)
    import_package(anki_collection, export_anki([deck], tmp_path / "deck.apkg", AnkiOptions()).path)
    notes = _notes_by_guid(anki_collection)

    for card in deck.cards:
        anki_cards = _cards_of(notes[card_guid(card)])
        assert anki_cards, card.id
        for anki_card in anki_cards:
            front, back = parse_html(anki_card.question()), parse_html(anki_card.answer())
            assert front.text, f"{card.id} has an empty front"
            assert "Japan and the US" in back.text  # the learner sees where the fact came from
            # ...with the answer highlighted in the source sentence (a cloze's own sentence shows it).
            assert "mark" in back.tags or 'class="cloze"' in anki_card.answer()
            if card.kind == "cloze":
                assert "[...]" in front.text
                assert back.text.count(card.context) == 1  # the sentence, shown once
                assert 'class="cloze"' in anki_card.answer()
            if card.kind == "multiple_choice":
                assert all(choice in front.text for choice in card.choices)
                assert "B Tokyo" in back.text  # the right choice, marked on the back
        assert any(card.answer in parse_html(c.answer()).text for c in anki_cards), card.id
    cloze_one = _cards_of(notes[card_guid(deck.cards[3])])[0]
    assert "Tokyo" not in parse_html(cloze_one.question()).text
    true_false = parse_html(_cards_of(notes[card_guid(deck.cards[2])])[0].question())
    assert true_false.text.startswith("True or false?")


def test_article_text_never_becomes_markup(
    tmp_path, make_card, make_deck, anki_collection, import_package, parse_html
) -> None:
    hostile_context = f"Leaders met in Tokyo. {HOSTILE}"
    cards = [
        make_card(
            "h-sa",
            question=f"Where? {HOSTILE}",
            answer=f"Tokyo {HOSTILE}",
            accepted_answers=[HOSTILE],
            context=hostile_context,
            tags=["fact::<b>x</b> y"],
        ),
        make_card(
            "h-mc",
            "multiple_choice",
            question=HOSTILE,
            context=hostile_context,
            choices=["Osaka", "Tokyo", HOSTILE],
        ),
        make_card("h-tf", "true_false", question=f"True or false: {HOSTILE}", context=hostile_context),
        make_card(
            "h-cloze",
            "cloze",
            question=HOSTILE,
            context=hostile_context,
            answer="Tokyo",
            cloze="Leaders met in {{c1::Tokyo}}. " + HOSTILE,
        ),
    ]
    deck = make_deck("hostile", cards, title=f"Deck {HOSTILE}", source_title=f"Title {HOSTILE}")
    import_package(anki_collection, export_anki([deck], tmp_path / "deck.apkg", AnkiOptions()).path)

    assert anki_collection.card_count() == 4  # "{{c2::trap}}" in the article made no extra cloze card
    for cid in anki_collection.find_cards(""):
        card = anki_collection.get_card(cid)
        for side in (card.question(), card.answer()):
            page = parse_html(side)
            assert set(page.tags) <= ALLOWED_TAGS, set(page.tags) - ALLOWED_TAGS
            assert not [name for name in page.attributes if name.startswith("on")]
        back = parse_html(card.answer()).text
        assert "<script>alert(1)</script> Q&A <b>bold</b>" in back
        assert "<img src=x onerror=alert(2)>" in back
    for name in (deck.name for deck in anki_collection.decks.all_names_and_ids()):
        assert "<" not in name and ">" not in name
    assert anki_collection.fix_integrity()[1] is True


def test_new_cards_come_in_deck_order(
    tmp_path, make_card, make_deck, anki_collection, import_package
) -> None:
    deck = make_deck(
        "ordered", [make_card(f"card-{n:02d}", kind) for n, kind in enumerate(["cloze", "short_answer"] * 6)]
    )
    import_package(anki_collection, export_anki([deck], tmp_path / "deck.apkg", AnkiOptions()).path)

    cards = [anki_collection.get_card(cid) for cid in anki_collection.find_cards("is:new")]
    order = [card.note().guid for card in sorted(cards, key=lambda c: (c.due, c.ord))]
    assert order == [card_guid(card) for card in deck.cards]


def test_reimporting_the_same_package_changes_nothing(
    tmp_path, make_card, make_deck, anki_collection, import_package
) -> None:
    deck = _all_kinds_deck(make_card, make_deck)
    path = export_anki([deck], tmp_path / "deck.apkg", AnkiOptions()).path
    import_package(anki_collection, path)
    notetype_mtimes = {m["name"]: m["mod"] for m in anki_collection.models.all()}

    again = import_package(anki_collection, path)
    always = import_package(anki_collection, path, update_notes="always")

    assert (len(again.new), len(again.updated), len(again.duplicate)) == (0, 0, 6)
    # "Always update" updates only notes whose time differs: unchanged notes keep their time.
    assert (len(always.new), len(always.updated), len(always.duplicate)) == (0, 0, 6)
    assert anki_collection.note_count() == 6 and anki_collection.card_count() == 7
    assert {m["name"]: m["mod"] for m in anki_collection.models.all()} == notetype_mtimes
    assert notetype_mtimes["quizgen Basic"] == TEMPLATES_REVISED


def test_learner_edits_survive_a_fresh_export_of_the_same_deck(
    tmp_path, make_card, make_deck, anki_collection, import_package, learner_edit
) -> None:
    deck = _all_kinds_deck(make_card, make_deck)
    import_package(anki_collection, export_anki([deck], tmp_path / "first.apkg", AnkiOptions()).path)
    note = _notes_by_guid(anki_collection)[card_guid(deck.cards[0])]
    learner_edit(anki_collection, note, "Back", "Tokyo (my own mnemonic)")

    log = import_package(anki_collection, export_anki([deck], tmp_path / "second.apkg", AnkiOptions()).path)

    assert (len(log.new), len(log.updated), len(log.duplicate)) == (0, 0, 6)
    assert anki_collection.get_note(note.id)["Back"] == "Tokyo (my own mnemonic)"
    assert anki_collection.note_count() == 6


def test_a_changed_card_updates_in_place(
    tmp_path, make_card, make_deck, anki_collection, import_package, learner_edit
) -> None:
    first = _all_kinds_deck(make_card, make_deck)
    import_package(anki_collection, export_anki([first], tmp_path / "v1.apkg", AnkiOptions()).path)
    edited = _notes_by_guid(anki_collection)[card_guid(first.cards[5])]
    learner_edit(anki_collection, edited, "Back", "Lloyd Austin (edited by me)")

    improved = first.cards[0].model_copy(update={"question": "In which city was the meeting held?"})
    second = carry_revisions(first.model_copy(update={"cards": [improved, *first.cards[1:]]}), first)
    assert second.cards[0].revision.modified > first.cards[0].revision.modified
    log = import_package(anki_collection, export_anki([second], tmp_path / "v2.apkg", AnkiOptions()).path)

    assert (len(log.new), len(log.updated), len(log.duplicate)) == (0, 1, 5)
    updated = _notes_by_guid(anki_collection)[card_guid(improved)]
    assert updated["Front"] == "In which city was the meeting held?"
    assert anki_collection.get_note(edited.id)["Back"] == "Lloyd Austin (edited by me)"
    assert anki_collection.note_count() == 6 and anki_collection.card_count() == 7


def test_cards_go_into_one_sub_deck_per_article(
    tmp_path, make_card, make_deck, anki_collection, import_package
) -> None:
    decks = [
        make_deck("canal", [make_card("canal-1")], title="Panama Canal"),
        make_deck(
            "curie",
            [make_card("curie-1"), make_card("curie-2", "cloze", tags=["fact::location", "answer::gpe"])],
            title="Marie Curie",
        ),
        make_deck("curie-2", [make_card("other-1")], title="Marie Curie"),
    ]
    path = export_anki(decks, tmp_path / "all.apkg", AnkiOptions(deck_name="Reading::Week 1")).path
    import_package(anki_collection, path)

    names = {deck.name for deck in anki_collection.decks.all_names_and_ids()}
    assert {"Reading", "Reading::Week 1", "Reading::Week 1::Panama Canal"} <= names
    assert {"Reading::Week 1::Marie Curie (curie)", "Reading::Week 1::Marie Curie (curie-2)"} <= names
    by_deck = Counter(
        anki_collection.decks.name(anki_collection.get_card(cid).did)
        for cid in anki_collection.find_cards("")
    )
    assert by_deck["Reading::Week 1::Marie Curie (curie)"] == 2
    tags = set(anki_collection.tags.all())
    assert {"quizgen::curie", "quizgen::kind::cloze", "quizgen::about::place"} <= tags


def test_type_answers_uses_a_type_in_note_type(
    tmp_path, make_card, make_deck, anki_collection, import_package
) -> None:
    deck = make_deck(
        "typed", [make_card("typed-1", accepted_answers=["Tokio"]), make_card("typed-2", "true_false")]
    )
    report = export_anki([deck], tmp_path / "typed.apkg", AnkiOptions(type_answers=True))
    import_package(anki_collection, report.path)

    # true/false cards are judged, not typed: they keep their own note type
    assert report.notes == {"quizgen Basic (type answer)": 1, "quizgen True or False": 1}
    note = _notes_by_guid(anki_collection)[card_guid(deck.cards[0])]
    assert note["Back"] == "Tokyo"  # the bare answer, which is what typed text is compared with
    # The desktop reviewer turns this marker into the answer box.
    assert "[[type:Back]]" in note.cards()[0].question()


def test_templates_fingerprint_is_recorded() -> None:
    # Changing a template or the CSS needs a newer TEMPLATES_REVISED, or Anki keeps the old ones.
    assert templates_fingerprint() == TEMPLATES_FINGERPRINT, (
        "the Anki templates changed: set TEMPLATES_REVISED to the current Unix time and "
        f"TEMPLATES_FINGERPRINT = {templates_fingerprint()!r} in quizgen/export/anki_templates.py"
    )
    assert time.time() >= TEMPLATES_REVISED


def test_note_type_ids_are_never_reused() -> None:
    ids = [spec.model_id for spec in NOTE_TYPES]
    assert len(set(ids)) == len(ids)
    assert not set(ids) & set(RETIRED_MODEL_IDS)


# The fields the reference cards below render to. When this changes, notes already in learners'
# collections keep the old rendering unless FIELDS_REVISED (quizgen/export/anki_fields.py) is raised.
RENDERED_FIELDS_FINGERPRINT = "4405722baa42a8a6"


def test_field_rendering_is_recorded(make_card, make_deck) -> None:
    context = 'Leaders & <b>aides</b> met in Tokyo on Sunday, the "summit" day\'s end.'
    cards = [
        make_card("r-sa", context=context, answer="Tokyo", accepted_answers=["Tokio"], question="Where? <i>"),
        make_card("r-mc", "multiple_choice", context=context, answer="Tokyo", question="Where?"),
        make_card("r-tf", "true_false", context=context, answer="Tokyo"),
        make_card(
            "r-tf-false",
            "true_false",
            context=context,
            question=f"True or false: {context.replace('Tokyo', 'Osaka')}",
        ).model_copy(update={"answer": "False"}),
        make_card(
            "r-cloze", "cloze", context=context, answer="Tokyo", cloze="Met in {{c1::Tokyo::city}} {x}."
        ),
        make_card(
            "r-c1", "cloze", context=context, answer="Sunday", group="sentence", accepted_answers=["Sun"]
        ),
        make_card("r-c2", "cloze", context=context, answer="Leaders", group="sentence"),
    ]
    deck = make_deck("rendered", cards, source_title="Title & <b>")
    rendered = [
        [note.spec.name, note.guid, note.fields, note.tags]
        for type_answers in (False, True)
        for note in plan_deck(deck, type_answers).notes
    ]
    rendered.append([plan_deck(deck).description()])
    fingerprint = hashlib.sha256(json.dumps(rendered).encode()).hexdigest()[:16]
    assert fingerprint == RENDERED_FIELDS_FINGERPRINT, (
        "the way cards are rendered into Anki fields changed. If notes already imported must receive the "
        "change, raise FIELDS_REVISED in quizgen/export/anki_fields.py to the current Unix time (every note "
        f"then updates once). Then set RENDERED_FIELDS_FINGERPRINT = {fingerprint!r} in this test."
    )


@pytest.mark.parametrize(
    ("cloze", "answer", "expected"),
    [
        ("Held in {{c1::Tokyo}}.", "Tokyo", "Held in {{c1::Tokyo}}."),
        ("Held in {{c1::Tokyo::city}}.", "Tokyo", "Held in {{c1::Tokyo::city}}."),
        ("A {{c1::a::b}} c", "a::b", "A {{c1::a:&#58;b}} c"),
        (
            "x }} {{c1::<b>&</b>}} {{c2::y}}",
            "<b>&</b>",
            "x &#125;&#125; {{c1::&lt;b&gt;&amp;&lt;/b&gt;}} {{c2::y}}",
        ),
    ],
)
def test_cloze_text_is_escaped_but_keeps_its_deletions(cloze: str, answer: str, expected: str) -> None:
    assert cloze_field(cloze, answer) == expected


def _deck_with(make_card: Any, make_deck: Any, **overrides: Any) -> Deck:
    return make_deck("broken", [make_card("good"), make_card("bad", **overrides)])


def test_a_card_that_would_make_no_anki_card_is_refused(tmp_path, make_card, make_deck) -> None:
    target = tmp_path / "deck.apkg"
    target.write_bytes(b"previous package")
    with pytest.raises(ExportError, match="card bad of deck 'broken' has an empty question"):
        export_anki([_deck_with(make_card, make_deck, question="   ")], target, AnkiOptions())
    with pytest.raises(ExportError, match="card bad of deck 'broken' cannot be exported"):
        export_anki(
            [_deck_with(make_card, make_deck, kind="cloze", cloze="{{c1:: }}", question="_")],
            target,
            AnkiOptions(),
        )
    assert target.read_bytes() == b"previous package"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.apkg"]


def test_unusable_requests_are_refused_with_a_clear_error(tmp_path, make_card, make_deck) -> None:
    deck = make_deck("one", [make_card("c1")])
    cases: list[tuple[list[Deck], Path, str]] = [
        ([], tmp_path / "x.apkg", "no decks"),
        ([make_deck("empty", [])], tmp_path / "x.apkg", "has no cards"),
        ([deck, deck], tmp_path / "x.apkg", "given twice"),
        ([deck, make_deck("copy", [make_card("c1")])], tmp_path / "x.apkg", "is in both deck"),
        ([deck], tmp_path / "x.zip", "does not end in .apkg"),
        ([deck], tmp_path, "is a folder"),
    ]
    (tmp_path / "folder.apkg").mkdir()
    cases.append(([deck], tmp_path / "folder.apkg", "is a folder"))
    for decks, path, message in cases:
        with pytest.raises(ExportError, match=message):
            export_anki(decks, path, AnkiOptions())


def test_writing_leaves_no_temporary_files(tmp_path, make_card, make_deck) -> None:
    deck = make_deck("one", [make_card("c1")])
    out = tmp_path / "nested" / "deck.apkg"
    export_anki([deck], out, AnkiOptions())
    export_anki([deck], out, AnkiOptions())  # replacing an existing package
    assert [p.name for p in out.parent.iterdir()] == ["deck.apkg"]


def test_a_hand_edited_card_is_reported(tmp_path, make_card, make_deck) -> None:
    card: Card = make_card("c1")
    edited = card.model_copy(update={"question": "Edited by hand?"})
    report = export_anki([make_deck("one", [edited])], tmp_path / "deck.apkg", AnkiOptions())
    assert report.stale_revisions == 1 and "no longer match" in report.warnings[0]
