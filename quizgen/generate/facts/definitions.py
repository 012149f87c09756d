"""Definitions: what a term is, and what a thing is known as or for.

Copular, reached from `events.clause_facts` for a clause "X is a/the ...":

    "Photosynthesis is the process by which green plants turn light into chemical energy."
    → definition fact → "What is Photosynthesis?"
    → the process by which green plants turn light into chemical energy

Dash, read off the surface text (a quoted term, then its meaning between dashes):

    "The ship passed through the “Culebra Cut” — a channel blasted through the hills — in 1914."
    → definition fact → "What is “Culebra Cut”?" → a channel blasted through the hills

"Known as / for", reached from `events.clause_facts` for a clause whose verb is "know":

    "The Reserve Bank, known as the RBA, sets rates."
    → naming fact → "What is the Reserve Bank known as?" → RBA
    "The election saw the return of Donald Trump, known for his “America First” policy."
    → attribute fact → "What policy is Donald Trump known for?" → “America First”
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from quizgen.generate.clauses import Clause, finish_question, render, tidy
from quizgen.generate.facts.answers import answer_type
from quizgen.generate.facts.shared import (
    Found,
    SentenceContext,
    contiguous,
    has_unresolved,
    lower_common,
    trim_answer,
)
from quizgen.models import FactKind

if TYPE_CHECKING:
    from spacy.tokens import Token


DASH_DEFINITION_RE = re.compile(r"([“\"][^”\"]{3,60}[”\"])\s*[—–]\s*([^—–]{8,160}?)\s*[—–]")


def dash_definitions(ctx: SentenceContext) -> Iterator[Found]:
    """'the “Culebra Cut” — a channel blasted through the hills —' → 'What is “Culebra Cut”?'."""
    text = ctx.sentence.text
    for match in DASH_DEFINITION_RE.finditer(text):
        term, definition = match.group(1), tidy(match.group(2))
        if len(definition.split()) > 14 or has_unresolved(definition):
            continue
        owner = re.search(r"([A-Z][\w.-]*(?:’s|'s))\s*$", text[: match.start(1)])
        subject = f"{owner.group(1)} {term}" if owner else term
        fact = ctx.fact(FactKind.DEFINITION, subject, "is", definition, definition, "DEFINITION")
        if fact:
            yield Found(fact=fact, question=f"What is {subject}?", priority=1.2, definition=True)


def definition_fact(
    ctx: SentenceContext, clause: Clause, head: Token, phrase: list[Token]
) -> Iterator[Found]:
    """'Photosynthesis is the process by which ...' → 'What is photosynthesis?'."""
    if clause.subject_text is not None and clause.resolved_from is None:
        return
    subject = clause.rendered_subject() if clause.resolved_from else render(clause.subject)
    subj_head = clause.subject[0] if clause.subject else None
    if not subject or subj_head is None or has_unresolved(subject):
        return
    verb = clause.verb
    if verb.tag_ not in ("VBZ", "VBP", "VBD") or any(c.dep_ == "neg" for c in verb.children):
        return
    if not phrase:
        return
    first = phrase[0]
    if first.lower_ not in ("a", "an", "the") and first.tag_ != "PRP$":
        return
    phrase = trim_answer(phrase)
    answer = render(phrase)
    if len(answer.split()) > 14:
        return
    if has_unresolved(answer):
        return
    subj_tokens = clause.subject
    is_person = any(t.ent_type_ == "PERSON" for t in subj_tokens) or clause.subject_person
    if is_person:
        return  # "Who was Marie Curie?" has no short answer; her facts are asked one by one
    if any(t.ent_type_ in ("GPE", "LOC", "NORP") for t in subj_tokens):
        return  # "What is Kenya?" has many answers; a country's facts are asked one by one
    if len([t for t in phrase if t.is_alpha and not t.is_stop]) < 2:
        return  # "What was Japan? → the country" says nothing
    subject_text = lower_common(subject, subj_tokens) if clause.resolved_from is None else subject
    question = finish_question(f"What {verb.text.lower()} {subject_text}")
    typed = answer_type(phrase)
    label = typed[0] if typed and typed[0] not in ("TERM",) else "DEFINITION"
    fact = ctx.clause_fact(clause, FactKind.DEFINITION, answer, label)
    if fact:
        yield Found(
            fact=fact,
            question=question,
            clause=clause,
            answer_tokens=None,
            priority=1.15,
            definition=True,
        )


TIME_LIMITS = {"until", "till", "before", "formerly", "originally", "once", "previously", "later"}


def _bare_plural(subject: list[Token], verb: Token) -> bool:
    """A plural common noun with no article, owner or name ("Workers", "Engineers"): a kind of
    thing, not one the question can name."""
    noun = verb.head if verb.dep_ == "acl" else next((t for t in subject if t.dep_.startswith("nsubj")), None)
    if noun is None or noun.tag_ != "NNS" or noun.ent_type_:
        return False
    return not any(c.dep_ in ("det", "poss", "compound", "nummod", "amod") for c in noun.children)


def known_fact(ctx: SentenceContext, clause: Clause) -> Iterator[Found]:
    """'Donald Trump, known for his "America First" policy' → 'What policy is Donald Trump known for?'."""
    verb = clause.verb
    subject = clause.rendered_subject() if clause.subject_text is not None else render(clause.subject)
    if not subject or has_unresolved(subject):
        return
    head_noun = verb.head if verb.dep_ == "acl" else None
    if head_noun is not None and (
        # "the interpretation of Islam, known as", "molecules associated with pathogens known as": the
        # participle may belong to either noun
        (head_noun.dep_ == "pobj" and head_noun.ent_type_ != "PERSON")
        or head_noun.dep_ == "conj"
        or any(c.dep_ == "conj" for c in head_noun.children)  # "Toyota and Nissan, known as": which one?
    ):
        return
    if any(t.dep_ == "conj" for t in clause.subject):
        return
    if _bare_plural(clause.subject, verb):
        return  # "Workers known as high scalers": which workers? ("What are workers known as?")
    if any(c.lower_ in TIME_LIMITS or c.ent_type_ == "DATE" for c in verb.children):
        return  # "known until 2015 as the Institute of Medicine": a name it no longer has
    person_names = [e.text for e in ctx.span.ents if e.label_ == "PERSON" and e.start <= verb.head.i < e.end]
    if person_names:
        subject = person_names[0]
    aux = clause.aux_text or ("is" if verb.tag_ == "VBN" else None)
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("for", "as"):
            continue
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        phrase = contiguous(pobj, [t for t in pobj.subtree if t.dep_ not in ("relcl", "acl")])
        core = [t for t in phrase if t.dep_ not in ("poss", "det")]
        named = [t for t in core if t.i < pobj.i]  # the name in front: "“America First” policy"
        if prep.lower_ == "for" and named and pobj.pos_ == "NOUN":
            answer, wh = render(named), f"What {pobj.text}"
        else:
            answer, wh = render(core), "What"
        if not answer or has_unresolved(answer) or aux is None:
            continue
        question = finish_question(f"{wh} {aux} {lower_common(subject, clause.subject)} known {prep.lower_}")
        kind = FactKind.NAMING if prep.lower_ == "as" else FactKind.ATTRIBUTE
        fact = ctx.clause_fact(clause, kind, answer, "TERM")
        if fact:
            yield Found(fact=fact, question=question, clause=clause, priority=1.1)
