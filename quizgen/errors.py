"""One error hierarchy for everything a user can cause.

The CLI catches `QuizgenError`, prints ``error: <message>`` (and the hint) to stderr and exits 2.
Anything else that escapes is a bug in quizgen, not in the user's input.
"""

from __future__ import annotations


class QuizgenError(Exception):
    """Base class: a problem the user can fix, with an optional hint on how."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class InputError(QuizgenError):
    """An article file (or stdin) that cannot be read or is not usable."""


class DeckError(QuizgenError):
    """A deck file that is missing, malformed or of another schema version."""


class ModelError(QuizgenError):
    """The English language model cannot be loaded."""


class ExportError(QuizgenError):
    """An export that cannot be written."""


class StudyError(QuizgenError):
    """A problem with study sessions or the progress store."""


class EditError(QuizgenError):
    """A teacher's edit of a card (in `quizgen pick`) that would not make a valid card."""


class LlmError(QuizgenError):
    """The language-model server cannot be used: unreachable, unknown model, refused key, rate
    limits, a timeout, an article part too long for the model, or no usable client library."""
