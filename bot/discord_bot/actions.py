"""What the bot does for a question, wherever it comes from: a slash command, a mention, a DM or a
button. Cogs and buttons call these; they hold the Discord conventions (defer when slow, ephemeral
notices, replies that ping nobody, an apology when something breaks) and no matching logic.
"""

from __future__ import annotations

import asyncio
import io
import logging
import secrets
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

import discord

from bot.answering.answer import Answer
from bot.answering.browse import TimelineEvent
from bot.discord_bot import embeds
from bot.discord_bot import text as t
from bot.discord_bot.limits import Verdict
from bot.discord_bot.views import answer_view, timeline_view

if TYPE_CHECKING:
    from bot.discord_bot.client import FactBot

log = logging.getLogger(__name__)
T = TypeVar("T")

ANSWER_DEADLINE = 60.0  # after deferring: far inside the interaction token's 15 minutes
SEND_RETRY_DELAY = 0.5  # before the one retry of a channel message that met a 5xx
APOLOGY = "Sorry, something went wrong on my side while answering. Please try again in a moment."


def bot_of(interaction: discord.Interaction[Any]) -> FactBot:
    return cast("FactBot", interaction.client)


def conversation_key(channel_id: int | None, user_id: int) -> str:
    """Follow-up context is kept per (channel, user), in the engine's memory only."""
    return f"{channel_id or 0}:{user_id}"


def cooldown_text(verdict: Verdict) -> str:
    seconds = max(1, round(verdict.retry_after + 0.49))
    if verdict.scope == "channel":
        return (
            "This channel is asking faster than I can keep up. "
            f"Please try again in {seconds} s, or ask me in a DM."
        )
    return f"You're asking quickly! Please wait {seconds} s before your next question."


def answer_parts(answer: Answer, user_id: int, title: str | None) -> dict[str, Any]:
    return {"embed": embeds.answer_embed(answer, title), "view": answer_view(answer, user_id)}


def context_of(interaction: discord.Interaction[Any]) -> str:
    """Where an interaction came from, for logs: ids only, never what anyone typed."""
    what = interaction.command.qualified_name if interaction.command else None
    if what is None and isinstance(interaction.data, dict):
        what = str(interaction.data.get("custom_id", "?"))
    return (
        f"interaction={interaction.id} type={interaction.type.name} what={what} "
        f"guild={interaction.guild_id} channel={interaction.channel_id}"
    )


# -- interactions ---------------------------------------------------------------------------


async def apologise(interaction: discord.Interaction[Any], text: str = APOLOGY) -> None:
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True)
        else:
            await interaction.response.send_message(text, ephemeral=True)
    except discord.HTTPException as exc:
        log.warning("could not apologise (%s): HTTP %s", context_of(interaction), exc.status)


async def guarded(
    interaction: discord.Interaction[Any], work: Callable[[], Awaitable[None]]
) -> None:
    """Run a handler; if it fails, log it with its context and apologise to the user."""
    try:
        await work()
    except Exception:
        log.exception("error while handling %s", context_of(interaction))
        await apologise(interaction)


def _present(parts: dict[str, Any], *, edit: bool) -> dict[str, Any]:
    # A new message leaves out what it does not have; an edit passes view=None to clear buttons.
    return {k: v for k, v in parts.items() if v is not None or (edit and k == "view")}


async def respond(
    interaction: discord.Interaction[Any],
    work: Awaitable[T],
    build: Callable[[T], dict[str, Any]],
    *,
    ephemeral: bool = False,
    edit: bool = False,
) -> None:
    """Answer an interaction with `build(await work)`: at once if the work is quick, else defer
    first (callback type 5, or 6 for an edit) so Discord's 3-second deadline is never missed."""
    bot = bot_of(interaction)
    task = asyncio.ensure_future(work)
    done, _ = await asyncio.wait({task}, timeout=bot.defer_after)
    if done:
        parts = build(task.result())
        if edit:
            await interaction.response.edit_message(**_present(parts, edit=True))
        else:
            await interaction.response.send_message(
                ephemeral=ephemeral, **_present(parts, edit=False)
            )
        return
    if edit:
        await interaction.response.defer()
    else:
        await interaction.response.defer(ephemeral=ephemeral, thinking=True)
    log.info("deferred a slow answer (%s)", context_of(interaction))
    result = await asyncio.wait_for(task, timeout=ANSWER_DEADLINE)
    parts = build(result)
    if edit:
        await interaction.edit_original_response(**_present(parts, edit=True))
    else:
        await interaction.followup.send(ephemeral=ephemeral, **_present(parts, edit=False))


async def allowed(interaction: discord.Interaction[Any]) -> bool:
    """Count a question against the rate limits; say so (only to the asker) when refused."""
    bot = bot_of(interaction)
    channel = interaction.channel_id if interaction.guild_id is not None else None
    verdict = bot.limiter.check(interaction.user.id, channel)
    if verdict.allowed:
        return True
    await interaction.response.send_message(cooldown_text(verdict), ephemeral=True)
    return False


async def answer_slash(interaction: discord.Interaction[Any], question: str) -> None:
    bot = bot_of(interaction)
    if not await allowed(interaction):
        return
    asked = t.clean_question(question)
    conversation = conversation_key(interaction.channel_id, interaction.user.id)
    await respond(
        interaction,
        bot.asker.ask(asked, conversation),
        lambda answer: answer_parts(answer, interaction.user.id, question),
    )


async def pick_suggestion(interaction: discord.Interaction[Any], owner_id: int, key: str) -> None:
    """A "did you mean" button: the asker's own message turns into the answer; anyone else gets
    the answer just for themselves."""

    async def work() -> None:
        bot = bot_of(interaction)
        question = bot.holder.question_for(key)
        if question is None:
            await interaction.response.send_message(
                "That suggestion is out of date (the facts were updated). Please ask again.",
                ephemeral=True,
            )
            return
        if not await allowed(interaction):
            return
        mine = interaction.user.id == owner_id
        conversation = conversation_key(interaction.channel_id, interaction.user.id)
        await respond(
            interaction,
            bot.asker.ask(question, conversation),
            lambda answer: answer_parts(answer, interaction.user.id, question),
            ephemeral=not mine,
            edit=mine,
        )

    await guarded(interaction, work)


async def show_source(interaction: discord.Interaction[Any], fact_id: str) -> None:
    async def work() -> None:
        source = bot_of(interaction).holder.source_of(fact_id)
        if source is None:
            await interaction.response.send_message(
                "That source is no longer in my fact base (it was updated). Please ask again.",
                ephemeral=True,
            )
            return
        await interaction.response.send_message(
            embed=embeds.paragraph_embed(source), ephemeral=True
        )

    await guarded(interaction, work)


# -- timeline ---------------------------------------------------------------------------------


def timeline_parts(
    bot: FactBot,
    events: list[TimelineEvent],
    country: str | None,
    page: int,
    image: str | None,
) -> dict[str, Any]:
    pages = embeds.timeline_pages(len(events))
    page = min(max(page, 0), pages - 1)
    title = bot.holder.engine.knowledge.document.title
    return {
        "embed": embeds.timeline_embed(events, country, page, title, image),
        "view": timeline_view(country, page, pages),
    }


async def timeline_command(interaction: discord.Interaction[Any], country: str | None) -> None:
    bot = bot_of(interaction)
    if not await allowed(interaction):
        return

    async def work() -> tuple[list[TimelineEvent], Any]:
        events = await bot.asker.timeline(country)
        chart = await bot.asker.run(bot.chart_maker.timeline, bot.holder.engine.knowledge, country)
        return events, chart

    def build(result: tuple[list[TimelineEvent], Any]) -> dict[str, Any]:
        events, chart = result
        parts = timeline_parts(bot, events, country, 0, chart.filename if chart else None)
        if chart is not None:
            parts["file"] = discord.File(
                io.BytesIO(chart.png),
                filename=chart.filename,
                description=chart.alt_text_within(1024),
            )
        return parts

    await respond(interaction, work(), build)


async def turn_page(interaction: discord.Interaction[Any], country: str | None, page: int) -> None:
    async def work() -> None:
        bot = bot_of(interaction)
        message = interaction.message
        image = message.attachments[0].filename if message and message.attachments else None
        await respond(
            interaction,
            bot.asker.timeline(country),
            lambda events: timeline_parts(bot, events, country, page, image),
            edit=True,
        )

    await guarded(interaction, work)


# -- messages (mentions and DMs) -------------------------------------------------------------


def addressed_to_me(message: discord.Message, me: discord.abc.User) -> bool:
    """A mention of the bot itself (or its managed role); @everyone and @here do not count."""
    if me.id in message.raw_mentions:
        return True
    role = message.guild.self_role if message.guild else None
    return role is not None and role.id in message.raw_role_mentions


async def reply_to(message: discord.Message, **kwargs: Any) -> discord.Message | None:
    """Reply without pinging anyone. A 5xx is retried once with the same nonce, which Discord
    uses to drop a duplicate (discord.py itself retries 429s and 500/502/504 the same way)."""
    nonce = secrets.randbits(62)
    for attempt in (1, 2):
        try:
            return await message.reply(nonce=nonce, **kwargs)
        except discord.DiscordServerError as exc:
            if attempt == 1:
                log.warning(
                    "reply to message %s in channel %s met HTTP %s; retrying once",
                    message.id,
                    message.channel.id,
                    exc.status,
                )
                await asyncio.sleep(SEND_RETRY_DELAY)
                continue
            log.error(
                "reply to message %s in channel %s failed: HTTP %s after a retry",
                message.id,
                message.channel.id,
                exc.status,
            )
        except discord.Forbidden:
            log.info("no permission to reply in channel %s", message.channel.id)
        except discord.HTTPException as exc:
            log.error(
                "reply to message %s in channel %s failed: HTTP %s",
                message.id,
                message.channel.id,
                exc.status,
            )
        return None
    return None


async def answer_message(bot: FactBot, message: discord.Message) -> None:
    me = bot.user
    if me is None or message.author.bot or message.webhook_id is not None:
        return  # other bots, webhooks and the bot itself are never answered
    if message.type not in (discord.MessageType.default, discord.MessageType.reply):
        return
    in_dm = message.guild is None
    if not in_dm and not addressed_to_me(message, me):
        return
    try:
        content = t.strip_mention(message.content, me.id)
        role = message.guild.self_role if message.guild else None
        if role is not None:
            content = content.replace(f"<@&{role.id}>", " ")
        question = t.clean_question(content)
        # Counted before anything is sent, so a flood of bare mentions cannot flood help either.
        verdict = bot.limiter.check(message.author.id, None if in_dm else message.channel.id)
        if not verdict.allowed:
            if verdict.notify:
                await reply_to(message, content=cooldown_text(verdict))
            return
        if not any(ch.isalnum() for ch in question):
            help_text = short_help(me, in_dm=in_dm)
            await reply_to(message, embed=embeds.notice_embed(help_text, embeds.INFO))
            return
        conversation = conversation_key(message.channel.id, message.author.id)
        answer = await bot.asker.ask(question, conversation)
        await reply_to(
            message, **_present(answer_parts(answer, message.author.id, None), edit=False)
        )
    except Exception:
        log.exception(
            "error while answering message %s (guild=%s channel=%s)",
            message.id,
            message.guild.id if message.guild else None,
            message.channel.id,
        )
        await reply_to(message, content=APOLOGY)


def short_help(me: discord.abc.User, *, in_dm: bool = False) -> str:
    example = "when did Israel open its embassy in Ashgabat?"
    how = (
        f"Just type your question here, for example: “{example}”"
        if in_dm
        else f"For example: “@{t.escape_markdown(me.display_name)} {example}”"
    )
    return f"Hi! Ask me about {embeds.COVERS}. {how}, or use `/ask`. `/help` has more."
