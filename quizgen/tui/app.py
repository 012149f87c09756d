"""The study app: one Textual app for `quizgen quiz`, `quizgen review`, `quizgen study` and the
teacher's `quizgen pick`.

`make_app(...)` is the only way the CLI and the tests build it. It does the checks that can fail
(no cards of the requested kinds, an unusable progress file) before anything is drawn, raising a
`QuizgenError` the CLI prints as a one-line error.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Sequence
from datetime import tzinfo
from pathlib import Path
from typing import ClassVar, Literal

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.geometry import Size

from quizgen.errors import QuizgenError, StudyError
from quizgen.locations import progress_db_path
from quizgen.models import Deck, load_deck
from quizgen.pick.session import PickSession
from quizgen.study.abbreviations import Glossary
from quizgen.study.cards import quiz_cards
from quizgen.study.clock import Clock, utc_now
from quizgen.study.options import StudyOptions
from quizgen.study.review import ReviewSession
from quizgen.study.scheduling import make_scheduler
from quizgen.study.session import QuizSession
from quizgen.study.store import ProgressStore

Mode = Literal["quiz", "review", "study", "pick"]
MIN_WIDTH, MIN_HEIGHT = 60, 16


def deck_titles(decks: Sequence[Deck]) -> str:
    """The header subtitle for a session over `decks`."""
    return " + ".join(deck.title for deck in decks)


class QuizgenApp(App[None]):
    """Quizzes, spaced-repetition review and a deck list, driven from the keyboard."""

    TITLE = "quizgen"
    ENABLE_COMMAND_PALETTE = False
    # Screens get -narrow below 80 columns (the minimum is 60): shorter bars and labels there.
    # Textual types it as `ClassVar[...] | None`, which mypy reads as an instance variable.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-wide")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        # Ctrl-C quits too: every rating and answer is already on disk when it is given.
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
        Binding("question_mark", "help", "Keys"),
    ]

    def __init__(
        self,
        mode: Mode,
        decks: Sequence[Deck],
        options: StudyOptions,
        store: ProgressStore | None,
        clock: Clock = utc_now,
        tz: tzinfo | None = None,
        owns_store: bool = False,
        pick: PickSession | None = None,
    ) -> None:
        super().__init__()
        self.mode = mode
        self.decks = list(decks)
        self.options = options
        self._store = store
        self.pick = pick
        self.clock = clock
        self.tz = tz
        self.scheduler = make_scheduler(options.fuzz)
        self._owns_store = owns_store
        self._first_quiz: QuizSession | None = None
        self._first_review: ReviewSession | None = None
        self._started = False

    @property
    def store(self) -> ProgressStore:
        """The progress store (every mode but pick, which studies nothing, has one)."""
        if self._store is None:
            raise StudyError(f"quizgen {self.mode} keeps no progress")
        return self._store

    # ------------------------------------------------------------------------------ sessions

    def new_quiz(self, decks: Sequence[Deck]) -> QuizSession:
        """A quiz over `decks` with the command-line options (raises StudyError when empty)."""
        opts = self.options
        cards = quiz_cards(decks, kinds=opts.kinds, count=opts.count, shuffle=opts.shuffle, seed=opts.seed)
        glossary = Glossary.from_decks(decks)  # "JFHQ" and its expansion, from every card of the decks
        # Choices are shuffled with the questions; retry rounds reshuffle both (repeatably with --seed).
        rng = random.Random(None if opts.seed is None else f"choices-{opts.seed}")
        return QuizSession(
            cards,
            clock=self.clock,
            recorder=self.store,
            glossary=glossary,
            rng=rng,
            shuffle_choices=opts.shuffle,
        )

    def new_review(self, decks: Sequence[Deck]) -> ReviewSession:
        """A review session over `decks`, state from the progress store."""
        return ReviewSession(
            self.store,
            decks,
            clock=self.clock,
            new_limit=self.options.new_limit,
            scheduler=self.scheduler,
            tz=self.tz,
        )

    def prepare(self) -> None:
        """Build the first session now, so that a problem stops the CLI before the app starts."""
        if self.mode == "quiz":
            self._first_quiz = self.new_quiz(self.decks)
        elif self.mode == "review":
            self._first_review = self.new_review(self.decks)
        elif self.mode == "pick" and self.pick is None:
            raise StudyError("quizgen pick needs deck files to pick from")

    # ---------------------------------------------------------------------------- lifecycle

    def on_mount(self) -> None:
        from quizgen.tui.screens.home import HomeScreen
        from quizgen.tui.screens.pick import PickScreen
        from quizgen.tui.screens.quiz import QuizScreen
        from quizgen.tui.screens.review import ReviewScreen

        if self._store is not None and self._store.notice:
            self.notify(
                self._store.notice,
                title="Progress file replaced",
                severity="warning",
                timeout=20,
                markup=False,
            )
        if self.pick is not None:
            self.push_screen(PickScreen(self.pick))
        elif self._first_quiz is not None:
            self.push_screen(QuizScreen(self._first_quiz, title=deck_titles(self.decks)))
        elif self._first_review is not None:
            self.push_screen(ReviewScreen(self._first_review, title=deck_titles(self.decks)))
        else:
            self.push_screen(HomeScreen())
        self._started = True
        self.call_after_refresh(self.guard_size)

    def on_resize(self, event: events.Resize) -> None:
        # Runs before App's own handler has stored the new size, so pass it on.
        if self._started:
            self.guard_size(event.size)

    def on_unmount(self) -> None:
        if self._owns_store and self._store is not None:
            self._store.close()

    def guard_size(self, size: Size | None = None) -> None:
        """Below 60×16, cover everything with a request to enlarge the window; uncover when it is."""
        from quizgen.tui.screens.too_small import TooSmallScreen

        size = size or self.size
        small = size.width < MIN_WIDTH or size.height < MIN_HEIGHT
        showing = any(isinstance(screen, TooSmallScreen) for screen in self.screen_stack)
        if small and not showing:
            self.push_screen(TooSmallScreen(MIN_WIDTH, MIN_HEIGHT))
        elif showing and not small and isinstance(self.screen, TooSmallScreen):
            self.pop_screen()

    # --------------------------------------------------------------------------- navigation

    def go_back(self) -> None:
        """Return to the previous screen, or leave the app from the first one."""
        if len(self.screen_stack) > 2:
            self.pop_screen()
        else:
            self.exit()

    def open_deck(self, deck: Deck) -> None:
        from quizgen.tui.screens.deck import DeckScreen

        self.push_screen(DeckScreen(deck))

    def start_quiz(self, decks: Sequence[Deck]) -> None:
        from quizgen.tui.screens.quiz import QuizScreen

        try:
            session = self.new_quiz(decks)
        except QuizgenError as exc:
            self.notify(exc.message, severity="error", markup=False)
            return
        self.push_screen(QuizScreen(session, title=deck_titles(decks)))

    def start_review(self, decks: Sequence[Deck]) -> None:
        from quizgen.tui.screens.review import ReviewScreen

        try:
            session = self.new_review(decks)
        except QuizgenError as exc:
            self.notify(exc.message, severity="error", markup=False)
            return
        self.push_screen(ReviewScreen(session, title=deck_titles(decks)))

    def show_stats(self, decks: Sequence[Deck]) -> None:
        from quizgen.tui.screens.stats import StatsScreen

        self.push_screen(StatsScreen(list(decks)))

    async def action_quit(self) -> None:
        """Ctrl+Q / Ctrl+C: quit, except that picked cards not saved yet are asked about first
        (pressing it again while asked quits anyway)."""
        from quizgen.tui.screens.pick import PickScreen
        from quizgen.tui.screens.pick_quit import QuitScreen

        asking = isinstance(self.screen, QuitScreen)
        pick_screen = next((s for s in self.screen_stack if isinstance(s, PickScreen)), None)
        if pick_screen is not None and self.pick is not None and self.pick.unsaved and not asking:
            while self.screen is not pick_screen:  # an edit form or export dialog: leave it
                self.pop_screen()
            pick_screen.action_quit_pick()
            return
        self.exit()

    def action_help(self) -> None:
        """?: the keys of the current screen."""
        from quizgen.tui.screens.help import HelpScreen
        from quizgen.tui.screens.too_small import TooSmallScreen

        if not isinstance(self.screen, HelpScreen | TooSmallScreen):
            self.push_screen(HelpScreen(self.screen))


def make_app(
    mode: Mode,
    decks: Sequence[Deck] = (),
    options: StudyOptions | None = None,
    *,
    store: ProgressStore | None = None,
    clock: Clock | None = None,
    tz: tzinfo | None = None,
    pick: PickSession | None = None,
) -> QuizgenApp:
    """Build the study app (shared by the CLI and the tests).

    `store` defaults to the progress file under QUIZGEN_HOME (pick mode, which studies nothing,
    opens none); `clock` and `tz` let tests fix time; `pick` is the teacher's session of pick mode.
    Raises `QuizgenError` (e.g. `StudyError`) when the session cannot start.
    """
    clock = clock or utc_now
    owns_store = store is None and mode != "pick"
    if owns_store:
        store = ProgressStore(progress_db_path(), clock=clock)
    app = QuizgenApp(
        mode, decks, options or StudyOptions(), store, clock=clock, tz=tz, owns_store=owns_store, pick=pick
    )
    try:
        app.prepare()
    except BaseException:
        if owns_store and store is not None:
            store.close()
        raise
    return app


def run_study(mode: Mode, deck_paths: Sequence[Path] | None, options: StudyOptions) -> None:
    """What `quizgen quiz|review|study` do: load the decks, build the app, run it in this terminal.

    Every check that can fail happens before the terminal is taken over, so problems end as a
    one-line `error:` from the CLI.
    """
    decks = [load_deck(path) for path in deck_paths or ()]
    if mode != "study" and not decks:
        raise StudyError(
            f"quizgen {mode} needs at least one deck file",
            hint=f"e.g. quizgen {mode} decks/<name>.json, or run `quizgen study` to pick a deck",
        )
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        # before the progress file is opened: a refused run leaves nothing behind
        raise StudyError(f"quizgen {mode} is interactive and needs a terminal")
    make_app(mode, decks, options).run()


def run_pick(deck_paths: Sequence[Path]) -> None:
    """What `quizgen pick` does: read the deck files, then run the pick screen in this terminal.

    A deck file that cannot be read stops the command with a one-line error before the terminal is
    taken over."""
    session = PickSession.open(deck_paths)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise StudyError("quizgen pick is interactive and needs a terminal")
    make_app("pick", pick=session).run()
