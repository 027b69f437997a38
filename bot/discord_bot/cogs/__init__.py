"""One cog per concern. `setup_cogs` adds them all to the bot."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.discord_bot.client import FactBot


async def setup_cogs(bot: FactBot) -> None:
    from bot.discord_bot.cogs.admin import AdminCog
    from bot.discord_bot.cogs.ask import AskCog
    from bot.discord_bot.cogs.meta import MetaCog
    from bot.discord_bot.cogs.overview import OverviewCog
    from bot.discord_bot.cogs.timeline import CompareCog, TimelineCog

    await bot.add_cog(AskCog(bot))
    await bot.add_cog(OverviewCog(bot))
    await bot.add_cog(TimelineCog(bot))
    if bot.chart_maker.can_compare:
        await bot.add_cog(CompareCog(bot))
    await bot.add_cog(MetaCog(bot))
    await bot.add_cog(AdminCog(bot))
