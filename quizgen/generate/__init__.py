"""The question engine: Article → facts → draft cards → ranked deck.

overgenerate (facts/, questions.py, distractors.py) → filter, rank, select (rank.py).
Everything is deterministic: the same article, options and version give the same deck.
"""

from __future__ import annotations

from dataclasses import dataclass

from quizgen.models import CARD_KINDS, Article, Deck, Generator, SourceInfo

ENGINE = "rules"


@dataclass(frozen=True)
class GenerateOptions:
    """How many cards of which kinds; the seed fixes choice order and true/false picks."""

    max_cards: int | None = None
    kinds: tuple[str, ...] | None = None
    seed: int = 0


def generate_deck(article: Article, options: GenerateOptions | None = None) -> Deck:
    """Generate the deck for one article."""
    from quizgen import __version__
    from quizgen.generate.facts import find_facts
    from quizgen.generate.people import find_people
    from quizgen.generate.questions import CardMaker
    from quizgen.generate.rank import select
    from quizgen.nlp import model_description, parse_article

    options = options or GenerateOptions()
    kinds = options.kinds or CARD_KINDS
    parsed = parse_article(article)
    people = find_people(parsed)
    founds = find_facts(parsed, people)
    drafts = CardMaker(parsed, kinds, options.seed, people).drafts(founds)
    chosen = select(drafts, parsed, options.max_cards, people)
    return Deck(
        id=article.id,
        title=article.title,
        generator=Generator(version=__version__, engine=ENGINE, model=model_description()),
        sources=[
            SourceInfo(
                id=article.id,
                path=article.path,
                name=article.name,
                title=article.title,
                sha256=article.sha256,
                words=article.words,
            )
        ],
        cards=[d.card for d in chosen],
    )
