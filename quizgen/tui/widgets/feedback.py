"""Showing the answer to a card: verdict, explanation, and the source sentence with the answer marked.

A false true/false card shows the statement put right instead (`quizgen.corrections`): the true
words marked, the card's false words beside them in brackets, struck through.

Card text comes from articles and is untrusted, so it is only ever put on screen as `Content`
built from plain strings: a card containing "[bold]" shows those characters, it never styles text.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from quizgen.corrections import card_correction
from quizgen.models import Card
from quizgen.study.cards import answer_span
from quizgen.study.session import Answer

ANSWER_STYLE = "bold underline"
CORRECTION_LABEL = "The article says: "


def source_content(card: Card, label: str = "Source: ") -> Content:
    """``Source: <the sentence>`` with the answer underlined in bold where it occurs."""
    sentence = Content(card.context)
    span = answer_span(card)
    if span is not None:
        sentence = sentence.stylize(ANSWER_STYLE, *span)
    return Content.assemble((label, "dim"), sentence)


def correction_content(card: Card, label: str = CORRECTION_LABEL) -> Content | None:
    """For a false true/false card, its statement put right: ``Wilbur Wright (not ~~Orville~~) was
    the elder …`` with the true words underlined in bold; None for any other card, or when the
    swap cannot be found (then the source sentence is shown as it is)."""
    fixed = card_correction(card)
    if fixed is None:
        return None
    parts: list[str | tuple[str, str]] = [(label, "dim")]
    for part in fixed.parts:
        if part.was is None:
            parts.append(part.text)
        else:
            parts.extend([(part.text, ANSWER_STYLE), (" (not ", "dim"), (part.was, "strike"), (")", "dim")])
    return Content.assemble(*parts)


def back_content(card: Card) -> Content:
    """What the back of a card says about its source: the statement put right for a false
    true/false card, else the source sentence with the answer marked."""
    corrected = correction_content(card)
    return corrected if corrected is not None else source_content(card)


def answer_content(card: Card) -> Content:
    """``Answer: <answer>`` (with the accepted alternatives)."""
    parts: list[str | tuple[str, str]] = [("Answer: ", "dim"), (card.answer, "bold")]
    if card.accepted_answers:
        parts.append(("  (also: " + ", ".join(card.accepted_answers) + ")", "dim"))
    return Content.assemble(*parts)


class AnswerFeedback(Vertical):
    """What the learner sees after answering: right or wrong, why, the answer and its source."""

    DEFAULT_CSS = """
    AnswerFeedback {
        height: auto;
        padding: 0 1;
        margin-top: 1;
        border-left: outer $success;
    }
    AnswerFeedback.-wrong {
        border-left: outer $error;
    }
    AnswerFeedback > #verdict {
        text-style: bold;
        color: $text-success;
    }
    AnswerFeedback.-wrong > #verdict {
        color: $text-error;
    }
    AnswerFeedback > #next-hint {
        color: $text-muted;
        margin-top: 1;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="verdict")
        yield Static(id="said")
        yield Static(id="answer")
        yield Static(id="source")
        yield Static("Enter or Space: next card", id="next-hint")

    def show_answer(self, answer: Answer, last: bool = False, can_override: bool = False) -> None:
        """Fill in the feedback for `answer` (`last`: the hint says the summary comes next;
        `can_override`: it offers "I was right")."""
        card = answer.item.card
        right = answer.grade.correct
        self.set_class(not right, "-wrong")
        explanation = answer.grade.explanation
        if right:
            verdict = f"✓ {explanation}"
        elif explanation == "No answer.":
            verdict = "✗ No answer."
        else:
            verdict = f"✗ Wrong. {explanation}"
        self.query_one("#verdict", Static).update(Content(verdict))
        said = self.query_one("#said", Static)
        said.display = card.kind in ("short_answer", "cloze")
        said.update(Content.assemble(("You said: ", "dim"), answer.response or "(nothing)"))
        self.query_one("#answer", Static).update(answer_content(card))
        self.query_one("#source", Static).update(back_content(card))
        hint = "Enter or Space: see your score" if last else "Enter or Space: next card"
        if can_override:
            hint += " · i: I was right"
        self.query_one("#next-hint", Static).update(hint)
