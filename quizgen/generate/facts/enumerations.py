"""Enumerations: a counted noun, a colon, and the list it counts.

    "The Calvin cycle has three phases: carbon fixation, reduction, and regeneration."
    → enumeration fact → "What are the three phases of the Calvin cycle?"
    → carbon fixation, reduction, and regeneration

Only after "have", "include", "comprise", "consist" or "involve", and only a list of 2 to 15 words.
"""

from __future__ import annotations

from collections.abc import Iterator

from quizgen.generate.clauses import Clause, finish_question, render, tidy
from quizgen.generate.facts.shared import Found, SentenceContext, has_unresolved, lower_common
from quizgen.models import FactKind


def enumerations(ctx: SentenceContext, clauses: list[Clause]) -> Iterator[Found]:
    """'X has three phases: A, B, C.' → 'What are the three phases of X?' (answer: the list)."""
    for tok in ctx.span:
        if tok.dep_ != "nummod" or tok.head.tag_ not in ("NNS", "NNPS"):
            continue
        noun = tok.head
        nxt = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
        if nxt is None or nxt.text != ":":
            continue
        items_start = nxt.i + 1
        end = items_start
        while end < ctx.span.end and ctx.span.doc[end].text not in (".", ";"):
            end += 1
        answer = tidy(ctx.span.doc[items_start:end].text)
        if not 2 <= len(answer.split()) <= 15 or ("," not in answer and " and " not in answer):
            continue
        verb = noun.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if verb.lemma_ not in ("have", "include", "comprise", "consist", "involve") or subject is None:
            continue
        clause = next((c for c in clauses if c.verb.i == verb.i), None)
        owner = clause.rendered_subject() if clause and clause.subject_text else render(list(subject.subtree))
        if not owner or has_unresolved(owner):
            continue
        owner = lower_common(owner, list(subject.subtree))
        question = finish_question(f"What are the {tok.text} {noun.text} of {owner}")
        fact = ctx.fact(FactKind.ENUMERATION, owner, f"has {tok.text} {noun.text}", answer, answer, "LIST")
        if fact:
            yield Found(fact=fact, question=question, priority=1.0)
