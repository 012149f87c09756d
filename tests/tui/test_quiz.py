"""Quizzes driven with the keyboard (and the mouse): every card kind, feedback, summary, retry, quit."""

from __future__ import annotations

import pytest
from helpers import text_of
from study_decks import kind_deck, make_card, make_deck, markup_deck, sibling_deck, wright_deck

from quizgen.study.session import Phase

SIZE = (100, 30)

# Per kind: keys answering the first card right and the second wrong, and the verdicts shown.
RUNS = {
    "short_answer": ([*"1903", "enter"], [*"Kty", "enter"], "✓ Right.", "✗ Wrong."),
    "multiple_choice": (["2"], ["1"], "✓ Right.", "✗ Wrong."),
    "true_false": (["t"], ["t"], "✓ Right.", "✗ Wrong. The statement is false."),
    "cloze": (
        [*"FLYER", "enter"],
        [*"11", "enter"],
        "✓ Right — ignoring case. “Flyer” is an accepted",
        "✗ Wrong.",
    ),
}


@pytest.mark.parametrize("kind", list(RUNS))
async def test_a_full_quiz_of_each_kind(build_app, kind):
    right_keys, wrong_keys, right_verdict, wrong_verdict = RUNS[kind]
    app = build_app("quiz", [kind_deck(kind)])
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.id == "quiz"
        session = app.screen.session
        assert "Card 1/2" in text_of(app, "#status-text")
        await pilot.press(*right_keys)
        assert session.phase is Phase.ANSWERED
        assert text_of(app, "#verdict").startswith(right_verdict)
        assert "Source:" in text_of(app, "#source")
        await pilot.press("space")
        assert session.position == 1 and session.phase is Phase.ASKING
        await pilot.press(*wrong_keys)
        assert text_of(app, "#verdict").startswith(wrong_verdict)
        assert "1/2 right · 50%" in text_of(app, "#status-text")
        await pilot.press("enter")
        assert app.screen.id == "summary"
        assert "Score 1 / 2 · 50%" in text_of(app, "#summary-score")
        assert session.missed[0].item.card.answer in text_of(app, "#summary-missed")


async def test_feedback_explains_and_highlights_the_answer(build_app):
    app = build_app("quiz", [kind_deck("short_answer")])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"1904", "enter")
        assert text_of(app, "#verdict") == "✗ Wrong. The answer is “1903”, not “1904”."
        assert text_of(app, "#said") == "You said: 1904"
        await pilot.press("enter", *"Kity Hawk", "enter")
        assert text_of(app, "#verdict") == "✓ Close enough — spelled Kitty Hawk."
        source = app.screen.query_one("#source")
        styled = [
            segment.text
            for line in source.render_lines(source.region.reset_offset)
            for segment in line
            if segment.style and segment.style.bold and segment.style.underline
        ]
        assert "".join(styled) == "Kitty Hawk"


async def test_choices_can_be_clicked(build_app):
    app = build_app("quiz", [kind_deck("multiple_choice")])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#quiz-choices", offset=(5, 1))  # the second choice: "Orville Wright"
        assert app.screen.session.last_answer.response == "Orville Wright"
        await pilot.press("enter")
        await pilot.press("t")  # not a true/false card: ignored
        assert app.screen.session.phase is Phase.ASKING


async def test_true_false_buttons_can_be_clicked(build_app):
    app = build_app("quiz", [kind_deck("true_false")])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#tf-false")
        assert app.screen.session.last_answer.response == "False"


def key_for(session, answer: str) -> str:
    """The number key that chooses `answer` on the current card, wherever it is shown."""
    return str(session.choices().index(answer) + 1)


async def test_retry_missed_asks_only_the_missed_cards_in_a_new_order(build_app):
    app = build_app("quiz", [wright_deck()], kinds=("true_false", "multiple_choice"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "enter", "t", "enter", "4", "enter", "f", "enter")
        assert app.screen.id == "summary"
        assert "2 missed" in text_of(app, "#summary-details")
        quiz = app.screen.session
        await pilot.press("r")
        assert app.screen.id == "quiz"
        retry = app.screen.session
        assert [item.card.answer for item in retry.cards] == ["Dayton", "Orville Wright"]  # reshuffled
        assert "Retry · card 1/2" in text_of(app, "#status-text")
        for item in retry.cards:  # each answer stands somewhere else than in the quiz
            assert retry.choices(item).index(item.card.answer) != quiz.choices(item).index(item.card.answer)
        shown = text_of(app, "#quiz-choices").splitlines()
        assert [line.split(maxsplit=1)[1] for line in shown] == list(retry.choices())
        await pilot.press(key_for(retry, "Dayton"), "enter")
        await pilot.press(key_for(retry, "Orville Wright"), "enter")
        assert app.screen.id == "summary"
        assert text_of(app, "#summary-score") == "Retry round · Score 2 / 2 · 100%"
        assert text_of(app, "#summary-missed-title") == "Nothing missed."
        await pilot.press("r")  # nothing to retry: stays
        assert app.screen.id == "summary"


async def test_last_quiz_is_the_quiz_not_its_retry_round(build_app, tmp_path):
    """'Last quiz' showed the retry round's 2/2 instead of the quiz's score."""
    deck_file = tmp_path / "wright.json"
    kind_deck("multiple_choice").save(deck_file)
    app = build_app("study", paths=(deck_file,), include_default_paths=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter")  # open the deck, start a quiz
        assert app.screen.id == "quiz"
        await pilot.press("1", "enter", "2", "enter")  # wrong, then wrong (Dayton is 3)
        await pilot.press("r")
        retry = app.screen.session
        for item in retry.cards:
            await pilot.press(key_for(retry, item.card.answer), "enter")
        assert text_of(app, "#summary-score") == "Retry round · Score 2 / 2 · 100%"
        await pilot.press("escape")
        assert app.screen.id == "deck"
        assert "Last quiz: 0/2 (0%)" in text_of(app, "#deck-counts")
        await pilot.press("escape")
        table = app.screen.query_one("#home-decks")
        assert str(table.get_row_at(0)[-1]) == "0%"


async def test_a_quiz_asks_one_card_per_sentence(build_app):
    """Cloze cards of one sentence showed each other's answers; one fact came twice."""
    app = build_app("quiz", [sibling_deck()])
    async with app.run_test(size=SIZE) as pilot:
        session = app.screen.session
        assert "Card 1/4" in text_of(app, "#status-text")
        await pilot.press(*"Warsaw", "enter")
        assert "Source: Marie Curie was born in Warsaw in 1867 and moved to Paris" in text_of(app, "#source")
        asked = []
        while session.current is not None:
            asked.append(session.current.card.answer)
            if session.phase.value == "asking":
                await pilot.press(*session.current.card.answer, "enter")
            await pilot.press("enter")
        assert asked == ["Warsaw", "Pierre Curie", "Chemistry", "polonium"]
        assert app.screen.id == "summary"


async def test_q_shows_the_summary_then_a_second_q_exits(build_app, store):
    app = build_app("quiz", [wright_deck()], kinds=("multiple_choice",))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "q")
        assert app.screen.id == "summary"
        assert "1 not asked" in text_of(app, "#summary-details")
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    score = store.last_quiz_score("wright-brothers")
    assert score is not None and (score.correct, score.answered) == (1, 1)


async def test_q_before_any_answer_exits_at_once(build_app):
    app = build_app("quiz", [kind_deck("multiple_choice")])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0


async def test_typing_q_in_an_answer_is_a_letter_and_escape_asks(build_app):
    app = build_app("quiz", [kind_deck("short_answer")])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q", "?")
        assert app.screen.id == "quiz"
        assert app.screen.query_one("#quiz-input").value == "q?"
        await pilot.press("escape")
        assert app.screen.id == "quiz-leave"
        await pilot.press("y")
        await pilot.pause()
        assert app.return_code == 0


async def test_escape_on_a_half_typed_answer_asks_and_keeps_it(build_app):
    """Many people press Esc to clear a field: it ended the quiz and dropped the answer."""
    app = build_app("quiz", [kind_deck("short_answer")])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"190")
        await pilot.press("escape")
        assert app.screen.id == "quiz-leave"
        assert " ".join(text_of(app, "#leave-text").split()) == (
            "The answer you are typing (“190”) would be dropped."
        )
        await pilot.press("escape")  # Esc again: stay
        assert app.screen.id == "quiz"
        typed = app.screen.query_one("#quiz-input")
        assert typed.value == "190" and typed.has_focus
        await pilot.press("3", "enter")
        assert app.screen.session.last_answer.grade.correct


async def test_escape_asks_before_ending_a_quiz_with_answers(build_app, store):
    app = build_app("quiz", [kind_deck("multiple_choice")])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "escape")  # on the feedback of the first card
        assert app.screen.id == "quiz-leave"
        assert text_of(app, "#leave-text") == "You have answered 1 of 2 cards (saved)."
        await pilot.press("n")
        assert app.screen.id == "quiz" and app.screen.session.answered == 1
        await pilot.press("enter", "escape")  # on the second card, nothing answered there yet
        assert app.screen.id == "quiz-leave"
        await pilot.press("y")
        assert app.screen.id == "summary"
        assert "1 not asked (quiz ended early)" in text_of(app, "#summary-details")
    score = store.last_quiz_score("wright-brothers")
    assert score is not None and (score.correct, score.answered) == (1, 1)


async def test_escape_with_nothing_answered_or_typed_leaves_at_once(build_app):
    app = build_app("quiz", [kind_deck("short_answer")])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert app.return_code == 0


async def test_card_text_that_looks_like_markup_is_shown_literally(build_app):
    app = build_app("quiz", [markup_deck()], kinds=("multiple_choice",))
    async with app.run_test(size=SIZE) as pilot:
        assert text_of(app, "#quiz-question") == "What does [red]x[/red] print in a Rich console?"
        choices = text_of(app, "#quiz-choices")
        for choice in ("[bold]", "[/]", "[red]", "[link=x]"):
            assert choice in choices
        await pilot.press("1")
        assert "[bold] starts bold text and [/] closes" in text_of(app, "#source")
        assert "Rich [markup] tags" in text_of(app, "HeaderTitle")


async def test_help_lists_the_keys_of_the_screen(build_app):
    app = build_app("quiz", [kind_deck("multiple_choice")])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert app.screen.id == "help"
        keys = text_of(app, "#help-keys")
        for row in ("1-4  Choose", "q  End quiz", "esc  Leave", "Quit from anywhere"):
            assert row in keys
        assert "Esc asks first" in text_of(app, "#help-notes")
        await pilot.press("escape")
        assert app.screen.id == "quiz"


async def test_a_small_window_asks_to_be_enlarged_and_recovers(build_app):
    app = build_app("quiz", [kind_deck("multiple_choice")])
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert app.screen.id == "too-small"
        assert "Please enlarge the window" in text_of(app, "#too-small-message")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen.id == "quiz"
        await pilot.press("2")
        assert app.screen.session.correct == 1


def footer_keys(app) -> list[str]:
    """The descriptions of the keys the footer offers now."""
    return [key.description for key in app.screen.query("FooterKey")]


async def test_i_was_right_after_a_wrong_verdict(build_app, store):
    app = build_app("quiz", [kind_deck("short_answer")])
    async with app.run_test(size=SIZE) as pilot:
        session = app.screen.session
        assert "I was right" not in footer_keys(app)
        await pilot.press(*"1904", "enter")
        assert text_of(app, "#verdict").startswith("✗ Wrong.")
        assert "i: I was right" in text_of(app, "#next-hint")
        await pilot.pause()
        assert "I was right" in footer_keys(app)
        await pilot.press("i")
        assert text_of(app, "#verdict") == "✓ Counted right — you said you were right."
        assert "1/1 right · 100%" in text_of(app, "#status-text")
        assert "I was right" not in text_of(app, "#next-hint")
        await pilot.pause()
        assert "I was right" not in footer_keys(app)
        await pilot.press("enter", *"Kitty Hawk", "enter", "i")  # right already: i does nothing
        assert session.overridden == 1 and session.correct == 2
        await pilot.press("enter")
        assert app.screen.id == "summary"
        assert "1 counted right by you" in text_of(app, "#summary-details")
    assert store.overridden_answers("wright-brothers") == [(session.answers[0].item.card.id, "1904")]
    score = store.last_quiz_score("wright-brothers")
    assert score is not None and (score.correct, score.answered) == (2, 2)


async def test_typing_i_in_an_answer_is_a_letter(build_app):
    app = build_app("quiz", [kind_deck("short_answer")])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"in 1903", "enter")
        assert app.screen.session.last_answer.response == "in 1903"
        assert text_of(app, "#verdict") == "✓ Right — ignoring “in”."


async def test_help_lists_i_was_right(build_app):
    app = build_app("quiz", [kind_deck("multiple_choice")])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert "i  I was right" in text_of(app, "#help-keys")
        assert "Press i to count it" in text_of(app, "#help-notes")


def styled(widget, *attributes: str) -> str:
    """The text of `widget` drawn with all of the given style attributes (bold, underline, strike)."""
    return "".join(
        segment.text
        for line in widget.render_lines(widget.region.reset_offset)
        for segment in line
        if segment.style and all(getattr(segment.style, name) for name in attributes)
    )


async def test_a_false_statement_is_put_right_with_the_changed_words_marked(build_app):
    """A false true/false card never showed what had been changed."""
    app = build_app("quiz", [kind_deck("true_false")])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # "ran a bicycle shop in Dayton": true, nothing to put right
        assert text_of(app, "#source").startswith("Source: The brothers ran a bicycle shop")
        await pilot.press("enter", "t")  # "Orville was the elder": false
        assert text_of(app, "#verdict") == "✗ Wrong. The statement is false."
        source = app.screen.query_one("#source")
        assert text_of(app, "#source") == (
            "The article says: Wilbur Wright (not Orville) was the elder of the two brothers."
        )
        assert styled(source, "bold", "underline") == "Wilbur Wright"
        assert styled(source, "strike") == "Orville"
        await pilot.press("enter")
        assert "The article says: Wilbur Wright (not Orville) was the elder" in text_of(
            app, "#summary-missed"
        )


async def test_a_correction_that_looks_like_markup_is_shown_literally(build_app):
    context = "In Rich, [bold] starts bold text and [/] closes the last style."
    statement = "True or false: In Rich, [red] starts bold text and [/] closes the last style."
    card = make_card("true_false", statement, "False", 0, context=context)
    app = build_app("quiz", [make_deck([card])])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        assert text_of(app, "#source") == (
            "The article says: In Rich, [bold (not red)] starts bold text and [/] closes the last style."
        )
        assert styled(app.screen.query_one("#source"), "strike") == "red"


async def test_at_60x16_the_whole_score_stays_readable(build_app):
    app = build_app("quiz", [kind_deck("short_answer")])
    async with app.run_test(size=(60, 16)) as pilot:
        await pilot.press(*"1903", "enter")
        assert text_of(app, "#status-text") == "Card 1/2 · 1/1 right · 100%"
        await pilot.press("enter", "escape")
        assert app.screen.id == "quiz-leave"
        assert "y  end the quiz and see your score" in text_of(app, "#leave-keys")


async def test_the_help_scrolls_in_a_small_window(build_app):
    app = build_app("quiz", [kind_deck("multiple_choice")])
    async with app.run_test(size=(60, 16)) as pilot:
        await pilot.press("question_mark")
        dialog = app.screen.query_one("#help-dialog")
        assert dialog.max_scroll_y > 0  # the notes do not fit: they are below, not cut off
        await pilot.press("end")
        await pilot.pause()
        assert dialog.scroll_y == dialog.max_scroll_y
        assert "Esc asks first" in text_of(app, "#help-notes")
