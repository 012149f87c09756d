"""The one gate every draft card passes before ranking; what fails is dropped, with its reasons.

A card must be a whole sentence or question (capital start, end punctuation, a finite verb,
balanced quotes and brackets, no page furniture), stand on its own (no pronoun or "this" that
reaches into another sentence), ask for an answer that stands verbatim in its source sentence and
is worth learning (a name, date, number, defined or rare term; not an everyday word, not one item
of a list), not give its answer away, use a wh-word the answer fits ("Who" for a person, "Where"
for a place, "When" for a time), and not state as fact what the article hedges or attributes.

Example: from "More than 100 pulsars were found, according to the survey." no short-answer card
"How many pulsars were found? → 100" passes (hedged number, attributed claim); a cloze keeps the
sentence as written and may ask for "100" with "More than" still in front of the blank.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from quizgen.generate import lexicon
from quizgen.generate.clauses import Clause, has_own_verb
from quizgen.generate.people import People
from quizgen.generate.questions import LEADING_VAGUE, Draft
from quizgen.generate.references import UNRESOLVED_IN_QUESTION

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from quizgen.nlp import ParsedArticle, Sentence

MAX_ANSWER_WORDS = 12
MAX_DEFINITION_WORDS = 15
MAX_QUESTION_WORDS = 25
VAGUE_ANSWERS = lexicon.VAGUE_DATES | {
    "one",
    "two",
    "first",
    "second",
    "half",
    "some",
    "many",
    "several",
    "few",
    "it",
    "them",
    "this",
    "that",
    "these",
    "those",
    "he",
    "she",
    "they",
    "him",
    "her",
    "his",
    "its",
    "their",
    "something",
    "someone",
}


def norm(text: str) -> str:
    """Normalise as the quality checks do: folded quotes and dashes, no punctuation, lower case."""
    text = html.unescape(unicodedata.normalize("NFKC", text or ""))
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[\u2010-\u2015\-]", " ", text)
    text = re.sub(r"[^\w\s']", " ", text.lower())
    text = re.sub(r"'s\b", "", text).replace("'", "")
    return " ".join(text.split())


def words_in(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9']+", text or "")


def defects(draft: Draft, source_norm: str, raw_norm: str | None = None) -> list[str]:
    """Why a draft card must not be kept (empty when it is fine)."""
    card = draft.card
    q, a = card.question.strip(), card.answer.strip()
    out: list[str] = []
    qwords = [w.lower() for w in words_in(q)]
    if card.kind in ("short_answer", "multiple_choice"):
        if set(qwords) & UNRESOLVED_IN_QUESTION:
            out.append("pronoun in question")
        if not q.endswith("?") or len(qwords) < 3:
            out.append("not a question")
    else:
        stmt = re.sub(r"^\s*true or false\s*:\s*", "", q, flags=re.I)
        first = [w.lower() for w in words_in(stmt)[:1]]
        annotated = re.match(r"^\W*\w+ \[", stmt)  # "She [Marie Curie] ..." names who she is
        if first and first[0] in LEADING_VAGUE and not annotated:
            out.append("statement opens with a vague word")
    if card.kind != "true_false":
        an, qn = normed(a), normed(q)
        if an and re.search(rf"(?<!\w){re.escape(an)}(?!\w)", qn):
            out.append("answer in question")
        limit = MAX_DEFINITION_WORDS if draft.label in ("DEFINITION", "LIST", "REASON") else MAX_ANSWER_WORDS
        if len(words_in(a)) > limit:
            out.append("answer too long")
        if an and (an not in source_norm or (raw_norm is not None and an not in raw_norm)):
            out.append("answer not in the source")
        if an in VAGUE_ANSWERS or len(an) < 2:
            out.append("vague answer")
    if _article_time(q):
        out.append("time known only from the article")
    if card.kind in ("short_answer", "multiple_choice") and len(qwords) > MAX_QUESTION_WORDS:
        out.append("question too long")
    if card.kind == "multiple_choice":
        choices = [norm(c) for c in card.choices]
        if len(choices) != 4 or len(set(choices)) != 4 or choices.count(norm(a)) != 1:
            out.append("bad choices")
    if "_____" in q and card.kind != "cloze":
        out.append("blank in a non-cloze card")
    if card.kind in ("short_answer", "multiple_choice"):
        stranded = len(qwords) > 2 and qwords[-1] in STRANDABLE and not {"known", "stand"} & set(qwords)
        if re.match(r"^\w+ to ", q) or _second_wh_word(qwords) or stranded:
            out.append("broken question")
        if draft.label == "DATE" and re.search(r"\b(1[0-9]|20)\d\d\b", q):
            out.append("question holds another year")
        if any(
            re.search(rf"(?<![\d,.]){re.escape(n)}(?![\d,.])", q) for n in re.findall(r"\d[\d,.]*\d|\d", a)
        ):
            out.append("question holds the answer's number")
        if not q.startswith("Who said") and _bad_quote(q):
            out.append("broken quotation")
        if _repeats_itself(qwords) or q.rstrip("?").endswith("-"):
            out.append("garbled question")

        if ";" in q or ":" in q.rstrip("?").split("“")[0] or " -- " in q or q.count(",") > 3:
            out.append("question runs on")
        if not _specific(q, a):
            out.append("vague question")
    return out


# a question never ends on one of these unless it is "known for/as" ("Where did X splash down on?")
STRANDABLE = {
    "in",
    "on",
    "at",
    "of",
    "to",
    "for",
    "from",
    "with",
    "by",
    "as",
    "into",
    "about",
    "after",
    "before",
    "under",
    "over",
    "through",
    "against",
    "without",
    "within",
    "toward",
    "towards",
    "upon",
    "among",
    "between",
    "behind",
    "like",
    "during",
}
# "on that day", "the same year": a time the reader only knows from the article
ARTICLE_TIME = re.compile(
    r"\b(that|this|the same|the following|the previous) (day|year|time|month|week|period|moment|point|night|"
    r"morning|evening|decade|century|season)\b|\b(\w+ (days?|weeks?|months?|years?) (later|earlier|before|"
    r"after))\b|\bthe (next|following|previous) (day|year|week|month)\b|\bthat same\b",
    re.I,
)
YEAR = re.compile(r"\b(1\d{3}|20\d{2})\b")


def _article_time(question: str) -> bool:
    """A time the card cannot show: 'that year', 'the following day', or 'two days later' with no
    dated year in the card ('On 27 July 1890 he shot himself, and he died two days later, on
    29 July 1890' and 'signed the treaty fifteen days later, on 18 November 1903' carry their own)."""
    for match in ARTICLE_TIME.finditer(question):
        if not (match.group(3) and YEAR.search(question[: match.start()] + " " + question[match.end() :])):
            return True
    return False


WH_WORDS = {"what", "who", "whom", "whose", "which", "where", "when", "why", "how"}


def _repeats_itself(words: list[str]) -> bool:
    """The same three words twice: what gapped coordination leaves behind ('by the end of ... by the end')."""
    trigrams = [tuple(words[i : i + 3]) for i in range(len(words) - 2)]
    return len(trigrams) != len(set(trigrams))


def _bad_quote(question: str) -> bool:
    """A quotation cut to pieces inside a question ('Roosevelt ", to, to," tell ...')."""
    for quoted in re.findall(r"[“\"]([^”\"]*)[”\"]", question):
        if "," in quoted or len(quoted.split()) > 5 or not quoted.strip()[:1].isalnum():
            return True
    return False


def _second_wh_word(qwords: list[str]) -> bool:
    """'What absorbs light when?': a wh-word left behind inside the question ('by which' is fine)."""
    for i, word in enumerate(qwords[2:], start=2):
        if word in WH_WORDS and not (
            word in ("which", "whom", "whose")
            and i > 0
            and qwords[i - 1] in ("by", "in", "of", "to", "from", "with", "for", "on", "at", "through")
        ):
            return True
    return False


QUESTION_WORDS = {
    "what",
    "who",
    "whom",
    "which",
    "where",
    "when",
    "why",
    "how",
    "many",
    "much",
    "did",
    "does",
    "do",
    "is",
    "are",
    "was",
    "were",
    "will",
    "would",
    "can",
    "could",
    "has",
    "have",
    "had",
    "the",
    "a",
    "an",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "by",
    "with",
    "from",
    "and",
    "or",
    "be",
    "been",
    "called",
    "known",
    "year",
    "day",
    "percentage",
    "stand",
}


def _specific(question: str, answer: str) -> bool:
    """A question must name something particular (a name, a number, a rare word) or say enough to
    pin its answer down ('Which command will retain ultimate authority?'), not 'the condition'."""
    from spacy.lang.en.stop_words import STOP_WORDS

    content = 0
    for i, word in enumerate(words_in(question)):
        low = word.lower()
        if low in QUESTION_WORDS or low in STOP_WORDS:
            continue
        if any(ch.isdigit() for ch in word) or (i > 0 and word[0].isupper()):
            return True
        if word.isalpha() and lexicon.zipf(low) < 4.0:
            return True
        content += 1
    return content >= 4


@lru_cache(maxsize=8192)
def normed(text: str) -> str:
    return norm(text)


# ------------------------------------------------------------------------ teacher's checks

# left-over markup or mangled punctuation: doubled dashes, editorial marks, a quote before a comma
GARBLE = re.compile(
    r"[\u2010-\u2015-]{2,}|\[(\d+|[a-z][a-z ]*\??)\]|\[[a-z]+\?|\u201c\s*,|,\s*[\u201c\u201d\"]\s*,|\(\s*\)"
    r"|\s[,;:.]\s*[,;:.]|(^|\s)['\u2019\u2018\"](?=[\s,;:.?])|\s[,;:](?=\s)|https?://|www\.|\u00a9"
    r"|[,.;]:\d|[a-z)\]]:\d{1,4}\b"
)
# openings that say the sentence continues a thought from the one before ("Thus", "For example")
LEANS_BACK = re.compile(
    r"^(Thus|Therefore|Hence|Similarly|Likewise|Consequently|Conversely|Otherwise|Instead|Accordingly|"
    r"For example|For instance|As a result|In this way|In other words|In that case|By contrast|"
    r"In contrast|Further|Furthermore|Moreover|Nevertheless|Nonetheless|Even so|Despite this|"
    r"Because of this|After that|Later that)\b",
)
SENTENCE_END = re.compile(r"[.!?][\u201d\u2019\"')\]]*$")
STATEMENT_START = re.compile(r"^[\u201c\u2018\"'(\[]*([A-Z0-9$£€]|_____)")
# a claim the article reports rather than states, or a hope or guess: asked as fact it becomes false
HEDGE_WORDS = {
    "claim", "claims", "claimed", "argue", "argues", "argued", "allegedly", "reportedly", "believe",
    "believes", "believed", "suggest", "suggests", "suggested", "may", "might", "could", "possibly",
    "probably", "perhaps", "hope", "hopes", "hoped", "expect", "expects", "expected", "likely",
    "unlikely", "supposedly", "purportedly", "rumoured", "rumored", "legend", "speculate",
    "speculated", "estimate", "estimated", "estimates", "thought", "considered", "disputed", "assert",
    "asserts", "asserted", "theorized", "theorised", "proposed", "uncertain", "unclear", "seems",
    "seemed", "appears", "appeared", "if", "would", "generally", "usually", "typically", "often",
    "mostly", "largely", "sometimes", "arguably", "apparently", "presumably",
}  # fmt: skip
HEDGE_PHRASES = re.compile(r"\b(according to|said to|is said|are said|was said|were said)\b", re.I)
NUMBER_HEDGE = re.compile(
    r"(more than|over|about|around|nearly|almost|approximately|roughly|some|up to|at least|at most|"
    r"less than|fewer than|under|an estimated|estimated|as many as|as much as|as few as|close to|"
    r"upwards of|in excess of|well over|just over|just under|circa|c\.|a minimum of|a maximum of|"
    r"no fewer than|no more than|no less than|only|just|up to about|the equivalent of)\s*$",
    re.I,
)
PERSON_WH = re.compile(r"^(?:\w+ )?(who|whom|whose)\b", re.I)
PLACE_WH = re.compile(r"^(?:\w+ )?where\b", re.I)
TIME_WH = re.compile(r"^(?:\w+ )?(when\b|what (year|day|month|date|decade|century|time)\b)", re.I)
COUNT_WH = re.compile(r"^(?:\w+ )?how (many|much|long|old|far)\b", re.I)
THING_WH = re.compile(r"^(?:\w+ )?(what|which)\b", re.I)
PLACE_LABELS = {"GPE", "LOC", "FAC"}
TIME_LABELS = {"DATE", "TIME"}
NUMBER_LABELS = {"CARDINAL", "QUANTITY", "MONEY", "PERCENT"}
FUNCTION_WORDS = {
    "the", "a", "an", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "as",
    "who", "which", "that", "whose", "they", "he", "she", "it", "we", "but", "than", "into", "its",
    "their", "his", "her",
}  # fmt: skip
CONCRETE_LABELS = {
    "PERSON", "GPE", "LOC", "ORG", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE",
    "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL", "DEFINITION", "LIST", "REASON",
}  # fmt: skip
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}


# Measured on the rule engine's own wh-questions, which rewrite a parsed clause (see RELIABLE_FACTS).
RARELY_KEPT_WH = "a wh-question teachers rarely keep for this kind of answer (the cloze asks it)"


@dataclass
class GateContext:
    """What the gate needs beyond the card: the article's text and what it knows of its people."""

    source_norm: str
    raw_norm: str | None
    people: People
    mentions: Counter[str]
    topic: set[str]
    count_nouns: set[str] = field(default_factory=set)  # nouns the article counts ("a canal")
    main_person: str | None = None

    @classmethod
    def of(cls, parsed: ParsedArticle, people: People) -> GateContext:
        raw = parsed.article.source_text
        mentions: Counter[str] = Counter()
        count_nouns: set[str] = set()
        for sentence in parsed.sentences:
            for tok in sentence.span:
                if tok.pos_ == "NOUN" and any(
                    c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children
                ):
                    count_nouns.add(tok.lemma_.lower())
                if tok.is_alpha:
                    mentions[tok.lower_] += 1
                    if tok.lemma_.lower() != tok.lower_:
                        mentions[tok.lemma_.lower()] += 1
        title = set(re.findall(r"[a-z0-9]+", norm(parsed.article.title.replace("_", " "))))
        topic = title | {w.removesuffix("s") for w in title} | {w + "s" for w in title}
        topic -= {"the", "a", "an", "of", "and", "in", "on", "for", "to"}
        raw_norm = norm(raw) if raw is not None else None
        return cls(
            norm(parsed.article.text),
            raw_norm,
            people,
            mentions,
            topic,
            count_nouns,
            parsed.main_person,
        )


def gate(draft: Draft, ctx: GateContext) -> list[str]:
    """Every reason the draft must not become a card (empty when it passes)."""
    out = defects(draft, ctx.source_norm, ctx.raw_norm)
    if "pronoun in question" in out and _pronouns_named(draft, ctx.people):
        out.remove("pronoun in question")
    out.extend(_sentence_defects(draft.sentence))
    if _shorthand_subject(draft.sentence.span, ctx.count_nouns):
        out.append("a note's shorthand, not a sentence")
    out.extend(_form_defects(draft))
    out.extend(_answer_defects(draft, ctx))
    if draft.card.kind in ("short_answer", "multiple_choice"):
        out.extend(_wh_defects(draft, ctx))
        if not _reliable_question(draft):
            out.append(RARELY_KEPT_WH)
        elif draft.fact.kind.value not in RELIABLE_FACTS and draft.clause is not None:
            out.extend(_clause_trust(draft.clause))
    if draft.card.kind == "true_false" and draft.label not in SWAPPABLE_NAMES:
        out.append("a true/false swap teachers rarely keep for this kind of answer")
    if draft.card.kind != "cloze":
        out.extend(_hedge_defects(draft))
    if draft.card.kind == "cloze":
        out.extend(_blank_defects(draft))
        if inside_quotation(draft):
            out.append("blank inside a quotation")
    elif draft.card.kind != "true_false" and draft.fact.kind.value not in (
        "acronym",
        "definition",
        "quote",
        "glossary",
    ):
        out.extend(_aside_defects(draft))
    if draft.fact.kind.value == "glossary" and draft.card.kind in ("short_answer", "multiple_choice"):
        out = [r for r in out if r not in GLOSSARY_FRAME]
    return list(dict.fromkeys(out))


@lru_cache(maxsize=4096)
def _sentence_defects_cached(text: str, starts_clean: bool, finite: bool) -> tuple[str, ...]:
    out = []
    if not starts_clean:
        out.append("source sentence starts mid-sentence")
    if not STATEMENT_START.match(text) or not SENTENCE_END.search(text):
        out.append("source is not a whole sentence")
    if not finite:
        out.append("source sentence has no finite verb")
    if GARBLE.search(text):
        out.append("page furniture or markup in the source sentence")
    return tuple(out)


OWNED_PRONOUNS = {"his", "her", "him", "himself", "herself"}


def _pronouns_named(draft: Draft, people: People) -> bool:
    """'When did Van Gogh cut off part of his left ear?': every pronoun of the question is a his/her
    that the article's reading resolves to the person the question names before it."""
    question = draft.card.question
    words = {w.lower() for w in words_in(question)} & UNRESOLVED_IN_QUESTION
    if not words or not words <= OWNED_PRONOUNS:
        return False
    for tok in draft.sentence.span:
        if tok.lower_ in words and tok.pos_ == "PRON":
            who = people.resolve(tok)
            if who is None:
                return False
            named = [part for part in who.split() if part[:1].isupper()]
            at = re.search(rf"\b{tok.text}\b", question)
            if at is None or not named or named[-1] not in question[: at.start()]:
                return False
    return True


# A key term's question is a fixed frame around the entry's meaning, verbatim ("What is the term for
# unpaid forced labour demanded by a state?" → Corvée): the entry need not be a sentence, the meaning
# may hold its own "who" or participle, and the answer is a term however common its words.
GLOSSARY_FRAME = {
    "a note's label and entry, not a sentence",
    "source is not a whole sentence",
    "source sentence has no finite verb",
    "source sentence has no subject",
    "broken question",
    "garbled question",
    "common-noun phrase as answer",
    "everyday word as answer",
}


def _sentence_defects(sentence: Sentence) -> list[str]:
    span = sentence.span
    before = span.doc.text[: span.start_char].rstrip()
    starts_clean = not before or before[-1] in ".!?:\u201d\"')]"
    out = list(_sentence_defects_cached(sentence.text.strip(), starts_clean, _finite_root(span)))
    if _note_label(span) or (before.endswith(":") and len(before.split()) <= MAX_LABEL_WORDS):
        out.append("a note's label and entry, not a sentence")
    if _subjectless(span):
        out.append("source sentence has no subject")  # "Links the Red Sea with …", "Be able to …"
    if NOTE_ARROW.search(sentence.text):
        out.append("a note's shorthand, not a sentence")  # "Emperor lived in Kyoto → mostly symbolic."
    return out


SUBJECTS = ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl")
NOTE_ARROW = re.compile(r"\s(?:→|->|=>|⇒|⟶)\s")  # notes' shorthand for "leads to", "so"


def _subjectless(span: SpacySpan) -> bool:
    """A sentence that opens on its main verb, which has no subject: a note ('Passes through several
    lakes', 'Seen by Britain as …') or an instruction ('Be able to explain …', 'Compare the …')."""
    first = next((t for t in span if not t.is_punct), None)
    root = span.root
    if first is None or first.i != root.i or root.pos_ not in ("VERB", "AUX"):
        return False
    return not any(c.dep_ in SUBJECTS for c in root.children)


def _shorthand_subject(span: SpacySpan, count_nouns: set[str]) -> bool:
    """'Canal opens on 17 November 1869': a notes-style subject with its article dropped, told by the
    article's own 'a canal' (a noun it counts, unlike 'Lightning forms …' or 'Water boils …')."""
    first = next((t for t in span if not t.is_punct), None)
    if (
        first is None
        or first.tag_ not in ("NN", "NNP")
        or first.ent_type_
        or not first.dep_.startswith("nsubj")
    ):
        return False
    if any(c.dep_ in ("det", "poss", "compound") for c in first.children):
        return False
    return first.lower_ in count_nouns  # "Canal" the tagger took for a name is the same noun


NOTE_LABEL = re.compile(r"^([^:\u2013\u2014()]{1,60}?)(?::\s|\s[\u2013\u2014]\s)")
MAX_LABEL_WORDS = 6


def _note_label(span: SpacySpan) -> bool:
    """'1859: Construction begins at Port Said.', 'Said Pasha — ruler of Egypt who …', 'Length when
    opened: about 164 km': study notes' label, then an entry that leans on it. A card lifted from
    it is a fragment (a sentence whose opening clause says 'X said: …' is not: it has a verb)."""
    match = NOTE_LABEL.match(span.text)
    if match is None or len(match.group(1).split()) > MAX_LABEL_WORDS:
        return False
    end = span.start_char + match.end(1)
    label = [t for t in span if t.idx < end]
    # a capitalised 'verb' in a label is a name the tagger misread ("Said Pasha — ruler of Egypt")
    return not has_own_verb(label)


def _finite_root(span: SpacySpan) -> bool:
    """The sentence has a tensed verb (the parser's root may be a name when it misreads the sentence,
    so any tensed verb will do; a fragment such as 'at the launch pad in Florida.' has none)."""
    return any(t.tag_ in FINITE_TAGS and t.pos_ in ("VERB", "AUX") for t in span)


def _form_defects(draft: Draft) -> list[str]:
    card = draft.card
    text = re.sub(r"^True or false:\s*", "", card.question)
    out = []
    if card.kind in ("cloze", "true_false"):
        if LEANS_BACK.match(text):
            out.append("opens on a word that leans on the sentence before")
        if re.search(r"\b(this|these|those|such)\s+(?!as\b)[a-z]", text[1:]):
            out.append("'this ...' points to another sentence")
        if not STATEMENT_START.match(text):
            out.append("statement does not start a sentence")
        if not SENTENCE_END.search(text):
            out.append("statement does not end a sentence")
    if not _balanced(text):
        out.append("unbalanced quotes or brackets")
    if GARBLE.search(text) or GARBLE.search(card.answer):
        out.append("page furniture or mangled punctuation")
    return out


def _balanced(text: str) -> bool:
    depth = {"(": 0, "[": 0}
    closing = {")": "(", "]": "["}
    for ch in text:
        if ch in depth:
            depth[ch] += 1
        elif ch in closing:
            depth[closing[ch]] -= 1
            if depth[closing[ch]] < 0:
                return False
    if any(depth.values()):
        return False
    return text.count("\u201c") == text.count("\u201d") and text.count('"') % 2 == 0


def answer_tokens(draft: Draft) -> SpacySpan | None:
    where = draft.fact.answer_span  # the fact's answer: a true/false card turns on it too
    return draft.sentence.span.char_span(where.start, where.end, alignment_mode="expand")


def _answer_defects(draft: Draft, ctx: GateContext) -> list[str]:
    card = draft.card
    answer = draft.fact.answer.strip() if card.kind == "true_false" else card.answer.strip()
    words = re.findall(r"[\w'’-]+", answer)
    out = []
    if words and (
        words[-1].lower() in FUNCTION_WORDS or words[0].lower() in FUNCTION_WORDS - {"the", "a", "an"}
    ):
        out.append("answer is cut off")
    if re.fullmatch(r"(?:[IVX]+)\b.*", answer) and not re.fullmatch(r"[IVX]+", answer):
        out.append("answer is cut off")  # "I of Normandy": a regnal number torn from its name
    if not _balanced(answer) or answer.count("<") != answer.count(">"):
        out.append("answer is cut off")  # "Marine</i": a piece of a tag the article shows as text
    if draft.label not in CONCRETE_LABELS and not _rare_term(answer, ctx):
        out.append("everyday word as answer")
    if re.search(r",\s+(a|an|the)\s", answer):
        out.append("answer runs into an apposition")  # "the Chicago Water Tower, a stone"
    if re.search(r"\s(called|named|known as|termed)\s", f" {answer} "):
        out.append("answer carries its own introduction")  # "enzyme called tyrosinase"
    if ctx.topic and set(re.findall(r"[a-z0-9]+", norm(answer))) - {"the", "a", "an"} <= ctx.topic:
        out.append("the article's own subject as answer")  # "Norman" in an article on the Normans
    elif ctx.main_person and draft.label == "PERSON" and _names_main(answer, ctx.main_person):
        # "_____ was born in Warsaw" in a life of Marie Curie: asks who the article is about
        out.append("the article's own subject as answer")
    if draft.label in TIME_LABELS and not _definite_time(answer):
        out.append("vague time as answer")  # "night", "the evening", "that summer"
    tokens = answer_tokens(draft)
    if tokens is not None and len(tokens) and _one_of_alternatives(tokens):
        out.append("one of two alternatives as answer")  # "In 1341 or _____": the other gives it away
    if tokens is not None and len(tokens):
        root = tokens.root
        if draft.label == "TERM" and root.pos_ == "NOUN" and not _key_term(root, ctx):
            out.append("common-noun phrase as answer")  # "new Norman rulers", "destructive incursions"
        # a word of the name or a qualifier left outside the answer ("Saturn" of "Saturn V", "Lutherans"
        # of "20th-century Lutherans"); a common-noun title before a name is not ("pilot Michael Collins")
        outside = [
            c
            for c in root.children
            if not tokens.start <= c.i < tokens.end
            and (
                (c.dep_ in ("compound", "nmod", "nummod") and c.pos_ in ("PROPN", "NUM"))
                or (
                    c.dep_ == "amod"
                    and c.i == tokens.start - 1
                    and not c.is_stop
                    and c.lower_ not in HEDGE_WORDS
                )
            )
            and not (c.pos_ == "PROPN" and c.lower_ in lexicon.TITLE_WORDS)
        ]
        if outside and draft.fact.kind.value not in ("acronym", "quote", "apposition"):
            out.append("answer is cut off")  # "Lutherans" of "20th-century Lutherans", "Saturn" of "Saturn I"
        first = tokens[0]
        before = first.nbor(-1) if first.i > 0 else None
        if first.ent_iob_ == "I" and _name_before(first):
            out.append("answer is cut off")  # "the Great's conquest" torn from "Cnut the Great's"
        elif (
            before is not None
            and first.pos_ == "PROPN"
            and before.pos_ == "PROPN"
            and before.is_title
            and not before.ent_type_
            and before.lower_ not in lexicon.TITLE_WORDS
        ):
            out.append("answer is cut off")  # "Souza" torn from "Ana Souza" the tagger missed
    return out


def inside_quotation(draft: Draft) -> bool:
    """A blank inside a quotation ('"Every _____ the main street …," said …'): a quote is someone's
    words, asked as a 'who said' card, not a fact to complete."""
    return lexicon.quote_open(draft.sentence.text[: draft.fact.answer_span.start])


def _names_main(answer: str, main: str) -> bool:
    """'Marie Salomea Skłodowska-Curie' in a life of Marie Curie: a name with the given name of the
    person the article is about (a surname alone may be a relative's: 'Pierre Curie')."""
    given = main.split()[0].lower()
    return given in {w.lower() for w in re.split(r"[\s\-]+", answer)}


def _one_of_alternatives(tokens: SpacySpan) -> bool:
    """'1342' of 'in 1341 or 1342': a number or date beside 'or' and another of its kind, a hedge
    whose other half gives the blank away."""
    doc = tokens.doc
    if tokens[-1].ent_type_ not in TIME_LABELS | NUMBER_LABELS and tokens[-1].pos_ != "NUM":
        return False  # "Gemini or Apollo veterans": either of two names may be asked
    before = doc[max(0, tokens.start - 2) : tokens.start]
    after = doc[tokens.end : tokens.end + 2]
    kind = tokens[-1].ent_type_ or tokens[-1].pos_
    if len(before) == 2 and before[1].lower_ == "or" and (before[0].ent_type_ or before[0].pos_) == kind:
        return True
    return len(after) == 2 and after[0].lower_ == "or" and (after[1].ent_type_ or after[1].pos_) == kind


def _name_before(first: Token) -> bool:
    """A word of the same name stands before the answer ('Cnut' before 'the Great's'); an article or a
    hedge the tagger took into the name ('An estimated', 'The') does not count."""
    tok = first
    while tok.i > 0 and tok.ent_iob_ == "I":
        tok = tok.nbor(-1)
        if tok.pos_ in ("PROPN", "NUM"):
            return True
    return False


def _definite_time(answer: str) -> bool:
    """A time a learner can be asked for: with a number, a weekday or month, or a named period."""
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", answer)}
    return (
        bool(re.search(r"\d", answer))
        or bool(words & (lexicon.WEEKDAYS | {m.lower() for m in lexicon.MONTHS}))
        or bool(PERIOD.search(answer) and any(w[:1].isupper() for w in answer.split()))
    )


def _rare_term(answer: str, ctx: GateContext) -> bool:
    """A term worth learning: a capitalised name, a number, or a key term (see `_key_word`)."""
    content = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]*", answer) if w.lower() not in FUNCTION_WORDS]
    if not content:
        return bool(re.search(r"\d", answer))
    if any(w[0].isupper() for w in content) or re.search(r"\d", answer):
        return True
    if len(content) == 1 and lexicon.zipf(content[0].lower()) < TECHNICAL_WORD_ZIPF:
        return True  # 'melanin', 'phytoplankton': one rare word is the subject's vocabulary
    return any(_key_word(w.lower(), ctx) for w in content)


def _key_word(word: str, ctx: GateContext) -> bool:
    """A technical word ('thylakoids', 'calcidiol'), or an uncommon one the article keeps using
    ('chlorophyll' in an article on chloroplasts); not an everyday word ('slope', 'pioneer')."""
    forms = {word} | {f for f in (word.removesuffix("s"), word.removesuffix("es")) if lexicon.zipf(f) > 0}
    zipf = max(lexicon.zipf(f) for f in forms)  # "thylakoids" is as rare as "thylakoid"
    mentions = max(ctx.mentions[f] for f in forms)
    return zipf < TECHNICAL_ZIPF or (zipf < KEY_WORD_ZIPF and mentions >= 2) or (zipf < 3.6 and mentions >= 3)


TECHNICAL_ZIPF = 2.3  # 'photolysis', 'calcitriol': rare enough to be the subject's own vocabulary


KEY_WORD_ZIPF = 2.8
# a single-word answer this rare is a term (judged: keep 60 % of such cards, as many as overall),
# while in a phrase it may be a passing modifier ('photosynthetic parts', 'small vesicles')
TECHNICAL_WORD_ZIPF = 2.9


def _key_term(token: Token, ctx: GateContext) -> bool:
    """The head noun of an answer is a key word, or another word of its phrase is ('carbon dioxide')."""
    phrase = [t for t in token.subtree if t.i <= token.i and t.is_alpha and t.lower_ not in FUNCTION_WORDS]
    if len(phrase) == 1 and min(lexicon.zipf(phrase[0].lower_), lexicon.zipf(phrase[0].lemma_.lower())) < (
        TECHNICAL_WORD_ZIPF
    ):
        return True  # one rare word, as in `_rare_term`
    return any(_key_word(t.lemma_.lower(), ctx) or _key_word(t.lower_, ctx) for t in phrase or [token])


def _is_person(answer: str, ctx: GateContext) -> bool:
    """Evidence the article treats the answer as a person: a full name, or he/she used of it."""
    bare = re.sub(r"^(the|a|an)\s+", "", answer, flags=re.I)
    words = bare.split()
    if bare in ctx.people.genders or any(bare in name for name in ctx.people.genders):
        return True
    if any(bare in name.split() or bare == name for name in ctx.people.names):
        return True  # "Souza" of "Ana Souza"
    return len(words) >= 2 and all(
        w[:1].isupper() for w in words if w.lower() not in {"de", "van", "von", "of"}
    )


PERIOD = re.compile(r"\b(Ages?|era|period|epoch|century|centuries|decade|reign|dynasty|times)$", re.I)
GARBLED_QUESTION = re.compile(
    r"\s(The|A|An|Of|In|On|At|To|For|With|By|From|And)\s|\bthe own\b|,\s*\w+\?$|\s[-\u2013\u2014],"
    r"|^Of what\b|\b(whom|whose)\b.*\?|\s(who|which|that)\?$"
    # "… at Bletchley Park the day?", "… an apology for the way?": a noun that lost what defined it
    r"|\sthe (?:day|way|time|year|moment|week|month|one|same)\?$"
)
# on the whole question: a sentence break inside it, a determiner before a comma, a stray
# preposition before "how many", a comma that strings on another phrase (not an apposition)
BROKEN_QUESTION = re.compile(
    r"[a-z]\. [a-z]|\b(a|an|the|and|or), |^(From|To|Into|Under|At|Of) how\b|^Of what\b"
    r"|, (?!(a|an|the|who|which|where|when|in|on|at|near|from|of|and|or)\b)[a-z]"
    r"(?![^\u201c\u201d\"]*[\u201d\"])"
)
DO_SUPPORT = re.compile(r"^(?:\w+ ){0,3}(did|does|do)\b(?=.*\b(was|were|is|are|had|has)\b)", re.I)


# Blind verdicts on 1,498 cards from eight real articles (benchmarks/judgements/): wh-questions kept
# 56-71 % when they ask for a date ("When", "In what year", "By what year") and 100 % for acronyms, but
# 14-39 % for people ("Who"), places ("Where") and other things ("What"), often false (10-29 %) because
# the clause was misread; cloze cards on the same names kept 54-65 % with 0-3 % false. So the engine asks
# wh-questions only where they are reliable, and names by cloze.
DURATION = re.compile(
    r"(?i)^(about |some |nearly |almost )?[\w,.-]+( and a half)? (years?|months?|weeks?|days?|hours?|minutes?"
    r"|decades?|centuries)( long)?$"
)
RELIABLE_FACTS = {"acronym", "quote", "attribute", "naming", "glossary"}
SWAPPABLE_NAMES = {"PERSON", "ORG", "GPE", "LOC", "FAC"}


def _dates_a_noun(root: Token) -> bool:
    """'after their invasion at Bannow Bay in 1169': the year dates the invasion, not the verb, whether
    the parse hangs it on the noun or on the verb."""
    tok = root
    while tok.dep_ in ("pobj", "prep", "npadvmod", "nummod", "compound", "appos") and tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("npadvmod",):
            return True
    verb = tok if tok.pos_ in ("VERB", "AUX") else None
    if verb is None:
        return False
    lo, hi = sorted((verb.i, root.i))
    return any(t.dep_ == "pobj" and t.pos_ == "NOUN" and _event_noun(t) for t in root.doc[lo + 1 : hi])


EVENT_NOUNS = {"death", "birth", "war", "battle", "attack", "visit", "launch", "flight", "return", "fall"}


def _event_noun(token: Token) -> bool:
    """A noun that names something that happens ('invasion', 'arrival', 'departure'), which a date
    after it may belong to."""
    lemma = token.lemma_.lower()
    return lemma in EVENT_NOUNS or lemma.endswith(("ion", "ment", "al", "ure", "ance", "ence"))


def _reliable_question(draft: Draft) -> bool:
    if draft.fact.kind.value in RELIABLE_FACTS:
        return True
    return draft.label in TIME_LABELS | NUMBER_LABELS and not PERSON_WH.match(draft.card.question)


def _clause_trust(clause: Clause) -> list[str]:
    """A wh-question rewrites its clause, so the clause must be one the parse gets right: the main
    clause, or a relative clause on a noun nothing else competes with (not "the Suez Canal in Egypt,
    which opened in 1869" → "When did Egypt open?"; not a participle clause whose subject is borrowed
    from the main clause, "…killed 4,686 Mau Mau, amounting to 42%"), with nothing the question
    would leave out ("began paying Tesla" → "start"), and no noun phrase between subject and verb
    that could be the real subject ("…his nephew, Sava Kosanović, Tesla's estate was shipped")."""
    verb = clause.verb
    main = verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
    if verb.dep_ in ("relcl", "acl"):
        # "a meeting held on Sunday": the noun it hangs on is its subject, unless another noun is as
        # near ("the Suez Canal in Egypt, which opened") or it is one of a list
        head = verb.head
        between = [c for c in head.children if c.dep_ == "prep" and head.i < c.i < verb.i]
        if (
            (head.dep_ == "pobj" and head.head.head.pos_ in ("NOUN", "PROPN"))
            or between  # the parse may have hung it on either noun of "the Canal in Egypt, which"
            or head.dep_ == "conj"
        ):
            return ["a wh-question from a relative clause that may belong to either of two nouns"]
    elif not main:
        return ["a wh-question from a participle or subordinate clause, whose subject the parse guesses"]
    if any(c.dep_ in ("xcomp", "ccomp") for c in verb.children):
        return ["a wh-question would drop what its verb governs (began paying → start)"]
    if any(sum(1 for c in t.children if c.dep_ == "pobj") > 1 for t in verb.subtree if t.dep_ == "prep"):
        # "In 2016 a team at … studying the species X described …" read as "In [2016] [a team]":
        # the parse has lost the subject, and the question would take X for it
        return ["a preposition with two objects: the parse lost the clause's subject"]
    if clause.subject and clause.subject_text is None:
        end = max(t.i for t in clause.subject)
        gap = verb.doc[end + 1 : verb.i]
        # "Roosevelt, the American president, visited": a described appositive is fine; a name or an
        # owner's noun ("…, Sava Kosanović, Tesla's estate was shipped") may be the real subject
        if any(t.text == "," for t in gap) and any(t.pos_ == "PROPN" or t.tag_ == "POS" for t in gap):
            return ["a noun phrase between subject and verb may be the real subject"]
    return []


def _wh_defects(draft: Draft, ctx: GateContext) -> list[str]:
    question, label = draft.card.question, draft.label
    if PERIOD.search(draft.card.answer):
        label = "DATE"  # "the Middle Ages", "the Victorian era": a time, whatever the tagger said
    out = _grammar_defects(question)
    return out + _wh_fit(draft, ctx, question, label)


def _grammar_defects(question: str) -> list[str]:
    """What a parse gone wrong leaves in a question: a capital 'The' mid-question, two finite verbs,
    a stray dash, a trailing afterthought."""
    body = question[question.find(" ") + 1 :] if " " in question else question
    body = re.sub(r"[\u201c\"][^\u201d\"]*[\u201d\"]", "QUOTE", body)  # a quoted title may hold 'The'
    if GARBLED_QUESTION.search(" " + body) and not question.startswith(("Whom ", "Whose ")):
        return ["garbled question"]
    if BROKEN_QUESTION.search(question):
        return ["garbled question"]
    if DO_SUPPORT.search(question) and not re.search(r"\b(say|said|says|think|believe)\b", question):
        return ["garbled question"]
    return []


def _wh_fit(draft: Draft, ctx: GateContext, question: str, label: str) -> list[str]:
    tokens = answer_tokens(draft)
    person = label == "PERSON" and _is_person(draft.card.answer, ctx)
    if PERSON_WH.match(question):
        return [] if person else ["'Who' asks for something not shown to be a person"]
    if (
        label == "PERSON"
        and THING_WH.match(question)
        and not re.match(r"^(What|Which) (is|was|are|were) ", question)
    ):
        return ["'What' asks for a person"] if person else ["answer may not be a person or a thing"]
    if PLACE_WH.match(question) and label not in PLACE_LABELS:
        return ["'Where' asks for something that is not a place"]
    if TIME_WH.match(question) and label not in TIME_LABELS:
        return ["'When' asks for something that is not a time"]
    if TIME_WH.match(question) and DURATION.match(draft.card.answer):
        return ["'When' asks for a length of time (12 years)"]
    if TIME_WH.match(question) and tokens is not None and len(tokens) and _dates_a_noun(tokens.root):
        return ["the date belongs to a thing in the sentence, not to the event asked"]
    if label in TIME_LABELS and PLACE_WH.match(question):
        return ["'Where' asks for a time"]
    if COUNT_WH.match(question) and label not in NUMBER_LABELS | TIME_LABELS:
        return ["'How many' asks for something that is not a number"]
    clause_fact = draft.fact.kind.value in ("event", "passive", "location", "date", "quantity", "relative")
    if clause_fact and tokens is not None and len(tokens) and tokens.root.dep_ in ("nsubj", "nsubjpass"):
        if label == "TERM":
            return ["a term as the subject: several things in the article may fit"]
        if re.match(r"^What (has|have|had|contains?|contained|includes?|included|uses?|used)\b", question):
            return ["'What has/contains' fits several things"]
    subject_form = re.match(r"^(Who|What) (\w+) ", question)
    if (
        subject_form
        and subject_form.group(2).lower() not in AUXILIARIES
        and subject_form.group(2).endswith(("ed", "s"))
        and tokens is not None
        and len(tokens)
        and draft.fact.kind.value in ("event", "passive", "location", "date")
        and tokens.root.dep_ not in ("nsubj", "nsubjpass", "appos", "conj", "pobj")
    ):
        return ["the question makes the answer its subject; the article does not"]
    subject_what = re.match(r"^What (\w+)", question)
    if (
        subject_what
        and subject_what.group(1).lower() not in AUXILIARIES
        and label in ("ORG", "PRODUCT", "TERM")
    ):
        if len(draft.card.answer.removeprefix("the ").split()) < 2:
            return ["'What' for a one-word name the tagger may have misread"]
    return []


AUXILIARIES = {"is", "was", "are", "were", "did", "does", "do", "has", "had", "have", "will", "would", "can"}


HEDGE_WORD_RE = re.compile(r"\b(" + "|".join(sorted(HEDGE_WORDS)) + r")\b", re.I)


def _hedge_defects(draft: Draft) -> list[str]:
    """A hedged or attributed claim is asked only as a cloze, which keeps the article's own words."""
    text = draft.sentence.text
    out = []
    if HEDGE_PHRASES.search(text) or _hedged_clause(draft):
        out.append("the article hedges or attributes this claim")
    if draft.card.kind != "true_false":
        where = draft.fact.answer_span
        if NUMBER_HEDGE.search(text[: where.start]):
            out.append("hedged number asked without its hedge")
        question = draft.card.question
        for number in re.finditer(r"\d[\d,.]*", text):
            hedge = NUMBER_HEDGE.search(text[: number.start()])
            if (
                hedge
                and number.group().rstrip(".,") in question
                and hedge.group(1).lower() not in question.lower()
            ):
                out.append("hedged number asked without its hedge")
                break
        if _condition_dropped(draft):
            out.append("the condition the article attaches is left out")
        if _superlative_cut(draft):
            out.append("'the first …' asked without what it is the first at")
    return out


def _condition_dropped(draft: Draft) -> bool:
    """'When grown in X, they dump the organelle': a question without the 'when' states it always."""
    tokens = answer_tokens(draft)
    if tokens is None or not len(tokens):
        return False
    question = draft.card.question.lower()
    for verb in [tokens.root, *tokens.root.ancestors]:
        for clause in verb.children:
            if clause.dep_ != "advcl":
                continue
            mark = next((c for c in clause.children if c.dep_ == "mark"), None)
            if mark is not None and mark.lower_ in CONDITIONS and clause.lower_ not in question:
                return True
    return False


def _superlative_cut(draft: Draft) -> bool:
    """'the first museum in Britain to present a rock concert' asked as 'the first museum in Britain'."""
    question = {w.lower() for w in re.findall(r"[\w'-]+", draft.card.question)}
    for tok in draft.sentence.span:
        if not (tok.tag_ in ("JJS", "RBS") or tok.lower_ in ("first", "last", "only", "sole")):
            continue
        if tok.lower_ not in question:
            continue
        noun = tok.head if tok.head.pos_ in ("NOUN", "PROPN") else tok
        words = {t.lower_ for t in noun.subtree if t.is_alpha and not t.is_stop}
        after = noun.right_edge.i + 1
        doc = noun.doc
        if after + 1 < len(doc) and doc[after].lower_ == "to" and doc[after + 1].tag_ == "VB":
            # "the first museum in Britain to present a rock concert": the infinitive says first at what
            words |= {t.lower_ for t in doc[after + 1].subtree if t.is_alpha and not t.is_stop}
        if words - question:
            return True
    return False


CONDITIONS = {"if", "when", "unless", "whenever", "once", "provided", "until"}


def _list_item(root: Token, answer: set[int] | None = None) -> bool:
    """One of several coordinated items ('Denmark, Iceland and _____'); a name given as an
    alternative for another ('Vitamin D3, or _____') is not a list, nor is an answer that holds the
    whole coordination itself ('Ove Arup & _____ Partners', '117 hours and 52 minutes')."""
    first = root
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    members, todo = [first], [first]
    while todo:  # the chain of conjuncts: "Denmark" → "Iceland" → "Norway"
        conj = [c for c in todo.pop().children if c.dep_ == "conj"]
        members += conj
        todo += conj
    if len(members) < 2 or (answer is not None and all(m.i in answer for m in members)):
        return False
    joiners = {c.lower_ for m in members for c in m.children if c.dep_ == "cc"}
    return not (len(members) == 2 and joiners == {"or"})


def _hedged_clause(draft: Draft) -> bool:
    """A hedge on the answer's own clause or on a clause above it ('X claims that ...', 'may have')."""
    tokens = answer_tokens(draft)
    if tokens is None or not len(tokens):
        return bool(HEDGE_WORD_RE.search(draft.sentence.text))
    chain = [tokens.root, *tokens.root.ancestors]
    for tok in chain:
        if tok.lower_ in HEDGE_WORDS:
            return True
        if any(c.lower_ in HEDGE_WORDS and c.dep_ in ("aux", "advmod", "mark", "neg") for c in tok.children):
            return True
        if tok.dep_ in ("ccomp", "xcomp", "advcl", "parataxis") and tok.head.lemma_ in REPORTING_VERBS:
            return True  # "Hillerbrand writes that ...", "Luther taught that ...": someone's view
        if any(
            c.lemma_ in ("view", "opinion", "depiction", "account", "interpretation") for c in tok.children
        ):
            return True  # "In Luther's view, ..."
    return False


# verbs that report what someone holds true: what follows them is that person's claim
REPORTING_VERBS = {
    "say", "write", "teach", "argue", "claim", "suggest", "believe", "think", "consider", "credit",
    "suspect", "assert", "state", "report", "contend", "maintain", "hold", "insist", "note",
    "describe", "depict", "regard", "view", "find", "show", "conclude", "estimate", "allege", "feel",
    "hope", "fear", "expect", "predict", "propose", "speculate", "theorize", "doubt", "deny", "accuse",
}  # fmt: skip


def _blank_defects(draft: Draft) -> list[str]:
    """A blank must ask for one whole thing: not a list item, a piece of a word or an aside."""
    tokens = answer_tokens(draft)
    text = draft.sentence.text
    where = draft.fact.answer_span
    out = []
    before = text[: where.start]
    after = text[where.end :]
    if re.search(r"[\w][\u2010-\u2015-]$", before) or re.match(r"^[\u2010-\u2015-]\w", after):
        out.append("blank is part of a hyphenated word")
    out.extend(_aside_defects(draft))
    if tokens is not None and len(tokens):
        root = tokens.root
        if _list_item(root, {t.i for t in tokens}):
            out.append("blank is one item of a list")
        if draft.label == "NORP" and root.dep_ in ("amod", "compound"):
            out.append("blank is an adjective of nationality")
    return out


def _aside_defects(draft: Draft) -> list[str]:
    """An answer from an aside ('Maribor (now in Slovenia)') or a modifier ('his first US patents')
    asks something the sentence only mentions on the way."""
    tokens = answer_tokens(draft)
    before = draft.sentence.text[: draft.fact.answer_span.start]
    out = []
    if before.count("(") > before.count(")"):
        out.append("answer inside a parenthesis")
    if tokens is not None and len(tokens):
        root = tokens.root
        if root.dep_ in ("amod", "compound", "nmod") and root.head.i > root.i and root.head.pos_ == "NOUN":
            out.append("answer is a modifier of another noun")  # "_____ adventurers", "the _____ coast"
    return out
