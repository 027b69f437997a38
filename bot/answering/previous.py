"""Answers worked out against the previous turn of a conversation: "which of the two was
first?", "how many years after relations were established was that?", "how much bigger is
Uzbekistan's?", "so how much did it grow?", and a "he" in a combined question."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.answering.answer import Answer
from bot.answering.combined import CHANGE_WORDS, CombinedAnswers
from bot.answering.computed import ComputedAnswers
from bot.answering.conversation import Context
from bot.answering.listings import ListAnswers
from bot.knowledge.schema import Fact
from bot.understanding.parse import PERSON_PRONOUN, Understander, Understanding

# "his country" is the previous turn's country, not a question about him.
HIS_COUNTRY = re.compile(r"\b(his|her) (country|nation|government|state|people)\b")
# "how much bigger is Uzbekistan's?", "is that more than Kyrgyzstan?": a comparison.
_COMPARING = re.compile(
    r"\b(bigger|larger|smaller|more|fewer|less|higher|lower|difference|compare|compared|vs"
    r"|versus|than)\b"
)
_BOTH = re.compile(r"\b(the two|those two|these two|both|which one|which of (them|those|these))\b")


class PreviousTurn:
    def __init__(
        self,
        facts: dict[str, Fact],
        understander: Understander,
        combined: CombinedAnswers,
        computed: ComputedAnswers,
        listings: ListAnswers,
    ) -> None:
        self._facts = facts
        self._understander = understander
        self._combined = combined
        self._computed = computed
        self._listings = listings

    def combined_answer(self, u: Understanding, context: Context | None) -> Answer | None:
        """Answers combining facts. They name what they combine; with context, a bare question
        may lean on it ("how many years was he in charge?": he is whom the previous turn named)."""
        of = u
        pointed = context is not None and bool(
            PERSON_PRONOUN.search(HIS_COUNTRY.sub(" ", u.normalised))
        )
        if context is not None and pointed and len(context.people) == 1 and not u.entities.people:
            of = self._understander.parse(PERSON_PRONOUN.sub(context.people[0], u.normalised))
        if context is None or of.entities.countries or of.entities.people:
            return self._combined.answer(of)
        return self._the_two(u, context) or self._change_of_previous(u, context)

    def _the_two(self, u: Understanding, context: Context | None) -> Answer | None:
        """ "Which of the two was first?" after turns about two countries (or "which one" after
        more): the previous turn's question, asked of each."""
        if context is None or not context.before or not _BOTH.search(u.normalised):
            return None
        asked = self._understander.parse(f"{self._facts[context.fact_id].question} {u.normalised}")
        every = (*context.before, *context.countries)
        asked = replace(asked, entities=replace(asked.entities, countries=every))
        if len(every) == 2 and (both := self._combined.answer(asked)) is not None:
            return both
        return self._listings.answer(asked) or self._computed.answer(asked, None)

    def since(self, u: Understanding, context: Context | None) -> Answer | None:
        """ "How many years after relations were established was that?": the time between the
        previous answer's event and the one named, in the previous turn's country."""
        if context is None or u.entities.countries or u.entities.people:
            return None
        previous = self._facts[context.fact_id]
        return self._combined.since_fact(u, previous, context.countries)

    def compared(self, u: Understanding, context: Context | None) -> Answer | None:
        """ "How much bigger is Uzbekistan's?" after Kazakhstan's Jewish population: the
        previous question, asked of both countries."""
        named = u.entities.countries
        if context is None or len(named) != 1 or len(context.countries) != 1:
            return None
        if named[0] in context.countries or not _COMPARING.search(u.normalised):
            return None
        previous = self._facts[context.fact_id].question
        asked = self._understander.parse(f"{previous} {u.normalised}")
        both = (context.countries[0], named[0])
        asked = replace(asked, entities=replace(asked.entities, countries=both))
        return self._computed.answer(asked, None) or self._combined.answer(asked)

    def _change_of_previous(self, u: Understanding, context: Context | None) -> Answer | None:
        """ "So how much did it grow?" after a figure: the change in what the previous turn
        was about."""
        if context is None or not CHANGE_WORDS.search(u.normalised):
            return None
        asked = self._understander.parse(f"{self._facts[context.fact_id].question} {u.normalised}")
        asked = replace(asked, entities=replace(asked.entities, countries=context.countries))
        return self._combined.answer(asked)
