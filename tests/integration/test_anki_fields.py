"""Anki fields as Anki keeps them, checked in a real collection: searches find what the learner
types (issue 8), and the browser, the deck overview, the tags and a false statement's back read
well (issue 9).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import genanki
import pytest

from quizgen.export.anki import AnkiOptions, export_anki
from quizgen.models import Deck

LANDING = 'After 21 hours, Eagle\'s ascent stage lifted off and rejoined "Columbia" & its pilot.'
BIRTH = "Maria Skłodowska was born in Warsaw, which was then part of the Russian Empire."


def _deck(make_card: Any, make_deck: Any) -> Deck:
    cards = [
        make_card(
            "stage",
            context=LANDING,
            answer="Eagle's ascent stage",
            accepted_answers=["the ascent stage", "Eagle's ascent stage"],
            question="What lifted off after 21 hours?",
            tags=["fact::event", "answer::product"],
        ),
        make_card("hours", "cloze", context=LANDING, answer="21 hours", tags=["fact::date", "answer::time"]),
        make_card(
            "pilot",
            "multiple_choice",
            context=BIRTH,
            answer="Warsaw",
            choices=["Paris", "Warsaw", "Kraków", "Lyon"],
            question="Where was Maria Skłodowska born?",
            tags=["fact::location", "answer::gpe"],
        ),
        make_card(
            "born",
            "true_false",
            context=BIRTH,
            question=f"True or false: {BIRTH.replace('Warsaw', 'Paris')}",
            tags=["fact::location", "answer::gpe"],
        ).model_copy(update={"answer": "False"}),
        make_card("true", "true_false", context=BIRTH, question=f"True or false: {BIRTH}", answer="Warsaw"),
        make_card(
            "painting",
            context="The Starry Night was painted in 1889.",
            answer="The Starry Night",
            tags=["fact::passive", "answer::work_of_art"],
        ),
    ]
    deck = make_deck("space", cards, title="Apollo & Curie", source_title="Apollo & Curie")
    source = deck.sources[0].model_copy(update={"published": "July 21, 1969"})
    return deck.model_copy(update={"sources": [source]})


@pytest.fixture
def collection(tmp_path: Path, make_card, make_deck, anki_collection, import_package) -> Any:
    """A collection holding the deck above."""
    path = export_anki([_deck(make_card, make_deck)], tmp_path / "d.apkg", AnkiOptions()).path
    import_package(anki_collection, path)
    return anki_collection


def _note(col: Any, card_id: str) -> Any:
    """The note of the card with this id (each card of the deck above has a note of its own)."""
    [nid] = col.db.list("select id from notes where guid = ?", str(genanki.guid_for("quizgen-card", card_id)))
    return col.get_note(nid)


# ------------------------------------------------------------------------------- issue 8: search


@pytest.mark.parametrize(
    ("search", "card_id"),
    [
        ("Back:Eagle's*", "stage"),  # an apostrophe, as the learner types it
        ('"Front:*after 21 hours?"', "stage"),
        ('"Sentence:*rejoined \\"Columbia\\"*"', "hours"),  # double quotes too
        ("Answer:Warsaw", "pilot"),  # the answer field holds the answer alone
        ('"Also accepted:the ascent stage"', "stage"),  # and the alternatives have their own
    ],
)
def test_field_searches_find_what_the_learner_types(collection, search: str, card_id: str) -> None:
    assert collection.find_notes(search) == [_note(collection, card_id).id]


def test_fields_store_quotes_plain_and_markup_escaped(
    tmp_path, make_card, make_deck, anki_collection, import_package
) -> None:
    hostile = make_card("x", context='It\'s <b>"bold"</b> & so on.', answer="It's", question='Q\'s "<i>"?')
    path = export_anki([make_deck("x", [hostile])], tmp_path / "x.apkg", AnkiOptions()).path
    import_package(anki_collection, path)

    [fields] = anki_collection.db.list("select flds from notes")
    assert "&#x27;" not in fields and "&quot;" not in fields and "&#39;" not in fields
    assert 'Q\'s "&lt;i&gt;"?' in fields and '&lt;b&gt;"bold"&lt;/b&gt; &amp; so on.' in fields


# --------------------------------------------------------------------------- issue 9: the browser


def _browser(col: Any, note: Any) -> dict[str, str]:
    columns = ["noteFld", "question", "answer"]
    col.set_browser_card_columns(columns)
    cells = [text for text, _, _ in col.browser_row_for_id(note.cards()[0].id)[0]]
    return dict(zip(columns, cells, strict=True))


def test_the_browser_reads_well(collection) -> None:
    short = _browser(collection, _note(collection, "stage"))
    assert short["noteFld"] == "What lifted off after 21 hours?"
    assert short["answer"].startswith("Eagle's ascent stage Also accepted: the ascent stage After 21 hours")

    statement = _browser(collection, _note(collection, "born"))
    assert statement["noteFld"].startswith("Maria Skłodowska was born in Paris")
    assert statement["question"].startswith("True or false? Maria Skłodowska")
    assert statement["answer"].startswith("False The article says Maria Skłodowska was born in Warsaw Paris,")

    choice = _browser(collection, _note(collection, "pilot"))
    assert choice["question"] == "Where was Maria Skłodowska born? A Paris B Warsaw C Kraków D Lyon"
    assert choice["answer"].startswith("Warsaw Maria Skłodowska was born in Warsaw")

    blank = _browser(collection, _note(collection, "hours"))
    assert blank["noteFld"] == LANDING  # the sentence, blanks filled in, no cloze markup
    assert blank["question"] == LANDING.replace("21 hours", "[...]")


def test_a_false_statement_shows_what_was_changed(collection, parse_html) -> None:
    note = _note(collection, "born")
    back = note.cards()[0].answer()
    page = parse_html(back)

    assert "The article says Maria Skłodowska was born in Warsaw Paris, which was then part" in page.text
    assert '<mark class="qg-answer">Warsaw</mark> <del class="qg-was">Paris</del>' in note["Correction"]
    true = _note(collection, "true")
    assert not true["Correction"] and true["Context"]  # a true statement shows its sentence


def test_decks_describe_themselves(collection) -> None:
    description = collection.decks.get(collection.decks.id_for_name("quizgen::Apollo & Curie"))["desc"]

    assert description.startswith("<b>Apollo &amp; Curie</b>")
    assert "Source: article.txt, dated July 21, 1969 (100 words)" in description
    assert "6 cards in 6 notes: 2 short-answer, 1 multiple-choice, 2 true-false, 1 cloze" in description


def test_tags_say_what_a_card_asks_about(collection) -> None:
    tags = set(collection.tags.all())

    assert {"quizgen::kind::short-answer", "quizgen::kind::cloze", "quizgen::kind::true-false"} <= tags
    assert {"quizgen::about::place", "quizgen::about::time", "quizgen::about::creative-work"} <= tags
    words = {part for tag in tags for part in tag.lower().split("::")}
    assert not words & {"gpe", "fac", "work_of_art", "passive", "fact", "answer"}
