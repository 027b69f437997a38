"""The bot itself: discord.py's Bot with factbot's services, safe defaults set once for every
message (no pings), no privileged intents, and the command tree synced only when it changed."""

from __future__ import annotations

import logging
from typing import Any, Literal

import discord
import yarl
from discord import app_commands
from discord.ext import commands
from discord.gateway import DiscordWebSocket

from bot.discord_bot import actions
from bot.discord_bot.charting import ChartMaker
from bot.discord_bot.limits import RateLimiter
from bot.discord_bot.service import AskService, EngineHolder
from bot.discord_bot.sync import SyncReport, sync_commands
from bot.discord_bot.views import DYNAMIC_ITEMS
from bot.settings import DISCORD_API, Settings

log = logging.getLogger(__name__)

DISCORD_GATEWAY = yarl.URL("wss://gateway.discord.gg/")
SyncMode = Literal["auto", "force", "never"]


def configure_api(api_base: str) -> None:
    """Point discord.py's REST client at `api_base` (Discord, a REST proxy or the test fake).

    Every REST route, webhook and interaction callback included, is built from `Route.BASE`.
    The gateway address is taken from that API's GET /gateway/bot in `setup_hook`.
    """
    discord.http.Route.BASE = api_base.rstrip("/")
    if api_base.rstrip("/") == DISCORD_API:
        DiscordWebSocket.DEFAULT_GATEWAY = DISCORD_GATEWAY


def intents() -> discord.Intents:
    """Guilds, guild messages and DMs: enough to see mentions and DMs (Discord sends the content
    of those without the privileged message-content intent). No privileged intent is asked for."""
    wanted = discord.Intents.none()
    wanted.guilds = True
    wanted.guild_messages = True
    wanted.dm_messages = True
    return wanted


def everywhere() -> tuple[app_commands.AppCommandContext, app_commands.AppInstallationType]:
    return (
        app_commands.AppCommandContext(guild=True, dm_channel=True, private_channel=True),
        app_commands.AppInstallationType(guild=True, user=True),
    )


class _FactBotCore:
    """What factbot adds to discord.py's Bot; mixed into the plain and the sharded bot."""

    defer_after: float = 1.5  # defer an interaction whose answer is not ready by then
    settings: Settings
    holder: EngineHolder
    asker: AskService
    limiter: RateLimiter
    chart_maker: ChartMaker
    sync_mode: SyncMode
    last_sync: SyncReport | None

    def __init__(
        self,
        settings: Settings,
        holder: EngineHolder,
        asker: AskService,
        *,
        sync_mode: SyncMode = "auto",
        **options: Any,
    ) -> None:
        contexts, installs = everywhere()
        if settings.owner_ids:  # else discord.py asks Discord who owns the application
            options["owner_ids"] = set(settings.owner_ids)
        super().__init__(  # type: ignore[call-arg]
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=intents(),
            allowed_mentions=discord.AllowedMentions.none(),
            allowed_contexts=contexts,
            allowed_installs=installs,
            max_messages=200,
            chunk_guilds_at_startup=False,
            member_cache_flags=discord.MemberCacheFlags.none(),
            status=discord.Status.online,
            activity=discord.CustomActivity(name="Ask me about Israel and Central Asia"),
            **options,
        )
        self.settings = settings
        self.holder = holder
        self.asker = asker
        self.limiter = RateLimiter(settings.user_cooldown, settings.channel_cooldown)
        self.chart_maker = ChartMaker()
        self.sync_mode = sync_mode
        self.last_sync = None

    async def setup_hook(self) -> None:
        bot: Any = self
        if self.settings.custom_api:
            # A plain Bot connects to DEFAULT_GATEWAY; use the gateway the configured API names.
            _, url, _ = await bot.http.get_bot_gateway()
            DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(url)
        bot.add_dynamic_items(*DYNAMIC_ITEMS)
        from bot.discord_bot.cogs import setup_cogs

        await setup_cogs(bot)
        bot.tree.error(on_tree_error)
        log.info("invite link: %s", invite_url(bot.application_id))
        if self.sync_mode != "never":
            self.last_sync = await sync_commands(bot, force=self.sync_mode == "force")

    async def on_message(self, message: discord.Message) -> None:
        # Bot.on_message would run prefix commands; factbot has none. The ask cog listens instead.
        return

    async def on_error(self, event_method: str, /, *args: Any, **kwargs: Any) -> None:
        log.exception("error in event handler %s", event_method)

    async def close(self) -> None:
        try:
            await super().close()  # type: ignore[misc]
        finally:
            self.asker.close()


# Send Messages, Embed Links, Read Message History, Use Application Commands.
PERMISSIONS = discord.Permissions(
    send_messages=True,
    embed_links=True,
    read_message_history=True,
    use_application_commands=True,
)


def invite_url(application_id: int | None) -> str:
    return discord.utils.oauth_url(
        application_id or 0, permissions=PERMISSIONS, scopes=("bot", "applications.commands")
    )


class FactBot(_FactBotCore, commands.Bot):
    pass


class ShardedFactBot(_FactBotCore, commands.AutoShardedBot):
    pass


async def on_tree_error(
    interaction: discord.Interaction[Any], error: app_commands.AppCommandError
) -> None:
    """Any error inside a slash command: logged with its context, an apology to the user."""
    if isinstance(error, app_commands.CheckFailure):
        await actions.apologise(interaction, "You can't use that command here.")
        return
    original = getattr(error, "original", error)
    log.error(
        "error in command (%s)",
        actions.context_of(interaction),
        exc_info=(type(original), original, original.__traceback__),
    )
    if interaction.type is not discord.InteractionType.autocomplete:
        await actions.apologise(interaction)


def create_bot(
    settings: Settings, holder: EngineHolder, asker: AskService, *, sync_mode: SyncMode = "auto"
) -> FactBot | ShardedFactBot:
    if settings.sharded:
        return ShardedFactBot(
            settings,
            holder,
            asker,
            sync_mode=sync_mode,
            shard_count=settings.shard_count,
            shard_ids=list(settings.shard_ids) if settings.shard_ids else None,
        )
    return FactBot(settings, holder, asker, sync_mode=sync_mode)
