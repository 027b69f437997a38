"""The near-duplicate question check compares in length windows: it finds what comparing every
question with every other finds."""

from __future__ import annotations

import random

import numpy as np
import pytest
from rapidfuzz import fuzz, process

from bot.knowledge import validate

WORDS = [
    "when",
    "did",
    "israel",
    "open",
    "an",
    "embassy",
    "in",
    "astana",
    "who",
    "is",
    "the",
    "ambassador",
    "how",
    "many",
    "jews",
    "live",
]


def _brute_force(texts: list[str], cutoff: float) -> list[tuple[int, int, float]]:
    scores = process.cdist(texts, texts, scorer=fuzz.token_sort_ratio, score_cutoff=cutoff)
    return [(i, j, float(scores[i, j])) for i, j in zip(*np.nonzero(scores), strict=True) if i < j]


def test_windowed_pairs_are_every_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(validate, "NEAR_DUPLICATE_BLOCK", 7)  # many blocks and windows
    rng = random.Random(3)
    texts = [" ".join(rng.choices(WORDS, k=rng.randint(2, 14))) for _ in range(150)]
    # Near duplicates of differing lengths: a word dropped, words swapped, a letter changed.
    for text in texts[:40]:
        words = text.split()
        texts.append(" ".join(words[:-1]) if len(words) > 3 else text + " now")
        texts.append(" ".join(reversed(words)))
        texts.append(text.replace("a", "e", 1))
    expected = _brute_force(texts, validate.NEAR_DUPLICATE_QUESTION)
    assert len(expected) > 40
    assert validate._similar_pairs(texts, validate.NEAR_DUPLICATE_QUESTION) == expected
