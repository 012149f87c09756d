"""The data every stage passes on: Article → Fact → Card → Deck.

Stages talk through these models only. Models that users or files supply (decks) forbid unknown
fields so that a typo in a hand-edited deck is reported instead of silently ignored.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    ValidationError,
    field_validator,
    model_serializer,
    model_validator,
)

from quizgen.errors import DeckError

SCHEMA_VERSION = 2
"""The deck file format this quizgen writes. Version 2 added `Card.teacher` (`quizgen pick`)."""
OLDEST_SCHEMA_VERSION = 1
"""The oldest deck file format this quizgen still reads (migrated on reading, see `parse_deck`)."""
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Slug = Annotated[str, Field(pattern=SLUG_PATTERN, min_length=1, max_length=80)]


def slugify(text: str, max_length: int = 60) -> str:
    """A lower-case ASCII slug for ids and file names (``"Marie Curie!"`` → ``"marie-curie"``)."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug.strip("-") or "article"


def stable_id(*parts: str, length: int = 16) -> str:
    """A short hex id derived from its parts: the same parts always give the same id."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------------------- articles


class Paragraph(_Strict):
    """One paragraph of the cleaned article text, with its place in it."""

    text: str = Field(description="The paragraph text, whitespace collapsed.")
    start: int = Field(ge=0, description="Character offset of the paragraph in Article.text.")
    end: int = Field(ge=0, description="Offset one past the paragraph's last character.")
    section: str | None = Field(default=None, description="Title of the section the paragraph is in.")
    heading: bool = Field(default=False, description="True when the paragraph is itself a heading.")


class Article(_Strict):
    """An article after ingestion: clean text in paragraphs that cards can point back into."""

    id: Slug = Field(description="Slug made from the title or the file name.")
    title: str = Field(description="The article title (first heading, page title or first short line).")
    path: str | None = Field(default=None, description="Where the article was read from; None for stdin.")
    name: str = Field(description="File name (or '<stdin>').")
    format: Literal["text", "markdown", "html", "pdf"] = Field(description="The reader that was used.")
    text: str = Field(description="The cleaned text: paragraphs joined by blank lines.")
    paragraphs: list[Paragraph] = Field(description="Paragraphs in reading order, with offsets into text.")
    sha256: str = Field(description="SHA-256 of the raw bytes read.")
    dropped_duplicates: int = Field(default=0, ge=0, description="Repeated paragraphs that were dropped.")
    published: str | None = Field(
        default=None,
        description="The date the text gives for itself, as written (a news dateline's, a web page's); "
        "None when it gives none.",
    )
    source_text: str | None = Field(
        default=None,
        exclude=True,
        repr=False,
        description="The decoded file before clean-up, markup included (None for PDF): answers must be "
        "found there too, so that a card never quotes text the original does not show as written.",
    )

    @property
    def words(self) -> int:
        return len(self.text.split())

    def body_paragraphs(self) -> list[Paragraph]:
        """Paragraphs that are prose, not headings."""
        return [p for p in self.paragraphs if not p.heading]

    def prose(self) -> str:
        """The text of the body paragraphs, one to a line (what a title's name is looked up in)."""
        return "\n".join(p.text for p in self.body_paragraphs())


# ------------------------------------------------------------------------------------------ facts


class FactKind(StrEnum):
    EVENT = "event"  # subject-verb-object, with time / place qualifiers
    PASSIVE = "passive"  # X was V-ed by Y
    DEFINITION = "definition"  # X is/was a Y
    NAMING = "naming"  # X, known as / called Y
    APPOSITION = "apposition"  # title + name, "X, her husband"
    ACRONYM = "acronym"  # Long Name (ABBR)
    RELATIVE = "relative"  # the X, which is based in Y
    QUANTITY = "quantity"  # numbers, percentages, money, durations
    DATE = "date"  # when something happened
    LOCATION = "location"  # where something happened / is
    QUOTE = "quote"  # "...," X said
    ENUMERATION = "enumeration"  # three phases: a, b and c
    CAUSE = "cause"  # because / to + purpose
    ATTRIBUTE = "attribute"  # X known for Y, X based in Y
    GLOSSARY = "glossary"  # Term — what it means (a list of key terms in notes)


class Span(_Strict):
    """Character offsets into a piece of text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Fact(_Strict):
    """One typed statement extracted from a sentence: what the cards ask about."""

    id: str = Field(description="Stable id from the source, sentence text and fact content.")
    kind: FactKind
    subject: str = Field(description="Who or what the fact is about (resolved if the text used a pronoun).")
    relation: str = Field(description="The verb phrase or relation name linking subject and object.")
    object: str = Field(default="", description="The other argument, if any.")
    answer: str = Field(description="The span a question about this fact asks for (verbatim from the text).")
    answer_type: str = Field(description="Entity or value type of the answer (PERSON, GPE, DATE, TERM, ...).")
    qualifiers: dict[str, str] = Field(default_factory=dict, description="time, place, quantity, ...")
    sentence: int = Field(ge=0, description="Index of the sentence in the article.")
    start: int = Field(ge=0, description="Sentence start offset in Article.text.")
    end: int = Field(ge=0, description="Sentence end offset in Article.text.")
    text: str = Field(description="The sentence, verbatim.")
    answer_span: Span = Field(description="Offsets of the answer within the sentence text.")
    resolved_from: str | None = Field(
        default=None, description="The pronoun or demonstrative the subject replaced, if any."
    )


# ------------------------------------------------------------------------------------------ cards

CardKind = Literal["short_answer", "multiple_choice", "true_false", "cloze"]
CARD_KINDS: tuple[str, ...] = ("short_answer", "multiple_choice", "true_false", "cloze")
_TRUE_FALSE_LEAD = re.compile(r"^\s*true\s+or\s+false\s*[:?]\s*", re.IGNORECASE)


def strip_true_false_lead(question: str) -> str:
    """A true/false prompt without its ``True or false:`` lead-in: the statement to judge."""
    return _TRUE_FALSE_LEAD.sub("", question, count=1)


class CardSource(_Strict):
    """Where a card's fact stands in the cleaned article text."""

    source_id: str = Field(description="Id of the source article (Deck.sources[].id).")
    sentence: int = Field(ge=0, description="Index of the sentence in the article.")
    start: int = Field(ge=0, description="Sentence start offset in the cleaned text.")
    end: int = Field(ge=0, description="Sentence end offset in the cleaned text.")
    resolved: dict[str, str] = Field(
        default_factory=dict,
        description="Pronouns the card stands in for, with who they were read as ({'she': 'Marie Curie'}), "
        "so that a reader can check every replacement.",
    )


class Revision(_Strict):
    """When a card's rendered content last changed (used to update Anki notes in place)."""

    content_hash: str = Field(description="Hash of everything a learner sees on the card.")
    modified: int = Field(ge=0, description="Unix time of the last content change (see export.anki).")


class CardText(_Strict):
    """The wording of a card: every field a teacher's edit can change (see `TeacherMarks`)."""

    question: str = Field(min_length=1)
    answer: str = Field(min_length=1)
    accepted_answers: list[str] = Field(default_factory=list)
    choices: list[str] = Field(default_factory=list)
    cloze: str | None = None
    highlight: Span | None = None


class TeacherMarks(_Strict):
    """What a teacher decided about a card in `quizgen pick`: left out, and/or reworded.

    The card's own fields always hold the wording to hand out (the teacher's, once edited), so that
    every export and the study app show it without knowing about edits; `original` keeps what the
    engine wrote. Carried over to the regenerated card when the deck is generated again.
    """

    excluded: bool = Field(default=False, description="Left out of every export and study session.")
    original: CardText | None = Field(
        default=None,
        description="The engine's wording when the teacher edited the card (None: not edited). The "
        "card's own question, answer, choices … are the teacher's.",
    )

    @property
    def edited(self) -> bool:
        return self.original is not None

    @property
    def is_empty(self) -> bool:
        """True when the marks say nothing (included, not edited): the card needs none."""
        return not self.excluded and self.original is None


class Card(_Strict):
    """One question with its answer, the sentence it came from, and how good it is."""

    id: str = Field(description="Stable id from the source, the fact and the answer; never random.")
    kind: CardKind
    question: str = Field(
        min_length=1,
        description="The prompt. Cloze: the sentence with '_____'. True/false: 'True or false: <statement>'.",
    )
    answer: str = Field(min_length=1, description="The right answer ('True'/'False' for true/false).")
    accepted_answers: list[str] = Field(default_factory=list, description="Other answers graded right.")
    choices: list[str] = Field(default_factory=list, description="Multiple choice: answer + 3 distractors.")
    cloze: str | None = Field(default=None, description="Cloze only: Anki cloze text with {{c1::...}}.")
    context: str = Field(description="The source sentence, verbatim (the true one for a false statement).")
    highlight: Span | None = Field(default=None, description="Where the answer stands inside context.")
    source: CardSource
    fact_id: str = Field(description="Id of the fact the card asks about.")
    group: str | None = Field(
        default=None,
        description="Cards from one sentence share a group (siblings that study and export keep apart).",
    )
    tags: list[str] = Field(default_factory=list)
    difficulty: float = Field(ge=0.0, le=1.0, description="0 easy … 1 hard (estimated).")
    score: float = Field(description="Ranking score: higher is a better card.")
    revision: Revision | None = Field(default=None, description="Content-change bookkeeping for exports.")
    teacher: TeacherMarks | None = Field(
        default=None, description="A teacher's decisions from `quizgen pick` (None: untouched)."
    )

    @property
    def excluded(self) -> bool:
        """True when a teacher left the card out: no export and no study session shows it."""
        return self.teacher is not None and self.teacher.excluded

    @property
    def edited(self) -> bool:
        """True when a teacher reworded the card (its fields hold the teacher's wording)."""
        return self.teacher is not None and self.teacher.edited

    def text(self) -> CardText:
        """The card's wording as it stands (the teacher's, once edited)."""
        return CardText.model_validate(self.model_dump(include=set(CardText.model_fields)))

    @model_validator(mode="after")
    def _check_kind_fields(self) -> Card:
        if self.kind == "multiple_choice":
            if len(self.choices) < 2:
                raise ValueError("a multiple_choice card needs choices")
            if self.choices.count(self.answer) != 1:
                raise ValueError("the answer must be exactly one of the choices")
        elif self.choices:
            raise ValueError(f"a {self.kind} card has no choices")
        if self.kind == "cloze":
            if not self.cloze or "{{c1::" not in self.cloze:
                raise ValueError("a cloze card needs cloze text with {{c1::...}}")
        elif self.cloze:
            raise ValueError(f"a {self.kind} card has no cloze text")
        if self.kind == "true_false" and self.answer not in ("True", "False"):
            raise ValueError("a true_false answer is 'True' or 'False'")
        return self

    def content_hash(self) -> str:
        """Hash of everything rendered on the card (not its score or revision)."""
        payload = self.model_dump(
            include={
                "kind",
                "question",
                "answer",
                "accepted_answers",
                "choices",
                "cloze",
                "context",
                "highlight",
                "tags",
            }
        )
        return stable_id(json.dumps(payload, sort_keys=True, ensure_ascii=False), length=32)


# ------------------------------------------------------------------------------------------ decks


MODEL_ENGINE_FIELDS = ("prompt_version", "parser", "verified")
"""`Generator` fields only the language-model engines fill in (left out of the file when unset)."""


class Generator(_Strict):
    """What made the deck (so a deck says which engine and model produced it).

    The language-model engines (`llm`, `rules+llm`) also record their prompt version, the parser
    that split the article into sentences and whether cards were verified; the rule engine leaves
    these out, so its deck files are the same as before they existed (and older files still load).
    """

    name: str = "quizgen"
    version: str
    engine: str = Field(description="The question engine: 'rules', 'llm' or 'rules+llm'.")
    model: str = Field(
        description="The model the engine used, with its version: spaCy's for 'rules', the language "
        "model's name as its server was asked for it for 'llm' and 'rules+llm'."
    )
    prompt_version: str | None = Field(
        default=None,
        description="Language-model engines: the version of the prompts the cards were asked with.",
    )
    parser: str | None = Field(
        default=None, description="Language-model engines: the spaCy model that split and parsed the article."
    )
    verified: bool | None = Field(
        default=None,
        description="Language-model engines: whether every question the model wrote was answered again "
        "from its sentence alone and kept only when the answers agreed (--verify).",
    )

    @model_serializer(mode="wrap")
    def _leave_out_unset(self, handler: SerializerFunctionWrapHandler) -> dict[str, object]:
        data: dict[str, object] = handler(self)
        for key in MODEL_ENGINE_FIELDS:
            if data.get(key) is None:
                data.pop(key, None)
        return data


class SourceInfo(_Strict):
    """One article a deck was made from."""

    id: str
    path: str | None = None
    name: str
    title: str
    sha256: str
    words: int = Field(ge=0)
    published: str | None = Field(default=None, description="The article's own date, when it gives one.")


class Deck(_Strict):
    """A deck file: what `quizgen generate` writes and every other command reads."""

    schema_version: Literal[2] = Field(default=2, description="Deck file format version.")
    id: Slug
    title: str
    generator: Generator
    sources: list[SourceInfo]
    cards: list[Card]

    @field_validator("cards")
    @classmethod
    def _unique_ids(cls, cards: list[Card]) -> list[Card]:
        seen: set[str] = set()
        for card in cards:
            if card.id in seen:
                raise ValueError(f"duplicate card id {card.id}")
            seen.add(card.id)
        return cards

    def included_cards(self) -> list[Card]:
        """The cards to hand out: every card but those a teacher excluded in `quizgen pick`."""
        return [card for card in self.cards if not card.excluded]

    def no_cards_message(self) -> str:
        """Why the deck has nothing to hand out: no cards, or every card excluded."""
        if self.cards:
            return f"every card of {self.title} is excluded (quizgen pick)"
        return f"{self.title} has no cards"

    def to_json(self) -> str:
        """The canonical file text: stable key order, UTF-8, trailing newline."""
        return json.dumps(self.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"

    def save(self, path: Path) -> None:
        from quizgen.locations import atomic_write_text

        try:
            atomic_write_text(Path(path), self.to_json())
        except OSError as exc:  # e.g. a read-only folder, or a path through an existing file
            hint = None
            if isinstance(exc, FileExistsError | NotADirectoryError):
                hint = "part of that path is a file, not a folder"
            raise DeckError(f"cannot write {path}: {exc.strerror or exc}", hint=hint) from None


def _describe_validation_error(err: ValidationError, limit: int = 3) -> str:
    parts = []
    for item in err.errors()[:limit]:
        where = ".".join(str(p) for p in item["loc"]) or "deck"
        parts.append(f"{where}: {item['msg']}")
    more = len(err.errors()) - limit
    if more > 0:
        parts.append(f"and {more} more problem{'s' if more > 1 else ''}")
    return "; ".join(parts)


def parse_deck(text: str, name: str = "deck") -> Deck:
    """Parse deck JSON text, turning every way it can be wrong into a readable `DeckError`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DeckError(
            f"{name} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise DeckError(f"{name} is not a quizgen deck (its JSON is nested too deeply)") from None
    if not isinstance(data, dict):
        raise DeckError(f"{name} is not a quizgen deck (expected a JSON object)")
    data = _migrated(data, name)
    try:
        return Deck.model_validate(data)
    except ValidationError as exc:
        raise DeckError(f"{name} is not a valid deck: {_describe_validation_error(exc)}") from None


def _migrated(data: dict[str, object], name: str) -> dict[str, object]:
    """Deck data of an older schema version brought up to `SCHEMA_VERSION`; another version is an
    error that names it.

    Version 1 → 2: `Card.teacher` was added with a default, so a version 1 deck is a valid version 2
    deck as it stands."""
    version = data.get("schema_version")
    # `true == 1` in Python, so a boolean must be rejected explicitly.
    readable = range(OLDEST_SCHEMA_VERSION, SCHEMA_VERSION + 1)
    if isinstance(version, bool) or not isinstance(version, int) or version not in readable:
        found = "has no schema_version" if version is None else f"has schema_version {version!r}"
        raise DeckError(
            f"{name} {found}; this quizgen reads versions {OLDEST_SCHEMA_VERSION} to {SCHEMA_VERSION}",
            hint="regenerate the deck with `quizgen generate`, or use the quizgen version that wrote it",
        )
    return {**data, "schema_version": SCHEMA_VERSION}


def load_deck(path: Path) -> Deck:
    """Read a deck file with a clear error for a missing, unreadable or malformed file."""
    path = Path(path)
    if path.is_dir():
        raise DeckError(f"{path} is a folder, not a deck file")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DeckError(f"no such deck file: {path}") from None
    except UnicodeDecodeError:
        raise DeckError(f"{path} is not a text file (a deck is UTF-8 JSON)") from None
    except OSError as exc:
        raise DeckError(f"cannot read {path}: {exc.strerror}") from None
    return parse_deck(text, name=str(path))


def deck_files_in(folder: Path) -> list[Path]:
    """The deck files in a folder: every ``*.json`` in it, sorted by name."""
    return sorted(p for p in Path(folder).glob("*.json") if p.is_file())


def unique_paths(paths: Iterable[Path]) -> list[Path]:
    """Each file once (compared by its resolved path), in the order first named."""
    seen: set[Path] = set()
    unique = []
    for path in paths:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def deck_json_schema() -> dict[str, object]:
    """The JSON Schema of a deck file."""
    return Deck.model_json_schema()
