"""The table of `factbot` subcommands. Each entry's module does the work."""

from __future__ import annotations

import argparse
import sys

from bot.cli import Command, add_knowledge_arg, knowledge_dir


def _check(args: argparse.Namespace) -> int:
    from bot.tools.check_report import run_check

    return run_check(knowledge_dir(args.knowledge), sys.stdout, sys.stderr)


def _ask(args: argparse.Namespace) -> int:
    from bot.tools.ask_command import run_ask

    return run_ask(args)


def _chat(args: argparse.Namespace) -> int:
    from bot.tools.ask_command import run_chat

    return run_chat(args)


def _configure_ask(parser: argparse.ArgumentParser) -> None:
    from bot.tools.ask_command import configure_ask

    configure_ask(parser)


def _eval(args: argparse.Namespace) -> int:
    from bot.tools.evaluation import run

    return run(args)


def _configure_eval(parser: argparse.ArgumentParser) -> None:
    from bot.tools.evaluation import configure

    configure(parser)


def _run(args: argparse.Namespace) -> int:
    from bot.tools.discord_command import run

    return run(args)


def _configure_run(parser: argparse.ArgumentParser) -> None:
    from bot.tools.discord_command import configure_run

    configure_run(parser)


def _sync(args: argparse.Namespace) -> int:
    from bot.tools.discord_command import sync

    return sync(args)


def _configure_sync(parser: argparse.ArgumentParser) -> None:
    from bot.tools.discord_command import configure_sync

    configure_sync(parser)


def _gaps(args: argparse.Namespace) -> int:
    from bot.tools.gaps_command import run

    return run(args)


def _configure_gaps(parser: argparse.ArgumentParser) -> None:
    from bot.tools.gaps_command import configure

    configure(parser)


def _chart(args: argparse.Namespace) -> int:
    from bot.tools.chart_command import run

    return run(args)


def _configure_chart(parser: argparse.ArgumentParser) -> None:
    from bot.tools.chart_command import configure

    configure(parser)


def _bench(args: argparse.Namespace) -> int:
    from bot.tools.bench import run

    return run(args)


def _configure_bench(parser: argparse.ArgumentParser) -> None:
    from bot.tools.bench import configure

    configure(parser)


ALL: list[Command] = [
    Command(
        "ask", "answer one question (or, with --json, one per stdin line)", _configure_ask, _ask
    ),
    Command(
        "eval", "run labelled questions and report accuracy and failures", _configure_eval, _eval
    ),
    Command("chat", "ask questions interactively, with follow-ups", add_knowledge_arg, _chat),
    Command(
        "check", "validate the fact base and print a coverage summary", add_knowledge_arg, _check
    ),
    Command(
        "run",
        "start the Discord bot (settings from the environment and .env)",
        _configure_run,
        _run,
    ),
    Command("sync", "push the slash-command definitions to Discord now", _configure_sync, _sync),
    Command("gaps", "the most frequent questions the bot could not answer", _configure_gaps, _gaps),
    Command("chart", "draw a timeline or comparison chart as a PNG", _configure_chart, _chart),
    Command(
        "bench",
        "benchmark start-up, latency, throughput and memory (--synthetic N for large bases)",
        _configure_bench,
        _bench,
    ),
]
