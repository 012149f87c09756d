"""A teacher's picks on one card (`quizgen pick`): exclusion, edits and their validation, the deck
file format that stores them, and old deck files that predate them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from study_decks import (
    bicycle_card,
    dayton_card,
    flyer_card,
    kitty_hawk_card,
    pilot_card,
    short_answer_card,
    wright_deck,
)

from quizgen.errors import EditError
from quizgen.models import SCHEMA_VERSION, Card, CardText, Span, load_deck, parse_deck
from quizgen.pick.edits import CardEdit, edit_card, restore_original, set_excluded, split_answers

OLD_DECK = Path(__file__).resolve().parents[1] / "fixtures" / "decks" / "wright-brothers-v1.json"


def reworded(card: Card, **changes: object) -> Card:
    """`card` edited through the form, with some fields changed."""
    start = CardEdit.of(card)
    return edit_card(card, CardEdit(**{**start.__dict__, **changes}))  # type: ignore[arg-type]


# --------------------------------------------------------------------------------- deck files


def test_a_deck_file_from_before_pick_still_loads() -> None:
    text = OLD_DECK.read_text(encoding="utf-8")
    assert json.loads(text)["schema_version"] == 1 and '"teacher"' not in text  # a genuine old file

    deck = load_deck(OLD_DECK)

    assert deck.schema_version == SCHEMA_VERSION == 2
    assert [card.id for card in deck.cards] == [card.id for card in wright_deck().cards]
    assert all(card.teacher is None and not card.excluded for card in deck.cards)
    assert deck.included_cards() == deck.cards
    # written back, it is a version 2 file that loads the same
    assert json.loads(deck.to_json())["schema_version"] == 2
    assert parse_deck(deck.to_json()) == deck


def test_the_picks_round_trip_through_the_deck_file() -> None:
    deck = wright_deck()
    cards = list(deck.cards)
    cards[0] = set_excluded(cards[0], True)
    cards[1] = reworded(cards[1], question="Who flew the aircraft first?")
    deck = deck.model_copy(update={"cards": cards})

    again = parse_deck(deck.to_json())

    assert again == deck
    data = json.loads(deck.to_json())
    assert data["cards"][0]["teacher"] == {"excluded": True, "original": None}
    assert data["cards"][1]["teacher"]["original"]["question"] == "Who piloted the first powered flight?"
    assert data["cards"][2]["teacher"] is None


def test_a_misspelt_teacher_field_is_reported_not_ignored() -> None:
    data = json.loads(wright_deck().to_json())
    data["cards"][0]["teacher"] = {"exclude": True}

    with pytest.raises(Exception, match=r"cards\.0\.teacher\.exclude: Extra inputs are not permitted"):
        parse_deck(json.dumps(data), name="deck.json")


# ---------------------------------------------------------------------------------- exclusion


def test_excluding_and_including_again_leaves_an_untouched_card() -> None:
    card = short_answer_card()

    out = set_excluded(card, True)
    back = set_excluded(out, False)

    assert out.excluded and not out.edited
    assert back == card and back.teacher is None


def test_an_excluded_card_is_not_handed_out() -> None:
    deck = wright_deck()
    cards = [set_excluded(card, True) if card.kind == "true_false" else card for card in deck.cards]
    deck = deck.model_copy(update={"cards": cards})

    assert [card.kind for card in deck.included_cards()].count("true_false") == 0
    assert len(deck.included_cards()) == 6
    everything_out = deck.model_copy(update={"cards": [set_excluded(c, True) for c in deck.cards]})
    assert everything_out.no_cards_message() == "every card of The Wright brothers is excluded (quizgen pick)"


# --------------------------------------------------------------------------------------- edits


def test_an_edit_keeps_the_engine_wording_and_an_edit_back_forgets_it() -> None:
    card = short_answer_card()

    edited = reworded(card, question="  When did the Wright brothers\nfirst fly?  ", answer="the year 1903")

    assert edited.question == "When did the Wright brothers first fly?"  # on one line
    assert edited.answer == "the year 1903"
    assert edited.edited and edited.teacher is not None
    assert edited.teacher.original == card.text()
    assert edited.highlight is None  # "the year 1903" is not in the sentence as written
    again = reworded(edited, answer="1903 ")
    assert again.teacher is not None and again.teacher.original == card.text()  # still the engine's
    back = reworded(again, question=card.question)
    assert back == card  # the engine's wording again: no mark left


def test_a_changed_answer_is_highlighted_where_the_sentence_has_it() -> None:
    card = kitty_hawk_card()

    edited = reworded(card, answer="north carolina")

    context = card.context
    assert edited.highlight == Span(
        start=context.index("North Carolina"), end=context.index("North Carolina") + 14
    )


def test_restore_gives_back_the_engine_wording_and_keeps_the_exclusion() -> None:
    card = set_excluded(reworded(short_answer_card(), answer="1903 AD"), True)

    restored = restore_original(card)

    assert restored.text() == short_answer_card().text()
    assert restored.excluded and not restored.edited


def test_an_unchanged_form_changes_nothing() -> None:
    for card in wright_deck().cards:
        assert edit_card(card, CardEdit.of(card)) is card


def test_multiple_choice_keeps_the_answer_in_its_place() -> None:
    card = pilot_card()  # Wilbur Wright, *Orville Wright*, Octave Chanute, Samuel Langley

    edited = reworded(card, answer="Orville", wrong_choices=("Wilbur", "Katharine", "Octave Chanute"))

    assert edited.choices == ["Wilbur", "Orville", "Katharine", "Octave Chanute"]
    assert edited.answer == "Orville"
    assert edited.teacher is not None and edited.teacher.original is not None
    assert edited.teacher.original.choices == card.choices


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"question": "   "}, "the question is empty"),
        ({"answer": ""}, "the answer is empty"),
        ({"wrong_choices": ("Chicago", "", "Detroit")}, "wrong choice 2 is empty"),
        ({"wrong_choices": ("Chicago", "dayton", "Detroit")}, "wrong choice 2 is the answer (“dayton”)"),
        ({"wrong_choices": ("Chicago", "Detroit", "detroit")}, "“detroit” is offered twice"),
        ({"wrong_choices": ()}, "a multiple-choice card needs at least one wrong choice"),
    ],
)
def test_a_bad_multiple_choice_edit_is_refused_with_a_reason(
    changes: dict[str, object], message: str
) -> None:
    card = dayton_card()

    with pytest.raises(EditError) as caught:
        reworded(card, **changes)

    assert caught.value.message == message


def test_true_false_answers_are_true_or_false() -> None:
    card = bicycle_card()

    assert reworded(card, answer="f").answer == "False"
    assert reworded(card, answer="FALSE").answer == "False"
    with pytest.raises(EditError, match="a true/false answer is True or False, not “yes”"):
        reworded(card, answer="yes")


def test_a_cloze_edit_rewrites_the_anki_cloze_text() -> None:
    card = flyer_card()

    edited = reworded(card, question="Their 1903 aircraft, the ________, is in Washington.", answer="Flyer")

    assert edited.question == "Their 1903 aircraft, the _____, is in Washington."
    assert edited.cloze == "Their 1903 aircraft, the {{c1::Flyer}}, is in Washington."
    assert edited.accepted_answers == []  # "Flyer" was accepted; now it is the answer itself


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"question": "Their 1903 aircraft is now in Washington."}, "needs one blank _____ (has no blank)"),
        ({"question": "The _____ is in _____."}, "needs one blank _____ (has 2 blanks)"),
        ({"answer": "Wright}} Flyer"}, "cannot contain {{, }} or ::"),
    ],
)
def test_a_bad_cloze_edit_is_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(EditError, match=message.replace("(", r"\(").replace(")", r"\)")):
        reworded(flyer_card(), **changes)


def test_accepted_answers_are_split_and_tidied() -> None:
    assert split_answers(" 12 ;twelve;; ") == ("12", "twelve")
    card = short_answer_card()

    edited = reworded(card, accepted_answers=("nineteen-oh-three", "1903", "Nineteen-oh-three"))

    assert edited.accepted_answers == ["nineteen-oh-three"]  # not the answer, not twice


def test_the_card_text_is_every_field_an_edit_can_change() -> None:
    assert set(CardText.model_fields) == {
        "question",
        "answer",
        "accepted_answers",
        "choices",
        "cloze",
        "highlight",
    }
    assert set(CardText.model_fields) <= set(Card.model_fields)
