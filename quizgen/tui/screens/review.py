"""The review screen: FSRS flashcards. Front, then the back with four ratings and their intervals.

Space or Enter shows the answer, and once it shows, rates Good (as in Anki). Every rating is saved
by the session before the screen moves on; `u` takes the last one back. When the progress file is
read-only (or another quizgen has it) the review goes on unsaved, and the status line and a warning
say so.
"""

from __future__ import annotations

from typing import ClassVar

from fsrs import Rating
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Header, Static
from textual.widgets.button import ButtonVariant

from quizgen.errors import StudyError
from quizgen.study.cards import KIND_LABELS
from quizgen.study.review import ReviewSession
from quizgen.study.scheduling import RATING_LABELS, RATINGS
from quizgen.tui.screens.base import StudyScreen
from quizgen.tui.widgets.feedback import answer_content, back_content
from quizgen.tui.widgets.status import StudyStatus

RATING_VARIANTS: dict[Rating, ButtonVariant] = {
    Rating.Again: "error",
    Rating.Hard: "warning",
    Rating.Good: "success",
    Rating.Easy: "primary",
}
POLL_SECONDS = 5.0


class ReviewScreen(StudyScreen):
    """Spaced-repetition review of the cards that are due, then new ones."""

    CSS_PATH = "review.tcss"
    AUTO_FOCUS = None
    # The buttons show their keys, so the footer leaves them out (the help lists them): it has room
    # for the rest at 60 columns, and for "space Good" once the answer shows.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,enter", "reveal", "Show answer", show=False),
        Binding("1", "rate(1)", "Again", show=False),
        Binding("2", "rate(2)", "Hard", show=False),
        Binding("3", "rate(3)", "Good", show=False),
        Binding("4", "rate(4)", "Easy", show=False),
        Binding("space,enter", "rate(3)", "Good"),
        Binding("u", "undo", "Undo"),
        Binding("s", "stats", "Stats"),
        Binding("escape", "back", "Back"),
        Binding("q", "quit_app", "Quit"),
    ]
    HELP_NOTES = (
        "Each rating button shows when the card would come back; once the answer shows, Space or "
        "Enter rates Good. Ratings are saved at once; u takes back the last one. Cards due come "
        "first, then new cards up to the daily limit. Once you have reviewed a card, the other cards "
        "of its sentence wait until tomorrow: its answer gives theirs away."
    )

    def __init__(self, session: ReviewSession, title: str = "") -> None:
        super().__init__(id="review")
        self.session = session
        self.sub_title = title
        self._rated_since_mount = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield StudyStatus(id="review-status")
        with VerticalScroll(id="review-body"):
            yield Static(id="review-kind")
            yield Static(id="review-front")
            yield Static(id="review-choices")
            with Vertical(id="review-back"):
                yield Static(id="review-answer")
                yield Static(id="review-source")
            yield Static(id="review-done")
        yield Button("Show answer  (Space)", id="review-reveal")
        with Horizontal(id="review-ratings"):
            for rating in RATINGS:
                yield Button(RATING_LABELS[rating], id=f"rate-{int(rating)}", variant=RATING_VARIANTS[rating])
        yield Footer()

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False  # keys rate; Enter must not press a focused button by accident
        self.set_interval(POLL_SECONDS, self._poll_due)
        self.render_session()
        self.warn_if_not_saved()

    def on_screen_resume(self) -> None:
        self.render_session()

    def on_resize(self) -> None:
        self.render_session()  # the button labels are shorter below 80 columns

    def _poll_due(self) -> None:
        """While "done for now", pick up a card as soon as it becomes due."""
        if self.session.current is None and self.session.refresh():
            self.render_session()

    # ------------------------------------------------------------------------------ rendering

    def render_session(self) -> None:
        session = self.session
        due, new = session.counts()
        if session.current is not None and session.is_new:
            new = max(new, 1)
        saving = " · not saved" if self.progress_read_only else ""
        self.query_one(StudyStatus).show(
            session.reviewed,
            session.reviewed + due + new,
            f"{due} due · {new} new · {session.reviewed} reviewed{saving}",
        )
        item = session.current
        done = self.query_one("#review-done", Static)
        done.display = item is None
        for widget_id in ("#review-kind", "#review-front", "#review-choices", "#review-back"):
            self.query_one(widget_id).display = item is not None
        self.query_one("#review-reveal").display = item is not None and not session.revealed
        self.query_one("#review-ratings").display = item is not None and session.revealed
        if item is None:
            done.update(
                Content.assemble((session.done_text(), "bold"), "\n\n", ("s: stats · q: quit", "dim"))
            )
            self.refresh_bindings()
            return
        card = item.card
        state = "New card" if session.is_new else "Review"
        self.query_one("#review-kind", Static).update(Content(f"{state} · {KIND_LABELS[card.kind]}"))
        self.query_one("#review-front", Static).update(Content(card.question))
        choices = self.query_one("#review-choices", Static)
        choices.display = bool(card.choices)
        choices.update(Content("\n").join(Content.assemble(("• ", "dim"), text) for text in card.choices))
        back = self.query_one("#review-back")
        back.display = session.revealed
        if session.revealed:
            self.query_one("#review-answer", Static).update(answer_content(card))
            self.query_one("#review-source", Static).update(back_content(card))
            gap = " " if self.has_class("-narrow") else " · "  # four buttons in 60 columns
            for rating, interval in session.intervals().items():
                button = self.query_one(f"#rate-{int(rating)}", Button)
                button.label = Content(f"{int(rating)} {RATING_LABELS[rating]}{gap}{interval}")
        self.refresh_bindings()

    # -------------------------------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        session = self.session
        if action == "reveal":
            return session.current is not None and not session.revealed
        if action == "rate":
            return session.current is not None and session.revealed
        if action == "undo":
            return session.can_undo
        return True

    def action_reveal(self) -> None:
        self.session.reveal()
        self.render_session()
        self.call_after_refresh(self.query_one("#review-back").scroll_visible)  # in a small window too

    def action_rate(self, number: int) -> None:
        try:
            self.session.rate(Rating(number))
        except StudyError as exc:
            self.notify(exc.message, severity="error", markup=False)
        self.render_session()
        self.query_one("#review-body", VerticalScroll).scroll_home(animate=False)

    def action_undo(self) -> None:
        try:
            item = self.session.undo()
        except StudyError as exc:
            self.notify(exc.message, severity="error", markup=False)
            return
        self.notify(f"Rating undone: {item.card.question}", timeout=3, markup=False)
        self.render_session()

    def action_stats(self) -> None:
        self.study.show_stats(self.session.decks)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button_id = event.button.id or ""
        if button_id == "review-reveal" and self.check_action("reveal", ()):
            self.action_reveal()
        elif button_id.startswith("rate-") and self.check_action("rate", ()):
            self.action_rate(int(button_id.removeprefix("rate-")))
