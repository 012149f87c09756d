"""The keys of the screen underneath, read from its bindings so the help can never go stale."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from quizgen.tui.screens.base import StudyScreen

TITLES = {
    "home": "Decks",
    "deck": "Deck",
    "quiz": "Quiz",
    "quiz-leave": "End the quiz?",
    "summary": "Quiz summary",
    "review": "Review",
    "stats": "Stats",
    "pick": "Pick cards",
    "pick-edit": "Edit card",
    "pick-export": "Export",
    "pick-quit": "Quit",
}


def key_rows(screen: Screen[object], app_bindings: list[BindingType]) -> list[tuple[str, str]]:
    """(keys, what they do) for the bindings of `screen` and the app, one row per action."""
    rows: list[tuple[str, str]] = []
    seen: dict[str, tuple[int, str]] = {}  # description: (its row, its action)
    for binding in [*screen.BINDINGS, *app_bindings]:
        if not isinstance(binding, Binding) or not binding.description or binding.action == "quit":
            continue
        keys = binding.key_display or " / ".join(
            screen.app.get_key_display(Binding(key.strip(), binding.action)) for key in binding.key.split(",")
        )
        if binding.description in seen:
            row, action = seen[binding.description]
            if action == binding.action:  # more keys for the same thing: "3 / space / enter  Good"
                rows[row] = (f"{rows[row][0]} / {keys}", binding.description)
            continue  # else e.g. "2", "3", "4" are covered by the "1-4 Choose" row
        seen[binding.description] = (len(rows), binding.action)
        rows.append((keys, binding.description))
    anywhere = " / ".join(screen.app.get_key_display(Binding(key, "quit")) for key in ("ctrl+q", "ctrl+c"))
    rows.append((anywhere, "Quit from anywhere"))
    return rows


class HelpScreen(ModalScreen[None]):
    """A dialog listing the keys; Esc, ? or q closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,question_mark,q", "close", "Close")]

    def __init__(self, under: Screen[object]) -> None:
        super().__init__(id="help")
        self.under = under

    def compose(self) -> ComposeResult:
        title = TITLES.get(self.under.id or "", "quizgen")
        rows = key_rows(self.under, list(self.app.BINDINGS))
        width = max(len(keys) for keys, _ in rows)
        table = Content("\n").join(
            Content.assemble((f"{keys:>{width}}", "bold $accent"), "  ", text) for keys, text in rows
        )
        with VerticalScroll(id="help-dialog"):  # ↑↓ scroll a help longer than a small window
            yield Static(Content(f"Keys — {title}"), id="help-title")
            yield Static(table, id="help-keys")
            notes = self.under.HELP_NOTES if isinstance(self.under, StudyScreen) else ""
            if notes:
                yield Static(Content(notes), id="help-notes")
            yield Static("Esc or ? closes this help · ↑↓ scroll · the mouse works too", id="help-close")

    def action_close(self) -> None:
        self.dismiss()
