"""Person names: stripping titles and honorifics, and expanding a surname to the full name given elsewhere.

Shared by quotes (speaker names) and entities (merging "Mr Blinken" with "Antony Blinken").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Honorifics and titles that precede a name and are not part of it.
_HONORIFICS = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "rev", "gen",
    "sen", "rep", "gov", "lt", "col", "maj", "capt", "sgt", "adm", "president", "secretary", "minister",
    "premier", "chancellor", "senator", "governor", "judge", "justice", "mayor", "king", "queen", "prince",
    "princess", "pope", "sheikh", "general", "colonel", "ambassador", "chairman", "rabbi", "father",
    "vice", "deputy", "sister", "brother", "councillor", "councilor", "councilman",
    "councilwoman", "commissioner", "inspector", "detective", "sergeant", "officer", "coach", "chief", "fire", "prime", "foreign", "defence", "defense", "state", "of", "the", "former", "chief",
    "rep.", "sen.", "gov.", "dr.", "mr.", "mrs.", "ms.", "gen.", "lt.", "col.", "sgt.", "capt.", "adm.",
}
_POSSESSIVE = re.compile(r"[’']s?$")
_EDGE = re.compile(r"^[^\w]+|[^\w.]+$")


def name_tokens(name: str) -> list[str]:
    """The tokens of a person's name without honorifics or a trailing possessive."""
    name = _POSSESSIVE.sub("", name.strip())
    tokens = [_EDGE.sub("", t) for t in name.split()]
    tokens = [t for t in tokens if t]
    while len(tokens) > 1 and tokens[0].lower().rstrip(".") in _HONORIFICS | {t.rstrip(".") for t in _HONORIFICS}:
        tokens = tokens[1:]
    return tokens


def clean_name(name: str) -> str:
    return " ".join(name_tokens(name))


def normalize_name(name: str) -> str:
    return " ".join(t.lower().rstrip(".") for t in name_tokens(name))


@dataclass
class NameIndex:
    """Full person names seen in a set of articles, for expanding short mentions.

    ``add`` records a name found by NER in an article; ``expand`` returns the longest recorded name
    whose tokens include every token of the mention, preferring names from the same article.
    """

    names: dict[str, list[str]] = field(default_factory=dict)

    def add(self, article: str, name: str) -> None:
        cleaned = clean_name(name)
        if cleaned and cleaned[0].isupper():
            bucket = self.names.setdefault(article, [])
            if cleaned not in bucket:
                bucket.append(cleaned)

    def expand(self, mention: str, article: str | None = None) -> str:
        tokens = {t.lower() for t in name_tokens(mention)}
        if not tokens:
            return mention
        own = self.names.get(article, []) if article is not None else []
        best = _longest(own, tokens)
        if best is not None and len(best.split()) > len(tokens):
            return best
        # Across articles only a name whose own article also uses the short form ("Antony Blinken"
        # ... "Mr Blinken" in 002 expands a bare "Mr Blinken" in 001), and only when unambiguous:
        # "Clinton" in one article is not "George Clinton" of another.
        wider = {n for key, bucket in self.names.items() if key != article
                 for n in bucket if _uses_short_form(bucket, n, tokens)}
        found = _longest(sorted(wider), tokens)
        if found is not None and len(found.split()) > len(tokens) and \
                len({n for n in wider if len(n.split()) == len(found.split()) and tokens <= _lower(n)}) == 1:
            return found
        return best or clean_name(mention)


def _lower(name: str) -> set[str]:
    return {t.lower() for t in name.split()}


def _longest(pool: list[str], tokens: set[str]) -> str | None:
    matches = [n for n in pool if tokens <= _lower(n)]
    if not matches:
        return None
    # Longest first; among equals the first seen, usually the fullest introduction.
    return max(matches, key=lambda n: (len(n.split()), -pool.index(n)))


def _uses_short_form(bucket: list[str], name: str, tokens: set[str]) -> bool:
    return tokens <= _lower(name) and any(other != name and _lower(other) < _lower(name) and tokens & _lower(other)
                                          for other in bucket)
