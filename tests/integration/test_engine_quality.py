"""The engine's quality floor on the annotated sample articles, and the committed decks are current.

Scored with the shared deck scorer (the one reviewers use), imported from beside the repository.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from quizgen.generate import generate_deck
from quizgen.generate.revisions import carry_revisions
from quizgen.ingest import read_article
from quizgen.models import Deck, load_deck

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_articles"
KEYFACTS = json.loads((ROOT / "tests" / "fixtures" / "keyfacts.json").read_text(encoding="utf-8"))
SCORER = ROOT.parent / "shared" / "quality" / "deck_quality.py"

DEFECT_FLOOR = 0.05
RECALL_FLOOR = 0.80
ARTICLE_RECALL_FLOOR = 0.60


def _scorer() -> ModuleType:
    if not SCORER.is_file():
        pytest.skip("the shared deck scorer is not beside the repository")
    spec = importlib.util.spec_from_file_location("deck_quality", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated() -> dict[str, tuple[str, Deck]]:
    """name → (cleaned text, deck) for every annotated sample article."""
    out = {}
    for name in sorted(KEYFACTS):
        article = read_article(str(SAMPLES / name))
        out[name] = (article.text, generate_deck(article))
    return out


def _source(name: str, text: str) -> str:
    path = SAMPLES / name
    return text if path.suffix == ".pdf" else path.read_text(encoding="utf-8", errors="replace")


def test_defect_rate_and_key_fact_recall_hold_their_floor(generated: dict[str, tuple[str, Deck]]) -> None:
    scorer = _scorer()
    cards = bad = facts = hits = 0
    kinds: set[str] = set()
    for name, (text, deck) in generated.items():
        result = scorer.evaluate(json.loads(deck.to_json()), _source(name, text), KEYFACTS[name])
        cards += result["cards"]
        bad += result["defective"]
        facts += result["keyfacts"]
        hits += result["keyfacts_covered"]
        kinds |= set(result["kinds"])
        assert result["keyfact_recall"] >= ARTICLE_RECALL_FLOOR, (name, result["keyfacts_missed"])
        assert result["defect_rate"] <= 0.10, (name, [c for c in result["per_card"] if c["defects"]])
    assert bad / cards <= DEFECT_FLOOR
    assert hits / facts >= RECALL_FLOOR
    assert kinds == {"short_answer", "multiple_choice", "true_false", "cloze"}


def test_seed_article_cards_match_the_teacher_examples(generated: dict[str, tuple[str, Deck]]) -> None:
    _, deck = generated["japan_us_alliance.txt"]
    answers = {c.answer.strip('“”"').lower().removeprefix("the ") for c in deck.cards}
    teacher = [
        "tokyo",
        "sunday",
        "lloyd austin",
        "joint force headquarters",
        "hawaii",
        "indo-pacific command",
        "taiwan",
        "america first",
        "mobilizing comprehensive resources to counter threats from china",
        "honolulu",
    ]
    matched = [a for a in teacher if a in answers]
    assert len(matched) >= 8, matched
    questions = [c.question for c in deck.cards if c.kind in ("short_answer", "multiple_choice")]
    assert (
        "Who said “We welcome an historic decision to modernize our alliance command and control to "
        "better …”?" in questions
    )
    # the repeated paragraph is asked about once
    repeated = "The meeting occurred against a backdrop"
    contexts = [c.context for c in deck.cards if c.context.startswith(repeated)]
    assert len({c.source.start for c in deck.cards if c.context.startswith(repeated)}) <= 1, contexts
    for card in deck.cards:
        first = card.question.removeprefix("True or false: ").split()[0].lower()
        assert first not in {"he", "she", "it", "they", "this", "these", "those", "there"}


def test_committed_decks_match_the_current_engine(generated: dict[str, tuple[str, Deck]]) -> None:
    decks_dir = ROOT / "decks"
    for _name, (_text, deck) in generated.items():
        path = decks_dir / f"{deck.id}.json"
        assert path.is_file(), f"decks/{path.name} is missing: run `make demo`"
        committed = load_deck(path)
        current = carry_revisions(deck, committed)
        assert current.model_dump(exclude={"sources"}) == committed.model_dump(exclude={"sources"}), (
            f"decks/{path.name} is out of date: run `make demo` and commit the decks"
        )
