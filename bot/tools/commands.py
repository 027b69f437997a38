"""The table of `factbot` subcommands. Each entry's module does the work."""

from __future__ import annotations

import argparse
import sys

from bot.cli import Command, add_knowledge_arg, knowledge_dir


def _check(args: argparse.Namespace) -> int:
    from bot.tools.check_report import run_check

    return run_check(knowledge_dir(args.knowledge), sys.stdout, sys.stderr)


ALL: list[Command] = [
    Command("check", "validate the fact base and print a coverage summary", add_knowledge_arg, _check),
]
