"""quizgen: turn the facts in articles into flashcards and quizzes."""

__version__ = "0.1.0"
