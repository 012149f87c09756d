"""Facts → cards of every kind: short answer, multiple choice, cloze and true/false.

Short-answer cards come straight from the facts' wh-questions. Multiple choice reuses those
questions when three same-type distractors can be found. Cloze deletes a key span from the
sentence (or from its main clause, with pronouns resolved, when the whole sentence would be too
long or start with a pronoun). True/false states a clause as it is, or with one entity or number
swapped for a same-type one from the article; the card's context always keeps the true sentence.
"""

from __future__ import annotations

import itertools
import random
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizgen.generate.clauses import Clause
from quizgen.generate.distractors import distractors_for, normalize
from quizgen.generate.facts import ASKABLE_LABELS, Found, find_span
from quizgen.generate.people import PERSON_PRONOUNS, People, find_people
from quizgen.generate.references import UNRESOLVED_IN_QUESTION
from quizgen.generate.topic import Topic, find_topic
from quizgen.models import Card, CardSource, Fact, Span, stable_id, strip_true_false_lead
from quizgen.nlp import ParsedArticle, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

LEADING_VAGUE = UNRESOLVED_IN_QUESTION | {"there", "that", "such"}
MAX_STATEMENT_WORDS = 35
LONG_STATEMENT_WORDS = 25  # longer than this, a blank goes in the clause that holds it, if it can
NEUTER_OR_PLURAL = {"it", "its", "they", "them", "their", "this", "these", "those"}
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
    clause: Clause | None = None  # the clause a wh-question was built from


def card_id(source_id: str, fact: Fact, kind: str, extra: str = "") -> str:
    """Stable id from the source, the fact (its kind, subject and relation) and the answer.

    Neither the question's wording nor the rest of the sentence goes in, so an engine that words a
    question better, or an edit elsewhere in the sentence, keeps the card (and its progress and
    Anki note)."""
    return stable_id(source_id, fact.kind.value, fact.subject, fact.relation, fact.answer, kind, extra)


def _highlight(context: str, answer: str) -> Span | None:
    where = find_span(context, answer)
    return Span(start=where[0], end=where[1]) if where else None


def build_card(
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
    """A card asking `question` of the fact, its context and source the sentence's own (both
    engines build their cards here, so that ids, tags and highlights are made one way)."""
    highlight = fields.pop("highlight", None) or _highlight(sentence.text, answer)
    resolved = fields.pop("resolved", None) or {}
    tags = [f"fact::{found_fact.kind.value}", f"answer::{label.lower()}"]
    return Card(
        id=card_id(source_id, found_fact, kind, extra),
        kind=kind,  # type: ignore[arg-type]
        question=question,
        answer=answer,
        context=sentence.text,
        highlight=highlight,  # type: ignore[arg-type]
        source=CardSource(
            source_id=source_id,
            sentence=sentence.index,
            start=sentence.start,
            end=sentence.end,
            resolved=resolved,  # type: ignore[arg-type]
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
    """Turns the facts of one article into draft cards of the requested kinds.

    One card per fact: multiple choice when three good distractors exist, otherwise short answer.
    Cloze and true/false show the article's sentence as written; a person pronoun whose referent the
    sentence does not name is followed by who it stands for in brackets ("she [Marie Curie]").
    """

    def __init__(
        self, parsed: ParsedArticle, kinds: tuple[str, ...], seed: int, people: People | None = None
    ) -> None:
        self.parsed = parsed
        self.kinds = kinds
        self.seed = seed
        self.people = people or find_people(parsed)
        self.topic = find_topic(parsed)
        self.entities = _choice_pools(parsed.entities, self.people)
        self.source_id = parsed.article.id
        self.by_index = {s.index: s for s in parsed.sentences}
        self._statements: dict[int, tuple[str, dict[str, str]] | None] = {}
        self._clauses: dict[int, list[tuple[str, dict[str, str]]]] = {}

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
        for draft in out:
            draft.card.group = stable_id(self.source_id, "sentence", draft.sentence.text)
        return out

    # -------------------------------------------------------------------- short answer / MC

    def question_cards(self, found: Found, sentence: Sentence) -> list[Draft]:
        fact = found.fact
        question = found.question or ""
        label = fact.answer_type
        wrong = None
        if "multiple_choice" in self.kinds and label in SWAP_LABELS | {"ORG", "TERM"}:
            rng = self.rng(fact.id + ":mc")
            wrong = distractors_for(
                fact.answer, label, self.entities, rng, question=question, sentence=sentence.text
            )
        resolved = _resolution(fact)
        if wrong:
            choices = [fact.answer, *wrong]
            random.Random(f"{self.seed}:{card_id(self.source_id, fact, 'multiple_choice')}").shuffle(choices)
            card = build_card(
                "multiple_choice",
                fact,
                sentence,
                self.source_id,
                question,
                fact.answer,
                label,
                choices=choices,
                resolved=resolved,
            )
            return [Draft(card, fact, sentence, found.priority * 0.97, label, found.clause)]
        if "short_answer" not in self.kinds:
            return []
        card = build_card(
            "short_answer",
            fact,
            sentence,
            self.source_id,
            question,
            fact.answer,
            label,
            accepted_answers=accepted_answers(fact.answer, label),
            resolved=resolved,
        )
        return [Draft(card, fact, sentence, found.priority, label, found.clause)]

    # --------------------------------------------------------------------------------- cloze

    def statement_for(self, sentence: Sentence) -> tuple[str, dict[str, str]] | None:
        """The sentence as written, with person pronouns annotated, when it reads on its own."""
        if sentence.index not in self._statements:
            self._statements[sentence.index] = annotated_statement(sentence, self.people, self.topic)
        return self._statements[sentence.index]

    def clauses_for(self, sentence: Sentence) -> list[tuple[str, dict[str, str]]]:
        """The sentence's independent clauses that read on their own, annotated like the sentence."""
        if sentence.index not in self._clauses:
            self._clauses[sentence.index] = clause_statements(sentence, self.people, self.topic)
        return self._clauses[sentence.index]

    def cloze_cards(self, founds: list[Found]) -> list[Draft]:
        if "cloze" not in self.kinds:
            return []
        by_sentence: dict[int, list[Found]] = {}
        for found in founds:
            by_sentence.setdefault(found.fact.sentence, []).append(found)
        out = []
        for index, group in by_sentence.items():
            sentence = self.by_index[index]
            shown = self.statement_for(sentence)
            long = shown is None or len(re.findall(r"[A-Za-z0-9']+", shown[0])) > LONG_STATEMENT_WORDS
            # a long sentence's blank goes in its own clause when that clause stands alone
            statements = [*self.clauses_for(sentence), shown] if long else [shown]
            used: list[str] = []
            for found in sorted(group, key=lambda f: -f.priority):
                fact = found.fact
                if fact.answer_type not in CLOZE_LABELS - {"DEFINITION", "LIST", "REASON"}:
                    continue
                answer = fact.answer
                if any(normalize(answer) == normalize(u) for u in used):
                    continue
                made = next(
                    ((cloze, s[1]) for s in statements if s and (cloze := cloze_text(s[0], answer))),
                    None,
                )
                if made is None:
                    continue
                (question, cloze_markup), resolved = made
                card = build_card(
                    "cloze",
                    fact,
                    sentence,
                    self.source_id,
                    question,
                    answer,
                    fact.answer_type,
                    cloze=cloze_markup,
                    accepted_answers=accepted_answers(answer, fact.answer_type),
                    resolved=resolved,
                )
                out.append(Draft(card, fact, sentence, found.priority * 0.95, fact.answer_type))
                used.append(answer)
        return out

    # ---------------------------------------------------------------------------- true/false

    def true_false_cards(self, founds: list[Found]) -> list[Draft]:
        """A statement per sentence; false ones swap one name, date or number for a same-type one.

        Every swappable fact of a sentence gives a draft (truth drawn per fact; a false one needs a
        swap); selection keeps one a sentence, about half of them false.
        """
        if "true_false" not in self.kinds:
            return []
        out: list[Draft] = []
        done: set[tuple[int, bool]] = set()  # a true statement of a sentence is made once
        for found in founds:
            fact = found.fact
            if fact.answer_type not in SWAP_LABELS or found.answer_tokens is None:
                continue
            sentence = self.by_index[fact.sentence]
            shown = self.statement_for(sentence)
            if shown is None:
                continue
            statement, resolved = shown
            if any(q in statement for q in '“”"'):
                continue  # a quotation is the speaker's words: not a statement to judge true or false
            if len(re.findall(rf"(?<!\w){re.escape(fact.answer)}(?!\w)", statement)) != 1:
                continue
            rng = self.rng(fact.id + ":tf")
            truth = rng.random() < 0.5
            wrong = distractors_for(
                fact.answer, fact.answer_type, self.entities, rng, count=1, sentence=sentence.text
            )
            if wrong is None:
                truth = True
            elif (fact.sentence, True) in done:
                truth = False
            if truth and (fact.sentence, True) in done:
                continue
            if truth:
                shown_text, extra = statement, "true"
            else:
                assert wrong is not None
                swap = wrong[0]
                at = re.search(rf"(?<!\w){re.escape(fact.answer)}(?!\w)", statement)
                assert at is not None
                shown_text = statement[: at.start()] + swap + statement[at.end() :]
                extra = "false:" + swap
            card = build_card(
                "true_false",
                fact,
                sentence,
                self.source_id,
                "True or false: " + shown_text,
                "True" if truth else "False",
                fact.answer_type,
                extra=extra,
                resolved=resolved,
            )
            out.append(Draft(card, fact, sentence, found.priority * 0.8, fact.answer_type))
            done.add((fact.sentence, truth))
        return out


QUESTION_OPENINGS = {
    "how", "why", "what", "when", "where", "who", "which", "is", "are", "can", "do", "does", "in", "on",
    "for", "against", "my", "our", "your", "let", "stop", "all",
}  # fmt: skip
LABEL_SMALL_WORDS = {"of", "the", "and", "de", "in", "on", "a"}
# a title that names a part of a course, not what it is about ("Chapter 9: Measuring the Stars")
NOT_LABELS = {
    "chapter", "unit", "lesson", "part", "section", "module", "week", "lecture", "topic", "revision",
    "notes", "study", "studies", "summary", "introduction", "overview", "review", "guide", "opinion",
}  # fmt: skip
MAX_LABEL_WORDS = 6


def context_label(parsed: ParsedArticle, topic: Topic) -> str | None:
    """What the article is about, as a short name to put before a card: the person a life is
    about, the article's subject where its title names it ("Panama Canal" of "Construction of the
    Panama Canal", "Thames Barrier" of "THAMES BARRIER"), or the first part of the title that is a
    name ("Krakatoa" of "Krakatoa, 1883: The Eruption Heard Around the World"). None for a headline
    or a question ("How Vaccines Work"): a name picked out of a headline may be a side of the story
    ("Abu Dhabi" of a flight that lands there)."""
    if parsed.main_person:
        return parsed.main_person
    parts = re.split(r"\s*(?::|\s[\u2013\u2014|-]\s|\()\s*", parsed.article.title.replace("_", " "))
    prose = parsed.article.prose()
    names = [name for part in parts if (name := _title_part_name(part, prose))]
    if topic.name and topic.name.lower() in parsed.article.title.lower():
        if topic.name.lower() == parts[0].strip().lower() or names:
            return topic.name  # "Channel Tunnel" of "Under the Sea: How the Channel Tunnel Was Built"
    return names[0] if names else None


def _title_part_name(part: str, prose: str) -> str | None:
    """A part of a title as a name: capitalised words ("Great Chicago Fire of 1871"), not a headline,
    a question or a course label ("Chapter 9", "Study Notes"); a trailing year is left off, and a
    name in capitals is written as the prose writes it ("THE DUST BOWL" → "Dust Bowl")."""
    head = re.sub(r"^(?:The|A|An)\s+", "", part.strip().rstrip(")"), flags=re.I)
    if head.isupper():
        written = re.search(rf"(?<!\w){re.escape(head)}(?!\w)", prose, re.I)
        head = written.group() if written and not written.group().isupper() else head
    head = re.sub(r",\s*\d[\d\s\u2013-]*$", "", head)  # "Krakatoa, 1883": the card may be of another year
    words = head.replace(",", " ").split()
    if not words or len(words) > MAX_LABEL_WORDS or words[0].lower() in QUESTION_OPENINGS | NOT_LABELS:
        return None
    if not all(w[:1].isupper() or w.isdigit() or w in LABEL_SMALL_WORDS for w in words):
        return None
    if head.isupper() or not words[0][:1].isupper() or words[0].isdigit():
        return None
    return head


LEAD = " \u2014 "


def with_lead(card: Card, label: str | None) -> Card:
    """'Krakatoa — In Sumatra, the waves carried a Dutch gunboat, the _____, far inland.': a card
    opens with what the article is about unless it names it already or the name would give its
    answer away, so that a card read on its own says what 'the waves', 'there' or 'other threats'
    belong to. Blind readers kept 24 of 30 cards with the name in front, against 6 of the same 30
    without it. Added to the cards a deck keeps, after ranking (the ranker learnt from cards without
    it); the card's id, answer and source do not change."""
    if label is None:
        return card
    said = set(re.findall(r"\w+", label.lower()))
    if said & set(re.findall(r"\w+", card.question.lower())):
        return card  # the card names it
    stems = {w.removesuffix("s") for w in said}
    answer = card.answer if card.kind != "true_false" else ""
    if stems & {w.removesuffix("s") for w in re.findall(r"\w+", answer.lower())}:
        return card  # "Axolotl — Scientists have studied _____" would give "axolotls" away
    lead = label + LEAD
    if card.kind == "true_false":
        statement = strip_true_false_lead(card.question)
        question = card.question[: len(card.question) - len(statement)] + lead + statement
        return card.model_copy(update={"question": question})
    cloze = lead + card.cloze if card.cloze else card.cloze
    return card.model_copy(update={"question": lead + card.question, "cloze": cloze})


def _choice_pools(entities: dict[str, list[str]], people: People) -> dict[str, list[str]]:
    """The article's entities as choice pools; people only where the article shows them to be people
    (he/she, a title) when it names enough of them, so that 'Niagara Falls' is never a person."""
    pools = dict(entities)
    known = [p for p in entities.get("PERSON", []) if p in people.genders and len(p.split()) >= 2]
    full = known if len(known) >= 4 else [p for p in entities.get("PERSON", []) if p in people.names]
    # a surname alone ('Luther') wants other surnames of people the article names in full
    surnames = [p.split()[-1] for p in full if p.split()[-1][:1].isupper()]
    pools["PERSON"] = list(dict.fromkeys(full + surnames))
    pools.pop("NORP", None)  # the tagger's peoples mix nations, faiths and misread names
    return pools


def _resolution(fact: Fact) -> dict[str, str]:
    """What a wh-question's subject pronoun was read as ({'she': 'Marie Curie'})."""
    if fact.resolved_from and fact.subject and fact.resolved_from.lower() != fact.subject.lower():
        return {fact.resolved_from: fact.subject}
    return {}


def annotated_statement(
    sentence: Sentence, people: People, topic: Topic | None = None
) -> tuple[str, dict[str, str]] | None:
    """The sentence as written, each person pronoun it does not name replaced by who it stands for
    ("In 1891 she followed …" → "In 1891 Marie Curie followed …", "her tutors" → "Ada Lovelace's
    tutors") and a bare mention of the article's subject by its name ("the barrier" → "the Thames
    Barrier", "the country's" → "Kenya's"); what was replaced is returned with it, so the card records
    it. Readers judging cards blind asked for exactly this edit of the bracketed notes ("she [Marie
    Curie]") earlier versions added. None when a pronoun cannot be resolved with certainty or the
    sentence opens on a vague word."""
    text = sentence.text.strip()
    words = re.findall(r"[A-Za-z0-9']+", text)
    if not words or len(words) > MAX_STATEMENT_WORDS or text.endswith("?"):
        return None
    span = sentence.span
    first = next((t for t in span if not t.is_punct), None)
    if first is None:
        return None
    if first.lower_ in LEADING_VAGUE and first.lower_ not in PERSON_PRONOUNS:
        if topic is None or topic.refers(first) is None:  # "It lies …" read as the article's subject
            return None
    replacements: list[tuple[int, int, str]] = []  # (start, end, text) in the sentence
    resolved: dict[str, str] = {}
    seen_nouns = False
    for tok in span:
        low = tok.lower_
        if low in PERSON_PRONOUNS and tok.pos_ == "PRON":
            who = people.resolve(tok)
            if who is None:
                return None
            # named earlier in the sentence (not only as its first word, which a reader may skim past)
            earlier = span.text[len(first.text) : tok.idx - span.start_char]
            named_before = who in earlier or any(part in earlier for part in who.split()[-1:])
            reflexive = low.endswith("self")  # "taught herself": the clause's own subject
            if not named_before and not reflexive and who not in resolved.values():
                at = tok.idx - span.start_char
                owner = tok.tag_ == "PRP$" or low in ("his", "hers")
                replacements.append((at, at + len(tok.text), f"{who}'s" if owner else who))
                resolved[tok.text] = who
        elif topic is not None and (name := topic.refers(tok)):
            replacements.append(_named_mention(tok, span, name, topic))
            resolved[tok.text if tok.pos_ == "PRON" else f"the {tok.text}"] = name
        elif low in NEUTER_OR_PLURAL and tok.pos_ == "PRON" and _points_outside(tok, span, seen_nouns):
            return None  # "it" before any noun of its sentence points outside it
        if tok.pos_ in ("NOUN", "PROPN"):
            seen_nouns = True
    for start, end, note in sorted(replacements, reverse=True):
        text = text[:start] + note + text[end:]
    if len(re.findall(r"[A-Za-z0-9']+", text)) > MAX_STATEMENT_WORDS:
        return None  # the names made it too long to read as one card
    return text, resolved


def _named_mention(tok: Token, span: SpacySpan, name: str, topic: Topic) -> tuple[int, int, str]:
    """Where in the sentence a bare mention gets its name and what it becomes: the noun is replaced
    when it is a word of the name ("the barrier" → "the Thames Barrier"); the article's subject
    named by a kind ("the country") is replaced with its article ("Kenya", or "the Netherlands"
    where the text writes it so); any other mention takes the name after it, as the article tied
    them ("the bacterium" → "the bacterium Yersinia pestis")."""
    start = tok.idx - span.start_char
    end = start + len(tok.text)
    if tok.lower_ in {w.lower() for w in name.split()}:
        return start, end, name
    if name != topic.name:
        return end, end, f" {name}"
    if tok.pos_ == "PRON":  # "it" → "the Great Barrier Reef"
        name = f"the {name}" if topic.with_article else name
        return start, end, name[:1].upper() + name[1:] if tok.text[:1].isupper() else name
    det = next((c for c in tok.children if c.dep_ == "det" and c.i == tok.i - 1), None)
    if det is not None:
        start = det.idx - span.start_char
        name = f"{det.text} {name}" if topic.with_article else name
        if det.text[:1].isupper():
            name = name[:1].upper() + name[1:]
    return start, end, name


def _points_outside(pronoun: Token, span: SpacySpan, seen_nouns: bool) -> bool:
    """A neuter or plural pronoun no noun of its own sentence can be what it stands for."""
    return not seen_nouns or _object_outside(pronoun, span) or _main_subject(pronoun, span)


def _main_subject(pronoun: Token, span: SpacySpan) -> bool:
    """'To catch the comet, it swung past Earth': the main clause's subject 'it'/'they' stands for
    something named before the sentence, whatever nouns an opening phrase holds ('it is possible
    to …', where 'it' stands for nothing, is fine)."""
    if pronoun.lower_ not in ("it", "they") or pronoun.dep_ != "nsubj" or pronoun.head.i != span.root.i:
        return False
    verb = pronoun.head
    extraposed = any(c.dep_ in ("xcomp", "ccomp") for c in verb.children)
    return not (verb.lemma_ in ("be", "become", "seem", "appear", "remain") and extraposed)


CLAUSE_BREAKS = {",", ";"}
MIN_CLAUSE_WORDS = 5


def clause_statements(
    sentence: Sentence, people: People, topic: Topic | None = None
) -> list[tuple[str, dict[str, str]]]:
    """'Britain and France signed the Treaty of Canterbury on 12 February 1986, and it was opened
    by …' → 'Britain and France signed the Treaty of Canterbury on 12 February 1986.': each clause
    of a compound sentence that has its own subject and reads on its own (as `annotated_statement`
    decides), cut at the comma or semicolon before it, as written but for a capital and a full stop.
    The second clause here opens on 'it' and gives nothing. A trailing participle or relative clause
    after a comma (', making it the tallest bridge in the world') is left off the last clause: the
    statement before it is true without it."""
    span = sentence.span
    root = span.root
    end = _trailing_adjunct(span)
    cuts = []
    for verb in root.children:
        if verb.dep_ not in ("conj", "parataxis") or verb.pos_ not in ("VERB", "AUX") or verb.i < root.i:
            continue
        if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
            continue  # "was born in Y and studied in Z": the second verb shares the subject
        tensed = [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))]
        if not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in tensed):
            continue  # "…, a moment broadcast live": no clause of its own
        start = verb.left_edge.i
        gap = span.doc[max(span.start, start - 2) : start]
        if any(t.text in CLAUSE_BREAKS for t in gap) and (end is None or start < end):
            cuts.append(start)
    if not cuts and end is None:
        return []
    out = []
    bounds = [span.start, *cuts, end if end is not None else span.end]
    for a, b in itertools.pairwise(bounds):
        tokens = list(span.doc[a:b])
        while tokens and (tokens[-1].text in CLAUSE_BREAKS or tokens[-1].dep_ == "cc"):
            tokens.pop()
        if len([t for t in tokens if not t.is_punct]) < MIN_CLAUSE_WORDS:
            continue
        piece = span.doc[tokens[0].i : tokens[-1].i + 1]
        offset = piece.start_char - span.start_char
        part = Sentence(
            index=sentence.index,
            span=piece,
            start=sentence.start + offset,
            end=sentence.start + offset + len(piece.text),
            paragraph=sentence.paragraph,
            section=sentence.section,
        )
        shown = annotated_statement(part, people, topic)
        if shown is None:
            continue
        text, resolved = shown
        text = text[0].upper() + text[1:]
        if not re.search(r"[.!?][\u201d\u2019\"')\]]*$", text):
            text += "."
        out.append((text, resolved))
    return out


def _trailing_adjunct(span: SpacySpan) -> int | None:
    """Where a sentence's closing adjunct starts (the comma before ', making it …' or ', which …'):
    a participle or relative clause that runs to the sentence's end, after the main verb."""
    last = span.end - 1
    while last > span.start and span.doc[last].is_punct:
        last -= 1
    for tok in span:
        if tok.i <= span.root.i or tok.right_edge.i < last:
            continue
        participle = tok.dep_ == "advcl" and tok.tag_ == "VBG"
        relative = tok.dep_ == "relcl" and tok.left_edge.lower_ in ("which", "who", "whom")
        comma = tok.left_edge.i - 1
        if (participle or relative) and comma > span.root.i and span.doc[comma].text == ",":
            return comma
    return None


def _object_outside(pronoun: Token, span: SpacySpan) -> bool:
    """'Only one river drains it', '12% of world trade passes through it': an object 'it'/'them'
    cannot stand for its own clause's subject, and no other noun of its number comes before it."""
    if pronoun.lower_ not in ("it", "them") or pronoun.dep_ not in ("dobj", "pobj", "iobj", "dative"):
        return False
    verb = pronoun.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    excluded: set[int] = set()
    while True:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                excluded.update(t.i for t in child.subtree)
        if verb.dep_ not in ("xcomp", "conj") or verb.head.i == verb.i:
            break
        verb = verb.head  # "said to pass through it", "rises and drains it": the subject is above
    number = ("NN", "NNP") if pronoun.lower_ == "it" else ("NNS", "NNPS")
    return not any(t.tag_ in number and t.i not in excluded for t in span.doc[span.start : pronoun.i])


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


def cloze_text(statement: str, answer: str) -> tuple[str, str] | None:
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
