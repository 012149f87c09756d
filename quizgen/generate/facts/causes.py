"""Causes: a "because" clause gives a why-question about the clause it explains.

    "The canal was moved because the soil near Colón was too soft."
    → cause fact → "Why was the canal moved?" → the soil near Colón was too soft

Reached from `events.clause_facts`, for each adverbial clause of a clause.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from quizgen.generate.clauses import Clause, render, wh_question
from quizgen.generate.facts.shared import Found, SentenceContext, has_unresolved
from quizgen.models import FactKind

if TYPE_CHECKING:
    from spacy.tokens import Token


def cause_fact(ctx: SentenceContext, clause: Clause, advcl: Token) -> Iterator[Found]:
    """'... because the soil was too soft' → 'Why did ...?'."""
    marks = [c for c in advcl.children if c.dep_ == "mark"]
    if not marks or marks[0].lower_ != "because":
        return
    reason = [t for t in advcl.subtree if t.i != marks[0].i]
    answer = render(reason)
    if not 2 <= len(answer.split()) <= 14 or has_unresolved(answer):
        return
    question = wh_question(clause, [], "Why")
    fact = ctx.clause_fact(clause, FactKind.CAUSE, answer, "REASON")
    if fact and question:
        yield Found(fact=fact, question=question, clause=clause, priority=0.8)
