"""Finding the clauses of a sentence, each with a subject a question can name.

Own subject (a main, adverbial or complement clause, or a coordinated verb with its own subject);
a pronoun subject is resolved from the sentences before, or the clause is dropped:

    "The treaty was signed in Paris in 1898." → "Where was the treaty signed in 1898?" → Paris

Inherited subject (a coordinated verb borrows the first verb's subject):

    "Marie Curie moved to Paris and won the Nobel Prize in 1911."
    → clause "Marie Curie won the Nobel Prize in 1911"
    → "In what year did Marie Curie win the Nobel Prize?" → 1911

Participle adverbial (the main clause's subject and tense):

    "Speaking to Congress on 25 May 1961, Kennedy asked for a landing on the Moon."
    → clause "Kennedy spoke to Congress on 25 May 1961" → "When did Kennedy speak to Congress?" → 25 May 1961

Relative clause and reduced relative (the noun they describe becomes the subject):

    "The museum, which is based in Madrid, opened in 1819." → "Where is the museum based?" → Madrid
    "Ministers met at a summit held on Sunday in Tokyo."
    → "On what day was the summit held in Tokyo?" → Sunday

The facts themselves are asked by `events.clause_facts`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from quizgen.generate.clauses import Clause, build_clause, render
from quizgen.generate.facts.shared import SentenceContext, contiguous, has_unresolved
from quizgen.generate.references import resolve_subject

if TYPE_CHECKING:
    from spacy.tokens import Token


def clauses(ctx: SentenceContext) -> Iterator[Clause]:
    """Every clause of the sentence outside quotations whose subject a question can name."""
    for tok in ctx.span:
        if tok.i in ctx.quoted:
            continue
        clause = None
        if tok.dep_ in ("ROOT", "advcl", "ccomp") and tok.pos_ in ("VERB", "AUX"):
            clause = own_subject_clause(ctx, tok)
            if clause is None and tok.dep_ == "advcl" and tok.tag_ == "VBG":
                clause = participle_adverbial(ctx, tok)
        elif tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX") and tok.head.pos_ in ("VERB", "AUX"):
            own = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children)
            # "the crew departed ..., and the station itself re-entered ...": never borrow a subject
            # for a verb that has its own
            clause = own_subject_clause(ctx, tok) if own else inherited_subject_clause(ctx, tok)
        elif tok.dep_ == "relcl":
            clause = relative_clause(ctx, tok)
        elif tok.dep_ == "acl" and tok.tag_ == "VBN":
            clause = participle_clause(ctx, tok)
        if clause is not None:
            yield clause


def _resolve(ctx: SentenceContext, clause: Clause) -> Clause | None:
    replacement, needed = resolve_subject(clause.subject, ctx.history, ctx.sentence.index)
    if needed and replacement is None:
        return None
    if needed:
        clause.subject_text = replacement
        clause.resolved_from = render(clause.subject)
        clause.subject_person = replacement == ctx.parsed.main_person or (
            len(clause.subject) == 1 and clause.subject[0].lower_ in ("he", "she")
        )
    return clause


def own_subject_clause(ctx: SentenceContext, verb: Token) -> Clause | None:
    """A clause with its own subject; the main clause's subject is kept for the next sentence's pronouns."""
    clause = build_clause(verb)
    if clause is None:
        return None
    if verb.dep_ == "ROOT":
        ctx.main_subject = clause.subject
    clause = _resolve(ctx, clause)
    if clause is not None and verb.dep_ == "ROOT":
        ctx.main_subject_resolved = clause.subject_text
    return clause


def inherited_subject_clause(ctx: SentenceContext, verb: Token) -> Clause | None:
    """'Curie moved to Paris and won the prize' → a clause 'Curie won the prize'."""
    head = verb.head
    if any(t.dep_ in ("nsubj", "nsubjpass") for t in verb.doc[head.i + 1 : verb.i]):
        return None  # another subject stands between: "the crew departed ..., and the station re-entered"
    subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subj) != 1 or any(c.dep_ in ("aux", "auxpass") and c.i < verb.i for c in head.children):
        return None
    clause = _borrowed_subject_clause(verb, subj[0])
    return _resolve(ctx, clause) if clause is not None else None


def participle_adverbial(ctx: SentenceContext, verb: Token) -> Clause | None:
    """'Speaking to Congress on 25 May 1961, Kennedy asked ...' → a clause 'Kennedy spoke to ...'."""
    main = verb.head
    if main.tag_ not in ("VBD", "VBZ", "VBP") and not any(c.dep_ == "aux" for c in main.children):
        return None
    subj = [c for c in main.children if c.dep_ in ("nsubj",)]
    if len(subj) != 1 or any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in verb.children):
        return None
    clause = _borrowed_subject_clause(verb, subj[0])
    if clause is None:
        return None
    clause.fronted = []
    aux = next((c for c in main.children if c.dep_ == "aux"), None)
    clause.tense_tag = "VBD" if (main.tag_ == "VBD" or (aux is not None and aux.tag_ == "VBD")) else main.tag_
    if clause.tense_tag not in ("VBD", "VBZ", "VBP"):
        return None
    return _resolve(ctx, clause)


def relative_clause(ctx: SentenceContext, verb: Token) -> Clause | None:
    """'The museum, which is based in Madrid, ...' → a clause 'the museum is based in Madrid'."""
    rel = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WDT", "WP")]
    if len(rel) != 1 or rel[0].lower_ not in ("which", "who", "that"):
        return None
    antecedent = verb.head
    if antecedent.pos_ not in ("NOUN", "PROPN"):
        return None
    if antecedent.dep_ == "pobj" and antecedent.head.head.pos_ in ("NOUN", "PROPN"):
        # "the visitation of the Electorate, which began in 1527", "a suspension by FIFA which was
        # lifted": the clause may belong to either noun
        return None
    text = noun_phrase_text(antecedent, exclude={verb.i})
    if not text or has_unresolved(text):
        return None
    clause = build_clause(verb, subject=[rel[0]])
    if clause is None:
        return None
    clause.subject_text = definite(text)
    clause.subject_person = antecedent.ent_type_ == "PERSON"
    return clause


def participle_clause(ctx: SentenceContext, verb: Token) -> Clause | None:
    """'a summit held on Sunday' → a clause 'the summit was held on Sunday'."""
    noun = verb.head
    if noun.pos_ not in ("NOUN", "PROPN") or noun.i in ctx.quoted:
        return None
    text = noun_phrase_text(noun, exclude={verb.i})
    if not text or has_unresolved(text):
        return None
    plural = noun.tag_ in ("NNS", "NNPS")
    dated = any(t.ent_type_ == "DATE" and re.fullmatch(r"1\d{3}|20\d\d", t.text) for t in verb.subtree)
    present = verb.lemma_ == "know" or (ctx.present_tense() and not dated)  # "founded in 1995": past
    aux = ("are" if plural else "is") if present else ("were" if plural else "was")
    clause = build_clause(verb, subject=[])
    if clause is None:
        return None
    clause.subject = []
    clause.subject_text = definite(text)
    clause.aux_text = aux
    clause.subject_person = noun.ent_type_ == "PERSON"
    return clause


def _borrowed_subject_clause(verb: Token, subject_head: Token) -> Clause | None:
    """A clause for a verb that shares another verb's subject ("Curie discovered X and named it Y")."""
    subject = [t for t in subject_head.subtree if t.dep_ != "appos"]
    clause = build_clause(verb, subject=subject)
    if clause is None:
        return None
    clause.tokens = sorted([*subject, *[t for t in clause.tokens if t not in subject]], key=lambda t: t.i)
    clause.subject_text = render(subject)
    return clause


def noun_phrase_text(noun: Token, exclude: set[int]) -> str:
    """The noun's phrase without the subtrees rooted at `exclude` (a relative clause, a participle)."""
    drop: set[int] = set()
    for tok in noun.subtree:
        if tok.i in exclude or (tok.dep_ in ("relcl", "acl", "appos") and tok.head.i == noun.i):
            drop.update(t.i for t in tok.subtree)
    tokens = [t for t in noun.subtree if t.i not in drop]
    tokens = contiguous(noun, tokens)
    return render(tokens)


def definite(text: str) -> str:
    """'a high-profile meeting' → 'the high-profile meeting' (it is now a known thing)."""
    return re.sub(r"^(a|an|the)\s+", "the ", text, flags=re.I)
