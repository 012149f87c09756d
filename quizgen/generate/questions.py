"""Facts → cards of every kind: short answer, multiple choice, cloze and true/false.

Short-answer cards come straight from the facts' wh-questions. Multiple choice reuses those
questions when three same-type distractors can be found. Cloze deletes a key span from the
sentence (or from its main clause, with pronouns resolved, when the whole sentence would be too
long or start with a pronoun). True/false states a clause as it is, or with one entity or number
swapped for a same-type one from the article; the card's context always keeps the true sentence.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from quizgen.generate.clauses import Clause
from quizgen.generate.distractors import distractors_for, normalize
from quizgen.generate.facts import ASKABLE_LABELS, Found, find_span
from quizgen.generate.references import UNRESOLVED_IN_QUESTION
from quizgen.models import Card, CardSource, Fact, Span, stable_id
from quizgen.nlp import ParsedArticle, Sentence

LEADING_VAGUE = UNRESOLVED_IN_QUESTION | {"there", "that", "such"}
MAX_STATEMENT_WORDS = 34
CLOZE_LABELS = ASKABLE_LABELS | {"TERM", "DEFINITION"}
SWAP_LABELS = {"PERSON", "GPE", "ORG", "LOC", "NORP", "DATE", "PERCENT", "MONEY", "CARDINAL", "QUANTITY"}


@dataclass
class Draft:
    """A card before ranking: the card and what ranking needs to know about it."""

    card: Card
    fact: Fact
    sentence: Sentence
    priority: float
    label: str


def card_id(source_id: str, fact: Fact, kind: str, extra: str = "") -> str:
    """Stable id from the source, the fact (its kind, subject and relation) and the answer.

    Neither the question's wording nor the rest of the sentence goes in, so an engine that words a
    question better, or an edit elsewhere in the sentence, keeps the card (and its progress and
    Anki note)."""
    return stable_id(source_id, fact.kind.value, fact.subject, fact.relation, fact.answer, kind, extra)


def _highlight(context: str, answer: str) -> Span | None:
    where = find_span(context, answer)
    return Span(start=where[0], end=where[1]) if where else None


def _card(
    kind: str,
    found_fact: Fact,
    sentence: Sentence,
    source_id: str,
    question: str,
    answer: str,
    label: str,
    extra: str = "",
    **fields: object,
) -> Card:
    highlight = fields.pop("highlight", None) or _highlight(sentence.text, answer)
    tags = [f"fact::{found_fact.kind.value}", f"answer::{label.lower()}"]
    return Card(
        id=card_id(source_id, found_fact, kind, extra),
        kind=kind,  # type: ignore[arg-type]
        question=question,
        answer=answer,
        context=sentence.text,
        highlight=highlight,  # type: ignore[arg-type]
        source=CardSource(
            source_id=source_id, sentence=sentence.index, start=sentence.start, end=sentence.end
        ),
        fact_id=found_fact.id,
        tags=tags,
        difficulty=0.5,
        score=0.0,
        **fields,  # type: ignore[arg-type]
    )


def accepted_answers(answer: str, label: str) -> list[str]:
    """Other forms of the answer a grader should accept ('the Indo-Pacific Command' → 'Indo-Pacific Command').

    Used by the quiz grader alongside its own leniencies.
    """
    out: list[str] = []
    bare = re.sub(r"^(the|a|an)\s+", "", answer, flags=re.I)
    if bare != answer:
        out.append(bare)
    unquoted = answer.strip("“”\"'‘’")
    if unquoted != answer and unquoted not in out:
        out.append(unquoted)
    if label == "PERSON" and len(answer.split()) >= 2:
        out.append(answer.split()[-1])
    abbreviation = re.search(r"\(([A-Z]{2,})\)", answer)
    if abbreviation:
        out.append(abbreviation.group(1))
    return out


class CardMaker:
    """Turns the facts of one article into draft cards of the requested kinds."""

    def __init__(self, parsed: ParsedArticle, kinds: tuple[str, ...], seed: int) -> None:
        self.parsed = parsed
        self.kinds = kinds
        self.seed = seed
        self.source_id = parsed.article.id
        self.by_index = {s.index: s for s in parsed.sentences}

    def rng(self, key: str) -> random.Random:
        return random.Random(f"{self.seed}:{key}")

    def drafts(self, founds: list[Found]) -> list[Draft]:
        out: list[Draft] = []
        for found in founds:
            sentence = self.by_index[found.fact.sentence]
            if found.question:
                out.extend(self.question_cards(found, sentence))
        out.extend(self.cloze_cards(founds))
        out.extend(self.true_false_cards(founds))
        return out

    # -------------------------------------------------------------------- short answer / MC

    def question_cards(self, found: Found, sentence: Sentence) -> list[Draft]:
        fact = found.fact
        question = found.question or ""
        label = fact.answer_type
        out = []
        if "short_answer" in self.kinds:
            card = _card(
                "short_answer",
                fact,
                sentence,
                self.source_id,
                question,
                fact.answer,
                label,
                accepted_answers=accepted_answers(fact.answer, label),
            )
            out.append(Draft(card, fact, sentence, found.priority, label))
        if "multiple_choice" in self.kinds and label in SWAP_LABELS | {"ORG", "TERM"}:
            rng = self.rng(fact.id + ":mc")
            wrong = distractors_for(fact.answer, label, self.parsed.entities, rng, question=question)
            if wrong:
                choices = [fact.answer, *wrong]
                random.Random(f"{self.seed}:{card_id(self.source_id, fact, 'multiple_choice')}").shuffle(
                    choices
                )
                card = _card(
                    "multiple_choice",
                    fact,
                    sentence,
                    self.source_id,
                    question,
                    fact.answer,
                    label,
                    choices=choices,
                )
                out.append(Draft(card, fact, sentence, found.priority * 0.97, label))
        return out

    # --------------------------------------------------------------------------------- cloze

    def statement_for(self, sentence: Sentence, clause: Clause | None) -> str | None:
        """The sentence itself when it reads on its own and is short enough, else its main clause."""
        text = sentence.text.strip()
        words = re.findall(r"[A-Za-z0-9']+", text)
        first = words[0].lower() if words else ""
        if len(words) <= MAX_STATEMENT_WORDS and first not in LEADING_VAGUE and not text.endswith("?"):
            return text
        if clause is not None and _finite(clause):
            statement = clause.statement()
            first = re.sub(r"[^\w]", "", statement.split()[0]).lower() if statement else ""
            if len(statement.split()) <= MAX_STATEMENT_WORDS and first not in LEADING_VAGUE:
                return statement
        return None

    def cloze_cards(self, founds: list[Found]) -> list[Draft]:
        if "cloze" not in self.kinds:
            return []
        by_sentence: dict[int, list[Found]] = {}
        for found in founds:
            by_sentence.setdefault(found.fact.sentence, []).append(found)
        out = []
        for index, group in by_sentence.items():
            sentence = self.by_index[index]
            used: list[str] = []
            for found in sorted(group, key=lambda f: -f.priority):
                fact = found.fact
                statement = self.statement_for(sentence, found.clause)
                if statement is None:
                    continue
                if fact.answer_type not in CLOZE_LABELS or fact.answer_type in (
                    "DEFINITION",
                    "LIST",
                    "REASON",
                ):
                    continue
                answer = fact.answer
                if any(normalize(answer) == normalize(u) for u in used):
                    continue
                cloze = _cloze_text(statement, answer)
                if cloze is None:
                    continue
                question, cloze_markup = cloze
                card = _card(
                    "cloze",
                    fact,
                    sentence,
                    self.source_id,
                    question,
                    answer,
                    fact.answer_type,
                    cloze=cloze_markup,
                    accepted_answers=accepted_answers(answer, fact.answer_type),
                )
                out.append(Draft(card, fact, sentence, found.priority * 0.95, fact.answer_type))
                used.append(answer)
        return out

    # ---------------------------------------------------------------------------- true/false

    def true_false_cards(self, founds: list[Found]) -> list[Draft]:
        if "true_false" not in self.kinds:
            return []
        out = []
        done: set[int] = set()
        for found in founds:
            fact = found.fact
            clause = found.clause
            if clause is None or fact.sentence in done or fact.answer_type not in SWAP_LABELS:
                continue
            if clause.verb.dep_ != "ROOT" or found.answer_tokens is None:
                continue
            sentence = self.by_index[fact.sentence]
            statement = self.statement_for(sentence, clause)
            if statement is None or fact.answer not in statement or statement.count(fact.answer) != 1:
                continue
            if any(q in statement for q in '“”"'):
                continue  # a quotation is the speaker's words: not a statement to judge true or false
            rng = self.rng(fact.id + ":tf")
            truth = rng.random() < 0.5
            if truth:
                shown = statement
                extra = "true"
            else:
                wrong = distractors_for(fact.answer, fact.answer_type, self.parsed.entities, rng, count=1)
                if not wrong:
                    continue
                shown = statement.replace(fact.answer, wrong[0], 1)
                extra = "false:" + wrong[0]
            question = "True or false: " + shown
            card = _card(
                "true_false",
                fact,
                sentence,
                self.source_id,
                question,
                "True" if truth else "False",
                fact.answer_type,
                extra=extra,
            )
            out.append(Draft(card, fact, sentence, found.priority * 0.8, fact.answer_type))
            done.add(fact.sentence)
        return out


def _finite(clause: Clause) -> bool:
    """A clause that can stand as a sentence: its verb is tensed, or a tensed auxiliary carries it."""
    if clause.aux_text or clause.tense_tag:
        return True
    verb = clause.verb
    if any(c.dep_ in ("aux", "auxpass") and c.tag_ == "TO" for c in verb.children):
        return False
    if verb.tag_ in ("VBD", "VBZ", "VBP", "MD"):
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in verb.children)


def _cloze_text(statement: str, answer: str) -> tuple[str, str] | None:
    """(question with _____, Anki cloze text) when the answer stands exactly once in the statement."""
    pattern = re.compile(rf"(?<!\w){re.escape(answer)}(?!\w)")
    matches = list(pattern.finditer(statement))
    if len(matches) != 1:
        return None
    rest = statement[: matches[0].start()] + statement[matches[0].end() :]
    if re.search(rf"(?<!\w){re.escape(normalize(answer))}(?!\w)", normalize(rest)):
        return None
    start, end = matches[0].span()
    question = statement[:start] + "_____" + statement[end:]
    markup = statement[:start] + "{{c1::" + answer + "}}" + statement[end:]
    if not re.search(r"\w", question.replace("_____", "")):
        return None
    return question, markup
