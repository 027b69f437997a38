"""`factbot ask` and `factbot chat`: the engine from a terminal."""

from __future__ import annotations

import argparse
import contextlib
import json
import sqlite3
import sys
import uuid
from typing import TextIO

from bot.answering.answer import Answer, Outcome
from bot.answering.engine import Engine
from bot.cli import add_knowledge_arg, knowledge_dir
from bot.tools.loading import load_engine


def configure_ask(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("question", nargs="?", help="the question; omit with --json to read stdin")
    parser.add_argument("--json", action="store_true", help="print one JSON object per answer")
    parser.add_argument("--explain", action="store_true", help="also show the scored candidates")
    add_knowledge_arg(parser)


def configure_chat(parser: argparse.ArgumentParser) -> None:
    add_knowledge_arg(parser)


def format_human(answer: Answer, explain: bool = False) -> str:
    lines = [answer.text]
    for number, suggestion in enumerate(answer.suggestions, 1):
        lines.append(f"  {number}. {suggestion}")
    for source in answer.sources:
        lines.append(f'  Source: "{source.quote}"')
        lines.append(
            f'          {source.credit()}; {source.document_title}, section "{source.section}"'
        )
    if answer.outcome is Outcome.ANSWERED:
        lines.append(f"  (confidence {answer.confidence:.2f})")
    if explain:
        lines.append("  Candidates:")
        lines.extend(f"    {c.score:.3f}  {c.fact_id}  {c.question}" for c in answer.candidates)
    return "\n".join(lines)


def _invalid(question: str, reason: str) -> dict[str, object]:
    return Answer(question, Outcome.ABSTAIN, reason, 0.0).to_json()


def answer_stream(engine: Engine, lines: TextIO, out: TextIO) -> None:
    """One JSON object per input line, written and flushed as soon as the line arrives."""
    for raw in iter(lines.readline, ""):
        line = raw.strip()
        conversation: str | None = None
        if not line:
            result = _invalid("", "Empty line: ask a question.")
        elif line.startswith("{"):
            try:
                data = json.loads(line)
            except json.JSONDecodeError:
                data = None
            if not isinstance(data, dict) or not isinstance(data.get("question"), str):
                result = _invalid(
                    line, 'Invalid line: expected {"question": "...", "conversation": "ID"}.'
                )
            else:
                raw_id = data.get("conversation")
                conversation = str(raw_id) if raw_id is not None else None
                result = engine.ask(data["question"], conversation).to_json()
        else:
            result = engine.ask(line).to_json()
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()


def _record_gap(answer: Answer) -> None:
    """Unanswered questions go to the gap log (`factbot gaps`) unless it is turned off."""
    from bot.gaps import open_gap_log
    from bot.settings import SettingsError, load_settings

    try:
        settings = load_settings()
        log = open_gap_log(settings.gaps_db, settings.log_unanswered)
        if log is not None:
            log.record(answer)
    except (SettingsError, OSError, sqlite3.Error):
        pass  # the answer matters more than the statistics; never fail a question over them


def run_ask(args: argparse.Namespace) -> int:
    engine = load_engine(knowledge_dir(args.knowledge), sys.stderr)
    if engine is None:
        return 1
    if args.question is None:
        if not args.json:
            print(
                "factbot ask: give a QUESTION, or use --json to read questions from stdin",
                file=sys.stderr,
            )
            return 2
        answer_stream(engine, sys.stdin, sys.stdout)
        return 0
    answer = engine.ask(args.question)
    _record_gap(answer)
    if args.json:
        result = answer.to_json()
        if args.explain:
            result["candidates"] = [vars(c) for c in answer.candidates]
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(format_human(answer, args.explain))
    return 0


def run_chat(args: argparse.Namespace) -> int:
    engine = load_engine(knowledge_dir(args.knowledge), sys.stderr)
    if engine is None:
        return 1
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401  (imported for its side effect: line editing and history)
    conversation = f"chat-{uuid.uuid4()}"
    print(f"Ask about {engine.knowledge.document.title}. Empty line or Ctrl-D to quit.")
    while True:
        try:
            question = input("you> ").strip()
        except EOFError:
            print()
            return 0
        if not question:
            return 0
        answer = engine.ask(question, conversation)
        print(format_human(answer))
