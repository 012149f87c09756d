"""The review session: spaced-repetition flashcards scheduled by FSRS, progress kept in the store.

Order: cards that are due (oldest due first), then new cards up to a daily limit. A card is shown
front first; `reveal()` also works out what each rating would do, and `rate()` applies exactly that
outcome, so the interval printed on a button is the interval the card gets (fuzz included).

The store refuses a rating or an undo that would overwrite a newer rating given in another window;
the session then takes the saved state and says so. A store opened read-only does not stop the
review: ratings then apply to this session only, and `not_saved` says why.
"""

from __future__ import annotations

from collections.abc import Sequence
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

    def due_cards(self, now: datetime | None = None) -> list[StudyCard]:
        """Reviewed cards that are due, most overdue first."""
        now = now or self.clock()
        due = [card for card in self.cards if card.key in self.states and self.states[card.key].due <= now]
        return sorted(due, key=lambda card: self.states[card.key].due)

    def new_allowance(self, now: datetime | None = None) -> int:
        """How many more new cards today's limit allows."""
        started = self.store.new_cards_started(self.deck_ids, day_start(now or self.clock(), self.tz))
        return max(0, self.new_limit - started)

    def unseen_cards(self) -> list[StudyCard]:
        return [card for card in self.cards if card.key not in self.states]

    def counts(self) -> tuple[int, int]:
        """(due now, new still allowed today) — what is left in this session."""
        now = self.clock()
        return len(self.due_cards(now)), min(len(self.unseen_cards()), self.new_allowance(now))

    def _pick(self, forced: Key | None = None) -> None:
        self.revealed = False
        self._outcomes = {}
        now = self.clock()
        if forced is not None:
            self.current = next(card for card in self.cards if card.key == forced)
            return
        due = self.due_cards(now)
        if due:
            self.current = due[0]
            return
        unseen = self.unseen_cards() if self.new_allowance(now) > 0 else []
        self.current = unseen[0] if unseen else None

    def refresh(self) -> bool:
        """Look again for a card that has become due (the app polls while it says "done for now")."""
        if self.current is None:
            self._pick()
        return self.current is not None

    @property
    def is_new(self) -> bool:
        return self.current is not None and self.current.key not in self.states

    def next_due_in(self) -> timedelta | None:
        """How long until the next card is due (or today's new cards run out); None if never."""
        now = self.clock()
        upcoming = [state.due - now for state in self.states.values() if state.due > now]
        if self.unseen_cards() and self.new_allowance(now) == 0:
            upcoming.append(day_start(now, self.tz) + timedelta(days=1) - now)
        return min(upcoming) if upcoming else None

    def done_text(self) -> str:
        """The line shown when nothing is left: "Done for now — next card due in 10m."."""
        wait = self.next_due_in()
        if wait is None:
            return "Done — every card has been reviewed."
        return f"Done for now — next card due in {format_interval(wait)}."

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
        log_id: int | None
        try:
            log_id = self.store.record_rating(key, rating, before, after, self.clock())
        except ProgressReadOnlyError as exc:
            log_id, self.not_saved = None, exc.message
        except ProgressConflictError:
            self._reload(key)  # rated in another window since: its rating stands
            self._pick()
            raise
        self.states[key] = after
        self._history.append(_Rated(log_id, key, before))
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
