"""Fixtures for the Discord front-end tests: the real engine, and a harness running the real
bot against the loopback fake of Discord."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.answering.engine import Engine
from bot.knowledge import DEFAULT_KNOWLEDGE_DIR, load_valid_knowledge
from tests.discord_fake.harness import Harness


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine(load_valid_knowledge(DEFAULT_KNOWLEDGE_DIR))


@pytest.fixture
def make_harness(tmp_path: Path, engine: Engine) -> Iterator[Callable[..., Harness]]:
    """Start a harness with settings overrides; every harness made is stopped afterwards."""
    made: list[Harness] = []

    def make(*, start: bool = True, engine_override: Any = None, **overrides: Any) -> Harness:
        harness = Harness(tmp_path / f"h{len(made)}", engine_override or engine, **overrides)
        made.append(harness)
        if start:
            harness.start()
        return harness

    yield make
    for harness in made:
        harness.stop()


@pytest.fixture
def harness(make_harness: Callable[..., Harness]) -> Harness:
    return make_harness()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    from tests.frontend.test_discord_properties import HARDENING

    if HARDENING["inputs"]:
        terminalreporter.write_line(
            f"discord hardening: {HARDENING['inputs']} bad inputs tried on 3 paths "
            f"(DM, mention, /ask) = {HARDENING['tries']} tries; "
            f"{HARDENING['crashed']} crashed or broke a limit"
        )
