"""/timeline: the dated events in order, paged with buttons, with the chart when it can be drawn.
/compare: a chart of one measure across countries (only when the charts package provides it)."""

from __future__ import annotations

import io
import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_bot import actions, embeds
from bot.discord_bot import text as t
from bot.discord_bot.charting import COMPARE_MEASURES
from bot.discord_bot.cogs.overview import COUNTRY_CHOICES
from bot.knowledge.schema import COUNTRIES

if TYPE_CHECKING:
    from bot.discord_bot.client import FactBot

log = logging.getLogger(__name__)


class TimelineCog(commands.Cog):
    def __init__(self, bot: FactBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="timeline", description="Dated events in Israel's relations with Central Asia"
    )
    @app_commands.describe(country="Only this country (leave empty for all five)")
    @app_commands.choices(country=COUNTRY_CHOICES)
    async def timeline(
        self,
        interaction: discord.Interaction[Any],
        country: app_commands.Choice[str] | None = None,
    ) -> None:
        await actions.timeline_command(interaction, country.value if country else None)


def parse_countries(text: str | None) -> tuple[list[str], list[str]]:
    """("kazakhstan, Uzbekistan") -> known country ids and the words that were not countries."""
    if not text or not text.strip():
        return list(COUNTRIES), []
    known, unknown = [], []
    for word in text.replace(";", ",").replace(" and ", ",").replace(" ", ",").split(","):
        name = word.strip().lower()
        if not name:
            continue
        match = next((c for c in COUNTRIES if c.startswith(name[:5])), None)
        if match and len(name) >= 4:
            if match not in known:
                known.append(match)
        else:
            unknown.append(word.strip())
    return known, unknown


class CompareCog(commands.Cog):
    def __init__(self, bot: FactBot) -> None:
        self.bot = bot

    @app_commands.command(name="compare", description="Chart one measure across the countries")
    @app_commands.describe(
        what="What to compare",
        countries="Which countries, e.g. 'kazakhstan, uzbekistan' (empty: all five)",
    )
    @app_commands.choices(
        what=[app_commands.Choice(name=name, value=name) for name in COMPARE_MEASURES]
    )
    async def compare(
        self,
        interaction: discord.Interaction[Any],
        what: app_commands.Choice[str],
        countries: str | None = None,
    ) -> None:
        if not await actions.allowed(interaction):
            return
        known, unknown = parse_countries(countries)
        if unknown or not known:
            shown = t.escape_user_text(", ".join(unknown), 200) or "nothing"
            await interaction.response.send_message(
                f"I only know the five Central Asian republics; I could not place: {shown}.",
                ephemeral=True,
            )
            return
        base = self.bot.holder.engine.knowledge

        def build(chart: Any) -> dict[str, Any]:
            if chart is None:
                return {"embed": embeds.notice_embed("I could not draw that chart.")}
            embed = discord.Embed(title=t.clip(chart.title, t.EMBED_TITLE), colour=embeds.INFO)
            embed.set_image(url=f"attachment://{chart.filename}")
            embed.description = t.clip(chart.alt_text, t.EMBED_DESCRIPTION)
            embed.set_footer(text=f"Source: “{base.document.title}”")
            file = discord.File(
                io.BytesIO(chart.png),
                filename=chart.filename,
                description=chart.alt_text_within(1024),
            )
            return {"embed": embeds.fit(embed), "file": file}

        async def work() -> Any:
            try:
                return await self.bot.asker.run(
                    self.bot.chart_maker.compare, base, what.value, known
                )
            except ValueError as exc:  # ChartError: nothing to plot for that choice
                log.info("compare chart refused: %s", exc)
                return None

        await actions.respond(interaction, work(), build)
