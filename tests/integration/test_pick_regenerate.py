"""A teacher's picks survive `quizgen generate` over the deck file, and every consumer honours them.

End to end with the real engine and the real command: generate a deck, pick (exclude one card, edit
two), regenerate the same article into the picked deck file, then export it (GIFT, and an Anki
package imported into real Anki) and study it; finally change the article so that an edited card's
sentence is gone, and see that edit dropped and counted.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from quizgen_process import quizgen as run_quizgen

from quizgen.models import Card, Deck, load_deck
from quizgen.pick.edits import CardEdit
from quizgen.pick.session import PickSession
from quizgen.study.cards import quiz_cards
from quizgen.study.review import ReviewSession
from quizgen.study.store import ProgressStore

# Written for this test.
ARTICLE = """\
The lighthouse of Cape Verra

The lighthouse of Cape Verra was built in 1874 by the engineer Tomas Reyes. It stands on a granite \
cliff above the town of Porto Alto, where fishing boats have sheltered for centuries.

The tower is 42 metres tall and was painted red and white in 1921. Its first keeper, Elena Duarte, \
kept the lamp burning for thirty years. In 1953 the oil lamp was replaced by an electric light that \
can be seen from 40 kilometres away.

The lighthouse was automated in 1988, and the keeper's house became a small museum. The museum is \
run by the Cape Verra Heritage Society, which was founded in 1990 by Marta Silva. About 20,000 people \
visit the museum every year.
"""


def quizgen(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QUIZGEN_HOME": str(cwd / "home"), "COLUMNS": "200"}
    return run_quizgen(*args, cwd=cwd, env=env, timeout=180)


def find(deck: Deck, test: Callable[[Card], bool]) -> Card:
    return next(card for card in deck.cards if test(card))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the article and the deck `quizgen generate` made of it (deck.json)."""
    folder = tmp_path_factory.mktemp("pick-regenerate")
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    done = quizgen("generate", "article.txt", "-o", "deck.json", "--quiet", cwd=folder)
    assert done.returncode == 0, done.stderr
    return folder


@pytest.fixture
def picked(generated: Path, tmp_path: Path) -> Path:
    """A copy of the folder whose deck a teacher picked: the museum visitors card excluded, the
    multiple-choice card reworded (question, answer, a wrong choice), the 40 km cloze's answer edited."""
    folder = tmp_path / "work"
    shutil.copytree(generated, folder)
    session = PickSession.open([folder / "deck.json"])
    by_question = {session.card(key).question: key for key in session.keys}
    visitors = next(key for question, key in by_question.items() if "visit the museum" in question)
    choice = next(key for key in session.keys if session.card(key).kind == "multiple_choice")
    distance = next(key for key in session.keys if session.card(key).answer == "40 kilometres")
    session.toggle(visitors)
    mc = CardEdit.of(session.card(choice))
    wrong = ("1901", *mc.wrong_choices[1:])
    session.edit(choice, CardEdit("When was the Cape Verra lighthouse built?", "in 1874", wrong))
    question = session.card(distance).question
    session.edit(distance, CardEdit(question, "forty kilometres", accepted_answers=("40 km",)))
    assert session.save() == [folder / "deck.json"]
    return folder


def test_picks_survive_regeneration_and_every_consumer_honours_them(
    picked: Path, anki_collection: Any, import_package: Callable[..., Any]
) -> None:
    before = load_deck(picked / "deck.json")
    done = quizgen("generate", "article.txt", "-o", "deck.json", cwd=picked)

    assert done.returncode == 0, done.stderr
    assert "deck.json: kept the teacher's 2 edits and 1 exclusion" in done.stdout
    deck = load_deck(picked / "deck.json")
    assert [card.id for card in deck.cards] == [card.id for card in before.cards]
    assert deck == before  # the same cards, picks, wording and revisions: nothing to update in Anki
    visitors = find(deck, lambda card: "visit the museum" in card.question)
    choice = find(deck, lambda card: card.kind == "multiple_choice")
    distance = find(deck, lambda card: "kilometres" in card.context and card.kind == "cloze" and card.edited)
    assert visitors.excluded and not visitors.edited
    assert choice.question == "When was the Cape Verra lighthouse built?"
    assert choice.answer == "in 1874" and "1901" in choice.choices
    assert choice.teacher is not None and choice.teacher.original is not None
    assert choice.teacher.original.answer == "1874"
    assert distance.answer == "forty kilometres" and distance.accepted_answers == ["40 km"]
    assert distance.cloze is not None and "{{c1::forty kilometres}}" in distance.cloze
    # generating again changes nothing, byte for byte
    text = (picked / "deck.json").read_bytes()
    assert quizgen("generate", "article.txt", "-o", "deck.json", "-q", cwd=picked).returncode == 0
    assert (picked / "deck.json").read_bytes() == text

    # `quizgen show` lists the cards handed out
    show = quizgen("show", "deck.json", cwd=picked)
    assert f"— {len(deck.cards) - 1} cards (1 more excluded in quizgen pick)" in show.stdout
    assert "When was the Cape Verra lighthouse built?" in show.stdout
    assert "people visit the museum every year" not in show.stdout

    # a classroom export leaves the excluded card out and asks the teacher's wording
    gift = quizgen("export", "deck.json", "--to", "gift", "-o", "quiz.gift", "--siblings", cwd=picked)
    assert gift.returncode == 0, gift.stderr
    assert f"{len(deck.cards) - 1} questions" in gift.stdout
    questions = (picked / "quiz.gift").read_text(encoding="utf-8")
    assert "When was the Cape Verra lighthouse built?" in questions
    assert "=in 1874" in questions and "~1901" in questions
    assert "people visit the museum every year" not in questions

    # so does an Anki package, imported into real Anki
    anki = quizgen("export", "deck.json", "--to", "anki", "-o", "deck.apkg", cwd=picked)
    assert anki.returncode == 0, anki.stderr
    import_package(anki_collection, picked / "deck.apkg")
    notes = [anki_collection.get_note(nid) for nid in anki_collection.find_notes("")]
    fields = " ".join(" ".join(note.fields) for note in notes)
    assert anki_collection.card_count() == len(deck.cards) - 1  # the blanks of one sentence share a note
    assert "When was the Cape Verra lighthouse built?" in fields and "forty kilometres" in fields
    assert "people visit the museum every year" not in fields

    # and the study app: a quiz and a review never show the excluded card, and show the edits
    quiz = [item.card for item in quiz_cards([deck], shuffle=False)]
    assert visitors.id not in {card.id for card in quiz}
    assert next(card for card in quiz if card.id == choice.id) == choice  # the teacher's wording
    with ProgressStore(picked / "progress.db") as store:
        review = ReviewSession(store, [deck], new_limit=100)
        assert visitors.id not in {item.card.id for item in review.cards}
        assert len(review.cards) == len(deck.cards) - 1


def test_an_edit_whose_sentence_is_gone_is_dropped_and_counted(picked: Path) -> None:
    article = picked / "article.txt"
    text = article.read_text(encoding="utf-8")
    # the article is edited: the sentence the multiple-choice card was made from now reads otherwise
    article.write_text(text.replace("was built in 1874 by", "was completed in 1874 by"), encoding="utf-8")

    done = quizgen("generate", "article.txt", "-o", "deck.json", cwd=picked)

    assert done.returncode == 0, done.stderr
    assert "deck.json: kept the teacher's 1 edit and 1 exclusion; dropped 1 (the card" in done.stdout
    deck = load_deck(picked / "deck.json")
    assert "When was the Cape Verra lighthouse built?" not in {card.question for card in deck.cards}
    assert find(deck, lambda card: "visit the museum" in card.question).excluded
    assert find(deck, lambda card: card.answer == "forty kilometres").edited
