"""text -> Understanding: the one entry point of the understanding layer."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.knowledge.loader import KnowledgeBase
from bot.understanding.bulk import Normaliser, TermMaker, collector_paused
from bot.understanding.entities import DECADE, Entities, EntityIndex
from bot.understanding.intents import TopicClassifier, Wants, question_wants
from bot.understanding.normalise import normalise
from bot.understanding.terms import STOP_WORDS, SynonymMap, content_terms

SPELL_MIN_LENGTH = 4
SHORT_TYPO = 3
# OSA similarity: one edit (a swap counts as one) in five letters is 0.8; a hair under, as
# rapidfuzz computes it as 0.79999.
SPELL_CUTOFF = 0.79
CACHE_SIZE = 8192  # corrections remembered
_FOLLOW_UP_OPENERS = re.compile(
    r"^(and|also|what about|how about|same for|same question for|what of|ok and|and what about"
    r"|and for|and with|and in)\b"
)
_ANAPHORA = re.compile(
    r"\b(there|that country|this country|the country|the two countries|both countries|them|they"
    r"|their|it|its|that|those|these|the two|(his|her) (country|nation|government))\b"
)


# "he", "she": a person named before (the follow-up and the second half of a question).
PERSON_PRONOUN = re.compile(r"\b(he|him|his|she|her)\b")
# Greetings, thanks and chat about the bot: nothing to look up ("good morning" is not about
# good relations).
SMALL_TALK = re.compile(
    r"^((hey|hi|hello|yo|ok|okay)( there)? )?(good (morning|afternoon|evening|night|day)|gm|gn"
    r"|morning|evening|lol|lmao|haha+|ha+|ok|okay|cool|nice|great|awesome|help|help me"
    r"|can you help( me)?|yes|yeah|yep|no|nope|bye|goodbye|see (you|ya)|thanks?( you)?"
    r"|thank you|ty|who are you|what are you|what can you do|are you a bot|test(ing)?"
    r"|what time is it|what day is it|how are (you|u)( doing)?( today)?|whats up|sup|wassup|bruh"
    r"|are you there|(is )?any(one|body) (here|there|around|home|awake|alive|online)"
    r"|is this thing on|tell me a joke|(good|bad|nice) (bot|job)|well done|great job"
    r"|who (made|built|created|wrote|programmed) (you|u|this( bot)?)|what is (your|ur) name"
    r"|are (you|u) (an? )?(ai|human|robot|bot|real person|person)"
    r"( or (an? )?(ai|human|robot|bot|real person|person))?"
    r"|(can|do) (you|u) speak \w+|how do i use (this|you|u|it)( thing| bot)?"
    r"|(thanks?|thank you|thx|ty)"
    r"( (so|very) much| a lot| that (helped|helps)| for (the|your) help)*)"
    r"( a lot)?( bot| factbot| everyone| all| guys| yall| folks| man| bro)?$"
)
# "What is this article about?", "which countries does it cover?": about the source itself.
ABOUT_THE_SOURCE = re.compile(
    r"^(so |ok |and |hey |hi )?("
    r"what (is |are )?(this|the|that|your|ur|you|u) (article|piece|story|source|document|feature"
    r"|text|bot)( \w+)? about"
    r"|(what|which) (article|source|document|text|piece|info|information|data|topics?|subjects?)"
    r"( \w+){0,2} (do|does|can|r|are) (you|u)( \w+){0,4}"
    r"|(what|which) (countries|topics|subjects) (does|do|can) (the|this|your|ur|you|u|it)"
    r"( article| piece| source| bot)? (cover|know|discuss|talk about|answer|deal with)( \w+)?"
    r"|what (do|does|can) (you|u|the article|this article|it) (know|cover|talk) about"
    r"|what can i ask( (you|u))?( about)?|(sum up|summari[sz]e|give me a summary of|tldr|tl dr)"
    r"( of)?( the| this| your)?( article| piece| source| it)?( in (one|a) (sentence|line))?"
    r")$"
)
# "israeli backpacker here - how many...", "doing a school project, when did...": who is
# asking, not what.
_PREAMBLE = re.compile(
    r"^((\w+ ){1,3}here|(i am|im) (doing|writing|working on) .{0,40}?"
    r"|(doing|writing|working on) (a|my|an) (\w+ ){0,3}(project|essay|paper|report|homework"
    r"|assignment|quiz|lesson|presentation|thesis)( (on|about)( \w+){1,3}?)?)"
    r" (and |so )?(?=(how|what|whats|when|where|who|whos|which|why|is|are|was|were|did|does|do"
    r"|can|could|has|have)\b)"
)
# "Hi, I am a student from Vietnam. ...": where the asker is from is not what is asked about.
_INTRODUCTION = re.compile(
    r"\s*(?:(?:hi|hello|hey)\b[\s,!.]*)?(?:i am|i'm|i’m|im)\b[^.!?]{0,60}?\bfrom\b[^.!?,]{1,40}"
    r"[.!?,]\s*",
    re.IGNORECASE,
)
# Short words that are no typo: unknown to the fact base, they still change what is asked
# ("does Israel buy gas from Turkmenistan?" is not "does Turkmenistan have gas?").
_SHORT_WORDS = frozenset(
    "buy sell pay own win die fly ban tax fee job car gun map art sea ski god pet zoo".split()  # noqa: SIM905
)
# Question words typed in haste, too short for spelling correction: "wen did...", "hw many".
_HASTY_WORDS = {
    "wen": "when",
    "whn": "when",
    "wehn": "when",
    "wat": "what",
    "wut": "what",
    "wht": "what",
    "waht": "what",
    "hw": "how",
    "hwo": "how",
    "whr": "where",
    "wher": "where",
    "wich": "which",
    "whcih": "which",
    "whihc": "which",
    "hu": "who",
    # "yearly" stems like "year", which the synonyms cannot fold apart from it.
    "yearly": "annually",
}
# "Niyazov ruled until 2010, didn't he?", "Kazakhstan joined, right?"
_TAG_QUESTION = re.compile(
    r"\b(right|correct|true|(didnt|doesnt|isnt|wasnt|arent|werent|hasnt|havent|dont) "
    r"(he|she|it|they|there|we))$"
)
_YES_NO = re.compile(
    r"^(is|are|was|were|did|does|do|has|have|had|can|could|will|would|should|isnt|arent|wasnt"
    r"|didnt|doesnt|dont|hasnt|havent)\b"
)


@dataclass(frozen=True)
class Understanding:
    text: str
    normalised: str
    entities: Entities
    terms: tuple[str, ...]  # content terms, without the words that name the five countries
    wants: Wants
    topics: dict[str, float] = field(default_factory=dict)
    follow_up_opener: bool = False
    anaphora: bool = False
    yes_no: bool = False  # "did Netanyahu visit Kazakhstan?"

    @property
    def top_topic(self) -> str | None:
        return max(self.topics, key=self.topics.__getitem__) if self.topics else None


def _fact_texts(base: KnowledgeBase) -> Iterator[str]:
    """The texts whose words make the fact base's vocabulary."""
    for fact in base.facts:
        yield from (*fact.all_questions, *fact.keywords, fact.answer, fact.source.quote)


@dataclass(frozen=True)
class _Vocabulary:
    known: frozenset[str]  # words left as they are
    # Words misspellings are corrected to, by first letter: typos rarely change it, which
    # keeps "iphone" from "phone" and "rabi" from "arab".
    spell_targets: dict[str, list[str]]


class Understander:
    """Built once per knowledge base; `parse` is pure and fast.

    Spelling is corrected towards the words of the facts' texts. The index reads all those
    texts anyway and hands their words over (`learn_fact_words`); an understander without an
    index reads them itself when it first needs them."""

    @collector_paused()
    def __init__(self, base: KnowledgeBase) -> None:
        self._base = base
        self.synonyms = SynonymMap(base.lexicon.synonyms)
        self.entities = EntityIndex(base.lexicon)
        # Known besides the facts' words; only the topics' and synonyms' are spelling targets.
        self._entity_words = self.entities.entity_words() | STOP_WORDS
        self._lexicon_words = {
            w
            for text in (
                *(" ".join(g) for g in base.lexicon.synonyms),
                *(t for topic in base.topics.values() for t in (*topic.keywords, *topic.examples)),
            )
            for w in normalise(text).split()
        }
        self._learnt: _Vocabulary | None = None
        # Bounded: every new typo a user sends would otherwise stay for the life of the bot.
        self._closest = lru_cache(maxsize=CACHE_SIZE)(self._closest_known)
        self._country_words = frozenset(
            w
            for names in base.lexicon.countries.values()
            for alias in (names.name, *names.aliases, *names.cities)
            for w in normalise(alias).split()
        )
        self._person_words = {
            person.name: frozenset(
                w for alias in (person.name, *person.aliases) for w in normalise(alias).split()
            )
            for person in base.lexicon.people
        }
        topic_terms: dict[str, set[str]] = defaultdict(set)
        pairs = dict.fromkeys((f.topic, k) for f in base.facts for k in f.keywords)
        keywords = list(dict.fromkeys(k for _, k in pairs))
        terms = TermMaker(self.synonyms, lambda text: text)(Normaliser()(keywords))
        keyword_terms = dict(zip(keywords, terms, strict=True))
        for topic, keyword in pairs:
            topic_terms[topic].update(keyword_terms[keyword].split())
        self.topics = TopicClassifier(base.topics, topic_terms, self.synonyms)

    def learn_fact_words(self, words: set[str]) -> None:
        """The words of the facts' questions, keywords, answers and quotes, normalised."""
        vocabulary = words | self._lexicon_words
        targets: dict[str, list[str]] = defaultdict(list)
        for word in sorted(vocabulary):
            if len(word) >= SPELL_MIN_LENGTH and word.isalpha():
                targets[word[0]].append(word)
        self._learnt = _Vocabulary(frozenset(vocabulary | self._entity_words), targets)

    @property
    def _vocabulary(self) -> _Vocabulary:
        if self._learnt is None:
            normaliser = Normaliser()
            normaliser(list(_fact_texts(self._base)))
            self.learn_fact_words(normaliser.words())
            assert self._learnt is not None
        return self._learnt

    def _correct(self, word: str) -> str:
        """A misspelt word becomes the closest word the fact base uses, if one is close."""
        if word in self._vocabulary.known or len(word) < SPELL_MIN_LENGTH or not word.isalpha():
            return word
        return self._closest(word)

    def _closest_known(self, word: str) -> str:
        match = process.extractOne(
            word,
            self._vocabulary.spell_targets.get(word[0], []),
            scorer=OSA.normalized_similarity,
            score_cutoff=SPELL_CUTOFF,
            processor=None,
        )
        return match[0] if match else word

    def person_words(self, name: str) -> frozenset[str]:
        """The words of a person's name and aliases, as normalised."""
        return self._person_words.get(name, frozenset())

    def strip_country_words(self, normalised: str) -> str:
        """Country and city names select facts; they are not matched as words."""
        words = self._country_words
        # "kazakhstans", a possessive typed without its apostrophe, names the country too.
        return " ".join(
            w
            for w in normalised.split()
            if w not in words and not (w[-1:] == "s" and w[:-1] in words)
        )

    def _without_introduction(self, text: str) -> str:
        """The question without "I'm a student from Vietnam.", unless the asker is from a
        country of the article ("I'm from Kazakhstan, when did Israel open an embassy here?")."""
        introduced = _INTRODUCTION.match(text)
        if not introduced or not text[introduced.end() :].strip():
            return text
        words = normalise(introduced.group(0)).split()
        place = self.entities.extract(words, self._vocabulary.known)
        return text if place.countries or place.cities else text[introduced.end() :]

    def parse(self, text: str) -> Understanding:
        text = self._without_introduction(text)
        words = [_HASTY_WORDS.get(w, w) for w in normalise(text).split()]
        normalised = _PREAMBLE.sub("", " ".join(words))
        words = normalised.split()
        known = self._vocabulary.known
        entities = self.entities.extract(words, known)
        # An unknown word of three letters or fewer is a typo of a small word ("wsa", "teh"),
        # too short to correct safely; as a term it would only weigh against every fact.
        corrected = [
            self._correct(w)
            for w in words
            if w in known or len(w) > SHORT_TYPO or not w.isalpha() or w in _SHORT_WORDS
        ]
        # The tag of "..., right?" asks for a verdict; it is not a word the fact must say.
        asked = _TAG_QUESTION.sub(" ", " ".join(corrected))
        terms = content_terms(self.strip_country_words(asked), self.synonyms)
        if entities.decades:
            # A decade is checked against the facts' years (see scoring), not as a word.
            terms = [t for t in terms if not DECADE.fullmatch(t)]
        return Understanding(
            text=text,
            normalised=normalised,
            entities=entities,
            terms=tuple(dict.fromkeys(terms)),
            wants=question_wants(normalised),
            topics=self.topics.scores(terms),
            follow_up_opener=bool(_FOLLOW_UP_OPENERS.match(normalised)),
            anaphora=bool(_ANAPHORA.search(normalised)),
            yes_no=bool(_YES_NO.match(normalised) or _TAG_QUESTION.search(normalised)),
        )
