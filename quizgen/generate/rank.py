"""Filter, rank and select: keep the cards a careful teacher would keep.

Filters mirror the defects a reviewer would flag (pronouns a reader cannot resolve, the answer
inside the question, long or ungrounded answers, vague answers, bad choices, near-duplicates).
The score weighs how important the sentence is in the article, how concrete the answer is, how
rare its words are, and how clean the question reads. Selection follows the density of facts:
every sentence with a concrete fact keeps its best cards (a few per sentence); `max_cards` then
caps the deck by score.
"""

from __future__ import annotations

import difflib
import html
import re
import unicodedata
from collections import Counter, defaultdict
from functools import lru_cache

from rapidfuzz import fuzz

from quizgen.generate import lexicon
from quizgen.generate.questions import LEADING_VAGUE, Draft
from quizgen.generate.references import UNRESOLVED_IN_QUESTION
from quizgen.nlp import ParsedArticle

MAX_ANSWER_WORDS = 12
MAX_DEFINITION_WORDS = 15
MAX_QUESTION_WORDS = 32
PER_SENTENCE = 4
# below this a card asks about something a teacher would not (a vague date, a common word, a nationality)
MIN_SCORE = 0.5
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
KIND_ORDER = {"short_answer": 0, "multiple_choice": 1, "cloze": 2, "true_false": 3}


def norm(text: str) -> str:
    """Normalise as the quality checks do: folded quotes and dashes, no punctuation, lower case."""
    text = html.unescape(unicodedata.normalize("NFKC", text or ""))
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[\u2010-\u2015\-]", " ", text)
    text = re.sub(r"[^\w\s']", " ", text.lower())
    text = re.sub(r"'s\b", "", text).replace("'", "")
    return " ".join(text.split())


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9']+", text or "")


def defects(draft: Draft, source_norm: str, raw_norm: str | None = None) -> list[str]:
    """Why a draft card must not be kept (empty when it is fine)."""
    card = draft.card
    q, a = card.question.strip(), card.answer.strip()
    out: list[str] = []
    qwords = [w.lower() for w in _words(q)]
    if card.kind in ("short_answer", "multiple_choice"):
        if set(qwords) & UNRESOLVED_IN_QUESTION:
            out.append("pronoun in question")
        if not q.endswith("?") or len(qwords) < 3:
            out.append("not a question")
    else:
        stmt = re.sub(r"^\s*true or false\s*:\s*", "", q, flags=re.I)
        first = [w.lower() for w in _words(stmt)[:1]]
        if first and first[0] in LEADING_VAGUE:
            out.append("statement opens with a vague word")
    if card.kind != "true_false":
        an, qn = _normed(a), _normed(q)
        if an and re.search(rf"(?<!\w){re.escape(an)}(?!\w)", qn):
            out.append("answer in question")
        limit = MAX_DEFINITION_WORDS if draft.label in ("DEFINITION", "LIST", "REASON") else MAX_ANSWER_WORDS
        if len(_words(a)) > limit:
            out.append("answer too long")
        if an and (an not in source_norm or (raw_norm is not None and an not in raw_norm)):
            out.append("answer not in the source")
        if an in VAGUE_ANSWERS or len(an) < 2:
            out.append("vague answer")
    if len(qwords) > MAX_QUESTION_WORDS:
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
        if ARTICLE_TIME.search(q):
            out.append("time known only from the article")
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
}
# "on that day", "the same year": a time the reader only knows from the article
ARTICLE_TIME = re.compile(
    r"\b(that|this|the same|the following|the previous) (day|year|time|month|week|period|moment|point|night|"
    r"morning|evening|decade|century|season)\b",
    re.I,
)
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
    for i, word in enumerate(_words(question)):
        low = word.lower()
        if low in QUESTION_WORDS or low in STOP_WORDS:
            continue
        if any(ch.isdigit() for ch in word) or (i > 0 and word[0].isupper()):
            return True
        if word.isalpha() and lexicon.zipf(low) < 4.0:
            return True
        content += 1
    return content >= 4


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


def _difficulty(draft: Draft) -> float:
    card = draft.card
    words = [w for w in _words(card.answer) if w.isalpha()]
    rarity = 0.5
    if words:
        rarity = min(1.0, max(0.0, (6.0 - min(lexicon.zipf(w.lower()) for w in words)) / 6.0))
    base = {"true_false": 0.2, "multiple_choice": 0.35, "cloze": 0.55, "short_answer": 0.6}[card.kind]
    length = min(1.0, len(words) / 8)
    return round(min(1.0, max(0.0, base + 0.25 * rarity + 0.15 * length - 0.1)), 2)


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
    words = [w for w in _words(answer) if w.lower() not in ("the", "a", "an", "of", "and")]
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


def _score(draft: Draft, importance: dict[int, float], topic: set[str], mentions: Counter[str]) -> float:
    card = draft.card
    qlen = len(_words(card.question))
    length_penalty = max(0.0, (qlen - 22) / 30)
    kind = {"short_answer": 1.0, "multiple_choice": 0.95, "cloze": 0.9, "true_false": 0.75}[card.kind]
    resolved = 0.95 if draft.fact.resolved_from else 1.0
    asked_well = 1.05 if draft.fact.kind.value not in ("event",) or card.kind != "cloze" else 1.0
    value = 0.3 * importance.get(draft.sentence.index, 0.5) + 0.7 * answer_value(draft, topic, mentions)
    value *= min(draft.priority, 1.25) ** 0.5 * kind * resolved * asked_well
    return round(value - length_penalty * 0.3, 4)


def _plain_term(draft: Draft) -> bool:
    """A cloze on a common-noun phrase ('situational awareness'), not on a name."""
    answer = draft.card.answer
    if draft.label != "TERM" or draft.card.kind != "cloze" or any(c.isupper() for c in answer):
        return False
    words = [w.lower() for w in _words(answer) if w.isalpha()]
    return not words or min(lexicon.zipf(w) for w in words) >= 3.0  # technical words are not plain


def _overlaps(draft: Draft, kept: list[Draft]) -> bool:
    """An answer inside another answer already asked about the same sentence ('Saint-Paul-de-Mausole' in
    'the asylum of Saint-Paul-de-Mausole'): one of them is enough."""
    if draft.card.kind == "true_false":
        return False
    mine = norm(draft.card.answer).removeprefix("the ")
    for other in kept:
        if other.sentence.index != draft.sentence.index or other.card.kind == "true_false":
            continue
        theirs = norm(other.card.answer).removeprefix("the ")
        if mine != theirs and (f" {mine} " in f" {theirs} " or f" {theirs} " in f" {mine} "):
            return True
    return False


def _answer_key(draft: Draft) -> str:
    """What a card asks for: its answer, told apart by the fact (a title and a quote may share one)."""
    if draft.card.kind == "true_false":
        return draft.card.id
    if draft.fact.kind.value in ("quote", "apposition", "acronym", "definition"):
        return f"{draft.fact.kind.value}:{norm(draft.card.answer)}"  # a different question on the same name
    return norm(draft.card.answer).removeprefix("the ")


def _near_duplicate(a: Draft, b: Draft) -> bool:
    """The same thing asked twice, judged as the quality checks judge it (difflib's ratio).

    rapidfuzz's ratio (from the longest common subsequence) is never below difflib's, so it rules
    out most pairs cheaply; difflib decides the rest.
    """
    if a.card.kind != b.card.kind:
        return False
    qa, qb = _normed(a.card.question), _normed(b.card.question)
    if a.card.kind != "true_false" and qa == qb:
        return True
    same_answer = _normed(a.card.answer) == _normed(b.card.answer)
    threshold = 0.75 if same_answer else 0.965
    if fuzz.ratio(qa, qb) / 100 <= threshold:
        return False
    return difflib.SequenceMatcher(None, qa, qb).ratio() > threshold


@lru_cache(maxsize=8192)
def _normed(text: str) -> str:
    return norm(text)


def select(drafts: list[Draft], parsed: ParsedArticle, max_cards: int | None) -> list[Draft]:
    """Drop defective drafts, score the rest, dedupe, cap per sentence, then keep the best."""
    source_norm = norm(parsed.article.text)
    raw = parsed.article.source_text
    raw_norm = norm(raw) if raw is not None else None
    importance = sentence_importance(parsed)
    good = [d for d in drafts if not defects(d, source_norm, raw_norm)]
    topic = {w.lower() for w in _words(parsed.article.title)} - {"the", "of", "a", "an", "and", "in"}
    mentions: Counter[str] = Counter()
    for sentence in parsed.sentences:
        for ent in sentence.span.ents:
            mentions[norm(ent.text).removeprefix("the ")] += 1
    for draft in good:
        draft.card.score = _score(draft, importance, topic, mentions)
        draft.card.difficulty = _difficulty(draft)
    good = [d for d in good if d.card.score >= MIN_SCORE]
    good.sort(key=lambda d: (-d.card.score, d.card.id))

    kept: list[Draft] = []
    ids: set[str] = set()
    per_sentence: defaultdict[int, int] = defaultdict(int)
    kinds_in_sentence: defaultdict[int, set[str]] = defaultdict(set)
    asked: set[tuple[int, str]] = set()
    cloze_answers: set[str] = set()

    def room(draft: Draft, extra: int = 0) -> bool:
        cap = PER_SENTENCE + extra + (1 if len(draft.sentence.text.split()) > 30 else 0)
        return per_sentence[draft.sentence.index] < cap

    def take(draft: Draft) -> None:
        kept.append(draft)
        ids.add(draft.card.id)
        per_sentence[draft.sentence.index] += 1
        kinds_in_sentence[draft.sentence.index].add(draft.card.kind)
        asked.add((draft.sentence.index, _answer_key(draft)))
        if draft.card.kind == "cloze":
            cloze_answers.add(norm(draft.card.answer))

    def acceptable(draft: Draft, extra: int = 0) -> bool:
        card = draft.card
        if card.id in ids or not room(draft, extra):
            return False
        if card.kind == "cloze" and norm(card.answer) in cloze_answers:
            return False
        return not any(_near_duplicate(draft, other) for other in kept)

    # pass 1, coverage: the best card for each distinct answer of each sentence
    for draft in good:
        if (
            (draft.sentence.index, _answer_key(draft)) in asked
            or _overlaps(draft, kept)
            or draft.card.kind == "true_false"
        ):
            continue
        if _plain_term(draft) and any(
            _plain_term(k) and k.sentence.index == draft.sentence.index for k in kept
        ):
            continue  # one common-noun term a sentence is plenty
        if acceptable(draft):
            take(draft)
    # pass 2, variety: another kind on a sentence's facts (multiple choice, true/false) where room is left
    for draft in good:
        if draft.card.kind in kinds_in_sentence[draft.sentence.index]:
            continue
        if draft.card.kind in ("true_false", "multiple_choice") and acceptable(draft):
            take(draft)

    if max_cards is not None and len(kept) > max_cards:
        kept = kept[:max_cards]
    kept.sort(key=lambda d: (d.sentence.index, KIND_ORDER[d.card.kind], d.card.id))
    return kept
