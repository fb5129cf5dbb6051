"""Word-level tools shared by the summary stages: Porter stems, stop words, and finding the
sentences of other outlets that report the same thing as a summary sentence."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Mapping

from ..model import Document, SourceRef

SAME_CONTENT = 0.5
"""Cosine over content-word stems at which two sentences say the same thing. Chosen by listing every
cross-outlet pair of the seeds above 0.3: the pairs at 0.5 and above are paraphrases of one fact;
0.39-0.47 mixes paraphrases with related facts, so 0.5 keeps the list precise and misses some."""
MIN_SHARED = 4
"""...and at least this many shared content words, so two short sentences cannot match on a name."""

_TOKEN = re.compile(r"[a-z0-9]+")


class Stemmer:
    """Porter stems (the stemmer ROUGE uses). News repeats its words, and so do the stories of one
    process: stems are remembered process-wide (bounded), so a warm brief stems few new words."""

    def __call__(self, word: str) -> str:
        return _stem(word) if len(word) > 3 else word


@lru_cache(maxsize=1 << 18)
def _stem(word: str) -> str:
    return _porter().stem(word)


@lru_cache(maxsize=1)
def _porter():
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


class StopWords:
    """spaCy's English stop words, also matched after stemming."""

    def __init__(self) -> None:
        self._words = _stop_words()

    def __call__(self, word: str) -> bool:
        return word in self._words


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    stem = Stemmer()
    return frozenset(STOP_WORDS) | {stem(w) for w in STOP_WORDS} | {str(n) for n in range(10)}


def content(stems: tuple[str, ...], stop: StopWords) -> frozenset[str]:
    return frozenset(s for s in stems if not stop(s))


class SentenceIndex:
    """Every sentence's content stems, computed once, for finding what other outlets also report."""

    def __init__(self, documents: list[Document], source_of: Mapping[str, str], stem: Stemmer, stop: StopWords):
        self._stop = stop
        self._source_of = source_of
        self._entries = [(source_of[d.article.id], d.article.id,
                          [(s, content(tuple(stem(t) for t in _TOKEN.findall(s.normalized.lower())), stop))
                           for s in d.sentences]) for d in documents]

    def reported_by(self, article: str, stems: tuple[str, ...]) -> tuple[SourceRef, ...]:
        """For each article of another independent source than ``article``'s, its sentence most like
        ``stems`` if it says the same thing (cosine >= SAME_CONTENT over content stems, >= MIN_SHARED
        of them shared)."""
        mine = content(stems, self._stop)
        own = self._source_of[article]
        found = []
        for source, _, sentences in self._entries:
            if source == own:
                continue
            best, best_score = None, SAME_CONTENT
            for sentence, theirs in sentences:
                shared = len(mine & theirs)
                if shared >= MIN_SHARED and (score := shared / (len(mine) * len(theirs)) ** 0.5) >= best_score:
                    best, best_score = sentence, score
            if best is not None:
                found.append(best.ref)
        return tuple(found)
