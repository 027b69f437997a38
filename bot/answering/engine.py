"""The answer engine: question (and conversation) in, sourced Answer out. No Discord here."""

from __future__ import annotations

import calendar
import math
import re
import time
from dataclasses import replace

from rapidfuzz import fuzz

from bot.answering import compose
from bot.answering.answer import Answer, Candidate, Outcome, SourceRef
from bot.answering.browse import Browser
from bot.answering.combined import CombinedAnswers
from bot.answering.computed import ISRAEL_ITSELF, ComputedAnswers
from bot.answering.conversation import Context, ConversationStore
from bot.answering.index import FactIndex
from bot.answering.listings import ListAnswers
from bot.answering.overviews import Overviews
from bot.answering.previous import HIS_COUNTRY, PreviousTurn
from bot.answering.quotes import QuoteFinder
from bot.answering.scoring import Scored, Scorer
from bot.answering.unstated import leaves_out
from bot.answering.verdicts import Verdicts, claims_no_more
from bot.knowledge.loader import KnowledgeBase
from bot.knowledge.schema import COUNTRIES, Fact
from bot.understanding.intents import Wants
from bot.understanding.parse import (
    ABOUT_THE_SOURCE,
    PERSON_PRONOUN,
    SMALL_TALK,
    Understander,
    Understanding,
)

# Confidence is a logistic curve over the combined score, fitted on the dev questions.
CONFIDENCE_MIDPOINT = 0.53
CONFIDENCE_STEEPNESS = 8.0
ANSWER_AT = 0.55  # confidence needed to answer
SURE_AT = 0.85  # above this the runner-up does not matter
MARGIN = 0.04  # lead in score over a different runner-up needed below SURE_AT
CLARIFY_AT = 0.25  # below this, abstain rather than offer suggestions
MAX_SUGGESTIONS = 3

_WHO_SAID_THAT = re.compile(
    r"^(and |so |but )?((who|whom) (said|says|say|claimed|claims|stated|states|wrote|reported"
    r"|reports|thinks|believes|told|estimated|estimates|expects) (that|this|it|so)\b"
    r"|(says|said) who$|according to (whom|who)$"
    r"|(who|what) is (the|your|ur) source( (for|of|behind) (that|this|the|those|these)( \w+)?)?$"
    r"|(whats )?(the |your |ur )?source$|sources?$)"
)
NEAR_PREVIOUS = 1.1
_IT = re.compile(r"\b(it|its|that|this)\b")
_ANOTHER_TIME = re.compile(
    r"\b(this year|last year|next year|now|today|currently|these days|nowadays|back then)\b"
)
_ANOTHER_ONE = re.compile(r"\b(other|another)\b")
_THAT_YEAR = re.compile(r"\b(in )?(that|the same|that same) year( too| as well| also)?$")
_POINTS_BACK = re.compile(r"\b(it|that|this|they|them|he|she|those|these)\b")
# "what else happened in Kazakhstan the same year Beit Rachel opened?": the event's date.
_SAME_TIME_AS = re.compile(
    r"\b(?:in |during )?(?:the )?(?:same (year|month)|(year)(?= (?:that|when|in which)\b))"
    r" (?:as |that |when |in which )?(.+)$"
)
# Israel's ties with a place the article names for other reasons: places of its own story.
_OURS = ISRAEL_ITSELF | {"silk road", "white house", "western europe", "caspian sea"}
_OURS |= {"soviet union", "ussr"}
_TIES = (
    r"(relations?|ties|embassy|embassies|ambassador|envoy|trade|agreements?|treaty|treaties"
    r"|cooperation|dealings)"
)
_SAY = re.compile(r"\bsay\b")
# "What else did he say about trade?": more of his words on that.
_MORE_SAID_ABOUT = re.compile(r"^(and |so )?what else (did|does) (he|she|they) say about (.+)$")
_ANYTHING_ELSE = re.compile(
    r"^(and |so )?(anything|something|what) else"
    r"( (did|does) (he|she|they) say| (he|she|they) said)?"
    r"( about (it|that|this|them|there|the (place|country|topic|subject)))?$"
    r"|^(tell me |say )?more( please)?$|^go on$"
)


# "Which rabbi is quoted...?" asks who, whatever else it asks.
_WHICH_ROLE = re.compile(
    r"\b(which|what) (\w+ )?(rabbi|ambassador|envoy|minister|president|leader|official)\b"
)


def _israels_ties_elsewhere(u: Understanding) -> tuple[str, ...]:
    """ "Does Israel have relations with Afghanistan?": the article names Afghanistan (as
    Tajikistan's neighbour) but tells nothing of Israel's ties with it."""
    if not re.search(r"\bisrael\b", u.normalised):
        return ()
    return tuple(
        place
        for place in u.entities.covered_places
        if place not in _OURS
        and re.search(rf"\b{_TIES} (with|in|to) (the )?{re.escape(place)}\b", u.normalised)
    )


def _break_tie(scored: list[Scored], normalised: str) -> Scored:
    """The best-scored fact; among facts scoring the same, the one whose own question reads
    most like the one asked (the rest of the scoring cannot tell them apart)."""
    tied = [s for s in scored if s.score == scored[0].score]
    if len(tied) == 1:
        return scored[0]
    return max(tied, key=lambda s: fuzz.token_sort_ratio(normalised, s.item.fact.question.lower()))


def _before(context: Context | None, countries: tuple[str, ...], topic: str) -> tuple[str, ...]:
    """The countries asked about earlier on the same topic, one by one ("and Kazakhstan?",
    "same for Kyrgyzstan?"), for "which one came first?"."""
    if context is None or len(countries) != 1 or context.topic != topic:
        return ()
    if len(context.countries) != 1:
        return ()
    earlier = (*context.before, *context.countries)
    return tuple(c for c in dict.fromkeys(earlier) if c not in countries)


def _same_answer(best: Scored, other: Scored, who: bool) -> bool:
    """Whether `other` adds nothing to `best`: declared related, its value or its quote
    already said, or, for "who" (or "which rabbi"), no one the best does not name."""
    a, b = best.item.fact, other.item.fact
    return (
        a.key_value == b.key_value
        or a.source.quote == b.source.quote  # two facts citing one sentence say the same
        or b.id in a.related
        or a.id in b.related
        or b.key_value.lower() in a.answer.lower()
        or (who and bool(b.people) and {p.name for p in b.people} <= {p.name for p in a.people})
    )


def confidence_of(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-CONFIDENCE_STEEPNESS * (score - CONFIDENCE_MIDPOINT)))


class Engine:
    def __init__(self, base: KnowledgeBase) -> None:
        self.knowledge = base
        self.understander = Understander(base)
        self.index = FactIndex(base, self.understander)
        self.scorer = Scorer(self.index)
        self.sources = compose.SourceBook(base)
        self.computed = ComputedAnswers(base, self.sources)
        self.listings = ListAnswers(base, self.sources)
        self.combined = CombinedAnswers(
            self.understander, self._lookup, self.sources, base.facts, self.index.terms_of
        )
        self.quotes = QuoteFinder(self._facts_sharing_words)
        self.conversations = ConversationStore()
        self.browse = Browser(base, self.sources)
        self._facts = base.by_id()
        self.overviews = Overviews(base, self._facts, self.understander, self.browse, self.sources)
        self._fact_list = base.facts  # once: the base makes this list anew on every access
        self._named_in_answer: dict[str, tuple[str, ...]] = {}
        self.verdicts = Verdicts(
            self.index, self.understander, self._facts, self.sources, self._answer
        )
        self.previous = PreviousTurn(
            self._facts, self.understander, self.combined, self.computed, self.listings
        )

    # -- asking -------------------------------------------------------------------------

    def ask(
        self, question: str, conversation: str | None = None, now: float | None = None
    ) -> Answer:
        now = time.monotonic() if now is None else now
        if len(question) > compose.MAX_QUESTION_CHARS:
            return Answer(question, Outcome.TOO_LONG, compose.too_long_text(), 0.0)
        u = self.understander.parse(question)
        context = self.conversations.get(conversation, now)
        if context is not None and _THAT_YEAR.search(u.normalised):
            # "what happened in Tajikistan that same year?": the year the last answer told of.
            date = self._facts[context.fact_id].date
            if date is not None:
                # ... and in the previous turn's country, unless the question names one.
                where = "" if u.entities.countries else " ".join(context.countries)
                when = f" in {where} in {date.year} " if where else f" in {date.year} "
                u = self.understander.parse(_THAT_YEAR.sub(when, u.normalised))
        u = self._at_the_time_of(u)
        entities = u.entities
        if ABOUT_THE_SOURCE.match(u.normalised) and not (entities.countries or entities.people):
            return self.overviews.about_the_source(question)
        nothing_asked = not (u.terms or entities.countries or entities.people or entities.region)
        words = u.normalised.split()
        repeated = len(words) >= 3 and len(set(words)) == 1  # "stan stan stan stan"
        if (
            SMALL_TALK.match(u.normalised)
            or repeated
            or (nothing_asked and (context is None or not u.normalised))
        ):
            return Answer(question, Outcome.ABSTAIN, compose.junk_text(), 0.0)
        foreign = entities.foreign or _israels_ties_elsewhere(u)
        if foreign:
            text = compose.abstain_text(self.knowledge.document.title, foreign)
            return Answer(question, Outcome.ABSTAIN, text, 0.0)

        said = self._who_said_that(u, context)
        if said is not None:
            return said
        bare = self._subject_asked(u, context)
        if bare is not None:
            self._remember(conversation, context, bare, u, now)
            return bare
        quoted = self.quotes.speaker_asked(question, u.normalised)
        if quoted is not None:
            return self.overviews.credited(u.text, quoted)
        since = self.previous.since(u, context) or self.previous.compared(u, context)
        if since is not None:
            self._remember(conversation, context, since, u, now)
            return since
        # A computed answer needs a question made of words the fact base knows ("reverse a
        # linked list" is not a question about relations).
        known = sum(term in self.index.idf for term in u.terms)
        computed = None
        if known * 3 >= len(u.terms) * 2:
            # "where did Israel put its first embassy there?": "there" is the previous country.
            of = u
            if context is not None and u.anaphora and not entities.countries:
                of = replace(u, entities=replace(entities, countries=context.countries))
            computed = (
                self.combined.events_in_order(of)
                or self.listings.answer(of)
                or self.computed.answer(of, context)
            )
        if computed is not None:
            self._remember(conversation, context, computed, u, now)
            return self.combined.before_or_after(u, computed)
        combined = self.previous.combined_answer(u, context)
        if combined is not None:
            self._remember(conversation, context, combined, u, now)
            return self.combined.before_or_after(u, combined)

        more = self._more_said_about(question, u, context)
        if more is not None:
            answer, u_used = more, u
        elif context is not None and _ANYTHING_ELSE.match(u.normalised):
            answer, u_used = self._anything_else(question, u, context)
        else:
            answer, u_used = self._answer_in_context(question, u, context)
        self._remember(conversation, context, answer, u_used, now)
        return answer

    def _subject_asked(self, u: Understanding, context: Context | None) -> Answer | None:
        """An overview of a country or person asked about with no particular question: named
        ("info on Lustig"), or, after an answer about someone, "who is he?"."""
        if u.yes_no:
            return None
        if context is None:
            return self.overviews.bare_subject(u)
        pointed = PERSON_PRONOUN.search(u.normalised) and not u.entities.people
        if pointed and len(context.people) == 1:
            return self.overviews.person(u, context.people[0])
        return None

    def _more_said_about(
        self, question: str, u: Understanding, context: Context | None
    ) -> Answer | None:
        """ "What else did he say about trade?": more of the previous speaker's words on it."""
        said_about = _MORE_SAID_ABOUT.match(u.normalised) if context is not None else None
        if context is None or said_about is None:
            return None
        about = frozenset(self.understander.parse(said_about.group(4)).terms)
        if not about:
            return None
        previous = self._facts[context.fact_id]
        return self.overviews.more_from_speaker(question, previous, about)

    def _anything_else(
        self, question: str, u: Understanding, context: Context
    ) -> tuple[Answer, Understanding]:
        """ "Anything else?": the previous question's next best answer; "what else did he
        say?": more of the speaker's words."""
        previous = self._facts[context.fact_id]
        more = (
            self.overviews.more_from_speaker(question, previous)
            if _SAY.search(u.normalised)
            else None
        )
        u = self.understander.parse(previous.question)
        answer = more or self._answer(question, u, context.countries, told=previous.id)
        return answer, replace(u, entities=replace(u.entities, countries=context.countries))

    def _remember(
        self,
        conversation: str | None,
        context: Context | None,
        answer: Answer,
        u: Understanding,
        now: float,
    ) -> None:
        """What the next turn of the conversation may lean on: the answer's (first) fact, its
        countries, and whom it is about. Answers combining several facts keep the people the
        question named ("what was his job?" after "which countries did Peres visit?")."""
        talked_about = answer.outcome in (Outcome.ANSWERED, Outcome.NOT_GIVEN)
        if not talked_about or conversation is None or not answer.fact_ids:
            return
        fact = self._facts[answer.fact_ids[0]]
        countries = tuple(c for c in fact.countries if c in COUNTRIES)
        people = self._people_told(fact)
        # "who did he replace?" "Glusman...; Bistritsky replaced him": he is still Bistritsky.
        pointed = context is not None and bool(PERSON_PRONOUN.search(u.normalised))
        subject = u.entities.people or (context.people if context and pointed else ())
        named = {*people, *self._named_in(fact)}
        people = tuple(p for p in subject if p in named) or people
        if len(answer.fact_ids) > 1:
            every = (self._facts[i].countries for i in answer.fact_ids)
            countries = tuple(dict.fromkeys(c for cs in every for c in cs if c in COUNTRIES))
            people = u.entities.people or people
        self.conversations.put(
            conversation,
            Context(
                countries or u.entities.countries,
                u.terms,
                fact.topic,
                fact.id,
                now,
                u.wants,
                people or u.entities.people,
                _before(context, countries, fact.topic),
            ),
        )

    def _people_told(self, fact: Fact) -> tuple[str, ...]:
        """Whom a fact's answer is about: its people, else those its answer names ("Eli Cohen
        inaugurated..."), for a "he" in the next turn."""
        if fact.people:
            return tuple(person.name for person in fact.people)
        return self._named_in(fact)

    def _named_in(self, fact: Fact) -> tuple[str, ...]:
        """The people a fact's answer names."""
        if fact.id not in self._named_in_answer:
            named = self.understander.parse(fact.answer).entities.people
            self._named_in_answer[fact.id] = named
        return self._named_in_answer[fact.id]

    def _who_said_that(self, u: Understanding, context: Context | None) -> Answer | None:
        """ "Who said that?": whom the source of the previous answer credits."""
        if context is None or not _WHO_SAID_THAT.match(u.normalised):
            return None
        return self.overviews.credited(u.text, self._facts[context.fact_id])

    def _answer_in_context(
        self, question: str, u: Understanding, context: Context | None
    ) -> tuple[Answer, Understanding]:
        """Answer alone, and, for what reads like a follow-up, also as a continuation of the
        previous turn ("and with Tajikistan?", "who is the ambassador there?"); keep the surer."""
        # "his country" is the previous turn's country, not a question about him.
        pronoun = context is not None and bool(
            PERSON_PRONOUN.search(HIS_COUNTRY.sub(" ", u.normalised))
        )
        # A place or person the question names itself: "and Iran, how does it see the region?"
        names_other = bool(set(u.entities.covered_places) - {"israel"} or u.entities.people)
        if context is not None and pronoun and not u.entities.people and context.people:
            # "did he go to Kyrgyzstan too?": he is whom the previous turn was about.
            u = replace(u, entities=replace(u.entities, people=context.people))
        alone = self._answer(question, u, u.entities.countries)
        if context is None:
            return alone, u
        follows = u.follow_up_opener or u.anaphora or pronoun or len(u.terms) <= 1
        if not follows and alone.answered:
            return alone, u
        inherit = not u.entities.countries and not u.entities.region
        countries = context.countries if inherit else u.entities.countries
        # "what about this year?" after a 2024 figure: 2024 is not asked any more.
        new_time = bool(u.entities.years or _ANOTHER_TIME.search(u.normalised))
        earlier = tuple(t for t in context.terms if not (new_time and t.isdigit()))
        merged_terms = tuple(dict.fromkeys((*earlier, *u.terms)))
        # "and in Tajikistan?" asks what the previous turn asked; a question of its own does not.
        short = u.follow_up_opener or len(u.terms) <= 1
        wants = context.wants if u.wants is Wants.ANY and short else u.wants
        attempts = [replace(u, wants=wants)]
        if len(u.terms) <= 3 or u.follow_up_opener:
            topics = self.understander.topics.scores(list(merged_terms))
            attempts.append(replace(u, terms=merged_terms, topics=topics, wants=wants))
            # Terms pile up over turns; the previous answer's own question says what it was
            # about ("and with Uzbekistan?" after two turns on Kazakhstan's trade).
            answered = self.understander.parse(self._facts[context.fact_id].question)
            asked = tuple(t for t in answered.terms if not (new_time and t.isdigit()))
            about = tuple(dict.fromkeys((*asked, *u.terms)))
            if about != merged_terms and (u.follow_up_opener or not u.terms):
                topics = self.understander.topics.scores(list(about))
                asks = answered.wants if u.wants is Wants.ANY else u.wants
                attempts.append(replace(u, terms=about, topics=topics, wants=asks))
        # With "it", "there" or "that country" and no country of its own, the question is about
        # the previous turn's country: it is not answered about another one. ("He" names a
        # person, who may well be asked about elsewhere.)
        # "which other country does he cover?" is about another country than the previous one.
        elsewhere = names_other or bool(_ANOTHER_ONE.search(u.normalised))
        about_previous = inherit and (u.anaphora or u.follow_up_opener) and not elsewhere
        best, best_u = (None, u) if about_previous else (alone, u)
        fallback = alone
        # "when did it come into force?": "it" is what the previous answer told of, so its
        # fact and the facts declared related to it come first among equals.
        previous = self._facts[context.fact_id]
        near = {previous.id, *previous.related} if _IT.search(u.normalised) else set()
        for attempt in attempts:
            answer = self._answer(question, attempt, countries, near)
            if not answer.answered:
                fallback = answer if about_previous else fallback
                continue
            if best is None or not best.answered or answer.confidence > best.confidence:
                best = answer
                best_u = replace(attempt, entities=replace(attempt.entities, countries=countries))
        if (best is None or not best.answered) and not inherit and not new_time:
            # "what about Kazakhstan?" after Uzbek trade in 2023: the year was the previous
            # country's; the new one may give its figure for another year, or undated.
            last = attempts[-1]
            yearless = tuple(t for t in last.terms if not t.isdigit())
            if yearless != last.terms:
                topics = self.understander.topics.scores(list(yearless))
                attempt = replace(last, terms=yearless, topics=topics)
                answer = self._answer(question, attempt, countries, near)
                if answer.answered:
                    return answer, replace(
                        attempt, entities=replace(attempt.entities, countries=countries)
                    )
        return (best, best_u) if best is not None else (fallback, u)

    def _facts_sharing_words(self, text: str) -> list[Fact]:
        terms = self.understander.parse(text).terms
        return [self._fact_list[position] for position in self.index.candidates((), terms)]

    def _at_the_time_of(self, u: Understanding) -> Understanding:
        """The question with "the same year as <event>" read as the event's year (or month)."""
        match = _SAME_TIME_AS.search(u.normalised)
        if match is None:
            return u
        event = match.group(3)
        # "the same year it was signed" is a follow-up; "the year that followed" names no event.
        if _POINTS_BACK.search(event) or len(self.understander.parse(event).terms) < 2:
            return u
        countries = self.understander.parse(event).entities.countries or u.entities.countries
        fact = self._lookup(event, countries, Wants.DATE)
        if fact is None or fact.date is None:
            return u
        when = str(fact.date.year)
        if match.group(1) == "month" and fact.date.month is not None:
            when = f"{calendar.month_name[fact.date.month]} {when}"
        return self.understander.parse(f"{u.normalised[: match.start()]} in {when}")

    def _lookup(self, text: str, countries: tuple[str, ...], wants: Wants) -> Fact | None:
        """The fact that confidently answers `text` about `countries`, for combined answers."""
        u = self.understander.parse(text)
        u = replace(u, entities=replace(u.entities, countries=countries), wants=wants)
        answer = self._answer(text, u, countries)
        return self._facts[answer.fact_ids[0]] if answer.answered else None

    def _answer(
        self,
        question: str,
        u: Understanding,
        countries: tuple[str, ...],
        near: set[str] | frozenset[str] = frozenset(),
        correct: bool = True,
        told: str | None = None,
    ) -> Answer:
        """`correct`: a yes/no question this does not answer may be asked again without its
        claim (see _answer_corrected), once. `told`: a fact already given, left out."""
        if correct and u.yes_no and u.entities.people:
            other = self.verdicts.someone_else(question, u, countries, near)
            if other is not None:
                return other
        positions = self.index.candidates(countries, u.terms)
        scored = self.scorer.score(u, countries, positions)
        if told is not None:
            scored = [s for s in scored if s.item.fact.id != told]
        if near:
            scored = sorted(
                (
                    replace(s, score=s.score * NEAR_PREVIOUS) if s.item.fact.id in near else s
                    for s in scored
                ),
                key=lambda s: -s.score,
            )
        if not scored:
            return Answer(
                question, Outcome.ABSTAIN, compose.abstain_text(self.knowledge.document.title), 0.0
            )
        best = _break_tie(scored, u.normalised)
        who = u.wants is Wants.PERSON or bool(_WHICH_ROLE.search(u.normalised))
        confidence = confidence_of(best.score)
        runner_up = next(
            (s for s in scored if s is not best and not _same_answer(best, s, who)), None
        )
        lead = best.score - runner_up.score if runner_up else best.score
        candidates = tuple(
            Candidate(s.item.fact.id, s.item.fact.question, round(s.score, 4)) for s in scored[:5]
        )
        if confidence >= ANSWER_AT and (lead >= MARGIN or confidence >= SURE_AT):
            if correct and u.yes_no and u.entities.cities and confidence < SURE_AT:
                # "Is Central Asia's largest synagogue in Tashkent?": the city may be the claim
                # to correct, and the fact elsewhere.
                elsewhere = self.verdicts.asked_again(question, u, countries, near)
                if elsewhere is not None and elsewhere.confidence > confidence:
                    return elsewhere
            fact = best.item.fact
            # "Kazakhstan trade in 2023" meets "around $500 million annually": said, but not
            # of the year asked.
            other_year = bool(u.entities.years) and best.item.ongoing and not u.yes_no
            if other_year or leaves_out(
                fact, best.item.gaps, u.wants, u.terms, u.normalised, u.yes_no
            ):
                return Answer(
                    question,
                    Outcome.NOT_GIVEN,
                    compose.not_given_text(
                        compose.for_question(fact.answer, yes_no=False),
                        u.entities.years if other_year else (),
                    ),
                    confidence,
                    (fact.id,),
                    (self.sources.ref(fact),),
                    (),
                    candidates,
                )
            return Answer(
                question,
                Outcome.ANSWERED,
                compose.clip(
                    compose.for_question(
                        fact.answer,
                        u.yes_no,
                        self.verdicts.affirms(u, fact),
                        self.verdicts.corrects(u, best),
                        # A close match asks the fact's own question, its verdict included,
                        # unless it claims more ("was Peres the first PM to visit?").
                        own_question=u.yes_no and confidence >= SURE_AT and claims_no_more(u, best),
                    )
                ),
                confidence,
                (fact.id,),
                (self.sources.ref(fact),),
                (),
                candidates,
            )
        corrected = self.verdicts.asked_again(question, u, countries, near) if correct else None
        if corrected is None and correct and u.yes_no:
            corrected = self.verdicts.in_another_country(question, u, near)
        if corrected is not None:
            return corrected
        suggestions = self._suggestions(scored)
        if confidence >= CLARIFY_AT and suggestions:
            return Answer(
                question,
                Outcome.CLARIFY,
                compose.clarify_text(),
                confidence,
                suggestions=suggestions,
                candidates=candidates,
            )
        return Answer(
            question,
            Outcome.ABSTAIN,
            compose.abstain_text(self.knowledge.document.title),
            confidence,
            candidates=candidates,
        )

    def _suggestions(self, scored: list[Scored]) -> tuple[str, ...]:
        floor = scored[0].score * 0.7
        return tuple(s.item.fact.question for s in scored[:MAX_SUGGESTIONS] if s.score >= floor)

    def source_of(self, fact_id: str) -> SourceRef | None:
        """The source of one fact (quote, credit and paragraph), or None for an unknown id."""
        fact = self._facts.get(fact_id)
        return self.sources.ref(fact) if fact is not None else None
