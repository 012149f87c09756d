"""Asked when the teacher quits the pick screen with changes not saved yet."""

from __future__ import annotations

from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

QuitChoice = Literal["save", "discard"]


class QuitScreen(ModalScreen[QuitChoice | None]):
    """s saves and quits, d quits without saving, Esc goes back to the cards."""

    CSS_PATH = "pick_quit.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "choose('save')", "Save and quit"),
        Binding("d", "choose('discard')", "Quit without saving"),
        Binding("escape", "stay", "Keep picking"),
    ]

    def __init__(self, unsaved: int) -> None:
        super().__init__(id="pick-quit")
        self.unsaved = unsaved

    def compose(self) -> ComposeResult:
        cards = "1 card" if self.unsaved == 1 else f"{self.unsaved} cards"
        with Vertical(id="quit-dialog"):
            yield Static(Content(f"{cards} changed and not saved."), id="quit-title")
            keys = [("s", "save and quit"), ("d", "quit without saving"), ("Esc", "keep picking")]
            yield Static(
                Content("\n").join(Content.assemble((key, "bold"), f"  {does}") for key, does in keys),
                id="quit-keys",
            )

    def action_choose(self, choice: QuitChoice) -> None:
        self.dismiss(choice)

    def action_stay(self) -> None:
        self.dismiss(None)
