"""The language-model engine's parts on their own: grounding, reading replies, chunking, the
gate's one difference, Retry-After, agreement, the cache, settings, the deck's generator record."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import httpx
import pytest
from llm_articles import BRIDGE

from quizgen.errors import InputError
from quizgen.generate.gate import RARELY_KEPT_WH, GateContext, gate
from quizgen.generate.llm.cache import ReplyCache, cache_key, llm_cache_dir
from quizgen.generate.llm.checks import answers_agree, model_card_gate
from quizgen.generate.llm.client import printable, retry_after
from quizgen.generate.llm.engine import CachedExchange
from quizgen.generate.llm.grounding import Grounder, locate
from quizgen.generate.llm.prompt import chunks_of, estimate_tokens
from quizgen.generate.llm.replies import CardsReply, ModelCard, read_reply, response_schema
from quizgen.generate.llm.settings import DEFAULT_BASE_URL, is_loopback, llm_settings
from quizgen.generate.people import find_people
from quizgen.generate.questions import CardMaker
from quizgen.ingest import read_article
from quizgen.models import Deck, Generator, parse_deck
from quizgen.nlp import ParsedArticle, parse_article

SENTENCE = "The engineer John Augustus Roebling designed the bridge in 1867."


@pytest.mark.parametrize(
    ("answer", "found"),
    [
        ("John Augustus Roebling", "John Augustus Roebling"),  # exact
        ("john augustus roebling", "John Augustus Roebling"),  # case
        ("John Augustus Roebeling", "John Augustus Roebling"),  # a slipped letter, in the sentence's words
        ("1867.", "1867"),  # stray punctuation
        ("the engineer John", "The engineer John"),
        ("1868", None),  # a short answer must match exactly: one digit is another fact
        ("Washington Roebling", None),
        ("Roeb", None),  # not a whole word
        ("designed the bridge in 1867 and opened it", None),
    ],
)
def test_locate_finds_the_answer_in_the_sentence_s_own_words(answer: str, found: str | None) -> None:
    where = locate(answer, SENTENCE)
    assert (SENTENCE[where.start : where.end] if where else None) == found


def test_locate_folds_quotes_and_dashes() -> None:
    text = "The “Great Bridge” was built by Roebling’s son — Washington."
    where = locate('"Great Bridge"', text)
    assert where is not None and text[where.start : where.end] == "“Great Bridge”"
    where = locate("Roebling's son - Washington", text)
    assert where is not None and text[where.start : where.end] == "Roebling’s son — Washington"


def test_a_reply_is_read_from_a_code_fence_or_a_bare_list_and_checked_card_by_card() -> None:
    good = {"kind": "cloze", "sentence": 0, "answer": "1867", "explanation": "ignored"}
    bad = {"kind": "multiple_choice", "sentence": 1, "question": "Who?", "answer": "X", "distractors": ["a"]}
    fenced = "Here you go:\n```json\n" + json.dumps({"cards": [good, bad]}) + "\n```\nEnjoy!"

    read = read_reply(fenced, CardsReply, ModelCard)
    assert [c.answer for c in read.items] == ["1867"]
    assert read.problems == ["cards[1]: Value error, a multiple_choice card needs exactly three distractors"]
    assert read.invalid == 1

    bare = read_reply(json.dumps([good]), CardsReply, ModelCard)
    assert len(bare.items) == 1 and not bare.problems

    broken = read_reply('{"cards": [{"kind": "cloze"', CardsReply, ModelCard)
    assert broken.unreadable and broken.invalid == 1 and broken.problems == ["the reply holds no JSON object"]


def test_the_response_schema_is_strict_everywhere() -> None:
    schema = response_schema(CardsReply)

    def objects(node: object) -> list[dict]:
        if isinstance(node, dict):
            found = [node] if node.get("type") == "object" else []
            return found + [o for v in node.values() for o in objects(v)]
        if isinstance(node, list):
            return [o for v in node for o in objects(v)]
        return []

    assert len(objects(schema)) == 2
    for obj in objects(schema):
        assert obj["additionalProperties"] is False
        assert obj["required"] == list(obj["properties"])
    text = json.dumps(schema)
    assert not [word for word in ('"default"', '"title"', '"minLength"', '"minimum"') if word in text]
    assert schema["$defs"]["ModelCard"]["properties"]["kind"]["enum"] == [
        "short_answer",
        "multiple_choice",
        "cloze",
        "true_false",
    ]


@pytest.fixture(scope="module")
def parsed(tmp_path_factory: pytest.TempPathFactory) -> ParsedArticle:
    path = tmp_path_factory.mktemp("article") / "bridge.md"
    path.write_text(BRIDGE, encoding="utf-8")
    return parse_article(read_article(str(path), max_chars=10**6))


def test_chunks_keep_to_sections_and_the_budget_and_number_sentences_as_the_article_does(parsed) -> None:
    chunks = chunks_of(parsed, 1200)
    assert [sorted(c.indices) for c in chunks] == [[0, 1, 2, 3], [4, 5, 6, 7]]
    assert [c.section for c in chunks] == ["Building the bridge", "The bridge today"]
    assert chunks[0].text().splitlines()[:4] == [
        "Article: The Brooklyn Bridge",
        "Section: Building the bridge",
        "",
        "Sentences:",
    ]

    small = chunks_of(parsed, 30)  # a paragraph longer than the budget is cut between sentences
    assert all(
        sum(estimate_tokens(s.text) for s in c.sentences) <= 30 or len(c.sentences) == 1 for c in small
    )
    assert [s.index for c in small for s in c.sentences] == list(range(8))
    assert len(small) > len(chunks)


def test_the_model_gate_is_the_rule_gate_without_its_rule_only_reason(parsed) -> None:
    people = find_people(parsed)
    ctx = GateContext.of(parsed, people)
    grounder = Grounder(parsed, CardMaker(parsed, ("short_answer",), 0, people), 0)
    question = ModelCard(
        kind="short_answer",
        sentence=1,
        question="Who designed the Brooklyn Bridge?",
        answer="John Augustus Roebling",
    )
    draft = grounder.ground(question, chunks_of(parsed, 1200)[0]).draft
    assert draft is not None

    assert gate(draft, ctx) == [RARELY_KEPT_WH]  # what the rule engine's own question would get
    assert model_card_gate(draft, ctx) == []

    giveaway = ModelCard(
        kind="short_answer",
        sentence=1,
        question="Who was the engineer John Augustus Roebling?",
        answer="John Augustus Roebling",
    )
    draft = grounder.ground(giveaway, chunks_of(parsed, 1200)[0]).draft
    assert draft is not None and "answer in question" in model_card_gate(draft, ctx)


def test_retry_after_reads_seconds_dates_and_milliseconds() -> None:
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert retry_after(httpx.Headers({"Retry-After": "7"})) == 7.0
    assert 25 <= (retry_after(httpx.Headers({"Retry-After": later})) or 0) <= 30
    assert retry_after(httpx.Headers({"retry-after-ms": "250"})) == 0.25
    assert retry_after(httpx.Headers({"Retry-After": "soon"})) is None
    assert retry_after(httpx.Headers({})) is None


@pytest.mark.parametrize(
    ("expected", "given", "agree"),
    [
        ("John Augustus Roebling", "John Augustus Roebling", True),
        ("the East River", "East River", True),
        ("Marie Curie", "Curie", True),
        ("1883", "in 1883", True),
        ("486 metres", "486 meters", True),
        ("1883", "1884", False),
        ("Marie Curie", "Pierre Curie", False),
        ("the Royal Engineers of the British Army", "Army", False),
        ("1883", "", False),
    ],
)
def test_answers_agree_when_they_name_the_same_thing(expected: str, given: str, agree: bool) -> None:
    assert answers_agree(expected, given) is agree


def test_the_cache_lives_under_quizgen_home_and_survives_damage(home: Path) -> None:
    cache = ReplyCache(llm_cache_dir())
    key = cache_key(task="cards", sent="x", model="m")
    assert cache_key(model="m", sent="x", task="cards") == key
    assert cache.get(key, CachedExchange) is None

    cache.put(key, CachedExchange(replies=['{"cards": []}'], tokens=12))
    [stored] = list((home / "cache" / "llm").rglob("*.json"))
    assert stored.name == f"{key}.json"
    assert not [p for p in stored.parent.iterdir() if p.suffix == ".tmp"]  # written atomically
    assert cache.get(key, CachedExchange) == CachedExchange(replies=['{"cards": []}'], tokens=12)

    stored.write_text("{half a", encoding="utf-8")
    assert cache.get(key, CachedExchange) is None


def test_settings_say_which_option_is_wrong() -> None:
    assert llm_settings("rules", None) is None
    settings = llm_settings("LLM", " qwen2.5 ")
    assert settings is not None
    assert (settings.model, settings.base_url, settings.local) == ("qwen2.5", DEFAULT_BASE_URL, True)
    with pytest.raises(InputError, match="--verify is for the language-model engines"):
        llm_settings("rules", None, verify=True)
    with pytest.raises(InputError, match="needs --model"):
        llm_settings("rules+llm", "  ")


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("http://localhost:11434/v1", True),
        ("http://127.0.0.1:8080/v1", True),
        ("http://[::1]:8080/v1", True),
        ("https://api.openai.com/v1", False),
        ("http://192.168.1.20:11434/v1", False),
    ],
)
def test_only_this_machine_counts_as_local(url: str, local: bool) -> None:
    assert is_loopback(url) is local


def test_the_generator_records_the_model_engine_and_rule_decks_do_not_change() -> None:
    rules = Generator(version="1", engine="rules", model="en_core_web_sm-3.8.0")
    assert set(rules.model_dump()) == {"name", "version", "engine", "model"}
    model = Generator(
        version="1",
        engine="llm",
        model="llama3.2",
        prompt_version="p1",
        parser="en_core_web_sm-3.8.0",
        verified=True,
    )
    deck = Deck(id="d", title="D", generator=model, sources=[], cards=[])
    read = parse_deck(deck.to_json())
    assert read.generator == model
    assert json.loads(deck.to_json())["generator"]["prompt_version"] == "p1"


def test_server_text_is_made_safe_for_one_terminal_line() -> None:
    assert printable("bad\x1b[31m key\n\tgiven") == "bad [31m key given"
    assert len(printable("x" * 500)) == 200
