"""Generation speed after the model is loaded: seconds per article and per 1,000 words.

    python benchmarks/speed.py

Prints, for each sample article, the time to generate its deck (best of 3), and the ratio of the
time per 1,000 words to the 1.5 s budget (below 1.0 is within budget).
"""

from __future__ import annotations

import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUDGET_PER_1000_WORDS = 1.5


def main() -> None:
    from quizgen.generate import generate_deck
    from quizgen.ingest import collect_sources, read_article
    from quizgen.nlp import load_model

    started = time.perf_counter()
    load_model()
    print(f"model load: {time.perf_counter() - started:.2f} s")
    articles = [read_article(p) for p in collect_sources([str(ROOT / "sample_articles")])]
    generate_deck(articles[0])  # warm caches (word frequencies, lemma tables)
    total_words = total_seconds = 0.0
    print(f"{'article':40} {'words':>6} {'seconds':>8} {'s/1000w':>8} {'ratio':>6}")
    for article in articles:
        best = min(_timed(generate_deck, article) for _ in range(3))
        per_k = best / article.words * 1000
        total_words += article.words
        total_seconds += best
        print(
            f"{article.name[:40]:40} {article.words:>6} {best:>8.3f} {per_k:>8.3f} "
            f"{per_k / BUDGET_PER_1000_WORDS:>6.2f}"
        )
    per_k = total_seconds / total_words * 1000
    print(
        f"{'all':40} {int(total_words):>6} {total_seconds:>8.3f} {per_k:>8.3f} "
        f"{per_k / BUDGET_PER_1000_WORDS:>6.2f}"
    )


def _timed(fn, *args) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    fn(*args)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
