"""Grading rules: every leniency, and the near misses that must stay wrong."""

from __future__ import annotations

import pytest
from study_decks import (
    bicycle_card,
    flyer_card,
    make_card,
    make_deck,
    pilot_card,
    seconds_card,
    short_answer_card,
)

from quizgen.study.abbreviations import Glossary
from quizgen.study.grading import asks_place_or_time, grade, grade_text
from quizgen.study.quantities import parse_quantity


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    monkeypatch.setenv("QUIZGEN_HOME", str(tmp_path / "home"))


@pytest.mark.parametrize(
    ("response", "answer", "forgiven"),
    [
        ("kitty hawk", "Kitty Hawk", "ignoring case"),
        ("Kitty Hawk.", "Kitty Hawk", "ignoring punctuation"),
        ("U.S.A.", "USA", "ignoring punctuation"),
        ("Jean-Paul Sartre", "Jean Paul Sartre", "ignoring punctuation"),
        ("the Wright Flyer", "Wright Flyer", "ignoring the article"),
        ("An apple", "apple", "ignoring case and the article"),
        ("12", "twelve", "ignoring numbers written as words"),
        ("three", "3", "ignoring numbers written as words"),
        ("1000", "1,000", "ignoring punctuation"),
        ("Curié", "Curie", "ignoring accents"),
        ("kittyhawk", "Kitty Hawk", "ignoring case and spacing"),
    ],
)
def test_forgiven_differences_are_right_and_explained(response, answer, forgiven):
    result = grade_text(response, answer)
    assert result.correct
    assert not result.exact
    assert forgiven in result.explanation


def test_exact_answer_is_exact():
    result = grade_text("  Kitty Hawk ", "Kitty Hawk")
    assert (result.correct, result.exact, result.explanation) == (True, True, "Right.")


@pytest.mark.parametrize(
    ("response", "answer"),
    [
        ("Honalulu", "Honolulu"),
        ("Einstien", "Einstein"),
        ("Kity Hawk", "Kitty Hawk"),
        ("Shakspeare", "Shakespeare"),
    ],
)
def test_small_misspellings_are_close_enough(response, answer):
    result = grade_text(response, answer)
    assert result.correct
    assert result.explanation == f"Close enough — spelled {answer}."


def test_accepted_answers_count_and_say_so():
    result = grade(flyer_card(), "flyer")
    assert result.correct
    assert "“Flyer” is an accepted answer" in result.explanation
    assert grade(seconds_card(), "12").correct


@pytest.mark.parametrize(
    ("response", "answer"),
    [
        ("1904", "1903"),  # years must match exactly
        ("1,001", "1000"),
        ("Austria", "Australia"),  # near-miss different places
        ("Australia", "Austria"),
        ("Iran", "Iraq"),
        ("Prussia", "Russia"),  # the first letter must agree
        ("World War I", "World War II"),  # Roman numerals are numbers
        ("Henry VII", "Henry VIII"),
        ("Ann", "Ana"),  # three letters or fewer: exact only
        ("cat", "car"),
        ("Wilbur Wright", "Orville Wright"),
        ("the", "The Hague"),  # an article alone is not an answer
        ("Paris", "London"),
    ],
)
def test_near_misses_stay_wrong(response, answer):
    result = grade_text(response, answer)
    assert not result.correct
    assert answer in result.explanation


def test_a_wrong_number_is_told_what_was_expected_not_a_rule():
    assert grade(short_answer_card(), "1904").explanation == "The answer is “1903”, not “1904”."
    assert grade_text("seventy-six", "75").explanation == "The answer is “75”, not “seventy-six”."
    assert grade_text("8.5 percent", "8.6%").explanation == "The answer is “8.6%”, not “8.5 percent”."
    assert (
        grade_text("$9 billion", "$9 trillion").explanation
        == "The answer is “$9 trillion”, not “$9 billion”."
    )
    assert grade_text("169 kg", "169 pounds").explanation == (
        "The answer is “169 pounds”: the number is right, but the unit is pounds, not kilograms."
    )
    assert grade_text("Paris", "1903").explanation == "The answer is “1903”."


# ------------------------------------------------------------------------ amounts and their units


@pytest.mark.parametrize(
    ("response", "answer"),
    [
        ("8.6%", "8.6 percent"),
        ("8.6 per cent", "8.6%"),
        ("169 lbs", "169 pounds"),
        ("169 lb", "169 pounds"),
        ("9 trillion dollars", "$9 trillion"),
        ("nine trillion dollars", "$9 trillion"),
        ("$9,000,000,000,000", "$9 trillion"),
        ("9 trillion USD", "$9 trillion"),
        ("£5 million", "5 million pounds sterling"),
        ("5 million pounds", "£5 million"),  # "pounds" alone may be money
        ("€20", "20 euros"),
        ("82 km", "82 kilometres"),
        ("82 kilometers", "about 82 kilometres"),
        ("5km", "5 kilometres"),
        ("60 kg", "60 kilograms"),
        ("30 ft", "30 feet"),
        ("100 m", "100 metres"),
        ("1.5 million", "1,500,000"),
        ("8.60%", "8.6 percent"),
        ("8.6", "8.6 percent"),  # the unit left out is understood
    ],
)
def test_the_same_amount_written_another_way_is_right(response, answer):
    result = grade_text(response, answer)
    assert result.correct and not result.exact
    assert result.explanation.startswith("Right")


@pytest.mark.parametrize(
    ("response", "answer"),
    [
        ("seventy-five", "75"),
        ("Seventy Five", "75"),
        ("two hundred", "200"),
        ("one hundred and five", "105"),
        ("1.5 million", "1500000"),
        ("twenty-one thousand", "21,000"),
        ("it lasted twelve seconds", "it lasted 12 seconds"),
    ],
)
def test_numbers_in_words_are_numbers(response, answer):
    result = grade_text(response, answer)
    assert result.correct
    assert "numbers written as words" in result.explanation
    assert "punctuation" not in result.explanation or "," in answer


@pytest.mark.parametrize(
    ("response", "answer"),
    [
        ("8.6%", "8.5 percent"),
        ("8.5 percent", "8.6%"),
        ("86", "8.6"),  # a decimal point is not punctuation to forgive
        ("169 kg", "169 pounds"),
        ("169 pounds", "169 kg"),
        ("£169", "169 lbs"),  # sterling is not a weight
        ("169 lbs", "£169"),
        ("$9 billion", "$9 trillion"),
        ("9 billion dollars", "$9 trillion"),
        ("$9 trillion", "€9 trillion"),
        ("seventy-six", "75"),
        ("seventy", "75"),
        ("9", "$9 trillion"),  # a scale word is part of the number
        ("82 miles", "82 kilometres"),
        ("1650s", "the 1640s"),
        ("1640", "the 1640s"),  # a decade is not a year
    ],
)
def test_near_miss_amounts_stay_wrong(response, answer):
    result = grade_text(response, answer)
    assert not result.correct
    assert result.explanation.startswith(f"The answer is “{answer}”")


def test_amounts_are_read_exactly():
    assert parse_quantity("$1.5m").value == 1_500_000  # "m" after money is million…
    assert parse_quantity("1.5m").units == {"m"}  # …and metres otherwise
    assert parse_quantity("8.6%").units == {"percent"}
    assert parse_quantity("169 pounds").units == {"lb", "gbp"}
    assert parse_quantity("the 1640s") is None
    assert parse_quantity("16 July 1969") is None
    assert parse_quantity("World War II") is None


# --------------------------------------------------------------------------- abbreviations


def jfhq_cards():
    acronym = make_card(
        "short_answer", "What does JFHQ stand for?", "Joint Force Headquarters", 0, deck_id="alliance"
    )
    blank = make_card(
        "cloze",
        "_____ will assume certain command responsibilities.",
        "The JFHQ",
        0,
        deck_id="alliance",
        accepted=["JFHQ"],
    )
    return acronym, blank


def test_an_expansion_the_deck_gives_answers_its_abbreviation():
    acronym, blank = jfhq_cards()
    glossary = Glossary.from_decks([make_deck([acronym, blank], deck_id="alliance")])
    result = grade(blank, "Joint Force Headquarters", glossary)
    assert result.correct
    assert result.explanation == "Right — “JFHQ” stands for “Joint Force Headquarters”."
    assert grade(blank, "the joint force headquarters", glossary).correct
    # Near misses: another name, a partial one, and the acronym card itself answered with the acronym.
    assert not grade(blank, "Joint Headquarters", glossary).correct
    assert not grade(blank, "Joint Forces Command", glossary).correct
    assert not grade(acronym, "JFHQ", glossary).correct
    assert not grade(blank, "Joint Force Headquarters").correct  # a deck without the acronym card


def test_a_blank_after_the_full_name_still_wants_the_abbreviation():
    acronym, _ = jfhq_cards()
    blank = make_card("cloze", "U.S. forces will form a Joint Force Headquarters (_____).", "JFHQ", 0)
    glossary = Glossary.from_cards([acronym, blank])
    assert not grade(blank, "Joint Force Headquarters", glossary).correct
    assert grade(blank, "jfhq", glossary).correct


@pytest.mark.parametrize(
    ("response", "answer"),
    [
        ("the United States", "the U.S."),
        ("USA", "United States"),
        ("the U.S. Navy", "the United States Navy"),
        ("United States of America", "the US"),
        ("the UK", "United Kingdom"),
        ("United Nations", "the UN"),
        ("European Union", "the E.U."),
    ],
)
def test_common_abbreviations_are_known_everywhere(response, answer):
    result = grade_text(response, answer)
    assert result.correct
    assert "stands for" in result.explanation


@pytest.mark.parametrize(
    ("response", "answer"),
    [
        ("United Kingdom", "the U.S."),
        ("the UK", "the United States"),
        ("United Nations", "the U.S."),
        ("the United States Army", "the U.S. Navy"),
        ("European Union", "the UN"),
    ],
)
def test_another_name_stays_wrong(response, answer):
    assert not grade_text(response, answer).correct


# ------------------------------------------------------------------------ places and times


def where_card(answer: str, question: str = "Where is the Indo-Pacific Command based?"):
    return make_card("short_answer", question, answer, 0)


@pytest.mark.parametrize(
    ("response", "answer", "question", "ignored"),
    [
        ("in Hawaii", "Hawaii", "Where is the Indo-Pacific Command based?", "“in”"),
        ("on 12 May 1994", "12 May 1994", "When was the treaty signed?", "“on”"),
        ("at Oxford", "Oxford", "Where did she study?", "“at”"),
        ("In the United States", "the U.S.", "Where was the canal built?", "“In”"),
        ("in 1903", "1903", "In what year did the Wright brothers first fly?", "“in”"),
        ("near Kitty Hawk", "Kitty Hawk", "Near which town did the first flight take place?", "“near”"),
    ],
)
def test_a_preposition_before_a_place_or_time_is_forgiven(response, answer, question, ignored):
    result = grade(where_card(answer, question), response)
    assert result.correct
    assert result.explanation.startswith(f"Right — ignoring {ignored}")


def test_place_and_time_come_from_the_question_or_the_tags():
    assert asks_place_or_time(where_card("Hawaii"))
    blank = make_card("cloze", "The command is based in _____.", "Hawaii", 0)
    assert not asks_place_or_time(blank)
    assert asks_place_or_time(blank.model_copy(update={"tags": ["fact::location", "answer::gpe"]}))


@pytest.mark.parametrize(
    ("response", "answer", "question"),
    [
        ("Hawaiian", "Hawaii", "Where is the Indo-Pacific Command based?"),
        ("in Hawaiian", "Hawaii", "Where is the Indo-Pacific Command based?"),
        ("in Guam", "Hawaii", "Where is the Indo-Pacific Command based?"),
        ("by 1903", "1903", "In what year did the Wright brothers first fly?"),  # "by" changes it
        ("in 1904", "1903", "In what year did the Wright brothers first fly?"),
        ("in Orville Wright", "Orville Wright", "Who piloted the first flight?"),  # not a place
    ],
)
def test_a_preposition_does_not_rescue_a_wrong_answer(response, answer, question):
    assert not grade(make_card("short_answer", question, answer, 0), response).correct


@pytest.mark.parametrize("response", ["", "   ", "\n"])
def test_empty_answer_is_wrong(response):
    result = grade(short_answer_card(), response)
    assert not result.correct
    assert result.explanation == "No answer."


def test_multiple_choice_needs_the_exact_choice():
    card = pilot_card()
    assert grade(card, "Orville Wright").correct
    assert not grade(card, "Orvile Wright").correct  # no fuzzy matching among choices
    assert not grade(card, "Wilbur Wright").correct


def test_true_false_accepts_letters_and_words():
    card = bicycle_card()  # the statement is true
    assert grade(card, "t").correct
    assert grade(card, "TRUE").correct
    assert not grade(card, "False").correct
    assert grade(card, "False").explanation == "The statement is true."
    assert not grade(card, "maybe").correct
