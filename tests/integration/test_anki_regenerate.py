"""Regenerating decks from articles and importing them into real Anki again, end to end.

These go through the real pipeline (`run_generate`, the path of ``quizgen generate --anki``): the
deck file at the output path carries each card's revision from one run to the next, and the
package's note modification times come from those revisions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from quizgen.export.anki_notes import PlannedNote, plan_deck
from quizgen.models import Deck
from quizgen.pipeline import GenerateRequest, run_generate

ARTICLE = """\
Harbor council agrees on a new port plan

The Harbor Council met in Lisbon on Monday to approve a plan for the northern docks. Council chair \
Ana Souza praised the agreement as a turning point for the region.

The new Port Authority (PA), which is based in Porto, will manage the northern terminals from next \
spring. The plan was drafted by the engineering firm Costa Marine over two years.

Shipping companies welcomed the decision, saying that delays at the old quay had cost them millions \
of euros. Ana Souza said that the first ships would dock at the new terminal in 2027.

The old quay was opened by King Luis in 1888. Its first harbour master, Rui Tavares, ran it until 1910. \
The engineer Joana Pires rebuilt its cranes in 1952, and the quay handled 40,000 ships in 1960.

The council also approved a new ferry line between Porto and Vigo, which will start on 3 June. Tickets \
will cost 12 euros. The ferry company Atlantica Lines, founded in 1995 by Pedro Gomes, will run three \
boats a day. In 2019 Atlantica Lines carried 800,000 passengers between Porto and Faro.
"""

HOSTILE_ARTICLE = """\
Harbor council agrees on a <b>new</b> port plan

The Harbor Council met in Lisbon on Monday to approve the Ports & Docks <script>alert(1)</script> plan \
for the northern docks. Council chair Ana Souza praised the <b>agreement</b> as a turning point.

The new Port Authority (PA), which is based in Porto, will manage the northern terminals from next \
spring. The plan was drafted by the engineering firm Costa & Sons <i>Marine</i> over two years.
"""


def _generate(article: Path, deck_file: Path, package: Path) -> Deck:
    request = GenerateRequest(sources=[str(article)], output=deck_file, anki=package)
    [result] = run_generate(request, progress=False)
    assert package.is_file()
    return result.deck


def _notes(deck: Deck) -> dict[str, PlannedNote]:
    """The deck's Anki notes by GUID (cloze cards of one sentence share a note)."""
    return {note.guid: note for note in plan_deck(deck).notes}


def _guid_of(deck: Deck, card_id: str) -> str:
    return next(note.guid for note in plan_deck(deck).notes if card_id in {c.id for c in note.cards})


def _note_ids_by_guid(collection: Any) -> dict[str, int]:
    return dict(collection.db.all("select guid, id from notes"))


def _guids(collection: Any, logged: Any) -> set[str]:
    return {collection.get_note(entry.id.nid).guid for entry in logged}


def test_regenerating_the_same_article_changes_nothing(
    tmp_path: Path, anki_collection, import_package, learner_edit
) -> None:
    article = tmp_path / "harbor.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    deck_file = tmp_path / "decks" / "harbor.json"
    first = _generate(article, deck_file, tmp_path / "first.apkg")
    first_text = deck_file.read_text(encoding="utf-8")
    kinds = {card.kind for card in first.cards}
    assert kinds == {"short_answer", "multiple_choice", "true_false", "cloze"}, kinds

    log = import_package(anki_collection, tmp_path / "first.apkg")
    count = len(_notes(first))
    assert len(log.new) == count == anki_collection.note_count()
    assert anki_collection.card_count() == len(first.cards)
    assert anki_collection.fix_integrity()[1] is True
    again = import_package(anki_collection, tmp_path / "first.apkg")
    assert (len(again.new), len(again.updated), len(again.duplicate)) == (0, 0, count)

    notes = [anki_collection.get_note(nid) for nid in anki_collection.find_notes("")]
    edited = next(note for note in notes if note.note_type()["name"] == "quizgen Basic")
    learner_edit(anki_collection, edited, "Back", "my own note")

    second = _generate(article, deck_file, tmp_path / "second.apkg")
    log = import_package(anki_collection, tmp_path / "second.apkg")

    assert deck_file.read_text(encoding="utf-8") == first_text  # same article: same deck, byte for byte
    assert [card.id for card in second.cards] == [card.id for card in first.cards]
    assert set(_notes(second)) == set(_notes(first))  # the same note GUIDs, regenerated
    assert (len(log.new), len(log.updated), len(log.duplicate), len(log.conflicting)) == (0, 0, count, 0)
    assert anki_collection.note_count() == count
    assert anki_collection.get_note(edited.id)["Back"] == "my own note"
    assert anki_collection.fix_integrity()[1] is True


def test_changing_one_sentence_touches_only_its_notes(
    tmp_path: Path, anki_collection, import_package, learner_edit
) -> None:
    article = tmp_path / "harbor.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    deck_file = tmp_path / "harbor.json"
    first = _generate(article, deck_file, tmp_path / "v1.apkg")
    import_package(anki_collection, tmp_path / "v1.apkg")
    untouched = next(card for card in first.cards if "Porto" in card.context and card.kind == "short_answer")
    note_id = _note_ids_by_guid(anki_collection)[_guid_of(first, untouched.id)]
    learner_edit(anki_collection, anki_collection.get_note(note_id), "Back", "Porto (north)")

    article.write_text(
        ARTICLE.replace("met in Lisbon on Monday", "met in Coimbra on Monday"), encoding="utf-8"
    )
    second = _generate(article, deck_file, tmp_path / "v2.apkg")
    log = import_package(anki_collection, tmp_path / "v2.apkg")

    before, after = _notes(first), _notes(second)
    added = set(after) - set(before)
    changed = {guid for guid in set(after) & set(before) if after[guid].fields != before[guid].fields}
    unchanged = set(after) - added - changed
    assert added, "the changed sentence should give new cards"
    assert any("Coimbra" in card.context for guid in added for card in after[guid].cards)
    # a card of an unchanged sentence never comes back under a new id (a second note for the same
    # card); the deck's selection may still trade one card of another sentence for another
    now = {card.id for card in second.cards}
    gone = {card.question for card in first.cards if card.id not in now}
    for guid in added:
        for card in after[guid].cards:
            if "Coimbra" not in card.context:
                assert card.question not in gone, card.question
    assert _guids(anki_collection, log.new) == added
    assert _guids(anki_collection, log.updated) == changed
    assert _guids(anki_collection, log.duplicate) == unchanged
    assert not log.conflicting
    # Nothing duplicated: one note per note GUID ever exported (Anki never deletes the old ones).
    assert anki_collection.note_count() == len(set(before) | set(after))
    assert anki_collection.get_note(note_id)["Back"] == "Porto (north)"
    assert anki_collection.fix_integrity()[1] is True


def test_article_markup_arrives_as_text(tmp_path: Path, anki_collection, import_package, parse_html) -> None:
    article = tmp_path / "hostile.txt"
    article.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    deck = _generate(article, tmp_path / "hostile.json", tmp_path / "hostile.apkg")
    import_package(anki_collection, tmp_path / "hostile.apkg")

    seen = ""
    for cid in anki_collection.find_cards(""):
        card = anki_collection.get_card(cid)
        for side in (card.question(), card.answer()):
            page = parse_html(side)
            assert not {"script", "b", "i"} & set(page.tags)
            seen += page.text + "\n"
    assert "<script>alert(1)</script>" in seen
    assert "<b>agreement</b>" in seen
    assert "Ports & Docks" in seen
    assert anki_collection.card_count() == sum(1 for _ in deck.cards)
    assert anki_collection.fix_integrity()[1] is True
