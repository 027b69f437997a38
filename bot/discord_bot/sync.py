"""Syncing slash commands only when their definitions change.

Discord limits how often commands may be created, so the bot hashes the exact JSON it would send
and keeps the hash per application and target (one guild, or global) in a small state file.
`factbot sync` (or `sync_mode="force"`) pushes regardless.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import discord

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SyncReport:
    target: str  # "global" or "guild <id>"
    digest: str
    synced: bool  # False when unchanged and skipped
    commands: tuple[str, ...]


def definitions(bot: Any, guild: discord.abc.Snowflake | None) -> list[dict[str, Any]]:
    return [command.to_dict(bot.tree) for command in bot.tree.get_commands(guild=guild)]


def digest_of(payload: list[dict[str, Any]]) -> str:
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def read_state(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def write_state(path: Path, state: dict[str, str]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".sync-", suffix=".json")
        with os.fdopen(fd, "w") as handle:
            json.dump(state, handle, indent=2, sort_keys=True)
        Path(tmp).replace(path)
    except OSError as exc:
        log.warning("could not save the command-sync state to %s: %s", path, exc)


async def sync_commands(bot: Any, *, force: bool = False) -> SyncReport:
    settings = bot.settings
    guild = discord.Object(settings.dev_guild_id) if settings.dev_guild_id else None
    if guild is not None:
        bot.tree.copy_global_to(guild=guild)
    payload = definitions(bot, guild)
    digest = digest_of(payload)
    target = f"guild {guild.id}" if guild else "global"
    key = f"{bot.application_id}:{target}"
    names = tuple(sorted(c["name"] for c in payload))
    path = settings.sync_state_file
    state = read_state(path)
    if not force and state.get(key) == digest:
        log.info("slash commands unchanged (%s); not syncing", target)
        return SyncReport(target, digest, False, names)
    await bot.tree.sync(guild=guild)
    state[key] = digest
    write_state(path, state)
    log.info("synced %d slash commands (%s)", len(payload), target)
    return SyncReport(target, digest, True, names)
