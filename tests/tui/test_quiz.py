"""Quizzes driven with the keyboard (and the mouse): every card kind, feedback, summary, retry, quit."""

from __future__ import annotations

import pytest
from helpers import text_of
from study_decks import kind_deck, markup_deck, wright_deck

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


async def test_retry_missed_asks_only_the_missed_cards(build_app):
    app = build_app("quiz", [wright_deck()], kinds=("true_false", "multiple_choice"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "enter", "t", "enter", "4", "enter", "f", "enter")
        assert app.screen.id == "summary"
        assert "2 missed" in text_of(app, "#summary-details")
        await pilot.press("r")
        assert app.screen.id == "quiz"
        retry = app.screen.session
        assert [item.card.answer for item in retry.cards] == ["Orville Wright", "Dayton"]
        await pilot.press("2", "enter", "3", "enter")
        assert app.screen.id == "summary"
        assert text_of(app, "#summary-score") == "Score 2 / 2 · 100%"
        assert text_of(app, "#summary-missed-title") == "Nothing missed."
        await pilot.press("r")  # nothing to retry: stays
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


async def test_typing_q_in_an_answer_is_a_letter_and_escape_leaves(build_app):
    app = build_app("quiz", [kind_deck("short_answer")])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q", "?")
        assert app.screen.id == "quiz"
        assert app.screen.query_one("#quiz-input").value == "q?"
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
        for row in ("1-4  Choose", "q  End quiz", "esc  Back", "Quit from anywhere"):
            assert row in keys
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
