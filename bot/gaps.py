"""The log of questions factbot could not answer, to show where the fact base should grow.

Only the question's text is kept, with anything that could identify a person or a channel taken
out (user, role and channel mention markup, long digit runs such as Discord ids, e-mail
addresses and URLs). Nothing else is stored: no user id, no channel id, no guild id, no time of
day finer than the date. Repeated questions are counted on one row, keyed by a normalised form.
"""

from __future__ import annotations

import re
import sqlite3
import threading
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot.answering.answer import Answer, Outcome

MAX_STORED_CHARS = 300
MAX_ROWS = 50_000  # the oldest, least asked rows go first beyond this

_MENTION = re.compile(r"<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>|<t:\d+(?::\w)?>")
_LONG_NUMBER = re.compile(r"\d{7,}")
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_EVERYONE = re.compile(r"@(everyone|here)\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{2,}")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS gaps (
    key TEXT PRIMARY KEY,
    question TEXT NOT NULL,
    outcome TEXT NOT NULL,
    count INTEGER NOT NULL DEFAULT 1,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL
)
"""


def scrub(text: str) -> str:
    """The question without identifying markup, control characters or extra whitespace."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(
        ch if unicodedata.category(ch)[0] != "C" else " "
        for ch in text
        if unicodedata.category(ch) != "Mn"  # drops combining floods ("zalgo") too
    )
    text = _MENTION.sub("@someone", text)
    text = _URL.sub("<link>", text)
    text = _EMAIL.sub("<email>", text)
    text = _LONG_NUMBER.sub("<number>", text)
    text = _EVERYONE.sub(r"\1", text)
    text = " ".join(text.split())
    return text[:MAX_STORED_CHARS]


def key_of(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def worth_logging(answer: Answer) -> bool:
    """Unanswered, in range and a real question: at least two words of letters."""
    if answer.outcome not in (Outcome.ABSTAIN, Outcome.CLARIFY, Outcome.NOT_GIVEN):
        return False
    return len(_WORD.findall(answer.question)) >= 2


@dataclass(frozen=True)
class Gap:
    question: str
    count: int
    outcome: str
    last_seen: str


class GapLog:
    """An SQLite table of unanswered questions. Safe to call from any thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if str(path) != ":memory:":
            path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        if str(path) != ":memory:":
            self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(_SCHEMA)

    def record(self, answer: Answer) -> bool:
        """Log the answer's question if it went unanswered; True if it was logged."""
        if not worth_logging(answer):
            return False
        question = scrub(answer.question)
        key = key_of(question)
        if not key:
            return False
        today = datetime.now(UTC).date().isoformat()
        with self._lock:
            self._db.execute(
                "INSERT INTO gaps (key, question, outcome, count, first_seen, last_seen) "
                "VALUES (?, ?, ?, 1, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET count = count + 1, last_seen = excluded.last_seen, "
                "outcome = excluded.outcome",
                (key, question, answer.outcome.value, today, today),
            )
            self._trim()
        return True

    def _trim(self) -> None:
        (rows,) = self._db.execute("SELECT COUNT(*) FROM gaps").fetchone()
        if rows > MAX_ROWS:
            self._db.execute(
                "DELETE FROM gaps WHERE key IN (SELECT key FROM gaps "
                "ORDER BY count ASC, last_seen ASC LIMIT ?)",
                (rows - MAX_ROWS,),
            )

    def top(self, limit: int = 20) -> list[Gap]:
        with self._lock:
            rows = self._db.execute(
                "SELECT question, count, outcome, last_seen FROM gaps "
                "ORDER BY count DESC, last_seen DESC, question ASC LIMIT ?",
                (limit,),
            ).fetchall()
        return [Gap(*row) for row in rows]

    def total(self) -> tuple[int, int]:
        """(distinct questions, times asked)."""
        with self._lock:
            distinct, asked = self._db.execute(
                "SELECT COUNT(*), COALESCE(SUM(count), 0) FROM gaps"
            ).fetchone()
        return int(distinct), int(asked)

    def clear(self) -> None:
        with self._lock:
            self._db.execute("DELETE FROM gaps")

    def close(self) -> None:
        with self._lock:
            self._db.close()


def open_gap_log(path: Path, enabled: bool = True) -> GapLog | None:
    """The gap log at `path`, or None when logging unanswered questions is turned off."""
    return GapLog(path) if enabled else None
