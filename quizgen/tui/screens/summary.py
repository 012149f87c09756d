"""The end of a quiz (or of a retry round): score, time, and every missed card with its answer (a
false statement put right); `r` retries the missed, in a new order."""

from __future__ import annotations

from datetime import timedelta
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Static

from quizgen.study.session import QuizSession
from quizgen.tui.screens.base import StudyScreen
from quizgen.tui.widgets.feedback import correction_content
from quizgen.tui.widgets.status import StudyStatus


def format_duration(duration: timedelta) -> str:
    """``"2m 14s"``, ``"45s"``, ``"1h 03m"``."""
    seconds = int(duration.total_seconds())
    if seconds < 60:
        return f"{seconds}s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m {seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m"


class SummaryScreen(StudyScreen):
    """How the quiz went."""

    CSS_PATH = "summary.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "retry", "Retry missed"),
        Binding("escape", "back", "Back"),
        Binding("q", "quit_app", "Quit"),
    ]

    def __init__(self, session: QuizSession, title: str = "") -> None:
        super().__init__(id="summary")
        self.session = session
        self.sub_title = title

    def compose(self) -> ComposeResult:
        yield Header()
        yield StudyStatus(id="summary-status")
        with VerticalScroll(id="summary-body"):
            yield Static(id="summary-score")
            yield Static(id="summary-details")
            yield Static(id="summary-missed-title")
            yield Static(id="summary-missed")
        yield Footer()

    def on_mount(self) -> None:
        session = self.session
        percent = round(100 * session.correct / session.answered) if session.answered else 0
        self.query_one(StudyStatus).show(
            session.answered, session.total, f"Finished · {session.score_text()}"
        )
        retry = "Retry round · " if session.is_retry else ""
        self.query_one("#summary-score", Static).update(
            Content(f"{retry}Score {session.correct} / {session.answered} · {percent}%")
        )
        details = f"Time {format_duration(session.elapsed)} · {len(session.missed)} missed"
        if session.overridden:
            details += f" · {session.overridden} counted right by you"
        unasked = session.total - session.answered
        if unasked:
            details += f" · {unasked} not asked (quiz ended early)"
        self.query_one("#summary-details", Static).update(Content(details))
        title = self.query_one("#summary-missed-title", Static)
        missed = self.query_one("#summary-missed", Static)
        if not session.missed:
            title.update("Nothing missed." if session.answered else "")
            missed.display = False
            return
        title.update("Missed cards — press r to retry them")
        lines = []
        for answer in session.missed:
            card = answer.item.card
            line = Content.assemble(
                ("✗ ", "bold"),
                card.question,
                "\n   ",
                ("Answer: ", "dim"),
                (card.answer, "bold"),
                ("   you said: ", "dim"),
                answer.response or "(nothing)",
            )
            corrected = correction_content(card)
            if corrected is not None:  # a false statement: what it changed
                line = Content.assemble(line, "\n   ", corrected)
            lines.append(line)
        missed.update(Content("\n").join(lines))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "retry":
            return bool(self.session.missed)
        return True

    def action_retry(self) -> None:
        from quizgen.tui.screens.quiz import QuizScreen

        self.app.switch_screen(QuizScreen(self.session.retry_missed(), title=self.sub_title or ""))
