"""The quiz screen: asks the current card of a `QuizSession`, forwards the answer, shows feedback.

The screen keeps no quiz state of its own; `render_session` redraws it from the session after
every action, so what is on screen is always what the session says.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from quizgen.errors import StudyError
from quizgen.study.cards import KIND_LABELS, TYPED_KINDS
from quizgen.study.session import Phase, QuizSession
from quizgen.tui.screens.base import StudyScreen
from quizgen.tui.widgets.feedback import AnswerFeedback
from quizgen.tui.widgets.status import StudyStatus


class QuizScreen(StudyScreen):
    """One card at a time: multiple choice by number, true/false by t/f, typed answers by Enter."""

    CSS_PATH = "quiz.tcss"
    AUTO_FOCUS = None
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "choose(1)", "Choose", key_display="1-4"),
        Binding("2", "choose(2)", "Choose", show=False),
        Binding("3", "choose(3)", "Choose", show=False),
        Binding("4", "choose(4)", "Choose", show=False),
        Binding("t", "true_false('True')", "True"),
        Binding("f", "true_false('False')", "False"),
        Binding("enter,space", "next", "Next"),
        Binding("i", "override", "I was right"),
        Binding("q", "end", "End quiz"),
        Binding("escape", "back", "Leave"),
    ]
    HELP_NOTES = (
        "Short answer and fill-in-the-blank: type the answer, then Enter. Letters go into the answer, "
        "so Esc leaves; once you have answered a card or typed part of an answer, Esc asks first (n "
        "keeps your typing). Case, punctuation, a leading a/an/the, numbers as words, units written "
        "another way (8.6% = 8.6 percent), abbreviations the deck spells out (JFHQ), 'in' before a "
        "place or time and small misspellings are forgiven; the number itself must be the same. "
        "Marked wrong but you were right? Press i to count it."
    )

    def __init__(self, session: QuizSession, title: str = "") -> None:
        super().__init__(id="quiz")
        self.session = session
        self.sub_title = title

    def compose(self) -> ComposeResult:
        yield Header()
        yield StudyStatus(id="quiz-status")
        with VerticalScroll(id="quiz-body"):
            yield Static(id="quiz-kind")
            yield Static(id="quiz-question")
            yield OptionList(id="quiz-choices")
            with Horizontal(id="quiz-tf"):
                yield Button("True (t)", id="tf-true", variant="success")
                yield Button("False (f)", id="tf-false", variant="error")
            yield Input(placeholder="Type your answer, then Enter", id="quiz-input")
            yield AnswerFeedback(id="quiz-feedback")
        yield Footer()

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False  # t / f answer; Enter must never press a focused button by accident
        self.query_one("#quiz-choices", OptionList).can_focus = False
        self.render_session()
        self.warn_if_not_saved()

    # ------------------------------------------------------------------------------ rendering

    def render_session(self) -> None:
        """Redraw everything from the session."""
        session = self.session
        item = session.current
        if item is None:
            return
        card = item.card
        saving = " · not saved" if self.progress_read_only else ""
        self.query_one(StudyStatus).show(
            session.answered,
            session.total,
            f"{'Retry · card' if session.is_retry else 'Card'} {session.position + 1}/{session.total}"
            f" · {session.score_text()}{saving}",
        )
        self.query_one("#quiz-kind", Static).update(
            Content(f"Question {session.position + 1} · {KIND_LABELS[card.kind]}")
        )
        self.query_one("#quiz-question", Static).update(Content(card.question))
        answered = session.phase is Phase.ANSWERED
        last = session.last_answer if answered else None

        choices = self.query_one("#quiz-choices", OptionList)
        choices.display = card.kind == "multiple_choice"
        if choices.display:
            chosen = last.response if last else None
            choices.set_options(
                Option(self._choice_prompt(n, text, card.answer, chosen))
                for n, text in enumerate(session.choices(item), 1)
            )
            choices.highlighted = None
        self.query_one("#quiz-tf").display = card.kind == "true_false" and not answered

        typed = self.query_one("#quiz-input", Input)
        typed.display = card.kind in TYPED_KINDS
        feedback = self.query_one(AnswerFeedback)
        feedback.display = answered
        if last is not None:
            feedback.show_answer(
                last, last=session.position + 1 >= session.total, can_override=session.can_override
            )
            typed.disabled = True
            self.set_focus(None)
            self.call_after_refresh(feedback.scroll_visible)
        else:
            typed.disabled = False
            typed.value = ""
            if typed.display:
                typed.focus()
            else:
                self.set_focus(None)
            self.query_one("#quiz-body", VerticalScroll).scroll_home(animate=False)
        self.refresh_bindings()

    @staticmethod
    def _choice_prompt(number: int, text: str, answer: str, chosen: str | None) -> Content:
        if chosen is None:
            return Content.assemble((f" {number} ", "bold reverse"), " ", text)
        if text == answer:
            return Content.assemble((f" {number} ", "bold reverse"), " ", (text, "bold"), ("  ✓", "bold"))
        if text == chosen:
            return Content.assemble((f" {number} ", "reverse"), " ", (text, "strike"), "  ✗ your answer")
        return Content.assemble((f" {number} ", "dim reverse"), " ", (text, "dim"))

    # -------------------------------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        session = self.session
        card = session.current.card if session.current else None
        asking = session.phase is Phase.ASKING and card is not None
        if action == "choose":
            return (
                asking
                and card is not None
                and card.kind == "multiple_choice"
                and (int(str(parameters[0])) <= len(session.choices()))
            )
        if action == "true_false":
            return asking and card is not None and card.kind == "true_false"
        if action == "next":
            return session.phase is Phase.ANSWERED
        if action == "override":
            return session.can_override
        return True

    def action_choose(self, number: int) -> None:
        self._answer(lambda: self.session.choose(number))

    def action_true_false(self, value: str) -> None:
        self._answer(lambda: self.session.answer(value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.session.phase is Phase.ASKING:
            self._answer(lambda: self.session.answer(event.value))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.check_action("choose", (event.option_index + 1,)):
            self.action_choose(event.option_index + 1)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id in ("tf-true", "tf-false") and self.check_action("true_false", ()):
            self.action_true_false("True" if event.button.id == "tf-true" else "False")

    def _answer(self, give: Callable[[], object]) -> None:
        try:
            give()
        except StudyError as exc:
            self.notify(exc.message, severity="error", markup=False)
        self.render_session()

    def action_override(self) -> None:
        """i: "I was right" — count the answer just marked wrong as right."""
        self._answer(self.session.override)

    def action_next(self) -> None:
        if self.session.next() is Phase.FINISHED:
            self._show_summary()
        else:
            self.render_session()

    def action_end(self) -> None:
        """q: end the quiz; the summary when something was answered, else straight out."""
        self.session.finish()
        if self.session.answered:
            self._show_summary()
        else:
            self.study.go_back()

    def action_back(self) -> None:
        """Esc: end the quiz like q, but ask first when answers are given or one is being typed."""
        typed = self.query_one("#quiz-input", Input)
        half_typed = typed.value.strip() if typed.display and not typed.disabled else ""
        if not (self.session.in_progress or half_typed):
            self.action_end()
            return
        from quizgen.tui.screens.quiz_leave import LeaveQuizScreen

        def chosen(leave: bool | None) -> None:
            if leave:
                self.action_end()

        session = self.session
        saved = not self.progress_read_only
        self.app.push_screen(LeaveQuizScreen(session.answered, session.total, half_typed, saved), chosen)

    def _show_summary(self) -> None:
        from quizgen.tui.screens.summary import SummaryScreen

        self.app.switch_screen(SummaryScreen(self.session, title=self.sub_title or ""))
