"""Who "he" and "she" stand for, decided once for the whole article, or left open.

A pronoun is resolved only when exactly one person named *earlier* (in the same sentence before it,
in the two sentences before, or the article's main person) agrees with it in gender. Gender is
learned from the article itself: titles ("Mrs", "King"), family words ("her husband Pierre"), and
the pronouns used of a person who is the only one named in a sentence, and, for the person a
biography is about, the article's pronouns when one gender clearly dominates them. A person whose
gender the article does not show agrees with both, which makes more pronouns ambiguous.

Two preferences settle some ambiguous pronouns, never inside a quotation: a main-clause subject
pronoun continues the previous sentence's subject when that person is known to be of its gender
("Theo supported him. He …"), and in a biography a pronoun of the main person's gender is the main
person unless someone else named in the sentence, or known to be of that gender, could be meant.

Example: "Marie Curie was born in Warsaw. Her husband Pierre Curie was also a physicist. She won
two Nobel Prizes." → "Her" is Marie Curie's, and "She" is Marie Curie, not Pierre Curie ("husband"
makes him male, and the article's pronouns for her make her female).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from quizgen.generate import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from quizgen.nlp import ParsedArticle

FEMININE = {"she", "her", "hers", "herself"}
MASCULINE = {"he", "him", "his", "himself"}
PERSON_PRONOUNS = FEMININE | MASCULINE
MALE_TITLES = {
    "mr", "mr.", "sir", "king", "lord", "prince", "duke", "count", "baron", "emperor", "pope",
    "father", "brother", "uncle", "son", "husband", "nephew", "grandfather", "grandson", "monsieur",
    "tsar", "czar", "sultan", "earl", "marquis", "archduke", "boyfriend", "widower", "fiancé",
}  # fmt: skip
FEMALE_TITLES = {
    "mrs", "mrs.", "ms", "ms.", "miss", "madame", "mme", "lady", "queen", "princess", "duchess",
    "countess", "baroness", "empress", "dame", "mother", "sister", "aunt", "daughter", "wife",
    "niece", "grandmother", "granddaughter", "tsarina", "girlfriend", "widow", "fiancée", "actress",
}  # fmt: skip
WINDOW = 2  # sentences back that a pronoun may reach
# entity types that are never a person, so a subject of theirs cannot be who "he" means
NOT_PEOPLE = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY", "LAW", "LANGUAGE"}
RARE_WORD_ZIPF = 3.0  # a capitalised subject rarer than this is more likely a name than a word


@dataclass
class People:
    """The article's people, their genders, and what each person pronoun stands for."""

    genders: dict[str, str] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)  # every full name (two words or more) of a person
    # (id of the spaCy Doc, token index) → the person's name, or None when the pronoun is ambiguous
    pronouns: dict[tuple[int, int], str | None] = field(default_factory=dict)

    def resolve(self, token: Token) -> str | None:
        """The person a he/she/his/her token stands for, or None when not certain."""
        return self.pronouns.get((id(token.doc), token.i))


def _gender_of(word: str) -> str | None:
    low = word.lower()
    if low in FEMININE:
        return "f"
    if low in MASCULINE:
        return "m"
    return None


class _Names:
    """Maps every way a person is named ('Marie Curie', 'Curie', 'Marie') to one full name."""

    def __init__(self, parsed: ParsedArticle) -> None:
        full: Counter[str] = Counter()
        for sentence in parsed.sentences:
            for ent in sentence.span.ents:
                if ent.label_ == "PERSON" and len(ent.text.split()) >= 2:
                    full[_clean(ent.text)] += 1
        self.main = parsed.main_person
        self.full = set(full)
        self.by_part: dict[str, set[str]] = defaultdict(set)
        for name in full:
            parts = name.split()
            self.by_part[parts[-1]].add(name)
            self.by_part[parts[0]].add(name)

    def canonical(self, text: str) -> str:
        name = _clean(text)
        if len(name.split()) >= 2:
            return name
        owners = self.by_part.get(name, set())
        if self.main and (self.main in owners or name in self.main.split()):
            return self.main  # in a biography "Curie" alone is the article's Curie
        if len(owners) == 1:
            return next(iter(owners))
        return name


def _clean(text: str) -> str:
    text = text.strip().removesuffix("'s").removesuffix("’s")
    return " ".join(text.split())


def find_people(parsed: ParsedArticle) -> People:
    """Learn genders, then resolve every person pronoun of the article in reading order."""
    names = _Names(parsed)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    people_in: list[list[tuple[int, str]]] = []  # per sentence: (token index, name) of each mention
    for sentence in parsed.sentences:
        mentions: list[tuple[int, str]] = []
        for ent in sentence.span.ents:
            if ent.label_ != "PERSON":
                continue
            name = names.canonical(ent.text)
            mentions.append((ent.start, name))
            before = ent.doc[ent.start - 1] if ent.start > 0 else None
            if before is not None:
                if before.lower_ in MALE_TITLES:
                    votes[name]["m"] += 3
                elif before.lower_ in FEMALE_TITLES:
                    votes[name]["f"] += 3
            # "her husband Pierre", "Pierre Curie, her husband": the family word in apposition
            related = [ent.root.head] if ent.root.dep_ == "appos" else []
            related += [c for c in ent.root.children if c.dep_ == "appos"]
            for word in related:
                if word.lower_ in MALE_TITLES:
                    votes[name]["m"] += 3
                elif word.lower_ in FEMALE_TITLES:
                    votes[name]["f"] += 3
        people_in.append(mentions)
    # pronouns in a sentence, or opening the next one, when only one person is named there
    for i, sentence in enumerate(parsed.sentences):
        named = {n for _, n in people_in[i]}
        if len(named) != 1:
            continue
        (name,) = named
        first_at = min(t for t, _ in people_in[i])
        genders = {_gender_of(t.text) for t in sentence.span if t.i > first_at and _plain_pronoun(t)} - {None}
        if i + 1 < len(parsed.sentences) and not people_in[i + 1]:
            nxt = parsed.sentences[i + 1].span
            genders |= {_gender_of(t.text) for t in nxt if t.dep_ in ("nsubj", "nsubjpass")} - {None}
        if len(genders) == 1:
            votes[name][genders.pop() or ""] += 1
    people = People(names=names.full | ({parsed.main_person} if parsed.main_person else set()))
    for name, counts in votes.items():
        ranked = counts.most_common()
        # one pronoun in one sentence is weak evidence: a gender needs two, or a title or family word
        if ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
            people.genders[name] = ranked[0][0]
    main = parsed.main_person
    if main is not None and main not in people.genders and (gender := _article_gender(parsed)):
        people.genders[main] = gender
    _resolve_all(parsed, people, people_in)
    return people


MAIN_GENDER_SHARE = 3  # the pronouns of one gender outnumber the other's at least this many times
MAIN_GENDER_MIN = 4


def _article_gender(parsed: ParsedArticle) -> str | None:
    """The gender of the person a biography is about: the article's pronouns, when one gender
    clearly dominates them ("she" 30 times, "he" 6 times in a life of Marie Curie)."""
    counts = Counter(
        _gender_of(t.text) for s in parsed.sentences for t in s.span if t.pos_ == "PRON" and _plain_pronoun(t)
    )
    counts.pop(None, None)
    ranked = counts.most_common()
    if not ranked or ranked[0][1] < MAIN_GENDER_MIN:
        return None
    if len(ranked) > 1 and ranked[0][1] < MAIN_GENDER_SHARE * ranked[1][1]:
        return None
    return ranked[0][0]


def _plain_pronoun(token: Token) -> bool:
    """A pronoun that stands for a person by itself ('her husband' says nothing of the husband)."""
    if token.lower_ not in PERSON_PRONOUNS:
        return False
    head = token.head
    return not (token.dep_ == "poss" and head.lower_ in MALE_TITLES | FEMALE_TITLES)


def _resolve_all(parsed: ParsedArticle, people: People, people_in: list[list[tuple[int, str]]]) -> None:
    main = parsed.main_person
    main_seen = False
    known = {w for name in people.names for w in name.split()}  # words of names the article gives in full
    recent: list[list[str]] = []  # names mentioned per earlier sentence, resolved pronouns included
    last_subject: str | None = None  # who the previous sentence's main subject is
    for i, sentence in enumerate(parsed.sentences):
        here: list[str] = []
        mentions = dict(people_in[i])
        subjects = _main_subjects(sentence.span)
        for tok in sentence.span:
            if tok.i in mentions:
                name = mentions[tok.i]
                here.append(name)
                main_seen = main_seen or name == main
                continue
            if (
                main is not None
                and tok.pos_ == "PROPN"
                and tok.text in main.split()
                and tok.text[:1].isupper()
            ):
                here.append(main)  # "Tesla" that the tagger took for a company is still the article's Tesla
                main_seen = True
                continue
            gender = _gender_of(tok.text)
            if gender is None or tok.pos_ != "PRON":
                continue
            candidates = set(here)
            for names in recent[-WINDOW:]:
                candidates |= set(names)
            if main is not None and main_seen:
                candidates.add(main)
            # a person whose gender the article never showed agrees with any pronoun, unless the
            # sentence uses both "he" and "she" words ("he ended the engagement after telling her")
            open_gender = not _both_genders(sentence.span)
            agreeing = {
                n
                for n in candidates
                if people.genders.get(n) == gender or (open_gender and n not in people.genders)
            }
            who = next(iter(agreeing)) if len(agreeing) == 1 else None
            if (
                who is None
                and last_subject in agreeing
                and people.genders.get(last_subject) == gender
                and not _quoted(tok)
                and tok.i in subjects
                and not any(n in agreeing for n in here if n != last_subject)
            ):
                # "Theo supported him. He …": the subject carries on from the sentence before
                who = last_subject
            elif (
                who is None
                and main in agreeing
                and main in people.genders
                and last_subject in (None, main)
                and not _quoted(tok)
                and not any(n in agreeing for n in here if n != main)
                and all(n == main or n not in people.genders for n in agreeing)
            ):
                # a life of Marie Curie, whose pronouns are hers: "she" is Marie Curie unless someone
                # else the article shows to be a woman, or named in this sentence, could be meant
                who = main
            before = [t for t in sentence.span if t.i < tok.i]
            if i > 0:
                before = list(parsed.sentences[i - 1].span) + before
            if who is not None and _other_referent(before, who, known):
                who = None  # someone the tagger did not take for a person may be the one meant
            if tok.text[:1].isupper() and tok.i > sentence.span.start:
                who = None  # "Christ and His salvation": a capital pronoun mid-sentence is a deity
            people.pronouns[(id(tok.doc), tok.i)] = who
            if who is not None:
                here.append(who)
        recent.append(here)
        last_subject = _subject_referent(sentence.span, subjects, mentions, people, main)


def _both_genders(span: Span) -> bool:
    """The sentence speaks of a man and a woman: its he/him/his and she/her are two people."""
    said = {_gender_of(t.text) for t in span if t.pos_ == "PRON" and _plain_pronoun(t)}
    return {"m", "f"} <= said


def _quoted(token: Token) -> bool:
    """Inside quotation marks: someone's words, whose 'he' is the speaker's, not the article's."""
    before = token.doc.text[: token.idx]
    return lexicon.quote_open(before[before.rfind("\n") + 1 :])


def _main_subjects(span: Span) -> set[int]:
    """Token indices of the main clause's subject and of its owner ('His health')."""
    out: set[int] = set()
    for subject in (c for c in span.root.children if c.dep_ in ("nsubj", "nsubjpass")):
        out.add(subject.i)
        out.update(c.i for c in subject.children if c.dep_ == "poss")
    return out


def _subject_referent(
    span: Span, subjects: set[int], mentions: dict[int, str], people: People, main: str | None
) -> str | None:
    """Who the sentence's main subject (or its owner) is: a person named there, a resolved
    pronoun, or the main person by one of their names; None for anything else."""
    for i in sorted(subjects):
        tok = span.doc[i]
        named = next((e for e in span.ents if e.start <= i < e.end), None)
        if named is not None and named.start in mentions:
            return mentions[named.start]
        if (id(tok.doc), i) in people.pronouns:
            return people.pronouns[(id(tok.doc), i)]
        if main is not None and tok.pos_ == "PROPN" and tok.text in main.split():
            return main
    return None


def _other_referent(tokens: list[Token], who: str, known: set[str]) -> bool:
    """Someone else the pronoun may mean, whom the tagger did not read as a person: a person's name
    tagged as a place ('Newton realized … his law'), a proper-noun subject that is not `who` ('Kenya is
    represented by …'), a rare capitalised subject ('Tancred was instrumental … and he'), or two
    capitalised proper nouns in a row that are no entity at all ('D. Brainerd Holmes')."""
    mine = set(who.split())
    run = 0
    for tok in tokens:
        if tok.ent_type_ == "PERSON" or tok.text in mine:
            run = 0
            continue  # a tagged person is a candidate already; `who` is who it is
        if tok.text in known and tok.pos_ == "PROPN":
            return True
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.ent_type_ not in NOT_PEOPLE:
            if tok.pos_ == "PROPN":
                return True
            if (
                tok.text[:1].isupper()
                and tok.pos_ not in ("PRON", "DET")
                and not tok.is_stop
                and lexicon.zipf(tok.lower_) < RARE_WORD_ZIPF
            ):
                return True
        if tok.pos_ == "PROPN" and tok.text[:1].isupper() and not tok.ent_type_:
            run += 1
            if run >= 2:
                return True
        else:
            run = 0
    return False
