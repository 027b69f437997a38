"""The report, printed for people."""

from __future__ import annotations

from typing import Any, TextIO

# -- output -------------------------------------------------------------------------------


def _fmt_ms(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}" if value < 1000 else f"{value:,.0f}"


def print_report(report: dict[str, Any], out: TextIO) -> None:
    machine = report["machine"]
    settings = report["settings"]
    print(
        f"factbot bench: Python {machine['python']}, {machine['cpus']} CPU(s); medians of "
        f"{settings['repetitions']} repetitions, spread = (max-min)/median of their p50",
        file=out,
    )
    for size in report["sizes"]:
        startup = size["startup"]
        engine = size["engine"]
        title = (
            "Article base"
            if size["name"] == "article"
            else f"Synthetic base (+{size['facts'] - report['sizes'][0]['facts']:,} generated)"
        )
        print(
            f"\n{title}: {size['facts']:,} facts, {size['questions_indexed']:,} questions",
            file=out,
        )
        parts = []
        if startup["load_ms"] is not None:
            parts.append(f"load {_fmt_ms(startup['load_ms'])}")
        if startup["validate_ms"] is not None:
            parts.append(f"validate {_fmt_ms(startup['validate_ms'])}")
        parts.append(f"index {_fmt_ms(startup['index_ms'])}")
        print(
            f"  start-up     {_fmt_ms(startup['startup_ms'])} ms ({', '.join(parts)}; "
            f"first {_fmt_ms(startup['first_ms'])}; {startup['builds']} build(s), "
            f"spread {startup['spread']:.0%})",
            file=out,
        )
        if size["generate_ms"] is not None:
            written = " and written as YAML" if report["settings"]["load_yaml"] else ""
            print(
                f"  generated{written} in {_fmt_ms(size['generate_ms'])} ms (not part of start-up)",
                file=out,
            )
        print(_latency_line("engine", engine), file=out)
        kinds = ", ".join(f"{k} {_fmt_ms(v)}" for k, v in engine["p50_by_kind"].items())
        print(f"  p50 by kind  {kinds}", file=out)
        if size["baseline"] is not None:
            print(_latency_line("naive", size["baseline"]), file=out)
            print(
                f"  engine/naive p50 {size['ratio_p50']:.3f}, p95 {size['ratio_p95']:.3f} "
                f"({1 / size['ratio_p50']:.1f}x faster at p50)",
                file=out,
            )
        if size["synthetic_hits"] is not None:
            hit, total = size["synthetic_hits"]
            print(f"  synthetic probes answered with their fact: {hit}/{total}", file=out)
        if size["prefilter_agreement"] is not None:
            same, total = size["prefilter_agreement"]
            print(
                f"  top-{size['max_candidates']} prefilter: same answer as scoring every "
                f"candidate for {same}/{total} standalone questions",
                file=out,
            )
        added = size["rss_added_mb"]
        print(
            f"  memory       peak RSS {size['peak_rss_mb']:.0f} MB"
            + (f" (this base and engine added {added:.0f} MB)" if added is not None else ""),
            file=out,
        )
    if report["growth"]:
        print("\nGrowth between sizes (sub-linear when p50 ratio << facts ratio):", file=out)
        for row in report["growth"]:
            print(
                f"  {row['from_facts']:>7,} -> {row['to_facts']:>7,} facts: "
                f"x{row['facts_ratio']:.1f} facts, p50 x{row['p50_ratio']:.2f}, "
                f"p95 x{row['p95_ratio']:.2f}, "
                f"index build x{row['index_ratio']:.1f}",
                file=out,
            )


def _latency_line(label: str, stats: dict[str, Any]) -> str:
    return (
        f"  {label:<12} p50 {_fmt_ms(stats['p50_ms'])} ms, p95 {_fmt_ms(stats['p95_ms'])}, "
        f"p99 {_fmt_ms(stats['p99_ms'])}, max {_fmt_ms(stats['max_ms'])}; "
        f"{stats['questions_per_s']:,.0f} q/s; {stats['questions']} questions x "
        f"{stats['rounds']} round(s) x {stats['repetitions']}; spread {stats['spread']:.0%}"
    )
