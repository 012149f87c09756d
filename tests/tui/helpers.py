"""Reading what the study app shows, as plain text."""

from __future__ import annotations

from textual.app import App
from textual.geometry import Region
from textual.widget import Widget


def shown(widget: Widget) -> str:
    """The text a widget draws on screen (after styling: markup would be gone here)."""
    lines = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return "\n".join(line.text.rstrip() for line in lines).strip()


def text_of(app: App[object], selector: str) -> str:
    """What the widget matching `selector` on the current screen shows."""
    return shown(app.screen.query_one(selector))
