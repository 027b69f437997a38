"""Buttons. Each is a `DynamicItem`: its state lives in its custom id, so a button keeps working
after a restart or a `/reload`, and the bot keeps no per-message memory.

- `fb:src:<fact id>`: "Show source", the quote in its paragraph, only to whoever pressed it.
- `fb:dym:<asker id>:<question key>`: a "did you mean" suggestion; answers that question.
- `fb:tl:<scope>:<page>:<p|n>`: timeline pages.

The work each button does is in `actions`; this module only builds and parses buttons.
"""

from __future__ import annotations

import re
from typing import Any

import discord
from discord import ui

from bot.answering.answer import Answer, Outcome
from bot.discord_bot import text as t
from bot.discord_bot.service import question_key

SOURCE_ID = "fb:src:{fact}"
SUGGESTION_ID = "fb:dym:{user}:{key}"
PAGE_ID = "fb:tl:{scope}:{page}:{direction}"
_FACT_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class SourceButton(ui.DynamicItem[ui.Button[Any]], template=r"fb:src:(?P<fact>[a-z0-9-]{1,93})"):
    def __init__(self, fact_id: str) -> None:
        super().__init__(
            ui.Button(
                label="Show source",
                emoji="📄",
                style=discord.ButtonStyle.secondary,
                custom_id=SOURCE_ID.format(fact=fact_id),
            )
        )
        self.fact_id = fact_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: ui.Item[Any], match: re.Match[str], /
    ) -> SourceButton:
        return cls(match["fact"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        from bot.discord_bot import actions

        await actions.show_source(interaction, self.fact_id)


class SuggestionButton(
    ui.DynamicItem[ui.Button[Any]], template=r"fb:dym:(?P<user>\d{1,21}):(?P<key>[0-9a-f]{16})"
):
    def __init__(self, user_id: int, key: str, label: str = "Did you mean this?") -> None:
        super().__init__(
            ui.Button(
                label=t.clip(label, t.BUTTON_LABEL),
                style=discord.ButtonStyle.primary,
                custom_id=SUGGESTION_ID.format(user=user_id, key=key),
            )
        )
        self.user_id = user_id
        self.key = key

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: ui.Item[Any], match: re.Match[str], /
    ) -> SuggestionButton:
        label = getattr(item, "label", None) or "Did you mean this?"
        return cls(int(match["user"]), match["key"], label)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        from bot.discord_bot import actions

        await actions.pick_suggestion(interaction, self.user_id, self.key)


class PageButton(
    ui.DynamicItem[ui.Button[Any]],
    template=r"fb:tl:(?P<scope>[a-z]{1,20}):(?P<page>\d{1,3}):(?P<direction>[pn])",
):
    def __init__(self, scope: str, page: int, direction: str, *, disabled: bool = False) -> None:
        super().__init__(
            ui.Button(
                label="◀ Earlier" if direction == "p" else "Later ▶",
                style=discord.ButtonStyle.secondary,
                custom_id=PAGE_ID.format(scope=scope, page=page, direction=direction),
                disabled=disabled,
            )
        )
        self.scope = scope
        self.page = page

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: ui.Item[Any], match: re.Match[str], /
    ) -> PageButton:
        return cls(match["scope"], int(match["page"]), match["direction"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        from bot.discord_bot import actions

        scope = None if self.scope == "all" else self.scope
        await actions.turn_page(interaction, scope, self.page)


DYNAMIC_ITEMS = (SourceButton, SuggestionButton, PageButton)


def answer_view(answer: Answer, user_id: int) -> ui.View | None:
    """ "Show source" under an answer; one button per suggestion under a "did you mean"."""
    view = ui.View(timeout=None)
    if answer.outcome in (Outcome.ANSWERED, Outcome.NOT_GIVEN):
        fact_id = answer.fact_ids[0] if answer.fact_ids else ""
        if _FACT_ID.match(fact_id) and len(SOURCE_ID.format(fact=fact_id)) <= t.CUSTOM_ID:
            view.add_item(SourceButton(fact_id))
    for suggestion in answer.suggestions[:3]:
        view.add_item(SuggestionButton(user_id, question_key(suggestion), suggestion))
    return view if view.children else None


def timeline_view(country: str | None, page: int, pages: int) -> ui.View | None:
    if pages <= 1:
        return None
    scope = country or "all"
    view = ui.View(timeout=None)
    view.add_item(PageButton(scope, max(page - 1, 0), "p", disabled=page <= 0))
    view.add_item(PageButton(scope, min(page + 1, pages - 1), "n", disabled=page >= pages - 1))
    return view
