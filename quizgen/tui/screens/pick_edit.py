"""The edit form of the pick screen: question, answer, and the wrong choices or accepted answers.

The form hands the wording to the session, which validates it with the deck model; a problem is
shown under the fields (the card is left as it was) and the form stays open to fix it.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from quizgen.errors import EditError
from quizgen.pick.edits import ACCEPTED_SEPARATOR, CLOZE_BLANK, CardEdit, split_answers
from quizgen.pick.session import CardKey, PickSession
from quizgen.study.cards import KIND_LABELS
from quizgen.tui.widgets.wrapped_input import WrappedInput

ANSWER_LABELS = {
    "short_answer": "Answer",
    "multiple_choice": "Answer (the right choice)",
    "true_false": "Answer (True or False)",
    "cloze": "Answer (what goes in the blank)",
}


class EditCardScreen(ModalScreen[bool]):
    """Edit one card in place; dismissed with True once the session took the new wording."""

    CSS_PATH = "pick_edit.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, session: PickSession, key: CardKey) -> None:
        super().__init__(id="pick-edit")
        self.session = session
        self.key = key
        self.card = session.card(key)

    def compose(self) -> ComposeResult:
        card = self.card
        start = CardEdit.of(card)
        with VerticalScroll(id="edit-dialog"):
            yield Static(Content(f"Edit card · {KIND_LABELS[card.kind]}"), id="edit-title")
            question = "Question" + (f" (with the blank {CLOZE_BLANK})" if card.kind == "cloze" else "")
            yield Label(question)
            yield WrappedInput(start.question, id="edit-question")
            yield Label(ANSWER_LABELS[card.kind])
            yield Input(start.answer, id="edit-answer", compact=True)
            if card.kind == "multiple_choice":
                yield Label("Wrong choices")
                for number, choice in enumerate(start.wrong_choices, start=1):
                    yield Input(choice, id=f"edit-wrong-{number}", classes="wrong-choice", compact=True)
            if card.kind in ("short_answer", "cloze"):
                yield Label(f"Also accepted (separate with {ACCEPTED_SEPARATOR})")
                accepted = f"{ACCEPTED_SEPARATOR} ".join(start.accepted_answers)
                yield Input(accepted, id="edit-accepted", compact=True)
            yield Static(Content.assemble(("Source: ", "dim"), card.context), id="edit-source")
            yield Static(id="edit-error")
            yield Static("Enter or Ctrl+S saves · Tab: next field · Esc cancels", id="edit-keys")

    def on_mount(self) -> None:
        self.query_one("#edit-error").display = False
        self.query_one("#edit-question", WrappedInput).focus()

    def form(self) -> CardEdit:
        """What the fields say now."""
        wrong = tuple(field.value for field in self.query(".wrong-choice").results(Input))
        accepted_fields = self.query("#edit-accepted").results(Input)
        accepted = next((field.value for field in accepted_fields), "")

        return CardEdit(
            question=self.query_one("#edit-question", WrappedInput).value,
            answer=self.query_one("#edit-answer", Input).value,
            wrong_choices=wrong,
            accepted_answers=split_answers(accepted),
        )

    def action_save(self) -> None:
        try:
            self.session.edit(self.key, self.form())
        except EditError as exc:
            error = self.query_one("#edit-error", Static)
            error.update(Content(f"Not saved: {exc.message}"))
            error.display = True
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_wrapped_input_submitted(self, event: WrappedInput.Submitted) -> None:
        event.stop()
        self.action_save()
