"""Revisiting the online pass: stories merged by average linkage, best pair first.

The online pass decides once per article, in arrival order; an early story can split a topic that
a batch clustering, seeing everything, would keep whole. This second pass takes the online stories
as units and runs agglomerative clustering over them, average linkage, the closest pair first,
until no two stories' articles are at least ``threshold`` similar on average. A story's centroid is the sum of its articles' unit
vectors, so ``dot(Ca, Cb) / (size_a * size_b)`` is exactly the mean cosine over all pairs of
articles across the two stories (average linkage) with no member kept in memory.

Only pairs that share one of their strongest features are ever scored (an inverted index, postings
capped so that a feature every story has is no evidence): no all-pairs step. Ties are broken by
story order, so the same stories always merge the same way; a merged group keeps its oldest
story's id.

Topic-level streams (``StoryOptions.absorb_size``) then absorb fragments: a group of at most
``absorb`` articles joins the group whose centroid direction is nearest (cosine of the two centroids,
at least ``ABSORB_COSINE``), closest pair first. A topic that runs for years is too loose for its
articles to be similar to each other on average, so average linkage leaves a few articles about one
of its turns apart; against the topic's centroid they are close. Event-level stories are small
themselves, so this rule would glue them together (Multi-News tuning slice: 0.812 → 0.619 at size 2).
It also needs the whole collection in one pass: a fragment joins the nearest group it can see, so
when a topic's main story is not among the candidates (ingest runs of 100 or 400 articles, where a
run's pass sees only the stories it touched and their index neighbours) fragments join the wrong
topic (DUC 2006: 0.907 in one run, 0.712 in runs of 400, 0.466 in runs of 100).
"""

from __future__ import annotations

import heapq
import math

from ..errors import OptionsError

# A group's strongest features that put it in the index, and the most groups one feature may point
# to (a feature in more groups than this is too common to suggest a pair). Checked on the tuning
# slices of docs/evaluation-clusters.md: 20/128 and 15/64 lost 0.000–0.006 F1 and ran faster.
INDEX_TERMS = 30
POSTING_MAX = 128
# The centroid cosine at which a fragment joins a group. Calibrated on DUC 2006 with absorb_size 10:
# 0.05–0.12 all gave F1 within 0.002 (fragments nearly always have one clear nearest group), 0.15 lost 0.005.
ABSORB_COSINE = 0.1


def merge_average_link(centroids: dict[str, dict[int, float]], sizes: dict[str, int], *,
                       threshold: float, changed: set[str] | None = None, absorb: int = 0) -> dict[str, str]:
    """Story id → the story it is merged into (itself when none).

    ``centroids`` maps each story, oldest first, to the sum of its articles' unit vectors;
    ``sizes`` to its number of articles. Stories merge while the mean cosine between two groups'
    articles is at least ``threshold``. With ``changed``, two stories both outside it are not
    scored against each other at first (a pass that already saw them unchanged found them apart);
    a group formed by a merge is scored against every other. With ``absorb`` (a number of
    articles), groups of at most that many articles then join their nearest group by centroid
    cosine (module docstring).
    """
    if not 0.0 < threshold <= 1.0:
        raise OptionsError(f"merge threshold must be in (0, 1], got {threshold}")
    if not isinstance(absorb, int) or absorb < 0:
        raise OptionsError(f"absorb must be a whole number of articles, 0 (off) or more, got {absorb!r}")
    groups = _Agglomeration(centroids, sizes, _AverageLink(threshold), changed).run()
    if not absorb:
        return groups
    # The groups of the first phase are the units of the second, under their oldest story's id.
    merged: dict[str, dict[int, float]] = {}
    merged_sizes: dict[str, int] = {}
    for story, root in groups.items():
        target = merged.setdefault(root, {})
        for term, weight in centroids[story].items():
            target[term] = target.get(term, 0.0) + weight
        merged_sizes[root] = merged_sizes.get(root, 0) + sizes[story]
    touched = None if changed is None else {groups[story] for story in changed if story in groups} | {
        root for story, root in groups.items() if root != story}
    absorbed = _Agglomeration(merged, merged_sizes, _Absorb(absorb), touched).run()
    return {story: absorbed[root] for story, root in groups.items()}


class _AverageLink:
    """The mean cosine between two groups' articles."""

    def __init__(self, threshold: float):
        self.threshold = threshold

    def pairs(self, size_a: int, size_b: int) -> bool:
        return True

    def __call__(self, dot: float, size_a: int, size_b: int, norm_a: float, norm_b: float) -> float:
        return dot / (size_a * size_b)


class _Absorb:
    """The cosine of two groups' centroids, for pairs where one group has at most ``size`` articles."""

    threshold = ABSORB_COSINE

    def __init__(self, size: int):
        self.size = size

    def pairs(self, size_a: int, size_b: int) -> bool:
        return min(size_a, size_b) <= self.size

    def __call__(self, dot: float, size_a: int, size_b: int, norm_a: float, norm_b: float) -> float:
        return dot / (norm_a * norm_b) if norm_a and norm_b else 0.0


class _Agglomeration:
    """Groups are numbered by story age; the heap holds (-score, older, newer, their versions)."""

    def __init__(self, centroids: dict[str, dict[int, float]], sizes: dict[str, int], link: _AverageLink | _Absorb,
                 changed: set[str] | None = None):
        self.stories = list(centroids)
        self.settled = {rank for rank, story in enumerate(self.stories) if changed is not None and story not in changed}
        self.groups = {rank: dict(centroids[story]) for rank, story in enumerate(self.stories)}
        self.size = {rank: sizes[story] for rank, story in enumerate(self.stories)}
        self.version = dict.fromkeys(self.groups, 0)
        self.parent = list(range(len(self.stories)))
        self.link = link
        self.index: dict[int, list[int]] = {}
        self.tops: dict[int, list[int]] = {}
        self.norm: dict[int, float] = {}
        self.heap: list[tuple[float, int, int, int, int]] = []

    def run(self) -> dict[str, str]:
        for rank in self.groups:
            self._index(rank)
            self._push_pairs(rank)
        self.settled.clear()  # from here on only merged groups are scored, against every group
        while self.heap:
            _, a, b, version_a, version_b = heapq.heappop(self.heap)
            if a not in self.groups or b not in self.groups or (self.version[a], self.version[b]) != (version_a, version_b):
                continue  # a group changed since this pair was scored; its new pairs are on the heap
            target = self.groups[a]
            for term, weight in self.groups.pop(b).items():
                target[term] = target.get(term, 0.0) + weight
            self.size[a] += self.size.pop(b)
            self.version[a] += 1
            self.parent[b] = a
            self._index(a)
            self._push_pairs(a)
        return {story: self.stories[self._root(rank)] for rank, story in enumerate(self.stories)}

    def _index(self, rank: int) -> None:
        self.tops[rank] = _top(self.groups[rank])
        self.norm[rank] = math.sqrt(sum(w * w for w in self.groups[rank].values()))
        for term in self.tops[rank]:
            posting = self.index.setdefault(term, [])
            if rank not in posting:
                posting.append(rank)

    def _push_pairs(self, rank: int) -> None:
        """Score ``rank`` against every live group sharing a strong feature (older groups only on the
        first pass, when newer ones are not indexed yet; all of them after a merge)."""
        centroid, seen = self.groups[rank], {rank}
        skip = self.settled if rank in self.settled else ()
        for term in self.tops[rank]:
            posting = self.index.get(term, ())
            if len(posting) > POSTING_MAX:
                continue
            for other in posting:
                if other in seen or other not in self.groups or other in skip:
                    continue
                seen.add(other)
                if not self.link.pairs(self.size[rank], self.size[other]):
                    continue
                score = self.link(_dot(centroid, self.groups[other]), self.size[rank], self.size[other],
                                  self.norm[rank], self.norm[other])
                if score >= self.link.threshold:
                    first, second = min(rank, other), max(rank, other)
                    heapq.heappush(self.heap, (-score, first, second, self.version[first], self.version[second]))

    def _root(self, rank: int) -> int:
        while self.parent[rank] != rank:
            rank = self.parent[rank]
        return rank


def _top(centroid: dict[int, float]) -> list[int]:
    return [t for t, _ in sorted(centroid.items(), key=lambda item: (-item[1], item[0]))[:INDEX_TERMS]]


def _dot(a: dict[int, float], b: dict[int, float]) -> float:
    # Centroids share a few dozen of their ~1,000 features: intersecting the key sets (in C) first
    # made the pass about 5x faster than looking every feature of one up in the other.
    return sum(a[t] * b[t] for t in a.keys() & b.keys())
