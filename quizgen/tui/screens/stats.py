"""Review statistics: reviews and accuracy per day, the due forecast, and retention."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Header, Sparkline, Static

from quizgen.models import Deck
from quizgen.study.stats import StudyStats, study_stats
from quizgen.tui.screens.base import StudyScreen

BAR_WIDTH = 20


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{round(100 * value)}%"


def activity_content(stats: StudyStats, days: int = 7) -> Content:
    """The last `days` days, one line each: reviews and the share not rated Again."""
    lines = []
    for day in stats.activity[-days:]:
        label = "today" if day is stats.activity[-1] else day.day.strftime("%a %d")
        right = f"{_percent(day.accuracy)} right" if day.reviews else ""
        noun = "review " if day.reviews == 1 else "reviews"
        lines.append(f"{label:>8}  {day.reviews:>4} {noun}  {right}".rstrip())
    total = sum(day.reviews for day in stats.activity)
    passed = sum(day.passed for day in stats.activity)
    accuracy = _percent(passed / total if total else None)
    lines.append(f"{len(stats.activity)} days: {total} review{'' if total == 1 else 's'}, {accuracy} right")
    return Content("\n".join(lines))


def forecast_content(stats: StudyStats) -> Content:
    """Cards due on each of the next days as a small bar chart."""
    peak = max((count for _, count in stats.forecast), default=0) or 1
    parts: list[str | tuple[str, str]] = []
    for index, (day, count) in enumerate(stats.forecast):
        label = "today" if index == 0 else day.strftime("%a %d")
        bar = "█" * round(BAR_WIDTH * count / peak) if count else ""
        parts.extend([f"{label:>8} ", (bar, "$accent"), f" {count}\n"])
    return Content.assemble(*parts).rstrip()


def retention_content(stats: StudyStats) -> Content:
    predicted = (
        f"FSRS predicts {_percent(stats.predicted_retention)} recall right now"
        if stats.predicted_retention is not None
        else "No card learnt yet"
    )
    observed = (
        f"you remembered {_percent(stats.observed_retention)} of {stats.observed_reviews} reviews in 30 days"
        if stats.observed_retention is not None
        else "no reviews of learnt cards in the last 30 days"
    )
    return Content(f"{stats.started} of {stats.cards} cards started. {predicted}; {observed}.")


class StatsScreen(StudyScreen):
    """How reviewing is going for the decks being studied."""

    CSS_PATH = "stats.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,s", "back", "Back"),
        Binding("q", "quit_app", "Quit"),
    ]

    def __init__(self, decks: list[Deck]) -> None:
        super().__init__(id="stats")
        self.decks = decks

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="stats-body"):
            yield Static("Reviews per day, last 14 days", classes="stats-heading")
            yield Sparkline([], id="stats-sparkline")
            with Horizontal(id="stats-columns"):
                with Vertical(classes="stats-column"):
                    yield Static("Last 7 days", classes="stats-heading")
                    yield Static(id="stats-activity")
                with Vertical(classes="stats-column"):
                    yield Static("Due in the next 7 days", classes="stats-heading")
                    yield Static(id="stats-forecast")
            yield Static("Retention", classes="stats-heading")
            yield Static(id="stats-retention")
        yield Footer()

    def on_mount(self) -> None:
        study = self.study
        self.sub_title = "Stats · " + " + ".join(deck.title for deck in self.decks)
        stats = study_stats(study.store, self.decks, study.clock(), tz=study.tz, scheduler=study.scheduler)
        self.stats = stats
        self.query_one(Sparkline).data = [day.reviews for day in stats.activity]
        self.query_one("#stats-activity", Static).update(activity_content(stats))
        self.query_one("#stats-forecast", Static).update(forecast_content(stats))
        self.query_one("#stats-retention", Static).update(retention_content(stats))
