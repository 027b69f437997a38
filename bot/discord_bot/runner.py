"""Starting the bot: `factbot run` and `factbot sync`.

`serve()` is the whole start-up, used by the CLI and by the tests (which point DISCORD_API_BASE at
a loopback fake of Discord). Every way it can fail ends in one line on stderr and an exit status:
2 for a missing or rejected token (or bad settings), 1 for anything else; never a traceback.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sqlite3
import sys
import threading
from collections.abc import Callable
from typing import TextIO

import aiohttp
import discord

from bot.answering.engine import Engine
from bot.discord_bot.client import FactBot, ShardedFactBot, SyncMode, configure_api, create_bot
from bot.discord_bot.service import AskService, EngineHolder
from bot.gaps import GapLog, open_gap_log
from bot.knowledge import KnowledgeError, load_valid_knowledge
from bot.settings import RedactSecrets, Settings

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_TOKEN = 2

TOKEN_MISSING = (
    "DISCORD_TOKEN is not set: copy .env.example to .env and put the bot token from the "
    "Discord Developer Portal in it"
)
TOKEN_REJECTED = (
    "Discord rejected DISCORD_TOKEN (authentication failed): reset the token in the Developer "
    "Portal and update .env"
)


def setup_logging(settings: Settings) -> None:
    """Log to stderr at LOG_LEVEL, with the token scrubbed from every line."""
    handler = logging.StreamHandler()
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)-8s %(name)s: %(message)s", "%Y-%m-%d %H:%M:%S")
    )
    handler.addFilter(RedactSecrets(settings.token))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level)
    # discord.py's own DEBUG output is very chatty; keep it one step quieter than ours.
    if settings.log_level == "DEBUG":
        logging.getLogger("discord.gateway").setLevel(logging.INFO)


def load_engine(settings: Settings, err: TextIO) -> Engine | None:
    try:
        return Engine(load_valid_knowledge(settings.knowledge_dir))
    except KnowledgeError as exc:
        for problem in exc.problems[:20]:
            print(f"error: {problem}", file=err)
        print(
            f"factbot: refusing to start: the fact base in {settings.knowledge_dir} has "
            f"{len(exc.problems)} problem(s); run `factbot check`",
            file=err,
        )
        return None


def open_gaps(settings: Settings) -> GapLog | None:
    try:
        return open_gap_log(settings.gaps_db, settings.log_unanswered)
    except (OSError, sqlite3.Error) as exc:
        log.warning("gap log disabled: cannot open %s (%s)", settings.gaps_db, exc)
        return None


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]


async def serve(
    settings: Settings,
    *,
    engine: Engine | None = None,
    sync_mode: SyncMode = "auto",
    login_only: bool = False,
    on_bot: Callable[[FactBot | ShardedFactBot], None] | None = None,
    err: TextIO | None = None,
) -> int:
    """Run the bot until it is closed; returns the exit status."""
    err = err or sys.stderr
    if not settings.token:
        print(f"factbot: {TOKEN_MISSING}", file=err)
        return EXIT_TOKEN
    configure_api(settings.api_base)
    if engine is None:
        engine = load_engine(settings, err)
        if engine is None:
            return EXIT_FAILED
    holder = EngineHolder(engine)
    asker = AskService(holder, open_gaps(settings))
    bot = create_bot(settings, holder, asker, sync_mode=sync_mode)
    if on_bot is not None:
        on_bot(bot)
    token = settings.token.reveal()
    try:
        async with bot:
            if login_only:
                await bot.login(token)  # setup_hook syncs the commands
            else:
                await bot.start(token)
    except discord.LoginFailure:
        print(f"factbot: {TOKEN_REJECTED}", file=err)
        return EXIT_TOKEN
    except discord.PrivilegedIntentsRequired:
        print("factbot: Discord refused the intents (factbot asks for no privileged one)", file=err)
        return EXIT_FAILED
    except discord.ConnectionClosed as exc:
        if exc.code == 4004:
            print(f"factbot: {TOKEN_REJECTED}", file=err)
            return EXIT_TOKEN
        print(f"factbot: the Discord gateway closed the connection (code {exc.code})", file=err)
        return EXIT_FAILED
    except discord.HTTPException as exc:
        print(f"factbot: Discord answered HTTP {exc.status}: {_one_line(exc)}", file=err)
        return EXIT_FAILED
    except (aiohttp.ClientError, discord.GatewayNotFound, OSError, TimeoutError) as exc:
        print(
            f"factbot: cannot reach Discord at {settings.api_base} ({type(exc).__name__})",
            file=err,
        )
        return EXIT_FAILED
    except Exception as exc:
        log.exception("the bot stopped on an unexpected error")
        print(f"factbot: stopped on an unexpected error: {type(exc).__name__}", file=err)
        return EXIT_FAILED
    finally:
        asker.close()
    if login_only and bot.last_sync is not None:
        report = bot.last_sync
        state = "synced" if report.synced else "unchanged"
        names = ", ".join(report.commands)
        print(f"{state}: {len(report.commands)} commands ({report.target}): {names}")
    return EXIT_OK


def _stop_on_sigterm(bot: FactBot | ShardedFactBot) -> None:
    if threading.current_thread() is not threading.main_thread():
        return
    loop = asyncio.get_running_loop()
    with contextlib.suppress(NotImplementedError, RuntimeError):
        loop.add_signal_handler(signal.SIGTERM, lambda: asyncio.ensure_future(bot.close()))


def main(settings: Settings, *, sync_mode: SyncMode = "auto", login_only: bool = False) -> int:
    setup_logging(settings)
    try:
        return asyncio.run(
            serve(settings, sync_mode=sync_mode, login_only=login_only, on_bot=_stop_on_sigterm)
        )
    except KeyboardInterrupt:
        return 130
