"""`factbot run` and `factbot sync`: settings in, the Discord bot out."""

from __future__ import annotations

import argparse
import dataclasses
import sys

from bot.settings import Settings, SettingsError, load_settings


def configure_run(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--knowledge", default=None, help="knowledge folder (default: $FACTBOT_KNOWLEDGE_DIR)"
    )
    parser.add_argument(
        "--sync",
        choices=("auto", "force", "never"),
        default="auto",
        help="sync slash commands when changed (auto), always (force) or never",
    )


def configure_sync(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--knowledge", default=None, help="knowledge folder (default: $FACTBOT_KNOWLEDGE_DIR)"
    )


def _settings(args: argparse.Namespace, command: str) -> Settings | None:
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"factbot {command}: {exc}", file=sys.stderr)
        return None
    if args.knowledge:
        from pathlib import Path

        settings = dataclasses.replace(settings, knowledge_dir=Path(args.knowledge))
    return settings


def run(args: argparse.Namespace) -> int:
    settings = _settings(args, "run")
    if settings is None:
        return 2
    from bot.discord_bot.runner import main

    return main(settings, sync_mode=args.sync)


def sync(args: argparse.Namespace) -> int:
    settings = _settings(args, "sync")
    if settings is None:
        return 2
    from bot.discord_bot.runner import main

    return main(settings, sync_mode="force", login_only=True)
