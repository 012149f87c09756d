"""The jobs the CLI runs, end to end: read articles, generate decks, write files.

Everything is read and generated before anything is written, so a bad input never leaves a
half-written set of decks behind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizgen.errors import DeckError, InputError, LlmError, QuizgenError
from quizgen.models import Article, Deck, Fact
from quizgen.pick.carry import CarriedPicks

if TYPE_CHECKING:
    from quizgen.generate import GenerateOptions
    from quizgen.generate.llm.report import RunReport
    from quizgen.generate.llm.settings import LlmSettings


@dataclass(frozen=True)
class GenerateRequest:
    """What `quizgen generate` was asked to do."""

    sources: list[str]
    output: Path | None = None
    max_cards: int | None = None
    kinds: tuple[str, ...] | None = None
    min_score: float | None = None
    seed: int = 0
    max_chars: int = 2_000_000
    anki: Path | None = None
    llm: LlmSettings | None = None
    """The language-model engine's settings (`--engine llm` or `rules+llm`); None: the rule engine."""


@dataclass(frozen=True)
class GenerateResult:
    """One deck written by `run_generate`."""

    article: Article
    deck: Deck
    path: Path
    picks: CarriedPicks = field(default_factory=CarriedPicks)
    """The teacher's picks (`quizgen pick`) the deck file held: kept, or dropped."""
    report: RunReport | None = None
    """Language-model engines: the cards dropped, by reason, and the requests made."""


def _output_paths(request: GenerateRequest, articles: list[Article], from_folder: bool) -> list[Path]:
    output = request.output
    single_file = len(articles) == 1 and not from_folder
    if output is not None and output.suffix.lower() == ".json":
        if not single_file:
            raise InputError(
                f"{len(articles)} articles cannot all be written to one file ({output})",
                hint="give -o a folder: one deck per article is written inside it",
            )
        if output.is_dir():
            raise InputError(
                f"{output} is a folder", hint="give -o a .json file name or a folder without .json"
            )
        return [output]
    folder = output if output is not None else Path("decks")
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder} exists and is not a folder", hint="give -o a .json file or a folder")
    paths: list[Path] = []
    used: set[str] = set()
    for article in articles:
        stem = article.id
        n = 2
        while stem in used:
            stem = f"{article.id}-{n}"
            n += 1
        used.add(stem)
        paths.append(folder / f"{stem}.json")
    return paths


def _previous_deck(path: Path) -> Deck | None:
    """The deck already at `path`, whose card revisions and teacher's picks the new deck continues
    (None if unusable)."""
    from quizgen.models import load_deck

    if not path.is_file():
        return None
    try:
        return load_deck(path)
    except DeckError:
        return None


@dataclass(frozen=True)
class Failure:
    """An article of a batch that could not be turned into a deck, and why."""

    source: str
    message: str


# what generating one article of a batch may raise for that article alone (the batch goes on)
GENERATE_ERRORS = (QuizgenError, ValueError, IndexError, KeyError, TypeError, AttributeError)


def read_articles(
    sources: list[str], max_chars: int, failures: list[Failure] | None = None
) -> tuple[list[Article], bool]:
    """Read every article named (folders expanded); True when a folder was among the sources.

    With `failures` given, an article that cannot be read is recorded there and the others are read;
    without it, the first one stops the run."""
    from quizgen.ingest import collect_sources, read_article

    collected = collect_sources(sources)
    from_folder = any(src != "-" and Path(src).is_dir() for src in sources)
    articles = []
    for src in collected:
        try:
            articles.append(read_article(src, max_chars=max_chars))
        except InputError as exc:
            if failures is None:
                raise
            failures.append(Failure(src, exc.message))
    if not articles and failures:
        raise InputError(f"none of the {len(failures)} articles could be read: {failures[0].message}")
    return articles, from_folder


def run_generate(
    request: GenerateRequest, progress: bool = True, failures: list[Failure] | None = None
) -> list[GenerateResult]:
    """Read the sources, generate one deck per article, write the decks (and the .apkg if asked).

    For a batch (a folder or several files) pass `failures`: an article that cannot be read or
    generated is recorded there and every other deck is still written. One article alone always
    stops the run with its error, and nothing is written."""
    from quizgen.generate import GenerateOptions, generate_deck
    from quizgen.generate.revisions import carry_revisions
    from quizgen.pick.carry import carry_teacher_picks

    batch = failures is not None and (
        len(request.sources) > 1 or any(s != "-" and Path(s).is_dir() for s in request.sources)
    )
    found = failures if batch else None
    articles, from_folder = read_articles(request.sources, request.max_chars, found)
    _output_paths(request, articles, from_folder)  # a bad output fails before any work is done
    options = GenerateOptions(
        max_cards=request.max_cards, kinds=request.kinds, seed=request.seed, min_score=request.min_score
    )

    made: list[_Generated] = []
    if request.llm is not None:
        made = _generate_with_model(request.llm, options, articles, progress, found)
    else:
        with _progress(progress, len(articles)) as advance:
            for article in articles:
                try:
                    made.append(_Generated(article, generate_deck(article, options)))
                except GENERATE_ERRORS as exc:
                    # a bug the text uncovered: reported for this article, the batch goes on
                    if found is None:
                        raise
                    found.append(Failure(article.path or article.name, f"could not generate a deck ({exc})"))
                advance(article.title)
    if not made:
        raise InputError("no deck could be generated", hint=found[0].message if found else None)
    paths = _output_paths(request, [m.article for m in made], from_folder)

    results = []
    for generated, path in zip(made, paths, strict=True):
        article, deck, report = generated.article, generated.deck, generated.report
        previous = _previous_deck(path)
        # the teacher's wording first, so that an edited card unchanged since keeps its revision
        deck, picks = carry_teacher_picks(deck, previous)
        deck = carry_revisions(deck, previous)
        results.append(GenerateResult(article=article, deck=deck, path=path, picks=picks, report=report))
    if request.anki is not None:
        # the package first: if it cannot be written, the run fails with no deck file written either
        from quizgen.export.anki import AnkiOptions, export_anki

        export_anki([r.deck for r in results], request.anki, AnkiOptions())
    for result in results:
        result.deck.save(result.path)
    return results


@dataclass(frozen=True)
class _Generated:
    """A deck made for an article, before it is written."""

    article: Article
    deck: Deck
    report: RunReport | None = None


def _generate_with_model(
    settings: LlmSettings,
    options: GenerateOptions,
    articles: list[Article],
    progress: bool,
    found: list[Failure] | None,
) -> list[_Generated]:
    """Every article through the language-model engine: all of them parsed and planned first (so
    that the progress bar knows how many chunks there are), then asked.

    A problem with the server (`LlmError`) stops the whole run, batch or not: every article after
    it would fail the same way, and nothing is written."""
    from quizgen.generate.llm.cache import ReplyCache, llm_cache_dir
    from quizgen.generate.llm.client import ChatClient
    from quizgen.generate.llm.engine import ModelEngine, Prepared

    made: list[_Generated] = []
    cache = ReplyCache(llm_cache_dir() if settings.use_cache else None)
    with ChatClient(settings, seed=options.seed) as client, _ModelProgress(progress, settings.model) as bar:
        engine = ModelEngine(settings, options, client, cache, on_chunk=bar.chunk_done)
        prepared: list[Prepared] = []
        for article in articles:
            try:
                prepared.append(engine.prepare(article))
            except LlmError:
                raise
            except GENERATE_ERRORS as exc:
                if found is None:
                    raise
                found.append(Failure(article.path or article.name, f"could not generate a deck ({exc})"))
        bar.expect(sum(len(p.chunks) for p in prepared))
        for ready in prepared:
            try:
                result = engine.deck(ready)
            except LlmError:
                raise
            except GENERATE_ERRORS as exc:
                if found is None:
                    raise
                found.append(
                    Failure(ready.article.path or ready.article.name, f"could not generate a deck ({exc})")
                )
                continue
            made.append(_Generated(ready.article, result.deck, result.report))
    return made


def extract_article_facts(source: str, max_chars: int) -> tuple[Article, list[Fact]]:
    """Read one article and return the facts the engine extracts from it."""
    from quizgen.generate.facts import extract_facts
    from quizgen.ingest import read_article
    from quizgen.nlp import parse_article

    article = read_article(source, max_chars=max_chars)
    return article, extract_facts(parse_article(article))


def dropped_drafts(source: str, max_chars: int) -> list[dict[str, Any]]:
    """Every draft card of one article that did not reach the deck, with the reasons."""
    from quizgen.generate import choose_cards
    from quizgen.ingest import read_article

    selection = choose_cards(read_article(source, max_chars=max_chars))
    rows = [
        {
            "sentence": draft.sentence.index,
            "kind": draft.card.kind,
            "question": draft.card.question,
            "answer": draft.card.answer,
            "reasons": reasons,
            "score": draft.card.score,  # the ranker's keep-probability (0 for drafts the gate dropped)
        }
        for draft, reasons in selection.dropped
    ]
    rows += [
        {"sentence": index, "kind": "sentence", "question": "", "answer": "", "reasons": [why]}
        for index, why in selection.failed_sentences
    ]
    return sorted(rows, key=lambda r: r["sentence"])


class _progress:
    """A Rich progress bar on stderr for several articles; nothing for one, or when asked not to."""

    def __init__(self, enabled: bool, total: int) -> None:
        self.enabled = enabled and total > 1
        self.total = total
        self._bar: Any = None

    def __enter__(self) -> Callable[[str], None]:
        if not self.enabled:
            return lambda _title: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._bar = Progress(
            TextColumn("generating"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=Console(stderr=True),
            transient=True,
        )
        self._bar.__enter__()
        task = self._bar.add_task("", total=self.total)
        bar = self._bar

        def advance(title: str) -> None:
            bar.update(task, advance=1, description=title[:40])

        return advance

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


class _ModelProgress:
    """A Rich progress bar on stderr for the language-model engines: chunks asked, tokens, elapsed
    time. Shown on a terminal only (a log or a pipe gets nothing)."""

    def __init__(self, enabled: bool, model: str) -> None:
        self.enabled = enabled
        self.model = model
        self._bar: Any = None
        self._task: Any = None
        self.tokens = 0

    def __enter__(self) -> _ModelProgress:
        if not self.enabled:
            return self
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        console = Console(stderr=True)
        if not console.is_terminal:
            return self
        self._bar = Progress(
            TextColumn("asking {task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("chunks  {task.fields[tokens]:,} tokens"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self._bar.__enter__()
        self._task = self._bar.add_task(self.model[:30], total=None, tokens=0)
        return self

    def expect(self, chunks: int) -> None:
        if self._bar is not None:
            self._bar.update(self._task, total=chunks)

    def chunk_done(self, tokens: int) -> None:
        self.tokens += tokens
        if self._bar is not None:
            self._bar.update(self._task, advance=1, tokens=self.tokens)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
