"""The facts, pre-digested for scoring: terms, rarity weights and per-country postings."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from bot.answering.unstated import Gap, unstated
from bot.knowledge.loader import KnowledgeBase
from bot.knowledge.schema import REGION, Fact
from bot.understanding.intents import FUTURE
from bot.understanding.normalise import normalise
from bot.understanding.parse import Understander
from bot.understanding.terms import TO_ISRAEL, content_terms

BODY_WEIGHT = 0.6  # a term found only in the answer or quote counts for less than one in a question
# Above this many facts to score, only the best by shared-term weight are scored (see candidates);
# a base of at most EXHAUSTIVE_UP_TO facts (the article's) is always scored in full.
MAX_CANDIDATES = 300
EXHAUSTIVE_UP_TO = 500
RARE_POSTINGS = 30  # facts sharing a term this rare are always scored
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# Answers that give a time or an amount in words still answer "when" and "how many" questions.
_WORDY_TIME = re.compile(
    r"\b(january|february|march|april|june|july|august|september|october|november|december"
    r"|spring|summer|autumn|winter|ago|this year|last year|early|late|months|weeks)\b",
    re.IGNORECASE,
)
_WORDY_AMOUNT = re.compile(
    r"\b(hundreds|thousands|dozens|handful|small|few|no figure|no number|does not give"
    r"|two|three|four|five|six|seven|eight|nine|ten|twice|doubled|size of|percent)\b",
    re.IGNORECASE,
)
# Answers to "where" that name no city the lexicon knows: "in Victory Park", "from the Pale".
_PLACE_WORDS = re.compile(
    r"\b(park|city|cities|capital|pale|territory)\b",
    re.IGNORECASE,
)
_MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
_MONTH_NUMBERS = {name: number for number, name in enumerate(_MONTH_NAMES.split(), start=1)}
_MONTH = re.compile(
    r"\b(january|february|march|april|may|june|july|august|september|october|november|december)\b",
    re.IGNORECASE,
)
_CURRENCY = re.compile(r"[$€£]|\b(dollars?|euros?|shekels?)\b", re.IGNORECASE)
# A company named in the text: "Israeli company Emi Technologies".
_NAMED_COMPANY = re.compile(r"\b(?:company|firm|airline|carrier)\s+[A-Z]\w+")


_NONE: frozenset[Any] = frozenset()  # shared by the many facts naming no year, person or place


@dataclass(frozen=True, slots=True)
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
    has_money: bool
    has_company: bool
    gaps: tuple[Gap, ...]  # what the fact says the article does not give
    has_month: bool
    months: frozenset[int]  # the months the fact's texts name
    cities: frozenset[str]  # the five countries' cities the fact names
    future: bool  # asked in the future tense ("will other countries join?")
    places: frozenset[str]  # places besides the five that the fact speaks of
    to_israel: bool  # about the country's side in Israel (its embassy or envoy there)


def _any_of(texts: Iterable[str], before: str, after: str) -> re.Pattern[str]:
    """A pattern that finds any of `texts` (between `before` and `after`), or never matches."""
    texts = list(texts)
    if not texts:
        return re.compile(r"(?!)")
    alternatives = "|".join(re.escape(t) for t in sorted(texts, key=len, reverse=True))
    return re.compile(f"{re.escape(before)}(?:{alternatives}){re.escape(after)}")


def _years_of(fact: Fact, text: str) -> set[int]:
    years = {int(y) for y in _YEAR.findall(text)}
    if fact.date:
        years.add(fact.date.year)
    years.update(f.year for f in fact.figures if f.year)
    return years


def _months_of(fact: Fact, text: str) -> frozenset[int]:
    months = {_MONTH_NUMBERS[m.lower()] for m in _MONTH.findall(text)}
    if fact.date is not None and fact.date.month is not None:
        months.add(fact.date.month)
    return frozenset(months) if months else _NONE


def _names_in(padded: str, any_person: re.Pattern[str], aliases: dict[str, str]) -> set[str]:
    """The people whose names occur in a normalised text padded with spaces."""
    if not any_person.search(padded):
        return set()
    return {name for alias, name in aliases.items() if f" {alias} " in padded}


class FactIndex:
    def __init__(self, base: KnowledgeBase, understander: Understander) -> None:
        self.base = base
        self.understander = understander
        self.items: list[IndexedFact] = []
        self.by_country: dict[str, list[int]] = defaultdict(list)
        self.by_term: dict[str, list[int]] = defaultdict(list)
        self.max_candidates = MAX_CANDIDATES
        ask_postings: dict[str, list[int]] = defaultdict(list)
        body_postings: dict[str, list[int]] = defaultdict(list)
        synonyms = understander.synonyms
        # A fact names a person if its text uses any of their names ("Niyazov", "Turkmenbasy").
        person_aliases = {
            normalise(alias): person.name
            for person in base.lexicon.people
            for alias in (person.name, *person.aliases)
        }
        places = [normalise(p) for p in base.lexicon.covered_places]
        # One search says whether any name or place occurs at all; most facts name none.
        any_person = _any_of(person_aliases, " ", " ")
        any_place = _any_of(places, " ", " ")
        # Where something happened: a city, or a place besides Israel, which most facts name.
        cities = [normalise(c) for names in base.lexicon.countries.values() for c in names.cities]
        any_city = _any_of(cities + [p for p in places if p != "israel"], " ", " ")
        keyword_terms: dict[str, list[str]] = {}  # keywords repeat across facts

        def terms_of(normalised: str) -> list[str]:
            return content_terms(understander.strip_country_words(normalised), synonyms)

        for position, fact in enumerate(base.facts):
            questions = [normalise(q) for q in fact.all_questions]
            question_terms = [terms_of(q) for q in questions]
            ask = {t for terms in question_terms for t in terms}
            for keyword in fact.keywords:
                if keyword not in keyword_terms:
                    keyword_terms[keyword] = terms_of(normalise(keyword))
                ask.update(keyword_terms[keyword])
            answer, quote = normalise(fact.answer), normalise(fact.source.quote)
            body = set(terms_of(answer)) | set(terms_of(quote))
            text = f"{fact.answer} {fact.source.quote}"
            years = _years_of(fact, text)
            # The normalised texts, joined: what normalising the joined texts would give.
            padded = f" {' '.join(t for t in (answer, quote, *questions) if t)} "
            named = {p.name for p in fact.people} | _names_in(padded, any_person, person_aliases)
            # The speaker counts as named ("according to Fuchs" asks what he said), but a quote
            # of theirs, or "according to Fuchs" in the answer, does not answer "who".
            speaker = f" {normalise(fact.source.speaker or '')} "
            speakers = _names_in(speaker, any_person, person_aliases)
            people = named | speakers
            named = {p.name for p in fact.people} | (named - speakers)
            item = IndexedFact(
                position=position,
                fact=fact,
                ask_terms=frozenset(ask),
                body_terms=frozenset(body - ask),
                question_strings=tuple(" ".join(t) for t in question_terms),
                years=frozenset(years) if years else _NONE,
                people=frozenset(people) if people else _NONE,
                has_date=fact.date is not None
                or bool(_YEAR.search(fact.answer) or _WORDY_TIME.search(fact.answer)),
                # A year is a date, not a figure: "2014" does not answer "how many", but a span
                # of years ("1985-2006") answers "how long".
                has_figure=bool(fact.figures)
                or len(_YEAR.findall(fact.key_value)) > 1
                or bool(
                    re.search(r"\d", _YEAR.sub("", fact.key_value))
                    or _WORDY_AMOUNT.search(fact.answer)
                ),
                has_person=bool(named),
                has_place=fact.topic in {"embassy", "geography"}
                or bool(_PLACE_WORDS.search(fact.answer))
                or bool(any_city.search(padded)),
                has_money=any(f.currency for f in fact.figures) or bool(_CURRENCY.search(text)),
                has_company=bool(_NAMED_COMPANY.search(text)),
                gaps=unstated(fact, lambda sentence: terms_of(normalise(sentence))),
                future=bool(FUTURE.search(questions[0])),
                has_month=(fact.date is not None and fact.date.month is not None)
                or bool(_MONTH.search(fact.answer)),
                months=_months_of(fact, text),
                cities=frozenset(c for c in cities if f" {c} " in padded)
                if any_city.search(padded)
                else _NONE,
                places=frozenset(p for p in places if f" {p} " in padded)
                if any_place.search(padded)
                else _NONE,
                to_israel=TO_ISRAEL in question_terms[0],
            )
            self.items.append(item)
            for country in fact.countries:
                self.by_country[country].append(position)
            for term in ask:
                self.by_term[term].append(position)
                ask_postings[term].append(position)
            for term in item.body_terms:
                self.by_term[term].append(position)
                body_postings[term].append(position)
        count = max(len(self.items), 1)
        # Smoothed inverse document frequency; unknown terms get the rarest weight.
        self.idf = {
            term: math.log(1 + count / len(postings)) for term, postings in self.by_term.items()
        }
        self.unknown_idf = math.log(1 + count)
        # For large bases: term postings as arrays, split the way the scorer weighs a term
        # (in a question or keyword, else only in the answer or quote), and country masks.
        self._ask_postings = {t: np.array(p, dtype=np.int32) for t, p in ask_postings.items()}
        self._body_postings = {t: np.array(p, dtype=np.int32) for t, p in body_postings.items()}
        self._country_mask: dict[str, np.ndarray] = {}
        for country, positions in self.by_country.items():
            mask = np.zeros(len(self.items), dtype=bool)
            mask[positions] = True
            self._country_mask[country] = mask

    def terms_of(self, text: str) -> set[str]:
        """The content terms of a text, as the facts' texts were indexed."""
        understander = self.understander
        return set(
            content_terms(understander.strip_country_words(normalise(text)), understander.synonyms)
        )

    def weight(self, term: str) -> float:
        return self.idf.get(term, self.unknown_idf)

    def candidates(
        self, countries: tuple[str, ...], terms: tuple[str, ...], limit: int | None = None
    ) -> list[int]:
        """Facts worth scoring: the named countries' facts, else those sharing a term (and the
        region's facts). When that is more than `limit` (default `max_candidates`) facts, only
        the `limit` of them sharing the most term weight (as the scorer weighs terms), plus
        every fact sharing a rare term; none when they share no term."""
        limit = self.max_candidates if limit is None else limit
        small = len(self.items) <= max(limit, EXHAUSTIVE_UP_TO)
        if countries:
            if small or sum(len(self.by_country.get(c, ())) for c in countries) <= limit:
                return sorted({p for c in countries for p in self.by_country.get(c, [])})
        elif small or (
            sum(len(self.by_term.get(t, ())) for t in terms) + len(self.by_country.get(REGION, ()))
            <= limit
        ):
            found = {p for t in terms for p in self.by_term.get(t, [])}
            return sorted(found | set(self.by_country.get(REGION, [])))
        return self._best_sharing_terms(countries, dict.fromkeys(terms), limit)

    def _best_sharing_terms(
        self, countries: tuple[str, ...], terms: Iterable[str], limit: int
    ) -> list[int]:
        scores = np.zeros(len(self.items), dtype=np.float32)
        rare: list[np.ndarray] = []
        for term in terms:
            weight = self.weight(term)
            ask = self._ask_postings.get(term)
            body = self._body_postings.get(term)
            if ask is not None:
                scores[ask] += weight
            if body is not None:
                scores[body] += weight * BODY_WEIGHT
            if len(self.by_term.get(term, ())) <= RARE_POSTINGS:
                rare.extend(p for p in (ask, body) if p is not None)
        in_scope = None
        if countries:
            in_scope = np.zeros(len(self.items), dtype=bool)
            for country in countries:
                mask = self._country_mask.get(country)
                if mask is not None:
                    in_scope |= mask
            scores[~in_scope] = 0.0
        sharing = np.flatnonzero(scores)
        if len(sharing) > limit:
            # The `limit` best; of those tied at the cut, the earlier facts.
            values = scores[sharing]
            cut = np.partition(values, len(values) - limit)[len(values) - limit]
            above = sharing[values > cut]
            sharing = np.concatenate((above, sharing[values == cut][: limit - len(above)]))
        chosen = set(sharing.tolist())
        for postings in rare:
            chosen.update((postings if in_scope is None else postings[in_scope[postings]]).tolist())
        # Nothing shared leaves nothing: without a shared term no fact can score enough to be
        # answered or suggested, and scoring `limit` of them would only cost time.
        return sorted(chosen)
