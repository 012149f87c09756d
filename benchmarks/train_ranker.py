"""Train the card ranker on blind teacher verdicts, report it by held-out article, write the model file.

    pip install -e '.[train]'
    python benchmarks/train_ranker.py             # cross-validate, then write quizgen/data/ranker.json
    python benchmarks/train_ranker.py --check     # cross-validate only

Data: every verdict in benchmarks/judgements/*.jsonl whose card today's engine still drafts (same
article, same question and answer); a later round's verdict on the same card wins. The label is
"keep" (the rubric's unedited keep); a card judged false weighs FALSE_WEIGHT times as much, since a
false card costs a learner more than a missing one.

Evaluation holds out one whole article at a time (leave-one-article-out): the model never sees a
card of the article it ranks. For each ranking (the hand-tuned score the engine used before, and the
candidate models) it prints the keep share in the top 20 %, 50 % and all of each article's
candidates, the false share in the top half, and the ROC AUC. The model written is the one named by
--model, trained on all the data.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, str(Path(__file__).resolve().parent))

from judged import ROOT, asks
from judging import stored, training_articles

from quizgen.generate import candidate_cards
from quizgen.generate.features import FEATURE_NAMES, ArticleSignals, sentence_importance
from quizgen.generate.ranker import FORMAT, MODEL_FILE, vector_of
from quizgen.ingest import read_article
from quizgen.nlp import parse_article

FALSE_WEIGHT = 3.0
OUT = ROOT / "quizgen" / "data" / MODEL_FILE
SEED = 0


def dataset() -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str], list[str]]:
    """Feature rows, keep labels, sample weights, article per row, verdict per row."""
    verdicts = stored()
    xs, ys, ws, groups, labels = [], [], [], [], []
    matched = Counter()
    for path in training_articles():
        name = path.stem
        article = read_article(str(path))
        parsed = parse_article(article)
        signals = ArticleSignals.of(parsed, sentence_importance(parsed))
        seen = set()
        for draft in candidate_cards(article, parsed=parsed):
            h = asks(draft.card.question, draft.card.answer)
            row = verdicts.get((name, h))
            if row is None or h in seen:
                continue
            seen.add(h)
            matched[name] += 1
            xs.append(vector_of(draft, signals))
            ys.append(1 if row["verdict"] == "keep" else 0)
            ws.append(FALSE_WEIGHT if row["verdict"] == "false" else 1.0)
            groups.append(name)
            labels.append(row["verdict"])
    total = Counter(article for article, _ in verdicts)
    print(f"{sum(matched.values())} of {len(verdicts)} stored verdicts match a card drafted today")
    for name in sorted(total):
        print(f"  {name:28} {matched[name]:4} of {total[name]:4}")
    return np.array(xs), np.array(ys), np.array(ws), groups, labels


def models() -> dict[str, object]:
    return {
        "logistic": LogisticRegression(C=0.3, max_iter=2000),
        "trees": GradientBoostingClassifier(
            n_estimators=150, max_depth=3, learning_rate=0.05, subsample=0.8, random_state=SEED
        ),
    }


def fit(name: str, x: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[StandardScaler, object]:
    """Standardise the measured features; leave the yes/no ones as they are (a rare one, scaled by
    its small spread, would swing a card's score by itself)."""
    scaler = StandardScaler().fit(x)
    binary = np.all((x == 0) | (x == 1), axis=0)
    scaler.mean_[binary] = 0.0
    scaler.scale_[binary] = 1.0
    scaler.scale_[scaler.scale_ == 0] = 1.0
    model = models()[name]
    model.fit(scaler.transform(x), y, sample_weight=w)
    return scaler, model


def held_out_scores(x, y, w, groups) -> dict[str, np.ndarray]:
    """Each card scored by a model trained without its article."""
    names = sorted(set(groups))
    arr = np.array(groups)
    scores = {"hand-tuned": x[:, FEATURE_NAMES.index("hand_score")].astype(float)}
    for name in models():
        out = np.zeros(len(y))
        for article in names:
            test = arr == article
            scaler, model = fit(name, x[~test], y[~test], w[~test])
            out[test] = model.predict_proba(scaler.transform(x[test]))[:, 1]
        scores[name] = out
    return scores


def report(scores: dict[str, np.ndarray], y, groups, verdicts) -> None:
    arr = np.array(groups)
    false = np.array([v == "false" for v in verdicts])
    usable = np.array([v in ("keep", "edit") for v in verdicts])
    print(f"\n{len(y)} cards from {len(set(groups))} articles; keep {y.mean():.3f}, false {false.mean():.3f}")
    print(
        f"{'ranking':12} {'top20 keep':>10} {'top50 keep':>10} {'all keep':>9} {'top50 usable':>12}"
        f" {'top50 false':>11} {'AUC':>6}"
    )
    for name, s in scores.items():
        top20 = top50 = n20 = n50 = f50 = u50 = 0
        for article in sorted(set(groups)):
            idx = np.where(arr == article)[0]
            order = idx[np.argsort(-s[idx], kind="stable")]
            k20, k50 = max(1, round(len(idx) * 0.2)), max(1, round(len(idx) * 0.5))
            top20 += y[order[:k20]].sum()
            n20 += k20
            top50 += y[order[:k50]].sum()
            f50 += false[order[:k50]].sum()
            u50 += usable[order[:k50]].sum()
            n50 += k50
        auc = roc_auc_score(y, s)
        print(
            f"{name:12} {top20 / n20:10.3f} {top50 / n50:10.3f} {y.mean():9.3f} {u50 / n50:12.3f}"
            f" {f50 / n50:11.3f} {auc:6.3f}"
        )


def decks(x, y, w, groups, floor: float, kind: str) -> None:
    """The default deck of each article, ranked by a model trained without that article, against the
    hand-tuned ranking: keep share of its judged cards, and key-fact recall of the sample articles at
    the same number of cards."""
    from quizgen.generate import GenerateOptions, generate_deck
    from quizgen.generate.ranker import Ranker

    scorer = _deck_quality()
    keyfacts = json.loads((ROOT / "tests" / "fixtures" / "keyfacts.json").read_text(encoding="utf-8"))
    verdicts = stored()
    arr = np.array(groups)
    tally = {"hand-tuned": Counter(), "learned": Counter()}
    recall = {"hand-tuned": [0, 0], "learned": [0, 0]}
    for path in training_articles():
        name = path.stem
        test = arr == name
        scaler, model = fit(kind, x[~test], y[~test], w[~test])
        fold = Ranker.from_dict(export(kind, scaler, model, floor, int((~test).sum())))
        article = read_article(str(path))
        learned = generate_deck(article, GenerateOptions(ranking=fold))
        hand = generate_deck(article, GenerateOptions(ranking="rules", max_cards=len(learned.cards)))
        for label, deck in (("hand-tuned", hand), ("learned", learned)):
            for card in deck.cards:
                row = verdicts.get((name, asks(card.question, card.answer)))
                tally[label][row["verdict"] if row else "unjudged"] += 1
            if path.name in keyfacts:
                source = article.text if path.suffix == ".pdf" else path.read_text(encoding="utf-8")
                result = scorer.evaluate(json.loads(deck.to_json()), source, keyfacts[path.name])
                recall[label][0] += result["keyfacts_covered"]
                recall[label][1] += result["keyfacts"]
    print("\ndefault decks, each ranked without its own article (hand-tuned cut to the same size):")
    for label, counts in tally.items():
        judged = sum(v for k, v in counts.items() if k != "unjudged")
        shares = ", ".join(f"{v} {counts[v] / judged:.3f}" for v in ("keep", "edit", "reject", "false"))
        hits, facts = recall[label]
        print(
            f"  {label:10} {sum(counts.values())} cards ({counts['unjudged']} unjudged): {shares}; "
            f"key-fact recall {hits}/{facts} = {hits / facts:.3f}"
        )


def _deck_quality():
    import importlib.util

    path = ROOT.parent / "shared" / "quality" / "deck_quality.py"
    spec = importlib.util.spec_from_file_location("deck_quality", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def floors(scores: np.ndarray, y, verdicts) -> None:
    """What a --min-score keeps: share of candidates above it and their keep / false shares."""
    false = np.array([v == "false" for v in verdicts])
    print("\nheld-out logistic score as a floor:")
    for floor in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        above = scores >= floor
        if above.any():
            print(
                f"  >= {floor:.1f}: {above.mean():.3f} of candidates, keep {y[above].mean():.3f}, "
                f"false {false[above].mean():.3f}"
            )


def export(name: str, scaler: StandardScaler, model, floor: float, n: int) -> dict:
    data = {
        "format": FORMAT,
        "kind": name,
        "trained_on": n,
        "features": list(FEATURE_NAMES),
        "mean": [round(float(v), 6) for v in scaler.mean_],
        "scale": [round(float(v), 6) for v in scaler.scale_],
        "floor": floor,
    }
    if name == "logistic":
        data["coef"] = [round(float(v), 6) for v in model.coef_[0]]
        data["intercept"] = round(float(model.intercept_[0]), 6)
    else:
        prior = model.init_.class_prior_[1]
        data["intercept"] = float(np.log(prior / (1 - prior)))
        data["learning_rate"] = model.learning_rate
        data["trees"] = [
            {
                "feature": [int(v) for v in t.tree_.feature],
                "threshold": [round(float(v), 6) for v in t.tree_.threshold],
                "left": [int(v) for v in t.tree_.children_left],
                "right": [int(v) for v in t.tree_.children_right],
                "value": [round(float(v), 6) for v in t.tree_.value[:, 0, 0]],
            }
            for t in model.estimators_[:, 0]
        ]
    return data


def weights(scaler: StandardScaler, model) -> None:
    coef = model.coef_[0]
    order = np.argsort(-np.abs(coef))
    print("\nlargest weights (per standard deviation of a measured feature, per unit of a yes/no one):")
    for i in order[:16]:
        print(f"  {FEATURE_NAMES[i]:28} {coef[i]:+.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="cross-validate only; write nothing")
    parser.add_argument("--decks", action="store_true", help="also compare whole default decks by article")
    parser.add_argument("--model", choices=("logistic", "trees"), default="logistic")
    parser.add_argument("--floor", type=float, default=0.52, help="default --min-score stored in the model")
    args = parser.parse_args()
    x, y, w, groups, verdicts = dataset()
    scores = held_out_scores(x, y, w, groups)
    report(scores, y, groups, verdicts)
    floors(scores["logistic"], y, verdicts)
    if args.decks:
        decks(x, y, w, groups, args.floor, args.model)
    scaler, model = fit("logistic", x, y, w)
    weights(scaler, model)
    if args.check:
        return
    scaler, model = fit(args.model, x, y, w)
    data = export(args.model, scaler, model, args.floor, len(y))
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    from quizgen.generate.ranker import Ranker

    mine = np.array([Ranker.from_dict(data).probability(list(row)) for row in x])
    theirs = model.predict_proba(scaler.transform(x))[:, 1]
    print(
        f"\nwrote {OUT.relative_to(ROOT)} ({args.model}, {len(y)} cards); largest difference from "
        f"scikit-learn's probabilities: {np.abs(mine - theirs).max():.2e}"
    )


if __name__ == "__main__":
    main()
