"""The learned ranker: the shipped model file, and what its scores do to a deck."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from engine_helpers import article_from_text

from quizgen.generate import GenerateOptions, choose_cards, generate_deck
from quizgen.generate.features import FEATURE_NAMES
from quizgen.generate.ranker import FILE_KEYS, KIND_KEYS, MODEL_FILE, ModelFileError, Ranker, load

TEXT = """
The Panama Canal is a waterway in Panama that connects the Atlantic Ocean with the Pacific Ocean.
France began work on the canal in 1881 under Ferdinand de Lesseps, but the project failed because of
disease and engineering problems. Yellow fever and malaria killed about 22,000 workers.

The United States took over the project in 1904. The canal opened on 15 August 1914. George
Washington Goethals led the American engineers. The Panama Canal Authority (ACP) has run the canal
since 1999. Theodore Roosevelt, the American president, visited the works in 1906.
"""


def shipped() -> dict:
    return json.loads(resources.files("quizgen.data").joinpath(MODEL_FILE).read_text(encoding="utf-8"))


def test_the_shipped_model_file_has_the_training_scripts_format() -> None:
    data = shipped()
    assert set(data) == FILE_KEYS | KIND_KEYS[data["kind"]]
    assert tuple(data["features"]) == FEATURE_NAMES
    assert len(data["mean"]) == len(data["scale"]) == len(FEATURE_NAMES)
    assert all(s > 0 for s in data["scale"])
    if data["kind"] == "logistic":
        assert len(data["coef"]) == len(FEATURE_NAMES)
    assert 0.0 <= data["floor"] < 1.0
    assert data["trained_on"] >= 1000  # trained on the stored verdicts, not a handful
    model = load()
    assert model is not None and model.kind == data["kind"]


def test_a_model_file_for_other_features_or_of_another_shape_is_refused() -> None:
    data = shipped()
    with pytest.raises(ModelFileError):
        Ranker.from_dict(data | {"features": data["features"][:-1]})
    with pytest.raises(ModelFileError):
        Ranker.from_dict(data | {"format": 99})
    with pytest.raises(ModelFileError):
        Ranker.from_dict({k: v for k, v in data.items() if k != "floor"})


def test_card_scores_are_keep_probabilities_and_min_score_trades_cards_for_quality() -> None:
    article = article_from_text(TEXT, "Panama Canal")
    chosen = choose_cards(article, GenerateOptions(min_score=0.0))
    every = chosen.kept
    assert every and all(0.0 <= d.card.score <= 1.0 for d in every)
    candidates = {d.card.id for d in every} | {d.card.id for d, _ in chosen.dropped}
    default = generate_deck(article).cards
    strict = generate_deck(article, GenerateOptions(min_score=0.8)).cards
    floor = load().floor  # type: ignore[union-attr]
    assert all(c.score >= floor for c in default)
    assert all(c.score >= 0.8 for c in strict)
    assert len(strict) < len(every)
    # the strict deck is drawn from the same candidates (which of two twins it keeps may differ)
    assert {c.id for c in strict} <= candidates


def test_the_hand_tuned_ranking_is_still_there_to_compare_with() -> None:
    article = article_from_text(TEXT, "Panama Canal")
    learned = generate_deck(article).cards
    rules = generate_deck(article, GenerateOptions(ranking="rules")).cards
    assert learned and rules
    assert {c.score for c in learned} != {c.score for c in rules}
