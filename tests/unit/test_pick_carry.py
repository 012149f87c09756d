"""A regenerated deck keeps the teacher's picks for the cards it makes again (`carry_teacher_picks`)."""

from __future__ import annotations

from study_decks import dayton_card, make_card, pilot_card, short_answer_card, wright_deck

from quizgen.generate.revisions import carry_revisions
from quizgen.models import Card, Deck
from quizgen.pick.carry import CarriedPicks, carry_teacher_picks
from quizgen.pick.edits import CardEdit, edit_card, set_excluded


def picked_deck() -> Deck:
    """The Wright deck as a teacher left it: the first card excluded, the second reworded."""
    deck = wright_deck()
    cards = list(deck.cards)
    cards[0] = set_excluded(cards[0], True)
    edit = CardEdit.of(cards[1])
    cards[1] = edit_card(cards[1], CardEdit(edit.question, "Orville Wright", ("Wilbur", "Octave", "Samuel")))
    return deck.model_copy(update={"cards": cards})


def test_the_same_cards_regenerated_keep_every_pick() -> None:
    previous = picked_deck()

    deck, carried = carry_teacher_picks(wright_deck(), previous)

    assert deck == previous
    assert carried == CarriedPicks(edited=1, excluded=1, dropped=0)
    assert carried.summary() == "kept the teacher's 1 edit and 1 exclusion"


def test_an_edited_card_unchanged_since_keeps_its_revision() -> None:
    # what `quizgen generate` does: picks first, then revisions against the old file
    previous = carry_revisions(picked_deck(), None, now=1_800_000_000)

    deck, _ = carry_teacher_picks(wright_deck(), previous)
    deck = carry_revisions(deck, previous, now=1_900_000_000)

    assert [card.revision for card in deck.cards] == [card.revision for card in previous.cards]


def test_the_engine_rewording_a_card_keeps_the_teacher_wording_over_the_new_one() -> None:
    previous = picked_deck()
    regenerated = wright_deck()
    cards = list(regenerated.cards)
    new_wording = cards[1].model_copy(update={"question": "Who flew the first powered aircraft?"})
    cards[1] = new_wording
    regenerated = regenerated.model_copy(update={"cards": cards})

    deck, carried = carry_teacher_picks(regenerated, previous)

    card = deck.cards[1]
    assert card.choices == previous.cards[1].choices  # the teacher's
    assert card.question == previous.cards[1].question
    assert card.teacher is not None and card.teacher.original == new_wording.text()  # the engine's, now
    assert carried.edited == 1


def test_a_card_with_a_new_id_from_the_same_sentence_takes_the_picks() -> None:
    previous = picked_deck()
    regenerated = wright_deck()
    cards = list(regenerated.cards)
    # the engine now words the question differently, which changes the card's id
    cards[0] = make_card("short_answer", "When did the Wright brothers first fly?", "1903", 0)
    regenerated = regenerated.model_copy(update={"cards": cards})
    assert cards[0].id != previous.cards[0].id

    deck, carried = carry_teacher_picks(regenerated, previous)

    assert deck.cards[0].excluded
    assert deck.cards[0].question == "When did the Wright brothers first fly?"
    assert carried == CarriedPicks(edited=1, excluded=1, dropped=0)


def test_a_pick_whose_sentence_is_gone_is_dropped_and_counted() -> None:
    previous = picked_deck()
    regenerated = wright_deck()
    cards = list(regenerated.cards)
    # the article now words the sentence of card 2 differently: same fact and id, another sentence
    cards[1] = cards[1].model_copy(update={"context": "Orville Wright piloted the first flight."})
    regenerated = regenerated.model_copy(update={"cards": cards})

    deck, carried = carry_teacher_picks(regenerated, previous)

    assert deck.cards[1] == cards[1] and deck.cards[1].teacher is None
    assert deck.cards[0].excluded
    assert carried == CarriedPicks(edited=0, excluded=1, dropped=1)
    assert "dropped 1 (the card or its source sentence is no longer in the article)" in carried.summary()


def test_a_pick_whose_card_is_no_longer_made_is_dropped() -> None:
    previous = picked_deck()
    regenerated = wright_deck().model_copy(update={"cards": wright_deck().cards[2:]})

    deck, carried = carry_teacher_picks(regenerated, previous)

    assert all(card.teacher is None for card in deck.cards)
    assert carried == CarriedPicks(edited=0, excluded=0, dropped=2)
    assert carried.summary() == "dropped 2 (the card or its source sentence is no longer in the article)"


def test_a_deck_without_picks_is_left_alone() -> None:
    deck = wright_deck()

    assert carry_teacher_picks(deck, None) == (deck, CarriedPicks())
    assert carry_teacher_picks(deck, wright_deck()) == (deck, CarriedPicks())
    assert not CarriedPicks().any


def test_two_old_cards_never_take_the_same_new_card() -> None:
    old_one = set_excluded(short_answer_card(), True)
    old_two = set_excluded(make_card("short_answer", "Which year?", "1903", 0), True)
    previous = wright_deck().model_copy(update={"cards": [old_one, old_two]})
    only: Card = make_card("short_answer", "What year was it?", "1903", 0)
    regenerated = wright_deck().model_copy(update={"cards": [only, dayton_card(), pilot_card()]})

    deck, carried = carry_teacher_picks(regenerated, previous)

    assert [card.excluded for card in deck.cards] == [True, False, False]
    assert carried == CarriedPicks(edited=0, excluded=1, dropped=1)
