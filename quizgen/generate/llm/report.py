"""What a model run did: every card dropped, counted by reason, and what the run cost."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

# Reasons the language-model engine gives itself; the gate's and the selection's come as they are.
INVALID_OUTPUT = "invalid model output"
OUTSIDE_CHUNK = "cites a sentence outside its part of the article"
NOT_IN_CITED_SENTENCE = "answer is not in the sentence it cites"
NOT_IN_ARTICLE = "answer not in the article"
NO_STATEMENT = "its sentence gives no statement that reads on its own with this answer"
QUOTATION_STATEMENT = "a quotation is not a statement to judge true or false"
CHOICE_IS_ANSWER = "a choice is a form of the answer"
CHOICE_IN_SENTENCE = "a choice is named in the answer's own sentence"
SWAP_IS_ANSWER = "the false statement's swap is a form of the answer"
ROUND_TRIP = "round trip: answered otherwise from its sentence alone"
RULE_WORDING = "rule wording kept: "  # rules+llm: a rewording refused, and why


class RunReport(BaseModel):
    """Counts for one deck (or, merged, for a run): the summary `quizgen generate` prints."""

    model_config = ConfigDict(extra="forbid")

    engine: str = Field(description="'llm' or 'rules+llm'.")
    dropped: dict[str, int] = Field(default_factory=dict, description="Cards dropped, by first reason.")
    reworded: int = Field(default=0, description="rules+llm: questions the model's wording replaced.")
    chunks: int = Field(default=0, description="Requests planned: chunks of article or rounds of questions.")
    cached: int = Field(default=0, description="Replies read from the cache instead of asked for.")
    requests: int = Field(default=0, description="HTTP requests made.")
    tokens: int = Field(default=0, description="Tokens the requests cost (as the server counts them).")

    def drop(self, reason: str, count: int = 1) -> None:
        if count > 0:
            self.dropped[reason] = self.dropped.get(reason, 0) + count

    @property
    def total_dropped(self) -> int:
        return sum(self.dropped.values())

    def merged(self, other: RunReport) -> RunReport:
        """The counts of two reports added up."""
        out = self.model_copy(deep=True)
        for reason, count in other.dropped.items():
            out.drop(reason, count)
        out.reworded += other.reworded
        out.chunks += other.chunks
        out.cached += other.cached
        out.requests += other.requests
        out.tokens += other.tokens
        return out

    def merged_all(self, others: list[RunReport]) -> RunReport:
        """This report and `others` added up."""
        out = self
        for other in others:
            out = out.merged(other)
        return out

    def reasons_by_count(self) -> list[str]:
        """The reasons, most frequent first (then alphabetically)."""
        return sorted(self.dropped, key=lambda reason: (-self.dropped[reason], reason))
