"""Answers that combine what the matcher finds for parts of a question: which of two countries
did something earlier, how many years passed between two events, how long something lasted,
and which countries a person visited."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from itertools import pairwise

from bot.answering import compose
from bot.answering.answer import Answer, Outcome
from bot.answering.computed import FIRST_WORDS, LAST_WORDS, SHARE_WORDS
from bot.answering.unstated import leaves_out, unstated
from bot.knowledge.schema import COUNTRIES, Fact, FactDate, Figure
from bot.understanding.intents import Wants
from bot.understanding.normalise import normalise
from bot.understanding.parse import PERSON_PRONOUN, Understander, Understanding

COMBINED_CONFIDENCE = 0.8
# Finds the fact that answers `text` about `countries`, or None when the matcher is unsure.
Lookup = Callable[[str, tuple[str, ...], Wants], Fact | None]

_YEARS_BETWEEN = re.compile(
    r"\b(how many (years|yrs|months|days)|how long|how much time|how old (was|were)"
    r"|number of (years|yrs|months|days)|^(the )?(years|yrs|time|gap) between"
    r"|\b(gap|interval|time) (in (days|months|years) )?between|how far apart"
    r"|(years|months|days) separat\w*)\b"
)
# "how many years after relations were established was that": the words around the event.
_AFTER_WHAT = re.compile(
    r"\b(after|before|since|from|until|till|was that|was it|is that|did that happen|did it happen"
    r"|did that come|came that|that happened|happened)\b"
)
_BEFORE_OR_AFTER = re.compile(r"\b(before or after|after or before)\b")
_HOW_OLD = re.compile(r"\bhow old\b")
# "what share came from elsewhere", "what fraction is not mountains": the rest of a share.
_REST = re.compile(r"\b(else|elsewhere|rest|remaining|remainder|other|not|non)\b")
_UNIT = re.compile(r"\b(years|months|days)\b")
_BETWEEN = re.compile(r"\b(?:between|separat\w*|apart (?:were|was|are|is)) (.+)")
_TOOK = re.compile(r"\b(did it take|does it take|it took|passed|went by|elapsed)\b")
_AFTER = re.compile(r"\b(?:after|before|since) (.+)")
_AUXILIARY = frozenset(["did", "was", "were", "had", "has", "have", "does", "do", "until", "till"])
_FROM_TO = re.compile(r"\bfrom (.+?) (?:to|until|till) (.+)")
_WHICH_COUNTRIES = re.compile(
    r"\b(which|what|how many)( (two|three|four|other|of the))?( central asian)?"
    r" (countr(?:y|ies)|states?|stans?|republics?)"
)
_HOW_MANY = re.compile(r"\bhow many\b")
_BESIDES = re.compile(
    r"\b(besides|other than|apart from|aside from|except( for)?|excluding|not counting)\b"
)
CHANGE_WORDS = re.compile(
    r"\b(grow|grew|grown|growth|increase|increased|rise|rose|risen|fall|fell|drop|dropped|shrink"
    r"|shrank|decline|declined|change|changed|went up|go up|went down|go down)\b"
)
# "Which came first, Netanyahu's visit or the embassy in Ashgabat?": events listed apart.
_ORDER = re.compile(r"\b(chronological|in order|order of|sequence|came first|happened first)\b")
_LISTED_APART = re.compile(r"\s*(?:[,;:]|\s[—–-]\s|\bor\b|\bvs\b|\bversus\b)\s*")
# A listed part that is the question itself ("which came first", "and by how many years").
_ASKING_PART = re.compile(
    r"^(and )?(by )?(which|what|when|who|how|put|order|sort|list|rank|arrange|in what)\b"
)
_ASKING_LEAD = re.compile(
    r"^.*\b(first|earlier|sooner|later|last|order|apart|years)\b( (for|in|with) (\w+))?"
)
_ORDERING_WORDS = re.compile(
    r"\b(put|place|sort|arrange|rank|list|these|those|them|events|in|chronological|order|came"
    r"|happened|what|when)\b"
)
# "... and where is he based?": a second question asked in the same breath.
_SECOND_QUESTION = re.compile(
    r"^(.*\S) and (?:also )?((?:who|what|when|where|which|how|why|is|are|was|did|does|do)\b.*)$"
)
_PERCENT = re.compile(r"\b(percent|percentage|per cent)\b|%")
_COMPARED_WITH = re.compile(
    r"\b(how many more|how much more|more than|compared (to|with)|vs|versus|than)\b"
)
_EXPECTS = re.compile(r"\b(expect\w*|estimate\w*|forecast\w*|projected|this year)\b")
_EXPECTED = "_expected"  # the measure of a figure the article reports as an expectation
# "according to the article", "does the piece mention": about the source, not the question.
_ABOUT_THE_ARTICLE = frozenset({"articl", "piec", "stori", "mention", "say", "per", "accord"})
_SAYS_NO = re.compile(r"^(no\b|the article (mentions|says|gives) no)", re.IGNORECASE)
_COMPARED = re.compile(r"\b(fewer|less|more|difference|differ|compared?|vs|versus)\b")
_REMOVE = re.compile(
    r"\b(how many (years|yrs|months|days)( apart)?|how long|how much time|number of years"
    r"|^(the )?(years|yrs|time|gap) between|\b(gap|interval|time) (in (days|months|years) )?between"
    r"|how far apart|passed|elapsed|went by|apart|earlier|sooner|later|first|which|who|or)\b"
)


def _fragments_between(text: str) -> list[tuple[str, str]]:
    """Every way to read "between A and B" (A may itself hold an "and")."""
    match = _BETWEEN.search(text)
    if not match:
        return []
    words = match.group(1).split()
    return [
        (" ".join(words[:i]), " ".join(words[i + 1 :]))
        for i, word in enumerate(words)
        if word == "and" and 0 < i < len(words) - 1
    ]


def _fragments_after(text: str) -> list[tuple[str, str]]:
    """ "after A did B": split at each auxiliary, the last first (the main clause's "did"
    follows the whole of A, which may hold a "was" of its own)."""
    match = _AFTER.search(text)
    if not match:
        return []
    words = match.group(1).split()
    return [
        (" ".join(words[:i]), " ".join(words[i + 1 :]))
        for i in reversed(range(1, len(words) - 1))
        if words[i] in _AUXILIARY
    ]


def _fragments_took(text: str) -> list[tuple[str, str]]:
    """ "how many years did it take Kazakhstan to open an embassy after ties were set up":
    B, asked before the "after", and A, after it."""
    asked, after = _YEARS_BETWEEN.search(text), _AFTER.search(text)
    if not asked or not after or after.start() <= asked.end():
        return []
    first = _TOOK.sub(" ", text[asked.end() : after.start()]).strip()
    return [(after.group(1), first)] if first.split() else []


def _fragments_when(text: str) -> list[tuple[str, str]]:
    """ "how long had A when B": A's start to B."""
    match = _YEARS_BETWEEN.search(text)
    if not match or " when " not in text[match.end() :]:
        return []
    first, _, second = text[match.end() :].partition(" when ")
    return [(first, second)] if first.split() and second.split() else []


def _plain(fact: Fact) -> str:
    """The fact's answer without a yes/no verdict, which belongs to its own question."""
    return compose.for_question(fact.answer, yes_no=False)


def _percent(change: float, of: float) -> str:
    return f"{100 * change / of:+.0f}%"


def _year_of(figure: Figure) -> int:
    return figure.year or 0


def _date_of(fact: Fact) -> FactDate | None:
    """The fact's date, or the one year its figures are for ("the 2010 census")."""
    if fact.date is not None:
        return fact.date
    years = {f.year for f in fact.figures if f.year is not None}
    return FactDate(year=years.pop()) if len(years) == 1 else None


def _span(early: FactDate, late: FactDate, unit: str) -> str | None:
    """The time between two dates in the unit asked, if the dates are precise enough."""
    if unit == "days":
        if early.day is None or late.day is None:
            return None
        start = date(early.year, early.month or 1, early.day)
        end = date(late.year, late.month or 1, late.day)
        return _count((end - start).days, "day")
    if unit == "months":
        if early.month is None or late.month is None:
            return None
        return _count((late.year - early.year) * 12 + late.month - early.month, "month")
    return _count(late.year - early.year, "year")


_MONTH_YEAR = re.compile(
    r"\b(?:(january|february|march|april|may|june|july|august|september|october|november"
    r"|december) )?(1[89]\d\d|20\d\d)\b",
    re.IGNORECASE,
)
_MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}


def _dated(match: re.Match[str]) -> FactDate:
    month = match.group(1)
    return FactDate(year=int(match.group(2)), month=_MONTHS[month.capitalize()] if month else None)


def _sort_key(day: FactDate) -> tuple[int, int, int]:
    return day.sort_key


def _count(number: int, unit: str) -> str:
    return f"{number} {unit}{'' if number == 1 else 's'}"


class CombinedAnswers:
    def __init__(
        self,
        understander: Understander,
        lookup: Lookup,
        sources: compose.SourceBook,
        facts: list[Fact],
        terms_of: Callable[[str], list[str]],
    ) -> None:
        self._understander = understander
        self._terms_of = terms_of
        self._facts = facts
        self._lookup = lookup
        self._sources = sources

    def answer(self, u: Understanding) -> Answer | None:
        text = u.normalised
        countries = u.entities.countries
        # "Besides Kazakhstan, which countries...?" names the country it leaves out.
        left_out = set(countries) if _BESIDES.search(text) else set()
        if _WHICH_COUNTRIES.search(text) and set(countries) <= left_out:
            if u.entities.people:
                return self._countries_of(u)
            return self._countries_where(u, left_out)
        if len(countries) == 2 and (FIRST_WORDS.search(text) or LAST_WORDS.search(text)):
            return self._earlier_of_two(u, countries, later=not FIRST_WORDS.search(text))
        two_years = len(u.entities.years) == 2 and bool(_COMPARED.search(text))
        # One year asked is a change only against an expectation ("this year on 2024").
        one_year_ok = len(u.entities.years) != 1 or bool(_EXPECTS.search(text))
        # "How many more are expected this year than in 2024?" compares with an expectation.
        against_expected = bool(_EXPECTS.search(text) and _COMPARED_WITH.search(text))
        if ((CHANGE_WORDS.search(text) or against_expected) and one_year_ok) or two_years:
            change = self._change(u)
            if change is not None:
                return change
        # "How old was the synagogue when...?" is a span; how old a person was is an age.
        an_age = bool(_HOW_OLD.search(text) and u.entities.people)
        if _YEARS_BETWEEN.search(text) and not an_age:
            # How long something lasted needs to say whose: a country or a person. (Two
            # countries ask how far apart two things were, which is not one fact's span.)
            named = len(countries) == 1 or (bool(u.entities.people) and len(countries) < 2)
            # "from signing to taking effect for the treaty": parts of one word each are
            # more likely the two dates of one fact than two facts.
            return (
                self._years_between(u, vague=False)
                or (self._duration(u) if named else None)
                or self._years_between(u, vague=True)
            )
        if _REST.search(text) and (SHARE_WORDS.search(u.text.lower()) or "how much" in text):
            rest = self._rest_of_share(u)
            if rest is not None:
                return rest
        return self._two_questions(u) or self._for_each_country(u)

    def _rest_of_share(self, u: Understanding) -> Answer | None:
        """ "If Kazakhstan supplied 40% of Israel's crude, what share came from elsewhere?":
        the rest of a percentage the article gives."""
        fact = self._lookup(u.normalised, u.entities.countries, Wants.FIGURE)
        shares = [f for f in fact.figures if f.unit == "percent"] if fact else []
        if fact is None or len(shares) != 1:
            return None
        share = shares[0]
        rest = f"{100 - share.value:g}%"
        label = share.label.lower()
        bound = "Less than " if "more than" in label else "About " if share.approximate else ""
        of = share.label[:1].lower() + share.label[1:]
        headline = f"{bound}{rest}: the rest of {of}. {_plain(fact)}"
        return self._build(u, headline, [fact])

    def _for_each_country(self, u: Understanding) -> Answer | None:
        """ "When did Israel set up ties with Kazakhstan and Uzbekistan?": the question asked
        of each country named, when each has a fact of its own."""
        countries = u.entities.countries
        if len(countries) < 2:
            return None
        found = [(c, self._lookup(u.normalised, (c,), u.wants)) for c in countries]
        facts = [f for _, f in found if f is not None]
        one_each = all(f is not None and c in f.countries for c, f in found)
        if not one_each or len({f.id for f in facts}) < len(facts):
            return None
        lines = [f"• {compose.country_name(c)}: {_plain(f)}" for c, f in found if f is not None]
        return self._build(u, "\n".join(lines), facts)

    def _two_questions(self, u: Understanding) -> Answer | None:
        """ "Who is the ambassador for Kyrgyzstan and where is he based?": each question
        answered on its own ("he" being whom the first answer names), both with sources."""
        match = _SECOND_QUESTION.match(u.normalised)
        if not match:
            return None
        first_text, second_text = match.group(1), match.group(2)
        first_asked = self._understander.parse(first_text)
        first = self._lookup(
            first_text, first_asked.entities.countries or u.entities.countries, first_asked.wants
        )
        if first is None:
            return None
        if PERSON_PRONOUN.search(second_text) and first.people:
            second_text = f"{second_text} {first.people[0].name}"
        second_asked = self._understander.parse(second_text)
        countries = (
            second_asked.entities.countries
            or first_asked.entities.countries
            or u.entities.countries
        )
        if not second_asked.terms:  # "... and how many in Uzbekistan?" asks the first again
            second_text, second_asked = first_text, first_asked
        second = self._lookup(second_text, countries, second_asked.wants)
        if second is None or (second.id == first.id and first_asked.wants == second_asked.wants):
            return None
        facts = [first] if second.id == first.id else [first, second]
        return self._build(u, "\n".join(f"• {_plain(f)}" for f in facts), facts)

    def _find(self, text: str, countries: tuple[str, ...]) -> Fact | None:
        """The fact a fragment is about, with its own countries if it names any (a person it
        names may be of another country than the rest of the question)."""
        entities = self._understander.parse(text).entities
        return self._lookup(
            text, entities.countries or (() if entities.people else countries), Wants.DATE
        )

    def _build(
        self, u: Understanding, headline: str, facts: list[Fact], complete: bool = True
    ) -> Answer:
        """`complete` False: the article lacks part of what was asked; the reply says what it
        has, but it does not count as an answer."""
        facts = list({f.id: f for f in facts}.values())
        return Answer(
            u.text,
            Outcome.ANSWERED if complete else Outcome.NOT_GIVEN,
            compose.clip(headline),
            COMBINED_CONFIDENCE,
            tuple(f.id for f in facts),
            tuple(self._sources.ref(f) for f in facts),
        )

    def events_in_order(self, u: Understanding) -> Answer | None:
        """Events named apart ("A or B", "A, B, C") put in the order of their dates. Asked
        before any other computed answer: the events named are what is compared."""
        text = u.normalised
        if not (FIRST_WORDS.search(text) or LAST_WORDS.search(text) or _ORDER.search(text)):
            return None
        # Split the question as typed: normalising drops the commas and colons that list events.
        parts = []
        shared = ""  # "which president visited Israel first, Karimov or Niyazov?"
        for raw in _LISTED_APART.split(u.text.lower()):
            part = normalise(raw)
            if _ASKING_PART.match(part):  # "which came first for Uzbekistan the treaty" keeps
                lead = _ASKING_LEAD.search(part)  # only what follows the asking
                asked = part[: lead.start(1)] if lead and lead.group(1) else ""
                shared = _ORDERING_WORDS.sub(" ", _REMOVE.sub(" ", asked)).strip()
                part = part[lead.end() :].strip() if lead and lead.group(1) else ""
            if part:
                parts.append(part)
        terms = [self._understander.parse(p).terms for p in parts]
        if len(parts) < 2 or not all(terms):
            return None
        # What the asking shares ("came into force") says which of an event's facts is meant;
        # a word-poor part ("film festival") needs it, others may do without.
        found = [self._find(f"{part} {shared}", u.entities.countries) for part in parts]
        if not shared or None in found:
            found = [
                self._find(f"{part} {shared}" if len(t) == 1 else part, u.entities.countries)
                for part, t in zip(parts, terms, strict=True)
            ]
        dated = {f.id: (d, f) for f in found if f is not None and (d := _date_of(f)) is not None}
        if len(dated) < len(parts):
            return None
        events = sorted(dated.values(), key=lambda pair: pair[0].sort_key)
        dates = [d for d, _ in events]
        facts = [f for _, f in events]
        bullets = "\n".join(f"• {_plain(f)}" for f in facts)
        if len({d.human() for d in dates}) == 1:
            # The same date for all: that is the answer, though not which came first.
            every = "Both" if len(dates) == 2 else "All"
            headline = (
                f"{every} in {dates[0].human()}: the article gives no finer date, so it does not "
                f"tell which came first.\n{bullets}"
            )
            return self._build(u, headline, facts)
        if not all(a.can_be_ordered_with(b) for a, b in pairwise(dates)):
            listed = ", ".join(d.human() for d in dates)
            headline = f"The article's dates do not tell the order: {listed}.\n{bullets}"
            return self._build(u, headline, facts, complete=False)
        steps = ", then ".join(d.human() for d in dates)
        apart = dates[-1].year - dates[0].year
        gap = f" ({_count(apart, 'year')} apart)" if len(dates) == 2 and apart else ""
        return self._build(u, f"In order of date: {steps}{gap}.\n{bullets}", facts)

    def before_or_after(self, u: Understanding, answer: Answer) -> Answer:
        """ "Did Kazakhstan set up ties before or after Tajikistan?": an answer ordering two
        dated facts opens with the verdict on the one asked about (the country named first,
        else the fact sharing most words with what precedes "before or after")."""
        match = _BEFORE_OR_AFTER.search(u.normalised)
        if match is None or len(answer.fact_ids) != 2 or not answer.answered:
            return answer
        facts = [f for f in self._facts if f.id in answer.fact_ids]
        dates = [d for d in map(_date_of, facts) if d is not None]
        if len(facts) != 2 or len(dates) != 2:
            return answer
        if not dates[0].can_be_ordered_with(dates[1]) or dates[0].human() == dates[1].human():
            return answer
        named = u.entities.countries[:1]
        if named and (named[0] in facts[0].countries) != (named[0] in facts[1].countries):
            subject = 0 if named[0] in facts[0].countries else 1
        else:
            asked = set(self._terms_of(u.normalised[: match.start()]))
            shared = [len(asked & set(self._terms_of(f"{f.question} {f.answer}"))) for f in facts]
            if shared[0] == shared[1]:
                return answer
            subject = 0 if shared[0] > shared[1] else 1
        mine, other = dates[subject], dates[1 - subject]
        verdict = "Before" if mine.sort_key < other.sort_key else "After"
        return replace(answer, text=compose.clip(f"{verdict}. {answer.text}"))

    def _earlier_of_two(
        self, u: Understanding, countries: tuple[str, ...], later: bool
    ) -> Answer | None:
        core = _REMOVE.sub(" ", u.normalised)
        found = [(c, self._lookup(core, (c,), Wants.DATE)) for c in countries]
        dated = [(c, f) for c, f in found if f is not None and f.date is not None]
        if len(dated) < 2 or dated[0][1].id == dated[1][1].id:
            return None
        dated.sort(key=lambda pair: pair[1].date.sort_key)  # type: ignore[union-attr]
        (early, early_fact), (late, late_fact) = dated
        if not early_fact.date.can_be_ordered_with(late_fact.date):  # type: ignore[union-attr,arg-type]
            headline = (
                f"The article's dates do not tell which came first: "
                f"{compose.country_name(early)} {early_fact.date.human()}, "  # type: ignore[union-attr]
                f"{compose.country_name(late)} {late_fact.date.human()}.\n"  # type: ignore[union-attr]
                f"• {_plain(early_fact)}\n• {_plain(late_fact)}"
            )
            return self._build(u, headline, [early_fact, late_fact], complete=False)
        pick = late if later else early
        word = "later" if later else "first"
        headline = (
            f"{compose.country_name(pick)} came {word}: "
            f"{compose.country_name(early)} {early_fact.date.with_preposition()}, "  # type: ignore[union-attr]
            f"{compose.country_name(late)} {late_fact.date.with_preposition()}.\n"  # type: ignore[union-attr]
            f"• {_plain(early_fact)}\n• {_plain(late_fact)}"
        )
        return self._build(u, headline, [early_fact, late_fact])

    def _years_between(self, u: Understanding, vague: bool) -> Answer | None:
        """The time between two events the question names; `vague`: only the readings with
        a part of fewer than two words, else only the others."""
        text = u.normalised
        readings = (
            _fragments_between(text)
            + _fragments_after(text)
            + _fragments_took(text)
            + _fragments_when(text)
        )
        match = _FROM_TO.search(text)
        if match:
            readings.append((match.group(1), match.group(2)))
        countries = u.entities.countries
        # "after Niyazov was declared president for life did he die": "he" is Niyazov.
        people = " ".join(u.entities.people)
        readings = [
            (first, f"{second} {people}" if PERSON_PRONOUN.search(second) else second)
            for first, second in readings
        ]
        pairs = [
            (self._find(first, countries), self._find(second, countries))
            for first, second in readings
            if vague == (min(len(self._terms_of(first)), len(self._terms_of(second))) < 2)
        ]
        if len(countries) == 2 and not vague:  # "how many days apart were A and B set up?"
            core = _REMOVE.sub(" ", text)
            pairs.append(tuple(self._lookup(core, (c,), Wants.DATE) for c in countries))  # type: ignore[arg-type]
        for a, b in pairs:
            if a is not None and b is not None:
                span = self.span(u, a, b)
                if span is not None:
                    return span
        return None

    def span(self, u: Understanding, a: Fact, b: Fact) -> Answer | None:
        """The time between two facts' dates, in the unit asked ("how many months")."""
        a_date, b_date = _date_of(a), _date_of(b)
        if a.id == b.id or a_date is None or b_date is None:
            return None
        (early, earlier), (late, later) = sorted(
            ((a_date, a), (b_date, b)), key=lambda pair: pair[0].sort_key
        )
        unit = _UNIT.search(u.normalised)
        span = _span(early, late, unit.group(1) if unit else "years")
        if span is None:
            return None
        unit_asked = unit.group(1) if unit else "years"
        headline = f"{span}: from {early.human()} to {late.human()}."
        # Recognition in 1991, ties opened in 1993: where the article dates a relationship
        # twice, the span from the other date is given too.
        for fact, other in ((earlier, later), (later, earlier)):
            for twin in self._dated_twice(fact):
                twin_date, other_date = _date_of(twin), _date_of(other)
                if twin_date is None or other_date is None:
                    continue
                ends = sorted((twin_date, other_date), key=lambda day: day.sort_key)
                again = _span(ends[0], ends[1], unit_asked)
                if again is not None and again != span:
                    headline += f" Counting from {twin_date.human()} ({twin.event}): {again}."
        headline += f"\n• {_plain(earlier)}\n• {_plain(later)}"
        return self._build(u, headline, [earlier, later])

    def _dated_twice(self, fact: Fact) -> list[Fact]:
        """Facts dating the same relationship otherwise ("recognized in 1991", "opened
        diplomatic ties in 1993")."""
        if fact.topic != "diplomatic_relations":
            return []
        return [
            other
            for other in self._facts
            if other.id in fact.related
            and other.topic == fact.topic
            and other.date is not None
            and other.date != fact.date
        ]

    def since_fact(self, u: Understanding, fact: Fact, countries: tuple[str, ...]) -> Answer | None:
        """ "How many years after relations were established?" after an answer: the time
        between the fact told and the event the question names."""
        match = _YEARS_BETWEEN.search(u.normalised)
        if match is None:
            return None
        event = _AFTER_WHAT.sub(" ", _REMOVE.sub(" ", u.normalised)).strip()
        if not event:
            return None
        other = self._find(event, countries)
        return self.span(u, fact, other) if other is not None else None

    def _duration(self, u: Understanding) -> Answer | None:
        """ "How long did Niyazov rule?": a fact whose answer spans two dates ("signed in July
        1994, effective since February 1997"), in the unit asked."""
        fact = self._lookup(_REMOVE.sub(" ", u.normalised), u.entities.countries, Wants.DATE)
        if fact is None:
            return None
        dates = sorted({_dated(m) for m in _MONTH_YEAR.finditer(fact.answer)}, key=_sort_key)
        if len(dates) != 2 or (dates[0].year == dates[1].year and dates[0].month is None):
            return None
        start, end = dates
        unit = _UNIT.search(u.normalised)
        span = _span(start, end, unit.group(1) if unit else "years")
        if span is None:
            return None
        headline = f"{span}, from {start.human()} to {end.human()}. {_plain(fact)}"
        return self._build(u, headline, [fact])

    def _change(self, u: Understanding) -> Answer | None:
        """ "By how much did trade grow from 2022 to 2024?": two figures of one measure, for
        different years, in the fact found or in other facts on the same countries."""
        fact = self._lookup(u.normalised, u.entities.countries, Wants.FIGURE)
        if fact is None or not fact.figures:
            return None
        expected = self._expected_change(u, fact)
        if expected is not None:
            return expected
        years = set(u.entities.years)
        measures = {f.measure for f in fact.figures}
        # Each year's figure, and the fact it comes from: the found fact's first.
        found: dict[tuple[str, int], tuple[Figure, Fact]] = {}
        for source in (fact, *self._facts_on(fact.countries)):
            for figure in source.figures:
                if figure.measure in measures and figure.year is not None:
                    found.setdefault((figure.measure, figure.year), (figure, source))
        for measure in sorted(measures):
            series = sorted((y, pair) for (m, y), pair in found.items() if m == measure)
            if years:
                series = [(y, pair) for y, pair in series if y in years]
            if len(series) >= 2 and (not years or len(series) == len(years)):
                (_, (first, first_fact)), (_, (last, last_fact)) = series[0], series[-1]
                difference = last.value - first.value
                direction = "up" if difference >= 0 else "down"
                by = compose.amount(abs(difference), first)
                if _PERCENT.search(u.text.lower()) and first.value:
                    by += f" ({_percent(difference, first.value)})"
                headline = (
                    f"{direction.capitalize()} {by}: from "
                    f"{first.label} in {first.year} to {last.label} in {last.year}."
                )
                parts = list({f.id: f for f in (first_fact, last_fact)}.values())
                lines = [headline, *(_plain(f) for f in parts)]
                return self._build(u, " ".join(lines), parts)
        if len(years) >= 2:  # asked between two years the article does not both give
            given = sorted({y for (m, y) in found if m in measures})
            said = compose.listing([str(y) for y in given]) if given else "no year"
            headline = f"The article gives this figure only for {said}. {_plain(fact)}"
            return self._build(u, headline, [fact], complete=False)
        return None

    def _expected_change(self, u: Understanding, fact: Fact) -> Answer | None:
        """ "How much will tourism grow this year on 2024?": an expected figure (or range, its
        measure named "..._expected") against the latest dated figure of the same measure."""
        expected = [f for f in fact.figures if f.measure.endswith(_EXPECTED)]
        if not expected and _EXPECTS.search(u.normalised):
            # "if tourism hits the top estimate, how many more than in 2024?" may find the
            # 2024 figure: the expectation of its measure is another fact's.
            measures = {f"{f.measure}{_EXPECTED}" for f in fact.figures}
            for source in self._facts_on(fact.countries):
                expected = [f for f in source.figures if f.measure in measures]
                if expected:
                    fact = source
                    break
        if not expected:
            return None
        measure = expected[0].measure.removesuffix(_EXPECTED)
        dated = [
            (figure, source)
            for source in self._facts_on(fact.countries)
            for figure in source.figures
            if figure.measure == measure and figure.year is not None
        ]
        years = set(u.entities.years)
        dated = [(f, s) for f, s in dated if not years or f.year in years]
        if not dated:
            return None
        base, base_fact = max(dated, key=lambda pair: _year_of(pair[0]))
        low, high = min(f.value for f in expected), max(f.value for f in expected)
        rise = compose.amount(low - base.value, base)
        if high != low:
            rise = f"{rise} to {compose.amount(high - base.value, base)}"
        if _PERCENT.search(u.text.lower()) and base.value:
            low_pct, high_pct = (_percent(v - base.value, base.value) for v in (low, high))
            rise += f" ({low_pct} to {high_pct})" if high != low else f" ({low_pct})"
        labels = [f.label for f in sorted(expected, key=lambda f: f.value)]
        expectation = f"between {labels[0]} and {labels[-1]}" if len(labels) > 1 else labels[0]
        headline = (
            f"Up {rise}, if the expectation holds: from {base.label} in {base.year} to "
            f"{expectation} expected. {_plain(base_fact)} {_plain(fact)}"
        )
        return self._build(u, headline, [base_fact, fact])

    def _facts_on(self, countries: tuple[str, ...]) -> list[Fact]:
        return [f for f in self._facts if f.figures and set(f.countries) & set(countries)]

    def _countries_where(self, u: Understanding, left_out: set[str]) -> Answer | None:
        """ "Which countries signed tourism agreements with Israel?": ask about each country
        (but those left out), keep those whose fact says every word of the question."""
        core = _BESIDES.sub(" ", _WHICH_COUNTRIES.sub(" ", u.normalised))
        asked = set(self._understander.parse(core).terms) - _ABOUT_THE_ARTICLE
        if not asked:
            return None
        found: list[tuple[str, Fact]] = []
        for country in (c for c in COUNTRIES if c not in left_out):
            fact = self._lookup(core, (country,), Wants.ANY)
            if (
                fact is not None
                and country in fact.countries
                and not _SAYS_NO.match(fact.answer)
                and asked <= set(self._terms_of(f"{fact.answer} {fact.source.quote}"))
                # "Which countries make up C5+1?" is a detail the C5+1 fact leaves out.
                and not leaves_out(
                    fact, unstated(fact, self._terms_of), u.wants, u.terms, u.normalised
                )
            ):
                found.append((country, fact))
        if not found:
            return None
        facts = list(dict.fromkeys(f for _, f in found))
        # "Which countries are in the Abraham Accords?": the fact answering the whole question
        # may name countries beyond the five, beside the one it is about.
        whole = self._lookup(u.normalised, (), Wants.ANY)
        named = {c for c, _ in found}
        if whole is not None and whole not in facts and set(whole.countries) & named:
            facts.append(whole)
        # Only what the article says: a country left out may just be told in other words.
        listed = compose.country_names([c for c, _ in found])
        # "How many countries...?" gets the count first.
        count = f"{len(found)}, according" if _HOW_MANY.search(u.normalised) else "According"
        lines = [f"{count} to the article: {listed}.", *(f"• {_plain(f)}" for f in facts)]
        return self._build(u, "\n".join(lines), facts)

    def _countries_of(self, u: Understanding) -> Answer | None:
        """ "Which countries did Peres visit?": ask about each country, keep those whose answer
        is about the person named."""
        core = _WHICH_COUNTRIES.sub(" ", u.normalised)
        surnames = [name.split()[-1] for name in u.entities.people]
        found: list[tuple[str, Fact]] = []
        for country in COUNTRIES:
            fact = self._lookup(core, (country,), u.wants)
            if (
                fact is not None
                and country in fact.countries
                and any(surname in fact.answer for surname in surnames)
                and not fact.answer.startswith("No")
            ):
                found.append((country, fact))
        if not found:
            return None
        listed = compose.country_names([c for c, _ in found])
        lines = [f"According to the article: {listed}.", *(f"• {_plain(f)}" for _, f in found)]
        return self._build(u, "\n".join(lines), [f for _, f in found])
