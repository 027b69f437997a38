"""Content terms: normalised tokens without stop words, stemmed, synonyms folded together."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import snowballstemmer

from bot.understanding.normalise import normalise

STOP_WORDS = frozenset(
    """
    a about above again all also am an and any are as at be been being between
    both but by can could did do does doing during each for from further had has have having
    he her here hers him his how i if in into is it its itself just me more my no nor not now
    of off on once only or other our out over own same she should so some such than that the
    their them then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yo pls please tell know
    give israel israeli israelis ever much many hey hi hello u ur r n wat wut whats thx thanks
    did does do dont doesnt happen happened anything something everything stuff thing things
    according called ngl tbh lmao lol bro idk imo btw plz fr might must shall
    didnt isnt wasnt arent werent hasnt havent hadnt wont cant couldnt wouldnt
    named article articles like israels person tho though roughly
    approximately basically really besides
    """.split()  # noqa: SIM905 (a word list reads better as text)
)

_stemmer = snowballstemmer.stemmer("english")


# Words the stemmer folds onto another word's stem: "important" is not "import", "polite"
# not "political", "diplomatically" not "diplomat".
_OWN_STEMS = {
    "important": "importanc",
    "importance": "importanc",
    "importantly": "importanc",
    "polite": "polite",
    "politely": "polite",
    # "link up diplomatically" is about relations, "a Bedouin diplomat" about a person.
    "diplomatically": "diplomatical",
}


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    if token.isdigit() or len(token) <= 3:
        return token
    return _OWN_STEMS.get(token) or str(_stemmer.stemWord(token))


class SynonymMap:
    """Folds each synonym group onto its first word, on stemmed single tokens and phrases."""

    def __init__(self, groups: Iterable[Sequence[str]]) -> None:
        self._single: dict[str, str] = {}
        self._phrases: list[tuple[tuple[str, ...], str]] = []
        for group in groups:
            canonical = stem(normalise(group[0]).replace(" ", "_"))
            for word in group:
                parts = tuple(stem(t) for t in normalise(word).split())
                if len(parts) == 1:
                    self._single[parts[0]] = canonical
                elif parts:
                    self._phrases.append((parts, canonical))
        self._phrases.sort(key=lambda item: -len(item[0]))
        self.longest_phrase = len(self._phrases[0][0]) if self._phrases else 1
        # The phrases by their first stem (longest first), so most words try none.
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for parts, canonical in self._phrases:
            self._by_first.setdefault(parts[0], []).append((parts, canonical))

    def starts_phrase(self, stemmed: str) -> bool:
        """Whether a synonym phrase starts with this stem (so the next words matter)."""
        return stemmed in self._by_first

    def phrase_at(self, stems: Sequence[str], i: int) -> tuple[str, int] | None:
        """The longest synonym phrase starting at stems[i]: its canonical term and length."""
        for parts, canonical in self._by_first.get(stems[i], ()):
            if tuple(stems[i : i + len(parts)]) == parts:
                return canonical, len(parts)
        return None

    def fold(self, words: list[str]) -> list[str]:
        """Stem, fold synonyms (phrases first, so "set up" survives), then drop stop words."""
        stems = [stem(w) for w in words]
        out: list[str] = []
        i = 0
        while i < len(stems):
            phrase = self.phrase_at(stems, i) if stems[i] in self._by_first else None
            if phrase is not None:
                out.append(phrase[0])
                i += phrase[1]
            else:
                if words[i] not in STOP_WORDS:
                    out.append(self._single.get(stems[i], stems[i]))
                i += 1
        return out


def colliding_synonyms(groups: Iterable[Sequence[str]]) -> list[tuple[str, str]]:
    """Pairs of words of different synonym groups that stem alike ("yearly" and "year"): the
    later group would take every word of that stem, the other group's included."""
    first_with_stem: dict[str, tuple[int, str]] = {}
    collisions = []
    for number, group in enumerate(groups):
        for word in group:
            stems = [stem(t) for t in normalise(word).split()]
            if len(stems) != 1:
                continue
            seen = first_with_stem.setdefault(stems[0], (number, word))
            if seen[0] != number:
                collisions.append((seen[1], word))
    return collisions


# "Uzbekistan's embassy in Israel" and "Israel's embassy in Uzbekistan" differ only in direction;
# "israel" itself is a stop word (nearly every fact has it), so direction becomes its own term.
TO_ISRAEL = "to_israel"
_TO_ISRAEL = re.compile(
    r"\b(in|to|into|visit|visited|visits|visiting|travelled|traveled) israel\b"
    r"(?! (?:embassy|ambassador|foreign|ministry|prime|president|government|officials|companies"
    r"|tourists|tourism|trade|diplomat|relations|ties|cooperation|kazakh|kyrgyz|tajik|turkmen"
    r"|uzbek|central))|\b(tel aviv|jerusalem|israeli (?:city|town))\b"
)


# "who's their ambassador?" asks for the country's own envoy, unless Israel is who "they" are.
_THEIR_ENVOY = re.compile(r"^(?:(?!\bisrael).)*\btheir (?:own )?(?:ambassadors?|envoys?|embassy)\b")


def mark_direction(normalised: str) -> str:
    """The text with TO_ISRAEL after each phrase pointing into Israel ("in israel" becomes
    "in to_israel"). It looks at neighbouring words only, so marking texts joined by a word of
    none of its phrases marks each text as on its own."""
    marked = _TO_ISRAEL.sub(lambda m: f"{m.group(1) or m.group(2)} {TO_ISRAEL}", normalised)
    if TO_ISRAEL not in marked and _THEIR_ENVOY.search(marked):
        marked = f"{marked} {TO_ISRAEL}"
    return marked


def content_terms(normalised: str, synonyms: SynonymMap) -> list[str]:
    """Stemmed, synonym-folded terms of normalised text, stop words removed."""
    return synonyms.fold(mark_direction(normalised).split())
