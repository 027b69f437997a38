"""Normalising and entity extraction against the shipped lexicon."""

from __future__ import annotations

import pytest

from bot.knowledge import DEFAULT_KNOWLEDGE_DIR, load_knowledge
from bot.understanding.intents import Wants, question_wants
from bot.understanding.normalise import normalise
from bot.understanding.parse import Understander
from bot.understanding.terms import TO_ISRAEL, SynonymMap, content_terms


@pytest.fixture(scope="module")
def understander() -> Understander:
    base, _ = load_knowledge(DEFAULT_KNOWLEDGE_DIR)
    assert base is not None
    return Understander(base)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("When did Israel’s embassy in Ashgabat OPEN?", "when did israel embassy in ashgabat open"),
        ("<@123456789> trade was $211 million", "trade was 211 million"),
        ("3,300 Jews", "3300 jews"),
        ("Kyrgyz–Israeli ties", "kyrgyz israeli ties"),
        ("ka\u200bzakh\u202estan", "kazakhstan"),
        ("Z̴̛a̷l̸g̵o̶", "zalgo"),
        ("@everyone  see https://example.com/x  now", "see now"),
        ("```code```   \n\t spaced ", "spaced"),
        ("He ruled until 2006, didn’t he? It isn't", "he ruled until 2006 didnt he it isnt"),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


@pytest.mark.parametrize(
    ("question", "country"),
    [
        ("when did israel recognise kazakstan", "kazakhstan"),
        ("kyrgystan ambassador", "kyrgyzstan"),
        ("tajikstan border", "tajikistan"),
        ("uzbekstan trade", "uzbekistan"),
        ("israeli embassy in Ashgabat", "turkmenistan"),
        ("jews of samarkand", "uzbekistan"),
        ("who is the envoy in astana", "kazakhstan"),
        ("last jew of khujand", "tajikistan"),
        ("what do Kyrgyz farmers want", "kyrgyzstan"),
    ],
)
def test_countries_from_names_typos_demonyms_and_cities(
    understander: Understander, question: str, country: str
) -> None:
    assert understander.parse(question).entities.countries == (country,)


def test_people_years_and_foreign_places(understander: Understander) -> None:
    u = understander.parse("Did Lustig visit Dushanbe in 2024 or was it Mongolia in 1993?")
    assert u.entities.people == ("Gideon Lustig",)
    assert u.entities.years == (2024, 1993)
    assert u.entities.foreign == ("mongolia",)
    assert u.entities.countries == ("tajikistan",)


def test_years_are_never_fuzzy(understander: Understander) -> None:
    assert understander.parse("what happened in 1993").entities.years == (1993,)
    assert understander.parse("what happened in 1993").entities.numbers == ()


def test_a_number_with_a_unit_is_no_year(understander: Understander) -> None:
    assert understander.parse("is the border about 2000 km long").entities.years == ()
    assert understander.parse("were there 1900 jews in 2000").entities.years == (2000,)


def test_covered_places_are_not_foreign(understander: Understander) -> None:
    entities = understander.parse("how much did china invest, and what about iran?").entities
    assert entities.foreign == ()
    assert set(entities.covered_places) == {"china", "iran"}


def test_a_possessive_typed_without_its_apostrophe_names_the_country(
    understander: Understander,
) -> None:
    assert understander.parse("who is kazakhstans chief rabbi").entities.countries == (
        "kazakhstan",
    )
    assert understander.parse("netanyahus visit").entities.people == ("Benjamin Netanyahu",)


def test_typos_in_ordinary_words_are_corrected(understander: Understander) -> None:
    assert (
        understander.parse("kazakhstan embasy").terms
        == understander.parse("kazakhstan embassy").terms
    )
    # The closest word overall may start differently ("arab"); only same-letter words count.
    assert understander.parse("chief rabi").terms == understander.parse("chief rabbi").terms


@pytest.mark.parametrize(
    ("question", "wants"),
    [
        ("when did they sign", Wants.DATE),
        ("what years were the revolutions", Wants.DATE),
        ("why did the number of jews in kazakhstan swell", Wants.ANY),
        ("who is the ambassador", Wants.PERSON),
        ("how many jews live there", Wants.FIGURE),
        ("where is the embassy", Wants.PLACE),
        ("tell me about trade", Wants.ANY),
        ("what was the name of his book", Wants.ANY),
        ("what proportion of the country is mountains", Wants.FIGURE),
        ("which country is like them when it comes to religion", Wants.ANY),
        ("what do israelis miss when flying east", Wants.ANY),
        ("kazakh president name", Wants.PERSON),
        ("bukharan jews count", Wants.FIGURE),
        ("how much was the deal worth", Wants.MONEY),
        ("which israeli company signed the deal", Wants.COMPANY),
        ("what airline flies there", Wants.COMPANY),
        ("what does lustig advise people who see an opportunity", Wants.ANY),
        ("israeli officials who visited tajikistan", Wants.PERSON),
        ("according to lustig who understands the market faster", Wants.PERSON),
        ("how often has he been to dushanbe", Wants.FIGURE),
    ],
)
def test_question_wants(question: str, wants: Wants) -> None:
    assert question_wants(normalise(question)) is wants


@pytest.mark.parametrize(
    ("typed", "decade"),
    [("in the 90s", 1990), ("the '80s", 1980), ("early nineties", 1990), ("the 2010s", 2010)],
)
def test_decades_are_one_spelling_and_an_entity(
    understander: Understander, typed: str, decade: int
) -> None:
    assert f"{decade}s" in normalise(typed).split()
    parsed = understander.parse(typed)
    assert parsed.entities.decades == (decade,)
    assert not any(t.endswith("0s") for t in parsed.terms)  # checked against years, not as a word


def test_words_ending_like_a_decade_are_left_alone() -> None:
    assert normalise("parties in the 100s") == "parties in the 100s"


def test_hasty_question_words_are_read_as_meant(understander: Understander) -> None:
    parsed = understander.parse("wen did kazakstan join the abraham acords")
    assert parsed.normalised.startswith("when did")
    assert parsed.wants is Wants.DATE


def test_important_is_not_import_and_polite_not_political(understander: Understander) -> None:
    assert set(understander.parse("is it important").terms).isdisjoint(
        understander.parse("do they import it").terms
    )
    assert "polite" in understander.parse("polite").terms
    assert "polite" not in understander.parse("political").terms


@pytest.mark.parametrize(
    "typed",
    [
        "doing a school project - when did israel and kazakhstan establish ties?",
        "im writing an essay on israel so when did israel and kazakhstan establish ties",
        "history teacher here: when did israel and kazakhstan establish ties",
    ],
)
def test_who_is_asking_is_not_part_of_the_question(understander: Understander, typed: str) -> None:
    plain = understander.parse("when did israel and kazakhstan establish ties")
    asked = understander.parse(typed)
    assert asked.normalised == plain.normalised and asked.terms == plain.terms


def test_their_ambassador_is_the_countrys_own_unless_they_are_israel() -> None:
    assert TO_ISRAEL in content_terms("whos their ambassador", SynonymMap([]))
    assert TO_ISRAEL not in content_terms("did israel move their embassy", SynonymMap([]))


def test_diplomatically_is_about_relations_not_a_diplomat(understander: Understander) -> None:
    relations = understander.parse("relations").terms
    assert set(relations) <= set(understander.parse("link up diplomatically").terms)
    assert not set(relations) & set(understander.parse("the first bedouin diplomat").terms)


def test_a_year_after_an_amount_is_annually(understander: Understander) -> None:
    annually = understander.parse("annually").terms
    assert set(annually) <= set(understander.parse("trade of $1 billion a year").terms)
