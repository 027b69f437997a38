"""The comparison: one bar per figure the article gives, grouped by country.

Rules, so a reader can trust what the bars mean:

* `what` picks one figure measure ("trade" → trade, "jewish community" →
  jewish_population, "tourism" → tourists). Related but different measures (a former
  population, a forecast, a subgroup such as Bukharan Jews) are not mixed in.
* Every distinct figure is its own bar: when the article gives several for one country
  (Uzbekistan's trade: $211 million in 2023 from the Uzbek Investment Ministry, $25 million
  in 2022 and $54 million in 2024 from the ambassador), all are drawn, in year order, each
  labelled "<year> · <source>". Nothing is averaged or chosen. The year is the figure's
  own, else its fact's date, else "year not given".
* Only figures about one country are drawn (a fact naming several countries, or the region
  as a whole, cannot be split between them).
* A country with no figure gets a "not given" text marker, never a zero-length bar.
* An approximate figure is hatched and its value starts with "~".
* Lengths are linear from zero; every bar carries its value as text, so a small figure
  (36 people) next to a large one stays readable.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter, MaxNLocator

from bot.charts import style
from bot.charts.model import Bar, Chart, ChartError
from bot.knowledge.loader import KnowledgeBase
from bot.knowledge.schema import COUNTRIES, Fact
from bot.knowledge.schema import Figure as FactFigure


@dataclass(frozen=True)
class Measure:
    key: str  # the `what` people ask for
    measure: str  # Figure.measure in the fact base
    title: str
    axis: str
    alt: str  # what the bars show, for the alt text


MEASURES: dict[str, Measure] = {
    "trade": Measure(
        "trade",
        "trade",
        "Israel's trade with each republic",
        "trade, US dollars (per year)",
        "Israel's trade with each Central Asian republic in US dollars a year",
    ),
    "jewish community": Measure(
        "jewish community",
        "jewish_population",
        "Jewish population of each republic",
        "Jewish residents (people)",
        "the Jewish population of each Central Asian republic",
    ),
    "tourism": Measure(
        "tourism",
        "tourists",
        "Israeli tourists to each republic",
        "tourists from Israel (per year)",
        "the number of Israeli tourists to each Central Asian republic a year",
    ),
}
_ALIASES = {
    "trade": "trade",
    "bilateral trade": "trade",
    "jewish community": "jewish community",
    "jewish communities": "jewish community",
    "jewish population": "jewish community",
    "jewish": "jewish community",
    "jews": "jewish community",
    "tourism": "tourism",
    "tourists": "tourism",
}

# Geometry in pixels.
TOP = 104
BOTTOM = 78
RIGHT = 30
LABEL_GAP = 14
ROW_MIN, ROW_MAX = 26, 60
BAR_MAX_PX = 30
VALUE_GAP = 8
LABEL_SIZE = style.FONT_SMALL
SOURCE_CHARS = 34

_APPROX_WORDS = re.compile(
    r"^(?:about|around|roughly|approximately|approx\.?|some|nearly|almost|circa|c\.|~)\s*",
    re.IGNORECASE,
)


def measure_for(what: str) -> Measure:
    """The measure for `what` ("trade", "jewish community", "tourism", or a close alias)."""
    key = " ".join(what.lower().replace("-", " ").replace("_", " ").split())
    if key in _ALIASES:
        return MEASURES[_ALIASES[key]]
    raise ChartError(f"unknown measure {what!r}; use one of: {', '.join(MEASURES)}")


def check_countries(countries: list[str] | None) -> list[str]:
    if countries is None:
        return list(COUNTRIES)
    chosen: list[str] = []
    for country in countries:
        key = country.strip().lower()
        if key not in COUNTRIES:
            raise ChartError(f"unknown country {country!r}; use one of {', '.join(COUNTRIES)}")
        if key not in chosen:
            chosen.append(key)
    if not chosen:
        raise ChartError("no countries chosen")
    return chosen


def source_name(speaker: str | None) -> str:
    """Who the article credits, short: "Gideon Lustig, Israel's ambassador…" → "Gideon Lustig"."""
    if not speaker or not speaker.strip():
        return "the article"
    name = re.sub(r"^according to\s+", "", speaker.strip(), flags=re.IGNORECASE)
    name = name.split(",")[0].strip()
    name = re.sub(r"\s+(?:told|said|says|tells)\b.*$", "", name)
    if name.lower() != "the article":
        name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    return style.shorten(name, SOURCE_CHARS) or "the article"


def value_text(figure: FactFigure) -> str:
    """The figure as the article writes it, with "~" in front when it is approximate."""
    label = " ".join(figure.label.split())
    if not figure.approximate:
        return label
    return "~" + _APPROX_WORDS.sub("", label)


def _year(figure: FactFigure, fact: Fact) -> int | None:
    if figure.year is not None:
        return figure.year
    return fact.date.year if fact.date is not None else None


def collect_bars(
    base: KnowledgeBase, measure: Measure, countries: list[str]
) -> tuple[list[Bar], list[str]]:
    """The bars to draw, in country then year order, and the figures left out (other units)."""
    found: list[tuple[Fact, FactFigure]] = [
        (fact, figure)
        for fact in sorted(base.facts, key=lambda f: f.id)
        for figure in fact.figures
        if figure.measure == measure.measure and fact.single_country in countries
    ]
    units = Counter(figure.unit for _, figure in found)
    unit = units.most_common(1)[0][0] if units else ""
    left_out = [f"{fig.label} ({fig.unit})" for _, fig in found if fig.unit != unit]
    bars: list[Bar] = []
    seen: set[tuple[str, float, int | None, str]] = set()
    for fact, figure in found:
        if figure.unit != unit:
            continue
        country = fact.single_country
        assert country is not None
        year = _year(figure, fact)
        source = source_name(fact.source.speaker)
        key = (country, figure.value, year, source)
        if key in seen:
            continue
        seen.add(key)
        year_text = str(year) if year is not None else "year not given"
        bars.append(
            Bar(
                country=country,
                fact_id=fact.id,
                measure=figure.measure,
                value=figure.value,
                unit=figure.unit,
                year=year,
                approximate=figure.approximate,
                source=source,
                value_text=value_text(figure),
                label=f"{year_text} · {source}",
            )
        )
    order = {c: i for i, c in enumerate(countries)}
    bars.sort(key=lambda b: (order[b.country], b.year is None, b.year or 0, b.value))
    return bars, left_out


def _money(value: float) -> str:
    if value >= 1e9:
        return f"${value / 1e9:g}B"
    if value >= 1e6:
        return f"${value / 1e6:g}M"
    if value >= 1e3:
        return f"${value / 1e3:g}K"
    return f"${value:g}"


@dataclass(frozen=True)
class ComparePlan:
    measure: Measure
    countries: tuple[str, ...]
    names: dict[str, str]
    bars: tuple[Bar, ...]
    not_given: tuple[str, ...]
    left_out: tuple[str, ...]
    rows: tuple[tuple[str, str, Bar | None], ...]  # (kind "country"|"bar", country, bar)
    height_px: int
    row_px: float
    label_px: float  # width of the label column

    @property
    def title(self) -> str:
        return f"{self.measure.title}, as the article reports it"


def plan_compare(base: KnowledgeBase, what: str, countries: list[str] | None) -> ComparePlan:
    measure = measure_for(what)
    chosen = check_countries(countries)
    bars, left_out = collect_bars(base, measure, chosen)
    names = {key: value.name for key, value in base.lexicon.countries.items()}
    rows: list[tuple[str, str, Bar | None]] = []
    not_given: list[str] = []
    for country in chosen:
        rows.append(("country", country, None))
        mine = [b for b in bars if b.country == country]
        if not mine:
            not_given.append(country)
        rows.extend(("bar", country, b) for b in mine)
    widths = [style.text_width_px(b.label, LABEL_SIZE) for b in bars]
    bold = style.FONT_BODY, "bold"
    widths += [style.text_width_px(style.country_name(c, names), *bold) for c in chosen]
    label_px = max(widths)
    label_px = min(max(label_px + 2 * LABEL_GAP, 200), 480)
    available = style.HEIGHT_PX - TOP - BOTTOM
    row_px = min(ROW_MAX, max(ROW_MIN, available / len(rows)))
    height = max(style.HEIGHT_PX, round(TOP + BOTTOM + row_px * len(rows)))
    return ComparePlan(
        measure,
        tuple(chosen),
        names,
        tuple(bars),
        tuple(not_given),
        tuple(left_out),
        tuple(rows),
        height,
        row_px,
        label_px,
    )


def draw_compare(plan: ComparePlan) -> Figure:
    height = plan.height_px
    figure = style.new_figure(height)
    axes_height = plan.row_px * len(plan.rows)
    axes_width = style.WIDTH_PX - plan.label_px - RIGHT
    # A short chart sits in the middle of the space under the title, not at its top.
    spare = height - TOP - BOTTOM - axes_height
    bottom = height - TOP - axes_height - spare / 2
    ax = figure.add_axes(
        (
            plan.label_px / style.WIDTH_PX,
            bottom / height,
            axes_width / style.WIDTH_PX,
            axes_height / height,
        )
    )
    n = len(plan.rows)
    ax.set_ylim(n - 0.5, -0.5)  # first row at the top
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(style.MUTED)

    # Room at the right of the longest bar for its value text.
    xmax = 1.0
    for widest in plan.bars:
        text_px = style.text_width_px(widest.value_text, LABEL_SIZE, "bold") + VALUE_GAP + 6
        xmax = max(xmax, widest.value * axes_width / max(axes_width - text_px, 1.0))
    ax.set_xlim(0, xmax * 1.02)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
    if plan.bars and plan.bars[0].unit == "USD":
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: _money(v)))
    else:
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.tick_params(axis="x", labelsize=style.FONT_SMALL, colors=style.TEXT)
    ax.grid(axis="x", color=style.GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_xlabel(plan.measure.axis, fontproperties=style.font(style.FONT_SMALL), color=style.MUTED)
    pixels_per_unit = axes_width / ax.get_xlim()[1]

    label_x = (plan.label_px - LABEL_GAP) / style.WIDTH_PX
    for row, (kind, country, bar) in enumerate(plan.rows):
        y_fig = (bottom + axes_height - (row + 0.5) * plan.row_px) / height
        if kind == "country":
            figure.text(
                LABEL_GAP / style.WIDTH_PX,
                y_fig,
                style.country_name(country, plan.names),
                ha="left",
                va="center",
                fontproperties=style.font(style.FONT_BODY, "bold"),
                color=style.TEXT,
                parse_math=False,
                gid=f"country:{country}",
            )
            if country in plan.not_given:
                ax.text(
                    0,
                    row,
                    "  not given",
                    ha="left",
                    va="center",
                    fontproperties=style.font(LABEL_SIZE, style="italic"),
                    color=style.MUTED,
                    parse_math=False,
                    gid=f"not-given:{country}",
                )
            if row > 0:
                ax.axhline(row - 0.5, color=style.GRID, linewidth=0.8, zorder=0)
            continue
        assert bar is not None
        colour = style.COUNTRY_COLOURS[country]
        figure.text(
            label_x,
            y_fig,
            bar.label,
            ha="right",
            va="center",
            fontproperties=style.font(LABEL_SIZE),
            color=style.TEXT,
            parse_math=False,
            gid=f"label:{row}",
        )
        thickness = min(0.62, BAR_MAX_PX / plan.row_px)
        ax.add_patch(
            Rectangle(
                (0, row - thickness / 2),
                bar.value,
                thickness,
                facecolor=colour,
                edgecolor=style.TEXT,
                linewidth=0.8,
                hatch="///" if bar.approximate else None,
                hatchcolor="white",
                zorder=3,
                gid=f"bar:{row}",
            )
        )
        ax.text(
            bar.value + VALUE_GAP / pixels_per_unit,
            row,
            bar.value_text,
            ha="left",
            va="center",
            fontproperties=style.font(LABEL_SIZE, "bold"),
            color=style.TEXT,
            parse_math=False,
            gid=f"value:{row}",
        )

    style.frame_texts(
        figure,
        title=plan.title,
        subtitle=(
            "Each figure the article gives is its own bar, labelled with its year and who gave "
            "it.\n"
            "~ and hatching: approximate.   “not given”: the article gives no figure."
        ),
        left_px=LABEL_GAP,
        right_px=RIGHT,
        height=height,
        source_bottom_px=12,
    )
    return figure


def alt_text(plan: ComparePlan) -> str:
    parts = [
        f"Bar chart of {plan.measure.alt}, as the article reports it, one bar per figure "
        "with its year and source."
    ]
    for country in plan.countries:
        name = style.country_name(country, plan.names)
        mine = [b for b in plan.bars if b.country == country]
        if not mine:
            continue
        items = "; ".join(
            f"{b.value_text} ({'year not given' if b.year is None else b.year}, {b.source})"
            for b in mine
        )
        parts.append(f"{name}: {items}.")
    if plan.not_given:
        names = [style.country_name(c, plan.names) for c in plan.not_given]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        parts.append(f"{listed}: not given.")
    if plan.left_out:
        parts.append(f"Left out (other units): {', '.join(plan.left_out)}.")
    return " ".join(parts)


def render_compare(base: KnowledgeBase, what: str, countries: list[str] | None = None) -> Chart:
    """A bar chart of the figures the article gives for `what`, per country, as a PNG."""
    plan = plan_compare(base, what, countries)
    figure = draw_compare(plan)
    slug = plan.measure.key.replace(" ", "-")
    return Chart(
        kind="compare",
        title=plan.title,
        png=style.to_png(figure),
        alt_text=alt_text(plan),
        width=style.WIDTH_PX,
        height=plan.height_px,
        filename=f"compare-{slug}.png",
        bars=plan.bars,
        not_given=plan.not_given,
    )
