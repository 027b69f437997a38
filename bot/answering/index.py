"""The facts, pre-digested for scoring: terms, rarity weights and per-country postings.

Built for 100,000-fact bases: texts are normalised and reduced to terms in bulk
(`bot.understanding.bulk`), each fact's terms are kept as term ids in flat numpy arrays (CSR
rows) rather than Python sets, and the per-fact view the scorer reads (`IndexedFact`) is made
only for the facts a question's candidates include, and kept in a bounded cache.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from typing import Any

import numpy as np

from bot.answering.unstated import Gap, unstated
from bot.knowledge.loader import KnowledgeBase
from bot.knowledge.schema import REGION, Fact
from bot.understanding.bulk import Digester, Normaliser, TermMaker, collector_paused
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
# Facts whose scoring view is kept: every fact of the article's base, and, on a large base, the
# candidates of the last few dozen questions (a view takes about 2 kB).
ITEM_CACHE = 4096
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")  # a year in running text
# Answers that give a time or an amount in words still answer "when" and "how many" questions.
_WORDY_TIME = re.compile(
    r"\b(january|february|march|april|june|july|august|september|october|november|december"
    r"|spring|summer|autumn|winter|ago|this year|last year|early|late|months|weeks)\b",
    re.IGNORECASE,
)
_WORDY_AMOUNT = re.compile(
    r"\b(hundreds|thousands|dozens|handful|small|few(?! (years|months|weeks|days|decades))"
    r"|no figure|no number|does not give"
    r"|(two|three|four|five|six|seven|eight|nine|ten)"
    r"(?! (countries|states|nations|sides|years|months|weeks|days|decades|centuries|millennia))"
    r"|twice|doubled|size of|percent)\b",
    re.IGNORECASE,
)
_CURRENCY = re.compile(r"[$€£]|\b(dollars?|euros?|shekels?)\b", re.IGNORECASE)
# A company named in the text: "Israeli company Emi Technologies".
# A company by name, or companies by where they are from ("European companies"; Israeli
# firms are what a question about them already says).
_NAMED_COMPANY = re.compile(
    r"\b(?:company|firm|airline|carrier)\s+[A-Z]\w+"
    r"|\b(?!Israeli\b)[A-Z]\w+ (?:companies|firms|competitors)\b"
)
# Answers to "where" that name no city the lexicon knows: "in Victory Park", "from the Pale".
# Groups of people answer "who" as named people do ("refugees", "farmers", "local authorities").
# An undated state of things ("trade fluctuates at around $500 million annually", "today"):
# it holds for any recent year asked.
_ONGOING = re.compile(r"\b(annually|a year|per year|each year|every year|today)\b", re.IGNORECASE)
_PEOPLE_GROUPS = re.compile(
    r"\b(refugees|farmers|scientists|officials|authorities|companies|merchants|hikers"
    r"|parliamentarians|delegation|ophthalmologists|doctors|businesspeople|students)\b",
    re.IGNORECASE,
)
_PLACE_WORDS = re.compile(r"\b(park|city|cities|capital|pale|territory)\b", re.IGNORECASE)
_MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
_MONTH_NUMBERS = {name: number for number, name in enumerate(_MONTH_NAMES.split(), start=1)}
_MONTH = re.compile(rf"\b({_MONTH_NAMES.replace(' ', '|')})\b", re.IGNORECASE)
BUILD_CHUNK = 1_000  # facts whose texts are digested at a time
_DIGIT = re.compile(r"\d")
_QUESTIONS_APART = "\n"  # between a fact's question strings (terms are single words)


_NONE: frozenset[Any] = frozenset()  # shared by the many facts naming no year, person or place


# Not frozen: views are made for every candidate of every question, and a frozen dataclass's
# field-by-field object.__setattr__ makes one three times slower. Nothing changes a view.
@dataclass(slots=True)
class IndexedFact:
    position: int
    fact: Fact
    ask_terms: frozenset[str]  # from the questions and keywords
    body_terms: frozenset[str]  # from the answer and the quote
    # Each question's terms, sorted and joined: token_sort_ratio's work done once per fact.
    question_strings: tuple[str, ...]
    years: frozenset[int]
    people: frozenset[str]
    has_date: bool
    has_figure: bool
    has_person: bool
    names_someone: bool  # a named person, not only a group ("which MPs?" needs their names)
    has_place: bool
    has_money: bool
    has_company: bool
    gaps: tuple[Gap, ...]  # what the fact says the article does not give
    future: bool  # asked in the future tense ("will other countries join?")
    has_month: bool
    months: frozenset[int]  # the months the fact's texts name
    cities: frozenset[str]  # the five countries' cities the fact names
    places: frozenset[str]  # places besides the five that the fact speaks of
    to_israel: bool  # about the country's side in Israel (its embassy or envoy there)
    ongoing: bool  # undated, and true of the article's present ("annually", "today")


class _Rows:
    """Rows of int32 ids in one flat array (compressed sparse rows): row i is
    ids[starts[i]:starts[i + 1]]."""

    def __init__(self, ids: np.ndarray, lengths: np.ndarray) -> None:
        self.ids = ids
        self.starts = np.zeros(len(lengths) + 1, dtype=np.int64)
        np.cumsum(lengths, out=self.starts[1:])

    @classmethod
    def joined(cls, ids: list[np.ndarray], lengths: list[np.ndarray]) -> _Rows:
        """The rows of several chunks, one after another."""
        if not ids:
            return cls(np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int64))
        return cls(np.concatenate(ids), np.concatenate(lengths))

    def __getitem__(self, row: int) -> np.ndarray:
        return self.ids[self.starts[row] : self.starts[row + 1]]

    def transposed(self, columns: int) -> _Rows:
        """Rows by id instead: for each id, the rows holding it, in ascending order."""
        count = max(len(self.starts) - 1, 1)
        # Sorted keys id * rows + row: by id, each id's rows ascending (a sort of plain
        # integers is several times faster than a stable argsort). In place: at the end of
        # a build, these arrays are the peak of its memory.
        keys = self.ids.astype(np.int64)
        keys *= count
        keys += np.repeat(np.arange(count, dtype=np.int32), np.diff(self.starts))
        keys.sort()
        keys %= count
        return _Rows(keys.astype(np.int32), np.bincount(self.ids, minlength=columns))

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
        self.first_words = frozenset(self._by_first)
        # Facts share few distinct sets of names: one frozenset object for each.
        self._shared: dict[frozenset[str], frozenset[str]] = {_NONE: _NONE}

    def used_in(self, padded: str, words: Iterable[str]) -> list[str]:
        return [
            name
            for first in self.first_words.intersection(words)
            for name in self._by_first[first]
            if f" {name} " in padded
        ]

    def shared(self, names: Iterable[str]) -> frozenset[str]:
        found = frozenset(names)
        return self._shared.setdefault(found, found)


@dataclass(frozen=True, slots=True)
class _Details:
    years: frozenset[int]
    has_date: bool
    has_figure: bool
    has_money: bool
    has_company: bool
    gaps: tuple[Gap, ...]
    future: bool
    has_month: bool
    months: frozenset[int]
    has_place: bool
    names_group: bool  # a group of people in its answer ("refugees") answers "who" too
    ongoing: bool  # undated, and true of the article's present


@dataclass(frozen=True, slots=True)
class _Named:
    """Who and where a fact's texts name."""

    people: frozenset[str]  # named in its texts, or speaking in it
    answers_who: bool  # names someone other than whom it quotes ("according to Fuchs")
    places: frozenset[str]
    cities: frozenset[str]


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
    speakers: list[str]


def _texts(facts: Sequence[Fact], digest: Digester, speakers: Normaliser) -> _Texts:
    keywords = list(dict.fromkeys(k for fact in facts for k in fact.keywords))
    return _Texts(
        *digest([q for fact in facts for q in fact.all_questions]),
        *digest([fact.answer for fact in facts]),
        *digest([fact.source.quote for fact in facts]),
        dict(zip(keywords, digest(keywords)[1], strict=True)),
        speakers([fact.source.speaker or "" for fact in facts]),
    )


def _tokens_of(texts: Sequence[str], id_of: Callable[[str], int]) -> tuple[np.ndarray, np.ndarray]:
    """(text, id) of every space-separated token of the texts: the index of the text it is in,
    and id_of(token). One join, one split and C-level maps, rather than a loop per text."""
    unique = list(dict.fromkeys(texts))
    if len(unique) < len(texts):  # facts quote the same sentences: each one's ids found once
        return _repeated(texts, unique, *_tokens_of(unique, id_of))
    tokens = " ".join(texts).split()
    # Tokens are single-space separated: a text has one more than its spaces, or none.
    counts = np.fromiter(map(str.count, texts, repeat(" ")), np.int64, len(texts))
    counts += np.fromiter(map(bool, texts), bool, len(texts))
    if counts.sum() != len(tokens):  # spaced otherwise: count them one by one
        counts = np.fromiter(map(len, map(str.split, texts)), np.int64, len(texts))
    ids = np.fromiter(map(id_of, tokens), np.int64, len(tokens))
    return np.repeat(np.arange(len(texts)), counts), ids


def _repeated(
    texts: Sequence[str], unique: list[str], rows: np.ndarray, ids: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """_tokens_of(texts) from _tokens_of(unique), the distinct texts' (rows, ids)."""
    counts = np.bincount(rows, minlength=len(unique))
    row_of = dict(zip(unique, range(len(unique)), strict=True))
    which = np.fromiter(map(row_of.__getitem__, texts), np.int64, len(texts))
    lengths = counts[which]
    # Each text's ids are its distinct text's: shift output positions to where those start.
    shift = (np.cumsum(counts) - counts)[which] - (np.cumsum(lengths) - lengths)
    taken = np.arange(lengths.sum()) + np.repeat(shift, lengths)
    return np.repeat(np.arange(len(texts)), lengths), ids[taken]


_NOBODY = _Named(_NONE, False, _NONE, _NONE)


def _unique(keys: np.ndarray) -> np.ndarray:
    """np.unique(keys), sorted: numpy 2's np.unique hashes integers first, which is far
    slower on these spread-out keys than sorting them and dropping repeats."""
    keys = np.sort(keys)
    first = np.ones(len(keys), dtype=bool)
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    return keys[first]


def _months_of(fact: Fact, text: str) -> frozenset[int]:
    months = {_MONTH_NUMBERS[m.lower()] for m in _MONTH.findall(text)}
    if fact.date is not None and fact.date.month is not None:
        months.add(fact.date.month)
    return frozenset(months) if months else _NONE


class _FactNames:
    """The people and places (besides the five) each fact's text names."""

    def __init__(self, base: KnowledgeBase) -> None:
        # A fact names a person if its text uses any of their names ("Niyazov", "Turkmenbasy").
        self._person_of = {
            normalise(alias): person.name
            for person in base.lexicon.people
            for alias in (person.name, *person.aliases)
        }
        places = [normalise(p) for p in base.lexicon.covered_places]
        cities = [normalise(c) for names in base.lexicon.countries.values() for c in names.cities]
        self._aliases = _Names(self._person_of)
        self._places = _Names(places)
        self._cities = _Names(cities)
        self._first_words = (
            self._aliases.first_words | self._places.first_words | self._cities.first_words
        )
        # A name of one word is in a text when the word is; names of several words, by their
        # first, are the only ones to look for in the text itself.
        self._longer: dict[str, list[str]] = defaultdict(list)
        for name in (*self._person_of, *places, *cities):
            if " " in name:
                self._longer[name.split()[0]].append(name)
        self._longer_firsts = frozenset(self._longer)
        self._speakers: dict[str, set[str]] = {}  # a speaker's text -> the people it names
        # What a fact names follows from the names' first words its text uses, the names of
        # several words in it, its people and its speaker: most facts share a few of these.
        self._found: dict[tuple[Any, ...], _Named] = {}
        self._shared: dict[_Named, _Named] = {_NOBODY: _NOBODY}

    def of(self, facts: Sequence[Fact], texts: _Texts) -> list[_Named]:
        """What each of the chunk's facts names: one shared object for each distinct value."""
        out: list[_Named] = []
        first = 0  # the fact's first question in texts.questions
        for offset, fact in enumerate(facts):
            end = first + len(fact.all_questions)
            # The normalised texts, joined: what normalising the joined texts would give.
            joined = (texts.answers[offset], texts.quotes[offset], *texts.questions[first:end])
            first = end
            padded = f" {' '.join(t for t in joined if t)} "
            # Only the names starting with one of the text's words can occur in it.
            words_used = self._first_words.intersection(padded.split())
            people = tuple(p.name for p in fact.people)
            speaker = texts.speakers[offset]
            if not (words_used or people or speaker):
                out.append(_NOBODY)
                continue
            longer = words_used & self._longer_firsts
            longer_used = self._longer_in(padded, longer) if longer else _NONE
            key = (words_used, longer_used, people, speaker)
            found = self._found.get(key)
            if found is None:
                named = self._named(padded, words_used, people, speaker)
                found = self._found[key] = self._shared.setdefault(named, named)
            out.append(found)
        return out

    def _longer_in(self, padded: str, first_words: Iterable[str]) -> frozenset[str]:
        return frozenset(
            name for word in first_words for name in self._longer[word] if f" {name} " in padded
        )

    def _named(
        self, padded: str, words_used: frozenset[str], people: tuple[str, ...], speaker: str
    ) -> _Named:
        named = {*people} | self._people_in(padded, words_used)
        # The speaker counts as named ("according to Fuchs" asks what he said), but a
        # quote of theirs, or "according to Fuchs" in the answer, does not answer "who".
        speakers = self._speakers.get(speaker)
        if speakers is None:
            padded_speaker = f" {speaker} "
            speakers = self._people_in(padded_speaker, padded_speaker.split())
            self._speakers[speaker] = speakers
        return _Named(
            self._aliases.shared(named | speakers),
            bool(people) or bool(named - speakers),
            self._places.shared(self._places.used_in(padded, words_used)),
            self._cities.shared(self._cities.used_in(padded, words_used)),
        )

    def _people_in(self, padded: str, words: Iterable[str]) -> set[str]:
        return {self._person_of[a] for a in self._aliases.used_in(padded, words)}


class _TermIds(dict[str, int]):
    """term -> id, a new term getting the next id (a dict subclass, so `map` runs in C)."""

    def __missing__(self, term: str) -> int:
        self[term] = len(self)
        return self[term]


class FactIndex:
    @collector_paused()
    def __init__(self, base: KnowledgeBase, understander: Understander) -> None:
        self.base = base
        self.understander = understander
        self.max_candidates = MAX_CANDIDATES
        self._facts = base.facts  # once: the base makes this list anew on every access
        self.terms: dict[str, int] = _TermIds()  # term -> its id
        self._question_strings: list[str] = []
        self._named: list[_Named] = []  # whom and where each fact names
        self._to_israel: list[bool] = []
        self._known_details: list[_Details | None] = [None] * len(self._facts)
        self._questions_sorted = bytearray(len(self._facts))  # see _sorted_questions
        self._shared_years: dict[frozenset[int], frozenset[int]] = {}  # one object per set
        self._ask, self._body = self._add_facts(understander)
        self._term_list = list(self.terms)
        # Term postings, split the way the scorer weighs a term (in a question or keyword,
        # else only in the answer or quote).
        self._ask_postings = self._ask.transposed(len(self.terms))
        self._body_postings = self._body.transposed(len(self.terms))
        postings = self._ask_postings.lengths() + self._body_postings.lengths()
        count = max(len(self._facts), 1)
        # Smoothed inverse document frequency; unknown terms get the rarest weight.
        self.idf = {
            term: math.log(1 + count / n)
            for term, n in zip(self._term_list, postings.tolist(), strict=True)
        }
        self.unknown_idf = math.log(1 + count)
        by_country: dict[str, list[int]] = defaultdict(list)
        for position, fact in enumerate(self._facts):
            for country in fact.countries:
                by_country[country].append(position)
        self.by_country = {c: np.array(p, dtype=np.int32) for c, p in by_country.items()}
        self._country_mask: dict[str, np.ndarray] = {}
        for country, positions in self.by_country.items():
            mask = np.zeros(len(self._facts), dtype=bool)
            mask[positions] = True
            self._country_mask[country] = mask
        self.items: Sequence[IndexedFact] = _Items(self, len(self._facts))

    def _add_facts(self, understander: Understander) -> tuple[_Rows, _Rows]:
        """Each fact's ask and body term ids, a chunk of facts at a time (so their texts, the
        bulk of the memory a build takes, are held for one chunk only); also fills the terms,
        question strings, people, places and direction of each fact, and tells the
        understander the words of the texts it read."""
        normaliser = Normaliser()
        digest = Digester(
            normaliser, TermMaker(understander.synonyms, understander.strip_country_words)
        )
        speakers = Normaliser()  # their words are not the facts' words
        names = _FactNames(self.base)
        ask: tuple[list[np.ndarray], list[np.ndarray]] = ([], [])  # (ids, lengths) by chunk
        body: tuple[list[np.ndarray], list[np.ndarray]] = ([], [])
        facts = self._facts
        for start in range(0, len(facts), BUILD_CHUNK):
            chunk = facts[start : start + BUILD_CHUNK]
            texts = _texts(chunk, digest, speakers)
            ask_keys, body_keys = self._add_terms(chunk, texts)
            for keys, (ids, lengths) in ((ask_keys, ask), (body_keys, body)):
                # Keys are fact * vocabulary + term id, sorted: each fact's ids in a row.
                ids.append((keys % len(self.terms)).astype(np.int32))
                lengths.append(np.bincount(keys // len(self.terms), minlength=len(chunk)))
            self._named.extend(names.of(chunk, texts))
        understander.learn_fact_words(normaliser.words())
        return _Rows.joined(*ask), _Rows.joined(*body)

    def _add_terms(self, facts: Sequence[Fact], texts: _Texts) -> tuple[np.ndarray, np.ndarray]:
        """The chunk's (fact, ask term) and (fact, body term) pairs as sorted unique keys
        fact * vocabulary + term id; adds each fact's question strings and direction."""
        term_id = self.terms.__getitem__  # a new term gets the next id
        questions = np.fromiter(map(len, (f.all_questions for f in facts)), np.int64, len(facts))
        ends = np.cumsum(questions)
        fact_of_question = np.repeat(np.arange(len(facts)), questions)
        keywords = [texts.keyword_terms[k] for fact in facts for k in fact.keywords]
        fact_of_keyword = np.repeat(np.arange(len(facts)), [len(f.keywords) for f in facts])
        in_question, question_ids = _tokens_of(texts.question_terms, term_id)
        in_keyword, keyword_ids = _tokens_of(keywords, term_id)
        in_answer, answer_ids = _tokens_of(texts.answer_terms, term_id)
        in_quote, quote_ids = _tokens_of(texts.quote_terms, term_id)
        vocabulary = len(self.terms)
        ask = _unique(
            np.concatenate(
                (
                    fact_of_question[in_question] * vocabulary + question_ids,
                    fact_of_keyword[in_keyword] * vocabulary + keyword_ids,
                )
            )
        )
        body = _unique(
            np.concatenate((in_answer * vocabulary + answer_ids, in_quote * vocabulary + quote_ids))
        )
        body = body[~np.isin(body, ask, assume_unique=True)]  # a term asked about is not body
        self._question_strings.extend(
            _QUESTIONS_APART.join(texts.question_terms[a:b])
            for a, b in zip((ends - questions).tolist(), ends.tolist(), strict=True)
        )
        # About the country's side in Israel: the first question says so.
        to_israel = np.zeros(len(facts), dtype=bool)
        direction = self.terms.get(TO_ISRAEL)
        if direction is not None:
            first = np.zeros(len(fact_of_question), dtype=bool)
            first[ends - questions] = True
            said = (question_ids == direction) & first[in_question]
            to_israel[fact_of_question[in_question[said]]] = True
        self._to_israel.extend(to_israel.tolist())
        return ask, body

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

    def _details(self, position: int) -> _Details:
        """A fact's years, and whether it gives a date, a figure or a place: regex searches too
        slow to run over every fact at build time, so run on a fact's first time as a
        candidate (and kept: scoring views of large bases are made again and again)."""
        details = self._known_details[position]
        if details is None:
            fact = self._facts[position]
            named = self._named[position]
            years = {int(y) for y in YEAR.findall(f"{fact.answer} {fact.source.quote}")}
            if fact.date:
                years.add(fact.date.year)
            years.update(f.year for f in fact.figures if f.year)
            found = frozenset(years) if years else _NONE
            text = f"{fact.answer} {fact.source.quote}"
            details = self._known_details[position] = _Details(
                self._shared_years.setdefault(found, found),
                fact.date is not None
                or bool(YEAR.search(fact.answer) or _WORDY_TIME.search(fact.answer)),
                # A year is a date, not a figure: "2014" does not answer "how many", but a span
                # of years ("1985-2006") answers "how long".
                bool(fact.figures)
                or len(YEAR.findall(fact.key_value)) > 1
                or bool(
                    _DIGIT.search(YEAR.sub("", fact.key_value)) or _WORDY_AMOUNT.search(fact.answer)
                ),
                any(f.currency for f in fact.figures) or bool(_CURRENCY.search(text)),
                bool(_NAMED_COMPANY.search(text)),
                unstated(fact, self.terms_of),
                bool(FUTURE.search(normalise(fact.question))),
                (fact.date is not None and fact.date.month is not None)
                or bool(_MONTH.search(fact.answer)),
                _months_of(fact, text),
                fact.topic in {"embassy", "geography"}
                or bool(_PLACE_WORDS.search(fact.answer))
                or bool(named.cities or named.places - {"israel"}),
                bool(_PEOPLE_GROUPS.search(fact.answer)),
                not years and bool(_ONGOING.search(fact.answer)),
            )
        return details

    def terms_of(self, text: str) -> list[str]:
        """The content terms of a text, as the facts' texts were indexed."""
        understander = self.understander
        return content_terms(
            understander.strip_country_words(normalise(text)), understander.synonyms
        )

    def _sorted_questions(self, position: int) -> tuple[str, ...]:
        """A fact's questions with their terms sorted (token_sort_ratio's work), sorted the
        first time the fact is a candidate and kept in place of the unsorted ones: views are
        remade often on a large base, and sorting is most of their cost."""
        joined = self._question_strings[position]
        if not self._questions_sorted[position]:
            joined = _QUESTIONS_APART.join(
                " ".join(sorted(q.split())) for q in joined.split(_QUESTIONS_APART)
            )
            self._question_strings[position] = joined
            self._questions_sorted[position] = True
        return tuple(joined.split(_QUESTIONS_APART))

    def item(self, position: int) -> IndexedFact:
        """The scoring view of one fact, made from the arrays."""
        fact = self._facts[position]
        terms = self._term_list
        details = self._details(position)
        named = self._named[position]
        return IndexedFact(
            position=position,
            fact=fact,
            ask_terms=frozenset(map(terms.__getitem__, self._ask[position].tolist())),
            body_terms=frozenset(map(terms.__getitem__, self._body[position].tolist())),
            question_strings=self._sorted_questions(position),
            years=details.years,
            people=named.people,
            has_date=details.has_date,
            has_figure=details.has_figure,
            has_person=named.answers_who or bool(fact.people) or details.names_group,
            names_someone=named.answers_who or bool(fact.people),
            has_place=details.has_place,
            has_money=details.has_money,
            has_company=details.has_company,
            gaps=details.gaps,
            future=details.future,
            has_month=details.has_month,
            months=details.months,
            cities=named.cities,
            places=named.places,
            to_israel=self._to_israel[position],
            ongoing=details.ongoing,
        )

    def candidates(
        self, countries: tuple[str, ...], terms: tuple[str, ...], limit: int | None = None
    ) -> list[int]:
        """Facts worth scoring: the named countries' facts, else those sharing a term (and the
        region's facts). When that is more than `limit` (default `max_candidates`) facts, only
        the `limit` of them sharing the most term weight (as the scorer weighs terms), plus
        every fact sharing a rare term; none when they share no term."""
        limit = self.max_candidates if limit is None else limit
        small = len(self._facts) <= max(limit, EXHAUSTIVE_UP_TO)
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
        scores = np.zeros(len(self._facts), dtype=np.float32)
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
            in_scope = np.zeros(len(self._facts), dtype=bool)
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
