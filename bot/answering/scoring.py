"""How well each candidate fact answers an understood question."""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from bot.answering import details
from bot.answering.index import FactIndex, IndexedFact
from bot.knowledge.schema import REGION, Fact, Precision
from bot.understanding.intents import FUTURE, WHICH_PEOPLE, Wants
from bot.understanding.normalise import normalise
from bot.understanding.parse import Understanding
from bot.understanding.terms import TO_ISRAEL, content_terms

# Weights of the four signals; they sum to 1 so a perfect match scores 1.
LEXICAL, FUZZY, TOPIC, WANTS = 0.45, 0.30, 0.15, 0.10
# Multipliers when the question names something the fact does not have.
YEAR_MISMATCH = 0.35
# "Did they open ties in 1992?" is answered by the fact dating it to 1993: a yes/no question's
# year may be the very thing the answer corrects.
CORRECTABLE_MISMATCH = 0.8
PERSON_MISMATCH = 0.55
PLACE_MISMATCH = 0.35
ANCHOR_MISSING = 0.45
PARTIAL_COUNTRIES = 0.85
NUMBER_FOUND = 1.1  # "are there 3,300 Jews...?": the fact giving that number
ONE_COUNTRY_OF_REGION = 0.92  # a fact on one country, for a question on the whole region
DIRECTION_MISMATCH = 0.5
OWN_QUESTION = 0.85  # fuzzy similarity at which a question is one the fact was written for
# The question asks for a kind of value (a date, a person, a figure) the fact does not give.
WANTS_MISSING = {
    Wants.DATE: 0.6,
    Wants.PERSON: 0.6,
    Wants.FIGURE: 0.45,
    Wants.PLACE: 0.8,
    Wants.MONEY: 0.45,
    Wants.COMPANY: 0.45,
}
DAY_PRECISION_MISSING = 0.4
# Words around a number a yes/no question claims ("around $1 billion").
CLAIM_WORDS = frozenset({"around", "about", "roughly", "approximately", "million", "billion"})
_ASKS_FOR_DAY = re.compile(
    r"\b(exact (day|date)|what day|which day|day and month|precise date|what date|which date)\b"
)
# Asks who says something: the one the fact credits answers it.
_ASKS_SPEAKER = re.compile(
    r"\b(who (said|says|say|claims?|claimed|stated|states|estimated?|estimates|thinks|believes"
    r"|argues|argued|described|describes|calls|called|told|reported|reports|wrote|warned)"
    r"|whose|according to whom"
    r"|who is the source|source (for|of)|who gave|who provided)\b"
)
_ASKS_FOR_MONTH = re.compile(r"\b(what|which|in what) month\b")
TENSE_MISMATCH = 0.6  # "which country joined?" is not "which country will join?"
# "Who is the current president?" is not answered by a founding or former one.
NOT_CURRENT = 0.5
RECENT_YEARS = 5
# "When did he become ambassador?" needs a fact about the becoming, not his being.
BECOMING_MISSING = 0.5
# "When did the agreement become effective?" asks when it took effect, not about a becoming.
_ASKS_BECOMING = re.compile(
    r"\b(become|became|appointed|take office|took office)\b(?! (effective|valid|binding|law)\b)"
)
_SAYS_BECOMING = re.compile(
    r"\b(became|become|becoming|appointed|took office|assumed|named|sworn|gained|declared"
    r"|replaced|joined)\b",
    re.IGNORECASE,
)
DISTINCTIVE_POSTINGS = 2
_DIED = re.compile(r"\b(died|death)\b")
_ASKS_CURRENT = re.compile(r"\b(current|currently|now|today|present|nowadays|these days)\b")
PREDECESSOR_MISSING = 0.5  # "who was ... before X?" needs a fact that speaks of a predecessor
MONTH_MISMATCH = 0.5
CITY_MISSING = 0.5  # "in which city...?" needs a fact that names one
_ASKS_CITY = re.compile(r"\b(which|what) (israeli )?(city|town|capital)\b")
CITY_FIGURE_MISSING = 0.55  # a country's figure does not answer for one of its cities
TOPIC_WORD_MISSING = 0.6  # "trade with Afghanistan" is not answered by a fact without trade
_DURATION = re.compile(
    r"\b(hours?|days?|weeks?|months?|years?|decades?|centuries|century|millenni(a|um))\b",
    re.IGNORECASE,
)
# "How old is the community?" is answered by how long it has been there.
_HOW_LONG = re.compile(r"\bhow (long|old)\b")
_PAST_PERIOD = re.compile(
    r"\b(during world war|world war ii|by the (early |late )?\d{4}s|in the (early |late )?\d{4}s"
    r"|once|used to|formerly)\b",
    re.IGNORECASE,
)
_PRESENT = re.compile(r"\b(today|now|currently|remain\w*|still)\b", re.IGNORECASE)
# "What did Uzbekistan's president say?" needs a fact about that president.
_SAID_BY = re.compile(
    r"\b(?:did|does|do|has|have)\b(.*?)\b(?:say|said|think|thought|react|reacted|respond"
    r"|responded|call|describe|praise)\b"
)
_PRESENT_CLAIM = re.compile(r"^(does|do|is|are|has|have)\b")
_PAST_ROLE = re.compile(r"\b(founding|former|late|previous|then)\b", re.IGNORECASE)
PERSON_MATCH = 1.2  # the question names someone the fact is about
DIRECTED_TOPICS = frozenset({"embassy", "ambassador"})
# "Who succeeded Niyazov?" asks for someone else; "who is ambassador Lustig?" asks who he is.
OTHER_PERSON_MISSING = 0.5
ROLE_MISSING = 0.6  # "who is the ambassador" needs a fact naming someone in that role
# "Who was Israel's first ambassador?" is not answered by a fact that never says "first".
FIRST_MISSING = 0.55
# "first" before a noun asks which was first; before a verb ("when did Israel first open")
# it only means "initially".
_ASKS_FIRST = re.compile(
    r"\bfirst[- ](ever )?(israeli |jewish |official |foreign |prime |muslim )?(ambassador|envoy"
    r"|president|minister|rabbi|embassy|synagogue|visit|delegation|agreement|trip|country"
    r"|state|post|time|leader|head)s?\b"
)
_SAYS_FIRST = re.compile(r"\b(first|founding|inaugural|earliest|initial|pioneer)", re.IGNORECASE)
_ROLES = "rabbi ambassador president minister speaker"
_POSTS = r"(president|prime minister|foreign minister|leader|ruler|head of state)"
_TITLES = f"mr mrs dr chief envoy foreign prime deputy {_ROLES}"


@dataclass(frozen=True)
class Scored:
    item: IndexedFact
    score: float
    lexical: float
    fuzzy: float
    topic: float


# The view's field saying whether a fact gives the kind of value a question wants.
_GIVES = {
    Wants.DATE: "has_date",
    Wants.PERSON: "has_person",
    Wants.FIGURE: "has_figure",
    Wants.PLACE: "has_place",
    Wants.MONEY: "has_money",
    Wants.COMPANY: "has_company",
}


def _says_missing(item: IndexedFact, wants: Wants, terms: frozenset[str] | None = None) -> bool:
    """Whether the fact says the article gives no such value (about these terms, if given)."""
    return any(
        wants in gap.kinds and not gap.details and (terms is None or bool(gap.about & terms))
        for gap in item.gaps
    )


def _countries_factor(ask: _Asked, fact: Fact) -> float:
    """Less for a fact on some of the countries asked about, or on one country when the
    question asks about the region ("what do the Stans want from Israel?")."""
    if len(ask.countries) > 1 and not ask.countries.issubset(fact.countries):
        return PARTIAL_COUNTRIES
    if ask.region and not ask.countries and REGION not in fact.countries:
        return ONE_COUNTRY_OF_REGION
    return 1.0


def _uses(item: IndexedFact, term: str) -> bool:
    return term in item.ask_terms or term in item.body_terms


def _said(item: IndexedFact) -> str:
    return f"{item.fact.answer} {item.fact.source.quote}"


class Scorer:
    def __init__(self, index: FactIndex) -> None:
        self.index = index
        synonyms = index.understander.synonyms
        self._anchors = {
            name: frozenset(
                t for w in topic.requires_any for t in content_terms(normalise(w), synonyms)
            )
            for name, topic in index.base.topics.items()
            if topic.requires_any
        }
        self._mention_anchored = {
            name for name, topic in index.base.topics.items() if topic.anchors_mentions
        }
        self._name_terms = frozenset(
            t
            for person in index.base.lexicon.people
            for name in (person.name, *person.aliases)
            for t in content_terms(normalise(name), synonyms)
        ) | frozenset(content_terms(_TITLES, synonyms))
        self._synonyms = synonyms
        # A month a yes/no question names is a claim to check, like its year.
        self._month_terms = frozenset(
            content_terms(normalise(" ".join(calendar.month_name)), synonyms)
        )
        self._roles = frozenset(content_terms(_ROLES, synonyms))
        self._previous = content_terms("previous", synonyms)[0]
        # The weight of a term at most DISTINCTIVE_POSTINGS facts use (unknown terms weigh more
        # but are in no fact).
        self._distinctive = math.log(1 + max(len(index.items), 1) / DISTINCTIVE_POSTINGS)
        # "Current" is the article's present: someone named only for events long before the
        # latest the article reports is not the current holder.
        dated = [f.date.year for f in index.base.facts if f.date is not None]
        self._latest = max(dated, default=0)
        self._recent_from = self._latest - RECENT_YEARS
        self._anchored_of: dict[int, str | None] = {}
        lexicon = index.base.lexicon
        # "Kazakhstan's president", "the president of Kazakhstan": a post of that country.
        self._country_posts = [
            (
                code,
                re.compile(
                    rf"\b({'|'.join(map(re.escape, names.aliases))}) {_POSTS}\b"
                    rf"|\b{_POSTS} of ({'|'.join(map(re.escape, names.aliases))})\b"
                ),
                re.compile(rf"\b({'|'.join(map(re.escape, names.aliases))})", re.IGNORECASE),
            )
            for code, names in lexicon.countries.items()
        ]
        self._place_words = frozenset(
            word
            for names in (
                *(c.aliases for c in lexicon.countries.values()),
                *(c.cities for c in lexicon.countries.values()),
                lexicon.region_aliases,
                lexicon.covered_places,
                ("israeli", "jews", "jewish", "soviet", "stans", "yes", "no"),
            )
            for name in names
            for word in name.split()
        )
        self._roles_seen: dict[str, frozenset[str]] = {}

    def score(
        self, u: Understanding, countries: tuple[str, ...], positions: list[int]
    ) -> list[Scored]:
        if not positions:
            return []
        index = self.index
        # A number in a yes/no question is a claim to check ("are there 30,000 Jews?"), not a
        # word the fact must share.
        claimed = (
            set(u.entities.numbers)
            | {str(y) for y in u.entities.years}
            | (self._month_terms if u.entities.months else set())
            | CLAIM_WORDS
            if u.yes_no
            else set()
        )
        weights = {t: index.weight(t) for t in u.terms if t not in claimed}
        total = sum(weights.values())
        # ... yet a fact giving the very number claimed is the one to check it against.
        numbers = [t for t in u.terms if t in claimed and t.isdigit()]
        query = " ".join(sorted(u.terms))
        items = [index.items[p] for p in positions]
        strings = [s for item in items for s in item.question_strings]
        # Token-sort similarity, on strings sorted beforehand.
        similarity = process.cdist([query], strings, scorer=fuzz.ratio, processor=None)[0]
        counts = [len(item.question_strings) for item in items]
        # One vectorised max per fact over its questions' similarities.
        starts = np.cumsum([0, *counts[:-1]])
        best_of = (
            np.maximum.reduceat(similarity, starts).tolist() if strings else [0.0] * len(items)
        )
        scored: list[Scored] = []
        ask = self._asked(u, countries)
        terms = frozenset(u.terms)
        weighted = list(weights.items())
        gives = _GIVES.get(u.wants)
        if u.wants is Wants.PERSON and WHICH_PEOPLE.search(u.normalised):
            gives = "names_someone"  # "which officials attended?" asks for their names
        for item, count, best in zip(items, counts, best_of, strict=True):
            fuzzy = best / 100 if count else 0.0
            lexical = 0.0
            if total:
                asked, said = item.ask_terms, item.body_terms
                hit = 0.0
                for t, w in weighted:
                    if t in asked:
                        hit += w
                    elif t in said:
                        hit += w * 0.6
                lexical = hit / total
            topic = u.topics.get(item.fact.topic, 0.0)
            wanted = 0.5 if gives is None else float(getattr(item, gives))
            if ask.speaker and item.fact.source.speaker:  # "whose estimate is that?"
                wanted = 1.0
            # "How long is the flight?" is answered by "a couple of hours" too.
            if not wanted and ask.how_long and _DURATION.search(item.fact.answer):
                wanted = 1.0
            # A fact saying the article gives no such value is still about the question.
            says_missing = wanted == 0.0 and bool(item.gaps) and _says_missing(item, u.wants)
            if says_missing and _says_missing(item, u.wants, terms):
                wanted = 1.0
            score = LEXICAL * lexical + FUZZY * fuzzy + TOPIC * topic + WANTS * wanted
            score *= self._agreement(
                ask, item, wanted == 0.0 and not says_missing, fuzzy >= OWN_QUESTION
            )
            if numbers and any(t in item.ask_terms or t in item.body_terms for t in numbers):
                score *= NUMBER_FOUND
            scored.append(Scored(item, score, lexical, fuzzy, topic))
        scored.sort(key=lambda s: -s.score)
        return scored

    def _agreement(
        self, ask: _Asked, item: IndexedFact, wants_missing: bool, own_question: bool
    ) -> float:
        factor = self._time_factor(ask, item) if ask.years or ask.decades else 1.0
        if ask.people:
            if not item.people.intersection(ask.people):
                factor *= PERSON_MISMATCH
            elif any(p.name in ask.people for p in item.fact.people):
                factor *= PERSON_MATCH
            if ask.other_person and item.people.issubset(ask.people):
                factor *= OTHER_PERSON_MISSING
        if ask.predecessor and not _uses(item, self._previous):
            factor *= PREDECESSOR_MISSING
        if ask.wants_city:
            # A city in Israel ("which city is Uzbekistan's embassy in Israel in?") is not one
            # of the five countries' cities.
            places = item.places - {"israel"}
            if not (places if ask.to_israel else item.cities | places):
                factor *= CITY_MISSING
        if ask.months and not ask.months & item.months:
            factor *= CORRECTABLE_MISMATCH if ask.yes_no and item.months else MONTH_MISMATCH
        if ask.city_figure and not any(c in item.cities for c in ask.city_figure):
            factor *= CITY_FIGURE_MISSING
        # A question using a topic's own words (trade, tourists, oil, Jews) needs a fact about it.
        for topic in ask.anchor_topics:
            words = self._anchors[topic]
            if (
                item.fact.topic != topic
                and words.isdisjoint(item.ask_terms)
                and words.isdisjoint(item.body_terms)
            ):
                factor *= TOPIC_WORD_MISSING
                break
        if ask.becoming and not _SAYS_BECOMING.search(_said(item)):
            factor *= BECOMING_MISSING
        if ask.first and not _SAYS_FIRST.search(_said(item)):
            factor *= FIRST_MISSING
        if (ask.role or ask.post_of) and self._lacks_role(ask, item):
            factor *= ROLE_MISSING
        if (
            ask.to_israel and TO_ISRAEL not in item.ask_terms and TO_ISRAEL not in item.body_terms
        ) or (item.to_israel and not ask.to_israel and item.fact.topic in DIRECTED_TOPICS):
            factor *= DIRECTION_MISMATCH
        if wants_missing:
            factor *= WANTS_MISSING[ask.wants]
        if (
            ask.wants_day
            and (item.fact.date is None or item.fact.date.precision is not Precision.DAY)
        ) or (ask.wants_month and not item.has_month):
            factor *= DAY_PRECISION_MISSING
        if ask.future != item.future:
            factor *= TENSE_MISMATCH
        if (ask.current and self._not_current(ask, item)) or (
            ask.claims_present_figure and self._past_figure(item)
        ):
            factor *= NOT_CURRENT
        if ask.places and not any(p in item.places for p in ask.places):
            factor *= PLACE_MISMATCH
        if ask.asks_detail and self._lacks_detail(ask, item):
            factor *= details.DETAIL_KIND_MISSING
        # A person the fact names, or a word only a fact or two use ("Victory Park"), anchors
        # the question as well as a topic word would.
        # So does asking one of the fact's own questions, in other words.
        specific = (
            own_question or bool(ask.people & item.people) or bool(ask.distinctive & item.ask_terms)
        )
        anchored = None if specific else self._anchored_topic(item)
        if anchored is not None and anchored not in ask.anchored:
            factor *= ANCHOR_MISSING
        return factor * _countries_factor(ask, item.fact) if ask.some_countries else factor

    def _time_factor(self, ask: _Asked, item: IndexedFact) -> float:
        """Less for a fact of other years (or decades) than those asked."""
        if ask.years:
            # An undated present ("annually", "today") holds for a recent year asked.
            ongoing = item.ongoing and min(ask.years) >= self._recent_from
            agrees = ongoing or bool(item.years.intersection(ask.years))
        else:
            agrees = _in_decades(item, ask.decades)
        if agrees:
            return 1.0
        return CORRECTABLE_MISMATCH if ask.yes_no and item.years else YEAR_MISMATCH

    def _not_current(self, ask: _Asked, item: IndexedFact) -> bool:
        """Whether a fact speaks of the past to a question about the present: someone no
        longer in the post, or a number of long ago."""
        people = item.fact.people
        if people and (
            all(_PAST_ROLE.search(p.role) for p in people)
            or _DIED.search(item.fact.answer)
            or (item.years and max(item.years) < self._recent_from)
        ):
            return True
        return ask.wants is Wants.FIGURE and self._past_figure(item)

    def _past_figure(self, item: IndexedFact) -> bool:
        """Whether a fact's numbers are of the past ("tens of thousands during World War
        II"), so that they do not say how many there are today."""
        answer = item.fact.answer
        if _PRESENT.search(answer):
            return False
        figures = item.fact.figures
        old = bool(figures) and all(f.year and f.year < self._recent_from for f in figures)
        return old or bool(_PAST_PERIOD.search(answer))

    def _lacks_role(self, ask: _Asked, item: IndexedFact) -> bool:
        """Whether a question about who holds a post ("the ambassador", "Kazakhstan's
        president") meets a fact naming nobody in it."""
        people = item.fact.people
        if ask.role and not any(ask.role in self._role_terms(p.role) for p in people):
            return True
        return ask.post_of is not None and not any(ask.post_of.search(p.role) for p in people)

    def _lacks_detail(self, ask: _Asked, item: IndexedFact) -> bool:
        """Whether the question asks a kind of detail (this year's, a name, an age, a party)
        that the fact does not give."""
        said = _said(item)
        # "This year" is the article's year: a figure for an earlier year does not answer it.
        if ask.this_year and not (details.asks_this_year(said) or self._latest in item.years):
            return True
        if ask.wants_name and not details.names_something_new(item.fact.answer, ask.known_names):
            return True
        return any(not said_kind.search(said) for said_kind in ask.detail_kinds)

    def _role_terms(self, role: str) -> frozenset[str]:
        if role not in self._roles_seen:
            self._roles_seen[role] = frozenset(content_terms(normalise(role), self._synonyms))
        return self._roles_seen[role]

    def _anchored_topic(self, item: IndexedFact) -> str | None:
        """The first anchored topic a fact belongs to or (for topics anchoring mentions) asks
        about; worked out once per fact."""
        if item.position not in self._anchored_of:
            self._anchored_of[item.position] = next(
                (
                    topic
                    for topic, anchors in self._anchors.items()
                    if item.fact.topic == topic
                    or (topic in self._mention_anchored and anchors & item.ask_terms)
                ),
                None,
            )
        return self._anchored_of[item.position]

    def _post_asked(self, u: Understanding) -> re.Pattern[str] | None:
        """The post of a country a question asks who holds ("who is Kazakhstan's president?"),
        or whose words it asks ("what did Uzbekistan's president say?")."""
        if u.wants is Wants.PERSON:
            asked = u.normalised
        else:
            said = _SAID_BY.search(u.normalised)
            if said is None:
                return None
            asked = said.group(1)
        return next((names for _, asks, names in self._country_posts if asks.search(asked)), None)

    def _asked(self, u: Understanding, countries: tuple[str, ...]) -> _Asked:
        """What the question asks, worked out once rather than once per candidate."""
        terms = set(u.terms)
        people = frozenset(u.entities.people)
        roles = [t for t in u.terms if t in self._roles] if u.wants is Wants.PERSON else []
        this_year = details.asks_this_year(u.normalised)
        wants_name = details.asks_name(u.normalised)
        detail_kinds = details.kinds_asked(u.normalised)
        return _Asked(
            years=frozenset(u.entities.years),
            decades=frozenset(u.entities.decades),
            people=people,
            role=roles[0] if roles else None,
            first=bool(_ASKS_FIRST.search(u.normalised)),
            other_person=u.wants is Wants.PERSON
            and bool(people)
            and not terms.issubset(self._name_terms),
            to_israel=TO_ISRAEL in terms,
            wants=u.wants,
            wants_day=bool(_ASKS_FOR_DAY.search(u.normalised)),
            wants_month=bool(_ASKS_FOR_MONTH.search(u.normalised)),
            future=bool(FUTURE.search(u.normalised)),
            current=bool(_ASKS_CURRENT.search(u.normalised)) and self._previous not in terms,
            predecessor=u.wants is Wants.PERSON and self._previous in terms,
            months=frozenset(u.entities.months),
            wants_city=bool(_ASKS_CITY.search(u.normalised)),
            becoming=u.wants is Wants.DATE and bool(_ASKS_BECOMING.search(u.normalised)),
            distinctive=frozenset(t for t in u.terms if self.index.weight(t) >= self._distinctive),
            city_figure=tuple(u.entities.cities) if u.wants is Wants.FIGURE else (),
            anchor_topics=frozenset(t for t, anchors in self._anchors.items() if anchors & terms),
            places=tuple(p for p in u.entities.covered_places if p not in {"israel", "jerusalem"}),
            anchored=frozenset(t for t, anchors in self._anchors.items() if anchors & terms),
            countries=frozenset(countries),
            speaker=bool(_ASKS_SPEAKER.search(u.normalised)),
            this_year=this_year,
            post_of=self._post_asked(u),
            yes_no=u.yes_no,
            claims_present_figure=u.yes_no
            and bool(u.entities.numbers)
            and bool(_PRESENT_CLAIM.match(u.normalised)),
            wants_name=wants_name,
            known_names=frozenset(u.normalised.split()) | self._place_words
            if wants_name
            else frozenset(),
            detail_kinds=detail_kinds,
            how_long=u.wants is Wants.FIGURE and bool(_HOW_LONG.search(u.normalised)),
            region=u.entities.region,
            some_countries=len(countries) > 1 or (u.entities.region and not countries),
            asks_detail=this_year or wants_name or bool(detail_kinds),
        )


def _in_decades(item: IndexedFact, decades: frozenset[int]) -> bool:
    """Whether the fact dates something to one of the decades, by a year or by the decade."""
    named = {f"{decade}s" for decade in decades}
    return any(year // 10 * 10 in decades for year in item.years) or bool(
        named & (item.ask_terms | item.body_terms)
    )


@dataclass(frozen=True, slots=True)
class _Asked:
    years: frozenset[int]
    decades: frozenset[int]  # each decade's first year
    people: frozenset[str]
    role: str | None  # asks who holds this role
    first: bool  # asks about "the first" of something
    other_person: bool  # asks who, about someone named, but not who they are
    to_israel: bool
    wants: Wants
    wants_day: bool
    wants_month: bool
    future: bool
    current: bool  # "current", "now", "today"
    predecessor: bool  # "who was ambassador before Aminov?"
    months: frozenset[int]
    wants_city: bool
    becoming: bool  # "when did X become...?"
    distinctive: frozenset[str]  # terms only a fact or two use
    city_figure: tuple[str, ...]  # "how many Jews live in Samarkand?": a figure for a city
    anchor_topics: frozenset[str]  # topics whose required words the question uses
    places: tuple[str, ...]
    anchored: frozenset[str]  # topics whose required words the question uses
    countries: frozenset[str]
    speaker: bool  # asks who says something
    this_year: bool
    post_of: re.Pattern[str] | None  # "Kazakhstan's president": a role naming that country
    yes_no: bool
    claims_present_figure: bool  # "does Kazakhstan have about 13,000 Jews?": a number of today
    wants_name: bool  # "what is the name of the synagogue?"
    known_names: frozenset[str]  # the question's and the places' words, for a name question
    how_long: bool  # "how long is the flight?": a span of time answers it
    region: bool  # names the region ("Central Asia", "the Stans")
    some_countries: bool  # several countries, or the region: a fact may cover only some
    detail_kinds: tuple[re.Pattern[str], ...]  # what a fact must say to give the kind asked
    asks_detail: bool  # any of the three above: see `_lacks_detail`
