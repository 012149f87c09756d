"""The engine's quality, measured by what the engine does not filter on.

- Key-fact recall on the annotated sample articles (facts a teacher picked; the engine never sees them).
- On real Wikipedia articles nobody here wrote (`../shared/corpus/squad`): no article fails, the
  share of cards that ask what people asked about (precision) and of people's questions the cards
  answer (coverage), with the shared scorer's matching.
- Blind verdicts: cards a teacher judged false must not come back (`benchmarks/judgements/`).
- The shared deck scorer's machine-visible defects stay under 3 % (a floor, not the goal).

Under CI the shared corpus and scorers must be present: a missing prerequisite fails the run.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from pathlib import Path
from types import ModuleType

import pytest

from quizgen.generate import generate_deck
from quizgen.generate.gate import norm
from quizgen.generate.revisions import carry_revisions
from quizgen.ingest import read_article
from quizgen.models import Deck, load_deck

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_articles"
KEYFACTS = json.loads((ROOT / "tests" / "fixtures" / "keyfacts.json").read_text(encoding="utf-8"))
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "squad"
JUDGEMENTS = ROOT / "benchmarks" / "judgements"

DEFECT_CEILING = 0.03
# measured when these floors were set, with the learned ranker's default floor (0.6), which keeps
# fewer, better cards than the hand-tuned ranking did (recall 0.526, coverage 0.332 before it):
# recall 0.438; corpus precision 0.528, coverage 0.248. The targets (recall 0.60; precision 0.65 at
# coverage 0.50) are above them. Retraining on each new round moves the samples' recall by a key fact
# or two (0.418–0.428 over four models at floor 0.58; 0.433 at 0.52 after the model learnt from
# 3,640 cards, whose scores run lower): the floor sits below that noise.
RECALL_FLOOR = 0.41
CORPUS_PRECISION_FLOOR = 0.49
CORPUS_COVERAGE_FLOOR = 0.24
# judged cards in the default corpus decks that readers kept unedited (0.8 when set; the ranker was
# trained on these verdicts, so this guards the shipped model and its features, it does not measure
# it: benchmarks/train_ranker.py does, by held-out article)
JUDGED_KEEP_FLOOR = 0.75
# cards judged false (rounds 1 to 4) that still come back word for word (0 of 92 when set; 3 before
# round 4's fixes)
FALSE_CARDS_BACK_CEILING = 0


def _shared_module(name: str) -> ModuleType:
    path = SHARED / "quality" / f"{name}.py"
    if not path.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing: CI must run with ../shared beside the repository")
        pytest.skip("the shared quality tools are not beside the repository")
    spec = importlib.util.spec_from_file_location(name, path)
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


@pytest.fixture(scope="module")
def corpus() -> dict[str, Deck]:
    """title → deck for every article of the shared corpus (each must generate without an error)."""
    _shared_module("squad_coverage")
    return {path.stem: generate_deck(read_article(str(path))) for path in sorted(CORPUS.glob("*.txt"))}


def _source(name: str, text: str) -> str:
    path = SAMPLES / name
    return text if path.suffix == ".pdf" else path.read_text(encoding="utf-8", errors="replace")


def test_key_fact_recall_and_defect_ceiling_on_the_samples(generated: dict[str, tuple[str, Deck]]) -> None:
    scorer = _shared_module("deck_quality")
    cards = bad = facts = hits = 0
    kinds: set[str] = set()
    for name, (text, deck) in generated.items():
        result = scorer.evaluate(json.loads(deck.to_json()), _source(name, text), KEYFACTS[name])
        cards += result["cards"]
        bad += result["defective"]
        facts += result["keyfacts"]
        hits += result["keyfacts_covered"]
        kinds |= set(result["kinds"])
    assert hits / facts >= RECALL_FLOOR, hits / facts
    assert bad / cards <= DEFECT_CEILING, bad / cards
    assert kinds == {"short_answer", "multiple_choice", "true_false", "cloze"}


def test_corpus_precision_and_coverage_hold_their_floor(corpus: dict[str, Deck]) -> None:
    squad = _shared_module("squad_coverage")
    questions = covered = cards = precise = 0
    for title, deck in corpus.items():
        result, *_ = squad.score_article(title, json.loads(deck.to_json()), False)
        questions += result["questions"]
        covered += result["covered"]
        cards += result["scored_cards"]
        precise += result["precise"]
    assert precise / cards >= CORPUS_PRECISION_FLOOR, precise / cards
    assert covered / questions >= CORPUS_COVERAGE_FLOOR, covered / questions


def test_corpus_decks_stay_under_the_defect_ceiling(corpus: dict[str, Deck]) -> None:
    scorer = _shared_module("deck_quality")
    cards = bad = 0
    for title, deck in corpus.items():
        source = (CORPUS / f"{title}.txt").read_text(encoding="utf-8")
        result = scorer.evaluate(json.loads(deck.to_json()), source, None)
        cards += result["cards"]
        bad += result["defective"]
    assert bad / cards <= DEFECT_CEILING, bad / cards


def test_the_ranker_keeps_what_readers_kept(corpus: dict[str, Deck]) -> None:
    verdicts = {
        (row["article"], row["asks"]): row["verdict"]
        for path in sorted(JUDGEMENTS.glob("*.jsonl"))
        for row in map(json.loads, path.read_text(encoding="utf-8").splitlines())
    }
    judged = []
    for title, deck in corpus.items():
        for card in deck.cards:
            shown = norm(card.question) + "\x1f" + norm(card.answer)
            verdict = verdicts.get((title, hashlib.sha256(shown.encode()).hexdigest()[:16]))
            if verdict:
                judged.append(verdict)
    assert len(judged) > 500
    assert judged.count("keep") / len(judged) >= JUDGED_KEEP_FLOOR, judged.count("keep") / len(judged)


def test_cards_judged_false_do_not_come_back(
    corpus: dict[str, Deck], generated: dict[str, tuple[str, Deck]]
) -> None:
    """Cards a blind reader judged false (corpus, sample and judged articles) do not come back with the same
    question and answer."""
    decks = corpus | {Path(name).stem: deck for name, (_, deck) in generated.items()}
    false = [
        json.loads(line)
        for path in sorted(JUDGEMENTS.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and json.loads(line)["verdict"] == "false"
    ]
    assert false
    for name in {row["article"] for row in false} - decks.keys():
        # an unseen round's article, once read, joins the judged articles
        path = next((ROOT / "benchmarks" / "judged_articles").glob(f"{name}.*"))
        decks[name] = generate_deck(read_article(str(path)))
    back = []
    for row in false:
        for card in decks[row["article"]].cards:
            shown = norm(card.question) + "\x1f" + norm(card.answer)
            if hashlib.sha256(shown.encode()).hexdigest()[:16] == row["asks"]:
                back.append((row["article"], card.question, card.answer, row["reason"]))
    assert len(back) <= FALSE_CARDS_BACK_CEILING, back


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
    # "Sunday" is asked (a draft exists) but ranked out: blind readers rejected every weekday-only
    # answer they saw (5 of 5), and the ranker learned that from them
    assert len(matched) >= 5, matched
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
