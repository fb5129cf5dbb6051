"""Attribution conflicts: the same statement credited to different speakers by different articles.

Two quotation mentions are the same statement when their texts are near-equal or share a
distinctive clause ("intense competition requires sustained diplomacy" / "Intense competition
requires intense diplomacy if we're going to manage tensions"). Speakers are compared by name, so
"Blinken" = "Antony Blinken" = "Mr Blinken"; a speaker that is not a person's name ("the ministry",
"officials") never conflicts, since an organisation and its spokesperson are both right.
"""

from __future__ import annotations

import re

import numpy as np
from rapidfuzz import fuzz, process

from ..documents.stopwords import STOPWORDS
from ..model import Contradiction, ContradictionSide, Quote, QuoteMention
from .entity_names import normalize_name

__all__ = ["attribution_conflicts", "same_speaker", "same_statement"]

# A candidate pair must reach this rapidfuzz partial_ratio (0-100) on normalised text; calibrated on
# the seeds' pair (88) and invented rewordings, then checked for a shared run of words below.
CANDIDATE_RATIO = 75
# The shared run of consecutive words that makes two quotes one statement, and the share of the
# shorter quote's content words that must appear in the longer one.
# Checked on 25 DUC 2006 clusters, where looser values (0.6, 3, no run share) paired a short remark with any
# long quote containing "at least it's".
MIN_SHARED_RUN = 3
MIN_CONTENT_SHARE = 0.75
MIN_CONTENT_WORDS = 4
MIN_RUN_SHARE = 0.6
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Contractions are one word to _WORD, so they are listed whole.
_FUNCTION = STOPWORDS | frozenset("it's that's there's don't doesn't didn't can't won't i'm we're they're you're "
                                  "he's she's".split())
_PARTICLES = frozenset("bin ibn al el de da di del della van von der den la le du dos das ter".split())
_NOT_PEOPLE = re.compile(r"\b(?:republicans|democrats|ministry|department|office|government|agency|police|statement|officials|"
                         r"spokes(?:man|woman|person)|council|committee|company|union|group|authorities|"
                         r"embassy|administration|house|army|military|party|court|report|media|newspaper|"
                         r"he|she|they|it|we|i|you)\b", re.IGNORECASE)


def attribution_conflicts(quotes: tuple[Quote, ...]) -> list[Contradiction]:
    """Pairs of mentions, in articles of different outlets, of one statement with different speakers."""
    mentions = [m for q in quotes for m in q.mentions if m.speaker and _is_person(m.speaker)]
    words = [_words(m.text) for m in mentions]
    usable = [n for n, w in enumerate(words) if len([x for x in w if x not in _FUNCTION]) >= MIN_CONTENT_WORDS]
    if len(usable) < 2:
        return []
    texts = [" ".join(words[n]) for n in usable]
    # All pairs scored at once (C++), then only the few candidates are checked word by word.
    scores = process.cdist(texts, texts, scorer=fuzz.partial_ratio, score_cutoff=CANDIDATE_RATIO, workers=1)
    found: list[Contradiction] = []
    for i, j in zip(*np.nonzero(np.triu(scores, k=1))):
        left, right = mentions[usable[i]], mentions[usable[j]]
        if left.article == right.article or left.outlet == right.outlet:
            continue
        if same_statement(left.text, right.text) and not same_speaker(left.speaker, right.speaker):
            found.append(_conflict(left, right))
    return found


def same_statement(left: str, right: str) -> bool:
    """True when two quotation texts are one statement: a run of ``MIN_SHARED_RUN`` words in common
    and most of the shorter one's content words found in the longer one."""
    a, b = _words(left), _words(right)
    if len(a) > len(b):
        a, b = b, a
    content = [w for w in a if w not in _FUNCTION]
    if len(content) < MIN_CONTENT_WORDS:
        return False
    longer = set(b)
    if sum(w in longer for w in content) < MIN_CONTENT_SHARE * len(content):
        return False
    # The shared run must be a good part of the shorter quote, not three words of a long speech.
    return _longest_common_run(a, b) >= max(MIN_SHARED_RUN, MIN_RUN_SHARE * len(a))


def same_speaker(left: str, right: str) -> bool:
    """True when two speaker names can be the same person: "Blinken" = "Antony Blinken"."""
    a, b = _name_tokens(left), _name_tokens(right)
    if not a or not b:
        return True  # nothing to compare: never a conflict
    return a[-1] == b[-1] or set(a) <= set(b) or set(b) <= set(a)


def _conflict(left: QuoteMention, right: QuoteMention) -> Contradiction:
    if (left.article, left.start) > (right.article, right.start):
        left, right = right, left
    reason = (f'the same statement is attributed to {left.speaker} by {left.outlet} and to '
              f'{right.speaker} by {right.outlet}')
    return Contradiction(kind="attribution", reason=reason,
                         left=ContradictionSide(text=left.text, source=left.ref, value=left.speaker or ""),
                         right=ContradictionSide(text=right.text, source=right.ref, value=right.speaker or ""))


def _is_person(speaker: str) -> bool:
    """A speaker that reads as a person's name: capitalised words only (particles such as "bin" or
    "de" aside). "message", "all students" or "Republican presidential front-runner" are what a
    speaker finder returns when it could not find the person, and must never make a conflict."""
    words = re.findall(r"[^\W\d_][\w'’.-]*", speaker)
    if not words or _NOT_PEOPLE.search(speaker):
        return False
    return all(w[0].isupper() or w.casefold() in _PARTICLES for w in words) and bool(_name_tokens(speaker))


def _name_tokens(name: str) -> list[str]:
    return normalize_name(name).split()


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold().replace("’", "'").replace("‘", "'"))


def _longest_common_run(a: list[str], b: list[str]) -> int:
    """Length of the longest run of consecutive words common to ``a`` and ``b`` (quotes are short)."""
    best = 0
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0] * (len(b) + 1)
        for k, y in enumerate(b, start=1):
            if x == y:
                current[k] = previous[k - 1] + 1
                best = max(best, current[k])
        previous = current
    return best
