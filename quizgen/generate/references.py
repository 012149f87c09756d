"""Reference resolution: who "she", "they" or "this effort" stands for, or nothing.

A question must never leave the reader asking "who is *they*?". A pronoun or demonstrative subject
is replaced by the noun it stands for when that noun can be found with confidence (the article's
main person for he/she in a biography, the previous sentence's subject of matching number and
kind, or an earlier noun phrase with the same head noun for "this/these + noun"); otherwise the
clause is not used for questions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from quizgen.generate.clauses import render
from quizgen.generate.people import People, find_people

if TYPE_CHECKING:
    from spacy.tokens import Token

    from quizgen.nlp import ParsedArticle, Sentence

PERSONAL = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
NEUTER = {"it", "its", "itself"}
PLURAL = {"they", "them", "their", "theirs", "themselves"}
DEMONSTRATIVES = {"this", "these", "that", "those"}
ALL_PRONOUNS = PERSONAL | NEUTER | PLURAL | DEMONSTRATIVES
# words that must never stand in a question: the reader cannot see what they point to
UNRESOLVED_IN_QUESTION = PERSONAL | NEUTER | PLURAL | {"this", "these", "those"}


@dataclass
class Mention:
    """A subject seen earlier in the article: what later pronouns may stand for."""

    text: str
    person: bool
    plural: bool
    head_lemma: str
    sentence: int
    named: bool


@dataclass
class History:
    """The recent subjects and noun phrases, updated sentence by sentence."""

    main_person: str | None
    people: People = field(default_factory=People)
    topic_words: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    noun_phrases: list[Mention] = field(default_factory=list)

    def add_sentence(self, sentence: Sentence, subject: list[Token], resolved: str | None) -> None:
        if subject:
            head = _head(subject)
            text = resolved or render(subject)
            person = (resolved is not None and self._is_person_text(resolved)) or head.ent_type_ == "PERSON"
            if head.lower_ not in ALL_PRONOUNS or resolved:
                self.mentions.append(
                    Mention(
                        text=text,
                        person=person,
                        plural=head.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in head.children),
                        head_lemma=head.lemma_.lower(),
                        sentence=sentence.index,
                        named=bool(head.ent_type_) or head.pos_ == "PROPN",
                    )
                )
        for chunk in sentence.span.noun_chunks:
            root = chunk.root
            if root.pos_ == "PRON" or root.lower_ in ALL_PRONOUNS:
                continue
            if chunk[0].lower_ in DEMONSTRATIVES:
                continue
            self.noun_phrases.append(
                Mention(
                    text=chunk.text,
                    person=root.ent_type_ == "PERSON",
                    plural=root.tag_ in ("NNS", "NNPS"),
                    head_lemma=root.lemma_.lower(),
                    sentence=sentence.index,
                    named=bool(root.ent_type_) or root.pos_ == "PROPN",
                )
            )
        self.noun_phrases = self.noun_phrases[-60:]
        self.mentions = self.mentions[-12:]

    def _is_person_text(self, text: str) -> bool:
        return self.main_person is not None and text == self.main_person

    def resolve_pronoun(self, token: Token, sentence_index: int) -> str | None:
        """The noun a personal pronoun stands for, or None when unsure."""
        word = token.lower_
        recent = [m for m in self.mentions if sentence_index - m.sentence <= 2]
        if word in PERSONAL:
            return self.people.resolve(token)  # decided for the whole article (people.py)
        if word in NEUTER:
            if recent:
                last = recent[-1]
                on_topic = last.named or last.head_lemma in self.topic_words
                if not last.person and not last.plural and on_topic and last.sentence == sentence_index - 1:
                    return last.text
            return None
        if word in PLURAL:
            if recent:
                last = recent[-1]
                on_topic = last.named or last.head_lemma in self.topic_words
                if last.plural and on_topic and last.sentence == sentence_index - 1:
                    return last.text
            return None
        return None

    def resolve_demonstrative(self, noun: Token, sentence_index: int) -> str | None:
        """'This treaty' → the earlier noun phrase with the same head noun ('the Treaty of Paris')."""
        lemma = noun.lemma_.lower()
        for mention in reversed(self.noun_phrases):
            if sentence_index - mention.sentence > 3:
                break
            if mention.head_lemma == lemma and mention.named and mention.sentence < sentence_index:
                return mention.text
        return None


def _head(tokens: list[Token]) -> Token:
    ids = {t.i for t in tokens}
    for tok in tokens:
        if tok.head.i not in ids or tok.head.i == tok.i:
            return tok
    return tokens[0]


def resolve_subject(subject: list[Token], history: History, sentence_index: int) -> tuple[str | None, bool]:
    """(replacement text, needed) for a clause subject.

    needed=False: the subject is fine as written. needed=True and text None: it is a pronoun or
    demonstrative that cannot be resolved, so the clause must not be used.
    """
    if not subject:
        return None, False
    head = _head(subject)
    first = min(subject, key=lambda t: t.i)
    if len(subject) == 1 and head.lower_ in PERSONAL | NEUTER | PLURAL:
        return history.resolve_pronoun(head, sentence_index), True
    if len(subject) == 1 and head.lower_ in DEMONSTRATIVES:
        return None, True
    if first.lower_ in DEMONSTRATIVES:
        return history.resolve_demonstrative(head, sentence_index), True
    if any(t.lower_ in ALL_PRONOUNS and t.dep_ in ("poss", "det") for t in subject):
        # "His company" → "Ferdinand de Lesseps's company" when "his" is certain
        subs = possessive_substitutions(subject, history, sentence_index)
        text = render(subject, subs)
        if any(w.lower() in UNRESOLVED_IN_QUESTION for w in text.split()):
            return None, True
        return text, True
    return None, False


def possessive_substitutions(
    tokens: list[Token],
    history: History,
    sentence_index: int,
    subject: str | None = None,
    subject_is_person: bool = False,
    subject_is_named: bool = False,
) -> dict[int, str]:
    """Replace his/her/its/their by "<antecedent>'s" where the antecedent is certain.

    In a clause whose subject is a person, "his"/"her" is that person's ("Curie received her
    doctorate" → "Curie received the doctorate"). Pronouns left unresolved stay in the text;
    questions that still contain one are dropped later.
    """
    subs: dict[int, str] = {}
    for tok in tokens:
        if tok.tag_ == "PRP$" or (tok.dep_ == "poss" and tok.lower_ in ALL_PRONOUNS):
            if subject_is_person and tok.lower_ in ("his", "her"):
                who = history.resolve_pronoun(tok, sentence_index)
                if who is not None and subject is not None:
                    # "her" in a clause about someone else: not certain whose
                    who = subject if (who in subject or subject in who) else None
            elif tok.lower_ in ("its", "their"):
                # "Panama declared its independence": its = Panama's; from another sentence, too unsure
                who = subject if subject_is_named else None
            else:
                who = history.resolve_pronoun(tok, sentence_index)
            if who is not None and who == subject and _ranked(tok):
                continue  # "its first shipment" is not "the first shipment": leave it, and no question
            if who is not None and who == subject:
                subs[tok.i] = "the"  # "Curie received her doctorate" → "... Curie receive the doctorate"
            elif who is not None:
                subs[tok.i] = who + ("'" if who.endswith("s") else "'s")
    return subs


def _ranked(possessive: Token) -> bool:
    """'its first', 'her largest', 'their only': owned and ranked, true only of the owner."""
    noun = possessive.head
    words = [t for t in noun.subtree if t.i > possessive.i and t.i < noun.i] + [noun]
    return any(
        t.tag_ in ("JJS", "RBS") or t.lower_ in ORDINAL_WORDS or t.ent_type_ == "ORDINAL" for t in words
    )


ORDINAL_WORDS = {"first", "last", "only", "second", "third", "final", "sole", "earliest", "latest"}


def new_history(parsed: ParsedArticle, people: People | None = None) -> History:
    words = {w.lower().strip(".,:;!?") for w in parsed.article.title.split()}
    words |= {w[:-1] for w in words if w.endswith("s")}
    return History(main_person=parsed.main_person, people=people or find_people(parsed), topic_words=words)
