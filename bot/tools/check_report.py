"""`factbot check`: validate the knowledge folder and print a summary people act on."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TextIO

from bot.cli import add_knowledge_arg, knowledge_dir
from bot.knowledge import Problem, check_knowledge, load_knowledge
from bot.understanding.terms import colliding_synonyms


def configure(parser: argparse.ArgumentParser) -> None:
    add_knowledge_arg(parser)


def run(args: argparse.Namespace) -> int:
    return run_check(knowledge_dir(args.knowledge), sys.stdout, sys.stderr)


def run_check(root: Path, out: TextIO, err: TextIO) -> int:
    base, problems = load_knowledge(root)
    if base is None:
        for problem in problems:
            print(f"error: {problem}", file=err)
        print(f"factbot check: the knowledge base in {root} cannot be loaded", file=err)
        return 1
    report = check_knowledge(base)
    problems = problems + report.problems + report.coverage_problems
    problems += _synonym_problems(root / "lexicon.yaml", base.lexicon.synonyms)
    for problem in problems:
        print(f"error: {problem}", file=err)

    print(f"Knowledge base: {root}", file=out)
    print(f"  document: {base.document.title} ({base.document.id})", file=out)
    print(f"  facts: {report.facts}", file=out)
    per_country = ", ".join(f"{name} {count}" for name, count in sorted(report.by_country.items()))
    print(f"  facts per country: {per_country}", file=out)
    per_topic = ", ".join(f"{name} {count}" for name, count in sorted(report.by_topic.items()))
    print(f"  facts per topic: {per_topic}", file=out)
    print(f"  quotes verified: {report.quotes_verified}/{report.facts}", file=out)
    covered = len(report.numerals) - len(report.numerals_uncovered)
    print(f"  article numerals covered: {covered}/{len(report.numerals)}", file=out)
    people_covered = len(report.people) - len(report.people_uncovered)
    print(f"  article people covered: {people_covered}/{len(report.people)}", file=out)
    if problems:
        print(f"factbot check: {len(problems)} problem(s) found", file=err)
        return 1
    print("OK", file=out)
    return 0


def _synonym_problems(path: Path, groups: tuple[tuple[str, ...], ...]) -> list[Problem]:
    lines = path.read_text(encoding="utf-8").splitlines()
    problems = []
    for earlier, later in colliding_synonyms(groups):
        listed = re.compile(rf"[\[ ]{re.escape(later)}[,\]]")
        line = next((n for n, text in enumerate(lines, 1) if listed.search(text)), None)
        message = (
            f"synonyms: {later!r} stems like {earlier!r} of another group, so every word of that "
            "stem would fold onto one group; drop one of them"
        )
        problems.append(Problem(path, line, None, message))
    return problems
