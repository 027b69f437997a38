"""`factbot bench`: start-up, per-question latency, throughput and memory of the engine.

It measures the article's fact base and, with `--synthetic N`, generated bases of N more facts
(built in memory from the real lexicon, topics and article), and in the same run a naive baseline
(rapidfuzz `extractOne` with WRatio over every question of every fact, no index), so the ratio
between the two holds on a noisy machine. Every figure is the median of several repetitions;
`spread` is (max - min) / median of the repetitions' p50, the noise this machine showed.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import random
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TextIO, TypeVar

import yaml
from pydantic import BaseModel
from rapidfuzz import fuzz, process, utils

from bot.answering.engine import Engine
from bot.cli import add_knowledge_arg, knowledge_dir
from bot.knowledge import check_knowledge, load_knowledge
from bot.knowledge.loader import KnowledgeBase, LocatedFact
from bot.knowledge.schema import COUNTRIES, REGION, Fact, FactDate, Figure, Person, Source
from bot.understanding.normalise import normalise
from bot.understanding.terms import STOP_WORDS

SEED = 7
REPETITIONS = 5
SECONDS_PER_REPETITION = 1.0  # latency: rounds of the question set per repetition fill this
MAX_ROUNDS = 40
STARTUP_BUDGET_SECONDS = 20.0  # start-up is rebuilt while the builds fit in this, up to REPS
BASELINE_BUDGET_SECONDS = 6.0  # the naive baseline gets at most this per size (all repetitions)
SYNTHETIC_PROBES = 16  # questions asked of synthetic facts (paraphrased, and misspelt)
VOCABULARY_SIZE = 60_000  # invented words; Zipf-distributed, so larger bases use more of them
ZIPF_EXPONENT = 1.05
PERCENTILES = (50, 95, 99)
_Dumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# -- the fixed question set ---------------------------------------------------------------

IN_SCOPE = (
    "When did Israel establish diplomatic relations with Kazakhstan?",
    "Who is Israel's ambassador to Uzbekistan?",
    "When did Kazakhstan join the Abraham Accords?",
    "How many Jews live in Uzbekistan?",
    "Where is Israel's embassy in Kazakhstan?",
    "How much trade does Israel do with Kazakhstan each year?",
    "Which Israeli prime minister was the first to visit Kazakhstan?",
    "who inaugurated israel's embassy offices in ashgabat",
    "How many Israeli tourists visit Uzbekistan?",
    "Which country established relations with Israel first?",
    "What role do Russia and Iran play in Central Asia?",
    "When did Tajikistan open an embassy in Israel?",
    "Is there a synagogue in Dushanbe?",
    "kyrgyzstan israel relations",
    "What agreements has Israel signed with Turkmenistan?",
    "Which of the five has the largest Jewish community?",
)
OUT_OF_SCOPE = (
    "What is the capital of France?",
    "Who won the 2018 World Cup?",
    "When did Israel establish relations with Mongolia?",
    "What is the population of Kazakhstan?",
    "How do I bake sourdough bread?",
    "asdf qwerty zxcv",
    "Who is the president of Kyrgyzstan's football federation?",
    "What will the weather be in Tashkent tomorrow?",
)
# Misspelt on purpose; each round also misspells IN_SCOPE questions afresh (see _misspell), so
# the spelling corrector's cache cannot hide its cost.
TYPOS = (
    "when did isreal and kyrgyzstan establish relations",
    "when did kazakstan open an embasy in tel aviv",
    "who is the ambasador of israel to turkmenistn",
    "how many jewsh people live in uzbekistn",
)
FRESH_TYPOS = 4
FOLLOW_UPS = (
    (
        "When did Israel establish diplomatic relations with Kazakhstan?",
        "and with kyrgyzstan?",
        "what about turkmenistan?",
    ),
    (
        "Who is Israel's ambassador to Uzbekistan?",
        "and who is uzbekistan's ambassador to israel?",
        "when did he meet israel's foreign ministry director-general?",
    ),
    ("How many Jews live in Kazakhstan?", "and in uzbekistan?", "and turkmenistan, how many?"),
    (
        "Where is Israel's embassy in Kazakhstan?",
        "where was it before?",
        "and when did kazakhstan open its embassy in israel?",
    ),
)


@dataclass(frozen=True)
class Probe:
    """One question of the set; `chain` names the conversation of a follow-up."""

    kind: str
    text: str
    chain: str | None = None
    expect_fact: str | None = None  # for synthetic probes: the fact they were made from


# -- statistics ---------------------------------------------------------------------------


def percentile(sorted_values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    if not sorted_values:
        return 0.0
    rank = max(1, -(-len(sorted_values) * pct // 100))
    return sorted_values[int(rank) - 1]


@dataclass
class LatencyStats:
    """Per-question latency in milliseconds: medians over repetitions, and their spread."""

    questions: int  # questions in one round of the set
    rounds: int  # rounds per repetition
    repetitions: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    questions_per_s: float
    spread: float  # (max - min) / median of the repetitions' p50
    p50_by_repetition: list[float]
    p50_by_kind: dict[str, float] = field(default_factory=dict)


def _summarise(
    runs: list[list[tuple[str, float]]], questions: int, rounds: int, seconds: list[float]
) -> LatencyStats:
    per_rep: dict[int, list[float]] = {p: [] for p in PERCENTILES}
    maxima, p50s = [], []
    by_kind: dict[str, list[float]] = {}
    for run in runs:
        values = sorted(ms for _, ms in run)
        for p in PERCENTILES:
            per_rep[p].append(percentile(values, p))
        maxima.append(values[-1])
        p50s.append(percentile(values, 50))
        kinds: dict[str, list[float]] = {}
        for kind, ms in run:
            kinds.setdefault(kind, []).append(ms)
        for kind, kind_values in kinds.items():
            by_kind.setdefault(kind, []).append(percentile(sorted(kind_values), 50))
    median_p50 = statistics.median(p50s)
    total = sum(len(run) for run in runs)
    return LatencyStats(
        questions=questions,
        rounds=rounds,
        repetitions=len(runs),
        p50_ms=median_p50,
        p95_ms=statistics.median(per_rep[95]),
        p99_ms=statistics.median(per_rep[99]),
        max_ms=max(maxima),
        questions_per_s=total / sum(seconds) if sum(seconds) else 0.0,
        spread=(max(p50s) - min(p50s)) / median_p50 if median_p50 else 0.0,
        p50_by_repetition=p50s,
        p50_by_kind={k: statistics.median(v) for k, v in sorted(by_kind.items())},
    )


def peak_rss_mb() -> float:
    """The process's peak resident memory so far (a high-water mark; it never goes down)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def current_rss_mb() -> float | None:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return None
    return pages * resource.getpagesize() / (1024 * 1024)


# -- the question set, per round ----------------------------------------------------------


def _misspell(text: str, rng: random.Random) -> str:
    """Swap, drop or double a letter in one or two longer words (never the first letter)."""
    words = text.split()
    long_words = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    for i in rng.sample(long_words, min(len(long_words), rng.randint(1, 2))):
        word = words[i]
        at = rng.randint(1, len(word) - 2)
        edit = rng.randrange(3)
        if edit == 0:
            word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
        elif edit == 1:
            word = word[:at] + word[at + 1 :]
        else:
            word = word[:at] + word[at] + word[at:]
        words[i] = word
    return " ".join(words)


def _sloppy(question: str) -> str:
    """A known question as people type it: lower case, no question mark."""
    return question.rstrip("?").lower()


def base_probes() -> list[Probe]:
    probes = [Probe("in_scope", q) for q in IN_SCOPE]
    probes += [Probe("out_of_scope", q) for q in OUT_OF_SCOPE]
    probes += [Probe("typo", q) for q in TYPOS]
    for number, chain in enumerate(FOLLOW_UPS):
        probes += [
            Probe("in_scope" if turn == 0 else "follow_up", q, f"chain{number}")
            for turn, q in enumerate(chain)
        ]
    return probes


def synthetic_probes(facts: Sequence[Fact], seed: int) -> list[Probe]:
    """Questions about generated facts, taken from the first 1,000 so all sizes share them."""
    rng = random.Random(seed)
    pool = [f for f in facts[:1000] if f.id.startswith("synthetic-")]
    picked = rng.sample(pool, min(SYNTHETIC_PROBES, len(pool)))
    probes = []
    for number, fact in enumerate(picked):
        question = rng.choice(fact.all_questions)
        if number % 2:
            probes.append(Probe("synthetic_typo", _misspell(question, rng), None, fact.id))
        else:
            probes.append(Probe("synthetic", _sloppy(question), None, fact.id))
    return probes


def _round(probes: list[Probe], rng: random.Random, label: str) -> Iterator[tuple[Probe, str]]:
    """One pass over the set: fresh misspellings, and fresh conversation ids for follow-ups."""
    fresh = [Probe("typo", _misspell(q, rng)) for q in rng.sample(IN_SCOPE, FRESH_TYPOS)]
    for probe in [*probes, *fresh]:
        yield probe, f"bench-{label}-{probe.chain}" if probe.chain else ""


# -- measuring ----------------------------------------------------------------------------


def _time_rounds(
    ask: Callable[[str, str | None], Any],
    probes: list[Probe],
    rounds: int,
    rng: random.Random,
    label: str,
) -> tuple[list[tuple[str, float]], float]:
    timings: list[tuple[str, float]] = []
    clock = time.perf_counter_ns
    started = clock()
    for number in range(rounds):
        for probe, conversation in _round(probes, rng, f"{label}-{number}"):
            before = clock()
            ask(probe.text, conversation or None)
            timings.append((probe.kind, (clock() - before) / 1e6))
    return timings, (clock() - started) / 1e9


def measure_latency(
    ask: Callable[[str, str | None], Any],
    probes: list[Probe],
    *,
    repetitions: int,
    seconds: float,
    seed: int,
    budget: float | None = None,
) -> LatencyStats:
    """A first round to warm up and time the set, then up to `repetitions` runs of enough
    rounds to fill `seconds` each, while they fit in `budget` seconds. When even one round
    takes longer than `seconds`, the first round is kept as the first repetition."""
    rng = random.Random(seed)
    runs: list[list[tuple[str, float]]] = []
    durations: list[float] = []
    timings, first = _time_rounds(ask, probes, 1, rng, "first")
    rounds = max(1, min(MAX_ROUNDS, int(seconds / max(first, 1e-9))))
    if first >= seconds:
        runs.append(timings)
        durations.append(first)
    spent = first
    while len(runs) < repetitions and (budget is None or spent + rounds * first <= budget):
        gc.collect()
        timings, took = _time_rounds(ask, probes, rounds, rng, f"r{len(runs)}")
        runs.append(timings)
        durations.append(took)
        spent += took
    if not runs:
        runs.append(timings)
        durations.append(first)
        rounds = 1
    return _summarise(runs, len(probes) + FRESH_TYPOS, rounds, durations)


class NaiveBaseline:
    """What a bot without an index does: WRatio against every question of every fact."""

    def __init__(self, facts: Sequence[Fact]) -> None:
        self.choices = [utils.default_process(q) for f in facts for q in f.all_questions]

    def ask(self, question: str, conversation: str | None = None) -> Any:
        del conversation
        return process.extractOne(
            utils.default_process(question), self.choices, scorer=fuzz.WRatio, processor=None
        )


@dataclass
class StartupStats:
    builds: int
    load_ms: float | None  # reading and parsing the YAML (the article base only)
    validate_ms: float | None  # `factbot check`'s checks, which the bot runs before serving
    index_ms: float  # Engine(base): understander, index, scorer
    startup_ms: float  # what a starting bot waits for: load + validate + index
    spread: float
    first_ms: float  # the first, cold start (lazy imports, empty caches)


def _median_spread(values: list[float]) -> tuple[float, float]:
    middle = statistics.median(values)
    return middle, (max(values) - min(values)) / middle if middle else 0.0


def measure_startup(
    build: Callable[[], tuple[float | None, float | None, float, Engine]], repetitions: int
) -> tuple[StartupStats, Engine]:
    """Build `repetitions` times (fewer when a build is slow); keep the last engine."""
    loads, checks, indexes, totals = [], [], [], []
    spent = 0.0
    engine: Engine | None = None
    while len(totals) < repetitions and (not totals or spent < STARTUP_BUDGET_SECONDS):
        engine = None
        gc.collect()
        load_ms, validate_ms, index_ms, engine = build()
        total = (load_ms or 0.0) + (validate_ms or 0.0) + index_ms
        spent += total / 1000
        loads.append(load_ms)
        checks.append(validate_ms)
        indexes.append(index_ms)
        totals.append(total)
    assert engine is not None
    startup, spread = _median_spread(totals)
    return (
        StartupStats(
            builds=len(totals),
            load_ms=statistics.median(loads) if loads[0] is not None else None,  # type: ignore[type-var]
            validate_ms=statistics.median(checks) if checks[0] is not None else None,  # type: ignore[type-var]
            index_ms=statistics.median(indexes),
            startup_ms=startup,
            spread=spread,
            first_ms=totals[0],
        ),
        engine,
    )


def _ms_since(started: int) -> float:
    return (time.perf_counter_ns() - started) / 1e6


def build_article_engine(root: Path) -> tuple[float | None, float | None, float, Engine]:
    started = time.perf_counter_ns()
    base, problems = load_knowledge(root)
    load_ms = _ms_since(started)
    if base is None:
        raise SystemExit(f"factbot bench: cannot load {root}: {len(problems)} problem(s)")
    started = time.perf_counter_ns()
    check_knowledge(base)
    validate_ms = _ms_since(started)
    started = time.perf_counter_ns()
    engine = Engine(base)
    return load_ms, validate_ms, _ms_since(started), engine


def build_synthetic(base: KnowledgeBase) -> tuple[None, None, float, Engine]:
    started = time.perf_counter_ns()
    engine = Engine(base)
    return None, None, _ms_since(started), engine


def build_synthetic_from_files(root: Path) -> tuple[float, None, float, Engine]:
    """Read a written synthetic base like the bot reads its own (without `check`, which
    compares every question with every other)."""
    started = time.perf_counter_ns()
    base, problems = load_knowledge(root)
    load_ms = _ms_since(started)
    ours = [p for p in problems if p.path.name.startswith("synthetic-")]
    if base is None or ours:
        raise RuntimeError(f"the synthetic base in {root} does not load: {ours[:3]}")
    started = time.perf_counter_ns()
    engine = Engine(base)
    return load_ms, None, _ms_since(started), engine


def write_knowledge(base: KnowledgeBase, template: Path, folder: Path) -> Path:
    """A knowledge folder: the template's files and facts, plus the generated facts as YAML
    (1,000 a file). Returns its root."""
    root = folder / "knowledge"
    shutil.copytree(template, root)
    generated = [f for f in base.facts if f.id.startswith("synthetic-")]
    for start in range(0, len(generated), 1000):
        facts = []
        for fact in generated[start : start + 1000]:
            data = fact.model_dump(mode="json", exclude_defaults=True)
            if fact.date is not None:
                data["date"] = fact.date.iso()
            facts.append(data)
        text = yaml.dump({"facts": facts}, Dumper=_Dumper, sort_keys=False, allow_unicode=True)
        (root / "facts" / f"synthetic-{start // 1000:04d}.yaml").write_text(text, encoding="utf-8")
    return root


# -- synthetic knowledge bases --------------------------------------------------------------

_SYLLABLE_START = ("b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t")
_SYLLABLE_START += ("v", "z", "ch", "sh", "kh")
_SYLLABLE_VOWEL = ("a", "e", "i", "o", "u", "a", "o")
_SYLLABLE_END = ["", "", "", "n", "r", "l", "s", "k", "m", "t"]
# Question openers by what the fact gives, so a question asks for what its answer has.
_OPENERS = {
    "date": ("When did", "When was", "What year did", "Since when has"),
    "figure": ("How many", "How much", "What is the number of", "How big is"),
    "person": ("Who is", "Who was", "Who met", "Which official"),
    "other": ("What is", "What was", "Why did", "Which", "Did", "Is there", "Has", "Tell me about"),
}
_MEASURES = (
    ("trade", "USD"),
    ("tourists", "tourists"),
    ("jewish_population", "people"),
    ("investment", "USD"),
)


_FIELDS_SETS: dict[tuple[type[BaseModel], tuple[str, ...]], set[str]] = {}


_M = TypeVar("_M", bound=BaseModel)


def _construct(model: type[_M], **values: Any) -> _M:
    """model.model_construct(**values), sharing one "fields set" between the objects given the
    same fields: pydantic would give each its own set, about 1 kB a generated fact (100 MB of
    the 100,000-fact base). Models are frozen and copies copy the set, so none changes it."""
    fields = _FIELDS_SETS.setdefault((model, tuple(values)), set(values))
    return model.model_construct(_fields_set=fields, **values)


def invented_words(count: int, seed: int) -> list[str]:
    """`count` distinct pronounceable non-words, the same for a given seed."""
    rng = random.Random(seed)
    words: dict[str, None] = {}
    while len(words) < count:
        syllables = rng.choice((2, 2, 3, 3, 3, 4))
        word = "".join(
            rng.choice(_SYLLABLE_START) + rng.choice(_SYLLABLE_VOWEL) + rng.choice(_SYLLABLE_END)
            for _ in range(syllables)
        )
        if word not in STOP_WORDS:
            words.setdefault(word, None)
    return list(words)


def _zipf_cumulative(count: int) -> list[float]:
    total, cumulative = 0.0, []
    for rank in range(1, count + 1):
        total += 1.0 / rank**ZIPF_EXPONENT
        cumulative.append(total)
    return cumulative


class SyntheticFacts:
    """Realistic generated facts: the real countries, names, topics and article sentences, a
    Zipf-distributed vocabulary (real article words and invented ones), varied lengths."""

    def __init__(self, template: KnowledgeBase, seed: int) -> None:
        self.template = template
        self.seed = seed
        self.invented = invented_words(VOCABULARY_SIZE, seed)
        self.invented_cumulative = _zipf_cumulative(len(self.invented))
        lexicon = template.lexicon
        # Names are placed deliberately (below); the filler words name no country or person.
        names = {
            w
            for text in (
                *lexicon.region_aliases,
                *lexicon.covered_places,
                *(a for p in lexicon.people for a in (p.name, *p.aliases)),
                *(a for n in lexicon.countries.values() for a in (n.name, *n.aliases, *n.cities)),
            )
            for w in normalise(text).split()
        }
        counts = Counter(
            w
            for w in normalise(template.article).split()
            if w.isalpha() and len(w) > 2 and w not in STOP_WORDS and w not in names
        )
        self.english = [w for w, _ in counts.most_common()]
        self.english_cumulative = _zipf_cumulative(len(self.english))
        sentences = re.split(r"(?<=[.!?])\s+", " ".join(template.article.split()))
        self.sentences = [s for s in sentences if 30 <= len(s) <= 300] or [template.article[:200]]
        self.country_names = {
            c: (n.name, n.name, n.name, *n.aliases[:3], *n.cities)
            for c, n in lexicon.countries.items()
        }
        self.region_names = lexicon.region_aliases or ("central asia",)
        self.people = [p.name for p in lexicon.people]
        self.topics = list(template.topics)
        self.topic_words = {
            name: topic.keywords or (name.replace("_", " "),)
            for name, topic in template.topics.items()
        }

    def _words(self, rng: random.Random, count: int) -> list[str]:
        english = sum(rng.random() < 0.45 for _ in range(count))
        out = rng.choices(self.english, cum_weights=self.english_cumulative, k=english)
        out += rng.choices(self.invented, cum_weights=self.invented_cumulative, k=count - english)
        rng.shuffle(out)
        return out

    def _countries(self, rng: random.Random) -> tuple[str, ...]:
        roll = rng.random()
        if roll < 0.7:
            return (rng.choice(COUNTRIES),)
        if roll < 0.85:
            return (REGION,)
        return tuple(sorted(rng.sample(COUNTRIES, 2)))

    def _name(self, rng: random.Random, countries: tuple[str, ...]) -> str:
        country = rng.choice(countries)
        if country == REGION:
            return rng.choice(self.region_names)
        return rng.choice(self.country_names[country])

    def _question(
        self, rng: random.Random, countries: tuple[str, ...], topic: str, gives: str
    ) -> str:
        parts = [rng.choice(self.topic_words[topic]), *self._words(rng, rng.randint(1, 9))]
        if rng.random() < 0.85:
            parts.insert(rng.randrange(len(parts) + 1), self._name(rng, countries))
        return f"{rng.choice(_OPENERS[gives])} {' '.join(parts)}?"

    def fact(self, number: int, rng: random.Random) -> Fact:
        countries = self._countries(rng)
        topic = rng.choice(self.topics)
        date = None
        if rng.random() < 0.4:
            date = _construct(
                FactDate,
                year=rng.randint(1991, 2025),
                month=rng.randint(1, 12) if rng.random() < 0.5 else None,
                day=None,
            )
        figures: tuple[Figure, ...] = ()
        if rng.random() < 0.15:
            measure, unit = rng.choice(_MEASURES)
            value = float(rng.randint(1, 900) * 1000)
            figures = (
                _construct(
                    Figure,
                    measure=measure,
                    value=value,
                    unit=unit,
                    currency="USD" if unit == "USD" else None,
                    year=rng.randint(2000, 2025),
                    approximate=rng.random() < 0.5,
                    label=f"{value:,.0f}",
                ),
            )
        people: tuple[Person, ...] = ()
        if self.people and rng.random() < 0.1:
            people = (_construct(Person, name=rng.choice(self.people), role="official"),)
        gives = [
            kind
            for kind, present in (("date", date), ("figure", figures), ("person", people))
            if present
        ] or ["other"]
        question = self._question(rng, countries, topic, rng.choice(gives))
        alternatives = tuple(
            self._question(rng, countries, topic, rng.choice(gives))
            if rng.random() < 0.6
            else " ".join((self._name(rng, countries), *self._words(rng, rng.randint(1, 3))))
            for _ in range(rng.choice((0, 1, 2, 2, 3, 3, 4, 5)))
        )
        keywords = tuple(
            " ".join(self._words(rng, rng.choice((1, 1, 2)))) for _ in range(rng.randint(0, 4))
        )
        key_value = (
            date.human()
            if date is not None
            else figures[0].label
            if figures
            else people[0].name
            if people
            else " ".join(self._words(rng, 2))
        )
        body = " ".join(self._words(rng, rng.randint(6, 35)))[:400]
        answer = f"{self._name(rng, countries).title()} {body}: {key_value}."
        return _construct(
            Fact,
            id=f"synthetic-{number:06d}",
            countries=countries,
            topic=topic,
            question=question,
            alternatives=alternatives,
            keywords=keywords,
            answer=answer,
            key_value=key_value,
            date=date,
            event=f"{topic.replace('_', ' ')} {number}" if date and rng.random() < 0.3 else None,
            figures=figures,
            people=people,
            note=None,
            related=(),
            source=_construct(
                Source,
                document=self.template.document.id,
                section="Synthetic",
                quote=rng.choice(self.sentences),
                speaker=None,
            ),
        )

    def base(self, count: int) -> KnowledgeBase:
        """The article's facts plus `count` generated ones; a smaller base is a prefix of a
        larger one (same seed), so every size shares its first facts and probes."""
        rng = random.Random(self.seed)
        where = self.template.root / "synthetic"
        located = list(self.template.located)
        located += [LocatedFact(self.fact(n, rng), where, n + 1) for n in range(count)]
        t = self.template
        return KnowledgeBase(t.root, t.document, t.article, t.topics, t.lexicon, located)


# -- one base, measured -------------------------------------------------------------------


@dataclass
class SizeReport:
    name: str  # "article" or "synthetic"
    facts: int
    questions_indexed: int
    startup: StartupStats
    engine: LatencyStats
    baseline: LatencyStats | None
    baseline_build_ms: float | None
    ratio_p50: float | None  # engine p50 / baseline p50
    ratio_p95: float | None
    synthetic_hits: list[int] | None  # [answered with the fact probed, probes]
    prefilter_agreement: list[int] | None  # [same answer as scoring every candidate, probes]
    generate_ms: float | None
    rss_added_mb: float | None  # resident memory the base and engine added
    peak_rss_mb: float  # the process's high-water mark after this size's engine ran
    max_candidates: int  # the index's limit on facts scored per question


@dataclass
class BenchOptions:
    knowledge: Path
    synthetic: list[int] = field(default_factory=list)
    repetitions: int = REPETITIONS
    seconds: float = SECONDS_PER_REPETITION
    baseline: bool = True
    seed: int = SEED
    load_yaml: bool = False  # write synthetic bases as YAML and time reading them back


def _baseline(
    facts: Sequence[Fact], probes: list[Probe], options: BenchOptions
) -> tuple[LatencyStats, float]:
    started = time.perf_counter_ns()
    naive = NaiveBaseline(facts)
    build_ms = _ms_since(started)
    stats = measure_latency(
        naive.ask,
        probes,
        repetitions=options.repetitions,
        seconds=options.seconds,
        seed=options.seed,
        budget=BASELINE_BUDGET_SECONDS,
    )
    return stats, build_ms


def prefilter_agreement(engine: Engine, probes: list[Probe]) -> list[int]:
    """[same, total]: standalone probes answered the same (outcome and facts) with the index's
    candidate limit as with every fact the prefilter would once have scored."""
    standalone = [p for p in probes if p.chain is None]
    limited = [(a.outcome, a.fact_ids) for a in map(engine.ask, (p.text for p in standalone))]
    index = engine.index
    saved, index.max_candidates = index.max_candidates, sys.maxsize
    try:
        exhaustive = [
            (a.outcome, a.fact_ids) for a in map(engine.ask, (p.text for p in standalone))
        ]
    finally:
        index.max_candidates = saved
    return [sum(x == y for x, y in zip(limited, exhaustive, strict=True)), len(standalone)]


def _measure(
    name: str,
    build: Callable[[], tuple[float | None, float | None, float, Engine]],
    probes: list[Probe],
    options: BenchOptions,
    generate_ms: float | None = None,
    rss_before: float | None = None,
) -> SizeReport:
    startup, engine = measure_startup(build, options.repetitions)
    rss_after = current_rss_mb()
    facts = engine.knowledge.facts
    hits = None
    if name == "synthetic":
        targeted = [p for p in probes if p.expect_fact]
        hits = [
            sum(p.expect_fact in engine.ask(p.text).fact_ids for p in targeted),
            len(targeted),
        ]
    latency = measure_latency(
        engine.ask,
        probes,
        repetitions=options.repetitions,
        seconds=options.seconds,
        seed=options.seed,
    )
    peak = peak_rss_mb()  # before the checks and the baseline, which hold memory of their own
    agreement = prefilter_agreement(engine, probes) if name == "synthetic" else None
    baseline, baseline_ms = (None, None)
    if options.baseline:
        baseline, baseline_ms = _baseline(facts, probes, options)
    return SizeReport(
        name=name,
        facts=len(facts),
        questions_indexed=sum(len(f.all_questions) for f in facts),
        startup=startup,
        engine=latency,
        baseline=baseline,
        baseline_build_ms=baseline_ms,
        ratio_p50=latency.p50_ms / baseline.p50_ms if baseline and baseline.p50_ms else None,
        ratio_p95=latency.p95_ms / baseline.p95_ms if baseline and baseline.p95_ms else None,
        synthetic_hits=hits,
        prefilter_agreement=agreement,
        generate_ms=generate_ms,
        rss_added_mb=rss_after - rss_before
        if rss_after is not None and rss_before is not None
        else None,
        peak_rss_mb=peak,
        max_candidates=engine.index.max_candidates,
    )


def run_bench(options: BenchOptions, progress: TextIO | None = None) -> dict[str, Any]:
    """Measure the article base, then each synthetic size (smallest first); a JSON-able dict."""

    def say(text: str) -> None:
        if progress is not None:
            print(text, file=progress, flush=True)

    probes = base_probes()
    sizes: list[SizeReport] = []
    say("bench: article base ...")
    rss_before = current_rss_mb()
    article = _measure(
        "article",
        lambda: build_article_engine(options.knowledge),
        probes,
        options,
        rss_before=rss_before,
    )
    sizes.append(article)
    if options.synthetic:
        template, _ = load_knowledge(options.knowledge)
        assert template is not None
        generator = SyntheticFacts(template, options.seed)
        for count in sorted(set(options.synthetic)):
            say(f"bench: {count:,} synthetic facts ...")
            gc.collect()
            rss_before = current_rss_mb()
            started = time.perf_counter_ns()
            base = generator.base(count)
            extra = synthetic_probes(base.facts, options.seed)
            with tempfile.TemporaryDirectory(prefix="factbot-bench-") as folder:
                if options.load_yaml:
                    root = write_knowledge(base, options.knowledge, Path(folder))
                    del base
                    gc.collect()
                    build = partial(build_synthetic_from_files, root)
                else:
                    build = partial(build_synthetic, base)
                generate_ms = _ms_since(started)
                sizes.append(
                    _measure("synthetic", build, probes + extra, options, generate_ms, rss_before)
                )
            del build
    return {
        "machine": {
            "python": sys.version.split()[0],
            "platform": sys.platform,
            "cpus": _cpus(),
        },
        "settings": {
            "load_yaml": options.load_yaml,
            "repetitions": options.repetitions,
            "seconds_per_repetition": options.seconds,
            "seed": options.seed,
        },
        "sizes": [_as_dict(s) for s in sizes],
        "growth": _growth(sizes),
    }


def _cpus() -> int | None:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def _as_dict(size: SizeReport) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(size)


def _growth(sizes: list[SizeReport]) -> list[dict[str, Any]]:
    """How cost grows between consecutive sizes: ratio of facts vs ratio of p50 and p95."""
    rows = []
    for small, large in itertools.pairwise(sizes):
        rows.append(
            {
                "from_facts": small.facts,
                "to_facts": large.facts,
                "facts_ratio": large.facts / small.facts,
                "p50_ratio": large.engine.p50_ms / small.engine.p50_ms,
                "p95_ratio": large.engine.p95_ms / small.engine.p95_ms,
                "index_ratio": large.startup.index_ms / small.startup.index_ms,
            }
        )
    return rows


# -- output -------------------------------------------------------------------------------


def _fmt_ms(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.3f}" if value < 10 else f"{value:.1f}" if value < 1000 else f"{value:,.0f}"


def print_report(report: dict[str, Any], out: TextIO) -> None:
    machine = report["machine"]
    settings = report["settings"]
    print(
        f"factbot bench: Python {machine['python']}, {machine['cpus']} CPU(s); medians of "
        f"{settings['repetitions']} repetitions, spread = (max-min)/median of their p50",
        file=out,
    )
    for size in report["sizes"]:
        startup = size["startup"]
        engine = size["engine"]
        title = (
            "Article base"
            if size["name"] == "article"
            else f"Synthetic base (+{size['facts'] - report['sizes'][0]['facts']:,} generated)"
        )
        print(
            f"\n{title}: {size['facts']:,} facts, {size['questions_indexed']:,} questions",
            file=out,
        )
        parts = []
        if startup["load_ms"] is not None:
            parts.append(f"load {_fmt_ms(startup['load_ms'])}")
        if startup["validate_ms"] is not None:
            parts.append(f"validate {_fmt_ms(startup['validate_ms'])}")
        parts.append(f"index {_fmt_ms(startup['index_ms'])}")
        print(
            f"  start-up     {_fmt_ms(startup['startup_ms'])} ms ({', '.join(parts)}; "
            f"first {_fmt_ms(startup['first_ms'])}; {startup['builds']} build(s), "
            f"spread {startup['spread']:.0%})",
            file=out,
        )
        if size["generate_ms"] is not None:
            written = " and written as YAML" if report["settings"]["load_yaml"] else ""
            print(
                f"  generated{written} in {_fmt_ms(size['generate_ms'])} ms (not part of start-up)",
                file=out,
            )
        print(_latency_line("engine", engine), file=out)
        kinds = ", ".join(f"{k} {_fmt_ms(v)}" for k, v in engine["p50_by_kind"].items())
        print(f"  p50 by kind  {kinds}", file=out)
        if size["baseline"] is not None:
            print(_latency_line("naive", size["baseline"]), file=out)
            print(
                f"  engine/naive p50 {size['ratio_p50']:.3f}, p95 {size['ratio_p95']:.3f} "
                f"({1 / size['ratio_p50']:.1f}x faster at p50)",
                file=out,
            )
        if size["synthetic_hits"] is not None:
            hit, total = size["synthetic_hits"]
            print(f"  synthetic probes answered with their fact: {hit}/{total}", file=out)
        if size["prefilter_agreement"] is not None:
            same, total = size["prefilter_agreement"]
            print(
                f"  top-{size['max_candidates']} prefilter: same answer as scoring every "
                f"candidate for {same}/{total} standalone questions",
                file=out,
            )
        added = size["rss_added_mb"]
        print(
            f"  memory       peak RSS {size['peak_rss_mb']:.0f} MB"
            + (f" (this base and engine added {added:.0f} MB)" if added is not None else ""),
            file=out,
        )
    if report["growth"]:
        print("\nGrowth between sizes (sub-linear when p50 ratio << facts ratio):", file=out)
        for row in report["growth"]:
            print(
                f"  {row['from_facts']:>7,} -> {row['to_facts']:>7,} facts: "
                f"x{row['facts_ratio']:.1f} facts, p50 x{row['p50_ratio']:.2f}, "
                f"p95 x{row['p95_ratio']:.2f}, "
                f"index build x{row['index_ratio']:.1f}",
                file=out,
            )


def _latency_line(label: str, stats: dict[str, Any]) -> str:
    return (
        f"  {label:<12} p50 {_fmt_ms(stats['p50_ms'])} ms, p95 {_fmt_ms(stats['p95_ms'])}, "
        f"p99 {_fmt_ms(stats['p99_ms'])}, max {_fmt_ms(stats['max_ms'])}; "
        f"{stats['questions_per_s']:,.0f} q/s; {stats['questions']} questions x "
        f"{stats['rounds']} round(s) x {stats['repetitions']}; spread {stats['spread']:.0%}"
    )


# -- command line -------------------------------------------------------------------------


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "").replace("k", "000")) for part in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected sizes like 1000,10000: {text!r}") from None
    if any(n < 1 for n in sizes):
        raise argparse.ArgumentTypeError("sizes must be positive")
    return sizes


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--synthetic",
        type=_sizes,
        action="append",
        default=[],
        metavar="N[,N...]",
        help="also measure generated bases of N more facts (repeatable, e.g. 1000,10000,100000)",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--repetitions", type=int, default=REPETITIONS, help="repetitions to take medians of"
    )
    parser.add_argument(
        "--seconds",
        type=float,
        default=SECONDS_PER_REPETITION,
        help="time each latency repetition spends asking (rounds of the question set)",
    )
    parser.add_argument("--no-baseline", action="store_true", help="skip the naive baseline")
    parser.add_argument(
        "--load-yaml",
        action="store_true",
        help="write each synthetic base as YAML files and include reading them in start-up",
    )
    parser.add_argument("--seed", type=int, default=SEED, help="seed of the generated bases")
    add_knowledge_arg(parser)


def run(args: argparse.Namespace) -> int:
    options = BenchOptions(
        knowledge=knowledge_dir(args.knowledge),
        synthetic=[n for group in args.synthetic for n in group],
        repetitions=max(1, args.repetitions),
        seconds=max(0.01, args.seconds),
        baseline=not args.no_baseline,
        seed=args.seed,
        load_yaml=args.load_yaml,
    )
    report = run_bench(options, progress=sys.stderr)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_report(report, sys.stdout)
    return 0
