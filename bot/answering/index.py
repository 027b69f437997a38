"""The facts, pre-digested for scoring: terms, rarity weights and per-country postings."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

from bot.knowledge.loader import KnowledgeBase
from bot.knowledge.schema import REGION, Fact
from bot.understanding.normalise import normalise
from bot.understanding.parse import Understander
from bot.understanding.terms import TO_ISRAEL, content_terms

BODY_WEIGHT = 0.6  # a term found only in the answer or quote counts for less than one in a question
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# Answers that give a time or an amount in words still answer "when" and "how many" questions.
_WORDY_TIME = re.compile(
    r"\b(january|february|march|april|june|july|august|september|october|november|december"
    r"|spring|summer|autumn|winter|ago|this year|last year|early|late)\b", re.IGNORECASE
)
_WORDY_AMOUNT = re.compile(
    r"\b(hundreds|thousands|dozens|handful|small|few|no figure|no number|does not give)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class IndexedFact:
    position: int
    fact: Fact
    ask_terms: frozenset[str]  # from the questions and keywords
    body_terms: frozenset[str]  # from the answer and the quote
    question_strings: tuple[str, ...]  # each question's terms joined, for fuzzy comparison
    years: frozenset[int]
    people: frozenset[str]
    has_date: bool
    has_figure: bool
    has_person: bool
    has_place: bool
    places: frozenset[str]  # places besides the five that the fact speaks of
    to_israel: bool  # about the country's side in Israel (its embassy or envoy there)


class FactIndex:
    def __init__(self, base: KnowledgeBase, understander: Understander) -> None:
        self.base = base
        self.understander = understander
        self.items: list[IndexedFact] = []
        self.by_country: dict[str, list[int]] = defaultdict(list)
        self.by_term: dict[str, list[int]] = defaultdict(list)
        synonyms = understander.synonyms
        people_names = {p.name for p in base.lexicon.people}
        places = [normalise(p) for p in base.lexicon.covered_places]
        for position, fact in enumerate(base.facts):

            def terms_of(text: str) -> list[str]:
                return content_terms(understander.strip_country_words(normalise(text)), synonyms)

            question_terms = [terms_of(q) for q in fact.all_questions]
            ask = {t for terms in question_terms for t in terms}
            for keyword in fact.keywords:
                ask.update(terms_of(keyword))
            body = set(terms_of(fact.answer)) | set(terms_of(fact.source.quote))
            text = f"{fact.answer} {fact.source.quote}"
            years = {int(y) for y in _YEAR.findall(text)}
            if fact.date:
                years.add(fact.date.year)
            years.update(f.year for f in fact.figures if f.year)
            people = {p.name for p in fact.people} | {n for n in people_names if n in text}
            padded = f" {normalise(' '.join((text, *fact.all_questions)))} "
            item = IndexedFact(
                position=position,
                fact=fact,
                ask_terms=frozenset(ask),
                body_terms=frozenset(body - ask),
                question_strings=tuple(" ".join(t) for t in question_terms),
                years=frozenset(years),
                people=frozenset(people),
                has_date=fact.date is not None
                or bool(_YEAR.search(fact.answer) or _WORDY_TIME.search(fact.answer)),
                has_figure=bool(fact.figures)
                or bool(re.search(r"\d", fact.key_value) or _WORDY_AMOUNT.search(fact.answer)),
                has_person=bool(fact.people),
                has_place=fact.topic in {"embassy", "geography"},
                places=frozenset(p for p in places if f" {p} " in padded),
                to_israel=TO_ISRAEL in question_terms[0],
            )
            self.items.append(item)
            for country in fact.countries:
                self.by_country[country].append(position)
            for term in ask | body:
                self.by_term[term].append(position)
        count = max(len(self.items), 1)
        # Smoothed inverse document frequency; unknown terms get the rarest weight.
        self.idf = {
            term: math.log(1 + count / len(postings)) for term, postings in self.by_term.items()
        }
        self.unknown_idf = math.log(1 + count)

    def weight(self, term: str) -> float:
        return self.idf.get(term, self.unknown_idf)

    def candidates(self, countries: tuple[str, ...], terms: tuple[str, ...]) -> list[int]:
        """Facts worth scoring: the named countries' facts, else those sharing a term."""
        if countries:
            return sorted({p for c in countries for p in self.by_country.get(c, [])})
        found = {p for t in terms for p in self.by_term.get(t, [])}
        return sorted(found | set(self.by_country.get(REGION, [])))
