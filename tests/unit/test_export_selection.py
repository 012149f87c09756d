"""Choosing, ordering and shuffling the questions of a classroom question set (every format's
``--kinds``, ``--count``, ``--versions`` and ``--seed`` go through `build_question_set`)."""

from __future__ import annotations

import itertools

import pytest
from classroom_decks import canal_deck, card, deck

from quizgen.errors import ExportError
from quizgen.export.selection import (
    BLANK,
    SelectionOptions,
    answer_variants,
    build_question_set,
    one_line,
    version_labels,
)


def ids(version) -> list[str]:
    return [question.card.id for question in version.questions]


def card_names(version) -> list[str]:
    by_id = {c.id: name for name, c in zip(NAMES, canal_deck().cards, strict=True)}
    return [by_id[question.card.id] for question in version.questions]


NAMES = ["curie-city", "curie-from", "opened", "oceans", "length", "lesseps", "nickname", "handover", "toll"]


def test_one_question_per_sentence_in_article_order_by_default() -> None:
    question_set = build_question_set([canal_deck()], SelectionOptions(), "html")

    (version,) = question_set.versions
    assert version.label == ""
    # "curie-from" asks about the same sentence as the better-ranked "curie-city": its answer
    # (Warsaw … Paris) would give the other away, so it is left out and the user is told.
    assert card_names(version) == [n for n in NAMES if n != "curie-from"]
    assert [q.number for q in version.questions] == list(range(1, 9))
    assert any("left out 1 card" in notice and "--siblings" in notice for notice in question_set.notices)


def test_siblings_keeps_every_card_and_the_choices_stay_in_deck_order() -> None:
    question_set = build_question_set([canal_deck()], SelectionOptions(siblings=True), "html")

    version = question_set.versions[0]
    assert card_names(version) == NAMES
    assert question_set.notices == ()
    opened = version.questions[2]
    assert opened.choices == ("1904", "1914", "1920", "1899") and opened.correct_index == 1
    assert opened.correct_label == "b) 1914"


def test_count_takes_the_best_ranked_cards_and_keeps_article_order() -> None:
    version = build_question_set([canal_deck()], SelectionOptions(count=3), "html").versions[0]

    # scores: curie-city 0.90, lesseps 0.85, opened 0.80 (then nickname 0.75 …)
    assert card_names(version) == ["curie-city", "opened", "lesseps"]


def test_count_larger_than_the_decks_says_how_many_there_are() -> None:
    question_set = build_question_set([canal_deck()], SelectionOptions(count=50), "html")

    assert question_set.question_count == 8
    assert "asked for 50 questions; there are 8 to ask" in question_set.notices


def test_kinds_choose_the_cards_and_a_missing_kind_is_an_error() -> None:
    version = build_question_set(
        [canal_deck()], SelectionOptions(kinds=("multiple_choice", "true_false")), "html"
    ).versions[0]
    assert card_names(version) == ["opened", "oceans", "nickname", "handover"]

    only_mc = deck("mc", "Only choices", [canal_deck().cards[2]])
    with pytest.raises(ExportError, match="no fill in the blank cards") as raised:
        build_question_set([only_mc], SelectionOptions(kinds=("cloze",)), "html")
    assert raised.value.hint and "--kinds" in raised.value.hint


def test_a_format_skips_cards_it_cannot_hold_and_says_how_many() -> None:
    def multiple_choice_only(c) -> str | None:
        return None if c.kind == "multiple_choice" else "not multiple choice"

    question_set = build_question_set([canal_deck()], SelectionOptions(), "aiken", multiple_choice_only)

    assert card_names(question_set.versions[0]) == ["opened", "nickname"]
    assert "aiken: skipped 7 cards (not multiple choice)" in question_set.notices

    with pytest.raises(ExportError, match=r"none of the 9 cards can be written as aiken"):
        build_question_set([canal_deck()], SelectionOptions(), "aiken", lambda c: "never")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (SelectionOptions(count=0), "--count must be 1 or more"),
        (SelectionOptions(versions=0), "--versions must be 1 or more"),
        (SelectionOptions(points=0), "--points must be more than 0"),
        (SelectionOptions(points=-2), "--points must be more than 0"),
        (SelectionOptions(title="  \n "), "--title is empty"),
    ],
)
def test_bad_options_are_errors(options: SelectionOptions, message: str) -> None:
    with pytest.raises(ExportError, match=message):
        build_question_set([canal_deck()], options, "html")


def test_versions_ask_the_same_questions_in_different_orders_reproducibly() -> None:
    options = SelectionOptions(versions=3, seed=11)
    question_set = build_question_set([canal_deck()], options, "html")

    assert [v.label for v in question_set.versions] == ["A", "B", "C"]
    orders = [ids(v) for v in question_set.versions]
    assert all(sorted(order) == sorted(orders[0]) for order in orders)
    assert len({tuple(order) for order in orders}) == 3, "every version has its own order"
    for version in question_set.versions:
        assert [q.number for q in version.questions] == list(range(1, 9))
        for question in version.questions:
            if question.kind == "multiple_choice":
                assert sorted(question.choices) == sorted(question.card.choices)
                assert question.choices[question.correct_index] == question.card.answer
    assert build_question_set([canal_deck()], options, "html") == question_set
    other_seed = build_question_set([canal_deck()], SelectionOptions(versions=3, seed=12), "html")
    assert [ids(v) for v in other_seed.versions] != orders


def test_choices_are_shuffled_per_version() -> None:
    question_set = build_question_set([canal_deck()], SelectionOptions(versions=6, seed=3), "html")

    orders = {
        q.choices for v in question_set.versions for q in v.questions if q.card.answer == "the Big Ditch"
    }
    assert len(orders) > 1


def test_a_seed_alone_shuffles_one_set_like_version_a() -> None:
    seeded = build_question_set([canal_deck()], SelectionOptions(seed=4), "html")
    versions = build_question_set([canal_deck()], SelectionOptions(versions=2, seed=4), "html")

    (only,) = seeded.versions
    assert only.label == ""
    assert only.questions == versions.versions[0].questions
    assert seeded.title_of(only) == "The Panama Canal"
    assert versions.title_of(versions.versions[1]) == "The Panama Canal — version B"


def test_two_questions_give_two_orders_and_then_repeat_without_failing() -> None:
    cards = canal_deck().cards[2:4]
    question_set = build_question_set(
        [deck("two", "Two", cards)], SelectionOptions(versions=3, seed=0), "html"
    )

    orders = [ids(v) for v in question_set.versions]
    assert len({tuple(o) for o in orders}) == 2  # only two orders exist


def test_titles_and_points() -> None:
    two = build_question_set(
        [canal_deck(), deck("other", "Other article", canal_deck().cards[:1])], SelectionOptions(), "html"
    )
    assert two.title == "The Panama Canal, Other article"
    assert two.points == 1.0 and not two.points_given

    given = build_question_set([canal_deck()], SelectionOptions(title=" Quiz\n 3 ", points=2.5), "html")
    assert given.title == "Quiz 3"
    assert given.points == 2.5 and given.points_given


def test_typed_answers_accept_the_variants_a_student_types() -> None:
    def variants(answer: str, accepted: list[str] | None = None) -> tuple[str, ...]:
        return answer_variants(card("x", "short_answer", "Q?", answer, answer, score=1, accepted=accepted))

    assert variants("the Big Ditch") == ("the Big Ditch", "Big Ditch")
    assert variants("Colón") == ("Colón", "Colon")
    assert variants("three") == ("three", "3")
    assert variants("12") == ("12", "twelve")
    assert variants("Paris", ["paris", "Paris, France"]) == ("Paris", "Paris, France")
    assert variants("Skłodowska") == ("Skłodowska",)  # ł is a letter of its own, not an accented l


def test_text_is_tidied_to_one_line_without_control_characters() -> None:
    assert one_line("a\nb\t c\x00\x1b d\u2028e") == "a b c d e"
    messy = card(
        "m",
        "cloze",
        "The canal\nis about _____\x07 long.",
        "82 km",
        "The canal is about 82 km long.",
        score=1,
    )
    question = (
        build_question_set([deck("m", "M", [messy])], SelectionOptions(), "html").versions[0].questions[0]
    )
    assert question.prompt == f"The canal is about {BLANK} long."
    assert question.blank_parts() == ("The canal is about ", " long.")


def test_true_false_prompts_are_the_bare_statement() -> None:
    version = build_question_set([canal_deck()], SelectionOptions(kinds=("true_false",)), "html").versions[0]

    assert [q.prompt for q in version.questions] == [
        "The canal links the Atlantic Ocean with the Pacific Ocean.",
        "Panama took full control of the canal in 1979.",
    ]
    assert [q.choices for q in version.questions] == [("True", "False")] * 2
    assert [q.correct_index for q in version.questions] == [0, 1]


def test_version_labels_run_past_z() -> None:
    labels = version_labels(28)
    assert labels[:3] == ["A", "B", "C"] and labels[25:] == ["Z", "AA", "AB"]
    assert len(set(itertools.chain(labels))) == 28
