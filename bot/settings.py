"""Every setting in one typed place: the environment, then `.env`, then the defaults.

`load_settings()` reads them and fails fast with a one-line `SettingsError` naming the variable and
what is wrong with its value. The Discord token is kept in a `Secret` so it never shows up in a
`repr`, a log line or an error message.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import dotenv_values

from bot.knowledge import DEFAULT_KNOWLEDGE_DIR

DISCORD_API = "https://discord.com/api/v10"
STATE_DIR = Path(".factbot-cache")
LOG_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off", "")


class SettingsError(ValueError):
    """A setting has a value factbot cannot use; the message is one line, fit for a user."""


class Secret:
    """A string that does not print itself. `reveal()` is the one way to read it."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __repr__(self) -> str:
        return "Secret('********')" if self._value else "Secret('')"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


@dataclass(frozen=True)
class Cooldown:
    """At most `rate` questions in any `per`-second window."""

    rate: int
    per: float

    def __str__(self) -> str:
        return f"{self.rate} per {self.per:g} s"


@dataclass(frozen=True)
class Settings:
    token: Secret = field(default_factory=lambda: Secret(""))
    dev_guild_id: int | None = None
    log_level: str = "INFO"
    knowledge_dir: Path = DEFAULT_KNOWLEDGE_DIR
    api_base: str = DISCORD_API
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None
    owner_ids: frozenset[int] = frozenset()
    user_cooldown: Cooldown = Cooldown(5, 30.0)
    channel_cooldown: Cooldown = Cooldown(20, 30.0)
    state_dir: Path = STATE_DIR
    gaps_db: Path = STATE_DIR / "gaps.sqlite3"
    log_unanswered: bool = True

    @property
    def custom_api(self) -> bool:
        """True when the bot talks to something other than Discord's own API (a proxy, a fake)."""
        return self.api_base != DISCORD_API

    @property
    def sharded(self) -> bool:
        return self.shard_count is not None

    @property
    def sync_state_file(self) -> Path:
        return self.state_dir / "command-sync.json"


# -- parsing -----------------------------------------------------------------------------


def _bad(name: str, value: str, expected: str) -> SettingsError:
    shown = value if len(value) <= 40 else value[:37] + "..."
    return SettingsError(f"{name} must be {expected}, got {shown!r}")


def _snowflake(name: str, value: str) -> int:
    text = value.strip()
    if not text.isdigit() or not 15 <= len(text) <= 21:
        raise _bad(name, value, "a Discord id (15 to 21 digits)")
    return int(text)


def _positive_int(name: str, value: str, *, minimum: int = 1) -> int:
    try:
        number = int(value.strip())
    except ValueError:
        raise _bad(name, value, f"a whole number >= {minimum}") from None
    if number < minimum:
        raise _bad(name, value, f"a whole number >= {minimum}")
    return number


def _positive_float(name: str, value: str) -> float:
    try:
        number = float(value.strip())
    except ValueError:
        raise _bad(name, value, "a number of seconds > 0") from None
    if not number > 0 or number == float("inf"):
        raise _bad(name, value, "a number of seconds > 0")
    return number


def _flag(name: str, value: str) -> bool:
    text = value.strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise _bad(name, value, "on or off (also true/false, yes/no, 1/0)")


def _api_base(name: str, value: str) -> str:
    text = value.strip().rstrip("/")
    if not text.startswith(("https://", "http://")) or len(text) < 12:
        raise _bad(name, value, "an http(s) URL such as https://discord.com/api/v10")
    return text


def _id_list(name: str, value: str) -> tuple[int, ...]:
    parts = [p for p in value.replace(" ", ",").split(",") if p]
    return tuple(_snowflake(name, p) for p in parts)


def _shard_ids(value: str, count: int | None) -> tuple[int, ...] | None:
    text = value.strip()
    if not text:
        return None
    if count is None:
        raise SettingsError("SHARD_IDS needs SHARD_COUNT (the total number of shards) as well")
    ids: list[int] = []
    for part in text.replace(" ", ",").split(","):
        if not part:
            continue
        if "-" in part:  # a range such as 0-3
            low, _, high = part.partition("-")
            first = _positive_int("SHARD_IDS", low, minimum=0)
            last = _positive_int("SHARD_IDS", high, minimum=0)
            if last < first:
                raise _bad("SHARD_IDS", value, "ids or ranges such as 0,1 or 0-3")
            ids.extend(range(first, last + 1))
        else:
            ids.append(_positive_int("SHARD_IDS", part, minimum=0))
    outside = [i for i in ids if i >= count]
    if outside:
        raise SettingsError(
            f"SHARD_IDS {outside} are outside 0..{count - 1} (SHARD_COUNT is {count})"
        )
    return tuple(sorted(set(ids)))


def from_mapping(env: Mapping[str, str]) -> Settings:
    """Settings from a mapping of variables (the environment merged with `.env`)."""

    def get(name: str) -> str:
        return (env.get(name) or "").strip()

    level = get("LOG_LEVEL").upper() or "INFO"
    if level not in LOG_LEVELS:
        raise _bad("LOG_LEVEL", get("LOG_LEVEL"), "one of " + ", ".join(LOG_LEVELS))
    shard_count = _positive_int("SHARD_COUNT", get("SHARD_COUNT")) if get("SHARD_COUNT") else None
    state_dir = Path(get("FACTBOT_STATE_DIR")) if get("FACTBOT_STATE_DIR") else STATE_DIR
    defaults = Settings()
    return Settings(
        token=Secret(get("DISCORD_TOKEN")),
        dev_guild_id=(
            _snowflake("FACTBOT_DEV_GUILD_ID", get("FACTBOT_DEV_GUILD_ID"))
            if get("FACTBOT_DEV_GUILD_ID")
            else None
        ),
        log_level=level,
        knowledge_dir=(
            Path(get("FACTBOT_KNOWLEDGE_DIR"))
            if get("FACTBOT_KNOWLEDGE_DIR")
            else DEFAULT_KNOWLEDGE_DIR
        ),
        api_base=_api_base("DISCORD_API_BASE", get("DISCORD_API_BASE"))
        if get("DISCORD_API_BASE")
        else DISCORD_API,
        shard_count=shard_count,
        shard_ids=_shard_ids(get("SHARD_IDS"), shard_count),
        owner_ids=frozenset(_id_list("FACTBOT_OWNER_IDS", get("FACTBOT_OWNER_IDS"))),
        user_cooldown=Cooldown(
            _positive_int("FACTBOT_USER_RATE", get("FACTBOT_USER_RATE"))
            if get("FACTBOT_USER_RATE")
            else defaults.user_cooldown.rate,
            _positive_float("FACTBOT_USER_PER", get("FACTBOT_USER_PER"))
            if get("FACTBOT_USER_PER")
            else defaults.user_cooldown.per,
        ),
        channel_cooldown=Cooldown(
            _positive_int("FACTBOT_CHANNEL_RATE", get("FACTBOT_CHANNEL_RATE"))
            if get("FACTBOT_CHANNEL_RATE")
            else defaults.channel_cooldown.rate,
            _positive_float("FACTBOT_CHANNEL_PER", get("FACTBOT_CHANNEL_PER"))
            if get("FACTBOT_CHANNEL_PER")
            else defaults.channel_cooldown.per,
        ),
        state_dir=state_dir,
        gaps_db=Path(get("FACTBOT_GAPS_DB"))
        if get("FACTBOT_GAPS_DB")
        else state_dir / "gaps.sqlite3",
        log_unanswered=_flag("FACTBOT_LOG_UNANSWERED", get("FACTBOT_LOG_UNANSWERED"))
        if get("FACTBOT_LOG_UNANSWERED")
        else True,
    )


def load_settings(
    env_file: Path | None = Path(".env"), environ: Mapping[str, str] | None = None
) -> Settings:
    """The environment over `.env` (in the working folder) over the defaults."""
    merged: dict[str, str] = {}
    if env_file is not None and env_file.is_file():
        try:
            values = dotenv_values(env_file)
        except (OSError, UnicodeDecodeError) as exc:
            raise SettingsError(f"cannot read {env_file}: {exc.__class__.__name__}") from None
        merged.update({k: v for k, v in values.items() if v is not None})
    merged.update(os.environ if environ is None else environ)
    return from_mapping(merged)


class RedactSecrets(logging.Filter):
    """Replaces the token (and any other given secret) in every log record with '[redacted]'."""

    def __init__(self, *secrets: Secret) -> None:
        super().__init__()
        self._values = [s.reveal() for s in secrets if s and len(s.reveal()) >= 8]

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._values:
            return True
        message = record.getMessage()
        text = message
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        exc_text = record.exc_text or ""
        for value in self._values:
            text = text.replace(value, "[redacted]")
            exc_text = exc_text.replace(value, "[redacted]")
        if text != message:
            record.msg, record.args = text, None
        if record.exc_text:
            record.exc_text = exc_text
        return True
