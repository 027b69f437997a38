"""Synthetic knowledge bases of N facts, built in memory from the real lexicon, topics and
article, and written as YAML when asked."""

from __future__ import annotations

import random
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel

from bot.knowledge.loader import KnowledgeBase, LocatedFact
from bot.knowledge.schema import COUNTRIES, REGION, Fact, FactDate, Figure, Person, Source
from bot.understanding.normalise import normalise
from bot.understanding.terms import STOP_WORDS

VOCABULARY_SIZE = 60_000  # invented words; Zipf-distributed, so larger bases use more of them
ZIPF_EXPONENT = 1.05
_Dumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


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

_SYLLABLE_START: tuple[str, ...] = (
    *("b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t"),
    *("v", "z", "ch", "sh", "kh"),
)
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
