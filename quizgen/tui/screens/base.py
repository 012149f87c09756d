"""What every quizgen screen shares: typed access to the app and the back / quit actions."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.screen import Screen

if TYPE_CHECKING:
    from quizgen.tui.app import QuizgenApp


class StudyScreen(Screen[None]):
    """A full screen of the study app."""

    HELP_NOTES: ClassVar[str] = ""
    """Extra lines for the help screen (things bindings alone do not explain)."""

    @property
    def study(self) -> QuizgenApp:
        """The app, with quizgen's navigation methods."""
        return cast("QuizgenApp", self.app)

    def action_back(self) -> None:
        """Esc: return to the previous screen (or leave the app from the first one)."""
        self.study.go_back()

    def action_quit_app(self) -> None:
        """q: leave the app (progress is already saved)."""
        self.app.exit()
