"""The quiz session: a small state machine the quiz screen renders and forwards keys to.

    asking ──answer()──▶ answered ──next()──▶ asking … ──▶ finished
       └────────────────── finish() (the learner pressed q) ──────┘

Each answer is handed to a recorder (the progress store) as it is given, so a quiz cut short by a
closed terminal still counts what was answered. After a wrong verdict the learner may say "I was
right" (`override`): the answer then counts, and the store records it as the learner's call. A store
opened read-only does not stop the quiz: `not_saved` says why nothing is being kept.

A retry round of the missed cards is recorded as part of the same quiz (its session id), so the
quiz's score stays the first answer given to each card. It asks them in a new order, each
multiple-choice answer in a new place, so that neither an order nor a position can be remembered
instead of the answer.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol

from quizgen.errors import StudyError
from quizgen.study.abbreviations import Glossary
from quizgen.study.cards import StudyCard
from quizgen.study.clock import Clock, utc_now
from quizgen.study.grading import Grade, grade
from quizgen.study.progress_file import ProgressReadOnlyError
from quizgen.study.store import Key


class Phase(StrEnum):
    ASKING = "asking"
    ANSWERED = "answered"
    FINISHED = "finished"


@dataclass(frozen=True)
class Answer:
    """One answered card: what was typed or chosen and how it was graded."""

    item: StudyCard
    response: str
    grade: Grade
    answered_at: datetime
    seconds: float


class QuizRecorder(Protocol):
    """Where a session reports answers (implemented by `ProgressStore`)."""

    def record_quiz_answer(self, session_id: str, started_at: datetime, answer: Answer) -> None: ...

    def record_override(self, session_id: str, answer: Answer) -> None: ...

    def finish_quiz(self, session_id: str, finished_at: datetime) -> None: ...


class QuizSession:
    """A run through a list of cards: ask, grade, show feedback, move on, summarise.

    `glossary` holds the abbreviations of the decks the cards come from (JFHQ = Joint Force
    Headquarters); by default, those that the acronym cards among `cards` give. Multiple-choice
    answers are offered in the card's order, shuffled with `rng` when `shuffle_choices` is set, or in
    the orders `choice_orders` gives. `session_id` and `round_number` are a retry round's (see
    `retry_missed`).
    """

    def __init__(
        self,
        cards: Sequence[StudyCard],
        clock: Clock = utc_now,
        recorder: QuizRecorder | None = None,
        glossary: Glossary | None = None,
        *,
        rng: random.Random | None = None,
        shuffle_choices: bool = False,
        choice_orders: Mapping[Key, Sequence[str]] | None = None,
        session_id: str | None = None,
        round_number: int = 1,
    ) -> None:
        if not cards:
            raise StudyError("a quiz needs at least one card")
        self.cards = list(cards)
        self.rng = rng or random.Random()
        given = choice_orders or {}
        self._choices: dict[Key, tuple[str, ...]] = {}
        for item in self.cards:
            order = list(given.get(item.key, item.card.choices))
            if shuffle_choices and item.key not in given:
                self.rng.shuffle(order)
            self._choices[item.key] = tuple(order)
        self.clock = clock
        self.recorder = recorder
        self.glossary = glossary or Glossary.from_cards(item.card for item in self.cards)
        self.not_saved: str | None = None
        """Why answers are not being saved (the store is read-only); None while they are."""
        self.id = session_id or uuid.uuid4().hex
        self.round = round_number
        """1 for the quiz itself, 2 for its first retry round, …"""
        self.position = 0
        self.answers: list[Answer] = []
        self.phase = Phase.ASKING
        self.started_at = clock()
        self.finished_at: datetime | None = None
        self._asked_at = self.started_at

    # ----------------------------------------------------------------------------------- reading

    @property
    def total(self) -> int:
        return len(self.cards)

    @property
    def current(self) -> StudyCard | None:
        """The card being asked or just answered; None once finished."""
        return None if self.phase is Phase.FINISHED else self.cards[self.position]

    def choices(self, item: StudyCard | None = None) -> tuple[str, ...]:
        """The choices of `item` (the current card by default) in the order they are offered."""
        item = item or self.current
        return self._choices.get(item.key, ()) if item is not None else ()

    @property
    def is_retry(self) -> bool:
        return self.round > 1

    @property
    def in_progress(self) -> bool:
        """True when leaving now would cut short a quiz with answers given."""
        return self.phase is not Phase.FINISHED and bool(self.answers)

    @property
    def last_answer(self) -> Answer | None:
        return self.answers[-1] if self.answers else None

    @property
    def answered(self) -> int:
        return len(self.answers)

    @property
    def correct(self) -> int:
        return sum(1 for answer in self.answers if answer.grade.correct)

    @property
    def missed(self) -> list[Answer]:
        return [answer for answer in self.answers if not answer.grade.correct]

    @property
    def overridden(self) -> int:
        """How many answers the learner counted right after a wrong verdict."""
        return sum(1 for answer in self.answers if answer.grade.overridden)

    @property
    def can_override(self) -> bool:
        """Whether "I was right" applies now: just after a wrong verdict on an answer given."""
        last = self.last_answer
        return (
            self.phase is Phase.ANSWERED
            and last is not None
            and not last.grade.correct
            and bool(last.response)
        )

    @property
    def elapsed(self) -> timedelta:
        end = self.finished_at or self.clock()
        return end - self.started_at

    def score_text(self) -> str:
        """``"7/9 right · 78%"`` (or ``"no answers yet"``)."""
        if not self.answers:
            return "no answers yet"
        return f"{self.correct}/{self.answered} right · {round(100 * self.correct / self.answered)}%"

    # ----------------------------------------------------------------------------------- actions

    def answer(self, response: str) -> Answer:
        """Grade `response` to the current card and show feedback."""
        self._expect(Phase.ASKING, "answer")
        item = self.cards[self.position]
        now = self.clock()
        result = Answer(
            item=item,
            response=response.strip(),
            grade=grade(item.card, response, self.glossary),
            answered_at=now,
            seconds=max(0.0, (now - self._asked_at).total_seconds()),
        )
        self.answers.append(result)
        self.phase = Phase.ANSWERED
        if self.recorder is not None:
            recorder = self.recorder
            self._save(lambda: recorder.record_quiz_answer(self.id, self.started_at, result))
        return result

    def override(self) -> Answer:
        """ "I was right": count the answer just graded wrong as right, recorded as an override."""
        if not self.can_override:
            raise StudyError("only an answer just marked wrong can be counted as right")
        counted = replace(
            self.answers[-1],
            grade=Grade(
                correct=True,
                exact=False,
                explanation="Counted right — you said you were right.",
                overridden=True,
            ),
        )
        self.answers[-1] = counted
        if self.recorder is not None:
            recorder = self.recorder
            self._save(lambda: recorder.record_override(self.id, counted))
        return counted

    def _save(self, write: Callable[[], None]) -> None:
        """Hand something to the recorder; a read-only store is noted, not an error (the quiz goes on)."""
        try:
            write()
        except ProgressReadOnlyError as exc:
            self.not_saved = exc.message

    def choose(self, number: int) -> Answer:
        """Answer a multiple-choice card with its choice `number` (1-based, as shown)."""
        choices = self.choices(self.cards[self.position])
        if not 1 <= number <= len(choices):
            raise StudyError(f"there is no choice {number}; choose 1 to {len(choices)}")
        return self.answer(choices[number - 1])

    def next(self) -> Phase:
        """Leave the feedback and ask the next card, or finish after the last one."""
        self._expect(Phase.ANSWERED, "go on")
        self.position += 1
        if self.position >= len(self.cards):
            self.finish()
        else:
            self.phase = Phase.ASKING
            self._asked_at = self.clock()
        return self.phase

    def finish(self) -> None:
        """End the session now (also when cards are left); harmless when already finished."""
        if self.phase is Phase.FINISHED:
            return
        self.phase = Phase.FINISHED
        self.finished_at = self.clock()
        if self.recorder is not None and self.answers:
            recorder, finished_at = self.recorder, self.finished_at
            self._save(lambda: recorder.finish_quiz(self.id, finished_at))

    def retry_missed(self) -> QuizSession:
        """A retry round over the cards answered wrongly: in a new order, each multiple-choice
        answer in a new place, recorded as part of this quiz."""
        missed = [answer.item for answer in self.missed]
        if not missed:
            raise StudyError("no missed cards to retry")
        order = reshuffled(missed, self.rng)
        choices = {
            item.key: answer_moved(self.choices(item), item.card.answer, self.rng)
            for item in order
            if item.card.choices
        }
        return QuizSession(
            order,
            clock=self.clock,
            recorder=self.recorder,
            glossary=self.glossary,
            rng=self.rng,
            choice_orders=choices,
            session_id=self.id,
            round_number=self.round + 1,
        )

    def _expect(self, phase: Phase, doing: str) -> None:
        if self.phase is not phase:
            raise StudyError(f"cannot {doing} while the quiz is {self.phase.value}")


def reshuffled(items: Sequence[StudyCard], rng: random.Random) -> list[StudyCard]:
    """`items` shuffled, never left in the order given (when there are two or more)."""
    order = list(items)
    rng.shuffle(order)
    if len(order) > 1 and order == list(items):
        order = order[1:] + order[:1]
    return order


def answer_moved(choices: Sequence[str], answer: str, rng: random.Random) -> tuple[str, ...]:
    """`choices` shuffled so that `answer` no longer stands where it stood (when it can move)."""
    order = list(choices)
    if answer not in order or len(order) < 2:
        return tuple(order)
    before = order.index(answer)
    rng.shuffle(order)
    now = order.index(answer)
    if now == before:
        other = rng.choice([i for i in range(len(order)) if i != now])
        order[now], order[other] = order[other], order[now]
    return tuple(order)
