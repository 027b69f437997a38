"""Kinds of detail a question may ask for that a matched fact may not give: an age, a party,
a cost, what a meeting discussed, this year's figure, a name. A fact about the right thing
without that detail does not answer the question ("how old is Lustig?")."""

from __future__ import annotations

import re

# A question asking a kind of detail (an age, a height, a party, what was discussed) needs a
# fact giving that kind: "how old is Lustig?" is not answered by his visits to Dushanbe.
DETAIL_KIND_MISSING = 0.4
_KINDS = (
    (
        # "Who built it?" asks the maker; "who made the first visit?" only who went.
        re.compile(
            r"\bwho (designed|built|sculpted|painted|made|created|founded|wrote|funded|paid)\b"
            r"(?! (the |a |an |his |her |their )?(\w+ ){0,3}(visits?|trips?|journey|calls?"
            r"|announcement|speech|statement|remarks?|deal|decision)\b)"
        ),
        re.compile(
            r"\b(designed|built|sculpted|painted|created|founded|written|wrote|funded|by)\b", re.I
        ),
    ),
    (
        re.compile(
            r"\bwhere (is|was|are|were|does|did) .*\b(held|hosted|headquartered|located"
            r"|take place|took place)\b|\bwhere (is|was) the \w+( \w+)? based\b"
        ),
        re.compile(
            r"\b(held|hosted|based|headquartered|located|takes? place|took place|is in|are in"
            r"|was in|were in)\b",
            re.I,
        ),
    ),
    (
        re.compile(r"\bwhich( one)? .*\b(is not|isnt|one not|is the only one not)\b"),
        re.compile(r"\b(not|except|apart from|other than|only)\b", re.I),
    ),
    (
        re.compile(
            r"\b(how old (is|was|were) (he|she|they)|what age|age of|his age|her age|born)\b"
        ),
        re.compile(r"\b(years old|aged?|born|birth)\b", re.I),
    ),
    (
        # "How old is the community?": its age, or how long it has been there.
        re.compile(r"\bhow old\b(?! (is|was|were) (he|she|they)\b)"),
        re.compile(r"\b(years old|aged?|born|birth|millenni\w*|centur(y|ies))\b", re.I),
    ),
    (
        re.compile(
            r"\b(how tall|how high|tallest|highest (mountain|peak|point)|elevation|altitude)\b"
        ),
        re.compile(r"\b(meters|metres|feet|tall|high(est)?|peak|elevation)\b", re.I),
    ),
    (
        re.compile(
            r"\b(population of|how many people live|how populous|inhabitants"
            r"|how big is the population)\b"
        ),
        re.compile(r"\b(population|inhabitants|residents|people live)\b", re.I),
    ),
    (re.compile(r"\b(gdp|gross domestic)\b"), re.compile(r"\b(gdp|gross domestic)\b", re.I)),
    (
        re.compile(r"\b(how much .*\bcosts?|what did .* cost|price of|cost of)\b"),
        re.compile(r"\b(cost|price|\$|usd|dollars)", re.I),
    ),
    (
        re.compile(
            r"\b(how far (is|are|away)|how far .* from|distance|how many (km|kilometers|kilometres"
            r"|miles))\b"
        ),
        re.compile(r"\b(km|kilometers|kilometres|miles|hours|far)\b", re.I),
    ),
    (
        re.compile(r"\b(area of|how large is the country|square (km|kilometers|miles))\b"),
        re.compile(r"\b(square|km2|area)\b", re.I),
    ),
    (
        re.compile(r"\b(a|per|each|every) (day|week|month)\b|\b(daily|weekly|monthly)\b"),
        re.compile(r"\b(a|per|each|every) (day|week|month)\b|\b(daily|weekly|monthly)\b", re.I),
    ),
    (
        re.compile(
            r"\b(used to|formerly|originally|at (its|the) peak|at one time"
            r"|once (lived|live|had|have|was|were|home|numbered))\b"
        ),
        # "It first opened in Almaty; it later relocated": what was so before the change.
        re.compile(
            r"\b(once|formerly|used to|peak|originally|former|previously|was home|first"
            r"|initially|later)\b",
            re.I,
        ),
    ),
    (
        re.compile(r"\bhow did .*\bdie\b|\bcause of (his |her )?death|\bwhat killed"),
        re.compile(
            r"\b(heart|illness|disease|cancer|stroke|killed|assassinat\w*|accident|natural causes)",
            re.I,
        ),
    ),
    (
        re.compile(r"\bwhen did .*\b(end|finish|stop|conclude)\b"),
        re.compile(r"\b(end\w*|until|finish\w*|over|stopp\w*|conclu\w*)\b", re.I),
    ),
    (
        re.compile(r"\b(did \w+( \w+)? die|die\b|death|pass away|passed away)"),
        re.compile(r"\b(died|death|passed away|dead)\b", re.I),
    ),
    (
        re.compile(
            r"\b(agreements?|deals?|treaty|treaties)\b.*\bsign|\bsign\w*\b.*\b(agreement|deal|treaty)"
        ),
        re.compile(r"\b(agreements?|deals?|treaty|treaties|accords?|signed)\b", re.I),
    ),
    (
        # "What did Ohana sign on his visit?": what was signed, not that a visit took place.
        re.compile(r"\bwhat did .*\bsign\b|\bwhat (was|were) signed\b"),
        re.compile(r"\b(agreements?|deals?|treaty|treaties|accords?|memorand\w*|signed)\b", re.I),
    ),
    (
        # "Who did he meet there?": the fact must name a meeting, not only the visit.
        re.compile(r"\b(who(m)?|which \w+( \w+)?) did .*\bmeet\b|\bmet with whom\b"),
        re.compile(r"\b(met|meet\w*|talks with|hosted|received|counterparts)\b", re.I),
    ),
    (
        # "Did he ever visit again?": the fact must tell of more than one visit.
        re.compile(r"\b(visit\w* again|come back|came back|return(ed)? (to|again))\b"),
        re.compile(r"\b(again|twice|second|times|regular\w*|return\w*|repeated\w*)\b", re.I),
    ),
    (
        # "What did Netanyahu say on the call?": the fact must report what was said.
        re.compile(r"\bwhat did .*\b(say|said|tell|told)\b"),
        re.compile(
            r"\b(says?|said|told|tells|call(ed|s)|stated|described|praised|thanked|according to"
            r"|argues?|argued|notes?|noted|adds?|added|explains?|explained)\b|[\"“]",
            re.I,
        ),
    ),
    (
        re.compile(r"\bhow (long|many years) did .*\b(serve|rule|last|stay|govern|reign)\b"),
        re.compile(r"\b(for \w+ years|from \d{4}|until|since|\d{4}\s*[-–]\s*\d{4})", re.I),
    ),
    (
        re.compile(r"\b((which|what) (political )?party|party (is|does|did))\b"),
        re.compile(r"\b(party|likud|labor|yesh atid)\b", re.I),
    ),
    (
        re.compile(r"\b(how many (people )?(died|were killed|deaths)|death toll|casualties)\b"),
        re.compile(r"\b(died|killed|deaths|death toll|casualties)\b", re.I),
    ),
    (
        re.compile(
            r"\bwhat did .*\b(discuss|talk about|agree on)\b|what was discussed"
            r"|what were the talks about"
        ),
        re.compile(
            r"\b(discuss\w*|talk\w*|agree\w*|signed|focus\w* on|covering|expand\w*)\b", re.I
        ),
    ),
    (
        re.compile(
            r"\b((job|position|role|career|work) before|previous (job|position|role)"
            r"|before (becoming|he became|she became)|did \w+ do before)\b"
        ),
        re.compile(r"\b(previously|formerly|former|before that|served as|prior)\b", re.I),
    ),
    (
        # Israel's present leaders: the article names only those of the events it reports.
        re.compile(
            r"^(?=.*\b(current|currently|now|today|at present|presently|incumbent)\b)"
            r"(?=.*\b(israel|israels|israeli) (current |present )?"
            r"(foreign minister|prime minister|pm|president)\b)"
        ),
        re.compile(r"\b(current|currently|incumbent)\b", re.I),
    ),
    (
        # What was shown or performed: the article names no films, songs or books.
        re.compile(
            r"\b(which|what) (\w+ )?(films|movies|songs|books|artists|performers|dishes|plays)\b"
        ),
        re.compile(r"\b(titled|called|named|including|such as)\b", re.I),
    ),
)
# Asks what something is called: the fact must name something the question does not.
_ASKS_NAME = re.compile(r"\b(names? of|called$|called (that|which|by|in))\b")
_CAPITALISED = re.compile(r"(?<![.:!?] )(?<!^)\b[A-Z][\w-]+")
_THIS_YEAR = re.compile(r"\bthis year\b", re.IGNORECASE)
# Words every kind's pattern may share with any question: no cue to that kind.
_COMMON = frozenset(
    {"what", "which", "who", "whom", "where", "when", "how", "did", "does", "do", "was", "were"}
    | {"are", "is", "the", "his", "her", "one", "many", "much", "its", "at", "of", "to", "in"}
    | {"by", "on", "an", "or", "be", "he", "it", "as"}
)


def _cues(pattern: str) -> frozenset[str]:
    """The first letters (three or four) of a pattern's own words: a question matching it
    holds one of them, so a question holding none needs no regex run."""
    words = re.findall(r"[a-z]{2,}", re.sub(r"\\[a-zA-Z]", " ", pattern))
    return frozenset(w[:4] for w in words if w not in _COMMON)


_KIND_CUES = tuple((_cues(asks.pattern), asks, said) for asks, said in _KINDS)


def kinds_asked(normalised: str) -> tuple[re.Pattern[str], ...]:
    """For each kind of detail the question asks, what a fact must say to give it."""
    words = normalised.split()
    starts = {w[:4] for w in words} | {w[:3] for w in words} | {w[:2] for w in words}
    return tuple(
        said
        for cues, asks, said in _KIND_CUES
        if not cues.isdisjoint(starts) and asks.search(normalised)
    )


def asks_this_year(text: str) -> bool:
    return bool(_THIS_YEAR.search(text))


def asks_name(normalised: str) -> bool:
    return bool(_ASKS_NAME.search(normalised))


def names_something_new(answer: str, known: frozenset[str]) -> bool:
    """Whether the answer names something (a capitalised word, not sentence-initial) other
    than the words in `known`, the question's and the places' words."""
    for match in _CAPITALISED.finditer(answer):
        if match.group(0).lower().removesuffix("'s") not in known:
            return True
    return False
