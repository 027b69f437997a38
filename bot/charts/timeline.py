"""The timeline: dated events of Israel's relations with one republic, or all five on lanes.

Layout is computed in pixels before anything is drawn (the y axis is in pixel units), so
labels can be stacked without overlapping:

* every event gets a stem from its marker up to a row ("level") of labels above its lane;
* levels are assigned greedily from the latest event to the earliest, each label taking
  the lowest level where it overlaps no other label, covers no taller stem, and its own
  stem crosses no lower label; the result is a staircase that reads left to right;
* a lane is as tall as its levels need; if the lanes need more than the 675 px frame, the
  image grows taller (up to MAX_HEIGHT_PX) instead of shrinking the type below 11 pt.

Precision is respected: a full date is a dot, a month-only date a bar across that month,
a year-only date a bar across that whole year, and each label states the date exactly as
precisely as the article does ("1994", "May 1992", "Feb 21, 1992").
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.ticker import MultipleLocator

from bot.charts import style
from bot.charts.model import Chart, ChartError, TimelineEvent
from bot.knowledge.loader import KnowledgeBase
from bot.knowledge.schema import COUNTRIES, REGION, Fact, FactDate, Precision

# Geometry in pixels (the figure is WIDTH_PX wide at DPI).
LEFT = 170  # lane names
RIGHT = 28
TOP = 84  # title and subtitle
BOTTOM = 96  # x tick labels, legend, source note
LEVEL_PX = 19  # one row of 11 pt labels
LEVEL_PX_MIN = 16  # only when even MAX_HEIGHT_PX is not enough
LEVEL_PX_MAX = 26  # spare room is spent on air between rows, up to this
BELOW_BASELINE = 14  # room under a lane's axis for its markers
FIRST_LEVEL_GAP = 12  # from a lane's axis to its first row of labels
LANE_GAP = 10
STEM_GAP = 5  # from a stem to its label's text
LABEL_PAD = 10  # minimum horizontal space between two labels on one level
EVENT_CHARS = 44  # longer event labels are cut with "…"

LABEL_SIZE = style.FONT_SMALL


@dataclass(frozen=True)
class _Lane:
    key: str
    name: str
    events: tuple[TimelineEvent, ...]
    levels: int


@dataclass(frozen=True)
class _Placement:
    level: int
    x0: float  # label extent, pixels from the axes' left edge
    x1: float
    stem: float
    right_aligned: bool


def decimal_span(date: FactDate) -> tuple[float, float]:
    """Start and end of a date on the x axis, in decimal years, as precise as the date."""
    if date.precision is Precision.YEAR:
        return float(date.year), float(date.year + 1)
    assert date.month is not None
    if date.precision is Precision.MONTH:
        start = date.year + (date.month - 1) / 12
        return start, start + 1 / 12
    assert date.day is not None
    days = 366 if calendar.isleap(date.year) else 365
    day_of_year = sum(calendar.monthrange(date.year, m)[1] for m in range(1, date.month)) + date.day
    point = date.year + (day_of_year - 0.5) / days
    return point, point


def short_date(date: FactDate) -> str:
    """ "1994", "May 1992" or "Feb 21, 1992": never more precise than the article."""
    if date.month is None:
        return str(date.year)
    month = calendar.month_abbr[date.month]
    return f"{month} {date.year}" if date.day is None else f"{month} {date.day}, {date.year}"


def _lane_of(fact: Fact) -> list[str]:
    named = [c for c in fact.countries if c != REGION]
    return named or [REGION]


def _check_country(country: str | None) -> None:
    if country is not None and country not in (*COUNTRIES, REGION):
        raise ChartError(
            f"unknown country {country!r}; use one of {', '.join((*COUNTRIES, REGION))}"
        )


def collect_events(base: KnowledgeBase, country: str | None) -> dict[str, list[TimelineEvent]]:
    """Dated events per lane, in date order, one per distinct (date, event label).

    With `country` None the lanes are the five republics, plus a "region" lane only when a
    fact about the region as a whole has a dated event.
    """
    _check_country(country)
    lanes: dict[str, list[TimelineEvent]] = {c: [] for c in COUNTRIES}
    lanes[REGION] = []
    seen: set[tuple[str, tuple[int, int, int], str]] = set()
    for fact in sorted(base.facts, key=lambda f: f.id):
        if fact.date is None or not fact.event:
            continue
        for lane in _lane_of(fact):
            key = (lane, fact.date.sort_key, " ".join(fact.event.lower().split()))
            if key in seen:
                continue
            seen.add(key)
            start, end = decimal_span(fact.date)
            label = f"{short_date(fact.date)} · {style.shorten(fact.event, EVENT_CHARS)}"
            lanes[lane].append(
                TimelineEvent(lane, fact.id, fact.date, fact.event, label, start, end, level=0)
            )
    for events in lanes.values():
        events.sort(key=lambda e: (e.date.sort_key, e.event))
    if country is not None:
        return {country: lanes[country]}
    if not lanes[REGION]:
        del lanes[REGION]
    else:  # the region first, then the five
        lanes = {REGION: lanes.pop(REGION), **lanes}
    return lanes


def _axis_years(lanes: dict[str, list[TimelineEvent]]) -> tuple[float, float]:
    events = [e for evs in lanes.values() for e in evs]
    first = min([style.FIRST_YEAR, *(int(e.start) for e in events)])
    last = max([style.PRESENT_YEAR, *(int(e.end - 1e-9) for e in events)])
    return first - 0.4, last + 1.4


def _anchor(event: TimelineEvent) -> float:
    return (event.start + event.end) / 2


def _place(events: list[TimelineEvent], x_px, axes_width: float) -> list[TimelineEvent]:
    """Give each event a label level (see the module docstring); return them with levels.

    Greedy placement depends on the order events are taken in, so a few orders are tried
    and the layout with the fewest stem/label crossings, then the fewest levels, wins.
    """
    if not events:
        return []
    stems = [x_px(_anchor(event)) for event in events]
    latest_first = sorted(range(len(events)), key=lambda i: (stems[i], i), reverse=True)
    # Events too near the right edge for text on their right: a mirrored staircase there.
    edge = [i for i in latest_first if stems[i] + _label_width(events[i]) > axes_width + RIGHT]
    orders = [
        latest_first,
        [*reversed(edge), *(i for i in latest_first if i not in edge)],
        list(reversed(latest_first)),
    ]
    layouts = [_place_in_order(events, stems, order, axes_width) for order in orders]
    return min(layouts, key=_crossings)[0]


def _label_width(event: TimelineEvent) -> float:
    return style.text_width_px(event.label, LABEL_SIZE) + 4 + STEM_GAP


def _crossings(layout: tuple[list[TimelineEvent], list[_Placement]]) -> tuple[int, int]:
    placements = layout[1]
    crossings = sum(
        1
        for a in placements
        for b in placements
        if b.level > a.level and a.x0 - 2 <= b.stem <= a.x1 + 2
    )
    return crossings, max(p.level for p in placements)


def _place_in_order(
    events: list[TimelineEvent], stems: list[float], order: list[int], axes_width: float
) -> tuple[list[TimelineEvent], list[_Placement]]:
    placed: list[_Placement] = []
    result: dict[int, TimelineEvent] = {}
    for position, index in enumerate(order):
        event = events[index]
        stem = stems[index]
        # Stems still to be placed: a label covering one would make it cross later.
        pending = [stems[i] for i in order[position + 1 :] if abs(stems[i] - stem) > 1]
        width = _label_width(event) - STEM_GAP
        right = (stem + STEM_GAP, stem + STEM_GAP + width, False)
        left = (stem - STEM_GAP - width, stem - STEM_GAP, True)
        # Text to the right of the stem reads best; to its left when the right side is taken
        # at this level, or would run off the image (labels may use the right margin).
        options = [right, left] if right[1] <= axes_width + RIGHT - 6 else [left]
        options = [o for o in options if o[0] >= -20] or [right]
        # First choice: no crossing now or later; then no crossing with what is placed.
        # When a lower label already covers this stem no level avoids a crossing: then
        # take the lowest level where the label at least overlaps no other label.
        found = None
        for avoid, strict in ((pending, True), ([], True), ([], False)):
            found = next(
                (
                    (level, option)
                    for level in range(len(events) + 1)
                    for option in options
                    if _fits(option, level, stem, placed, strict=strict)
                    and not any(option[0] - 2 <= x <= option[1] + 2 for x in avoid)
                ),
                None,
            )
            if found is not None:
                break
        assert found is not None  # the loose test passes on an empty level
        level, (x0, x1, right_aligned) = found
        placed.append(_Placement(level, x0, x1, stem, right_aligned))
        result[index] = replace(event, level=level, label_right_aligned=right_aligned)
    return [result[i] for i in range(len(events))], placed


def _fits(
    option: tuple[float, float, bool],
    level: int,
    stem: float,
    placed: list[_Placement],
    *,
    strict: bool,
) -> bool:
    x0, x1, _ = option
    for other in placed:
        if other.level == level and x0 < other.x1 + LABEL_PAD and other.x0 < x1 + LABEL_PAD:
            return False  # overlaps a label on this level
        if not strict:
            continue
        if other.level > level and x0 - 2 <= other.stem <= x1 + 2:
            return False  # would hide a taller stem
        if other.level < level and other.x0 - 2 <= stem <= other.x1 + 2:
            return False  # its own stem would cross a lower label
    return True


def _lane_height(levels: int, level_px: float) -> int:
    return round(BELOW_BASELINE + FIRST_LEVEL_GAP + levels * level_px + LANE_GAP)


@dataclass(frozen=True)
class TimelinePlan:
    country: str | None
    title: str
    lanes: tuple[_Lane, ...]
    x_range: tuple[float, float]
    height_px: int
    lane_heights: tuple[int, ...]
    level_px: float

    @property
    def events(self) -> tuple[TimelineEvent, ...]:
        return tuple(e for lane in self.lanes for e in lane.events)


def plan_timeline(base: KnowledgeBase, country: str | None) -> TimelinePlan:
    lanes_events = collect_events(base, country)
    names = {key: value.name for key, value in base.lexicon.countries.items()}
    x0, x1 = _axis_years(lanes_events)
    axes_width = style.WIDTH_PX - LEFT - RIGHT

    def x_px(year: float) -> float:
        return (year - x0) / (x1 - x0) * axes_width

    lanes = []
    for key, events in lanes_events.items():
        placed = _place(events, x_px, axes_width)
        levels = max((e.level + 1 for e in placed), default=1)
        lanes.append(_Lane(key, style.country_name(key, names), tuple(placed), levels))
    available = style.HEIGHT_PX - TOP - BOTTOM
    total_levels = sum(lane.levels for lane in lanes)
    level_px: float = LEVEL_PX
    needed = sum(_lane_height(lane.levels, level_px) for lane in lanes)
    if needed < available:  # spend spare room on air between rows of labels
        level_px = min(LEVEL_PX_MAX, level_px + (available - needed) / total_levels)
    elif TOP + BOTTOM + needed > style.MAX_HEIGHT_PX:
        level_px = LEVEL_PX_MIN
    heights = [_lane_height(lane.levels, level_px) for lane in lanes]
    height = max(style.HEIGHT_PX, TOP + BOTTOM + sum(heights))
    if country is None:
        title = "Israel and the five Central Asian republics: dated events"
    else:
        title = f"Israel and {style.country_name(country, names)}: dated events"
    title += f", {style.FIRST_YEAR}–{style.PRESENT_YEAR}"
    return TimelinePlan(country, title, tuple(lanes), (x0, x1), height, tuple(heights), level_px)


def draw_timeline(plan: TimelinePlan) -> Figure:
    height = plan.height_px
    figure = style.new_figure(height)
    axes_height = sum(plan.lane_heights)
    axes_width = style.WIDTH_PX - LEFT - RIGHT
    # Lanes that need less than the frame sit in the middle of the space under the title.
    spare = height - TOP - BOTTOM - axes_height
    bottom = height - TOP - axes_height - spare / 2
    ax = figure.add_axes(
        (LEFT / style.WIDTH_PX, bottom / height, axes_width / style.WIDTH_PX, axes_height / height)
    )
    x0, x1 = plan.x_range
    ax.set_xlim(x0, x1)
    ax.set_ylim(0, axes_height)  # y is in pixels
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(style.MUTED)
    first_tick = style.FIRST_YEAR
    ticks = [first_tick, *range((first_tick // 5 + 1) * 5, int(x1) + 1, 5)]
    ax.xaxis.set_minor_locator(MultipleLocator(1))
    ax.set_xticks(ticks, labels=[str(t) for t in ticks])
    ax.tick_params(axis="x", labelsize=style.FONT_SMALL, colors=style.TEXT, length=6)
    ax.tick_params(axis="x", which="minor", length=3, color=style.MUTED)
    ax.grid(axis="x", which="major", color=style.GRID, linewidth=0.8, zorder=0)
    ax.set_axisbelow(True)

    top = axes_height
    for lane, lane_height in zip(plan.lanes, plan.lane_heights, strict=True):
        lane_bottom = top - lane_height
        baseline = lane_bottom + BELOW_BASELINE + LANE_GAP / 2
        _draw_lane(figure, ax, lane, baseline, (height, bottom, plan.level_px))
        top = lane_bottom

    _decorate(figure, plan, height)
    return figure


def _draw_lane(
    figure: Figure, ax, lane: _Lane, baseline: float, geometry: tuple[int, float, float]
) -> None:
    height, bottom, level_px = geometry
    colour = style.COUNTRY_COLOURS[lane.key]
    x0, x1 = ax.get_xlim()
    ax.hlines(baseline, x0, x1, color=style.MUTED, linewidth=1.0, zorder=1)
    label_y = (bottom + baseline) / height
    figure.text(
        (LEFT - 14) / style.WIDTH_PX,
        label_y,
        lane.name,
        ha="right",
        va="center",
        fontproperties=style.font(style.FONT_BODY, "bold"),
        color=style.TEXT,
        parse_math=False,
        gid=f"lane:{lane.key}",
    )
    figure.patches.append(
        Rectangle(
            ((LEFT - 10) / style.WIDTH_PX, label_y - 6 / height),
            6 / style.WIDTH_PX,
            12 / height,
            transform=figure.transFigure,
            facecolor=colour,
            edgecolor="none",
            figure=figure,
        )
    )
    if not lane.events:
        ax.text(
            x0 + 0.3,
            baseline + FIRST_LEVEL_GAP + level_px / 2,
            "no dated events in the fact base",
            va="center",
            fontproperties=style.font(LABEL_SIZE, style="italic"),
            color=style.MUTED,
            parse_math=False,
            gid=f"empty:{lane.key}",
        )
    x_scale = (ax.get_position().width * style.WIDTH_PX) / (x1 - x0)  # pixels per year
    for event in lane.events:
        _draw_event(ax, event, baseline, colour, (x_scale, level_px))


def _draw_event(
    ax, event: TimelineEvent, baseline: float, colour: str, scale: tuple[float, float]
) -> None:
    x_scale, level_px = scale
    gid = f"event:{event.lane}:{event.fact_id}"
    if event.precision is Precision.DAY:
        ax.add_line(
            Line2D(
                [event.start],
                [baseline],
                marker="o",
                markersize=9,
                markerfacecolor=colour,
                markeredgecolor=style.TEXT,
                markeredgewidth=0.8,
                linestyle="none",
                zorder=4,
                gid=gid,
            )
        )
    else:
        half = 7 if event.precision is Precision.MONTH else 5
        ax.add_patch(
            Rectangle(
                (event.start, baseline - half),
                event.end - event.start,
                2 * half,
                facecolor=colour,
                edgecolor=style.TEXT,
                linewidth=0.8,
                zorder=3,
                gid=gid,
            )
        )
    anchor = _anchor(event)
    level_y = baseline + FIRST_LEVEL_GAP + event.level * level_px + level_px / 2
    ax.vlines(anchor, baseline + 6, level_y, color=style.MUTED, linewidth=0.8, zorder=2)
    right_aligned = event.label_right_aligned
    offset = STEM_GAP / x_scale
    ax.text(
        anchor - offset if right_aligned else anchor + offset,
        level_y,
        event.label,
        ha="right" if right_aligned else "left",
        va="center",
        color=style.TEXT,
        fontproperties=style.font(LABEL_SIZE),
        parse_math=False,
        zorder=5,
        bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5, "alpha": 0.9},
        gid=f"label:{event.lane}:{event.fact_id}",
    )


def _decorate(figure: Figure, plan: TimelinePlan, height: int) -> None:
    style.frame_texts(
        figure,
        title=plan.title,
        subtitle="Each event as the article dates it, drawn no more precisely than the article "
        "gives it.",
        left_px=24,
        right_px=RIGHT,
        height=height,
        source_bottom_px=14,
    )
    handles = [
        Line2D(
            [],
            [],
            marker="o",
            markersize=9,
            markerfacecolor=style.MUTED,
            markeredgecolor=style.TEXT,
            linestyle="none",
            label="exact day",
        ),
        Rectangle((0, 0), 1, 1, facecolor=style.MUTED, edgecolor=style.TEXT, label="month known"),
        Rectangle(
            (0, 0),
            1,
            1,
            facecolor=style.MUTED,
            edgecolor=style.TEXT,
            label="year only (bar spans the year)",
        ),
    ]
    figure.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(LEFT / style.WIDTH_PX, 8 / height),
        ncols=3,
        frameon=False,
        prop=style.font(style.FONT_SMALL),
        handlelength=1.6,
        handler_map={handles[1]: _NarrowBar(0.25), handles[2]: _NarrowBar(1.0)},
    )


class _NarrowBar:
    """Legend handler: a bar `fraction` of the handle's width, as month/year bars look."""

    def __init__(self, fraction: float) -> None:
        self.fraction = fraction

    def legend_artist(self, legend, orig_handle, fontsize, handlebox):
        width = handlebox.width * self.fraction
        height = handlebox.height * (1.0 if self.fraction < 1 else 0.7)
        patch = Rectangle(
            (
                handlebox.xdescent + (handlebox.width - width) / 2,
                handlebox.ydescent + (handlebox.height - height) / 2,
            ),
            width,
            height,
            facecolor=style.MUTED,
            edgecolor=style.TEXT,
            linewidth=0.8,
            transform=handlebox.get_transform(),
        )
        handlebox.add_artist(patch)
        return patch


def alt_text(plan: TimelinePlan) -> str:
    lanes = plan.lanes
    if plan.country is None:
        head = (
            f"Timeline, {style.FIRST_YEAR} to {style.PRESENT_YEAR}, of dated events in Israel's "
            f"relations with the five Central Asian republics, one lane per country."
        )
    else:
        head = (
            f"Timeline, {style.FIRST_YEAR} to {style.PRESENT_YEAR}, of dated events in Israel's "
            f"relations with {lanes[0].name}."
        )
    parts = [head]
    for lane in lanes:
        if not lane.events:
            parts.append(f"{lane.name}: no dated events.")
            continue
        items = "; ".join(f"{e.date.human()}: {e.event}" for e in lane.events)
        count = len(lane.events)
        parts.append(f"{lane.name} ({count} event{'s' if count != 1 else ''}): {items}.")
    return " ".join(parts)


def render_timeline(base: KnowledgeBase, country: str | None = None) -> Chart:
    """The timeline of one country (or all five on lanes, with `country` None) as a PNG."""
    plan = plan_timeline(base, country)
    figure = draw_timeline(plan)
    png = style.to_png(figure)
    return Chart(
        kind="timeline",
        title=plan.title,
        png=png,
        alt_text=alt_text(plan),
        width=style.WIDTH_PX,
        height=plan.height_px,
        filename=f"timeline-{country or 'all'}.png",
        events=plan.events,
    )
