"""Shared look of every chart: size, fonts, the Okabe–Ito palette, PNG output.

Charts are drawn on a bare `matplotlib.figure.Figure` with an Agg canvas attached, never
through pyplot, so rendering keeps no global state and is safe from several threads.
Every text artist is created with `parse_math=False`: labels such as "$25 million and
$54 million" would otherwise be read as mathtext.
"""

from __future__ import annotations

import io
import threading
from functools import lru_cache
from typing import Any, Literal

from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from bot.knowledge.schema import COUNTRIES, REGION

# Discord shows a 16:9 attachment at up to about this size; text is sized for it.
WIDTH_PX = 1200
HEIGHT_PX = 675
DPI = 100
MAX_HEIGHT_PX = 1350  # a dense chart grows taller (up to about this) rather than shrink its type

FONT_SMALL = 11.0  # nothing is set smaller than this
FONT_BODY = 12.0
FONT_TITLE = 16.0

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common form of
# colour-blindness. Yellow (#F0E442) is left out: it is unreadable on white.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}
COUNTRY_COLOURS: dict[str, str] = {
    "kazakhstan": OKABE_ITO["blue"],
    "kyrgyzstan": OKABE_ITO["vermillion"],
    "tajikistan": OKABE_ITO["bluish_green"],
    "turkmenistan": OKABE_ITO["reddish_purple"],
    "uzbekistan": OKABE_ITO["orange"],
    REGION: OKABE_ITO["black"],
}
TEXT = "#1a1a1a"
MUTED = "#595959"  # 7:1 contrast on white
GRID = "#d9d9d9"

PRESENT_YEAR = 2025  # the article's "today": it was published shortly after November 2025
FIRST_YEAR = 1991  # independence of the five republics

SOURCE_NOTE = (
    "Source: “Israel and Central Asia”, the Magazine (late 2025), via the factbot fact base"
)

assert set(COUNTRY_COLOURS) >= set(COUNTRIES)


FontStyle = Literal["normal", "italic", "oblique"]


def font(
    size: float = FONT_BODY, weight: str = "normal", style: FontStyle = "normal"
) -> FontProperties:
    return FontProperties(family="DejaVu Sans", size=size, weight=weight, style=style)


def new_figure(height_px: int = HEIGHT_PX) -> Figure:
    figure = Figure(figsize=(WIDTH_PX / DPI, height_px / DPI), dpi=DPI, facecolor="white")
    FigureCanvasAgg(figure)
    return figure


@lru_cache(maxsize=4096)
def _measure(text: str, size: float, weight: str, style: FontStyle) -> tuple[float, float]:
    renderer = _renderer()
    width, height, _descent = renderer.get_text_width_height_descent(
        text, font(size, weight, style), ismath=False
    )
    return width, height


_local = threading.local()


def _renderer() -> RendererAgg:
    # One per thread: font objects are not shared across threads.
    renderer = getattr(_local, "renderer", None)
    if renderer is None:
        renderer = _local.renderer = RendererAgg(10, 10, DPI)
    return renderer


def text_width_px(
    text: str, size: float = FONT_BODY, weight: str = "normal", style: FontStyle = "normal"
) -> float:
    """Width of one line of text in pixels at the charts' DPI, before it is drawn."""
    return _measure(text, size, weight, style)[0]


SOURCE_LINE = "Source: “Israel and Central Asia”, the Magazine"


def frame_texts(
    figure: Figure,
    *,
    title: str,
    subtitle: str,
    left_px: float,
    right_px: float,
    height: int,
    source_bottom_px: float,
) -> None:
    """The title and subtitle at the top left and the source line at the bottom right."""
    common: dict[str, Any] = {"ha": "left", "va": "top", "parse_math": False}
    figure.text(
        left_px / WIDTH_PX,
        1 - 16 / height,
        title,
        **common,
        fontproperties=font(FONT_TITLE, "bold"),
        color=TEXT,
    )
    figure.text(
        left_px / WIDTH_PX,
        1 - 46 / height,
        subtitle,
        **common,
        fontproperties=font(FONT_SMALL),
        color=MUTED,
        linespacing=1.4,
    )
    figure.text(
        1 - right_px / WIDTH_PX,
        source_bottom_px / height,
        SOURCE_LINE,
        ha="right",
        va="bottom",
        fontproperties=font(FONT_SMALL),
        color=MUTED,
        parse_math=False,
    )


def to_png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()


def country_name(country: str, names: dict[str, str] | None = None) -> str:
    if names and country in names:
        return names[country]
    return "Central Asia (all five)" if country == REGION else country.capitalize()


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ,;:-") + "…"
