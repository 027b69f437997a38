"""What the article leaves out: a fact that says "the article gives no number" cannot answer
"how many", even when it is the closest fact to the question."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.answering import compose
from bot.knowledge.schema import Fact
from bot.understanding.intents import Wants

_VALUES = frozenset({Wants.DATE, Wants.PERSON, Wants.FIGURE, Wants.MONEY, Wants.PLACE})
# "no exact figure, only 'hundreds'" still answers roughly, so "exact" never marks a gap.
_MARKERS = (
    (
        frozenset({Wants.DATE}),
        re.compile(
            r"does not say when|does not date|gives no (?:(?!exact)\w+ )?(?:figures or )?"
            r"(?:years?|dates?)\b"
        ),
    ),
    (
        frozenset({Wants.FIGURE, Wants.MONEY}),
        re.compile(r"gives no (?:(?!exact|more)\w+ )?(?:numbers?|figures?)\b"),
    ),
    (frozenset({Wants.PERSON}), re.compile(r"does not name\b")),
    # "does not say whether one was opened": no value about that event at all.
    (_VALUES, re.compile(r"does not say whether\b")),
    (_VALUES, re.compile(r"does not (explain|define)\b")),
)
# "gives no exact figure, only 'hundreds'" answers "how many", not "exactly how many".
_NO_EXACT = re.compile(r"no exact (figure|number|date|year)")
_RELATIVE_TIME = re.compile(
    r"\b(spring|summer|autumn|winter|this past \w+|last year|this year|ago|weeks|months)\b"
)
_ASKS_YEAR = re.compile(r"\b(what|which|in what) year\b")
_ASKS_EXACT = re.compile(r"\b(exact|exactly|precise|precisely)\b")
_SENTENCE = re.compile(r"[^.;:]+")


# "does not say which months or days": a detail of what the fact reports, asked only by a
# question with the same question word and every word of one of its parts.
_DETAIL = re.compile(r"does not say ((which|what|who|where|how many|how much|why)\b.*)")
_PARTS = re.compile(r",? or |, ")
_QUESTION_WORD = re.compile(r"^(which|what|who|where|how many|how much|why)\b")
_SAME_WORD = {"what": r"what|whats", "who": r"who|whom|whos"}


@dataclass(frozen=True, slots=True)
class Detail:
    """One detail the article leaves out: asked with `word` and every one of `terms`."""

    word: str
    terms: frozenset[str]

    def asked_by(self, question: str, terms: tuple[str, ...]) -> bool:
        word = _SAME_WORD.get(self.word, self.word)
        return bool(re.search(rf"\b({word})\b", question)) and self.terms <= set(terms)


@dataclass(frozen=True, slots=True)
class Gap:
    kinds: frozenset[Wants]  # the kinds of value the article does not give
    about: frozenset[str]  # the terms of the sentence saying so
    details: tuple[Detail, ...] = ()  # when set, only these details are left out


def _details(clause: str, terms_of: Callable[[str], list[str]]) -> tuple[Detail, ...]:
    """'which months or days' -> (which, {month}), (which, {day})."""
    details, word = [], ""
    for part in _PARTS.split(clause):
        asked = _QUESTION_WORD.match(part)
        word = asked.group(1) if asked else word
        terms = frozenset(terms_of(part))
        if word and (terms or word == "why"):
            details.append(Detail(word, terms))
    return tuple(details)


def unstated(fact: Fact, terms_of: Callable[[str], list[str]]) -> tuple[Gap, ...]:
    """The gaps the fact records, in its answer or its note."""
    gaps = []
    for text in (fact.answer, fact.note or ""):
        for sentence in _SENTENCE.findall(text):
            for kinds, marker in _MARKERS:
                if marker.search(sentence):
                    gaps.append(Gap(kinds, frozenset(terms_of(sentence))))
            detail = _DETAIL.search(sentence)
            if detail:
                details = _details(detail.group(1), terms_of)
                gaps.append(Gap(frozenset(Wants), frozenset(), details))
    return tuple(gaps)


def _has_value(fact: Fact, wants: Wants, question: str) -> bool:
    if wants is Wants.DATE:
        # "last spring" answers "when?", not "what year?".
        relative = bool(_RELATIVE_TIME.search(fact.answer)) and not _ASKS_YEAR.search(question)
        return fact.date is not None or relative
    if wants in (Wants.FIGURE, Wants.MONEY):
        return bool(fact.figures)
    return True


def leaves_out(
    fact: Fact,
    gaps: tuple[Gap, ...],
    wants: Wants,
    terms: tuple[str, ...],
    question: str = "",
    yes_no: bool = False,
) -> bool:
    """Whether the question asks for a value this fact says the article does not give: the fact
    has no such value at all, or the gap sentence is about what the question names. A yes/no
    question ("did they discuss C5+1?") is answered by what the fact does say."""
    if fact.answer.startswith(compose.SAYS_NOTHING):
        return True
    if _ASKS_EXACT.search(question) and _NO_EXACT.search(f"{fact.answer} {fact.note or ''}"):
        return True
    # "Did they discuss C5+1?" is answered by what the fact does say.
    if not yes_no and any(d.asked_by(question, terms) for gap in gaps for d in gap.details):
        return True
    if wants is Wants.ANY and yes_no:
        return False
    return any(
        wants in gap.kinds
        and not gap.details
        and (
            not (gap.kinds == _VALUES or _has_value(fact, wants, question))
            or bool(gap.about & set(terms))
        )
        for gap in gaps
    )
