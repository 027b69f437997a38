"""Answers about a subject rather than to a question: the source itself ("what is this article
about?"), a bare country or person ("kazakhstan?", "info on Lustig"), and whom the article
credits with a fact's words ("who said that?")."""

from __future__ import annotations

from bot.answering import compose
from bot.answering.answer import Answer, Outcome
from bot.answering.browse import Browser
from bot.knowledge.loader import KnowledgeBase
from bot.knowledge.schema import Fact
from bot.understanding.parse import Understander, Understanding
from bot.understanding.terms import STOP_WORDS

OVERVIEW_CONFIDENCE = 0.9  # these name their subject outright; a follow-up may lean on them
MORE_SAID = 3  # "what else did he say?" gets this many more of his sayings
# Words that ask for nothing in particular about a country ("info on Kyrgyzstan").
_OVERVIEW_WORDS = frozenset(
    {"info", "information", "overview", "summary", "summarise", "summarize", "details"}
    | {"facts", "brief", "basics", "rundown", "relations", "ties"}
)
# ... and about a person: "what's his job exactly?" is answered by all the article says of him.
_ABOUT_SOMEONE = _OVERVIEW_WORDS | {
    "job",
    "position",
    "role",
    "title",
    "post",
    "occupation",
    "background",
    "bio",
    "exactly",
    "again",
}


class Overviews:
    def __init__(
        self,
        base: KnowledgeBase,
        facts: dict[str, Fact],
        understander: Understander,
        browse: Browser,
        sources: compose.SourceBook,
    ) -> None:
        self._document = base.document
        self._facts = facts  # the engine's, by id (one dict: a large base makes it costly)
        self._understander = understander
        self._browse = browse
        self._sources = sources
        self._credited_people: dict[str, tuple[str, ...]] = {}

    def _country(self, question: str, country: str) -> Answer | None:
        """The main facts on a country: relations, embassy, ambassador, trade, tourism, Jews."""
        lines = self._browse.country_overview(country)
        if not lines:
            return None
        text = "\n".join(f"• {compose.for_question(line.text, yes_no=False)}" for line in lines)
        headline = f"Israel and {compose.country_name(country)}, in brief:"
        return Answer(
            question,
            Outcome.ANSWERED,
            compose.clip(f"{headline}\n{text}"),
            OVERVIEW_CONFIDENCE,
            tuple(fid for line in lines for fid in line.fact_ids),
            tuple(source for line in lines for source in line.sources),
        )

    def about_the_source(self, question: str) -> Answer:
        """ "What is this article about?": the document, and the facts saying what it covers."""
        document = self._document
        facts = [self._facts[i] for i in document.overview_facts if i in self._facts]
        summary = document.description.split(". ")[0].rstrip(".")
        summary = summary[:1].lower() + summary[1:]
        lines = [f'My source is one article, "{document.title}": {summary}.']
        lines += [f"• {compose.for_question(f.answer, yes_no=False)}" for f in facts]
        return Answer(
            question,
            Outcome.ANSWERED if facts else Outcome.ABSTAIN,
            compose.clip("\n".join(lines)),
            OVERVIEW_CONFIDENCE if facts else 0.0,
            tuple(f.id for f in facts),
            tuple(self._sources.ref(f) for f in facts),
        )

    def bare_subject(self, u: Understanding) -> Answer | None:
        """ "Tell me about Uzbekistan", "kazakhstan?", "info on Lustig": a country or a person,
        no question: an overview."""
        entities = u.entities
        if len(entities.countries) == 1:
            words = self._understander.strip_country_words(u.normalised).split()
            if all(w in STOP_WORDS or w in _OVERVIEW_WORDS for w in words):
                return self._country(u.text, entities.countries[0])
        if len(entities.people) == 1 and not entities.countries:
            return self.person(u, entities.people[0])
        return None

    def person(self, u: Understanding, name: str) -> Answer | None:
        """All the article says of someone, for a question asking nothing in particular about
        them ("info on Lustig", or "what's his job?" after an answer about him)."""
        words = u.normalised.split()
        names = self._understander.person_words(name)
        asked = [w for w in words if w not in names and w.removesuffix("s") not in names]
        if not all(w in STOP_WORDS or w in _ABOUT_SOMEONE for w in asked):
            return None
        facts = self._browse.person_facts(name)
        if not facts:
            return None
        lines = [f"• {compose.for_question(f.answer, yes_no=False)}" for f in facts]
        return Answer(
            u.text,
            Outcome.ANSWERED,
            compose.clip("\n".join([f"{name}, in the article:", *lines])),
            OVERVIEW_CONFIDENCE,
            tuple(f.id for f in facts),
            tuple(self._sources.ref(f) for f in facts),
        )

    def more_from_speaker(
        self, question: str, fact: Fact, about: frozenset[str] = frozenset()
    ) -> Answer | None:
        """ "What else did he say?" after a quote: up to three more things the speaker says on
        the same country (or, said of none, on any), each sentence of the article once; with
        `about` ("... about trade"), only what says those terms."""
        speaker = fact.source.speaker
        if not speaker:
            return None
        # One person is credited in several ways ("Yuval Fuchs told the Magazine").
        who = self._people_in(speaker)
        quotes = {fact.source.quote}
        theirs = []
        for other in self._facts.values():
            credit = other.source.speaker
            if credit is None or other.source.quote in quotes:
                continue
            if credit == speaker or (who and who == self._people_in(credit)):
                quotes.add(other.source.quote)
                theirs.append(other)
        if about:
            theirs = [f for f in theirs if about <= self._terms_said(f)]
        same = [f for f in theirs if set(f.countries) & set(fact.countries)]
        chosen = (same or theirs)[:MORE_SAID]
        if not chosen:
            return None
        lines = [f"• {compose.for_question(f.answer, yes_no=False)}" for f in chosen]
        headline = f"More from {who[0]}:" if who else "More from the same source:"
        return Answer(
            question,
            Outcome.ANSWERED,
            compose.clip("\n".join([headline, *lines])),
            OVERVIEW_CONFIDENCE,
            tuple(f.id for f in chosen),
            tuple(self._sources.ref(f) for f in chosen),
        )

    def _terms_said(self, fact: Fact) -> frozenset[str]:
        text = f"{fact.question} {fact.answer} {fact.source.quote}"
        return frozenset(self._understander.parse(text).terms)

    def _people_in(self, credit: str) -> tuple[str, ...]:
        if credit not in self._credited_people:
            self._credited_people[credit] = self._understander.parse(credit).entities.people
        return self._credited_people[credit]

    def credited(self, question: str, fact: Fact) -> Answer:
        """Whom the article credits with a fact's words, and the fact."""
        who = fact.source.speaker or "The article itself, in its own reporting"
        who = who[:1].upper() + who[1:]
        text = f"{who}: {compose.for_question(fact.answer, yes_no=False)}"
        return Answer(
            question,
            Outcome.ANSWERED,
            compose.clip(text),
            OVERVIEW_CONFIDENCE,
            (fact.id,),
            (self._sources.ref(fact),),
        )
