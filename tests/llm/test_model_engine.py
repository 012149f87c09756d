"""The language-model engine against a replay server on loopback: the gate keeps exactly the good
cards, every bad one is dropped for its reason, and no failure leaves a deck file behind."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from chat_replay import ReplayServer, Step, card, cards, error, reply

from quizgen.errors import LlmError
from quizgen.generate.llm import report
from quizgen.generate.llm.checks import QUESTION_INVENTS
from quizgen.generate.llm.prompt import PROMPT_VERSION
from quizgen.models import load_deck

WHO_DESIGNED = "Who designed the Brooklyn Bridge in 1867?"
ROEBLING = "John Augustus Roebling"

# the good cards of the first chunk (sentences 0-3) and of the second (4-7)
GOOD_FIRST = [
    card(
        "multiple_choice",
        1,
        ROEBLING,
        WHO_DESIGNED,
        distractors=["Isambard Kingdom Brunel", "Gustave Eiffel", "Joseph Strauss"],
    ),
    card("short_answer", 3, "486 metres", "How long is the main span of the Brooklyn Bridge?"),
    card("cloze", 0, "the East River"),
    card("true_false", 0, "Manhattan", swap="Queens"),
]
GOOD_SECOND = [card("short_answer", 4, "1883", "In what year did the Brooklyn Bridge open to traffic?")]

# scripted bad cards, and the reason each must be dropped for
BAD_FIRST = [
    (
        card("short_answer", 1, "1869", "In what year did construction of the Brooklyn Bridge begin?"),
        report.NOT_IN_CITED_SENTENCE,
    ),
    (
        card("short_answer", 1, "Washington Roebling", "Who designed the Brooklyn Bridge?"),
        report.NOT_IN_ARTICLE,
    ),
    (
        card(
            "short_answer", 2, "1869", "In what year did construction of the Brooklyn Bridge begin in 1869?"
        ),
        "answer in question",
    ),
    (card("short_answer", 4, "1883", "In what year did the Brooklyn Bridge open?"), report.OUTSIDE_CHUNK),
    (card("short_answer", 1, ROEBLING, "Who designed the Eiffel Tower?"), QUESTION_INVENTS),
    (
        card(
            "multiple_choice",
            1,
            ROEBLING,
            WHO_DESIGNED,
            distractors=["Roebling", "Gustave Eiffel", "Joseph Strauss"],
        ),
        report.CHOICE_IS_ANSWER,
    ),
    (
        card(
            "multiple_choice",
            0,
            "the East River",
            "Which river does the Brooklyn Bridge cross?",
            distractors=["the Hudson River", "Manhattan", "the Harlem River"],
        ),
        report.CHOICE_IN_SENTENCE,
    ),
]
BAD_SECOND = [
    (
        card("short_answer", 5, "100,000", "How many vehicles cross the Brooklyn Bridge every day?"),
        "hedged number asked without its hedge",
    ),
    (card("short_answer", 6, "", "What does ASCE stand for?"), report.INVALID_OUTPUT),  # no answer
]


def shown(deck_cards: list) -> set[tuple[str, str, str]]:
    return {(c.kind, c.question, c.answer) for c in deck_cards}


def test_the_gate_keeps_exactly_the_good_cards_and_drops_each_bad_one_for_its_reason(generate) -> None:
    steps = [
        cards(*GOOD_FIRST, *(c for c, _ in BAD_FIRST)),
        reply('{"cards": [{"kind": "short_answer", "sentence": 4,'),  # cut off: not JSON
        cards(*GOOD_SECOND, *(c for c, _ in BAD_SECOND)),
    ]
    with ReplayServer(steps) as server:
        [result] = generate(server.url)

    deck = result.deck
    assert shown(deck.cards) == {
        ("multiple_choice", WHO_DESIGNED, ROEBLING),
        ("short_answer", "How long is the main span of the Brooklyn Bridge?", "486 metres"),
        ("cloze", "The Brooklyn Bridge crosses _____ between Manhattan and Brooklyn.", "the East River"),
        (
            "true_false",
            "True or false: The Brooklyn Bridge crosses the East River between Queens and Brooklyn.",
            "False",
        ),
        ("short_answer", "In what year did the Brooklyn Bridge open to traffic?", "1883"),
    }
    expected: dict[str, int] = {}
    for _card, reason in BAD_FIRST + BAD_SECOND:
        expected[reason] = expected.get(reason, 0) + 1
    assert result.report is not None
    assert result.report.dropped == expected
    assert len(server.requests) == 3  # two chunks, and the unreadable reply asked again once
    assert result.path.is_file() and load_deck(result.path).cards == deck.cards


def test_every_card_is_tied_to_its_own_sentence(generate) -> None:
    with ReplayServer([cards(*GOOD_FIRST), cards(*GOOD_SECOND)]) as server:
        [result] = generate(server.url)

    text = result.article.text
    for c in result.deck.cards:
        assert text[c.source.start : c.source.end] == c.context  # the sentence, verbatim
        if c.kind != "true_false":
            assert c.highlight is not None
            assert c.context[c.highlight.start : c.highlight.end] == c.answer
    by_kind = {c.kind: c for c in result.deck.cards}
    assert (
        by_kind["multiple_choice"].context
        == "The engineer John Augustus Roebling designed the bridge in 1867."
    )
    assert sorted(by_kind["multiple_choice"].choices) == sorted(
        [ROEBLING, "Isambard Kingdom Brunel", "Gustave Eiffel", "Joseph Strauss"]
    )


def test_a_near_exact_answer_is_kept_in_the_sentence_s_own_words(generate) -> None:
    slip = card("short_answer", 3, "486 Metres.", "How long is the main span of the Brooklyn Bridge?")
    with ReplayServer([cards(slip), cards()]) as server:
        [result] = generate(server.url)

    [kept] = result.deck.cards
    assert kept.answer == "486 metres"


def test_an_unreadable_reply_is_asked_again_once_with_the_problem_then_dropped_and_counted(generate) -> None:
    steps = [
        cards(*GOOD_FIRST),
        reply("Here are your cards: {cards: [oops"),
        reply("Sorry, I cannot do that."),
    ]
    with ReplayServer(steps) as server:
        [result] = generate(server.url)

    assert len(server.requests) == 3
    retry = server.messages(2)
    assert [m["role"] for m in retry] == ["system", "user", "assistant", "user"]
    assert retry[2]["content"] == "Here are your cards: {cards: [oops"
    assert "no JSON object" in retry[3]["content"]
    assert result.report is not None
    assert result.report.dropped == {report.INVALID_OUTPUT: 1}
    assert len(result.deck.cards) == 4  # the first chunk's cards only


def test_an_invalid_card_is_asked_again_and_its_corrected_version_kept(generate) -> None:
    two_distractors = card(
        "multiple_choice", 1, ROEBLING, WHO_DESIGNED, distractors=["Gustave Eiffel", "Joseph Strauss"]
    )
    steps = [cards(two_distractors), cards(GOOD_FIRST[0]), cards()]
    with ReplayServer(steps) as server:
        [result] = generate(server.url)

    assert "exactly three distractors" in server.messages(1)[-1]["content"]
    assert [c.answer for c in result.deck.cards] == [ROEBLING]
    assert result.report is not None and result.report.dropped == {}


def test_requests_ask_for_temperature_zero_a_seed_and_a_json_schema(generate) -> None:
    with ReplayServer([cards(*GOOD_FIRST), cards(*GOOD_SECOND)]) as server:
        [result] = generate(server.url)

    first = server.requests[0]
    assert first["model"] == "replay-model"
    assert first["temperature"] == 0 and first["seed"] == 0
    schema = first["response_format"]["json_schema"]["schema"]
    assert schema["required"] == ["cards"]
    generator = result.deck.generator
    assert (generator.engine, generator.model, generator.prompt_version) == (
        "llm",
        "replay-model",
        PROMPT_VERSION,
    )
    assert generator.verified is False and generator.parser


def test_only_the_article_s_text_is_sent(generate, article: Path) -> None:
    with ReplayServer([cards(), cards()]) as server:
        generate(server.url)

    sent = [m["content"] for body in server.requests for m in body["messages"] if m["role"] == "user"]
    assert sent[0].startswith("Article: The Brooklyn Bridge\nSection: Building the bridge\n")
    assert "[2] Construction of the bridge began in 1869 and took fourteen years." in sent[0]
    assert "[7] Pedestrians use a wide walkway above the roadway." in sent[1]
    everything = json.dumps(server.requests)
    assert article.name not in everything and str(article.parent) not in everything


def test_a_server_that_refuses_a_schema_is_asked_again_for_json_in_text(generate) -> None:
    in_prose = "Sure! Here they are:\n```json\n" + json.dumps({"cards": GOOD_SECOND}) + "\n```"
    steps = [
        error(400, "Unsupported parameter: response_format"),
        cards(*GOOD_FIRST),
        reply(in_prose),
    ]
    with ReplayServer(steps) as server:
        [result] = generate(server.url)

    assert "response_format" in server.requests[0]
    assert all("response_format" not in body for body in server.requests[1:])
    assert len(result.deck.cards) == 5


def test_a_second_run_is_served_from_the_cache_and_sends_nothing(generate, tmp_path: Path) -> None:
    with ReplayServer([cards(*GOOD_FIRST), cards(*GOOD_SECOND)]) as server:
        generate(server.url, output=tmp_path / "first.json")
    assert len(server.requests) == 2

    with ReplayServer([]) as again:
        [second] = generate(again.url, output=tmp_path / "second.json")

    assert again.requests == []
    assert second.report is not None and second.report.cached == 2 and second.report.requests == 0
    assert (tmp_path / "first.json").read_bytes() == (tmp_path / "second.json").read_bytes()


def test_another_model_is_not_served_from_the_cache(generate) -> None:
    with ReplayServer([cards(*GOOD_FIRST), cards(*GOOD_SECOND)]) as server:
        generate(server.url)
    with ReplayServer([cards(), cards()]) as other:
        generate(other.url, model="another-model")
    assert len(other.requests) == 2
    with ReplayServer([cards(*GOOD_FIRST), cards(*GOOD_SECOND)]) as same:
        generate(same.url)
    assert same.requests == []


def test_a_429_is_retried_after_the_wait_the_server_asks_for(generate) -> None:
    steps = [error(429, "Rate limit reached", {"Retry-After": "1"}), cards(*GOOD_FIRST), cards(*GOOD_SECOND)]
    with ReplayServer(steps) as server:
        started = time.monotonic()
        [result] = generate(server.url, backoff=0.0)
        waited = time.monotonic() - started

    assert len(server.requests) == 3
    assert waited >= 1.0
    assert len(result.deck.cards) == 5


def test_a_retry_after_longer_than_quizgen_waits_is_an_error_and_no_deck(generate, tmp_path: Path) -> None:
    output = tmp_path / "out" / "bridge.json"
    with (
        ReplayServer([error(429, "Rate limit reached", {"Retry-After": "3600"})]) as server,
        pytest.raises(LlmError, match="asks it to wait 3600 s"),
    ):
        generate(server.url, output=output)
    assert len(server.requests) == 1
    assert not output.exists()


def test_rate_limits_are_retried_a_bounded_number_of_times(generate, tmp_path: Path) -> None:
    limited = [error(429, "Rate limit reached", {"Retry-After": "0"}) for _ in range(5)]
    with (
        ReplayServer(limited) as server,
        pytest.raises(LlmError, match=r"rate-limiting quizgen .* gave up after 3 tries"),
    ):
        generate(server.url, retries=2)
    assert len(server.requests) == 3
    assert not (tmp_path / "out").exists()


def test_a_server_error_or_a_dropped_connection_is_retried_and_the_run_goes_on(generate) -> None:
    steps = [error(503, "Loading model"), cards(*GOOD_FIRST), Step(drop=True), cards(*GOOD_SECOND)]
    with ReplayServer(steps) as server:
        [result] = generate(server.url)

    assert len(server.requests) == 4
    assert len(result.deck.cards) == 5
    assert result.report is not None and result.report.requests == 4


def test_a_timeout_is_one_clear_error_and_leaves_no_deck(generate, tmp_path: Path) -> None:
    with (
        ReplayServer([Step(content=json.dumps({"cards": []}), delay=1.5)]) as server,
        pytest.raises(LlmError, match=r"did not answer within 0\.3 s"),
    ):
        generate(server.url, timeout=0.3)
    assert len(server.requests) == 1
    assert not (tmp_path / "out").exists()


def test_a_server_that_disappears_mid_run_stops_it_and_nothing_is_written(generate, tmp_path: Path) -> None:
    output = tmp_path / "out" / "bridge.json"
    with (
        ReplayServer([cards(*GOOD_FIRST), Step(vanish=True)]) as server,
        pytest.raises(LlmError, match="stopped answering after 1 replies") as raised,
    ):
        generate(server.url, output=output)
    assert "nothing was written" in (raised.value.hint or "")
    assert not output.parent.exists()

    # the reply before it was cached: running again asks only for what is missing
    with ReplayServer([cards(*GOOD_SECOND)]) as back:
        [result] = generate(back.url, output=output)
    assert len(back.requests) == 1
    assert output.is_file() and len(result.deck.cards) == 5


@pytest.mark.parametrize(
    ("step", "message"),
    [
        (error(404, 'model "replay-model" not found, try pulling it first'), "has no model 'replay-model'"),
        (error(401, "Incorrect API key provided"), "needs an API key"),
        (
            error(400, "the request exceeds the available context size, try increasing it"),
            "too long for the context",
        ),
        (error(500, "upstream exploded"), "keeps failing"),
    ],
)
def test_server_errors_are_one_clear_error_each(generate, step: Step, message: str, tmp_path: Path) -> None:
    with ReplayServer([step, step, step, step]) as server, pytest.raises(LlmError, match=message):
        generate(server.url)
    assert not (tmp_path / "out").exists()


def test_a_refused_key_is_told_from_a_missing_one(generate, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-wrong")
    with (
        ReplayServer([error(401, "Incorrect API key provided")]) as server,
        pytest.raises(LlmError, match="refused the API key"),
    ):
        generate(server.url)
    assert server.headers[0]["authorization"] == "Bearer sk-wrong"


def test_no_key_is_sent_when_none_is_set(generate) -> None:
    with ReplayServer([cards(), cards()]) as server:
        generate(server.url)
    assert all("authorization" not in headers for headers in server.headers)


def test_an_unreachable_server_is_one_clear_error(generate, tmp_path: Path) -> None:
    with ReplayServer([]) as server:
        url = server.url
    with pytest.raises(LlmError, match=r"cannot reach the model server at http://127\.0\.0\.1") as raised:
        generate(url)
    assert raised.value.hint and "ollama serve" in raised.value.hint
    assert not (tmp_path / "out").exists()


def test_verify_keeps_a_card_only_when_the_model_answers_it_again_from_its_sentence(generate) -> None:
    answers = {"answers": [{"id": 0, "answer": "Washington Roebling"}, {"id": 1, "answer": "486 metres"}]}
    steps = [
        cards(*GOOD_FIRST),
        reply(json.dumps(answers)),
        cards(),
    ]
    with ReplayServer(steps) as server:
        [result] = generate(server.url, verify=True)

    asked = json.loads(server.messages(1)[1]["content"])
    assert [item["question"] for item in asked] == [
        WHO_DESIGNED,
        "How long is the main span of the Brooklyn Bridge?",
    ]
    assert ROEBLING not in server.messages(1)[1]["content"].replace(
        asked[0]["sentence"], ""
    )  # no answer shown
    assert result.report is not None and result.report.dropped == {report.ROUND_TRIP: 1}
    assert {c.kind for c in result.deck.cards} == {"short_answer", "cloze", "true_false"}
    assert result.deck.generator.verified is True
