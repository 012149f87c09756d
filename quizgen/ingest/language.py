"""Is this English? A light check so a French or Chinese article fails early with a clear message.

The question engine only understands English. Two signals, no language model needed: the share
of letters that are plain ASCII (low for Chinese, Russian, Arabic ...), and the share of words that
are common English function words ("the", "of", "was" ...), which run at 30-50% in English prose
and at a few percent in French or German. Names, numbers and headings lower the share, so the
threshold sits far below what English reaches; to keep it safe for languages that share a few short
words with English (German "in", Dutch "is"), their own function words must also be outnumbered.
"""

from __future__ import annotations

import re

from quizgen.errors import InputError

_FUNCTION_WORDS_TEXT = """
a about above after against all also although am among an and any are around as at be because been
before being below between both but by can could did do does during each either even ever every few
for from had has have having he her hers him his how however i if in into is it its itself just
many may me might more most much must my neither nor not now of off on once one only or other our
out over own same she should since so some such than that the their them then there these they this
those though through to too under until up upon very was we were what when where whether which
while who whom whose why will with within without would yet you your
"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())
# The same kind of words in French, German, Spanish, Italian, Dutch and Portuguese, leaving out those
# that are also English words ("in", "a", "die") or frequent in English text ("et al.", "van Gogh").
_FOREIGN_WORDS_TEXT = """
de la le les des du une est sont dans pour pas qui avec sur au aux ce cette il elle ils nous vous leur
der das und ist den dem von zu mit nicht ein eine einer eines sich auf für wird sind wurde auch
el los las del que por con una para es su como más pero sus fue
di che per non della dei gli delle nel sono è
het een op niet zijn werd ook voor aan bij dat
da dos das não uma mais foi na ao é à ou pelo pela também
"""
FOREIGN_WORDS = frozenset(_FOREIGN_WORDS_TEXT.split())
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

MIN_LETTERS = 20  # fewer letters than this say too little to judge the script
MIN_WORDS = 12  # fewer words than this say too little to judge the language
MIN_ASCII_LETTER_SHARE = 0.7
MIN_FUNCTION_WORD_SHARE = 0.1
SAMPLE_CHARS = 50_000  # an article does not change language: its opening is enough to judge


def ascii_letter_share(text: str) -> tuple[float, int]:
    """Share of the letters that are ASCII (Latin script without accents), and the number of letters."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 1.0, 0
    return sum(1 for ch in letters if ch.isascii()) / len(letters), len(letters)


def function_word_shares(text: str) -> tuple[float, float, int]:
    """Shares of the words that are English and that are other languages' function words; word count."""
    words = [w.casefold().replace("’", "'") for w in _WORD.findall(text)]
    if not words:
        return 0.0, 0.0, 0
    english = sum(1 for w in words if w.split("'")[0] in FUNCTION_WORDS)
    foreign = sum(1 for w in words if w in FOREIGN_WORDS)
    return english / len(words), foreign / len(words), len(words)


def looks_english(text: str) -> bool:
    """True unless the text is clearly in another language (short texts get the benefit of the doubt)."""
    text = text[:SAMPLE_CHARS]
    ascii_share, letters = ascii_letter_share(text)
    if letters >= MIN_LETTERS and ascii_share < MIN_ASCII_LETTER_SHARE:
        return False
    english, foreign, words = function_word_shares(text)
    return words < MIN_WORDS or (english >= MIN_FUNCTION_WORD_SHARE and english > foreign)


def ensure_english(text: str, name: str) -> None:
    """Raise `InputError` when the article is clearly not English."""
    if not looks_english(text):
        raise InputError(
            f"{name} does not look like English; quizgen reads English articles only",
            hint="translate the article first, or check that it is the file you meant",
        )
