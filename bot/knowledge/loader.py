"""Reading the knowledge folder into typed objects, with file and line for every problem."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from bot.knowledge.schema import SCOPES, Fact

# The C loader is several times faster; fall back when libyaml is missing.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Model = TypeVar("_Model", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the knowledge folder, phrased for the person who must fix it."""

    path: Path
    line: int | None
    fact_id: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        who = f" [{self.fact_id}]" if self.fact_id else ""
        return f"{where}{who}: {self.message}"


class KnowledgeError(Exception):
    """The knowledge folder cannot be used; `problems` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        head = f"{len(problems)} problem(s) in the knowledge base"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in problems))


class Document(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str
    kind: str
    publisher_credit: str
    file: str
    description: str
    # Facts that say what the article is about, for "what is this article about?".
    overview_facts: tuple[str, ...] = ()


class Topic(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str
    examples: tuple[str, ...]
    keywords: tuple[str, ...]
    # A question must use one of these words for a fact of this topic to be a good match,
    # e.g. "population of Kazakhstan" is not a question about its Jewish community.
    requires_any: tuple[str, ...] = ()
    # Apply `requires_any` also to facts of other topics whose questions use those words.
    anchors_mentions: bool = False


class CountryNames(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    aliases: tuple[str, ...]
    cities: tuple[str, ...] = ()


class PersonEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    aliases: tuple[str, ...]
    role: str
    countries: tuple[str, ...]


class Lexicon(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    countries: dict[str, CountryNames]
    region_aliases: tuple[str, ...]
    covered_places: tuple[str, ...]
    # Cities and regions abroad the article does not cover (countries come from pycountry).
    foreign_places: tuple[str, ...] = ()
    people: tuple[PersonEntry, ...]
    synonyms: tuple[tuple[str, ...], ...]


class Exclusion(BaseModel):
    """An article numeral or name that deliberately has no fact, with the reason."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    reason: str


@dataclass(frozen=True)
class LocatedFact:
    fact: Fact
    path: Path
    line: int


@dataclass
class KnowledgeBase:
    """Everything under knowledge/, loaded; built once and then only read."""

    root: Path
    document: Document
    article: str
    topics: dict[str, Topic]
    lexicon: Lexicon
    located: list[LocatedFact]
    exclusions: list[Exclusion] = field(default_factory=list)

    @property
    def facts(self) -> list[Fact]:
        return [item.fact for item in self.located]

    def by_id(self) -> dict[str, Fact]:
        return {item.fact.id: item.fact for item in self.located}

    def counts_by_country(self) -> dict[str, int]:
        counts = dict.fromkeys(SCOPES, 0)
        for fact in self.facts:
            for country in fact.countries:
                counts[country] += 1
        return counts


def _read_yaml(path: Path, problems: list[Problem]) -> tuple[Any, yaml.Node | None]:
    """Parse one YAML file; return its data and node tree (for line numbers)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(path, None, None, f"cannot read file: {exc}"))
        return None, None
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc)
        problems.append(
            Problem(
                path, line, None, f"YAML syntax error: {reason}; fix the indentation or quoting"
            )
        )
        return None, None
    return data, node


def _field_line(node: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """The line of the deepest node a pydantic error location reaches."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            child = node.value[key]
        else:
            child = None
        if child is None:
            break
        node = child
        line = node.start_mark.line + 1
    return line


def _validation_problems(
    path: Path, node: yaml.Node | None, exc: ValidationError, fact_id: str | None, prefix: str = ""
) -> list[Problem]:
    problems = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        where = ".".join(str(p) for p in loc) or "(top level)"
        problems.append(
            Problem(path, _field_line(node, loc), fact_id, f"{prefix}{where}: {error['msg']}")
        )
    return problems


def _load_model(model: type[_Model], path: Path, problems: list[Problem]) -> _Model | None:
    data, node = _read_yaml(path, problems)
    if data is None:
        if not problems or problems[-1].path != path:
            problems.append(Problem(path, None, None, "file is empty or missing"))
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems.extend(_validation_problems(path, node, exc, None))
        return None


def load_fact_file(path: Path, problems: list[Problem]) -> list[LocatedFact]:
    data, node = _read_yaml(path, problems)
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("facts"), list):
        problems.append(
            Problem(path, 1, None, "expected a mapping with a 'facts:' list at the top")
        )
        return []
    facts_node = next((v for k, v in node.value if k.value == "facts"), None)  # type: ignore[union-attr]
    located = []
    for index, raw in enumerate(data["facts"]):
        item_node = facts_node.value[index] if facts_node is not None else None
        line = item_node.start_mark.line + 1 if item_node is not None else 1
        fact_id = raw.get("id") if isinstance(raw, dict) else None
        try:
            located.append(LocatedFact(Fact.model_validate(raw), path, line))
        except ValidationError as exc:
            problems.extend(_validation_problems(path, item_node, exc, fact_id))
    return located


def load_knowledge(root: Path) -> tuple[KnowledgeBase | None, list[Problem]]:
    """Load the folder; return the base (None if unusable) and every problem found."""
    problems: list[Problem] = []
    if not root.is_dir():
        return None, [Problem(root, None, None, "knowledge folder not found")]
    document = _load_model(Document, root / "document.yaml", problems)
    lexicon = _load_model(Lexicon, root / "lexicon.yaml", problems)
    topics_raw, _ = _read_yaml(root / "topics.yaml", problems)
    topics: dict[str, Topic] = {}
    if isinstance(topics_raw, dict) and isinstance(topics_raw.get("topics"), dict):
        for name, body in topics_raw["topics"].items():
            try:
                topics[name] = Topic.model_validate(body)
            except ValidationError as exc:
                problems.extend(_validation_problems(root / "topics.yaml", None, exc, name))
    elif topics_raw is not None:
        problems.append(Problem(root / "topics.yaml", 1, None, "expected 'topics:' mapping"))
    exclusions = _load_exclusions(root / "coverage-exclusions.yaml", problems)

    article = ""
    if document is not None:
        article_path = root / document.file
        try:
            article = article_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(article_path, None, None, f"cannot read the article: {exc}"))

    fact_files = sorted((root / "facts").glob("*.yaml"))
    if not fact_files:
        problems.append(Problem(root / "facts", None, None, "no fact files (*.yaml) found"))
    located = [item for path in fact_files for item in load_fact_file(path, problems)]
    if document is None or lexicon is None or not topics or not article:
        return None, problems
    base = KnowledgeBase(root, document, article, topics, lexicon, located, exclusions)
    return base, problems


def _load_exclusions(path: Path, problems: list[Problem]) -> list[Exclusion]:
    if not path.exists():
        return []
    data, node = _read_yaml(path, problems)
    if not isinstance(data, dict) or not isinstance(data.get("exclusions"), list):
        problems.append(Problem(path, 1, None, "expected an 'exclusions:' list"))
        return []
    items = []
    for index, raw in enumerate(data["exclusions"]):
        try:
            items.append(Exclusion.model_validate(raw))
        except ValidationError as exc:
            problems.extend(_validation_problems(path, node, exc, None, f"exclusions.{index}."))
    return items
