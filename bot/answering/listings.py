"""Answers that list every fact of a kind rather than the best-matching one: visits,
agreements, the events of a year, Israel's embassies in the region and the countries' own
embassies in Israel."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.answering import compose
from bot.answering.answer import Answer
from bot.answering.computed import FIRST_WORDS, LAST_WORDS, MANY_WORDS
from bot.knowledge.loader import KnowledgeBase
from bot.knowledge.schema import COUNTRIES, Fact
from bot.understanding.intents import Wants
from bot.understanding.parse import PERSON_PRONOUN, Understanding
from bot.understanding.terms import TO_ISRAEL

# "Which Israeli politicians visited Tajikistan?" asks for every visit, not the best one.
_MANY_VISITORS = re.compile(
    r"\b(which|who|list|all)\b.*\b(politicians|officials|leaders|ministers|presidents|heads"
    r"|israelis|people|visitors|delegations|visits|trips|has|have|ever)\b"
)
_ISRAELI = re.compile(r"\b(israel|israel's|israeli|knesset)\b", re.IGNORECASE)
_INTO_ISRAEL = re.compile(r"\b(jerusalem|to israel|visited israel|in israel)\b", re.IGNORECASE)
_TRAVELLED = re.compile(r"\b(visit|visits|visited|trip|trips|travel\w*|arrived)\b", re.IGNORECASE)
# "What happened in 2016?" asks for every event of the year.
_EVENTS_OF_YEAR = re.compile(
    r"\b(what|which|everything|anything)\b.*\b(happened|happen|events?|took place|went on"
    r"|occurred)\b|\bevents\b|\b(what|anything) else\b"
)
# Facts on Israel's own embassy in a country, not the country's embassy in Israel.
_ISRAELI_EMBASSY = re.compile(
    r"\b(israel's embassy|israel (open|have|has) (its |an )?embassy)", re.IGNORECASE
)
_MANY_PLACES = re.compile(r"\b(embassies|capitals|cities)\b")
_THEIR_EMBASSY = re.compile(r"\bembassy in israel\b", re.IGNORECASE)
_HOW_MANY = re.compile(r"\bhow many\b")
# A fact saying a country has no such embassy ("No: ...", "the article mentions no ...").
_NO_EMBASSY = re.compile(
    r"^(no\b|the article mentions no)|\b(does not say (that )?one|has no embassy)", re.IGNORECASE
)
_MANY_AGREEMENTS = re.compile(r"\b(agreements|treaties|deals)\b")
# A fact on an agreement coming into force repeats one already signed.
_IN_FORCE = re.compile(r"\b(force|effect|effective|implemented)\b", re.IGNORECASE)


class ListAnswers(compose.ListedAnswerBuilder):
    def __init__(self, base: KnowledgeBase, sources: compose.SourceBook) -> None:
        super().__init__(sources)
        facts = base.facts  # once: the base makes this list anew on every access
        self._dated = sorted(
            (f for f in facts if f.date is not None),
            key=lambda f: f.date.sort_key,  # type: ignore[union-attr]
        )
        self._visits = [
            f for f in facts if f.topic == "visit" and f.people and _TRAVELLED.search(f.answer)
        ]
        self._agreements = [
            f
            for f in facts
            if f.topic == "agreement" and f.countries and not _IN_FORCE.search(f.question)
        ]
        israeli_embassy = [
            f
            for f in facts
            if f.topic == "embassy"
            and _ISRAELI_EMBASSY.search(f.question)
            and len(f.countries) == 1
        ]
        self._embassy_opened = {f.countries[0]: f for f in israeli_embassy if f.date is not None}
        # Where or whether: the fact saying so outright, else the one dating the opening.
        self._embassy_status: dict[str, Fact] = {}
        for fact in sorted(israeli_embassy, key=lambda f: f.date is not None):
            self._embassy_status.setdefault(fact.countries[0], fact)
        # The countries' own embassies in Israel: whether each has one, and since when.
        self._their_embassy: dict[str, Fact] = {}
        for fact in facts:
            if (
                fact.topic == "embassy"
                and len(fact.countries) == 1
                and _THEIR_EMBASSY.search(fact.question)
            ):
                self._their_embassy.setdefault(fact.countries[0], fact)

    def answer(self, u: Understanding) -> Answer | None:
        countries = u.entities.countries
        terms = set(u.terms)
        text = u.normalised
        first, last = bool(FIRST_WORDS.search(text)), bool(LAST_WORDS.search(text))
        found: Answer | None = None
        # "What happened in 2016?", but not "in which city did the 2010 clashes happen?"
        asks_one = u.wants in (Wants.PLACE, Wants.PERSON, Wants.FIGURE)
        # "what happened in 2016?", or a bare "2016" (but "and in 2022?" asks the last question)
        one_year = len(u.terms) == 1 and u.terms[0] in {str(y) for y in u.entities.years}
        bare_year = one_year and not u.follow_up_opener
        dated = u.entities.years or u.entities.decades
        events = dated and not asks_one and (_EVENTS_OF_YEAR.search(text) or bare_year)
        if events:
            found = self._events_of(u, countries)
        # "Who did he meet?" is about one person's visit.
        one_person = bool(u.entities.people or PERSON_PRONOUN.search(text))
        # The first or last visit only into Israel: "the first Israeli PM to visit Kazakhstan"
        # is one fact's claim, not the earliest visit there.
        if found is None and "visit" in terms and not one_person:
            into_israel = TO_ISRAEL in terms
            if into_israel or not (first or last):
                pick = ("last" if last else "first") if (first or last) else None
                found = self._visits_of(u, countries, pick)
        if (
            found is None
            and _MANY_AGREEMENTS.search(text)
            and "abraham" not in terms
            and len(countries) <= 1
            # "Which countries signed tourism agreements?" asks about countries, not the list;
            # "what agreements did Ohana sign on his trip?" about one visit.
            and (countries or u.entities.years or u.entities.decades)
            and not one_person
            and "visit" not in terms
        ):
            found = self._agreements_of(u, countries)
        many_embassies = MANY_WORDS.search(text) or _MANY_PLACES.search(text)
        if (
            found is None
            and "embassi" in terms
            and len(countries) != 1
            and (first or last or many_embassies)
        ):
            pick = "last" if last and not first else "first" if first else None
            # The embassy answers count countries themselves ("3 of the 5").
            if TO_ISRAEL not in terms:
                return self._embassies(u, countries, pick)
            return self._their_embassies(u, countries) if pick is None else None
        if found is not None and _HOW_MANY.search(text):  # "how many agreements ...?": count them
            found = replace(found, text=compose.clip(f"{len(found.fact_ids)} in all. {found.text}"))
        return found

    @staticmethod
    def _plain_parts(facts: list[Fact]) -> list[compose.Part]:
        """One part per thing the article tells (facts citing one sentence are one part)."""
        by_quote: dict[str, Fact] = {}
        for fact in facts:
            by_quote.setdefault(fact.source.quote, fact)
        return [
            compose.Part(f, compose.for_question(f.answer, yes_no=False)) for f in by_quote.values()
        ]

    def _visits_of(
        self, u: Understanding, countries: tuple[str, ...], pick: str | None = None
    ) -> Answer | None:
        """Every visit the article tells of: Central Asian leaders to Israel, or Israelis to
        the one country named. None when that is fewer than two (the matcher answers one).
        `pick` "first" or "last": in order of date, that one named first."""
        if not (_MANY_VISITORS.search(u.normalised) or u.wants is Wants.PERSON or pick):
            return None
        into_israel = TO_ISRAEL in u.terms
        if len(countries) > 1 or (into_israel and countries):
            return None
        # With no country, Israelis' visits anywhere in the region, if the region is asked.
        if not (into_israel or countries or u.entities.region or _ISRAELI.search(u.normalised)):
            return None
        years = _years_asked(u)
        visits = [
            f
            for f in self._visits
            if (not years or (f.date is not None and f.date.year in years))
            and (
                _visiting_israel(f)
                if into_israel
                else (not countries or countries[0] in f.countries) and not _visiting_israel(f)
            )
        ]
        if pick is not None:
            visits = sorted(
                (f for f in visits if f.date is not None),
                key=lambda f: f.date.sort_key,  # type: ignore[union-attr]
                reverse=pick == "last",
            )
        parts = self._plain_parts(visits)
        if len(parts) < 2:
            return None
        where = "Israel" if into_israel else compose.country_name(countries[0] if countries else "")
        who = "Central Asian leaders" if into_israel else "Israelis"
        headline = f"Visits to {where} by {who} that the article tells of:"
        if pick is not None:
            when = visits[0].date.human()  # type: ignore[union-attr]
            order = "latest first" if pick == "last" else "in order of date"
            # Where the article contradicts itself on which came first, say so.
            notes = "".join(f" {f.note}" for f in visits if f.note)
            headline = (
                f"By the dates the article gives, the {pick} visit to {where} by {who} was in "
                f"{when}.{notes} All of them, {order}:"
            )
        return self._build(u.text, headline, parts)

    def _events_of(self, u: Understanding, countries: tuple[str, ...]) -> Answer | None:
        """Every event the article dates to the years asked, in the countries named if any."""
        years = _years_asked(u)
        parts = self._plain_parts(
            [
                f
                for f in self._dated
                if f.date.year in years  # type: ignore[union-attr]
                and (not countries or set(countries) & set(f.countries))
            ]
        )
        if not parts:
            return None
        when = _when_asked(u)
        where = f" involving {compose.country_names(list(countries))}" if countries else ""
        return self._build(u.text, f"What the article dates to {when}{where}:", parts)

    def _agreements_of(self, u: Understanding, countries: tuple[str, ...]) -> Answer | None:
        """Every agreement the article names with the country asked about, in the years asked
        if any; None when that is fewer than two (the matcher answers one)."""
        years = _years_asked(u)
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
        when = f" in {_when_asked(u)}" if years else ""
        headline = f"Agreements between Israel and {with_whom} that the article names{when}:"
        return self._build(u.text, headline, [compose.Part(f, f.answer) for f in found])

    def _embassies(
        self, u: Understanding, countries: tuple[str, ...], pick: str | None
    ) -> Answer | None:
        """Where Israel has embassies in the region, or which it opened first or last."""
        asked = list(countries or COUNTRIES)
        if pick is not None:
            return self._embassy_order(u, asked, pick)
        split = _with_and_without(self._embassy_status, asked)
        if split is None:
            return None
        has, lacks, parts = split
        headline = (
            f"Israel has embassies in {compose.country_names(has)}"
            if has
            else "Israel has no embassy"
        )
        headline += f"; none in {compose.country_names(lacks)}." if lacks else "."
        return self._build(u.text, _counted(u, has, asked) + headline, parts)

    def _their_embassies(self, u: Understanding, countries: tuple[str, ...]) -> Answer | None:
        """Which of the countries have an embassy of their own in Israel."""
        asked = list(countries or COUNTRIES)
        split = _with_and_without(self._their_embassy, asked)
        if split is None:
            return None
        has, lacks, parts = split
        headline = (
            f"{compose.country_names(has)} have embassies in Israel"
            if has
            else "None of them has an embassy in Israel"
        )
        if lacks:
            headline += f"; the article gives none for {compose.country_names(lacks)}"
        others = [c for c in asked if c not in self._their_embassy]
        if others:
            headline += f"; it does not say for {compose.country_names(others)}"
        count = _counted(u, has, asked, untold=bool(others))
        return self._build(u.text, count + headline + ".", parts)

    def _embassy_order(self, u: Understanding, asked: list[str], pick: str) -> Answer | None:
        opened = self._embassy_opened
        dated = sorted(
            (c for c in asked if c in opened),
            key=lambda c: opened[c].date.sort_key,  # type: ignore[union-attr]
        )
        if len(dated) < 2:
            return None
        ends = (dated[-2], dated[-1]) if pick == "last" else (dated[0], dated[1])
        early, late = (opened[c].date for c in ends)
        assert early is not None and late is not None
        chosen = ends[1] if pick == "last" else ends[0]
        parts = [compose.Part(opened[c], opened[c].answer) for c in dated]
        order = ", ".join(
            f"{compose.country_name(c)} {opened[c].date.human()}"  # type: ignore[union-attr]
            for c in dated
        )
        if not early.can_be_ordered_with(late):
            headline = (
                f"The article's dates do not tell which of Israel's embassies in "
                f"{compose.country_names(list(ends))} opened {pick}. By the dates it gives: "
                f"{order}."
            )
            return self._build(u.text, headline, parts, complete=False)
        word = "most recent" if pick == "last" else "first"
        when = opened[chosen].date.human()  # type: ignore[union-attr]
        headline = (
            f"By the dates the article gives, Israel's embassy in "
            f"{compose.country_name(chosen)} is the {word} ({when}): {order}."
        )
        return self._build(u.text, headline, parts)


def _years_asked(u: Understanding) -> set[int]:
    """The years asked, and every year of the decades asked ("the 1990s")."""
    return set(u.entities.years) | {d + i for d in u.entities.decades for i in range(10)}


def _when_asked(u: Understanding) -> str:
    asked = [str(y) for y in sorted(u.entities.years)]
    asked += [f"the {decade}s" for decade in sorted(u.entities.decades)]
    return compose.listing(asked)


def _counted(u: Understanding, has: list[str], asked: list[str], untold: bool = False) -> str:
    """ "How many ...?": "3 of the 5. " before the answer ("At least" where the article does
    not tell of them all)."""
    if not _HOW_MANY.search(u.normalised):
        return ""
    return f"{'At least ' if untold else ''}{len(has)} of the {len(asked)}. "


def _with_and_without(
    status: dict[str, Fact], asked: list[str]
) -> tuple[list[str], list[str], list[compose.Part]] | None:
    """Of the countries asked whose fact says whether they have an embassy: those that have
    one, those that have none, and a part per fact; None for fewer than two countries."""
    known = [c for c in asked if c in status]
    if len(known) < 2:
        return None
    has = [c for c in known if not _NO_EMBASSY.search(status[c].answer)]
    lacks = [c for c in known if c not in has]
    facts = [status[c] for c in known]
    return (
        has,
        lacks,
        [compose.Part(f, compose.for_question(f.answer, yes_no=False)) for f in facts],
    )


def _visiting_israel(fact: Fact) -> bool:
    """A visit by someone not Israeli that the article places in Israel."""
    return bool(_INTO_ISRAEL.search(fact.answer)) and not all(
        _ISRAELI.search(p.role) for p in fact.people
    )
