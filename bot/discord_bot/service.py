"""The engine as the Discord front end uses it: swapped atomically on reload, run off the event
loop one question at a time, with unanswered questions logged to the gap log.

No discord import here: this is plain asyncio around the engine.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.answering.answer import Answer, SourceRef
from bot.answering.browse import TimelineEvent
from bot.answering.engine import Engine
from bot.gaps import GapLog
from bot.knowledge import KnowledgeError, load_valid_knowledge

log = logging.getLogger(__name__)


def question_key(question: str) -> str:
    """A short stable key for a known question, small enough for a button's custom id."""
    return hashlib.sha256(question.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class ReloadResult:
    ok: bool
    facts: int
    problems: tuple[str, ...] = ()


class EngineHolder:
    """Holds the engine in service. `swap` replaces it in one assignment, so every question is
    answered by either the old engine or the new one, never a half-loaded mix."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self.generation = 0
        self._questions: dict[str, str] | None = None

    @property
    def engine(self) -> Engine:
        return self._engine

    def swap(self, engine: Engine) -> None:
        self._engine = engine
        self._questions = None
        self.generation += 1

    def question_for(self, key: str) -> str | None:
        """The known question with this `question_key`, if the current fact base has it."""
        if self._questions is None:
            table: dict[str, str] = {}
            for fact in self._engine.knowledge.facts:
                for question in fact.all_questions:
                    table.setdefault(question_key(question), question)
            self._questions = table
        return self._questions.get(key)

    def source_of(self, fact_id: str) -> SourceRef | None:
        """The source reference of one fact, for "Show source"."""
        return self._engine.source_of(fact_id)


class AskService:
    """Runs engine work on one worker thread, so a slow question never blocks the gateway's
    heartbeats and the engine's conversation state is touched by one thread at a time."""

    def __init__(self, holder: EngineHolder, gaps: GapLog | None) -> None:
        self.holder = holder
        self.gaps = gaps
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="factbot-engine")

    async def run(self, work: Callable[..., Any], *args: Any) -> Any:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, work, *args)

    def _ask(self, engine: Engine, question: str, conversation: str | None) -> Answer:
        answer = engine.ask(question, conversation)
        if self.gaps is not None:
            try:
                self.gaps.record(answer)
            except Exception:  # the gap log must never cost an answer
                log.exception("could not record an unanswered question in the gap log")
        return answer

    async def ask(self, question: str, conversation: str | None) -> Answer:
        return await self.run(self._ask, self.holder.engine, question, conversation)

    async def overview(self, country: str) -> list[Answer]:
        return await self.run(self.holder.engine.browse.country_overview, country)

    async def timeline(self, country: str | None) -> list[TimelineEvent]:
        return await self.run(self.holder.engine.browse.timeline, country)

    def suggest(self, prefix: str, limit: int) -> list[str]:
        # Autocomplete is cheap and must answer within Discord's deadline: run it inline.
        return self.holder.engine.browse.suggest_questions(prefix, limit)

    def _load(self, root: Path, factory: Callable[[Any], Engine]) -> Engine:
        return factory(load_valid_knowledge(root))

    async def reload(self, root: Path, factory: Callable[[Any], Engine] = Engine) -> ReloadResult:
        """Load and validate the fact base again; swap it in only if it is valid."""
        loop = asyncio.get_running_loop()
        try:
            # A separate thread: loading must not wait behind questions, nor they behind it.
            engine = await loop.run_in_executor(None, self._load, root, factory)
        except KnowledgeError as exc:
            problems = tuple(str(p) for p in exc.problems)
            log.warning("reload refused: %d problem(s) in %s", len(problems), root)
            return ReloadResult(False, len(self.holder.engine.knowledge.facts), problems)
        except Exception as exc:
            log.exception("reload failed while loading %s", root)
            return ReloadResult(
                False, len(self.holder.engine.knowledge.facts), (f"{type(exc).__name__}: {exc}",)
            )
        self.holder.swap(engine)
        log.info("reloaded the fact base from %s: %d facts", root, len(engine.knowledge.facts))
        return ReloadResult(True, len(engine.knowledge.facts))

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
        if self.gaps is not None:
            self.gaps.close()
