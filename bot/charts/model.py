"""What a rendered chart is: the PNG, its alt text, and the values it plots."""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.schema import FactDate, Precision


class ChartError(ValueError):
    """A chart was asked for something it cannot show (unknown country or measure)."""


@dataclass(frozen=True)
class TimelineEvent:
    """One dated event as plotted: `start`/`end` are decimal years on the x axis.

    A year-only date spans its whole year (end = start + 1), a month-only date its month,
    and a full date is a point (end == start).
    """

    lane: str  # a country id, or "region"
    fact_id: str
    date: FactDate
    event: str  # the fact's short timeline label
    label: str  # the text drawn next to the marker: "<date> · <event>"
    start: float
    end: float
    level: int  # 0 = the row of labels closest to the lane's axis
    label_right_aligned: bool = False  # the label ends at the stem (no room to its right)

    @property
    def precision(self) -> Precision:
        return self.date.precision


@dataclass(frozen=True)
class Bar:
    """One figure from the fact base, drawn as one bar."""

    country: str
    fact_id: str
    measure: str
    value: float
    unit: str
    year: int | None  # the figure's year (or its fact's year); None if the article gives none
    approximate: bool
    source: str  # who the article credits, or "the article"
    value_text: str  # drawn at the end of the bar, "~" first when approximate
    label: str  # drawn left of the bar: "<year> · <source>"


@dataclass(frozen=True)
class Chart:
    """A rendered chart. `events` (timeline) or `bars` and `not_given` (compare) hold exactly
    what is drawn, so callers and tests can check it without reading pixels."""

    kind: str  # "timeline" or "compare"
    title: str
    png: bytes
    alt_text: str
    width: int
    height: int
    filename: str  # a suggested attachment name, e.g. "timeline-uzbekistan.png"
    events: tuple[TimelineEvent, ...] = ()
    bars: tuple[Bar, ...] = ()
    not_given: tuple[str, ...] = ()  # country ids with no figure for the measure

    def alt_text_within(self, limit: int = 1024) -> str:
        """The alt text cut at a sentence or entry boundary to fit `limit` characters
        (Discord accepts at most 1024 for an attachment description)."""
        if len(self.alt_text) <= limit:
            return self.alt_text
        suffix = " …"
        cut = self.alt_text[: limit - len(suffix)]
        boundary = max(cut.rfind("; "), cut.rfind(". "))
        if boundary > limit // 2:
            cut = cut[: boundary + 1]
        return cut.rstrip() + suffix
