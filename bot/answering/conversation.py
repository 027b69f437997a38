"""Short-lived follow-up context per conversation (a channel and user, or a CLI session)."""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass

from bot.understanding.intents import Wants

CONTEXT_TTL_SECONDS = 600.0
MAX_CONVERSATIONS = 10_000


@dataclass(frozen=True)
class Context:
    countries: tuple[str, ...]
    terms: tuple[str, ...]
    topic: str | None
    fact_id: str
    at: float
    wants: Wants
    people: tuple[str, ...] = ()
    # The country the turn before was about, when it was another: "which of the two was first?"
    before: tuple[str, ...] = ()


class ConversationStore:
    """Remembers the last answered turn of each conversation for a few minutes."""

    def __init__(self, ttl: float = CONTEXT_TTL_SECONDS, capacity: int = MAX_CONVERSATIONS) -> None:
        self._ttl = ttl
        self._capacity = capacity
        self._items: OrderedDict[str, Context] = OrderedDict()

    def get(self, key: str | None, now: float | None = None) -> Context | None:
        if key is None:
            return None
        context = self._items.get(key)
        if context is None:
            return None
        if (now if now is not None else time.monotonic()) - context.at > self._ttl:
            del self._items[key]
            return None
        return context

    def put(self, key: str | None, context: Context) -> None:
        if key is None:
            return
        self._items[key] = context
        self._items.move_to_end(key)
        while len(self._items) > self._capacity:
            self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)
