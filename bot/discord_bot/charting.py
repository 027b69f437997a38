"""Charts for Discord, when the charts package can draw them. No discord import here.

The charts live in `bot.charts`; a chart that cannot be drawn (the package or a renderer is
missing, or the data has nothing to plot) makes the commands answer in text alone.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

COMPARE_MEASURES = ("trade", "jewish community", "tourism")  # `what` for render_compare


def _find(name: str, modules: tuple[str, ...]) -> Callable[..., Any] | None:
    for module_name in modules:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        function = getattr(module, name, None)
        if callable(function):
            return function
    return None


class ChartMaker:
    """Draws charts, keeping the timelines of the fact base in service (there are six)."""

    def __init__(self) -> None:
        self._timeline = _find("render_timeline", ("bot.charts", "bot.charts.timeline"))
        self._compare = _find("render_compare", ("bot.charts", "bot.charts.compare"))
        self._drawn: dict[str | None, Any] = {}
        self._drawn_for: Any = None  # the fact base they were drawn from

    @property
    def can_compare(self) -> bool:
        return self._compare is not None

    def timeline(self, base: Any, country: str | None) -> Any | None:
        if self._timeline is None:
            return None
        if self._drawn_for is not base:  # a reload brought a new fact base: draw afresh
            self._drawn, self._drawn_for = {}, base
        if country in self._drawn:
            return self._drawn[country]
        try:
            chart = self._timeline(base, country)
            self._drawn[country] = chart
            return chart
        except Exception:
            log.exception("could not draw the timeline for %s", country or "all countries")
            return None

    def compare(self, base: Any, measure: str, countries: list[str]) -> Any | None:
        if self._compare is None:
            return None
        return self._compare(base, measure, countries)
