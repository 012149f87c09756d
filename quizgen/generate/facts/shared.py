"""What every fact pattern works with: the sentence being read, the `Found` it yields, and the
small token and text helpers several patterns share (answer trimming, unresolved words, casing).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizgen.generate.clauses import QUOTE_CHARS, Clause, render
from quizgen.generate.references import UNRESOLVED_IN_QUESTION, History
from quizgen.models import Fact, FactKind, Span, stable_id

if TYPE_CHECKING:
    from spacy.tokens import Token

    from quizgen.nlp import ParsedArticle, Sentence


@dataclass
class Found:
    """A fact and the material to ask about it."""

    fact: Fact
    question: str | None
    clause: Clause | None = None
    answer_tokens: list[Token] | None = None
    priority: float = 1.0
    definition: bool = False


class SentenceContext:
    """One sentence as the patterns read it: its parse, the article, what came before.

    The clause finders record the sentence's main subject here, for the history that resolves
    the next sentence's pronouns.
    """

    def __init__(self, sentence: Sentence, parsed: ParsedArticle, history: History) -> None:
        self.sentence = sentence
        self.parsed = parsed
        self.history = history
        self.span = sentence.span
        self.main_subject: list[Token] = []
        self.main_subject_resolved: str | None = None
        self.quoted = _quoted_token_ids(sentence)

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
        """A fact of this sentence, or None when the answer does not stand in its text."""
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

    def clause_fact(
        self,
        clause: Clause,
        kind: FactKind,
        answer: str,
        label: str,
        qualifiers: dict[str, str] | None = None,
    ) -> Fact | None:
        """A fact about a clause: its subject and verb, with `answer` asked for."""
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

    def present_tense(self) -> bool:
        """Whether the sentence speaks in the present (its main verb, or a modal)."""
        root = self.span.root
        return root.tag_ in ("VBZ", "VBP") or any(c.tag_ == "MD" for c in root.children)


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


def has_unresolved(text: str) -> bool:
    """Whether the text holds a word that points elsewhere ('it', 'they', 'this'): no question may."""
    return bool({w.lower().strip(".,;:!?’'\"“”") for w in text.split()} & UNRESOLVED_IN_QUESTION)


def contiguous(head: Token, tokens: list[Token]) -> list[Token]:
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


def trim_answer(tokens: list[Token]) -> list[Token]:
    """Drop what a cut-off clause leaves at the end of an answer: 'chloroplasts, which' → 'chloroplasts'."""
    tokens = list(tokens)
    while tokens and (
        tokens[-1].tag_ in ("WDT", "WP", "DT", "CC", "IN", "TO")
        or (tokens[-1].is_punct and tokens[-1].text not in QUOTE_CHARS + ")")
    ):
        tokens.pop()
    return tokens


def lower_common(text: str, tokens: list[Token]) -> str:
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
