"""Word lists the rules lean on: titles, class nouns for "Which ...", type-matched name lists."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

TITLE_WORDS = {
    "president", "secretary", "minister", "chancellor", "king", "queen", "prince", "princess", "emperor",
    "empress", "general", "senator", "governor", "mayor", "ceo", "chairman", "chairwoman", "chair",
    "director", "professor", "judge", "justice", "pope", "bishop", "archbishop", "ambassador", "chief",
    "commander", "admiral", "captain", "leader", "founder", "head", "premier", "speaker", "spokesman",
    "spokeswoman", "spokesperson", "governor-general", "husband", "wife", "son", "daughter", "father",
    "mother", "brother", "sister", "mentor", "teacher", "student", "successor", "predecessor", "rival",
    "partner", "colleague", "inventor", "architect", "engineer", "editor", "author", "composer",
    "conductor", "coach", "manager", "officer", "economist", "administrator", "curator", "dean", "rector",
}

CLASS_NOUNS = {
    word: word
    for word in (
        "command", "bank", "company", "university", "agency", "council", "party", "army", "navy", "ministry",
        "department", "committee", "court", "institute", "museum", "river", "lake", "mountain", "canal",
        "ocean", "sea", "island", "prize", "award", "treaty", "act", "war", "battle", "church", "cathedral",
        "school", "college", "academy", "society", "foundation", "organization", "organisation",
        "corporation", "union", "league", "association", "program", "programme", "mission", "project",
        "festival", "orchestra", "theatre", "theater", "hospital", "laboratory", "station", "airport",
        "bridge", "dam", "desert", "province", "state", "county", "republic", "kingdom", "empire", "fund",
        "bureau", "office", "service", "force", "forces", "commission", "board", "agreement", "accord",
        "convention", "conference", "summit", "cup", "games", "prize", "medal", "law", "policy", "strait",
        "gulf", "bay", "valley", "peninsula", "glacier", "volcano", "galaxy", "planet", "moon", "telescope",
        "satellite", "rocket", "spacecraft", "ship", "system", "network", "protocol", "language", "vaccine",
        "disease", "virus", "symphony", "opera", "novel", "painting", "gallery", "library", "cycle",
    )
}
CLASS_NOUNS["forces"] = "forces"

WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
SMALL_NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                      "a", "an", "both", "several", "many", "some", "few", "dozens", "hundreds", "thousands",
                      "millions", "first", "second", "third", "half"}
VAGUE_DATES = {"today", "yesterday", "tomorrow", "now", "recently", "currently", "later", "this year",
               "last year", "next year", "this week", "last week", "the year", "the day", "annually",
               "daily", "weekly", "monthly", "each year", "every year", "the same year", "that year",
               "the following year", "the year’s end", "the year's end", "the time", "the past", "the future",
               "the end of the year", "years", "decades", "centuries", "the years", "the decades", "a year",
               "one day", "the next day", "this month", "last month", "next month", "that time",
               "the previous year", "those years", "these years", "this time", "each day", "every day"}


@lru_cache(maxsize=None)
def word_list(name: str) -> tuple[str, ...]:
    """A list shipped in quizgen/data (one entry a line)."""
    text = resources.files("quizgen.data").joinpath(f"{name}.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip())


class _LazySet:
    def __init__(self, name: str) -> None:
        self.name = name

    def __contains__(self, item: object) -> bool:
        if not isinstance(item, str):
            return False
        values = word_list(self.name)
        return item in values or f"the {item}" in values or item.removeprefix("the ") in values


COUNTRIES = _LazySet("countries")
CITIES = _LazySet("cities")


@lru_cache(maxsize=4096)
def zipf(word: str) -> float:
    """How common a word is in English (Zipf scale: 7 = 'the', 3 = rare, 0 = unknown)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


def is_rare(word: str, threshold: float = 3.6) -> bool:
    """A word specific enough to be worth asking about ('photosynthesis', not 'step')."""
    return zipf(word.lower()) < threshold
