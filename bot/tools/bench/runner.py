"""One benchmark run: the article base, then each synthetic size, as a JSON-able report."""

from __future__ import annotations

import gc
import itertools
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from bot.answering.engine import Engine
from bot.knowledge import load_knowledge
from bot.knowledge.schema import Fact
from bot.tools.bench.measure import (
    LatencyStats,
    NaiveBaseline,
    StartupStats,
    build_article_engine,
    build_synthetic,
    build_synthetic_from_files,
    current_rss_mb,
    measure_latency,
    measure_startup,
    ms_since,
    peak_rss_mb,
)
from bot.tools.bench.probes import Probe, base_probes, synthetic_probes
from bot.tools.bench.synthetic import SyntheticFacts, write_knowledge

SEED = 7
REPETITIONS = 5
SECONDS_PER_REPETITION = 1.0  # latency: rounds of the question set per repetition fill this
BASELINE_BUDGET_SECONDS = 6.0  # the naive baseline gets at most this per size (all repetitions)

# -- one base, measured -------------------------------------------------------------------


@dataclass
class SizeReport:
    name: str  # "article" or "synthetic"
    facts: int
    questions_indexed: int
    startup: StartupStats
    engine: LatencyStats
    baseline: LatencyStats | None
    baseline_build_ms: float | None
    ratio_p50: float | None  # engine p50 / baseline p50
    ratio_p95: float | None
    synthetic_hits: list[int] | None  # [answered with the fact probed, probes]
    prefilter_agreement: list[int] | None  # [same answer as scoring every candidate, probes]
    generate_ms: float | None
    rss_added_mb: float | None  # resident memory the base and engine added
    peak_rss_mb: float  # the process's high-water mark after this size's engine ran
    max_candidates: int  # the index's limit on facts scored per question


@dataclass
class BenchOptions:
    knowledge: Path
    synthetic: list[int] = field(default_factory=list)
    repetitions: int = REPETITIONS
    seconds: float = SECONDS_PER_REPETITION
    baseline: bool = True
    seed: int = SEED
    load_yaml: bool = False  # write synthetic bases as YAML and time reading them back


def _baseline(
    facts: Sequence[Fact], probes: list[Probe], options: BenchOptions
) -> tuple[LatencyStats, float]:
    started = time.perf_counter_ns()
    naive = NaiveBaseline(facts)
    build_ms = ms_since(started)
    stats = measure_latency(
        naive.ask,
        probes,
        repetitions=options.repetitions,
        seconds=options.seconds,
        seed=options.seed,
        budget=BASELINE_BUDGET_SECONDS,
    )
    return stats, build_ms


def prefilter_agreement(engine: Engine, probes: list[Probe]) -> list[int]:
    """[same, total]: standalone probes answered the same (outcome and facts) with the index's
    candidate limit as with every fact the prefilter would once have scored."""
    standalone = [p for p in probes if p.chain is None]
    limited = [(a.outcome, a.fact_ids) for a in map(engine.ask, (p.text for p in standalone))]
    index = engine.index
    saved, index.max_candidates = index.max_candidates, sys.maxsize
    try:
        exhaustive = [
            (a.outcome, a.fact_ids) for a in map(engine.ask, (p.text for p in standalone))
        ]
    finally:
        index.max_candidates = saved
    return [sum(x == y for x, y in zip(limited, exhaustive, strict=True)), len(standalone)]


def _measure(
    name: str,
    build: Callable[[], tuple[float | None, float | None, float, Engine]],
    probes: list[Probe],
    options: BenchOptions,
    generate_ms: float | None = None,
    rss_before: float | None = None,
) -> SizeReport:
    startup, engine = measure_startup(build, options.repetitions)
    rss_after = current_rss_mb()
    facts = engine.knowledge.facts
    hits = None
    if name == "synthetic":
        targeted = [p for p in probes if p.expect_fact]
        hits = [
            sum(p.expect_fact in engine.ask(p.text).fact_ids for p in targeted),
            len(targeted),
        ]
    latency = measure_latency(
        engine.ask,
        probes,
        repetitions=options.repetitions,
        seconds=options.seconds,
        seed=options.seed,
    )
    peak = peak_rss_mb()  # before the checks and the baseline, which hold memory of their own
    agreement = prefilter_agreement(engine, probes) if name == "synthetic" else None
    baseline, baseline_ms = (None, None)
    if options.baseline:
        baseline, baseline_ms = _baseline(facts, probes, options)
    return SizeReport(
        name=name,
        facts=len(facts),
        questions_indexed=sum(len(f.all_questions) for f in facts),
        startup=startup,
        engine=latency,
        baseline=baseline,
        baseline_build_ms=baseline_ms,
        ratio_p50=latency.p50_ms / baseline.p50_ms if baseline and baseline.p50_ms else None,
        ratio_p95=latency.p95_ms / baseline.p95_ms if baseline and baseline.p95_ms else None,
        synthetic_hits=hits,
        prefilter_agreement=agreement,
        generate_ms=generate_ms,
        rss_added_mb=rss_after - rss_before
        if rss_after is not None and rss_before is not None
        else None,
        peak_rss_mb=peak,
        max_candidates=engine.index.max_candidates,
    )


def run_bench(options: BenchOptions, progress: TextIO | None = None) -> dict[str, Any]:
    """Measure the article base, then each synthetic size (smallest first); a JSON-able dict."""

    def say(text: str) -> None:
        if progress is not None:
            print(text, file=progress, flush=True)

    probes = base_probes()
    sizes: list[SizeReport] = []
    say("bench: article base ...")
    rss_before = current_rss_mb()
    article = _measure(
        "article",
        lambda: build_article_engine(options.knowledge),
        probes,
        options,
        rss_before=rss_before,
    )
    sizes.append(article)
    if options.synthetic:
        template, _ = load_knowledge(options.knowledge)
        assert template is not None
        generator = SyntheticFacts(template, options.seed)
        for count in sorted(set(options.synthetic)):
            say(f"bench: {count:,} synthetic facts ...")
            gc.collect()
            rss_before = current_rss_mb()
            started = time.perf_counter_ns()
            base = generator.base(count)
            extra = synthetic_probes(base.facts, options.seed)
            with tempfile.TemporaryDirectory(prefix="factbot-bench-") as folder:
                if options.load_yaml:
                    root = write_knowledge(base, options.knowledge, Path(folder))
                    del base
                    gc.collect()
                    build: Callable[[], tuple[float | None, float | None, float, Engine]] = partial(
                        build_synthetic_from_files, root
                    )
                else:
                    build = partial(build_synthetic, base)
                generate_ms = ms_since(started)
                sizes.append(
                    _measure("synthetic", build, probes + extra, options, generate_ms, rss_before)
                )
            del build
    return {
        "machine": {
            "python": sys.version.split()[0],
            "platform": sys.platform,
            "cpus": _cpus(),
        },
        "settings": {
            "load_yaml": options.load_yaml,
            "repetitions": options.repetitions,
            "seconds_per_repetition": options.seconds,
            "seed": options.seed,
        },
        "sizes": [_as_dict(s) for s in sizes],
        "growth": _growth(sizes),
    }


def _cpus() -> int | None:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def _as_dict(size: SizeReport) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(size)


def _growth(sizes: list[SizeReport]) -> list[dict[str, Any]]:
    """How cost grows between consecutive sizes: ratio of facts vs ratio of p50 and p95."""
    rows = []
    for small, large in itertools.pairwise(sizes):
        rows.append(
            {
                "from_facts": small.facts,
                "to_facts": large.facts,
                "facts_ratio": large.facts / small.facts,
                "p50_ratio": large.engine.p50_ms / small.engine.p50_ms,
                "p95_ratio": large.engine.p95_ms / small.engine.p95_ms,
                "index_ratio": large.startup.index_ms / small.startup.index_ms,
            }
        )
    return rows
