"""Browsing the fact base without a question: autocomplete, a country's overview, the
timeline of dated events."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz, process, utils

from bot.answering import compose
from bot.answering.answer import Answer, Outcome, SourceRef
from bot.knowledge.loader import KnowledgeBase
from bot.knowledge.schema import COUNTRIES, Fact, FactDate

OVERVIEW_TOPICS = (
    "diplomatic_relations",
    "embassy",
    "ambassador",
    "trade",
    "tourism",
    "jewish_community",
)


@dataclass(frozen=True)
class TimelineEvent:
    date: FactDate
    country: str
    label: str
    fact_id: str
    source: SourceRef


class Browser:
    def __init__(self, base: KnowledgeBase, sources: compose.SourceBook) -> None:
        self._base = base
        self.sources = sources

    @cached_property
    def _questions(self) -> list[tuple[str, Fact]]:
        # Made on the first autocomplete rather than at start-up: a large base has hundreds of
        # thousands of questions, and a bot without slash commands never needs them.
        return [(q, fact) for fact in self._base.facts for q in fact.all_questions]

    @cached_property
    def _question_keys(self) -> list[str]:
        return [utils.default_process(q) for q, _ in self._questions]

    def suggest_questions(self, prefix: str, limit: int = 25) -> list[str]:
        """Known questions resembling what has been typed so far (for autocomplete)."""
        if not prefix.strip():
            picked = [fact.question for fact in self._base.facts]
        else:
            matches = process.extract(
                utils.default_process(prefix),
                self._question_keys,
                scorer=fuzz.partial_ratio,
                processor=None,
                limit=limit * 4,
                score_cutoff=60,
            )
            picked = [self._questions[index][1].question for _, _, index in matches]
        unique = list(dict.fromkeys(q for q in picked if len(q) < 100))
        return unique[:limit]

    def country_overview(self, country: str) -> list[Answer]:
        lines = []
        for topic in OVERVIEW_TOPICS:
            fact = self._first_fact(country, topic)
            if fact is not None:
                lines.append(
                    Answer(
                        fact.question,
                        Outcome.ANSWERED,
                        fact.answer,
                        1.0,
                        (fact.id,),
                        (self.sources.ref(fact),),
                    )
                )
        return lines

    def person_facts(self, name: str, limit: int = 3) -> list[Fact]:
        """The first facts about a person (or quoting them), for "tell me about Lustig"."""
        return self._by_person.get(name, [])[:limit]

    @cached_property
    def _by_person(self) -> dict[str, list[Fact]]:
        # One pass over the base, on the first such question.
        found: dict[str, list[Fact]] = {}
        for fact in self._base.facts:
            for person in fact.people:
                found.setdefault(person.name, []).append(fact)
        return found

    @cached_property
    def _by_topic_and_country(self) -> dict[tuple[str, str], list[Fact]]:
        # One pass over the base, on the first overview: a large base makes scanning it per
        # topic too slow for a reply.
        found: dict[tuple[str, str], list[Fact]] = {}
        for fact in self._base.facts:
            if fact.topic in OVERVIEW_TOPICS:
                for country in fact.countries:
                    found.setdefault((fact.topic, country), []).append(fact)
        return found

    def _first_fact(self, country: str, topic: str) -> Fact | None:
        matching = list(self._by_topic_and_country.get((topic, country), []))
        # Prefer facts about this country alone, then Israel's own people there (its
        # ambassador before the country's), then the ones with a date or a figure.
        matching.sort(
            key=lambda f: (
                len(f.countries) > 1,
                bool(f.people) and not compose.israels_own(f),
                f.date is None and not f.figures,
            )
        )
        return matching[0] if matching else None

    def timeline(self, country: str | None = None) -> list[TimelineEvent]:
        events = []
        for fact in self._base.facts:
            if fact.date is None or fact.event is None:
                continue
            for place in fact.countries:
                if place in COUNTRIES and (country is None or place == country):
                    events.append(
                        TimelineEvent(fact.date, place, fact.event, fact.id, self.sources.ref(fact))
                    )
        events.sort(key=lambda e: (e.date.sort_key, e.country))
        return events
