"""Cards: kinds, distractors, cloze, true/false, ranking rules and determinism."""

from __future__ import annotations

import random

from engine_helpers import article_from_text

from quizgen.generate import GenerateOptions, generate_deck
from quizgen.generate.distractors import distractors_for, normalize, numeric_variants
from quizgen.generate.rank import WH_MARGIN

TEXT = """
The Panama Canal is a waterway in Panama that connects the Atlantic Ocean with the Pacific Ocean.
France began work on the canal in 1881 under Ferdinand de Lesseps. The project failed because
disease killed about 22,000 workers. The United States took over the project in 1904. The canal
opened on 15 August 1914. George Washington Goethals led the American engineers.

The canal cost the United States about $375 million. Ships pass through three sets of locks:
Gatun, Pedro Miguel and Miraflores. The Panama Canal Authority (ACP) has run the canal since 1999.
Theodore Roosevelt, the American president, visited the works in 1906.
"""


def deck(**options: object):  # type: ignore[no-untyped-def]
    return generate_deck(article_from_text(TEXT, "Panama Canal"), GenerateOptions(**options))  # type: ignore[arg-type]


def test_every_kind_is_produced_and_ids_are_unique() -> None:
    cards = deck().cards
    assert len({c.id for c in cards}) == len(cards)
    for kind in ("short_answer", "multiple_choice", "true_false", "cloze"):
        only = deck(kinds=(kind,), min_score=0.0).cards  # the card maker, whatever the ranker's floor
        assert only and {c.kind for c in only} == {kind}, kind


def test_generation_is_deterministic_and_seed_changes_only_order_and_picks() -> None:
    assert deck().to_json() == deck().to_json()
    ids_a = {c.id for c in deck(seed=1).cards if c.kind in ("short_answer", "cloze")}
    ids_b = {c.id for c in deck(seed=2).cards if c.kind in ("short_answer", "cloze")}
    assert ids_a == ids_b


def test_kinds_and_max_cards_options() -> None:
    only_cloze = deck(kinds=("cloze",)).cards
    assert only_cloze and all(c.kind == "cloze" for c in only_cloze)
    capped = deck(max_cards=2).cards
    assert len(capped) == 2
    full = deck().cards
    assert len(full) > 2
    # the best two in the deck's order: by score, a wh-question ahead of a blank within WH_MARGIN
    ranked = [c for c in full if c.kind != "true_false"]
    best = sorted(ranked, key=lambda c: (-(c.score + (WH_MARGIN if c.kind != "cloze" else 0.0)), c.id))[:2]
    assert {c.id for c in capped} == {c.id for c in best}


def test_multiple_choice_has_four_distinct_choices_with_the_answer_once() -> None:
    for card in deck().cards:
        if card.kind == "multiple_choice":
            assert len(card.choices) == 4
            assert len({normalize(c) for c in card.choices}) == 4
            assert card.choices.count(card.answer) == 1


def test_cloze_cards_hide_the_answer_and_carry_anki_markup() -> None:
    for card in deck().cards:
        if card.kind == "cloze":
            assert "_____" in card.question
            assert card.cloze == card.question.replace("_____", "{{c1::" + card.answer + "}}")
            assert card.answer.lower() not in card.question.lower()


def test_true_false_keeps_the_true_sentence_as_context() -> None:
    cards = deck(kinds=("true_false",)).cards
    assert cards
    flat = " ".join(TEXT.split())
    for card in cards:
        assert card.question.startswith("True or false: ")
        statement = card.question.removeprefix("True or false: ")
        assert card.context in flat
        if card.answer == "False":
            assert statement.rstrip(".") not in card.context
        else:
            assert statement == card.context
    answers = [c.answer for c in cards]
    assert abs(answers.count("True") - answers.count("False")) <= 1, answers


def test_answers_are_grounded_and_highlighted_in_context() -> None:
    for card in deck().cards:
        if card.kind in ("short_answer", "cloze", "multiple_choice") and card.highlight is not None:
            assert card.context[card.highlight.start : card.highlight.end].lower() == card.answer.lower()


def test_no_question_starts_with_or_contains_an_unresolved_pronoun() -> None:
    banned = {"he", "she", "it", "they", "this", "these", "those", "its", "their", "his", "her"}
    for card in deck().cards:
        if card.kind in ("short_answer", "multiple_choice"):
            words = {w.strip("?,.“”").lower() for w in card.question.split()}
            assert not words & banned, card.question


def test_numeric_distractors_keep_the_format() -> None:
    rng = random.Random(0)
    variants = numeric_variants("15.5 percent", rng)
    assert variants and all(v.endswith(" percent") and "." in v for v in variants)
    years = numeric_variants("1898", random.Random(0))
    assert all(len(y) == 4 and y.isdigit() and y != "1898" for y in years)
    money = numeric_variants("$375 million", random.Random(0))
    assert all(m.startswith("$") and m.endswith(" million") for m in money)


def test_person_distractors_are_people_and_never_the_answer() -> None:
    people = [
        "Ferdinand de Lesseps",
        "George Washington Goethals",
        "Theodore Roosevelt",
        "John Frank Stevens",
    ]
    picked = distractors_for("Theodore Roosevelt", "PERSON", {"PERSON": people}, random.Random(3))
    assert picked is not None and sorted(picked) == sorted(set(people) - {"Theodore Roosevelt"})
    # too few people in the article: no multiple choice, never famous names from elsewhere
    assert distractors_for("Theodore Roosevelt", "PERSON", {"PERSON": people[1:]}, random.Random(3)) is None


def test_distractors_refuse_substrings_of_the_answer() -> None:
    entities = {"ORG": ["the Panama Canal Authority", "Panama Canal", "the Canal"]}
    picked = distractors_for("the Panama Canal Authority", "ORG", entities, random.Random(1)) or []
    for choice in picked:
        assert normalize(choice) not in normalize("the Panama Canal Authority")


def test_answers_stand_as_written_in_the_original_markup() -> None:
    """An answer running across inline markup (<em>Discovery</em>) cannot be found as written."""
    from pathlib import Path

    from quizgen.generate.rank import norm
    from quizgen.ingest import read_article

    page = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "hubble_cluttered.html"
    raw = norm(page.read_text(encoding="utf-8"))
    cards = generate_deck(read_article(str(page))).cards
    assert cards
    for card in cards:
        if card.kind != "true_false":
            assert norm(card.answer) in raw, card.answer
