"""Embeds: how answers, overviews, timelines and help look in Discord. Every builder keeps within
Discord's embed limits and reads well on a phone (short fields, nothing inline)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import discord

from bot.answering.answer import Answer, Outcome, SourceRef
from bot.answering.browse import TimelineEvent
from bot.discord_bot import text as t

ANSWERED = discord.Colour(0x2E7D32)
CLARIFY = discord.Colour(0xF9A825)
ABSTAIN = discord.Colour(0x607D8B)
PROBLEM = discord.Colour(0xC62828)
INFO = discord.Colour(0x1565C0)

COVERS = (
    "Israel's relations with Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan: "
    "diplomatic ties, embassies, ambassadors, agreements, visits, trade, tourism, Jewish "
    "communities and the Abraham Accords"
)
EXAMPLES = (
    "When did Israel open its embassy in Ashgabat?",
    "Who is Israel's ambassador to Uzbekistan?",
    "How much trade does Israel do with Uzbekistan?",
    "When did Kazakhstan join the Abraham Accords?",
)
TIMELINE_PAGE = 8  # events per page: short enough for a phone screen


def country_name(country: str | None) -> str:
    return "Central Asia" if country in (None, "region", "all") else str(country).capitalize()


def credit_line(source: SourceRef) -> str:
    return f"— {source.credit()}, section “{source.section}”"


def source_value(source: SourceRef, limit: int = t.FIELD_VALUE) -> str:
    """The quote and who said it, in one field value."""
    credit = credit_line(source)
    room = limit - len(credit) - 6  # quote marks, "> " and the newline
    quote = t.clip(t.escape_markdown(" ".join(source.quote.split())), max(20, room))
    return t.clip(f"> “{quote}”\n{credit}", limit)


def footer_text(sources: Sequence[SourceRef], fallback: str | None = None) -> str | None:
    title = sources[0].document_title if sources else fallback
    return t.clip(f"Source: “{title}” (magazine article)", t.FOOTER) if title else None


def fit(embed: discord.Embed) -> discord.Embed:
    """Trim an embed until it is inside Discord's 6,000-character total."""
    while len(embed) > t.EMBED_TOTAL:
        excess = len(embed) - t.EMBED_TOTAL
        longest = max(
            range(len(embed.fields)), key=lambda i: len(embed.fields[i].value or ""), default=None
        )
        description = embed.description or ""
        if longest is not None and len(embed.fields[longest].value or "") > len(description):
            field = embed.fields[longest]
            value = field.value or ""
            embed.set_field_at(
                longest,
                name=field.name,
                value=t.clip(value, max(1, len(value) - excess - 1)),
                inline=field.inline,
            )
        elif description:
            embed.description = t.clip(description, max(1, len(description) - excess - 1))
        else:  # only titles and names left: drop the last field
            embed.remove_field(len(embed.fields) - 1)
    return embed


def answer_embed(answer: Answer, question: str | None = None) -> discord.Embed:
    """One answer: the short answer, a Source field per source, the document in the footer."""
    colour = {
        Outcome.ANSWERED: ANSWERED,
        Outcome.CLARIFY: CLARIFY,
    }.get(answer.outcome, ABSTAIN)
    description = answer.text
    if answer.outcome is Outcome.CLARIFY and answer.suggestions:
        lines = [f"{n}. {s}" for n, s in enumerate(answer.suggestions, 1)]
        description = answer.text + "\n" + "\n".join(lines)
    elif answer.outcome is Outcome.ABSTAIN:
        description = answer.text + "\nType `/help` for examples."
    embed = discord.Embed(description=t.clip(description, t.EMBED_DESCRIPTION), colour=colour)
    if question:
        embed.title = t.escape_user_text(question, t.EMBED_TITLE)
    for number, source in enumerate(answer.sources[:3], 1):
        name = "Source" if number == 1 else f"Source {number}"
        embed.add_field(name=name, value=source_value(source), inline=False)
    footer = footer_text(answer.sources)
    if footer:
        embed.set_footer(text=footer)
    return fit(embed)


def paragraph_embed(source: SourceRef) -> discord.Embed:
    """The quote in its paragraph, the quoted words in bold."""
    paragraph = " ".join(source.paragraph.split())
    span = t.find_quote(paragraph, " ".join(source.quote.split()))
    if span is None:
        body = t.escape_markdown(paragraph)
        extra = f"\n\nQuoted: “{t.escape_markdown(source.quote)}”"
    else:
        start, end = span
        body = (
            t.escape_markdown(paragraph[:start])
            + "**"
            + t.escape_markdown(paragraph[start:end])
            + "**"
            + t.escape_markdown(paragraph[end:])
        )
        extra = ""
    embed = discord.Embed(
        title=t.clip(f"From the section “{source.section}”", t.EMBED_TITLE),
        description=t.clip(body + extra, t.EMBED_DESCRIPTION),
        colour=INFO,
    )
    embed.add_field(name="Credited to", value=t.clip(source.credit(), t.FIELD_VALUE), inline=False)
    footer = footer_text([source])
    if footer:
        embed.set_footer(text=footer)
    return fit(embed)


def overview_embed(
    country: str, lines: Sequence[tuple[str, Answer]], document_title: str
) -> discord.Embed:
    """A country at a glance: one field per topic, each with its answer and its quote."""
    name = country_name(country)
    embed = discord.Embed(title=f"Israel and {name}", colour=ANSWERED)
    if not lines:
        embed.description = (
            f"The article says too little about {name} for an overview. "
            "Try `/ask` with a specific question, or `/timeline`."
        )
        embed.colour = ABSTAIN
    budget = (t.EMBED_TOTAL - 600) // max(1, len(lines))
    for label, answer in lines[: t.EMBED_FIELDS]:
        value = answer.text
        if answer.sources:
            value += "\n" + source_value(answer.sources[0], t.FIELD_VALUE - len(value) - 1)
        embed.add_field(
            name=t.clip(label, t.FIELD_NAME),
            value=t.clip(value, min(t.FIELD_VALUE, budget)),
            inline=False,
        )
    embed.set_footer(text=t.clip(f"Source: “{document_title}” (magazine article)", t.FOOTER))
    return fit(embed)


def timeline_pages(count: int) -> int:
    return max(1, -(-count // TIMELINE_PAGE))


def timeline_embed(
    events: Sequence[TimelineEvent],
    country: str | None,
    page: int,
    document_title: str,
    image: str | None = None,
) -> discord.Embed:
    pages = timeline_pages(len(events))
    page = min(max(page, 0), pages - 1)
    chunk = events[page * TIMELINE_PAGE : (page + 1) * TIMELINE_PAGE]
    title = f"Timeline: Israel and {country_name(country)}"
    embed = discord.Embed(title=title, colour=INFO)
    if not events:
        embed.description = "The article gives no dated events for this."
    else:
        lines = []
        for event in chunk:
            place = "" if country else f" · {country_name(event.country)}"
            lines.append(f"**{event.date.human()}**{place}\n{t.escape_markdown(event.label)}")
        embed.description = t.clip("\n".join(lines), t.EMBED_DESCRIPTION)
    if image:
        embed.set_image(url=f"attachment://{image}")
    where = f"Page {page + 1} of {pages} · " if pages > 1 else ""
    embed.set_footer(text=t.clip(f"{where}Source: “{document_title}”", t.FOOTER))
    return fit(embed)


def about_embed(
    title: str, counts: dict[str, int], total: int, *, logs_gaps: bool = False
) -> discord.Embed:
    embed = discord.Embed(
        title="About factbot",
        description=(
            f"I answer questions about one source: the magazine article **“{title}”**, on "
            f"{COVERS}.\n\n"
            "Every answer is a short sentence with its source: a verbatim quote from the article, "
            "the section it comes from and who said it. Press **Show source** to read the quote "
            "in its paragraph. When the article does not say, I say so instead of guessing."
        ),
        colour=INFO,
    )
    lines = [f"{country_name(c)}: {n}" for c, n in counts.items() if c not in ("region", "all")]
    if "region" in counts:
        lines.append(f"Region-wide: {counts['region']}")
    embed.add_field(
        name=f"Facts per country ({total} in all)",
        value=t.clip("\n".join(lines) or "none", t.FIELD_VALUE),
    )
    privacy = (
        "Questions I cannot answer are kept as text only (no names, no ids) to grow the facts."
        if logs_gaps
        else "No questions are stored."
    )
    embed.set_footer(text=f"Mentions and DMs work too. {privacy}")
    return fit(embed)


def help_embed(bot_name: str, commands: Iterable[tuple[str, str]]) -> discord.Embed:
    examples = "\n".join(f"• {e}" for e in EXAMPLES)
    embed = discord.Embed(
        title="How to ask",
        description=(
            f"Ask about {COVERS}.\n\n"
            f"Use `/ask`, mention me (`@{t.escape_markdown(bot_name)} your question`) or send "
            "me a DM. Follow-ups work: after a question about Uzbekistan, “and Tajikistan?”.\n\n"
            f"**Examples**\n{examples}"
        ),
        colour=INFO,
    )
    listing = "\n".join(f"`/{name}` {description}" for name, description in commands)
    if listing:
        embed.add_field(name="Commands", value=t.clip(listing, t.FIELD_VALUE), inline=False)
    return fit(embed)


def notice_embed(text: str, colour: discord.Colour = ABSTAIN) -> discord.Embed:
    return discord.Embed(description=t.clip(text, t.EMBED_DESCRIPTION), colour=colour)
