"""Strict readers of the plain-text question formats, for the tests, written to Moodle's rules.

GIFT: reads what Moodle's importer reads and fails on anything Moodle would misread (an
unescaped special character where it is not syntax, an unknown escape, ``->`` in an answer block,
which Moodle takes for a matching question). Covers what quizgen writes: ``//`` comments,
``$CATEGORY:``, ``::title::``, ``[format]`` markers, multiple choice, true/false, short answer
(with ``%weight%``) and missing-word questions, with per-answer ``#feedback``.

Aiken: `read_aiken` sees lines as Moodle's Aiken reader does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SPECIAL = frozenset("~=#{}:")
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_FORMAT = re.compile(r"^\[(html|moodle|plain|markdown)\]")


class GiftError(ValueError):
    """The file is not GIFT as Moodle reads it."""


@dataclass(frozen=True)
class Token:
    char: str
    special: bool  # an unescaped ~ = # { } :


@dataclass
class GiftAnswer:
    right: bool
    weight: float
    text: str
    feedback: str


@dataclass
class GiftQuestion:
    title: str
    text_format: str
    text: str
    """The question text; a missing-word question has ``_____`` where its answers stood."""
    kind: str  # multiple_choice | true_false | short_answer | missing_word
    answers: list[GiftAnswer] = field(default_factory=list)
    true_false: bool | None = None
    feedback: list[str] = field(default_factory=list)


@dataclass
class GiftFile:
    categories: list[str]
    questions: list[GiftQuestion]


def tokens(text: str) -> list[Token]:
    out: list[Token] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            following = text[index + 1 : index + 2]
            if following in SPECIAL or following == "\\":
                out.append(Token(following, special=False))
            elif following == "n":
                out.append(Token("\n", special=False))
            elif following == "*":
                # not a GIFT escape: Moodle keeps both characters, and a short answer reads them
                # as a literal star (a bare * is a wildcard)
                out.extend([Token("\\", special=False), Token("*", special=False)])
            else:
                raise GiftError(f"unknown escape \\{following!r} in {text!r}")
            index += 2
            continue
        out.append(Token(char, special=char in SPECIAL))
        index += 1
    return out


def _text(part: list[Token], where: str) -> str:
    for token in part:
        if token.special:
            raise GiftError(f"unescaped {token.char!r} in {where}: {''.join(t.char for t in part)!r}")
    return "".join(token.char for token in part)


def _split(part: list[Token], separators: str) -> list[tuple[str, list[Token]]]:
    """Split at unescaped separators, keeping which one started each piece ('' for the first)."""
    pieces: list[tuple[str, list[Token]]] = [("", [])]
    for token in part:
        if token.special and token.char in separators:
            pieces.append((token.char, []))
        else:
            pieces[-1][1].append(token)
    return pieces


def parse(text: str) -> GiftFile:
    categories: list[str] = []
    questions: list[GiftQuestion] = []
    block: list[str] = []
    for line in [*text.split("\n"), ""]:
        stripped = line.strip()
        if stripped.startswith("//"):
            continue
        if stripped.startswith("$CATEGORY:"):
            categories.append(stripped.removeprefix("$CATEGORY:").strip())
            continue
        if stripped:
            block.append(stripped)
        elif block:
            questions.append(parse_question(" ".join(block)))
            block = []
    return GiftFile(categories, questions)


def parse_question(text: str) -> GiftQuestion:
    toks = tokens(text)
    if len(toks) < 4 or not (toks[0].special and toks[1].special and toks[0].char == toks[1].char == ":"):
        raise GiftError(f"no ::title:: at the start of {text!r}")
    end = next(
        (
            i
            for i in range(2, len(toks) - 1)
            if toks[i].special and toks[i + 1].special and toks[i].char == toks[i + 1].char == ":"
        ),
        None,
    )
    if end is None:
        raise GiftError(f"unterminated title in {text!r}")
    title = _text(toks[2:end], "the title")
    rest = toks[end + 2 :]
    opens = [i for i, t in enumerate(rest) if t.special and t.char == "{"]
    closes = [i for i, t in enumerate(rest) if t.special and t.char == "}"]
    if len(opens) != 1 or len(closes) != 1 or closes[0] < opens[0]:
        raise GiftError(f"expected exactly one {{answers}} block in {text!r}")
    before = _text(rest[: opens[0]], "the question text")
    answer_tokens = rest[opens[0] + 1 : closes[0]]
    after = _text(rest[closes[0] + 1 :], "the question text")
    text_format = "moodle"
    marker = _FORMAT.match(before.lstrip())
    if marker:
        text_format = marker.group(1)
        before = before.lstrip()[marker.end() :]
    raw_block = "".join(t.char for t in answer_tokens)
    if "->" in raw_block:
        raise GiftError(f"'->' in an answer block makes Moodle read a matching question: {raw_block!r}")
    question = _answers(answer_tokens)
    question.title = title
    question.text_format = text_format
    if after.strip():
        question.kind = "missing_word" if question.kind == "short_answer" else question.kind
        question.text = f"{before}_____{after}"
    else:
        question.text = before.strip()
    return question


def _answers(block: list[Token]) -> GiftQuestion:
    pieces = _split(block, "=~")
    if len(pieces) == 1:
        parts = _split(block, "#")
        verdict = _text(parts[0][1], "a true/false answer").strip().upper()
        if verdict not in ("T", "TRUE", "F", "FALSE") or len(parts) > 3:
            raise GiftError(f"not a true/false answer: {verdict!r}")
        feedback = [_text(p, "true/false feedback").strip() for _, p in parts[1:]]
        return GiftQuestion("", "", "", "true_false", true_false=verdict.startswith("T"), feedback=feedback)
    head = _text(pieces[0][1], "the answer block").strip()
    if head:
        raise GiftError(f"text before the first answer: {head!r}")
    answers: list[GiftAnswer] = []
    for sign, part in pieces[1:]:
        bits = _split(part, "#")
        if len(bits) > 2:
            raise GiftError("more than one # in an answer")
        answer_text = _text(bits[0][1], "an answer").strip()
        weight = 100.0 if sign == "=" else 0.0
        found = _WEIGHT.match(answer_text)
        if found:
            weight = float(found.group(1))
            answer_text = answer_text[found.end() :]
        feedback = _text(bits[1][1], "feedback").strip() if len(bits) == 2 else ""
        answers.append(
            GiftAnswer(right=sign == "=" and weight > 0, weight=weight, text=answer_text, feedback=feedback)
        )
    signs = {sign for sign, _ in pieces[1:]}
    kind = "multiple_choice" if "~" in signs else "short_answer"
    if kind == "multiple_choice" and sum(a.right for a in answers) != 1:
        raise GiftError("a multiple-choice question needs exactly one = answer")
    return GiftQuestion("", "", "", kind, answers=answers)


def read_aiken(text: str) -> list[tuple[str, list[str], int]]:
    """Questions as Moodle's Aiken reader sees them: (text, choices, index of the answer)."""
    questions: list[tuple[str, list[str], int]] = []
    prompt: str | None = None
    choices: list[str] = []
    letters: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip(" \t\r\n\0\x0b")  # PHP's trim(): no-break spaces stay
        if not line:
            continue
        if len(line) > 2 and line[0].isupper() and line[0].isascii() and line[1] in ".)" and line[2] in " \t":
            assert prompt is not None, f"a choice before any question: {line!r}"
            letters.append(line[0])
            choices.append(line[3:].strip())
        elif line.startswith("ANSWER:"):
            assert prompt is not None and choices
            questions.append((prompt, choices, letters.index(line.removeprefix("ANSWER:").strip())))
            prompt, choices, letters = None, [], []
        else:
            assert prompt is None, f"two question lines: {prompt!r} and {line!r}"
            prompt = line
    assert prompt is None, "a question without ANSWER:"
    return questions
