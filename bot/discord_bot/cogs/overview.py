"""/country: the relationship with one country at a glance, every line sourced."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.answering.answer import Answer
from bot.discord_bot import actions, embeds
from bot.knowledge.schema import COUNTRIES

if TYPE_CHECKING:
    from bot.answering.engine import Engine
    from bot.discord_bot.client import FactBot

COUNTRY_CHOICES = [app_commands.Choice(name=c.capitalize(), value=c) for c in COUNTRIES]


def overview_lines(engine: Engine, country: str) -> list[tuple[str, Answer]]:
    """Each overview answer with the label of its topic ("Trade", "Embassy", ...)."""
    facts = engine.knowledge.by_id()
    topics = engine.knowledge.topics
    lines = []
    for answer in engine.browse.country_overview(country):
        fact = facts.get(answer.fact_ids[0]) if answer.fact_ids else None
        topic = topics.get(fact.topic) if fact is not None else None
        lines.append((topic.label if topic is not None else answer.question, answer))
    return lines


class OverviewCog(commands.Cog):
    def __init__(self, bot: FactBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="country", description="Israel's relations with one country at a glance, sourced"
    )
    @app_commands.describe(name="Which of the five Central Asian republics")
    @app_commands.choices(name=COUNTRY_CHOICES)
    async def country(
        self, interaction: discord.Interaction[Any], name: app_commands.Choice[str]
    ) -> None:
        if not await actions.allowed(interaction):
            return
        engine = self.bot.holder.engine
        title = engine.knowledge.document.title
        await actions.respond(
            interaction,
            self.bot.asker.run(overview_lines, engine, name.value),
            lambda lines: {"embed": embeds.overview_embed(name.value, lines, title)},
        )
