"""Events: who did what, to what, where, when and how much, asked from the parts of a clause.

`clause_facts` takes one clause (see clause_finding.py) and asks for its subject, each object and
prepositional object, and the agent of a passive. It hands an attribute of "be" and "known as/for"
to definitions.py, and a "because" clause to causes.py.

    "The treaty was signed in Paris in 1898."
    → location fact → "Where was the treaty signed in 1898?" → Paris
    → date fact → "In what year was the treaty signed in Paris?" → 1898
    "The element polonium was discovered by Marie Curie."
    → passive fact (the agent) → "Who discovered the element polonium?" → Marie Curie
    "The company employed 40,000 workers."
    → quantity fact → "How many workers did the company employ?" → 40,000
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from quizgen.generate.clauses import Clause, finish_question, lower_first_word, render, wh_question
from quizgen.generate.facts.answers import answer_type, kind_for, object_wh, subject_wh, which_phrase
from quizgen.generate.facts.causes import cause_fact
from quizgen.generate.facts.definitions import definition_fact, known_fact
from quizgen.generate.facts.shared import (
    Found,
    SentenceContext,
    contiguous,
    has_unresolved,
    lower_common,
    trim_answer,
)
from quizgen.generate.references import possessive_substitutions
from quizgen.models import FactKind

if TYPE_CHECKING:
    from spacy.tokens import Token


def clause_facts(ctx: SentenceContext, clause: Clause) -> Iterator[Found]:
    """Every fact of one clause: its subject, objects, agent, and what definitions and causes find."""
    verb = clause.verb
    subject_name = clause.rendered_subject() if clause.subject_text is not None else render(clause.subject)
    clause.substitutions.update(
        possessive_substitutions(
            clause.tokens,
            ctx.history,
            ctx.sentence.index,
            subject_name,
            subject_is_person=clause.subject_person or any(t.ent_type_ == "PERSON" for t in clause.subject),
            subject_is_named=any(
                t.ent_type_ in ("ORG", "GPE", "NORP", "LOC", "FAC") or t.pos_ == "PROPN"
                for t in clause.subject
            ),
        )
    )
    yield from subject_fact(ctx, clause)
    if verb.lemma_ == "know":
        yield from known_fact(ctx, clause)
        return
    for child in verb.children:
        if child.i in ctx.quoted:
            continue
        if child.dep_ in ("dobj", "attr", "oprd", "npadvmod", "dative"):
            yield from object_fact(ctx, clause, child, prep=None)
        elif child.dep_ == "prep":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    yield from object_fact(ctx, clause, pobj, prep=child)
        elif child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    yield from agent_fact(ctx, clause, pobj)
        elif child.dep_ == "advcl":
            yield from cause_fact(ctx, clause, child)


def subject_fact(ctx: SentenceContext, clause: Clause) -> Iterator[Found]:
    """'Reykjavik is the capital of Iceland' → 'What is the capital of Iceland?'."""
    subject = clause.subject
    if not subject or (clause.subject_text is not None and clause.resolved_from is None):
        return
    verb = clause.verb
    if clause.resolved_from is not None:
        # "She discovered polonium": the answer is who "she" is
        answer = clause.subject_text or ""
        if not clause.subject_person:
            return
        question = wh_question(clause, subject, "Who")
        fact = ctx.clause_fact(clause, FactKind.EVENT, answer, "PERSON")
        if fact and question:
            yield Found(fact=fact, question=question, clause=clause, answer_tokens=None, priority=0.9)
        return
    if any(t.dep_ in ("conj", "cc") for t in subject):
        return
    typed = answer_type(subject)
    if typed is None:
        return
    label, core = typed
    if label in ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY"):
        return
    wh = subject_wh(core, label, subject)
    if wh is None:
        return
    wh_phrase, answer_toks = wh
    if verb.lemma_ == "be" and _is_copula_definition(verb):
        # "Reykjavik is the capital of Iceland" → "What is the capital of Iceland?", but only when
        # the whole description stays in the question
        kept = {t.i for t in clause.tokens}
        for attr in (c for c in verb.children if c.dep_ == "attr"):
            if any(t.i not in kept for t in attr.subtree):
                return
    question = wh_question(clause, subject, wh_phrase)
    answer_toks = trim_answer(answer_toks)
    answer = render(answer_toks)
    kind = FactKind.PASSIVE if verb.tag_ == "VBN" and clause.auxiliaries() else FactKind.EVENT
    fact = ctx.clause_fact(clause, kind, answer, label)
    if fact and question:
        yield Found(fact=fact, question=question, clause=clause, answer_tokens=answer_toks, priority=1.0)


def object_fact(ctx: SentenceContext, clause: Clause, head: Token, prep: Token | None) -> Iterator[Found]:
    """'The treaty was signed in Paris' → 'Where was the treaty signed?'."""
    if head.pos_ in ("PRON", "DET") or head.i in ctx.quoted:
        return
    verb = clause.verb
    if verb.lemma_ == "be" and head.dep_ == "attr":
        whole = contiguous(head, [t for t in head.subtree if t.dep_ != "appos"])
        yield from definition_fact(ctx, clause, head, whole)
        return
    if _is_list(head):
        return  # "X, Y and Z" is one answer of three: asking for it by its first item misleads
    phrase = [t for t in head.subtree if t.dep_ not in ("relcl", "acl") or t.i == head.i]
    phrase = contiguous(head, phrase)
    if not phrase:
        return
    typed = answer_type(phrase)
    if typed is None:
        return
    label, core = typed
    wh = object_wh(core, label, phrase, prep)
    if wh is None:
        return
    wh_phrase, moved, answer_toks = wh
    question = wh_question(clause, moved, wh_phrase)
    if question is None:
        return
    answer_toks = trim_answer(answer_toks)
    answer = render(answer_toks)
    kind = kind_for(label, prep)
    qualifiers = {"prep": prep.lower_} if prep is not None else {}
    fact = ctx.clause_fact(clause, kind, answer, label, qualifiers)
    if fact:
        yield Found(
            fact=fact,
            question=question,
            clause=clause,
            answer_tokens=answer_toks,
            priority=1.1 if label in ("DATE", "GPE", "LOC", "PERSON") else 1.0,
        )


def agent_fact(ctx: SentenceContext, clause: Clause, pobj: Token) -> Iterator[Found]:
    """'Polonium was discovered by Marie Curie' → 'Who discovered polonium?'."""
    if _is_list(pobj):
        return
    phrase = contiguous(pobj, [t for t in pobj.subtree if t.dep_ not in ("relcl", "appos")])
    typed = answer_type(phrase)
    if typed is None:
        return
    label, core = typed
    verb = clause.verb
    if label == "PERSON":
        wh = "Who"
    elif label in ("ORG", "NORP", "GPE"):
        wh = which_phrase(core, label) or "What"
    else:
        return
    from lemminflect import getInflection

    past = getInflection(verb.lemma_, tag="VBD")
    if not past or clause.aux_text:
        return
    patient = clause.rendered_subject() if clause.subject_text is not None else render(clause.subject)
    if not patient or has_unresolved(patient):
        return
    patient = lower_common(patient, clause.subject)
    keep = [
        t
        for t in clause.tokens
        if t.i not in clause.subject_ids
        and t.i != verb.i
        and t.dep_ not in ("auxpass", "aux", "neg")
        and not _within(t, pobj.head)
    ]
    if any(
        a.lower_
        in (
            "will",
            "would",
            "can",
            "could",
            "may",
            "might",
            "must",
            "should",
            "has",
            "have",
            "had",
            "is",
            "are",
            "am",
        )
        for a in clause.auxiliaries()
    ):
        return
    subs = dict(clause.substitutions)
    front = [t for t in keep if t in clause.fronted]
    subs.update(lower_first_word(front))
    rest = render([t for t in keep if t not in clause.fronted], subs)
    tail = render(front, subs) if front else ""
    question = finish_question(f"{wh} {past[0]} {patient} {rest} {tail}")
    fact = ctx.clause_fact(clause, FactKind.PASSIVE, render(core), label)
    if fact:
        yield Found(fact=fact, question=question, clause=clause, answer_tokens=core, priority=1.2)


def _is_list(head: Token) -> bool:
    """A noun with coordinated siblings ("Becquerel, Pierre Curie and Marie Curie")."""
    return any(child.dep_ == "conj" for child in head.children)


def _within(token: Token, ancestor: Token) -> bool:
    node = token
    while True:
        if node.i == ancestor.i:
            return True
        if node.head.i == node.i:
            return False
        node = node.head


def _is_copula_definition(verb: Token) -> bool:
    return any(c.dep_ == "attr" for c in verb.children)
