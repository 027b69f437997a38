"""`factbot chart timeline|compare ... --out FILE.png`: write a chart from the fact base.

matplotlib is imported only when a chart is drawn, so `factbot --help` stays fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from bot.cli import add_knowledge_arg, knowledge_dir
from bot.knowledge import load_knowledge
from bot.knowledge.loader import KnowledgeBase
from bot.knowledge.schema import COUNTRIES, REGION

USAGE_ERROR = 2


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="chart", required=True, metavar="CHART")
    timeline = sub.add_parser(
        "timeline",
        help="dated events of one country, or all five on lanes",
        description="Draw the dated events of Israel's relations with one republic (or all "
        "five on parallel lanes), 1991 to 2025, as a PNG.",
    )
    timeline.add_argument(
        "--country",
        default=None,
        help=f"one of {', '.join(COUNTRIES)} (or {REGION}); default: all five",
    )
    _add_common(timeline)
    compare = sub.add_parser(
        "compare",
        help="bar chart of the figures the article gives, per country",
        description="Draw one bar per figure the article gives for a measure, per country, "
        "with year and source; countries without a figure are marked 'not given'.",
    )
    compare.add_argument("--what", required=True, help='"trade", "jewish community" or "tourism"')
    compare.add_argument(
        "--countries",
        default=None,
        help="comma-separated, e.g. uzbekistan,kazakhstan (default: all five)",
    )
    _add_common(compare)


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, required=True, help="the PNG file to write")
    add_knowledge_arg(parser)


def resolve_country(name: str, base: KnowledgeBase, *, allow_region: bool) -> str | None:
    """A country id from an id, a name or an alias in the lexicon ("Uzbek", "kyrgyz republic")."""
    key = " ".join(name.strip().lower().replace("_", " ").split())
    if key in COUNTRIES or (allow_region and key == REGION):
        return key
    for country, names in base.lexicon.countries.items():
        if key == names.name.lower() or key in names.aliases:
            return country
    if allow_region and key in base.lexicon.region_aliases:
        return REGION
    return None


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    root = knowledge_dir(args.knowledge)
    base, problems = load_knowledge(root)
    if base is None:
        for problem in problems:
            print(f"error: {problem}", file=err)
        print(f"factbot chart: the knowledge base in {root} cannot be loaded", file=err)
        return 1
    if problems:
        print(
            f"factbot chart: note: {len(problems)} problem(s) in the knowledge base "
            "(run `factbot check`); charting the facts that loaded",
            file=err,
        )

    from bot.charts import ChartError, render_compare, render_timeline

    try:
        if args.chart == "timeline":
            country = None
            if args.country is not None:
                country = resolve_country(args.country, base, allow_region=True)
                if country is None:
                    return _usage(
                        err,
                        f"unknown country {args.country!r}; use one of "
                        f"{', '.join(COUNTRIES)} or {REGION}",
                    )
            chart = render_timeline(base, country)
        else:
            countries = None
            if args.countries is not None:
                countries = []
                for name in (n for n in args.countries.split(",") if n.strip()):
                    country = resolve_country(name, base, allow_region=False)
                    if country is None:
                        known = ", ".join(COUNTRIES)
                        return _usage(err, f"unknown country {name.strip()!r}; use one of {known}")
                    countries.append(country)
                if not countries:
                    return _usage(err, "--countries is empty; name at least one country")
            chart = render_compare(base, args.what, countries)
    except ChartError as exc:
        return _usage(err, str(exc))

    try:
        args.out.write_bytes(chart.png)
    except OSError as exc:
        print(f"factbot chart: cannot write {args.out}: {exc}", file=err)
        return 1
    print(f"wrote {args.out} ({chart.width}x{chart.height} PNG): {chart.title}", file=out)
    print(f"alt text: {chart.alt_text}", file=out)
    return 0


def _usage(err: TextIO, message: str) -> int:
    print(f"factbot chart: {message}", file=err)
    return USAGE_ERROR
