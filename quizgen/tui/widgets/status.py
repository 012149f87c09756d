"""The status line every study screen keeps visible: a progress bar and the running score."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Label, ProgressBar


class StudyStatus(Horizontal):
    """Progress through the session on the left, the running score (or counts) on the right."""

    SCOPED_CSS = False  # the narrow rule starts at the screen; every other rule names StudyStatus
    DEFAULT_CSS = """
    StudyStatus {
        height: 1;
        padding: 0 1;
        background: $boost;
    }
    StudyStatus > ProgressBar {
        width: auto;
        margin-right: 2;
    }
    StudyStatus > #status-text {
        width: 1fr;
        text-align: right;
        color: $text-muted;
    }
    /* Below 80 columns the bar gives way, so that the whole score stays readable. */
    .-narrow StudyStatus Bar {
        width: 12;
    }
    """

    def compose(self) -> ComposeResult:
        yield ProgressBar(total=1, show_eta=False, id="status-progress")
        yield Label("", id="status-text")

    def show(self, done: int, total: int, text: str) -> None:
        """Fill the bar to `done` of `total` and print `text` (plain text, never markup)."""
        self.query_one(ProgressBar).update(total=max(total, 1), progress=min(done, max(total, 1)))
        self.query_one("#status-text", Label).update(Content(text))

    @property
    def text(self) -> str:
        """The score text as shown (for tests and screen readers)."""
        return str(self.query_one("#status-text", Label).content)
