"""Gaps a fact records ("the article does not say when it moved") and the questions they stop."""

from __future__ import annotations

from bot.answering.unstated import leaves_out, unstated
from bot.knowledge.schema import Fact
from bot.understanding.intents import Wants


def _fact(answer: str, note: str | None = None, date: str | None = None) -> Fact:
    return Fact.model_validate(
        {
            "id": "test-fact",
            "countries": ["kazakhstan"],
            "topic": "embassy",
            "question": "Where is the embassy?",
            "answer": answer,
            "key_value": answer.split(maxsplit=1)[0],
            "date": date,
            "note": note,
            "source": {
                "document": "doc",
                "section": "s",
                "quote": "a quote of twelve characters or more",
                "speaker": None,
            },
        }
    )


def _terms(sentence: str) -> list[str]:
    return [w.strip(".,").lower() for w in sentence.split() if len(w) > 3]


def test_a_date_gap_stops_when_questions_about_what_it_names() -> None:
    fact = _fact(
        "It opened in Almaty in 1992 and later moved. The article does not say when it moved.",
        date="1992",
    )
    gaps = unstated(fact, _terms)
    assert leaves_out(fact, gaps, Wants.DATE, ("moved",))
    assert not leaves_out(fact, gaps, Wants.DATE, ("opened",)), "the opening date is given"
    assert not leaves_out(fact, gaps, Wants.PLACE, ("moved",))


def test_a_figure_gap_in_the_note_stops_how_many_when_no_figure_is_stored() -> None:
    fact = _fact("A small community remains.", note="The article gives no figure for it.")
    gaps = unstated(fact, _terms)
    assert leaves_out(fact, gaps, Wants.FIGURE, ("jews",))
    assert leaves_out(fact, gaps, Wants.MONEY, ("worth",))
    assert not leaves_out(fact, gaps, Wants.ANY, ("jews",))


def test_an_approximate_figure_is_not_a_gap() -> None:
    fact = _fact("Hundreds of thousands fled.", note="The article gives no exact figure.")
    assert unstated(fact, _terms) == ()
    assert not leaves_out(fact, (), Wants.FIGURE, ("fled",))


def test_whether_gaps_need_the_question_to_be_about_them() -> None:
    fact = _fact(
        "Bishkek explored opening one in 2018; the article does not say whether one was opened."
    )
    gaps = unstated(fact, _terms)
    assert leaves_out(fact, gaps, Wants.DATE, ("opened",))
    assert not leaves_out(fact, gaps, Wants.DATE, ("explored",))


def _content(sentence: str) -> list[str]:
    return [w for w in _terms(sentence) if w not in {"which", "what", "were", "where"}]


def test_a_detail_gap_stops_only_questions_asking_that_detail() -> None:
    fact = _fact(
        "He renamed months and days after himself.",
        note="The article does not say which months or days were renamed.",
    )
    gaps = unstated(fact, _content)
    months = "which months did he rename after his mother"
    assert leaves_out(fact, gaps, Wants.ANY, ("months", "rename", "mother"), months)
    assert leaves_out(fact, gaps, Wants.ANY, ("days", "renamed"), "which days were renamed")
    # Another question word, or no word of the detail, is answered by what the fact says.
    named = "what did he name the months after"
    assert not leaves_out(fact, gaps, Wants.ANY, ("name", "months"), named)
    assert not leaves_out(fact, gaps, Wants.ANY, ("renamed",), "which things were renamed")
    asked = "did he rename the months"
    assert not leaves_out(fact, gaps, Wants.ANY, ("months",), asked, yes_no=True)


def test_a_why_gap_stops_why_questions() -> None:
    fact = _fact("The US has reduced its presence.", note="The article does not say why.")
    gaps = unstated(fact, _content)
    assert leaves_out(fact, gaps, Wants.ANY, ("reduced",), "why did the us reduce it")
    assert not leaves_out(fact, gaps, Wants.ANY, ("reduced",), "what did the us reduce")


def test_a_where_gap_stops_where_questions() -> None:
    fact = _fact("He is the ambassador.", note="The article does not say where he served before.")
    gaps = unstated(fact, _content)
    before = "where did he serve before"
    assert leaves_out(fact, gaps, Wants.PLACE, ("served", "before"), before)
    assert not leaves_out(fact, gaps, Wants.PLACE, ("served",), "where has he served")
