"""Sentences → typed facts, each with the question that asks for it.

Every pattern reads the dependency parse (and, for acronyms and dash definitions, the surface
text, since spaCy's entity labels cannot be trusted there). A `Found` pairs the public `Fact`
with what the question stage needs: the clause it came from and a ready wh-question when the
pattern has one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizgen.generate import lexicon
from quizgen.generate.clauses import (
    QUOTE_CHARS,
    Clause,
    build_clause,
    finish_question,
    lower_first_word,
    render,
    tidy,
    wh_question,
)
from quizgen.generate.references import (
    UNRESOLVED_IN_QUESTION,
    History,
    new_history,
    possessive_substitutions,
    resolve_subject,
)
from quizgen.models import Fact, FactKind, Span, stable_id

if TYPE_CHECKING:
    from spacy.tokens import Token

    from quizgen.generate.people import People
    from quizgen.nlp import ParsedArticle, Sentence

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
SAY_VERBS = {
    "say",
    "state",
    "tell",
    "declare",
    "proclaim",
    "write",
    "add",
    "note",
    "announce",
    "explain",
    "remark",
    "recall",
    "insist",
    "argue",
    "warn",
    "claim",
    "observe",
    "reply",
    "comment",
    "tweet",
}
ACRONYM_RE = re.compile(
    r"((?:[A-Z][\w'’.-]*\s+(?:(?:of|and|for|the|on|in|de|du|des|la|le|to|&)\s+)*){1,8}"
    r"[A-Z][\w'’.-]*)\s+\(([A-Z][A-Za-z&.-]{1,9})\)"
)
DASH_DEFINITION_RE = re.compile(r"([“\"][^”\"]{3,60}[”\"])\s*[—–]\s*([^—–]{8,160}?)\s*[—–]")


@dataclass
class Found:
    """A fact and the material to ask about it."""

    fact: Fact
    question: str | None
    clause: Clause | None = None
    answer_tokens: list[Token] | None = None
    priority: float = 1.0
    definition: bool = False


def extract_facts(parsed: ParsedArticle) -> list[Fact]:
    """The facts of an article, in text order (what `quizgen facts` shows)."""
    return [found.fact for found in find_facts(parsed)]


def find_facts(parsed: ParsedArticle, people: People | None = None) -> list[Found]:
    """Every fact of every sentence, with its question where one can be asked cleanly."""
    history = new_history(parsed, people)
    results: list[Found] = []
    for sentence in parsed.sentences:
        extractor = _SentenceFacts(sentence, parsed, history)
        try:
            results.extend(extractor.run())
        except (IndexError, ValueError, KeyError, AttributeError, TypeError) as exc:
            # a pattern that trips on an odd parse loses this sentence, never the article
            parsed.failed_sentences.append((sentence.index, f"{type(exc).__name__}: {exc}"))
        history.add_sentence(sentence, extractor.main_subject, extractor.main_subject_resolved)
    seen: set[str] = set()
    unique = []
    for found in results:
        if found.fact.id not in seen:
            seen.add(found.fact.id)
            unique.append(found)
    return unique


class _SentenceFacts:
    """The patterns, applied to one sentence."""

    def __init__(self, sentence: Sentence, parsed: ParsedArticle, history: History) -> None:
        self.sentence = sentence
        self.parsed = parsed
        self.history = history
        self.span = sentence.span
        self.main_subject: list[Token] = []
        self.main_subject_resolved: str | None = None
        self.quoted = _quoted_token_ids(sentence)

    # ----------------------------------------------------------------------------- plumbing

    def fact(
        self,
        kind: FactKind,
        subject: str,
        relation: str,
        obj: str,
        answer: str,
        answer_type: str,
        qualifiers: dict[str, str] | None = None,
        resolved_from: str | None = None,
    ) -> Fact | None:
        text = self.sentence.text
        where = find_span(text, answer)
        if where is None:
            return None
        return Fact(
            id=stable_id(self.parsed.article.id, text, kind.value, answer),
            kind=kind,
            subject=subject,
            relation=relation,
            object=obj,
            answer=answer,
            answer_type=answer_type,
            qualifiers=qualifiers or {},
            sentence=self.sentence.index,
            start=self.sentence.start,
            end=self.sentence.end,
            text=text,
            answer_span=Span(start=where[0], end=where[1]),
            resolved_from=resolved_from,
        )

    def run(self) -> list[Found]:
        found: list[Found] = []
        found.extend(self.acronyms())
        found.extend(self.dash_definitions())
        clauses = list(self.clauses())
        for clause in clauses:
            found.extend(self.clause_facts(clause))
        found.extend(self.titles_and_appositions())
        found.extend(self.quotes(clauses))
        found.extend(self.enumerations(clauses))
        found.extend(self.entity_mentions(found, clauses))
        return found

    def entity_mentions(self, found: list[Found], clauses: list[Clause]) -> Iterator[Found]:
        """Names, places, dates and numbers no pattern asked about: cloze material."""
        asked = {f.fact.answer.lower().removeprefix("the ") for f in found}
        main = next((c for c in clauses if c.verb.dep_ == "ROOT"), None)
        for ent in self.span.ents:
            if ent.label_ not in ASKABLE_LABELS:
                continue
            if ent.root.dep_ in ("compound", "nmod", "poss") and ent.root.head.pos_ == "PROPN":
                continue  # part of a longer name or title ("U.S. Secretary of Defense")
            title_of = [a for a in list(ent.root.ancestors)[:3] if a.ent_type_ == "PERSON" and a.i > ent.end]
            if ent.label_ != "PERSON" and title_of:
                continue  # inside a person's title: "Secretary of [Defense] Lloyd Austin"
            typed = answer_type(list(ent))
            if typed is None:
                continue
            label, core = typed
            text = render(core)
            if "(" in text and ")" not in text:
                text = text.split(" (")[0].strip()
            if not text or text.lower().removeprefix("the ") in asked:
                continue
            fact = self.fact(_kind_for(label, None), text, "mentioned", "", text, label)
            if fact:
                asked.add(text.lower())
                yield Found(
                    fact=fact, question=None, clause=_smallest_clause(clauses, core) or main, priority=0.75
                )
        ent_tokens = {t.i for ent in self.span.ents for t in ent}
        concrete = any(ent.label_ in ASKABLE_LABELS and ent.label_ != "ORDINAL" for ent in self.span.ents)
        # a sentence with a technical noun ("calcidiol") carries facts even without names or numbers
        concrete = concrete or any(
            t.pos_ == "NOUN" and t.is_alpha and lexicon.is_rare(t.text, 3.0) for t in self.span
        )
        for chunk in self.span.noun_chunks:
            defined = chunk.root.dep_ in ("attr", "appos", "oprd") or chunk.root.head.lemma_ in (
                "call",
                "name",
            )
            if not (concrete or defined):
                continue  # a sentence of opinion, with no name, number or definition, is not asked about
            core = [t for t in chunk if t.dep_ not in ("det", "poss") and not t.is_punct]
            if not core or len(core) > 4 or any(t.i in ent_tokens or t.i in self.quoted for t in core):
                continue
            if any(t.pos_ == "PRON" or t.lower_ in UNRESOLVED_IN_QUESTION for t in core):
                continue
            if not any(
                t.pos_ in ("NOUN", "PROPN", "ADJ") and t.is_alpha and lexicon.is_rare(t.text, 4.0)
                for t in core
            ):
                continue
            while core and core[0].pos_ not in ("NOUN", "PROPN", "ADJ", "NUM"):
                core = core[1:]
            text = render(core)
            if not text or text.lower() in asked:
                continue
            fact = self.fact(
                FactKind.DEFINITION if chunk.root.dep_ in ("attr", "appos") else FactKind.EVENT,
                text,
                "mentioned",
                "",
                text,
                "TERM",
            )
            if fact:
                asked.add(text.lower())
                yield Found(
                    fact=fact, question=None, clause=_smallest_clause(clauses, core) or main, priority=0.7
                )

    # -------------------------------------------------------------------------- surface patterns

    def acronyms(self) -> Iterator[Found]:
        for match in ACRONYM_RE.finditer(self.sentence.text):
            long_name, abbr = match.group(1), match.group(2)
            long_name = _trim_to_initials(long_name, abbr)
            if not long_name:
                continue
            fact = self.fact(FactKind.ACRONYM, abbr, "stands for", long_name, long_name, "TERM")
            if fact:
                yield Found(fact=fact, question=f"What does {abbr} stand for?", priority=1.3)

    def dash_definitions(self) -> Iterator[Found]:
        text = self.sentence.text
        for match in DASH_DEFINITION_RE.finditer(text):
            term, definition = match.group(1), tidy(match.group(2))
            if len(definition.split()) > 14 or _has_unresolved(definition):
                continue
            owner = re.search(r"([A-Z][\w.-]*(?:’s|'s))\s*$", text[: match.start(1)])
            subject = f"{owner.group(1)} {term}" if owner else term
            fact = self.fact(FactKind.DEFINITION, subject, "is", definition, definition, "DEFINITION")
            if fact:
                yield Found(fact=fact, question=f"What is {subject}?", priority=1.2, definition=True)

    # --------------------------------------------------------------------------------- clauses

    def clauses(self) -> Iterator[Clause]:
        for tok in self.span:
            if tok.i in self.quoted:
                continue
            clause = None
            if tok.dep_ in ("ROOT", "advcl", "ccomp") and tok.pos_ in ("VERB", "AUX"):
                clause = self.own_subject_clause(tok)
                if clause is None and tok.dep_ == "advcl" and tok.tag_ == "VBG":
                    clause = self.participle_adverbial(tok)
            elif tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX") and tok.head.pos_ in ("VERB", "AUX"):
                own = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children)
                # "the crew departed ..., and the station itself re-entered ...": never borrow a subject
                # for a verb that has its own
                clause = self.own_subject_clause(tok) if own else self.inherited_subject_clause(tok)
            elif tok.dep_ == "relcl":
                clause = self.relative_clause(tok)
            elif tok.dep_ == "acl" and tok.tag_ == "VBN":
                clause = self.participle_clause(tok)
            if clause is not None:
                yield clause

    def _resolve(self, clause: Clause) -> Clause | None:
        replacement, needed = resolve_subject(clause.subject, self.history, self.sentence.index)
        if needed and replacement is None:
            return None
        if needed:
            clause.subject_text = replacement
            clause.resolved_from = render(clause.subject)
            clause.subject_person = replacement == self.parsed.main_person or (
                len(clause.subject) == 1 and clause.subject[0].lower_ in ("he", "she")
            )
        return clause

    def own_subject_clause(self, verb: Token) -> Clause | None:
        clause = build_clause(verb)
        if clause is None:
            return None
        if verb.dep_ == "ROOT":
            self.main_subject = clause.subject
        clause = self._resolve(clause)
        if clause is not None and verb.dep_ == "ROOT":
            self.main_subject_resolved = clause.subject_text
        return clause

    def inherited_subject_clause(self, verb: Token) -> Clause | None:
        head = verb.head
        if any(t.dep_ in ("nsubj", "nsubjpass") for t in verb.doc[head.i + 1 : verb.i]):
            return None  # another subject stands between: "the crew departed ..., and the station re-entered"
        subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if len(subj) != 1 or any(c.dep_ in ("aux", "auxpass") and c.i < verb.i for c in head.children):
            return None
        clause = _borrowed_subject_clause(verb, subj[0])
        return self._resolve(clause) if clause is not None else None

    def participle_adverbial(self, verb: Token) -> Clause | None:
        """'Speaking to Congress on 25 May 1961, Kennedy asked ...' → a clause 'Kennedy spoke to ...'."""
        main = verb.head
        if main.tag_ not in ("VBD", "VBZ", "VBP") and not any(c.dep_ == "aux" for c in main.children):
            return None
        subj = [c for c in main.children if c.dep_ in ("nsubj",)]
        if len(subj) != 1 or any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in verb.children):
            return None
        clause = _borrowed_subject_clause(verb, subj[0])
        if clause is None:
            return None
        clause.fronted = []
        aux = next((c for c in main.children if c.dep_ == "aux"), None)
        clause.tense_tag = (
            "VBD" if (main.tag_ == "VBD" or (aux is not None and aux.tag_ == "VBD")) else main.tag_
        )
        if clause.tense_tag not in ("VBD", "VBZ", "VBP"):
            return None
        return self._resolve(clause)

    def relative_clause(self, verb: Token) -> Clause | None:
        rel = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WDT", "WP")]
        if len(rel) != 1 or rel[0].lower_ not in ("which", "who", "that"):
            return None
        antecedent = verb.head
        if antecedent.pos_ not in ("NOUN", "PROPN"):
            return None
        if antecedent.dep_ == "pobj" and antecedent.head.head.pos_ in ("NOUN", "PROPN"):
            # "the visitation of the Electorate, which began in 1527", "a suspension by FIFA which was
            # lifted": the clause may belong to either noun
            return None
        text = noun_phrase_text(antecedent, exclude={verb.i})
        if not text or _has_unresolved(text):
            return None
        clause = build_clause(verb, subject=[rel[0]])
        if clause is None:
            return None
        clause.subject_text = definite(text)
        clause.subject_person = antecedent.ent_type_ == "PERSON"
        return clause

    def participle_clause(self, verb: Token) -> Clause | None:
        noun = verb.head
        if noun.pos_ not in ("NOUN", "PROPN") or noun.i in self.quoted:
            return None
        text = noun_phrase_text(noun, exclude={verb.i})
        if not text or _has_unresolved(text):
            return None
        plural = noun.tag_ in ("NNS", "NNPS")
        dated = any(t.ent_type_ == "DATE" and re.fullmatch(r"1\d{3}|20\d\d", t.text) for t in verb.subtree)
        present = verb.lemma_ == "know" or (self._present_tense() and not dated)  # "founded in 1995": past
        aux = ("are" if plural else "is") if present else ("were" if plural else "was")
        clause = build_clause(verb, subject=[])
        if clause is None:
            return None
        clause.subject = []
        clause.subject_text = definite(text)
        clause.aux_text = aux
        clause.subject_person = noun.ent_type_ == "PERSON"
        return clause

    def _present_tense(self) -> bool:
        root = self.span.root
        return root.tag_ in ("VBZ", "VBP") or any(c.tag_ == "MD" for c in root.children)

    # ----------------------------------------------------------------------- clause questions

    def clause_facts(self, clause: Clause) -> Iterator[Found]:
        verb = clause.verb
        subject_name = (
            clause.rendered_subject() if clause.subject_text is not None else render(clause.subject)
        )
        clause.substitutions.update(
            possessive_substitutions(
                clause.tokens,
                self.history,
                self.sentence.index,
                subject_name,
                subject_is_person=clause.subject_person
                or any(t.ent_type_ == "PERSON" for t in clause.subject),
                subject_is_named=any(
                    t.ent_type_ in ("ORG", "GPE", "NORP", "LOC", "FAC") or t.pos_ == "PROPN"
                    for t in clause.subject
                ),
            )
        )
        yield from self.subject_fact(clause)
        if verb.lemma_ == "know":
            yield from self.known_fact(clause)
            return
        for child in verb.children:
            if child.i in self.quoted:
                continue
            if child.dep_ in ("dobj", "attr", "oprd", "npadvmod", "dative"):
                yield from self.object_fact(clause, child, prep=None)
            elif child.dep_ == "prep":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        yield from self.object_fact(clause, pobj, prep=child)
            elif child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        yield from self.agent_fact(clause, pobj)
            elif child.dep_ == "advcl":
                yield from self.cause_fact(clause, child)

    def subject_fact(self, clause: Clause) -> Iterator[Found]:
        subject = clause.subject
        if not subject or (clause.subject_text is not None and clause.resolved_from is None):
            return
        verb = clause.verb
        if clause.resolved_from is not None:
            # "She discovered polonium": the answer is who "she" is
            answer = clause.subject_text or ""
            if not clause.subject_person:
                return
            question = wh_question(clause, subject, "Who")
            fact = self._clause_fact(clause, FactKind.EVENT, answer, "PERSON")
            if fact and question:
                yield Found(fact=fact, question=question, clause=clause, answer_tokens=None, priority=0.9)
            return
        if any(t.dep_ in ("conj", "cc") for t in subject):
            return
        typed = answer_type(subject)
        if typed is None:
            return
        label, core = typed
        if label in ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY"):
            return
        wh = subject_wh(core, label, subject)
        if wh is None:
            return
        wh_phrase, answer_toks = wh
        if verb.lemma_ == "be" and _is_copula_definition(verb):
            # "Reykjavik is the capital of Iceland" → "What is the capital of Iceland?", but only when
            # the whole description stays in the question
            kept = {t.i for t in clause.tokens}
            for attr in (c for c in verb.children if c.dep_ == "attr"):
                if any(t.i not in kept for t in attr.subtree):
                    return
        question = wh_question(clause, subject, wh_phrase)
        answer_toks = _trim_answer(answer_toks)
        answer = render(answer_toks)
        kind = FactKind.PASSIVE if verb.tag_ == "VBN" and clause.auxiliaries() else FactKind.EVENT
        fact = self._clause_fact(clause, kind, answer, label)
        if fact and question:
            yield Found(fact=fact, question=question, clause=clause, answer_tokens=answer_toks, priority=1.0)

    def object_fact(self, clause: Clause, head: Token, prep: Token | None) -> Iterator[Found]:
        if head.pos_ in ("PRON", "DET") or head.i in self.quoted:
            return
        verb = clause.verb
        if verb.lemma_ == "be" and head.dep_ == "attr":
            whole = _contiguous(head, [t for t in head.subtree if t.dep_ != "appos"])
            yield from self.definition_fact(clause, head, whole)
            return
        if _is_list(head):
            return  # "X, Y and Z" is one answer of three: asking for it by its first item misleads
        phrase = [t for t in head.subtree if t.dep_ not in ("relcl", "acl") or t.i == head.i]
        phrase = _contiguous(head, phrase)
        if not phrase:
            return
        typed = answer_type(phrase)
        if typed is None:
            return
        label, core = typed
        wh = object_wh(core, label, phrase, prep)
        if wh is None:
            return
        wh_phrase, moved, answer_toks = wh
        question = wh_question(clause, moved, wh_phrase)
        if question is None:
            return
        answer_toks = _trim_answer(answer_toks)
        answer = render(answer_toks)
        kind = _kind_for(label, prep)
        qualifiers = {"prep": prep.lower_} if prep is not None else {}
        fact = self._clause_fact(clause, kind, answer, label, qualifiers)
        if fact:
            yield Found(
                fact=fact,
                question=question,
                clause=clause,
                answer_tokens=answer_toks,
                priority=1.1 if label in ("DATE", "GPE", "LOC", "PERSON") else 1.0,
            )

    def agent_fact(self, clause: Clause, pobj: Token) -> Iterator[Found]:
        """'Polonium was discovered by Marie Curie' → 'Who discovered polonium?'."""
        if _is_list(pobj):
            return
        phrase = _contiguous(pobj, [t for t in pobj.subtree if t.dep_ not in ("relcl", "appos")])
        typed = answer_type(phrase)
        if typed is None:
            return
        label, core = typed
        verb = clause.verb
        if label == "PERSON":
            wh = "Who"
        elif label in ("ORG", "NORP", "GPE"):
            wh = which_phrase(core, label) or "What"
        else:
            return
        from lemminflect import getInflection

        past = getInflection(verb.lemma_, tag="VBD")
        if not past or clause.aux_text:
            return
        patient = clause.rendered_subject() if clause.subject_text is not None else render(clause.subject)
        if not patient or _has_unresolved(patient):
            return
        patient = _lower_common(patient, clause.subject)
        keep = [
            t
            for t in clause.tokens
            if t.i not in clause.subject_ids
            and t.i != verb.i
            and t.dep_ not in ("auxpass", "aux", "neg")
            and not _within(t, pobj.head)
        ]
        if any(
            a.lower_
            in (
                "will",
                "would",
                "can",
                "could",
                "may",
                "might",
                "must",
                "should",
                "has",
                "have",
                "had",
                "is",
                "are",
                "am",
            )
            for a in clause.auxiliaries()
        ):
            return
        subs = dict(clause.substitutions)
        front = [t for t in keep if t in clause.fronted]
        subs.update(lower_first_word(front))
        rest = render([t for t in keep if t not in clause.fronted], subs)
        tail = render(front, subs) if front else ""
        question = finish_question(f"{wh} {past[0]} {patient} {rest} {tail}")
        fact = self._clause_fact(clause, FactKind.PASSIVE, render(core), label)
        if fact:
            yield Found(fact=fact, question=question, clause=clause, answer_tokens=core, priority=1.2)

    def definition_fact(self, clause: Clause, head: Token, phrase: list[Token]) -> Iterator[Found]:
        """'Photosynthesis is the process by which ...' → 'What is photosynthesis?'."""
        if clause.subject_text is not None and clause.resolved_from is None:
            return
        subject = clause.rendered_subject() if clause.resolved_from else render(clause.subject)
        subj_head = clause.subject[0] if clause.subject else None
        if not subject or subj_head is None or _has_unresolved(subject):
            return
        verb = clause.verb
        if verb.tag_ not in ("VBZ", "VBP", "VBD") or any(c.dep_ == "neg" for c in verb.children):
            return
        if not phrase:
            return
        first = phrase[0]
        if first.lower_ not in ("a", "an", "the") and first.tag_ != "PRP$":
            return
        phrase = _trim_answer(phrase)
        answer = render(phrase)
        if len(answer.split()) > 14:
            return
        if _has_unresolved(answer):
            return
        subj_tokens = clause.subject
        is_person = any(t.ent_type_ == "PERSON" for t in subj_tokens) or clause.subject_person
        if is_person:
            return  # "Who was Marie Curie?" has no short answer; her facts are asked one by one
        if any(t.ent_type_ in ("GPE", "LOC", "NORP") for t in subj_tokens):
            return  # "What is Kenya?" has many answers; a country's facts are asked one by one
        if len([t for t in phrase if t.is_alpha and not t.is_stop]) < 2:
            return  # "What was Japan? → the country" says nothing
        subject_text = _lower_common(subject, subj_tokens) if clause.resolved_from is None else subject
        question = finish_question(f"What {verb.text.lower()} {subject_text}")
        typed = answer_type(phrase)
        label = typed[0] if typed and typed[0] not in ("TERM",) else "DEFINITION"
        fact = self._clause_fact(clause, FactKind.DEFINITION, answer, label)
        if fact:
            yield Found(
                fact=fact,
                question=question,
                clause=clause,
                answer_tokens=None,
                priority=1.15,
                definition=True,
            )

    def cause_fact(self, clause: Clause, advcl: Token) -> Iterator[Found]:
        """'... because the soil was too soft' → 'Why did ...?'."""
        marks = [c for c in advcl.children if c.dep_ == "mark"]
        if not marks or marks[0].lower_ != "because":
            return
        reason = [t for t in advcl.subtree if t.i != marks[0].i]
        answer = render(reason)
        if not 2 <= len(answer.split()) <= 14 or _has_unresolved(answer):
            return
        question = wh_question(clause, [], "Why")
        fact = self._clause_fact(clause, FactKind.CAUSE, answer, "REASON")
        if fact and question:
            yield Found(fact=fact, question=question, clause=clause, priority=0.8)

    def known_fact(self, clause: Clause) -> Iterator[Found]:
        """'Donald Trump, known for his "America First" policy' → 'What policy is Donald Trump known for?'."""
        verb = clause.verb
        subject = clause.rendered_subject() if clause.subject_text is not None else render(clause.subject)
        if not subject or _has_unresolved(subject):
            return
        head_noun = verb.head if verb.dep_ == "acl" else None
        if head_noun is not None and (
            # "the interpretation of Islam, known as": the participle may belong to either noun
            (head_noun.dep_ == "pobj" and head_noun.head.lower_ == "of" and head_noun.ent_type_ != "PERSON")
            or head_noun.dep_ == "conj"
            or any(c.dep_ == "conj" for c in head_noun.children)  # "Toyota and Nissan, known as": which one?
        ):
            return
        if any(t.dep_ == "conj" for t in clause.subject):
            return
        person_names = [
            e.text for e in self.span.ents if e.label_ == "PERSON" and e.start <= verb.head.i < e.end
        ]
        if person_names:
            subject = person_names[0]
        aux = clause.aux_text or ("is" if verb.tag_ == "VBN" else None)
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("for", "as"):
                continue
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            phrase = _contiguous(pobj, [t for t in pobj.subtree if t.dep_ not in ("relcl", "acl")])
            core = [t for t in phrase if t.dep_ not in ("poss", "det")]
            named = [t for t in core if t.i < pobj.i]  # the name in front: "“America First” policy"
            if prep.lower_ == "for" and named and pobj.pos_ == "NOUN":
                answer, wh = render(named), f"What {pobj.text}"
            else:
                answer, wh = render(core), "What"
            if not answer or _has_unresolved(answer) or aux is None:
                continue
            question = finish_question(
                f"{wh} {aux} {_lower_common(subject, clause.subject)} known {prep.lower_}"
            )
            kind = FactKind.NAMING if prep.lower_ == "as" else FactKind.ATTRIBUTE
            fact = self._clause_fact(clause, kind, answer, "TERM")
            if fact:
                yield Found(fact=fact, question=question, clause=clause, priority=1.1)

    def _clause_fact(
        self,
        clause: Clause,
        kind: FactKind,
        answer: str,
        label: str,
        qualifiers: dict[str, str] | None = None,
    ) -> Fact | None:
        subject = clause.rendered_subject() if clause.subject_text is not None else render(clause.subject)
        return self.fact(
            kind,
            subject,
            clause.verb.lemma_,
            answer if kind != FactKind.EVENT else "",
            answer,
            label,
            qualifiers,
            resolved_from=clause.resolved_from,
        )

    # -------------------------------------------------------------------- names, titles, quotes

    def titles_and_appositions(self) -> Iterator[Found]:
        for ent in self.span.ents:
            if ent.label_ != "PERSON" or len(ent) < 2 or ent.start in self.quoted:
                continue
            head = ent.root
            # "U.S. Secretary of Defense Lloyd Austin": title tokens left of the name, same phrase
            left = [c for c in head.children if c.i < ent.start and c.dep_ in ("compound", "nmod", "amod")]
            if left:
                first = min(min(t.i for t in c.subtree) for c in left)
                title_toks = [t for t in self.span.doc[first : ent.start]]
                yield from self._title_fact(ent.text, title_toks)
            for child in head.children:
                if child.dep_ == "appos" and child.i > head.i:
                    phrase = _contiguous(child, [t for t in child.subtree if t.dep_ not in ("relcl", "acl")])
                    yield from self._title_fact(ent.text, phrase)

    def _title_fact(self, name: str, title_toks: list[Token]) -> Iterator[Found]:
        if not title_toks or len(title_toks) > 8:
            return
        words = {t.lower_ for t in title_toks}
        if words & {"former", "late", "then", "future", "a", "an", "one", "another"}:
            return
        specific = any(t.pos_ == "PROPN" for t in title_toks) or any(t.tag_ == "PRP$" for t in title_toks)
        if not (words & lexicon.TITLE_WORDS) or not specific:
            return
        subs = possessive_substitutions(title_toks, self.history, self.sentence.index)
        title = render(title_toks, subs)
        if re.search(r"[()]|\band\b", title):
            return  # "the (ASPO) Manager", "the Mueller and Deputy Administrator": a title the parse cut
        if _has_unresolved(title):
            return
        if not title or name in title:
            return
        if len([w for w in title.split() if w.lower() != "the"]) < 2:
            return  # "the President" alone does not say which one
        if sum(1 for t in title_toks if t.text[:1].isupper()) < 2 and "'s" not in title:
            return  # "the Byzantine general" may be any of several: "the U.S. Secretary of Defense" is one
        if not title.lower().startswith("the ") and title_toks[0].tag_ not in ("PRP$",) and "'s" not in title:
            title = "the " + title
        verb = "is" if self._present_tense() else "was"
        question = finish_question(f"Who {verb} {title}")
        fact = self.fact(FactKind.APPOSITION, name, "is", title, name, "PERSON")
        if fact:
            yield Found(fact=fact, question=question, priority=1.25)

    def quotes(self, clauses: list[Clause]) -> Iterator[Found]:
        text = self.sentence.text
        for match in re.finditer(r"[“\"]([^”\"]{12,400})[”\"]", text):
            quote = match.group(1).strip().rstrip(",")
            words = quote.split()
            if len(words) < 5:
                continue
            speaker = self._speaker(clauses)
            if speaker is None:
                continue
            shown = " ".join(words[:14])
            lowered = {w.lower().strip(".,;:!?’'") for w in shown.split()}
            if lowered & UNRESOLVED_IN_QUESTION:
                continue
            if len(words) > 14:
                shown = shown.rstrip(".,;:") + " …"
            question = f"Who said “{shown}”?"
            fact = self.fact(FactKind.QUOTE, speaker, "said", quote, speaker, "PERSON")
            if fact:
                yield Found(fact=fact, question=question, priority=1.1)

    def _speaker(self, clauses: list[Clause]) -> str | None:
        for tok in self.span:
            if tok.lemma_.lower() not in SAY_VERBS or tok.pos_ != "VERB":
                continue
            node = tok
            for _ in range(3):
                subj = [c for c in node.children if c.dep_ == "nsubj"]
                if subj:
                    return self._person_in(list(subj[0].subtree), subj[0])
                if node.dep_ in ("advcl", "conj", "xcomp") and node.head.i != node.i:
                    node = node.head
                    continue
                break
        return None

    def _person_in(self, tokens: list[Token], head: Token) -> str | None:
        for ent in self.span.ents:
            if ent.label_ == "PERSON" and ent.root.i == head.i:
                return ent.text
        if len(tokens) == 1 and head.lower_ in ("he", "she"):
            return self.history.resolve_pronoun(head, self.sentence.index)
        return None

    def enumerations(self, clauses: list[Clause]) -> Iterator[Found]:
        """'X has three phases: A, B, C.' → 'What are the three phases of X?' (answer: the list)."""
        for tok in self.span:
            if tok.dep_ != "nummod" or tok.head.tag_ not in ("NNS", "NNPS"):
                continue
            noun = tok.head
            nxt = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
            if nxt is None or nxt.text != ":":
                continue
            items_start = nxt.i + 1
            end = items_start
            while end < self.span.end and self.span.doc[end].text not in (".", ";"):
                end += 1
            answer = tidy(self.span.doc[items_start:end].text)
            if not 2 <= len(answer.split()) <= 15 or ("," not in answer and " and " not in answer):
                continue
            verb = noun.head
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if verb.lemma_ not in ("have", "include", "comprise", "consist", "involve") or subject is None:
                continue
            clause = next((c for c in clauses if c.verb.i == verb.i), None)
            owner = (
                clause.rendered_subject() if clause and clause.subject_text else render(list(subject.subtree))
            )
            if not owner or _has_unresolved(owner):
                continue
            owner = _lower_common(owner, list(subject.subtree))
            question = finish_question(f"What are the {tok.text} {noun.text} of {owner}")
            fact = self.fact(
                FactKind.ENUMERATION, owner, f"has {tok.text} {noun.text}", answer, answer, "LIST"
            )
            if fact:
                yield Found(fact=fact, question=question, priority=1.0)


# ------------------------------------------------------------------------------ helper functions


def _is_list(head: Token) -> bool:
    """A noun with coordinated siblings ("Becquerel, Pierre Curie and Marie Curie")."""
    return any(child.dep_ == "conj" for child in head.children)


def _borrowed_subject_clause(verb: Token, subject_head: Token) -> Clause | None:
    """A clause for a verb that shares another verb's subject ("Curie discovered X and named it Y")."""
    subject = [t for t in subject_head.subtree if t.dep_ != "appos"]
    clause = build_clause(verb, subject=subject)
    if clause is None:
        return None
    clause.tokens = sorted([*subject, *[t for t in clause.tokens if t not in subject]], key=lambda t: t.i)
    clause.subject_text = render(subject)
    return clause


def _trim_answer(tokens: list[Token]) -> list[Token]:
    """Drop what a cut-off clause leaves at the end of an answer: 'chloroplasts, which' → 'chloroplasts'."""
    tokens = list(tokens)
    while tokens and (
        tokens[-1].tag_ in ("WDT", "WP", "DT", "CC", "IN", "TO")
        or (tokens[-1].is_punct and tokens[-1].text not in QUOTE_CHARS + ")")
    ):
        tokens.pop()
    return tokens


def _smallest_clause(clauses: list[Clause], tokens: list[Token]) -> Clause | None:
    """The shortest clause that contains all the tokens (for a cloze that reads on its own)."""
    ids = {t.i for t in tokens}
    holding = [c for c in clauses if ids <= {t.i for t in c.tokens}]
    return min(holding, key=lambda c: len(c.tokens)) if holding else None


def _quoted_token_ids(sentence: Sentence) -> set[int]:
    inside: set[int] = set()
    open_quote = False
    for tok in sentence.span:
        if tok.text in ("“", "”", '"'):
            if tok.text == "“" or (tok.text == '"' and not open_quote):
                open_quote = True
            else:
                open_quote = False
            continue
        if open_quote:
            inside.add(tok.i)
    return inside


def find_span(text: str, answer: str) -> tuple[int, int] | None:
    """Where the answer stands in the text (exact first, then ignoring case)."""
    if not answer:
        return None
    pos = text.find(answer)
    if pos < 0:
        pos = text.lower().find(answer.lower())
    if pos < 0:
        return None
    return pos, pos + len(answer)


def _has_unresolved(text: str) -> bool:
    return bool({w.lower().strip(".,;:!?’'\"“”") for w in text.split()} & UNRESOLVED_IN_QUESTION)


def _contiguous(head: Token, tokens: list[Token]) -> list[Token]:
    """The unbroken run of `tokens` around `head` (dropping what a removed clause left behind)."""
    ids = {t.i for t in tokens}
    doc = head.doc
    start = end = head.i
    while start - 1 in ids:
        start -= 1
    while end + 1 in ids:
        end += 1
    run = [doc[i] for i in range(start, end + 1)]
    while run and run[-1].is_punct and run[-1].text not in QUOTE_CHARS:
        run.pop()
    while run and run[0].is_punct and run[0].text not in QUOTE_CHARS:
        run.pop(0)
    return run


def _within(token: Token, ancestor: Token) -> bool:
    node = token
    while True:
        if node.i == ancestor.i:
            return True
        if node.head.i == node.i:
            return False
        node = node.head


ACRONYM_STOP = {"of", "and", "for", "the", "on", "in", "de", "du", "des", "la", "le", "to", "&"}


def _spells(words: list[str], letters: str) -> bool:
    """Whether the words spell the acronym: each content word gives its first letter and may give
    more of its letters in order ("Headquarters" → H, Q); small words may give theirs or not."""
    if not words:
        return not letters
    word, rest = words[0], words[1:]
    lower = word.lower()
    if lower in ACRONYM_STOP and _spells(rest, letters):
        return True
    if not letters or word[0].upper() != letters[0]:
        return False
    # the first letter is taken; try taking k more letters from later in the word
    tail = word[1:].upper()
    for extra in range(0, min(3, len(letters) - 1) + 1):
        wanted = letters[1 : 1 + extra]
        pos = 0
        ok = True
        for ch in wanted:
            pos = tail.find(ch, pos)
            if pos < 0:
                ok = False
                break
            pos += 1
        if ok and _spells(rest, letters[1 + extra :]):
            return True
    return False


def _trim_to_initials(long_name: str, abbr: str) -> str | None:
    """Keep the last words of `long_name` whose initials spell the acronym ('a Joint Force HQ ...')."""
    letters = "".join(c for c in abbr.upper() if c.isalpha())
    if letters.endswith("S") and len(letters) > 2 and abbr.endswith("s"):
        letters = letters[:-1]
    words = long_name.split()
    for start in range(len(words)):
        candidate = words[start:]
        if candidate[0].lower() in ACRONYM_STOP or not candidate[0][0].isupper():
            continue
        parts = [p for w in candidate for p in w.split("-") if p]
        if _spells(parts, letters):
            return " ".join(candidate)
    return None


def noun_phrase_text(noun: Token, exclude: set[int]) -> str:
    """The noun's phrase without the subtrees rooted at `exclude` (a relative clause, a participle)."""
    drop: set[int] = set()
    for tok in noun.subtree:
        if tok.i in exclude or (tok.dep_ in ("relcl", "acl", "appos") and tok.head.i == noun.i):
            drop.update(t.i for t in tok.subtree)
    tokens = [t for t in noun.subtree if t.i not in drop]
    tokens = _contiguous(noun, tokens)
    return render(tokens)


def definite(text: str) -> str:
    """'a high-profile meeting' → 'the high-profile meeting' (it is now a known thing)."""
    return re.sub(r"^(a|an|the)\s+", "the ", text, flags=re.I)


def _lower_common(text: str, tokens: list[Token]) -> str:
    """Lower-case the first word if it is a common word that began the sentence.

    Stricter than `lower_first_word` (used for fronted adverbials): a subject's first word that is
    part of a name ("Iceland" tagged as a noun) keeps its capital.
    """
    if text.startswith("The ") or text.startswith("A ") or text.startswith("An "):
        return text[0].lower() + text[1:]
    if tokens:
        first = min(tokens, key=lambda t: t.i)
        if (
            first.is_sent_start
            and first.pos_ not in ("PROPN",)
            and not first.ent_type_
            and text.startswith(first.text)
        ):
            if not (len(first.text) > 1 and first.text.isupper()):
                return text[0].lower() + text[1:]
    return text


def _is_copula_definition(verb: Token) -> bool:
    return any(c.dep_ == "attr" for c in verb.children)


def _kind_for(label: str, prep: Token | None) -> FactKind:
    if label in ("DATE", "TIME"):
        return FactKind.DATE
    if label in ("GPE", "LOC", "FAC"):
        return FactKind.LOCATION
    if label in NUMERIC_LABELS:
        return FactKind.QUANTITY
    return FactKind.EVENT


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
