"""The `factbot` command line: one subcommand per job."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.knowledge import DEFAULT_KNOWLEDGE_DIR


def _knowledge_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--knowledge",
        type=Path,
        default=None,
        help="knowledge folder (default: $FACTBOT_KNOWLEDGE_DIR or the shipped one)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factbot",
        description="Sourced answers about Israel's relations with the five Central Asian republics.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="validate the fact base and print a coverage summary")
    _knowledge_arg(check)
    return parser


def knowledge_dir(arg: Path | None) -> Path:
    import os

    if arg is not None:
        return arg
    env = os.environ.get("FACTBOT_KNOWLEDGE_DIR")
    return Path(env) if env else DEFAULT_KNOWLEDGE_DIR


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "check":
        from bot.tools.check_report import run_check

        return run_check(knowledge_dir(args.knowledge), sys.stdout, sys.stderr)
    return 2
