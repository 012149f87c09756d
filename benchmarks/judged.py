"""Blind verdicts against today's engine: which judged cards still come out, and with what verdicts.

    python benchmarks/judged.py            # every round in benchmarks/judgements/
    python benchmarks/judged.py --show     # also list the cards judged false that still come out

Each line of benchmarks/judgements/*.jsonl is one card a reader judged with the shared rubric
(seeing only the rubric, the article and the cards): article, card id, kind, `asks` (a hash of the
card's question and answer as shown), verdict and a one-line reason, and (where the card can be
drafted today) its question, answer and context. The articles are those of the shared corpus
(../shared/corpus/squad), the sample articles and benchmarks/judged_articles (held-out articles of
earlier rounds: once their decks were judged and read for what to fix, they are no longer unseen).
A card "still comes out" when today's deck shows the same question and answer. Prints, per round:
judged cards, how many still come out, and the verdicts of those that do; the cards judged false
that still come out are what a change must not bring back.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from pathlib import Path

from quizgen.generate import generate_deck
from quizgen.generate.gate import norm
from quizgen.ingest import read_article

ROOT = Path(__file__).resolve().parents[1]
JUDGEMENTS = ROOT / "benchmarks" / "judgements"
CORPUS = ROOT.parent / "shared" / "corpus" / "squad"
# articles written for the project and judged blind as decks while unseen, now training data
JUDGED_ARTICLES = ROOT / "benchmarks" / "judged_articles"


def article_path(name: str) -> Path:
    """Where a judged article lives: the shared corpus, the sample articles or the articles judged
    as unseen decks in earlier rounds."""
    corpus = CORPUS / f"{name}.txt"
    if corpus.is_file():
        return corpus
    folders = (ROOT / "sample_articles", JUDGED_ARTICLES)
    return next(p for folder in folders for p in folder.iterdir() if p.stem == name)


def asks(question: str, answer: str) -> str:
    """The hash stored with each verdict: the question and answer as a reader saw them."""
    return hashlib.sha256((norm(question) + "\x1f" + norm(answer)).encode()).hexdigest()[:16]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list the false cards that still come out")
    args = parser.parse_args()
    shown: dict[str, set[str]] = {}
    for path in sorted(JUDGEMENTS.glob("*.jsonl")):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for article in sorted({r["article"] for r in rows} - shown.keys()):
            deck = generate_deck(read_article(str(article_path(article))))
            shown[article] = {asks(c.question, c.answer) for c in deck.cards}
        still = [r for r in rows if r["asks"] in shown[r["article"]]]
        verdicts = Counter(r["verdict"] for r in rows)
        kept = Counter(r["verdict"] for r in still)
        print(
            f"{path.stem}: {len(rows)} judged ({dict(verdicts)}); {len(still)} still come out "
            f"({dict(kept)}); false still out: {kept['false']}"
        )
        if args.show:
            for r in still:
                if r["verdict"] == "false":
                    print(f"  {r['article']} {r['kind']}: {r['reason']}")


if __name__ == "__main__":
    main()
