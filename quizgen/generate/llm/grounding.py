"""A model's card tied to the article: its cited sentence, its answer's place in it, a `Draft`.

The card must cite a sentence of its own chunk, and its answer must stand in that sentence:
exactly, or near-exactly once quotes, dashes, case and spacing are folded (a slip of a letter is
forgiven, a different word is not). From then on the sentence speaks for the card: the answer is
the sentence's own words at that place, the context and offsets are the sentence's, and cloze and
true/false cards are built from the sentence as the rule engine builds them (pronouns named in
brackets), never from the model's rewriting of it.

Example: for "[3] Work on the canal began in 1826 and ended in 1832." a card citing 3 with the
answer "1832" grounds; citing 2 it is refused ("answer is not in the sentence it cites"); with
"1833" it is refused ("answer not in the article").
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

from quizgen.generate.distractors import is_form_of
from quizgen.generate.facts.answers import ASKABLE_LABELS, answer_type, kind_for
from quizgen.generate.llm import report
from quizgen.generate.llm.prompt import Chunk
from quizgen.generate.llm.replies import ModelCard
from quizgen.generate.questions import (
    LONG_STATEMENT_WORDS,
    CardMaker,
    Draft,
    accepted_answers,
    build_card,
    card_id,
    cloze_text,
)
from quizgen.models import Card, Fact, Span, stable_id
from quizgen.nlp import ParsedArticle, Sentence

NEAR_EXACT = 92  # rapidfuzz's partial ratio, 0-100, of the folded answer against the folded sentence
MODEL_FACT = "model"  # the relation of a model's fact: it names no verb, the sentence is the fact


@dataclass
class Grounding:
    """A model's card as a draft of the rule engine, or the reason it has none."""

    draft: Draft | None = None
    reason: str | None = None


@dataclass
class Folded:
    """Text folded for comparison, with where each folded character came from in the original."""

    text: str
    origin: list[int]


QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


def fold(text: str) -> Folded:
    """Lower case, curly quotes straightened, dashes as hyphens, runs of spaces as one."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        for piece in unicodedata.normalize("NFKC", ch).translate(QUOTES):
            piece = "-" if unicodedata.category(piece) == "Pd" else piece.lower()
            if piece.isspace():
                if not out or out[-1] == " ":
                    continue
                piece = " "
            out.append(piece)
            origin.append(i)
    return Folded("".join(out), origin)


def locate(answer: str, text: str) -> Span | None:
    """Where `answer` stands in `text` (offsets into `text`): exact, folded, or near-exact."""
    answer = answer.strip().strip(" .,;:!?")
    if not answer:
        return None
    exact = re.search(rf"(?<!\w){re.escape(answer)}(?!\w)", text)
    if exact:
        return Span(start=exact.start(), end=exact.end())
    folded_text, folded_answer = fold(text), fold(answer).text.strip()
    if not folded_answer:
        return None
    where = re.search(rf"(?<!\w){re.escape(folded_answer)}(?!\w)", folded_text.text)
    if where:
        return _back(folded_text, where.start(), where.end(), text)
    if len(folded_answer) < 4:
        return None  # a short answer ("1826", "UN") must match exactly: one changed character is another fact
    aligned = fuzz.partial_ratio_alignment(folded_answer, folded_text.text)
    if aligned is None or aligned.score < NEAR_EXACT:
        return None
    start, end = _whole_words(folded_text.text, aligned.dest_start, aligned.dest_end)
    if abs((end - start) - len(folded_answer)) > max(2, len(folded_answer) // 10):
        return None
    return _back(folded_text, start, end, text)


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The aligned window trimmed of spaces at its edges, then widened to whole words."""
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def _back(folded: Folded, start: int, end: int, text: str) -> Span | None:
    """The original text's span for a folded span, without spaces or punctuation at its edges."""
    if end <= start:
        return None
    a, b = folded.origin[start], folded.origin[end - 1] + 1
    while a < b and not text[a].isalnum() and text[a] not in "\"'“‘([$£€":
        a += 1
    while b > a and not text[b - 1].isalnum() and text[b - 1] not in "\"'”’)]%":
        b -= 1
    return Span(start=a, end=b) if b > a else None


class Grounder:
    """Grounds the cards of one article's chunks (see the module docstring)."""

    def __init__(self, parsed: ParsedArticle, maker: CardMaker, seed: int) -> None:
        self.parsed = parsed
        self.maker = maker
        self.seed = seed
        self.source_id = parsed.article.id
        self.by_index = {s.index: s for s in parsed.sentences}

    def ground(self, card: ModelCard, chunk: Chunk) -> Grounding:
        """The draft for `card`, or why it has none."""
        sentence = self.by_index.get(card.sentence)
        if sentence is None or card.sentence not in chunk.indices:
            return Grounding(reason=report.OUTSIDE_CHUNK)
        where = locate(card.answer, sentence.text)
        if where is None:
            elsewhere = any(locate(card.answer, s.text) for s in self.parsed.sentences if s is not sentence)
            return Grounding(reason=report.NOT_IN_CITED_SENTENCE if elsewhere else report.NOT_IN_ARTICLE)
        fact = self._fact(sentence, where)
        if card.kind in ("short_answer", "multiple_choice"):
            return self._question(card, fact, sentence)
        if card.kind == "cloze":
            return self._cloze(fact, sentence)
        return self._true_false(card, fact, sentence)

    def _fact(self, sentence: Sentence, where: Span) -> Fact:
        answer = sentence.text[where.start : where.end]
        label = self._label(sentence, where)
        return Fact(
            id=stable_id(self.source_id, sentence.text, MODEL_FACT, answer),
            kind=kind_for(label, None),
            subject="",
            relation=MODEL_FACT,
            answer=answer,
            answer_type=label,
            sentence=sentence.index,
            start=sentence.start,
            end=sentence.end,
            text=sentence.text,
            answer_span=where,
        )

    def _label(self, sentence: Sentence, where: Span) -> str:
        """The answer's type as the rule engine reads it (PERSON, DATE, …); else the type of the
        entity the answer stands in ('100,000' of 'More than 100,000'); else TERM, of which the gate
        asks what it asks of any term (a name, a number or a word worth learning)."""
        tokens = sentence.span.char_span(where.start, where.end, alignment_mode="expand")
        typed = answer_type(list(tokens)) if tokens is not None and len(tokens) else None
        if typed is not None:
            return typed[0]
        offset = sentence.span.start_char
        for ent in sentence.span.ents:
            start, end = ent.start_char - offset, ent.end_char - offset
            if ent.label_ in ASKABLE_LABELS and start <= where.start and where.end <= end:
                return str(ent.label_)
        return "TERM"

    def _extra(self, sentence: Sentence, *more: str) -> str:
        # the id tells the same answer in two sentences apart, and never depends on the wording
        return ":".join([stable_id(sentence.text, length=12), *more])

    def _question(self, card: ModelCard, fact: Fact, sentence: Sentence) -> Grounding:
        question = " ".join(card.question.split())
        kind = card.kind
        extra = self._extra(sentence)
        fields: dict[str, object] = {}
        if kind == "multiple_choice":
            choices = [fact.answer, *(" ".join(d.split()) for d in card.distractors)]
            random.Random(f"{self.seed}:{card_id(self.source_id, fact, kind, extra)}").shuffle(choices)
            fields["choices"] = choices
        else:
            fields["accepted_answers"] = accepted_answers(fact.answer, fact.answer_type)
        try:
            built = build_card(
                kind, fact, sentence, self.source_id, question, fact.answer, fact.answer_type, extra, **fields
            )
        except ValueError:  # pydantic's: e.g. a distractor that repeats the answer
            return Grounding(reason=report.CHOICE_IS_ANSWER)
        return Grounding(draft=self._draft(built, fact, sentence))

    def _cloze(self, fact: Fact, sentence: Sentence) -> Grounding:
        shown = self.maker.statement_for(sentence)
        # as the rule engine does: a long sentence's blank goes in its own clause when that reads alone
        long = shown is None or len(re.findall(r"[A-Za-z0-9']+", shown[0])) > LONG_STATEMENT_WORDS
        statements = [*self.maker.clauses_for(sentence), shown] if long else [shown]
        made = next(
            ((made, s[1]) for s in statements if s and (made := cloze_text(s[0], fact.answer))),
            None,
        )
        if made is None:
            return Grounding(reason=report.NO_STATEMENT)
        (question, markup), resolved = made
        built = build_card(
            "cloze",
            fact,
            sentence,
            self.source_id,
            question,
            fact.answer,
            fact.answer_type,
            self._extra(sentence),
            cloze=markup,
            accepted_answers=accepted_answers(fact.answer, fact.answer_type),
            resolved=resolved,
        )
        return Grounding(draft=self._draft(built, fact, sentence))

    def _true_false(self, card: ModelCard, fact: Fact, sentence: Sentence) -> Grounding:
        shown = self.maker.statement_for(sentence)
        if shown is None:
            return Grounding(reason=report.NO_STATEMENT)
        statement, resolved = shown
        if any(q in statement for q in '“”"'):
            return Grounding(reason=report.QUOTATION_STATEMENT)
        places = list(re.finditer(rf"(?<!\w){re.escape(fact.answer)}(?!\w)", statement))
        if len(places) != 1:
            return Grounding(reason=report.NO_STATEMENT)
        swap = " ".join(card.swap.split())
        if not swap:
            text, answer, extra = statement, "True", self._extra(sentence, "true")
        else:
            if is_form_of(swap, fact.answer):
                return Grounding(reason=report.SWAP_IS_ANSWER)
            if locate(swap, sentence.text) is not None:  # it may be true as well
                return Grounding(reason=report.CHOICE_IN_SENTENCE)
            at = places[0]
            text = statement[: at.start()] + swap + statement[at.end() :]
            answer, extra = "False", self._extra(sentence, "false", swap)
        built = build_card(
            "true_false",
            fact,
            sentence,
            self.source_id,
            "True or false: " + text,
            answer,
            fact.answer_type,
            extra,
            resolved=resolved,
        )
        return Grounding(draft=self._draft(built, fact, sentence))

    def _draft(self, built: Card, fact: Fact, sentence: Sentence) -> Draft:
        built.group = stable_id(self.source_id, "sentence", sentence.text)
        return Draft(built, fact, sentence, 1.0, fact.answer_type)
