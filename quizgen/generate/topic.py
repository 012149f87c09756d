"""'The museum' in an article on the Victoria and Albert Museum: the article's subject, named by its
head noun alone, which a card lifted out of the article must name.

A learner who meets "In 2002, the Museum acquired the Costiff collection" on a card does not know
which museum; the article's reader does. Such a mention is annotated as pronouns are: "the Museum
[Victoria and Albert Museum]". It is read as the article's subject only when nothing else could be
meant: the article is titled after a proper name ("Victoria and Albert Museum", "Apollo program",
"Kenya"), the noun is that name's head ("museum", "program"; "country" or "nation" for a country),
it stands bare ("the museum", not "the museum of childhood", "the new museum") as the subject of its
sentence or the subject's owner ("the museum's collection"), and no other thing
with that head ("the Science Museum", "another museum", "other countries") is named in the sentence
or the two before it.
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
    mentions: dict[tuple[int, int], str] = field(default_factory=dict)  # (doc id, token index) → name

    def refers(self, token: Token) -> str | None:
        return self.mentions.get((id(token.doc), token.i))


def find_topic(parsed: ParsedArticle) -> Topic:
    title = " ".join(parsed.article.title.replace("_", " ").split())
    words = title.split()
    if not words or parsed.main_person or not re.fullmatch(r"[\w&'’.\- ]+", title):
        return Topic()
    labels: Counter[str] = Counter(
        e.label_ for s in parsed.sentences for e in s.span.ents if e.text.strip() == title
    )
    if len(words) == 1:
        # a country titled by its name ("Kenya"): "the country", "the nation"
        if not labels or labels.most_common(1)[0][0] != "GPE":
            return Topic()
        heads = COUNTRY_NOUNS
    else:
        # a proper name as the article's prose writes it ("the Apollo program", "Victoria and Albert
        # Museum"), not a headline ("The Construction of the Panama Canal")
        if words[0].lower() in ("the", "a", "an"):
            return Topic()
        prose = "\n".join(p.text for p in parsed.article.paragraphs if not p.heading)
        written = re.findall(rf"(?<!\w){re.escape(title)}(?!\w)", prose, re.IGNORECASE)
        if not any(w[:1].isupper() or w[:1].isdigit() for w in written):
            return Topic()  # never in the prose, or "immune system": a common noun, not one named thing
        named = words[: words.index("of")] if "of" in words[1:] else words  # "Museum of Art" → museum
        head = named[-1].lower()
        if not head.isalpha():
            return Topic()
        heads = {head}
    topic = Topic(name=title, heads=heads)
    recent: list[bool] = []  # per sentence: does it name another thing of the same kind?
    for sentence in parsed.sentences:
        rival = _names_another(sentence.span, topic)
        ambiguous = rival or any(recent[-WINDOW:])
        if not ambiguous and title.lower() not in sentence.text.lower():
            for tok in sentence.span:
                if _bare_mention(tok, heads):
                    topic.mentions[(id(tok.doc), tok.i)] = title
                    break  # the first is enough for a reader
        recent.append(rival)
    return topic


def _bare_mention(token: Token, heads: set[str]) -> bool:
    if token.lower_ not in heads or token.pos_ not in ("NOUN", "PROPN"):
        return False
    # the subject, or the subject's owner ("The country's literacy level"): a thing in a phrase
    # ("the European theatre of the war") may be another of its kind
    role = token.dep_ if token.dep_ != "poss" else token.head.dep_
    if role not in ("nsubj", "nsubjpass"):
        return False
    return _is_bare(token)


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
