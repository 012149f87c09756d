"""The quiz session state machine: asking → answered → … → finished, retries, timing, recording."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from study_decks import kind_deck, make_card, make_deck, markup_deck, sibling_deck, wright_deck

from quizgen.errors import StudyError
from quizgen.study.cards import StudyCard, answer_span, one_per_sentence, quiz_cards
from quizgen.study.session import Phase, QuizSession
from quizgen.study.store import ProgressStore


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    monkeypatch.setenv("QUIZGEN_HOME", str(tmp_path / "home"))


class StepClock:
    """A clock that moves on 10 seconds each time it is read."""

    def __init__(self) -> None:
        self.now = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=10)
        return self.now


def session_of(deck=None, **kwargs) -> QuizSession:
    cards = quiz_cards([deck or wright_deck()], shuffle=False)
    return QuizSession(cards, **kwargs)


def test_a_full_run_through_every_phase():
    session = session_of()
    assert session.phase is Phase.ASKING and session.position == 0
    answers = ["1903", "Orville Wright", "True", "Wright Flyer", "kity hawk", "Detroit", "f", ""]
    for index, response in enumerate(answers):
        assert session.current is session.cards[index]
        session.answer(response)
        assert session.phase is Phase.ANSWERED
        assert session.next() is (Phase.ASKING if index < len(answers) - 1 else Phase.FINISHED)
    assert session.current is None
    assert (session.correct, session.answered, session.total) == (6, 8, 8)
    assert [a.item.card.question for a in session.missed] == [
        "In which city did the brothers run a bicycle shop?",
        "Orville Wright piloted the first flight, which lasted _____ seconds.",
    ]
    assert session.score_text() == "6/8 right · 75%"


def test_choose_answers_multiple_choice_by_number():
    session = session_of(kind_deck("multiple_choice"))
    result = session.choose(2)
    assert result.response == "Orville Wright" and result.grade.correct
    session.next()
    with pytest.raises(StudyError, match="no choice 5"):
        session.choose(5)


def test_actions_out_of_order_are_refused():
    session = session_of()
    with pytest.raises(StudyError, match="cannot go on"):
        session.next()
    session.answer("1903")
    with pytest.raises(StudyError, match="cannot answer"):
        session.answer("1903")


def test_finish_early_keeps_what_was_answered():
    session = session_of()
    session.answer("1904")
    session.finish()
    assert session.phase is Phase.FINISHED
    assert session.answered == 1 and session.total == 8
    session.finish()  # harmless twice


def test_retry_missed_gives_a_new_session_of_the_missed_cards():
    session = session_of(kind_deck("short_answer"))
    session.answer("1904")
    session.next()
    session.answer("Kitty Hawk")
    session.next()
    retry = session.retry_missed()
    assert [item.card.answer for item in retry.cards] == ["1903"]
    assert retry.phase is Phase.ASKING and retry.answered == 0
    assert retry.is_retry and retry.round == 2 and retry.id == session.id
    retry.answer("1903")
    retry.next()
    with pytest.raises(StudyError, match="no missed cards"):
        retry.retry_missed()


def test_timing_uses_the_injected_clock():
    clock = StepClock()
    session = session_of(kind_deck("true_false"), clock=clock)
    first = session.answer("t")
    assert first.seconds == 10
    session.next()
    session.answer("f")
    session.next()
    assert session.finished_at is not None
    assert session.elapsed == session.finished_at - session.started_at == timedelta(seconds=40)


def test_answers_are_recorded_as_given(tmp_path):
    store = ProgressStore(tmp_path / "progress.db")
    session = session_of(kind_deck("short_answer"), recorder=store)
    session.answer("1903")
    score = store.last_quiz_score("wright-brothers")
    assert score is not None and (score.correct, score.answered) == (1, 1)
    session.next()
    session.answer("nowhere")
    session.next()
    score = store.last_quiz_score("wright-brothers")
    assert score is not None and (score.correct, score.answered, score.percent) == (1, 2, 50)


def test_quiz_cards_filters_shuffles_and_counts():
    deck = wright_deck()
    assert [c.card.kind for c in quiz_cards([deck], kinds=["cloze"], shuffle=False)] == ["cloze", "cloze"]
    first = [c.card.id for c in quiz_cards([deck], seed=7)]
    assert first == [c.card.id for c in quiz_cards([deck], seed=7)]
    assert sorted(first) == sorted(c.id for c in deck.cards)
    assert len(quiz_cards([deck], count=3, seed=1)) == 3


def test_quiz_cards_over_several_decks_keeps_deck_ids():
    cards = quiz_cards([wright_deck(), markup_deck(), wright_deck()], shuffle=False)
    assert len(cards) == 10  # the repeated deck counts once
    assert {c.deck_id for c in cards} == {"wright-brothers", "rich-markup"}


def test_quiz_cards_with_nothing_to_ask_is_a_clear_error():
    with pytest.raises(StudyError, match="no true or false cards in Rich"):
        quiz_cards([markup_deck()], kinds=["true_false"])
    with pytest.raises(StudyError, match="no deck"):
        quiz_cards([])
    with pytest.raises(StudyError, match="has no cards"):
        quiz_cards([make_deck([])])


def test_answer_span_uses_highlight_or_finds_the_answer():
    with_span = make_card("short_answer", "Where?", "Kitty Hawk", 0)
    start = with_span.context.index("Kitty Hawk")
    assert answer_span(with_span) == (start, start + len("Kitty Hawk"))
    without = make_card("short_answer", "Where?", "kitty hawk", 0, highlight=False)
    start, end = answer_span(without) or (0, 0)
    assert without.context[start:end] == "Kitty Hawk"
    missing = make_card("short_answer", "Who?", "Katharine", 0)
    assert answer_span(missing) is None
    assert answer_span(StudyCard("d", make_card("true_false", "True or false: x", "True", 0)).card) is None


def test_i_was_right_counts_a_wrong_answer_and_records_the_override(tmp_path):
    store = ProgressStore(tmp_path / "progress.db")
    session = session_of(kind_deck("short_answer"), recorder=store)
    with pytest.raises(StudyError, match="only an answer just marked wrong"):
        session.override()  # nothing answered yet
    session.answer("1904")
    assert session.can_override and session.correct == 0
    counted = session.override()
    assert counted.grade.correct and counted.grade.overridden and not counted.grade.exact
    assert counted.response == "1904"
    assert (session.correct, session.overridden, session.missed) == (1, 1, [])
    assert not session.can_override  # once is enough
    score = store.last_quiz_score("wright-brothers")
    assert score is not None and (score.correct, score.answered) == (1, 1)
    assert store.overridden_answers("wright-brothers") == [(counted.item.card.id, "1904")]
    session.next()
    session.answer("Kitty Hawk")  # right: nothing to override
    assert not session.can_override
    with pytest.raises(StudyError):
        session.override()


def test_i_was_right_needs_an_answer():
    session = session_of(kind_deck("short_answer"))
    session.answer("")
    assert not session.can_override


def test_a_quiz_goes_on_when_the_store_is_read_only(tmp_path):
    ProgressStore(tmp_path / "progress.db").close()
    store = ProgressStore(tmp_path / "progress.db", read_only=True)
    session = session_of(kind_deck("short_answer"), recorder=store)
    session.answer("1903")
    session.next()
    session.answer("nowhere")
    session.override()
    session.next()
    assert session.phase is Phase.FINISHED and session.correct == 2
    assert session.not_saved is not None and "read-only" in session.not_saved
    assert store.last_quiz_score("wright-brothers") is None


def test_the_deck_s_acronyms_grade_its_quiz():
    acronym = make_card("short_answer", "What does JFHQ stand for?", "Joint Force Headquarters", 0)
    blank = make_card("cloze", "_____ will take command.", "The JFHQ", 0, accepted=["JFHQ"])
    session = QuizSession([StudyCard("wright-brothers", blank), StudyCard("wright-brothers", acronym)])
    assert session.answer("Joint Force Headquarters").grade.correct
    session.next()
    assert not session.answer("JFHQ").grade.correct  # the acronym card wants the expansion
    retry = session.retry_missed()
    assert retry.glossary is session.glossary


# ------------------------------------------------------------------------- siblings kept apart


def asked(deck, **kwargs) -> list[StudyCard]:
    return quiz_cards([deck], **kwargs)


@pytest.mark.parametrize("seed", range(12))
def test_a_quiz_never_asks_a_card_a_sibling_gives_away(seed):
    """Three blanks and a false statement of one sentence, one fact asked twice: each shown card
    (its question, then its answer and sentence) would give the others' answers away."""
    cards = asked(sibling_deck(), seed=seed)
    assert len(cards) == 4  # one per sentence: the born-in sentence, Pierre, Chemistry, polonium
    assert len({item.card.group for item in cards}) == 4
    for index, shown in enumerate(cards):
        for later in cards[index + 1 :]:
            assert not shown.gives_away(later)
    assert sum(1 for item in cards if item.card.answer == "Pierre Curie") == 1


def test_which_sibling_is_asked_changes_with_the_shuffle():
    firsts = {next(i.card.answer for i in asked(sibling_deck(), seed=seed) if i.card.group == "sentence-0")
              for seed in range(20)}  # fmt: skip
    assert firsts == {"Warsaw", "1867", "Paris", "False"}
    unshuffled = asked(sibling_deck(), shuffle=False)
    assert [item.card.answer for item in unshuffled] == ["Warsaw", "Pierre Curie", "Chemistry", "polonium"]
    assert len(asked(sibling_deck(), shuffle=False, count=2)) == 2


def test_one_fact_is_never_asked_twice_even_without_a_group():
    short = make_card("short_answer", "Who piloted the first flight?", "Orville Wright", 1)
    choice = make_card(
        "multiple_choice", "Who flew first?", "Orville Wright", 1, choices=["Wilbur Wright", "Orville Wright"]
    ).model_copy(update={"fact_id": short.fact_id})
    other = make_card("short_answer", "Where?", "Kitty Hawk", 0)
    assert short.group is None and choice.group is None
    kept = one_per_sentence(StudyCard("d", card) for card in (short, other, choice))
    assert [item.card for item in kept] == [short, other]
    assert StudyCard("d", short).gives_away(StudyCard("d", choice))
    assert not StudyCard("d", short).gives_away(StudyCard("d", other))
    assert not StudyCard("d", short).gives_away(StudyCard("d", short))  # a card is not its own sibling
    assert not StudyCard("d", short).gives_away(StudyCard("e", choice))  # another deck's fact


# ----------------------------------------------------------------------------- retry rounds


def all_wrong_quiz(seed: int, shuffle_choices: bool = False) -> QuizSession:
    """A quiz of six multiple-choice cards, every one answered wrongly."""
    cards = [
        make_card("multiple_choice", f"Question {n}?", f"right {n}", 0, choices=[f"wrong {n}", f"right {n}",
                  f"other {n}", f"fourth {n}"])
        for n in range(6)
    ]  # fmt: skip
    session = QuizSession(
        [StudyCard("d", card) for card in cards], rng=random.Random(seed), shuffle_choices=shuffle_choices
    )
    while session.phase is not Phase.FINISHED:
        wrong = next(n for n, text in enumerate(session.choices(), 1) if text.startswith("wrong"))
        session.choose(wrong)
        session.next()
    return session


@pytest.mark.parametrize("seed", range(10))
def test_a_retry_round_comes_in_a_new_order_with_each_answer_moved(seed):
    session = all_wrong_quiz(seed)
    retry = session.retry_missed()
    assert sorted(item.key for item in retry.cards) == sorted(item.key for item in session.cards)
    assert [item.key for item in retry.cards] != [item.key for item in session.cards]
    for item in retry.cards:
        before, now = session.choices(item), retry.choices(item)
        assert sorted(before) == sorted(now)
        assert now.index(item.card.answer) != before.index(item.card.answer)
    # The choice asked for by number is the one shown at that number.
    answer_at = retry.choices().index(retry.current.card.answer) + 1
    assert retry.choose(answer_at).grade.correct


def test_a_retry_of_a_retry_moves_things_again():
    session = all_wrong_quiz(3)
    first = session.retry_missed()
    while first.phase is not Phase.FINISHED:
        first.choose(next(n for n, t in enumerate(first.choices(), 1) if t != first.current.card.answer))
        first.next()
    second = first.retry_missed()
    assert second.round == 3 and second.id == session.id
    assert [item.key for item in second.cards] != [item.key for item in first.cards]
    for item in second.cards:
        assert second.choices(item).index(item.card.answer) != first.choices(item).index(item.card.answer)


def test_choices_are_shuffled_with_the_quiz_and_repeatable_with_a_seed():
    plain = all_wrong_quiz(1)
    assert all(plain.choices(item) == tuple(item.card.choices) for item in plain.cards)
    shuffled = all_wrong_quiz(1, shuffle_choices=True)
    assert any(shuffled.choices(item) != tuple(item.card.choices) for item in shuffled.cards)
    again = all_wrong_quiz(1, shuffle_choices=True)
    assert [again.choices(item) for item in again.cards] == [shuffled.choices(i) for i in shuffled.cards]
    assert [a.key for a in again.retry_missed().cards] == [a.key for a in shuffled.retry_missed().cards]


def test_the_quiz_s_score_is_kept_when_its_retry_round_is_all_right(tmp_path):
    """'Last quiz' said 2/2 after a retry round of a 13/27 quiz: the quiz's score is its own."""
    store = ProgressStore(tmp_path / "progress.db")
    session = session_of(kind_deck("short_answer"), recorder=store)
    session.answer("1904")
    session.next()
    session.answer("Kitty Hawk")
    session.next()
    retry = session.retry_missed()
    retry.answer("1905")
    retry.override()  # "I was right" in the retry touches the retry's answer only
    retry.next()
    assert retry.phase is Phase.FINISHED and retry.score_text() == "1/1 right · 100%"
    score = store.last_quiz_score("wright-brothers")
    assert score is not None and (score.correct, score.answered) == (1, 2)
    assert store.overridden_answers("wright-brothers") == [(retry.cards[0].card.id, "1905")]
    later = session_of(kind_deck("short_answer"), recorder=store)  # a new quiz is the last one
    later.answer("1903")
    score = store.last_quiz_score("wright-brothers")
    assert score is not None and (score.correct, score.answered) == (1, 1)


def test_in_progress_means_answers_given_and_not_finished():
    session = session_of(kind_deck("short_answer"))
    assert not session.in_progress
    session.answer("1903")
    assert session.in_progress
    session.finish()
    assert not session.in_progress
