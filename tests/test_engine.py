"""The answer engine: sourced answers, hard rules, abstention, follow-ups, computed answers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.answering import details
from bot.answering.answer import Outcome
from bot.answering.conversation import CONTEXT_TTL_SECONDS
from bot.answering.engine import Engine
from bot.knowledge import DEFAULT_KNOWLEDGE_DIR, load_valid_knowledge
from bot.knowledge.schema import COUNTRIES
from bot.knowledge.validate import flatten_text
from bot.tools.evaluation import load_cases
from bot.understanding.normalise import normalise


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(load_valid_knowledge(DEFAULT_KNOWLEDGE_DIR))


def test_answer_states_the_value_first_and_cites_a_verbatim_quote(engine: Engine) -> None:
    answer = engine.ask("When did Israel and Uzbekistan establish diplomatic relations?")
    assert answer.outcome is Outcome.ANSWERED
    first_sentence = answer.text.split(". ")[0]
    assert "February 21, 1992" in first_sentence
    assert answer.sources and answer.fact_ids
    article = flatten_text(engine.knowledge.article)
    for source in answer.sources:
        assert flatten_text(source.quote) in article
        assert flatten_text(source.quote) in flatten_text(source.paragraph)


@pytest.mark.parametrize("country", COUNTRIES)
@pytest.mark.parametrize(
    "template",
    [
        "when did israel establish relations with {c}",
        "who is israel's ambassador to {c}",
        "how much trade does israel do with {c}",
        "{c} jewish community size",
        "{c} embassy",
        "tourism to {c}",
        "what agreements did israel sign with {c}",
        "{c} oil",
    ],
)
def test_a_named_country_is_never_answered_with_another_countrys_fact(
    engine: Engine, country: str, template: str
) -> None:
    answer = engine.ask(template.format(c=country))
    facts = engine.knowledge.by_id()
    for fact_id in answer.fact_ids:
        assert country in facts[fact_id].countries, (template, fact_id)


@pytest.mark.parametrize(
    "question",
    [
        "How much trade does Israel do with Mongolia?",
        "Who is Israel's ambassador to Georgia?",
        "When did Israel establish relations with Armenia?",
        "what's the weather in Paris",
        "asdfgh jkl",
        "🙂🙂🙂",
        "",
        "   ",
        "What is the GDP of Uzbekistan?",
        "best pizza recipe please",
        # Named in the article, but not as a country Israel has ties with.
        "does israel have diplomatic relations with afghanistan",
        "does israel have an embassy in iran",
    ],
)
def test_out_of_scope_and_junk_are_not_answered(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert not answer.answered
    assert answer.text  # the user still gets a polite message
    assert answer.fact_ids == ()


def test_overlong_input_asks_for_a_shorter_question(engine: Engine) -> None:
    answer = engine.ask("When did Israel open its embassy in Tashkent? " * 300)
    assert answer.outcome is Outcome.TOO_LONG
    assert "shorter" in answer.text


def test_follow_up_resolves_against_the_previous_turn(engine: Engine) -> None:
    first = engine.ask("When did Israel establish relations with Uzbekistan?", "c1", now=0.0)
    assert first.answered
    second = engine.ask("And with Tajikistan?", "c1", now=5.0)
    assert second.answered, second.text
    assert "March 26, 1992" in second.text
    third = engine.ask("who is the ambassador there?", "c1", now=10.0)
    assert third.answered and "Lustig" in third.text


def test_follow_up_context_expires_and_is_per_conversation(engine: Engine) -> None:
    engine.ask("When did Israel establish relations with Uzbekistan?", "c2", now=0.0)
    other = engine.ask("who is the ambassador there?", "other", now=1.0)
    assert not other.answered or "Lustig" not in other.text
    late = engine.ask("who is the ambassador there?", "c2", now=CONTEXT_TTL_SECONDS + 1)
    assert not late.answered or "Lustig" not in late.text


def test_computed_first_relations_carries_one_source_per_country(engine: Engine) -> None:
    answer = engine.ask(
        "Which Central Asian country established diplomatic relations with Israel first?"
    )
    assert answer.answered
    assert "Uzbekistan" in answer.text.split("\n")[0]
    assert len(answer.sources) == len(answer.fact_ids) >= 4


def test_first_of_two_with_how_far_apart(engine: Engine) -> None:
    answer = engine.ask(
        "kyrgyzstan vs tajikistan - who set up ties with israel first and by how many days"
    )
    assert "first with Kyrgyzstan (March 4, 1992). They are 22 days apart." in answer.text


def test_computed_largest_jewish_community(engine: Engine) -> None:
    answer = engine.ask("Which country has the largest Jewish community?")
    assert answer.answered
    assert "Uzbekistan" in answer.text.split("\n")[0]
    assert "13,000" in answer.text


def test_visits_listed_by_direction_each_once(engine: Engine) -> None:
    into_israel = engine.ask("which central asian leaders have visited israel")
    assert into_israel.answered
    assert "Niyazov" in into_israel.text and "Karimov" in into_israel.text
    assert "Peres" not in into_israel.text  # an Israeli visiting them is the other direction
    assert into_israel.text.count("Niyazov") == 1  # two facts cite the one sentence on his visits
    to_tajikistan = engine.ask("Which Israeli politicians have visited Tajikistan?")
    assert all(name in to_tajikistan.text for name in ("Haskel", "Yona", "Katz"))
    assert "Rahmon" not in to_tajikistan.text  # he met Rabin at the UN, not in Tajikistan
    assert not to_tajikistan.text.startswith("Yes")
    assert len(to_tajikistan.sources) == len(to_tajikistan.fact_ids) >= 3


def test_israeli_visits_across_the_region(engine: Engine) -> None:
    answer = engine.ask("which israeli ministers does the article say went to a stan")
    assert answer.text.startswith("Visits to Central Asia by Israelis that the article tells of:")
    assert all(name in answer.text for name in ("Netanyahu", "Katz", "Peres", "Eli Cohen"))
    assert "Karimov" not in answer.text  # his visit was to Israel


def test_a_visit_of_one_person_or_year_is_not_listed(engine: Engine) -> None:
    answer = engine.ask("who visited kazakhstan in 2016")
    assert answer.fact_ids == ("kazakhstan-netanyahu-visit",)
    engine.ask("When did Karimov visit Israel?", "v1")
    follow_up = engine.ask("who did he meet with during that trip?", "v1")
    assert "Niyazov" not in follow_up.text


def test_which_of_the_two_compares_the_last_two_countries_asked_about(engine: Engine) -> None:
    engine.ask("When did Israel and Kyrgyzstan establish relations?", "two")
    engine.ask("and tajikistan?", "two")
    answer = engine.ask("so which of the two was first", "two")
    assert answer.answered
    assert answer.text.startswith("Kyrgyzstan came first: Kyrgyzstan on March 4, 1992")
    assert len(answer.sources) == 2
    engine.ask("When did Israel and Kyrgyzstan establish relations?", "one")
    alone = engine.ask("which of the two was first", "one")  # one country so far: no pair
    assert "came first" not in alone.text


def test_events_listed_apart_are_put_in_order_of_date(engine: Engine) -> None:
    three = engine.ask(
        "put these in chronological order: netanyahu in kazakhstan, eli cohen in ashgabat, "
        "peres in uzbekistan"
    )
    assert three.text.startswith("In order of date: 1994, then 2016, then 2023.")
    assert len(three.sources) == 3
    # The asking part's words complete bare names: each president's visit, not his rule.
    two = engine.ask("Which Central Asian president visited Israel first, Karimov or Niyazov?")
    assert two.text.startswith("In order of date: 1995, then September 1998 (3 years apart).")


def test_events_the_article_dates_too_coarsely_are_not_ordered(engine: Engine) -> None:
    answer = engine.ask(
        "which came first: relations with tajikistan or the opening of israel's embassy in "
        "kazakhstan?"
    )
    assert answer.outcome is Outcome.NOT_GIVEN
    assert "do not tell the order: 1992, March 26, 1992" in answer.text
    one = engine.ask("which happened first, uzbekistan's independence or its relations with israel")
    assert one.text.startswith("In order of date: 1991, then February 21, 1992 (1 year apart).")


def test_events_of_a_year_are_listed_for_the_countries_named(engine: Engine) -> None:
    everywhere = engine.ask("what happened between israel and central asia in 2016?")
    assert everywhere.text.startswith("What the article dates to 2016:")
    assert all(name in everywhere.text for name in ("Netanyahu", "Bishkek", "Haskel"))
    city = engine.ask("in which city did the 2010 ethnic clashes in southern kyrgyzstan happen?")
    assert not city.text.startswith("What the article dates")  # one place asked, not a list
    everything = engine.ask("everything that happened between israel and uzbekistan in 1994?")
    assert everything.text.startswith("What the article dates to 1994 involving Uzbekistan:")
    kyrgyz = engine.ask("What happened in Israel–Kyrgyzstan relations in 2014, 2016 and 2018?")
    assert kyrgyz.text.startswith(
        "What the article dates to 2014, 2016 and 2018 involving Kyrgyzstan"
    )
    assert "Netanyahu" not in kyrgyz.text  # his 2016 visit was to Kazakhstan
    assert len(kyrgyz.sources) == len(kyrgyz.fact_ids) == 4


def test_israeli_embassies_listed_and_ordered_by_the_dates_given(engine: Engine) -> None:
    listed = engine.ask("in which of the stans does israel have an embassy?")
    assert listed.text.startswith(
        "Israel has embassies in Kazakhstan, Turkmenistan and Uzbekistan; "
        "none in Kyrgyzstan and Tajikistan."
    )
    assert len(listed.sources) == 5
    latest = engine.ask("which stan got an israeli embassy most recently")
    assert "embassy in Turkmenistan is the most recent (2023)" in latest.text
    # Almaty "1992" and Tashkent "May 1992" cannot be ordered: no first is named.
    first = engine.ask("where did israel open its first embassy in central asia")
    assert first.outcome is Outcome.NOT_GIVEN
    capitals = engine.ask("In which Central Asian capitals does Israel have an embassy?")
    assert capitals.text == listed.text
    theirs = engine.ask("which central asian countries have embassies in israel")
    assert "Israel has embassies" not in theirs.text  # their embassies in Israel, not Israel's
    assert theirs.text.startswith("Kazakhstan and Uzbekistan have embassies in Israel;")


def test_which_countries_lists_those_whose_fact_says_every_word(engine: Engine) -> None:
    answer = engine.ask("which central asian countries signed tourism agreements with israel")
    assert answer.text.startswith(
        "According to the article: Tajikistan, Turkmenistan and Uzbekistan."
    )
    assert len(answer.sources) == 3
    # A country's fact about something else is not taken for a yes.
    borders = engine.ask("which stans border afghanistan according to the article")
    assert borders.text.startswith("According to the article: Tajikistan.")
    rabbis = engine.ask("which stans have chief rabbis")
    assert rabbis.text.startswith("According to the article: Kazakhstan.")


def test_two_years_of_one_figure_compared(engine: Engine) -> None:
    fewer = engine.ask("tajik jews 2002 vs 2010 - how many fewer")
    assert fewer.text.startswith("Down 161: from 197 in 2002 to 36 in 2010.")
    assert len(fewer.sources) == 2
    missing = engine.ask("how many jews were left in tajikistan in 2021 compared with 2010")
    assert missing.outcome is Outcome.NOT_GIVEN
    assert missing.text.startswith("The article gives this figure only for 2002 and 2010.")
    other_country = engine.ask("israeli tourists to kazakhstan in 2024 compared with uzbekistan")
    assert other_country.outcome is Outcome.NOT_GIVEN
    assert "no figure for Kazakhstan" in other_country.text


def test_agreements_listed_once_each_for_a_country_and_year(engine: Engine) -> None:
    in_1994 = engine.ask("which agreements did israel and uzbekistan sign in 1994")
    assert in_1994.text.startswith(
        "Agreements between Israel and Uzbekistan that the article names in 1994:"
    )
    assert "tourism agreement" in in_1994.text and "investment-protection" in in_1994.text
    assert "double-taxation" not in in_1994.text  # signed in 1998
    counted = engine.ask("how many agreements between israel and uzbekistan does the article list")
    assert counted.text.startswith("5 in all. Agreements between Israel and Uzbekistan")
    every = engine.ask("what agreements has israel signed with uzbekistan")
    # Coming into force repeats an agreement already listed as signed.
    assert len(every.fact_ids) == 5
    accords = engine.ask("which other countries are in the abraham accords")
    assert "Agreements between" not in accords.text


def test_a_bare_follow_up_asks_what_the_previous_answer_was_about(engine: Engine) -> None:
    engine.ask("How much trade does Israel do with Kazakhstan each year?", "t3")
    engine.ask("what mostly drives it?", "t3")  # its words must not steer the next turn
    answer = engine.ask("and with uzbekistan?", "t3")
    assert answer.answered and "$211 million" in answer.text
    engine.ask("who was saparmurat niyazov", "t4")
    engine.ask("did he ever visit israel", "t4")
    book = engine.ask("what was the name of his book", "t4")  # a question of its own
    assert "Ruhnama" in book.text


def test_a_tie_goes_to_the_fact_whose_own_question_reads_most_like_the_one_asked(
    engine: Engine,
) -> None:
    answer = engine.ask("how many bukharan jews r in uzbekistan")
    assert answer.fact_ids == ("jewish-uzbekistan-bukharan",)
    joined = engine.ask("did kazakhstan join the abraham accords")
    assert "November 2025" in joined.text


def test_a_follow_up_naming_another_time_drops_the_previous_year(engine: Engine) -> None:
    engine.ask("how many israeli tourists went to uzbekistan in 2024", "y1")
    answer = engine.ask("what about this year", "y1")
    assert "15,000" in answer.text and "20,000" in answer.text


def test_their_pins_the_previous_country(engine: Engine) -> None:
    engine.ask("When did Israel open its embassy in Tashkent?", "p1")
    engine.ask("and when did they open theirs in israel", "p1")
    answer = engine.ask("who is their ambassador now", "p1")
    assert answer.answered and "Uzbekistan" in answer.text


def test_totals_over_several_countries_and_differences_for_the_year_asked(
    engine: Engine,
) -> None:
    total = engine.ask("add up the jews in kazakhstan, uzbekistan and tajikistan - the total?")
    assert total.text.startswith(
        "Together, Uzbekistan, Kazakhstan and Tajikistan have about 16,336"
    )
    bigger = engine.ask("how much bigger is kazakh trade with israel than uzbek trade in 2023")
    # Uzbekistan's 2023 figure, not its most recent (2024), and sums written as the article does.
    assert bigger.text.startswith("Kazakhstan has about $289 million more than Uzbekistan")
    assert "How far" not in bigger.text
    fall = engine.ask("How far did the Tajik Jewish population fall between 2002 and 2010?")
    assert fall.text.startswith("Down 161")  # "how far" here is no distance


def test_a_yes_no_question_with_the_wrong_year_is_answered_no_with_the_right_one(
    engine: Engine,
) -> None:
    wrong = engine.ask("Did Israel and Turkmenistan open diplomatic ties in 1992?")
    assert wrong.answered and wrong.text.startswith("No. ") and "1993" in wrong.text
    month = engine.ask("did israel and kazakhstan establish diplomatic ties in march 1992?")
    assert month.text.startswith("No. ") and "April 1992" in month.text
    number = engine.ask("are there around 30,000 jews living in uzbekistan today?")
    assert number.text.startswith("No. ") and "13,000" in number.text
    right = engine.ask("did netanyahu visit kazakhstan in 2016")
    assert right.text.startswith("Yes. ")
    # Another country's year is no correction: the fact must say the rest of what was asked.
    other = engine.ask("did netanyahu visit uzbekistan in 2016")
    assert not other.text.startswith("No. Benjamin Netanyahu")


def test_two_questions_in_one_are_both_answered_with_their_sources(engine: Engine) -> None:
    both = engine.ask(
        "when did israel open its embassy in tashkent and when did uzbekistan open its embassy "
        "in israel"
    )
    assert "May 1992" in both.text and "March 1997" in both.text
    assert len(both.sources) == 2
    # An elliptical second question asks the first again about its own country.
    jews = engine.ask("how many jews live in kazakhstan and how many in uzbekistan")
    assert "3,300" in jews.text and "13,000" in jews.text
    # "he" in the second question is whom the first answer names.
    envoy = engine.ask("who is israel's ambassador for kyrgyzstan and where is he based")
    assert "Bistritsky" in envoy.text and "Kazakhstan" in envoy.text


def test_a_countrys_post_needs_someone_holding_it_there(engine: Engine) -> None:
    engine.ask("Which Israeli prime minister was the first to visit Kazakhstan?", "k1")
    answer = engine.ask("who was kazakhstan's president at the time?", "k1")
    assert "Peres" not in answer.text  # an Israeli president who visited is not Kazakhstan's


def test_which_one_came_first_after_three_countries_on_one_topic(engine: Engine) -> None:
    engine.ask("When did Israel and Uzbekistan establish diplomatic relations?", "w3")
    engine.ask("and kazakhstan?", "w3")
    engine.ask("same for kyrgyzstan", "w3")
    answer = engine.ask("which one came first", "w3")
    assert "first with Uzbekistan (February 21, 1992)" in answer.text
    assert len(answer.sources) == 3


def test_who_said_that_credits_the_previous_answers_source(engine: Engine) -> None:
    engine.ask("How many Israeli tourists are expected in Uzbekistan this year?", "s1")
    said = engine.ask("who said that", "s1")
    assert said.answered and said.text.startswith("Gideon Lustig")
    engine.ask("how many jews live in kazakhstan", "s2")
    reported = engine.ask("who said that", "s2")
    assert reported.text.startswith("The article itself, in its own reporting:")
    assert not engine.ask("who said that").answered  # nothing said before


def test_his_country_is_the_previous_country_not_a_question_about_him(engine: Engine) -> None:
    engine.ask("first uzbek presidential visit to israel", "h1")
    answer = engine.ask("when did his country open an embassy in israel", "h1")
    assert answer.fact_ids == ("uzbekistan-embassy-in-israel",)


def test_it_prefers_what_the_previous_answer_told_of(engine: Engine) -> None:
    engine.ask("When did Shimon Peres visit Uzbekistan?", "i1")
    engine.ask("what did the two countries sign that year", "i1")
    answer = engine.ask("when did it come into force", "i1")
    assert answer.fact_ids == ("uzbekistan-tourism-agreement-in-force",)


def test_a_whole_less_the_part_named(engine: Engine) -> None:
    answer = engine.ask("how many non-bukharan jews live in uzbekistan")
    assert answer.text.startswith("About 10,000 are not Bukharan: around 13,000 in all")
    assert len(answer.sources) == 2
    part = engine.ask("how many bukharan jews live in uzbekistan")  # no "not": the part itself
    assert part.text.startswith("Roughly 3,000 Bukharan Jews")


def test_growth_to_an_expected_figure_and_years_until_an_event(engine: Engine) -> None:
    growth = engine.ask(
        "how much is israeli tourism to uzbekistan expected to grow this year on 2024"
    )
    assert growth.text.startswith("Up 4,000 to 9,000, if the expectation holds")
    assert len(growth.sources) == 2
    lived = engine.ask(
        "how long had rabbi yeshaya cohen lived in kazakhstan when it joined the abraham accords"
    )
    assert lived.text.startswith("31 years: from 1994 to November 2025.")


def test_border_lengths_compared_each_to_the_country_it_is_for(engine: Engine) -> None:
    answer = engine.ask("longest border mentioned in the whole article?")
    assert answer.text.startswith("Of the figures the article gives, Tajikistan has the longest")
    # The Iran-Turkmenistan border is Turkmenistan's, though the fact also names Kazakhstan.
    assert "Kazakhstan" in answer.text.split("\n")[0].split("no figure for")[1]


def test_abbreviations_people_type(engine: Engine) -> None:
    years = engine.ask(
        "how many yrs between israel and kazakhstan establishing relations and kazakhstan "
        "joining the abraham accords"
    )
    assert years.text.startswith("33 years: from April 1992 to November 2025.")
    assert engine.understander.parse("kaz vs uzb jews").entities.countries == (
        "kazakhstan",
        "uzbekistan",
    )


def test_shares_and_percent_changes(engine: Engine) -> None:
    share = engine.ask("what % of uzbek jews are bukharan")
    assert share.text.startswith("About 23% are Bukharan: roughly 3,000 of around 13,000.")
    grew = engine.ask("uzbekistan trade 2022 to 2024, what percent increase")
    assert grew.text.startswith("Up $29 million (+116%)")
    expected = engine.ask("israeli tourists to uzbekistan this year vs 2024, what % growth")
    assert "(+36% to +82%)" in expected.text
    order = engine.ask("karimov vs niyazov - who came to israel first and how many years earlier")
    assert order.text.startswith("In order of date: 1995, then September 1998 (3 years apart).")


def test_a_facts_own_yes_is_not_given_to_another_question(engine: Engine) -> None:
    other = engine.ask("does el al fly direct to tashkent?")  # the fact is on Uzbek airlines
    assert not other.text.startswith("Yes")
    own = engine.ask("Did Uzbek airlines keep flying to Israel during the war?")
    assert own.text.startswith("Yes.")


def test_a_tag_question_is_a_yes_no_question(engine: Engine) -> None:
    assert engine.understander.parse("niyazov ruled turkmenistan till 2010 didnt he").yes_no
    assert engine.understander.parse("kazakhstan joined the accords, right?").yes_no


def test_answers_fit_discord_limits(engine: Engine) -> None:
    for fact in engine.knowledge.facts:
        answer = engine.ask(fact.question)
        assert len(answer.text) <= 2000


def test_json_stream_answers_each_line_as_it_arrives() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "ask", "--json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        lines = [
            "When did Israel and Kyrgyzstan establish relations?",
            json.dumps(
                {
                    "question": "When did Israel establish relations with Uzbekistan?",
                    "conversation": "x",
                }
            ),
            json.dumps({"question": "and with tajikistan?", "conversation": "x"}),
            "",
            "{not json",
            json.dumps({"conversation": "x"}),
        ]
        results = []
        for line in lines:
            # Each answer must arrive before the next line is written: streaming, not batching.
            process.stdin.write(line + "\n")
            process.stdin.flush()
            results.append(json.loads(process.stdout.readline()))
    finally:
        process.stdin.close()
        process.wait(timeout=30)
    assert [r["answered"] for r in results] == [True, True, True, False, False, False]
    assert "March 4, 1992" in results[0]["answer"]
    assert "March 26, 1992" in results[2]["answer"]
    expected_keys = {
        "question",
        "answered",
        "answer",
        "confidence",
        "fact_ids",
        "sources",
        "suggestions",
    }
    assert all(set(r) == expected_keys for r in results)


# -- details the matched fact does not give ----------------------------------------------


@pytest.mark.parametrize(
    "question",
    [
        "Which Israeli company was involved in the 2009 Kazakh defense scandal?",
        "How much was the Emi Technologies deal in Kyrgyzstan worth?",
        "Who succeeded Niyazov as president of Turkmenistan?",
        "Who is the current president of Uzbekistan?",
        "What month in 2016 did Netanyahu visit Kazakhstan?",
        "Which airline flies direct from Tel Aviv to Tashkent?",
        "Who is Tajikistan's ambassador to Israel?",
        "When will Israel open an embassy in Bishkek?",
        "Who was Israel's first ambassador to Uzbekistan?",
        "how old is gideon lustig",
        "What is the tallest mountain in Tajikistan?",
        "What is Kazakhstan's GDP?",
        "which party is amir ohana from",
        "what did rabin and rahmon discuss at the un in 1995",
        "how many people died in the tajik civil war",
        "what was yuval fuchs's job before deputy director-general",
        "what is the name of the synagogue in dushanbe",
        "how many flights a week are there between israel and uzbekistan",
        "who designed the victory park monument in tashkent",
        "which kyrgyz mps met their israeli counterparts in 2018?",
        "when did islam karimov die",
        "What agreements did Amir Ohana sign during his trip to Uzbekistan?",
        "how long did glusman serve as ambassador",
        "how did niyazov die",
        "when did the tajik civil war end?",
        "what years were kyrgyzstan's three revolutions?",
        "When did Turkmenistan open an embassy in Israel?",
        "where was cop29 held",
        "which of the five stans is not turkic",
    ],
)
def test_a_detail_the_fact_lacks_is_not_answered(engine: Engine, question: str) -> None:
    assert not engine.ask(question).answered


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Which Israeli company signed a deal in Kyrgyzstan?", "Emi Technologies"),
        ("Who replaced Glusman?", "Bistritsky"),
        ("Who is the current Israeli ambassador in Astana?", "Bistritsky"),
        ("When did Netanyahu visit Kazakhstan?", "2016"),
        ("who deported jewish families to kazakhstan", "Stalin"),
        ("According to Fuchs, what natural resource is Turkmenistan rich in?", "gas"),
        ("What month was the Israel-Tajikistan tourism agreement signed?", "September"),
        ("Who was the first Israeli prime minister to visit Kazakhstan?", "Netanyahu"),
        ("When did Israel first open an embassy in Kazakhstan?", "1992"),
        ("How far back does the Bukharan Jewish presence go?", "two millennia"),
        ("how long is the border between tajikistan and afghanistan", "1,300"),
        ("whose assessment is the china belt and road investment figure from", "World Bank"),
        ("who is the source for the 2023 uzbekistan trade figure", "Lustig"),
        ("what did israel and uzbekistan discuss in september 2024", "energy"),
        ("who reported that iran grew its spy networks there", "SpecialEurasia"),
        ("whats the big synagogue in astana called", "Beit Rachel"),
        ("when did niyazov die", "2006"),
        ("what did israel and tajikistan sign during katz's visit", "tourism agreement"),
        ("how long did niyazov rule turkmenistan", "21 years"),
        ("who is kazakhstan's president", "Tokayev"),
        ("How many Jews once lived in Tajikistan?", "15,000"),
        ("did netanyahu once visit kazakhstan", "2016"),
        ("where was the israeli film festival held in kyrgyzstan", "Bishkek"),
        ("where is israel's embassy in kazakhstan located", "Astana"),
        # "the two countries" in an answer is no figure: the yearly trade is.
        ("Roughly how much trade do Israel and Kazakhstan do each year?", "$500 million"),
        ("what does kazakhstan export to israel", "energy"),
        ("who is honored by the monument in tashkent's victory park", "refugees"),
        ("who has kazakhstan sent to israel for training", "farmers"),
    ],
)
def test_the_same_kinds_of_question_are_answered_when_the_fact_has_the_detail(
    engine: Engine, question: str, expected: str
) -> None:
    answer = engine.ask(question)
    assert answer.answered, question
    assert expected in answer.text


def test_a_value_the_article_says_it_does_not_give_is_explained_not_answered(
    engine: Engine,
) -> None:
    answer = engine.ask("How many Jews live in Kyrgyzstan?")
    assert answer.outcome is Outcome.NOT_GIVEN
    assert not answer.answered and answer.to_json()["answered"] is False
    assert "doesn't give" in answer.text and "small community" in answer.text
    assert answer.sources, "the explanation still cites what the article does say"


def test_a_verdict_opens_the_answer_only_to_a_yes_no_question(engine: Engine) -> None:
    assert engine.ask("Is Turkmenistan rich in gas?").text.startswith("Yes.")
    plain = engine.ask("What natural resource is Turkmenistan rich in?")
    assert plain.answered and plain.text.startswith("Turkmenistan is very rich")


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("Is Kazakhstan the biggest economy in Central Asia?", True),
        ("did netanyahu ever visit kazakhstan?", True),
        # The fact lists this question but answers "chronic political volatility".
        ("is kyrgyzstan politically stable", False),
        # A negated question has no clear "yes".
        ("Didn't Netanyahu visit Kazakhstan?", False),
    ],
)
def test_yes_only_when_the_answer_itself_states_what_was_asked(
    engine: Engine, question: str, verdict: bool
) -> None:
    answer = engine.ask(question)
    assert answer.answered
    assert answer.text.startswith("Yes.") is verdict


# -- answers combined from what the matcher finds for parts of the question ---------------


def test_which_of_two_countries_did_something_first(engine: Engine) -> None:
    answer = engine.ask("Which opened an embassy in Israel earlier, Kazakhstan or Uzbekistan?")
    assert answer.answered
    assert answer.text.startswith("Kazakhstan came first")
    assert "1996" in answer.text and "1997" in answer.text
    assert len(answer.sources) == 2


def test_years_between_two_events_each_with_its_source(engine: Engine) -> None:
    answer = engine.ask(
        "How many years after establishing relations did Uzbekistan open its embassy in Israel?"
    )
    assert answer.answered and answer.text.startswith("5 years")
    facts = engine.knowledge.by_id()
    assert {facts[i].topic for i in answer.fact_ids} == {"diplomatic_relations", "embassy"}


def test_how_long_something_lasted(engine: Engine) -> None:
    answer = engine.ask("For how many years did Niyazov rule Turkmenistan?")
    assert answer.answered and answer.text.startswith("21 years, from 1985 to 2006")
    # Two countries ask how far apart two events were; one country's fact is no answer.
    apart = engine.ask("how many years apart did kazakhstan and uzbekistan declare independence")
    assert not apart.answered


def test_which_countries_a_person_visited(engine: Engine) -> None:
    answer = engine.ask("Which Central Asian countries did Shimon Peres visit in 1994?")
    assert answer.answered
    assert "Turkmenistan and Uzbekistan" in answer.text.splitlines()[0]
    assert "Kazakhstan" not in answer.text.splitlines()[0], "the article gives no year for it"


def test_years_between_an_event_and_something_not_in_the_article_is_not_computed(
    engine: Engine,
) -> None:
    answer = engine.ask(
        "How many years passed between Kazakhstan's independence and its first moon landing?"
    )
    assert not answer.answered or "years:" not in answer.text


def test_a_pronoun_follow_up_stays_with_the_person_and_country(engine: Engine) -> None:
    engine.ask("Who ruled Turkmenistan from 1985 to 2006?", "pronoun")
    answer = engine.ask("did he ever visit israel", "pronoun")
    assert answer.answered and "Niyazov" in answer.text and "1995" in answer.text


def test_a_follow_up_about_the_previous_country_is_never_answered_about_another(
    engine: Engine,
) -> None:
    engine.ask("How much trade does Israel do with Kazakhstan?", "other-country")
    answer = engine.ask("what was it back in 2010?", "other-country")
    facts = engine.knowledge.by_id()
    assert all("kazakhstan" in facts[i].countries for i in answer.fact_ids), answer.fact_ids


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("where do most uzbek jews live", "Tashkent"),
        ("In 2014 Kyrgyz economic officials held talks in which city?", "Jerusalem"),
        ("who is Jura Abaev", "Khujand"),
        ("yo who's israel's guy in ashgabat", "Khaldi"),
        ("what is yuval fuchs job", "Eurasia"),
    ],
)
def test_where_and_who_questions_find_places_and_people_in_the_answer(
    engine: Engine, question: str, expected: str
) -> None:
    answer = engine.ask(question)
    assert answer.answered and expected in answer.text


def test_relations_listed_for_one_year_leave_out_the_other_years(engine: Engine) -> None:
    answer = engine.ask("Which Central Asian countries set up relations with Israel in 1992?")
    assert answer.answered
    assert "Turkmenistan" not in answer.text
    for country in ("Kazakhstan", "Kyrgyzstan", "Tajikistan", "Uzbekistan"):
        assert country in answer.text


def test_the_fact_saying_a_figure_is_not_given_wins_over_a_figure_about_something_else(
    engine: Engine,
) -> None:
    answer = engine.ask("How many Israeli tourists visit Kyrgyzstan every year?")
    assert answer.outcome is Outcome.NOT_GIVEN
    assert answer.fact_ids == ("kyrgyzstan-tourism-destination",)
    assert "What it does say: Kyrgyzstan is beginning" in answer.text, "no stray 'Yes,'"


def test_how_much_a_figure_changed_between_two_years(engine: Engine) -> None:
    answer = engine.ask("how much did israel uzbekistan trade increase from 2022 to 2024")
    assert answer.answered
    assert answer.text.startswith("Up $29 million: from $25 million in 2022 to $54 million")
    assert "$211 million" in answer.text, "the conflicting figure is still stated"


def test_a_pronoun_follow_up_naming_another_country_keeps_the_person(engine: Engine) -> None:
    engine.ask("When did Netanyahu visit Kazakhstan?", "person-country")
    answer = engine.ask("did he go to kyrgyzstan on that trip too?", "person-country")
    assert not answer.answered, answer.text


def test_short_unknown_typos_do_not_weigh_against_the_question(engine: Engine) -> None:
    answer = engine.ask("who wsa jura abaev")
    assert answer.answered and "Khujand" in answer.text


def test_dates_too_coarse_to_order_are_not_ordered(engine: Engine) -> None:
    answer = engine.ask("which did israel open first, its embassy in tashkent or in almaty")
    assert answer.outcome is Outcome.NOT_GIVEN
    assert "do not tell which of Israel's embassies" in answer.text and len(answer.sources) == 2


def test_years_between_events_when_the_second_clause_says_he(engine: Engine) -> None:
    answer = engine.ask("how long after niyazov was declared president for life did he die")
    assert answer.answered and answer.text.startswith("7 years: from 1999 to 2006")


def test_comparing_with_a_country_the_article_gives_no_figure_for_is_not_an_answer(
    engine: Engine,
) -> None:
    answer = engine.ask("how much bigger is israel's trade with kazakhstan than with turkmenistan")
    assert answer.outcome is Outcome.NOT_GIVEN
    assert "no figure for Turkmenistan" in answer.text


def test_countries_that_did_not_establish_relations_in_a_year(engine: Engine) -> None:
    answer = engine.ask("which central asian countries didn't set up ties with israel in 1992")
    assert answer.answered and "Turkmenistan" in answer.text
    assert "Uzbekistan" not in answer.text


def test_a_change_across_two_facts_and_a_change_the_article_cannot_give(engine: Engine) -> None:
    drop = engine.ask("by how much did tajikistan's jewish population drop between 2002 and 2010")
    assert drop.answered and drop.text.startswith("Down 161: from 197 in 2002 to 36 in 2010")
    assert len(drop.sources) == 2
    missing = engine.ask(
        "how much did kazakhstan's share of israel's crude oil change from 2023 to 2024"
    )
    assert missing.outcome is Outcome.NOT_GIVEN and "only for 2023" in missing.text


def test_when_is_answered_by_a_relative_time_but_what_year_is_not(engine: Engine) -> None:
    assert engine.ask("when did amir ohana visit kazakhstan").answered
    assert engine.ask("what year did amir ohana visit kazakhstan").outcome is Outcome.NOT_GIVEN


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("how many years after the 2010 census did the last jew of khujand die", "11 years"),
        (
            "how many days apart were israel's relations with kyrgyzstan and with tajikistan "
            "established",
            "22 days",
        ),
    ],
)
def test_time_between_dated_figures_and_in_days(
    engine: Engine, question: str, expected: str
) -> None:
    answer = engine.ask(question)
    assert answer.answered and answer.text.startswith(expected)


def test_when_someone_became_something_needs_a_fact_about_becoming(engine: Engine) -> None:
    assert not engine.ask("when did ismail khaldi become ambassador to turkmenistan").answered
    assert engine.ask("when did kazakhstan join the abraham accords").answered


def test_a_figure_another_source_gives_is_combined_too(engine: Engine) -> None:
    total = engine.ask("what is israel's trade with kazakhstan and uzbekistan added together")
    # Ambassador Lustig's 2024 figure, then the Uzbek Investment Ministry's 2023 one.
    assert "$554 million" in total.text and "$711 million" in total.text
    assert len(total.sources) == 3
    ratio = engine.ask("how many times larger is israel's trade with kazakhstan than uzbekistan")
    assert ratio.text.startswith("Kazakhstan's trade with Israel is about 9.3 times")
    assert "2.4 times" in ratio.text
    rough = engine.ask("who trades more with israel, kazakhstan or uzbekistan, by roughly how much")
    assert "$289 million more" in rough.text


def test_a_yes_no_question_that_is_sure_once_its_wrong_claim_is_left_out(engine: Engine) -> None:
    # Unsure with the wrong year in it, sure without it.
    year = engine.ask("did israel open the tashkent embassy in 1995")
    assert year.answered and year.text.startswith("No. ") and "May 1992" in year.text
    post = engine.ask("is yoav bistritsky israel's ambassador to uzbekistan")
    assert post.text.startswith("No. ") and "Kazakhstan" in post.text
    # ... and who is: each with its source.
    assert "Gideon Lustig is Israel's ambassador to Uzbekistan" in post.text
    assert len(post.sources) == 2
    place = engine.ask("Is Kazakhstan's embassy in Israel located in Jerusalem?")
    assert place.answered and "Tel Aviv" in place.text
    city = engine.ask("Does Israel run its relations with Tajikistan out of Tashkent?")
    assert city.answered and city.fact_ids == ("tajikistan-embassy-via-tashkent",)
    # A city that names the country asked about is no claim to leave out.
    assert not engine.ask("is there a synagogue in bishkek").answered
    # Someone's visit elsewhere says nothing of a visit here: no "No." for it.
    visit = engine.ask("did netanyahu visit uzbekistan")
    assert not visit.text.startswith("No.")


def test_who_said_a_quoted_sentence(engine: Engine) -> None:
    quoted = engine.ask(
        "who said 'in turkmenistan, for many years we had a non-resident ambassador'"
    )
    assert quoted.answered and quoted.text.startswith("Yuval Fuchs")
    unquoted = engine.ask("who said that israeli companies are yet to understand the potential")
    assert unquoted.text.startswith("Gideon Lustig")


@pytest.mark.parametrize(
    "question",
    [
        "good morning",
        "what time is it",
        "lol",
        "thank you bot",
        "thank you that helped a lot",
        "gm everyone",
        "good bot",
        "who made u",
        "can u speak russian",
        "how are you today?",
        "hello there! how are you today?",
        "are you a bot or a real person",
        "stan stan stan stan",
        "who is israel's current foreign minister",
        "What films were shown at the Israeli film festival in Bishkek?",
    ],
)
def test_small_talk_and_what_the_article_does_not_name_get_no_fact(
    engine: Engine, question: str
) -> None:
    assert not engine.ask(question).answered


def test_events_of_one_date_and_countries_left_out(engine: Engine) -> None:
    same = engine.ask("which came first, the israel-kazakhstan chamber of commerce or beit rachel")
    assert same.answered and same.text.startswith("Both in 2004") and len(same.sources) == 2
    besides = engine.ask("besides kazakhstan, which countries had officials at the white house")
    assert besides.answered and "Kazakhstan" not in besides.text.split("\n")[0]
    assert "Kyrgyzstan" in besides.text
    three = engine.ask("what happened in kazakhstan, tajikistan and kyrgyzstan in 2016")
    assert all(name in three.text for name in ("Netanyahu", "film festival", "delegation"))


def test_the_first_visit_to_israel_by_date_with_the_articles_contradiction(
    engine: Engine,
) -> None:
    first = engine.ask("which central asian leader visited israel first")
    assert first.answered
    headline, first_bullet = first.text.split("\n")[:2]
    assert "1995" in headline and "first presidential visit" in headline  # the note
    assert "Niyazov" in first_bullet
    # One fact's own "first" is not the earliest of a list.
    assert "Netanyahu" in engine.ask("who was the first israeli pm to visit kazakhstan").text


def test_how_many_more_are_expected_than_in_a_dated_year(engine: Engine) -> None:
    more = engine.ask(
        "how many more israeli tourists are expected in uzbekistan this year than 2024"
    )
    assert more.answered and more.text.startswith("Up 4,000 to 9,000, if the expectation holds")
    assert len(more.sources) == 2


def test_the_past_and_israels_cities_do_not_answer_the_present_or_the_five_countries(
    engine: Engine,
) -> None:
    # Tens of thousands during World War II do not say how many live there today.
    assert not engine.ask("how many jews live in samarkand today").answered
    # The Uzbek embassy in Israel's opening says nothing of the city it is in.
    assert not engine.ask("in which city is uzbekistan's embassy in israel").answered
    assert "Tel Aviv" in engine.ask("in which city is kazakhstan's embassy in israel").text
    # No "Yes" for a claim the fact does not make.
    peres = engine.ask("was shimon peres the first israeli prime minister to visit kazakhstan")
    assert not peres.text.startswith("Yes")


def test_a_follow_up_naming_its_own_subject_or_another_country(engine: Engine) -> None:
    engine.ask("how much has china poured into central asia", "iran")
    iran = engine.ask("and iran, how does it see the region", "iran")
    assert iran.answered and "buffer zone" in iran.text
    engine.ask("who is israel's ambassador in uzbekistan", "other")
    other = engine.ask("and which other country does he cover", "other")
    assert other.answered and "Tajikistan" in other.text


def test_how_long_is_answered_by_a_span_of_time(engine: Engine) -> None:
    flight = engine.ask("How long is the flight from Israel to Kyrgyzstan, according to Fuchs?")
    assert flight.answered and "couple of hours" in flight.text
    assert flight.text.startswith("According to Yuval Fuchs")  # no "No," to a how-question


def test_how_long_it_took_after_an_event(engine: Engine) -> None:
    took = engine.ask(
        "how many years did it take kazakstan to open an embassy in israel after ties were set up"
    )
    assert took.answered and took.text.startswith("4 years: from April 1992 to 1996")
    before = engine.ask("how long was niyazov president for life before he died?")
    assert before.text.startswith("7 years: from 1999 to 2006")


def test_one_question_of_two_countries_is_answered_for_each(engine: Engine) -> None:
    both = engine.ask("when did israel establish relations with kazakhstan and uzbekistan")
    assert both.answered and "April 1992" in both.text and "February 21, 1992" in both.text
    assert len(both.sources) == 2
    jews = engine.ask("how many jews live in uzbekistan and kazakhstan")
    assert "13,000" in jews.text and "3,300" in jews.text  # today's, not World War II's


@pytest.mark.parametrize("question", ["kazakhstan?", "tell me about israel and uzbekistan"])
def test_a_bare_country_gets_its_overview_with_sources(engine: Engine, question: str) -> None:
    overview = engine.ask(question)
    assert overview.answered and "in brief" in overview.text.split("\n")[0]
    assert len(overview.sources) >= 4 and "diplomatic relations" in overview.text
    # Israel's own ambassador, not the country's ambassador to Israel.
    assert "Israel's ambassador" in overview.text or "Israel's current ambassador" in overview.text


def test_a_country_with_an_unknown_short_word_is_no_overview(engine: Engine) -> None:
    assert not engine.ask("uzbekistan gdp").answered


def test_how_many_embassies_counts_countries_not_facts(engine: Engine) -> None:
    israels = engine.ask("how many central asian countries have an israeli embassy")
    assert israels.text.startswith("3 of the 5. Israel has embassies in Kazakhstan")
    theirs = engine.ask("how many of the stans have embassies in israel")
    assert theirs.text.startswith("At least 2 of the 5.")


def test_israels_ambassadors_each_once_and_not_the_countries_own(engine: Engine) -> None:
    listed = engine.ask("how many israeli ambassadors does the article name")
    assert listed.text.startswith("3: Israel's ambassadors in Central Asia")
    assert "Aminov" not in listed.text  # Uzbekistan's ambassador to Israel
    assert all(name in listed.text for name in ("Bistritsky", "Lustig", "Khaldi"))


def test_a_total_over_the_region_says_which_countries_it_leaves_out(engine: Engine) -> None:
    jews = engine.ask("what is the total number of jews in central asia")
    assert jews.answered and jews.text.startswith("Together, Uzbekistan, Kazakhstan and Tajikistan")
    assert "no figure for Kyrgyzstan and Turkmenistan" in jews.text
    # All five asked, figures for two: what the article has, but no answer.
    trade = engine.ask(
        "what is the total trade between israel and all five central asian countries"
    )
    assert not trade.answered and "$554 million" in trade.text


def test_how_much_it_grew_after_a_figure(engine: Engine) -> None:
    engine.ask("what trade numbers did lustig give for uzbekistan", "grew")
    grew = engine.ask("so how much did it grow", "grew")
    assert grew.answered and grew.text.startswith("Up $29 million: from $25 million in 2022")


def test_that_same_year_is_the_year_of_the_previous_answer(engine: Engine) -> None:
    engine.ask("when did netanyahu visit kazakhstan", "year")
    same = engine.ask("what happened with tajikistan that same year", "year")
    assert same.answered and "2016" in same.text and "delegation" in same.text


def test_the_stans_ties_with_another_power_are_not_israels_relations(engine: Engine) -> None:
    russia = engine.ask("how have the stans' ties with russia changed")
    assert russia.answered and "Russia" in russia.text
    assert "established diplomatic relations" not in russia.text


def test_anything_else_gives_another_answer_not_the_same_one(engine: Engine) -> None:
    first = engine.ask("when did israel open its embassy in tashkent", "else")
    more = engine.ask("anything else?", "else")
    assert first.answered and first.fact_ids[0] not in more.fact_ids
    # Without context it is no question at all.
    assert not engine.ask("anything else?").answered


def test_the_detail_kind_cues_skip_no_kind_a_question_asks() -> None:
    """The cue words only spare regex runs: every question of the evaluation sets gets the
    kinds that running every pattern would give."""
    data = Path(__file__).parent / "data" / "questions"
    questions = [normalise(c.question) for p in data.glob("*.yaml") for c in load_cases(p)]
    assert len(questions) > 3000
    for question in questions:
        every = tuple(said for asks, said in details._KINDS if asks.search(question))
        assert details.kinds_asked(question) == every, question


def test_how_old_a_thing_was_is_a_span_but_a_persons_age_is_not_given(engine: Engine) -> None:
    span = engine.ask("how old was the beit rachel synagogue when kazakhstan joined the accords")
    assert span.answered and span.text.startswith("21 years: from 2004 to November 2025")
    assert not engine.ask("how old was niyazov when he died").answered


def test_the_rest_of_a_share_the_article_gives(engine: Engine) -> None:
    oil = engine.ask("if kazakhstan supplied 40% of israel's crude, what share came from elsewhere")
    assert oil.answered and oil.text.startswith("About 60%: the rest of roughly 40%.")
    land = engine.ask("what fraction of tajikistan is not mountains")
    assert land.text.startswith("Less than 10%: the rest of more than 90%.")


def test_a_bare_year_lists_what_the_article_dates_to_it(engine: Engine) -> None:
    year = engine.ask("2025")
    assert year.text.startswith("What the article dates to 2025:") and "Abraham" in year.text
    engine.ask("what was israel-uzbekistan trade in 2024 according to lustig", "bare")
    again = engine.ask("and in 2022?", "bare")  # a follow-up, not a year's events
    assert "$25 million" in again.text and not again.text.startswith("What the article dates")


def test_a_yes_no_question_checks_the_city_and_number_it_claims(engine: Engine) -> None:
    almaty = engine.ask("is the beit rachel synagogue in almaty?")
    assert almaty.text.startswith("No. Astana's Beit Rachel Synagogue")
    astana = engine.ask("is the beit rachel synagogue in astana?")
    assert astana.text.startswith("Yes. ")
    # The fact with the very number claimed, not an older count of the same community.
    count = engine.ask("are there 3300 jews in kazakhstan?")
    assert count.text.startswith("Yes. Roughly 3,300 Jews remain in Kazakhstan today")


@pytest.mark.parametrize(
    "question",
    [
        "is aminov israel's ambassador to uzbekistan?",  # he is Uzbekistan's, in Israel
        "does kazakhstan have 20 jewish day schools?",  # 14; the 20 are organisations
        "did uzbek airlines stop flying to israel during the war?",  # they kept flying
        "is the beit rachel synagogue in almaty?",  # Astana
    ],
)
def test_no_yes_for_a_claim_the_fact_contradicts(engine: Engine, question: str) -> None:
    assert not engine.ask(question).text.startswith("Yes")


@pytest.mark.parametrize(
    "question",
    [
        "what is this article about?",
        "which countries does the article cover",
        "What can I ask you about?",
        "sum up the article in one sentence",
    ],
)
def test_what_the_source_is_about_is_answered_with_its_overview_facts(
    engine: Engine, question: str
) -> None:
    answer = engine.ask(question)
    assert answer.answered and '"Israel and Central Asia"' in answer.text
    assert answer.fact_ids == ("region-growing-partner", "region-stans-list")
    assert len(answer.sources) == 2


def test_a_recorded_gap_is_not_answered_and_not_said_twice(engine: Engine) -> None:
    signed = engine.ask("when were the abraham accords first signed?")
    assert not signed.answered and signed.fact_ids == ("abraham-accords-origins-not-given",)
    assert signed.text.startswith("My source doesn't give that; it names")
    assert signed.text.count("does not say") + signed.text.count("doesn't give") == 1
    joined = engine.ask("when did kazakhstan sign the abraham accords")
    assert joined.answered and "November 2025" in joined.text


def test_which_countries_adds_the_fact_answering_the_whole_question(engine: Engine) -> None:
    members = engine.ask("which countries are in the abraham accords")
    assert members.answered and "Bahrain" in members.text and "Kazakhstan" in members.text


def test_an_undated_present_figure_is_shown_for_a_recent_year_but_not_as_its_answer(
    engine: Engine,
) -> None:
    recent = engine.ask("israel kazakhstan trade 2023")
    assert not recent.answered and recent.fact_ids == ("trade-kazakhstan-500-million",)
    assert recent.text.startswith("My source gives nothing for 2023 itself. What it does say:")
    old = engine.ask("how many jews lived in kazakhstan in 1995")
    assert not old.answered and not old.fact_ids


def test_a_follow_up_on_another_country_drops_the_previous_countrys_year(
    engine: Engine,
) -> None:
    engine.ask("israel uzbekistan trade 2023", "yearless")
    other = engine.ask("what about kazakhstan?", "yearless")
    assert other.answered and other.fact_ids == ("trade-kazakhstan-500-million",)


def test_a_tag_question_corrects_its_wrong_claim(engine: Engine) -> None:
    joined = engine.ask("kazakhstan joined the abraham accords in 2020 right?")
    assert joined.text.startswith("No. ") and "November 2025" in joined.text
    once = engine.ask("tajikistan had like 50,000 jews once right")
    assert once.text.startswith("No. ") and "15,000" in once.text


def test_a_decade_is_matched_against_the_years_it_holds(engine: Engine) -> None:
    peres = engine.ask("which israeli statesman went to uzbekistan as foreign minister in the 90s?")
    assert peres.answered and "Peres" in peres.text
    listed = engine.ask("what happened in the 1990s in kazakhstan")
    assert listed.text.startswith("What the article dates to the 1990s involving Kazakhstan:")
    assert "2016" not in listed.text
    assert engine.ask(
        "did israel and kazakhstan establish relations in the nineties"
    ).text.startswith("Yes. ")
    late = engine.ask("did the first israeli delegation to tajikistan arrive in the 1990s?")
    assert late.text.startswith("No. ") and "2016" in late.text


def test_asking_a_facts_own_question_in_other_words_anchors_it(engine: Engine) -> None:
    # "handle ties" is not an embassy word, but it is this fact's own question.
    ties = engine.ask("how does israel handle its ties with dushanbe")
    assert ties.answered and "Tashkent" in ties.text


def test_years_between_two_events_of_different_countries_named_by_person(
    engine: Engine,
) -> None:
    span = engine.ask("years between karimovs state visit and netanyahus trip to kazakhstan")
    assert span.text.startswith("18 years: from September 1998 to 2016.")


def test_a_follow_up_asks_the_years_since_another_event(engine: Engine) -> None:
    engine.ask("when did netanyahu visit kazakhstan", "since")
    since = engine.ask("how many years after relations were established?", "since")
    assert since.text.startswith("24 years: from April 1992 to 2016.")
    assert set(since.fact_ids) == {"kazakhstan-relations-established", "kazakhstan-netanyahu-visit"}


def test_his_after_an_answer_naming_someone_without_people_is_that_person(
    engine: Engine,
) -> None:
    engine.ask("who inaugurated israel's embassy in ashgabat", "his")
    job = engine.ask("what was his job at the time?", "his")
    assert job.answered and "foreign minister Eli Cohen" in job.text


@pytest.mark.parametrize(
    "question",
    [
        "What did Amir Ohana sign during his visit to Kazakhstan?",  # the visit, not what
        "What did Netanyahu say during the November 6 call with Trump and Tokayev?",
        "Which Israeli lawmakers met the Kyrgyz parliamentarians in 2018?",  # none named
        "Which Uzbek officials did Amir Ohana meet?",  # the visit, not whom he met
    ],
)
def test_a_detail_of_a_reported_event_the_article_does_not_give(
    engine: Engine, question: str
) -> None:
    assert not engine.ask(question).answered


def test_before_or_after_opens_with_the_verdict_on_the_one_asked_about(engine: Engine) -> None:
    later = engine.ask("Did Kazakhstan establish relations with Israel before or after Tajikistan?")
    assert later.text.startswith("After. ")
    earlier = engine.ask("Did Rahmon meet Rabin before or after Karimov's state visit to Israel?")
    assert earlier.text.startswith("Before. ") and len(earlier.sources) == 2


def test_who_is_the_source_and_the_difference_between_the_two(engine: Engine) -> None:
    engine.ask("How much was Israel-Uzbekistan trade in 2023?", "two")
    source = engine.ask("who is the source for that number?", "two")
    assert source.text.startswith("According to the Uzbek Investment Ministry: ")
    engine.ask("and with kazakhstan?", "two")
    difference = engine.ask("what's the difference between the two?", "two")
    assert "$289 million more" in difference.text
    assert "trade-kazakhstan-500-million" in difference.fact_ids


def test_how_many_days_apart_were_those_two(engine: Engine) -> None:
    engine.ask("When did Israel and Kyrgyzstan establish diplomatic relations?", "days")
    engine.ask("and tajikistan?", "days")
    apart = engine.ask("how many days apart were those two?", "days")
    assert apart.text.startswith("22 days: from March 4, 1992 to March 26, 1992.")


def test_how_long_a_fact_spans_in_the_unit_asked(engine: Engine) -> None:
    months = engine.ask("how many months did it take the uzbek investment treaty to take effect")
    assert months.text.startswith("31 months, from July 1994 to February 1997.")
    rule = engine.ask("how long did niyazov rule")
    assert rule.text.startswith("21 years, from 1985 to 2006.")


def test_a_follow_up_compares_a_new_country_with_the_previous_one(engine: Engine) -> None:
    engine.ask("how many jews live in kazakhstan", "bigger")
    bigger = engine.ask("how much bigger is uzbekistan's", "bigger")
    assert bigger.text.startswith("Uzbekistan has about 9,700 more than Kazakhstan")
    after = engine.ask("and tajikistan", "bigger")
    assert after.fact_ids == ("jewish-tajikistan-population-2010",)


def test_years_separating_two_events_and_a_yearly_figure(engine: Engine) -> None:
    span = engine.ask(
        "How many years separate Netanyahu's Kazakhstan visit and Kazakhstan joining the "
        "Abraham Accords?"
    )
    assert span.text.startswith("9 years: from 2016 to November 2025.")
    yearly = engine.ask("What is Israel's yearly trade with Kazakhstan worth?")
    assert yearly.answered and "$500 million annually" in yearly.text


def test_there_keeps_a_listing_question_in_the_previous_country(engine: Engine) -> None:
    engine.ask("when did israel and kazakhstan establish ties", "there")
    first = engine.ask("where did israel put its first embassy there", "there")
    assert first.answered and "Almaty" in first.text
    assert all("uzbekistan" not in fact_id for fact_id in first.fact_ids)


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("was shimon peres the first israeli prime minister to visit kazakhstan", "No. "),
        ("Was Netanyahu the first Israeli prime minister to visit Kazakhstan?", "Yes. "),
        ("was yoav bistritsky the first bedouin diplomat", "No. "),
    ],
)
def test_a_first_is_one_person(engine: Engine, question: str, verdict: str) -> None:
    assert engine.ask(question).text.startswith(verdict)


def test_a_city_question_gets_no_verdict_and_israels_man_is_its_ambassador(engine: Engine) -> None:
    synagogue = engine.ask("khujand synagogue")
    assert synagogue.text.startswith("Dushanbe's last synagogue")
    man = engine.ask("who is israel's man in tashkent")
    assert man.answered and "Lustig" in man.text


def test_a_bare_person_gets_their_facts_and_is_remembered(engine: Engine) -> None:
    about = engine.ask("tell me about niyazov", "person")
    assert about.text.startswith("Saparmurat Niyazov, in the article:")
    assert 1 < len(about.sources) <= 3
    book = engine.ask("what was the name of his book", "person")
    assert book.answered and "Ruhnama" in book.text


def test_a_return_visit_needs_a_fact_telling_of_more_than_one(engine: Engine) -> None:
    engine.ask("when did karimov visit israel", "again")
    assert not engine.ask("did he come back again later?", "again").answered
    engine.ask("when did niyazov visit jerusalem", "twice")
    assert engine.ask("did he visit again?", "twice").answered


def test_a_wrong_length_is_answered_with_the_one_given(engine: Engine) -> None:
    # Afghanistan is what is asked about, not a claimed place: the number alone is left out.
    answer = engine.ask("is tajikistan's border with afghanistan about 2000 km?")
    assert answer.answered and "1,300 km" in answer.text


def test_a_wrong_year_and_month_get_the_date_given(engine: Engine) -> None:
    answer = engine.ask("Did Israel open its embassy in Tashkent in March 1997?")
    assert answer.answered and answer.text.startswith("No.") and "May 1992" in answer.text


def test_a_detail_the_article_leaves_out_is_not_given(engine: Engine) -> None:
    left_out = engine.ask("Which months did Niyazov rename after his mother?")
    assert not left_out.answered and left_out.outcome is Outcome.NOT_GIVEN
    told = engine.ask("what did niyazov rename after himself")
    assert told.answered and "months and days" in told.text


def test_a_span_between_two_one_word_parts_is_one_facts_dates(engine: Engine) -> None:
    # "from signing to taking effect" names no two events: the treaty's own two dates.
    answer = engine.ask(
        "how long from signing to taking effect for the uzbek investment protection treaty"
    )
    assert answer.answered and "July 1994" in answer.text and "February 1997" in answer.text
    assert "double-taxation" not in answer.text


def test_the_same_month_as_an_event_is_that_events_month(engine: Engine) -> None:
    answer = engine.ask(
        "Which Israel-Uzbekistan agreement was signed in the same month as Karimov's state visit?"
    )
    assert answer.answered and "double-taxation" in answer.text


def test_the_same_year_as_an_event_lists_that_years_events(engine: Engine) -> None:
    answer = engine.ask("What else happened in Kazakhstan in the same year Beit Rachel opened?")
    assert answer.answered and "Chamber of Commerce" in answer.text


def test_he_stays_whom_the_conversation_is_about(engine: Engine) -> None:
    engine.ask("who is israel's ambassador to kazakhstan", "subject")
    engine.ask("who did he replace", "subject")  # "Glusman...; Bistritsky replaced him"
    answer = engine.ask("which other country does he cover", "subject")
    assert answer.answered and "Kyrgyzstan" in answer.text and "Bistritsky" in answer.text


def test_a_dated_event_asked_of_the_wrong_country_is_corrected(engine: Engine) -> None:
    answer = engine.ask("was the 2009 corruption scandal about uzbek defense purchases")
    assert answer.answered and "of Kazakhstan, not Uzbekistan" in answer.text


def test_an_undated_visit_elsewhere_says_nothing_of_another_country(engine: Engine) -> None:
    # That Netanyahu visited Kazakhstan does not mean he never went to Uzbekistan.
    assert not engine.ask("Has Netanyahu ever visited Uzbekistan?").answered
    assert not engine.ask("is there a synagogue in bishkek").answered


def test_where_the_asker_is_from_is_not_the_question(engine: Engine) -> None:
    answer = engine.ask(
        "hi, i am student from Vietnam. Israel and Uzbekistan tourism agreement, when?"
    )
    assert answer.answered and "1994" in answer.text
    # From a country of the article, "here" is that country.
    here = engine.ask("I'm from Kazakhstan, when did Israel open an embassy here?")
    assert here.answered and "Kazakhstan" in here.text


def test_is_anyone_here_is_small_talk(engine: Engine) -> None:
    assert engine.ask("hello?? anyone here").outcome is Outcome.ABSTAIN


def test_a_claimed_amount_asks_for_an_amount(engine: Engine) -> None:
    answer = engine.ask("Is Israel-Kazakhstan trade around $1 billion a year?")
    assert answer.answered and "$500 million" in answer.text


def test_a_span_from_a_relationship_dated_twice_gives_both(engine: Engine) -> None:
    # Recognition in 1991, diplomatic ties opened in 1993: the article dates the ties twice.
    answer = engine.ask(
        "how many years after ties were established did israel open its embassy in turkmenistan"
    )
    first_line = answer.text.splitlines()[0]
    assert answer.answered and "32 years" in first_line and "30 years" in first_line


def test_a_city_abroad_the_article_does_not_cover_is_named_in_the_abstention(
    engine: Engine,
) -> None:
    answer = engine.ask("how many bukharan jews live in new york?")
    assert not answer.answered and "New York" in answer.text


def test_how_long_he_ruled_is_computed_for_whom_the_conversation_is_about(
    engine: Engine,
) -> None:
    engine.ask("who ruled turkmenistan until 2006", "ruler")
    answer = engine.ask("how many years was he in charge?", "ruler")
    assert answer.answered and answer.text.startswith("21 years")


def test_what_else_that_same_year_lists_the_previous_countrys_year(engine: Engine) -> None:
    engine.ask("when did the beit rachel synagogue open", "year")
    answer = engine.ask("what else was set up that same year?", "year")
    assert answer.answered and "Chamber of Commerce" in answer.text


def test_a_short_verb_the_base_does_not_know_still_counts(engine: Engine) -> None:
    # "buy" is not a typo to drop: the fact says Turkmenistan has gas, not that Israel buys it.
    answer = engine.ask("does israel buy gas from turkmenistan")
    assert not answer.text.startswith("Yes")


def test_relations_with_all_five_give_each_date_and_the_article_s_round_figure(
    engine: Engine,
) -> None:
    answer = engine.ask(
        "When did Israel establish relations with all five Central Asian countries?"
    )
    assert answer.answered and "February 21, 1992" in answer.text and "early '90s" in answer.text
    assert "region-relations-early-90s" in answer.fact_ids


def test_which_stan_asks_which_country(engine: Engine) -> None:
    answer = engine.ask("which stan joined the abraham accords")
    assert answer.answered and answer.text.startswith("According to the article: Kazakhstan.")


def test_which_countries_leaves_out_a_detail_the_fact_leaves_out(engine: Engine) -> None:
    # The article names C5+1 but not its members: "Turkmenistan" would be a wrong answer.
    answer = engine.ask("which countries are in the c5+1 format?")
    assert not answer.answered and answer.outcome is Outcome.NOT_GIVEN


def test_a_magnitude_without_a_figure_still_compares(engine: Engine) -> None:
    # Tajikistan's Israeli tourists are "in the hundreds": fewer than Uzbekistan's 11,000.
    answer = engine.ask("Which got more Israeli tourists, Uzbekistan or Tajikistan?")
    assert answer.answered and "Uzbekistan has the largest" in answer.text
    assert "in the hundreds" in answer.text


def test_an_agreement_becoming_effective_is_when_it_took_effect(engine: Engine) -> None:
    answer = engine.ask("When did the Uzbek double taxation agreement become effective?")
    assert answer.answered and "2000" in answer.text


def test_which_israeli_city_asks_for_a_city_in_israel(engine: Engine) -> None:
    answer = engine.ask("In which Israeli city is Kazakhstan's embassy?")
    assert answer.answered and "Tel Aviv" in answer.text
    # The article never names the city of Uzbekistan's embassy.
    assert not engine.ask("In which Israeli city is Uzbekistan's embassy?").answered


def test_his_position_after_an_answer_about_him_is_what_the_article_says_of_him(
    engine: Engine,
) -> None:
    engine.ask("which israeli minister visited tajikistan last september?", "katz")
    engine.ask("what did he sign there", "katz")
    answer = engine.ask("what's his position exactly", "katz")
    assert answer.answered and answer.text.startswith("Haim Katz, in the article:")
    assert "Tourism Minister" in answer.text


def test_what_else_did_he_say_gives_more_of_the_speakers_words(engine: Engine) -> None:
    engine.ask("what does yuval fuchs say turkmenistan mainly wants from israel", "fuchs")
    answer = engine.ask("what else did he say about the place", "fuchs")
    assert answer.answered and answer.text.startswith("More from Yuval Fuchs:")
    assert "gas" in answer.text and "turkmenistan-water-interest" not in answer.fact_ids
    # Credited as "Yuval Fuchs told the Magazine" or "..., deputy director-general": one man.
    assert all("Fuchs" in (source.speaker or "") for source in answer.sources)


def test_a_span_of_decades_is_no_count_of_people(engine: Engine) -> None:
    # "over three decades of expanding ties" does not say how many work at the embassy.
    assert not engine.ask("how many israelis work at the embassy in ashgabat").answered


def test_where_something_first_was_answers_where_it_originally_was(engine: Engine) -> None:
    # "first opened in Almaty ... later relocated to Astana" says what was so originally.
    answer = engine.ask("Did Israel originally open its embassy in Kazakhstan in Astana?")
    assert answer.answered and "Almaty" in answer.text


def test_where_an_ambassador_served_before_is_left_out_by_the_article(engine: Engine) -> None:
    answer = engine.ask("Where did Gideon Lustig serve before Uzbekistan?")
    assert answer.outcome is Outcome.NOT_GIVEN
    # Where he serves now is still answered.
    assert engine.ask("where does gideon lustig serve as ambassador").answered


def test_how_many_years_apart_were_two_events(engine: Engine) -> None:
    answer = engine.ask(
        "How many years apart were Peres's Uzbekistan trip and Karimov's visit to Israel?"
    )
    assert answer.answered and answer.text.startswith("4 years")


def test_how_many_days_apart_two_countries_relations_were_set_up(engine: Engine) -> None:
    answer = engine.ask(
        "How many days apart were the Kyrgyz and Tajik dates for relations with Israel?"
    )
    assert answer.answered and answer.text.startswith("They are 22 days apart.")


def test_a_city_in_israel_is_a_claimed_place(engine: Engine) -> None:
    answer = engine.ask("Did Rahmon meet Rabin in Jerusalem?")
    assert answer.answered and "General Assembly" in answer.text
    # "in Israel" still says which way the embassy faces.
    embassy = engine.ask("Is Kazakhstan's embassy in Israel located in Jerusalem?")
    assert embassy.answered and "Tel Aviv" in embassy.text


def test_how_old_a_community_is_answered_by_how_long_it_has_been_there(engine: Engine) -> None:
    answer = engine.ask("bukharan jews how old")
    assert answer.answered and "two millennia" in answer.text


def test_summing_up_is_describing(engine: Engine) -> None:
    answer = engine.ask("How did Lustig sum up Israel's relations with Uzbekistan and Tajikistan?")
    assert answer.answered and "solid and sound" in answer.text


def test_two_facts_quoting_the_same_rabbi_answer_which_rabbi_alike(engine: Engine) -> None:
    answer = engine.ask("which rabbi is quoted about the abraham accords?")
    assert answer.answered and "Yeshaya Cohen" in answer.text


def test_a_close_fact_naming_no_one_new_does_not_block_who(engine: Engine) -> None:
    # The call's three leaders and Tokayev's praise of Trump both name the Kazakh president.
    answer = engine.ask("kazakh president name?")
    assert answer.answered and "Kassym-Jomart Tokayev" in answer.text


def test_a_city_claimed_as_the_place_of_something_elsewhere_is_corrected(
    engine: Engine,
) -> None:
    answer = engine.ask("Is Central Asia's largest synagogue in Tashkent?")
    assert answer.answered and "Astana" in answer.text
    # A city that is what is asked about is no claim: nothing of Dushanbe answers for Bishkek.
    assert not engine.ask("is there a synagogue in bishkek").answered
    tashkent = engine.ask("did israel open the tashkent embassy in 1995")
    assert tashkent.answered and "May 1992" in tashkent.text


def test_a_number_claimed_in_the_present_is_checked_against_today_s_figure(
    engine: Engine,
) -> None:
    answer = engine.ask("Does Kazakhstan have about 13,000 Jews?")
    assert answer.answered and answer.text.startswith("No.") and "3,300" in answer.text


def test_a_year_claimed_by_a_yes_no_question_does_not_pick_the_fact(engine: Engine) -> None:
    # 1995 is Rahmon meeting Rabin; the question is about ties, which date to 1992.
    answer = engine.ask("did israel and tajikistan establish ties in 1995?")
    assert answer.answered and answer.text.startswith("No.") and "1992" in answer.text


def test_what_a_countrys_president_said_needs_that_president(engine: Engine) -> None:
    # Trump and Tokayev spoke of Kazakhstan's accession; Uzbekistan's president is not quoted.
    question = "what did uzbekistan's president say about kazakhstan joining the abraham accords"
    assert not engine.ask(question).answered
    # The Kazakh leader as what is spoken of is no speaker.
    about = engine.ask("what did trump say about the kazakh leader?")
    assert about.answered and "tremendous" in about.text


def test_on_the_call_is_the_phone_call(engine: Engine) -> None:
    answer = engine.ask("who was on the call")
    assert answer.answered and "Tokayev" in answer.text and "phone call" in answer.text


def test_how_many_countries_counts_those_the_article_names(engine: Engine) -> None:
    answer = engine.ask(
        "Besides Kazakhstan, how many Central Asian countries had officials at the White House?"
    )
    assert answer.answered and answer.text.startswith("4, according to the article:")
    assert "Kazakhstan" not in answer.text.splitlines()[0]


def test_a_year_claimed_of_an_event_dated_relative_to_the_article_gets_that_date(
    engine: Engine,
) -> None:
    answer = engine.ask("Was Israel's first tourism agreement with Tajikistan signed back in 1995?")
    assert answer.answered and "this past September" in answer.text
    assert not answer.text.startswith(("Yes", "No"))  # the article gives no year to set against


def test_a_month_claimed_by_a_yes_no_question_is_checked_not_matched(engine: Engine) -> None:
    answer = engine.ask("Was Kazakhstan's Abraham Accords decision announced in October?")
    assert answer.answered and "November 6" in answer.text


def test_someone_asked_into_a_post_held_by_another_gets_no_and_both(engine: Engine) -> None:
    answer = engine.ask("Is Yuval Fuchs Israel's ambassador to Kazakhstan?")
    assert answer.answered and answer.text.startswith("No. Yoav Bistritsky")
    assert "deputy director-general" in answer.text
    # The article does not say who held posts before: "ever" gets no "No.".
    assert not engine.ask("was yuval fuchs ever ambassador to kazakhstan").text.startswith("No")


def test_what_else_did_he_say_about_a_topic_keeps_to_it(engine: Engine) -> None:
    engine.ask("how many israeli tourists visited uzbekistan in 2024", "lustig")
    answer = engine.ask("what else did he say about trade", "lustig")
    assert answer.answered and answer.text.startswith("More from Gideon Lustig:")
    assert "$54 million" in answer.text and "tourists" not in answer.text


def test_when_lustig_arrived_is_not_dated_by_the_article(engine: Engine) -> None:
    answer = engine.ask("What year did Lustig arrive as ambassador?")
    assert answer.outcome is Outcome.NOT_GIVEN
