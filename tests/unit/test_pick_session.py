"""The pick session (what the pick screen renders): counts, filter, saving, exporting; and the picks
honoured by the study sessions and the classroom question sets."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from study_decks import wright_deck

from quizgen.errors import DeckError, EditError, ExportError, StudyError
from quizgen.export.selection import SelectionOptions, build_question_set
from quizgen.models import Deck, deck_json_schema, load_deck
from quizgen.pick.edits import CardEdit, edit_card, set_excluded
from quizgen.pick.session import CardKey, PickSession
from quizgen.study.cards import quiz_cards, study_cards


@pytest.fixture
def deck_file(tmp_path: Path) -> Path:
    path = tmp_path / "wright.json"
    wright_deck().save(path)
    return path


def open_session(*paths: Path) -> PickSession:
    return PickSession.open(list(paths))


def first_two(session: PickSession) -> tuple[CardKey, CardKey]:
    return session.keys[0], session.keys[1]


def test_include_exclude_and_edit_are_counted_until_saved(deck_file: Path) -> None:
    session = open_session(deck_file)
    first, second = first_two(session)

    session.toggle(first)
    session.edit(second, CardEdit("Who flew it first?", "Orville Wright", ("Wilbur", "Octave", "Samuel")))

    counts = session.counts()
    assert (counts.cards, counts.included, counts.excluded, counts.edited) == (8, 7, 1, 1)
    assert counts.unsaved == 2
    session.toggle(first)  # and back in
    assert session.counts().unsaved == 1


def test_save_writes_the_picks_and_stamps_edited_cards(deck_file: Path) -> None:
    os.chmod(deck_file, 0o640)
    session = open_session(deck_file)
    first, second = first_two(session)
    session.toggle(first)
    session.edit(second, CardEdit("Who flew it first?", "Orville Wright", ("Wilbur", "Octave", "Samuel")))

    assert session.save() == [deck_file]

    saved = load_deck(deck_file)
    assert saved.cards[0].excluded
    assert saved.cards[1].question == "Who flew it first?" and saved.cards[1].edited
    assert saved.cards[1].revision is not None
    assert saved.cards[1].revision.content_hash == saved.cards[1].content_hash()  # Anki updates the note
    untouched = [card.model_copy(update={"revision": None}) for card in saved.cards[2:]]
    assert untouched == wright_deck().cards[2:]
    assert session.counts().unsaved == 0
    assert stat.S_IMODE(deck_file.stat().st_mode) == 0o640  # the file keeps its permissions
    assert list(deck_file.parent.glob("*.tmp")) == []


def test_a_read_only_deck_file_is_not_saved(deck_file: Path) -> None:
    session = open_session(deck_file)
    session.toggle(session.keys[0])
    before = deck_file.read_bytes()
    os.chmod(deck_file, 0o444)

    with pytest.raises(DeckError) as caught:
        session.save()

    assert caught.value.message == f"cannot save {deck_file}: the file is read-only"
    assert deck_file.read_bytes() == before
    assert session.counts().unsaved == 1  # nothing lost: it can be saved once the file is writable
    os.chmod(deck_file, 0o644)
    session.save()
    assert load_deck(deck_file).cards[0].excluded


def test_a_deck_file_changed_on_disk_is_not_overwritten(deck_file: Path) -> None:
    session = open_session(deck_file)
    session.toggle(session.keys[0])
    regenerated = wright_deck().model_copy(update={"title": "The Wright brothers, again"})
    regenerated.save(deck_file)

    with pytest.raises(DeckError, match="changed on disk after quizgen pick read it"):
        session.save()

    assert load_deck(deck_file).title == "The Wright brothers, again"


def test_nothing_is_written_unless_every_deck_can_be(tmp_path: Path, deck_file: Path) -> None:
    other = tmp_path / "other.json"
    wright_deck().model_copy(update={"id": "other-deck", "title": "Other"}).save(other)
    session = open_session(deck_file, other)
    assert len(session.keys) == 16
    session.toggle(session.keys[0])
    session.toggle(session.keys[8])
    os.chmod(other, 0o444)
    before = deck_file.read_bytes()

    with pytest.raises(DeckError, match="read-only"):
        session.save()

    assert deck_file.read_bytes() == before


def test_a_bad_edit_changes_nothing(deck_file: Path) -> None:
    session = open_session(deck_file)
    key = session.keys[0]
    card = session.card(key)

    with pytest.raises(EditError, match="the answer is empty"):
        session.edit(key, CardEdit(card.question, "  "))

    assert session.card(key) == card
    assert session.counts().unsaved == 0


def test_the_filter_searches_questions_answers_choices_and_sources(deck_file: Path) -> None:
    session = open_session(deck_file)

    session.set_filter("DAYTON")
    assert [session.card(key).kind for key in session.shown] == ["true_false", "multiple_choice"]
    session.set_filter("samuel")  # a wrong choice
    assert [session.card(key).question for key in session.shown] == ["Who piloted the first powered flight?"]
    session.set_filter("kitty   hawk 1903")  # every word, anywhere in the card
    assert len(session.shown) == 2
    assert session.query == "kitty hawk 1903"
    session.set_filter("zeppelin")
    assert session.shown == [] and session.counts().shown == 0
    session.set_filter("")
    assert session.shown == session.keys


def test_opening_files_that_are_not_decks_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(DeckError, match="no such deck file or folder"):
        open_session(tmp_path / "gone.json")
    (tmp_path / "notes.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(DeckError, match="is not a quizgen deck"):
        open_session(tmp_path / "notes.json")
    with pytest.raises(DeckError, match="no deck files to pick from"):
        PickSession.open([])


def test_export_writes_the_cards_as_picked(deck_file: Path, tmp_path: Path) -> None:
    session = open_session(deck_file)
    first, second = first_two(session)
    session.toggle(first)
    session.edit(second, CardEdit("Who flew it first?", "Orville Wright", ("Wilbur", "Octave", "Samuel")))
    output = tmp_path / "out" / "wright.csv"

    report = session.export("csv", output)

    text = output.read_text(encoding="utf-8")
    assert "Who flew it first?" in text and "Who piloted the first powered flight?" not in text
    assert "In what year did the Wright brothers first fly" not in text  # excluded
    assert report.summary().startswith(f"wrote {output}: 7 questions")
    assert session.default_export_path("gift") == Path("wright-brothers.gift")
    assert session.default_export_path("kahoot") == Path("wright-brothers.xlsx")
    with pytest.raises(ExportError, match="is a folder"):
        session.export("gift", tmp_path)
    with pytest.raises(ExportError, match="unknown export format"):
        session.export("docx", tmp_path / "x.docx")


# ------------------------------------------------------------------ honoured by study and export


def picked() -> list[Deck]:
    """The Wright deck with every true/false card excluded and the first card reworded."""
    deck = wright_deck()
    cards = [set_excluded(card, True) if card.kind == "true_false" else card for card in deck.cards]
    cards[0] = edit_card(cards[0], CardEdit("When did they first fly?", "1903"))
    return [deck.model_copy(update={"cards": cards})]


def test_study_sessions_never_show_an_excluded_card_and_show_the_edited_text() -> None:
    decks = picked()

    cards = [item.card for item in study_cards(decks)]
    quiz = [item.card for item in quiz_cards(decks, shuffle=False)]

    assert len(cards) == len(quiz) == 6
    assert all(card.kind != "true_false" for card in cards + quiz)
    assert quiz[0].question == "When did they first fly?"
    with pytest.raises(StudyError, match="no true or false cards"):
        quiz_cards(decks, kinds=["true_false"])
    all_out = [decks[0].model_copy(update={"cards": [c for c in decks[0].cards if c.excluded]})]
    with pytest.raises(StudyError, match="every card of The Wright brothers is excluded"):
        quiz_cards(all_out)


def test_question_sets_leave_excluded_cards_out_and_ask_the_edited_text() -> None:
    decks = picked()

    questions = build_question_set(decks, SelectionOptions(), "gift").versions[0].questions

    assert len(questions) == 6
    assert questions[0].prompt == "When did they first fly?"
    assert all(question.kind != "true_false" for question in questions)
    with pytest.raises(ExportError, match="the decks have no true/false cards"):
        build_question_set(decks, SelectionOptions(kinds=("true_false",)), "gift")


def test_the_schema_names_the_teacher_field() -> None:
    schema = json.dumps(deck_json_schema())
    assert "TeacherMarks" in schema and "excluded" in schema
