"""The time source of the study core, injectable so that tests (and snapshots) control time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]
"""A function returning the current time as a timezone-aware UTC datetime."""


def utc_now() -> datetime:
    """The real clock: now, in UTC."""
    return datetime.now(UTC)


def fixed_clock(moment: datetime) -> Clock:
    """A clock stuck at `moment` (for snapshots and examples)."""
    return lambda: moment
