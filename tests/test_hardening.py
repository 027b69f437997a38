"""Hostile and odd input to the engine: never an exception, always a bounded, safe reply."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.answering.answer import Outcome
from bot.answering.engine import Engine
from bot.knowledge import DEFAULT_KNOWLEDGE_DIR, load_valid_knowledge

BAD_INPUTS = [
    "",
    " ",
    "\t\n\r",
    "x" * 10_000,
    "When did Israel open its embassy in Tashkent? " * 250,
    "\x00\x01\x02\x1b[31mred\x1b[0m",
    "\u200b\u200c\u200d\ufeff",
    "\u202ekazakhstan\u202c embassy",
    "Z̸̧̛̛̖̗̘̙̜̝̞̟̠̤̥̦̩̪̫̬̭̮̯̰̱̲̳̹̺̻̼ͅͅa̷l̸g̵o̶" * 40,
    "🙂🙂🙂🇮🇱🇰🇿",
    "```python\nimport os; os.system('rm -rf /')\n```",
    "https://example.com/?q=israel+uzbekistan",
    "<@123456789012345678> <@!1> <@&2> <#3> <:emoji:4> <t:1700000000:R>",
    "@everyone when did israel open an embassy in tashkent",
    "@here @everyone @everyone",
    "**bold** __under__ ~~strike~~ ||spoiler|| > quote `code` [link](http://x)",
    "Когда Израиль установил отношения с Казахстаном?",
    "מתי ישראל כוננה יחסים עם קזחסטן?",
    "متى أقامت إسرائيل علاقات مع كازاخستان؟",
    "中国 以色列 哈萨克斯坦",
    "'; DROP TABLE facts; --",
    "{{7*7}} ${jndi:ldap://x}",
    "1992 1993 1994 1995",
    "?" * 300,
    "kazakhstan " * 50,
    "a",
    "\\" * 100,
    "%s %n %x",
    "None",
    "null",
]


# The engine is built once per module; Hypothesis need not warn that the fixture is shared.
SHARED_ENGINE = [HealthCheck.function_scoped_fixture]


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(load_valid_knowledge(DEFAULT_KNOWLEDGE_DIR))


def _check_reply(engine: Engine, text: str) -> float:
    started = time.perf_counter()
    answer = engine.ask(text, conversation="hardening")
    elapsed = time.perf_counter() - started
    assert 0 < len(answer.text) <= 2000
    assert "@everyone" not in answer.text and "@here" not in answer.text
    assert 0.0 <= answer.confidence <= 1.0
    assert len(answer.suggestions) <= 3
    return elapsed


def test_bad_inputs_never_crash_and_stay_bounded(engine: Engine) -> None:
    crashed = 0
    slowest = 0.0
    for text in BAD_INPUTS:
        try:
            slowest = max(slowest, _check_reply(engine, text))
        except Exception:  # counted, then re-raised below with the input that did it
            crashed += 1
            raise
    print(
        f"\nengine hardening: {len(BAD_INPUTS)} bad inputs tried, {crashed} crashed, "
        f"slowest {slowest * 1000:.1f} ms"
    )
    assert crashed == 0


def test_overlong_input_is_refused_politely(engine: Engine) -> None:
    for text in ("x" * 10_000, "When did Israel open its embassy in Tashkent? " * 250):
        answer = engine.ask(text)
        assert answer.outcome is Outcome.TOO_LONG and not answer.answered


@pytest.mark.parametrize("text", ["", " ", "\u200b", "🙂🙂", "asdfgh", "?" * 50, "\x00"])
def test_junk_is_not_answered(engine: Engine, text: str) -> None:
    assert not engine.ask(text).answered


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=400))
def test_any_text_gets_a_bounded_reply(engine: Engine, text: str) -> None:
    _check_reply(engine, text)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet=st.characters(categories=["Mn", "Cf", "Cc", "Zs", "So"]), max_size=300))
def test_marks_and_controls_alone_are_never_answered(engine: Engine, text: str) -> None:
    answer = engine.ask(text)
    assert not answer.answered
