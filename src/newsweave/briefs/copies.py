"""Wire copies: articles that are copies or near-copies of one another.

A wire story reprinted by several outlets, or lightly edited (new headline, a changed verb, a trimmed
ending), is one source, not several: the brief counts independent outlets, so every copy maps to the
earliest article of its group (by publication date, undated articles last, then id).
"""

from __future__ import annotations

from datetime import timezone

from ..documents.fingerprint import CopyDetector, shingles, signature
from ..model import Document

__all__ = ["find_copies"]

# Calibrated together on invented reprints (tests/test_copies.py) and the seeds (three outlets on one
# visit, which share only short phrases: Jaccard < 0.05). The LSH stage only proposes candidates, at a
# low Jaccard so a reprint cut to half its length is still proposed; a candidate is a copy when the
# shingles of the shorter text are mostly found in the longer one (containment), which is what a
# trimmed or lightly edited reprint looks like.
CANDIDATE_JACCARD = 0.3
MIN_CONTAINMENT = 0.6


def find_copies(documents: list[Document]) -> dict[str, str]:
    """Article id → id of the earliest article it copies, for every article that is a copy."""
    ordered = sorted(documents, key=_age)
    detector = CopyDetector(threshold=CANDIDATE_JACCARD)
    shingle_sets: dict[str, set[str]] = {}
    canonical: dict[str, str] = {}
    for document in ordered:
        key = document.article.id
        if key in shingle_sets:  # the same id twice: the first one read stands for both
            continue
        text = " ".join(sentence.text for sentence in document.sentences) or document.article.text
        shingle_sets[key] = shingles(text)
        sig = signature(text)
        for candidate in detector.query(sig):
            if _containment(shingle_sets[key], shingle_sets[candidate]) >= MIN_CONTAINMENT:
                canonical[key] = canonical.get(candidate, candidate)
                break
        detector.add(key, sig)
    return canonical


def _containment(left: set[str], right: set[str]) -> float:
    smaller = min(len(left), len(right))
    return len(left & right) / smaller if smaller else 0.0


def _age(document: Document) -> tuple[int, float, str]:
    published = document.article.published
    if published is None:
        return (1, 0.0, document.article.id)
    if published.tzinfo is None:  # a naive time is taken as UTC so naive and aware dates can be ordered
        published = published.replace(tzinfo=timezone.utc)
    return (0, published.timestamp(), document.article.id)
