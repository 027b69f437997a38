"""What kind of answer a question wants: its topic, and its question word."""

from __future__ import annotations

import re
from collections import defaultdict
from enum import StrEnum

from bot.knowledge.loader import Topic
from bot.understanding.normalise import normalise
from bot.understanding.terms import SynonymMap, content_terms


class Wants(StrEnum):
    DATE = "date"
    PERSON = "person"
    FIGURE = "figure"
    PLACE = "place"
    MONEY = "money"  # a figure in a currency: "how much was it worth"
    COMPANY = "company"  # a named company: "which firm"
    ANY = "any"


# "Which officials ...?", "what Kyrgyz MPs ...?": people asked for by name.
_WHICH_PEOPLE = (
    r"(which|what) ((?!(is|are|was|were|did|do|does|has|have|had) )\w+ ){0,3}(mps|officials"
    r"|ministers|politicians|leaders|diplomats|presidents|ambassadors|rabbis|parliamentarians"
    r"|lawmakers|legislators|mks|delegates|representatives|envoys"
    r"|members)"
)
WHICH_PEOPLE = re.compile(rf"\b{_WHICH_PEOPLE}\b")

_WANTS = [
    (
        Wants.DATE,
        re.compile(
            r"\b(when|what years?|which years?|what month|which month|what date|since when"
            r"|how long ago|date|how long (has|have|had|did)( \w+)? (lived|been|served|ruled"
            r"|stayed|worked|held))\b"
        ),
    ),
    (
        Wants.PERSON,
        re.compile(
            r"\b(who|whom|whose|which person|name of (the|his|her|their) (\w+ ){0,3}(minister"
            r"|president|ambassador|rabbi|leader|official|envoy|speaker|head)"
            r"|(minister|president|ambassador|rabbi|leader|envoy|speaker) (name|called)$"
            rf"|{_WHICH_PEOPLE})\b"
        ),
    ),
    (
        Wants.FIGURE,
        re.compile(
            r"\b(how (many|much|big|large|long|high|old|often)|number of|size of|volume|worth"
            r"|percent|count$|headcount|numbers$"
            r"|percentage|proportion|fraction|share|value of|what value)\b"
        ),
    ),
    (Wants.PLACE, re.compile(r"\b(where|(which|what) (israeli )?city)\b")),
]


# What will or might happen: the article reports, it rarely predicts.
# A counterfactual ("if Russia hadn't invaded, would...") is as unreported as a prediction.
FUTURE = re.compile(r"\b(will|might(?! have)|going to|gonna|next|would .* if|if .* would)\b")

# Narrower kinds of value, asked whatever the question word.
_MONEY = re.compile(
    r"\b(worth|cost|costs|price|how much money|value of|valued|dollars|funding|paid|spent"
    r"|invest|invested|investing)\b"
)
_COMPANY = re.compile(
    r"\b(which|what|name of the|name the)( \w+)? (company|companies|firm|firms|corporation"
    r"|airline|airlines|carrier)\b"
)


# "people who see an opportunity": a "who" after a word like these does not ask who.
_RELATIVE_AFTER = re.compile(
    r"\b(people|those|ones|one|anyone|someone|everyone|persons|men|women|companies|firms"
    r"|israelis|jews|tourists|officials|leaders|countries|states) $"
)


_ASKING_START = re.compile(r"^(what|why|how|which|is|are|was|were|does|do|did|can|has|have)\b")


_ASKS_WHY = re.compile(r"^(and |so |but )?(why|how come|for what reason)\b")


def _relative(normalised: str, match: re.Match[str]) -> bool:
    """A "who" in a question that another word already asks ("what does Lustig advise people
    who..."); "israeli officials who visited Tajikistan" still asks who."""
    if match.group(0) not in ("who", "whom") or not _ASKING_START.match(normalised):
        return False
    return bool(_RELATIVE_AFTER.search(normalised[: match.start()]))


# "when it comes to religion", "when flying east": a clause, not a question about a date.
_SUBORDINATE_WHEN = re.compile(r"when (it comes to|\w+ing)\b")


def question_wants(normalised: str) -> Wants:
    """The first question word decides; "who ... when" asks who."""
    if _ASKS_WHY.match(normalised):  # "why did the number of Jews swell?" asks a reason
        return Wants.ANY
    if _COMPANY.search(normalised):
        return Wants.COMPANY
    best: tuple[int, Wants] | None = None
    for wants, pattern in _WANTS:
        match = next(
            (
                m
                for m in pattern.finditer(normalised)
                if not _relative(normalised, m)
                and not _SUBORDINATE_WHEN.match(normalised, m.start())
            ),
            None,
        )
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), wants)
    if _MONEY.search(normalised) and (best is None or best[1] is Wants.FIGURE):
        return Wants.MONEY
    return best[1] if best else Wants.ANY


class TopicClassifier:
    """Scores topics by the rarity-weighted share of a question's terms that signal them."""

    def __init__(
        self, topics: dict[str, Topic], extra_terms: dict[str, set[str]], synonyms: SynonymMap
    ) -> None:
        self._terms: dict[str, set[str]] = defaultdict(set)
        for name, topic in topics.items():
            for phrase in (*topic.keywords, *topic.examples):
                self._terms[name].update(content_terms(normalise(phrase), synonyms))
            self._terms[name].update(extra_terms.get(name, set()))
        owners: dict[str, int] = defaultdict(int)
        for terms in self._terms.values():
            for term in terms:
                owners[term] += 1
        self._weight = {term: 1.0 / count for term, count in owners.items()}

    def scores(self, terms: list[str]) -> dict[str, float]:
        """Each topic's score in [0, 1]; topics no term signals are left out."""
        total = sum(self._weight.get(t, 0.0) for t in terms)
        if not total:
            return {}
        out = {}
        for name, topic_terms in self._terms.items():
            hit = sum(self._weight[t] for t in terms if t in topic_terms)
            if hit:
                out[name] = hit / total
        return out
