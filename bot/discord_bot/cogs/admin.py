"""/reload: the owner re-reads the fact base; a broken one is refused and the old one serves on."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_bot import actions, embeds
from bot.discord_bot import text as t
from bot.discord_bot.service import ReloadResult

if TYPE_CHECKING:
    from bot.discord_bot.client import FactBot

SHOWN_PROBLEMS = 10


def reload_embed(result: ReloadResult, before: int) -> discord.Embed:
    if result.ok:
        return embeds.notice_embed(
            f"Reloaded the fact base: {result.facts} facts (was {before}).", embeds.ANSWERED
        )
    listing = "\n".join(p.replace("```", "'''") for p in result.problems[:SHOWN_PROBLEMS])
    more = len(result.problems) - SHOWN_PROBLEMS
    if more > 0:
        listing += f"\n... and {more} more (run `factbot check`)"
    head = (
        f"The fact base has {len(result.problems)} problem(s), so I kept the one in service "
        f"({result.facts} facts).\n"
    )
    body = f"```\n{t.clip(listing, t.EMBED_DESCRIPTION - len(head) - 10)}\n```"
    return embeds.notice_embed(head + body, embeds.PROBLEM)


class AdminCog(commands.Cog):
    def __init__(self, bot: FactBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="reload", description="Owner only: re-read and check the fact base, then use it"
    )
    @app_commands.default_permissions(administrator=True)
    async def reload(self, interaction: discord.Interaction[Any]) -> None:
        if not await self.bot.is_owner(interaction.user):
            await interaction.response.send_message(
                "Only the bot's owner can reload the fact base.", ephemeral=True
            )
            return
        before = len(self.bot.holder.engine.knowledge.facts)
        await actions.respond(
            interaction,
            self.bot.asker.reload(self.bot.settings.knowledge_dir),
            lambda result: {"embed": reload_embed(result, before)},
            ephemeral=True,
        )
