"""Cards from one sentence, kept apart in real Anki (the learner's side of "siblings apart").

A sentence's cloze cards are one note, so that Anki's own "Bury new siblings" shows one of them a
day; a fact asked in two forms is one card; and notes that still come from one sentence never
follow each other in new-card order. Teachers' exclusions and edits keep the notes' numbering and
identity. Everything is checked by importing packages into a real collection.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from pathlib import Path
from typing import Any

from quizgen.export.anki import AnkiOptions, export_anki
from quizgen.export.anki_notes import card_guid, plan_deck
from quizgen.models import Card, Deck, TeacherMarks

SENTENCE = (
    "On 20 July Armstrong and Aldrin climbed into Eagle, separated from Columbia and began their descent."
)
OTHER = "Apollo 11 lifted off from the Kennedy Space Center at 9:32 a.m. on 16 July 1969."


def _blank(make_card: Any, card_id: str, answer: str, context: str = SENTENCE, **overrides: Any) -> Card:
    group = overrides.pop("group", "landing" if context == SENTENCE else "launch")
    return make_card(card_id, "cloze", context=context, answer=answer, group=group, **overrides)


def _landing_deck(make_card: Any, make_deck: Any, excluded: tuple[str, ...] = ()) -> Deck:
    """Three blanks of one sentence (deck order is not sentence order), a question about the same
    sentence, and two cards of another sentence."""
    cards = [
        _blank(make_card, "eagle", "Eagle"),
        _blank(make_card, "columbia", "Columbia"),
        make_card("who", context=SENTENCE, answer="Armstrong and Aldrin", group="landing"),
        _blank(make_card, "july", "20 July"),
        _blank(make_card, "kennedy", "the Kennedy Space Center", OTHER),
        make_card("when", context=OTHER, answer="9:32 a.m.", group="launch"),
    ]
    cards = [_excluded(card) if card.id in excluded else card for card in cards]
    return make_deck("apollo", cards, title="Apollo 11")


def _excluded(card: Card) -> Card:
    return card.model_copy(update={"teacher": TeacherMarks(excluded=True)})


def _import(tmp_path: Path, name: str, deck: Deck, col: Any, import_package: Any) -> Any:
    return import_package(col, export_anki([deck], tmp_path / f"{name}.apkg", AnkiOptions()).path)


def _cloze_note(col: Any) -> Any:
    [nid] = col.find_notes('"note:quizgen Cloze" Sentence:*Eagle*')
    return col.get_note(nid)


def _front(card: Any, parse_html: Any) -> str:
    return parse_html(card.question()).text


def test_the_cloze_cards_of_one_sentence_are_one_note_with_c1_to_cn(
    tmp_path, make_card, make_deck, anki_collection, import_package, parse_html
) -> None:
    deck = _landing_deck(make_card, make_deck)
    log = _import(tmp_path, "apollo", deck, anki_collection, import_package)

    assert len(log.new) == 4 and anki_collection.card_count() == 6  # six cards, four notes
    note = _cloze_note(anki_collection)
    # numbered in reading order, whatever the deck order
    assert note["Text"] == (
        "On {{c1::20 July}} Armstrong and Aldrin climbed into {{c2::Eagle}}, separated from "
        "{{c3::Columbia}} and began their descent."
    )
    assert note["Sentence"] == SENTENCE
    cards = sorted(note.cards(), key=lambda card: card.ord)
    assert [card.ord for card in cards] == [0, 1, 2]
    hidden = ["20 July", "Eagle", "Columbia"]
    for card, answer in zip(cards, hidden, strict=True):
        front = _front(card, parse_html)
        assert "[...]" in front and answer not in front
        assert all(other in front for other in hidden if other != answer)
    # the note continues the one-note-per-card note of its first blank: its GUID and numbers do not
    # depend on deck order (a regenerated deck may rank the cards otherwise)
    assert note.guid == card_guid(deck.cards[3])
    reordered = plan_deck(deck.model_copy(update={"cards": deck.cards[::-1]}))
    [again] = [n for n in reordered.notes if n.guid == note.guid]
    assert again.field("Text") == note["Text"]


def test_bury_new_siblings_shows_one_blank_of_a_sentence_a_day(
    tmp_path, make_card, make_deck, anki_collection, import_package
) -> None:
    _import(tmp_path, "apollo", _landing_deck(make_card, make_deck), anki_collection, import_package)
    config = anki_collection.decks.get_config(1)
    config["new"]["bury"] = True  # deck options → Burying → Bury new siblings
    anki_collection.decks.save(config)
    anki_collection.decks.select(anki_collection.decks.id_for_name("quizgen"))

    queue = anki_collection.sched.get_queued_cards(fetch_limit=100).cards
    per_note = Counter(queued.card.note_id for queued in queue)

    assert len(queue) == 4 and set(per_note.values()) == {1}  # today: one of the three blanks
    note = _cloze_note(anki_collection)
    first = next(queued.card for queued in queue if queued.card.note_id == note.id)
    assert first.template_idx == 0  # c1 comes first


def test_notes_from_one_sentence_never_follow_each_other_in_new_card_order(
    tmp_path, make_card, make_deck, anki_collection, import_package
) -> None:
    # deck order asks about one sentence three times in a row, then about another twice
    cards = [
        make_card("a1", context=SENTENCE, answer="Eagle", group="landing"),
        make_card("a2", "multiple_choice", context=SENTENCE, answer="Columbia", group="landing"),
        make_card("a3", "true_false", context=SENTENCE, group="landing"),
        make_card("b1", context=OTHER, answer="9:32 a.m.", group="launch"),
        make_card("b2", "multiple_choice", context=OTHER, answer="16 July 1969", group="launch"),
        make_card(
            "c1", context="The crew was recovered by USS Hornet.", answer="USS Hornet", group="recovery"
        ),
    ]
    deck = make_deck("apollo", cards)
    groups = {card_guid(card): card.group for card in cards}
    assert sum(a.group == b.group for a, b in itertools.pairwise(cards)) == 3  # in deck order

    _import(tmp_path, "apollo", deck, anki_collection, import_package)
    new = sorted(
        (anki_collection.get_card(cid) for cid in anki_collection.find_cards("is:new")),
        key=lambda card: (card.due, card.ord),
    )
    order = [groups[card.note().guid] for card in new]

    assert sum(a == b for a, b in itertools.pairwise(order)) == 0, order
    assert order[0] == "landing"  # otherwise deck order: the first card comes first


def test_a_fact_asked_as_short_answer_and_multiple_choice_is_one_card(
    tmp_path, make_card, make_deck, anki_collection, import_package
) -> None:
    short = make_card("short", fact_id="fact-eagle", context=SENTENCE, answer="Eagle")
    choice = make_card("choice", "multiple_choice", fact_id="fact-eagle", context=SENTENCE, answer="Eagle")
    deck = make_deck("apollo", [short, make_card("other"), choice])

    report = export_anki([deck], tmp_path / "apollo.apkg", AnkiOptions())
    import_package(anki_collection, report.path)

    assert report.folded == 1 and "1 card left out" in report.warnings[0]
    assert anki_collection.note_count() == 2 and anki_collection.card_count() == 2
    guids = set(anki_collection.db.list("select guid from notes"))
    assert card_guid(short) in guids and card_guid(choice) not in guids  # the first in deck order stays
    assert not anki_collection.find_notes('"note:quizgen Multiple Choice"')


def test_excluding_a_blank_keeps_the_numbers_and_restoring_it_updates_the_note(
    tmp_path, make_card, make_deck, anki_collection, import_package, parse_html
) -> None:
    picked = _landing_deck(make_card, make_deck, excluded=("july",))  # the teacher left one out
    _import(tmp_path, "picked", picked, anki_collection, import_package)

    note = _cloze_note(anki_collection)
    assert (
        "{{c1::" not in note["Text"]
        and "{{c2::Eagle}}" in note["Text"]
        and "{{c3::Columbia}}" in note["Text"]
    )
    assert sorted(card.ord for card in note.cards()) == [1, 2]  # no card for the excluded blank
    assert note.guid == card_guid(picked.cards[3])  # named after c1 even while it is left out

    restored = _landing_deck(make_card, make_deck)  # the same cards, none of them changed
    log = _import(tmp_path, "restored", restored, anki_collection, import_package)

    assert [entry.id.nid for entry in log.updated] == [note.id]  # the note gains its blank
    assert not log.new and anki_collection.note_count() == 4
    cards = sorted(anki_collection.get_note(note.id).cards(), key=lambda card: card.ord)
    assert [card.ord for card in cards] == [0, 1, 2]
    for card in cards:  # each card shows its own blank (no card without a deletion to show)
        assert _front(card, parse_html).count("[...]") == 1


def test_a_teachers_rewording_stays_in_the_sentence_note(
    tmp_path, make_card, make_deck, anki_collection, import_package
) -> None:
    deck = _landing_deck(make_card, make_deck)
    original = deck.cards[0]
    assert original.cloze is not None
    edited = original.model_copy(
        update={
            "answer": "the lunar module Eagle",
            "cloze": original.cloze.replace("{{c1::Eagle}}", "{{c1::the lunar module Eagle}}"),
            "teacher": TeacherMarks(original=original.text()),
        }
    )
    launch = deck.cards[4]
    assert launch.cloze is not None
    rewritten = launch.model_copy(  # reworded outside its blank too: a sentence of its own
        update={
            "cloze": launch.cloze.replace("lifted off", "took off"),
            "teacher": TeacherMarks(original=launch.text()),
        }
    )
    deck = deck.model_copy(update={"cards": [edited, *deck.cards[1:4], rewritten, deck.cards[5]]})
    _import(tmp_path, "edited", deck, anki_collection, import_package)

    note = _cloze_note(anki_collection)
    assert "{{c2::the lunar module Eagle}}" in note["Text"] and len(note.cards()) == 3
    assert "climbed into the lunar module Eagle, separated" in note["Sentence"]
    assert re.search(r"\{\{c1::20 July\}\}", note["Text"])
    [launch_note] = anki_collection.find_notes("Sentence:*took*")
    assert anki_collection.get_note(launch_note).guid == card_guid(launch)
