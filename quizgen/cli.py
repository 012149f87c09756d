"""The command line: parse arguments, call one core function, print.

Heavy imports (spaCy, genanki, Textual) happen inside the command that needs them, so that
``quizgen --help`` stays instant. Every problem a user can cause ends as ``error: <message>`` on
stderr with exit status 2, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from quizgen import __version__
from quizgen.errors import InputError, QuizgenError

app = typer.Typer(
    name="quizgen",
    help="Turn the facts in articles into flashcards and quizzes.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

KINDS_HELP = "Card kinds, comma-separated: short_answer, multiple_choice, true_false, cloze."


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"quizgen {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version_callback, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Turn the facts in articles into flashcards and quizzes."""


def parse_kinds(value: str | None) -> tuple[str, ...] | None:
    """``"mc,cloze"`` → the card kinds it names; short forms are accepted."""
    from quizgen.models import CARD_KINDS

    if value is None:
        return None
    aliases = {
        "sa": "short_answer",
        "short": "short_answer",
        "mc": "multiple_choice",
        "mcq": "multiple_choice",
        "tf": "true_false",
        "truefalse": "true_false",
    }
    kinds: list[str] = []
    for raw in value.split(","):
        name = raw.strip().lower().replace("-", "_")
        if not name:
            continue
        name = aliases.get(name, name)
        if name not in CARD_KINDS:
            raise InputError(
                f"unknown card kind {raw.strip()!r}", hint="choose from " + ", ".join(CARD_KINDS)
            )
        if name not in kinds:
            kinds.append(name)
    if not kinds:
        raise InputError("--kinds names no card kind", hint="choose from " + ", ".join(CARD_KINDS))
    return tuple(kinds)


@app.command()
def generate(
    sources: Annotated[
        list[str], typer.Argument(help="Article files or folders (.txt .md .html .pdf), or - for stdin.")
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="A .json file for one article, or a folder (default: decks/)."),
    ] = None,
    max_cards: Annotated[
        int | None, typer.Option("--max-cards", min=1, help="Keep at most N cards per deck.")
    ] = None,
    kinds: Annotated[str | None, typer.Option("--kinds", help=KINDS_HELP)] = None,
    min_score: Annotated[
        float | None,
        typer.Option(
            "--min-score",
            min=0.0,
            max=1.0,
            help="Keep only cards a teacher would keep with at least this probability (0-1), as the "
            "ranker estimates it: higher gives fewer, better cards. Default: the ranker's own floor.",
        ),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed for choice order and true/false picks.")] = 0,
    max_chars: Annotated[
        int, typer.Option("--max-chars", min=1, help="Refuse articles longer than this many characters.")
    ] = 2_000_000,
    anki: Annotated[
        Path | None, typer.Option("--anki", help="Also export the generated decks to this .apkg file.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing but errors.")] = False,
    engine: Annotated[
        str,
        typer.Option(
            "--engine",
            help="rules (offline, the default); llm (a language model writes the cards, each checked "
            "against the article); rules+llm (the model rewords the rule engine's questions).",
        ),
    ] = "rules",
    model: Annotated[
        str | None,
        typer.Option("--model", help="llm engines: the model's name on the server (e.g. llama3.2)."),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            help="llm engines: an OpenAI-compatible server (default: Ollama's, http://localhost:11434/v1). "
            "The key comes from QUIZGEN_API_KEY or OPENAI_API_KEY.",
        ),
    ] = None,
    verify: Annotated[
        bool,
        typer.Option(
            "--verify",
            help="llm engines: have the model answer each question from its sentence alone; keep the card "
            "only when it gives the card's answer.",
        ),
    ] = False,
    timeout: Annotated[
        float | None,
        typer.Option("--timeout", min=0.1, help="llm engines: seconds to wait for one reply (default 120)."),
    ] = None,
    chunk_tokens: Annotated[
        int | None,
        typer.Option(
            "--chunk-tokens", min=100, help="llm engines: about how many tokens of article one request holds."
        ),
    ] = None,
) -> None:
    """Generate a deck of cards from each article."""
    from quizgen.generate.llm.settings import llm_settings
    from quizgen.pipeline import Failure, GenerateRequest, run_generate

    settings = llm_settings(engine, model, base_url, verify, timeout, chunk_tokens)
    if settings is not None and not settings.local and not quiet:
        from urllib.parse import urlsplit

        host = urlsplit(settings.base_url).hostname
        sys.stderr.write(f"note: the articles' text goes to {host} (--base-url is not this machine)\n")
    request = GenerateRequest(
        sources=sources,
        output=output,
        max_cards=max_cards,
        kinds=parse_kinds(kinds),
        min_score=min_score,
        seed=seed,
        max_chars=max_chars,
        anki=anki,
        llm=settings,
    )
    failures: list[Failure] = []
    results = run_generate(request, progress=not quiet, failures=failures)
    if not quiet:
        from quizgen.render import print_generate_summary

        print_generate_summary(results)
    if failures:
        # the other decks are written; each article that failed gets its own line, and the exit
        # status says that not all of them could be done
        for failure in failures:
            _print_error(f"{failure.source}: {failure.message}", None)
        raise typer.Exit(2)


@app.command()
def facts(
    source: Annotated[str, typer.Argument(help="An article file, or - for stdin.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the facts as JSON.")] = False,
    max_chars: Annotated[int, typer.Option("--max-chars", min=1)] = 2_000_000,
    dropped: Annotated[
        bool, typer.Option("--dropped", help="Show every draft card the gate dropped, and why.")
    ] = False,
) -> None:
    """Show the facts extracted from an article (why each card exists)."""
    from quizgen.generate.rank import BELOW_FLOOR
    from quizgen.pipeline import dropped_drafts, extract_article_facts

    if dropped:
        rows = dropped_drafts(source, max_chars=max_chars)
        if as_json:
            import json

            typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
            return
        counts: dict[str, int] = {}
        for row in rows:
            typer.echo(f"{row['kind']:<15} {row['question']}  →  {row['answer']}")
            why = "; ".join(row["reasons"])
            if row["reasons"] == [BELOW_FLOOR]:
                why += f" (keep-probability {row['score']:.2f})"
            typer.echo(f"{'':<15} dropped: {why}")
            for reason in row["reasons"]:
                counts[reason] = counts.get(reason, 0) + 1
        typer.echo(f"\n{len(rows)} drafts dropped:")
        for reason, n in sorted(counts.items(), key=lambda kv: -kv[1]):
            typer.echo(f"{n:6d}  {reason}")
        return
    article, found = extract_article_facts(source, max_chars=max_chars)
    if as_json:
        import json

        typer.echo(json.dumps([f.model_dump(mode="json") for f in found], indent=2, ensure_ascii=False))
        return
    from quizgen.render import print_facts

    print_facts(article, found)


@app.command()
def show(
    deck: Annotated[Path, typer.Argument(help="A deck .json file.")],
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=1, help="Show only the first N cards.")
    ] = None,
) -> None:
    """List the cards of a deck."""
    from quizgen.models import load_deck
    from quizgen.render import print_deck

    print_deck(load_deck(deck), limit=limit)


@app.command()
def schema() -> None:
    """Print the JSON Schema of deck files."""
    import json

    from quizgen.models import deck_json_schema

    typer.echo(json.dumps(deck_json_schema(), indent=2))


# --- commands added by later features go below this line -----------------------------------------

NEW_LIMIT_HELP = "New cards introduced per day in review."


@app.command()
def quiz(
    decks: Annotated[list[Path] | None, typer.Argument(help="Deck .json files (cards are mixed).")] = None,
    count: Annotated[int | None, typer.Option("--count", "-n", min=1, help="Ask at most N cards.")] = None,
    kinds: Annotated[str | None, typer.Option("--kinds", help=KINDS_HELP)] = None,
    shuffle: Annotated[bool, typer.Option("--shuffle/--no-shuffle", help="Shuffle cards, choices.")] = True,
    seed: Annotated[int | None, typer.Option("--seed", help="Seed for the order, to repeat a quiz.")] = None,
) -> None:
    """Take a quiz in the terminal: answer each card, see why, get a score."""
    from quizgen.study.options import StudyOptions
    from quizgen.tui.app import run_study

    options = StudyOptions(count=count, kinds=parse_kinds(kinds), shuffle=shuffle, seed=seed)
    run_study("quiz", decks, options)


@app.command()
def review(
    decks: Annotated[list[Path] | None, typer.Argument(help="Deck .json files.")] = None,
    new_limit: Annotated[int, typer.Option("--new-limit", min=0, help=NEW_LIMIT_HELP)] = 20,
) -> None:
    """Review flashcards with spaced repetition (FSRS); progress is kept between sessions."""
    from quizgen.study.options import StudyOptions
    from quizgen.tui.app import run_study

    run_study("review", decks, StudyOptions(new_limit=new_limit))


@app.command()
def study(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Deck files or folders (./decks and the library too).")
    ] = None,
    new_limit: Annotated[int, typer.Option("--new-limit", min=0, help=NEW_LIMIT_HELP)] = 20,
    count: Annotated[int | None, typer.Option("--count", "-n", min=1, help="Quiz at most N cards.")] = None,
) -> None:
    """Open the study app: pick a deck, then quiz or review it."""
    from quizgen.study.options import StudyOptions
    from quizgen.tui.app import run_study

    options = StudyOptions(paths=tuple(paths or ()), new_limit=new_limit, count=count)
    run_study("study", None, options)


@app.command()
def pick(
    decks: Annotated[list[Path], typer.Argument(help="Deck .json files, or folders of them.")],
) -> None:
    """Review generated cards before handing them out: include or exclude, edit, save, export."""
    from quizgen.tui.app import run_pick

    run_pick(decks)


EXPORT_FORMATS_HELP = "Export format: anki, gift, moodle-xml, aiken, qti, csv, kahoot, html, pdf or markdown."


@app.command()
def export(
    decks: Annotated[list[Path], typer.Argument(help="Deck .json files, or folders of them.")],
    to: Annotated[str, typer.Option("--to", help=EXPORT_FORMATS_HELP)],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The file to write, e.g. decks.apkg or quiz.gift; with --versions, a folder.",
        ),
    ],
    deck_name: Annotated[
        str | None, typer.Option("--deck-name", help="Anki: the parent deck (default: quizgen).")
    ] = None,
    type_answers: Annotated[
        bool, typer.Option("--type-answers", help="Anki: type the answer to short-answer cards.")
    ] = False,
    kinds: Annotated[str | None, typer.Option("--kinds", help="Question sets: " + KINDS_HELP)] = None,
    count: Annotated[
        int | None,
        typer.Option("--count", "-n", min=1, help="Question sets: the N best-ranked cards (by score)."),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="Question sets: the title (default: the deck titles).")
    ] = None,
    points: Annotated[
        float | None,
        typer.Option("--points", help="Question sets: points per question."),
    ] = None,
    versions: Annotated[
        int | None,
        typer.Option(
            "--versions",
            min=1,
            help="Question sets: N versions, questions and choices shuffled, one file each in the -o folder.",
        ),
    ] = None,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Question sets: shuffle with this seed (repeatable).")
    ] = None,
    siblings: Annotated[
        bool,
        typer.Option(
            "--siblings",
            help="Question sets: also ask cards about a sentence another question asks about "
            "(left out by default: one would give the other's answer away).",
        ),
    ] = False,
    delimiter: Annotated[
        str | None, typer.Option("--delimiter", help="CSV: field delimiter (default ,; tab as \\t or tab).")
    ] = None,
) -> None:
    """Export decks to another format: an Anki package, or a classroom question set."""
    from quizgen.export import ExportOptions, export_decks

    options = ExportOptions(
        deck_name=deck_name,
        type_answers=type_answers,
        kinds=parse_kinds(kinds),
        count=count,
        title=title,
        points=points,
        versions=versions,
        seed=seed,
        siblings=siblings,
        delimiter=delimiter,
    )
    report = export_decks(to, decks, output, options)
    typer.echo(report.summary())
    for warning in report.warnings:
        typer.echo(f"warning: {warning}", err=True)


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the app, turning user errors into one-line messages and exit 2."""
    click_errors = _click_exceptions()
    args = sys.argv[1:] if argv is None else argv
    try:
        code = app(args=args, prog_name="quizgen", standalone_mode=False)
    except QuizgenError as exc:
        _print_error(exc.message, exc.hint)
        sys.exit(2)
    except click_errors.NoArgsIsHelpError as exc:
        # Outside standalone mode nothing has printed the help yet: the error carries it.
        typer.echo(exc.format_message())
        sys.exit(0)
    except click_errors.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx else "quizgen"
        _print_error(exc.format_message(), f"see '{command} --help'")
        sys.exit(2)
    except typer.Abort:  # not in typer._click.exceptions: resolving it there raised AttributeError
        sys.stderr.write("aborted\n")
        sys.exit(130)
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    sys.exit(code if isinstance(code, int) else 0)


def _click_exceptions() -> Any:
    """The click exception classes Typer raises (recent Typer versions ship their own click)."""
    try:
        from typer._click import exceptions
    except ImportError:  # Typer that uses the click package
        from click import exceptions  # type: ignore[no-redef]
    return exceptions


def _print_error(message: str, hint: str | None) -> None:
    first_line = " ".join(str(message).split())
    sys.stderr.write(f"error: {first_line}\n")
    if hint:
        sys.stderr.write(f"hint: {hint}\n")
