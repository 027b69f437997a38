"""The `factbot` command line: one subcommand per job, each defined in its own module."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.knowledge import DEFAULT_KNOWLEDGE_DIR


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def add_knowledge_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--knowledge",
        type=Path,
        default=None,
        help="knowledge folder (default: $FACTBOT_KNOWLEDGE_DIR or the shipped one)",
    )


def knowledge_dir(arg: Path | None) -> Path:
    if arg is not None:
        return arg
    env = os.environ.get("FACTBOT_KNOWLEDGE_DIR")
    return Path(env) if env else DEFAULT_KNOWLEDGE_DIR


def _commands() -> list[Command]:
    # Imported here so `factbot --help` stays fast and each command loads only what it uses.
    from bot.tools import commands

    return commands.ALL


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factbot",
        description=(
            "Sourced answers about Israel's relations with the five Central Asian republics."
        ),
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in _commands():
        child = sub.add_parser(command.name, help=command.help, description=command.help)
        command.configure(child)
        child.set_defaults(handler=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `factbot ask ... | head`); that is not an error.
        sys.stderr.close()
        return 0
