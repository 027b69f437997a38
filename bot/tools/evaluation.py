"""`factbot eval FILE`: run a labelled question file and report what went right and wrong."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

import yaml

from bot.answering.engine import Engine
from bot.cli import add_knowledge_arg, knowledge_dir
from bot.knowledge.validate import flatten_text
from bot.tools.loading import load_engine


@dataclass(frozen=True)
class Case:
    question: str
    expect: str  # "answer" or "abstain"
    must_contain: tuple[str, ...] = ()
    country: str = "none"
    topic: str = "none"
    kind: str = "paraphrase"
    conversation: str | None = None


@dataclass
class Result:
    case: Case
    answered: bool
    correct: bool
    answer: str
    fact_ids: list[str]
    confidence: float


@dataclass
class Report:
    total: int = 0
    in_scope: int = 0
    in_scope_correct: int = 0
    out_of_scope: int = 0
    out_of_scope_abstained: int = 0
    abstain_precision: float = 0.0
    abstain_recall: float = 0.0
    quotes_verbatim: bool = True
    by_kind: dict[str, list[int]] = field(default_factory=dict)
    by_topic: dict[str, list[int]] = field(default_factory=dict)
    by_country: dict[str, list[int]] = field(default_factory=dict)
    confusions: list[tuple[str, int]] = field(default_factory=list)
    failures: list[dict[str, Any]] = field(default_factory=list)

    @property
    def in_scope_accuracy(self) -> float:
        return self.in_scope_correct / self.in_scope if self.in_scope else 1.0

    @property
    def out_of_scope_rate(self) -> float:
        return self.out_of_scope_abstained / self.out_of_scope if self.out_of_scope else 1.0

    def kind_accuracy(self, kind: str) -> float:
        right, total = self.by_kind.get(kind, [0, 0])
        return right / total if total else 1.0


def _case(raw: dict[str, Any], conversation: str | None = None) -> Case:
    return Case(
        question=str(raw["q"]),
        expect=str(raw.get("expect", "answer")),
        must_contain=tuple(str(t) for t in raw.get("must_contain") or ()),
        country=str(raw.get("country", "none")),
        topic=str(raw.get("topic", "none")),
        kind=str(raw.get("kind", "paraphrase")),
        conversation=conversation,
    )


def load_cases(path: Path) -> list[Case]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    cases = [_case(raw) for raw in data.get("questions", [])]
    for conversation in data.get("conversations", []):
        cid = f"{path.stem}:{conversation['id']}"
        cases.extend(_case(turn, cid) for turn in conversation["turns"])
    return cases


def _squash(text: str) -> str:
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text.lower())
    return " ".join(text.replace("’", "'").split())


def is_correct(case: Case, answered: bool, text: str) -> bool:
    if case.expect == "abstain":
        return not answered
    return answered and all(_squash(token) in _squash(text) for token in case.must_contain)


def evaluate(engine: Engine, cases: list[Case]) -> tuple[Report, list[Result]]:
    results = []
    article = flatten_text(engine.knowledge.article)
    report = Report()
    for case in cases:
        answer = engine.ask(case.question, case.conversation)
        correct = is_correct(case, answer.answered, answer.text)
        if any(flatten_text(s.quote) not in article for s in answer.sources):
            report.quotes_verbatim = False
        results.append(
            Result(
                case,
                answer.answered,
                correct,
                answer.text,
                list(answer.fact_ids),
                answer.confidence,
            )
        )
    _summarise(report, results, engine)
    return report, results


def _summarise(report: Report, results: list[Result], engine: Engine) -> None:
    by_id = engine.knowledge.by_id()
    tallies: dict[str, dict[str, list[int]]] = {"kind": {}, "topic": {}, "country": {}}
    confusions: Counter[str] = Counter()
    predicted_abstain = right_abstain = 0
    for result in results:
        case = result.case
        report.total += 1
        if case.expect == "answer":
            report.in_scope += 1
            report.in_scope_correct += result.correct
        else:
            report.out_of_scope += 1
            report.out_of_scope_abstained += result.correct
        if not result.answered:
            predicted_abstain += 1
            right_abstain += case.expect == "abstain"
        for axis, key in (("kind", case.kind), ("topic", case.topic), ("country", case.country)):
            tally = tallies[axis].setdefault(key, [0, 0])
            tally[0] += result.correct
            tally[1] += 1
        if not result.correct:
            got = (
                by_id[result.fact_ids[0]].topic
                if result.fact_ids and result.fact_ids[0] in by_id
                else ("(answered)" if result.answered else "(no answer)")
            )
            confusions[f"{case.topic} -> {got}"] += 1
            report.failures.append(
                {
                    "question": case.question,
                    "expect": case.expect,
                    "must_contain": list(case.must_contain),
                    "kind": case.kind,
                    "answered": result.answered,
                    "answer": result.answer[:200],
                    "fact_ids": result.fact_ids,
                    "confidence": round(result.confidence, 3),
                }
            )
    report.by_kind, report.by_topic, report.by_country = (
        tallies["kind"],
        tallies["topic"],
        tallies["country"],
    )
    report.abstain_precision = right_abstain / predicted_abstain if predicted_abstain else 1.0
    report.abstain_recall = report.out_of_scope_rate
    report.confusions = confusions.most_common(10)


def _pct(right: int, total: int) -> str:
    return f"{right}/{total} ({100 * right / total:.1f}%)" if total else "-"


def print_report(report: Report, out: TextIO) -> None:
    print(f"Questions: {report.total}", file=out)
    print(
        f"In scope answered correctly: {_pct(report.in_scope_correct, report.in_scope)}", file=out
    )
    print(
        f"Out of scope not answered:   {_pct(report.out_of_scope_abstained, report.out_of_scope)}",
        file=out,
    )
    print(
        f"Abstention precision {report.abstain_precision:.3f}, recall {report.abstain_recall:.3f}",
        file=out,
    )
    print(f"Every cited quote verbatim in the article: {report.quotes_verbatim}", file=out)
    for axis, table in (
        ("kind", report.by_kind),
        ("topic", report.by_topic),
        ("country", report.by_country),
    ):
        print(f"\nBy {axis}:", file=out)
        for key, (right, total) in sorted(table.items()):
            print(f"  {key:22} {_pct(right, total)}", file=out)
    if report.confusions:
        print("\nMost frequent confusions (expected topic -> answered topic):", file=out)
        for pair, count in report.confusions:
            print(f"  {count:3}  {pair}", file=out)
    if report.failures:
        print(f"\nFailures ({len(report.failures)}):", file=out)
        for failure in report.failures:
            wanted = failure["expect"] + (
                f" {failure['must_contain']}" if failure["must_contain"] else ""
            )
            print(
                f"  - [{failure['kind']}] {failure['question']!r} wanted {wanted}; got "
                f"{'answer' if failure['answered'] else 'no answer'} {failure['fact_ids']} "
                f"({failure['confidence']}): {failure['answer'][:90]!r}",
                file=out,
            )


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, help="labelled question files (YAML)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    add_knowledge_arg(parser)


def run(args: argparse.Namespace) -> int:
    engine = load_engine(knowledge_dir(args.knowledge), sys.stderr)
    if engine is None:
        return 1
    cases: list[Case] = []
    for path in args.files:
        try:
            cases.extend(load_cases(path))
        except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
            print(f"factbot eval: cannot read {path}: {exc}", file=sys.stderr)
            return 2
    report, _ = evaluate(engine, cases)
    if args.json:
        data = asdict(report) | {
            "in_scope_accuracy": report.in_scope_accuracy,
            "out_of_scope_rate": report.out_of_scope_rate,
        }
        print(json.dumps(data, indent=2))
    else:
        print_report(report, sys.stdout)
    return 0
