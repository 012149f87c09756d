"""'The museum' in an article on the Victoria and Albert Museum, 'the bacterium' after 'the bacterium
Yersinia pestis': a bare definite noun whose referent a card lifted out of the article must name.

A learner who meets "In 2002, the Museum acquired the Costiff collection" on a card does not know
which museum; the article's reader does. Such a mention is annotated as pronouns are: "the Museum
[Victoria and Albert Museum]". Two sources of a referent:

- The article's subject, read as such only when nothing else could be meant: the title is, or holds,
  a proper name the prose writes ("Victoria and Albert Museum"; "Suez Canal" of "Study Notes: The
  Suez Canal"; "Lake Baikal", written "Baikal" in the prose), the noun is that name's head
  ("museum", "canal", "lake"; "country" or "nation" for a country), it stands bare ("the museum",
  not "the museum of childhood", "the new museum") as the subject of its sentence or the subject's
  owner ("the museum's collection"), and no other thing with that head ("the Science Museum",
  "another museum", "other countries") is named in the sentence or the two before it.
- A name the article tied to the noun: "the Bureau of Labor Statistics" → "The bureau [Bureau of
  Labor Statistics]"; "the bacterium Yersinia pestis" or "Yersinia pestis, a bacterium" → "The
  bacterium [Yersinia pestis]" (see `_named_referents`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from quizgen.nlp import ParsedArticle

COUNTRY_NOUNS = {"country", "nation"}
MODIFIERS = {"amod", "compound", "prep", "relcl", "acl", "nummod", "poss", "nmod", "appos"}
WINDOW = 2  # sentences back in which another thing of the same kind makes the mention ambiguous


@dataclass
class Topic:
    """The article's subject and which of its bare mentions ('the museum') stand for it."""

    name: str | None = None
    heads: set[str] = field(default_factory=set)
    with_article: bool = False  # the article writes "the Netherlands", not "Netherlands"
    mentions: dict[tuple[int, int], str] = field(default_factory=dict)  # (doc id, token index) → name

    def refers(self, token: Token) -> str | None:
        return self.mentions.get((id(token.doc), token.i))


def find_topic(parsed: ParsedArticle) -> Topic:
    topic = _article_subject(parsed)
    _named_referents(parsed, topic)
    return topic


def _article_subject(parsed: ParsedArticle) -> Topic:
    title = " ".join(parsed.article.title.replace("_", " ").split())
    words = title.split()
    if not words or parsed.main_person:
        return Topic()
    prose = parsed.article.prose()
    labels: Counter[str] = Counter(
        e.label_ for s in parsed.sentences for e in s.span.ents if e.text.strip() == title
    )
    if len(words) == 1:
        if not re.fullmatch(r"[\w&'’.\-]+", title):
            return Topic()
        # a country titled by its name ("Kenya"): "the country", "the nation"
        if not labels or labels.most_common(1)[0][0] != "GPE":
            return Topic()
        heads = COUNTRY_NOUNS
    else:
        name = _title_name(title, prose)
        if name is None or not re.fullmatch(r"[\w&'’.\- ]+", name):
            return Topic()
        title, words = name, name.split()
        named = words[: words.index("of")] if "of" in words[1:] else words  # "Museum of Art" → museum
        head = named[0].lower() if named[0].lower() in KIND_FIRST else named[-1].lower()
        if not head.isalpha() or head in NOT_KINDS:
            return Topic()
        heads = {head}
    with_article = bool(re.search(rf"\b[Tt]he {re.escape(title)}\b", prose))
    topic = Topic(name=title, heads=heads, with_article=with_article)
    recent: list[bool] = []  # per sentence: does it name another thing of the same kind?
    subject_before = False  # the sentence before, in the same paragraph, had the topic as its subject
    paragraph = -1
    for sentence in parsed.sentences:
        rival = _names_another(sentence.span, topic)
        ambiguous = rival or any(recent[-WINDOW:])
        if sentence.paragraph != paragraph:
            subject_before, paragraph = False, sentence.paragraph
        it = _it_subject(sentence.span)
        if it is not None and subject_before:  # "it" carries on the subject whatever else was named
            topic.mentions[(id(it.doc), it.i)] = title
        elif not ambiguous and title.lower() not in sentence.text.lower():
            for tok in sentence.span:
                if _bare_mention(tok, heads):
                    topic.mentions[(id(tok.doc), tok.i)] = title
                    break  # the first is enough for a reader
        subject_before = _subject_is_topic(sentence.span, topic)
        recent.append(rival)
    return topic


def _it_subject(span) -> Token | None:
    """'It lies in the Coral Sea …': the sentence's own subject 'it', opening the sentence (after an
    adverbial at most), not the empty 'it' of 'It is thought that …' or 'It rained'."""
    root = span.root
    it = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ == "it"), None)
    if it is None:
        return None
    before = [t for t in span if t.i < it.i]
    if any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in before) and not (before and before[-1].text == ","):
        return None  # "Rather than a single reef, it is …" is fine; "When the sea warms it …" is not
    if any(c.dep_ in ("ccomp", "xcomp", "csubj") and c.i > root.i for c in root.children) and (
        root.lemma_ in ("be", "seem", "appear", "become", "remain") or root.tag_ == "VBN"
    ):
        return None  # "It is possible to …", "It was thought that …"
    return it


def _subject_is_topic(span, topic: Topic) -> bool:
    """The sentence's main subject is the article's subject: its name, a mention read as it, or 'it'
    read as it."""
    subject = next((c for c in span.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return False
    if (id(subject.doc), subject.i) in topic.mentions:
        return True
    words = span.doc[subject.left_edge.i : subject.right_edge.i + 1].text
    return topic.name is not None and re.sub(r"^[Tt]he ", "", words) == topic.name


KIND_FIRST = {"lake", "mount", "river", "cape", "fort", "port", "gulf", "bay", "isle", "comet", "planet"}
NOT_KINDS = {"death", "age", "ages", "life", "time", "times", "day", "days", "years", "world", "people"}
SMALL_WORDS = {"of", "and", "de", "the", "for", "in", "on", "a", "an", "to", "how", "why", "what"}
MIN_NAME_USES = 2


def _title_name(title: str, prose: str) -> str | None:
    """The proper name a title is about, as the prose writes it: the whole title ("Victoria and
    Albert Museum"), else the name most used in the prose among the title's runs of capitalised
    words ("Suez Canal" of "Study Notes: The Suez Canal", "Lake Baikal" of "Lake Baikal: Siberia's
    Ancient Inland Sea"). None for a headline that names nothing the prose names."""
    words = title.split()
    if words[0].lower() not in ("the", "a", "an") and _written_as_name(title, prose):
        return _as_written(title, prose)
    best: tuple[int, str] | None = None
    written: list[str] = []  # longer names of the title the prose uses
    for part in re.split(r"\s*(?:[:|]|\s[\u2013\u2014-]\s)\s*", title):
        words = part.split()
        for n in range(min(5, len(words)), 1, -1):
            for i in range(len(words) - n + 1):
                gram = words[i : i + n]
                if gram[0].lower() in SMALL_WORDS or gram[-1].lower() in SMALL_WORDS:
                    continue
                if not all(w[:1].isupper() or w in ("of", "and", "de") for w in gram):
                    continue
                name = " ".join(gram)
                # "Baikal" is "Lake Baikal" too
                forms = [name, " ".join(gram[1:])] if gram[0].lower() in KIND_FIRST else [name]
                uses = len(re.findall(rf"(?<!\w)(?:{'|'.join(map(re.escape, forms))})(?!\w)", prose))
                if any(name in longer for longer in written):
                    continue  # "Space Telescope" of "Hubble Space Telescope" also counts the Webb one
                if uses:
                    written.append(name)
                if uses >= MIN_NAME_USES and (best is None or uses > best[0]):
                    best = (uses, name)
    return best[1] if best else None


def _as_written(title: str, prose: str) -> str:
    """The title as the prose writes it: a headline in capitals ("HOOVER DAM") is "Hoover Dam"."""
    if not title.isupper():
        return title
    written = re.findall(rf"(?<!\w){re.escape(title)}(?!\w)", prose, re.IGNORECASE)
    forms = Counter(w for w in written if not w.isupper())
    return forms.most_common(1)[0][0] if forms else title


def _written_as_name(title: str, prose: str) -> bool:
    """The prose writes the title, capitalised: a name ("the Apollo program"), not a common noun
    ("immune system")."""
    written = re.findall(rf"(?<!\w){re.escape(title)}(?!\w)", prose, re.IGNORECASE)
    return any(w[:1].isupper() or w[:1].isdigit() for w in written)


def _bare_mention(token: Token, heads: set[str]) -> bool:
    if token.lower_ not in heads or token.pos_ not in ("NOUN", "PROPN"):
        return False
    return _named_role(token) and _is_bare(token)


def _named_role(token: Token) -> bool:
    """Where a bare "the museum" is the museum the reader knows of: the subject, the subject's owner
    ("The country's literacy level", "The first sketch of the tower") or the object ("Ferrié used the
    tower"); a thing deeper in a phrase ("the European theatre of the war") may be another of its kind."""
    role = token.dep_
    if role == "poss" or (role == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN"):
        role = token.head.dep_ if role == "poss" else token.head.head.dep_
    return role in ("nsubj", "nsubjpass", "dobj")


def _is_bare(token: Token) -> bool:
    """'the museum': one thing, named by the noun alone."""
    dets = [c for c in token.children if c.dep_ == "det"]
    if not dets or dets[0].lower_ != "the" or token.tag_ in ("NNS", "NNPS"):
        return False
    return not any(c.dep_ in MODIFIERS for c in token.children)


def _names_another(span, topic: Topic) -> bool:
    """Another thing with the subject's head noun: 'the Science Museum', 'other countries', 'a museum'."""
    title = (topic.name or "").lower()
    for tok in span:
        if tok.lemma_.lower() not in topic.heads and tok.lower_ not in topic.heads:
            continue
        if title and title in span.text.lower():
            # the subject's own full name is not a rival; its head word inside the name is skipped
            start = span.text.lower().find(title)
            at = tok.idx - span.start_char
            if start <= at < start + len(title):
                continue
        if _is_bare(tok) or tok.dep_ == "attr":
            continue  # "The V&A is the world's largest museum": the subject described, not a rival
        return True
    for ent in span.ents:
        if ent.text.strip().lower() == title:
            continue
        if topic.heads & {ent.text.split()[-1].lower()}:
            return True
        if topic.heads == COUNTRY_NOUNS and ent.label_ == "GPE":
            return True  # "Kenya borders Tanzania. The country …": either may be meant
    return False


NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
REFERENT_WINDOW = 6  # sentences back in which a named thing is still what "the bacterium" means


def _named_referents(parsed: ParsedArticle, topic: Topic) -> None:
    """'The bacterium [Yersinia pestis] was identified in 1894': a bare definite noun whose only
    possible referent is a name the article tied to that noun before.

    A name is tied to a noun when the noun is the name's own head ("the bureau" after "the Bureau of
    Labor Statistics"), its apposition ("Yersinia pestis, a bacterium"; "the bacterium Yersinia
    pestis") or what the name is said to be ("Caffa was a port"). The mention is annotated only
    when exactly one name was ever tied to that noun, the last tie is at most REFERENT_WINDOW
    sentences back, and no other thing of that kind ("a port", "other ports", "the port of Genoa")
    is mentioned in between or in the sentence itself.
    """
    ties: dict[str, set[str]] = {}  # noun → names tied to it so far
    last_tie: dict[str, int] = {}  # noun → index of the last sentence that tied a name to it
    last_other: dict[str, int] = {}  # noun → index of the last sentence with another of its kind
    for number, sentence in enumerate(parsed.sentences):
        span = sentence.span
        tied_here = _ties(span)
        for tok in span:
            noun = tok.lemma_.lower()
            if noun not in ties or len(ties[noun]) != 1 or (id(tok.doc), tok.i) in topic.mentions:
                continue
            if tok.pos_ != "NOUN" or tok.tag_ != "NN" or tok.ent_type_ or not _is_bare(tok):
                continue
            if (tok.dep_ if tok.dep_ != "poss" else tok.head.dep_) not in ("nsubj", "nsubjpass"):
                continue  # the subject (a tie to an object's noun is too often a passing one)
            if number - last_tie[noun] > REFERENT_WINDOW or last_other.get(noun, -1) > last_tie[noun]:
                continue
            name = next(iter(ties[noun]))
            if name.lower() in span.text.lower() or noun in tied_here or _others_of_kind(span, noun, tok):
                continue
            topic.mentions[(id(tok.doc), tok.i)] = name
        for noun, names in tied_here.items():
            ties.setdefault(noun, set()).update(names)
            last_tie[noun] = number
        for tok in span:
            noun = tok.lemma_.lower()
            if noun in ties and noun not in tied_here and _others_of_kind(span, noun, None):
                last_other[noun] = number


def _ties(span) -> dict[str, set[str]]:
    """The names this sentence ties to a common noun, by noun."""
    out: dict[str, set[str]] = {}

    def tie(noun, name: str) -> None:
        if noun.pos_ == "NOUN" and noun.tag_ == "NN" and not noun.ent_type_:
            out.setdefault(noun.lemma_.lower(), set()).add(name)

    for ent in span.ents:
        name = re.sub(r"^(?i:the)\s+", "", ent.text.strip())
        if ent.label_ not in NAME_LABELS or not name[:1].isupper():
            continue
        words = name.split()
        head = words[: words.index("of")] if "of" in words[1:] else words  # Bureau of Labor …
        if len(words) >= 2 and head[-1].isalpha() and head[-1][:1].isupper():
            out.setdefault(head[-1].lower(), set()).add(name)
        root = ent.root
        if root.dep_ == "conj" or any(c.dep_ == "conj" for c in root.children):
            continue  # one of a list: an apposition beside it is as likely the list's
        for child in root.children:
            if child.dep_ == "appos" and _beside(ent.end, child):
                tie(child, name)  # "Alexandre Yersin, a physician"
        if root.dep_ == "appos" and _beside(root.head.i + 1, ent[0]):
            tie(root.head, name)  # "the physician, Alexandre Yersin"
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ == "be":
            for child in root.head.children:
                if child.dep_ == "attr":
                    tie(child, name)  # "Caffa was a port"
    for tok in span:
        # "the bacterium Yersinia pestis", when the tagger did not read the name as one
        for child in tok.children:
            if child.dep_ == "appos" and not child.ent_type_:
                phrase = list(child.subtree)
                if phrase[0].i == tok.i + 1 and _proper(phrase):
                    tie(tok, span.doc[phrase[0].i : phrase[-1].i + 1].text)
    return out


def _beside(end: int, token) -> bool:
    """The phrase starting at token comes right after position end, a comma or bracket between."""
    gap = token.doc[end : token.left_edge.i]
    return all(t.text in (",", "(", "–", "—") for t in gap) and len(gap) <= 1


def _proper(words) -> bool:
    """'Yersinia pestis': a name of at most five words, capitalised but for its small words."""
    if not 1 <= len(words) <= 5 or not words[0].text[:1].isupper():
        return False
    return all(t.is_alpha and (t.text[:1].isupper() or t.i > words[0].i) for t in words) and not any(
        t.pos_ in ("VERB", "AUX", "PRON", "ADP", "CCONJ") for t in words
    )


def _others_of_kind(span, noun: str, mention) -> bool:
    """Another thing of the noun's kind in the sentence: 'a port', 'other ports', 'the port of Genoa'."""
    for tok in span:
        if tok is mention or tok.pos_ != "NOUN" or tok.lemma_.lower() != noun:
            continue
        if mention is not None or not _is_bare(tok):
            if not _is_bare(tok):
                return True
    return False
