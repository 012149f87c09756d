"""Clauses read off the dependency parse, and the two ways quizgen re-words them.

A `Clause` is a verb with its subject and the tokens that belong to it (fronted adverbials,
objects, prepositional phrases), minus what would make a question or statement wander: adverbial
clauses, coordinated clauses, parentheticals. Its subject may be supplied from elsewhere — the
antecedent of "which", the noun a participle modifies, the noun a pronoun stands for — so that the
question reads on its own.

`Clause.statement()` renders it as a declarative sentence (for cloze and true/false cards);
`wh_question()` moves an answer phrase to the front as a wh-word with subject–auxiliary inversion
and do-support.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacy.tokens import Span, Token

# dependents that start a new thought: left out of the clause a question is built from
DETACHED_DEPS = {"advcl", "parataxis", "conj", "cc", "mark", "intj", "meta", "preconj", "dep"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
AUX_DEPS = {"aux", "auxpass"}
DISCOURSE_ADVERBS = {
    "however",
    "meanwhile",
    "moreover",
    "furthermore",
    "also",
    "additionally",
    "nevertheless",
    "nonetheless",
    "instead",
    "thus",
    "therefore",
    "consequently",
    "indeed",
    "still",
    "then",
    "notably",
    "ultimately",
    "eventually",
    "initially",
    "finally",
    "today",
    "now",
    "currently",
}
QUOTE_CHARS = "\"“”‘’'"


@dataclass
class Clause:
    """A verb, its subject, and the tokens of its clause in text order."""

    verb: Token
    subject: list[Token]
    tokens: list[Token]
    subject_text: str | None = None  # replaces the subject tokens when set (resolved / supplied)
    subject_person: bool = False
    aux_text: str | None = None  # an auxiliary the text left out ("the meeting [was] held")
    tense_tag: str | None = None  # the tense a participle clause takes from its main verb
    substitutions: dict[int, str] = field(default_factory=dict)
    fronted: list[Token] = field(default_factory=list)  # adverbials before the subject
    resolved_from: str | None = None

    @property
    def subject_ids(self) -> set[int]:
        return {t.i for t in self.subject}

    def rendered_subject(self) -> str:
        if self.subject_text is not None:
            return self.subject_text
        return render(self.subject, self.substitutions)

    def auxiliaries(self) -> list[Token]:
        """Tensed auxiliaries before the verb ('will', 'has been'); infinitive 'to' is none."""
        return [c for c in self.verb.children if c.dep_ in AUX_DEPS and c.i < self.verb.i and c.tag_ != "TO"]

    def statement(self, replace: dict[int, str] | None = None) -> str:
        """The clause as a declarative sentence, subject first, fronted adverbials kept in front."""
        subs = dict(self.substitutions)
        subs.update(replace or {})
        body = [t for t in self.tokens if t.i not in self.subject_ids]
        parts = []
        fronted = [t for t in body if t in self.fronted]
        if fronted:
            parts.append(render(fronted, subs) + ",")
        subject = self.rendered_subject() if not (replace and self.subject_ids & set(replace)) else None
        if subject is None:
            subject = render(self.subject, subs)
        parts.append(subject)
        if self.aux_text:
            parts.append(self.aux_text)
        parts.append(render([t for t in body if t not in self.fronted], subs))
        text = tidy(" ".join(p for p in parts if p))
        return capitalize_first(re.sub(r"[\s,;:.]+$", "", text)) + "."


def clause_tokens(verb: Token, skip: set[int] | None = None) -> list[Token]:
    """The tokens of the verb's own clause: its subtree minus detached dependents and edge punctuation."""
    skip = set(skip or ())
    excluded: set[int] = set(skip)
    for child in verb.children:
        if child.dep_ in DETACHED_DEPS or (child.dep_ == "ccomp" and _is_quote(child)):
            excluded.update(t.i for t in child.subtree)
        if child.dep_ == "advmod" and (child.lower_ in DISCOURSE_ADVERBS or child.tag_ == "WRB"):
            excluded.add(child.i)  # "however", and "why"/"where" left from a relative construction
        if child.dep_ == "npadvmod" and child.lower_ in DISCOURSE_ADVERBS:
            excluded.add(child.i)
    # relative clauses inside the clause's noun phrases are facts of their own (and make questions long)
    for tok in verb.subtree:
        if tok.dep_ in ("relcl", "advcl") and tok.i != verb.i:
            excluded.update(t.i for t in tok.subtree)
            # and the comma that opened it
            if tok.left_edge.i - 1 >= 0 and tok.doc[tok.left_edge.i - 1].text == ",":
                excluded.add(tok.left_edge.i - 1)
    tokens = [t for t in verb.subtree if t.i not in excluded]
    tokens = _drop_parentheticals(tokens)
    while tokens and (tokens[0].is_punct and tokens[0].text not in QUOTE_CHARS):
        tokens.pop(0)
    while tokens and tokens[-1].is_punct and tokens[-1].text not in QUOTE_CHARS + ")":
        tokens.pop()
    return tokens


def _is_quote(token: Token) -> bool:
    return any(t.text in QUOTE_CHARS for t in token.subtree)


def _drop_parentheticals(tokens: list[Token]) -> list[Token]:
    """Leave out '( ... )' groups and dashes-enclosed asides: they make questions long."""
    out: list[Token] = []
    depth = 0
    for tok in tokens:
        if tok.text == "(":
            depth += 1
            continue
        if tok.text == ")":
            depth = max(0, depth - 1)
            continue
        if depth == 0:
            out.append(tok)
    return out


def fronted_tokens(clause_toks: list[Token], subject: list[Token], verb: Token) -> list[Token]:
    """Adverbial tokens that come before the subject ("In 1898, Curie ...")."""
    if not subject:
        return []
    first_subject = min(t.i for t in subject)
    return [t for t in clause_toks if t.i < first_subject and not t.is_punct and t.dep_ not in AUX_DEPS]


def build_clause(verb: Token, subject: list[Token] | None = None, **kwargs: object) -> Clause | None:
    """A clause for `verb`, with its own subject unless one is given."""
    if subject is None:
        subj = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        if len(subj) != 1:
            return None
        subject = list(subj[0].subtree)
        subject = [t for t in subject if not (t.dep_ == "appos" or _inside_appos(t, subj[0]))]
        # a relative clause or participle phrase on the subject is a fact of its own
        extra: set[int] = set()
        for tok in subject:
            if tok.dep_ in ("relcl", "acl") and tok.head.i == subj[0].i:
                extra.update(t.i for t in tok.subtree)
                for edge in (tok.left_edge.i - 1, tok.right_edge.i + 1):
                    if 0 <= edge < len(verb.doc) and verb.doc[edge].text == ",":
                        extra.add(edge)
        subject = [t for t in subject if t.i not in extra]
        subject = _strip_edge_punct(subject)
    toks = clause_tokens(verb)
    subject_ids = {t.i for t in subject}
    # an apposition to the subject ("Irène, her elder daughter,") stays out of the clause
    appos: set[int] = set()
    for tok in subject:
        for child in tok.children:
            if child.dep_ == "appos":
                appos.update(t.i for t in child.subtree)
                for edge in (child.left_edge.i - 1, child.right_edge.i + 1):
                    if 0 <= edge < len(verb.doc) and verb.doc[edge].text == ",":
                        appos.add(edge)
    removed = {
        t.i for s in [c for c in verb.children if c.dep_ in SUBJECT_DEPS] for t in s.subtree
    } - subject_ids
    toks = [
        t
        for t in toks
        if t.i not in appos and t.i not in removed and (t.i not in subject_ids or t in subject)
    ]
    # drop commas that only enclosed a removed apposition
    if not any(t.i in subject_ids for t in toks):
        toks = subject + toks
    toks = sorted(toks, key=lambda t: t.i)
    fronted = fronted_tokens(toks, subject, verb)
    clause = Clause(verb=verb, subject=subject, tokens=toks, fronted=fronted)
    for key, value in kwargs.items():
        setattr(clause, key, value)
    return clause


def _inside_appos(token: Token, root: Token) -> bool:
    node = token
    while node.i != root.i and node.head.i != node.i:
        if node.dep_ == "appos":
            return True
        node = node.head
    return False


def _strip_edge_punct(tokens: list[Token]) -> list[Token]:
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and tokens[-1].is_punct and tokens[-1].text not in QUOTE_CHARS:
        tokens.pop()
    while tokens and tokens[0].is_punct and tokens[0].text not in QUOTE_CHARS:
        tokens.pop(0)
    return tokens


# ------------------------------------------------------------------------------------- rendering


def render(tokens: list[Token] | Span, substitutions: dict[int, str] | None = None) -> str:
    """Tokens back to text, with replacements (an empty string drops a token)."""
    subs = substitutions or {}
    pieces: list[str] = []
    previous = None
    for tok in sorted(tokens, key=lambda t: t.i):
        text = subs.get(tok.i, tok.text)
        if text == "":
            continue
        if previous is not None and tok.i - previous > 1 and pieces and not pieces[-1].endswith(" "):
            pieces[-1] += " "  # words on both sides of a dropped token ("later, on" → "later on")
        pieces.append(text + (tok.whitespace_ or ""))
        previous = tok.i
    return tidy("".join(pieces))


def tidy(text: str) -> str:
    """Collapse spaces, fix spacing around punctuation, drop unmatched quotes and empty brackets."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.;:?!%])", r"\1", text)
    text = re.sub(r"([(\[“‘])\s+", r"\1", text)
    text = re.sub(r"\s+([)\]”’])", r"\1", text)
    text = re.sub(r"\(\s*\)", "", text)
    text = re.sub(r",\s*,", ",", text)
    text = re.sub(r"^[,;:\s]+", "", text)
    text = _balance_quotes(text)
    if text.count("(") > text.count(")"):
        text = text[: text.rfind("(")].rstrip()  # "the Museum of Modern Art (MoMA" → "... Art"
    return re.sub(r"\s+", " ", text).strip()


def _balance_quotes(text: str) -> str:
    if text.count("“") != text.count("”"):
        text = text.replace("“", "").replace("”", "")
    if text.count('"') % 2:
        text = text.replace('"', "")
    return text


def capitalize_first(text: str) -> str:
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1 :]
    return text


def capital_only_starts_sentence(first: Token) -> bool:
    """Whether a sentence's first word is an ordinary word whose capital only marked the start
    ("The", "That same year", "In 1898"), so it is lower-cased inside a question."""
    if not first.is_sent_start or first.pos_ == "PROPN" or first.text == "I":
        return False
    if first.text.istitle() and _common_word(first.lower_):
        return True
    return not first.ent_type_ and not (len(first.text) > 1 and first.text.isupper())


def lower_first_word(tokens: list[Token]) -> dict[int, str]:
    """Lower-case a sentence-initial common word that now stands inside a question."""
    if not tokens:
        return {}
    first = min(tokens, key=lambda t: t.i)
    if capital_only_starts_sentence(first):
        return {first.i: first.text[0].lower() + first.text[1:]}
    return {}


def _common_word(word: str) -> bool:
    """An everyday English word (so a capital at the start of a sentence is only that), not a name."""
    from quizgen.generate.lexicon import zipf

    return zipf(word) >= 3.5


# ------------------------------------------------------------------------------------ questions


def base_form(verb: Token) -> str:
    """The bare infinitive of a verb ('lauded' → 'laud'), for do-support."""
    from lemminflect import getLemma

    lemmas = getLemma(verb.text.lower(), upos="VERB")
    return lemmas[0] if lemmas else verb.lemma_


TIME_QUALIFIERS = {"later", "earlier", "early", "late", "soon", "shortly", "just", "only"}


def wh_question(
    clause: Clause, answer: list[Token], wh_phrase: str, drop: set[int] | None = None
) -> str | None:
    """Ask for `answer` (tokens of the clause) with `wh_phrase` in front, as English does.

    Subject answers keep the word order ("Who lauded the agreement?"); other answers move to the
    front with subject–auxiliary inversion ("Where will U.S. forces be reconstituted?") or do-support
    ("What did Austin laud?"). Fronted adverbials go to the end ("... discover in 1898?").
    """
    drop = set(drop or ()) | {t.i for t in answer}
    # "Later in 1953 Franklin left …" asked for 1953: "later" goes with the time it qualifies
    drop |= {t.i for t in clause.tokens if t.lower_ in TIME_QUALIFIERS and t.i + 1 in drop}
    subs = dict(clause.substitutions)
    answer_ids = {t.i for t in answer}
    subject_ids = clause.subject_ids
    if answer_ids & subject_ids:
        if not subject_ids <= answer_ids | drop:
            return None
        rest = [t for t in clause.tokens if t.i not in drop and t.i not in subject_ids]
        front = [t for t in rest if t in clause.fronted]
        body = [t for t in rest if t not in clause.fronted]
        parts = [wh_phrase]
        if clause.aux_text:
            parts.append(clause.aux_text)
        parts.append(render(body, subs))
        if front:
            subs.update(lower_first_word(front))
            parts.append(render(front, subs))
        return finish_question(" ".join(parts))

    subject = clause.rendered_subject()
    if clause.subject_text is None:
        subs.update(lower_first_word(clause.subject))
        subject = render(clause.subject, subs)
    if not subject:
        return None
    auxes = [a for a in clause.auxiliaries() if a.i not in drop]
    rest = [t for t in clause.tokens if t.i not in drop and t.i not in subject_ids]
    front = [t for t in rest if t in clause.fronted]
    rest = [t for t in rest if t not in clause.fronted]
    verb = clause.verb
    if clause.aux_text:
        lead = clause.aux_text
    elif auxes:
        lead = subs.get(auxes[0].i, auxes[0].text)
        rest = [t for t in rest if t.i != auxes[0].i]
    elif verb.lemma_ == "be" and verb.pos_ == "AUX":
        lead = verb.text
        rest = [t for t in rest if t.i != verb.i]
    else:
        tag = clause.tense_tag or verb.tag_
        if tag == "VBP" and any(
            t.tag_ in ("NN", "NNP") and t.dep_ in ("nsubj", "nsubjpass") for t in clause.subject
        ):
            tag = "VBD"  # "the bridge cost ...": a singular subject makes an ambiguous form past
        if tag not in ("VBD", "VBZ", "VBP"):
            return None
        lead = {"VBD": "did", "VBZ": "does", "VBP": "do"}[tag]
        subs[verb.i] = base_form(verb)
    if lead and lead[0].isupper() and lead != "I":
        lead = lead.lower()
    parts = [wh_phrase, lead, subject, render(rest, subs)]
    if front:
        subs.update(lower_first_word(front))
        parts.append(render(front, subs))
    return finish_question(" ".join(p for p in parts if p))


def finish_question(text: str) -> str:
    text = tidy(text).rstrip(" ,;:.")
    text = re.sub(r"\s+(’s|'s)\b", r"\1", text)
    return capitalize_first(text) + "?"


def has_own_verb(tokens: Iterable[Token]) -> bool:
    """A lower-case verb other than a participle among `tokens`: a notes label that tells an event
    ("Construction begins"), where a capitalised "verb" is a name the tagger misread ("Said Pasha")."""
    return any(t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN" and t.is_lower for t in tokens)
