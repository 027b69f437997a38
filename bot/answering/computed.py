"""Answers computed across facts: orderings, extremes and two-country comparisons."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.answering import compose
from bot.answering.answer import Answer
from bot.answering.conversation import Context
from bot.knowledge.loader import KnowledgeBase
from bot.knowledge.schema import COUNTRIES, REGION, Fact, Figure
from bot.understanding.parse import Understanding

# Asks which came first or last (shared by the orderings here, the lists and combined answers).
FIRST_WORDS = re.compile(r"\b(first|earliest|oldest|older|soonest|sooner|earlier|before)\b")
LAST_WORDS = re.compile(r"\b(last|latest|(most |more )?recent(ly)?|newest|later|after)\b")
_MORE = re.compile(
    r"\b(largest|biggest|most|highest|larger|bigger|more|greatest|greater|top|longest|longer)\b"
)
_LESS = re.compile(r"\b(smallest|fewest|least|lowest|smaller|fewer|less|shortest|shorter)\b")
_DIFFERENCE = re.compile(
    r"\b(how many more|how much more|difference|more than|less than|fewer than"
    r"|by (about |roughly |approximately )?how (many|much)"
    r"|(bigger|larger|greater|higher|smaller|lower) than|how much (bigger|larger|higher))\b"
)
_RATIO = re.compile(r"\bhow many times\b|\btimes (larger|bigger|more|greater|higher|as)\b")
_EVERY = re.compile(r"\b(all|every|each|five)\b")
_TOTAL = re.compile(r"\b(combined|total|together|sum|altogether|add up|added up|adding up)\b")
MANY_WORDS = re.compile(
    r"\b(all|each|every|list|five|dates|ambassadors|compare|compared|comparison|vs|versus|order"
    r"|rank|ranking|countries|states|stans|republics)\b"
)
# "Jews who are not Bukharan": the rest of a whole once a named part is taken out.
SHARE_WORDS = re.compile(r"\b(share|percent|percentage|proportion|fraction|per cent)\b|%")
_BESIDES = re.compile(
    r"\b(not|non|other than|besides|excluding|aside from|apart from|except|arent|isnt)\b"
)
_HOW_FAR_APART = re.compile(r"\bhow many (days|years)|\bby how (?:many|much)\b(?: (days|years))?")
# Israel's own places: a question naming them is still about Israel's relations.
ISRAEL_ITSELF = frozenset({"israel", "jerusalem", "tel aviv"})
_SUPERLATIVES = {"border_length": ("longest", "shortest")}  # (more, less) where not size
_MEASURES = {
    "jewish_population": ({"jew", "jewish", "communiti", "jewri"}, "Jewish community"),
    "trade": ({"trade"}, "trade with Israel"),
    "tourists": ({"tourist", "tourism"}, "number of Israeli tourists"),
    "border_length": ({"border", "borders"}, "border"),
}


# A figure given only as a magnitude, and the bound it stays below.
_ROUGH = ((re.compile(r"\b(in the hundreds|a few hundred|hundreds)\b"), 1000.0),)
_ROUGH_MEASURES = {"tourists": "tourist"}  # the word a magnitude's fact says it of


def _relations_signal(terms: set[str]) -> bool:
    return bool(terms & {"relat", "establish", "recogn"})


class ComputedAnswers(compose.ListedAnswerBuilder):
    def __init__(self, base: KnowledgeBase, sources: compose.SourceBook) -> None:
        super().__init__(sources)
        facts = base.facts  # once: the base makes this list anew on every access
        by_topic: dict[str, list[Fact]] = {}
        for fact in facts:
            by_topic.setdefault(fact.topic, []).append(fact)
        self._relations = self._relations_facts(by_topic.get("diplomatic_relations", []))
        # "In the early '90s", says the article of all five at once.
        self._relations_of_region = [
            f for f in by_topic.get("diplomatic_relations", []) if f.countries == (REGION,)
        ]
        self._facts_on: dict[str, list[Fact]] = {}
        for fact in facts:
            if len(fact.countries) == 1:
                self._facts_on.setdefault(fact.countries[0], []).append(fact)
        self._figures: dict[str, dict[str, list[tuple[Figure, Fact]]]] = {}
        for fact in facts:
            for figure in fact.figures:
                for country in (figure.country,) if figure.country else fact.countries:
                    if country in COUNTRIES:
                        by_country = self._figures.setdefault(figure.measure, {})
                        by_country.setdefault(country, []).append((figure, fact))
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
        first, last = bool(FIRST_WORDS.search(text)), bool(LAST_WORDS.search(text))
        region_wide = not countries and (u.entities.region or bool(_EVERY.search(text)))
        if len(countries) == 1:
            wants_part = _BESIDES.search(text) or SHARE_WORDS.search(u.text.lower())
            return self._part_of_whole(u, countries[0]) if wants_part else None
        # "the Stans' ties with Russia" are not Israel's relations.
        others = [p for p in u.entities.covered_places if p not in ISRAEL_ITSELF]
        if _relations_signal(terms) and not others and (first or last or MANY_WORDS.search(text)):
            pick = "last" if last and not first else ("first" if first else None)
            return self._relations_order(u, countries, pick)
        for measure, (signals, label) in _MEASURES.items():
            if terms & signals and (
                _MORE.search(text)
                or _LESS.search(text)
                or (
                    len(countries) > 1
                    and (_DIFFERENCE.search(text) or _TOTAL.search(text) or MANY_WORDS.search(text))
                )
                # "the total number of Jews in Central Asia": over every country with a figure
                or (region_wide and _TOTAL.search(text))
            ):
                return self._extreme(
                    u, measure, label, countries, smallest=bool(_LESS.search(text))
                )
        if "ambassador" in terms and (MANY_WORDS.search(text) or " ambassadors" in f" {text}"):
            return self._ambassador_list(u)
        return None

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
            names = compose.country_names(chosen)
            headline = (
                f"Not in {when}: Israel established diplomatic relations with {names} on:"
                if compose.negated(u.normalised)
                else f"In {when}, Israel established diplomatic relations with {names}:"
            )
        elif pick is None:
            # "How many days apart were the two?": the span first.
            headline = (
                f"{self._apart(u, chosen)} Israel established diplomatic relations with "
                f"{compose.country_names(chosen)} on:"
            ).lstrip()

        else:
            country = chosen[-1] if pick == "last" else chosen[0]
            date = self._relations[country].date
            assert date is not None
            headline = (
                f"Of {compose.country_names(chosen)}, Israel established diplomatic relations "
                f"{pick} with {compose.country_name(country)} ({date.human()})."
                f"{self._apart(u, chosen)} In order:"
            )
        parts = [
            compose.Part(
                self._relations[c],
                f"{compose.country_name(c)}: {self._relations[c].date.human()}",  # type: ignore[union-attr]
            )
            for c in chosen
        ]
        if pick is None and not years and len(chosen) == len(COUNTRIES):
            for whole in self._relations_of_region:
                who = whole.people[0].name if whole.people else "the article"
                parts.append(compose.Part(whole, f"All five: the {whole.key_value}, says {who}"))
        return self._build(u.text, headline, parts)

    def _apart(self, u: Understanding, chosen: list[str]) -> str:
        """ "... and by how many days?": the time between the two dates, if they are precise
        enough for the unit asked."""
        asked = _HOW_FAR_APART.search(u.normalised)
        if not asked or len(chosen) != 2:
            return ""
        early, late = (self._relations[c].date for c in chosen)
        assert early is not None and late is not None
        unit = asked.group(1) or asked.group(2) or "years"
        if unit == "days" and early.day is not None and late.day is not None:
            days = (late.as_date() - early.as_date()).days
            return f" They are {days} days apart."
        if unit == "years" and late.year != early.year:
            return f" They are {late.year - early.year} years apart."
        return ""

    def _extreme(
        self, u: Understanding, measure: str, label: str, countries: tuple[str, ...], smallest: bool
    ) -> Answer | None:
        figures = self._figures.get(measure, {})
        asked = list(countries or COUNTRIES)
        years = set(u.entities.years)
        # Each country's figure for the year asked, else its most recent; one without a year
        # is the article's present.
        known = {
            c: max(
                figures[c],
                key=lambda pair: (pair[0].year in years, pair[0].year or 9999),
            )
            for c in asked
            if c in figures
        }
        if not known or (countries and len(known) < 2 and len(countries) > 1 and not known):
            return None
        ranked = sorted(known, key=lambda c: known[c][0].value, reverse=not smallest)
        pick = ranked[0]
        word = _SUPERLATIVES.get(measure, ("largest", "smallest"))[smallest]
        missing = [c for c in asked if c not in known]
        headline = (
            f"Of the figures the article gives, {compose.country_name(pick)} has the {word} "
            f"{label}: {known[pick][0].label}."
        )
        parts = [
            compose.Part(known[c][1], f"{compose.country_name(c)}: {known[c][1].answer}")
            for c in ranked
        ]
        combine = _combiner(u.normalised, len(known))
        if len(known) == 1 and _TOTAL.search(u.normalised):  # no total of one figure
            headline = (
                f"The article gives a figure only for {compose.country_name(pick)}: "
                f"{known[pick][0].label} ({label})."
            )
        if combine is not None:
            headline = combine(label, [(c, known[c][0]) for c in ranked])
            # The article may give a country two figures from two sources: show what each makes.
            for country in [] if years else ranked:
                other = _other_source(figures[country], known[country][1])
                if other is None:
                    continue
                swapped = [(c, other[0] if c == country else known[c][0]) for c in ranked]
                swapped.sort(key=lambda pair: pair[1].value, reverse=not smallest)
                name = compose.country_name(country)
                headline += (
                    f" With {other[0].label} for {name} instead ({_credit(*other)}): "
                    f"{combine(label, swapped)}"
                )
                parts.append(compose.Part(other[1], f"{name}: {other[1].answer}"))
        if combine is None and not smallest:
            # "In the hundreds" has no figure, but is fewer than Uzbekistan's 11,000.
            for country in list(missing):
                rough = self._rough(measure, country)
                if rough is not None and rough[0] < known[pick][0].value:
                    missing.remove(country)
                    parts.append(
                        compose.Part(
                            rough[1], f"{compose.country_name(country)}: {rough[1].answer}"
                        )
                    )
        if missing:
            headline += f" The article gives no figure for {compose.country_names(missing)}."
        # Comparing named countries, or all of them, needs a figure for each of them.
        every = bool(_EVERY.search(u.normalised))
        return self._build(u.text, headline, parts, complete=not ((countries or every) and missing))

    def _rough(self, measure: str, country: str) -> tuple[float, Fact] | None:
        """A country's figure given only as a magnitude ("in the hundreds"): below what bound,
        and the fact saying so."""
        word = _ROUGH_MEASURES.get(measure)
        if word is None:
            return None
        for fact in self._facts_on.get(country, []):
            said = fact.answer.lower()
            bound = next((b for rough, b in _ROUGH if rough.search(said)), None)
            if bound is not None and not fact.figures and word in said:
                return bound, fact
        return None

    def _part_of_whole(self, u: Understanding, country: str) -> Answer | None:
        """ "How many Jews in Uzbekistan are not Bukharan?" (the whole less the part named) or
        "what share of them are Bukharan?", when the article gives both for the country (the
        part's measure ends with the whole's)."""
        words = set(u.normalised.split())
        for part_measure, by_country in self._figures.items():
            for whole_measure, whole_by_country in self._figures.items():
                prefix = part_measure.removesuffix(f"_{whole_measure}")
                if prefix == part_measure or prefix not in words:
                    continue
                parts, wholes = by_country.get(country), whole_by_country.get(country)
                if not parts or not wholes:
                    continue
                (part, part_fact), (whole, whole_fact) = parts[0], wholes[0]
                # "former_jewish_population" names a time, not a part: a part is no larger.
                if part.value > whole.value:
                    continue
                approx = "about " if part.approximate or whole.approximate else ""
                kind = prefix.capitalize()
                if _BESIDES.search(u.normalised):
                    rest = compose.amount(whole.value - part.value, whole)
                    headline = (
                        f"{approx.capitalize()}{rest} are not {kind}: {whole.label} in all, "
                        f"{part.label} of them {kind}."
                    )
                else:
                    share = f"{100 * part.value / whole.value:.0f}%"
                    headline = (
                        f"{approx.capitalize()}{share} are {kind}: {part.label} of {whole.label}."
                    )
                parts_of = [
                    compose.Part(whole_fact, whole_fact.answer),
                    compose.Part(part_fact, part_fact.answer),
                ]
                return self._build(u.text, headline, parts_of)
        return None

    def _ambassador_list(self, u: Understanding) -> Answer | None:
        if not self._ambassadors:
            return None
        # One line per ambassador: each fact on one names his other post too.
        seen: dict[tuple[str, ...], compose.Part] = {}
        for fact in self._ambassadors.values():
            people = tuple(sorted(p.name for p in fact.people))
            seen.setdefault(people, compose.Part(fact, fact.answer))
        headline = "Israel's ambassadors in Central Asia, as the article names them:"
        if "how many" in u.normalised:
            headline = f"{len(seen)}: {headline}"
        return self._build(u.text, headline, list(seen.values()))


def _combiner(text: str, count: int) -> Callable[[str, list[tuple[str, Figure]]], str] | None:
    """How a question combines the figures of several countries, if it does."""
    if count >= 2 and _TOTAL.search(text):
        return _total
    if count == 2 and _RATIO.search(text):
        return _ratio
    if count == 2 and _DIFFERENCE.search(text):
        return _difference
    return None


def _other_source(pairs: list[tuple[Figure, Fact]], chosen: Fact) -> tuple[Figure, Fact] | None:
    """The most recent figure that another source (another fact, credited to someone else)
    gives for the same country and measure."""
    others = [
        pair
        for pair in pairs
        if pair[1].id != chosen.id and pair[1].source.speaker != chosen.source.speaker
    ]
    return max(others, key=lambda pair: pair[0].year or 9999) if others else None


def _credit(figure: Figure, fact: Fact) -> str:
    return ", ".join(str(x) for x in (figure.year, fact.source.speaker) if x)


def _total(label: str, figures: list[tuple[str, Figure]]) -> str:
    approx = "about " if any(f.approximate for _, f in figures) else ""
    total = compose.amount(sum(f.value for _, f in figures), figures[0][1])
    labels = compose.listing([f.label for _, f in figures])
    return (
        f"Together, {compose.country_names([c for c, _ in figures])} have {approx}{total} "
        f"({label}: {labels})."
    )


def _difference(label: str, pair: list[tuple[str, Figure]]) -> str:
    (big_country, big), (small_country, small) = pair
    approx = "about " if big.approximate or small.approximate else ""
    difference = compose.amount(big.value - small.value, big)
    return (
        f"{compose.country_name(big_country)} has {approx}{difference} "
        f"more than {compose.country_name(small_country)} ({label}: {big.label} vs "
        f"{small.label})."
    )


def _ratio(label: str, pair: list[tuple[str, Figure]]) -> str:
    (big_country, big), (small_country, small) = pair
    return (
        f"{compose.country_name(big_country)}'s {label} is about {big.value / small.value:.1f} "
        f"times {compose.country_name(small_country)}'s ({big.label} vs {small.label})."
    )


def _first(facts: list[Fact], country: str, topic: str) -> Fact | None:
    matching = [f for f in facts if f.topic == topic and country in f.countries and f.people]
    # Israel's own ambassador there, the current one first.
    matching.sort(
        key=lambda f: (
            not compose.israels_own(f),
            "current" not in f.question.lower(),
            len(f.countries),
        )
    )
    return matching[0] if matching else None
