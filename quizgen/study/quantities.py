"""Reading amounts in answers: "8.6%", "8.6 percent", "$9 trillion", "nine trillion dollars", "169 lbs".

Two answers state the same amount when their values are equal and their units agree, however each
is written: digits or words ("seventy-five", "two hundred", "1.5 million"), a symbol or a word
(``%``/percent/per cent, ``$``/dollars/USD, ``€``/euros), an abbreviation or the full unit
(km/kilometres, kg/kilograms, lbs/pounds, ft/feet, m/metres). Values are exact decimals, so 8.6 and
8.5 never meet. "Pounds" alone is either a weight or sterling and agrees with both ``lbs`` and
``£``, while ``lbs`` and ``£`` never agree with each other.

Number words are read by `text2num` (a maintained parser of spelled-out numbers); scale words above
a billion, and digits followed by a scale word, are read here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from text_to_num import text2num

_SMALL = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen")  # fmt: skip
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
SCALES = {
    "hundred": Decimal(100),
    "thousand": Decimal(10) ** 3,
    "million": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
}
NUMBER_WORDS = frozenset([*_SMALL, *_TENS, *SCALES])
# Short scale words written after digits ("$9bn", "$1.5m" – "m" only after a currency: else metres).
_SHORT_SCALES = {"k": SCALES["thousand"], "bn": SCALES["billion"], "tn": SCALES["trillion"]}
_CURRENCY_SCALES = {**_SHORT_SCALES, "m": SCALES["million"]}

# Each way of writing a unit, and the units it may mean (display name first).
_UNIT_NAMES = {
    "percent": "percent",
    "usd": "dollars",
    "gbp": "pounds sterling",
    "eur": "euros",
    "lb": "pounds",
    "kg": "kilograms",
    "g": "grams",
    "km": "kilometres",
    "m": "metres",
    "cm": "centimetres",
    "mm": "millimetres",
    "mi": "miles",
    "ft": "feet",
    "inch": "inches",
    "tonne": "tonnes",
    "ton": "tons",
    "celsius": "degrees Celsius",
    "fahrenheit": "degrees Fahrenheit",
    "kmh": "kilometres per hour",
    "mph": "miles per hour",
    "second": "seconds",
    "minute": "minutes",
    "hour": "hours",
    "day": "days",
    "week": "weeks",
    "month": "months",
    "year": "years",
}


def _forms(unit: str, *written: str) -> dict[str, frozenset[str]]:
    return {form: frozenset({unit}) for form in written}


UNIT_FORMS: dict[str, frozenset[str]] = {
    **_forms("percent", "%", "percent", "per cent", "pct"),
    **_forms("usd", "$", "us$", "us $", "usd", "dollar", "dollars", "us dollars", "u s dollars"),
    **_forms("gbp", "£", "gbp", "sterling", "pound sterling", "pounds sterling", "british pounds"),
    **_forms("eur", "€", "eur", "euro", "euros"),
    "pound": frozenset({"lb", "gbp"}),
    "pounds": frozenset({"lb", "gbp"}),
    **_forms("lb", "lb", "lbs"),
    **_forms("kg", "kg", "kgs", "kilogram", "kilograms", "kilogramme", "kilogrammes", "kilo", "kilos"),
    **_forms("g", "g", "gram", "grams", "gramme", "grammes"),
    **_forms("km", "km", "kms", "kilometre", "kilometres", "kilometer", "kilometers"),
    **_forms("m", "m", "metre", "metres", "meter", "meters"),
    **_forms("cm", "cm", "centimetre", "centimetres", "centimeter", "centimeters"),
    **_forms("mm", "mm", "millimetre", "millimetres", "millimeter", "millimeters"),
    **_forms("mi", "mi", "mile", "miles"),
    **_forms("ft", "ft", "foot", "feet"),
    **_forms("inch", "inch", "inches"),
    **_forms("tonne", "t", "tonne", "tonnes", "metric ton", "metric tons"),
    "ton": frozenset({"ton", "tonne"}),
    "tons": frozenset({"ton", "tonne"}),
    **_forms("celsius", "°c", "c", "celsius", "degrees celsius", "degrees c", "centigrade"),
    **_forms("fahrenheit", "°f", "f", "fahrenheit", "degrees fahrenheit", "degrees f"),
    "degrees": frozenset({"celsius", "fahrenheit"}),
    **_forms("kmh", "km/h", "kmh", "kph", "kilometres per hour", "kilometers per hour"),
    **_forms("mph", "mph", "miles per hour"),
    **_forms("second", "s", "sec", "secs", "second", "seconds"),
    **_forms("minute", "min", "mins", "minute", "minutes"),
    **_forms("hour", "h", "hr", "hrs", "hour", "hours"),
    **_forms("day", "day", "days"),
    **_forms("week", "week", "weeks"),
    **_forms("month", "month", "months"),
    **_forms("year", "yr", "yrs", "year", "years"),
}
_CURRENCY_PREFIXES = {"$": "usd", "us$": "usd", "£": "gbp", "€": "eur"}
# Units that may stand glued to the digits ("5km", "8.6%"); not "s" (the 1640s is a decade).
_GLUED = re.compile(r"^(-?\d+(?:\.\d+)?)(%|km|kg|kgs|cm|mm|m|g|lb|lbs|ft|mi|mph|kph|bn|tn|k)$")
_HEDGES = frozenset({"about", "around", "approximately", "roughly"})
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


@dataclass(frozen=True)
class Quantity:
    """An amount: its exact value and the units its wording may mean (none for a bare number)."""

    value: Decimal
    units: frozenset[str]

    def same_unit(self, other: Quantity) -> bool:
        return bool(self.units & other.units)

    def unit_name(self) -> str:
        """How to name the unit to a learner ("pounds", "kilograms")."""
        if not self.units:
            return ""
        names = sorted(_UNIT_NAMES[unit] for unit in self.units)
        return "pounds" if self.units == {"lb", "gbp"} else " or ".join(names)


def format_number(value: Decimal) -> str:
    """A value in plain digits, without exponent or trailing zeros (1.5E+6 → "1500000")."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def words_to_number(words: list[str]) -> Decimal | None:
    """The value of spelled-out number words ("seventy five", "nine trillion"), or None."""
    if not words or not all(word in NUMBER_WORDS or word == "and" for word in words):
        return None
    if words[0] == "and" or words[-1] == "and":
        return None
    try:
        return Decimal(text2num(" ".join(words), "en"))
    except ValueError:
        pass
    if len(words) > 1 and words[-1] == "trillion":  # beyond text2num's English scales
        head = words_to_number(words[:-1])
        return head * SCALES["trillion"] if head is not None else None
    return None


def _digits(word: str) -> Decimal | None:
    if not _NUMBER.match(word):
        return None
    try:
        return Decimal(word)
    except InvalidOperation:
        return None


def numbers_in_text(text: str) -> str:
    """`text` (lower case, punctuation gone) with spelled-out numbers and scale words as digits:
    "it lasted twelve seconds" → "it lasted 12 seconds", "9 trillion" → "9000000000000"."""
    words = [part for word in text.split() for part in _hyphenated_number(word)]
    out: list[str] = []
    i = 0
    while i < len(words):
        value, used = _number_at(words, i)
        if value is None:
            out.append(words[i])
            i += 1
        else:
            out.append(format_number(value))
            i += used
    return " ".join(out)


def _hyphenated_number(word: str) -> list[str]:
    """ "seventy-five" → ["seventy", "five"]; any other word as it is."""
    parts = word.split("-")
    return parts if len(parts) > 1 and all(part in NUMBER_WORDS for part in parts) else [word]


def _number_at(words: list[str], start: int) -> tuple[Decimal | None, int]:
    """The number starting at `words[start]` (digits or words, with a scale word) and its length."""
    value = _digits(words[start])
    if value is not None:
        if start + 1 < len(words) and words[start + 1] in SCALES and words[start + 1] != "hundred":
            return value * SCALES[words[start + 1]], 2
        return value, 1
    end = start
    while end < len(words) and (words[end] in NUMBER_WORDS or (words[end] == "and" and end > start)):
        end += 1
    while end > start:  # the longest run that reads as one number
        value = words_to_number(words[start:end])
        if value is not None:
            return value, end - start
        end -= 1
    return None, 1


def _tokens(text: str) -> list[str]:
    """Lower-case words of an answer, with symbols and glued units split off ("$9bn" → $ 9 bn)."""
    text = _THOUSANDS.sub("", text.casefold().replace("−", "-").replace("per cent", "percent"))
    text = re.sub(r"\s*([$£€%])\s*", r" \1 ", text)
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text)  # seventy-five
    text = re.sub(r"(?<=\d)\s*°\s*([cf])\b", r" °\1", text)
    words: list[str] = []
    for word in text.split():
        word = word.strip(",;:!?")
        if word.endswith(".") and not _NUMBER.match(word):
            word = word.rstrip(".")
        glued = _GLUED.match(word)
        words.extend(glued.groups() if glued else [word] if word else [])
    return words


def parse_quantity(text: str) -> Quantity | None:
    """The amount a whole answer states, or None when the answer is more (or less) than an amount.

    A leading "about"/"around"/"approximately"/"roughly" is read past.
    """
    words = _tokens(text)
    if words and words[0] in _HEDGES:
        words = words[1:]
    if words[:2] == ["us", "$"]:
        words = ["us$", *words[2:]]
    currency = _CURRENCY_PREFIXES.get(words[0]) if words else None
    if currency:
        words = words[1:]
    if not words:
        return None
    value, used = _number_at(words, 0)
    if value is None:
        return None
    rest = words[used:]
    if currency and rest and rest[0] in _CURRENCY_SCALES and used == 1:
        value, rest = value * _CURRENCY_SCALES[rest[0]], rest[1:]
    elif rest and rest[0] in _SHORT_SCALES and used == 1:
        value, rest = value * _SHORT_SCALES[rest[0]], rest[1:]
    units = UNIT_FORMS.get(" ".join(rest)) if rest else frozenset()
    if units is None:
        return None
    if currency:
        if units and currency not in units:
            return None  # "$9 euros": not an amount we can read
        units = frozenset({currency})
    return Quantity(value=value, units=units)
