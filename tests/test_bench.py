"""`factbot bench` machinery on tiny inputs: report structure and sanity, never timing limits."""

from __future__ import annotations

import argparse
import json
import random
from io import StringIO
from pathlib import Path
from typing import Any

import pytest

from bot.answering.index import FactIndex
from bot.cli import main
from bot.knowledge import DEFAULT_KNOWLEDGE_DIR, load_knowledge
from bot.knowledge.loader import KnowledgeBase
from bot.tools import bench
from bot.tools.bench import measure, probes, runner, synthetic
from bot.tools.bench.report import print_report
from bot.understanding.parse import Understander

SYNTHETIC = 200


@pytest.fixture(scope="module")
def template() -> KnowledgeBase:
    base, _ = load_knowledge(DEFAULT_KNOWLEDGE_DIR)
    assert base is not None
    return base


@pytest.fixture(scope="module")
def generator(template: KnowledgeBase) -> synthetic.SyntheticFacts:
    return synthetic.SyntheticFacts(template, 7)


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    options = runner.BenchOptions(
        knowledge=DEFAULT_KNOWLEDGE_DIR, synthetic=[SYNTHETIC], repetitions=2, seconds=0.02
    )
    return runner.run_bench(options)


def _check_latency(stats: dict[str, Any], questions: int) -> None:
    assert stats["questions"] == questions
    assert stats["rounds"] >= 1
    assert 1 <= stats["repetitions"] <= 2
    assert len(stats["p50_by_repetition"]) == stats["repetitions"]
    assert 0 < stats["p50_ms"] <= stats["p95_ms"] <= stats["p99_ms"] <= stats["max_ms"]
    assert stats["questions_per_s"] > 0
    assert stats["spread"] >= 0
    assert all(v > 0 for v in stats["p50_by_kind"].values())


def test_report_has_the_article_base_then_each_synthetic_size(
    report: dict[str, Any], template: KnowledgeBase
) -> None:
    article, synthetic = report["sizes"]
    assert article["name"] == "article"
    assert article["facts"] == len(template.facts)
    assert synthetic["name"] == "synthetic"
    assert synthetic["facts"] == len(template.facts) + SYNTHETIC
    assert synthetic["questions_indexed"] > article["questions_indexed"]
    assert report["settings"]["repetitions"] == 2
    assert len(report["growth"]) == 1
    growth = report["growth"][0]
    assert growth["facts_ratio"] == pytest.approx(synthetic["facts"] / article["facts"])


def test_latency_and_startup_figures_are_sane(report: dict[str, Any]) -> None:
    article, synthetic = report["sizes"]
    base_questions = len(probes.base_probes()) + probes.FRESH_TYPOS
    _check_latency(article["engine"], base_questions)
    _check_latency(article["baseline"], base_questions)
    _check_latency(synthetic["engine"], base_questions + probes.SYNTHETIC_PROBES)
    _check_latency(synthetic["baseline"], base_questions + probes.SYNTHETIC_PROBES)
    assert {"in_scope", "out_of_scope", "typo", "follow_up"} <= set(
        article["engine"]["p50_by_kind"]
    )
    assert {"synthetic", "synthetic_typo"} <= set(synthetic["engine"]["p50_by_kind"])
    startup = article["startup"]
    assert startup["load_ms"] > 0 and startup["validate_ms"] > 0 and startup["index_ms"] > 0
    assert startup["startup_ms"] == pytest.approx(
        startup["load_ms"] + startup["validate_ms"] + startup["index_ms"], rel=0.5
    )
    assert 1 <= startup["builds"] <= 2
    assert synthetic["startup"]["load_ms"] is None
    assert synthetic["startup"]["index_ms"] > 0
    assert synthetic["generate_ms"] > 0
    for size in (article, synthetic):
        assert size["peak_rss_mb"] > 0
        assert size["ratio_p50"] == pytest.approx(
            size["engine"]["p50_ms"] / size["baseline"]["p50_ms"]
        )


def test_synthetic_checks_count_their_probes(report: dict[str, Any]) -> None:
    article, synthetic = report["sizes"]
    assert article["synthetic_hits"] is None
    assert article["prefilter_agreement"] is None
    hit, total = synthetic["synthetic_hits"]
    assert total == probes.SYNTHETIC_PROBES
    assert 0 <= hit <= total
    same, standalone = synthetic["prefilter_agreement"]
    assert 0 <= same <= standalone
    assert standalone == sum(p.chain is None for p in probes.base_probes()) + total


def test_report_is_json_and_prints_for_people(report: dict[str, Any]) -> None:
    assert json.loads(json.dumps(report)) == report
    out = StringIO()
    print_report(report, out)
    text = out.getvalue()
    assert "Article base" in text
    assert f"+{SYNTHETIC:,} generated" in text
    assert "engine/naive p50" in text
    assert "peak RSS" in text


def test_command_line_json(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["bench", "--json", "--repetitions", "1", "--seconds", "0.01", "--no-baseline"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    (size,) = data["sizes"]
    assert size["baseline"] is None and size["ratio_p50"] is None
    assert size["engine"]["p50_ms"] > 0


def test_sizes_accept_lists_and_repeats() -> None:
    assert bench._sizes("1000,10k") == [1000, 10_000]
    assert bench._sizes("100_000") == [100_000]
    with pytest.raises(argparse.ArgumentTypeError):
        bench._sizes("lots")
    with pytest.raises(argparse.ArgumentTypeError):
        bench._sizes("0")


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert measure.percentile(values, 50) == 50
    assert measure.percentile(values, 95) == 95
    assert measure.percentile(values, 99) == 99
    assert measure.percentile([3.0], 99) == 3.0
    assert measure.percentile([], 50) == 0.0


def test_synthetic_bases_are_deterministic_and_nested(
    template: KnowledgeBase, generator: synthetic.SyntheticFacts
) -> None:
    small = generator.base(30)
    large = generator.base(60)
    other = synthetic.SyntheticFacts(template, 8).base(30)
    assert len(small.facts) == len(template.facts) + 30
    assert [f.id for f in small.facts] == [f.id for f in large.facts[: len(small.facts)]]
    assert [f.question for f in small.facts] == [f.question for f in large.facts[:-30]]
    assert [f.question for f in small.facts] != [f.question for f in other.facts]
    generated = large.facts[len(template.facts) :]
    assert all(f.key_value in f.answer for f in generated)
    assert len({f.topic for f in generated}) > 5
    assert len({f.countries for f in generated}) > 5
    assert len({len(f.all_questions) for f in generated}) > 2


def test_misspelling_changes_a_long_word_but_not_its_first_letter() -> None:
    rng = random.Random(1)
    text = "When did Israel establish diplomatic relations with Kazakhstan"
    for _ in range(20):
        typo = probes._misspell(text, rng)
        assert typo != text
        assert [w[0] for w in typo.split()] == [w[0] for w in text.split()]


def test_candidates_on_a_large_base_are_bounded_and_in_scope(
    generator: synthetic.SyntheticFacts,
) -> None:
    base = generator.base(800)
    index = FactIndex(base, Understander(base))
    index.max_candidates = 50
    uzbek = set(index.by_country["uzbekistan"].tolist())
    postings = {t: set(index.postings(t).tolist()) for t in index.terms}
    common = sorted(postings, key=lambda t: -len(postings[t]))
    rarest = min(postings, key=lambda t: len(postings[t]))
    assert len(postings[common[0]] & uzbek) > 50  # so the limit does cut
    assert len(index.candidates(("uzbekistan",), (common[0],))) == 50
    for terms in ((common[0],), (common[1], common[5], rarest), ("embassy", "zzzunknown"), ()):
        sharing = {p for t in terms for p in postings.get(t, set())}
        rare = {p for t in terms if len(postings.get(t, ())) <= 30 for p in postings.get(t, ())}
        found = index.candidates(("uzbekistan",), terms)
        assert found == sorted(found)
        assert set(found) <= uzbek & sharing
        assert len(found) <= 50 + len(rare)
        assert rare & uzbek <= set(found)
        assert bool(found) == bool(sharing & uzbek)
        anywhere = index.candidates((), terms)
        assert set(anywhere) <= sharing
        assert len(anywhere) <= 50 + len(rare)
        assert rare <= set(anywhere)
        # Kept are the facts sharing the most term weight, weighed as the scorer weighs terms.
        chosen = set(found) - rare
        if chosen:
            cut = min(_shared_weight(index, p, terms) for p in chosen)
            better = {p for p in uzbek & sharing if _shared_weight(index, p, terms) > cut + 1e-3}
            assert better <= set(found)


def _shared_weight(index: FactIndex, position: int, terms: tuple[str, ...]) -> float:
    item = index.items[position]
    return sum(
        index.weight(t) * (1.0 if t in item.ask_terms else 0.6 if t in item.body_terms else 0.0)
        for t in terms
    )


def test_candidates_on_the_article_base_are_every_fact_in_scope(template: KnowledgeBase) -> None:
    index = FactIndex(template, Understander(template))
    for country in ("kazakhstan", "tajikistan"):
        assert index.candidates((country,), ("embassy",)) == index.by_country[country].tolist()
    terms = ("embassy", "relat")
    expected = {p for t in terms for p in index.postings(t).tolist()}
    expected |= set(index.by_country["region"].tolist())
    assert index.candidates((), terms) == sorted(expected)


def test_synthetic_facts_written_as_yaml_load_back_without_problems(
    tmp_path: Path, template: KnowledgeBase, generator: synthetic.SyntheticFacts
) -> None:
    base = generator.base(40)
    root = synthetic.write_knowledge(base, DEFAULT_KNOWLEDGE_DIR, tmp_path)
    loaded, problems = load_knowledge(root)
    assert loaded is not None
    assert not [p for p in problems if p.path.name.startswith("synthetic-")]
    generated = [f for f in loaded.facts if f.id.startswith("synthetic-")]
    assert generated == base.facts[len(template.facts) :]
    load_ms, validate_ms, index_ms, engine = measure.build_synthetic_from_files(root)
    assert load_ms > 0 and validate_ms is None and index_ms > 0
    assert len(engine.knowledge.facts) == len(loaded.facts)
