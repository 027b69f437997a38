"""/ask (with autocomplete), and questions by mention or DM."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_bot import actions
from bot.discord_bot import text as t

if TYPE_CHECKING:
    from bot.discord_bot.client import FactBot

log = logging.getLogger(__name__)


class AskCog(commands.Cog):
    def __init__(self, bot: FactBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="ask", description="Ask about Israel and Central Asia; the answer cites the article"
    )
    @app_commands.describe(question="e.g. When did Israel open its embassy in Tashkent?")
    async def ask(self, interaction: discord.Interaction[Any], question: str) -> None:
        await actions.answer_slash(interaction, question)

    @ask.autocomplete("question")
    async def ask_autocomplete(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        try:
            typed = t.clean_question(current)[:200]
            questions = self.bot.asker.suggest(typed, t.CHOICES)
        except Exception:
            log.exception("autocomplete failed (%s)", actions.context_of(interaction))
            return []
        choices = []
        for question in questions:
            if 0 < len(question) <= t.CHOICE_VALUE:
                choices.append(app_commands.Choice(name=question, value=question))
        return choices[: t.CHOICES]

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        await actions.answer_message(self.bot, message)
