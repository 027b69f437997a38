"""Charts: rendered in memory and checked against the fact base through the plotted data and
the matplotlib artists (never the pixels). Expectations are derived from whatever facts
exist, so the tests hold while the fact base grows."""

from __future__ import annotations

import dataclasses
import re
import struct
import threading
from pathlib import Path

import pytest
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from bot.charts import Chart, ChartError, render_compare, render_timeline, style
from bot.charts import compare as compare_mod
from bot.charts import timeline as timeline_mod
from bot.cli import main
from bot.knowledge import DEFAULT_KNOWLEDGE_DIR, load_knowledge
from bot.knowledge.loader import KnowledgeBase, LocatedFact
from bot.knowledge.schema import COUNTRIES, REGION, Fact, Figure, Precision

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MEASURE_OF = {"trade": "trade", "jewish community": "jewish_population", "tourism": "tourists"}


@pytest.fixture(scope="module")
def base() -> KnowledgeBase:
    loaded, _problems = load_knowledge(DEFAULT_KNOWLEDGE_DIR)
    assert loaded is not None, "the shipped knowledge base must load"
    return loaded


def png_size(png: bytes) -> tuple[int, int]:
    assert png.startswith(PNG_SIGNATURE)
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def check_png(chart: Chart) -> None:
    assert png_size(chart.png) == (chart.width, chart.height)
    assert chart.width == style.WIDTH_PX
    assert chart.height >= style.HEIGHT_PX  # a dense chart grows taller, never smaller


def texts_by_gid(figure, prefix: str) -> dict[str, Text]:
    return {t.get_gid(): t for t in figure.findobj(Text) if (t.get_gid() or "").startswith(prefix)}


def with_facts(base: KnowledgeBase, facts: list[Fact]) -> KnowledgeBase:
    located = [LocatedFact(fact, Path("synthetic.yaml"), 1) for fact in facts]
    return dataclasses.replace(base, located=located)


def synthetic_fact(base: KnowledgeBase, fact_id: str, country: str, **fields) -> Fact:
    source = base.facts[0].source.model_dump()
    source.update(fields.pop("source", {}))
    key = fields.pop("key_value", "synthetic value")
    data = {
        "id": fact_id,
        "countries": [country],
        "topic": "trade",
        "question": "A synthetic question?",
        "answer": f"A synthetic answer: {key}.",
        "key_value": key,
        "source": source,
        **fields,
    }
    return Fact.model_validate(data)


# --- timeline -------------------------------------------------------------------------------


def expected_events(base: KnowledgeBase, country: str | None) -> set[tuple[str, str, str]]:
    """(lane, ISO date, event) for every dated event the base has, per the lane rule."""
    events = set()
    for fact in base.facts:
        if fact.date is None or not fact.event:
            continue
        named = [c for c in fact.countries if c != REGION] or [REGION]
        for lane in named:
            if country is None or lane == country:
                events.add((lane, fact.date.iso(), fact.event))
    return events


def plotted_events(chart: Chart) -> set[tuple[str, str, str]]:
    return {(e.lane, e.date.iso(), e.event) for e in chart.events}


def test_timeline_all_five_plots_every_dated_event(base: KnowledgeBase) -> None:
    chart = render_timeline(base, None)
    check_png(chart)
    assert chart.kind == "timeline"
    # Every dated event is drawn once, on its lanes; nothing else is drawn.
    assert plotted_events(chart) == expected_events(base, None)
    facts = base.by_id()
    for event in chart.events:
        fact = facts[event.fact_id]
        assert event.date == fact.date
        assert event.event == fact.event
        assert event.lane in fact.countries or (event.lane == REGION)


def test_timeline_lanes_are_the_five_countries(base: KnowledgeBase) -> None:
    plan = timeline_mod.plan_timeline(base, None)
    lanes = [lane.key for lane in plan.lanes]
    assert [c for c in lanes if c != REGION] == list(COUNTRIES)
    figure = timeline_mod.draw_timeline(plan)
    names = texts_by_gid(figure, "lane:")
    assert {gid.split(":")[1] for gid in names} == set(lanes)
    for lane in plan.lanes:
        assert names[f"lane:{lane.key}"].get_text() == lane.name


def test_timeline_x_axis_runs_from_1991_to_2025(base: KnowledgeBase) -> None:
    plan = timeline_mod.plan_timeline(base, None)
    x0, x1 = plan.x_range
    assert x0 <= 1991 and x1 >= 2026  # the whole of 2025 fits
    ax = timeline_mod.draw_timeline(plan).axes[0]
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert "1991" in ticks and "2025" in ticks


@pytest.mark.parametrize("country", COUNTRIES)
def test_timeline_one_country(base: KnowledgeBase, country: str) -> None:
    chart = render_timeline(base, country)
    check_png(chart)
    assert {e.lane for e in chart.events} <= {country}
    assert plotted_events(chart) == expected_events(base, country)
    assert chart.filename == f"timeline-{country}.png"


def test_uzbekistan_has_dated_events(base: KnowledgeBase) -> None:
    # Sanity: the article dates Uzbekistan's relations (February 21, 1992).
    chart = render_timeline(base, "uzbekistan")
    assert chart.events
    assert any(e.date.year == 1992 for e in chart.events)


def test_timeline_labels_drawn_are_the_events(base: KnowledgeBase) -> None:
    plan = timeline_mod.plan_timeline(base, None)
    figure = timeline_mod.draw_timeline(plan)
    labels = texts_by_gid(figure, "label:")
    assert len(labels) == len(plan.events)
    for event in plan.events:
        text = labels[f"label:{event.lane}:{event.fact_id}"].get_text()
        assert text == event.label
        date_part, _, event_part = text.partition(" · ")
        assert date_part == timeline_mod.short_date(event.date)
        assert event_part.rstrip("…") in event.event or event_part == event.event


def test_timeline_precision_is_respected(base: KnowledgeBase) -> None:
    plan = timeline_mod.plan_timeline(base, None)
    figure = timeline_mod.draw_timeline(plan)
    marks = {a.get_gid(): a for a in figure.axes[0].get_children() if a.get_gid()}
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    for event in plan.events:
        mark = marks[f"event:{event.lane}:{event.fact_id}"]
        date_text = event.label.split(" · ")[0]
        if event.precision is Precision.YEAR:
            # A year-only date spans its year and is labelled with the year alone.
            assert (event.start, event.end) == (event.date.year, event.date.year + 1)
            assert isinstance(mark, Rectangle)
            assert mark.get_x() == pytest.approx(event.date.year)
            assert mark.get_width() == pytest.approx(1.0)
            assert date_text == str(event.date.year)
            assert not any(m in date_text for m in months)
        elif event.precision is Precision.MONTH:
            assert isinstance(mark, Rectangle)
            assert mark.get_width() == pytest.approx(1 / 12)
            assert re.fullmatch(r"[A-Z][a-z]{2} \d{4}", date_text)
        else:
            assert isinstance(mark, Line2D)
            assert event.start == event.end
            assert int(event.start) == event.date.year
            assert re.fullmatch(r"[A-Z][a-z]{2} \d{1,2}, \d{4}", date_text)


def test_precision_geometry_unit() -> None:
    from bot.knowledge.schema import FactDate

    assert timeline_mod.decimal_span(FactDate(year=1994)) == (1994.0, 1995.0)
    start, end = timeline_mod.decimal_span(FactDate(year=1992, month=5))
    assert start == pytest.approx(1992 + 4 / 12) and end == pytest.approx(1992 + 5 / 12)
    start, end = timeline_mod.decimal_span(FactDate(year=1992, month=2, day=21))
    assert start == end and 1992.13 < start < 1992.15
    assert timeline_mod.short_date(FactDate(year=1994)) == "1994"
    assert timeline_mod.short_date(FactDate(year=1992, month=5)) == "May 1992"
    assert timeline_mod.short_date(FactDate(year=1992, month=2, day=21)) == "Feb 21, 1992"


def label_boxes(figure) -> list:
    renderer = figure.canvas.get_renderer()
    return [t.get_window_extent(renderer) for t in texts_by_gid(figure, "label:").values()]


def assert_no_overlap(boxes) -> None:
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap_w = min(a.x1, b.x1) - max(a.x0, b.x0)
            overlap_h = min(a.y1, b.y1) - max(a.y0, b.y0)
            assert overlap_w <= 1 or overlap_h <= 1, (a, b)


def test_timeline_labels_do_not_overlap_and_stay_on_the_image(base: KnowledgeBase) -> None:
    for country in (None, *COUNTRIES):
        plan = timeline_mod.plan_timeline(base, country)
        figure = timeline_mod.draw_timeline(plan)
        boxes = label_boxes(figure)
        assert_no_overlap(boxes)
        for box in boxes:
            assert box.x0 >= 0 and box.x1 <= style.WIDTH_PX
            assert box.y0 >= 0 and box.y1 <= plan.height_px


def dense_facts(base: KnowledgeBase) -> list[Fact]:
    """Eighteen events in one decade, with every precision: the worst case for labels."""
    dates = ["1991", "1992-02-21", "1992-05", "1994", "1994", "1994-07", "1995", "1997-02"]
    dates += ["1997-03", "1997", "1998", "1998-09", "1998-09", "1999", "2000", "2022"]
    dates += ["2024-09", "2025-11-06"]
    return [
        synthetic_fact(
            base,
            f"dense-{i}",
            "uzbekistan",
            date=date,
            event=f"Synthetic event number {i} with a long label",
        )
        for i, date in enumerate(dates)
    ]


def test_dense_timeline_staggers_labels_without_overlap(base: KnowledgeBase) -> None:
    dense = with_facts(base, dense_facts(base))
    plan = timeline_mod.plan_timeline(dense, "uzbekistan")
    assert len(plan.events) == 18
    assert len({e.level for e in plan.events}) > 5  # staggered onto several rows
    figure = timeline_mod.draw_timeline(plan)
    assert_no_overlap(label_boxes(figure))
    chart = render_timeline(dense, None)
    check_png(chart)
    assert {e.lane for e in chart.events} == {"uzbekistan"}


def test_timeline_country_without_events_says_so(base: KnowledgeBase) -> None:
    empty = with_facts(base, [synthetic_fact(base, "undated-fact", "tajikistan")])
    chart = render_timeline(empty, "tajikistan")
    check_png(chart)
    assert chart.events == ()
    assert "no dated events" in chart.alt_text
    figure = timeline_mod.draw_timeline(timeline_mod.plan_timeline(empty, "tajikistan"))
    assert "empty:tajikistan" in texts_by_gid(figure, "empty:")


def test_timeline_alt_text_lists_each_event(base: KnowledgeBase) -> None:
    chart = render_timeline(base, None)
    for event in chart.events:
        assert f"{event.date.human()}: {event.event}" in chart.alt_text
    assert "1991" in chart.alt_text and "2025" in chart.alt_text


def test_timeline_unknown_country(base: KnowledgeBase) -> None:
    with pytest.raises(ChartError, match="unknown country"):
        render_timeline(base, "mars")


# --- compare --------------------------------------------------------------------------------


def expected_bars(base: KnowledgeBase, measure: str) -> set[tuple[str, float, int | None]]:
    found = set()
    for fact in base.facts:
        country = fact.single_country
        if country is None:
            continue
        for figure in fact.figures:
            if figure.measure == measure:
                year = figure.year if figure.year is not None else (fact.date and fact.date.year)
                found.add((country, figure.value, year))
    return found


@pytest.mark.parametrize("what", list(MEASURE_OF))
def test_compare_bars_are_the_fact_base_figures(base: KnowledgeBase, what: str) -> None:
    chart = render_compare(base, what, None)
    check_png(chart)
    assert chart.kind == "compare"
    assert {(b.country, b.value, b.year) for b in chart.bars} == expected_bars(
        base, MEASURE_OF[what]
    )
    with_bar = {b.country for b in chart.bars}
    assert set(chart.not_given) == set(COUNTRIES) - with_bar
    assert set(chart.not_given).isdisjoint(with_bar)
    facts = base.by_id()
    for bar in chart.bars:
        fact = facts[bar.fact_id]
        assert bar.measure == MEASURE_OF[what]
        expected_source = compare_mod.source_name(fact.source.speaker)
        assert bar.source == expected_source
        year_text = str(bar.year) if bar.year is not None else "year not given"
        assert bar.label == f"{year_text} · {expected_source}"
        assert bar.value_text.startswith("~") == bar.approximate


@pytest.mark.parametrize("what", list(MEASURE_OF))
def test_compare_artists_match_the_data(base: KnowledgeBase, what: str) -> None:
    plan = compare_mod.plan_compare(base, what, None)
    figure = compare_mod.draw_compare(plan)
    ax = figure.axes[0]
    rects = {p.get_gid(): p for p in ax.patches if (p.get_gid() or "").startswith("bar:")}
    values = texts_by_gid(figure, "value:")
    labels = texts_by_gid(figure, "label:")
    not_given = texts_by_gid(figure, "not-given:")
    drawn = []
    for row, (kind, country, bar) in enumerate(plan.rows):
        if kind != "bar":
            continue
        assert bar is not None
        rect = rects[f"bar:{row}"]
        assert rect.get_x() == 0
        assert rect.get_width() == bar.value  # the bar's length is the figure itself
        assert rect.get_width() > 0
        assert values[f"value:{row}"].get_text() == bar.value_text
        assert labels[f"label:{row}"].get_text() == bar.label
        assert (rect.get_hatch() is not None) == bar.approximate
        assert rect.get_facecolor()[:3] == pytest.approx(
            tuple(int(style.COUNTRY_COLOURS[country][i : i + 2], 16) / 255 for i in (1, 3, 5))
        )
        drawn.append(bar)
    assert tuple(drawn) == plan.bars
    assert len(rects) == len(plan.bars)
    # Countries with no figure: a "not given" marker, and no bar at all.
    assert {gid.split(":")[1] for gid in not_given} == set(plan.not_given)
    for text in not_given.values():
        assert text.get_text().strip() == "not given"
    # Every bar's value fits inside the axes' x range (nothing clipped).
    assert max((b.value for b in plan.bars), default=0) <= ax.get_xlim()[1]


def test_uzbekistan_has_a_trade_figure(base: KnowledgeBase) -> None:
    chart = render_compare(base, "trade", ["uzbekistan"])
    assert chart.bars, "the article gives Uzbekistan's trade with Israel"
    assert all(b.country == "uzbekistan" and b.unit == "USD" for b in chart.bars)
    assert chart.not_given == ()
    # Several figures from different sources are each their own bar, in year order.
    years = [b.year for b in chart.bars if b.year is not None]
    assert years == sorted(years)
    assert "Uzbekistan" in chart.alt_text


def test_country_without_figure_is_marked_not_given(base: KnowledgeBase) -> None:
    # Make sure at least one country has no trade figure, whatever the base holds.
    stripped = [
        f
        for f in base.facts
        if not (f.single_country == "turkmenistan" and any(g.measure == "trade" for g in f.figures))
    ]
    chart = render_compare(with_facts(base, stripped), "trade", ["uzbekistan", "turkmenistan"])
    assert "turkmenistan" in chart.not_given
    assert all(b.country != "turkmenistan" for b in chart.bars)  # never a zero-height bar
    assert "Turkmenistan: not given" in chart.alt_text
    plan = compare_mod.plan_compare(with_facts(base, stripped), "trade", ["turkmenistan"])
    figure = compare_mod.draw_compare(plan)
    marker = texts_by_gid(figure, "not-given:")["not-given:turkmenistan"]
    assert marker.get_text().strip() == "not given"
    assert not [p for p in figure.axes[0].patches if (p.get_gid() or "").startswith("bar:")]


def test_compare_countries_order_and_subset(base: KnowledgeBase) -> None:
    chart = render_compare(base, "jewish community", ["uzbekistan", "kazakhstan", "uzbekistan"])
    assert {b.country for b in chart.bars} | set(chart.not_given) <= {"uzbekistan", "kazakhstan"}
    countries = [b.country for b in chart.bars]
    assert countries == sorted(countries, key=["uzbekistan", "kazakhstan"].index)


def test_compare_rules_on_synthetic_figures(base: KnowledgeBase) -> None:
    facts = [
        synthetic_fact(
            base,
            "synthetic-trade-a",
            "kazakhstan",
            key_value="around $500 million",
            figures=[
                {
                    "measure": "trade",
                    "value": 5e8,
                    "unit": "USD",
                    "currency": "USD",
                    "approximate": True,
                    "label": "around $500 million",
                }
            ],
        ),
        synthetic_fact(
            base,
            "synthetic-trade-b",
            "kazakhstan",
            key_value="$25 million",
            date="2022",
            figures=[{"measure": "trade", "value": 2.5e7, "unit": "USD", "label": "$25 million"}],
            source={"speaker": "Gideon Lustig, Israel's ambassador, told the Magazine"},
        ),
        synthetic_fact(  # the same figure again: drawn once
            base,
            "synthetic-trade-c",
            "kazakhstan",
            key_value="$25 million",
            date="2022",
            figures=[{"measure": "trade", "value": 2.5e7, "unit": "USD", "label": "$25 million"}],
            source={"speaker": "Gideon Lustig"},
        ),
    ]
    chart = render_compare(with_facts(base, facts), "trade", ["kazakhstan", "kyrgyzstan"])
    assert [(b.value, b.year, b.source, b.value_text) for b in chart.bars] == [
        (2.5e7, 2022, "Gideon Lustig", "$25 million"),  # year from the fact's date
        (5e8, None, "the article", "~$500 million"),
    ]
    assert [b.label for b in chart.bars] == [
        "2022 · Gideon Lustig",
        "year not given · the article",
    ]
    assert chart.not_given == ("kyrgyzstan",)


def test_value_text_and_source_name() -> None:
    def fig(label: str, approximate: bool) -> Figure:
        return Figure(measure="x", value=1, unit="people", approximate=approximate, label=label)

    assert compare_mod.value_text(fig("roughly 3,300", True)) == "~3,300"
    assert compare_mod.value_text(fig("about 11,000", True)) == "~11,000"
    assert compare_mod.value_text(fig("36", False)) == "36"
    assert compare_mod.value_text(fig("$211 million", False)) == "$211 million"
    assert compare_mod.source_name(None) == "the article"
    assert (
        compare_mod.source_name("according to the Uzbek Investment Ministry")
        == "Uzbek Investment Ministry"
    )
    assert compare_mod.source_name("Gideon Lustig, Israel's ambassador, told the Magazine") == (
        "Gideon Lustig"
    )


def test_compare_bad_input(base: KnowledgeBase) -> None:
    with pytest.raises(ChartError, match="unknown measure"):
        render_compare(base, "gdp", None)
    with pytest.raises(ChartError, match="unknown country"):
        render_compare(base, "trade", ["region"])
    with pytest.raises(ChartError):
        render_compare(base, "trade", [])
    assert compare_mod.measure_for("Jewish-Community").measure == "jewish_population"
    assert compare_mod.measure_for("tourists").measure == "tourists"


def test_dollar_signs_are_not_mathtext(base: KnowledgeBase) -> None:
    plan = compare_mod.plan_compare(base, "trade", None)
    figure = compare_mod.draw_compare(plan)
    for text in texts_by_gid(figure, "value:").values():
        assert text.get_parse_math() is False


# --- both -----------------------------------------------------------------------------------


def all_figures(base: KnowledgeBase):
    yield timeline_mod.draw_timeline(timeline_mod.plan_timeline(base, None))
    yield timeline_mod.draw_timeline(timeline_mod.plan_timeline(base, "uzbekistan"))
    for what in MEASURE_OF:
        yield compare_mod.draw_compare(compare_mod.plan_compare(base, what, None))


def test_every_text_is_at_least_11_points(base: KnowledgeBase) -> None:
    for figure in all_figures(base):
        texts = [t for t in figure.findobj(Text) if t.get_text().strip()]
        assert texts
        small = [(t.get_text(), t.get_fontsize()) for t in texts if t.get_fontsize() < 11]
        assert not small


def test_colours_come_from_the_okabe_ito_palette(base: KnowledgeBase) -> None:
    palette = {c.lower() for c in style.OKABE_ITO.values()}
    assert {c.lower() for c in style.COUNTRY_COLOURS.values()} <= palette
    assert "#f0e442" not in palette  # yellow is unreadable on white


def test_alt_text_within_discord_limit(base: KnowledgeBase) -> None:
    chart = render_timeline(base, None)
    short = chart.alt_text_within(1024)
    assert len(short) <= 1024
    assert chart.alt_text.startswith(short.removesuffix(" …").rstrip())


def test_rendering_is_thread_safe(base: KnowledgeBase) -> None:
    expected = {
        "timeline": render_timeline(base, "uzbekistan").png,
        "trade": render_compare(base, "trade", None).png,
    }
    results: dict[str, list[bytes]] = {"timeline": [], "trade": []}

    def work() -> None:
        results["timeline"].append(render_timeline(base, "uzbekistan").png)
        results["trade"].append(render_compare(base, "trade", None).png)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for key, pngs in results.items():
        assert len(pngs) == 4
        assert all(png == expected[key] for png in pngs)


def test_charts_do_not_import_discord_or_pyplot() -> None:
    root = Path(__file__).resolve().parents[1] / "bot" / "charts"
    imports = re.compile(r"^\s*(?:import|from)\s+(\S+)", re.MULTILINE)
    for path in root.glob("*.py"):
        for module in imports.findall(path.read_text(encoding="utf-8")):
            assert not module.startswith("discord"), path
            assert "pyplot" not in module, path


# --- CLI ------------------------------------------------------------------------------------


def test_cli_writes_timeline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "timeline.png"
    assert main(["chart", "timeline", "--country", "uzbekistan", "--out", str(out)]) == 0
    width, height = png_size(out.read_bytes())
    assert width == style.WIDTH_PX and height >= style.HEIGHT_PX
    printed = capsys.readouterr().out
    assert str(out) in printed and "alt text:" in printed


def test_cli_writes_all_five_timeline(tmp_path: Path) -> None:
    out = tmp_path / "all.png"
    assert main(["chart", "timeline", "--out", str(out)]) == 0
    assert png_size(out.read_bytes())[0] == style.WIDTH_PX


def test_cli_writes_compare(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "trade.png"
    args = ["chart", "compare", "--what", "trade", "--countries", "uzbekistan,Kazakh"]
    assert main([*args, "--out", str(out)]) == 0
    assert png_size(out.read_bytes()) == (style.WIDTH_PX, style.HEIGHT_PX)
    assert "Uzbekistan" in capsys.readouterr().out
    out2 = tmp_path / "jews.png"
    assert main(["chart", "compare", "--what", "jewish community", "--out", str(out2)]) == 0
    assert out2.read_bytes().startswith(PNG_SIGNATURE)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["chart", "timeline", "--country", "mars"], "unknown country 'mars'"),
        (["chart", "compare", "--what", "gdp"], "unknown measure 'gdp'"),
        (["chart", "compare", "--what", "trade", "--countries", "uzbekistan,atlantis"], "atlantis"),
        (["chart", "compare", "--what", "trade", "--countries", ","], "empty"),
    ],
)
def test_cli_bad_input_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    out = tmp_path / "x.png"
    assert main([*argv, "--out", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_cli_missing_out_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as exc:
        main(["chart", "timeline"])
    assert exc.value.code == 2
