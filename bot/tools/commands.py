"""The table of `factbot` subcommands. Each entry names the module and functions that do the work;
modules are imported only when their command runs, so `factbot --help` stays fast."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from bot.cli import Command


def _lazy(module: str, name: str) -> Callable[..., Any]:
    def call(*args: Any) -> Any:
        return getattr(importlib.import_module(f"bot.tools.{module}"), name)(*args)

    return call


def _command(name: str, help_text: str, module: str, run: str, configure: str) -> Command:
    return Command(name, help_text, _lazy(module, configure), _lazy(module, run))


ALL: list[Command] = [
    _command(
        "ask",
        "answer one question (or, with --json, one per stdin line)",
        "ask_command",
        "run_ask",
        "configure_ask",
    ),
    _command(
        "eval",
        "run labelled questions and report accuracy and failures",
        "evaluation",
        "run",
        "configure",
    ),
    _command(
        "chat",
        "ask questions interactively, with follow-ups",
        "ask_command",
        "run_chat",
        "configure_chat",
    ),
    _command(
        "check",
        "validate the fact base and print a coverage summary",
        "check_report",
        "run",
        "configure",
    ),
    _command(
        "run",
        "start the Discord bot (settings from the environment and .env)",
        "discord_command",
        "run",
        "configure_run",
    ),
    _command(
        "sync",
        "push the slash-command definitions to Discord now",
        "discord_command",
        "sync",
        "configure_sync",
    ),
    _command(
        "gaps",
        "the most frequent questions the bot could not answer",
        "gaps_command",
        "run",
        "configure",
    ),
    _command(
        "chart", "draw a timeline or comparison chart as a PNG", "chart_command", "run", "configure"
    ),
    _command(
        "bench",
        "benchmark start-up, latency, throughput and memory (--synthetic N for large bases)",
        "bench",
        "run",
        "configure",
    ),
]
