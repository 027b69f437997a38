"""Measuring one engine: per-question latency over rounds of the question set, start-up over
repeated builds, memory, and the naive baseline."""

from __future__ import annotations

import gc
import random
import resource
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process, utils

from bot.answering.engine import Engine
from bot.knowledge import check_knowledge, load_knowledge
from bot.knowledge.loader import KnowledgeBase
from bot.knowledge.schema import Fact
from bot.tools.bench.probes import FRESH_TYPOS, Probe, one_round

MAX_ROUNDS = 40
STARTUP_BUDGET_SECONDS = 20.0  # start-up is rebuilt while the builds fit in this, up to REPS
PERCENTILES = (50, 95, 99)

# -- statistics ---------------------------------------------------------------------------


def percentile(sorted_values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    if not sorted_values:
        return 0.0
    rank = max(1, -(-len(sorted_values) * pct // 100))
    return sorted_values[int(rank) - 1]


@dataclass
class LatencyStats:
    """Per-question latency in milliseconds: medians over repetitions, and their spread."""

    questions: int  # questions in one round of the set
    rounds: int  # rounds per repetition
    repetitions: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    questions_per_s: float
    spread: float  # (max - min) / median of the repetitions' p50
    p50_by_repetition: list[float]
    p50_by_kind: dict[str, float] = field(default_factory=dict)


def _summarise(
    runs: list[list[tuple[str, float]]], questions: int, rounds: int, seconds: list[float]
) -> LatencyStats:
    per_rep: dict[int, list[float]] = {p: [] for p in PERCENTILES}
    maxima, p50s = [], []
    by_kind: dict[str, list[float]] = {}
    for run in runs:
        values = sorted(ms for _, ms in run)
        for p in PERCENTILES:
            per_rep[p].append(percentile(values, p))
        maxima.append(values[-1])
        p50s.append(percentile(values, 50))
        kinds: dict[str, list[float]] = {}
        for kind, ms in run:
            kinds.setdefault(kind, []).append(ms)
        for kind, kind_values in kinds.items():
            by_kind.setdefault(kind, []).append(percentile(sorted(kind_values), 50))
    median_p50 = statistics.median(p50s)
    total = sum(len(run) for run in runs)
    return LatencyStats(
        questions=questions,
        rounds=rounds,
        repetitions=len(runs),
        p50_ms=median_p50,
        p95_ms=statistics.median(per_rep[95]),
        p99_ms=statistics.median(per_rep[99]),
        max_ms=max(maxima),
        questions_per_s=total / sum(seconds) if sum(seconds) else 0.0,
        spread=(max(p50s) - min(p50s)) / median_p50 if median_p50 else 0.0,
        p50_by_repetition=p50s,
        p50_by_kind={k: statistics.median(v) for k, v in sorted(by_kind.items())},
    )


def peak_rss_mb() -> float:
    """The process's peak resident memory so far (a high-water mark; it never goes down)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def current_rss_mb() -> float | None:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return None
    return pages * resource.getpagesize() / (1024 * 1024)


# -- measuring ----------------------------------------------------------------------------


def _time_rounds(
    ask: Callable[[str, str | None], Any],
    probes: list[Probe],
    rounds: int,
    rng: random.Random,
    label: str,
) -> tuple[list[tuple[str, float]], float]:
    timings: list[tuple[str, float]] = []
    clock = time.perf_counter_ns
    started = clock()
    for number in range(rounds):
        for probe, conversation in one_round(probes, rng, f"{label}-{number}"):
            before = clock()
            ask(probe.text, conversation or None)
            timings.append((probe.kind, (clock() - before) / 1e6))
    return timings, (clock() - started) / 1e9


def measure_latency(
    ask: Callable[[str, str | None], Any],
    probes: list[Probe],
    *,
    repetitions: int,
    seconds: float,
    seed: int,
    budget: float | None = None,
) -> LatencyStats:
    """A first round to warm up and time the set, then up to `repetitions` runs of enough
    rounds to fill `seconds` each, while they fit in `budget` seconds. When even one round
    takes longer than `seconds`, the first round is kept as the first repetition."""
    rng = random.Random(seed)
    runs: list[list[tuple[str, float]]] = []
    durations: list[float] = []
    timings, first = _time_rounds(ask, probes, 1, rng, "first")
    rounds = max(1, min(MAX_ROUNDS, int(seconds / max(first, 1e-9))))
    if first >= seconds:
        runs.append(timings)
        durations.append(first)
    spent = first
    while len(runs) < repetitions and (budget is None or spent + rounds * first <= budget):
        gc.collect()
        timings, took = _time_rounds(ask, probes, rounds, rng, f"r{len(runs)}")
        runs.append(timings)
        durations.append(took)
        spent += took
    if not runs:
        runs.append(timings)
        durations.append(first)
        rounds = 1
    return _summarise(runs, len(probes) + FRESH_TYPOS, rounds, durations)


class NaiveBaseline:
    """What a bot without an index does: WRatio against every question of every fact."""

    def __init__(self, facts: Sequence[Fact]) -> None:
        self.choices = [utils.default_process(q) for f in facts for q in f.all_questions]

    def ask(self, question: str, conversation: str | None = None) -> Any:
        del conversation
        return process.extractOne(
            utils.default_process(question), self.choices, scorer=fuzz.WRatio, processor=None
        )


@dataclass
class StartupStats:
    builds: int
    load_ms: float | None  # reading and parsing the YAML (the article base only)
    validate_ms: float | None  # `factbot check`'s checks, which the bot runs before serving
    index_ms: float  # Engine(base): understander, index, scorer
    startup_ms: float  # what a starting bot waits for: load + validate + index
    spread: float
    first_ms: float  # the first, cold start (lazy imports, empty caches)


def _median_spread(values: list[float]) -> tuple[float, float]:
    middle = statistics.median(values)
    return middle, (max(values) - min(values)) / middle if middle else 0.0


def measure_startup(
    build: Callable[[], tuple[float | None, float | None, float, Engine]], repetitions: int
) -> tuple[StartupStats, Engine]:
    """Build `repetitions` times (fewer when a build is slow); keep the last engine."""
    loads: list[float | None] = []  # None: a generated base, neither loaded nor validated
    checks: list[float | None] = []
    indexes: list[float] = []
    totals: list[float] = []
    spent = 0.0
    engine: Engine | None = None
    while len(totals) < repetitions and (not totals or spent < STARTUP_BUDGET_SECONDS):
        engine = None
        gc.collect()
        load_ms, validate_ms, index_ms, engine = build()
        total = (load_ms or 0.0) + (validate_ms or 0.0) + index_ms
        spent += total / 1000
        loads.append(load_ms)
        checks.append(validate_ms)
        indexes.append(index_ms)
        totals.append(total)
    assert engine is not None
    startup, spread = _median_spread(totals)
    return (
        StartupStats(
            builds=len(totals),
            load_ms=statistics.median(loads) if loads[0] is not None else None,  # type: ignore[type-var]
            validate_ms=statistics.median(checks) if checks[0] is not None else None,  # type: ignore[type-var]
            index_ms=statistics.median(indexes),
            startup_ms=startup,
            spread=spread,
            first_ms=totals[0],
        ),
        engine,
    )


def ms_since(started: int) -> float:
    return (time.perf_counter_ns() - started) / 1e6


def build_article_engine(root: Path) -> tuple[float | None, float | None, float, Engine]:
    started = time.perf_counter_ns()
    base, problems = load_knowledge(root)
    load_ms = ms_since(started)
    if base is None:
        raise SystemExit(f"factbot bench: cannot load {root}: {len(problems)} problem(s)")
    started = time.perf_counter_ns()
    check_knowledge(base)
    validate_ms = ms_since(started)
    started = time.perf_counter_ns()
    engine = Engine(base)
    return load_ms, validate_ms, ms_since(started), engine


def build_synthetic(base: KnowledgeBase) -> tuple[None, None, float, Engine]:
    started = time.perf_counter_ns()
    engine = Engine(base)
    return None, None, ms_since(started), engine


def build_synthetic_from_files(root: Path) -> tuple[float, None, float, Engine]:
    """Read a written synthetic base like the bot reads its own (without `check`, which
    compares every question with every other)."""
    started = time.perf_counter_ns()
    base, problems = load_knowledge(root)
    load_ms = ms_since(started)
    ours = [p for p in problems if p.path.name.startswith("synthetic-")]
    if base is None or ours:
        raise RuntimeError(f"the synthetic base in {root} does not load: {ours[:3]}")
    started = time.perf_counter_ns()
    engine = Engine(base)
    return load_ms, None, ms_since(started), engine
