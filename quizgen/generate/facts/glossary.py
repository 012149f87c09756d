"""Glossary entries: a term, a dash or colon, and what it means, as study notes and key-term lists
give them (one entry to a list item or paragraph).

    "Corvée — unpaid forced labour demanded by a state; used to dig much of the canal."
    → glossary fact → "What is the term for unpaid forced labour demanded by a state?" → Corvée
    "Said Pasha — ruler of Egypt who granted the concession to de Lesseps in 1854."
    → glossary fact → "Who was the ruler of Egypt who granted the concession to de Lesseps in 1854?"
    → Said Pasha

The meaning is asked for the term, never the other way round: the term is short enough to type or
pick from the list's other terms, and it is what a learner of the notes must recall. Only an entry
whose meaning is a noun phrase makes a card ("ships cross in organised groups" explains, it does not
define), and only its first part (up to a semicolon or the end of the sentence): what follows is a
remark on the term, not what it means.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from quizgen.generate import lexicon
from quizgen.generate.clauses import finish_question, has_own_verb, tidy
from quizgen.generate.facts.shared import Found, SentenceContext, has_unresolved
from quizgen.models import FactKind
from quizgen.nlp import NAME_PARTICLES

if TYPE_CHECKING:
    from spacy.tokens import Token

# "Term — meaning", "Term – meaning", "Term: meaning" at the start of a paragraph
ENTRY = re.compile(r"^\s*([^:\u2013\u2014()\[\]]{2,60}?)\s*(?::\s|\s[\u2013\u2014]\s|\s-\s)")
MAX_TERM_WORDS = 5
MIN_MEANING_WORDS = 3
MAX_MEANING_WORDS = 22
# words that open a label of notes, not a term ("Exam tip:", "Note:", "Key dates:")
NOT_TERMS = frozenset(
    [
        "note",
        "notes",
        "tip",
        "exam",
        "example",
        "examples",
        "key",
        "summary",
        "see",
        "remember",
        "todo",
        "topic",
        "subject",
        "course",
        "unit",
        "chapter",
        "date",
        "dates",
        "author",
        "source",
        "sources",
    ]
)
# words that open a remark, not a term ("More tension:", "Other causes:", "Some problems:")
NOT_TERM_OPENINGS = frozenset(
    ["more", "less", "most", "some", "many", "few", "other", "another", "further", "also"]
)
# what a person is called in a list of who-was-who ("Said Pasha — ruler of Egypt who …")
PERSON_HEADS = lexicon.TITLE_WORDS | frozenset(
    [
        "diplomat",
        "ruler",
        "statesman",
        "stateswoman",
        "politician",
        "scientist",
        "physicist",
        "chemist",
        "biologist",
        "mathematician",
        "astronomer",
        "explorer",
        "navigator",
        "painter",
        "artist",
        "sculptor",
        "writer",
        "poet",
        "novelist",
        "philosopher",
        "historian",
        "physician",
        "doctor",
        "surgeon",
        "nurse",
        "lawyer",
        "banker",
        "merchant",
        "monarch",
        "khedive",
        "sultan",
        "pharaoh",
        "tsar",
        "czar",
        "shah",
        "activist",
        "campaigner",
        "reformer",
        "soldier",
        "pilot",
        "astronaut",
        "businessman",
        "businesswoman",
        "industrialist",
        "entrepreneur",
        "investor",
        "designer",
        "builder",
        "missionary",
        "priest",
        "monk",
    ]
)


def glossary_entries(ctx: SentenceContext) -> Iterator[Found]:
    """'Corvée — unpaid forced labour …' → 'What is the term for unpaid forced labour …?'."""
    sentence = ctx.sentence
    paragraph = ctx.parsed.article.paragraphs[sentence.paragraph]
    if sentence.start != paragraph.start:
        return  # an entry opens its own paragraph or list item
    match = ENTRY.match(sentence.text)
    if match is None:
        return
    term = match.group(1).strip()
    words = term.split()
    if (
        len(words) > MAX_TERM_WORDS
        or not term[:1].isupper()
        or re.search(r"\d", term)  # "1886:", "Group 17 –": a date or a number labels an entry, it is no term
        or words[0].lower().strip(".,") in NOT_TERMS
    ):
        return
    span = ctx.span
    term_end = span.start_char + match.end(1)
    meaning_start = span.start_char + match.end()
    term_tokens = [t for t in span if t.idx < term_end and not t.is_punct]
    if has_own_verb(term_tokens):
        return  # "Construction begins: …" is an event, not a term
    if term_tokens and (
        term_tokens[0].tag_ in ("JJR", "JJS", "RBR", "RBS") or term_tokens[0].lower_ in NOT_TERM_OPENINGS
    ):
        return  # "More tension: disagreements over …" is a remark, not a term
    meaning_tokens = _first_part([t for t in span if t.idx >= meaning_start])
    if not _noun_phrase(meaning_tokens):
        return
    meaning = tidy("".join(t.text_with_ws for t in meaning_tokens))
    meaning = meaning.rstrip(" .,;:")
    if (
        not MIN_MEANING_WORDS <= len(meaning.split()) <= MAX_MEANING_WORDS
        or has_unresolved(meaning)
        or term.lower() in meaning.lower()
    ):
        return
    head = _head(meaning_tokens)
    if head.like_num or head.ent_type_ in ("CARDINAL", "QUANTITY", "MONEY", "PERCENT", "DATE", "TIME"):
        return  # "Length when opened: about 164 km" gives a value, not a meaning
    name_like = all(w[:1].isupper() or w.lower() in NAME_PARTICLES for w in words) and len(words) >= 2
    if head.lemma_.lower() in PERSON_HEADS and name_like:
        question = finish_question(f"Who was {_definite(meaning_tokens, meaning)}")
        label = "PERSON"
    elif any(t.ent_type_ in ("GPE", "LOC", "DATE") for t in term_tokens) or (
        term.lower() in {p.lower() for p in ctx.parsed.entities.get("PERSON", [])}
    ):
        return  # a place, or a person the meaning does not call one: "Who" and "What" are both unsure
    else:
        opening = meaning_tokens[0]
        if opening.pos_ != "PROPN" and opening.ent_type_ not in ("NORP", "ORG", "GPE"):
            meaning = meaning[:1].lower() + meaning[1:]
        question = finish_question(f"What is the term for {_with_article(meaning_tokens, meaning)}")
        label = "TERM"
    fact = ctx.fact(FactKind.GLOSSARY, term, "means", meaning, term, label)
    if fact:
        yield Found(fact=fact, question=question, priority=1.2, definition=True)


def _first_part(tokens: list[Token]) -> list[Token]:
    """The meaning up to its first semicolon, dash or sentence end, without its parentheses: what
    follows or stands in brackets is a remark."""
    out = []
    inside = 0  # "(at least half)": a parenthesis is a remark as well, left out
    for tok in tokens:
        if tok.text in (";", "—", "–") or (tok.text in (".", "!", "?") and tok is not tokens[-1]):
            break
        inside += (tok.text == "(") - (tok.text == ")")
        if inside == 0 and tok.text != ")":
            out.append(tok)
    while out and out[-1].is_punct:
        out.pop()
    return out


def _head(tokens: list[Token]) -> Token:
    ids = {t.i for t in tokens}
    return next(t for t in tokens if t.head.i not in ids or t.head.i == t.i)


def _noun_phrase(tokens: list[Token]) -> bool:
    """The meaning is a noun phrase ('a canal with no locks, because …'), not a clause ('ships
    cross in organised groups') or a list ('halogens (fluorine, chlorine …)')."""
    if not tokens:
        return False
    ids = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    head = roots[0]
    # "lists of grievances drawn up for …": a participle the parser cut loose still describes the noun
    loose = [
        t
        for t in roots[1:]
        if t.tag_ in ("VBN", "VBD")
        and t.i > head.i
        and not any(c.dep_.startswith("nsubj") for c in t.children)
    ]
    if len(roots) - len(loose) != 1 or head.pos_ not in ("NOUN", "PROPN"):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
        return False
    if any(c.dep_ == "conj" for c in head.children):
        return False  # "Public health — clean water, sewers, food hygiene": examples, not a meaning
    first = tokens[0]
    if first.is_lower or first.like_num or first.lower_ in ("a", "an", "the") or first.ent_type_ == "NORP":
        return True
    # "US policy of …", "Churchill's phrase for …": a name that qualifies the meaning's noun
    return (
        first.dep_ in ("compound", "poss", "nmod", "amod")
        and first.head.i in ids
        and first.head.pos_ == "NOUN"
    )


COUNTABLE_GAP = 1.3  # a noun whose plural is at most this much rarer (Zipf) than it is counted


def _with_article(tokens: list[Token], meaning: str) -> str:
    """Notes write a meaning without its article ('radical political club'); the question needs it
    back for a thing one can count ('a radical political club'), not for a mass ('unpaid forced
    labour'), which is told by how common the noun's plural is beside it."""
    from lemminflect import getInflection
    from wordfreq import zipf_frequency

    first, head = tokens[0], _head(tokens)
    if first.dep_ in ("det", "poss") or first.tag_ in ("PRP$", "POS", "DT"):
        return meaning
    if first.dep_ == "nummod" and first.head.i == head.i:
        return meaning  # "12 men of …", not "a 12-man committee"
    if first.tag_ == "JJS":
        return f"the {meaning}"  # "smallest number of members"
    if head.tag_ != "NN" or any(t.tag_ == "POS" for t in tokens[:3]):
        return meaning
    if first.pos_ == "PROPN" and first.text[:1].isupper():
        return f"the {meaning}" if first.dep_ == "compound" else meaning  # "the US policy of …"
    lemma = head.lemma_.lower()
    plural = (getInflection(lemma, tag="NNS") or (lemma + "s",))[0]
    if plural == lemma or zipf_frequency(plural, "en") < zipf_frequency(lemma, "en") - COUNTABLE_GAP:
        return meaning
    vowel = re.match(r"[aeiou]", meaning, re.I) and not re.match(r"(?i)u[nkst]i|eu|one", meaning)
    return f"{'an' if vowel else 'a'} {meaning}"


def _definite(tokens: list[Token], meaning: str) -> str:
    """'ruler of Egypt who …' → 'the ruler of Egypt who …'; 'a French diplomat' stays as it is."""
    first = tokens[0]
    if first.lower_ in ("a", "an", "the") or first.tag_ == "PRP$" or first.tag_ == "POS":
        return meaning
    if any(t.tag_ == "POS" for t in tokens[:3]):
        return meaning  # "Said's successor"
    return "the " + meaning
