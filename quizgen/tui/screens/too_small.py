"""Shown instead of everything else while the terminal is below the size the screens need."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static


class TooSmallScreen(Screen[None]):
    """ "Please enlarge the window"; the app removes it once the window is big enough."""

    CSS_PATH = "too_small.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "app.quit", "Quit")]

    def __init__(self, min_width: int, min_height: int) -> None:
        super().__init__(id="too-small")
        self.min_width = min_width
        self.min_height = min_height

    def compose(self) -> ComposeResult:
        yield Static(self._message(), id="too-small-message", markup=False)

    def _message(self) -> str:
        size = self.app.size
        return (
            f"Please enlarge the window (needs {self.min_width}×{self.min_height}, "
            f"now {size.width}×{size.height}). q quits."
        )

    def on_resize(self, event: events.Resize) -> None:
        self.query_one("#too-small-message", Static).update(self._message())
