"""Engine test doubles: the real engine with one behaviour changed (duck-typed like Engine)."""

from __future__ import annotations

import time
from typing import Any

from bot.answering.answer import Answer, Outcome


class EngineWrapper:
    def __init__(self, engine: Any) -> None:
        self._engine = engine

    def ask(self, question: str, conversation: str | None = None) -> Answer:
        return self._engine.ask(question, conversation)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)


class ClarifyingEngine(EngineWrapper):
    """One question gets a "did you mean" with three real questions from the fact base."""

    TRIGGER = "that thing with the ambassador"

    def __init__(self, engine: Any) -> None:
        super().__init__(engine)
        facts = engine.knowledge.facts
        self.suggestions = tuple(f.question for f in facts if f.topic == "ambassador")[:3]

    def ask(self, question: str, conversation: str | None = None) -> Answer:
        if question == self.TRIGGER:
            return Answer(
                question,
                Outcome.CLARIFY,
                "I'm not sure what you mean. Did you mean one of these?",
                0.4,
                suggestions=self.suggestions,
            )
        return super().ask(question, conversation)


class SlowEngine(EngineWrapper):
    def __init__(self, engine: Any, delay: float) -> None:
        super().__init__(engine)
        self.delay = delay

    def ask(self, question: str, conversation: str | None = None) -> Answer:
        time.sleep(self.delay)
        return super().ask(question, conversation)


class FailingEngine(EngineWrapper):
    def ask(self, question: str, conversation: str | None = None) -> Answer:
        raise RuntimeError("engine exploded")
