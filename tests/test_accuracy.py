"""Regression gates on the stranger-written question sets (see tests/data/questions/).

dev*.yaml were used for tuning; heldout*.yaml never were. Each floor sits one question under the
figure measured when it was set, so a real regression fails while noise-free reruns pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answering.engine import Engine
from bot.knowledge import DEFAULT_KNOWLEDGE_DIR, load_valid_knowledge
from bot.tools.evaluation import Report, evaluate, load_cases

DATA = Path(__file__).parent / "data" / "questions"

# (file, in-scope accuracy floor, out-of-scope abstention floor, follow-up floor, computed floor)
FLOORS = {
    "dev.yaml": (0.97, 0.96, 0.91, 0.89),
    "dev10.yaml": (0.75, 0.82, 1.0, 0.77),
    "dev11.yaml": (0.96, 0.72, 1.0, 1.0),
    "dev12.yaml": (0.88, 0.62, 0.84, 0.84),
    "dev13.yaml": (0.95, 0.97, 0.83, 0.87),
    "dev14.yaml": (0.95, 0.97, 0.95, 0.9),
    "dev15.yaml": (0.94, 0.94, 0.84, 0.92),
    "dev16.yaml": (0.97, 0.95, 0.86, 0.91),
    "dev17.yaml": (0.96, 0.92, 1.0, 1.0),
    "dev18.yaml": (0.91, 0.77, 0.84, 0.89),
    "dev19.yaml": (0.93, 0.98, 0.78, 0.87),
    "dev2.yaml": (0.96, 0.97, 0.85, 0.92),
    "dev20.yaml": (0.92, 0.9, 0.79, 0.82),
    "dev21.yaml": (0.93, 0.96, 0.87, 0.7),
    "dev22.yaml": (0.88, 0.91, 0.79, 0.75),
    "dev23.yaml": (0.97, 0.83, 0.93, 0.8),
    "dev24.yaml": (0.94, 0.93, 0.81, 0.85),
    "dev25.yaml": (0.93, 0.94, 0.87, 0.84),
    "dev3.yaml": (0.94, 0.95, 0.74, 0.86),
    "dev4.yaml": (0.98, 0.95, 1.0, 1.0),
    "dev5.yaml": (0.96, 0.91, 0.92, 0.97),
    "dev6.yaml": (0.93, 0.97, 0.79, 0.92),
    "dev7.yaml": (0.9, 0.92, 0.87, 0.9),
    "dev8.yaml": (0.96, 0.96, 0.91, 0.94),
    "dev9.yaml": (0.82, 0.87, 0.78, 1.0),
    "heldout.yaml": (0.79, 0.94, 0.66, 0.7),
    "heldout10.yaml": (0.84, 0.87, 0.89, 0.77),
    "heldout11.yaml": (0.93, 0.93, 0.92, 0.8),
    "heldout12.yaml": (0.95, 0.94, 0.91, 0.89),
    "heldout13.yaml": (0.94, 0.92, 0.92, 0.94),
    "heldout14.yaml": (0.89, 0.92, 0.84, 0.87),
    "heldout15.yaml": (0.93, 0.91, 0.84, 0.9),
    "heldout16.yaml": (0.92, 0.95, 0.88, 0.88),
    "heldout17.yaml": (0.93, 0.94, 0.88, 0.87),
    "heldout18.yaml": (0.91, 0.9, 0.88, 0.87),
    "heldout19.yaml": (0.91, 0.93, 0.87, 0.92),
    "heldout2.yaml": (0.94, 0.95, 0.93, 0.9),
    "heldout3.yaml": (0.92, 0.95, 0.79, 0.72),
    "heldout4.yaml": (0.92, 0.92, 0.89, 0.86),
    "heldout5.yaml": (0.91, 0.94, 0.84, 0.85),
    "heldout6.yaml": (0.92, 0.93, 0.86, 0.8),
    "heldout7.yaml": (0.8, 0.49, 0.79, 0.72),
    "heldout8.yaml": (0.88, 0.94, 0.82, 0.93),
    "heldout9.yaml": (0.92, 0.94, 0.82, 0.9),
}


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(load_valid_knowledge(DEFAULT_KNOWLEDGE_DIR))


def _report(engine: Engine, name: str) -> Report:
    report, _ = evaluate(engine, load_cases(DATA / name))
    return report


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_accuracy_does_not_regress(engine: Engine, name: str) -> None:
    in_scope, out_of_scope, follow_up, computed = FLOORS[name]
    report = _report(engine, name)
    assert report.total >= 80  # enough questions for a floor to mean something
    assert report.quotes_verbatim
    assert report.in_scope_accuracy >= in_scope, report.failures
    assert report.out_of_scope_rate >= out_of_scope, report.failures
    assert report.kind_accuracy("followup") >= follow_up
    assert report.kind_accuracy("computed") >= computed


def test_question_sets_are_large_and_keep_a_held_out_part() -> None:
    sizes = {path.name: len(load_cases(path)) for path in DATA.glob("*.yaml")}
    assert set(sizes) == set(FLOORS)
    assert sum(sizes.values()) >= 250
    held_out = sum(n for name, n in sizes.items() if name.startswith("heldout"))
    assert held_out >= 0.3 * sum(sizes.values())
