"""Rate limits: a sliding window per user and per guild channel.

Pure and clock-injectable; the Discord layer asks `check()` before doing any work for a question.
A per-user window also bounds DM floods, so one person cannot starve the others.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from bot.settings import Cooldown

MAX_KEYS = 20_000  # forget idle keys beyond this, so memory stays bounded


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: float = 0.0
    scope: str = ""  # "user" or "channel" when refused
    notify: bool = False  # refused and this is the first refusal of the window: say so once


class SlidingWindow:
    def __init__(self, cooldown: Cooldown, clock: Callable[[], float]) -> None:
        self.cooldown = cooldown
        self._clock = clock
        self._hits: dict[int | str, deque[float]] = {}
        self._notified: dict[int | str, float] = {}

    def _window(self, key: int | str, now: float) -> deque[float]:
        hits = self._hits.get(key)
        if hits is None:
            if len(self._hits) >= MAX_KEYS:
                self._forget(now)
            hits = self._hits[key] = deque()
        while hits and now - hits[0] >= self.cooldown.per:
            hits.popleft()
        return hits

    def _forget(self, now: float) -> None:
        idle = [k for k, h in self._hits.items() if not h or now - h[-1] >= self.cooldown.per]
        for key in idle:
            self._hits.pop(key, None)
            self._notified.pop(key, None)

    def retry_after(self, key: int | str) -> float:
        now = self._clock()
        hits = self._window(key, now)
        if len(hits) < self.cooldown.rate:
            return 0.0
        return max(0.0, self.cooldown.per - (now - hits[0]))

    def hit(self, key: int | str) -> None:
        now = self._clock()
        self._window(key, now).append(now)

    def first_refusal(self, key: int | str, retry_after: float) -> bool:
        now = self._clock()
        until = self._notified.get(key, 0.0)
        if now < until:
            return False
        self._notified[key] = now + retry_after
        return True


class RateLimiter:
    def __init__(
        self,
        user: Cooldown,
        channel: Cooldown,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.users = SlidingWindow(user, clock)
        self.channels = SlidingWindow(channel, clock)

    def check(self, user_id: int, channel_id: int | None) -> Verdict:
        """Count one question from `user_id` in `channel_id` (None for DMs) if it is allowed."""
        wait = self.users.retry_after(user_id)
        if wait > 0:
            return Verdict(False, wait, "user", self.users.first_refusal(user_id, wait))
        if channel_id is not None:
            wait = self.channels.retry_after(channel_id)
            if wait > 0:
                notify = self.users.first_refusal(user_id, wait)
                return Verdict(False, wait, "channel", notify)
            self.channels.hit(channel_id)
        self.users.hit(user_id)
        return Verdict(True)
