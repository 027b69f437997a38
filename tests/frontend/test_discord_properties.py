"""Property tests (Hypothesis) over the message and interaction handlers, and a hardening run of
hostile inputs through every path: no exception, a reply within Discord's limits, nobody pinged."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.discord_fake import payloads as p
from tests.discord_fake.harness import (
    Harness,
    check_discord_limits,
    custom_ids,
    message_of,
    new_user,
)

PROPERTY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=400
)
HARDENING: dict[str, int] = {"inputs": 0, "tries": 0, "crashed": 0}


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory, engine: Any) -> Iterator[Harness]:
    harness = Harness(Path(tmp_path_factory.mktemp("live")), engine).start()
    yield harness
    harness.stop()


def ask_by_dm(live: Harness, text: str) -> dict[str, Any]:
    message = live.send_message(text, dm=True, mention=False, author=new_user())
    return live.reply_to(message).body


def ask_by_mention(live: Harness, text: str) -> dict[str, Any]:
    message = live.send_message(text, author=new_user())
    return live.reply_to(message).body


def ask_by_slash(live: Harness, text: str) -> dict[str, Any]:
    interaction = live.slash("ask", question=text or "?", invoker=new_user())
    callback = live.callback(interaction)
    if callback.body["type"] == 5:
        return live.followup(interaction).body
    assert callback.body["type"] == 4
    return message_of(callback)


@PROPERTY
@given(text=TEXT)
def test_any_dm_gets_one_bounded_reply_that_pings_nobody(live: Harness, text: str) -> None:
    check_discord_limits(ask_by_dm(live, text))


@PROPERTY
@given(text=TEXT)
def test_any_mention_gets_one_bounded_reply_that_pings_nobody(live: Harness, text: str) -> None:
    check_discord_limits(ask_by_mention(live, text))


@PROPERTY
@given(text=TEXT)
def test_any_slash_question_gets_a_bounded_reply(live: Harness, text: str) -> None:
    data = ask_by_slash(live, text)
    check_discord_limits(data)
    if data.get("embeds") and data["embeds"][0].get("title"):
        assert "@everyone" not in data["embeds"][0]["title"]


@PROPERTY
@given(text=TEXT)
def test_any_autocomplete_text_gets_valid_choices(live: Harness, text: str) -> None:
    option = {"name": "question", "type": 3, "value": text, "focused": True}
    interaction = live.interact(4, p.command_data("ask", [option]), invoker=new_user())
    body = live.callback(interaction).body
    assert body["type"] == 8
    choices = body["data"]["choices"]
    assert len(choices) <= 25
    assert all(1 <= len(c["name"]) <= 100 and 1 <= len(c["value"]) <= 100 for c in choices)


ZALGO = "e" + "\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308" * 40
BAD_INPUTS: dict[str, str] = {
    "10k characters": "when did Israel open its embassy in Tashkent? " * 220,
    "20k one word": "a" * 20_000,
    "empty": "",
    "whitespace": " \t \n  \u3000 ",
    "control characters": "\x00\x01\x02\x1b[31mred\x1b[0m\x7f embassy",
    "zero-width": "\u200b\u200c\u200d\ufeff embassy\u200b in\u200b Tashkent",
    "bidi marks": "\u202e?tnekhsaT ni yssabme\u202c \u2066when\u2069",
    "zalgo": ZALGO * 5,
    "zalgo question": "wh" + "\u0336" * 200 + "en did Israel open its embassy in Tashkent?",
    "emoji only": "🇮🇱🤝🇺🇿🙂🙂🙂",
    "code block": "```python\nimport os; os.system('rm -rf /')\n```",
    "inline code": "`embassy` in `Tashkent`?",
    "url": "https://example.com/?q=embassy%20Tashkent www.example.org",
    "user mention": "<@123456789012345678> <@!123456789012345678> who is the ambassador?",
    "role mention": "<@&123456789012345678> trade with Uzbekistan",
    "channel mention": "<#123456789012345678> tourism",
    "everyone": "@everyone when did Israel open its embassy in Tashkent?",
    "here": "@here @everyone @here",
    "markdown breaker": "**__~~||> # [x](https://e.com) `` ``` *_`",
    "fake embed json": '{"embeds":[{"title":"pwned"}]}',
    "masked link": "[click me](https://example.com) embassy",
    "cyrillic": "Когда Израиль открыл посольство в Ташкенте?",
    "hebrew": "מתי נפתחה שגרירות ישראל בטשקנט?",
    "arabic": "متى فتحت إسرائيل سفارتها في طشقند؟",
    "mixed scripts": "Израиль embassy בטשקנט طشقند 1992",
    "numbers only": "1992 2023 211000000",
    "sql-ish": "'; DROP TABLE gaps; --",
    "newlines": "\n\n\nembassy\n\n\nTashkent\n\n",
    "repeated question marks": "?" * 3000,
    "surrogate-free astral": "𝕨𝕙𝕖𝕟 𝕖𝕞𝕓𝕒𝕤𝕤𝕪 𝕋𝕒𝕤𝕙𝕜𝕖𝕟𝕥",
    "combining flood only": "\u0301" * 5000,
    "right-to-left override name": "\u202eotkabnap\u202c ambassador",
    "timestamp markup": "<t:1700000000:R> trade",
    "custom emoji markup": "<:flag:123456789012345678> embassy",
}
JUNK = {
    "empty",
    "whitespace",
    "emoji only",
    "code block",
    "here",
    "markdown breaker",
    "fake embed json",
    "numbers only",
    "sql-ish",
    "repeated question marks",
    "combining flood only",
    "20k one word",
    "10k characters",
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_hardening_bad_input_on_every_path(live: Harness, name: str) -> None:
    text = BAD_INPUTS[name]
    HARDENING["inputs"] += 1
    for path in (ask_by_dm, ask_by_mention, ask_by_slash):
        HARDENING["tries"] += 1
        try:
            body = path(live, text[:6000] if path is ask_by_slash else text)
            check_discord_limits(body)
            if name in JUNK:  # junk is never "answered": no source, no Show source button
                assert not any(i.startswith("fb:src:") for i in custom_ids(body)), path.__name__
            if name in ("10k characters", "20k one word"):
                text_out = (body.get("embeds") or [{}])[0].get("description", "")
                assert "shorter question" in text_out, path.__name__
        except BaseException:
            HARDENING["crashed"] += 1
            raise
    assert live.bot is not None and not live.bot.is_closed()
