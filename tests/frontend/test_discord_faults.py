"""Discord faults through the loopback fake: gateway closes (resumable and not), invalid
sessions, reconnect requests, REST 429s and 5xx. After each, the next question is answered and
no reply is lost or sent twice."""

from __future__ import annotations

import logging

import pytest

from tests.discord_fake import payloads as p
from tests.discord_fake.harness import Harness, new_user
from tests.discord_fake.server import OP_IDENTIFY, OP_INVALID_SESSION, OP_RECONNECT, OP_RESUME

QUESTION = "when did Israel open its embassy in Tashkent?"
MESSAGES = rf"/channels/{p.CHANNEL_ID}/messages"


def answered(harness: Harness) -> None:
    message = harness.send_message(QUESTION)
    assert "Tashkent" in harness.reply_to(message).body["embeds"][0]["description"]


def resumed(harness: Harness, count: int = 1) -> None:
    harness.wait(lambda: harness.fake.resumed_count() >= count)


@pytest.mark.parametrize("code", [4000, 1000, 1001, 4008])
def test_resumable_close_resumes_the_session(harness: Harness, code: int) -> None:
    answered(harness)
    harness.call(harness.fake.close_gateway(code))
    resumed(harness)
    assert len(harness.fake.frames(OP_IDENTIFY)) == 1  # resumed, not identified again
    resume = harness.fake.frames(OP_RESUME)[0]["d"]
    assert resume["token_ok"] and resume["session_id"] == harness.fake.sessions[0].session_id
    answered(harness)


def test_events_sent_while_disconnected_are_replayed_on_resume(harness: Harness) -> None:
    answered(harness)
    harness.call(harness.fake.close_gateway(4000))
    # Discord keeps dispatching to the session; the client gets the missed events on RESUME.
    message = harness.send_message(QUESTION)
    resumed(harness)
    assert harness.reply_to(message).body["embeds"]
    replies = [
        r
        for r in harness.fake.calls("POST", MESSAGES)
        if str((r.body or {}).get("message_reference", {}).get("message_id")) == message["id"]
    ]
    assert len(replies) == 1


def test_reconnect_opcode_resumes(harness: Harness) -> None:
    harness.call(harness.fake.send_op(OP_RECONNECT, None))
    resumed(harness)
    answered(harness)


def test_resumable_invalid_session_resumes(harness: Harness) -> None:
    harness.call(harness.fake.send_op(OP_INVALID_SESSION, True))
    resumed(harness)
    answered(harness)


def test_non_resumable_close_identifies_again_and_answers(harness: Harness) -> None:
    """4009 (session timed out): the client tries RESUME, Discord answers INVALID_SESSION
    (op 9, d=false), the client IDENTIFYs afresh (after discord.py's 5-second identify wait)."""
    answered(harness)
    harness.call(harness.fake.close_gateway(4009))
    harness.wait(lambda: harness.fake.ready_count() >= 2, timeout=12)
    assert len(harness.fake.frames(OP_IDENTIFY)) == 2
    sent_ops = [f["op"] for f in harness.fake.sent_frames]
    assert OP_INVALID_SESSION in sent_ops
    answered(harness)


def test_429_on_a_reply_is_retried_and_delivered_exactly_once(harness: Harness) -> None:
    harness.fake.fail("POST", MESSAGES, 429, retry_after=0.2)
    mark = harness.mark()
    message = harness.send_message(QUESTION)
    reply = harness.reply_to(message, after=mark)
    attempts = harness.fake.calls("POST", MESSAGES)[-2:]
    assert [a.status for a in attempts] == [429, 200]
    assert attempts[1].at - attempts[0].at >= 0.18  # waited retry_after
    assert attempts[0].body["nonce"] == attempts[1].body["nonce"]
    created = [m for m in harness.fake.created if m["id"] == reply.response["id"]]
    assert len(created) == 1
    assert len(harness.fake.created) == 1


def test_500_after_the_message_was_made_does_not_duplicate_it(harness: Harness) -> None:
    # The worst case: Discord stored the message, then the response was lost as a 500.
    # discord.py retries with the same nonce and enforce_nonce, so Discord returns the same one.
    harness.fake.fail("POST", MESSAGES, 500, commit=True)
    message = harness.send_message(QUESTION)
    harness.wait_request("POST", MESSAGES, count=2, timeout=6)
    harness.reply_to(message)
    attempts = harness.fake.calls("POST", MESSAGES)
    assert [a.status for a in attempts] == [500, 200]
    assert attempts[0].body["enforce_nonce"] is True
    assert len(harness.fake.created) == 1


def test_503_on_send_is_logged_retried_once_and_delivered(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    harness.fake.fail("POST", MESSAGES, 503)
    message = harness.send_message(QUESTION)
    harness.wait_request("POST", MESSAGES, count=2)
    harness.reply_to(message)
    assert [a.status for a in harness.fake.calls("POST", MESSAGES)] == [503, 200]
    assert any("met HTTP 503; retrying once" in r.getMessage() for r in caplog.records)


def test_persistent_5xx_is_logged_and_the_bot_stays_up(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    harness.fake.fail("POST", MESSAGES, 503, times=2)
    harness.send_message(QUESTION)
    harness.wait_request("POST", MESSAGES, count=2)
    harness.wait(
        lambda: any("failed: HTTP 503 after a retry" in r.getMessage() for r in caplog.records)
    )
    answered(harness)


def test_429_on_an_interaction_callback_is_retried(harness: Harness) -> None:
    harness.fake.fail("POST", r"/interactions/\d+/[^/]+/callback", 429, retry_after=0.1)
    interaction = harness.slash("ask", question=QUESTION, invoker=new_user())
    pattern = rf"/interactions/{interaction['id']}/.+/callback"
    attempts = harness.wait_request("POST", pattern, count=2)
    assert [a.status for a in attempts] == [429, 200]
    state = harness.fake.interactions[interaction["token"]]
    assert state.callback_type == 4 and state.original is not None
