"""What a teacher's judgement of a card depends on, as numbers a learned ranker can weigh.

Every feature comes from the facts layer and the parse, never from the article's name, so the
ranker generalises to articles it has never seen. Example, for the cloze "The Apollo program ran
from _____ to 1972." (answer "1961"): kind=cloze 1, fact=date 1, label=DATE 1, answer_digit 1,
answer_words 0.1, dep=pobj 1, sentence_pos (how early the sentence is) …

`features(draft, ctx)` gives a name → value mapping; names not present are 0. `FEATURE_NAMES` is
the full, ordered list the model file is trained on (benchmarks/train_ranker.py). Nothing the seed
picks (distractors, which statement is made false) is a feature: a seed changes order and picks,
never which facts a deck asks.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from quizgen.generate import lexicon
from quizgen.generate.gate import answer_tokens, norm, words_in
from quizgen.generate.questions import Draft
from quizgen.models import CARD_KINDS, Card, FactKind
from quizgen.nlp import ParsedArticle

LABELS = (
    "PERSON",
    "GPE",
    "LOC",
    "ORG",
    "DATE",
    "TIME",
    "CARDINAL",
    "QUANTITY",
    "PERCENT",
    "MONEY",
    "ORDINAL",
    "NORP",
    "EVENT",
    "FAC",
    "WORK_OF_ART",
    "LAW",
    "PRODUCT",
    "LANGUAGE",
    "TERM",
    "DEFINITION",
    "LIST",
    "REASON",
)
DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "attr", "appos", "compound", "conj", "npadvmod", "ROOT")
NAME_LABELS = {"PERSON", "GPE", "LOC", "ORG", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "NORP"}
NUMBER_LABELS = {"DATE", "TIME", "CARDINAL", "QUANTITY", "PERCENT", "MONEY", "ORDINAL"}
# openings that lean on the sentence before ("However, …", "The company …", "It …")
CONNECTIVES = {
    "however",
    "meanwhile",
    "thus",
    "therefore",
    "also",
    "instead",
    "later",
    "afterwards",
    "then",
    "both",
    "others",
    "most",
    "finally",
    "similarly",
    "consequently",
    "furthermore",
    "moreover",
    "nevertheless",
    "still",
    "again",
    "soon",
    "shortly",
    "subsequently",
}
LEANING_OPENINGS = re.compile(
    r"(?i)^\W*(at the time|at that time|in response|as a (result|consequence)|in (addition|particular|turn)"
    r"|by then|after (this|that|these)|soon after|in the meantime|despite this|because of this)\b"
)
LEANING_WORDS = re.compile(
    r"(?i)\b(this|these|those|the former|the latter|the same|such|the two|both|it|its|they|their|them)\b"
)
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
NEGATIONS = {"not", "never", "no", "n't", "neither", "nor"}
STOP = {"the", "a", "an", "of", "and", "in", "on", "to"}

FEATURE_NAMES: tuple[str, ...] = (
    *(f"kind={k}" for k in CARD_KINDS),
    *(f"fact={k.value}" for k in FactKind),
    *(f"label={label}" for label in LABELS),
    "label=other",
    *(f"{k}*name" for k in CARD_KINDS),
    *(f"{k}*number" for k in CARD_KINDS),
    *(f"dep={d}" for d in DEPS),
    "dep=other",
    "answer_words",
    "answer_chars",
    "answer_digit",
    "answer_capital",
    "answer_lower",
    "answer_rarest_zipf",
    "answer_mean_zipf",
    "answer_mentions",
    "answer_topic",
    "answer_partly_topic",
    "answer_first",
    "answer_share",
    "answer_depth",
    "answer_in_parens",
    "answer_has_the",
    "question_words",
    "question_bracket",
    "question_wh_be",
    "resolved",
    "sentence_pos",
    "sentence_words",
    "sentence_entities",
    "sentence_commas",
    "sentence_quote",
    "sentence_negation",
    "sentence_root_be",
    "sentence_first_in_paragraph",
    "importance",
    "priority",
    "opens_connective",
    "opens_definite_common",
    "opens_pronoun",
    "question_leans_back",
    "answer_given_away",
    "answer_has_verb",
    "answer_cut_left",
    "answer_cut_right",
    "answer_list_item",
    "leaning_definites",
    "leaning_possessive",
    "anaphoric_subject",
    "anaphoric_other",
    "owned_abstract",
    "answer_date_no_year",
    "answer_weekday",
    "other_names",
    "hand_score",
    "bias",
)


LABEL_WEIGHT = {
    "PERSON": 1.0,
    "GPE": 0.95,
    "LOC": 0.95,
    "DATE": 0.95,
    "ORG": 0.9,
    "TERM": 0.8,
    "DEFINITION": 1.0,
    "PERCENT": 0.9,
    "MONEY": 0.9,
    "CARDINAL": 0.85,
    "QUANTITY": 0.85,
    "NORP": 0.75,
    "EVENT": 0.9,
    "WORK_OF_ART": 0.9,
    "FAC": 0.85,
    "LAW": 0.85,
    "PRODUCT": 0.8,
    "LIST": 0.85,
    "REASON": 0.7,
    "TIME": 0.7,
    "LANGUAGE": 0.8,
}


def sentence_importance(parsed: ParsedArticle) -> dict[int, float]:
    """0..1 per sentence: early position, entity density, and overlap with the article's key words."""
    content: Counter[str] = Counter()
    for sentence in parsed.sentences:
        for tok in sentence.span:
            if tok.is_alpha and not tok.is_stop and tok.pos_ in ("NOUN", "PROPN"):
                content[tok.lemma_.lower()] += 1
    top = {w for w, _ in content.most_common(12)}
    n = max(1, len(parsed.sentences))
    scores = {}
    for sentence in parsed.sentences:
        toks = [t for t in sentence.span if t.is_alpha]
        density = len(sentence.span.ents) / max(1, len(toks)) * 4
        central = len({t.lemma_.lower() for t in toks} & top) / 4
        position = 1.0 - sentence.index / n
        scores[sentence.index] = min(
            1.0, 0.35 * position + 0.35 * min(1.0, density) + 0.3 * min(1.0, central)
        )
    return scores


@dataclass
class ArticleSignals:
    """What every card of one article is measured against: the article's key words and mentions."""

    parsed: ParsedArticle
    importance: dict[int, float]
    topic: set[str]
    mentions: Counter[str]
    first_in_paragraph: set[int]
    first_seen: dict[str, int]  # word (lemma) → the first sentence that uses it

    @classmethod
    def of(cls, parsed: ParsedArticle, importance: dict[int, float]) -> ArticleSignals:
        topic = {w.lower() for w in words_in(parsed.article.title)} - STOP
        mentions: Counter[str] = Counter()
        firsts: set[int] = set()
        first_seen: dict[str, int] = {}
        last_paragraph = -1
        for sentence in parsed.sentences:
            for tok in sentence.span:
                if tok.is_alpha:
                    first_seen.setdefault(tok.lemma_.lower(), sentence.index)
                    first_seen.setdefault(tok.lower_, sentence.index)
            if sentence.paragraph != last_paragraph:
                firsts.add(sentence.index)
                last_paragraph = sentence.paragraph
            for ent in sentence.span.ents:
                mentions[norm(ent.text).removeprefix("the ")] += 1
        return cls(parsed, importance, topic, mentions, firsts, first_seen)


VAGUE_DATE_WORDS = {
    "each",
    "every",
    "end",
    "months",
    "month",
    "years",
    "weeks",
    "week",
    "days",
    "day",
    "season",
    "time",
    "period",
    "century",
    "decade",
    "following",
    "previous",
    "next",
    "same",
    "early",
    "late",
}


def answer_value(draft: Draft, topic: set[str], mentions: Counter[str]) -> float:
    """How much a teacher would want this answer asked (0..1.3): names, dates, numbers, rare terms."""
    answer = draft.card.answer if draft.card.kind != "true_false" else draft.fact.answer
    words = [w for w in words_in(answer) if w.lower() not in ("the", "a", "an", "of", "and")]
    value = LABEL_WEIGHT.get(draft.label, 0.7)
    if not words:
        return 0.2
    norm_answer = norm(answer).removeprefix("the ")
    if set(w.lower() for w in words) <= topic:
        value -= 0.35  # the article's own subject ("Iceland" in an article on Iceland) teaches little
    if draft.label == "DATE":
        if not any(ch.isdigit() for ch in answer):
            value -= 0.25
        elif set(w.lower() for w in words) & VAGUE_DATE_WORDS:
            value -= 0.3
    if draft.label in ("NORP", "ORDINAL"):
        value -= 0.25
    if draft.label == "TERM":
        if any(
            t.ent_type_
            for t in draft.sentence.span
            if t.text in words and t.ent_type_ in ("PERSON", "GPE", "DATE")
        ):
            value -= 0.3  # a phrase wrapped around a name: ask the name instead
        if len(words) > 4:
            value -= 0.25
    alpha = [w.lower() for w in words if w.isalpha()]
    if alpha:
        rarest = min(lexicon.zipf(w) for w in alpha)
        value += 0.2 * max(0.0, min(1.0, (4.5 - rarest) / 3.0))
    if mentions[norm_answer] >= 2 and value > 0.5:
        value += 0.1  # mentioned again elsewhere: central to the article
    if draft.label in ("DEFINITION", "LIST", "REASON"):
        value = max(value, 0.9)
    return value


def hand_score(draft: Draft, signals: ArticleSignals) -> float:
    """The hand-tuned score the engine ranked by before the learned ranker (one of its features)."""
    importance, topic, mentions = signals.importance, signals.topic, signals.mentions
    card = draft.card
    qlen = len(words_in(card.question))
    length_penalty = max(0.0, (qlen - 22) / 30)
    kind = {"short_answer": 1.0, "multiple_choice": 0.95, "cloze": 0.9, "true_false": 0.75}[card.kind]
    resolved = 0.95 if draft.fact.resolved_from else 1.0
    asked_well = 1.05 if draft.fact.kind.value not in ("event",) or card.kind != "cloze" else 1.0
    value = 0.3 * importance.get(draft.sentence.index, 0.5) + 0.7 * answer_value(draft, topic, mentions)
    value *= min(draft.priority, 1.25) ** 0.5 * kind * resolved * asked_well
    return round(value - length_penalty * 0.3, 4)


def _depth(token) -> int:
    depth = 0
    while token.head is not token and depth < 20:
        token = token.head
        depth += 1
    return depth


def features(draft: Draft, signals: ArticleSignals) -> dict[str, float]:
    """The card's feature values (missing names are 0)."""
    card, fact, sentence = draft.card, draft.fact, draft.sentence
    answer = fact.answer if card.kind == "true_false" else card.answer
    words = [w for w in words_in(answer) if w.lower() not in STOP]
    alpha = [w.lower() for w in words if w.isalpha()]
    zipfs = [lexicon.zipf(w) for w in alpha]
    label = draft.label if draft.label in LABELS else "other"
    f: dict[str, float] = {
        f"kind={card.kind}": 1.0,
        f"fact={fact.kind.value}": 1.0,
        f"label={label}": 1.0,
        "bias": 1.0,
    }
    if draft.label in NAME_LABELS:
        f[f"{card.kind}*name"] = 1.0
    if draft.label in NUMBER_LABELS:
        f[f"{card.kind}*number"] = 1.0
    found = answer_tokens(draft)
    tokens = list(found) if found is not None else []
    if tokens:
        head = min(tokens, key=_depth)
        dep = head.dep_ if head.dep_ in DEPS else "other"
        f[f"dep={dep}"] = 1.0
        f["answer_depth"] = min(_depth(head), 8) / 8
        f["answer_first"] = float(tokens[0].i == sentence.span.start)
        before = sentence.span.doc[max(sentence.span.start, tokens[0].i - 1)]
        f["answer_in_parens"] = float(before.text == "(" and tokens[0].i > sentence.span.start)
    f["answer_words"] = min(len(words), 10) / 10
    f["answer_chars"] = math.log1p(len(answer)) / 5
    f["answer_digit"] = float(any(ch.isdigit() for ch in answer))
    first_alpha = next((ch for ch in answer if ch.isalpha()), "")
    f["answer_capital"] = float(first_alpha.isupper())
    f["answer_lower"] = float(answer == answer.lower() and any(ch.isalpha() for ch in answer))
    if zipfs:
        f["answer_rarest_zipf"] = min(zipfs) / 7
        f["answer_mean_zipf"] = sum(zipfs) / len(zipfs) / 7
    f["answer_mentions"] = math.log1p(signals.mentions[norm(answer).removeprefix("the ")]) / 3
    lowered = {w.lower() for w in words}
    if lowered and lowered <= signals.topic:
        f["answer_topic"] = 1.0
    elif lowered & signals.topic:
        f["answer_partly_topic"] = 1.0
    f["answer_share"] = min(1.0, len(answer) / max(1, len(sentence.text)))
    f["answer_has_the"] = float(answer.lower().startswith("the "))
    question = card.question
    f["question_words"] = min(len(words_in(question)), 60) / 30
    f["question_bracket"] = float(names_in_place(card))  # a pronoun or mention replaced by a name
    f["question_wh_be"] = float(
        bool(re.match(r"(?i)(what|who|which|where|when)\s+(is|was|are|were)\b", question))
    )
    f["resolved"] = float(bool(fact.resolved_from) or bool(card.source.resolved))
    n = max(1, len(signals.parsed.sentences))
    f["sentence_pos"] = sentence.index / n
    span = sentence.span
    f["sentence_words"] = min(sum(1 for t in span if t.is_alpha), 80) / 40
    f["sentence_entities"] = min(len(span.ents), 10) / 5
    f["sentence_commas"] = min(sum(1 for t in span if t.text == ","), 10) / 5
    f["sentence_quote"] = float(any(t.text in ('"', "“", "”") for t in span))
    f["sentence_negation"] = float(any(t.lower_ in NEGATIONS for t in span))
    f["sentence_root_be"] = float(span.root.lemma_ == "be")
    f["sentence_first_in_paragraph"] = float(sentence.index in signals.first_in_paragraph)
    f["importance"] = signals.importance.get(sentence.index, 0.5)
    f["priority"] = min(draft.priority, 1.5)
    f.update(_context_signals(draft, tokens))
    f.update(_anaphora(draft, tokens, signals.first_seen))
    return f


def _context_signals(draft: Draft, tokens: list) -> dict[str, float]:
    """Does the card stand alone, and does its blank sit on a whole phrase worth asking?"""
    card, span = draft.card, draft.sentence.span
    f: dict[str, float] = {}
    first = next((t for t in span if not t.is_punct), None)
    if first is not None:
        if first.lower_ in CONNECTIVES or LEANING_OPENINGS.match(span.text):
            f["opens_connective"] = 1.0
        if first.lower_ == "the":
            head = first.head
            if head.pos_ == "NOUN" and head.dep_ in ("nsubj", "nsubjpass"):
                f["opens_definite_common"] = 1.0
        if first.pos_ == "PRON":
            f["opens_pronoun"] = 1.0
    question = card.question
    if not names_in_place(card) and LEANING_WORDS.search(question.replace("_____", " ")):
        f["question_leans_back"] = 1.0
    answer = draft.fact.answer if card.kind == "true_false" else card.answer
    rest = set(words_in(question.lower().replace(answer.lower(), " ")))
    content = {w.lower() for w in words_in(answer) if w.lower() not in STOP and len(w) > 2}
    if card.kind != "true_false" and content & rest:
        f["answer_given_away"] = 1.0
    if tokens:
        if any(t.pos_ in ("VERB", "AUX") for t in tokens):
            f["answer_has_verb"] = 1.0
        start, end = tokens[0].i, tokens[-1].i + 1
        if start > span.start:
            left = span.doc[start - 1]
            if left.dep_ in ("compound", "amod") and left.head.i >= start:
                f["answer_cut_left"] = 1.0
        if end < span.end:
            right = span.doc[end]
            if right.pos_ in ("NOUN", "PROPN") and any(t.head.i == right.i for t in tokens):
                f["answer_cut_right"] = 1.0
        head = min(tokens, key=_depth)
        if head.dep_ == "conj" or any(c.dep_ == "conj" for c in head.children if c.i >= end):
            f["answer_list_item"] = 1.0
    inside = {t.i for t in tokens}
    leaning = [t for t in span if t.i not in inside and _leaning_definite(t)]
    f["leaning_definites"] = min(len(leaning), 3) / 3
    if any(t.lower_ in ("its", "their") and t.dep_ == "poss" and t.i not in inside for t in span):
        f["leaning_possessive"] = 1.0
    if draft.label == "DATE" and not re.search(r"\b\d{3,4}s?\b", answer) and re.search(r"\d", answer):
        f["answer_date_no_year"] = 1.0
    if answer.lower().removeprefix("on ") in WEEKDAYS:
        f["answer_weekday"] = 1.0
    names = {e.text for e in span.ents if e.label_ in NAME_LABELS and not set(range(e.start, e.end)) & inside}
    f["other_names"] = min(len(names), 4) / 4
    return f


# nouns that are always someone's or something's: "his idea", "the theory" point back to whose
ABSTRACT_OWNED = {
    "idea",
    "theory",
    "work",
    "plan",
    "proposal",
    "discovery",
    "finding",
    "findings",
    "method",
    "view",
    "claim",
    "argument",
    "model",
    "hypothesis",
    "approach",
    "invention",
    "research",
    "study",
    "experiment",
    "design",
    "decision",
    "conclusion",
    "suggestion",
    "result",
    "results",
}
# definite nouns that name one thing without a sentence before them
UNIQUE_NOUNS = {
    "world",
    "sun",
    "moon",
    "earth",
    "universe",
    "sky",
    "public",
    "internet",
    "past",
    "future",
    "present",
    "rest",
    "same",
    "way",
    "most",
    "end",
    "beginning",
    "time",
}


def names_in_place(card: Card) -> bool:
    """A cloze or true/false whose sentence had a pronoun or a bare mention replaced by a name."""
    return card.kind in ("cloze", "true_false") and bool(card.source.resolved)


RESTRICTING = ("prep", "relcl", "acl", "poss", "nummod", "appos")


def _anaphora(draft: Draft, tokens: list, first_seen: dict[str, int]) -> dict[str, float]:
    """'The bacterium was identified …', 'the attacks': a definite noun the article used before,
    which a card lifted out of the article leaves hanging; 'his idea': an owned abstract noun."""
    if names_in_place(draft.card):
        return {}  # the card names what the sentence leans on
    index, inside = draft.sentence.index, {t.i for t in tokens}
    f: dict[str, float] = {}
    other = 0
    for tok in draft.sentence.span:
        if tok.i in inside or tok.pos_ != "NOUN" or tok.ent_type_:
            continue
        lemma = tok.lemma_.lower()
        owner = [c for c in tok.children if c.dep_ == "poss"]
        if lemma in ABSTRACT_OWNED and not any(c.dep_ in ("prep", "acl", "relcl") for c in tok.children):
            words = [c.lower_ for c in tok.children if c.dep_ == "det"]
            if owner or words[:1] in (["the"], ["this"], ["these"]):
                f["owned_abstract"] = 1.0
        dets = [c for c in tok.children if c.dep_ == "det"]
        if not dets or dets[0].lower_ not in ("the", "this", "these", "those", "that"):
            continue
        if lemma in UNIQUE_NOUNS or any(c.dep_ in RESTRICTING for c in tok.children):
            continue
        if any(c.dep_ == "amod" and c.tag_ in ("JJS", "JJR") for c in tok.children):
            continue
        if first_seen.get(lemma, index) >= index:
            continue
        if tok.dep_ in ("nsubj", "nsubjpass") or (tok.dep_ == "poss" and tok.head.dep_.startswith("nsubj")):
            f["anaphoric_subject"] = 1.0
        else:
            other += 1
    if other:
        f["anaphoric_other"] = min(other, 3) / 3
    return f


def _leaning_definite(token) -> bool:
    """'the museum', 'the island': a bare definite common noun that points to something named before
    (not 'the museum of London', 'the largest museum', 'the museum that …')."""
    if token.pos_ != "NOUN" or token.ent_type_:
        return False
    dets = [c for c in token.children if c.dep_ == "det"]
    if not dets or dets[0].lower_ not in ("the", "this", "these", "that", "those"):
        return False
    modifiers = ("amod", "compound", "prep", "relcl", "acl", "nummod", "poss")
    return not any(c.dep_ in modifiers for c in token.children)
