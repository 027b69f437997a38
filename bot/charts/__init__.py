"""Charts drawn from the fact base: a timeline of dated events and bar charts of figures.

Rendered with matplotlib's Agg canvas on a bare Figure (no pyplot, no display, no Discord),
so a chart can be drawn in any thread and attached anywhere:

    chart = render_timeline(base, "uzbekistan")   # or None for all five on lanes
    chart = render_compare(base, "trade", ["kazakhstan", "uzbekistan"])
    chart.png, chart.alt_text, chart.events / chart.bars / chart.not_given
"""

from bot.charts.compare import MEASURES, render_compare
from bot.charts.model import Bar, Chart, ChartError, TimelineEvent
from bot.charts.timeline import render_timeline

__all__ = [
    "MEASURES",
    "Bar",
    "Chart",
    "ChartError",
    "TimelineEvent",
    "render_compare",
    "render_timeline",
]
