"""FSRS scheduling helpers around the `fsrs` package: new cards, previews, Anki-style intervals."""

from __future__ import annotations

from datetime import datetime, timedelta

from fsrs import Card as FsrsCard
from fsrs import Rating, ReviewLog, Scheduler

from quizgen.models import stable_id

RATINGS: tuple[Rating, ...] = (Rating.Again, Rating.Hard, Rating.Good, Rating.Easy)
RATING_LABELS = {Rating.Again: "Again", Rating.Hard: "Hard", Rating.Good: "Good", Rating.Easy: "Easy"}


def make_scheduler(fuzz: bool = True) -> Scheduler:
    """The FSRS scheduler with its default parameters (fuzz spreads reviews of long intervals)."""
    return Scheduler(enable_fuzzing=fuzz)


def new_fsrs_card(key: tuple[str, str], now: datetime) -> FsrsCard:
    """A never-reviewed FSRS card for the progress key `key`, due `now`.

    The numeric id is derived from the key (the package's default is the creation time, and it
    sleeps a millisecond per card to keep those unique).
    """
    return FsrsCard(card_id=int(stable_id(*key, length=12), 16), due=now)


def preview(scheduler: Scheduler, card: FsrsCard, now: datetime) -> dict[Rating, tuple[FsrsCard, ReviewLog]]:
    """What each rating would do to `card` if given `now` (the card itself is left unchanged)."""
    return {
        rating: scheduler.review_card(FsrsCard.from_dict(card.to_dict()), rating, review_datetime=now)
        for rating in RATINGS
    }


def format_interval(delta: timedelta) -> str:
    """An interval as Anki prints it on its buttons: ``<1m``, ``10m``, ``3h``, ``4d``, ``1.2mo``, ``2y``."""
    seconds = delta.total_seconds()
    if seconds < 60:
        return "<1m"
    if seconds < 3600:
        return f"{round(seconds / 60)}m"
    if seconds < 86400:
        return f"{_trim(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{_trim(days / 30)}mo"
    return f"{_trim(days / 365)}y"


def _trim(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")
