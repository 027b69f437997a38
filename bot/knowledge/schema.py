"""The shape of a fact, as the YAML files under knowledge/ write it.

Validation that needs only one fact lives here; checks across facts or against the
article live in validate.py.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

COUNTRIES: tuple[str, ...] = (
    "kazakhstan",
    "kyrgyzstan",
    "tajikistan",
    "turkmenistan",
    "uzbekistan",
)
REGION = "region"
# How an answer opens with its verdict ("Yes.", "No:", "No, according to ...", "Yes, Kazakhstan
# ..."): answers to "did...?" keep it, answers to "when...?" drop it.
VERDICT = re.compile(r"^(Yes|No)(?:[.:]|,(?= [A-Z]| according\b)) +")
SCOPES: tuple[str, ...] = (*COUNTRIES, REGION)

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class FactDate(BaseModel):
    """A date as precise as the article makes it: "1992", "1992-04" or "1992-02-21"."""

    model_config = ConfigDict(frozen=True)

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        return Precision.MONTH if self.month is not None else Precision.YEAR

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def human(self) -> str:
        """The date in words, never more precise than the article."""
        if self.month is None:
            return str(self.year)
        month = dt.date(2000, self.month, 1).strftime("%B")
        if self.day is None:
            return f"{month} {self.year}"
        return f"{month} {self.day}, {self.year}"

    def can_be_ordered_with(self, other: FactDate) -> bool:
        """Whether the two dates' order is known at the precision the article gives: "1992"
        and "May 1992" cannot be ordered."""
        if self.year != other.year:
            return True
        if self.month is None or other.month is None:
            return False
        if self.month != other.month:
            return True
        return self.day is not None and other.day is not None and self.day != other.day

    def as_date(self) -> dt.date:
        """The first day the date can mean (its month and day, where the article gives them)."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def with_preposition(self) -> str:
        """ "on March 4, 1992", "in March 1992", "in 1992"."""
        return f"{'on' if self.day is not None else 'in'} {self.human()}"

    @classmethod
    def parse(cls, value: Any) -> FactDate:
        if isinstance(value, FactDate):
            return value
        if isinstance(value, dt.date):
            return cls(year=value.year, month=value.month, day=value.day)
        text = str(value).strip()
        match = _ISO_DATE.match(text)
        if not match:
            raise ValueError(f"date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        # dt.date raises a readable ValueError for impossible months and days.
        dt.date(year, month or 1, day or 1)
        return cls(year=year, month=month, day=day)


class Figure(BaseModel):
    """A number the article gives, with what it measures."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    measure: str = Field(description="what is counted, e.g. trade, jewish_population, tourists")
    value: float
    unit: str = Field(description="e.g. USD, people, percent, km, tourists, organisations")
    currency: str | None = None
    year: int | None = None
    approximate: bool = False
    label: str = Field(description="the figure as the answer writes it, e.g. '$211 million'")
    country: str | None = Field(
        default=None,
        description="the country the figure is for, when the fact names several",
    )

    @field_validator("country")
    @classmethod
    def _known_country(cls, value: str | None) -> str | None:
        if value is not None and value not in COUNTRIES:
            raise ValueError(f"unknown country {value!r}; expected one of {', '.join(COUNTRIES)}")
        return value


class Person(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    role: str


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    document: str
    section: str
    quote: str = Field(min_length=12)
    speaker: str | None = Field(
        default=None,
        description="who said it or which body the article credits; null for plain narration",
    )


class Fact(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(min_length=3)]
    countries: tuple[str, ...] = Field(min_length=1)
    topic: str
    question: str = Field(min_length=8)
    alternatives: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    answer: str = Field(min_length=10, max_length=600)
    key_value: str = Field(description="the value the answer must state, e.g. 'February 21, 1992'")
    date: FactDate | None = None
    event: str | None = Field(default=None, description="short timeline label; needs a date")
    figures: tuple[Figure, ...] = ()
    people: tuple[Person, ...] = ()
    note: str | None = Field(default=None, description="where the article is vague or inconsistent")
    related: tuple[str, ...] = ()
    source: Source

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _SLUG.match(value):
            raise ValueError("use a lower-case slug such as 'uzbekistan-relations-date'")
        return value

    @field_validator("keywords", "alternatives", mode="before")
    @classmethod
    def _as_strings(cls, value: Any) -> Any:
        # YAML reads `1992` as a number; a keyword is always text.
        return [str(v) for v in value] if isinstance(value, list) else value

    @field_validator("countries")
    @classmethod
    def _known_countries(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [c for c in value if c not in SCOPES]
        if unknown:
            raise ValueError(f"unknown country {unknown}; use one of {', '.join(SCOPES)}")
        return value

    @field_validator("date", mode="before")
    @classmethod
    def _parse_date(cls, value: Any) -> FactDate | None:
        return None if value is None else FactDate.parse(value)

    @model_validator(mode="after")
    def _answer_states_key_value(self) -> Fact:
        if _squash(self.key_value) not in _squash(self.answer):
            raise ValueError(f"answer must contain key_value {self.key_value!r}")
        if self.event and self.date is None:
            raise ValueError("a fact with an 'event' label needs a 'date'")
        return self

    @property
    def all_questions(self) -> tuple[str, ...]:
        return (self.question, *self.alternatives)

    @property
    def single_country(self) -> str | None:
        named = [c for c in self.countries if c != REGION]
        return named[0] if len(named) == 1 else None


def _squash(text: str) -> str:
    return " ".join(text.lower().split())
