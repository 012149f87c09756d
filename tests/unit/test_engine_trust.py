"""What a teacher found false or broken in earlier decks, on sentences written for these tests.

Each test states an outcome a reader can check against the text (who did what, what the article
hedges, which choices are absurd), not the engine's own filter rules.
"""

from __future__ import annotations

import re

from engine_helpers import article_from_text

from quizgen.generate import GenerateOptions, generate_deck
from quizgen.generate.distractors import normalize
from quizgen.models import Card

BIOGRAPHY = """
Ada Lindqvist was a Swedish chemist who studied the rare metals of northern Sweden. She was born
in Uppsala in 1871 and trained at the Karolinska Institute under Professor Nils Ekman.

In 1898 she married Erik Holm, a physician from Gothenburg. Her husband Erik Holm was also a
researcher at the Karolinska Institute. He died in a road accident in Stockholm in 1906.

She founded the Lindqvist Laboratory in Stockholm in 1909. She won the Nobel Prize in Chemistry in
1911 for her discovery of the element lindium. Her laboratory later became the Museum of Metals.
"""


def _cards(text: str, title: str, kinds: tuple[str, ...] | None = None) -> list[Card]:
    return generate_deck(article_from_text(text, title), GenerateOptions(kinds=kinds)).cards


def _statement(card: Card) -> str:
    return card.question.removeprefix("True or false: ")


def test_her_husband_does_not_become_she() -> None:
    """'Her husband Erik Holm' must not turn the wife's deeds into the husband's."""
    cards = _cards(BIOGRAPHY, "Ada Lindqvist")
    assert cards
    for card in cards:
        text = f"{card.question} {card.answer}"
        for deed in ("founded", "Nobel", "lindium", "born in Uppsala", "married"):
            if deed in card.question or (deed in card.context and card.kind != "true_false"):
                assert "Erik Holm" not in text or deed == "married", (card.question, card.answer)
        for said, who in card.source.resolved.items():
            if said.lower() in ("she", "her"):
                assert who == "Ada Lindqvist", card.source.resolved
            if said.lower() in ("he", "his", "him"):
                assert who == "Erik Holm", card.source.resolved


def test_statements_keep_the_sentence_and_write_the_right_name_for_a_pronoun() -> None:
    cards = _cards(BIOGRAPHY, "Ada Lindqvist", kinds=("cloze", "true_false"))
    named = [card for card in cards if card.source.resolved]
    assert named
    for card in named:
        statement = _statement(card)
        if card.kind == "cloze":
            statement = statement.replace("_____", card.answer)
        # every name the card wrote stands where its pronoun stood: put the pronouns back and the
        # article's sentence comes out, word for word
        for said, who in card.source.resolved.items():
            assert who in ("Ada Lindqvist", "Erik Holm"), card.source.resolved
            owner = said.lower() in ("his", "her") and f"{who}'s" in statement
            statement = statement.replace(f"{who}'s" if owner else who, said, 1)
        if card.kind == "cloze":
            assert statement == card.context, card.question


def test_ambiguous_pronoun_makes_no_card() -> None:
    text = """
    Maria Berg and Anna Sjö studied together at the Karolinska Institute in the 1890s. She later
    moved to Oslo in 1902 and opened a pharmacy there.
    """
    for card in _cards(text, "Two chemists"):
        assert "Oslo" not in card.question + card.answer or (
            card.kind == "true_false" and "[" not in card.question
        )


def test_one_question_per_fact_and_no_twin_statements() -> None:
    cards = _cards(BIOGRAPHY, "Ada Lindqvist")
    questions = [normalize(c.question) for c in cards if c.kind in ("short_answer", "multiple_choice")]
    assert len(questions) == len(set(questions))
    cloze_sentences = {normalize(c.question.replace("_____", c.answer)) for c in cards if c.kind == "cloze"}
    for card in cards:
        if card.kind == "true_false":
            assert normalize(_statement(card)) not in cloze_sentences
    groups = {c.group for c in cards}
    assert None not in groups and len(groups) < len(cards) + 1


HEDGED = """
The survey team found more than 100 pulsars in the southern sky during 2019. According to the
historian Lena Park, the observatory was founded by monks in 1620. Officials hope that the new
telescope will open in 2031. The observatory employs 240 astronomers at its site in Chile.
"""


def test_hedges_stay_in_the_card_or_there_is_no_card() -> None:
    for card in _cards(HEDGED, "Southern observatory"):
        if card.answer.strip() == "100" or ("100" in card.answer and "more than" not in card.answer.lower()):
            assert card.kind == "cloze" and "more than _____" in card.question.lower(), card.question
        if card.kind in ("short_answer", "multiple_choice", "true_false"):
            assert "1620" not in card.question + card.answer, card.question  # the historian's claim
            assert "2031" not in card.question + card.answer, card.question  # a hope, not a fact


def test_a_period_is_never_asked_with_where_and_a_thing_never_with_who() -> None:
    text = """
    Hekla erupted many times in the Middle Ages and buried several farms in the Þjórsárdalur valley.
    RuBisCO is slow and is easily confused with oxygen by the cells of the leaf. The enzyme fixes
    carbon dioxide in the Calvin cycle, which was described by Melvin Calvin in 1950.
    """
    for card in _cards(text, "Volcanoes and leaves"):
        if card.question.startswith("Where"):
            assert "Middle Ages" not in card.answer
        if card.question.startswith("Who"):
            assert card.answer in ("Melvin Calvin",), card.question


def test_choices_for_people_are_people_from_the_article() -> None:
    text = """
    Lloyd Austin, the U.S. Secretary of Defense, met Yoko Kamikawa, the Japanese Foreign Minister, in
    Tokyo on Sunday. Minoru Kihara, the Japanese Defense Minister, and Antony Blinken, the U.S.
    Secretary of State, also attended the meeting. Lloyd Austin called the agreement historic.
    """
    for card in _cards(text, "Alliance talks"):
        if card.kind == "multiple_choice" and card.answer in ("Lloyd Austin", "Antony Blinken"):
            for choice in card.choices:
                assert choice in text.replace("\n    ", " "), choice


def test_a_pattern_that_trips_on_a_sentence_loses_the_sentence_not_the_article() -> None:
    """Nothing in an odd sentence may stop the deck: the run ends with cards from the others."""
    text = """
    The Central Bank recoiled at the rising fuel induced inflationary pressures on Thursday.
    The (the) is a ( . Marie Curie won the Nobel Prize in Physics in 1903.
    """
    cards = _cards(text, "Odd text")
    assert any("1903" in c.answer or "Marie Curie" in c.answer for c in cards)
    for card in cards:
        assert "induce" not in card.question or card.kind == "cloze", card.question


def test_a_wh_question_never_ends_on_a_noun_that_lost_what_defined_it() -> None:
    """'On 4 September 1939, the day after Britain declared war on Germany, Turing reported to …'
    asked for the date must not end '… at Bletchley Park the day?' (round 14: edited twice)."""
    text = (
        "Alan Turing was an English mathematician. On 4 September 1939, the day after Britain declared war "
        "on Germany, Turing reported to the Government Code and Cypher School at Bletchley Park. In 2009 "
        "Prime Minister Gordon Brown issued a public apology for the way Turing had been treated."
    )
    deck = _cards(text, "Alan Turing")
    asked = [c.question for c in deck if c.kind in ("short_answer", "multiple_choice")]
    assert not [q for q in asked if re.search(r"\sthe (day|way)\?$", q)], asked
