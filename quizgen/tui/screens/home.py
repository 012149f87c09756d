"""The study home screen: every deck found, with its cards, due, new and last quiz score."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Header, Static

from quizgen.study.library import DeckEntry, deck_summary, discover_decks
from quizgen.tui.screens.base import StudyScreen

EMPTY_TEXT = (
    "No decks found in ./decks or your library.\n\n"
    "Make one with:   quizgen generate article.md -o decks/\n"
    "or open one:     quizgen study path/to/deck.json"
)


DECK_COLUMN_WIDTH = 40


class HomeScreen(StudyScreen):
    """A table of decks; Enter opens the highlighted one."""

    CSS_PATH = "home.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open deck", show=True),
        Binding("q", "quit_app", "Quit"),
        Binding("escape", "quit_app", "Quit", show=False),
    ]
    HELP_NOTES = "Decks come from the paths you gave, ./decks and your library (QUIZGEN_HOME/decks)."

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
        table = self.query_one(DataTable)
        table.add_column("Deck", key="deck", width=DECK_COLUMN_WIDTH)
        for label in ("Cards", "Due", "New", "Last quiz"):
            table.add_column(label, key=label.lower())
        options = self.study.options
        self.entries = discover_decks(options.paths, include_defaults=options.include_default_paths)
        self.fill_table()
        self.warn_if_not_saved()

    def on_screen_resume(self) -> None:
        if self.entries:
            self.fill_table()

    def fill_table(self) -> None:
        """(Re)count due and new cards and the last quiz of every deck."""
        table = self.query_one(DataTable)
        cursor = table.cursor_row
        table.clear()
        now = self.study.clock()
        for index, entry in enumerate(self.entries):
            if entry.deck is None:
                problem = Text(f"⚠ {entry.path.name}: not a deck (Enter: why)", style="red")
                table.add_row(problem, "", "", "", "", key=str(index))
                continue
            summary = deck_summary(self.study.store, entry.deck, now)
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
