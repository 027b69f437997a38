"""Slash commands, autocomplete and buttons, driven as real INTERACTION_CREATE events through the
fake; assertions are on the interaction callbacks and webhook calls the bot makes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.discord_fake import payloads as p
from tests.discord_fake.engines import ClarifyingEngine, FailingEngine, SlowEngine
from tests.discord_fake.harness import Harness, custom_ids, message_of, new_user
from tests.helpers import make_knowledge

EPHEMERAL = 64
QUESTION = "Who is Israel's ambassador to Uzbekistan?"


def response_message(harness: Harness, interaction: dict[str, Any]) -> dict[str, Any]:
    """The message a callback created (type 4) or updated (type 7), as the fake stored it."""
    request = harness.callback(interaction)
    return request.response["resource"]["message"]


def test_ask_answers_with_an_embed_and_a_show_source_button(harness: Harness) -> None:
    interaction = harness.slash("ask", question=QUESTION)
    body = harness.callback(interaction).body
    assert body["type"] == 4
    data = body["data"]
    assert data["allowed_mentions"] == {"parse": []}
    assert not data.get("flags", 0) & EPHEMERAL
    (embed,) = data["embeds"]
    assert embed["title"] == QUESTION
    assert "Lustig" in embed["description"]
    assert embed["fields"][0]["name"] == "Source"
    assert custom_ids(data) == ["fb:src:" + custom_ids(data)[0].split(":", 2)[2]]


def test_a_detail_the_article_does_not_give_is_explained_with_its_source(
    harness: Harness,
) -> None:
    interaction = harness.slash("ask", question="How many Jews live in Kyrgyzstan?")
    data = harness.callback(interaction).body["data"]
    (embed,) = data["embeds"]
    assert "doesn't give" in embed["description"]
    assert embed["fields"][0]["name"] == "Source"
    assert [c.split(":", 2)[1] for c in custom_ids(data)] == ["src"]


def test_ask_works_in_dms(harness: Harness) -> None:
    interaction = harness.slash("ask", question=QUESTION, guild=False)
    body = harness.callback(interaction).body
    assert body["type"] == 4 and "Lustig" in body["data"]["embeds"][0]["description"]


def test_ask_escapes_the_echoed_question_and_pings_nobody(harness: Harness) -> None:
    interaction = harness.slash(
        "ask", question="@everyone **who** is <@123456789012345678> ambassador"
    )
    data = harness.callback(interaction).body["data"]
    title = data["embeds"][0]["title"]
    assert "@everyone" not in title and "<@123456789012345678>" not in title
    assert "\\*\\*who\\*\\*" in title
    assert data["allowed_mentions"] == {"parse": []}


def test_autocomplete_offers_known_questions_within_limits(harness: Harness) -> None:
    for typed in ("embassy", "", "zzzzzzzz", "a" * 300):
        option = {"name": "question", "type": 3, "value": typed, "focused": True}
        interaction = harness.interact(4, p.command_data("ask", [option]))
        body = harness.callback(interaction).body
        assert body["type"] == 8
        choices = body["data"]["choices"]
        assert len(choices) <= 25
        for choice in choices:
            assert 1 <= len(choice["name"]) <= 100 and 1 <= len(choice["value"]) <= 100
        if typed == "embassy":
            assert choices and all("mbass" in c["name"].lower() for c in choices[:3])


def test_show_source_is_ephemeral_with_the_quote_in_its_paragraph(harness: Harness) -> None:
    ask = harness.slash("ask", question=QUESTION)
    message = response_message(harness, ask)
    (source_id,) = custom_ids(message)
    clicker = new_user("curious")
    click = harness.click(message, source_id, invoker=clicker)
    body = harness.callback(click).body
    assert body["type"] == 4
    assert body["data"]["flags"] & EPHEMERAL
    embed = body["data"]["embeds"][0]
    assert "**" in embed["description"]  # the quoted words are in bold
    assert "Uzbekistan" in embed["title"] or "section" in embed["title"]
    assert len(embed["description"]) <= 4096


@pytest.fixture
def clarifying(make_harness: Callable[..., Harness], engine: Any) -> Harness:
    return make_harness(engine_override=ClarifyingEngine(engine))


def test_did_you_mean_buttons_answer_the_chosen_question_in_place(clarifying: Harness) -> None:
    asker = new_user()
    ask = clarifying.slash("ask", question=ClarifyingEngine.TRIGGER, invoker=asker)
    message = response_message(clarifying, ask)
    ids = custom_ids(message)
    assert len(ids) == 3 and all(i.startswith(f"fb:dym:{asker['id']}:") for i in ids)
    labels = [c["label"] for row in message["components"] for c in row["components"]]
    assert all(len(label) <= 80 for label in labels)
    click = clarifying.click(message, ids[0], invoker=asker)
    body = clarifying.callback(click).body
    assert body["type"] == 7  # the "did you mean" message turns into the answer
    data = body["data"]
    assert data["embeds"][0]["fields"][0]["name"] == "Source"
    assert [i.split(":")[1] for i in custom_ids(data)] == ["src"]
    assert data["allowed_mentions"] == {"parse": []}


def test_someone_elses_did_you_mean_click_is_answered_only_to_them(clarifying: Harness) -> None:
    ask = clarifying.slash("ask", question=ClarifyingEngine.TRIGGER)
    message = response_message(clarifying, ask)
    click = clarifying.click(message, custom_ids(message)[1], invoker=new_user("bystander"))
    body = clarifying.callback(click).body
    assert body["type"] == 4 and body["data"]["flags"] & EPHEMERAL


def test_country_overview_every_line_sourced_within_limits(harness: Harness) -> None:
    interaction = harness.slash("country", name="uzbekistan")
    body = harness.callback(interaction).body
    assert body["type"] == 4
    embed = body["data"]["embeds"][0]
    assert embed["title"] == "Israel and Uzbekistan"
    assert len(embed["fields"]) >= 4
    for field in embed["fields"]:
        assert "> “" in field["value"] and len(field["value"]) <= 1024
    assert embed_size(embed) <= 6000


def test_country_with_little_coverage_is_polite(harness: Harness) -> None:
    for country in ("kyrgyzstan", "turkmenistan"):
        interaction = harness.slash("country", name=country)
        embed = harness.callback(interaction).body["data"]["embeds"][0]
        assert embed["title"] == f"Israel and {country.capitalize()}"
        assert embed.get("description") or embed.get("fields")


def embed_size(embed: dict[str, Any]) -> int:
    total = len(embed.get("title", "")) + len(embed.get("description", ""))
    total += len(embed.get("footer", {}).get("text", ""))
    total += len(embed.get("author", {}).get("name", ""))
    for field in embed.get("fields", []):
        total += len(field["name"]) + len(field["value"])
    return total


def timeline_message(harness: Harness, interaction: dict[str, Any]) -> tuple[dict[str, Any], Any]:
    """The timeline message, answered at once (type 4) or after a defer (type 5 + follow-up)."""
    callback = harness.callback(interaction)
    if callback.body["type"] == 5:
        follow = harness.followup(interaction)
        return follow.response, follow
    return callback.response["resource"]["message"], callback


def test_timeline_pages_with_buttons_and_the_chart_attached(harness: Harness) -> None:
    interaction = harness.slash("timeline")
    message, request = timeline_message(harness, interaction)
    assert request.files and request.files[0]["png"]
    sent = message_of(request)
    assert sent["attachments"][0]["description"]  # the chart's alt text
    embed = message["embeds"][0]
    assert embed["image"]["url"].startswith("attachment://")
    assert "Page 1 of" in embed["footer"]["text"]
    ids = custom_ids(message)
    assert [i.rsplit(":", 1)[1] for i in ids] == ["p", "n"]
    later = harness.click(message, ids[1])
    body = harness.callback(later).body
    assert body["type"] == 7
    page_two = body["data"]["embeds"][0]
    assert "Page 2 of" in page_two["footer"]["text"]
    assert page_two["description"] != embed["description"]


def test_timeline_for_one_country(harness: Harness) -> None:
    interaction = harness.slash("timeline", country="uzbekistan")
    message, _ = timeline_message(harness, interaction)
    embed = message["embeds"][0]
    assert "Uzbekistan" in embed["title"] and "1992" in embed["description"]


def test_compare_attaches_a_chart(harness: Harness) -> None:
    interaction = harness.slash("compare", what="trade")
    message, request = timeline_message(harness, interaction)
    assert request.files and request.files[0]["png"]
    assert message["embeds"][0]["image"]["url"].startswith("attachment://")


def test_compare_rejects_unknown_countries_politely(harness: Harness) -> None:
    interaction = harness.slash("compare", what="trade", countries="narnia, @everyone")
    body = harness.callback(interaction).body
    assert body["type"] == 4 and body["data"]["flags"] & EPHEMERAL
    assert "@everyone" not in body["data"]["content"]


def test_about_and_help(harness: Harness) -> None:
    about = harness.callback(harness.slash("about")).body
    assert about["type"] == 4
    embed = about["data"]["embeds"][0]
    assert "Israel and Central Asia" in embed["description"]
    assert "Uzbekistan:" in embed["fields"][0]["value"]
    help_ = harness.callback(harness.slash("help", guild=False)).body
    assert help_["data"]["flags"] & EPHEMERAL
    assert "/ask" in help_["data"]["embeds"][0]["description"]


def test_ask_cooldown_is_an_ephemeral_notice(make_harness: Callable[..., Harness]) -> None:
    from bot.settings import Cooldown

    harness = make_harness(user_cooldown=Cooldown(1, 30.0))
    asker = new_user()
    first = harness.callback(harness.slash("ask", question=QUESTION, invoker=asker)).body
    assert first["type"] == 4 and first["data"]["embeds"]
    second = harness.callback(harness.slash("ask", question=QUESTION, invoker=asker)).body
    assert second["type"] == 4 and second["data"]["flags"] & EPHEMERAL
    assert "asking quickly" in second["data"]["content"]


def test_slow_answer_is_deferred_within_the_deadline_then_delivered(
    make_harness: Callable[..., Harness], engine: Any
) -> None:
    harness = make_harness(engine_override=SlowEngine(engine, 0.6), defer_after=0.2)
    interaction = harness.slash("ask", question=QUESTION)
    callback = harness.callback(interaction)
    assert callback.body["type"] == 5
    dispatched = harness.fake.interactions[interaction["token"]].dispatched_at
    assert callback.at - dispatched < 1.0  # well inside Discord's 3 seconds
    follow = harness.followup(interaction)
    assert "Lustig" in follow.body["embeds"][0]["description"]
    assert follow.body["allowed_mentions"] == {"parse": []}


def test_an_error_in_a_command_is_logged_and_apologised_for(
    make_harness: Callable[..., Harness], engine: Any, caplog: pytest.LogCaptureFixture
) -> None:
    harness = make_harness(engine_override=FailingEngine(engine))
    interaction = harness.slash("ask", question=QUESTION)
    body = harness.callback(interaction).body
    assert body["type"] == 4 and body["data"]["flags"] & EPHEMERAL
    assert body["data"]["content"].startswith("Sorry")
    logged = [r for r in caplog.records if "error in command" in r.getMessage()]
    assert logged and "what=ask" in logged[0].getMessage() and logged[0].exc_info
    assert QUESTION not in caplog.text  # logs carry ids, not what people typed
    assert harness.callback(harness.slash("about")).body["type"] == 4  # still up


def reload_result(harness: Harness, invoker: dict[str, Any]) -> dict[str, Any]:
    interaction = harness.slash("reload", invoker=invoker)
    callback = harness.callback(interaction)
    if callback.body["type"] == 5:
        assert callback.body["data"]["flags"] & EPHEMERAL
        return harness.followup(interaction).body
    return callback.body["data"]


def test_reload_is_owner_only_and_keeps_the_old_base_when_broken(
    make_harness: Callable[..., Harness], tmp_path: Path
) -> None:
    root = make_knowledge(tmp_path / "kb", copy_facts=True)
    harness = make_harness(knowledge_dir=root)
    stranger = harness.callback(harness.slash("reload")).body
    assert stranger["data"]["flags"] & EPHEMERAL and "owner" in stranger["data"]["content"]

    ok = reload_result(harness, p.OWNER)
    assert "Reloaded the fact base" in ok["embeds"][0]["description"]
    generation = harness.bot.holder.generation
    assert generation == 1

    (root / "facts" / "uzbekistan.yaml").write_text("facts:\n  - id: [broken\n")
    refused = reload_result(harness, p.OWNER)
    text = refused["embeds"][0]["description"]
    assert "kept the one in service" in text and "uzbekistan.yaml" in text
    assert harness.bot.holder.generation == generation  # the old base serves on
    answer = harness.callback(harness.slash("ask", question=QUESTION)).body
    assert "Lustig" in answer["data"]["embeds"][0]["description"]


def test_owner_ids_setting_overrides_the_application_owner(
    make_harness: Callable[..., Harness],
) -> None:
    admin = new_user("admin")
    harness = make_harness(owner_ids=frozenset({int(admin["id"])}))
    assert (
        "owner"
        in harness.callback(harness.slash("reload", invoker=p.OWNER)).body["data"]["content"]
    )
    assert "embeds" in reload_result(harness, admin)
