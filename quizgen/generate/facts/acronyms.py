"""Acronyms spelled out in the text: a capitalised name followed by its initials in brackets.

    "The World Health Organization (WHO) was founded in 1948."
    → acronym fact: WHO stands for World Health Organization
    → "What does WHO stand for?" → World Health Organization

Read off the surface text, not spaCy's entity labels (which often take an acronym for a person).
The name is cut to the last words whose initials spell the acronym: "U.S. forces will form a Joint
Force Headquarters (JFHQ)" → Joint Force Headquarters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from quizgen.generate.facts.shared import Found, SentenceContext
from quizgen.models import FactKind

ACRONYM_RE = re.compile(
    r"((?:[A-Z][\w'’.-]*\s+(?:(?:of|and|for|the|on|in|de|du|des|la|le|to|&)\s+)*){1,8}"
    r"[A-Z][\w'’.-]*)\s+\(([A-Z][A-Za-z&.-]{1,9})\)"
)
ACRONYM_STOP = {"of", "and", "for", "the", "on", "in", "de", "du", "des", "la", "le", "to", "&"}


def acronyms(ctx: SentenceContext) -> Iterator[Found]:
    """'World Health Organization (WHO)' → 'What does WHO stand for?' (answer: the spelled-out name)."""
    for match in ACRONYM_RE.finditer(ctx.sentence.text):
        long_name, abbr = match.group(1), match.group(2)
        long_name = _trim_to_initials(long_name, abbr)
        if not long_name:
            continue
        fact = ctx.fact(FactKind.ACRONYM, abbr, "stands for", long_name, long_name, "TERM")
        if fact:
            yield Found(fact=fact, question=f"What does {abbr} stand for?", priority=1.3)


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
            if start > 1 and words[start - 1].lower() in ACRONYM_STOP and words[0][:1].upper() == letters[0]:
                # "Officer of the Order of the British Empire (OBE)": the initials may stand for the
                # whole title as well as for its tail, so which one is meant is not certain
                return None
            return " ".join(candidate)
    return None
