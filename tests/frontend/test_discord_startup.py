"""Start-up against the loopback fake: login, gateway handshake, command sync and its schema,
sync only on change, token failures as one line and exit status 2, and sharding."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

import pytest

from bot.discord_bot.runner import serve
from bot.settings import Secret, Settings
from tests.discord_fake import payloads as p
from tests.discord_fake.harness import Harness
from tests.discord_fake.server import OP_HEARTBEAT, OP_IDENTIFY, TOKEN

EXPECTED = {"ask", "country", "timeline", "compare", "about", "help", "reload"}


def commands_sent(harness: Harness, target: str = "") -> list[dict[str, Any]]:
    path = rf"/applications/{p.APP_ID}{target}/commands"
    return harness.wait_request("PUT", path)[0].body


def test_logs_in_identifies_without_privileged_intents_and_heartbeats(harness: Harness) -> None:
    paths = [(r.method, r.path) for r in harness.fake.requests[:3]]
    assert paths == [
        ("GET", "/users/@me"),
        ("GET", "/oauth2/applications/@me"),
        ("GET", "/gateway/bot"),
    ]
    assert all(r.authorization == f"Bot {TOKEN}" for r in harness.fake.requests[:4])
    identify = harness.fake.frames(OP_IDENTIFY)[0]["d"]
    assert identify["token_ok"] is True
    intents = identify["intents"]
    privileged = (1 << 1) | (1 << 8) | (1 << 15)  # GUILD_MEMBERS, GUILD_PRESENCES, MESSAGE_CONTENT
    assert intents & privileged == 0
    assert (
        intents & (1 << 0) and intents & (1 << 9) and intents & (1 << 12)
    )  # guilds, messages, DMs
    # discord.py heartbeats as soon as it gets HELLO; the fake acknowledges.
    harness.wait(lambda: harness.fake.frames(OP_HEARTBEAT))
    assert any(f["op"] == 11 for f in harness.fake.sent_frames)


def test_command_sync_schema(harness: Harness) -> None:
    commands = {c["name"]: c for c in commands_sent(harness)}
    assert set(commands) == EXPECTED
    for command in commands.values():
        assert 1 <= len(command["description"]) <= 100
        assert command["type"] == 1
        assert sorted(command["contexts"]) == [0, 1, 2], command["name"]
        assert sorted(command["integration_types"]) == [0, 1], command["name"]
        for option in command.get("options", []):
            assert 1 <= len(option["description"]) <= 100
    ask = commands["ask"]["options"]
    assert ask == [
        {
            "name": "question",
            "description": ask[0]["description"],
            "type": 3,
            "required": True,
            "autocomplete": True,
        }
    ]
    country = commands["country"]["options"][0]
    assert country["name"] == "name" and country["required"] is True
    assert [c["value"] for c in country["choices"]] == [
        "kazakhstan",
        "kyrgyzstan",
        "tajikistan",
        "turkmenistan",
        "uzbekistan",
    ]
    timeline = commands["timeline"]["options"][0]
    assert timeline["name"] == "country" and timeline["required"] is False
    assert len(timeline["choices"]) == 5
    compare = {o["name"]: o for o in commands["compare"]["options"]}
    assert [c["value"] for c in compare["what"]["choices"]] == [
        "trade",
        "jewish community",
        "tourism",
    ]
    assert compare["countries"]["required"] is False
    assert "options" not in commands["about"] or commands["about"]["options"] == []
    # Only administrators see /reload in a server's command list; it also checks the owner.
    assert str(commands["reload"]["default_member_permissions"]) == "8"


def test_sync_happens_only_when_the_definitions_change(
    make_harness: Callable[..., Harness], tmp_path: Any
) -> None:
    first = make_harness()
    first.wait_request("PUT", rf"/applications/{p.APP_ID}/commands")
    state = first.settings().sync_state_file
    assert state.is_file()
    first.stop()
    # Same definitions, same state file: no PUT on the next start.
    second = make_harness(state_dir=state.parent)
    second.wait(second.fake.ready_count)
    assert not second.fake.calls("PUT", r"/applications/.*")
    second.stop()
    # Changed definitions (simulated by a stale hash): synced again.
    state.write_text(json.dumps({f"{p.APP_ID}:global": "stale"}))
    third = make_harness(state_dir=state.parent)
    third.wait_request("PUT", rf"/applications/{p.APP_ID}/commands")


def test_dev_guild_sync_goes_to_that_guild(make_harness: Callable[..., Harness]) -> None:
    harness = make_harness(dev_guild_id=int(p.GUILD_ID))
    commands = commands_sent(harness, f"/guilds/{p.GUILD_ID}")
    assert {c["name"] for c in commands} == EXPECTED
    assert not harness.fake.calls("PUT", rf"/applications/{p.APP_ID}/commands")


def test_missing_token_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], engine: Any
) -> None:
    import asyncio
    import io

    err = io.StringIO()
    code = asyncio.run(serve(Settings(token=Secret("")), engine=engine, err=err))
    assert code == 2
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 1 and "DISCORD_TOKEN is not set" in lines[0]


def test_rejected_token_is_one_line_exit_2_and_never_printed(
    make_harness: Callable[..., Harness], caplog: pytest.LogCaptureFixture
) -> None:
    bad = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.wrong-token.do-not-print"
    caplog.set_level(logging.DEBUG)
    harness = make_harness(start=False, token=bad)
    harness.start(wait_ready=False)
    assert harness.wait_exit() == 2
    err = harness.stderr.getvalue()
    assert err.count("\n") == 1 and "rejected DISCORD_TOKEN" in err
    assert "Traceback" not in err
    assert bad not in err and bad not in caplog.text
    assert harness.fake.requests[0].status == 401


def test_gateway_authentication_failure_4004_exits_2(make_harness: Callable[..., Harness]) -> None:
    harness = make_harness(start=False)
    harness.fake.identify_close_code = 4004
    harness.start(wait_ready=False)
    assert harness.wait_exit() == 2
    assert "rejected DISCORD_TOKEN" in harness.stderr.getvalue()
    assert "Traceback" not in harness.stderr.getvalue()


def test_token_is_not_in_settings_repr() -> None:
    settings = Settings(token=Secret(TOKEN))
    assert TOKEN not in repr(settings) and TOKEN not in str(settings)


def test_sharded_process_identifies_only_its_shard_range(
    make_harness: Callable[..., Harness],
) -> None:
    # One process per shard range: this one runs shard 1 of 2 (SHARD_COUNT=2, SHARD_IDS=1).
    harness = make_harness(start=False, shard_count=2, shard_ids=(1,))
    other_guild = str(int(p.GUILD_ID) + (1 << 22))
    harness.fake.guilds = [p.GUILD_ID, other_guild]
    # Discord's rule: a guild is on shard (guild_id >> 22) % shard_count.
    (shard_one_guild,) = [g for g in harness.fake.guilds if (int(g) >> 22) % 2 == 1]
    harness.start(wait_ready=False)
    harness.wait(lambda: harness.fake.ready_count() >= 1)
    assert [f["d"]["shard"] for f in harness.fake.frames(OP_IDENTIFY)] == [[1, 2]]
    assert type(harness.bot).__name__ == "ShardedFactBot"
    ready = next(f for f in harness.fake.sent_frames if f.get("t") == "READY")
    assert [g["id"] for g in ready["d"]["guilds"]] == [shard_one_guild]
    message = p.message(
        channel_id=p.OTHER_CHANNEL_ID,
        author=p.user("1200000000000009999", "asker"),
        content="when did Israel open its embassy in Tashkent?",
    )
    harness.dispatch("MESSAGE_CREATE", message, shard=1)  # a DM, delivered on shard 1
    reply = harness.reply_to(message)
    assert "Tashkent" in reply.body["embeds"][0]["description"]


def test_factbot_sync_pushes_even_when_unchanged_and_does_not_connect(
    make_harness: Callable[..., Harness], capsys: pytest.CaptureFixture[str]
) -> None:
    first = make_harness()
    state_dir = first.settings().sync_state_file.parent
    first.stop()
    harness = make_harness(
        start=False, state_dir=state_dir, serve_options={"login_only": True, "sync_mode": "force"}
    )
    harness.start(wait_ready=False)
    assert harness.wait_exit() == 0
    assert harness.fake.calls("PUT", rf"/applications/{p.APP_ID}/commands")
    assert not harness.fake.gateway_frames  # logged in over REST only
    assert "synced: 7 commands (global)" in capsys.readouterr().out


def test_user_installed_command_in_a_guild_the_bot_is_not_in(harness: Harness) -> None:
    interaction = p.interaction(
        2,
        p.command_data("ask", [{"name": "question", "type": 3, "value": "trade with Uzbekistan"}]),
        invoker=p.user("1200000000000000555", "traveller"),
    )
    stranger_guild = "1100000000000000999"
    interaction.update(
        guild_id=stranger_guild,
        guild={"id": stranger_guild, "locale": "en-US", "features": []},
        channel={**p.text_channel("1100000000000000998"), "guild_id": stranger_guild},
        channel_id="1100000000000000998",
        authorizing_integration_owners={"1": "1200000000000000555"},
    )
    harness.dispatch("INTERACTION_CREATE", interaction)
    body = harness.callback(interaction).body
    assert body["type"] == 4 and body["data"]["embeds"]


def test_invite_link_asks_for_the_four_permissions_and_both_scopes() -> None:
    from bot.discord_bot.client import invite_url

    url = invite_url(int(p.APP_ID))
    # Send Messages 2048 + Embed Links 16384 + Read Message History 65536
    # + Use Application Commands 2147483648 = 2147567616.
    assert "permissions=2147567616" in url
    assert "scope=bot+applications.commands" in url


def test_a_broken_fact_base_stops_start_up_with_the_problems_listed(tmp_path: Any) -> None:
    import asyncio
    import io

    from tests.helpers import GOOD_FACT, make_knowledge

    root = make_knowledge(tmp_path, GOOD_FACT + "  - id: [unclosed\n")
    err = io.StringIO()
    settings = Settings(token=Secret(TOKEN), knowledge_dir=root, api_base="http://127.0.0.1:9")
    assert asyncio.run(serve(settings, err=err)) == 1
    text = err.getvalue()
    assert "refusing to start" in text and "test.yaml" in text and "Traceback" not in text


def test_an_unreachable_api_is_one_line_exit_1(engine: Any, tmp_path: Any) -> None:
    import asyncio
    import io

    err = io.StringIO()
    settings = Settings(
        token=Secret(TOKEN),
        api_base="http://127.0.0.1:9/api/v10",
        state_dir=tmp_path,
        gaps_db=tmp_path / "gaps.sqlite3",
    )
    code = asyncio.run(asyncio.wait_for(serve(settings, engine=engine, err=err), 10))
    assert code == 1
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 1 and "cannot reach Discord at http://127.0.0.1:9" in lines[0]
    assert TOKEN not in err.getvalue()
