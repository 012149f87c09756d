"""The learned ranker: a card's probability that a teacher keeps it, from a small model file.

The model is trained by `benchmarks/train_ranker.py` on blind teacher verdicts
(benchmarks/judgements/) and shipped as `quizgen/data/ranker.json`. It is read here without
scikit-learn: a logistic regression is a weighted sum; gradient-boosted trees are walked node by
node. Both work on the feature vector of `features.py`, standardised with the stored means and
scales. The file names its features; a file trained on other features is refused rather than
misread.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from quizgen.generate.features import FEATURE_NAMES, ArticleSignals, features, hand_score
from quizgen.generate.questions import Draft

MODEL_FILE = "ranker.json"
FORMAT = 1
# what every model file holds (benchmarks/train_ranker.py writes it), and what each kind adds
FILE_KEYS = {"format", "kind", "trained_on", "features", "mean", "scale", "floor", "intercept"}
KIND_KEYS = {"logistic": {"coef"}, "trees": {"trees", "learning_rate"}}


class ModelFileError(ValueError):
    """The shipped model file does not fit this version's features."""


@dataclass(frozen=True)
class Ranker:
    kind: str  # "logistic" or "trees"
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    trees: tuple[dict[str, list[Any]], ...]
    learning_rate: float
    floor: float  # default --min-score: below it a card is not worth a learner's time

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Ranker:
        if data.get("format") != FORMAT:
            raise ModelFileError(f"model format {data.get('format')!r}, expected {FORMAT}")
        expected = FILE_KEYS | KIND_KEYS.get(data.get("kind", ""), set())
        if data.get("kind") not in KIND_KEYS or set(data) != expected:
            raise ModelFileError(f"model file keys {sorted(set(data) ^ expected)} do not fit its kind")
        if tuple(data["features"]) != FEATURE_NAMES:
            raise ModelFileError("the model was trained on other features; retrain it")
        return cls(
            kind=data["kind"],
            mean=tuple(data["mean"]),
            scale=tuple(data["scale"]),
            coef=tuple(data.get("coef", ())),
            intercept=float(data["intercept"]),
            trees=tuple(data.get("trees", ())),
            learning_rate=float(data.get("learning_rate", 1.0)),
            floor=float(data["floor"]),
        )

    def probability(self, values: list[float]) -> float:
        """P(keep) for one feature vector (FEATURE_NAMES order, before standardising)."""
        x = [(v - m) / s for v, m, s in zip(values, self.mean, self.scale, strict=True)]
        if self.kind == "logistic":
            z = self.intercept + sum(c * v for c, v in zip(self.coef, x, strict=True))
        else:
            z = self.intercept + self.learning_rate * sum(_walk(tree, x) for tree in self.trees)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def score(self, draft: Draft, signals: ArticleSignals) -> float:
        return round(self.probability(vector_of(draft, signals)), 4)


def _walk(tree: dict[str, list[Any]], x: list[float]) -> float:
    node = 0
    left, right = tree["left"], tree["right"]
    while left[node] != -1:
        node = left[node] if x[tree["feature"][node]] <= tree["threshold"][node] else right[node]
    return float(tree["value"][node])


def vector_of(draft: Draft, signals: ArticleSignals) -> list[float]:
    """The draft's features in FEATURE_NAMES order, the hand-tuned score among them."""
    values = features(draft, signals)
    values["hand_score"] = hand_score(draft, signals)
    return [values.get(name, 0.0) for name in FEATURE_NAMES]


@cache
def load() -> Ranker | None:
    """The shipped model, or None when there is none (the hand-tuned score is used then)."""
    try:
        text = resources.files("quizgen.data").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return Ranker.from_dict(json.loads(text))
