"""One article through the language-model engine: `llm` (the model writes cards) and `rules+llm`
(the rule engine writes them, the model rewords their questions).

`llm`, per chunk: ask for cards → read and validate them (an unusable reply is asked again once,
with what was wrong) → ground each in its sentence → the gate (`checks.model_card_gate`) → with
`--verify`, the round trip. Then the rule engine's selection (`rank.choose`): no twins, a few
cards per sentence, about one card per 25 words. The ranker scores the cards for that choice, but
its floor is not applied unless `--min-score` is given: it was fitted to the rule engine's cards,
and would judge a model's by the features of another engine.

`rules+llm`: the rule engine's deck, whose short-answer and multiple-choice questions the model
rewords; a rewording replaces the question only if it passes the full gate, asks the same kind of
question naming nothing new (`checks.rewording_defects`), asks no question the deck already asks
and, with `--verify`, is answered from its sentence as the card is. The answer,
the source and the card id never change; a refused rewording keeps the rule engine's words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from pydantic import BaseModel, ConfigDict

from quizgen.generate import GenerateOptions, deck_of
from quizgen.generate.gate import GateContext, gate, normed
from quizgen.generate.llm import report
from quizgen.generate.llm.cache import ReplyCache, cache_key
from quizgen.generate.llm.checks import answers_agree, model_card_gate, rewording_defects
from quizgen.generate.llm.client import ChatClient
from quizgen.generate.llm.grounding import Grounder
from quizgen.generate.llm.prompt import (
    PROMPT_VERSION,
    ChatMessage,
    Chunk,
    RewordItem,
    VerifyItem,
    card_messages,
    chunks_of,
    retry_messages,
    reword_messages,
    verify_messages,
)
from quizgen.generate.llm.replies import (
    AnswersReply,
    CardsReply,
    Envelope,
    Item,
    ModelAnswer,
    ModelCard,
    ModelRewording,
    ReadReply,
    RewordingsReply,
    read_reply,
    response_schema,
)
from quizgen.generate.llm.report import RunReport
from quizgen.generate.llm.settings import LlmSettings
from quizgen.generate.people import People, find_people
from quizgen.generate.questions import CardMaker, Draft
from quizgen.generate.rank import Selection, choose
from quizgen.models import CARD_KINDS, Article, Deck, Generator
from quizgen.nlp import ParsedArticle

ASKED_KINDS = ("short_answer", "multiple_choice")  # the kinds whose question the model writes


class CachedExchange(BaseModel):
    """What the cache keeps of one request: the reply, and the reply to the retry if it was asked."""

    model_config = ConfigDict(extra="forbid")

    replies: list[str]
    tokens: int = 0


@dataclass
class Prepared:
    """An article ready to send: parsed, its people read, and the requests it needs planned."""

    article: Article
    parsed: ParsedArticle
    people: People
    chunks: list[Chunk]  # llm: every chunk; rules+llm: the chunks that hold a question to reword
    selection: Selection | None = None  # rules+llm: the rule engine's deck


class ModelDeck(BaseModel):
    """A deck made with a model, and what making it dropped and cost."""

    model_config = ConfigDict(extra="forbid")

    deck: Deck
    report: RunReport


class ModelEngine:
    """Runs the language-model engines on articles, one server and cache for all of them."""

    def __init__(
        self,
        settings: LlmSettings,
        options: GenerateOptions,
        client: ChatClient,
        cache: ReplyCache,
        on_chunk: Callable[[int], None] | None = None,
    ) -> None:
        self.settings = settings
        self.options = options
        self.client = client
        self.cache = cache
        self.on_chunk = on_chunk or (lambda _tokens: None)
        self.kinds = tuple(options.kinds or CARD_KINDS)

    # ------------------------------------------------------------------------------ planning

    def prepare(self, article: Article) -> Prepared:
        """Parse the article and plan its requests (no request is made)."""
        from quizgen.generate import choose_cards
        from quizgen.nlp import parse_article

        parsed = parse_article(article)
        people = find_people(parsed)
        chunks = chunks_of(parsed, self.settings.chunk_tokens)
        if self.settings.engine == "llm":
            return Prepared(article, parsed, people, chunks)
        selection = choose_cards(article, self.options, parsed)
        asked = {d.sentence.index for d in selection.kept if d.card.kind in ASKED_KINDS}
        wanted = [chunk for chunk in chunks if chunk.indices & asked]
        return Prepared(article, parsed, people, wanted, selection)

    def deck(self, prepared: Prepared) -> ModelDeck:
        """The deck of one prepared article."""
        from quizgen import __version__
        from quizgen.nlp import model_description

        run = RunReport(engine=self.settings.engine, chunks=len(prepared.chunks))
        requests, tokens, hits = self.client.requests, self.client.tokens, self.cache.hits
        if prepared.selection is None:
            cards = [d.card for d in self._model_cards(prepared, run)]
        else:
            cards = [d.card for d in self._reworded(prepared, prepared.selection, run)]
        run.requests = self.client.requests - requests
        run.tokens = self.client.tokens - tokens
        run.cached = self.cache.hits - hits
        generator = Generator(
            version=__version__,
            engine=self.settings.engine,
            model=self.settings.model,
            prompt_version=PROMPT_VERSION,
            parser=model_description(),
            verified=self.settings.verify,
        )
        return ModelDeck(deck=deck_of(prepared.article, generator, cards), report=run)

    # ------------------------------------------------------------------------------ llm

    def _model_cards(self, prepared: Prepared, run: RunReport) -> list[Draft]:
        parsed, people = prepared.parsed, prepared.people
        ctx = GateContext.of(parsed, people)
        grounder = Grounder(
            parsed, CardMaker(parsed, self.kinds, self.options.seed, people), self.options.seed
        )
        candidates: list[Draft] = []
        for chunk in prepared.chunks:
            before = self.client.tokens
            messages = card_messages(chunk, self.kinds)
            key = self._key("cards", messages, chunk=chunk.digest())
            read = self._ask(key, messages, CardsReply, ModelCard)
            run.drop(report.INVALID_OUTPUT, read.invalid)
            passing = []
            for card in read.items:
                if card.kind not in self.kinds:
                    run.drop(report.INVALID_OUTPUT)  # a kind that was not asked for
                    continue
                grounded = grounder.ground(card, chunk)
                if grounded.draft is None:
                    run.drop(grounded.reason or report.NOT_IN_ARTICLE)
                    continue
                reasons = model_card_gate(grounded.draft, ctx)
                if reasons:
                    run.drop(reasons[0])
                else:
                    passing.append(grounded.draft)
            if self.settings.verify:
                passing = self._verified(passing, run, "")
            candidates.extend(passing)
            self.on_chunk(self.client.tokens - before)
        floor = self.options.min_score if self.options.min_score is not None else 0.0
        selection = choose(
            candidates,
            parsed,
            self.options.max_cards,
            people,
            floor,
            self.options.ranking,
            check=model_card_gate,
        )
        for _draft, reasons in selection.dropped:
            run.drop(reasons[0])
        return selection.kept

    def _verified(self, drafts: list[Draft], run: RunReport, prefix: str) -> list[Draft]:
        """The drafts whose question the model answers, from its sentence alone, with their answer.

        Cloze and true/false cards are the sentence itself: only questions are asked again."""
        asked = [d for d in drafts if d.card.kind in ASKED_KINDS]
        if not asked:
            return drafts
        items = [
            VerifyItem(id=n, sentence=d.sentence.text, question=d.card.question) for n, d in enumerate(asked)
        ]
        messages = verify_messages(items)
        read = self._ask(self._key("verify", messages), messages, AnswersReply, ModelAnswer)
        given = {a.id: a.answer for a in read.items}
        refused = {id(d) for n, d in enumerate(asked) if not answers_agree(d.card.answer, given.get(n, ""))}
        run.drop(prefix + report.ROUND_TRIP, len(refused))
        return [d for d in drafts if id(d) not in refused]

    # ------------------------------------------------------------------------------ rules+llm

    def _reworded(self, prepared: Prepared, selection: Selection, run: RunReport) -> list[Draft]:
        ctx = GateContext.of(prepared.parsed, prepared.people)
        kept = list(selection.kept)
        for chunk in prepared.chunks:
            before = self.client.tokens
            batch = [
                n
                for n, d in enumerate(kept)
                if d.card.kind in ASKED_KINDS and d.sentence.index in chunk.indices
            ]
            items = [
                RewordItem(
                    id=i,
                    sentence=kept[n].sentence.text,
                    question=kept[n].card.question,
                    answer=kept[n].card.answer,
                )
                for i, n in enumerate(batch)
            ]
            messages = reword_messages(items)
            read = self._ask(self._key("reword", messages), messages, RewordingsReply, ModelRewording)
            run.drop(report.RULE_WORDING + report.INVALID_OUTPUT, read.invalid)
            wording = {r.id: " ".join(r.question.split()) for r in read.items}
            accepted: list[Draft] = []
            where: dict[int, int] = {}  # id() of an accepted draft → its place in `kept`
            for i, n in enumerate(batch):
                question = wording.get(i, "")
                original = kept[n]
                if not question or normed(question) == normed(original.card.question):
                    continue  # no new wording: the rule engine's stands, nothing was refused
                draft = replace(original, card=original.card.model_copy(update={"question": question}))
                reasons = gate(draft, ctx) + rewording_defects(
                    original.card.question, question, original.sentence.text
                )
                others = {normed(d.card.question) for m, d in enumerate(kept) if m != n}
                others |= {normed(d.card.question) for d in accepted}  # two rewordings alike
                if normed(question) in others:
                    reasons.append("twin: the same question is already asked")
                if reasons:
                    run.drop(report.RULE_WORDING + reasons[0])
                    continue
                accepted.append(draft)
                where[id(draft)] = n
            if self.settings.verify:
                accepted = self._verified(accepted, run, report.RULE_WORDING)
            for draft in accepted:
                kept[where[id(draft)]] = draft
                run.reworded += 1
            self.on_chunk(self.client.tokens - before)
        return kept

    # ------------------------------------------------------------------------------ asking

    def _key(self, task: str, messages: list[ChatMessage], **more: Any) -> str:
        return cache_key(
            task=task,
            sent=[m.model_dump() for m in messages],
            model=self.settings.model,
            prompt=PROMPT_VERSION,
            seed=self.options.seed,
            temperature=0,
            **more,
        )

    def _ask(
        self, key: str, messages: list[ChatMessage], envelope: Envelope, item: type[Item]
    ) -> ReadReply[Item]:
        """The reply's valid items: from the cache, or asked (and asked again once, with what was
        wrong, when the reply is not usable as it stands)."""
        kept = self.cache.get(key, CachedExchange)
        if kept is not None and kept.replies:
            return read_reply(kept.replies[-1], envelope, item)
        schema = response_schema(envelope)
        first = self.client.complete(messages, schema)
        read = read_reply(first.text, envelope, item)
        replies, tokens = [first.text], first.tokens
        if read.problems:
            again = self.client.complete(retry_messages(messages, first.text, read.problems), schema)
            replies.append(again.text)
            tokens += again.tokens
            read = read_reply(again.text, envelope, item)
        self.cache.put(key, CachedExchange(replies=replies, tokens=tokens))
        return read
