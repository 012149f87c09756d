"""The question engine: Article → facts → draft cards → ranked deck.

overgenerate (facts/, questions.py, distractors.py) → filter, rank, select (rank.py).
Everything is deterministic: the same article, options and version give the same deck.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from quizgen.models import CARD_KINDS, Article, Card, Deck, Generator, SourceInfo

if TYPE_CHECKING:
    from quizgen.generate.people import People
    from quizgen.generate.questions import Draft
    from quizgen.generate.rank import Selection
    from quizgen.generate.ranker import Ranker
    from quizgen.generate.topic import Topic
    from quizgen.nlp import ParsedArticle

ENGINE = "rules"


@dataclass(frozen=True)
class GenerateOptions:
    """How many cards of which kinds; the seed fixes choice order and true/false picks; cards the ranker
    scores below `min_score` are dropped."""

    max_cards: int | None = None
    kinds: tuple[str, ...] | None = None
    seed: int = 0
    min_score: float | None = None  # None: the ranker's own floor
    # "learned" (the shipped ranker), "rules" (the hand-tuned score it replaced), or a Ranker to try
    ranking: str | Ranker = "learned"


def _drafts(
    article: Article, options: GenerateOptions, parsed: ParsedArticle | None = None
) -> tuple[ParsedArticle, People, list[Draft], Topic]:
    """Parse → facts → every draft card, before the gate (and the article's subject they were
    written with)."""
    from quizgen.generate.facts import find_facts
    from quizgen.generate.people import find_people
    from quizgen.generate.questions import CardMaker
    from quizgen.nlp import parse_article

    parsed = parsed or parse_article(article)
    people = find_people(parsed)
    founds = find_facts(parsed, people)
    maker = CardMaker(parsed, options.kinds or CARD_KINDS, options.seed, people)
    return parsed, people, maker.drafts(founds), maker.topic


def choose_cards(
    article: Article,
    options: GenerateOptions | None = None,
    parsed: ParsedArticle | None = None,
    lead: bool = True,
) -> Selection:
    """Run the engine on one article: every draft card, gated and ranked (kept, and dropped with why).

    `generate_deck` keeps the kept cards; `quizgen facts --dropped` shows the dropped ones; the mixed
    engine (`rules+llm`) has the kept cards' questions reworded (with `lead=False`, and the article's
    name put in front of them after, by `lead_cards`)."""
    from quizgen.generate.rank import choose

    options = options or GenerateOptions()
    parsed, people, drafts, topic = _drafts(article, options, parsed)
    selection = choose(drafts, parsed, options.max_cards, people, options.min_score, options.ranking)
    if lead:
        for draft, card in zip(
            selection.kept, lead_cards(parsed, [d.card for d in selection.kept], topic), strict=True
        ):
            draft.card = card
    return selection


def lead_cards(parsed: ParsedArticle, cards: list[Card], topic: Topic | None = None) -> list[Card]:
    """The cards with what the article is about in front of each that does not name it
    (`questions.with_lead`); `topic` is the article's subject when the caller has it already."""
    from quizgen.generate.questions import context_label, with_lead
    from quizgen.generate.topic import find_topic

    label = context_label(parsed, topic if topic is not None else find_topic(parsed))
    return [with_lead(card, label) for card in cards]


def candidate_cards(
    article: Article, options: GenerateOptions | None = None, parsed: ParsedArticle | None = None
) -> list[Draft]:
    """Every draft card that passes the gate, before ranking and selection: what readers judge so
    that the ranker learns from the cards it would drop as well as those it keeps."""
    from quizgen.generate.gate import GateContext, gate

    parsed, people, drafts, _ = _drafts(article, options or GenerateOptions(), parsed)
    ctx = GateContext.of(parsed, people)
    return [d for d in drafts if not gate(d, ctx)]


def generate_deck(article: Article, options: GenerateOptions | None = None) -> Deck:
    """Generate the deck for one article."""
    from quizgen import __version__
    from quizgen.nlp import model_description

    chosen = choose_cards(article, options).kept
    generator = Generator(version=__version__, engine=ENGINE, model=model_description())
    return deck_of(article, generator, [d.card for d in chosen])


def deck_of(article: Article, generator: Generator, cards: list[Card]) -> Deck:
    """The deck of one article's cards, with the article as its one source."""
    return Deck(
        id=article.id,
        title=article.title,
        generator=generator,
        sources=[
            SourceInfo(
                id=article.id,
                path=article.path,
                name=article.name,
                title=article.title,
                sha256=article.sha256,
                words=article.words,
                published=article.published,
            )
        ],
        cards=cards,
    )
