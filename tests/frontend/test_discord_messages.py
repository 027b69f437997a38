"""Questions by mention and by DM, driven as real MESSAGE_CREATE events through the fake."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from tests.discord_fake import payloads as p
from tests.discord_fake.engines import ClarifyingEngine, FailingEngine
from tests.discord_fake.harness import Harness, custom_ids, new_user
from tests.discord_fake.server import Request

EMBASSY = "when did Israel open its embassy in Ashgabat?"


def settle(harness: Harness, seconds: float = 0.3) -> None:
    """Give the bot time to (wrongly) answer before asserting that it did not."""
    time.sleep(seconds)


def channel_posts(harness: Harness, after: int = 0) -> list[Request]:
    return [
        r for r in harness.fake.requests[after:] if r.matches("POST", r"/channels/\d+/messages")
    ]


def test_guild_mention_gets_a_reply_to_that_message_with_a_sourced_embed(
    harness: Harness,
) -> None:
    message = harness.send_message(EMBASSY)
    reply = harness.reply_to(message)
    body = reply.body
    assert body["allowed_mentions"] == {"parse": []}
    reference = body["message_reference"]
    assert str(reference["message_id"]) == message["id"]
    assert str(reference["channel_id"]) == p.CHANNEL_ID
    (embed,) = body["embeds"]
    assert "Turkmenistan" in embed["description"] or "Ashgabat" in embed["description"]
    source = embed["fields"][0]
    assert source["name"] == "Source" and source["value"].startswith("> “")
    assert "—" in source["value"]  # who said it
    assert "Israel and Central Asia" in embed["footer"]["text"]
    assert custom_ids(body) and custom_ids(body)[0].startswith("fb:src:")
    assert not body.get("content")


def test_dm_every_message_is_a_question(harness: Harness) -> None:
    message = harness.send_message(
        "Who is Israel's ambassador to Uzbekistan?", dm=True, mention=False
    )
    reply = harness.reply_to(message)
    assert "Lustig" in reply.body["embeds"][0]["description"]
    assert reply.body["allowed_mentions"] == {"parse": []}


def test_messages_from_bots_and_from_itself_are_ignored(harness: Harness) -> None:
    mark = harness.mark()
    other_bot = p.user("1200000000000000777", "otherbot", bot=True)
    harness.send_message(EMBASSY, author=other_bot)
    harness.send_message(EMBASSY, author=p.BOT_USER, dm=True)
    harness.send_message(EMBASSY, author=other_bot, dm=True)
    settle(harness)
    assert channel_posts(harness, mark) == []


def test_guild_message_without_a_mention_is_ignored(harness: Harness) -> None:
    mark = harness.mark()
    harness.send_message(EMBASSY, mention=False)
    # @everyone does not address the bot either, and the bot never pings anyone.
    harness.send_message(f"@everyone {EMBASSY}", mention=False, mention_everyone=True)
    settle(harness)
    assert channel_posts(harness, mark) == []


def test_mention_with_everyone_text_answers_without_pinging(harness: Harness) -> None:
    message = harness.send_message(f"@everyone @here {EMBASSY}", mention_everyone=True)
    reply = harness.reply_to(message)
    assert reply.body["allowed_mentions"] == {"parse": []}
    assert "@everyone" not in (reply.body.get("content") or "")


def test_bare_mention_gets_a_short_help(harness: Harness) -> None:
    message = harness.send_message("")
    reply = harness.reply_to(message)
    text = reply.body["embeds"][0]["description"]
    assert "Ask me about" in text and "/ask" in text
    assert len(text) < 500


def test_mention_of_the_bots_role_counts_as_a_mention(harness: Harness) -> None:
    message = p.message(
        channel_id=p.CHANNEL_ID,
        guild_id=p.GUILD_ID,
        author=new_user(),
        content=f"<@&{p.BOT_ROLE_ID}> {EMBASSY}",
        mention_roles=[p.BOT_ROLE_ID],
    )
    harness.dispatch("MESSAGE_CREATE", message)
    assert harness.reply_to(message).body["embeds"]


def test_follow_up_context_is_per_channel_and_user(harness: Harness) -> None:
    asker = new_user()
    first = harness.send_message("When did Israel open its embassy in Uzbekistan?", author=asker)
    harness.reply_to(first)
    follow = harness.send_message("and in Kazakhstan?", author=asker)
    text = harness.reply_to(follow).body["embeds"][0]["description"]
    assert "Kazakhstan" in text and "embassy" in text.lower()


def test_out_of_scope_is_polite_and_names_what_is_covered(harness: Harness) -> None:
    message = harness.send_message("How much trade does Israel do with Mongolia?")
    embed = harness.reply_to(message).body["embeds"][0]
    assert "Kazakhstan" in embed["description"] and "Uzbekistan" in embed["description"]
    assert "fields" not in embed or not embed["fields"]


def test_low_confidence_offers_did_you_mean_buttons_that_answer(
    make_harness: Callable[..., Harness], engine: Any
) -> None:
    harness = make_harness(engine_override=ClarifyingEngine(engine))
    asker = new_user()
    message = harness.send_message(ClarifyingEngine.TRIGGER, author=asker)
    reply = harness.reply_to(message)
    ids = custom_ids(reply.body)
    assert len(ids) == 3 and all(i.startswith(f"fb:dym:{asker['id']}:") for i in ids)
    assert "1. " in reply.body["embeds"][0]["description"]
    click = harness.click(reply.response, ids[0], invoker=asker)
    body = harness.callback(click).body
    assert body["type"] == 7 and body["data"]["embeds"][0]["fields"][0]["name"] == "Source"


def test_user_cooldown_gives_one_friendly_notice_then_silence(
    make_harness: Callable[..., Harness],
) -> None:
    from bot.settings import Cooldown

    harness = make_harness(user_cooldown=Cooldown(2, 30.0))
    asker = new_user()
    sent = [harness.send_message(EMBASSY, author=asker, dm=True, mention=False) for _ in range(5)]
    for message in sent[:3]:  # the third gets the notice (sent at once, before the answers)
        harness.reply_to(message)
    settle(harness)
    replies = [r.body for r in channel_posts(harness) if r.status == 200]
    assert len(replies) == 3  # two answers and one notice
    (notice,) = [r for r in replies if r.get("content")]
    assert "asking quickly" in notice["content"] and notice["allowed_mentions"] == {"parse": []}
    assert sum(1 for r in replies if r.get("embeds")) == 2


def test_a_dm_flood_does_not_starve_another_user(make_harness: Callable[..., Harness]) -> None:
    from bot.settings import Cooldown

    harness = make_harness(user_cooldown=Cooldown(5, 30.0))
    flooder = new_user("flooder")
    for _ in range(40):
        harness.send_message(EMBASSY, author=flooder, dm=True, mention=False)
    other = harness.send_message(EMBASSY, author=new_user("patient"), dm=True, mention=False)
    reply = harness.reply_to(other)
    assert reply.body["embeds"]
    settle(harness)
    flood_channel = str(int(flooder["id"]) + 7)
    to_flooder = [
        r for r in channel_posts(harness) if r.path == f"/channels/{flood_channel}/messages"
    ]
    assert len(to_flooder) == 6  # five answers and one notice, not forty


def test_per_channel_limit_in_a_guild(make_harness: Callable[..., Harness]) -> None:
    from bot.settings import Cooldown

    harness = make_harness(channel_cooldown=Cooldown(3, 30.0))
    for _ in range(3):
        harness.reply_to(harness.send_message(EMBASSY))
    refused = harness.send_message(EMBASSY)
    notice = harness.reply_to(refused).body
    assert "This channel is asking faster" in notice["content"]


def test_an_error_while_answering_is_logged_and_apologised_for(
    make_harness: Callable[..., Harness], engine: Any, caplog: pytest.LogCaptureFixture
) -> None:
    harness = make_harness(engine_override=FailingEngine(engine))
    message = harness.send_message(EMBASSY)
    reply = harness.reply_to(message)
    assert reply.body["content"].startswith("Sorry, something went wrong")
    assert any("error while answering message" in r.getMessage() for r in caplog.records)
    # ... and the bot stays up: /about still works.
    interaction = harness.slash("about")
    assert harness.callback(interaction).body["type"] == 4
