"""Quotations: who said a quoted passage, when a verb of saying names the speaker.

    "“We choose to go to the Moon,” Kennedy said."
    → quote fact → "Who said “We choose to go to the Moon”?" → Kennedy

The speaker is a named person (or a "he" or "she" the history resolves) who is the subject of
"say", "tell", "write" and the like; a quotation of fewer than five words is not asked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from quizgen.generate.clauses import Clause
from quizgen.generate.facts.shared import Found, SentenceContext
from quizgen.generate.references import UNRESOLVED_IN_QUESTION
from quizgen.models import FactKind

if TYPE_CHECKING:
    from spacy.tokens import Token


SAY_VERBS = {
    "say",
    "state",
    "tell",
    "declare",
    "proclaim",
    "write",
    "add",
    "note",
    "announce",
    "explain",
    "remark",
    "recall",
    "insist",
    "argue",
    "warn",
    "claim",
    "observe",
    "reply",
    "comment",
    "tweet",
}


def quotes(ctx: SentenceContext, clauses: list[Clause]) -> Iterator[Found]:
    """'“We choose to go to the Moon,” Kennedy said.' → 'Who said “We choose to go to the Moon”?'."""
    text = ctx.sentence.text
    for match in re.finditer(r"[“\"]([^”\"]{12,400})[”\"]", text):
        quote = match.group(1).strip().rstrip(",")
        words = quote.split()
        if len(words) < 5:
            continue
        speaker = _speaker(ctx, clauses)
        if speaker is None:
            continue
        shown = " ".join(words[:14])
        lowered = {w.lower().strip(".,;:!?’'") for w in shown.split()}
        if lowered & UNRESOLVED_IN_QUESTION:
            continue
        if len(words) > 14:
            shown = shown.rstrip(".,;:") + " …"
        question = f"Who said “{shown}”?"
        fact = ctx.fact(FactKind.QUOTE, speaker, "said", quote, speaker, "PERSON")
        if fact:
            yield Found(fact=fact, question=question, priority=1.1)


def _speaker(ctx: SentenceContext, clauses: list[Clause]) -> str | None:
    for tok in ctx.span:
        if tok.lemma_.lower() not in SAY_VERBS or tok.pos_ != "VERB":
            continue
        node = tok
        for _ in range(3):
            subj = [c for c in node.children if c.dep_ == "nsubj"]
            if subj:
                return _person_in(ctx, list(subj[0].subtree), subj[0])
            if node.dep_ in ("advcl", "conj", "xcomp") and node.head.i != node.i:
                node = node.head
                continue
            break
    return None


def _person_in(ctx: SentenceContext, tokens: list[Token], head: Token) -> str | None:
    for ent in ctx.span.ents:
        if ent.label_ == "PERSON" and ent.root.i == head.i:
            return ent.text
    if len(tokens) == 1 and head.lower_ in ("he", "she"):
        return ctx.history.resolve_pronoun(head, ctx.sentence.index)
    return None
