"""/about and /help."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_bot import embeds

if TYPE_CHECKING:
    from bot.discord_bot.client import FactBot


class MetaCog(commands.Cog):
    def __init__(self, bot: FactBot) -> None:
        self.bot = bot

    @app_commands.command(name="about", description="What factbot knows and how it sources answers")
    async def about(self, interaction: discord.Interaction[Any]) -> None:
        knowledge = self.bot.holder.engine.knowledge
        embed = embeds.about_embed(
            knowledge.document.title,
            knowledge.counts_by_country(),
            len(knowledge.facts),
            logs_gaps=self.bot.asker.gaps is not None,
        )
        await interaction.response.send_message(embed=embed)

    @app_commands.command(name="help", description="How to ask factbot, with examples")
    async def help(self, interaction: discord.Interaction[Any]) -> None:
        listing = [
            (command.name, command.description)
            for command in self.bot.tree.get_commands()
            if isinstance(command, app_commands.Command | app_commands.Group)
            and command.name != "reload"
        ]
        name = self.bot.user.display_name if self.bot.user else "factbot"
        await interaction.response.send_message(
            embed=embeds.help_embed(name, listing), ephemeral=True
        )
