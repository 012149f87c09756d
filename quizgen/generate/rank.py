"""Filter, rank and select: keep the cards a careful teacher would keep.

Every draft passes the gate (gate.py) first. The rest are scored by the learned ranker
(ranker.py: the probability that a teacher keeps the card unedited) and those under its floor are
dropped. Selection then keeps one card per fact, a few per sentence and no twins, in score order,
up to about one card per 25 words of the article; `max_cards` caps the deck further.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from quizgen.generate import lexicon, ranker
from quizgen.generate.features import ArticleSignals, hand_score, sentence_importance
from quizgen.generate.gate import TIME_LABELS, GateContext, answer_tokens, gate, norm, normed, words_in
from quizgen.generate.people import People, find_people
from quizgen.generate.questions import Draft
from quizgen.nlp import ParsedArticle

if TYPE_CHECKING:
    from spacy.tokens import Token

PER_SENTENCE = 3
CLOZE_PER_SENTENCE = 3  # blanks of separate facts (the other end of a fact is a twin already)
TRUE_FALSE_SHARE = 8
MIN_CARDS = 6  # a short, dense article still gives a handful
WORDS_PER_CARD = 25  # the deck's size: about one card per 25 words of article
# hand-tuned ranking: below this a card asks about something a teacher would not (a vague date, a
# common word, a nationality)
MIN_SCORE = 0.5
WH_MARGIN = 0.1
BELOW_FLOOR = "ranked below the floor"
KIND_ORDER = {"short_answer": 0, "multiple_choice": 1, "cloze": 2, "true_false": 3}


def _difficulty(draft: Draft) -> float:
    card = draft.card
    words = [w for w in words_in(card.answer) if w.isalpha()]
    rarity = 0.5
    if words:
        rarity = min(1.0, max(0.0, (6.0 - min(lexicon.zipf(w.lower()) for w in words)) / 6.0))
    base = {"true_false": 0.2, "multiple_choice": 0.35, "cloze": 0.55, "short_answer": 0.6}[card.kind]
    length = min(1.0, len(words) / 8)
    return round(min(1.0, max(0.0, base + 0.25 * rarity + 0.15 * length - 0.1)), 2)


def _plain_term(draft: Draft) -> bool:
    """A cloze on a common-noun phrase ('situational awareness'), not on a name."""
    answer = draft.card.answer
    if draft.label != "TERM" or draft.card.kind != "cloze" or any(c.isupper() for c in answer):
        return False
    words = [w.lower() for w in words_in(answer) if w.isalpha()]
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


SEPARATE_KINDS = ("acronym", "quote", "definition", "naming")


def _other_end(draft: Draft, kept: list[Draft]) -> bool:
    """'_____ proposed the Clearing Union' beside 'Keynes proposed the _____': two ends of one fact
    in one clause, which readers count as the same card twice. A date beside a name, or answers of
    two clauses ('… is in Naples; the later version hangs in Florence'), are separate facts."""
    if draft.card.kind == "true_false" or draft.fact.kind.value in SEPARATE_KINDS:
        return False
    mine = answer_tokens(draft)
    if mine is None or not len(mine):
        return False
    for other in kept:
        if other.sentence.index != draft.sentence.index or other.card.kind == "true_false":
            continue
        if other.fact.kind.value in SEPARATE_KINDS:
            continue
        theirs = answer_tokens(other)
        if theirs is None or not len(theirs):
            continue
        if (draft.label in TIME_LABELS) != (other.label in TIME_LABELS):
            continue
        if _governor(mine.root).i == _governor(theirs.root).i:
            return True
    return False


def _governor(token: Token) -> Token:
    """The verb whose clause a phrase belongs to."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


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
    qa, qb = normed(a.card.question), normed(b.card.question)
    if a.card.kind != "true_false" and qa == qb:
        return True
    same_answer = normed(a.card.answer) == normed(b.card.answer)
    threshold = 0.75 if same_answer else 0.965
    if fuzz.ratio(qa, qb) / 100 <= threshold:
        return False
    return difflib.SequenceMatcher(None, qa, qb).ratio() > threshold


@dataclass
class Selection:
    """The cards kept, and every draft dropped with the reasons (what `quizgen facts --dropped` shows)."""

    kept: list[Draft]
    dropped: list[tuple[Draft, list[str]]]
    failed_sentences: list[tuple[int, str]]  # sentences no pattern could read (parse oddities), and why

    def reasons(self) -> Counter[str]:
        """How many drafts each reason dropped."""
        return Counter(r for _, reasons in self.dropped for r in reasons)


def choose(
    drafts: list[Draft],
    parsed: ParsedArticle,
    max_cards: int | None,
    people: People | None = None,
    min_score: float | None = None,
    ranking: str | ranker.Ranker = "learned",
    check: Callable[[Draft, GateContext], list[str]] = gate,
) -> Selection:
    """Gate every draft, score the rest, keep one card per fact and a few per sentence, then the best
    one per ~25 words of the article.

    The score is the learned ranker's keep-probability (`ranking="learned"`, the default), the
    hand-tuned score it replaced (`"rules"`, kept for comparison), or a given model's; cards below
    `min_score` (default: the ranker's own floor) are dropped. `check` is the gate: the rule
    engine's own, or the language-model engine's (`llm.checks.model_card_gate`, which runs it)."""
    ctx = GateContext.of(parsed, people or find_people(parsed))
    dropped: list[tuple[Draft, list[str]]] = []
    good: list[Draft] = []
    for draft in drafts:
        reasons = check(draft, ctx)
        if reasons:
            dropped.append((draft, reasons))
        else:
            good.append(draft)
    signals = ArticleSignals.of(parsed, sentence_importance(parsed))
    if isinstance(ranking, ranker.Ranker):
        model: ranker.Ranker | None = ranking
    else:
        model = None if ranking == "rules" else ranker.load()
    floor = MIN_SCORE if model is None else model.floor
    if min_score is not None:
        floor = min_score
    for draft in good:
        draft.card.score = hand_score(draft, signals) if model is None else model.score(draft, signals)
        draft.card.difficulty = _difficulty(draft)
    dropped.extend((d, [BELOW_FLOOR]) for d in good if d.card.score < floor)
    good = [d for d in good if d.card.score >= floor]
    good.sort(key=lambda d: (-d.card.score, d.card.id))

    kept: list[Draft] = []
    ids: set[str] = set()
    questions: set[str] = set()
    per_sentence: defaultdict[int, int] = defaultdict(int)
    cloze_sentences: set[int] = set()
    asked: set[tuple[int, str]] = set()
    cloze_answers: set[str] = set()
    truths: Counter[str] = Counter()
    stated: set[int] = set()
    blanks: Counter[int] = Counter()

    def why_not(draft: Draft) -> str | None:
        card = draft.card
        if card.id in ids:
            return "twin: the same fact is already asked this way"
        if card.kind != "true_false" and per_sentence[draft.sentence.index] >= PER_SENTENCE:
            return "its sentence already has enough cards"
        if card.kind == "cloze" and blanks[draft.sentence.index] >= CLOZE_PER_SENTENCE:
            return "its sentence already has enough blanks"
        if card.kind == "true_false" and draft.sentence.index in stated:
            return "its sentence already has a true/false card"
        if card.kind != "true_false" and (draft.sentence.index, _answer_key(draft)) in asked:
            return "twin: its sentence is already asked for this answer"
        if normed(card.question) in questions:
            return "twin: the same question is already asked"
        if card.kind == "cloze" and norm(card.answer).removeprefix("the ") in cloze_answers:
            return "twin: another blank already asks for this answer"
        if card.kind == "true_false" and card.answer == "True" and draft.sentence.index in cloze_sentences:
            return "twin: a cloze already shows this sentence"
        if (
            card.kind == "true_false"
            and (draft.sentence.index, norm(draft.fact.answer).removeprefix("the ")) in asked
        ):
            return "twin: another card already asks for the fact this statement turns on"
        if card.kind == "true_false" and card.answer == "True" and truths["True"] > truths["False"]:
            return "true/false kept about half false"
        if _overlaps(draft, kept):
            return "twin: an answer inside another answer of the sentence"
        if _other_end(draft, kept):
            return "twin: the other end of a fact its sentence already asks"
        if _plain_term(draft) and any(
            _plain_term(k) and k.sentence.index == draft.sentence.index for k in kept
        ):
            return "one common-noun blank a sentence is enough"
        if any(_near_duplicate(draft, other) for other in kept):
            return "twin: near-duplicate of a kept card"
        return None

    def take(draft: Draft) -> None:
        if draft.card.kind == "true_false":
            truths[draft.card.answer] += 1
            stated.add(draft.sentence.index)
        kept.append(draft)
        ids.add(draft.card.id)
        questions.add(normed(draft.card.question))
        per_sentence[draft.sentence.index] += 1
        if draft.card.kind != "true_false":
            asked.add((draft.sentence.index, _answer_key(draft)))
        if draft.card.kind == "cloze":
            blanks[draft.sentence.index] += 1
            cloze_answers.add(norm(draft.card.answer).removeprefix("the "))
            cloze_sentences.add(draft.sentence.index)

    cap = max(MIN_CARDS, round(parsed.article.words / WORDS_PER_CARD))
    if max_cards is not None:
        cap = min(cap, max_cards)
    # true/false scores below the other kinds; a deck keeps room for a few (one in eight)
    statements_room = cap // TRUE_FALSE_SHARE if max_cards is not None else max(1, cap // TRUE_FALSE_SHARE)
    asked_first = [d for d in good if d.card.kind in ("short_answer", "multiple_choice")]
    statements = [d for d in good if d.card.kind == "true_false"]
    blanks_last = [d for d in good if d.card.kind == "cloze"]
    full = "beyond the deck's size (one card per ~25 words)"

    def fill(drafts: list[Draft], limit: int) -> list[Draft]:
        """Take drafts in score order up to `limit` cards; the ones left over come back."""
        left = []
        for draft in drafts:
            if len(kept) >= limit:
                left.append(draft)
                continue
            reason = why_not(draft)
            if reason is None:
                take(draft)
            else:
                dropped.append((draft, [reason]))
        return left

    # wh-questions (only the reliable kinds pass the gate), then a few true/false statements, then
    # cloze: a sentence shown as a statement is not also shown with a blank
    # a wh-question and a blank on the same fact are kept about equally often by readers: within
    # WH_MARGIN of each other the question goes first, so a deck is not all blanks
    others = sorted(
        asked_first + blanks_last,
        key=lambda d: (-(d.card.score + (WH_MARGIN if d.card.kind != "cloze" else 0.0)), d.card.id),
    )
    waiting = fill(others, cap - statements_room)
    unused = fill(statements, min(cap, len(kept) + statements_room))
    waiting = fill(waiting, cap)  # room true/false did not use goes back to the others
    dropped.extend((d, [full]) for d in waiting + unused)
    kept.sort(key=lambda d: (d.sentence.index, KIND_ORDER[d.card.kind], d.card.id))
    return Selection(kept=kept, dropped=dropped, failed_sentences=parsed.failed_sentences)
