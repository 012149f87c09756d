"""Sentences → typed facts, each with the question that asks for it.

Every pattern reads the dependency parse (and, for acronyms and dash definitions, the surface
text, since spaCy's entity labels cannot be trusted there). A `Found` pairs the public `Fact`
with what the question stage needs: the clause it came from and a ready wh-question when the
pattern has one.

Where each pattern lives (each module opens with a worked example):

- `acronyms`: "World Health Organization (WHO)" → "What does WHO stand for?"
- `definitions`: "X is the ...", "“term” — meaning —", "known as / known for"
- `events`: a clause's subject, objects, places, dates, numbers and passive agent
- `causes`: "because" → "Why ...?"
- `titles`: "U.S. Secretary of Defense Lloyd Austin", "Pierre Curie, her husband"
- `quotes`: "“...,” Kennedy said" → "Who said ...?"
- `enumerations`: "three phases: A, B and C"
- `glossary`: "Corvée — unpaid forced labour …" (notes' key terms) → "What is the term for …?"
- `mentions`: names, numbers and terms left over, asked by cloze
- `clause_finding`: the clauses the clause patterns read (own or inherited subject, participles,
  relative clauses)
- `answers`: what type an answer is and which wh-phrase asks for it; `shared`: `Found`, the
  sentence being read, small helpers
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quizgen.generate.facts.acronyms import ACRONYM_RE, ACRONYM_STOP, acronyms
from quizgen.generate.facts.answers import (
    ASKABLE_LABELS,
    DATE_VAGUE_WORDS,
    NUMBER_HEDGES,
    NUMERIC_LABELS,
    answer_type,
    object_wh,
    subject_wh,
    which_phrase,
)
from quizgen.generate.facts.clause_finding import clauses, definite, noun_phrase_text
from quizgen.generate.facts.definitions import DASH_DEFINITION_RE, dash_definitions
from quizgen.generate.facts.enumerations import enumerations
from quizgen.generate.facts.events import clause_facts
from quizgen.generate.facts.glossary import glossary_entries
from quizgen.generate.facts.mentions import entity_mentions
from quizgen.generate.facts.quotes import SAY_VERBS, quotes
from quizgen.generate.facts.shared import Found, SentenceContext, find_span
from quizgen.generate.facts.titles import titles_and_appositions
from quizgen.generate.references import new_history

if TYPE_CHECKING:
    from quizgen.generate.people import People
    from quizgen.models import Fact
    from quizgen.nlp import ParsedArticle

__all__ = [
    "ACRONYM_RE",
    "ACRONYM_STOP",
    "ASKABLE_LABELS",
    "DASH_DEFINITION_RE",
    "DATE_VAGUE_WORDS",
    "NUMBER_HEDGES",
    "NUMERIC_LABELS",
    "SAY_VERBS",
    "Found",
    "answer_type",
    "definite",
    "extract_facts",
    "find_facts",
    "find_span",
    "noun_phrase_text",
    "object_wh",
    "subject_wh",
    "which_phrase",
]


def extract_facts(parsed: ParsedArticle) -> list[Fact]:
    """The facts of an article, in text order (what `quizgen facts` shows)."""
    return [found.fact for found in find_facts(parsed)]


def find_facts(parsed: ParsedArticle, people: People | None = None) -> list[Found]:
    """Every fact of every sentence, with its question where one can be asked cleanly."""
    history = new_history(parsed, people)
    results: list[Found] = []
    for sentence in parsed.sentences:
        context = SentenceContext(sentence, parsed, history)
        try:
            results.extend(_sentence_facts(context))
        except (IndexError, ValueError, KeyError, AttributeError, TypeError) as exc:
            # a pattern that trips on an odd parse loses this sentence, never the article
            parsed.failed_sentences.append((sentence.index, f"{type(exc).__name__}: {exc}"))
        history.add_sentence(sentence, context.main_subject, context.main_subject_resolved)
    seen: set[str] = set()
    unique = []
    for found in results:
        if found.fact.id not in seen:
            seen.add(found.fact.id)
            unique.append(found)
    return unique


def _sentence_facts(ctx: SentenceContext) -> list[Found]:
    """The patterns, applied to one sentence, in the order their facts are listed."""
    found: list[Found] = []
    found.extend(glossary_entries(ctx))
    found.extend(acronyms(ctx))
    found.extend(dash_definitions(ctx))
    sentence_clauses = list(clauses(ctx))
    for clause in sentence_clauses:
        found.extend(clause_facts(ctx, clause))
    found.extend(titles_and_appositions(ctx))
    found.extend(quotes(ctx, sentence_clauses))
    found.extend(enumerations(ctx, sentence_clauses))
    found.extend(entity_mentions(ctx, found, sentence_clauses))
    return found
