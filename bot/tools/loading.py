"""Loading the engine for a command, with readable errors instead of tracebacks."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from bot.answering.engine import Engine
from bot.knowledge import KnowledgeError, load_valid_knowledge


def load_engine(root: Path, err: TextIO) -> Engine | None:
    """The engine for the knowledge folder, or None after printing why it cannot load."""
    try:
        return Engine(load_valid_knowledge(root))
    except KnowledgeError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=err)
        print(
            f"factbot: the knowledge base in {root} has {len(exc.problems)} problem(s); "
            "run `factbot check` for details",
            file=err,
        )
        return None
