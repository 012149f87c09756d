"""Hand-written decks for the study tests (a few facts about the Wright brothers' first flight, and
some about Marie Curie whose cards are siblings).

Built in code from the `Deck`/`Card` models so the tests do not depend on the question generator.
Shared by tests/unit, tests/tui and tests/integration.
"""

from __future__ import annotations

from quizgen.models import Card, CardSource, Deck, Generator, SourceInfo, Span, stable_id

SENTENCES = [
    "The Wright brothers made the first powered flight in 1903 near Kitty Hawk, North Carolina.",
    "Orville Wright piloted the first flight, which lasted twelve seconds.",
    "The brothers ran a bicycle shop in Dayton, Ohio, before they built aircraft.",
    "Their 1903 aircraft, the Wright Flyer, is now displayed at the Smithsonian in Washington.",
    "Wilbur Wright was the elder of the two brothers.",
]


def make_card(
    kind: str,
    question: str,
    answer: str,
    sentence: int,
    *,
    deck_id: str = "wright-brothers",
    choices: list[str] | None = None,
    accepted: list[str] | None = None,
    context: str | None = None,
    highlight: bool = True,
) -> Card:
    """A card about `SENTENCES[sentence]` (or `context`), its answer highlighted when it occurs there."""
    text = context if context is not None else SENTENCES[sentence]
    where = text.find(answer)
    cloze = None
    if kind == "cloze":
        cloze = question.replace("_____", "{{c1::" + answer + "}}")
    return Card(
        id=stable_id(deck_id, question, answer),
        kind=kind,  # type: ignore[arg-type]
        question=question,
        answer=answer,
        accepted_answers=accepted or [],
        choices=choices or [],
        cloze=cloze,
        context=text,
        highlight=Span(start=where, end=where + len(answer)) if highlight and where >= 0 else None,
        source=CardSource(source_id=deck_id, sentence=sentence, start=0, end=len(text)),
        fact_id=stable_id(deck_id, "fact", question),  # each card asks a fact of its own
        difficulty=0.5,
        score=1.0,
    )


def make_deck(
    cards: list[Card], deck_id: str = "wright-brothers", title: str = "The Wright brothers"
) -> Deck:
    return Deck(
        id=deck_id,
        title=title,
        generator=Generator(version="0.1.0", engine="hand-written", model="none"),
        sources=[SourceInfo(id=deck_id, name=f"{deck_id}.md", title=title, sha256="0" * 64, words=70)],
        cards=cards,
    )


def short_answer_card() -> Card:
    return make_card(
        "short_answer", "In what year did the Wright brothers first fly a powered aircraft?", "1903", 0
    )


def kitty_hawk_card() -> Card:
    return make_card(
        "short_answer", "Near which town did the first powered flight take place?", "Kitty Hawk", 0
    )


def pilot_card() -> Card:
    return make_card(
        "multiple_choice",
        "Who piloted the first powered flight?",
        "Orville Wright",
        1,
        choices=["Wilbur Wright", "Orville Wright", "Octave Chanute", "Samuel Langley"],
    )


def dayton_card() -> Card:
    return make_card(
        "multiple_choice",
        "In which city did the brothers run a bicycle shop?",
        "Dayton",
        2,
        choices=["Chicago", "Cleveland", "Dayton", "Detroit"],
    )


def bicycle_card() -> Card:
    return make_card(
        "true_false", "True or false: The Wright brothers ran a bicycle shop in Dayton, Ohio.", "True", 2
    )


def elder_card() -> Card:
    return make_card("true_false", "True or false: Orville was the elder of the two brothers.", "False", 4)


def flyer_card() -> Card:
    return make_card(
        "cloze",
        "Their 1903 aircraft, the _____, is now displayed at the Smithsonian in Washington.",
        "Wright Flyer",
        3,
        accepted=["Flyer"],
    )


def seconds_card() -> Card:
    return make_card(
        "cloze",
        "Orville Wright piloted the first flight, which lasted _____ seconds.",
        "twelve",
        1,
        accepted=["12"],
    )


def wright_deck() -> Deck:
    """Eight cards, two of each kind, in a fixed order."""
    return make_deck(
        [
            short_answer_card(),
            pilot_card(),
            bicycle_card(),
            flyer_card(),
            kitty_hawk_card(),
            dayton_card(),
            elder_card(),
            seconds_card(),
        ]
    )


def kind_deck(kind: str) -> Deck:
    """The two cards of one kind from `wright_deck`."""
    return make_deck([card for card in wright_deck().cards if card.kind == kind])


def markup_deck() -> Deck:
    """Cards whose text looks like Rich markup: it must be shown literally, never interpreted."""
    context = "In Rich, [bold] starts bold text and [/] closes the last style."
    return make_deck(
        [
            make_card(
                "short_answer",
                "Which tag closes the last style opened with [bold]?",
                "[/]",
                0,
                deck_id="rich-markup",
                context=context,
            ),
            make_card(
                "multiple_choice",
                "What does [red]x[/red] print in a Rich console?",
                "[bold]",
                0,
                deck_id="rich-markup",
                context=context,
                choices=["[bold]", "[/]", "[red]", "[link=x]"],
            ),
        ],
        deck_id="rich-markup",
        title="Rich [markup] tags",
    )


CURIE_SENTENCES = [
    "Marie Curie was born in Warsaw in 1867 and moved to Paris in 1891.",
    "She shared the 1903 Nobel Prize in Physics with Pierre Curie and Henri Becquerel.",
    "In 1911 she won a second Nobel Prize, this time in Chemistry.",
    "She named the element polonium after her home country.",
]


def sibling_deck() -> Deck:
    """Siblings: four cards of one sentence (three blanks and a false statement), two cards asking
    one fact in two forms, and two cards of sentences of their own; in that order."""
    deck_id = "marie-curie"

    def card(kind: str, question: str, answer: str, sentence: int, choices: list[str] | None = None) -> Card:
        made = make_card(
            kind,
            question,
            answer,
            sentence,
            deck_id=deck_id,
            choices=choices,
            context=CURIE_SENTENCES[sentence],
        )
        return made.model_copy(update={"group": f"sentence-{sentence}"})

    born = "Marie Curie was born in {} in {} and moved to {} in 1891."
    pierre = "Who shared the 1903 Nobel Prize in Physics with Marie Curie and Henri Becquerel?"
    cards = [
        card("cloze", born.format("_____", "1867", "Paris"), "Warsaw", 0),
        card("cloze", born.format("Warsaw", "_____", "Paris"), "1867", 0),
        card("cloze", born.format("Warsaw", "1867", "_____"), "Paris", 0),
        card("true_false", "True or false: " + born.format("Krakow", "1867", "Paris"), "False", 0),
        card("short_answer", pierre, "Pierre Curie", 1),
        card(
            "multiple_choice",
            pierre.replace("Who", "Which physicist"),
            "Pierre Curie",
            1,
            choices=["Paul Langevin", "Pierre Curie", "Ernest Rutherford", "Albert Einstein"],
        ),
        card("cloze", "In 1911 she won a second Nobel Prize, this time in _____.", "Chemistry", 2),
        card("short_answer", "Which element did Marie Curie name after her home country?", "polonium", 3),
    ]
    same_fact = cards[4].fact_id
    cards[5] = cards[5].model_copy(update={"fact_id": same_fact})  # one fact asked in two forms
    return make_deck(cards, deck_id=deck_id, title="Marie Curie")
