"""What every quizgen screen shares: typed access to the app, the back / quit actions, and telling
the learner once when progress cannot be saved."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, ClassVar, cast

from textual.screen import Screen

from quizgen.errors import StudyError

if TYPE_CHECKING:
    from quizgen.study.store import ProgressStore
    from quizgen.tui.app import QuizgenApp

NOT_SAVED_TITLE = "Progress is not being saved"
COUNTS_REFRESH_SECONDS = 30.0
"""How often the home and deck screens count again what is due (cards fall due while they are open)."""
_told: weakref.WeakSet[ProgressStore] = weakref.WeakSet()
"""Stores whose read-only state the learner has been told about (once per store, not per screen)."""


class StudyScreen(Screen[None]):
    """A full screen of the study app."""

    HELP_NOTES: ClassVar[str] = ""
    """Extra lines for the help screen (things bindings alone do not explain)."""

    @property
    def study(self) -> QuizgenApp:
        """The app, with quizgen's navigation methods."""
        return cast("QuizgenApp", self.app)

    @property
    def progress_read_only(self) -> bool:
        """True when the progress store cannot save (another quizgen has it, or it is read-only)."""
        try:
            return self.study.store.read_only
        except StudyError:  # a mode without a store saves nothing and claims nothing
            return False

    def warn_if_not_saved(self) -> None:
        """Say why progress is not being saved, the first time a screen of this store is shown."""
        try:
            store = self.study.store
        except StudyError:
            return
        if store.read_only_reason and store not in _told:
            _told.add(store)
            self.notify(
                store.read_only_reason, title=NOT_SAVED_TITLE, severity="warning", timeout=20, markup=False
            )

    def action_back(self) -> None:
        """Esc: return to the previous screen (or leave the app from the first one)."""
        self.study.go_back()

    def action_quit_app(self) -> None:
        """q: leave the app (progress is already saved)."""
        self.app.exit()
