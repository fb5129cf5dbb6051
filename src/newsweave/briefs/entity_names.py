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
        other = [n for key, bucket in self.names.items() if key != article for n in bucket]
        best = None
        for pool in (own, other):
            matches = [n for n in pool if tokens <= {t.lower() for t in n.split()}]
            if matches:
                # Longest first; among equals the first seen, usually the fullest introduction.
                found = max(matches, key=lambda n: (len(n.split()), -pool.index(n)))
                if best is None or len(found.split()) > len(best.split()):
                    best = found
                if len(best.split()) > len(tokens):
                    return best
        return best or clean_name(mention)
