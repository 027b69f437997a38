"""Turning whatever people type into one plain, comparable form."""

from __future__ import annotations

import re
import unicodedata

# Discord markup: user/role/channel mentions, custom emoji, timestamps.
_DISCORD_MARKUP = re.compile(r"<(?:@[!&]?|#|a?:\w+:|t:)\d+(?::\w)?>")
_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_CODE_FENCE = re.compile(r"```.*?```", re.DOTALL)
_DIGIT_SEPARATOR = re.compile(r"(?<=\d)[,\u202f\u00a0'](?=\d{3}\b)")
# "didn't" as typed with or without the apostrophe: one word, "didnt".
_CONTRACTION = re.compile(r"(?<=\w)n't\b")
_POSSESSIVE = re.compile(r"(?<=\w)'s\b|(?<=s)'(?=\s|$)")
# "the 90s", "the nineties": one spelling of a decade, the one the article uses ("1990s").
_DECADE = re.compile(r"\b(?:([3-9]0)s|([0-2]0)s|(nine|eigh|seven)ties)\b")
_DECADE_WORDS = {"nine": "1990s", "eigh": "1980s", "seven": "1970s"}
_NON_WORD = re.compile(r"[^\w.]+|(?<!\d)\.|\.(?!\d)")
_TYPOGRAPHY = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "ʼ": "'",
        "`": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "–": "-",
        "—": "-",
        "−": "-",
        "‐": "-",
        "…": "...",
    }
)


def _keep(char: str) -> bool:
    category = unicodedata.category(char)
    # Drop control/format characters (zero-width, bidi marks) and combining marks (accents,
    # "zalgo" floods); both change nothing a reader of English questions means.
    return not (category.startswith("C") or category == "Mn") or char in "\n\t "


def _symbol(char: str) -> bool:
    # A symbol decomposes into letters ("㏕" into "mil", "™" into "tm"), words nobody typed.
    return unicodedata.category(char) == "So"


# ASCII control characters _keep drops (all but tab and newline): plain ASCII text needs no
# Unicode decomposition nor a per-character category lookup.
_ASCII_CONTROLS = {c: None for c in (*range(32), 127) if chr(c) not in "\n\t"}


def normalise(text: str) -> str:
    """Lower case ASCII-ish words and numbers separated by single spaces."""
    text = _CODE_FENCE.sub(" ", text)
    text = _DISCORD_MARKUP.sub(" ", text)
    text = _URL.sub(" ", text)
    if text.isascii():
        text = text.translate(_ASCII_CONTROLS)
    else:
        text = text.translate({ord(c): " " for c in set(text) if _symbol(c)})
        text = unicodedata.normalize("NFKD", text)
        # Decide once per distinct character, not once per character.
        text = text.translate({ord(c): None for c in set(text) if not _keep(c)})
    text = text.translate(_TYPOGRAPHY).lower()
    text = _DIGIT_SEPARATOR.sub("", text)
    text = _CONTRACTION.sub("nt", text)
    text = _POSSESSIVE.sub("", text)
    text = text.replace("@everyone", " ").replace("@here", " ")
    text = _NON_WORD.sub(" ", text)
    if "0s" in text or "ties" in text:
        text = _DECADE.sub(_full_decade, text)
    return " ".join(text.split())


def _full_decade(match: re.Match[str]) -> str:
    last_century, this_century, word = match.groups()
    if word:
        return _DECADE_WORDS[word]
    return f"19{last_century}s" if last_century else f"20{this_century}s"


def tokens(text: str) -> list[str]:
    """Tokens of already-normalised text."""
    return text.split()
