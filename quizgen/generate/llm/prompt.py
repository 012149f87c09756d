"""What is sent: the article in chunks of numbered sentences, and the instructions around them.

A chunk is consecutive paragraphs of one section, up to a token budget (a paragraph longer than
the budget is split between sentences). Each sentence carries its number in the article, so that
every card can cite the sentence it comes from. Nothing but the article's title, section titles
and sentences goes out; the file's name and path do not.

`PROMPT_VERSION` names the wording of every message here: change it whenever a prompt changes, so
that cached replies to the old wording are not reused.
"""

from __future__ import annotations

import hashlib
import json
import math
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from quizgen.nlp import ParsedArticle

PROMPT_VERSION = "quizgen-cards-1"
CHARS_PER_TOKEN = 4  # a rough count for English prose; servers report the real one
WORDS_PER_CARD = 20  # cards asked of a chunk: one per this many words of it, within the bounds below
MIN_CARDS_PER_CHUNK = 2
MAX_CARDS_PER_CHUNK = 12


class ChatMessage(BaseModel):
    """One message of a chat-completions request."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Literal["system", "user", "assistant"]
    content: str


class NumberedSentence(BaseModel):
    """A sentence as the model sees it: its number in the article and its text."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    index: int = Field(ge=0)
    text: str


class Chunk(BaseModel):
    """Consecutive sentences of one section, sent in one request."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(description="The article's title.")
    section: str | None = Field(default=None, description="The section the sentences are in.")
    sentences: list[NumberedSentence]

    @property
    def indices(self) -> set[int]:
        return {s.index for s in self.sentences}

    def text(self) -> str:
        """The chunk as the model reads it."""
        head = [f"Article: {self.title}"]
        if self.section:
            head.append(f"Section: {self.section}")
        lines = [f"[{s.index}] {s.text}" for s in self.sentences]
        return "\n".join(head) + "\n\nSentences:\n" + "\n".join(lines)

    def digest(self) -> str:
        """A hash of exactly what the model is shown (the cache's key for the chunk)."""
        return hashlib.sha256(self.text().encode("utf-8")).hexdigest()

    def words(self) -> int:
        return sum(len(s.text.split()) for s in self.sentences)

    def cards_wanted(self) -> int:
        return max(MIN_CARDS_PER_CHUNK, min(MAX_CARDS_PER_CHUNK, round(self.words() / WORDS_PER_CARD)))


def estimate_tokens(text: str) -> int:
    """About how many tokens a text costs (for chunking and progress when a server reports none)."""
    return math.ceil(len(text) / CHARS_PER_TOKEN)


def chunks_of(parsed: ParsedArticle, budget: int) -> list[Chunk]:
    """The article's sentences in chunks: whole paragraphs of one section, up to `budget` tokens."""
    title = parsed.article.title
    chunks: list[Chunk] = []
    current: list[NumberedSentence] = []
    section: str | None = None
    used = 0

    def close() -> None:
        nonlocal current, used
        if current:
            chunks.append(Chunk(title=title, section=section, sentences=current))
        current, used = [], 0

    by_paragraph: dict[int, list[NumberedSentence]] = {}
    sections: dict[int, str | None] = {}
    for sentence in parsed.sentences:
        by_paragraph.setdefault(sentence.paragraph, []).append(
            NumberedSentence(index=sentence.index, text=sentence.text)
        )
        sections[sentence.paragraph] = sentence.section
    for paragraph, sentences in by_paragraph.items():
        cost = sum(estimate_tokens(s.text) for s in sentences)
        if sections[paragraph] != section or (current and used + cost > budget):
            close()
            section = sections[paragraph]
        for numbered in sentences:
            size = estimate_tokens(numbered.text)
            if current and used + size > budget:
                close()  # a paragraph longer than the budget is cut between sentences
            current.append(numbered)
            used += size
    close()
    return chunks


CARD_RULES = """\
You write quiz cards for a teacher from the numbered sentences of an article. Write up to {count} \
cards about facts worth learning that the sentences state: names, dates, numbers, places, key \
terms, causes. Skip opinions and anything the article only reports, hedges or guesses.

Every card:
- "sentence": the number of the one sentence the card comes from. The card must be answerable from \
that sentence alone.
- "answer": words copied exactly from that sentence, a short phrase (at most 12 words), never the \
whole sentence.
- "kind": one of {kinds}.

Questions ("short_answer" and "multiple_choice"):
- name what they ask about: no "he", "she", "it", "they", "this" or "that";
- one clause that starts with a question word and ends with "?", at most 25 words, with no commas, \
semicolons or colons;
- never contain the answer or any of its numbers;
- "Who" only for a person, "Where" only for a place, "When" or "In what year" only for a time.

Kinds:
- "short_answer": "question" and "answer".
- "multiple_choice": "question", "answer" and "distractors": exactly three wrong answers of the same \
type as the answer, none of them another form of the answer and none named in the sentence.
- "cloze": only "answer", the words to blank in the sentence ("question" empty).
- "true_false": "answer" is the name the statement turns on; "swap" is another name of the same \
type to put in its place for a false statement, or "" for a true one ("question" empty).

Reply with one JSON object and nothing else:
{{"cards": [{{"kind": "...", "sentence": 0, "question": "...", "answer": "...", "distractors": [], \
"swap": ""}}]}}"""

VERIFY_RULES = """\
Answer each question using only the sentence given with it. Copy the answer word for word from \
that sentence, as short as possible. If the sentence does not answer the question, answer "".

Reply with one JSON object and nothing else:
{"answers": [{"id": 0, "answer": "..."}]}"""

REWORD_RULES = """\
Reword each quiz question so that it reads naturally and stands on its own. Keep its meaning and \
its answer exactly; the answer and its sentence are given so that you keep them.
- Name what the question asks about: no "he", "she", "it", "they", "this" or "that".
- One clause that starts with a question word and ends with "?", at most 25 words, with no commas, \
semicolons or colons.
- Never put the answer or any of its numbers in the question.

Reply with one JSON object and nothing else:
{"questions": [{"id": 0, "question": "..."}]}"""

RETRY = """\
Your reply could not be used: {problems}. Reply again with the corrected JSON object only."""


def card_messages(chunk: Chunk, kinds: tuple[str, ...]) -> list[ChatMessage]:
    """Ask for the cards of one chunk."""
    rules = CARD_RULES.format(count=chunk.cards_wanted(), kinds=", ".join(f'"{k}"' for k in kinds))
    return [ChatMessage(role="system", content=rules), ChatMessage(role="user", content=chunk.text())]


class VerifyItem(BaseModel):
    """One question to answer again, from its sentence alone (the answer is not shown)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: int
    sentence: str
    question: str


class RewordItem(BaseModel):
    """One question of the rule engine to reword, with its sentence and answer."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: int
    sentence: str
    question: str
    answer: str


def verify_messages(items: list[VerifyItem]) -> list[ChatMessage]:
    """Ask for the answer to each question, given only its sentence."""
    body = json.dumps([item.model_dump() for item in items], ensure_ascii=False, indent=1)
    return [ChatMessage(role="system", content=VERIFY_RULES), ChatMessage(role="user", content=body)]


def reword_messages(items: list[RewordItem]) -> list[ChatMessage]:
    """Ask for each question reworded."""
    body = json.dumps([item.model_dump() for item in items], ensure_ascii=False, indent=1)
    return [ChatMessage(role="system", content=REWORD_RULES), ChatMessage(role="user", content=body)]


def retry_messages(sent: list[ChatMessage], reply: str, problems: list[str]) -> list[ChatMessage]:
    """The conversation again, with the unusable reply and what was wrong with it."""
    listed = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
    return [
        *sent,
        ChatMessage(role="assistant", content=reply),
        ChatMessage(role="user", content=RETRY.format(problems=listed)),
    ]
