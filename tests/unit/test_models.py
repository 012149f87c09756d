"""The deck file format: what `quizgen generate` writes and every other command reads back.

A deck is a file users keep, edit by hand and share, so it must round-trip exactly and every way
it can be wrong must come back as one readable line that names the problem.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from quizgen.errors import DeckError
from quizgen.generate.revisions import FIRST_SEEN, carry_revisions
from quizgen.models import (
    SCHEMA_VERSION,
    SLUG_PATTERN,
    Card,
    Deck,
    deck_json_schema,
    load_deck,
    parse_deck,
    slugify,
    stable_id,
)

CONTEXT = "Marie Skłodowska-Curie moved from Warsaw to Paris in 1891 to study physics."

# A minimal PNG: signature, then the start of an IHDR chunk.
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZGEN_HOME", str(tmp_path / "home"))


def card_data(card_id: str, kind: str = "short_answer", **overrides: Any) -> dict[str, Any]:
    """The JSON object of a valid card about `CONTEXT`, with fields replaced by `overrides`."""
    answer = "Paris"
    start = CONTEXT.index(answer)
    data: dict[str, Any] = {
        "id": card_id,
        "kind": kind,
        "question": "Where did Marie Skłodowska-Curie move to study physics in 1891?",
        "answer": answer,
        "accepted_answers": [],
        "choices": [],
        "cloze": None,
        "context": CONTEXT,
        "highlight": {"start": start, "end": start + len(answer)},
        "source": {"source_id": "marie-curie", "sentence": 0, "start": 0, "end": len(CONTEXT)},
        "fact_id": f"fact-{card_id}",
        "tags": ["fact::location"],
        "difficulty": 0.3,
        "score": 1.5,
        "revision": None,
    }
    if kind == "multiple_choice":
        data["choices"] = ["Lyon", "Paris", "Vienna", "Kraków"]
    elif kind == "true_false":
        data["question"] = "True or false: Marie Skłodowska-Curie moved to Paris in 1891."
        data["answer"] = "True"
    elif kind == "cloze":
        data["question"] = CONTEXT.replace(answer, "_____")
        data["cloze"] = CONTEXT.replace(answer, "{{c1::Paris}}")
    data.update(overrides)
    return data


def deck_data(cards: list[dict[str, Any]]) -> dict[str, Any]:
    """The JSON object of a deck around `cards`."""
    return {
        "schema_version": SCHEMA_VERSION,
        "id": "marie-curie",
        "title": "Marie Curie — a life in science",
        "generator": {"name": "quizgen", "version": "0.1.0", "engine": "rules", "model": "test-model"},
        "sources": [
            {
                "id": "marie-curie",
                "path": "articles/marie_curie.txt",
                "name": "marie_curie.txt",
                "title": "Marie Curie — a life in science",
                "sha256": "ab" * 32,
                "words": 812,
            }
        ],
        "cards": cards,
    }


def every_kind() -> list[dict[str, Any]]:
    cards = [card_data(f"card-{kind}", kind) for kind in ("short_answer", "multiple_choice", "cloze")]
    cards.append(
        card_data(
            "card-true_false",
            "true_false",
            accepted_answers=["T"],
            revision={"content_hash": "f" * 32, "modified": FIRST_SEEN},
        )
    )
    return cards


def make_deck(cards: list[dict[str, Any]] | None = None) -> Deck:
    return Deck.model_validate(deck_data(every_kind() if cards is None else cards))


def deck_error(text: str, name: str = "study.json") -> DeckError:
    with pytest.raises(DeckError) as caught:
        parse_deck(text, name=name)
    return caught.value


# ------------------------------------------------------------------------------------ round trip


def test_a_deck_survives_to_json_and_parse_deck_unchanged() -> None:
    deck = make_deck()

    again = parse_deck(deck.to_json())

    assert again == deck
    assert [card.kind for card in again.cards] == ["short_answer", "multiple_choice", "cloze", "true_false"]
    assert again.cards[3].revision is not None and again.cards[3].revision.modified == FIRST_SEEN


def test_to_json_is_byte_stable_and_readable() -> None:
    text = make_deck().to_json()

    assert make_deck().to_json() == text  # an equal deck built again gives the same bytes
    assert parse_deck(text).to_json() == text  # reading and writing back changes nothing
    assert text.endswith("}\n")
    assert "Kraków" in text and "—" in text  # UTF-8, not \u escapes
    assert list(json.loads(text)) == ["schema_version", "id", "title", "generator", "sources", "cards"]


def test_save_then_load_deck_reads_the_same_deck(tmp_path: Path) -> None:
    deck = make_deck()
    path = tmp_path / "nested" / "folder" / "deck.json"

    deck.save(path)

    assert path.read_text(encoding="utf-8") == deck.to_json()
    assert load_deck(path) == deck
    assert [p.name for p in path.parent.iterdir()] == ["deck.json"]  # no temp file left behind


def test_save_through_an_existing_file_is_a_deck_error(tmp_path: Path) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file, not a folder\n", encoding="utf-8")

    with pytest.raises(DeckError, match="cannot write"):
        make_deck().save(blocker / "deck.json")

    assert blocker.read_text(encoding="utf-8") == "a file, not a folder\n"


# -------------------------------------------------------------------------------- parse errors


def test_invalid_json_names_the_line_and_column() -> None:
    err = deck_error('{\n  "schema_version": 1,\n  "id": ,\n}')

    assert str(err) == "study.json is not valid JSON (line 3, column 9: Expecting value)"


def test_json_that_is_not_an_object_is_not_a_deck() -> None:
    err = deck_error("[1, 2, 3]")

    assert str(err) == "study.json is not a quizgen deck (expected a JSON object)"


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        (3, "study.json has schema_version 3; this quizgen reads versions 1 to 2"),
        (0, "study.json has schema_version 0; this quizgen reads versions 1 to 2"),
        ("1", "study.json has schema_version '1'; this quizgen reads versions 1 to 2"),
        (True, "study.json has schema_version True; this quizgen reads versions 1 to 2"),
        (None, "study.json has no schema_version; this quizgen reads versions 1 to 2"),
    ],
)
def test_another_schema_version_is_named_with_a_hint(version: object, expected: str) -> None:
    data = deck_data(every_kind())
    data["schema_version"] = version

    err = deck_error(json.dumps(data))

    assert str(err) == expected
    assert err.hint is not None and "quizgen generate" in err.hint


def test_a_missing_schema_version_is_reported_as_missing() -> None:
    data = deck_data(every_kind())
    del data["schema_version"]
    message = str(deck_error(json.dumps(data)))

    assert message == "study.json has no schema_version; this quizgen reads versions 1 to 2"


def break_card(**overrides: Any) -> dict[str, Any]:
    """A deck whose second card is the first one with `overrides` applied."""
    cards = every_kind()
    cards[1] = {**cards[1], **overrides}
    return deck_data(cards)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(
            break_card(colour="blue"), "cards.1.colour: Extra inputs are not permitted", id="unknown-field"
        ),
        pytest.param(
            break_card(answer="Berlin"),
            "cards.1: Value error, the answer must be exactly one of the choices",
            id="answer-not-a-choice",
        ),
        pytest.param(
            break_card(choices=["Paris", "Lyon", "Paris"]),
            "cards.1: Value error, the answer must be exactly one of the choices",
            id="answer-twice-among-choices",
        ),
        pytest.param(
            break_card(kind="true_false", choices=[], answer="Yes"),
            "cards.1: Value error, a true_false answer is 'True' or 'False'",
            id="true-false-yes",
        ),
        pytest.param(
            break_card(kind="cloze", choices=[], cloze="moved to [Paris] in 1891"),
            "cards.1: Value error, a cloze card needs cloze text with {{c1::...}}",
            id="cloze-without-c1",
        ),
        pytest.param(
            break_card(kind="short_answer"),
            "cards.1: Value error, a short_answer card has no choices",
            id="sa-choices",
        ),
        pytest.param(break_card(kind="essay"), "cards.1.kind: Input should be", id="unknown-kind"),
        pytest.param(
            break_card(question=""), "cards.1.question: String should have at least 1", id="no-question"
        ),
        pytest.param(
            break_card(difficulty=1.5), "cards.1.difficulty: Input should be less than", id="difficulty"
        ),
        pytest.param(
            {**deck_data(every_kind()), "id": "Marie Curie"},
            "id: String should match pattern",
            id="bad-deck-id",
        ),
        pytest.param(
            deck_data([card_data("same"), card_data("same", "cloze")]),
            "cards: Value error, duplicate card id same",
            id="duplicate-ids",
        ),
    ],
)
def test_an_invalid_deck_says_what_and_where_in_one_line(data: dict[str, Any], expected: str) -> None:
    err = deck_error(json.dumps(data))

    message = str(err)
    assert message.startswith("study.json is not a valid deck: ")
    assert expected in message
    assert "\n" not in message
    assert "pydantic" not in message and "https://" not in message  # no library noise


def test_many_problems_are_summarised_not_listed() -> None:
    cards = [card_data(f"c{n}", question="") for n in range(5)]

    message = str(deck_error(json.dumps(deck_data(cards))))

    assert message.count("String should have at least 1 character") == 3
    assert message.endswith("and 2 more problems")
    assert "\n" not in message


def test_deeply_nested_json_is_a_deck_error_not_a_crash() -> None:
    err = deck_error("[" * 100_000)

    assert "study.json" in str(err)


# -------------------------------------------------------------------------------------- load_deck


def test_load_deck_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DeckError, match=r"^no such deck file: .*missing\.json$"):
        load_deck(tmp_path / "missing.json")


def test_load_deck_folder(tmp_path: Path) -> None:
    with pytest.raises(DeckError, match=r"is a folder, not a deck file$"):
        load_deck(tmp_path)


def test_load_deck_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "picture.json"
    path.write_bytes(PNG_BYTES)

    with pytest.raises(DeckError, match=r"picture\.json is not a text file"):
        load_deck(path)


def test_load_deck_names_the_file_in_parse_errors(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"schema_version": 1', encoding="utf-8")

    with pytest.raises(DeckError, match=r"broken\.json is not valid JSON \(line 1, column 21"):
        load_deck(path)


# ------------------------------------------------------------------------------- ids and slugs


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Marie Curie!", "marie-curie"),
        ("  The Invention of the World Wide Web  ", "the-invention-of-the-world-wide-web"),
        ("Café Münster: Ärzte & Öl", "cafe-munster-arzte-ol"),
        ("U.S.–Japan alliance (2024)", "u-s-japan-alliance-2024"),
        ("!!!", "article"),
        ("", "article"),
        ("東京", "article"),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_slugify_cuts_long_titles_at_a_word_boundary() -> None:
    assert slugify("alpha beta gamma", max_length=12) == "alpha-beta"
    assert slugify("a" * 100) == "a" * 60
    long_title = "The long and winding history of the construction of the Panama Canal across the isthmus"
    slug = slugify(long_title)
    assert len(slug) <= 60
    assert long_title.lower().replace(" ", "-").startswith(slug)
    assert re.fullmatch(SLUG_PATTERN, slug)


def test_stable_id_is_deterministic_short_hex() -> None:
    first = stable_id("marie-curie", "Where did she move?", "Paris")

    assert first == stable_id("marie-curie", "Where did she move?", "Paris")
    assert re.fullmatch(r"[0-9a-f]{16}", first)
    assert len(stable_id("x", length=32)) == 32
    assert first != stable_id("marie-curie", "Where did she move?", "Warsaw")


def test_stable_id_keeps_its_parts_apart() -> None:
    assert stable_id("ab", "c") != stable_id("a", "bc")
    assert stable_id("abc") != stable_id("ab", "c")


# ---------------------------------------------------------------------------------- JSON Schema


def test_deck_json_schema_describes_the_file() -> None:
    schema = deck_json_schema()

    assert schema["title"] == "Deck"
    assert schema["type"] == "object"
    assert list(schema["properties"]) == ["schema_version", "id", "title", "generator", "sources", "cards"]
    assert schema["properties"]["schema_version"]["const"] == SCHEMA_VERSION
    assert set(schema["required"]) == {"id", "title", "generator", "sources", "cards"}
    assert schema["additionalProperties"] is False
    card = schema["$defs"]["Card"]
    assert set(card["properties"]) == set(Card.model_fields)
    assert card["additionalProperties"] is False
    json.dumps(schema)  # printable by `quizgen schema`


# ------------------------------------------------------------------------------------ revisions


def test_a_first_generation_stamps_every_card_first_seen() -> None:
    deck = make_deck()

    stamped = carry_revisions(deck, None, now=2_000_000_000)

    for card in stamped.cards:
        assert card.revision is not None
        assert card.revision.modified == FIRST_SEEN
        assert card.revision.content_hash == card.content_hash()


def test_regeneration_keeps_unchanged_revisions_and_dates_changed_ones() -> None:
    earlier = FIRST_SEEN + 86_400
    previous = carry_revisions(
        make_deck([card_data("kept"), card_data("edited"), card_data("dropped")]), None, now=earlier
    )
    # Pretend the previous deck file had seen "kept" and "edited" change once already.
    previous = previous.model_copy(
        update={
            "cards": [
                card.model_copy(update={"revision": card.revision.model_copy(update={"modified": earlier})})
                for card in previous.cards
            ]
        }
    )
    regenerated = make_deck(
        [
            card_data("kept", score=9.0, difficulty=0.9),  # reranked only: nothing a learner sees
            card_data("edited", question="In which city did Marie Skłodowska-Curie study physics?"),
            card_data("brand-new", "cloze"),
        ]
    )
    now = earlier + 3_600

    result = {card.id: card.revision for card in carry_revisions(regenerated, previous, now=now).cards}

    assert result["kept"] == previous.cards[0].revision
    assert result["edited"] is not None and result["edited"].modified == now
    assert result["edited"].content_hash != previous.cards[1].revision.content_hash
    assert result["brand-new"] is not None and result["brand-new"].modified == FIRST_SEEN
    assert "dropped" not in result


def test_a_changed_card_is_newer_than_before_even_with_a_clock_behind() -> None:
    previous = carry_revisions(make_deck([card_data("c")]), None)
    future = FIRST_SEEN + 10_000_000
    previous.cards[0].revision = previous.cards[0].revision.model_copy(update={"modified": future})
    changed = make_deck([card_data("c", answer="Paris, France", highlight=None)])

    revision = carry_revisions(changed, previous, now=FIRST_SEEN + 5).cards[0].revision

    assert revision is not None and revision.modified > future


def test_carry_revisions_leaves_its_inputs_alone() -> None:
    deck = make_deck()

    carry_revisions(deck, None)

    assert all(card.revision is None for card in deck.cards[:3])
