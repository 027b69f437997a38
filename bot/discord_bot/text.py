"""Text rules for Discord: its size limits, stripping the bot's mention, escaping user text.

Nothing here imports discord, so the rules are easy to test on their own.
"""

from __future__ import annotations

import re
import unicodedata

# Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits
# and the component and command-option references).
CONTENT = 2000
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER = 2048
EMBED_TOTAL = 6000
EMBED_FIELDS = 25
BUTTON_LABEL = 80
CUSTOM_ID = 100
CHOICE_NAME = 100
CHOICE_VALUE = 100
CHOICES = 25

# Questions longer than this are not worth reading: the engine answers "please ask a shorter
# question" well below it. Cutting here keeps a 10,000-character message from costing anything.
MAX_INPUT = 4000

_MARKDOWN = re.compile(r"([\\*_~`|\[\]])|^([>#-])", re.MULTILINE)
_MASS_MENTION = re.compile(r"@(everyone|here)", re.IGNORECASE)
_MENTION_MARKUP = re.compile(r"<(@[!&]?|#)(\d+)>")
_INVISIBLE = {"Cf", "Cc", "Cs", "Co", "Cn"}


def clip(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, ending in an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return text[: max(0, limit - 1)].rstrip() + "…"


def mention_pattern(user_id: int) -> re.Pattern[str]:
    return re.compile(rf"<@!?{user_id}>")


def strip_mention(content: str, user_id: int) -> str:
    """The message without the bot's own mention, trimmed."""
    return mention_pattern(user_id).sub(" ", content).strip()


def visible(text: str) -> str:
    """`text` without control, format (zero-width, bidi) and stacked combining characters."""
    out = []
    marks = 0
    for ch in text:
        category = unicodedata.category(ch)
        if category in _INVISIBLE and ch not in "\n\t":
            continue
        if category == "Mn":
            marks += 1
            if marks > 2:  # a real accent needs one or two; "zalgo" stacks dozens
                continue
        else:
            marks = 0
        out.append(ch)
    return "".join(out)


def clean_question(text: str) -> str:
    """What the engine is asked: visible characters, one line, bounded length, and no mention
    markup (a mention of someone else says nothing about the question, and is an id)."""
    text = _MENTION_MARKUP.sub(" ", text[:MAX_INPUT])
    return " ".join(visible(text).split())


def escape_user_text(text: str, limit: int) -> str:
    """User text made safe to echo: no markdown, no mention markup, no mass mentions, bounded."""
    text = visible(text)
    text = " ".join(text.split())
    text = _MENTION_MARKUP.sub(lambda m: f"<{m.group(1)}\u200b{m.group(2)}>", text)
    text = _MASS_MENTION.sub("@\u200b\\1", text)
    text = _escape(text)
    return clip(text, limit)


def _escape(text: str) -> str:
    return _MARKDOWN.sub(lambda m: "\\" + (m.group(1) or m.group(2)), text)


def escape_markdown(text: str) -> str:
    """Article text shown as is: markdown characters escaped so they print literally."""
    return _escape(text)


_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def find_quote(paragraph: str, quote: str) -> tuple[int, int] | None:
    """Where `quote` sits in `paragraph`, ignoring curly-versus-straight quotes and case."""
    haystack = paragraph.translate(_QUOTES).casefold()
    needle = quote.translate(_QUOTES).casefold().strip().rstrip(".")
    if len(haystack) != len(paragraph) or not needle:
        return None  # casefold changed lengths: do not risk a wrong slice
    start = haystack.find(needle)
    return None if start < 0 else (start, start + len(needle))
