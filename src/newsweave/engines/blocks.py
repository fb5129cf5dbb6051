"""Stages 2 and 3: wire copies over the whole corpus, then story clustering blocked by time window.

Order: every article is placed in one total order, (publication time, shard, position in shard),
undated articles last, so the result does not depend on which worker finished first.

Copies: one pass in that order through a MinHash LSH index (``CopyDetector``): an article whose
shingles nearly match an earlier one's is a copy of the earliest such article.

Stories: articles are split into weekly blocks (Monday to Sunday by publication date; undated
articles form one block of their own) and each block is clustered, in parallel, by the same online
clusterer ``newsweave ingest`` uses (``StoryClusterer``), with a copy joining its original's story
when both are in the block. A story that crosses a block edge comes out as two halves, so a merge
step compares each week's story centroids with those of the ``MERGE_WEEKS`` weeks before and joins a
story to its most similar earlier story when their cosine reaches ``MERGE_THRESHOLD``.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from datetime import date, datetime, timedelta
from typing import Iterable

from ..config import StoryOptions
from ..documents.fingerprint import CopyDetector, from_bytes
from ..errors import OptionsError
from ..model import Rejection, as_date
from ..stories import StoryClusterer
from .records import BlockStories, PlannedArticle, PlannedStory, ShardEntry, unpack_counts

# When two halves of a story are one: their centroids' cosine reaches MERGE_THRESHOLD and the later
# half starts at most MERGE_WEEKS weeks after the earlier one (a story that pauses, a trial between
# hearings, stays one story). Calibrated together on the DUC 2006/2007 stream with
# bench/scale_out_merge.py (bench/results/scale_out_merge.md): 0.25 and 8 weeks keep the precision
# of one online pass over the whole stream (0.974 vs 0.976); a lower threshold or a longer window
# gains recall but loses precision fast. Re-run that script after changing the clusterer's features.
MERGE_THRESHOLD = 0.25
MERGE_WEEKS = 8
UNDATED = "undated"


def arrival_key(entry: ShardEntry) -> tuple:
    return (entry.published is None, entry.published or datetime.min, entry.shard, entry.position)


def unique_entries(entries: Iterable[ShardEntry]) -> tuple[list[ShardEntry], list[Rejection]]:
    """Entries in arrival order; a second article with an id already seen is rejected, not merged."""
    kept: dict[str, ShardEntry] = {}
    rejections = []
    for entry in sorted(entries, key=lambda e: (e.shard, e.position)):
        if entry.article in kept:
            rejections.append(Rejection(input=f"shard {entry.shard}", article=entry.article,
                                        reason=f"duplicate article id {entry.article!r} (already read from shard "
                                               f"{kept[entry.article].shard})"))
        else:
            kept[entry.article] = entry
    return sorted(kept.values(), key=arrival_key), rejections


def find_copies(entries: list[ShardEntry], *, threshold: float) -> dict[str, str]:
    """Article id → the earliest article it copies, for ``entries`` in arrival order."""
    detector = CopyDetector(threshold=threshold)
    order: dict[str, int] = {}
    copies: dict[str, str] = {}
    for index, entry in enumerate(entries):
        sig = from_bytes(entry.signature)
        earlier = [key for key in detector.query(sig) if key in order]
        if earlier:
            copies[entry.article] = min(earlier, key=order.__getitem__)
        detector.add(entry.article, sig)
        order[entry.article] = index
    return copies


def block_of(published: datetime | None) -> str:
    """The Monday that starts the article's week, as YYYY-MM-DD, or ``undated``."""
    if published is None:
        return UNDATED
    day = published.date()
    return (day - timedelta(days=day.weekday())).isoformat()


def split_blocks(entries: list[ShardEntry]) -> dict[str, list[ShardEntry]]:
    blocks: dict[str, list[ShardEntry]] = {}
    for entry in entries:
        blocks.setdefault(block_of(entry.published), []).append(entry)
    return dict(sorted(blocks.items(), key=lambda item: (item[0] == UNDATED, item[0])))


def cluster_block(block: str, entries: list[ShardEntry], copies: dict[str, str], options: StoryOptions) -> BlockStories:
    """Cluster one block's articles in arrival order with a fresh online clusterer."""
    clusterer = StoryClusterer(options)
    story_of: dict[str, str] = {}
    centroids: dict[str, Counter] = {}
    features_out = []
    for entry in entries:
        features = clusterer.features(Counter(unpack_counts(entry.counts)))
        published = as_date(entry.published)
        original = copies.get(entry.article)
        if original in story_of:
            story = story_of[original]  # a reprint is its original's story by definition
        else:
            story = clusterer.assign(features, published).story
        clusterer.add(story, features, published)
        story_of[entry.article] = story
        centroids.setdefault(story, Counter()).update(dict(features.vector))
        features_out.append((entry.article, features.to_bytes()))
    return BlockStories(block=block, assignments=tuple(story_of.items()),
                        centroids=tuple((story, tuple(sorted(c.items()))) for story, c in centroids.items()),
                        features=tuple(features_out))


def merge_blocks(blocks: list[BlockStories], *, threshold: float = MERGE_THRESHOLD,
                 weeks: int = MERGE_WEEKS) -> dict[tuple[str, str], tuple[str, str]]:
    """(block, local story) → the (block, local story) its merged story is named after (its earliest
    half). Each story is joined to its best match among the stories of the ``weeks`` weeks before."""
    if not 0.0 < threshold < 1.0:
        raise OptionsError(f"merge threshold must be between 0 and 1, got {threshold!r}")
    if not isinstance(weeks, int) or weeks < 1:
        raise OptionsError(f"merge weeks must be a whole number, 1 or more, got {weeks!r}")
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def root(node):
        while parent.get(node, node) != node:
            node = parent[node]
        return node

    ordered = sorted(blocks, key=lambda b: (b.block == UNDATED, b.block))
    for index, later in enumerate(ordered):
        best: dict[str, tuple[float, tuple[str, str]]] = {}
        for earlier in reversed(ordered[:index]):  # nearest week first, so ties go to the nearest
            if not _within(earlier.block, later.block, weeks):
                continue
            for story, target, score in _best_matches(earlier, later, threshold):
                if story not in best or score > best[story][0]:
                    best[story] = (score, (earlier.block, target))
        for story, (_, target) in best.items():
            # The later half joins the earlier half's story: names follow the earliest half.
            parent[root((later.block, story))] = root(target)
    return {(b.block, story): root((b.block, story)) for b in ordered for story, _ in b.centroids}


def plan_stories(entries: list[ShardEntry], blocks: list[BlockStories], copies: dict[str, str], *,
                 merge_threshold: float = MERGE_THRESHOLD, merge_weeks: int = MERGE_WEEKS) -> list[PlannedStory]:
    """Final stories, ordered by their first article's arrival; ids derived from that first article."""
    merged = merge_blocks(blocks, threshold=merge_threshold, weeks=merge_weeks)
    local = {article: (b.block, story) for b in blocks for article, story in b.assignments}
    features = {article: data for b in blocks for article, data in b.features}
    members: dict[tuple[str, str], list[PlannedArticle]] = {}
    for entry in entries:  # arrival order, so each story's articles and the stories come out ordered
        members.setdefault(merged[local[entry.article]], []).append(PlannedArticle(
            article=entry.article, shard=entry.shard, position=entry.position, copy_of=copies.get(entry.article),
            content_hash=entry.content_hash, features=features[entry.article], signature=entry.signature))
    return [PlannedStory(id=story_id(articles[0].article), articles=tuple(articles)) for articles in members.values()]


def story_id(first_article: str) -> str:
    # Named after its first article, not numbered: the same input gives the same ids whatever the
    # engine, and loading into a store that already holds numbered stories (S0000001…) cannot collide.
    return "B" + hashlib.sha1(first_article.encode("utf-8")).hexdigest()[:12]


def _within(earlier: str, later: str, weeks: int) -> bool:
    if UNDATED in (earlier, later):
        return False
    gap = date.fromisoformat(later) - date.fromisoformat(earlier)
    return timedelta(0) < gap <= timedelta(days=7 * weeks)


def _best_matches(earlier: BlockStories, later: BlockStories, threshold: float) -> list[tuple[str, str, float]]:
    """For each story of ``later``, the story of ``earlier`` with the highest centroid cosine, if it
    reaches ``threshold``. One sparse matrix product per pair of weeks: no pair-by-pair loop."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.preprocessing import normalize

    def matrix(block: BlockStories):
        rows, cols, values = [], [], []
        for row, (_, vector) in enumerate(block.centroids):
            for term, weight in vector:
                rows.append(row)
                cols.append(term)
                values.append(weight)
        return normalize(csr_matrix((values, (rows, cols)), shape=(len(block.centroids), width)))

    # Feature ids are hashes (stories.vectors): the widest id seen in either week bounds the columns.
    width = 1 + max((term for b in (earlier, later) for _, vector in b.centroids for term, _ in vector), default=0)
    similarity = (matrix(later) @ matrix(earlier).T).toarray()
    if similarity.size == 0:
        return []
    best = similarity.argmax(axis=1)  # ties go to the earliest-created story of the earlier week
    return [(later.centroids[row][0], earlier.centroids[int(column)][0], float(similarity[row, column]))
            for row, column in enumerate(best) if similarity[row, column] >= threshold and np.isfinite(similarity[row, column])]
