"""Finding countries, cities, people, years and places in a normalised question."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

import pycountry
from rapidfuzz import fuzz, process

from bot.knowledge.loader import Lexicon
from bot.understanding.normalise import normalise

_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
# "2000 km", "1900 jews": a number with a unit after it is a quantity, not a year.
_UNITS = frozenset(
    {
        "km",
        "kilometres",
        "kilometers",
        "kms",
        "miles",
        "mi",
        "people",
        "jews",
        "tourists",
        "israelis",
        "visitors",
        "families",
        "percent",
        "dollars",
        "usd",
    }
)
DECADE = re.compile(r"\b(1[89]\d0|20\d0)s\b")  # as normalised: "the 90s" is "the 1990s"
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
FUZZY_MIN_LENGTH = 5  # shorter tokens match exactly or not at all
FUZZY_CUTOFF = 85.0
FUZZY_CACHE_SIZE = 8192  # tokens remembered
MAX_PHRASE = 4
_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_MONTHS.pop("may", None)  # "may" is mostly the verb; "in may 1992" is caught by the year anyway


class Kind(StrEnum):
    COUNTRY = "country"  # one of the five (or a city in it)
    REGION = "region"
    PERSON = "person"
    COVERED = "covered"  # a place the article speaks of (Russia, Iran, ...)
    FOREIGN = "foreign"  # a country the article does not cover


@dataclass(frozen=True)
class Entities:
    countries: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    region: bool = False
    people: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    decades: tuple[int, ...] = ()  # each decade's first year
    months: tuple[int, ...] = ()
    numbers: tuple[str, ...] = ()
    covered_places: tuple[str, ...] = ()
    foreign: tuple[str, ...] = ()


def _foreign_country_names() -> set[str]:
    names = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names.add(normalise(value))
                names.add(normalise(value.split(",")[0]))
    return names


class EntityIndex:
    """Lexicon phrases, exact first, then fuzzy for long single tokens (typos)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self._phrases: dict[tuple[str, ...], tuple[Kind, str, str | None]] = {}
        for name in (*_foreign_country_names(), *map(normalise, lexicon.foreign_places)):
            self._add(name, Kind.FOREIGN, name)
        for place in lexicon.covered_places:
            self._add(place, Kind.COVERED, normalise(place))
        for alias in lexicon.region_aliases:
            self._add(alias, Kind.REGION, "region")
        for person in lexicon.people:
            for alias in (person.name, *person.aliases):
                self._add(alias, Kind.PERSON, person.name)
        for country, names in lexicon.countries.items():
            for alias in (names.name, *names.aliases):
                self._add(alias, Kind.COUNTRY, country)
            for city in names.cities:
                self._add(city, Kind.COUNTRY, country, city=normalise(city))
        # Only long single-word names are worth fuzzy matching; short ones collide with words.
        self._fuzzy_keys = [
            key[0] for key in self._phrases if len(key) == 1 and len(key[0]) >= FUZZY_MIN_LENGTH
        ]
        # Bounded: every unknown word a user sends would otherwise stay for the life of the bot.
        self._fuzzy = lru_cache(maxsize=FUZZY_CACHE_SIZE)(self._closest_key)

    def _add(self, text: str, kind: Kind, value: str, city: str | None = None) -> None:
        key = tuple(normalise(text).split())
        if key:
            self._phrases[key] = (kind, value, city)

    def _closest_key(self, token: str) -> str | None:
        match = process.extractOne(
            token,
            self._fuzzy_keys,
            scorer=fuzz.ratio,
            score_cutoff=FUZZY_CUTOFF,
            processor=None,
        )
        return match[0] if match else None

    def extract(self, words: list[str], known_words: frozenset[str]) -> Entities:
        found: dict[Kind, list[str]] = {kind: [] for kind in Kind}
        cities: list[str] = []
        years: list[int] = []
        decades: list[int] = []
        months: list[int] = []
        numbers: list[str] = []
        i = 0
        while i < len(words):
            for size in range(min(MAX_PHRASE, len(words) - i), 0, -1):
                entry = self._phrases.get(tuple(words[i : i + size]))
                if entry:
                    break
            else:
                size, entry = 1, None
                token = words[i]
                # "kazakhstans chief rabbi": a possessive typed without its apostrophe.
                entry = self._phrases.get((token[:-1],)) if token.endswith("s") else None
                if entry is None and (
                    len(token) >= FUZZY_MIN_LENGTH and token not in known_words and token.isalpha()
                ):
                    key = self._fuzzy(token)
                    entry = self._phrases[(key,)] if key else None
            if entry:
                kind, value, city = entry
                if value not in found[kind]:
                    found[kind].append(value)
                if city:
                    cities.append(city)
            else:
                token = words[i]
                measured = i + 1 < len(words) and words[i + 1] in _UNITS
                if _YEAR.match(token) and not measured:
                    years.append(int(token))
                elif DECADE.fullmatch(token):
                    decades.append(int(token[:4]))
                elif _NUMBER.match(token):
                    numbers.append(token)
                elif token in _MONTHS:
                    months.append(_MONTHS[token])
            i += size
        return Entities(
            countries=tuple(found[Kind.COUNTRY]),
            cities=tuple(cities),
            region=bool(found[Kind.REGION]),
            people=tuple(found[Kind.PERSON]),
            years=tuple(years),
            decades=tuple(decades),
            months=tuple(months),
            numbers=tuple(numbers),
            covered_places=tuple(found[Kind.COVERED]),
            foreign=tuple(found[Kind.FOREIGN]),
        )

    def entity_words(self) -> frozenset[str]:
        """Every word that is part of a lexicon name (so spelling correction leaves it alone)."""
        return frozenset(word for key in self._phrases for word in key)
