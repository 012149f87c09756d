"""Review statistics for the stats screen: activity per day, the due forecast, retention."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from fsrs import Rating, Scheduler

from quizgen.models import Deck
from quizgen.study.cards import study_cards
from quizgen.study.review import day_start
from quizgen.study.scheduling import make_scheduler
from quizgen.study.store import ProgressStore

OBSERVED_WINDOW_DAYS = 30


@dataclass(frozen=True)
class DayActivity:
    """Ratings given on one day."""

    day: date
    reviews: int
    passed: int
    """Ratings other than Again."""

    @property
    def accuracy(self) -> float | None:
        return self.passed / self.reviews if self.reviews else None


@dataclass(frozen=True)
class StudyStats:
    """Everything the stats screen shows, for the cards of some decks."""

    cards: int
    started: int
    """Cards reviewed at least once."""
    activity: list[DayActivity]
    """The last days, oldest first, today last."""
    forecast: list[tuple[date, int]]
    """Cards due on each of the next days; today's count includes overdue cards."""
    predicted_retention: float | None
    """FSRS's mean probability of recalling a started card right now."""
    observed_retention: float | None
    """Share of reviews of already-learnt cards not rated Again, over the last 30 days."""
    observed_reviews: int


def study_stats(
    store: ProgressStore,
    decks: Sequence[Deck],
    now: datetime,
    tz: tzinfo | None = None,
    days: int = 14,
    forecast_days: int = 7,
    scheduler: Scheduler | None = None,
) -> StudyStats:
    """Compute the statistics of `decks` at `now` (days are counted in `tz`, local by default)."""
    scheduler = scheduler or make_scheduler()
    keys = {card.key for card in study_cards(decks)}
    deck_ids = sorted({deck.id for deck in decks})
    states = {key: state for key, state in store.card_states(deck_ids).items() if key in keys}
    today = day_start(now, tz)

    first_day = today - timedelta(days=days - 1)
    window_start = min(first_day, today - timedelta(days=OBSERVED_WINDOW_DAYS - 1))
    reviews = [review for review in store.reviews(deck_ids, window_start) if review.key in keys]

    activity = []
    for offset in range(days):
        start = first_day + timedelta(days=offset)
        end = start + timedelta(days=1)
        on_day = [r for r in reviews if start <= r.reviewed_at < end]
        passed = sum(1 for r in on_day if r.rating is not Rating.Again)
        activity.append(DayActivity(start.astimezone(tz).date(), len(on_day), passed))

    forecast = []
    for offset in range(forecast_days):
        end = today + timedelta(days=offset + 1)
        start = today + timedelta(days=offset)
        count = sum(1 for s in states.values() if (s.due < end if offset == 0 else start <= s.due < end))
        forecast.append((start.astimezone(tz).date(), count))

    learnt = [s for s in states.values() if s.stability is not None and s.last_review is not None]
    predicted = (
        sum(scheduler.get_card_retrievability(s, now) for s in learnt) / len(learnt) if learnt else None
    )
    # Reviews of cards in the Review state (2) measure memory; learning steps do not.
    recalls = [r for r in reviews if r.previous_state == 2]
    observed = sum(1 for r in recalls if r.rating is not Rating.Again) / len(recalls) if recalls else None
    return StudyStats(
        cards=len(keys),
        started=len(states),
        activity=activity,
        forecast=forecast,
        predicted_retention=predicted,
        observed_retention=observed,
        observed_reviews=len(recalls),
    )
