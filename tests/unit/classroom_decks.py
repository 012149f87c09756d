"""Hand-written decks for the classroom export tests (question sets, worksheets, LMS files).

Built in code from the models so that the tests do not depend on the question generator. Shared
by tests/unit and tests/integration (which put this folder on ``sys.path``).

`canal_deck` has every card kind, two cards about one sentence (a sibling pair), scores that
rank the cards in a known order, and the Unicode a printout must keep ("Skłodowska", "€", "—",
"é"). `hostile_deck` puts markup and the control characters of every format into every field.
"""

from __future__ import annotations

from typing import Any

from quizgen.models import Card, CardSource, Deck, Generator, SourceInfo, Span, stable_id

CURIE = "Marie Skłodowska-Curie moved from Warsaw to Paris in 1891 to study physics."
OPENED = "The canal opened in 1914, ten years after the United States took over the works."
OCEANS = "The canal links the Atlantic Ocean with the Pacific Ocean."
LENGTH = "The canal is about 82 kilometres long."
LESSEPS = "The first attempt was led by Ferdinand de Lesseps — the builder of the Suez Canal."
NICKNAME = "Newspapers called the deepest cut of the works the Big Ditch."
HANDOVER = "Panama took full control of the canal on 31 December 1999."
TOLL = "A crossing costs a large ship more than €300,000 — about the price of a café in Colón."

HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(2)> {{c1::x}} ~ = # { } : \\ ]]> &amp; -> *"
"""Markup, Anki cloze syntax, GIFT's special characters, a CDATA end, an entity and a wildcard."""


def card(
    card_id: str,
    kind: str,
    question: str,
    answer: str,
    context: str,
    *,
    score: float,
    group: str | None = None,
    choices: list[str] | None = None,
    accepted: list[str] | None = None,
    cloze: str | None = None,
    deck_id: str = "canal",
) -> Card:
    """A card about ``context``; a cloze card's cloze text is made from its ``_____`` question."""
    where = context.find(answer)
    fields: dict[str, Any] = {
        "id": stable_id(deck_id, card_id),
        "kind": kind,
        "question": question,
        "answer": answer,
        "accepted_answers": accepted or [],
        "choices": choices or [],
        "context": context,
        "highlight": Span(start=where, end=where + len(answer)) if where >= 0 else None,
        "source": CardSource(source_id="article", sentence=0, start=0, end=len(context)),
        "fact_id": stable_id(deck_id, "fact", card_id),
        "group": group,
        "difficulty": 0.5,
        "score": score,
    }
    if kind == "cloze":
        fields["cloze"] = cloze or question.replace("_____", "{{c1::" + answer + "}}", 1)
    return Card(**fields)


def deck(deck_id: str, title: str, cards: list[Card], source_title: str | None = None) -> Deck:
    return Deck(
        id=deck_id,
        title=title,
        generator=Generator(version="test", engine="hand", model="none"),
        sources=[
            SourceInfo(
                id="article", name=f"{deck_id}.txt", title=source_title or title, sha256="0" * 64, words=200
            )
        ],
        cards=cards,
    )


def canal_cards() -> list[Card]:
    """Nine cards in article order; ``curie-city`` and ``curie-from`` ask about one sentence."""
    return [
        card(
            "curie-city",
            "short_answer",
            "To which city did Marie Skłodowska-Curie move in 1891?",
            "Paris",
            CURIE,
            score=0.90,
            group="s-curie",
        ),
        card(
            "curie-from",
            "cloze",
            "Marie Skłodowska-Curie moved from _____ to Paris in 1891 to study physics.",
            "Warsaw",
            CURIE,
            score=0.70,
            group="s-curie",
        ),
        card(
            "opened",
            "multiple_choice",
            "In what year did the canal open?",
            "1914",
            OPENED,
            score=0.80,
            group="s-opened",
            choices=["1904", "1914", "1920", "1899"],
        ),
        card(
            "oceans",
            "true_false",
            "True or false: The canal links the Atlantic Ocean with the Pacific Ocean.",
            "True",
            OCEANS,
            score=0.60,
            group="s-oceans",
        ),
        card(
            "length",
            "cloze",
            "The canal is about _____ long.",
            "82 kilometres",
            LENGTH,
            score=0.65,
            group="s-length",
            accepted=["82 km"],
        ),
        card(
            "lesseps",
            "short_answer",
            "Who led the first attempt to build the canal?",
            "Ferdinand de Lesseps",
            LESSEPS,
            score=0.85,
            group="s-lesseps",
            accepted=["de Lesseps", "Lesseps"],
        ),
        card(
            "nickname",
            "multiple_choice",
            "What did newspapers call the deepest cut of the works?",
            "the Big Ditch",
            NICKNAME,
            score=0.75,
            group="s-nickname",
            choices=["the Long Cut", "the Big Ditch", "the Great Trench", "the Water Road"],
        ),
        card(
            "handover",
            "true_false",
            "True or false: Panama took full control of the canal in 1979.",
            "False",
            HANDOVER,
            score=0.55,
            group="s-handover",
        ),
        card(
            "toll",
            "cloze",
            "A crossing costs a large ship more than _____ — about the price of a café in Colón.",
            "€300,000",
            TOLL,
            score=0.50,
            group="s-toll",
        ),
    ]


def canal_deck() -> Deck:
    return deck("canal", "The Panama Canal", canal_cards(), source_title="Building the canal")


def hostile_cards() -> list[Card]:
    """One card of each kind with hostile text in the question, the answers and the sentence."""
    context = f"The sentence holds {HOSTILE} in it."
    return [
        card(
            "h-mc",
            "multiple_choice",
            "Which of these holds <b>markup</b> & {braces}: ]]>?",
            "<script>x</script>",
            context,
            score=0.9,
            deck_id="hostile",
            choices=["]]> & {=}", "<script>x</script>", "=SUM(1,2)", "a -> b ~c #d"],
        ),
        card(
            "h-tf", "true_false", f"True or false: {HOSTILE}", "True", context, score=0.8, deck_id="hostile"
        ),
        card(
            "h-sa",
            "short_answer",
            f"What is {HOSTILE}?",
            "<b>x</b> & {y} ~z #1 \\ a:b = *",
            context,
            score=0.7,
            deck_id="hostile",
            accepted=["]]>&amp;"],
        ),
        card(
            "h-cloze",
            "cloze",
            f"{HOSTILE} then _____ ends it.",
            "&amp; ]]>",
            context,
            score=0.6,
            deck_id="hostile",
            cloze=f"{HOSTILE} then {{{{c1::&amp; ]]>}}}} ends it.",
        ),
    ]


def hostile_deck() -> Deck:
    return deck(
        "hostile", "Hostile <b>deck</b> & {title}: ]]>", hostile_cards(), source_title="<i>Source</i> & co"
    )
