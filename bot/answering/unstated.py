"""What the article leaves out: a fact that says "the article gives no number" cannot answer
"how many", even when it is the closest fact to the question."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.knowledge.schema import Fact
from bot.understanding.intents import Wants

# "no exact figure, only 'hundreds'" still answers roughly, so "exact" never marks a gap.
_MARKERS = {
    Wants.DATE: re.compile(
        r"does not say when|does not date|gives no (?:(?!exact)\w+ )?(?:figures or )?"
        r"(?:years?|dates?)\b"
    ),
    Wants.FIGURE: re.compile(r"gives no (?:(?!exact|more)\w+ )?(?:numbers?|figures?)\b"),
    Wants.PERSON: re.compile(r"does not name\b"),
}
_SENTENCE = re.compile(r"[^.;:]+")


def unstated(fact: Fact, terms_of: Callable[[str], list[str]]) -> dict[Wants, frozenset[str]]:
    """The kinds of value the fact says the article does not give, each with the terms of the
    sentence saying so (what the missing value is about)."""
    found: dict[Wants, set[str]] = {}
    for text in (fact.answer, fact.note or ""):
        for sentence in _SENTENCE.findall(text):
            for wants, marker in _MARKERS.items():
                if marker.search(sentence):
                    found.setdefault(wants, set()).update(terms_of(sentence))
    return {wants: frozenset(terms) for wants, terms in found.items()}


def leaves_out(
    fact: Fact, gaps: dict[Wants, frozenset[str]], wants: Wants, terms: tuple[str, ...]
) -> bool:
    """Whether the question asks for a value this fact says the article does not give: the fact
    has no such value at all, or the gap sentence is about what the question names."""
    about = gaps.get(Wants.FIGURE if wants is Wants.MONEY else wants)
    if about is None:
        return False
    has_value = {
        Wants.DATE: fact.date is not None,
        Wants.FIGURE: bool(fact.figures),
        Wants.MONEY: bool(fact.figures),
    }.get(wants, True)
    return not has_value or bool(about.intersection(terms))
