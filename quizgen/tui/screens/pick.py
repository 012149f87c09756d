"""The teacher's pick screen: every card with its source sentence, to include, exclude or edit.

The screen renders a `PickSession` (the core keeps the cards, the filter and what is unsaved) and
forwards each key to it. Card text comes from articles: it is drawn as Rich `Text` built from plain
strings, never parsed as markup.
"""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from quizgen.errors import QuizgenError
from quizgen.models import Card
from quizgen.pick.edits import CLOZE_BLANK
from quizgen.pick.session import CardKey, PickSession
from quizgen.study.cards import KIND_LABELS, answer_span
from quizgen.tui.screens.base import StudyScreen

ANSWER_STYLE = "bold green"
EXCLUDED_STYLE = "dim"
FILTER_PLACEHOLDER = "Search questions, answers and sources — Enter keeps it, Esc clears it"


def card_row(card: Card, deck_title: str | None = None) -> Table:
    """One card as the list shows it: included (✓) or not (✗), the question, the answer (and the
    other choices), kind and marks, the source sentence with the answer underlined, and for an
    edited card what the engine had written."""
    excluded = card.excluded
    body = Text(style=EXCLUDED_STYLE if excluded else "")
    body.append(card.question, "bold" if not excluded else "")
    body.append("\n→ ")
    body.append(card.answer, ANSWER_STYLE if not excluded else "")
    others = [choice for choice in card.choices if choice != card.answer]
    if others:
        body.append("   not: " + " · ".join(others), "dim")
    tags = [KIND_LABELS[card.kind]]
    if deck_title:
        tags.append(deck_title)
    body.append("   " + " · ".join(tags), "dim")
    if card.edited:
        body.append(" · ", "dim")
        body.append("edited", "bold yellow")
    if excluded:
        body.append(" · ", "dim")
        body.append("excluded", "bold red")
    body.append("\n")
    body.append_text(_source(card))
    was = _engine_wording(card)
    if was:
        body.append("\nwas: " + was, "dim italic")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1)
    mark = Text("✗", style="bold red") if excluded else Text("✓", style="bold green")
    grid.add_row(mark, body)
    return grid


def _engine_wording(card: Card) -> str:
    """What the teacher changed, as the engine had written it (empty for a card not edited)."""
    original = card.teacher.original if card.teacher else None
    if original is None:
        return ""
    changed = []
    if original.question != card.question:
        changed.append(f"question “{original.question}”")
    if original.answer != card.answer:
        changed.append(f"answer “{original.answer}”")
    if sorted(original.choices) != sorted(card.choices):
        changed.append("choices " + " · ".join(f"“{choice}”" for choice in original.choices))
    if original.accepted_answers != card.accepted_answers:
        accepted = ", ".join(f"“{answer}”" for answer in original.accepted_answers)
        changed.append(f"also accepted {accepted or 'nothing else'}")
    return "; ".join(changed)


def _source(card: Card) -> Text:
    if card.kind == "cloze" and card.question.replace(CLOZE_BLANK, card.answer, 1) == card.context:
        # the question is the sentence itself: saying so saves a repeat of a long sentence
        return Text.assemble(("Source: ", "dim italic"), ("the same sentence, word for word", "dim"))
    sentence = Text(card.context, style="dim")
    span = answer_span(card)
    if span is not None:
        sentence.stylize("underline", *span)
    return Text.assemble(("Source: ", "dim italic"), sentence)


class PickScreen(StudyScreen):
    """Space includes or excludes the highlighted card, e edits it, / filters, s saves, x exports."""

    CSS_PATH = "pick.tcss"
    AUTO_FOCUS = "#pick-cards"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "include_exclude", "In/out"),
        Binding("e", "edit", "Edit"),
        Binding("r", "restore", "Restore"),
        Binding("slash", "filter", "Filter"),
        Binding("s", "save", "Save"),
        Binding("x", "export", "Export"),
        Binding("q", "quit_pick", "Quit"),
        Binding("escape", "escape", "Clear filter", show=False),
    ]
    HELP_NOTES = (
        "Excluded cards stay in the deck file, marked as the teacher's, and are left out of every "
        "export, quiz and review; edited cards keep the engine's wording too (r restores it). "
        "Regenerating the deck keeps both for cards whose source sentence is still in the article. "
        "/ searches questions, answers and source sentences; Esc clears the search."
    )

    def __init__(self, session: PickSession) -> None:
        super().__init__(id="pick")
        self.session = session
        self.sub_title = session.titles
        self._rows: list[CardKey] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="pick-status")
        yield OptionList(id="pick-cards")
        yield Static(id="pick-empty")
        yield Input(placeholder=FILTER_PLACEHOLDER, id="pick-filter")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#pick-filter", Input).display = False
        self.show_cards()

    # ------------------------------------------------------------------------------ rendering

    @property
    def cards(self) -> OptionList:
        return self.query_one("#pick-cards", OptionList)

    @property
    def highlighted(self) -> CardKey | None:
        """The card under the cursor (None when the list is empty)."""
        index = self.cards.highlighted
        if index is None or not 0 <= index < len(self._rows):
            return None
        return self._rows[index]

    def _row(self, key: CardKey) -> Table:
        several = len(self.session.decks) > 1
        return card_row(self.session.card(key), self.session.deck_title(key) if several else None)

    def show_cards(self) -> None:
        """Fill the list with the cards the filter lets through (keeping the cursor on its card)."""
        before = self.highlighted
        self._rows = self.session.shown
        cards = self.cards
        options: list[Option | None] = []
        for key in self._rows:
            options += [Option(self._row(key)), None]  # None: a rule between cards
        cards.set_options(options[:-1])
        if self._rows:
            cards.highlighted = self._rows.index(before) if before in self._rows else 0
        empty = self.query_one("#pick-empty", Static)
        empty.display = not self._rows
        cards.display = bool(self._rows)
        if not self._rows:
            query = self.session.query
            empty.update(
                Content(f"No card matches “{query}”. Esc clears the search.")
                if query
                else Content("These decks have no cards.")
            )
        self.show_status()

    def show_card(self, key: CardKey) -> None:
        """Redraw one card after a change."""
        if key in self._rows:
            self.cards.replace_option_prompt_at_index(self._rows.index(key), self._row(key))
        self.show_status()

    def show_status(self) -> None:
        counts = self.session.counts()
        parts = [
            f"{counts.cards} cards",
            f"{counts.included} included",
            f"{counts.excluded} excluded",
            f"{counts.edited} edited",
        ]
        if self.session.query:
            parts.append(f"“{self.session.query}”: {counts.shown} shown")
        status = Content(" · ".join(parts))
        if counts.unsaved:
            status = Content.assemble(status, ("  ● unsaved", "bold $text-warning"))
        self.query_one("#pick-status", Static).update(status)
        self.refresh_bindings()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.refresh_bindings()  # r (restore) is offered for an edited card only

    # -------------------------------------------------------------------------------- actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        key = self.highlighted
        if action in ("include_exclude", "edit"):
            return key is not None
        if action == "restore":
            return key is not None and self.session.card(key).edited
        return True

    def action_include_exclude(self) -> None:
        key = self.highlighted
        if key is not None:
            self.session.toggle(key)
            self.show_card(key)

    def action_edit(self) -> None:
        from quizgen.tui.screens.pick_edit import EditCardScreen

        key = self.highlighted
        if key is None:
            return

        def edited(changed: bool | None) -> None:
            if changed:
                self.show_card(key)

        self.app.push_screen(EditCardScreen(self.session, key), edited)

    def action_restore(self) -> None:
        key = self.highlighted
        if key is not None:
            self.session.restore(key)
            self.show_card(key)
            self.notify("The engine's wording is back.", timeout=3)

    def action_filter(self) -> None:
        search = self.query_one("#pick-filter", Input)
        search.display = True
        search.value = self.session.query
        search.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.session.set_filter(event.value)
        self.show_cards()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        search = self.query_one("#pick-filter", Input)
        search.display = bool(self.session.query)
        self.cards.focus()

    def action_escape(self) -> None:
        """Esc: clear the search when there is one, else quit (asking first if unsaved)."""
        search = self.query_one("#pick-filter", Input)
        if self.session.query or search.display:
            search.value = ""  # posts Changed: the list shows every card again
            self.session.set_filter("")
            search.display = False
            self.cards.focus()
            self.show_cards()
        else:
            self.action_quit_pick()

    def action_save(self) -> bool:
        """s: write the changed deck files; an error is shown, and nothing is lost."""
        if not self.session.unsaved:
            self.notify("Nothing to save: the deck files hold every change.", timeout=3)
            return True
        try:
            written = self.session.save()
        except QuizgenError as exc:
            message = exc.message + (f"\n{exc.hint}" if exc.hint else "")
            self.notify(message, title="Not saved", severity="error", timeout=12, markup=False)
            return False
        names = ", ".join(path.name for path in written)
        self.notify(f"Saved {names}.", timeout=4, markup=False)
        self.show_status()
        return True

    def action_export(self) -> None:
        from quizgen.tui.screens.pick_export import ExportScreen

        self.app.push_screen(ExportScreen(self.session))

    def action_quit_pick(self) -> None:
        """q: leave; with unsaved changes, ask first (save, discard or stay)."""
        from quizgen.tui.screens.pick_quit import QuitScreen

        if not self.session.unsaved:
            self.app.exit()
            return

        def decided(choice: str | None) -> None:
            if choice == "discard" or (choice == "save" and self.action_save()):
                self.app.exit()

        self.app.push_screen(QuitScreen(self.session.unsaved), decided)
