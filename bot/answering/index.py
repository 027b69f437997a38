"""The facts, pre-digested for scoring: terms, rarity weights and per-country postings.

Built for 100,000-fact bases: texts are normalised and reduced to terms in bulk
(`bot.understanding.bulk`), each fact's terms are kept as term ids in flat numpy arrays (CSR
rows) rather than Python sets, and the per-fact view the scorer reads (`IndexedFact`) is made
only for the facts a question's candidates include, and kept in a bounded cache.
"""

from __future__ import annotations

import gc
import math
import re
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from bot.knowledge.loader import KnowledgeBase
from bot.knowledge.schema import REGION, Fact
from bot.understanding.bulk import Normaliser, TermMaker
from bot.understanding.normalise import normalise
from bot.understanding.parse import Understander
from bot.understanding.terms import TO_ISRAEL

BODY_WEIGHT = 0.6  # a term found only in the answer or quote counts for less than one in a question
# Above this many facts to score, only the best by shared-term weight are scored (see candidates);
# a base of at most EXHAUSTIVE_UP_TO facts (the article's) is always scored in full.
MAX_CANDIDATES = 300
EXHAUSTIVE_UP_TO = 500
RARE_POSTINGS = 30  # facts sharing a term this rare are always scored
# Facts whose scoring view is kept: every fact of the article's base, and, on a large base, the
# candidates of the last few dozen questions (a view takes about 2 kB).
ITEM_CACHE = 4096
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# Answers that give a time or an amount in words still answer "when" and "how many" questions.
_WORDY_TIME = re.compile(
    r"\b(january|february|march|april|june|july|august|september|october|november|december"
    r"|spring|summer|autumn|winter|ago|this year|last year|early|late)\b",
    re.IGNORECASE,
)
_WORDY_AMOUNT = re.compile(
    r"\b(hundreds|thousands|dozens|handful|small|few|no figure|no number|does not give"
    r"|two|three|four|five|six|seven|eight|nine|ten|twice|doubled|size of|largest|percent)\b",
    re.IGNORECASE,
)
BUILD_CHUNK = 10_000  # facts whose texts are digested at a time
_QUESTIONS_APART = "\n"  # between a fact's question strings (terms are single words)


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
    places: frozenset[str]  # places besides the five that the fact speaks of
    to_israel: bool  # about the country's side in Israel (its embassy or envoy there)


class _Rows:
    """Rows of int32 ids in one flat array (compressed sparse rows): row i is
    ids[starts[i]:starts[i + 1]]."""

    def __init__(self, ids: array[int], lengths: array[int]) -> None:
        self.ids = np.frombuffer(ids, dtype=np.int32) if ids else np.zeros(0, dtype=np.int32)
        self.starts = np.zeros(len(lengths) + 1, dtype=np.int64)
        if lengths:
            np.cumsum(np.frombuffer(lengths, dtype=np.int32), out=self.starts[1:])

    def __getitem__(self, row: int) -> np.ndarray:
        return self.ids[self.starts[row] : self.starts[row + 1]]

    def transposed(self, columns: int) -> _Rows:
        """Rows by id instead: for each id, the rows holding it, in ascending order."""
        rows = np.repeat(np.arange(len(self.starts) - 1, dtype=np.int32), np.diff(self.starts))
        order = np.argsort(self.ids, kind="stable")  # stable: rows stay in ascending order
        out = _Rows(array("i"), array("i"))
        out.ids = rows[order]
        out.starts = np.zeros(columns + 1, dtype=np.int64)
        np.cumsum(np.bincount(self.ids, minlength=columns), out=out.starts[1:])
        return out

    def lengths(self) -> np.ndarray:
        return np.diff(self.starts)


class _Names:
    """Finds which of some (normalised) names a padded text uses: " name " occurs in it."""

    def __init__(self, names: Iterable[str]) -> None:
        # A name can only occur if its first word is one of the text's words: most texts use
        # none, and a set intersection says so far faster than a search for each name.
        self._by_first: dict[str, list[str]] = defaultdict(list)
        for name in names:
            self._by_first[name.split()[0] if name else ""].append(name)
        self._first_words = frozenset(self._by_first)
        # Facts share few distinct sets of names: one frozenset object for each.
        self._shared: dict[frozenset[str], frozenset[str]] = {_NONE: _NONE}

    def used_in(self, padded: str, words: set[str]) -> list[str]:
        return [
            name
            for first in self._first_words.intersection(words)
            for name in self._by_first[first]
            if f" {name} " in padded
        ]

    def shared(self, names: Iterable[str]) -> frozenset[str]:
        found = frozenset(names)
        return self._shared.setdefault(found, found)


@dataclass(frozen=True, slots=True)
class _Texts:
    """The facts' texts, normalised and as terms, in bulk (see bot.understanding.bulk)."""

    questions: list[str]  # every fact's questions, normalised, one after another
    question_terms: list[str]  # their terms, joined by spaces
    answers: list[str]
    answer_terms: list[str]
    quotes: list[str]
    quote_terms: list[str]
    keyword_terms: dict[str, str]


def _texts(facts: Sequence[Fact], normaliser: Normaliser, terms: TermMaker) -> _Texts:
    questions = normaliser([q for fact in facts for q in fact.all_questions])
    answers = normaliser([fact.answer for fact in facts])
    quotes = normaliser([fact.source.quote for fact in facts])
    keywords = list(dict.fromkeys(k for fact in facts for k in fact.keywords))
    return _Texts(
        questions,
        terms(questions),
        answers,
        terms(answers),
        quotes,
        terms(quotes),
        dict(zip(keywords, terms(normaliser(keywords)), strict=True)),
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while the build makes millions of small objects, none
    in a cycle: otherwise each full collection walks the whole fact base again (a tenth of a
    100,000-fact build)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _TermIds(dict[str, int]):
    """term -> id, a new term getting the next id (a dict subclass, so `map` runs in C)."""

    def __missing__(self, term: str) -> int:
        self[term] = len(self)
        return self[term]


class FactIndex:
    def __init__(self, base: KnowledgeBase, understander: Understander) -> None:
        self.base = base
        self.understander = understander
        self.max_candidates = MAX_CANDIDATES
        self.terms: dict[str, int] = _TermIds()  # term -> its id
        self._question_strings: list[str] = []
        self._people: dict[int, frozenset[str]] = {}  # only the facts naming someone
        self._places: dict[int, frozenset[str]] = {}
        self._to_israel: list[bool] = []
        self._ask, self._body = self._add_facts(understander)
        self._term_list = list(self.terms)
        # Term postings, split the way the scorer weighs a term (in a question or keyword,
        # else only in the answer or quote).
        self._ask_postings = self._ask.transposed(len(self.terms))
        self._body_postings = self._body.transposed(len(self.terms))
        postings = self._ask_postings.lengths() + self._body_postings.lengths()
        count = max(len(base.facts), 1)
        # Smoothed inverse document frequency; unknown terms get the rarest weight.
        self.idf = {
            term: math.log(1 + count / n)
            for term, n in zip(self._term_list, postings.tolist(), strict=True)
        }
        self.unknown_idf = math.log(1 + count)
        by_country: dict[str, list[int]] = defaultdict(list)
        for position, fact in enumerate(base.facts):
            for country in fact.countries:
                by_country[country].append(position)
        self.by_country = {c: np.array(p, dtype=np.int32) for c, p in by_country.items()}
        self._country_mask: dict[str, np.ndarray] = {}
        for country, positions in self.by_country.items():
            mask = np.zeros(len(base.facts), dtype=bool)
            mask[positions] = True
            self._country_mask[country] = mask
        self.items: Sequence[IndexedFact] = _Items(self, len(base.facts))

    def _add_facts(self, understander: Understander) -> tuple[_Rows, _Rows]:
        """Each fact's ask and body term ids, a chunk of facts at a time (so their texts, the
        bulk of the memory a build takes, are held for one chunk only); also fills the terms,
        question strings, people, places and direction of each fact."""
        # A fact names a person if its text uses any of their names ("Niyazov", "Turkmenbasy").
        person_aliases = {
            normalise(alias): person.name
            for person in self.base.lexicon.people
            for alias in (person.name, *person.aliases)
        }
        names = (
            _Names(person_aliases),
            _Names(normalise(p) for p in self.base.lexicon.covered_places),
        )
        ask = (array("i"), array("i"))  # (ids, lengths)
        body = (array("i"), array("i"))
        normaliser = Normaliser()
        terms = TermMaker(understander.synonyms, understander.strip_country_words)
        facts = self.base.facts
        with _collector_paused():
            for start in range(0, len(facts), BUILD_CHUNK):
                chunk = facts[start : start + BUILD_CHUNK]
                texts = _texts(chunk, normaliser, terms)
                self._add_chunk(start, chunk, texts, person_aliases, names, ask, body)
        return _Rows(*ask), _Rows(*body)

    def _add_chunk(
        self,
        start: int,
        facts: Sequence[Fact],
        texts: _Texts,
        person_aliases: dict[str, str],
        names: tuple[_Names, _Names],
        ask_rows: tuple[array[int], array[int]],
        body_rows: tuple[array[int], array[int]],
    ) -> None:
        aliases, places = names
        term_id = self.terms.__getitem__
        at = 0
        for offset, fact in enumerate(facts):
            count = len(fact.all_questions)
            strings = texts.question_terms[at : at + count]
            ask = {t for s in strings for t in s.split()}
            for keyword in fact.keywords:
                ask.update(texts.keyword_terms[keyword].split())
            body = set(texts.answer_terms[offset].split())
            body.update(texts.quote_terms[offset].split())
            body -= ask
            ask_rows[0].extend(map(term_id, ask))
            ask_rows[1].append(len(ask))
            body_rows[0].extend(map(term_id, body))
            body_rows[1].append(len(body))
            self._question_strings.append(_QUESTIONS_APART.join(strings))
            self._to_israel.append(TO_ISRAEL in strings[0].split())
            # The normalised texts, joined: what normalising the joined texts would give.
            joined = (texts.answers[offset], texts.quotes[offset])
            joined += tuple(texts.questions[at : at + count])
            padded = f" {' '.join(t for t in joined if t)} "
            words = set(padded.split())
            at += count
            people = {p.name for p in fact.people}
            people.update(person_aliases[a] for a in aliases.used_in(padded, words))
            if people:
                self._people[start + offset] = aliases.shared(people)
            named = places.used_in(padded, words)
            if named:
                self._places[start + offset] = places.shared(named)

    def weight(self, term: str) -> float:
        return self.idf.get(term, self.unknown_idf)

    def postings(self, term: str) -> np.ndarray:
        """The facts using a term (in a question, keyword, answer or quote), ascending."""
        term_id = self.terms.get(term)
        if term_id is None:
            return np.zeros(0, dtype=np.int32)
        return np.union1d(self._ask_postings[term_id], self._body_postings[term_id])

    def _postings_count(self, term: str) -> int:
        term_id = self.terms.get(term)
        if term_id is None:
            return 0
        return len(self._ask_postings[term_id]) + len(self._body_postings[term_id])

    def item(self, position: int) -> IndexedFact:
        """The scoring view of one fact, made from the arrays."""
        fact = self.base.facts[position]
        terms = self._term_list
        text = f"{fact.answer} {fact.source.quote}"
        years = {int(y) for y in _YEAR.findall(text)}
        if fact.date:
            years.add(fact.date.year)
        years.update(f.year for f in fact.figures if f.year)
        return IndexedFact(
            position=position,
            fact=fact,
            ask_terms=frozenset(map(terms.__getitem__, self._ask[position].tolist())),
            body_terms=frozenset(map(terms.__getitem__, self._body[position].tolist())),
            question_strings=tuple(self._question_strings[position].split(_QUESTIONS_APART)),
            years=frozenset(years) if years else _NONE,
            people=self._people.get(position, _NONE),
            has_date=fact.date is not None
            or bool(_YEAR.search(fact.answer) or _WORDY_TIME.search(fact.answer)),
            has_figure=bool(fact.figures)
            or bool(re.search(r"\d", fact.key_value) or _WORDY_AMOUNT.search(fact.answer)),
            has_person=bool(fact.people),
            has_place=fact.topic in {"embassy", "geography"},
            places=self._places.get(position, _NONE),
            to_israel=self._to_israel[position],
        )

    def candidates(
        self, countries: tuple[str, ...], terms: tuple[str, ...], limit: int | None = None
    ) -> list[int]:
        """Facts worth scoring: the named countries' facts, else those sharing a term (and the
        region's facts). When that is more than `limit` (default `max_candidates`) facts, only
        the `limit` of them sharing the most term weight (as the scorer weighs terms), plus
        every fact sharing a rare term; none when they share no term."""
        limit = self.max_candidates if limit is None else limit
        small = len(self.base.facts) <= max(limit, EXHAUSTIVE_UP_TO)
        none = np.zeros(0, dtype=np.int32)
        if countries:
            in_countries = [self.by_country.get(c, none) for c in countries]
            if small or sum(map(len, in_countries)) <= limit:
                return np.unique(np.concatenate(in_countries)).tolist()
        else:
            region = self.by_country.get(REGION, none)
            if small or sum(map(self._postings_count, terms)) + len(region) <= limit:
                found = [region, *map(self.postings, terms)]
                return np.unique(np.concatenate(found)).tolist()
        return self._best_sharing_terms(countries, dict.fromkeys(terms), limit)

    def _best_sharing_terms(
        self, countries: tuple[str, ...], terms: Iterable[str], limit: int
    ) -> list[int]:
        scores = np.zeros(len(self.base.facts), dtype=np.float32)
        rare: list[np.ndarray] = []
        for term in terms:
            weight = self.weight(term)
            term_id = self.terms.get(term)
            if term_id is None:
                continue
            ask, body = self._ask_postings[term_id], self._body_postings[term_id]
            scores[ask] += weight
            scores[body] += weight * BODY_WEIGHT
            if len(ask) + len(body) <= RARE_POSTINGS:
                rare.extend((ask, body))
        in_scope = None
        if countries:
            in_scope = np.zeros(len(self.base.facts), dtype=bool)
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


class _Items(Sequence[IndexedFact]):
    """index.items[position]: each fact's scoring view, made when first asked for."""

    def __init__(self, index: FactIndex, count: int) -> None:
        self._count = count
        self._item = lru_cache(maxsize=ITEM_CACHE)(index.item)

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, position: int) -> IndexedFact:  # type: ignore[override]
        if not 0 <= position < self._count:
            raise IndexError(position)
        return self._item(position)
