"""What an answer is, and the wh-phrase that asks for it.

`answer_type` reads a phrase for the entity it names and returns its label and core tokens
(`the Indo-Pacific Command` → ORG, `Indo-Pacific Command`); `subject_wh` and `object_wh` choose the
wh-phrase that replaces it in a question, by label and preposition ("in 1898" → "In what year",
"to France" → "To which country", "40,000 workers" → "How many workers"). `kind_for` files a fact
under the kind its answer makes it (a date, a place, a quantity).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from quizgen.generate import lexicon
from quizgen.generate.clauses import render
from quizgen.models import FactKind

if TYPE_CHECKING:
    from spacy.tokens import Token

ASKABLE_LABELS = {
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "NORP",
    "FAC",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "PRODUCT",
    "LANGUAGE",
    "DATE",
    "TIME",
    "PERCENT",
    "MONEY",
    "QUANTITY",
    "CARDINAL",
}
NUMERIC_LABELS = {"PERCENT", "MONEY", "QUANTITY", "CARDINAL"}
NUMBER_HEDGES = {
    "an",
    "a",
    "estimated",
    "about",
    "around",
    "nearly",
    "almost",
    "some",
    "over",
    "more",
    "than",
    "roughly",
    "approximately",
    "just",
    "less",
    "fewer",
    "only",
    "up",
    "to",
    "at",
    "least",
    "most",
}


def answer_type(phrase: list[Token]) -> tuple[str, list[Token]] | None:
    """The type of an answer phrase and its core tokens (the entity itself, without 'the' etc.)."""
    if not phrase:
        return None
    ids = {t.i for t in phrase}
    doc = phrase[0].doc
    root = next((t for t in phrase if t.head.i not in ids or t.head.i == t.i), phrase[0])
    best = None
    for ent in doc.ents:
        heads_phrase = ent.start <= root.i < ent.end or (
            ent.label_ in NUMERIC_LABELS and any(t.head.i == root.i and t.dep_ == "nummod" for t in ent)
        )
        if ent.start in ids and ent.end - 1 in ids and ent.label_ in ASKABLE_LABELS and heads_phrase:
            if best is None or len(ent) > len(best):
                best = ent
    if best is not None:
        label = best.label_
        core = list(best)
        if label not in NUMERIC_LABELS | {"DATE", "TIME"} and not any(t.text[:1].isupper() for t in core):
            return None  # "continental" is no organisation: a name has a capital letter
        while core and core[0].lower_ in NUMBER_HEDGES:
            core = core[1:]
        if not core:
            return None
        if label == "CARDINAL":
            core_ids = {t.i for t in core}
            number = next((t for t in core if t.head.i not in core_ids or t.head.i == t.i), core[-1])
            if number.dep_ != "nummod" and not (len(core) == 1 and number.dep_ in ("pobj", "dobj")):
                return None
            text = " ".join(t.text for t in core).lower()
            if text in lexicon.SMALL_NUMBER_WORDS or len(text) < 2:
                return None
        if label == "DATE" and not _is_real_date(core):
            return None
        if label == "PERSON" and len(core) == 1 and core[0].text.isupper() and len(core[0].text) > 1:
            label = "ORG"  # spaCy often takes acronyms (JFHQ) for people
        elif label == "PERSON" and all(lexicon.zipf(t.lower_) >= 4.5 for t in core if t.is_alpha):
            label = "TERM"  # nor is the Moon a person
        return label, core
    head = max(phrase, key=lambda t: sum(1 for a in t.ancestors if a.i in ids) * -1)
    if any(t.pos_ == "PROPN" for t in phrase):
        core = [t for t in phrase if not (t.i == phrase[0].i and t.lower_ in ("the", "a", "an"))]
        return "TERM", core
    if head.pos_ == "NOUN" and lexicon.is_rare(head.lemma_, 3.0) and len(phrase) <= 4:
        core = [t for t in phrase if not (t.i == phrase[0].i and t.dep_ in ("det", "poss"))]
        if any(t.tag_ == "PRP$" for t in core):
            return None
        return "TERM", core
    return None


DATE_VAGUE_WORDS = {
    "that",
    "same",
    "following",
    "next",
    "previous",
    "later",
    "earlier",
    "this",
    "those",
    "these",
    "each",
    "every",
    "recent",
    "coming",
    "past",
}


def _is_real_date(core: list[Token]) -> bool:
    """A date a learner can be asked for: a year, a month, a weekday, a decade or a century."""
    text = " ".join(t.text for t in core)
    low = text.lower()
    if low in lexicon.VAGUE_DATES or {t.lower_ for t in core} & DATE_VAGUE_WORDS:
        return False
    if re.search(r"\b(1[0-9]|20)\d\d(s)?\b|\b\d{3}\b", text):
        return True
    words = {t.text.capitalize() for t in core}
    if words & set(lexicon.MONTHS) or {t.lower_ for t in core} & lexicon.WEEKDAYS:
        return True
    if re.search(r"\d", text) and re.search(r"\b(seconds|minutes|hours|days|weeks|months|years)\b", low):
        return True  # a duration: "21 days"
    return bool(re.search(r"\b(century|centuries|decade|BC|BCE|AD|CE)\b", text))


def kind_for(label: str, prep: Token | None) -> FactKind:
    """The kind of fact an answer of this label makes: a date, a location, a quantity or an event."""
    if label in ("DATE", "TIME"):
        return FactKind.DATE
    if label in ("GPE", "LOC", "FAC"):
        return FactKind.LOCATION
    if label in NUMERIC_LABELS:
        return FactKind.QUANTITY
    return FactKind.EVENT


def subject_wh(core: list[Token], label: str, subject: list[Token]) -> tuple[str, list[Token]] | None:
    """The wh-phrase that replaces a subject, and the answer tokens."""
    if label == "PERSON":
        return "Who", core
    if label == "CARDINAL":
        number = [t for t in core]
        noun = core[-1].head if core else None
        if noun is None or noun.pos_ != "NOUN":
            return None
        number_ids = {x.i for x in number}
        rest = [
            t
            for t in subject
            if t.i not in number_ids
            and not (t.i < noun.i and (t.dep_ in ("det", "advmod", "quantmod") or t.lower_ in NUMBER_HEDGES))
            and not (t.i < noun.i and t.head.i in number_ids)
        ]
        return "How many " + render(rest), number
    if label in ("ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE"):
        which = which_phrase(core, label)
        if subject[0].lower_ == "the" and subject[0].i == core[0].i - 1:
            return (which or "What"), [subject[0], *core]
        return (which or "What"), core
    if label == "TERM":
        return "What", core
    return None


def which_phrase(core: list[Token], label: str) -> str | None:
    """'the Indo-Pacific Command' → 'Which command'; 'France' → 'Which country'."""
    text = render(core)
    ids = {t.i for t in core}
    head = next((t for t in core if t.head.i not in ids or t.head.i == t.i), core[-1]) if core else None
    for word in (head.text.lower() if head is not None else "", core[-1].text.lower() if core else ""):
        if word in lexicon.CLASS_NOUNS and len(core) > 1:
            return f"Which {lexicon.CLASS_NOUNS[word]}"
    if label == "GPE":
        if text in lexicon.COUNTRIES:
            return "Which country"
        if text in lexicon.CITIES:
            return "Which city"
        return None
    if label == "NORP":
        return None
    return None


def object_wh(
    core: list[Token], label: str, phrase: list[Token], prep: Token | None
) -> tuple[str, list[Token], list[Token]] | None:
    """(wh-phrase, tokens that move with it, answer tokens) for an object or prepositional object."""
    p = prep.lower_ if prep is not None else None
    moved = list(phrase) + ([prep] if prep is not None else [])
    answer = core if label not in ("TERM",) else phrase
    if label in ("GPE", "LOC", "FAC"):
        if (
            p in ("in", "at", "near", "inside", "within", "across", "on", "throughout") and label != "FAC"
        ) or p == "in":
            return "Where", moved, core
        which = which_phrase(core, label) or "which place"
        if p in ("to", "into", "toward", "towards", "from"):
            return f"{p.capitalize()} {which.lower()}", moved, core
        if p is None:
            return (which_phrase(core, label) or "What"), moved, answer
        return None
    if label in ("DATE", "TIME"):
        text = render(core)
        if re.fullmatch(r"(?:the )?(?:1[0-9]|20)\d\d", text):
            if p in ("in", "by", "since", "until", "before", "after", "around", "from", "during"):
                return f"{p.capitalize()} what year", moved, core
            if p is None:
                return "In what year", moved, core
            return None
        if re.fullmatch(r"(?:the )?(?:1[0-9]|20)\d0s", text):
            return (f"{p.capitalize()} what decade" if p else "In what decade"), moved, core
        if text.lower() in lexicon.WEEKDAYS:
            return "On what day", moved, core
        if p in ("on", "in", "at", "during", None):
            return "When", moved, core
        if p in ("by", "until", "since"):
            return f"{p.capitalize()} when", moved, core
        return None
    if label == "PERSON":
        if p is None:
            return "Who", moved, core
        if p in ("with", "to", "for", "from", "by", "under", "against"):
            return f"{p.capitalize()} whom", moved, core
        return None
    if label == "MONEY":
        if p is None:
            return "How much", moved, core
        if p in ("for", "of", "at", "to", "by"):
            return f"{p.capitalize()} how much", moved, core
        return None
    if label == "PERCENT":
        tail = [t for t in phrase if t.i > core[-1].i]
        words = "what percentage" + ((" " + render(tail)) if tail else "")
        if p is None:
            return words[0].upper() + words[1:], moved, core
        if p in ("by", "to", "of", "from", "at"):
            return f"{p.capitalize()} {words}", moved, core
        return None
    if label == "CARDINAL":
        noun = core[-1].head
        if noun.pos_ != "NOUN" or noun.i not in {t.i for t in phrase}:
            return None
        rest = [
            t
            for t in phrase
            if t.i not in {c.i for c in core}
            and t.dep_ not in ("det", "quantmod", "advmod")
            and t.i >= noun.i - 2
            and t.i > core[-1].i
        ]
        if p is None:
            return "How many " + render(rest), moved, core
        if p in ("of", "to", "for", "with", "by", "from", "in"):
            return f"{p.capitalize()} how many " + render(rest), moved, core
        return None
    if label == "QUANTITY":
        return None
    if label in ("ORG", "NORP", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE", "TERM"):
        which = which_phrase(core, label) or "What"
        if p is None:
            return which, moved, answer
        if p in ("with", "to", "for", "from", "by", "under", "against", "into", "of", "on", "in", "at"):
            return f"{p.capitalize()} {which.lower()}", moved, answer
        return None
    return None
