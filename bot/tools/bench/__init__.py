"""`factbot bench`: start-up, per-question latency, throughput and memory of the engine.

It measures the article's fact base and, with `--synthetic N`, generated bases of N more facts
(built in memory from the real lexicon, topics and article), and in the same run a naive baseline
(rapidfuzz `extractOne` with WRatio over every question of every fact, no index), so the ratio
between the two holds on a noisy machine. Every figure is the median of several repetitions;
`spread` is (max - min) / median of the repetitions' p50, the noise this machine showed.

This module is the command line; `probes` has the question set, `synthetic` the generated bases,
`measure` the timing and memory measurements, `runner` a whole run, `report` its printout.
"""

from __future__ import annotations

import argparse
import json
import sys

from bot.cli import add_knowledge_arg, knowledge_dir
from bot.tools.bench.report import print_report
from bot.tools.bench.runner import (
    REPETITIONS,
    SECONDS_PER_REPETITION,
    SEED,
    BenchOptions,
    run_bench,
)


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "").replace("k", "000")) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected sizes like 1000,10000: {text!r}") from None
    if any(n < 1 for n in sizes):
        raise argparse.ArgumentTypeError("sizes must be positive")
    return sizes


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--synthetic",
        type=_sizes,
        action="append",
        default=[],
        metavar="N[,N...]",
        help="also measure generated bases of N more facts (repeatable, e.g. 1000,10000,100000)",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--repetitions", type=int, default=REPETITIONS, help="repetitions to take medians of"
    )
    parser.add_argument(
        "--seconds",
        type=float,
        default=SECONDS_PER_REPETITION,
        help="time each latency repetition spends asking (rounds of the question set)",
    )
    parser.add_argument("--no-baseline", action="store_true", help="skip the naive baseline")
    parser.add_argument(
        "--load-yaml",
        action="store_true",
        help="write each synthetic base as YAML files and include reading them in start-up",
    )
    parser.add_argument("--seed", type=int, default=SEED, help="seed of the generated bases")
    add_knowledge_arg(parser)


def run(args: argparse.Namespace) -> int:
    options = BenchOptions(
        knowledge=knowledge_dir(args.knowledge),
        synthetic=[n for group in args.synthetic for n in group],
        repetitions=max(1, args.repetitions),
        seconds=max(0.01, args.seconds),
        baseline=not args.no_baseline,
        seed=args.seed,
        load_yaml=args.load_yaml,
    )
    report = run_bench(options, progress=sys.stderr)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_report(report, sys.stdout)
    return 0
