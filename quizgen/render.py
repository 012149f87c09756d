"""Rich tables for the CLI: the generate summary, a deck's cards, an article's facts."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from quizgen.models import CARD_KINDS, Article, Card, Deck, Fact

if TYPE_CHECKING:
    from quizgen.generate.llm.report import RunReport
    from quizgen.pipeline import GenerateResult

KIND_SHORT = {"short_answer": "short", "multiple_choice": "choice", "true_false": "t/f", "cloze": "cloze"}


def _console() -> Console:
    import sys

    # piped output (make, CI logs) gets a fixed, roomy width instead of the 80-column default
    return Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 120)


def print_generate_summary(results: list[GenerateResult]) -> None:
    """One row per deck written: words, cards per kind, where it went."""
    table = Table(title="Decks generated", title_justify="left")
    table.add_column("article", no_wrap=True, overflow="ellipsis", max_width=30)
    table.add_column("words", justify="right", no_wrap=True, min_width=5)
    for kind in CARD_KINDS:
        table.add_column(KIND_SHORT[kind], justify="right", no_wrap=True, min_width=5)
    table.add_column("cards", justify="right", style="bold", no_wrap=True, min_width=5)
    table.add_column("deck file", no_wrap=True, overflow="ellipsis", max_width=24)
    totals: Counter[str] = Counter()
    for result in results:
        # the cards handed out: a teacher's exclusions (quizgen pick) are not counted
        counts: Counter[str] = Counter(str(card.kind) for card in result.deck.included_cards())
        totals.update(counts)
        table.add_row(
            Text(result.article.title[:48]),
            str(result.article.words),
            *[str(counts.get(k, 0)) for k in CARD_KINDS],
            str(len(result.deck.included_cards())),
            Text(result.path.name),
        )
    if len(results) > 1:
        table.add_section()
        words = sum(r.article.words for r in results)
        table.add_row(
            "total", str(words), *[str(totals.get(k, 0)) for k in CARD_KINDS], str(sum(totals.values())), ""
        )
    console = _console()
    console.print(table)
    for result in results:
        if result.picks.any:
            console.print(Text(f"{result.path.name}: {result.picks.summary()}"))
    reports = [r.report for r in results if r.report is not None]
    if reports:
        model = results[0].deck.generator.model
        print_model_report(reports[0].merged_all(reports[1:]), model, console)


def print_model_report(report: RunReport, model: str, console: Console | None = None) -> None:
    """What the language-model engine did: requests, tokens, the cache, and every card it dropped,
    counted by reason (a card dropped for several reasons counts under its first)."""
    from quizgen.generate.llm.report import RULE_WORDING

    console = console or _console()
    asked = f"{report.requests} request{'s' if report.requests != 1 else ''}"
    cached = f", {report.cached} of {report.chunks} from the cache" if report.cached else ""
    console.print(Text(f"Model {model}: {asked}, {report.tokens:,} tokens{cached}"))
    if report.engine == "rules+llm":
        console.print(Text(f"Questions reworded: {report.reworded}"))
        title = "Rewordings refused (the rule engine's wording kept)"
    else:
        title = "Model cards dropped"
    if not report.dropped:
        console.print(Text(f"{title}: none"))
        return
    console.print(Text(f"{title}: {report.total_dropped}"))
    for reason in report.reasons_by_count():
        shown = reason.removeprefix(RULE_WORDING)
        console.print(Text(f"{report.dropped[reason]:>6}  {shown}"))


def print_deck(deck: Deck, limit: int | None = None) -> None:
    """The cards of a deck a teacher hands out: kind, question, answer (choices for multiple choice)."""
    import sys

    included = deck.included_cards()
    cards = included[:limit] if limit else included
    excluded = len(deck.cards) - len(included)
    title = f"{deck.title} — {len(included)} cards"
    if excluded:
        title += f" ({excluded} more excluded in quizgen pick)"
    if not sys.stdout.isatty():
        # piped: one card a line, never wrapped, easy to grep
        print(title)
        for n, card in enumerate(cards, 1):
            extra = f"  (choices: {'; '.join(card.choices)})" if card.kind == "multiple_choice" else ""
            extra += _resolved_note(card)
            print(f"{n:>4}  {KIND_SHORT[card.kind]:<6}  {card.question}  →  {card.answer}{extra}")
        return
    table = Table(title=Text(title), title_justify="left", show_lines=False)
    table.add_column("#", justify="right", style="dim")
    table.add_column("kind")
    table.add_column("question", ratio=3)
    table.add_column("answer", ratio=1, style="green")
    for n, card in enumerate(cards, 1):
        answer = Text(card.answer)
        if card.kind == "multiple_choice":
            others = [c for c in card.choices if c != card.answer]
            answer.append("\nnot: " + "; ".join(others), style="dim")
        if card.source.resolved:
            answer.append("\n" + _resolved_note(card).strip(), style="dim")
        table.add_row(str(n), KIND_SHORT[card.kind], Text(card.question), answer)
    _console().print(table)


def _resolved_note(card: Card) -> str:
    """'  (read: she = Marie Curie)': every pronoun the card stands in for, so a reader can check it."""
    if not card.source.resolved:
        return ""
    return "  (read: " + "; ".join(f"{k} = {v}" for k, v in card.source.resolved.items()) + ")"


def print_facts(article: Article, facts: list[Fact]) -> None:
    """The facts the engine read from an article, in text order."""
    table = Table(title=Text(f"{article.title} — {len(facts)} facts"), title_justify="left")
    table.add_column("sent", justify="right", style="dim")
    table.add_column("kind")
    table.add_column("subject", ratio=1)
    table.add_column("relation")
    table.add_column("answer", style="green", ratio=1)
    table.add_column("type", style="dim")
    for fact in facts:
        subject = Text(fact.subject)
        if fact.resolved_from:
            subject.append(f" ({fact.resolved_from})", style="dim")
        table.add_row(
            str(fact.sentence),
            fact.kind.value,
            subject,
            Text(fact.relation),
            Text(fact.answer),
            fact.answer_type,
        )
    _console().print(table)
