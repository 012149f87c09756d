"""Question quality on annotated articles: cards, kinds, defect rate and key-fact recall.

    python benchmarks/quality.py [FOLDER] [--keyfacts FILE] [--verbose]

Defaults to sample_articles/ with tests/fixtures/keyfacts.json. Scores with the shared deck scorer
(`shared/quality/deck_quality.py`, beside the repository), so the numbers are the ones reviewers see.
Held-out articles: `python benchmarks/quality.py benchmarks/heldout` (their key facts lie beside them).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "quality" / "deck_quality.py"


def load_scorer(path: Path = SCORER) -> ModuleType:
    """The shared deck scorer, imported from its file."""
    if not path.is_file():
        raise SystemExit(f"error: the deck scorer is not at {path}")
    spec = importlib.util.spec_from_file_location("deck_quality", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def source_text(path: Path, article_text: str) -> str:
    """What answers must be found in: the file itself, or the extracted text for a PDF."""
    if path.suffix.lower() == ".pdf":
        return article_text
    return path.read_text(encoding="utf-8", errors="replace")


def evaluate_folder(folder: Path, keyfacts: dict[str, list[str]]) -> list[dict[str, object]]:
    """Generate a deck for every article with key facts and score it."""
    from quizgen.generate import generate_deck
    from quizgen.ingest import read_article
    from quizgen.nlp import load_model

    scorer = load_scorer()
    load_model()
    rows = []
    for name in sorted(keyfacts):
        path = folder / name
        if not path.exists():
            continue
        article = read_article(str(path))
        started = time.perf_counter()
        deck = generate_deck(article)
        seconds = time.perf_counter() - started
        data = json.loads(deck.to_json())
        result = scorer.evaluate(data, source_text(path, article.text), keyfacts[name])
        result["name"] = name
        result["words"] = article.words
        result["seconds"] = seconds
        rows.append(result)
    return rows


def print_table(rows: list[dict[str, object]], verbose: bool) -> None:
    header = (
        f"{'article':34} {'words':>6} {'cards':>6} {'sa':>4} {'mc':>4} {'tf':>4} {'cz':>4} "
        f"{'defect':>7} {'recall':>7} {'sec':>6}"
    )
    print(header)
    print("-" * len(header))
    total_cards = total_bad = total_facts = total_hit = 0
    for r in rows:
        kinds = r["kinds"]
        assert isinstance(kinds, dict)
        print(
            f"{str(r['name'])[:34]:34} {r['words']:>6} {r['cards']:>6} "
            f"{kinds.get('short_answer', 0):>4} {kinds.get('multiple_choice', 0):>4} "
            f"{kinds.get('true_false', 0):>4} {kinds.get('cloze', 0):>4} "
            f"{r['defect_rate']:>7.3f} {r['keyfact_recall']:>7.2f} {r['seconds']:>6.2f}"
        )
        total_cards += int(r["cards"])  # type: ignore[call-overload]
        total_bad += int(r["defective"])  # type: ignore[call-overload]
        total_facts += int(r["keyfacts"])  # type: ignore[call-overload]
        total_hit += int(r["keyfacts_covered"])  # type: ignore[call-overload]
        if verbose:
            for card in r["per_card"]:  # type: ignore[attr-defined]
                if card["defects"]:
                    print(
                        f"    DEFECT [{card['kind']}] {card['question']} -> {card['answer']}: "
                        f"{card['defects']}"
                    )
            for missed in r["keyfacts_missed"]:  # type: ignore[attr-defined]
                print(f"    missed key fact: {missed}")
    print("-" * len(header))
    defect = total_bad / total_cards if total_cards else 0.0
    recall = total_hit / total_facts if total_facts else 1.0
    print(
        f"{'overall':34} {'':>6} {total_cards:>6} {'':>4} {'':>4} {'':>4} {'':>4} "
        f"{defect:>7.3f} {recall:>7.3f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(ROOT / "sample_articles"))
    parser.add_argument("--keyfacts", default=None)
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()
    folder = Path(args.folder)
    keyfacts_path = (
        Path(args.keyfacts)
        if args.keyfacts
        else (
            folder / "keyfacts.json"
            if (folder / "keyfacts.json").exists()
            else ROOT / "tests/fixtures/keyfacts.json"
        )
    )
    keyfacts = json.loads(keyfacts_path.read_text(encoding="utf-8"))
    print_table(evaluate_folder(folder, keyfacts), args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
