"""Which language an article is in, without downloading a model.

Two signals: the script (mostly non-Latin letters → named by their Unicode script, e.g. CYRILLIC,
CJK) and, for Latin-script text, the share of words that are function words of each language,
using the stoplists that ship inside the ``justext`` package (a trafilatura dependency); other
languages count only their words that are not English function words too. English wins unless
another language's share reaches ``OTHER_LANGUAGE_RATIO`` times the English share; text
with too few function words to judge (``MIN_SHARE``) is taken to be English rather than rejected.
The thresholds were set together on the seeds, DUC 2006/2007, Multi-News validation and invented
French, German, Spanish, Italian, Portuguese and Dutch paragraphs (tests/test_documents_language.py,
bench/reading.py): re-check all of them if one changes.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Mapping

__all__ = ["Language", "detect_language"]

CANDIDATES = {"English": "en", "French": "fr", "German": "de", "Spanish": "es", "Italian": "it",
              "Portuguese": "pt", "Dutch": "nl", "Swedish": "sv", "Danish": "da", "Norwegian_Bokmal": "no",
              "Finnish": "fi", "Polish": "pl", "Czech": "cs", "Romanian": "ro", "Hungarian": "hu",
              "Turkish": "tr", "Indonesian": "id", "Catalan": "ca", "Croatian": "hr", "Tagalog": "tl",
              "Swahili": "sw", "Vietnamese": "vi"}
# Another language wins when its share reaches this multiple of the English share, i.e. when its
# own function words are at least as frequent as English ones. With each list cut to its top words
# the two populations are far apart: over all DUC 2006/2007 articles the highest ratio is 0.29,
# over the 15,317 non-empty Multi-News validation documents 0.71 (a video page with foreign-language buttons), while
# the invented foreign paragraphs score 1.4 (Dutch) to 11 (German) and the real French, German,
# Spanish and Italian Multi-News documents 2.0 to 10.
OTHER_LANGUAGE_RATIO = 1.0
MIN_SHARE = 0.12
TOP_WORDS = 200
# ... and it needs this many different function words of its own: on Multi-News, short English
# captions scored "Finnish" on two or three stray words ("donald", "charlotte").
MIN_DISTINCT = 4
# English pronouns missing from justext's English list but present in others (Finnish has "my",
# "your"): counted as English so they cannot vote for another language.
ENGLISH_EXTRA = frozenset("i me my mine you your yours he him his she her hers it its we us our ours they them "
                          "their theirs".split())
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_SAMPLE_WORDS = 1000
_SAMPLE_CHARS = 8000
_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    share: float
    """Share of the sample's words that are this language's function words (or letters of its script)."""


@lru_cache(maxsize=1)
def _stoplists() -> Mapping[str, frozenset[str]]:
    # Not state: a read-only constant derived from files inside the installed justext package,
    # built on first use instead of at import, so importing newsweave stays cheap.
    # justext's lists are Wikipedia word counts, most frequent first; their tails hold names and
    # English words ("donald", "charlotte" in Finnish), so other languages keep only their
    # ``TOP_WORDS`` most frequent words, minus any English function word.
    import pkgutil

    import justext

    english = frozenset(justext.get_stoplist("English")) | ENGLISH_EXTRA
    lists = {"English": english}
    for name in CANDIDATES:
        if name != "English":
            ordered = (pkgutil.get_data("justext", f"stoplists/{name}.txt") or b"").decode("utf-8").split()
            top = list(dict.fromkeys(word.lower() for word in ordered))[:TOP_WORDS]
            lists[name] = frozenset(top) - english
    return MappingProxyType(lists)


def detect_language(text: str) -> Language:
    """The most likely language of ``text``; English when the evidence is too thin to say."""
    sample = text[:_SAMPLE_CHARS]
    letters = len(_LETTER.findall(sample))
    if letters and len(_LATIN.findall(sample)) / letters < 0.5:
        scripts = Counter(unicodedata.name(ch, "UNKNOWN").split()[0] for ch in sample if ch.isalpha())
        script, count = scripts.most_common(1)[0]
        return Language(code=script.lower(), name=f"{script.title()} script", share=count / letters)
    words = [w.lower() for w in _WORD.findall(sample)][:_SAMPLE_WORDS]
    if len(words) < 5:
        return Language(code="en", name="English", share=0.0)
    hits: Counter[str] = Counter()
    distinct: Counter[str] = Counter()
    index = _index()
    for word, n in Counter(words).items():
        for name in index.get(word, ()) if len(word) > 1 else ():
            hits[name] += n
            distinct[name] += 1
    shares = {name: hits[name] / len(words) for name in CANDIDATES}
    english = shares.pop("English")
    best = max(shares, key=shares.get)
    if (shares[best] < OTHER_LANGUAGE_RATIO * english or shares[best] < MIN_SHARE
            or distinct[best] < MIN_DISTINCT):
        return Language(code="en", name="English", share=english)
    return Language(code=CANDIDATES[best], name=best.replace("_Bokmal", ""), share=shares[best])


@lru_cache(maxsize=1)
def _index() -> Mapping[str, tuple[str, ...]]:
    """Word → the candidate languages whose (scored) stoplist holds it."""
    languages: dict[str, list[str]] = {}
    for name, stoplist in _stoplists().items():
        for word in stoplist:
            languages.setdefault(word, []).append(name)
    return MappingProxyType({word: tuple(names) for word, names in languages.items()})
