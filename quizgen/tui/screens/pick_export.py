"""Export from the pick screen: a classroom format and a file, written by `quizgen export`'s code.

The cards are exported as the teacher has them on screen (saved or not): excluded cards left out,
edited wording used. A problem (a folder in the way, a format that cannot hold any of the cards) is
shown in the dialog, which stays open to change the format or the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from quizgen.errors import QuizgenError
from quizgen.export import CLASSROOM_MODULES
from quizgen.pick.session import PickSession

FORMAT_NOTES = {
    "gift": "Moodle, GIFT text",
    "moodle-xml": "Moodle XML",
    "aiken": "Moodle, multiple choice only",
    "qti": "Canvas (QTI 1.2 zip)",
    "csv": "Quizlet and flashcard apps",
    "kahoot": "Kahoot spreadsheet",
    "html": "worksheet to print",
    "pdf": "worksheet to print",
    "markdown": "worksheet for documents",
}


class ExportScreen(ModalScreen[None]):
    """Choose a format (↑↓) and a file; Enter exports."""

    CSS_PATH = "pick_export.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, session: PickSession) -> None:
        super().__init__(id="pick-export")
        self.session = session
        self.formats = list(CLASSROOM_MODULES)
        self._suggested: Path | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="export-dialog"):
            yield Static("Export the included cards", id="export-title")
            yield Label("Format")
            yield OptionList(
                *[
                    Option(Content.assemble((f"{name:<11}", "bold"), (FORMAT_NOTES.get(name, ""), "dim")))
                    for name in self.formats
                ],
                id="export-formats",
                compact=True,
            )
            yield Label("File")
            yield Input(id="export-path", compact=True)
            yield Static(id="export-error")
            yield Static("↑↓ format · Tab: file · Enter exports · Esc cancels", id="export-keys")

    def on_mount(self) -> None:
        self.query_one("#export-error").display = False
        formats = self.query_one("#export-formats", OptionList)
        formats.highlighted = 0
        formats.focus()
        self.suggest_path()

    @property
    def format_name(self) -> str:
        index = self.query_one("#export-formats", OptionList).highlighted or 0
        return self.formats[index]

    def suggest_path(self) -> None:
        """Put the default file name for the format in the file field, unless the teacher typed one."""
        field = self.query_one("#export-path", Input)
        if self._suggested is not None and field.value != str(self._suggested):
            return
        self._suggested = self.session.default_export_path(self.format_name)
        field.value = str(self._suggested)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.suggest_path()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.export()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.export()

    def export(self) -> None:
        path = self.query_one("#export-path", Input).value.strip()
        try:
            report = self.session.export(self.format_name, Path(path))
        except QuizgenError as exc:
            # the message alone: hints are worded for the command line ("give -o a file name")
            error = self.query_one("#export-error", Static)
            error.update(Content(f"Not exported: {exc.message}"))
            error.display = True
            return
        self.app.notify(report.summary(), title="Exported", timeout=8, markup=False)
        for warning in report.warnings:
            self.app.notify(warning, severity="warning", timeout=8, markup=False)
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
