"""Titles and appositions: the office or role the text gives a named person.

    "U.S. Secretary of Defense Lloyd Austin lauded the agreement as a historic step."
    → apposition fact (title before the name) → "Who was the U.S. Secretary of Defense?" → Lloyd Austin
    "Marie Curie was born in Warsaw. Pierre Curie, her husband, was a physicist."
    → apposition fact (after the name, "her" resolved) → "Who was Marie Curie's husband?" → Pierre Curie

Only a title that picks out one person is asked: not "the President" alone, not "a former minister".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from quizgen.generate import lexicon
from quizgen.generate.clauses import finish_question, render
from quizgen.generate.facts.shared import Found, SentenceContext, contiguous, has_unresolved
from quizgen.generate.references import possessive_substitutions
from quizgen.models import FactKind

if TYPE_CHECKING:
    from spacy.tokens import Token


def titles_and_appositions(ctx: SentenceContext) -> Iterator[Found]:
    """'U.S. Secretary of Defense Lloyd Austin' → 'Who was the U.S. Secretary of Defense?'."""
    for ent in ctx.span.ents:
        if ent.label_ != "PERSON" or len(ent) < 2 or ent.start in ctx.quoted:
            continue
        head = ent.root
        # "U.S. Secretary of Defense Lloyd Austin": title tokens left of the name, same phrase
        left = [c for c in head.children if c.i < ent.start and c.dep_ in ("compound", "nmod", "amod")]
        if left:
            first = min(min(t.i for t in c.subtree) for c in left)
            title_toks = [t for t in ctx.span.doc[first : ent.start]]
            yield from _title_fact(ctx, ent.text, title_toks)
        for child in head.children:
            if child.dep_ == "appos" and child.i > head.i:
                phrase = contiguous(child, [t for t in child.subtree if t.dep_ not in ("relcl", "acl")])
                yield from _title_fact(ctx, ent.text, phrase)


def _title_fact(ctx: SentenceContext, name: str, title_toks: list[Token]) -> Iterator[Found]:
    if not title_toks or len(title_toks) > 8:
        return
    words = {t.lower_ for t in title_toks}
    if words & {"former", "late", "then", "future", "a", "an", "one", "another"}:
        return
    specific = any(t.pos_ == "PROPN" for t in title_toks) or any(t.tag_ == "PRP$" for t in title_toks)
    if not (words & lexicon.TITLE_WORDS) or not specific:
        return
    subs = possessive_substitutions(title_toks, ctx.history, ctx.sentence.index)
    title = render(title_toks, subs)
    if re.search(r"[()]|\band\b", title):
        return  # "the (ASPO) Manager", "the Mueller and Deputy Administrator": a title the parse cut
    if has_unresolved(title):
        return
    if not title or name in title:
        return
    if len([w for w in title.split() if w.lower() != "the"]) < 2:
        return  # "the President" alone does not say which one
    if sum(1 for t in title_toks if t.text[:1].isupper()) < 2 and "'s" not in title:
        return  # "the Byzantine general" may be any of several: "the U.S. Secretary of Defense" is one
    if not title.lower().startswith("the ") and title_toks[0].tag_ not in ("PRP$",) and "'s" not in title:
        title = "the " + title
    verb = "is" if ctx.present_tense() else "was"
    question = finish_question(f"Who {verb} {title}")
    fact = ctx.fact(FactKind.APPOSITION, name, "is", title, name, "PERSON")
    if fact:
        yield Found(fact=fact, question=question, priority=1.25)
