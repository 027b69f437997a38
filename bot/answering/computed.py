"""Answers computed across facts: orderings, extremes, lists and two-country comparisons."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answering import compose
from bot.answering.answer import Answer, Outcome
from bot.answering.conversation import Context
from bot.knowledge.loader import KnowledgeBase
from bot.knowledge.schema import COUNTRIES, Fact, FactDate, Figure
from bot.understanding.intents import Wants
from bot.understanding.parse import PERSON_PRONOUN, Understanding
from bot.understanding.terms import TO_ISRAEL

COMPUTED_CONFIDENCE = 0.9
_FIRST = re.compile(r"\b(first|earliest|oldest|soonest|earlier|before)\b")
_LAST = re.compile(r"\b(last|latest|most recent(ly)?|newest|recent|later|after)\b")
_MORE = re.compile(r"\b(largest|biggest|most|highest|larger|bigger|more|greatest|greater|top)\b")
_LESS = re.compile(r"\b(smallest|fewest|least|lowest|smaller|fewer|less)\b")
_DIFFERENCE = re.compile(
    r"\b(how many more|how much more|difference|more than|less than|fewer than)\b"
)
_TOTAL = re.compile(r"\b(combined|total|together|sum|altogether)\b")
_LIST = re.compile(
    r"\b(all|each|every|list|five|dates|ambassadors|compare|compared|comparison|vs|versus|order|rank"
    r"|ranking|countries|states|stans|republics)\b"
)
# "Which Israeli politicians visited Tajikistan?" asks for every visit, not the best one.
_MANY_VISITORS = re.compile(
    r"\b(which|who|list|all)\b.*\b(politicians|officials|leaders|ministers|presidents|heads"
    r"|israelis|people|visitors|delegations|visits|trips|has|have|ever)\b"
)
_ISRAELI = re.compile(r"\b(israel|israel's|israeli|knesset)\b", re.IGNORECASE)
_INTO_ISRAEL = re.compile(r"\b(jerusalem|to israel|visited israel|in israel)\b", re.IGNORECASE)
_TRAVELLED = re.compile(r"\b(visit|visits|visited|trip|trips|travel\w*|arrived)\b", re.IGNORECASE)
# "What happened in 2016?" asks for every event of the year, not the best-matching one.
_EVENTS_OF_YEAR = re.compile(
    r"\b(what|which) (happened|events?|took place|went on|occurred|was going on|else happened)\b"
    r"|\bevents\b"
)
# Facts on Israel's own embassy in a country, not the country's embassy in Israel.
_ISRAELI_EMBASSY = re.compile(
    r"\b(israel's embassy|israel (open|have|has) (its |an )?embassy)", re.I
)
_NO_EMBASSY = re.compile(r"^(no\b|the article mentions no)", re.I)
# "Which agreements did Israel and Uzbekistan sign?" asks for every one of them.
_MANY_AGREEMENTS = re.compile(r"\b(agreements|treaties|deals)\b")
# A fact on an agreement coming into force repeats one already signed.
_IN_FORCE = re.compile(r"\b(force|effect|effective|implemented)\b", re.IGNORECASE)
_MEASURES = {
    "jewish_population": ({"jew", "jewish", "communiti", "jewri"}, "Jewish community"),
    "trade": ({"trade"}, "trade with Israel"),
    "tourists": ({"tourist", "tourism"}, "number of Israeli tourists"),
}


@dataclass(frozen=True)
class _Part:
    country: str
    fact: Fact
    text: str


def _relations_signal(terms: set[str]) -> bool:
    return bool(terms & {"relat", "establish", "recogn"})


class ComputedAnswers:
    def __init__(self, base: KnowledgeBase, sources: compose.SourceBook) -> None:
        self._sources = sources
        facts = base.facts  # once: the base makes this list anew on every access
        by_topic: dict[str, list[Fact]] = {}
        for fact in facts:
            by_topic.setdefault(fact.topic, []).append(fact)
        self._relations = self._relations_facts(by_topic.get("diplomatic_relations", []))
        self._figures: dict[str, dict[str, list[tuple[Figure, Fact]]]] = {}
        for fact in facts:
            for figure in fact.figures:
                for country in fact.countries:
                    if country in COUNTRIES:
                        by_country = self._figures.setdefault(figure.measure, {})
                        by_country.setdefault(country, []).append((figure, fact))
        self._dated = [f for f in facts if f.date is not None]
        self._visits = [
            f for f in by_topic.get("visit", []) if f.people and _TRAVELLED.search(f.answer)
        ]
        israeli_embassy = [
            f
            for f in by_topic.get("embassy", [])
            if _ISRAELI_EMBASSY.search(f.question) and len(f.countries) == 1
        ]
        self._embassy_opened = {f.countries[0]: f for f in israeli_embassy if f.date is not None}
        # Where or whether: the fact saying so outright, else the one dating the opening.
        self._embassy_status: dict[str, Fact] = {}
        for fact in sorted(israeli_embassy, key=lambda f: f.date is not None):
            self._embassy_status.setdefault(fact.countries[0], fact)
        self._agreements = [
            f
            for f in by_topic.get("agreement", [])
            if not _IN_FORCE.search(f.question) and f.countries
        ]
        self._ambassadors = {
            country: found
            for country in COUNTRIES
            if (found := _first(by_topic.get("ambassador", []), country, "ambassador")) is not None
        }

    @staticmethod
    def _relations_facts(facts: list[Fact]) -> dict[str, Fact]:
        chosen: dict[str, Fact] = {}
        for country in COUNTRIES:
            dated = [
                (f, f.date)
                for f in facts
                if f.topic == "diplomatic_relations" and f.date and f.countries == (country,)
            ]
            # Establishing relations beats mere recognition; the article gives both for one.
            dated.sort(key=lambda pair: ("recogni" in pair[0].question.lower(), pair[1].sort_key))
            if dated:
                chosen[country] = dated[0][0]
        return chosen

    def answer(self, u: Understanding, context: Context | None) -> Answer | None:
        del context  # computed questions name what they compare; they need no context
        countries = u.entities.countries
        terms = set(u.terms)
        text = u.normalised
        first, last = bool(_FIRST.search(text)), bool(_LAST.search(text))
        if u.entities.years and _EVENTS_OF_YEAR.search(text) and len(countries) <= 2:
            events = self._events_of(u, countries)
            if events is not None:
                return events
        # "Who did he meet?" is about one person's visit.
        one_person = bool(u.entities.people or PERSON_PRONOUN.search(text))
        if "visit" in terms and not (first or last or one_person):
            visits = self._visit_list(u, countries)
            if visits is not None:
                return visits
        if (
            _MANY_AGREEMENTS.search(text)
            and "abraham" not in terms
            and len(countries) <= 1
            # "Which countries signed tourism agreements?" asks about countries, not the list.
            and (countries or u.entities.years)
            and (agreements := self._agreement_list(u, countries)) is not None
        ):
            return agreements
        if len(countries) == 1:
            return None
        if _relations_signal(terms) and (first or last or _LIST.search(text)):
            pick = "last" if last and not first else ("first" if first else None)
            return self._relations_order(u, countries, pick)
        for measure, (signals, label) in _MEASURES.items():
            if terms & signals and (
                _MORE.search(text)
                or _LESS.search(text)
                or (
                    len(countries) > 1
                    and (_DIFFERENCE.search(text) or _TOTAL.search(text) or _LIST.search(text))
                )
            ):
                return self._extreme(
                    u, measure, label, countries, smallest=bool(_LESS.search(text))
                )
        many_embassies = _LIST.search(text) or "embassies" in text.split()
        if "embassi" in terms and TO_ISRAEL not in terms and (first or last or many_embassies):
            pick = "last" if last and not first else "first" if first else None
            return self._embassies(u, countries, pick)
        if "ambassador" in terms and (_LIST.search(text) or " ambassadors" in f" {text}"):
            return self._ambassador_list(u)
        return None

    def _build(
        self, u: Understanding, headline: str, parts: list[_Part], complete: bool = True
    ) -> Answer:
        """`complete` False: the article lacks part of what was compared, so the reply says what
        it has but does not count as an answer."""
        lines = [headline, *(f"• {p.text}" for p in parts)]
        facts = list(dict.fromkeys(p.fact.id for p in parts))
        by_id = {p.fact.id: p.fact for p in parts}
        return Answer(
            u.text,
            Outcome.ANSWERED if complete else Outcome.NOT_GIVEN,
            compose.clip("\n".join(lines)),
            COMPUTED_CONFIDENCE,
            tuple(facts),
            tuple(self._sources.ref(by_id[i]) for i in facts),
        )

    def _relations_order(
        self, u: Understanding, countries: tuple[str, ...], pick: str | None
    ) -> Answer | None:
        chosen = [c for c in (countries or COUNTRIES) if c in self._relations]
        years = set(u.entities.years)
        if years:  # "which countries set up relations in 1992?" (or "didn't", the others)
            negated = compose.negated(u.normalised)
            chosen = [
                c
                for c in chosen
                if (self._relations[c].date.year in years) != negated  # type: ignore[union-attr]
            ]
        if len(chosen) < (1 if years else 2):
            return None
        chosen.sort(key=lambda c: self._relations[c].date.sort_key)  # type: ignore[union-attr]
        if years and pick is None:
            when = " and ".join(str(y) for y in sorted(years))
            headline = (
                f"Not in {when}: Israel established diplomatic relations with {_names(chosen)} on:"
                if compose.negated(u.normalised)
                else f"In {when}, Israel established diplomatic relations with {_names(chosen)}:"
            )
        elif pick is None:
            headline = f"Israel established diplomatic relations with {_names(chosen)} on:"
        else:
            country = chosen[-1] if pick == "last" else chosen[0]
            date = self._relations[country].date
            assert date is not None
            headline = (
                f"Of {_names(chosen)}, Israel established diplomatic relations {pick} with "
                f"{compose.country_name(country)} ({date.human()}). In order:"
            )
        parts = [
            _Part(
                c,
                self._relations[c],
                f"{compose.country_name(c)}: {self._relations[c].date.human()}",  # type: ignore[union-attr]
            )
            for c in chosen
        ]
        return self._build(u, headline, parts)

    def _extreme(
        self, u: Understanding, measure: str, label: str, countries: tuple[str, ...], smallest: bool
    ) -> Answer | None:
        figures = self._figures.get(measure, {})
        asked = list(countries or COUNTRIES)
        # Each country's most recent figure; one without a year is the article's present.
        known = {
            c: max(figures[c], key=lambda pair: pair[0].year or 9999) for c in asked if c in figures
        }
        if not known or (countries and len(known) < 2 and len(countries) > 1 and not known):
            return None
        ranked = sorted(known, key=lambda c: known[c][0].value, reverse=not smallest)
        pick = ranked[0]
        word = "smallest" if smallest else "largest"
        missing = [c for c in asked if c not in known]
        headline = (
            f"Of the figures the article gives, {compose.country_name(pick)} has the {word} "
            f"{label}: {known[pick][0].label}."
        )
        if len(known) == 2 and (_DIFFERENCE.search(u.normalised) or _TOTAL.search(u.normalised)):
            headline = _arithmetic(u.normalised, label, [(c, known[c][0]) for c in ranked])
        if missing:
            headline += f" The article gives no figure for {_names(missing)}."
        parts = [
            _Part(c, known[c][1], f"{compose.country_name(c)}: {known[c][1].answer}")
            for c in ranked
        ]
        # Comparing named countries needs a figure for each of them.
        return self._build(u, headline, parts, complete=not (countries and missing))

    def _visit_list(self, u: Understanding, countries: tuple[str, ...]) -> Answer | None:
        """Every visit the article tells of: Central Asian leaders to Israel, or Israelis to
        the one country named. None when that is fewer than two (the matcher answers one)."""
        if not (_MANY_VISITORS.search(u.normalised) or u.wants is Wants.PERSON):
            return None
        into_israel = TO_ISRAEL in u.terms
        if into_israel == bool(countries) or len(countries) > 1:
            return None
        years = set(u.entities.years)
        found = [
            f
            for f in self._visits
            if (not years or (f.date is not None and f.date.year in years))
            and (
                _visiting_israel(f)
                if into_israel
                else countries[0] in f.countries and not _visiting_israel(f)
            )
        ]
        if len({f.source.quote for f in found}) < 2:
            return None
        where = "Israel" if into_israel else compose.country_name(countries[0])
        who = "Central Asian leaders" if into_israel else "Israelis"
        headline = f"Visits to {where} by {who} that the article tells of:"
        quotes: dict[str, Fact] = {}  # one fact per visit the article tells of
        for fact in found:
            quotes.setdefault(fact.source.quote, fact)
        parts = [
            _Part(f.countries[0], f, compose.for_question(f.answer, yes_no=False))
            for f in quotes.values()
        ]
        return self._build(u, headline, parts)

    def _events_of(self, u: Understanding, countries: tuple[str, ...]) -> Answer | None:
        """Every event the article dates to the years asked, in the countries named if any."""
        years = set(u.entities.years)
        found: dict[str, Fact] = {}  # by quote: one fact per thing the article tells
        for fact in sorted(self._dated, key=lambda f: f.date.sort_key):  # type: ignore[union-attr]
            if fact.date.year in years and (  # type: ignore[union-attr]
                not countries or set(countries) & set(fact.countries)
            ):
                found.setdefault(fact.source.quote, fact)
        if not found:
            return None
        when = _listing([str(y) for y in sorted(years)])
        where = f" involving {_names(list(countries))}" if countries else ""
        headline = f"What the article dates to {when}{where}:"
        parts = [
            _Part(f.countries[0], f, compose.for_question(f.answer, yes_no=False))
            for f in found.values()
        ]
        return self._build(u, headline, parts)

    def _embassies(
        self, u: Understanding, countries: tuple[str, ...], pick: str | None
    ) -> Answer | None:
        """Where Israel has embassies in the region, or which it opened first or last."""
        asked = list(countries or COUNTRIES)
        if pick is not None:
            dated = sorted(
                (c for c in asked if c in self._embassy_opened),
                key=lambda c: self._embassy_opened[c].date.sort_key,  # type: ignore[union-attr]
            )
            if len(dated) < 2:
                return None
            ends = (dated[-2], dated[-1]) if pick == "last" else (dated[0], dated[1])
            dates = [self._embassy_opened[c].date for c in ends]
            chosen = ends[1] if pick == "last" else ends[0]
            when = self._embassy_opened[chosen].date
            assert when is not None and dates[0] is not None and dates[1] is not None
            parts = [
                _Part(c, self._embassy_opened[c], self._embassy_opened[c].answer) for c in dated
            ]
            order = ", ".join(
                f"{compose.country_name(c)} {self._embassy_opened[c].date.human()}"  # type: ignore[union-attr]
                for c in dated
            )
            if not _ordered(dates[0], dates[1]):
                headline = (
                    f"The article's dates do not tell which of Israel's embassies in "
                    f"{_names(list(ends))} opened {pick}. By the dates it gives: {order}."
                )
                return self._build(u, headline, parts, complete=False)
            word = "most recent" if pick == "last" else "first"
            headline = (
                f"By the dates the article gives, Israel's embassy in "
                f"{compose.country_name(chosen)} is the {word} ({when.human()}): {order}."
            )
            return self._build(u, headline, parts)
        known = [c for c in asked if c in self._embassy_status]
        if len(known) < 2:
            return None
        has = [c for c in known if not _NO_EMBASSY.match(self._embassy_status[c].answer)]
        lacks = [c for c in known if c not in has]
        headline = f"Israel has embassies in {_names(has)}" if has else "Israel has no embassy"
        headline += f"; none in {_names(lacks)}." if lacks else "."
        parts = [
            _Part(
                c,
                self._embassy_status[c],
                compose.for_question(self._embassy_status[c].answer, yes_no=False),
            )
            for c in known
        ]
        return self._build(u, headline, parts)

    def _agreement_list(self, u: Understanding, countries: tuple[str, ...]) -> Answer | None:
        """Every agreement the article names with the country asked about, in the years asked
        if any; None when that is fewer than two (the matcher answers one)."""
        years = set(u.entities.years)
        found = [
            f
            for f in self._agreements
            if (not countries or countries[0] in f.countries)
            and (not years or (f.date is not None and f.date.year in years))
        ]
        if len(found) < 2:
            return None
        found.sort(key=lambda f: f.date.sort_key if f.date else (9999, 0, 0))
        with_whom = compose.country_name(countries[0]) if countries else "Central Asian states"
        when = f" in {_listing([str(y) for y in sorted(years)])}" if years else ""
        headline = f"Agreements between Israel and {with_whom} that the article names{when}:"
        parts = [_Part(f.countries[0], f, f.answer) for f in found]
        return self._build(u, headline, parts)

    def _ambassador_list(self, u: Understanding) -> Answer | None:
        if not self._ambassadors:
            return None
        seen: dict[str, _Part] = {}
        for country, fact in self._ambassadors.items():
            seen.setdefault(fact.id, _Part(country, fact, fact.answer))
        headline = "Israel's ambassadors in Central Asia, as the article names them:"
        return self._build(u, headline, list(seen.values()))


def _ordered(early: FactDate | None, late: FactDate | None) -> bool:
    """Whether the article's dates, at the precision it gives, put `early` first."""
    if early is None or late is None:
        return False
    if early.year != late.year:
        return True
    return early.month is not None and late.month is not None and early.month != late.month


def _visiting_israel(fact: Fact) -> bool:
    """A visit by someone not Israeli that the article places in Israel."""
    return bool(_INTO_ISRAEL.search(fact.answer)) and not all(
        _ISRAELI.search(p.role) for p in fact.people
    )


def _arithmetic(text: str, label: str, pair: list[tuple[str, Figure]]) -> str:
    (big_country, big), (small_country, small) = pair
    approx = "about " if big.approximate or small.approximate else ""
    if _TOTAL.search(text):
        total = big.value + small.value
        return (
            f"Together, {compose.country_name(big_country)} and "
            f"{compose.country_name(small_country)} have {approx}{_number(total, big)} "
            f"({label}: {big.label} and {small.label})."
        )
    difference = _number(big.value - small.value, big)
    return (
        f"{compose.country_name(big_country)} has {approx}{difference} "
        f"more than {compose.country_name(small_country)} ({label}: {big.label} vs "
        f"{small.label})."
    )


def _number(value: float, like: Figure) -> str:
    text = f"{value:,.0f}"
    return f"${text}" if like.currency == "USD" else text


def _first(facts: list[Fact], country: str, topic: str) -> Fact | None:
    matching = [f for f in facts if f.topic == topic and country in f.countries and f.people]
    matching.sort(key=lambda f: ("current" not in f.question.lower(), len(f.countries)))
    return matching[0] if matching else None


def _names(countries: list[str]) -> str:
    return _listing([compose.country_name(c) for c in countries])


def _listing(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
