"""Mentions: the names, places, dates, numbers and rare terms no other pattern asked about.

A mention has no question of its own: the question stage asks it by cloze, in the smallest clause
that holds it.

    "Fleming worked at St Mary's Hospital in London."
    → location fact, "mentioned" → cloze "Fleming worked at St Mary's Hospital in _____." → London

Terms (rare nouns) are mentions too, but only in a sentence with a name, a number or a technical
noun, or where the sentence defines them: a sentence of opinion gives none.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from quizgen.generate import lexicon
from quizgen.generate.clauses import Clause, render
from quizgen.generate.facts.answers import ASKABLE_LABELS, answer_type, kind_for
from quizgen.generate.facts.shared import Found, SentenceContext
from quizgen.generate.references import UNRESOLVED_IN_QUESTION
from quizgen.models import FactKind

if TYPE_CHECKING:
    from spacy.tokens import Token


def entity_mentions(ctx: SentenceContext, found: list[Found], clauses: list[Clause]) -> Iterator[Found]:
    """Names, places, dates and numbers no pattern asked about: cloze material."""
    asked = {f.fact.answer.lower().removeprefix("the ") for f in found}
    main = next((c for c in clauses if c.verb.dep_ == "ROOT"), None)
    for ent in ctx.span.ents:
        if ent.label_ not in ASKABLE_LABELS:
            continue
        if ent.root.dep_ in ("compound", "nmod", "poss") and ent.root.head.pos_ == "PROPN":
            continue  # part of a longer name or title ("U.S. Secretary of Defense")
        title_of = [a for a in list(ent.root.ancestors)[:3] if a.ent_type_ == "PERSON" and a.i > ent.end]
        if ent.label_ != "PERSON" and title_of:
            continue  # inside a person's title: "Secretary of [Defense] Lloyd Austin"
        typed = answer_type(list(ent))
        if typed is None:
            continue
        label, core = typed
        text = render(core)
        if "(" in text and ")" not in text:
            text = text.split(" (")[0].strip()
        if not text or text.lower().removeprefix("the ") in asked:
            continue
        fact = ctx.fact(kind_for(label, None), text, "mentioned", "", text, label)
        if fact:
            asked.add(text.lower())
            yield Found(
                fact=fact, question=None, clause=_smallest_clause(clauses, core) or main, priority=0.75
            )
    ent_tokens = {t.i for ent in ctx.span.ents for t in ent}
    concrete = any(ent.label_ in ASKABLE_LABELS and ent.label_ != "ORDINAL" for ent in ctx.span.ents)
    # a sentence with a technical noun ("calcidiol") carries facts even without names or numbers
    concrete = concrete or any(
        t.pos_ == "NOUN" and t.is_alpha and lexicon.is_rare(t.text, 3.0) for t in ctx.span
    )
    for chunk in ctx.span.noun_chunks:
        defined = chunk.root.dep_ in ("attr", "appos", "oprd") or chunk.root.head.lemma_ in (
            "call",
            "name",
        )
        if not (concrete or defined):
            continue  # a sentence of opinion, with no name, number or definition, is not asked about
        core = [t for t in chunk if t.dep_ not in ("det", "poss") and not t.is_punct]
        if not core or len(core) > 4 or any(t.i in ent_tokens or t.i in ctx.quoted for t in core):
            continue
        if any(t.pos_ == "PRON" or t.lower_ in UNRESOLVED_IN_QUESTION for t in core):
            continue
        if not any(
            t.pos_ in ("NOUN", "PROPN", "ADJ") and t.is_alpha and lexicon.is_rare(t.text, 4.0) for t in core
        ):
            continue
        while core and core[0].pos_ not in ("NOUN", "PROPN", "ADJ", "NUM"):
            core = core[1:]
        text = render(core)
        if not text or text.lower() in asked:
            continue
        fact = ctx.fact(
            FactKind.DEFINITION if chunk.root.dep_ in ("attr", "appos") else FactKind.EVENT,
            text,
            "mentioned",
            "",
            text,
            "TERM",
        )
        if fact:
            asked.add(text.lower())
            yield Found(
                fact=fact, question=None, clause=_smallest_clause(clauses, core) or main, priority=0.7
            )


def _smallest_clause(clauses: list[Clause], tokens: list[Token]) -> Clause | None:
    """The shortest clause that contains all the tokens (for a cloze that reads on its own)."""
    ids = {t.i for t in tokens}
    holding = [c for c in clauses if ids <= {t.i for t in c.tokens}]
    return min(holding, key=lambda c: len(c.tokens)) if holding else None
