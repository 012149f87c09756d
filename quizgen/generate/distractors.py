"""Wrong answers for multiple choice: same type and form as the right one, never a near-copy.

Candidates for names come from the article (entities with the same label; countries and cities
may come from shipped lists of the same grain); numbers and years are perturbed in their own
format. A candidate is refused if it is a form of the answer (equal, contained, its acronym or
expansion) or is named in the answer's own sentence (it may be true as well), and the three picked
are those closest in length to the answer, so that the right answer is not
predictably the longest.
"""

from __future__ import annotations

import random
import re
import unicodedata

from quizgen.generate import lexicon

STOP = {"the", "of", "and", "a", "an", "in", "on", "for", "to", "at", "by", "de", "van", "von"}
NUMBER_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")


def normalize(text: str) -> str:
    """Lower-case, no punctuation, no leading article: for comparing answers and choices."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[’']s\b", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(r"^(the|a|an)\s+", "", text.strip())
    return " ".join(text.split())


def initials(text: str) -> str:
    """'National Aeronautics and Space Administration' → 'nasa' (capitalised words only)."""
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'-]*", text) if w[0].isupper()).lower()


def is_form_of(candidate: str, answer: str) -> bool:
    """The same thing named another way: 'NASA' and 'the National Aeronautics and Space Administration'."""
    c, a = normalize(candidate), normalize(answer)
    if not c or not a or c == a or c in a or a in c:
        return True
    bare_c, bare_a = c.replace(" ", ""), a.replace(" ", "")
    return (len(bare_c) >= 2 and bare_c == initials(answer)) or (
        len(bare_a) >= 2 and bare_a == initials(candidate)
    )


def _clashes(candidate: str, answer: str, taken: list[str], label: str = "") -> bool:
    c, a = normalize(candidate), normalize(answer)
    if is_form_of(candidate, answer):
        return True
    if c.split()[-1:] in (["the"], ["of"], ["and"], ["de"], ["von"], ["van"]):
        return True  # "Roger the": a name cut short
    if label == "PERSON" and any(
        c.split()[-1] == normalize(other).split()[-1] for other in [answer, *taken] if normalize(other)
    ):
        return True  # "Lawrence Roberts" beside "Larry Roberts" may be the same person
    c_words, a_words = set(c.split()), set(a.split())
    if c_words & a_words and len(a_words) <= 2 and len(c_words) <= 2 and not _is_number(a):
        # "Pierre Curie" vs "Marie Curie" is fine for people; other shared words are near-copies
        if not (len(c_words) == 2 and len(a_words) == 2):
            return True
    return any(is_form_of(candidate, t) for t in taken)


def _is_number(text: str) -> bool:
    return bool(NUMBER_RE.search(text))


def _match_form(candidate: str, answer: str) -> str:
    """Give the candidate the answer's leading 'the' (or not)."""
    has_the = answer.lower().startswith("the ")
    bare = re.sub(r"^the\s+", "", candidate, flags=re.I)
    if not has_the:
        return bare
    # only a name built on a common noun takes "the" ("the Radium Institute", not "the Vigdís Finnbogadóttir")
    if candidate.lower().startswith("the ") or any(w.lower() in lexicon.CLASS_NOUNS for w in bare.split()):
        return ("the " if answer.startswith("the") else "The ") + bare
    return bare


DAY_MONTH_RE = re.compile(
    r"^(\d{1,2})(\s+[A-Z][a-z]+(?:\s+\d{4})?)$|^([A-Z][a-z]+\s+)(\d{1,2})(,?\s+\d{4})?$"
)
DECADE_RE = re.compile(r"^(.*?)(1\d|20)(\d)0s$")


def date_variants(answer: str, rng: random.Random) -> list[str] | None:
    """'26 June 2016' → '19 June 2016', ... (a real day); 'the 1880s' → 'the 1850s', ...; None if not such."""
    match = DAY_MONTH_RE.match(answer)
    if match:
        day = int(match.group(1) or match.group(4))
        offsets = [o for o in (-9, -6, -4, -3, -2, 2, 3, 5, 7, 10) if 1 <= day + o <= 28 and day + o != day]
        rng.shuffle(offsets)
        if match.group(1):
            return [f"{day + o}{match.group(2)}" for o in offsets]
        return [f"{match.group(3)}{day + o}{match.group(5) or ''}" for o in offsets]
    decade = DECADE_RE.match(answer)
    if decade:
        value = int(decade.group(2) + decade.group(3))
        offsets = [-4, -3, -2, -1, 1, 2, 3]
        rng.shuffle(offsets)
        return [f"{decade.group(1)}{value + o}0s" for o in offsets if value + o <= 202]
    return None


def numeric_variants(answer: str, rng: random.Random) -> list[str]:
    """'15.5 percent' → '12.5 percent', '18.5 percent', ...; '1898' → '1893', '1905', ..."""
    dates = date_variants(answer, rng)
    if dates is not None:
        return dates
    match = NUMBER_RE.search(answer)
    if not match:
        return []
    raw = match.group(0)
    has_commas = "," in raw
    digits = raw.replace(",", "")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    value = float(digits)
    out: list[str] = []
    is_year = decimals == 0 and not has_commas and 1000 <= value <= 2100 and len(digits) == 4
    if is_year:
        offsets = [-12, -7, -4, -3, -2, 2, 3, 5, 8, 11]
        rng.shuffle(offsets)
        candidates = [value + o for o in offsets if value + o <= 2100]
    else:
        factors = [0.5, 0.6, 0.75, 0.8, 1.25, 1.5, 2.0, 2.5]
        rng.shuffle(factors)
        candidates = [value * f for f in factors]
        if value < 20 and decimals == 0:
            candidates = [value + d for d in (-3, -2, -1, 1, 2, 3, 5) if value + d > 1]
            rng.shuffle(candidates)
    for number in candidates:
        if decimals:
            text = f"{number:.{decimals}f}"
        else:
            number = round(number)
            if not is_year and number >= 100:
                magnitude = 10 ** max(0, len(str(int(number))) - 2)
                number = round(number / magnitude) * magnitude
            text = f"{int(number):,}" if has_commas else str(int(number))
        rest = answer[match.end() :]
        ordinal = re.match(r"(st|nd|rd|th)\b", rest)
        if ordinal:
            if "centur" in rest and not 1 <= int(float(text.replace(",", ""))) <= 21:
                continue  # no "30th century"
            rest = _ordinal_suffix(int(float(text.replace(",", "")))) + rest[ordinal.end() :]
        variant = answer[: match.start()] + text + rest
        if variant != answer and variant not in out:
            out.append(variant)
    return out


def _ordinal_suffix(number: int) -> str:
    """1 → 'st', 2 → 'nd', 11 → 'th', 21 → 'st'."""
    if 10 <= number % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


def _looks_like_name(text: str) -> bool:
    """'Neil Armstrong' is a name; 'Moon' or 'cubic metres' (taken for people by the tagger) are not."""
    words = [w for w in text.split() if w.lower() not in STOP]
    return (
        bool(words)
        and all(w[:1].isupper() for w in words)
        and not all(lexicon.zipf(w.lower()) >= 4.5 for w in words)
    )


def _clean_name(text: str, article_entities: dict[str, list[str]]) -> bool:
    """A name fit to stand as a choice: capitalised words only, no list or aside inside it, and no
    word the article uses for a people or a language ('Norman French', 'Bruce, Gray, Ramsay')."""
    bare = re.sub(r"^the\s+", "", text, flags=re.I)
    if re.search(r"[,;:()\[\]/\u201c\u201d\"]|\s(and|or|&)\s", bare) or len(bare.split()) > 6:
        return False
    peoples = {
        w for label in ("NORP", "LANGUAGE") for e in article_entities.get(label, []) for w in e.split()
    }
    words = [w for w in bare.split() if w.lower() not in STOP]
    return bool(words) and all(w[:1].isupper() or w[:1].isdigit() for w in words) and not set(words) & peoples


def _same_shape(candidate: str, answer: str) -> bool:
    """'the Kingdom of Sicily' and 'the Kingdom of Naples'; 'Dyrrachium' and 'Thessalonica'."""
    a = re.sub(r"^the\s+", "", answer, flags=re.I).split()
    c = re.sub(r"^the\s+", "", candidate, flags=re.I).split()
    if " of " in f" {' '.join(a)} ":
        return " of " in f" {' '.join(c)} " and c[0].lower() == a[0].lower()
    return abs(len(c) - len(a)) <= 1 and " of " not in f" {' '.join(c)} "


def _pool_for(label: str, answer: str, article_entities: dict[str, list[str]]) -> list[str]:
    same = list(article_entities.get(label, []))
    if label in ("PERSON", "GPE", "ORG", "LOC", "FAC", "NORP"):
        same = [e for e in same if _clean_name(e, article_entities) or label == "NORP"]
    if label == "PERSON":
        want_full = len(answer.split()) >= 2
        # people from the article only: a famous name from elsewhere is absurd beside them
        return [p for p in same if (len(p.split()) >= 2) == want_full and _looks_like_name(p)]
    if label == "GPE":
        countries = lexicon.word_list("countries")
        cities = lexicon.word_list("cities")
        if answer in lexicon.CITIES:
            return [g for g in same if g in lexicon.CITIES] + list(cities)
        if answer in lexicon.COUNTRIES:
            return [g for g in same if g in lexicon.COUNTRIES] + list(countries)
        # a region or a kingdom has no list of its peers: only a place of the same shape will do
        return [g for g in same if _same_shape(g, answer) and " of " in f" {g} "]
    if label == "ORG":
        person_words = {w for p in article_entities.get("PERSON", []) for w in p.split()}
        same = [o for o in same if len(o.split()) >= 2 or (o.isupper() and len(o) >= 2)]
        same = [o for o in same if not set(o.split()) & person_words]  # a person taken for an organisation
        bare = re.sub(r"^the\s+", "", answer, flags=re.I)
        if bare.isupper() and bare.isalpha():  # an acronym wants other acronyms of the article
            return [o for o in same if o.isupper()]
        last = answer.split()[-1].lower() if answer.split() else ""
        if last in lexicon.CLASS_NOUNS:
            # "the Indo-Pacific Command" wants other commands, not any organisation
            return [o for o in same if o.split()[-1].lower() == last]
        return []  # the tagger's organisations are too mixed to offer as choices
    if label == "DATE":
        words = answer.split()
        if answer.lower() in lexicon.WEEKDAYS:
            return [d.capitalize() for d in sorted(lexicon.WEEKDAYS)]
        if len(words) == 1 and answer in lexicon.MONTHS:
            return list(lexicon.MONTHS)
        if not _is_number(answer):
            # "the ninth century" wants other centuries, not "each summer"
            last = answer.split()[-1].lower()
            return [d for d in same if not _is_number(d) and d.split()[-1].lower() == last]
        return [d for d in same if _is_number(d)]
    return same


def distractors_for(
    answer: str,
    label: str,
    article_entities: dict[str, list[str]],
    rng: random.Random,
    count: int = 3,
    question: str = "",
    sentence: str = "",
) -> list[str] | None:
    """Three wrong answers of the answer's type and form, or None when there are not enough good ones.

    A candidate named in the question itself ("Who knighted Berners-Lee?" → not "Tim Berners-Lee") is
    refused: it is plainly not the answer.
    """
    picked: list[str] = []
    in_question = set(normalize(question).split())
    in_sentence = f" {normalize(sentence)} "
    numeric = label in ("DATE", "PERCENT", "MONEY", "QUANTITY", "CARDINAL") and _is_number(answer)
    if numeric:
        pool = numeric_variants(answer, rng)
        pool = [p for p in pool if len(p) <= len(answer) + 3]
    else:
        pool = _pool_for(label, answer, article_entities)
        if label == "DATE" and answer.lower() in lexicon.WEEKDAYS:
            pool = [p for p in pool if p.lower() != answer.lower()]
    seen: set[str] = set()
    candidates = []
    for item in pool:
        form = _match_form(item, answer) if not numeric else item
        key = normalize(form)
        if key in seen:
            continue
        seen.add(key)
        candidates.append(form)
    # article entities first (they are the most plausible), then nearest in length
    article = set(article_entities.get(label, []))
    candidates.sort(
        key=lambda c: (
            0 if c in article or c.removeprefix("the ") in article else 1,
            abs(len(c) - len(answer)),
        )
    )
    head = candidates[: count * 3]
    rng.shuffle(head)
    head.sort(key=lambda c: 0 if c in article or c.removeprefix("the ") in article else 1)
    for cand in head + candidates[count * 3 :]:
        if len(picked) == count:
            break
        if _clashes(cand, answer, picked, label) or set(normalize(cand).split()) & in_question - STOP:
            continue
        if not numeric and f" {normalize(cand)} " in in_sentence:
            continue  # named in the same sentence: it may be a true answer too
        if len(cand.split()) > max(8, len(answer.split()) * 3):
            continue
        picked.append(cand)
    if len(picked) < count:
        return None
    return _balance_lengths(answer, picked, candidates)


def _balance_lengths(answer: str, picked: list[str], candidates: list[str]) -> list[str]:
    """If the answer is clearly the longest option, swap in a longer distractor when one exists."""
    if all(len(answer) > len(p) + 4 for p in picked):
        longer = [
            c
            for c in candidates
            if len(c) >= len(answer) - 2 and c not in picked and not _clashes(c, answer, picked)
        ]
        if longer:
            shortest = min(picked, key=len)
            picked = [longer[0] if p == shortest else p for p in picked]
    return picked
