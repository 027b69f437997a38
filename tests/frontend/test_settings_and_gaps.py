"""Settings (typed, one-line errors, secret token), the gap log (privacy, counting, off switch,
`factbot gaps`), rate limits and the text rules, without Discord."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.answering.answer import Answer, Outcome
from bot.cli import main
from bot.discord_bot import text as t
from bot.discord_bot.limits import RateLimiter
from bot.gaps import GapLog, scrub
from bot.settings import (
    DISCORD_API,
    Cooldown,
    RedactSecrets,
    SettingsError,
    from_mapping,
    load_settings,
)
from tests.discord_fake import payloads as p
from tests.discord_fake.harness import Harness, new_user

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.secret.never-print-this-value"


# -- settings -------------------------------------------------------------------------------


def test_defaults() -> None:
    settings = from_mapping({})
    assert settings.api_base == DISCORD_API and not settings.custom_api
    assert settings.user_cooldown == Cooldown(5, 30.0)
    assert settings.log_unanswered is True and settings.shard_count is None
    assert not settings.token


def test_every_setting_parses() -> None:
    settings = from_mapping(
        {
            "DISCORD_TOKEN": TOKEN,
            "FACTBOT_DEV_GUILD_ID": "123456789012345678",
            "LOG_LEVEL": "debug",
            "FACTBOT_KNOWLEDGE_DIR": "/tmp/kb",
            "DISCORD_API_BASE": "http://127.0.0.1:9999/api/v10/",
            "SHARD_COUNT": "4",
            "SHARD_IDS": "0-1, 3",
            "FACTBOT_OWNER_IDS": "123456789012345678,223456789012345678",
            "FACTBOT_USER_RATE": "3",
            "FACTBOT_USER_PER": "10",
            "FACTBOT_CHANNEL_RATE": "9",
            "FACTBOT_CHANNEL_PER": "60",
            "FACTBOT_STATE_DIR": "/tmp/state",
            "FACTBOT_GAPS_DB": "/tmp/gaps.db",
            "FACTBOT_LOG_UNANSWERED": "off",
        }
    )
    assert settings.token.reveal() == TOKEN
    assert settings.dev_guild_id == 123456789012345678
    assert settings.log_level == "DEBUG"
    assert settings.api_base == "http://127.0.0.1:9999/api/v10" and settings.custom_api
    assert settings.shard_count == 4 and settings.shard_ids == (0, 1, 3)
    assert settings.owner_ids == {123456789012345678, 223456789012345678}
    assert settings.user_cooldown == Cooldown(3, 10.0)
    assert settings.channel_cooldown == Cooldown(9, 60.0)
    assert settings.sync_state_file == Path("/tmp/state/command-sync.json")
    assert settings.gaps_db == Path("/tmp/gaps.db") and settings.log_unanswered is False


@pytest.mark.parametrize(
    ("name", "value", "needle"),
    [
        ("FACTBOT_DEV_GUILD_ID", "my-guild", "FACTBOT_DEV_GUILD_ID must be a Discord id"),
        ("LOG_LEVEL", "loud", "LOG_LEVEL must be one of"),
        ("DISCORD_API_BASE", "discord.com", "DISCORD_API_BASE must be an http(s) URL"),
        ("SHARD_COUNT", "0", "SHARD_COUNT must be a whole number >= 1"),
        ("FACTBOT_USER_RATE", "five", "FACTBOT_USER_RATE must be a whole number"),
        ("FACTBOT_USER_PER", "-1", "FACTBOT_USER_PER must be a number of seconds"),
        ("FACTBOT_LOG_UNANSWERED", "maybe", "FACTBOT_LOG_UNANSWERED must be on or off"),
        ("FACTBOT_OWNER_IDS", "12,abc", "FACTBOT_OWNER_IDS must be a Discord id"),
    ],
)
def test_bad_values_give_one_line_errors(name: str, value: str, needle: str) -> None:
    with pytest.raises(SettingsError) as error:
        from_mapping({name: value})
    message = str(error.value)
    assert needle in message and "\n" not in message


def test_shard_ids_need_a_count_and_must_fit() -> None:
    with pytest.raises(SettingsError, match="SHARD_IDS needs SHARD_COUNT"):
        from_mapping({"SHARD_IDS": "0"})
    with pytest.raises(SettingsError, match=r"outside 0\.\.1"):
        from_mapping({"SHARD_COUNT": "2", "SHARD_IDS": "2"})


def test_env_file_is_read_and_the_environment_wins(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text(f"DISCORD_TOKEN={TOKEN}\nLOG_LEVEL=WARNING\n")
    settings = load_settings(env, environ={"LOG_LEVEL": "ERROR"})
    assert settings.token.reveal() == TOKEN and settings.log_level == "ERROR"


def test_token_never_in_repr_str_or_logs(caplog: pytest.LogCaptureFixture) -> None:
    settings = from_mapping({"DISCORD_TOKEN": TOKEN})
    assert TOKEN not in repr(settings) and TOKEN not in str(settings.token)
    handler_filter = RedactSecrets(settings.token)
    record = logging.LogRecord("x", logging.ERROR, "f", 1, "auth %s failed", (TOKEN,), None)
    handler_filter.filter(record)
    assert TOKEN not in record.getMessage() and "[redacted]" in record.getMessage()
    try:
        raise ValueError(f"bad header Bot {TOKEN}")
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, "f", 1, "oops", (), sys.exc_info())
    handler_filter.filter(record)
    assert TOKEN not in (record.exc_text or "")


def test_env_example_lists_every_setting_the_code_reads() -> None:
    source = (ROOT / "bot" / "settings.py").read_text()
    read = set(re.findall(r'get\("([A-Z_]+)"\)', source))
    example = (ROOT / ".env.example").read_text()
    listed = set(re.findall(r"^([A-Z_]+)=", example, re.MULTILINE))
    assert read == listed, read ^ listed


def test_factbot_run_without_a_token_is_one_line_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    assert main(["run"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "DISCORD_TOKEN is not set" in err[0]


def test_factbot_run_with_a_bad_setting_is_one_line_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SHARD_COUNT", "many")
    assert main(["run"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["factbot run: SHARD_COUNT must be a whole number >= 1, got 'many'"]


# -- gap log ----------------------------------------------------------------------------------


def unanswered(question: str, outcome: Outcome = Outcome.ABSTAIN) -> Answer:
    return Answer(question, outcome, "I can't find that.", 0.1)


def test_scrub_removes_ids_mentions_links_and_junk() -> None:
    text = scrub(
        "<@123456789012345678> ask <#223456789012345678> about 1234567890123 "
        "me@example.com https://x.y/z @everyone e\u0301\u0302\u0303 \u200btrade"
    )
    assert not re.search(r"\d{7,}", text)
    for gone in ("<@", "<#", "example.com", "https://", "@everyone", "\u200b"):
        assert gone not in text
    assert "trade" in text


def test_gap_log_counts_unanswered_questions_only(tmp_path: Path) -> None:
    log = GapLog(tmp_path / "gaps.sqlite3")
    assert log.record(unanswered("How much gold does Kyrgyzstan export to Israel?"))
    assert log.record(unanswered("how much GOLD does Kyrgyzstan export to Israel"))
    assert log.record(unanswered("Which Herzog visit?", Outcome.CLARIFY))
    assert not log.record(Answer("When was the embassy opened?", Outcome.ANSWERED, "1992.", 0.9))
    assert not log.record(unanswered("??"))  # junk is not a gap
    assert not log.record(unanswered("x" * 400, Outcome.TOO_LONG))
    top = log.top()
    assert top[0].count == 2 and "gold" in top[0].question.lower()
    assert log.total() == (2, 3)


def test_factbot_gaps_prints_the_most_frequent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "gaps.sqlite3"
    log = GapLog(db)
    for _ in range(3):
        log.record(unanswered("What is the capital of Kyrgyzstan?"))
    log.record(unanswered("Does Israel export drones to Tajikistan?"))
    log.close()
    assert main(["gaps", "--db", str(db), "--limit", "5"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "2 distinct" in out[0]
    assert out[1].startswith("3  What is the capital of Kyrgyzstan?")
    assert main(["gaps", "--db", str(db), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["asked"] == 4 and data["questions"][0]["count"] == 3
    assert main(["gaps", "--db", str(tmp_path / "none.sqlite3")]) == 0
    assert "No unanswered questions" in capsys.readouterr().out


def test_discord_questions_reach_the_gap_log_without_ids(
    make_harness: Callable[..., Harness],
) -> None:
    harness = make_harness()
    asker = new_user()
    question = "How many camels live in Kyrgyzstan?"
    harness.reply_to(harness.send_message(question, author=asker, dm=True, mention=False))
    harness.reply_to(harness.send_message(f"{question} <@{p.OWNER_ID}>", author=asker))
    db = harness.settings().gaps_db
    files = [db, db.with_name(db.name + "-wal")]
    raw = b"".join(f.read_bytes() for f in files if f.exists())
    log = GapLog(db)
    gaps = log.top()
    assert gaps and gaps[0].question.startswith("How many camels") and gaps[0].count == 2
    for secret in (asker["id"], p.OWNER_ID, p.CHANNEL_ID, p.GUILD_ID, str(int(asker["id"]) + 7)):
        assert secret.encode() not in raw


def test_gap_log_can_be_turned_off(make_harness: Callable[..., Harness]) -> None:
    harness = make_harness(log_unanswered=False)
    harness.reply_to(harness.send_message("How many camels live in Kyrgyzstan?"))
    assert harness.bot.asker.gaps is None
    assert not harness.settings().gaps_db.exists()


# -- rate limits and text ---------------------------------------------------------------------


def test_rate_limiter_windows_and_single_notice() -> None:
    now = [0.0]
    limiter = RateLimiter(Cooldown(2, 30.0), Cooldown(3, 30.0), clock=lambda: now[0])
    assert limiter.check(1, None).allowed and limiter.check(1, None).allowed
    refused = limiter.check(1, None)
    assert not refused.allowed and refused.scope == "user" and refused.notify
    assert 29.0 < refused.retry_after <= 30.0
    assert not limiter.check(1, None).notify  # one notice per window
    assert limiter.check(2, 10).allowed and limiter.check(3, 10).allowed
    assert limiter.check(4, 10).allowed
    channel = limiter.check(5, 10)
    assert not channel.allowed and channel.scope == "channel"
    now[0] = 30.5
    assert limiter.check(1, None).allowed and limiter.check(5, 10).allowed


def test_text_rules() -> None:
    assert t.strip_mention("<@123> hi <@!123>", 123) == "hi"
    assert t.clip("abcdef", 4) == "abc…" and t.clip("abc", 4) == "abc"
    cleaned = t.clean_question("a\u200b\u202eb\x00c e\u0301\u0301\u0301\u0301 " + "x" * 9000)
    assert "\u200b" not in cleaned and "\x00" not in cleaned and len(cleaned) <= t.MAX_INPUT
    assert cleaned.count("\u0301") == 2
    escaped = t.escape_user_text("@everyone <@123> **b** `c` [l](u) > q", 200)
    assert "@everyone" not in escaped and "<@123>" not in escaped
    assert "\\*\\*b\\*\\*" in escaped and "\\`c\\`" in escaped and "\\[l\\]" in escaped
    assert t.find_quote("It’s the region’s largest", "region's largest") == (9, 25)
