"""Checks across facts and against the article: what `factbot check` enforces."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from bot.knowledge.loader import KnowledgeBase, LocatedFact, Problem
from bot.knowledge.schema import COUNTRIES, REGION, VERDICT, Fact

INTRODUCTION = "Introduction"
NEAR_DUPLICATE_QUESTION = 92.0  # token_sort_ratio of two canonical questions
NEAR_DUPLICATE_BLOCK = 2000  # questions compared at a time (a block-by-window score matrix)

_TYPOGRAPHY = str.maketrans(
    {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."}
)
_NUMERAL = re.compile(r"\d[\d,]*(?:\.\d+)?")


_VERDICT = re.compile(r"^(Yes|No)\b")
_YES_NO = re.compile(r"^(is|are|was|were|did|does|do|has|have|had|can|could|will|would)\b", re.I)
# Words that turn a yes/no question round: "did they stop", "was it not".
_POLARITY = re.compile(
    r"\b(stop|stopped|cease|ceased|halt|halted|suspend|suspended|not|never|no longer|didn't"
    r"|didnt|isn't|isnt|wasn't|wasnt|doesn't|doesnt|without|fail|failed|lack)\b",
    re.I,
)


@lru_cache(maxsize=4096)  # the article is flattened for every fact that names a person
def flatten_text(text: str) -> str:
    """Collapse whitespace and typographic quotes/dashes, so quotes compare fairly."""
    return " ".join(text.translate(_TYPOGRAPHY).split())


def section_headings(article: str) -> list[str]:
    """Headings are the article's short lines that are not sentences."""
    return [
        line.strip()
        for line in article.splitlines()
        if 0 < len(line.strip()) < 45 and line.strip()[-1] not in '.:"”’?!' and line[0].isupper()
    ]


def split_sections(article: str) -> dict[str, str]:
    """Map each section heading (and "Introduction") to its flattened text."""
    headings = set(section_headings(article))
    sections: dict[str, list[str]] = {INTRODUCTION: []}
    current = INTRODUCTION
    for line in article.splitlines():
        if line.strip() in headings:
            current = line.strip()
            sections[current] = []
        else:
            sections[current].append(line)
    return {name: flatten_text("\n".join(lines)) for name, lines in sections.items()}


def paragraph_of(article: str, quote: str) -> str | None:
    """The article paragraph(s) containing the quote, for "show source"."""
    paragraphs = [p for p in article.splitlines() if p.strip()]
    flat_quote = flatten_text(quote)
    # Quotes may cross the article's line breaks: widen the window until it fits.
    for width in range(1, 4):
        for start in range(len(paragraphs) - width + 1):
            window = "\n".join(paragraphs[start : start + width])
            if flat_quote in flatten_text(window):
                return window
    return None


def article_numerals(article: str) -> list[str]:
    """Every number the article writes, as written (commas kept), in order, unique."""
    seen: dict[str, None] = {}
    for match in _NUMERAL.finditer(article.translate(_TYPOGRAPHY)):
        seen.setdefault(match.group().rstrip(",."), None)
    return list(seen)


@dataclass
class CheckReport:
    facts: int = 0
    quotes_verified: int = 0
    numerals: list[str] = field(default_factory=list)
    numerals_uncovered: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    people_uncovered: list[str] = field(default_factory=list)
    by_country: Counter[str] = field(default_factory=Counter)
    by_topic: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)
    # Gaps in coverage fail `factbot check` but do not stop a running bot from loading the base.
    coverage_problems: list[Problem] = field(default_factory=list)


def _in_quote(token: str, quote: str) -> bool:
    return re.search(rf"(?<![\d,]){re.escape(token)}(?![\d])", quote) is not None


def check_knowledge(base: KnowledgeBase) -> CheckReport:
    report = CheckReport(facts=len(base.located))
    sections = split_sections(base.article)
    ids = Counter(item.fact.id for item in base.located)
    known_ids = set(ids)
    for item in base.located:
        fact = item.fact
        report.by_topic[fact.topic] += 1
        for country in fact.countries:
            report.by_country[country] += 1
        report.problems.extend(_check_fact(item, base, sections, known_ids))
        if ids[fact.id] > 1:
            report.problems.append(
                _problem(item, f"duplicate id {fact.id!r}: give each fact its own id")
            )
        elif not any(p.fact_id == fact.id and "quote" in p.message for p in report.problems):
            report.quotes_verified += 1
    report.problems.extend(_near_duplicate_questions(base.located))
    for fact_id in base.document.overview_facts:
        if fact_id not in known_ids:
            message = f"overview_facts: fact id {fact_id!r} does not exist"
            report.problems.append(Problem(base.root / "document.yaml", None, None, message))
    flat = flatten_text(base.article).lower()
    for place in base.lexicon.foreign_places:
        if re.search(rf"\b{re.escape(place.lower())}\b", flat):
            message = (
                f"foreign_places: {place!r} is in the article, so questions on it are in scope"
            )
            report.problems.append(Problem(base.root / "lexicon.yaml", None, None, message))
    _coverage(base, report)
    return report


def _problem(item: LocatedFact, message: str) -> Problem:
    return Problem(item.path, item.line, item.fact.id, message)


def _check_fact(
    item: LocatedFact, base: KnowledgeBase, sections: dict[str, str], known_ids: set[str]
) -> list[Problem]:
    fact, problems = item.fact, []
    if fact.topic not in base.topics:
        problems.append(
            _problem(
                item,
                f"unknown topic {fact.topic!r}; add it to topics.yaml or use one of "
                f"{', '.join(sorted(base.topics))}",
            )
        )
    if fact.source.document != base.document.id:
        problems.append(
            _problem(
                item, f"source.document {fact.source.document!r} should be {base.document.id!r}"
            )
        )
    quote = flatten_text(fact.source.quote)
    if fact.source.section not in sections:
        problems.append(
            _problem(
                item,
                f"source.section {fact.source.section!r} is not a heading of the article; "
                f"use one of {', '.join(sections)}",
            )
        )
    elif quote not in sections[fact.source.section]:
        where = "in another section" if quote in flatten_text(base.article) else "in the article"
        problems.append(
            _problem(
                item,
                f"quote not found verbatim {where} under {fact.source.section!r}: "
                "copy it exactly from the article",
            )
        )
    if re.match(r"(Yes|No)\b", fact.answer) and not VERDICT.match(fact.answer):
        message = (
            "answer opens with a verdict the answers cannot drop for a 'what' question: "
            "write 'Yes.', 'Yes:', 'No,' then a capital, or 'No, according to'"
        )
        problems.append(_problem(item, message))
    for other in fact.related:
        if other not in known_ids:
            problems.append(_problem(item, f"related id {other!r} does not exist"))
    for person in fact.people:
        if flatten_text(person.name) not in flatten_text(base.article):
            problems.append(_problem(item, f"person {person.name!r} is not named in the article"))
    if (
        REGION in fact.countries
        and len(fact.countries) > 1
        and set(fact.countries) >= set(COUNTRIES)
    ):
        problems.append(_problem(item, "list 'region' alone rather than all five countries"))
    problems.extend(_problem(item, message) for message in _flipped_questions(fact))
    return problems


def _flipped_questions(fact: Fact) -> list[str]:
    """A fact whose answer opens with "Yes"/"No" answers its own question: a yes/no
    alternative asked the other way round ("did they stop...?" for "did they keep...?")
    would get the wrong verdict."""
    if not _VERDICT.match(fact.answer):
        return []
    flipped = bool(_POLARITY.search(fact.question))
    return [
        f"alternative {question!r} asks the other way round from {fact.question!r}, "
        "so the answer's Yes/No would be wrong for it: reword it or drop it"
        for question in fact.alternatives
        if _YES_NO.match(question) and bool(_POLARITY.search(question)) != flipped
    ]


def _near_duplicate_questions(located: list[LocatedFact]) -> list[Problem]:
    questions = [item.fact.question.lower() for item in located]
    problems = []
    for i, j, score in _similar_pairs(questions, NEAR_DUPLICATE_QUESTION):
        a, b = located[i], located[j]
        if b.fact.id not in a.fact.related and a.fact.id not in b.fact.related:
            problems.append(
                _problem(
                    b,
                    f"question nearly duplicates {a.fact.id!r} ({score:.0f}%): "
                    "reword it, merge the facts, or list each in the other's 'related'",
                )
            )
    return problems


def _similar_pairs(texts: list[str], cutoff: float) -> list[tuple[int, int, float]]:
    """(i, j, score) for i < j whose token_sort_ratio reaches `cutoff`, in order.

    Comparing every text with every other takes an n-by-n matrix (10^10 scores for 100,000
    facts). But the ratio of two texts of lengths la <= lb is at most 200 * la / (la + lb), so
    a text can only reach the cutoff against texts at most `reach` times as long: sorted by
    length, each block of texts is compared with the few that follow it, in memory of
    NEAR_DUPLICATE_BLOCK rows at a time."""
    # The length token_sort_ratio compares: the tokens sorted and joined by single spaces.
    lengths = np.array([len(" ".join(t.split())) for t in texts], dtype=np.int64)
    order = np.argsort(lengths, kind="stable")
    by_length = lengths[order]
    reach = 200 / cutoff - 1
    pairs = []
    for start in range(0, len(texts), NEAR_DUPLICATE_BLOCK):
        rows = order[start : start + NEAR_DUPLICATE_BLOCK]
        longest = by_length[start + len(rows) - 1]
        stop = int(np.searchsorted(by_length, longest * reach + 1, side="right"))
        columns = order[start:stop]
        scores = process.cdist(
            [texts[r] for r in rows],
            [texts[c] for c in columns],
            scorer=fuzz.token_sort_ratio,
            score_cutoff=cutoff,
        )
        for row, column in zip(*np.nonzero(scores), strict=True):
            if column > row:  # each pair once; columns start at this block's first row
                i, j = sorted((int(rows[row]), int(columns[column])))
                pairs.append((i, j, float(scores[row, column])))
    return sorted(pairs)


def _coverage(base: KnowledgeBase, report: CheckReport) -> None:
    quotes = [flatten_text(item.fact.source.quote) for item in base.located]
    excluded = {flatten_text(e.text) for e in base.exclusions}
    report.numerals = article_numerals(base.article)
    report.numerals_uncovered = [
        n for n in report.numerals if n not in excluded and not any(_in_quote(n, q) for q in quotes)
    ]
    flat_article = flatten_text(base.article)
    report.people = [p.name for p in base.lexicon.people if flatten_text(p.name) in flat_article]
    report.people_uncovered = [
        name
        for name in report.people
        if name not in excluded and not any(name in q for q in quotes)
    ]
    exclusions_file = base.root / "coverage-exclusions.yaml"
    for token in report.numerals_uncovered:
        report.coverage_problems.append(
            Problem(
                exclusions_file,
                None,
                None,
                f"article numeral {token!r} is in no fact's quote: add a fact, or exclude it "
                "with a reason",
            )
        )
    for name in report.people_uncovered:
        report.coverage_problems.append(
            Problem(
                exclusions_file,
                None,
                None,
                f"person {name!r} is in no fact's quote: add a fact, or exclude them with a reason",
            )
        )
