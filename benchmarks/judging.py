"""Blind judgement rounds: the candidate cards readers judge, and their verdicts back into the data.

    python benchmarks/judging.py pool OUT [--chunk 130]   # write what readers see, one folder per batch
    python benchmarks/judging.py collect OUT ROUND        # verdicts → benchmarks/judgements/ROUND.jsonl
    python benchmarks/judging.py decks OUT FILES...        # default decks of unseen articles, to judge
    python benchmarks/judging.py fill                     # card text for verdicts stored as hashes only
    python benchmarks/judging.py sample OUT AGAIN --n 200  # the same cards again, for a second reader
    python benchmarks/judging.py agreement FIRST SECOND   # how often two independent readings agree

    e.g. agreement benchmarks/judgements/round4.jsonl benchmarks/judgements/agreement/round4-again.jsonl

A candidate is every draft card that passes the engine's gate, before ranking and selection cut the
deck down (so the ranker learns from the cards it would drop as well). Cards with a verdict already
stored (same article, same question and answer) are not judged again.

`pool` writes, for each batch of at most `--chunk` cards of one article: `rubric.md` (the shared
rubric), `ARTICLE.article.txt` (the text the engine read) and `ARTICLE.partN.cards.txt` (numbered
cards). A reader sees only that folder and writes `ARTICLE.partN.verdicts.jsonl`, one line per card:
{"n": 1, "verdict": "keep|edit|reject|false", "reason": "...", "distractors": "plausible|not|"}.
The key from card numbers to cards stays in OUT/key.json, outside the readers' folders.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from judged import CORPUS, JUDGED_ARTICLES, JUDGEMENTS, ROOT, asks

from quizgen.generate import candidate_cards
from quizgen.ingest import read_article
from quizgen.models import Card

RUBRIC = ROOT.parent / "shared" / "quality" / "rubric.md"
NOTE = """
Note for this round: these are candidate cards, not a finished deck. Judge every card on its own:
the same fact may come several times in different wordings or kinds; do not reject a card only
because another card in this file asks the same thing (that is sorted out later).
"""
VERDICTS = ("keep", "edit", "reject", "false")


def training_articles() -> list[Path]:
    """The articles judged for the ranker: the shared corpus, the sample articles and the articles of
    earlier held-out rounds (never benchmarks/heldout, whose verdicts measure the engine unseen)."""
    own = [p for folder in (ROOT / "sample_articles", JUDGED_ARTICLES) for p in folder.iterdir()]
    return sorted(CORPUS.glob("*.txt")) + sorted(p for p in own if p.is_file() and p.suffix != ".json")


def stored() -> dict[tuple[str, str], dict]:
    """Every stored verdict by (article, asks).

    Cards judged with the article's name in front ("Krakatoa — …", added after ranking) are found
    under the wording the ranker sees as well. Cards judged when the engine named a reference in
    brackets ("she [Marie Curie] moved") are found under the wording the engine writes now ("Marie
    Curie moved") as well; an "edit" given only for the bracket judged a wording no longer written
    and is left out."""
    rows = {}
    for path in sorted(JUDGEMENTS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                rows[(row["article"], row["asks"])] = row
    for (article, _), row in list(rows.items()):
        question = row.get("question", "")
        if LEAD.match(question):
            # a card judged with the article's name in front is the ranker's card without it
            rows.setdefault((article, asks(LEAD.sub(r"\1", question, count=1), row["answer"])), row)
        if "[" not in question or row.get("kind") not in ("cloze", "true_false"):
            continue
        if row["verdict"] == "edit" and "bracket" in row.get("reason", "").lower():
            continue
        rows.setdefault((article, asks(unbracketed(question), row["answer"])), row)
    return rows


# "Krakatoa — …", "True or false: Krakatoa — …": the name a kept card opens with (at most six words)
LEAD = re.compile(r"^(True or false: )?(?:[^\s_\u2014]+ ){0,5}[^\s_\u2014]+ \u2014 ")


def unbracketed(question: str) -> str:
    """A card's wording with its bracketed references written in place: "she [Marie Curie]" →
    "Marie Curie", "his [Alfred Wallace] own" → "Alfred Wallace's own", "the barrier [Thames
    Barrier]" → "the Thames Barrier", "the country [Kenya]" → "Kenya"."""

    def mention(m: re.Match[str]) -> str:
        det, noun, name = m.group(1) or "", m.group(2), m.group(3)
        if noun.lower() in name.lower().split():
            return f"{det}{name}"
        return name

    question = re.sub(r"\b(?:his|her|their)\s+\[([^\]]+?)(?:'s)?\]", r"\1's", question)
    question = re.sub(r"\b(?:he|she|him|her|they|them)\s+\[([^\]]+)\]", r"\1", question, flags=re.I)
    question = re.sub(r"(\b[Tt]he )?\b(\w+)(?:'s)? \[([^\]]+?)(?:'s)?\]", mention, question)
    return re.sub(r"\[([^\]]+)\]", r"\1", question)


def shown(card: Card) -> str:
    """A card as a reader sees it."""
    lines = [f"[{card.kind}]", f"Q: {card.question}", f"A: {card.answer}"]
    if card.choices:
        lines.append("Choices: " + " | ".join(card.choices))
    return "\n".join(lines)


def write_batch(out: Path, label: str, name: str, text: str, cards: list[Card], note: str = "") -> dict:
    """One reader's folder: the rubric (with `note`), the article and the numbered cards; returns the
    key from card numbers to cards, which stays outside the folder."""
    folder = out / f"batch-{label}"
    folder.mkdir(exist_ok=True)
    (folder / "rubric.md").write_text(RUBRIC.read_text(encoding="utf-8") + note, encoding="utf-8")
    (folder / f"{name}.article.txt").write_text(text + "\n", encoding="utf-8")
    body = [f"#{i} {shown(c)}" for i, c in enumerate(cards, 1)]
    (folder / f"{label}.cards.txt").write_text("\n\n".join(body) + "\n", encoding="utf-8")
    return {
        str(i): {
            "article": name,
            "card": c.id,
            "kind": c.kind,
            "asks": asks(c.question, c.answer),
            "question": c.question,
            "answer": c.answer,
            "context": c.context,
        }
        for i, c in enumerate(cards, 1)
    }


def pool(out: Path, chunk: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    judged = stored()
    key: dict[str, dict[str, dict]] = {}
    total = fresh = 0
    for path in training_articles():
        article = read_article(str(path))
        name = path.stem
        cards = []
        seen = set()
        for draft in candidate_cards(article):
            card = draft.card
            h = asks(card.question, card.answer)
            if h in seen:
                continue
            seen.add(h)
            total += 1
            if (name, h) not in judged:
                cards.append(card)
        fresh += len(cards)
        for part in range(0, len(cards), chunk):
            label = f"{name}.part{part // chunk + 1}"
            key[label] = write_batch(out, label, name, article.text, cards[part : part + chunk], NOTE)
    (out / "key.json").write_text(json.dumps(key, indent=1), encoding="utf-8")
    print(f"{total} candidates, {total - fresh} already judged, {fresh} to judge in {len(key)} batches")


def fill() -> None:
    """Add question, answer and context to stored verdicts that carry only the `asks` hash (the
    earliest rounds), wherever today's engine still drafts the card."""
    texts: dict[tuple[str, str], dict] = {}
    for path in training_articles():
        for draft in candidate_cards(read_article(str(path))):
            card = draft.card
            texts[(path.stem, asks(card.question, card.answer))] = {
                "question": card.question,
                "answer": card.answer,
                "context": card.context,
            }
    for path in sorted(JUDGEMENTS.glob("*.jsonl")):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        filled = 0
        for row in rows:
            found = texts.get((row["article"], row["asks"]))
            if "question" not in row and found:
                row.update(found)
                filled += 1
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"{path.name}: {filled} verdicts given their card's text")


def decks(out: Path, files: list[Path]) -> None:
    """The default deck of each article, as a teacher would get it, for a reader to judge (the rubric
    as it stands: a twin of another card in the deck is a reject)."""
    from quizgen.generate import generate_deck

    out.mkdir(parents=True, exist_ok=True)
    key: dict[str, dict[str, dict]] = {}
    for path in files:
        article = read_article(str(path))
        name = path.stem
        cards = generate_deck(article).cards
        key[f"{name}.deck"] = write_batch(out, f"{name}.deck", name, article.text, cards)
        print(f"{name}: {len(cards)} cards")
    (out / "key.json").write_text(json.dumps(key, indent=1), encoding="utf-8")


def read_verdicts(out: Path) -> list[dict]:
    key = json.loads((out / "key.json").read_text(encoding="utf-8"))
    rows = []
    missing = Counter()
    for label, cards in key.items():
        found = list(out.glob(f"**/{label}.verdicts.jsonl"))
        given = {}
        for path in found:
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    v = json.loads(line)
                    given[str(v["n"])] = v
        for n, card in cards.items():
            v = given.get(n)
            if v is None or v.get("verdict") not in VERDICTS:
                missing[label] += 1
                continue
            rows.append(
                card
                | {
                    "verdict": v["verdict"],
                    "reason": str(v.get("reason", "")),
                    "distractors": str(v.get("distractors", "")),
                }
            )
    for label, n in sorted(missing.items()):
        print(f"  {label}: {n} cards without a verdict", file=sys.stderr)
    return rows


def collect(out: Path, round_name: str) -> None:
    rows = read_verdicts(out)
    target = JUDGEMENTS / f"{round_name}.jsonl"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} verdicts → {target.relative_to(ROOT)}: {dict(Counter(r['verdict'] for r in rows))}")


def _rows(where: Path) -> list[dict]:
    """Verdicts from a stored round (.jsonl) or from a folder of readers' files."""
    if where.suffix == ".jsonl":
        return [json.loads(line) for line in where.read_text(encoding="utf-8").splitlines() if line.strip()]
    return read_verdicts(where)


def agreement(first: Path, second: Path) -> None:
    """Share of cards given the same verdict by two readers, and the same keep / not-keep call."""
    a = {(r["article"], r["asks"]): r["verdict"] for r in _rows(first)}
    b = {(r["article"], r["asks"]): r["verdict"] for r in _rows(second)}
    both = sorted(a.keys() & b.keys())
    same = sum(a[k] == b[k] for k in both)
    keep_same = sum((a[k] == "keep") == (b[k] == "keep") for k in both)
    usable_same = sum((a[k] in ("keep", "edit")) == (b[k] in ("keep", "edit")) for k in both)
    pairs = Counter((a[k], b[k]) for k in both)
    print(f"{len(both)} cards judged twice")
    print(f"  same verdict        {same / len(both):.3f}")
    print(f"  same keep/not keep  {keep_same / len(both):.3f}")
    print(f"  same usable (keep or edit) / not  {usable_same / len(both):.3f}")
    for (x, y), n in sorted(pairs.items(), key=lambda kv: -kv[1]):
        print(f"  {x:>6} / {y:<6} {n}")


def sample(out: Path, target: Path, n: int, seed: int) -> None:
    """A second, independent reading of `n` cards from a round's batches (the same cards, new numbers)."""
    key = json.loads((out / "key.json").read_text(encoding="utf-8"))
    everything = [(label, num) for label, cards in key.items() for num in cards]
    picked = random.Random(seed).sample(everything, n)
    by_article: dict[str, list[tuple[str, str]]] = {}  # article → (batch label, card number) picked
    for label, num in picked:
        by_article.setdefault(key[label][num]["article"], []).append((label, num))
    target.mkdir(parents=True, exist_ok=True)
    new_key: dict[str, dict[str, dict]] = {}
    for name, where in sorted(by_article.items()):
        label = f"{name}.again"
        folder = target / f"batch-{label}"
        folder.mkdir(exist_ok=True)
        src = next(out.glob(f"**/batch-{name}.part*/{name}.article.txt"))
        shutil.copy(src, folder / src.name)
        shutil.copy(src.parent / "rubric.md", folder / "rubric.md")
        body = []
        for i, (label0, num0) in enumerate(where, 1):
            text = next(out.glob(f"**/batch-{label0}/{label0}.cards.txt")).read_text(encoding="utf-8")
            block = next(b for b in text.split("\n\n") if b.startswith(f"#{num0} "))
            body.append(f"#{i} " + block.split(" ", 1)[1])
        (folder / f"{label}.cards.txt").write_text("\n\n".join(body) + "\n", encoding="utf-8")
        new_key[label] = {str(i): key[label0][num0] for i, (label0, num0) in enumerate(where, 1)}
    (target / "key.json").write_text(json.dumps(new_key, indent=1), encoding="utf-8")
    print(f"{n} cards from {len(by_article)} articles → {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("pool")
    p.add_argument("out", type=Path)
    p.add_argument("--chunk", type=int, default=130)
    c = sub.add_parser("collect")
    c.add_argument("out", type=Path)
    c.add_argument("round")
    a = sub.add_parser("agreement")
    a.add_argument("first", type=Path)
    a.add_argument("second", type=Path)
    sub.add_parser("fill")
    d = sub.add_parser("decks")
    d.add_argument("out", type=Path)
    d.add_argument("files", type=Path, nargs="+")
    s = sub.add_parser("sample")
    s.add_argument("out", type=Path)
    s.add_argument("target", type=Path)
    s.add_argument("--n", type=int, default=200)
    s.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if args.command == "pool":
        pool(args.out, args.chunk)
    elif args.command == "collect":
        collect(args.out, args.round)
    elif args.command == "agreement":
        agreement(args.first, args.second)
    elif args.command == "fill":
        fill()
    elif args.command == "decks":
        decks(args.out, args.files)
    else:
        sample(args.out, args.target, args.n, args.seed)


if __name__ == "__main__":
    main()
