"""`normalise` and `content_terms` for many texts at once, for indexing large fact bases.

Calling them once per text costs a dozen regex passes over every character, which dominates
building a 100,000-fact index. But fact texts are made of a few ten thousand distinct
words, and both functions mostly work within one word:

- `normalise` on text without a code fence (the only rule spanning words) is the normalised
  words of its tokens between ASCII spaces, tabs and newlines (its other rules see no further
  than those); so each distinct token is normalised once.
- `content_terms` is each word's own term, but for the direction rule ("in israel", "tel aviv",
  "jerusalem"), a regex substitution that can run over many texts at once, and synonym phrases,
  which start at a few known words; so each distinct word is folded once, and only the words
  starting a phrase are looked at again in place.

Texts are joined a chunk at a time with a separator word, mapped token by token in one pass and
split again, so little Python code runs per word. Texts using the separator word go through
the functions themselves; tests check that both paths agree with them.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager

from bot.understanding.normalise import normalise
from bot.understanding.terms import SynonymMap, content_terms, mark_direction, stem

SEPARATOR = "qxzsepqxz"  # a word every step keeps as it is (checked: see _by_token)
CHUNK = 2000  # texts joined at a time: enough to amortise the calls, little memory
# Tokens are split at ASCII spaces only: `normalise` removes or keeps every other character
# (control characters, no-break spaces between digits) as part of the token it is in.
_SPACES = re.compile(r"[ \t\n]+")
_CONTEXT = "\x00"  # not a term: this word's term depends on the words after it
# The words the direction rule looks for ("in israel", "tel aviv", "jerusalem").
_DIRECTION_WORDS = frozenset(("israel", "aviv", "jerusalem"))


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
    texts: Sequence[str],
    convert: Callable[[str], str],
    whole: _Memo,
    by_token: Callable[[str], bool],
) -> list[str]:
    """whole[text] for each text: a chunk at a time, joined by the separator word, through
    `convert` (which keeps that word) and split again. `by_token` says which texts may go so;
    it must accept joined texts exactly when it accepts each of them."""
    unique = list(dict.fromkeys(texts))  # many facts quote the same sentence
    if len(unique) < len(texts):
        by_text = dict(zip(unique, _by_token(unique, convert, whole, by_token), strict=True))
        return [by_text[text] for text in texts]
    out: list[str] = []
    for start in range(0, len(texts), CHUNK):
        chunk = texts[start : start + CHUNK]
        joined = f" {SEPARATOR} ".join(chunk)
        parts = convert(joined).split(SEPARATOR) if by_token(joined) else []
        if len(parts) == len(chunk):
            out.extend(map(str.strip, parts))
        else:  # a text needs doing whole, or uses the separator: do them one by one
            out.extend(
                convert(text).strip() if by_token(text) and SEPARATOR not in text else whole[text]
                for text in chunk
            )
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

    def _convert(self, joined: str) -> str:
        words = joined.split() if joined.isprintable() else _SPACES.split(joined)
        return " ".join(filter(None, map(self._tokens.__getitem__, words)))

    def __call__(self, texts: Sequence[str]) -> list[str]:
        return _by_token(texts, self._convert, self._whole, _no_fence)

    def words_of(self, texts: Iterable[str]) -> set[str]:
        """Every word of the normalised texts; the distinct tokens' normal forms are
        remembered, so normalising these texts again later costs no `normalise` call."""
        texts = list(dict.fromkeys(texts))  # many facts quote the same sentence
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
            for normalised in (
                *map(self._tokens.__getitem__, tokens),
                *map(self._whole.__getitem__, whole),
            )
            for word in normalised.split()
        }


class TermMaker:
    """[" ".join(content_terms(strip(text), synonyms)) for text in normalised texts],
    remembering each word's term. `strip` must drop words one by one, keeping the others.

    Most texts are their words' terms in turn. Those using a word the direction rule looks for
    or one starting a synonym phrase are done again with both rules."""

    def __init__(self, synonyms: SynonymMap, strip: Callable[[str], str]) -> None:
        self._synonyms = synonyms
        self._stripped = _Memo(strip)  # word -> itself, or "" when stripped
        self._quick = _Memo(self._quick_term)  # word -> its term, "" or _CONTEXT
        self._terms = _Memo(self._term)  # the same for words already stripped and marked
        self._alone = _Memo(self._term_alone)  # a phrase's first word when no phrase follows
        self._whole = _Memo(lambda text: " ".join(content_terms(strip(text), synonyms)))

    def _quick_term(self, word: str) -> str:
        if not self._stripped[word]:
            return ""
        return _CONTEXT if word in _DIRECTION_WORDS else self._term(word)

    def _term(self, word: str) -> str:
        if self._synonyms.starts_phrase(stem(word)):
            return _CONTEXT
        return self._term_alone(word)

    def _term_alone(self, word: str) -> str:
        return " ".join(self._synonyms.fold([word]))

    def _convert_quickly(self, joined: str) -> str:
        return " ".join(filter(None, map(self._quick.__getitem__, joined.split())))

    def _convert(self, joined: str) -> str:
        """content_terms(strip(joined)), which is each text's terms in turn: stripping and the
        direction rule work on words and their neighbours, which the separator word keeps
        apart, and no synonym phrase includes that word."""
        kept = mark_direction(
            " ".join(filter(None, map(self._stripped.__getitem__, joined.split())))
        )
        words = kept.split()
        terms = list(map(self._terms.__getitem__, words))
        self._fold_phrases(words, terms)
        return " ".join(filter(None, terms))

    def _fold_phrases(self, words: list[str], terms: list[str]) -> None:
        """Resolves each _CONTEXT term, left to right as `fold` does: a synonym phrase
        starting there becomes its canonical term (and the rest of its words nothing), else
        the word's own term."""
        longest = self._synonyms.longest_phrase
        free = 0  # the first word not inside a folded phrase
        for i in _positions(terms, _CONTEXT):
            if i < free:
                terms[i] = ""
                continue
            stems = [stem(w) for w in words[i : i + longest]]
            phrase = self._synonyms.phrase_at(stems, 0)
            if phrase is None:
                terms[i] = self._alone[words[i]]
                continue
            terms[i : i + phrase[1]] = [phrase[0], *[""] * (phrase[1] - 1)]
            free = i + phrase[1]

    def __call__(self, normalised: Sequence[str]) -> list[str]:
        out = _by_token(normalised, self._convert_quickly, self._whole, _always)
        again = [i for i, terms in enumerate(out) if _CONTEXT in terms]
        redone = _by_token([normalised[i] for i in again], self._convert, self._whole, _always)
        for i, terms in zip(again, redone, strict=True):
            out[i] = terms
        return out


def _positions(items: list[str], value: str) -> Iterator[int]:
    """The indexes of `value` in `items`, ascending, found by C-level scans."""
    i = -1
    while True:
        try:
            i = items.index(value, i + 1)
        except ValueError:
            return
        yield i


def _always(text: str) -> bool:
    del text
    return True


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a build makes millions of small objects, none
    in a cycle: otherwise each full collection walks the whole fact base again (a tenth of a
    100,000-fact build). Also a decorator."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
