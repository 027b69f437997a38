"""Bulk normalising and term making give exactly what the one-text functions give."""

from __future__ import annotations

import pytest

from bot.answering.index import FactIndex
from bot.knowledge import DEFAULT_KNOWLEDGE_DIR, load_knowledge
from bot.knowledge.loader import KnowledgeBase
from bot.tools.bench import synthetic
from bot.understanding import bulk
from bot.understanding.normalise import normalise
from bot.understanding.parse import Understander
from bot.understanding.terms import content_terms

AWKWARD = (
    "",
    "   ",
    "```code fence``` after",
    "James' hat and Israel's embassy",
    "it's 1,000. And .5 or 5.",
    "ΣΑΣ café é́",
    "in israel, to Israel embassy, tel aviv and Jerusalem",
    "set up a diplomatic mission; prime minister",
    "see www.example.com/a?b or https://x.y/z!",
    "<@123> <#456> <t:1700000000:R> <a:wave:789> hi",
    "\x00ctrl\x07 a\rb\x1cc\tmulti\nline",
    "x@everyone y @here",
    f"a {bulk.SEPARATOR} b",
    "Kazakhstan’s “embassy” – opened…",
    "he travelled to",  # a direction phrase split between two texts marks neither
    "israel and tel",
    "aviv",
    "flew to tashkent israel",  # the city stripped first: "to israel"
    "in israel ties",
    "they set",  # a synonym phrase split between two texts is no phrase
    "up diplomatic",
    "ties with the head of",
    "state",
    "head of state set up diplomatic diplomatic relations right right now these",
    "1\u00a0000 people, 2\u202f500 more; a\u2028b x\u200by Ｆｕｌｌ ｗｉｄｔｈ",
)


@pytest.fixture(scope="module")
def base() -> KnowledgeBase:
    template, _ = load_knowledge(DEFAULT_KNOWLEDGE_DIR)
    assert template is not None
    return synthetic.SyntheticFacts(template, 3).base(300)


@pytest.fixture(scope="module")
def texts(base: KnowledgeBase) -> list[str]:
    facts = [
        text
        for fact in base.facts
        for text in (*fact.all_questions, *fact.keywords, fact.answer, fact.source.quote)
    ]
    return [*facts, *AWKWARD, *AWKWARD]  # repeated, as quotes repeat


def test_normalising_in_bulk_is_normalising_each(texts: list[str]) -> None:
    normaliser = bulk.Normaliser()
    assert normaliser(texts) == [normalise(t) for t in texts]
    assert normaliser.words() == {w for t in texts for w in normalise(t).split()}
    assert normaliser(texts) == [normalise(t) for t in texts]  # from what it remembered


@pytest.mark.parametrize("text", [bulk.SEPARATOR, f"{bulk.SEPARATOR.upper()}.", "a b"])
def test_the_separator_is_a_word_only_of_texts_using_it(text: str) -> None:
    normaliser = bulk.Normaliser()
    normaliser(["x", text, "y"])
    assert normaliser.words() == {"x", "y", *normalise(text).split()}


def test_terms_in_bulk_are_each_texts_terms(base: KnowledgeBase, texts: list[str]) -> None:
    understander = Understander(base)
    normalised = [normalise(t) for t in texts]
    expected = [
        " ".join(content_terms(understander.strip_country_words(n), understander.synonyms))
        for n in normalised
    ]
    maker = bulk.TermMaker(understander.synonyms, understander.strip_country_words)
    assert maker(normalised) == expected


def test_digesting_is_normalising_then_making_terms(base: KnowledgeBase, texts: list[str]) -> None:
    understander = Understander(base)
    normaliser = bulk.Normaliser()
    maker = bulk.TermMaker(understander.synonyms, understander.strip_country_words)
    digest = bulk.Digester(normaliser, maker)
    normalised = [normalise(t) for t in texts]
    expected = bulk.TermMaker(understander.synonyms, understander.strip_country_words)(normalised)
    assert digest(texts) == (normalised, expected)
    assert digest(texts[::-1]) == (normalised[::-1], expected[::-1])  # from what it remembered


def test_the_index_teaches_the_understander_the_words_it_would_read(base: KnowledgeBase) -> None:
    alone = Understander(base)
    taught = Understander(base)
    FactIndex(base, taught)
    assert taught._vocabulary == alone._vocabulary
