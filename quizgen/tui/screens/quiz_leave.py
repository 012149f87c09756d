"""Asked when Esc would leave a quiz with answers given or an answer half typed.

Many people press Esc to clear a text field; here it would end the quiz, so it asks first. Staying
keeps everything as it was, the half-typed answer included.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static


class LeaveQuizScreen(ModalScreen[bool]):
    """y ends the quiz (its score next), n or Esc goes back to the card."""

    CSS_PATH = "quiz_leave.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "leave", "End the quiz"),
        Binding("n,escape", "stay", "Keep going"),
    ]

    def __init__(self, answered: int, total: int, typed: str, saved: bool = True) -> None:
        super().__init__(id="quiz-leave")
        self.answered = answered
        self.total = total
        self.typed = typed
        self.saved = saved

    def compose(self) -> ComposeResult:
        lines = []
        if self.answered:
            kept = " (saved)" if self.saved else ""
            lines.append(f"You have answered {self.answered} of {self.total} cards{kept}.")
        if self.typed:
            lines.append(f"The answer you are typing (“{self.typed}”) would be dropped.")
        ends = "end the quiz and see your score" if self.answered else "leave the quiz"
        keys = [("y", ends), ("n / Esc", "keep going")]
        with Vertical(id="leave-dialog"):
            yield Static(Content("End the quiz?"), id="leave-title")
            yield Static(Content("\n".join(lines)), id="leave-text")
            yield Static(
                Content("\n").join(Content.assemble((key, "bold"), f"  {does}") for key, does in keys),
                id="leave-keys",
            )
        yield Footer()  # over the quiz's own, whose Esc means something else here

    def action_leave(self) -> None:
        self.dismiss(True)

    def action_stay(self) -> None:
        self.dismiss(False)
