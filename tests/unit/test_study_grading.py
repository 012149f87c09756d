"""Grading rules: every leniency, and the near misses that must stay wrong."""

from __future__ import annotations

import pytest
from study_decks import bicycle_card, flyer_card, pilot_card, seconds_card, short_answer_card

from quizgen.study.grading import grade, grade_text


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


def test_numbers_wrong_explains_why():
    assert "Numbers must match exactly" in grade(short_answer_card(), "1904").explanation


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
