"""Facts the engine used to miss and must now ask, each beside a near miss it must still refuse:
key terms in notes ('Term — meaning'), measures that keep their unit, long sentences that shed a
closing participle, a name with 'and' in it, and a relative time the card dates itself. Sentences
written for the purpose."""

from __future__ import annotations

import pytest
from engine_helpers import article_from_text

from quizgen.generate import candidate_cards, choose_cards, generate_deck
from quizgen.generate.facts import find_facts
from quizgen.models import FactKind
from quizgen.nlp import parse_article

GLOSSARY = """
Corvée — unpaid forced labour demanded by a state; used to dig much of the canal.

Isotope — atoms of the same element with the same number of protons but different numbers of neutrons.

Benjamin Disraeli — British prime minister who bought the shares for Britain.

Convoy system — ships cross in organised groups because much of the canal is a single lane.

1886: Clemens Winkler discovers germanium.

Length when opened: about 164 km.

Exam tip: learn the trends across a period and down a group.

Halogens: fluorine, chlorine, bromine and iodine.

Public health — clean water, sewers, food hygiene.

The canal was opened in 1869. Corvée — a word the engineers knew well — ended in 1864.
"""


def glossary_facts(text: str) -> dict[str, str | None]:
    founds = find_facts(parse_article(article_from_text(text, "Key terms")))
    return {f.fact.answer: f.question for f in founds if f.fact.kind == FactKind.GLOSSARY}


def test_a_term_and_its_meaning_ask_for_the_term() -> None:
    asked = glossary_facts(GLOSSARY)
    assert asked["Corvée"] == "What is the term for unpaid forced labour demanded by a state?"
    assert asked["Isotope"] == (
        "What is the term for atoms of the same element with the same number of protons "
        "but different numbers of neutrons?"
    )


def test_a_person_in_a_who_was_who_list_is_asked_with_who() -> None:
    asked = glossary_facts(GLOSSARY)
    assert (
        asked["Benjamin Disraeli"] == "Who was the British prime minister who bought the shares for Britain?"
    )


NOTES = """
Tithe — tax of one tenth paid to the church

Quorum — smallest number of members (often half) of a board

Serfdom — unfree labour tied to a lord's land

More tension: disagreements over trade and borders
"""


def test_a_key_term_of_notes_without_full_stops_is_asked_with_its_article_put_back() -> None:
    """Notes drop articles and full stops; the question puts 'a' back for a thing one counts, 'the'
    before a superlative, nothing before a mass noun, and leaves a parenthesis out (a remark)."""
    asked = glossary_facts(NOTES)
    assert asked["Tithe"] == "What is the term for a tax of one tenth paid to the church?"
    assert asked["Quorum"] == ("What is the term for the smallest number of members of a board?")
    assert asked["Serfdom"] == "What is the term for unfree labour tied to a lord's land?"
    assert "More tension" not in asked  # a remark that opens on "more" names no term
    deck = generate_deck(article_from_text(NOTES, "Key terms"))
    assert {c.answer for c in deck.cards if c.question.startswith("What is the term")} & {"Tithe", "Serfdom"}


@pytest.mark.parametrize(
    "label",
    [
        "Convoy system",
        "1886",
        "Length when opened",
        "Exam tip",
        "Halogens",
        "Public health",
        "Clemens Winkler",
    ],
)
def test_labels_that_do_not_define_a_term_give_no_glossary_card(label: str) -> None:
    # an explanation, a timeline date, a value, a tip, a list, and a term inside running prose
    assert label not in glossary_facts(GLOSSARY)
    assert len([a for a in glossary_facts(GLOSSARY) if a == "Corvée"]) == 1


def test_a_glossary_line_gives_a_question_and_never_a_blank_on_its_label() -> None:
    deck = generate_deck(article_from_text(GLOSSARY, "Key terms"))
    cards = {(c.kind, c.answer) for c in deck.cards}
    assert ("short_answer", "Isotope") in cards
    assert not any(c.kind == "cloze" and c.question.startswith("_____ —") for c in deck.cards)


@pytest.mark.parametrize(
    ("sentence", "quantity"),
    [
        ("The building covers about 1.8 hectares of land near the harbour.", "about 1.8 hectares"),
        ("Adults typically measure about 23 centimetres from snout to tail.", "about 23 centimetres"),
    ],
)
def test_a_measure_keeps_its_unit(sentence: str, quantity: str) -> None:
    parsed = parse_article(article_from_text(sentence))
    ents = {(e.text, e.label_) for s in parsed.sentences for e in s.span.ents}
    assert (quantity, "QUANTITY") in ents


def test_a_count_of_things_is_not_taken_for_a_measure() -> None:
    parsed = parse_article(article_from_text("The bridge stands on 588 concrete piers in the river."))
    assert not any(e.label_ == "QUANTITY" for s in parsed.sentences for e in s.span.ents)


def test_a_long_sentence_sheds_its_closing_participle_for_a_blank() -> None:
    text = (
        "The viaduct was opened by President Jacques Chirac in December 2004 above the deep valley of the "
        "river Tarn in the south of France, making it the tallest bridge of its kind anywhere in the world."
    )
    drafts = candidate_cards(article_from_text(text, "The viaduct"))
    blanks = [d.card.question for d in drafts if d.card.kind == "cloze"]
    assert len(blanks) >= 2, "the main clause gives blanks"
    assert not any("making it" in q for q in blanks)


def _list_verdicts(text: str) -> dict[str, bool]:
    """For each cloze draft's answer: whether the gate called it one item of a list."""
    selection = choose_cards(article_from_text(text, "Bridges"))
    out = {d.card.answer: False for d in selection.kept if d.card.kind == "cloze"}
    for draft, reasons in selection.dropped:
        if draft.card.kind == "cloze":
            out[draft.card.answer] = "blank is one item of a list" in reasons
    return out


def test_a_name_or_duration_with_and_in_it_is_no_list_but_one_item_of_a_list_is() -> None:
    verdicts = _list_verdicts(
        "The engineering firm Ove Arup & Partners worked with Jørn Utzon on the roof in 1961. "
        "The crossing took 117 hours and 52 minutes in July 2015. "
        "Engineers from Denmark, Sweden and Norway inspected the bridge in 1962."
    )
    assert verdicts["Ove Arup & Partners"] is False
    assert verdicts["117 hours and 52 minutes"] is False
    assert verdicts["Sweden"] is True


def _reasons(text: str, answer: str, kind: str = "cloze") -> list[str] | None:
    """Why the gate or the ranker dropped the `kind` draft asking for `answer` ([] when kept)."""
    selection = choose_cards(article_from_text(text, "Canal treaties"))
    if any(d.card.kind == kind and d.card.answer == answer for d in selection.kept):
        return []
    return next((r for d, r in selection.dropped if d.card.kind == kind and d.card.answer == answer), None)


def test_a_relative_time_is_fine_when_the_card_gives_the_date_it_counts_from() -> None:
    text = (
        "Panama declared its independence from Colombia on 3 November 1903. Only fifteen days later, "
        "on 18 November 1903, the new republic signed the Hay–Bunau-Varilla Treaty with the United States. "
        "Van Gogh shot himself in a wheat field in July 1890. He died two days later, on 29 July 1890."
    )
    treaty = _reasons(text, "the Hay–Bunau-Varilla Treaty")
    assert treaty is not None and "time known only from the article" not in treaty
    death = _reasons(text, "29 July 1890")
    assert death is not None and "time known only from the article" in death


def test_one_rare_word_is_a_term_but_an_everyday_word_is_not() -> None:
    text = "Cells in darker skin produce melanin in large amounts to absorb ultraviolet light."
    melanin = _reasons(text, "melanin")
    assert melanin is not None and "everyday word as answer" not in melanin
    assert "common-noun phrase as answer" not in melanin
    light = _reasons(text, "ultraviolet light")
    assert light is not None and "everyday word as answer" in light


def test_a_notes_arrow_is_shorthand_not_a_sentence() -> None:
    text = (
        "In 1868 the emperor moved from Kyoto to Tokyo, which became the capital. "
        "Before 1868 the emperor lived in Kyoto → his role was mostly symbolic."
    )
    selection = choose_cards(article_from_text(text, "Meiji notes"))
    arrow = [r for d, r in selection.dropped if "→" in d.sentence.text]
    assert arrow and all("a note's shorthand, not a sentence" in r for r in arrow)
    assert not any("→" in d.sentence.text for d in selection.kept)
    assert selection.kept, "the sentence without an arrow still gives cards"


def test_known_as_asks_about_a_named_thing_not_a_bare_plural() -> None:
    def known(text: str) -> list[str]:
        founds = find_facts(parse_article(article_from_text(text)))
        return [f.question for f in founds if f.question and "known" in f.question]

    assert known("The Reserve Bank, known as the RBA, sets interest rates.") == [
        "What is the Reserve Bank known as?"
    ]
    assert known("Workers known as high scalers cleared loose rock from the canyon walls.") == []


def test_an_owner_pronoun_is_replaced_by_the_owner() -> None:
    text = (
        "Alfred Russel Wallace was a British naturalist who explored the Malay Archipelago for eight years. "
        "By his own count he collected 125,660 specimens, most of them insects."
    )
    blanks = [d.card.question for d in candidate_cards(article_from_text(text, "Alfred Russel Wallace"))]
    counted = [q for q in blanks if "own count" in q]
    assert counted and all(q.startswith("By Alfred Russel Wallace's own count he collected") for q in counted)
