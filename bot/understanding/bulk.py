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
split again, so little Python code runs per word; `Digester` gives both normal forms and terms
from one such pass over the raw tokens. Texts using the separator word go through
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
    """A dict that fills itself with `make(key)` on a miss, so lookups can run in C (`map`).
    Memos of tokens keep the separator word as it is; memos of whole texts never see it."""

    def __init__(self, make: Callable[[str], str], *, of_tokens: bool = True) -> None:
        super().__init__()
        self._make = make
        if of_tokens:
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
    """normalise(token); most tokens are plain lower-case ASCII words already (but a decade's
    may be spelt otherwise: "90s" is "1990s")."""
    plain = token.isascii() and token.isalnum() and token.lower() == token
    if plain and not token.endswith(("0s", "ties")):
        return token
    return normalise(token)


def _no_fence(text: str) -> bool:
    return "```" not in text


class Normaliser:
    """[normalise(text) for text in texts], remembering each distinct token's normal form (and
    each text done whole, such as the article's quotes, which many facts share)."""

    def __init__(self) -> None:
        self._tokens = _Memo(_normal_token)
        self._whole = _Memo(normalise, of_tokens=False)

    def of_token(self, token: str) -> str:
        return self._tokens[token]

    def joined_tokens(self, tokens: Iterable[str]) -> str:
        """The tokens' normal forms, joined by spaces."""
        return " ".join(filter(None, map(self._tokens.__getitem__, tokens)))

    def _convert(self, joined: str) -> str:
        return self.joined_tokens(joined.split() if joined.isprintable() else _SPACES.split(joined))

    def __call__(self, texts: Sequence[str]) -> list[str]:
        return _by_token(texts, self._convert, self._whole, _no_fence)

    def words(self) -> set[str]:
        """Every word of the texts normalised so far: of their tokens' normal forms (but the
        separator's, which joined texts, while texts using it are normalised whole) and of
        the texts normalised whole."""
        return {
            word
            for token, normalised in self._tokens.items()
            if token != SEPARATOR
            for word in normalised.split()
        } | {word for normalised in self._whole.values() for word in normalised.split()}


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
        self._whole = _Memo(
            lambda text: " ".join(content_terms(strip(text), synonyms)), of_tokens=False
        )

    def _quick_term(self, word: str) -> str:
        if not self._stripped[word]:
            return ""
        return _CONTEXT if word in _DIRECTION_WORDS else self._terms[word]

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

    def of_token(self, normalised_token: str) -> str:
        """The terms of one token's normal form, each word's as on its own (_CONTEXT for
        words whose neighbours decide)."""
        return self._convert_quickly(normalised_token)

    def __call__(self, normalised: Sequence[str]) -> list[str]:
        return self.resolved(normalised, self.word_terms(normalised))

    def word_terms(self, normalised: Sequence[str]) -> list[str]:
        """Each text's words' terms, each as on its own (see of_token)."""
        return _by_token(normalised, self._convert_quickly, self._whole, _always)

    def resolved(self, normalised: Sequence[str], word_terms: list[str]) -> list[str]:
        """The texts' terms, from each word's on its own (`word_terms`, changed in place): the
        texts with a word whose neighbours decide are done again with both rules."""
        again = [i for i, terms in enumerate(word_terms) if _CONTEXT in terms]
        redone = _by_token([normalised[i] for i in again], self._convert, self._whole, _always)
        for i, terms in zip(again, redone, strict=True):
            word_terms[i] = terms
        return word_terms


class Digester:
    """Raw texts' normal forms and terms (as Normaliser and TermMaker give them) in one pass
    over their tokens: each distinct token's terms are remembered along with its normal form,
    so the normalised texts need not be split into words again."""

    def __init__(self, normaliser: Normaliser, terms: TermMaker) -> None:
        self._normaliser = normaliser
        self._terms = terms
        self._token_terms = _Memo(lambda token: terms.of_token(normaliser.of_token(token)))

    def __call__(self, texts: Sequence[str]) -> tuple[list[str], list[str]]:
        """([normalise(text)], [TermMaker's terms of it]) for the texts."""
        unique = list(dict.fromkeys(texts))  # many facts quote the same sentence
        if len(unique) < len(texts):
            normal_of, terms_of = (dict(zip(unique, found, strict=True)) for found in self(unique))
            return [normal_of[t] for t in texts], [terms_of[t] for t in texts]
        normalised: list[str] = []
        word_terms: list[str] = []
        for start in range(0, len(texts), CHUNK):
            chunk = texts[start : start + CHUNK]
            joined = f" {SEPARATOR} ".join(chunk)
            if _no_fence(joined):
                words = joined.split() if joined.isprintable() else _SPACES.split(joined)
                normal = self._normaliser.joined_tokens(words).split(SEPARATOR)
                terms = " ".join(filter(None, map(self._token_terms.__getitem__, words)))
                parts = terms.split(SEPARATOR)
                if len(normal) == len(parts) == len(chunk):
                    normalised.extend(map(str.strip, normal))
                    word_terms.extend(map(str.strip, parts))
                    continue
            # A text needs normalising whole, or uses the separator word: the usual way.
            normal = self._normaliser(chunk)
            normalised.extend(normal)
            word_terms.extend(self._terms.word_terms(normal))
        return normalised, self._terms.resolved(normalised, word_terms)


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
