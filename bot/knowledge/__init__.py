"""Knowledge: the fact base's schema, loading and validation."""

from pathlib import Path

from bot.knowledge.loader import KnowledgeBase, KnowledgeError, Problem, load_knowledge
from bot.knowledge.validate import check_knowledge

DEFAULT_KNOWLEDGE_DIR = Path(__file__).resolve().parents[2] / "knowledge"


def load_valid_knowledge(root: Path) -> KnowledgeBase:
    """Load and fully check the folder; raise KnowledgeError listing every problem."""
    base, problems = load_knowledge(root)
    if base is not None:
        problems = problems + check_knowledge(base).problems
    if base is None or problems:
        raise KnowledgeError(problems)
    return base


__all__ = [
    "DEFAULT_KNOWLEDGE_DIR",
    "KnowledgeBase",
    "KnowledgeError",
    "Problem",
    "check_knowledge",
    "load_knowledge",
    "load_valid_knowledge",
]
