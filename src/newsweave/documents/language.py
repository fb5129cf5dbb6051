"""Which language an article is in, without downloading a model.

Two signals: the script (mostly non-Latin letters → named by their Unicode script, e.g. CYRILLIC,
CJK) and, for Latin-script text, the share of words that are function words of each language,
using the stoplists that ship inside the ``justext`` package (a trafilatura dependency); other
languages count only their words that are not English function words too. English wins unless
another language's share reaches ``OTHER_LANGUAGE_RATIO`` of the English share; text
with too few function words to judge (``MIN_SHARE``) is taken to be English rather than rejected.
The ratio and minimum were set together on the seeds, DUC 2006 and invented French, German,
Spanish, Italian, Portuguese and Dutch paragraphs (tests/test_documents_language.py): re-check
both there if either changes.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Language", "detect_language"]

CANDIDATES = {"English": "en", "French": "fr", "German": "de", "Spanish": "es", "Italian": "it",
              "Portuguese": "pt", "Dutch": "nl", "Swedish": "sv", "Danish": "da", "Norwegian_Bokmal": "no",
              "Finnish": "fi", "Polish": "pl", "Czech": "cs", "Romanian": "ro", "Hungarian": "hu",
              "Turkish": "tr", "Indonesian": "id", "Catalan": "ca", "Croatian": "hr", "Tagalog": "tl",
              "Swahili": "sw", "Vietnamese": "vi"}
# Another language wins when its own words reach this fraction of the English share: on all 2,125
# DUC 2006/2007 articles the highest ratio is 0.47 (an article full of names), while invented
# Dutch scores 1.0 (Wikipedia-derived English list contains "de", "is", "in").
OTHER_LANGUAGE_RATIO = 0.7
MIN_SHARE = 0.12
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_SAMPLE_WORDS = 2000


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    share: float
    """Share of the sample's words that are this language's function words (or letters of its script)."""


@lru_cache(maxsize=1)
def _stoplists() -> dict[str, frozenset[str]]:
    # An lru_cache of immutable data read from the installed package: loaded once, never mutated.
    # justext's lists come from Wikipedia word counts and several carry English words (Finnish has
    # "for", "the", "international"), so every other language is scored on the words its list does
    # not share with English.
    import justext

    english = frozenset(justext.get_stoplist("English"))
    return {name: english if name == "English" else frozenset(justext.get_stoplist(name)) - english
            for name in CANDIDATES}


def detect_language(text: str) -> Language:
    """The most likely language of ``text``; English when the evidence is too thin to say."""
    letters = [ch for ch in text[:20000] if ch.isalpha()]
    if letters:
        scripts = Counter(unicodedata.name(ch, "UNKNOWN").split()[0] for ch in letters)
        script, count = scripts.most_common(1)[0]
        latin = scripts.get("LATIN", 0) / len(letters)
        if latin < 0.5:
            return Language(code=script.lower(), name=f"{script.title()} script", share=count / len(letters))
    words = [w.lower() for w in _WORD.findall(text)][:_SAMPLE_WORDS]
    if len(words) < 5:
        return Language(code="en", name="English", share=0.0)
    counts = Counter(words)
    shares = {name: sum(n for w, n in counts.items() if w in stoplist) / len(words)
              for name, stoplist in _stoplists().items()}
    english = shares.pop("English")
    best = max(shares, key=shares.get)
    if shares[best] < OTHER_LANGUAGE_RATIO * english or shares[best] < MIN_SHARE:
        return Language(code="en", name="English", share=english)
    return Language(code=CANDIDATES[best], name=best.replace("_Bokmal", ""), share=shares[best])
