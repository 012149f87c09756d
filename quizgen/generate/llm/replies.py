"""What the model must reply, as pydantic models: validated item by item, and given to the server
as a JSON schema (`response_format`) where it accepts one.

A reply is a JSON object holding one list (`{"cards": [...]}`); each item is validated on its own,
so that one bad card does not cost the chunk's good ones. Fields the model adds are ignored (a
model that explains itself is still usable), fields it leaves out or fills wrongly make the item
invalid. Everything here is untrusted text: it only becomes a card after grounding and the gate.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

CardKind = Literal["short_answer", "multiple_choice", "cloze", "true_false"]


class _Reply(BaseModel):
    # the model's extra fields are ignored, not refused (see the module docstring)
    model_config = ConfigDict(extra="ignore")


class ModelCard(_Reply):
    """One card as the model writes it: the sentence it comes from and the words it asks for."""

    kind: CardKind = Field(description="short_answer, multiple_choice, cloze or true_false.")
    sentence: int = Field(ge=0, description="The number of the sentence the card comes from.")
    question: str = Field(
        default="", description="short_answer and multiple_choice: the question. Empty for the others."
    )
    answer: str = Field(min_length=1, description="Words copied exactly from that sentence.")
    distractors: list[str] = Field(
        default_factory=list, description="multiple_choice: three wrong answers of the answer's type."
    )
    swap: str = Field(
        default="",
        description="true_false: a name of the same type to put in the answer's place for a false "
        "statement, or empty for a true one.",
    )

    @model_validator(mode="after")
    def _fields_of_its_kind(self) -> ModelCard:
        if self.kind in ("short_answer", "multiple_choice") and not self.question.strip():
            raise ValueError(f"a {self.kind} card needs a question")
        if self.kind == "multiple_choice" and len([d for d in self.distractors if d.strip()]) != 3:
            raise ValueError("a multiple_choice card needs exactly three distractors")
        if not self.answer.strip():
            raise ValueError("the answer is empty")
        return self


class CardsReply(_Reply):
    """The reply to a chunk: its cards."""

    cards: list[ModelCard]


class ModelAnswer(_Reply):
    """--verify: the model's own answer to one question, from its sentence alone."""

    id: int = Field(description="The number of the question answered.")
    answer: str = Field(description="Words copied from the sentence, or empty if it does not say.")


class AnswersReply(_Reply):
    """The reply to a round of verification."""

    answers: list[ModelAnswer]


class ModelRewording(_Reply):
    """rules+llm: one question reworded."""

    id: int = Field(description="The number of the question reworded.")
    question: str = Field(min_length=1, description="The reworded question.")


class RewordingsReply(_Reply):
    """The reply to a round of rewording."""

    questions: list[ModelRewording]


Envelope = type[CardsReply] | type[AnswersReply] | type[RewordingsReply]
Item = TypeVar("Item", ModelCard, ModelAnswer, ModelRewording)


# keywords some servers' structured output refuses; the reply is validated here against them anyway
LEFT_OUT = {
    "title",
    "default",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "minItems",
    "maxItems",
    "pattern",
}


def response_schema(envelope: Envelope) -> dict[str, Any]:
    """The envelope's JSON schema in the strict form servers accept for structured output: every
    property required, no others allowed, no titles, defaults or bounds (pydantic checks those when
    the reply is read)."""
    return _strict(envelope.model_json_schema())


def _strict(node: Any, names: bool = False) -> Any:
    """`node` made strict; `names`: it maps property names to schemas (every name is kept)."""
    if isinstance(node, dict):
        out = {
            k: _strict(v, k in ("properties", "$defs")) for k, v in node.items() if names or k not in LEFT_OUT
        }
        if out.get("type") == "object" and "properties" in out:
            out["required"] = list(out["properties"])
            out["additionalProperties"] = False
        return out
    if isinstance(node, list):
        return [_strict(v) for v in node]
    return node


@dataclass
class ReadReply(Generic[Item]):
    """A reply read: the items that validated, and what was wrong with the rest."""

    items: list[Item] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    unreadable: bool = False  # no JSON object with the list at all

    @property
    def invalid(self) -> int:
        """How many things were dropped: each invalid item, or the whole reply when unreadable."""
        return 1 if self.unreadable else len(self.problems)


def read_reply(text: str, envelope: Envelope, item: type[Item]) -> ReadReply[Item]:
    """The items of a reply, whether the server kept to the schema or wrote JSON inside prose or a
    code fence; each item validated on its own."""
    key = next(iter(envelope.model_fields))
    data = _json_in(text)
    if isinstance(data, list):
        data = {key: data}  # a bare list is the list asked for
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        what = "no JSON object" if data is None else f"no {key!r} list in the JSON"
        return ReadReply(problems=[f"the reply holds {what}"], unreadable=True)
    out: ReadReply[Item] = ReadReply()
    for n, raw in enumerate(data[key]):
        try:
            out.items.append(item.model_validate(raw))
        except ValidationError as exc:
            out.problems.append(f"{key}[{n}]: {_first_problem(exc)}")
    return out


def _first_problem(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(p) for p in error["loc"])
    return f"{where}: {error['msg']}" if where else error["msg"]


FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.S | re.I)


def _json_in(text: str) -> Any:
    """The first JSON object or list in the text (the whole text, a fenced block, or the first one
    that parses from a brace or bracket on); None when there is none."""
    text = (text or "").strip()
    candidates = [text, *FENCE.findall(text)]
    for candidate in candidates:
        try:
            return json.loads(candidate)
        except (json.JSONDecodeError, RecursionError):
            continue
    decoder = json.JSONDecoder()
    for match in re.finditer(r"[\[{]", text):
        try:
            return decoder.raw_decode(text, match.start())[0]
        except (json.JSONDecodeError, RecursionError):
            continue
    return None
