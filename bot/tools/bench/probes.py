"""The fixed, mixed question set the benchmark asks (in scope, out of scope, typos,
follow-ups), and questions made from synthetic facts."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from bot.knowledge.schema import Fact

SYNTHETIC_PROBES = 16  # questions asked of synthetic facts (paraphrased, and misspelt)

# -- the fixed question set ---------------------------------------------------------------

IN_SCOPE = (
    "When did Israel establish diplomatic relations with Kazakhstan?",
    "Who is Israel's ambassador to Uzbekistan?",
    "When did Kazakhstan join the Abraham Accords?",
    "How many Jews live in Uzbekistan?",
    "Where is Israel's embassy in Kazakhstan?",
    "How much trade does Israel do with Kazakhstan each year?",
    "Which Israeli prime minister was the first to visit Kazakhstan?",
    "who inaugurated israel's embassy offices in ashgabat",
    "How many Israeli tourists visit Uzbekistan?",
    "Which country established relations with Israel first?",
    "What role do Russia and Iran play in Central Asia?",
    "When did Tajikistan open an embassy in Israel?",
    "Is there a synagogue in Dushanbe?",
    "kyrgyzstan israel relations",
    "What agreements has Israel signed with Turkmenistan?",
    "Which of the five has the largest Jewish community?",
)
OUT_OF_SCOPE = (
    "What is the capital of France?",
    "Who won the 2018 World Cup?",
    "When did Israel establish relations with Mongolia?",
    "What is the population of Kazakhstan?",
    "How do I bake sourdough bread?",
    "asdf qwerty zxcv",
    "Who is the president of Kyrgyzstan's football federation?",
    "What will the weather be in Tashkent tomorrow?",
)
# Misspelt on purpose; each round also misspells IN_SCOPE questions afresh (see _misspell), so
# the spelling corrector's cache cannot hide its cost.
TYPOS = (
    "when did isreal and kyrgyzstan establish relations",
    "when did kazakstan open an embasy in tel aviv",
    "who is the ambasador of israel to turkmenistn",
    "how many jewsh people live in uzbekistn",
)
FRESH_TYPOS = 4
FOLLOW_UPS = (
    (
        "When did Israel establish diplomatic relations with Kazakhstan?",
        "and with kyrgyzstan?",
        "what about turkmenistan?",
    ),
    (
        "Who is Israel's ambassador to Uzbekistan?",
        "and who is uzbekistan's ambassador to israel?",
        "when did he meet israel's foreign ministry director-general?",
    ),
    ("How many Jews live in Kazakhstan?", "and in uzbekistan?", "and turkmenistan, how many?"),
    (
        "Where is Israel's embassy in Kazakhstan?",
        "where was it before?",
        "and when did kazakhstan open its embassy in israel?",
    ),
)


@dataclass(frozen=True)
class Probe:
    """One question of the set; `chain` names the conversation of a follow-up."""

    kind: str
    text: str
    chain: str | None = None
    expect_fact: str | None = None  # for synthetic probes: the fact they were made from


# -- the question set, per round ----------------------------------------------------------


def _misspell(text: str, rng: random.Random) -> str:
    """Swap, drop or double a letter in one or two longer words (never the first letter)."""
    words = text.split()
    long_words = [i for i, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
    for i in rng.sample(long_words, min(len(long_words), rng.randint(1, 2))):
        word = words[i]
        at = rng.randint(1, len(word) - 2)
        edit = rng.randrange(3)
        if edit == 0:
            word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
        elif edit == 1:
            word = word[:at] + word[at + 1 :]
        else:
            word = word[:at] + word[at] + word[at:]
        words[i] = word
    return " ".join(words)


def _sloppy(question: str) -> str:
    """A known question as people type it: lower case, no question mark."""
    return question.rstrip("?").lower()


def base_probes() -> list[Probe]:
    probes = [Probe("in_scope", q) for q in IN_SCOPE]
    probes += [Probe("out_of_scope", q) for q in OUT_OF_SCOPE]
    probes += [Probe("typo", q) for q in TYPOS]
    for number, chain in enumerate(FOLLOW_UPS):
        probes += [
            Probe("in_scope" if turn == 0 else "follow_up", q, f"chain{number}")
            for turn, q in enumerate(chain)
        ]
    return probes


def synthetic_probes(facts: Sequence[Fact], seed: int) -> list[Probe]:
    """Questions about generated facts, taken from the first 1,000 so all sizes share them."""
    rng = random.Random(seed)
    pool = [f for f in facts[:1000] if f.id.startswith("synthetic-")]
    picked = rng.sample(pool, min(SYNTHETIC_PROBES, len(pool)))
    probes = []
    for number, fact in enumerate(picked):
        question = rng.choice(fact.all_questions)
        if number % 2:
            probes.append(Probe("synthetic_typo", _misspell(question, rng), None, fact.id))
        else:
            probes.append(Probe("synthetic", _sloppy(question), None, fact.id))
    return probes


def one_round(probes: list[Probe], rng: random.Random, label: str) -> Iterator[tuple[Probe, str]]:
    """One pass over the set: fresh misspellings, and fresh conversation ids for follow-ups."""
    fresh = [Probe("typo", _misspell(q, rng)) for q in rng.sample(IN_SCOPE, FRESH_TYPOS)]
    for probe in [*probes, *fresh]:
        yield probe, f"bench-{label}-{probe.chain}" if probe.chain else ""
