"""The loader and `factbot check`: each failure names file, line and fact, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.knowledge import DEFAULT_KNOWLEDGE_DIR, check_knowledge, load_knowledge
from bot.knowledge.schema import FactDate, Precision
from bot.knowledge.validate import article_numerals, flatten_text
from tests.helpers import GOOD_FACT, make_knowledge


def problems_for(root: Path) -> list[str]:
    base, problems = load_knowledge(root)
    if base is not None:
        problems = problems + check_knowledge(base).problems
    return [str(p) for p in problems]


def test_good_fact_loads_without_problems(tmp_path: Path) -> None:
    root = make_knowledge(tmp_path, GOOD_FACT)
    assert problems_for(root) == []


@pytest.mark.parametrize(
    ("edit", "expected_line", "fragment"),
    [
        (("topic: diplomatic_relations", "topic: gossip"), 2, "unknown topic 'gossip'"),
        (("countries: [uzbekistan]", "countries: [mongolia]"), 3, "unknown country"),
        (('date: "1992-02-21"', 'date: "1992-02-31"'), 10, "day is out of range"),
        (('date: "1992-02-21"', 'date: "Feb 1992"'), 10, "not YYYY, YYYY-MM or YYYY-MM-DD"),
        (("key_value: February 21, 1992", "key_value: March 1993"), 2, "answer must contain"),
        (
            ("doing so on February 21, 1992.", "doing so on February 22, 1992."),
            2,
            "quote not found verbatim",
        ),
        (("section: Uzbekistan", "section: Kazakhstan"), 2, "under 'Kazakhstan'"),
        (("keywords: [relations]", "keywords: {a: 1}"), 7, "keywords"),
        (("    answer: Israel", "    answers: Israel"), 8, "answers"),
    ],
)
def test_each_broken_fact_is_reported_with_file_line_and_id(
    tmp_path: Path, edit: tuple[str, str], expected_line: int, fragment: str
) -> None:
    broken = GOOD_FACT.replace(*edit)
    assert broken != GOOD_FACT
    root = make_knowledge(tmp_path, broken)
    problems = problems_for(root)
    assert problems, "the broken fact was accepted"
    expected_location = f"test.yaml:{expected_line}"
    matching = [p for p in problems if fragment in p]
    assert matching, problems
    assert any(expected_location in p and "[test-uzbekistan-relations]" in p for p in matching), (
        matching
    )


def test_a_figure_for_an_unknown_country_is_reported(tmp_path: Path) -> None:
    with_figure = GOOD_FACT.replace(
        '    date: "1992-02-21"\n',
        '    date: "1992-02-21"\n    figures:\n      - {measure: trade, value: 1, unit: USD, '
        'label: "1", country: mongolia}\n',
    )
    assert with_figure != GOOD_FACT
    problems = problems_for(make_knowledge(tmp_path, with_figure))
    assert any("unknown country 'mongolia'" in p and "test.yaml:" in p for p in problems), problems


def test_duplicate_ids_and_near_duplicate_questions(tmp_path: Path) -> None:
    root = make_knowledge(tmp_path, GOOD_FACT + GOOD_FACT)
    problems = problems_for(root)
    assert any("duplicate id" in p for p in problems)
    assert any("nearly duplicates" in p for p in problems)


def test_related_facts_may_share_a_question(tmp_path: Path) -> None:
    second = GOOD_FACT.replace("test-uzbekistan-relations", "test-other").replace(
        "keywords: [relations]", "keywords: [relations]\n    related: [test-uzbekistan-relations]"
    )
    root = make_knowledge(tmp_path, GOOD_FACT + second)
    assert not any("nearly duplicates" in p for p in problems_for(root))


def test_a_yes_no_alternative_asked_the_other_way_round_is_reported(tmp_path: Path) -> None:
    fact = (
        GOOD_FACT.replace(
            "question: When did Israel and Uzbekistan establish diplomatic relations?",
            "question: Did Israel and Uzbekistan establish diplomatic relations in 1992?",
        )
        .replace(
            "alternatives: [When were Israel-Uzbekistan ties formed?]",
            "alternatives: [Did Israel and Uzbekistan fail to set up ties in 1992?]",
        )
        .replace(
            "answer: Israel and Uzbekistan established",
            "answer: Yes. Israel and Uzbekistan established",
        )
    )
    problems = problems_for(make_knowledge(tmp_path, fact))
    assert any("asks the other way round" in p and "test.yaml:" in p for p in problems), problems


def test_a_verdict_the_answers_cannot_drop_is_reported(tmp_path: Path) -> None:
    fact = GOOD_FACT.replace(
        "answer: Israel and Uzbekistan established",
        "answer: Yes, indeed Israel and Uzbekistan established",
    )
    assert fact != GOOD_FACT
    problems = problems_for(make_knowledge(tmp_path, fact))
    assert any("opens with a verdict" in p and "test.yaml:" in p for p in problems), problems


def test_unknown_related_id(tmp_path: Path) -> None:
    fact = GOOD_FACT.replace("keywords: [relations]", "keywords: [relations]\n    related: [nope]")
    assert any(
        "related id 'nope' does not exist" in p
        for p in problems_for(make_knowledge(tmp_path, fact))
    )


def test_unknown_overview_fact_is_reported_against_the_document(tmp_path: Path) -> None:
    document = (DEFAULT_KNOWLEDGE_DIR / "document.yaml").read_text()
    root = make_knowledge(tmp_path, GOOD_FACT, files={"document.yaml": document})
    problems = problems_for(root)
    assert any(
        "document.yaml" in p and "overview_facts: fact id 'region-stans-list' does not exist" in p
        for p in problems
    ), problems


def test_a_foreign_place_the_article_names_is_reported(tmp_path: Path) -> None:
    lexicon = (DEFAULT_KNOWLEDGE_DIR / "lexicon.yaml").read_text()
    assert "foreign_places: [new york," in lexicon
    naming = lexicon.replace("foreign_places: [new york,", "foreign_places: [tashkent, new york,")
    root = make_knowledge(tmp_path, GOOD_FACT, files={"lexicon.yaml": naming})
    problems = problems_for(root)
    assert any("foreign_places: 'tashkent' is in the article" in p for p in problems), problems


def test_synonyms_of_two_groups_stemming_alike_are_reported_with_their_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lexicon = (DEFAULT_KNOWLEDGE_DIR / "lexicon.yaml").read_text()
    assert "  - [year, years, yrs, yr]\n" in lexicon
    clashing = lexicon.replace("synonyms:\n", "synonyms:\n  - [annually, yearly]\n", 1)
    root = make_knowledge(tmp_path, GOOD_FACT, files={"lexicon.yaml": clashing})
    assert main(["check", "--knowledge", str(root)]) == 1
    err = capsys.readouterr().err
    line = clashing.splitlines().index("  - [year, years, yrs, yr]") + 1
    assert f"lexicon.yaml:{line}: synonyms: 'year' stems like 'yearly'" in err


def test_yaml_syntax_error_gives_line_not_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_knowledge(tmp_path, GOOD_FACT + "  - id: [unclosed\n")
    assert main(["check", "--knowledge", str(root)]) == 1
    err = capsys.readouterr().err
    assert "test.yaml:" in err and "YAML syntax error" in err
    assert "Traceback" not in err


def test_missing_article_and_missing_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_knowledge(tmp_path, GOOD_FACT)
    (root / "sources" / "israel-central-asia.txt").unlink()
    assert main(["check", "--knowledge", str(root)]) == 1
    assert "cannot read the article" in capsys.readouterr().err
    assert main(["check", "--knowledge", str(tmp_path / "nowhere")]) == 1
    assert "knowledge folder not found" in capsys.readouterr().err


def test_fact_file_without_facts_list(tmp_path: Path) -> None:
    root = make_knowledge(tmp_path, files={"facts/bad.yaml": "- just a list\n"})
    assert any("expected a mapping with a 'facts:' list" in p for p in problems_for(root))


def test_dates_keep_their_precision() -> None:
    assert FactDate.parse("1992").precision is Precision.YEAR
    assert FactDate.parse("1992-04").human() == "April 1992"
    assert FactDate.parse("1992-02-21").human() == "February 21, 1992"


def test_shipped_source_is_byte_identical_to_the_shared_article() -> None:
    shared = Path(__file__).resolve().parents[2] / "shared" / "sources" / "israel-central-asia.txt"
    if not shared.exists():
        pytest.skip("shared/ is not beside this checkout")
    shipped = DEFAULT_KNOWLEDGE_DIR / "sources" / "israel-central-asia.txt"
    assert shipped.read_bytes() == shared.read_bytes()


def test_shipped_base_passes_check_with_full_coverage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    base, problems = load_knowledge(DEFAULT_KNOWLEDGE_DIR)
    assert base is not None and not problems
    report = check_knowledge(base)
    assert f"quotes verified: {report.facts}/{report.facts}" in out
    assert report.facts >= 100


def test_every_article_numeral_and_person_is_covered_or_excluded() -> None:
    base, _ = load_knowledge(DEFAULT_KNOWLEDGE_DIR)
    assert base is not None
    quotes = " | ".join(flatten_text(f.source.quote) for f in base.facts)
    excluded = {e.text for e in base.exclusions}
    numerals = article_numerals(base.article)
    assert len(numerals) > 40
    missing = [n for n in numerals if n not in excluded and n not in quotes]
    assert missing == []
    people = [p.name for p in base.lexicon.people if p.name in flatten_text(base.article)]
    assert len(people) >= 20
    assert [p for p in people if p not in quotes and p not in excluded] == []
