"""Wording of replies: answers with their sources, clarifications and polite refusals."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.answering.answer import Answer, Outcome, SourceRef
from bot.knowledge.loader import KnowledgeBase
from bot.knowledge.schema import COUNTRIES, VERDICT, Fact, Figure
from bot.knowledge.validate import paragraph_of

MAX_QUESTION_CHARS = 300
MAX_ANSWER_CHARS = 1800  # under Discord's 2,000-character message limit, with room for markup
# A fact that opens this way records what the article leaves open: it answers nothing.
SAYS_NOTHING = "The article does not say;"

COVERAGE = (
    "Israel's relations with Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan: "
    "diplomatic ties, embassies, ambassadors, agreements, visits, trade, tourism, Jewish "
    "communities and the Abraham Accords"
)


class SourceBook:
    """Builds (and caches) the source reference of each fact."""

    def __init__(self, base: KnowledgeBase) -> None:
        self._base = base
        self._cache: dict[str, SourceRef] = {}

    def ref(self, fact: Fact) -> SourceRef:
        if fact.id not in self._cache:
            self._cache[fact.id] = SourceRef(
                document=fact.source.document,
                document_title=self._base.document.title,
                section=fact.source.section,
                quote=fact.source.quote,
                speaker=fact.source.speaker,
                paragraph=paragraph_of(self._base.article, fact.source.quote) or fact.source.quote,
            )
        return self._cache[fact.id]


@dataclass(frozen=True)
class Part:
    """One line of an answer built from several facts, and the fact it comes from."""

    fact: Fact
    text: str


def listed_answer(
    question: str,
    headline: str,
    parts: list[Part],
    sources: SourceBook,
    confidence: float,
    complete: bool = True,
) -> Answer:
    """A headline and one bullet per part, each part's fact cited once. `complete` False: the
    article lacks part of what was asked, so the reply says what it has but is no answer."""
    lines = [headline, *(f"• {p.text}" for p in parts)]
    facts = list({p.fact.id: p.fact for p in parts}.values())
    return Answer(
        question,
        Outcome.ANSWERED if complete else Outcome.NOT_GIVEN,
        clip("\n".join(lines)),
        confidence,
        tuple(f.id for f in facts),
        tuple(sources.ref(f) for f in facts),
    )


class ListedAnswerBuilder:
    """Base of the answerers that reply with several facts, one bullet each."""

    confidence = 0.9

    def __init__(self, sources: SourceBook) -> None:
        self._sources = sources

    def _build(
        self, question: str, headline: str, parts: list[Part], complete: bool = True
    ) -> Answer:
        return listed_answer(question, headline, parts, self._sources, self.confidence, complete)


def amount(value: float, like: Figure) -> str:
    """A computed value written the way the article writes its figures ("$29 million")."""
    money = "$" if like.currency == "USD" else ""
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if value >= size:
            return f"{money}{value / size:g} {word}"
    return f"{money}{value:,.0f}"


def israels_own(fact: Fact) -> bool:
    """Whether the people a fact names hold Israel's posts (its ambassador, not the
    country's ambassador to Israel)."""
    return any(person.role.startswith("Israel") for person in fact.people)


def listing(items: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def country_names(countries: list[str]) -> str:
    return listing([country_name(c) for c in countries])


def country_name(country: str) -> str:
    return country.capitalize() if country in COUNTRIES else "Central Asia"


def abstain_text(title: str, foreign: tuple[str, ...] = ()) -> str:
    if foreign:
        places = ", ".join(name.title() for name in foreign)
        return (
            f'My source, the article "{title}", doesn\'t cover {places}. '
            f"I can answer questions about {COVERAGE}."
        )
    return (
        f'I can\'t find that in my source, the article "{title}". '
        f"I can answer questions about {COVERAGE}."
    )


def not_given_text(fact_answer: str, years: tuple[int, ...] = ()) -> str:
    """`years`: the years asked, of which the fact (true of the present) says nothing."""
    # A fact recording a gap ("The article does not say; it suggests only ...") already says so.
    said = fact_answer.removeprefix(SAYS_NOTHING)
    if said != fact_answer:
        said = said.strip()
        return clip(f"My source doesn't give that; {said}")
    if years:
        asked = listing([str(year) for year in sorted(years)])
        return clip(f"My source gives nothing for {asked} itself. What it does say: {fact_answer}")
    return clip(f"My source doesn't give that. What it does say: {fact_answer}")


def clarify_text() -> str:
    return "I'm not sure what you mean. Did you mean one of these?"


def junk_text() -> str:
    return f"Ask me a question about {COVERAGE}."


def too_long_text() -> str:
    return f"Please ask a shorter question (at most {MAX_QUESTION_CHARS} characters)."


# Words that may turn an answer into a "no", or make a question's polarity unclear.
_NEGATION = re.compile(
    r"\b(no|not|never|none|nothing|without|neither|nor|only|cannot|lacks?|failed|\w+n't|\w+n t"
    r"|dont|doesnt|didnt|isnt|wasnt|arent|werent|hasnt|havent|hadnt|cant|wont|couldnt)\b",
    re.IGNORECASE,
)


def for_question(
    answer: str,
    yes_no: bool,
    affirmed: bool = False,
    corrected: bool = False,
    own_question: bool = False,
) -> str:
    """A fact written for "Did...?" opens with its verdict; to "What...?" the verdict is noise.
    `affirmed`: the answer states everything a yes/no question asks, so it is a "yes".
    `corrected`: it states the thing asked about, at another time, so it is a "no".
    `own_question`: the question is the one the fact was written for, so its verdict holds."""
    if yes_no and VERDICT.match(answer):
        # A fact's own verdict answers its own question, or one whose every word it states.
        return answer if affirmed or own_question else _without_verdict(answer)
    if yes_no:
        if affirmed and not _NEGATION.search(answer):
            return f"Yes. {answer}"
        if corrected:
            return f"No. {answer}"
        return answer
    return _without_verdict(answer)


def _without_verdict(answer: str) -> str:
    rest = VERDICT.sub("", answer, count=1)
    return rest[:1].upper() + rest[1:]


def negated(question: str) -> bool:
    return bool(_NEGATION.search(question))


def clip(text: str, limit: int = MAX_ANSWER_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
