"""Any text the engine is given: it never crashes, and every deck it makes keeps the card invariants.

Articles are drawn by hypothesis from sentences of names, dates, numbers, quotations, brackets,
pronouns and odd characters (emoji, zero-width and right-to-left marks), the kinds of text that have
tripped parsers before. Every deck must validate against the schema, and every card must be grounded
in the article: its answer stands in the article's text (true/false aside), a cloze holds exactly
one blank, a multiple-choice card has four different choices with the answer once among them.
"""

from __future__ import annotations

import re

from engine_helpers import article_from_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizgen.generate import generate_deck
from quizgen.models import Deck

NAMES = [
    "Marie Curie",
    "Pierre",
    "the Suez Canal",
    "NASA",
    "Ada Lovelace",
    "Tokyo",
    "the Royal Society",
    "Kenya",
]
VERBS = ["founded", "visited", "described", "built", "opened", "was born in", "discovered", "said"]
THINGS = ["a bridge", "the first engine", "polonium", "a treaty", "the museum", "radium", "a new canal"]
TIMES = ["in 1898", "on 12 May 1903", "in the 1920s", "two days later", "that year", "in March", ""]
ODDITIES = [
    "",
    "",
    "",
    " 🚀",
    "\u200b",
    "\u202e",
    " (see below)",
    " [1]",
    ' "quoted words,"',
    " — an aside —",
    ";",
]
PRONOUNS = ["She", "He", "It", "They", "This"]


@st.composite
def sentences(draw: st.DrawFn) -> str:
    subject = draw(st.sampled_from(NAMES + PRONOUNS))
    words = [
        subject,
        draw(st.sampled_from(VERBS)),
        draw(st.sampled_from(THINGS + NAMES)),
        draw(st.sampled_from(TIMES)),
    ]
    if draw(st.booleans()):
        count = draw(st.integers(min_value=2, max_value=99999))
        words.append(f"with {count:,} {draw(st.sampled_from(['workers', 'metres', 'dollars', 'percent']))}")
    text = " ".join(w for w in words if w) + draw(st.sampled_from(ODDITIES))
    return text[0].upper() + text[1:] + draw(st.sampled_from([".", ".", "!", "?", ""]))


@st.composite
def articles(draw: st.DrawFn) -> str:
    paragraphs = draw(st.lists(st.lists(sentences(), min_size=1, max_size=5), min_size=1, max_size=5))
    return "\n\n".join(" ".join(p) for p in paragraphs)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_any_article_gives_a_valid_deck_of_grounded_cards(text: str) -> None:
    article = article_from_text(text, "Odd facts")
    deck = generate_deck(article)
    Deck.model_validate(deck.model_dump())  # the schema holds
    source = _norm(article.text)
    for card in deck.cards:
        if card.kind != "true_false":
            assert _norm(card.answer) in source, card
        if card.kind == "cloze":
            assert card.question.count("_____") == 1, card
        if card.kind == "multiple_choice":
            assert len(card.choices) == 4 and len({_norm(c) for c in card.choices}) == 4, card
            assert [_norm(c) for c in card.choices].count(_norm(card.answer)) == 1, card
        if card.kind == "true_false":
            assert card.answer in ("True", "False"), card
