"""The study home screen: every deck found, with its cards, what a review offers today (due now,
new today) and its last quiz score, recounted on return and every half minute while it is open."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Header, Static

from quizgen.study.library import DeckEntry, deck_summary, discover_decks
from quizgen.tui.screens.base import COUNTS_REFRESH_SECONDS, StudyScreen

EMPTY_TEXT = (
    "No decks found in ./decks or your library.\n\n"
    "Make one with:   quizgen generate article.md -o decks/\n"
    "or open one:     quizgen study path/to/deck.json"
)


DECK_COLUMN_WIDTH = 40
"""The deck column's width when there is room; it narrows so that every other column stays shown."""
MIN_DECK_COLUMN_WIDTH = 12
COUNT_COLUMNS = (("Cards", 5), ("Due", 3), ("New", 3), ("Last quiz", 9))


class HomeScreen(StudyScreen):
    """A table of decks; Enter opens the highlighted one."""

    CSS_PATH = "home.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open deck", show=True),
        Binding("q", "quit_app", "Quit"),
        Binding("escape", "quit_app", "Quit", show=False),
    ]
    HELP_NOTES = (
        "Decks come from the paths you gave, ./decks and your library (QUIZGEN_HOME/decks). Due: "
        "cards a review offers now. New: the new cards it introduces today (the daily limit, one per "
        "sentence). Last quiz: the quiz's own score, retry rounds aside."
    )

    def __init__(self) -> None:
        super().__init__(id="home")
        self.entries: list[DeckEntry] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Your decks — ↑↓ choose, Enter opens", id="home-title")
        yield DataTable(id="home-decks", cursor_type="row", zebra_stripes=True)
        yield Static(EMPTY_TEXT, id="home-empty", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        options = self.study.options
        self.entries = discover_decks(options.paths, include_defaults=options.include_default_paths)
        self.fill_table()
        self.warn_if_not_saved()
        self.set_interval(COUNTS_REFRESH_SECONDS, self.fill_table)  # cards fall due while Home is open

    def on_screen_resume(self) -> None:
        self.fill_table()

    def on_resize(self) -> None:
        self.fill_table()  # the deck column takes the width the counts leave

    def deck_column_width(self) -> int:
        """As wide as `DECK_COLUMN_WIDTH`, or as the window leaves once every count column is shown."""
        table = self.query_one(DataTable)
        available = table.content_region.width or self.size.width
        padding = 2 * table.cell_padding
        counts = sum(width + padding for _, width in COUNT_COLUMNS)
        room = available - counts - padding - table.styles.scrollbar_size_vertical
        return max(MIN_DECK_COLUMN_WIDTH, min(DECK_COLUMN_WIDTH, room))

    def fill_table(self) -> None:
        """(Re)count today's due and new cards and the last quiz of every deck."""
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        table.add_column("Deck", key="deck", width=self.deck_column_width())
        for label, width in COUNT_COLUMNS:
            table.add_column(label, key=label.lower(), width=width)
        study = self.study
        now = study.clock()
        for index, entry in enumerate(self.entries):
            if entry.deck is None:
                problem = Text(f"⚠ {entry.path.name}: not a deck (Enter: why)", style="red")
                problem.no_wrap, problem.overflow = True, "ellipsis"
                table.add_row(problem, "", "", "", "", key=str(index))
                continue
            summary = deck_summary(study.store, entry.deck, now, study.options.new_limit, study.tz)
            last = f"{summary.last_quiz.percent}%" if summary.last_quiz else "–"
            table.add_row(
                Text(entry.deck.title, no_wrap=True, overflow="ellipsis"),
                Text(str(summary.cards), justify="right"),
                Text(str(summary.due), justify="right", style="bold" if summary.due else ""),
                Text(str(summary.new), justify="right"),
                Text(last, justify="right"),
                key=str(index),
            )
        self.query_one("#home-empty").display = not self.entries
        table.display = bool(self.entries)
        if self.entries:
            table.move_cursor(row=min(cursor, len(self.entries) - 1))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            return bool(self.entries)
        return True

    def action_open(self) -> None:
        row = self.query_one(DataTable).cursor_row
        if not 0 <= row < len(self.entries):
            return
        entry = self.entries[row]
        if entry.deck is None:
            self.notify(f"{entry.path}: {entry.error}", severity="error", markup=False)
            return
        self.study.open_deck(entry.deck)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()
