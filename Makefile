# Two entry points: `make demo` (the main job on sample_articles/) and `make test` (the checks CI runs).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test

.PHONY: demo test lint typecheck pytest bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP_RUN)

demo: $(STAMP_RUN)
	$(BIN)/quizgen generate sample_articles -o decks
	$(BIN)/quizgen export decks --to anki -o decks/quizgen-samples.apkg --deck-name "quizgen samples"

test: $(STAMP_TEST)
	$(BIN)/ruff check quizgen tests benchmarks
	$(BIN)/ruff format --check quizgen tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

bench: $(STAMP_TEST)
	$(BIN)/python benchmarks/quality.py
	$(BIN)/python benchmarks/speed.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
