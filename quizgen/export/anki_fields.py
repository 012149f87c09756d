"""Anki fields as Anki keeps them: what each field of a quizgen note holds, escaped how.

Article text is untrusted, so every piece of it is escaped before it goes into a field, but only
``&``, ``<`` and ``>`` (`field_text`): Anki's own editor stores quotes plain, and field searches
(``Back:Eagle's*``) match the stored text, so ``&#x27;`` would hide a note from them. Fields hold
text; labels and layout are in the templates (`quizgen.export.anki_templates`). The answer field
holds the answer alone (a typed answer is compared with all of it), alternatives have a field of
their own, and a false true/false card carries the article's statement with the changed words
marked (`quizgen.corrections`).

When the rendering here changes in a way that notes already imported must receive, raise
`FIELDS_REVISED` (a test fails until that is decided).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from quizgen.corrections import card_correction
from quizgen.export.anki_templates import (
    BASIC,
    BASIC_TYPE_ANSWER,
    CLOZE,
    MULTIPLE_CHOICE,
    TRUE_FALSE,
    NoteTypeSpec,
)
from quizgen.export.html import answer_span, choice_label
from quizgen.models import Card, strip_true_false_lead

# No note is dated earlier than this. Raise it to the current Unix time only when a change to how
# cards are rendered into fields must reach notes already in learners' collections (a rendering
# fix): every note then updates once on the next import, replacing learner edits made before that
# time. A test fails whenever the rendering changes, so that this is decided, not missed. Never
# set it in the future. (Last raised for sentence notes and plain-quote fields.)
FIELDS_REVISED = 1_795_970_000

_CLOZE_DELETION = re.compile(r"\{\{c(\d+)::(.*?)\}\}", re.DOTALL)


def field_text(text: str) -> str:
    """``text`` as Anki field HTML that shows exactly that text: ``&``, ``<`` and ``>`` escaped,
    quotes left plain, as Anki's editor stores them."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("\x1f", " ")  # Anki's field separator


def marked(text: str, span: tuple[int, int] | None) -> str:
    """``text`` as field HTML with the characters in ``span`` wrapped in ``<mark>``."""
    if span is None:
        return field_text(text)
    start, end = span
    return (
        field_text(text[:start])
        + '<mark class="qg-answer">'
        + field_text(text[start:end])
        + "</mark>"
        + field_text(text[end:])
    )


def _cloze_escaped(text: str, inside: bool = False) -> str:
    """Field text that can never open or close an Anki cloze deletion (nor, inside one, start a hint)."""
    escaped = field_text(text).replace("{", "&#123;").replace("}", "&#125;")
    return escaped.replace("::", ":&#58;") if inside else escaped


# ----------------------------------------------------------------------------------------- cloze


@dataclass(frozen=True)
class ClozeDeletion:
    number: int
    start: int
    """Where the deleted text starts in the filled-in sentence."""
    end: int
    hint: str = ""


@dataclass(frozen=True)
class ParsedCloze:
    """A card's cloze text: the sentence with every blank filled in, and where the blanks are."""

    sentence: str
    deletions: tuple[ClozeDeletion, ...]


def parse_cloze(cloze: str, answer: str, context: str = "") -> ParsedCloze:
    """Read the deck's ``{{cN::text::hint}}`` markup. A marker that also stands literally in
    ``context`` (the article's own sentence) is article text, not a deletion the generator made."""
    literal = Counter(match.group(0) for match in _CLOZE_DELETION.finditer(context))
    sentence: list[str] = []
    length = 0
    position = 0
    deletions: list[ClozeDeletion] = []
    for match in _CLOZE_DELETION.finditer(cloze):
        if literal[match.group(0)] > 0:
            literal[match.group(0)] -= 1
            continue
        before = cloze[position : match.start()]
        number, body = int(match.group(1)), match.group(2)
        text, hint = body, ""
        if body != answer and "::" in body:
            text, hint = body.split("::", 1)
        if number < 1 or not text.strip():
            raise ValueError(f"cloze deletion {match.group(0)!r} is empty or numbered below 1")
        start = length + len(before)
        sentence += [before, text]
        length = start + len(text)
        deletions.append(ClozeDeletion(number, start, length, hint if hint.strip() else ""))
        position = match.end()
    if not deletions:
        raise ValueError("the cloze text has no {{c1::...}} deletion")
    sentence.append(cloze[position:])
    return ParsedCloze("".join(sentence), tuple(deletions))


def cloze_text(sentence: str, deletions: Iterable[ClozeDeletion]) -> str:
    """The ``Text`` field: ``sentence`` escaped, with the deletions (and hints) marked."""
    pieces: list[str] = []
    position = 0
    for deletion in sorted(deletions, key=lambda d: d.start):
        pieces.append(_cloze_escaped(sentence[position : deletion.start]))
        piece = f"{{{{c{deletion.number}::{_cloze_escaped(sentence[deletion.start : deletion.end], True)}"
        if deletion.hint:
            piece += f"::{_cloze_escaped(deletion.hint, True)}"
        pieces.append(piece + "}}")
        position = deletion.end
    pieces.append(_cloze_escaped(sentence[position:]))
    return "".join(pieces)


def cloze_field(cloze: str, answer: str, context: str = "") -> str:
    """One card's cloze text as an Anki ``Text`` field (see `parse_cloze` and `cloze_text`)."""
    parsed = parse_cloze(cloze, answer, context)
    return cloze_text(parsed.sentence, parsed.deletions)


def _same_text(first: str, second: str) -> bool:
    return first.split() == second.split()


def _answer_in_context(card: Card) -> str:
    if not card.context.strip():
        return ""
    text = card.text()
    # "True"/"False" is not a phrase of the sentence: only the card's own highlight is used then.
    fallback = "" if card.kind == "true_false" else text.answer
    return marked(card.context, answer_span(card.context, text.highlight, fallback))


def _alternatives(answer: str, accepted: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(a for a in accepted if a.strip() and a != answer))


Fields = dict[str, str]
"""Field values by field name (fields left out are empty)."""


def question_fields(card: Card, source: str, type_answers: bool) -> tuple[NoteTypeSpec, Fields]:
    """The note type and fields of a short-answer, multiple-choice or true/false card."""
    text = card.text()
    context = _answer_in_context(card)
    if card.kind == "multiple_choice":
        items = []
        for index, choice in enumerate(text.choices):
            css = "qg-choice qg-correct" if choice == text.answer else "qg-choice"
            letter = f'<span class="qg-letter">{choice_label(index)}</span>'
            items.append(f'<li class="{css}">{letter} {field_text(choice)}</li>')
        return MULTIPLE_CHOICE, {
            "Question": field_text(text.question),
            "Choices": '<ol class="qg-choices">' + "\n".join(items) + "</ol>",
            "Answer": field_text(text.answer),
            "Context": context,
            "Source": source,
        }
    if card.kind == "true_false":
        statement = strip_true_false_lead(text.question)
        correction = card_correction(card)
        shown = ""
        if correction is not None:
            shown = "".join(
                field_text(part.text)
                if part.was is None
                else f'<mark class="qg-answer">{field_text(part.text)}</mark> '
                f'<del class="qg-was">{field_text(part.was)}</del>'
                for part in correction.parts
            )
            context = ""  # the correction is the article's sentence, with the changed words marked
        return TRUE_FALSE, {
            "Front": field_text(statement),
            "Back": text.answer,
            "Context": context,
            "Source": source,
            "Correction": shown,
        }
    return BASIC_TYPE_ANSWER if type_answers else BASIC, {
        "Front": field_text(text.question),
        "Back": field_text(text.answer),
        "Context": context,
        "Source": source,
        "Also accepted": ", ".join(field_text(a) for a in _alternatives(text.answer, text.accepted_answers)),
    }


def sentence_cloze_fields(sentence: str, blanks: Sequence[tuple[Card, ClozeDeletion]], source: str) -> Fields:
    """A cloze note holding one deletion per card of one sentence (``sentence``: every blank
    filled in; each card's deletion carries the number it has in the note)."""
    alternatives = []
    for card, deletion in blanks:
        answer = sentence[deletion.start : deletion.end]
        others = _alternatives(answer, card.text().accepted_answers)
        if others:
            listed = ", ".join(field_text(a) for a in others)
            alternatives.append(listed if len(blanks) == 1 else f"{listed} (for {field_text(answer)})")
    first = blanks[0][0]
    context = ""
    if not _same_text(sentence, first.context):
        # The article's sentence reads otherwise (a clause of it, or a name added in brackets).
        context = _answer_in_context(first) if len(blanks) == 1 else field_text(first.context)
    return {
        "Text": cloze_text(sentence, [deletion for _, deletion in blanks]),
        "Context": context,
        "Source": source,
        "Also accepted": "; ".join(alternatives),
        "Sentence": field_text(sentence),
    }


def own_cloze_fields(card: Card, parsed: ParsedCloze, source: str) -> Fields:
    """A cloze note for a card that keeps its own deletions (a hand-made card with several)."""
    wording = card.text()
    return {
        "Text": cloze_text(parsed.sentence, parsed.deletions),
        "Context": "" if _same_text(parsed.sentence, card.context) else _answer_in_context(card),
        "Source": source,
        "Also accepted": ", ".join(
            field_text(a) for a in _alternatives(wording.answer, wording.accepted_answers)
        ),
        "Sentence": field_text(parsed.sentence),
    }


FRONT_FIELDS = {CLOZE.name: ("Text",), MULTIPLE_CHOICE.name: ("Question", "Choices")}
"""The fields a card's front shows (other note types: ``Front``)."""
