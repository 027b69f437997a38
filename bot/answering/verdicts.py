"""Yes/no questions: when an answer may open with "Yes." or "No.", and asking again a question
whose wrong claim (a year, a number, a place, a post) hid the fact that answers it."""

from __future__ import annotations

import calendar
import re
from dataclasses import replace
from typing import Protocol

from bot.answering import compose
from bot.answering.answer import Answer
from bot.answering.index import YEAR, FactIndex
from bot.answering.scoring import CLAIM_WORDS, DIRECTED_TOPICS, Scored
from bot.knowledge.schema import COUNTRIES, Fact
from bot.understanding.intents import Wants
from bot.understanding.normalise import normalise
from bot.understanding.parse import Understander, Understanding
from bot.understanding.terms import TO_ISRAEL

CLAIM_FREE_AT = 0.6  # confidence a yes/no question needs, its claimed values left out
_MAGNITUDES = frozenset({"million", "billion", "thousand", "hundred"})
_IS_SOMEONE = re.compile(r"^(is|was|isnt|wasnt)\b")
# "Was Peres the first Israeli PM to visit Kazakhstan?": a first (or last, or only) is one.
_ONE_OF_A_KIND = re.compile(r"^(is|was|isnt|wasnt)\b.*\b(first|last|only)\b")
_SAYS_ONE_OF_A_KIND = re.compile(r"\b(first|last|only)\b", re.IGNORECASE)
SURE_OF_ANOTHER_AT = 0.8  # confidence to name someone else than the person asked about
_DIRECTED_WORDS = frozenset({"ambassador", "embassi"})  # whose post or mission, in which
_NUMBER = re.compile(r"\b\d+(?:\.\d+)?\b")
# "Is there a synagogue in Bishkek?" asks about the city itself.
_EXISTS = re.compile(r"\b(is there|are there|was there|were there|any|have an?|has an?)\b")
_RELATIVE_DATE = re.compile(r"\b(this past|last year|this year|ago)\b")
# "Is Fuchs the chief rabbi?": a post held now ("was he ever...?" the article may not settle).
_IS_NOW = re.compile(r"^(is|isnt)\b")
_NOT_NOW = re.compile(r"\b(ever|former|formerly|previous|previously|once|first|before)\b")
_POSTS = "ambassador rabbi president minister"
_ISRAELI_CITY = re.compile(r"\b(in|to) (jerusalem|tel aviv)\b")
_INTO_ISRAEL = re.compile(r"\b(in|to) israel\b")


class AnswerFn(Protocol):
    """The engine's matcher: one question (as understood) against the facts."""

    def __call__(
        self,
        question: str,
        u: Understanding,
        countries: tuple[str, ...],
        near: set[str] | frozenset[str] = ...,
        correct: bool = ...,
    ) -> Answer: ...


def claims_no_more(u: Understanding, best: Scored) -> bool:
    """Whether every word of the question is in the fact's own questions, keywords, answer or
    quote (so that its own "Yes:" answers the question)."""
    return set(u.terms) <= best.item.ask_terms | best.item.body_terms


def _other_number(u: Understanding, fact: Fact) -> bool:
    """Whether a yes/no question claims a plain number ("are there 30,000 Jews?") that none of
    the fact's figures (or, lacking figures, of its answer's numbers) comes near."""
    if CLAIM_WORDS & {"million", "billion"} & set(u.normalised.split()):
        return False
    given = [f.value for f in fact.figures] or _answer_numbers(fact)
    claimed = [float(n) for n in u.entities.numbers]
    return bool(claimed and given) and not any(
        abs(value - n) <= 0.1 * max(value, n) for value in given for n in claimed
    )


def _answer_numbers(fact: Fact) -> list[float]:
    """The numbers a fact's answer gives, years left out."""
    numbers = (float(n) for n in _NUMBER.findall(normalise(fact.answer)))
    return [n for n in numbers if not 1900 <= n <= 2100]


def _numbers_unsaid(u: Understanding, fact: Fact) -> bool:
    """Whether the question claims a number the fact's answer does not give ("does
    Kazakhstan have 20 Jewish day schools?" when the 20 in the quote are organisations)."""
    said = set(_NUMBER.findall(normalise(fact.answer)))
    return any(n not in said for n in u.entities.numbers)


def _cities_unsaid(u: Understanding, fact: Fact) -> bool:
    """Whether the question names a city the fact's answer and quote do not."""
    said = normalise(f"{fact.answer} {fact.source.quote}")
    return any(not re.search(rf"\b{re.escape(city)}\b", said) for city in u.entities.cities)


class Verdicts:
    def __init__(
        self,
        index: FactIndex,
        understander: Understander,
        facts: dict[str, Fact],
        sources: compose.SourceBook,
        answer: AnswerFn,
    ) -> None:
        self._index = index
        self._understander = understander
        self._facts = facts
        self._sources = sources
        self._answer = answer
        # Month names as terms: a month asked is a date, not a word the fact must say.
        self._month_terms = frozenset(understander.parse(" ".join(calendar.month_name)).terms)
        self._country_terms: dict[str, frozenset[str]] = {}
        self._posts = frozenset(understander.parse(_POSTS).terms)

    def affirms(self, u: Understanding, fact: Fact) -> bool:
        """Whether the fact's own answer and quote state every word of a yes/no question (a
        fact may list "Is Kyrgyzstan stable?" among its questions and answer "volatile")."""
        if not u.yes_no or compose.negated(u.normalised):
            return False
        said = set(self._index.terms_of(f"{fact.answer} {fact.source.quote}"))
        # Every word asked, short unknown ones too ("does El Al fly there?"), must be said, and
        # every city ("is the Beit Rachel synagogue in Almaty?": it is in Astana).
        words = set(u.terms) | set(self._index.terms_of(u.normalised))
        # "in the 90s" is said by a year of the decade.
        years = {fact.date.year} if fact.date else set()
        years |= {f.year for f in fact.figures if f.year}
        words -= {f"{year // 10 * 10}s" for year in years}
        # "Is Aminov Israel's ambassador to Uzbekistan?": his is Uzbekistan's post in Israel.
        directed = fact.topic in DIRECTED_TOPICS or bool(words & _DIRECTED_WORDS)
        other_way = directed and (TO_ISRAEL in said) != (TO_ISRAEL in words)
        return (
            words <= said
            and not other_way
            and not _cities_unsaid(u, fact)
            and not _numbers_unsaid(u, fact)
        )

    def corrects(self, u: Understanding, best: Scored) -> bool:
        """Whether the fact answers a yes/no question's year with another year, and says the
        rest of what was asked: "Did they open ties in 1992?" "No. ... in 1993"."""
        if not u.yes_no or compose.negated(u.normalised):
            return False
        years, months, item = set(u.entities.years), set(u.entities.months), best.item
        other_year = bool(years and item.years) and not years & item.years
        decades = set(u.entities.decades)
        if decades and item.years and not years:
            other_year = not any(year // 10 * 10 in decades for year in item.years)
        other_month = bool(months and item.months) and not months & item.months
        other_city = bool(item.cities) and _cities_unsaid(u, item.fact)
        if not (other_year or other_month or other_city or _other_number(u, item.fact)):
            return False
        return self._says_rest(u, item.fact)

    def asked_again(
        self,
        question: str,
        u: Understanding,
        countries: tuple[str, ...],
        near: set[str] | frozenset[str],
    ) -> Answer | None:
        """A yes/no question with a wrong year or country ("did they open the embassy in
        1995?", "is Bistritsky the ambassador to Uzbekistan?") pulls the right fact under the
        threshold. Asked again without it, the fact that says the rest answers it: with "No."
        for another year or another post."""
        if not u.yes_no:
            return None
        claimed = self._claimed_terms(u)
        # A city beside a country of its own is a claimed place too: "does Israel run its ties
        # with Tajikistan out of Tashkent?" is no question about Uzbekistan.
        text, named_countries = u.normalised, u.entities.countries
        if u.entities.cities:
            for city in u.entities.cities:
                text = re.sub(rf"\b{re.escape(city)}\b", " ", text)
            named_countries = self._understander.parse(text).entities.countries
        # ... and so is a city naming the only country asked ("is the largest synagogue in
        # Tashkent?": it may be elsewhere).
        city_claimed = named_countries != u.entities.countries and (
            bool(named_countries) or self._placed_in_city(u)
        )
        if city_claimed and countries == u.entities.countries:
            countries = named_countries
        else:
            text = u.normalised
        # "Is Tajikistan's border with Afghanistan 2,000 km?": Afghanistan is what is asked
        # about, not a claimed place, so the numbers alone are left out first.
        numbers = {t for t in claimed if t.isdigit() or t in _MAGNITUDES}
        claims = [numbers, claimed] if numbers and numbers != claimed else [claimed]
        for claim in claims:
            if claim or city_claimed:
                answer = self._without_claim(question, u, text, countries, near, claim)
                if answer is not None:
                    return answer
        # A wrong year still counts against facts of other years; last, it is left out too.
        if u.entities.years:
            answer = self._without_claim(
                question, u, text, countries, near, claimed, match_years=False
            )
            if answer is not None:
                return answer
        # Only for who someone is: that Netanyahu visited Kazakhstan does not say he never
        # went to Uzbekistan, but Bistritsky's post in Astana says he is not the ambassador there.
        people = set(u.entities.people)
        if people and countries and _IS_SOMEONE.match(u.normalised):
            answer = self._answer(question, u, (), near, correct=False)
            fact = self._facts[answer.fact_ids[0]] if answer.answered else None
            holders = {person.name for person in fact.people} if fact else set()
            elsewhere = fact is not None and not set(fact.countries) & set(countries)
            if fact and holders & people and elsewhere and self._says_rest(u, fact):
                text = compose.for_question(fact.answer, True, corrected=True)
                answer = replace(answer, text=compose.clip(text))
                return self._with_holder(question, u, countries, answer)
        return self._not_the_holder(question, u, countries, near)

    def someone_else(
        self,
        question: str,
        u: Understanding,
        countries: tuple[str, ...],
        near: set[str] | frozenset[str],
    ) -> Answer | None:
        """ "Was Peres the first Israeli PM to visit Kazakhstan?" Asked again without him, a
        sure fact naming someone else the first (or last, or only) one says "No."."""
        people = set(u.entities.people)
        if not people or not _ONE_OF_A_KIND.match(u.normalised):
            return None
        asked = self._who_without(u)
        answer = self._answer(question, asked, countries, near, correct=False)
        if not answer.answered or answer.confidence < SURE_OF_ANOTHER_AT:
            return None
        fact = self._facts[answer.fact_ids[0]]
        named = {person.name for person in fact.people} or set(
            self._understander.parse(fact.answer).entities.people
        )
        if not named or named & people or not _SAYS_ONE_OF_A_KIND.search(fact.answer):
            return None
        if not self._says_rest(asked, fact):
            return None
        text = compose.for_question(fact.answer, True, corrected=True)
        return replace(answer, text=compose.clip(text))

    def _not_the_holder(
        self,
        question: str,
        u: Understanding,
        countries: tuple[str, ...],
        near: set[str] | frozenset[str],
    ) -> Answer | None:
        """ "Is Fuchs Israel's ambassador to Kazakhstan?" Asked as "who is Israel's ambassador
        to Kazakhstan?", a sure fact naming someone else now in the post says "No."."""
        people = set(u.entities.people)
        if not countries or not _IS_NOW.match(u.normalised) or _NOT_NOW.search(u.normalised):
            return None
        asked = self._who_without(u)
        if not set(asked.terms) & self._posts:
            return None
        holder = self._answer(question, asked, countries, near, correct=False)
        if not holder.answered or holder.confidence < SURE_OF_ANOTHER_AT:
            return None
        fact = self._facts[holder.fact_ids[0]]
        named = {person.name for person in fact.people} or set(
            self._understander.parse(fact.answer).entities.people
        )
        if not named or named & people:
            return None
        text = compose.for_question(fact.answer, True, corrected=True)
        answer = replace(holder, text=compose.clip(text))
        # ... and who the person asked about is.
        for name in people:
            who = self._answer(question, self._understander.parse(f"who is {name}"), ())
            if who.answered and who.fact_ids[0] not in answer.fact_ids:
                answer = self._also(answer, self._facts[who.fact_ids[0]])
        return answer

    def in_another_country(
        self,
        question: str,
        u: Understanding,
        near: set[str] | frozenset[str],
    ) -> Answer | None:
        """ "Did Israeli ophthalmologists go to Tajikistan in 2015?" "... of Kyrgyzstan": a
        sure fact on one other country that says everything else asked, including a word no
        fact on the country asked says (so that "did Israel open an embassy in Kyrgyzstan in
        1992?" never becomes Uzbekistan's embassy)."""
        asked = u.entities.countries
        if len(asked) != 1 or asked[0] not in COUNTRIES or compose.negated(u.normalised):
            return None
        anywhere = replace(u, entities=replace(u.entities, countries=()))
        answer = self._answer(question, anywhere, (), near, correct=False)
        if not answer.answered or answer.confidence < SURE_OF_ANOTHER_AT:
            return None
        fact = self._facts[answer.fact_ids[0]]
        others = [c for c in fact.countries if c in COUNTRIES]
        if len(others) != 1 or others[0] == asked[0] or not self._says_rest(u, fact):
            return None
        # A dated event is one of a kind; that Netanyahu visited Kazakhstan, or that Dushanbe
        # has a synagogue, says nothing of Uzbekistan or Ashgabat.
        said_years = {int(y) for y in YEAR.findall(f"{fact.answer} {fact.source.quote}")}
        if not u.entities.years or not set(u.entities.years) <= said_years:
            return None
        said = set(self._index.terms_of(f"{fact.answer} {fact.source.quote}"))
        theirs = self._terms_on(asked[0]) | set(self._index.terms_of(" ".join(u.entities.people)))
        if not any(t in said and t not in theirs for t in u.terms if not t.isdigit()):
            return None
        text = (
            f"My source reports this of {others[0].title()}, not {asked[0].title()}: "
            f"{compose.for_question(fact.answer, False)}"
        )
        return replace(answer, text=compose.clip(text))

    def _terms_on(self, country: str) -> frozenset[str]:
        """Every word the facts on a country say."""
        if country not in self._country_terms:
            self._country_terms[country] = frozenset(
                term
                for f in self._facts.values()
                if country in f.countries
                for term in self._index.terms_of(f"{f.answer} {f.source.quote}")
            )
        return self._country_terms[country]

    def _without_claim(
        self,
        question: str,
        u: Understanding,
        text: str,
        countries: tuple[str, ...],
        near: set[str] | frozenset[str],
        claimed: set[str],
        match_years: bool = True,
    ) -> Answer | None:
        """The question asked again without its claimed values: "No." for another year, and a
        sure fact that says the rest speaks for itself. `match_years`: whether the years asked
        still count in matching."""
        without = replace(
            u,
            terms=tuple(t for t in u.terms if t not in claimed),
            normalised=" ".join(w for w in text.split() if w not in claimed),
        )
        if not match_years:
            without = replace(without, entities=replace(u.entities, years=()))
        # "Is their trade around $1 billion?" asks for an amount, whatever amount it claims.
        if without.wants is Wants.ANY and claimed & {"million", "billion"}:
            without = replace(without, wants=Wants.MONEY)
        answer = self._answer(question, without, countries, near, correct=False)
        fact = self._facts[answer.fact_ids[0]] if answer.answered else None
        other_year = fact and fact.date and fact.date.year not in u.entities.years
        if fact and other_year and u.entities.years and self._says_rest(u, fact, claimed):
            text = compose.for_question(fact.answer, True, corrected=True)
            return replace(answer, text=compose.clip(text))
        # Another number or place may be close enough ("did trade top $200 million?"
        # "$211 million"): a fact that surely answers the rest speaks for itself. (Not an
        # undated fact found by leaving the year out: it cannot say the year was wrong.)
        # ... unless it dates the event relative to the article ("this past September"),
        # which the reader can set against the year asked.
        relative = fact is not None and bool(_RELATIVE_DATE.search(fact.answer))
        if fact is not None and (match_years or relative) and answer.confidence >= CLAIM_FREE_AT:
            text = compose.for_question(fact.answer, True)
            return replace(answer, text=compose.clip(text))
        return None

    @staticmethod
    def _placed_in_city(u: Understanding) -> bool:
        """Whether a yes/no question claims where something is ("is the largest synagogue in
        Tashkent?"), not what is in a city ("is there a synagogue in Bishkek?", "did Israel
        open the Tashkent embassy in 1995?")."""
        if _EXISTS.search(u.normalised):
            return False
        return any(
            re.search(rf"\b(in|at) {re.escape(city)}\b", u.normalised) for city in u.entities.cities
        )

    def _with_holder(
        self, question: str, u: Understanding, countries: tuple[str, ...], answer: Answer
    ) -> Answer:
        """ "No. Bistritsky is the ambassador to Kazakhstan", and who holds the post asked
        about: the question asked again without the person, of the country named."""
        asked = self._who_without(u)
        holder = self._answer(question, asked, countries, correct=False)
        if not holder.answered or holder.fact_ids[0] in answer.fact_ids:
            return answer
        fact = self._facts[holder.fact_ids[0]]
        return self._also(answer, fact) if fact.people else answer

    def _also(self, answer: Answer, fact: Fact) -> Answer:
        """The answer with a second fact after it, and its source."""
        return replace(
            answer,
            text=compose.clip(f"{answer.text}\n{compose.for_question(fact.answer, False)}"),
            fact_ids=(*answer.fact_ids, fact.id),
            sources=(*answer.sources, self._sources.ref(fact)),
        )

    def _who_without(self, u: Understanding) -> Understanding:
        """The question as "who ...?", without the people it names."""
        text = u.normalised
        for name in u.entities.people:
            for word in name.lower().split():
                text = re.sub(rf"\b{re.escape(word)}\b", " ", text)
        return replace(self._understander.parse(text), wants=Wants.PERSON, yes_no=False)

    def _claimed_terms(self, u: Understanding) -> set[str]:
        """The terms of what a yes/no question claims: its years, numbers and places."""
        places = " ".join((*u.entities.cities, *u.entities.covered_places))
        claimed = {t for t in u.terms if t.isdigit() or t in _MAGNITUDES}
        # Israel is who the relations are with, not a claimed place; a city in it is one ("did
        # Rahmon meet Rabin in Jerusalem?").
        claimed |= set(self._index.terms_of(places)) & set(u.terms)
        city = _ISRAELI_CITY.search(u.normalised) and not _INTO_ISRAEL.search(u.normalised)
        return claimed if city else claimed - {TO_ISRAEL}

    def _says_rest(self, u: Understanding, fact: Fact, claimed: set[str] | None = None) -> bool:
        """Whether the fact says every word of the question but its numbers and months (and
        the other values it claims)."""
        said = set(self._index.terms_of(f"{fact.answer} {fact.source.quote}"))
        rest = {t for t in u.terms if not t.isdigit() and t not in self._month_terms}
        rest -= CLAIM_WORDS | (claimed or set())
        return rest <= said
