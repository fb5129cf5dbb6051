"""Article text → a sparse, unit-length term vector, weighted with document frequencies that grow as
articles arrive (no vocabulary fitted on the whole corpus up front).

Features are hashed (crc32, stable across processes, unlike Python's ``hash``) words and capitalised
name sequences. Names get their own features because they are what separates two stories of the same
kind (two earthquakes share "magnitude" and "rescuers", not the town's name).
"""

from __future__ import annotations

import math
import re
import zlib
from array import array
from collections import Counter
from dataclasses import dataclass

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from ..config import StoryOptions

# 2**22 buckets for words and as many for names: collisions are rare for a news vocabulary and
# ids fit in 32 bits for storage.
BUCKETS = 1 << 22
# The features kept per article, strongest first. 300, not 120: long articles (DUC, ~700 words) lost
# the words they share with the rest of their topic (DUC 2006 topic-level F1 0.788 → 0.820); the
# short Multi-News and ECB+ texts were unchanged to 0.001. Beyond 300 (1,000 tried) nothing gained.
TOP_FEATURES = 300
# Calibrated together with StoryOptions.threshold (docs/evaluation-clusters.md); re-tune them together.
# The weight of name features is StoryOptions.name_weight.
TITLE_WEIGHT = 2
PRIOR_DOCUMENTS = 50

_WORD = re.compile(r"[^\W\d_][\w'-]*", re.UNICODE)
_NUMBER = re.compile(r"\b\d[\d,.]*\d\b")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?:\s+(?:of\s+|de\s+)?[A-Z][a-z]+)*)")
_STOP = frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "say", "mr", "mrs", "ms", "year", "years", "new"}


@dataclass(frozen=True)
class Features:
    """An article's features: ``terms`` every distinct feature id (for document frequencies) and
    ``vector`` the strongest ones, unit length, as (id, weight) pairs sorted by id."""

    terms: tuple[int, ...]
    vector: tuple[tuple[int, float], ...]

    def to_bytes(self) -> bytes:
        ids = array("I", self.terms)
        vec_ids = array("I", (i for i, _ in self.vector))
        weights = array("f", (w for _, w in self.vector))
        head = array("I", [len(ids), len(vec_ids)])
        return head.tobytes() + ids.tobytes() + vec_ids.tobytes() + weights.tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> "Features":
        head = array("I")
        head.frombytes(data[:8])
        n_terms, n_vec = head
        ids, vec_ids, weights = array("I"), array("I"), array("f")
        offset = 8
        ids.frombytes(data[offset:offset + 4 * n_terms])
        offset += 4 * n_terms
        vec_ids.frombytes(data[offset:offset + 4 * n_vec])
        offset += 4 * n_vec
        weights.frombytes(data[offset:offset + 4 * n_vec])
        return cls(terms=tuple(ids), vector=tuple(zip(vec_ids, weights)))


def _bucket(token: str) -> int:
    return zlib.crc32(token.encode("utf-8")) % BUCKETS


def name_bucket(name: str) -> int:
    """Names live in the upper half of the id space, so a vector's names can be told from its words."""
    return BUCKETS + _bucket(name)


def is_name(term: int) -> bool:
    return term >= BUCKETS


def term_counts(text: str, title: str | None = None, *, name_weight: float = StoryOptions.name_weight) -> Counter:
    """Hashed feature counts of an article: content words, and names (capitalised sequences not at
    the start of a sentence) as features of their own, each occurrence counted ``name_weight`` times
    (``StoryOptions.name_weight``, whose default this is)."""
    counts: Counter = Counter()
    for part, weight in ((text, 1), (title or "", TITLE_WEIGHT)):
        for word in _WORD.findall(part.lower()):
            if len(word) > 2 and word not in _STOP:
                counts[_bucket(word)] += weight
        # Numbers of two or more digits (tolls, sums, years) tell one event from another of its kind.
        for number in _NUMBER.findall(part):
            counts[_bucket(number)] += weight
        for name in _NAME.findall(part) if name_weight > 0 else ():
            if name.lower() not in _STOP:
                counts[name_bucket(" ".join(name.lower().split()))] += weight * name_weight
    return counts


class DocumentFrequencies:
    """How many articles so far carry each feature: the IDF half of TF-IDF, grown one article at a time."""

    def __init__(self) -> None:
        self.documents = 0
        self._df: Counter = Counter()

    def add(self, terms: tuple[int, ...]) -> None:
        self.documents += 1
        self._df.update(terms)

    def idf(self, term: int) -> float:
        # Smoothed as in scikit-learn's TfidfTransformer, plus PRIOR_DOCUMENTS imaginary articles that
        # share no words: without them the first few articles of a store see every word they share
        # as "common" and never cluster together (cold start); with 10k+ articles they weigh nothing.
        return math.log((self.documents + PRIOR_DOCUMENTS + 1) / (self._df.get(term, 0) + 1)) + 1.0

    def features(self, counts: Counter) -> Features:
        """Weight ``counts`` (sublinear tf × current idf), keep the strongest, normalise."""
        weighted = [(term, (1.0 + math.log(count)) * self.idf(term)) for term, count in counts.items()]
        weighted.sort(key=lambda item: (-item[1], item[0]))
        kept = weighted[:TOP_FEATURES]
        norm = math.sqrt(sum(w * w for _, w in kept)) or 1.0
        kept.sort()
        # Rounded to float32 here, as stored, so a store reopened after a crash holds exactly the
        # weights the live run used and clustering resumes identically.
        weights = array("f", (w / norm for _, w in kept))
        vector = tuple(zip((term for term, _ in kept), weights))
        return Features(terms=tuple(sorted(counts)), vector=vector)
