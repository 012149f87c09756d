"""A false true/false card put right: the swapped words found and marked, nothing else."""

from __future__ import annotations

import doctest

import quizgen.corrections
from quizgen.corrections import card_correction, correction
from quizgen.models import Card, CardSource


def _card(question: str, answer: str, context: str, kind: str = "true_false") -> Card:
    return Card.model_validate(
        dict(
            id="c1",
            kind=kind,
            question=question,
            answer=answer,
            context=context,
            source=CardSource(source_id="a", sentence=0, start=0, end=len(context)),
            fact_id="f1",
            difficulty=0.5,
            score=0.5,
        )
    )


def test_the_module_example_holds() -> None:
    assert doctest.testmod(quizgen.corrections).failed == 0


def test_a_swapped_name_is_marked_with_what_the_card_said() -> None:
    fixed = correction("By 1990 Andreessen wrote the code.", "By 1990 Berners-Lee wrote the code.")
    assert fixed is not None
    assert [(p.text, p.was) for p in fixed.changed] == [("Berners-Lee", "Andreessen")]
    assert fixed.plain() == "By 1990 Berners-Lee wrote the code."


def test_a_name_the_card_wrote_for_a_pronoun_is_kept_and_not_marked() -> None:
    fixed = correction(
        "In 1891 Marie Curie moved to Berlin with her sister.",
        "In 1891 she moved to Paris with her sister.",
        {"she": "Marie Curie"},
    )
    assert fixed is not None
    assert fixed.plain() == "In 1891 Marie Curie moved to Paris with her sister."
    assert [p.was for p in fixed.changed] == ["Berlin"]


def test_a_name_written_for_the_article_s_subject_is_kept_and_not_marked() -> None:
    fixed = correction(
        "Since 1982 the Thames Barrier has been closed 300 times.",
        "Since 1982 the barrier has been closed 200 times.",
        {"the barrier": "Thames Barrier"},
    )
    assert fixed is not None
    assert [(p.text, p.was) for p in fixed.changed] == [("200", "300")]


def test_without_the_card_s_record_a_written_name_reads_as_a_swap() -> None:
    fixed = correction("In 1891 Marie Curie moved to Paris.", "In 1891 she moved to Paris.")
    assert fixed is not None and [p.was for p in fixed.changed] == ["Marie Curie"]


def test_a_multiword_date_swap_is_one_marked_stretch() -> None:
    fixed = correction("The canal opened on 3 May 1920.", "The canal opened on 15 August 1914.")
    assert fixed is not None
    assert [(p.text, p.was) for p in fixed.changed] == [("15 August 1914", "3 May 1920")]


def test_an_unchanged_statement_has_no_correction() -> None:
    assert correction("The canal opened in 1914.", "The canal opened in 1914.") is None


def test_a_statement_rewritten_beyond_a_swap_falls_back_to_the_source() -> None:
    assert correction("Ships pay tolls by weight.", "The canal opened in 1914 to great acclaim.") is None


def test_only_false_true_false_cards_are_corrected() -> None:
    context = "Curie was born in Warsaw."
    assert card_correction(_card("True or false: Curie was born in Paris.", "False", context)) is not None
    assert card_correction(_card("True or false: Curie was born in Warsaw.", "True", context)) is None
    short = _card("Where was Curie born?", "Warsaw", context, kind="short_answer")
    assert card_correction(short) is None
