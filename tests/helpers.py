"""Shared test helpers: small knowledge folders built from the shipped one."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from bot.knowledge import DEFAULT_KNOWLEDGE_DIR

GOOD_FACT = """\
  - id: test-uzbekistan-relations
    countries: [uzbekistan]
    topic: diplomatic_relations
    question: When did Israel and Uzbekistan establish diplomatic relations?
    alternatives: [When were Israel-Uzbekistan ties formed?]
    keywords: [relations]
    answer: Israel and Uzbekistan established diplomatic relations on February 21, 1992.
    key_value: February 21, 1992
    date: "1992-02-21"
    event: Relations established
    source:
      document: israel-central-asia
      section: Uzbekistan
      quote: the two countries moved quickly to establish relations, doing so on February 21, 1992.
      speaker: null
"""


def make_knowledge(
    tmp_path: Path,
    facts: str | None = None,
    *,
    files: dict[str, str] | None = None,
    copy_facts: bool = False,
) -> Path:
    """A knowledge folder with the shipped document, lexicon, topics and article.

    `facts` becomes facts/test.yaml (a `facts:` list body); `files` adds or replaces files.
    """
    root = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_KNOWLEDGE_DIR, root, ignore=shutil.ignore_patterns("facts"))
    (root / "facts").mkdir()
    if copy_facts:
        for path in (DEFAULT_KNOWLEDGE_DIR / "facts").glob("*.yaml"):
            shutil.copy(path, root / "facts" / path.name)
    else:
        # The shipped document points at shipped facts that this folder does not have.
        document = root / "document.yaml"
        lines = document.read_text().splitlines(keepends=True)
        document.write_text("".join(x for x in lines if not x.startswith("overview_facts:")))
    if facts is not None:
        (root / "facts" / "test.yaml").write_text("facts:\n" + textwrap.dedent(facts))
    for name, text in (files or {}).items():
        (root / name).write_text(text)
    return root
