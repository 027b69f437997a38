"""Runs the fake Discord and the real bot (through `bot.discord_bot.runner.serve`, the same
start-up `factbot run` uses) on an event loop in a background thread, so plain (and Hypothesis)
tests can drive them. Every wait is bounded."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import io
import itertools
import logging
import threading
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

from bot.discord_bot.runner import serve
from bot.settings import Cooldown, Secret, Settings
from tests.discord_fake import payloads as p
from tests.discord_fake.server import TOKEN, FakeDiscord, Request

T = TypeVar("T")
WAIT = 8.0  # the longest any single step may take before a test fails
_users = itertools.count(1_200_000_000_000_000_000)


def new_user(name: str = "asker") -> dict[str, Any]:
    return p.user(str(next(_users)), name)


class Harness:
    def __init__(
        self,
        tmp_path: Path,
        engine: Any,
        *,
        token: str = TOKEN,
        heartbeat_interval_ms: int = 45_000,
        defer_after: float | None = None,
        serve_options: dict[str, Any] | None = None,
        **overrides: Any,
    ) -> None:
        self.tmp_path = tmp_path
        self.engine = engine
        self.defer_after = defer_after
        self.serve_options = serve_options or {}
        self.fake = FakeDiscord(heartbeat_interval_ms=heartbeat_interval_ms)
        self.settings_overrides = overrides
        self.token = token
        self.bot: Any = None
        self.exit_code: int | None = None
        self.stderr = io.StringIO()
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="discord-harness")
        self._task: asyncio.Task[int] | None = None
        self._stopped = False

    # -- plumbing ---------------------------------------------------------------------------

    def call(self, coro: Coroutine[Any, Any, T], timeout: float = WAIT) -> T:
        """Run a coroutine on the harness loop and wait (bounded) for its result."""
        future = asyncio.run_coroutine_threadsafe(coro, self.loop)
        return future.result(timeout)

    def settings(self) -> Settings:
        base = Settings(
            token=Secret(self.token),
            api_base=self.fake.api_base,
            state_dir=self.tmp_path / "state",
            gaps_db=self.tmp_path / "state" / "gaps.sqlite3",
            user_cooldown=Cooldown(1000, 30.0),
            channel_cooldown=Cooldown(1000, 30.0),
        )
        return dataclasses.replace(base, **self.settings_overrides)

    def start(self, *, wait_ready: bool = True) -> Harness:
        self._thread.start()
        self.call(self.fake.start())

        def captured(bot: Any) -> None:
            self.bot = bot
            if self.defer_after is not None:
                bot.defer_after = self.defer_after

        async def launch() -> None:
            self._task = asyncio.ensure_future(
                serve(
                    self.settings(),
                    engine=self.engine,
                    on_bot=captured,
                    err=self.stderr,
                    **self.serve_options,
                )
            )

        self.call(launch())
        if wait_ready:
            self.wait(lambda: self.fake.ready_count() >= 1 and self.guild_ready())
        return self

    def guild_ready(self) -> bool:
        return (
            any(f.get("t") == "GUILD_CREATE" for f in self.fake.sent_frames) or not self.fake.guilds
        )

    def wait_exit(self, timeout: float = WAIT) -> int:
        async def finished() -> int:
            assert self._task is not None
            return await asyncio.wait_for(asyncio.shield(self._task), timeout)

        self.exit_code = self.call(finished(), timeout + 1)
        return self.exit_code

    def stop(self) -> None:
        if self._stopped or not self._thread.is_alive():
            self._stopped = True
            return
        self._stopped = True

        async def shutdown() -> None:
            if self.bot is not None and not self.bot.is_closed():
                await self.bot.close()
            if self._task is not None:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(self._task, WAIT)
            await self.fake.stop()
            current = asyncio.current_task()
            pending = [t for t in asyncio.all_tasks() if t is not current and not t.done()]
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)

        try:
            self.call(shutdown(), WAIT + 2)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self._thread.join(WAIT)
            self.loop.close()
            logging.getLogger(__name__).debug("harness stopped")

    def wait(self, predicate: Callable[[], Any], timeout: float = WAIT) -> Any:
        return self.call(self.fake.wait_until(predicate, timeout), timeout + 1)

    # -- driving ----------------------------------------------------------------------------

    def dispatch(self, event: str, data: dict[str, Any], *, shard: int | None = None) -> None:
        self.call(self.fake.dispatch(event, data, shard=shard))

    def requests_after(self, mark: int) -> list[Request]:
        return self.fake.requests[mark:]

    def mark(self) -> int:
        return len(self.fake.requests)

    def wait_request(
        self, method: str, pattern: str, *, after: int = 0, count: int = 1, timeout: float = WAIT
    ) -> list[Request]:
        def found() -> list[Request] | None:
            hits = [r for r in self.fake.requests[after:] if r.matches(method, pattern)]
            return hits if len(hits) >= count else None

        return self.wait(found, timeout)

    def send_message(
        self,
        content: str,
        *,
        author: dict[str, Any] | None = None,
        dm: bool = False,
        mention: bool = True,
        channel_id: str | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """Dispatch a MESSAGE_CREATE; in a guild, mention the bot unless told not to."""
        author = author or new_user()
        if dm:
            message = p.message(
                channel_id=channel_id or str(int(author["id"]) + 7),
                author=author,
                content=content,
                **extra,
            )
        else:
            mentions = extra.pop(
                "mentions", [{**p.BOT_USER, "member": p.member()}] if mention else []
            )
            message = p.message(
                channel_id=channel_id or p.CHANNEL_ID,
                guild_id=p.GUILD_ID,
                author=author,
                content=(f"<@{p.BOT_ID}> {content}" if mention else content),
                mentions=mentions,
                **extra,
            )
        self.dispatch("MESSAGE_CREATE", message)
        return message

    def reply_to(
        self, message: dict[str, Any], *, after: int = 0, timeout: float = WAIT
    ) -> Request:
        """The channel message the bot sent in reply to `message`."""
        channel = message["channel_id"]

        def found() -> Request | None:
            for request in self.fake.requests[after:]:
                if (
                    request.matches("POST", f"/channels/{channel}/messages")
                    and request.status == 200
                ):
                    reference = (request.body or {}).get("message_reference") or {}
                    if str(reference.get("message_id")) == message["id"]:
                        return request
            return None

        return self.wait(found, timeout)

    def interact(
        self,
        kind: int,
        data: dict[str, Any] | None,
        *,
        invoker: dict[str, Any] | None = None,
        guild: bool = True,
        channel_id: str = p.CHANNEL_ID,
        source_message: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        invoker = invoker or new_user()
        if not guild and channel_id == p.CHANNEL_ID:
            channel_id = str(int(invoker["id"]) + 7)
        payload = p.interaction(
            kind,
            data,
            invoker=invoker,
            guild=guild,
            channel_id=channel_id,
            source_message=source_message,
        )
        self.dispatch("INTERACTION_CREATE", payload)
        return payload

    def slash(
        self,
        command: str,
        /,
        *,
        guild: bool = True,
        invoker: dict[str, Any] | None = None,
        **options: Any,
    ) -> dict[str, Any]:
        opts = [
            {"name": key, "type": 3 if isinstance(value, str) else 4, "value": value}
            for key, value in options.items()
        ]
        return self.interact(2, p.command_data(command, opts), invoker=invoker, guild=guild)

    def callback(self, interaction: dict[str, Any], timeout: float = WAIT) -> Request:
        """The bot's interaction callback for `interaction`."""
        pattern = f"/interactions/{interaction['id']}/{interaction['token']}/callback"
        return self.wait_request("POST", re_escape(pattern), timeout=timeout)[0]

    def followup(self, interaction: dict[str, Any], timeout: float = WAIT) -> Request:
        pattern = rf"/webhooks/{p.APP_ID}/{re_escape(interaction['token'])}(/messages/@original)?"

        def found() -> Request | None:
            for request in self.fake.requests:
                if request.method in ("POST", "PATCH") and request.matches(request.method, pattern):
                    return request
            return None

        return self.wait(found, timeout)

    def click(
        self,
        message: dict[str, Any],
        custom_id: str,
        *,
        invoker: dict[str, Any] | None = None,
        guild: bool = True,
    ) -> dict[str, Any]:
        """Press a button on a message the bot sent (its components are taken from the fake)."""
        stored = self.fake.messages.get(message["id"], message)
        return self.interact(
            3,
            p.component_data(custom_id),
            invoker=invoker,
            guild=guild,
            channel_id=stored["channel_id"],
            source_message=stored,
        )


def re_escape(text: str) -> str:
    import re

    return re.escape(text)


def custom_ids(message_body: dict[str, Any]) -> list[str]:
    """Every button custom id in a message payload's components."""
    ids = []
    for row in message_body.get("components") or []:
        for component in row.get("components", []):
            if "custom_id" in component:
                ids.append(component["custom_id"])
    return ids


def message_of(request: Request) -> dict[str, Any]:
    """The message body of a channel message, a webhook or an interaction callback request."""
    body = request.body or {}
    if "/callback" in request.path:
        return body.get("data") or {}
    return body


def check_discord_limits(body: dict[str, Any]) -> None:
    """Assert a message payload is inside Discord's documented limits and pings nobody."""
    assert body.get("allowed_mentions") == {"parse": []}, body.get("allowed_mentions")
    assert len(body.get("content") or "") <= 2000
    embeds = body.get("embeds") or []
    assert len(embeds) <= 10
    for embed in embeds:
        assert len(embed.get("title") or "") <= 256
        assert len(embed.get("description") or "") <= 4096
        fields = embed.get("fields") or []
        assert len(fields) <= 25
        total = len(embed.get("title") or "") + len(embed.get("description") or "")
        for field in fields:
            assert 1 <= len(field["name"]) <= 256 and 1 <= len(field["value"]) <= 1024
            total += len(field["name"]) + len(field["value"])
        footer = (embed.get("footer") or {}).get("text") or ""
        assert len(footer) <= 2048
        total += len(footer) + len((embed.get("author") or {}).get("name") or "")
        assert total <= 6000
    rows = body.get("components") or []
    assert len(rows) <= 5
    for row in rows:
        assert len(row["components"]) <= 5
        for component in row["components"]:
            assert len(component.get("label") or "") <= 80
            assert len(component.get("custom_id") or "") <= 100
