"""What the engine returns: an answer with its sources, or a clarification, or an abstention."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Outcome(StrEnum):
    ANSWERED = "answered"  # the text states a fact from the base
    NOT_GIVEN = "not_given"  # the article covers the subject but not the value asked for
    CLARIFY = "clarify"  # not sure: the suggestions are the likely questions
    ABSTAIN = "abstain"  # the article does not cover it, or the input is junk
    TOO_LONG = "too_long"  # the question is too long to answer safely


@dataclass(frozen=True)
class SourceRef:
    document: str  # document id
    document_title: str
    section: str
    quote: str  # verbatim from the article
    speaker: str | None  # who said it or which body the article credits; None = the article itself
    paragraph: str  # the article paragraph that holds the quote, for "show source"

    def credit(self) -> str:
        return self.speaker or "the article's own reporting"

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "section": self.section,
            "quote": self.quote,
            "speaker": self.speaker,
        }


@dataclass(frozen=True)
class Candidate:
    """A scored fact, kept for `--explain` and for suggestions."""

    fact_id: str
    question: str
    score: float


@dataclass(frozen=True)
class Answer:
    question: str
    outcome: Outcome
    text: str
    confidence: float
    fact_ids: tuple[str, ...] = ()
    sources: tuple[SourceRef, ...] = ()
    suggestions: tuple[str, ...] = ()
    candidates: tuple[Candidate, ...] = field(default=(), compare=False)

    @property
    def answered(self) -> bool:
        return self.outcome is Outcome.ANSWERED

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answered": self.answered,
            "answer": self.text,
            "confidence": round(self.confidence, 3),
            "fact_ids": list(self.fact_ids),
            "sources": [s.to_json() for s in self.sources],
            "suggestions": list(self.suggestions),
        }
