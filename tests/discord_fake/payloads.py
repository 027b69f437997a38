"""Payloads shaped like Discord's API documentation (v10): users, members, guilds, channels,
messages and interactions, for the loopback fake to send and to answer with.

Field names and types follow https://discord.com/developers/docs (the Message, Guild, Channel,
User and Interaction objects, and the gateway's READY and GUILD_CREATE events)."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

# Discord ids are snowflakes: 64-bit numbers sent as strings. These look like real ones.
_ids = itertools.count(1_250_000_000_000_000_000)


def snowflake() -> str:
    return str(next(_ids))


BOT_ID = "1100000000000000001"
APP_ID = BOT_ID  # a bot's application id equals its user id for applications made since 2016
OWNER_ID = "1100000000000000002"
GUILD_ID = "1100000000000000010"
CHANNEL_ID = "1100000000000000011"
OTHER_CHANNEL_ID = "1100000000000000012"
BOT_ROLE_ID = "1100000000000000013"
PERMISSIONS_ALL_TEXT = "2248473465835073"  # a plausible permission bit set, as a string
CHANNEL_TEXT = 0
CHANNEL_DM = 1


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


def user(user_id: str, name: str, *, bot: bool = False) -> dict[str, Any]:
    return {
        "id": user_id,
        "username": name,
        "discriminator": "0",
        "global_name": name.title(),
        "avatar": None,
        "bot": bot,
        "system": False,
        "public_flags": 0,
        "flags": 0,
        "banner": None,
        "accent_color": None,
        "avatar_decoration_data": None,
        "primary_guild": None,
    }


BOT_USER = user(BOT_ID, "factbot", bot=True)
OWNER = user(OWNER_ID, "owner")


def member(of: dict[str, Any] | None = None, *, roles: list[str] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "roles": roles or [],
        "joined_at": "2024-01-01T00:00:00.000000+00:00",
        "deaf": False,
        "mute": False,
        "flags": 0,
        "nick": None,
        "avatar": None,
        "banner": None,
        "premium_since": None,
        "pending": False,
        "communication_disabled_until": None,
    }
    if of is not None:
        data["user"] = of
    return data


def text_channel(channel_id: str = CHANNEL_ID, name: str = "general") -> dict[str, Any]:
    return {
        "id": channel_id,
        "type": CHANNEL_TEXT,
        "guild_id": GUILD_ID,
        "name": name,
        "position": 0,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
        "topic": None,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "flags": 0,
    }


def dm_channel(channel_id: str, recipient: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": channel_id,
        "type": CHANNEL_DM,
        "last_message_id": None,
        "recipients": [recipient],
        "flags": 0,
    }


def role(
    role_id: str, name: str, *, bot_id: str | None = None, position: int = 0
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": role_id,
        "name": name,
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
        "hoist": False,
        "icon": None,
        "unicode_emoji": None,
        "position": position,
        "permissions": PERMISSIONS_ALL_TEXT,
        "managed": bot_id is not None,
        "mentionable": False,
        "flags": 0,
    }
    if bot_id is not None:
        data["tags"] = {"bot_id": bot_id}
    return data


def unavailable_guild(guild_id: str = GUILD_ID) -> dict[str, Any]:
    return {"id": guild_id, "unavailable": True}


def guild_create(guild_id: str = GUILD_ID) -> dict[str, Any]:
    """The GUILD_CREATE a bot gets for each guild after READY (without privileged intents:
    no member list beyond the bot itself, no presences)."""
    return {
        "id": guild_id,
        "name": "Test Guild",
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "owner_id": OWNER_ID,
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 1,
        "default_message_notifications": 1,
        "explicit_content_filter": 2,
        "roles": [
            role(guild_id, "@everyone"),
            role(BOT_ROLE_ID, "factbot", bot_id=BOT_ID, position=1),
        ],
        "emojis": [],
        "features": [],
        "mfa_level": 0,
        "application_id": None,
        "system_channel_id": CHANNEL_ID,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "vanity_url_code": None,
        "description": None,
        "banner": None,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "preferred_locale": "en-US",
        "public_updates_channel_id": None,
        "nsfw_level": 0,
        "stickers": [],
        "premium_progress_bar_enabled": False,
        "joined_at": "2024-01-01T00:00:00.000000+00:00",
        "large": False,
        "unavailable": False,
        "member_count": 3,
        "voice_states": [],
        "members": [member(BOT_USER, roles=[BOT_ROLE_ID])],
        "channels": [text_channel(), text_channel(OTHER_CHANNEL_ID, "random")],
        "threads": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
    }


def ready(
    session_id: str, resume_url: str, shard: list[int] | None, guilds: list[str]
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "v": 10,
        "user": {**BOT_USER, "verified": True, "mfa_enabled": False, "email": None},
        "guilds": [unavailable_guild(g) for g in guilds],
        "session_id": session_id,
        "resume_gateway_url": resume_url,
        "application": {"id": APP_ID, "flags": 0},
        "private_channels": [],
        "relationships": [],
        "presences": [],
        "geo_ordered_rtc_regions": [],
        "guild_join_requests": [],
        "auth_session_id_hash": "",
    }
    if shard is not None:
        data["shard"] = shard
    return data


def application_info() -> dict[str, Any]:
    return {
        "id": APP_ID,
        "name": "factbot",
        "icon": None,
        "description": "Sourced answers about Israel and Central Asia",
        "rpc_origins": [],
        "bot_public": True,
        "bot_require_code_grant": False,
        "bot": BOT_USER,
        "terms_of_service_url": None,
        "privacy_policy_url": None,
        "owner": OWNER,
        "verify_key": "0" * 64,
        "team": None,
        "guild_id": None,
        "primary_sku_id": None,
        "slug": None,
        "cover_image": None,
        "flags": 0,
        "approximate_guild_count": 1,
        "approximate_user_install_count": 0,
        "redirect_uris": [],
        "interactions_endpoint_url": None,
        "role_connections_verification_url": None,
        "tags": [],
        "install_params": None,
        "integration_types_config": {"0": {}, "1": {}},
        "custom_install_url": None,
    }


def message(
    *,
    channel_id: str,
    author: dict[str, Any],
    content: str = "",
    guild_id: str | None = None,
    message_id: str | None = None,
    mentions: list[dict[str, Any]] | None = None,
    mention_roles: list[str] | None = None,
    mention_everyone: bool = False,
    embeds: list[dict[str, Any]] | None = None,
    components: list[dict[str, Any]] | None = None,
    attachments: list[dict[str, Any]] | None = None,
    flags: int = 0,
    message_reference: dict[str, Any] | None = None,
    webhook_id: str | None = None,
    kind: int = 0,
    nonce: str | None = None,
) -> dict[str, Any]:
    """A Message object as the gateway (MESSAGE_CREATE) or REST returns it."""
    data: dict[str, Any] = {
        "id": message_id or snowflake(),
        "channel_id": channel_id,
        "author": author,
        "content": content,
        "timestamp": now_iso(),
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": mention_everyone,
        "mentions": mentions or [],
        "mention_roles": mention_roles or [],
        "attachments": attachments or [],
        "embeds": embeds or [],
        "pinned": False,
        "type": kind,
        "flags": flags,
        "components": components or [],
    }
    if guild_id is not None:
        data["guild_id"] = guild_id
        if webhook_id is None:
            data["member"] = member()
    if message_reference is not None:
        data["message_reference"] = message_reference
        if kind == 0:
            data["type"] = 19  # REPLY
    if webhook_id is not None:
        data["webhook_id"] = webhook_id
    if nonce is not None:
        data["nonce"] = nonce
    return data


def interaction(
    kind: int,
    data: dict[str, Any] | None,
    *,
    invoker: dict[str, Any],
    guild: bool = True,
    channel_id: str = CHANNEL_ID,
    source_message: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """An INTERACTION_CREATE payload. `kind`: 2 command, 3 component, 4 autocomplete."""
    payload: dict[str, Any] = {
        "id": snowflake(),
        "application_id": APP_ID,
        "type": kind,
        "token": "aW50ZXJhY3Rpb246" + snowflake(),
        "version": 1,
        "locale": "en-US",
        "app_permissions": PERMISSIONS_ALL_TEXT,
        "entitlements": [],
        "attachment_size_limit": 10_485_760,
    }
    if data is not None:
        payload["data"] = data
    if guild:
        payload.update(
            guild_id=GUILD_ID,
            guild={"id": GUILD_ID, "locale": "en-US", "features": []},
            guild_locale="en-US",
            channel=text_channel(channel_id),
            channel_id=channel_id,
            member={**member(invoker), "permissions": PERMISSIONS_ALL_TEXT},
            authorizing_integration_owners={"0": GUILD_ID},
            context=0,
        )
    else:
        payload.update(
            channel=dm_channel(channel_id, invoker),
            channel_id=channel_id,
            user=invoker,
            authorizing_integration_owners={"0": "0"},
            context=1,
        )
    if source_message is not None:
        payload["message"] = source_message
    return payload


def command_data(
    name: str, options: list[dict[str, Any]] | None = None, *, command_id: str | None = None
) -> dict[str, Any]:
    data: dict[str, Any] = {"id": command_id or snowflake(), "name": name, "type": 1}
    if options:
        data["options"] = options
    return data


def component_data(custom_id: str, component_type: int = 2) -> dict[str, Any]:
    return {"custom_id": custom_id, "component_type": component_type}
