"""One deck: what it holds and what is waiting, and the way into a quiz, a review or the stats."""

from __future__ import annotations

from collections import Counter
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Header, Static

from quizgen.models import Deck
from quizgen.study.cards import KIND_LABELS
from quizgen.study.library import deck_summary
from quizgen.tui.screens.base import COUNTS_REFRESH_SECONDS, StudyScreen


class DeckScreen(StudyScreen):
    """Enter quizzes the deck, r reviews it, s shows its statistics."""

    CSS_PATH = "deck.tcss"
    AUTO_FOCUS = None
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "quiz", "Quiz"),
        Binding("r", "review", "Review"),
        Binding("s", "stats", "Stats"),
        Binding("escape", "back", "Back"),
        Binding("q", "quit_app", "Quit"),
    ]

    def __init__(self, deck: Deck) -> None:
        super().__init__(id="deck")
        self.deck = deck

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="deck-body"):
            yield Static(Content(self.deck.title), id="deck-title")
            yield Static(id="deck-sources")
            yield Static(id="deck-counts")
            with Horizontal(id="deck-actions"):
                yield Button("Quiz  (Enter)", id="deck-quiz", variant="primary")
                yield Button("Review  (r)", id="deck-review", variant="success")
                yield Button("Stats  (s)", id="deck-stats")
        yield Footer()

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.can_focus = False  # Enter always means "quiz"
        self.sub_title = self.deck.title
        sources = ", ".join(source.title for source in self.deck.sources) or "unknown"
        self.query_one("#deck-sources", Static).update(Content.assemble(("From: ", "dim"), sources))
        self.show_counts()
        self.set_interval(COUNTS_REFRESH_SECONDS, self.show_counts)  # cards fall due while it is open

    def on_screen_resume(self) -> None:
        self.show_counts()

    def show_counts(self) -> None:
        """Today's numbers: what a review offers now, and the last quiz (retry rounds aside)."""
        study = self.study
        summary = deck_summary(study.store, self.deck, study.clock(), study.options.new_limit, study.tz)
        kinds: Counter[str] = Counter(card.kind for card in self.deck.included_cards())
        by_kind = " · ".join(f"{kinds[k]} {KIND_LABELS[k].lower()}" for k in KIND_LABELS if kinds[k])
        last = (
            f"{summary.last_quiz.correct}/{summary.last_quiz.answered} ({summary.last_quiz.percent}%)"
            if (summary.last_quiz)
            else "not taken yet"
        )
        lines = [
            f"{summary.cards} cards: {by_kind}",
            f"Due now: {summary.due}   New today: {summary.new} (of {summary.unseen} never studied)",
            f"Last quiz: {last}",
        ]
        self.query_one("#deck-counts", Static).update(Content("\n".join(lines)))

    def action_quiz(self) -> None:
        self.study.start_quiz([self.deck])

    def action_review(self) -> None:
        self.study.start_review([self.deck])

    def action_stats(self) -> None:
        self.study.show_stats([self.deck])

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {
            "deck-quiz": self.action_quiz,
            "deck-review": self.action_review,
            "deck-stats": self.action_stats,
        }
        actions[event.button.id or ""]()
