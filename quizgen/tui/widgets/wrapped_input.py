"""A one-line text field that wraps on screen: for long text (a question) that an `Input` would
scroll sideways out of sight. Enter submits instead of starting a new line."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.message import Message
from textual.widgets import TextArea


class WrappedInput(TextArea):
    """Like `Input`, but the text wraps; `value` is the text on one line."""

    DEFAULT_CSS = """
    WrappedInput {
        height: auto;
        max-height: 5;
    }
    """

    @dataclass
    class Submitted(Message):
        """Enter was pressed."""

        wrapped_input: WrappedInput
        value: str

        @property
        def control(self) -> WrappedInput:
            return self.wrapped_input

    def __init__(self, value: str = "", *, id: str | None = None) -> None:
        super().__init__(value, soft_wrap=True, compact=True, show_line_numbers=False, id=id)

    def on_mount(self) -> None:
        self.move_cursor(self.document.end)  # like a text field: ready to add to or fix the end

    @property
    def value(self) -> str:
        """The text with any line breaks (pasted ones) made spaces."""
        return " ".join(self.text.split())

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self, self.value))
            return
        await super()._on_key(event)
