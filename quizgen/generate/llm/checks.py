"""The gate for cards a model wrote, and the round-trip test of `--verify`.

A model's draft passes the rule engine's own `gate()` (whole sentence, self-contained, the answer
verbatim in its sentence and worth learning, not in the question, a wh-word that fits it, nothing
the article hedges, …) with these differences, and no others:

- Not applied: `RARELY_KEPT_WH`. It drops the rule engine's wh-questions about names ("Who …?",
  "Where …?") because blind readers found those often false: the engine builds them by rewriting
  a parsed clause, and a misread clause gives a false question. A model writes its question
  itself, its answer is tied to its sentence by grounding, and `--verify` checks the question
  against the sentence; the measurement says nothing about such questions.
- Not reached: the clause checks (`_clause_trust`: relative clause on the wrong noun, a verb that
  governs what the question leaves out, …) judge the parse the rule engine rewrote. A model's
  draft has no clause (`Draft.clause` is None), so `gate()` skips them, as it does for the rule
  engine's own cloze cards.
- Added: a multiple-choice card's wrong choices are the model's, not drawn from the article, so
  each must not be a form of the answer and must not be named in the answer's sentence (it may
  be true as well), the two rules the rule engine's distractors keep. And a question the model
  wrote names nothing, no name and no number, that the article does not name: its answer may
  stand in the sentence while the question asks about something else ("Who designed the Eiffel
  Tower?" answered from a sentence on the Brooklyn Bridge).

The rule engine's gate is unchanged; `rules+llm` rewordings pass it in full, and two more checks
(`rewording_defects`), because the gate judges a question against its answer and sentence but
cannot tell that a fluent rewording now asks something else: the rewording must ask the same kind
of question (who, where, when, how many, what) and name nothing, no name and no number, that
neither its sentence nor the rule engine's question names.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from quizgen.generate.distractors import is_form_of
from quizgen.generate.gate import (
    COUNT_WH,
    PERSON_WH,
    PLACE_WH,
    RARELY_KEPT_WH,
    THING_WH,
    TIME_WH,
    GateContext,
    gate,
    norm,
)
from quizgen.generate.llm import report
from quizgen.generate.llm.grounding import locate
from quizgen.generate.questions import Draft

RULE_ENGINE_ONLY = frozenset({RARELY_KEPT_WH})
AGREE_RATIO = 90  # rapidfuzz's ratio, 0-100, above which two answers are the same answer mistyped


def model_card_gate(draft: Draft, ctx: GateContext) -> list[str]:
    """Every reason a model-written draft must not become a card (empty when it passes)."""
    reasons = [r for r in gate(draft, ctx) if r not in RULE_ENGINE_ONLY]
    if draft.card.kind == "multiple_choice":
        reasons.extend(choice_defects(draft))
    if draft.card.kind in ("short_answer", "multiple_choice"):
        known = f"{ctx.source_norm} {' '.join(sorted(ctx.topic))}"
        if any(not _named_in(word, known) for word in names_in(draft.card.question)):
            reasons.append(QUESTION_INVENTS)
    return list(dict.fromkeys(reasons))


def names_in(question: str) -> list[str]:
    """The names (capitalised words past the first) and numbers a question holds."""
    return re.findall(r"(?<!^)\b[A-Z][\w'’-]*|\d[\d,.]*\d|\d", question.strip())


def _named_in(word: str, known_norm: str) -> bool:
    folded = norm(word)
    return not folded or re.search(rf"(?<!\w){re.escape(folded)}(?!\w)", known_norm) is not None


def choice_defects(draft: Draft) -> list[str]:
    """What is wrong with a multiple-choice card's wrong choices."""
    card = draft.card
    out = []
    for choice in card.choices:
        if choice == card.answer:
            continue
        if is_form_of(choice, card.answer):
            out.append(report.CHOICE_IS_ANSWER)
        elif locate(choice, draft.sentence.text) is not None:
            out.append(report.CHOICE_IN_SENTENCE)
    return out


QUESTION_INVENTS = "the question names what the article does not"
REWORDING_ASKS_ELSE = "the rewording asks another kind of question"
REWORDING_INVENTS = "the rewording names what its sentence does not"
WH_KINDS = (
    ("who", PERSON_WH),
    ("where", PLACE_WH),
    ("when", TIME_WH),
    ("how many", COUNT_WH),
    ("what", THING_WH),
)


def wh_kind(question: str) -> str:
    """What a question asks for, by its wh-word: who, where, when, how many, what (or other)."""
    return next((kind for kind, pattern in WH_KINDS if pattern.match(question)), "other")


def rewording_defects(original: str, reworded: str, sentence: str) -> list[str]:
    """Why a rewording of the rule engine's question must not replace it (see the module docstring)."""
    out = []
    if wh_kind(reworded) != wh_kind(original):
        out.append(REWORDING_ASKS_ELSE)
    known = norm(f"{sentence} {original}")
    if any(not _named_in(word, known) for word in names_in(reworded)):
        out.append(REWORDING_INVENTS)
    return out


def _bare(text: str) -> str:
    return re.sub(r"^(the|a|an) ", "", norm(text))


def answers_agree(expected: str, given: str) -> bool:
    """Whether the model's own answer is the card's: the same words once folded, a slip of a
    letter, or one inside the other when it holds at least half of the other's words ("Curie" for
    "Marie Curie", "1898" for "in 1898"; not "Army" for "the Royal Engineers of the Army")."""
    a, b = _bare(expected), _bare(given)
    if not a or not b:
        return False
    if a == b or fuzz.ratio(a, b) >= AGREE_RATIO:
        return True
    short, long = sorted((a, b), key=len)
    inside = re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long) is not None
    return inside and 2 * len(short.split()) >= len(long.split())
