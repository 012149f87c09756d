"""The review session: spaced-repetition flashcards scheduled by FSRS, progress kept in the store.

Order: cards that are due (oldest due first), then new cards in deck order up to a daily limit.
Siblings are buried for the day, as Anki does: once a card has been reviewed today, the other cards
of its group (its sentence) and of its fact wait until the next day, since its answer and source
sentence give theirs away; so the blanks of one sentence never come back to back. `today_queue` is
that rule for one moment, shared with the counts of the study home screen. A card is shown
front first; `reveal()` also works out what each rating would do, and `rate()` applies exactly that
outcome, so the interval printed on a button is the interval the card gets (fuzz included).

The store refuses a rating or an undo that would overwrite a newer rating given in another window;
the session then takes the saved state and says so. A store opened read-only does not stop the
review: ratings then apply to this session only, and `not_saved` says why.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from fsrs import Card as FsrsCard
from fsrs import Rating, ReviewLog, Scheduler

from quizgen.errors import StudyError
from quizgen.models import Deck
from quizgen.study.cards import StudyCard, study_cards
from quizgen.study.clock import Clock, utc_now
from quizgen.study.scheduling import format_interval, make_scheduler, new_fsrs_card, preview
from quizgen.study.store import Key, ProgressConflictError, ProgressReadOnlyError, ProgressStore

DEFAULT_NEW_LIMIT = 20


def day_start(moment: datetime, tz: tzinfo | None = None) -> datetime:
    """Midnight of `moment`'s day in `tz` (the local time zone when None), as a UTC-aware datetime."""
    local = moment.astimezone(tz)
    return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(moment.tzinfo)


@dataclass(frozen=True)
class _Rated:
    log_id: int | None  # None: not saved (the store is read-only)
    key: Key
    before: FsrsCard | None
    at: datetime


@dataclass(frozen=True)
class TodayQueue:
    """What review offers at one moment, in the order it offers it."""

    due: list[StudyCard]
    """Cards due now, most overdue first, one per group and fact."""
    new: list[StudyCard]
    """New cards for today, in deck order, up to the day's allowance, one per group and fact."""
    buried: set[Key]
    """Cards that wait for tomorrow because a sibling of theirs was reviewed today."""


def buried_siblings(cards: Sequence[StudyCard], reviewed_today: set[Key]) -> set[Key]:
    """The cards that wait for tomorrow: a sibling was reviewed today, and they were not (a card
    reviewed today goes on through its own learning steps)."""
    marks: set[tuple[str, str, str]] = set()
    for item in cards:
        if item.key in reviewed_today:
            marks |= item.sibling_marks
    return {
        item.key
        for item in cards
        if item.key not in reviewed_today and not marks.isdisjoint(item.sibling_marks)
    }


def today_queue(
    cards: Sequence[StudyCard],
    states: dict[Key, FsrsCard],
    reviewed_today: set[Key],
    now: datetime,
    new_allowance: int,
) -> TodayQueue:
    """The cards review offers at `now`: due cards, then new ones, without buried siblings, and one
    card per group and fact (the first one reviewed buries the others)."""
    buried = buried_siblings(cards, reviewed_today)
    taken: set[tuple[str, str, str]] = set()

    def take(item: StudyCard) -> bool:
        """Offer `item` unless it is buried or a sibling is offered first (a card reviewed today
        goes on through its learning steps whatever its siblings do)."""
        if item.key in buried:
            return False
        if item.key not in reviewed_today and not taken.isdisjoint(item.sibling_marks):
            return False
        taken.update(item.sibling_marks)
        return True

    due_now = sorted(
        (item for item in cards if item.key in states and states[item.key].due <= now),
        key=lambda item: states[item.key].due,
    )
    due = [item for item in due_now if take(item)]
    new: list[StudyCard] = []
    for item in cards:
        if len(new) >= new_allowance:
            break
        if item.key not in states and take(item):
            new.append(item)
    return TodayQueue(due=due, new=new, buried=buried)


def review_queue(
    store: ProgressStore,
    cards: Sequence[StudyCard],
    states: dict[Key, FsrsCard],
    now: datetime,
    new_limit: int = DEFAULT_NEW_LIMIT,
    tz: tzinfo | None = None,
    unsaved: Iterable[Key] = (),
) -> TodayQueue:
    """`today_queue` with today's ratings read from the store (plus `unsaved` ones, rated today in a
    session whose store could not save them): what a review of `cards` offers at `now`."""
    reviews = store.reviews(sorted({item.deck_id for item in cards}), day_start(now, tz))
    reviewed = {review.key for review in reviews} | set(unsaved)
    allowance = max(0, new_limit - sum(1 for review in reviews if review.was_new))
    return today_queue(cards, states, reviewed, now, allowance)


class ReviewSession:
    """Flashcard review over the cards of some decks."""

    def __init__(
        self,
        store: ProgressStore,
        decks: Sequence[Deck],
        clock: Clock = utc_now,
        new_limit: int = DEFAULT_NEW_LIMIT,
        scheduler: Scheduler | None = None,
        tz: tzinfo | None = None,
    ) -> None:
        self.decks = list(decks)
        self.cards = study_cards(decks)
        if not self.cards:
            raise StudyError("no cards to review", hint="generate a deck first with `quizgen generate`")
        self.store = store
        self.clock = clock
        self.new_limit = max(0, new_limit)
        self.scheduler = scheduler or make_scheduler()
        self.tz = tz
        self.deck_ids = sorted({card.deck_id for card in self.cards})
        keys = {card.key for card in self.cards}
        self.states = {key: state for key, state in store.card_states(self.deck_ids).items() if key in keys}
        self.reviewed = 0
        self.current: StudyCard | None = None
        self.revealed = False
        self._outcomes: dict[Rating, tuple[FsrsCard, ReviewLog]] = {}
        self._preview_time = self.clock()
        self._history: list[_Rated] = []
        self.not_saved: str | None = None
        """Why ratings are not being saved (the store is read-only); None while they are."""
        self._pick()

    # ----------------------------------------------------------------------------------- queue

    def queue(self, now: datetime | None = None) -> TodayQueue:
        """What is left to review at `now` (see `today_queue`)."""
        now = now or self.clock()
        since = day_start(now, self.tz)
        unsaved = [rated.key for rated in self._history if rated.log_id is None and rated.at >= since]
        return review_queue(self.store, self.cards, self.states, now, self.new_limit, self.tz, unsaved)

    def due_cards(self, now: datetime | None = None) -> list[StudyCard]:
        """Reviewed cards that are due, most overdue first (buried siblings left out)."""
        return self.queue(now).due

    def unseen_cards(self) -> list[StudyCard]:
        return [card for card in self.cards if card.key not in self.states]

    def counts(self) -> tuple[int, int]:
        """(due now, new still to come today) — what is left in this session."""
        queue = self.queue()
        return len(queue.due), len(queue.new)

    def _pick(self, forced: Key | None = None) -> None:
        self.revealed = False
        self._outcomes = {}
        if forced is not None:
            self.current = next(card for card in self.cards if card.key == forced)
            return
        queue = self.queue()
        waiting = queue.due or queue.new
        self.current = waiting[0] if waiting else None

    def refresh(self) -> bool:
        """Look again for a card that has become due (the app polls while it says "done for now")."""
        if self.current is None:
            self._pick()
        return self.current is not None

    @property
    def is_new(self) -> bool:
        return self.current is not None and self.current.key not in self.states

    def next_due_in(self) -> timedelta | None:
        """How long until the next card is due (or today's new cards and buried siblings wait for
        tomorrow); zero while cards are waiting, None if never."""
        now = self.clock()
        queue = self.queue(now)
        if queue.due or queue.new:
            return timedelta(0)
        tomorrow = day_start(now, self.tz) + timedelta(days=1)
        upcoming = [
            max(state.due, tomorrow) if key in queue.buried else state.due
            for key, state in self.states.items()
        ]
        if self.unseen_cards():
            upcoming.append(tomorrow)
        later = [when - now for when in upcoming if when > now]
        return min(later) if later else None

    def done_text(self) -> str:
        """The line shown when nothing is left: "Done for now — next card due in 10m."."""
        wait = self.next_due_in()
        if wait is None:
            return "Done — every card has been reviewed."
        text = f"Done for now — next card due in {format_interval(wait)}."
        buried = len(self.queue().buried)
        if buried:
            cards = "1 card waits" if buried == 1 else f"{buried} cards wait"
            text += f" {cards} for tomorrow: each shares a sentence with a card reviewed today."
        return text

    # --------------------------------------------------------------------------------- actions

    def reveal(self) -> None:
        """Show the back of the current card and work out each rating's outcome."""
        if self.current is None:
            raise StudyError("there is no card to reveal")
        if self.revealed:
            return
        now = self.clock()
        state = self.states.get(self.current.key) or new_fsrs_card(self.current.key, now)
        self._outcomes = preview(self.scheduler, state, now)
        self._preview_time = now
        self.revealed = True

    def intervals(self) -> dict[Rating, str]:
        """The interval each rating would give, formatted like Anki ("<1m", "10m", "4d")."""
        if not self.revealed:
            return {}
        return {
            rating: format_interval(card.due - self._preview_time)
            for rating, (card, _) in self._outcomes.items()
        }

    def rate(self, rating: Rating) -> None:
        """Rate the revealed card; the new state and the log row are saved before this returns."""
        if self.current is None or not self.revealed:
            raise StudyError("show the answer before rating the card")
        key = self.current.key
        after, _ = self._outcomes[rating]
        before = self.states.get(key)
        rated_at = self.clock()
        log_id: int | None
        try:
            log_id = self.store.record_rating(key, rating, before, after, rated_at)
        except ProgressReadOnlyError as exc:
            log_id, self.not_saved = None, exc.message
        except ProgressConflictError:
            self._reload(key)  # rated in another window since: its rating stands
            self._pick()
            raise
        self.states[key] = after
        self._history.append(_Rated(log_id, key, before, rated_at))
        self.reviewed += 1
        self._pick()

    def _reload(self, key: Key) -> None:
        """Take the saved state of `key` (after another window changed it)."""
        state = self.store.card_state(key)
        if state is None:
            self.states.pop(key, None)
        else:
            self.states[key] = state

    @property
    def can_undo(self) -> bool:
        return bool(self._history)

    def undo(self) -> StudyCard:
        """Take back the last rating of this session and show that card again."""
        if not self._history:
            raise StudyError("nothing to undo")
        last = self._history[-1]
        if last.log_id is not None:
            try:
                self.store.undo_rating(last.log_id)
            except ProgressConflictError:
                self._history.pop()  # it can never be undone now; earlier ratings still can
                self._reload(last.key)
                raise
        self._history.pop()
        if last.before is None:
            self.states.pop(last.key, None)
        else:
            self.states[last.key] = last.before
        self.reviewed -= 1
        self._pick(forced=last.key)
        assert self.current is not None
        return self.current
