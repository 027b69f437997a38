"""Who said a sentence the question quotes: "who said 'for many years we had a non-resident
ambassador'?" is answered by the fact whose quote holds those words, and whom it credits."""

from __future__ import annotations

import re
from collections.abc import Callable

from rapidfuzz import fuzz

from bot.knowledge.schema import Fact
from bot.understanding.normalise import normalise

# Words in quotation marks, or whatever follows "who said (that)".
_QUOTED = re.compile(r"[\"“”«»]([^\"“”«»]+)[\"“”«»]|(?:^|\s)[‘']([^‘’']+)[’'](?=$|[\s?.!,])")
_WHO_SAID = re.compile(
    r"^(?:and |so )?(?:who|whom) (?:said|says|wrote|told|claimed|stated|remarked|put it"
    r"|is quoted saying|was quoted saying)(?: that)? (.+)$"
)
_ASKS_WHO = re.compile(r"\b(who|whom|whose|which (person|official|minister|ambassador))\b")
MIN_WORDS = 4  # shorter spans ("very small") are phrases, not quotations
SAME_WORDS_AT = 90  # partial_ratio: the span is the quote's words, give or take a typo


class QuoteFinder:
    def __init__(self, sharing_words: Callable[[str], list[Fact]]) -> None:
        # The facts sharing words with a text: only their quotes are compared, so a base of
        # any size costs no more than its index's candidates.
        self._sharing_words = sharing_words

    def speaker_asked(self, text: str, normalised: str) -> Fact | None:
        """The fact whose quote a who-question cites, if it cites one (`normalised`: the
        question normalised)."""
        if not _ASKS_WHO.search(normalised):
            return None
        spans = [normalise(a or b) for a, b in _QUOTED.findall(text)]
        said = _WHO_SAID.match(normalised)
        if said:
            spans.append(said.group(1))
        best: tuple[float, Fact] | None = None
        for span in spans:
            if len(span.split()) < MIN_WORDS:
                continue
            for fact in self._sharing_words(span):
                score = fuzz.partial_ratio(span, normalise(fact.source.quote))
                if score >= SAME_WORDS_AT and (best is None or score > best[0]):
                    best = (score, fact)
        return best[1] if best else None
