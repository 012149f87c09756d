"""`--engine rules+llm`: the rule engine chooses the facts and answers, the model only rewords the
questions; answers, sources and ids never change, and a rewording the gate refuses falls back."""

from __future__ import annotations

import json
from pathlib import Path

from chat_replay import ReplayServer, reply

from quizgen.generate import GenerateOptions, generate_deck
from quizgen.generate.llm import report
from quizgen.generate.llm.checks import REWORDING_ASKS_ELSE, REWORDING_INVENTS
from quizgen.ingest import read_article
from quizgen.models import Card

ACRONYM = "What does ASCE stand for?"
LANDMARK = (
    "In what year did the American Society of Civil Engineers list the Brooklyn Bridge as a historic "
    "landmark?"
)


def rewordings(*questions: str) -> str:
    return json.dumps({"questions": [{"id": n, "question": q} for n, q in enumerate(questions)]})


def rule_cards(article: Path) -> list[Card]:
    return generate_deck(read_article(str(article), max_chars=10**6), GenerateOptions()).cards


def without_question(card: Card) -> dict[str, object]:
    return card.model_dump(exclude={"question", "revision"})


def test_the_rule_engine_asks_the_questions_these_tests_reword(article: Path) -> None:
    asked = [
        (c.kind, c.question) for c in rule_cards(article) if c.kind in ("short_answer", "multiple_choice")
    ]
    assert asked == [("short_answer", ACRONYM), ("multiple_choice", LANDMARK)]


def test_rewording_changes_the_question_only_and_a_refused_one_keeps_the_rule_wording(
    generate, article: Path
) -> None:
    better = "What do the letters ASCE stand for?"
    gives_it_away = "In what year was the Brooklyn Bridge listed as a historic landmark in 1972?"
    with ReplayServer([reply(rewordings(better, gives_it_away))]) as server:
        [result] = generate(server.url, engine="rules+llm")

    rules = rule_cards(article)
    mixed = result.deck.cards
    assert [c.id for c in mixed] == [c.id for c in rules]
    assert [without_question(c) for c in mixed] == [without_question(c) for c in rules]
    questions = {c.id: c.question for c in mixed}
    by_question = {c.question: c.id for c in rules}
    assert questions[by_question[ACRONYM]] == better
    assert questions[by_question[LANDMARK]] == LANDMARK  # refused: the rule engine's wording stands
    assert result.report is not None
    assert result.report.reworded == 1
    assert result.report.dropped == {report.RULE_WORDING + "answer in question": 1}
    # one request: only the chunk that holds questions is sent, with each question's answer
    assert len(server.requests) == 1
    sent = json.loads(server.messages(0)[1]["content"])
    assert [(item["question"], item["answer"]) for item in sent] == [
        (ACRONYM, "American Society of Civil Engineers"),
        (LANDMARK, "1972"),
    ]
    assert result.deck.generator.engine == "rules+llm"


def test_a_rewording_that_breaks_the_gate_or_the_round_trip_falls_back(generate, article: Path) -> None:
    steps = [
        reply(
            rewordings(
                "What does it stand for?", "When was the Brooklyn Bridge listed as a historic landmark?"
            )
        ),
        reply(json.dumps({"answers": [{"id": 0, "answer": "1883"}]})),
    ]
    with ReplayServer(steps) as server:
        [result] = generate(server.url, engine="rules+llm", verify=True)

    assert [c.question for c in result.deck.cards] == [c.question for c in rule_cards(article)]
    assert result.report is not None
    assert result.report.reworded == 0
    assert result.report.dropped == {
        report.RULE_WORDING + "pronoun in question": 1,
        report.RULE_WORDING + report.ROUND_TRIP: 1,
    }
    assert len(server.requests) == 2


def test_an_unreadable_rewording_keeps_every_rule_question(generate, article: Path) -> None:
    with ReplayServer([reply("no idea"), reply("still no idea")]) as server:
        [result] = generate(server.url, engine="rules+llm")

    assert [c.model_dump(exclude={"revision"}) for c in result.deck.cards] == [
        c.model_dump(exclude={"revision"}) for c in rule_cards(article)
    ]
    assert result.report is not None
    assert result.report.dropped == {report.RULE_WORDING + report.INVALID_OUTPUT: 1}
    assert len(server.requests) == 2


def test_a_rewording_that_asks_something_else_or_names_something_new_falls_back(
    generate, article: Path
) -> None:
    steps = [reply(rewordings("What does UNESCO stand for?", "What does the abbreviation ASCE stand for?"))]
    with ReplayServer(steps) as server:
        [result] = generate(server.url, engine="rules+llm")

    assert [c.question for c in result.deck.cards] == [c.question for c in rule_cards(article)]
    assert result.report is not None
    assert result.report.dropped == {
        report.RULE_WORDING + REWORDING_INVENTS: 1,
        report.RULE_WORDING + REWORDING_ASKS_ELSE: 1,
    }
