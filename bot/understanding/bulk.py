"""`normalise` and `content_terms` for many texts at once, for indexing large fact bases.

Calling them once per text costs a dozen regex passes over every character, which dominates
building a 100,000-fact index. But fact texts are made of a few ten thousand distinct
words, and both functions mostly work within one word:

- `normalise` on text without a code fence (the only rule spanning words) is the normalised
  words of its tokens between ASCII spaces, tabs and newlines (its other rules see no further
  than those); so each distinct token is normalised once.
- `content_terms` is each word's own term, unless the text says "israel", "tel aviv" or
  "jerusalem" (the direction rule) or uses a word that starts a synonym phrase; so each distinct
  word is folded once, and only those texts go through `content_terms` whole.

Texts are joined a chunk at a time with a separator word, mapped token by token in one pass and
split again, so no Python code runs per word. Anything else goes through the functions
themselves; tests check that both paths agree with them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from bot.understanding.normalise import normalise
from bot.understanding.terms import SynonymMap, content_terms, stem

SEPARATOR = "qxzsepqxz"  # a word every step keeps as it is (checked: see _by_token)
CHUNK = 2000  # texts joined at a time: enough to amortise the calls, little memory
# Tokens are split at ASCII spaces only: `normalise` removes or keeps every other character
# (control characters, no-break spaces between digits) as part of the token it is in.
_SPACES = re.compile(r"[ \t\n]+")
_CONTEXT = "\x00"  # not a term: this word's term depends on the words after it


class _Memo(dict[str, str]):
    """A dict that fills itself with `make(key)` on a miss, so lookups can run in C (`map`)."""

    def __init__(self, make: Callable[[str], str]) -> None:
        super().__init__()
        self._make = make
        self[SEPARATOR] = SEPARATOR

    def __missing__(self, key: str) -> str:
        value = self[key] = self._make(key)
        return value


def _by_token(
    texts: Sequence[str], tokens: _Memo, whole: _Memo, by_token: Callable[[str], bool]
) -> list[str]:
    """whole[text] for each text, computed from `tokens` for the texts `by_token` accepts."""
    unique = list(dict.fromkeys(texts))  # many facts quote the same sentence
    if len(unique) < len(texts):
        done = dict(zip(unique, _by_token(unique, tokens, whole, by_token), strict=True))
        return [done[text] for text in texts]
    out = [""] * len(texts)
    plain: list[int] = []
    for i, text in enumerate(texts):
        if by_token(text):
            plain.append(i)
        else:
            out[i] = whole[text]
    for start in range(0, len(plain), CHUNK):
        chunk = plain[start : start + CHUNK]
        joined = f" {SEPARATOR} ".join([texts[i] for i in chunk])
        words = joined.split() if joined.isprintable() else _SPACES.split(joined)
        parts = " ".join(filter(None, map(tokens.__getitem__, words))).split(SEPARATOR)
        if len(parts) != len(chunk):  # a text uses the separator: do them one by one
            parts = [whole[texts[i]] for i in chunk]
        for i, part in zip(chunk, parts, strict=True):
            out[i] = whole[texts[i]] if _CONTEXT in part else part.strip()
    return out


def _normal_token(token: str) -> str:
    """normalise(token); most tokens are plain lower-case ASCII words already."""
    if token.isascii() and token.isalnum() and token.lower() == token:
        return token
    return normalise(token)


def _no_fence(text: str) -> bool:
    return "```" not in text


class Normaliser:
    """[normalise(text) for text in texts], remembering each distinct token's normal form (and
    each text done whole, such as the article's quotes, which many facts share)."""

    def __init__(self) -> None:
        self._tokens = _Memo(_normal_token)
        self._whole = _Memo(normalise)

    def __call__(self, texts: Sequence[str]) -> list[str]:
        return _by_token(texts, self._tokens, self._whole, _no_fence)


def words_of(texts: Iterable[str]) -> set[str]:
    """Every word of the normalised texts."""
    texts = list(texts)
    tokens: set[str] = set()
    whole: list[str] = []  # texts to normalise whole
    for start in range(0, len(texts), CHUNK):
        chunk = texts[start : start + CHUNK]
        joined = " ".join(chunk)
        if not _no_fence(joined):
            whole.extend(text for text in chunk if not _no_fence(text))
            joined = " ".join(text for text in chunk if _no_fence(text))
        tokens.update(joined.split() if joined.isprintable() else _SPACES.split(joined))
    return {
        word
        for normalised in (*map(_normal_token, tokens), *map(normalise, whole))
        for word in normalised.split()
    }


class TermMaker:
    """[" ".join(content_terms(strip(text), synonyms)) for text in normalised texts],
    remembering each word's term."""

    def __init__(self, synonyms: SynonymMap, strip: Callable[[str], str]) -> None:
        self._synonyms = synonyms
        self._strip = strip
        self._terms = _Memo(self._term)  # word -> its term, "" for none
        self._whole = _Memo(lambda text: " ".join(content_terms(strip(text), synonyms)))

    def _term(self, word: str) -> str:
        if not self._strip(word):
            return ""
        if self._synonyms.starts_phrase(stem(word)):
            return _CONTEXT
        return " ".join(self._synonyms.fold([word]))

    def __call__(self, normalised: Sequence[str]) -> list[str]:
        return _by_token(
            normalised,
            self._terms,
            self._whole,
            # The words the direction rule looks for ("in israel", "tel aviv", "jerusalem").
            lambda text: "israel" not in text and "aviv" not in text and "jerusalem" not in text,
        )
