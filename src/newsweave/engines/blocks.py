"""Stages 2 and 3 as functions of one block: wire copies, story clustering blocked by time window,
and the merge across block edges. The batch job runs them one block per task (``weeks.py``); the
in-memory forms here (``find_copies``, ``merge_blocks``, ``plan_stories``) are the reference the
distributed stages are tested against and what bench/scale_out_merge.py calibrates with.

Order: every article is placed in one total order, (publication time, shard, position in shard),
undated articles last, so the result does not depend on which worker finished first.

Copies: in that order, an article whose shingles nearly match an earlier one's (``CopyDetector``,
MinHash LSH) is a copy of the earliest such article.

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
    entries = list(entries)
    kept, rejections = first_of_each_id([(e.article, e.shard, e.position) for e in entries])
    return sorted((e for e in entries if (e.shard, e.position) in kept), key=arrival_key), [r for _, r in rejections]


def first_of_each_id(places: list[tuple[str, int, int]]) -> tuple[set[tuple[int, int]], list[tuple[tuple[int, int], Rejection]]]:
    """Of the (article id, shard, position) read, the places kept (the first read of each id) and
    a rejection for every later one, with its place, in reading order."""
    first: dict[str, tuple[int, int]] = {}
    rejections = []
    for article, shard, position in sorted(places, key=lambda p: (p[1], p[2])):
        if article in first:
            rejections.append(((shard, position), Rejection(
                input=f"shard {shard}", article=article,
                reason=f"duplicate article id {article!r} (already read from shard {first[article][0]})")))
        else:
            first[article] = (shard, position)
    return set(first.values()), rejections


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
    """Cluster one block's articles in arrival order with a fresh online clusterer. Each story is
    named by ``story_id`` of its first article, so a name is unique across blocks and a merged
    story keeps the name of its earliest half."""
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
    names: dict[str, str] = {}
    for article, story in story_of.items():  # arrival order: the first article met names the story
        names.setdefault(story, story_id(article))
    return BlockStories(block=block, assignments=tuple((article, names[story]) for article, story in story_of.items()),
                        centroids=tuple((names[story], tuple(sorted(c.items()))) for story, c in centroids.items()),
                        features=tuple(features_out))


def check_merge(threshold: float, weeks: int) -> None:
    if not 0.0 < threshold < 1.0:
        raise OptionsError(f"merge threshold must be between 0 and 1, got {threshold!r}")
    if not isinstance(weeks, int) or weeks < 1:
        raise OptionsError(f"merge weeks must be a whole number, 1 or more, got {weeks!r}")


def window(block: str, blocks: Iterable[str], weeks: int = MERGE_WEEKS) -> list[str]:
    """The blocks among ``blocks`` whose stories a story of ``block`` may join."""
    return [earlier for earlier in blocks if _within(earlier, block, weeks)]


def week_edges(later: BlockStories, earlier: Iterable[BlockStories], *, threshold: float = MERGE_THRESHOLD,
               weeks: int = MERGE_WEEKS) -> dict[tuple[str, str], tuple[str, str]]:
    """(later block, story) → the (earlier block, story) it joins: its best match among the stories
    of the ``weeks`` weeks before, if the centroids' cosine reaches ``threshold``."""
    best: dict[str, tuple[float, tuple[str, str]]] = {}
    rows = _unit_rows(later)
    for block in sorted(earlier, key=lambda b: b.block, reverse=True):  # nearest week first: ties go to it
        if not _within(block.block, later.block, weeks):
            continue
        for story, target, score in _best_matches(block, later, threshold, later_rows=rows):
            if story not in best or score > best[story][0]:
                best[story] = (score, (block.block, target))
    return {(later.block, story): target for story, (_, target) in best.items()}


def resolve(edges: dict[tuple[str, str], tuple[str, str]]) -> dict[tuple[str, str], tuple[str, str]]:
    """Each node of ``edges`` → the root its chain of edges leads to. Every edge points to an
    earlier week, so the chains end, and a merged story's root is its earliest half."""
    roots: dict[tuple[str, str], tuple[str, str]] = {}
    for node in edges:
        chain = []
        while node in edges and node not in roots:
            chain.append(node)
            node = edges[node]
        root = roots.get(node, node)
        for member in chain:
            roots[member] = root
    return roots


def merge_blocks(blocks: list[BlockStories], *, threshold: float = MERGE_THRESHOLD,
                 weeks: int = MERGE_WEEKS) -> dict[tuple[str, str], tuple[str, str]]:
    """(block, story) → the (block, story) its merged story is named after (its earliest half), all
    blocks in memory; the batch job computes the same ``week_edges`` one week per task."""
    check_merge(threshold, weeks)
    ordered = sorted(blocks, key=lambda b: (b.block == UNDATED, b.block))
    edges: dict[tuple[str, str], tuple[str, str]] = {}
    for index, later in enumerate(ordered):
        edges |= week_edges(later, ordered[:index], threshold=threshold, weeks=weeks)
    roots = resolve(edges)
    return {(b.block, story): roots.get((b.block, story), (b.block, story)) for b in ordered for story, _ in b.centroids}


def plan_stories(entries: list[ShardEntry], blocks: list[BlockStories], copies: dict[str, str], *,
                 merge_threshold: float = MERGE_THRESHOLD, merge_weeks: int = MERGE_WEEKS) -> list[PlannedStory]:
    """Final stories of entries and blocks in memory (bench/scale_out_merge.py), ordered by their
    first article's arrival; the batch job plans the same stories on the workers (``weeks.py``)."""
    merged = merge_blocks(blocks, threshold=merge_threshold, weeks=merge_weeks)
    local = {article: (b.block, story) for b in blocks for article, story in b.assignments}
    features = {article: data for b in blocks for article, data in b.features}
    members: dict[tuple[str, str], list[PlannedArticle]] = {}
    for entry in entries:  # arrival order, so each story's articles and the stories come out ordered
        members.setdefault(merged[local[entry.article]], []).append(
            planned_article(entry, copies.get(entry.article), features[entry.article]))
    return [PlannedStory(id=story, articles=tuple(articles)) for (_, story), articles in members.items()]


def planned_article(entry: ShardEntry, copy_of: str | None, features: bytes) -> PlannedArticle:
    return PlannedArticle(article=entry.article, shard=entry.shard, position=entry.position, copy_of=copy_of,
                          content_hash=entry.content_hash, features=features, signature=entry.signature)


def story_id(first_article: str) -> str:
    # Named after its first article, not numbered: the same input gives the same ids whatever the
    # engine, and loading into a store that already holds numbered stories (S0000001…) cannot collide.
    return "B" + hashlib.sha1(first_article.encode("utf-8")).hexdigest()[:12]


def _within(earlier: str, later: str, weeks: int) -> bool:
    if UNDATED in (earlier, later):
        return False
    gap = date.fromisoformat(later) - date.fromisoformat(earlier)
    return timedelta(0) < gap <= timedelta(days=7 * weeks)


def _best_matches(earlier: BlockStories, later: BlockStories, threshold: float, *, later_rows) -> list[tuple[str, str, float]]:
    """For each story of ``later`` (its ``_unit_rows``, made once for all the weeks it meets), the
    story of ``earlier`` with the highest centroid cosine, if it reaches ``threshold``. One sparse
    matrix product per pair of weeks: no pair-by-pair loop."""
    import numpy as np
    from scipy.sparse import csr_matrix

    left, right = later_rows, _unit_rows(earlier)
    # Feature ids are hashes over 2**22 buckets (stories.vectors); numbering only the terms the two
    # weeks use keeps the columns few (a transpose costs time in the number of columns), in the same
    # order, so the cosines are those of the full-width vectors.
    terms = np.unique(np.concatenate([left[1], right[1]]))

    def matrix(rows, columns, values, count):
        return csr_matrix((values, (rows, np.searchsorted(terms, columns))), shape=(count, len(terms)))

    similarity = (matrix(*left, len(later.centroids)) @ matrix(*right, len(earlier.centroids)).T).toarray()
    if similarity.size == 0:
        return []
    best = similarity.argmax(axis=1)  # ties go to the earliest-created story of the earlier week
    return [(later.centroids[row][0], earlier.centroids[int(column)][0], float(similarity[row, column]))
            for row, column in enumerate(best) if similarity[row, column] >= threshold and np.isfinite(similarity[row, column])]


def _unit_rows(block: BlockStories):
    """Each centroid scaled to unit length, as (row, term, value) arrays; an all-zero centroid stays zero."""
    import numpy as np

    sizes = [len(vector) for _, vector in block.centroids]
    rows = np.repeat(np.arange(len(sizes)), sizes)
    terms = np.fromiter((term for _, vector in block.centroids for term, _ in vector), dtype=np.int64, count=sum(sizes))
    values = np.fromiter((weight for _, vector in block.centroids for _, weight in vector), dtype=np.float64,
                         count=sum(sizes))
    norms = np.sqrt(np.bincount(rows, weights=values * values, minlength=len(sizes)))
    return rows, terms, values / np.where(norms == 0, 1.0, norms)[rows]
