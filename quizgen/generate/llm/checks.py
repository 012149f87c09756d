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
  be true as well), the two rules the rule engine's distractors keep.

The rule engine's gate is unchanged; `rules+llm` rewordings pass it in full.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from quizgen.generate.distractors import is_form_of
from quizgen.generate.gate import RARELY_KEPT_WH, GateContext, gate, norm
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
    return list(dict.fromkeys(reasons))


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
