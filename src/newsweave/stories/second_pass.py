"""The second pass in the product: stories merged by average linkage in the store, not only in the
evaluation.

Online clustering decides once per article; an early story can split a topic in two. After an
ingest run, the stories the run touched and the stories the clustering index links to them (their
neighbours: the active stories sharing their strongest features) go through ``merge.merge_average_link``
(two untouched neighbours are not scored against each other: unchanged since a pass found them
apart), and every merge it finds is made in the store (``Store.merge_stories``) and in the live clustering
state, in one transaction for the whole pass where the store groups writes (``Store.batch``: SQLite;
on PostgreSQL each merge is its own transaction). Only those stories are looked at, never the whole
store, so the pass costs about as much per run as the run's articles touched, however large the store.

``merge_store`` (``newsweave stories --merge COSINE [--absorb N]``) runs the same pass over every
story that can still grow (``StoryOptions.max_active_stories``, 50,000 by default; older stories
keep no centroid), in one transaction on both backends (``Store.transaction``). That is where
absorb belongs: after an archive was ingested in runs without it, every fragment's topic is in the
store (after each run, a fragment would join the nearest story it can see before its topic arrived).

Centroids are the live clustering state's: each article weighed with the document frequencies at its
arrival (the evaluation's ``--merge`` re-weighs every article with the frequencies at the end of the
stream instead, which the product cannot afford per run; docs/evaluation-clusters.md gives the
figures of both).
"""

from __future__ import annotations

from typing import Iterable

from ..store import Store
from .assign import StoryAssigner
from .merge import merge_average_link


def merge_store(store: Store, *, threshold: float, absorb: int = 0) -> int:
    """The second pass over every story in ``store`` that can still grow, in one transaction;
    returns how many stories were merged away. The clustering state is rebuilt from the stored
    features, so the options that made them need not be given again."""
    from ..config import Options, StoryOptions
    from .ingest import Ingestor  # ingest imports this module

    options = Options(stories=StoryOptions(merge_threshold=threshold, absorb_size=absorb))
    assigner = Ingestor(store, options).assigner
    with store.transaction():
        return merge_touched(assigner, store, assigner.clusterer.active_stories(), threshold=threshold,
                             absorb=absorb)


def merge_touched(assigner: StoryAssigner, store: Store, touched: Iterable[str], *, threshold: float,
                  absorb: int = 0) -> int:
    """Merge ``touched`` stories and their neighbours while two stories' articles are at least
    ``threshold`` similar on average, then (``absorb``) let stories of at most that many articles join
    their nearest story; returns how many stories were merged away. The caller holds the transaction
    (``store.batch()``) and rebuilds ``assigner`` if it fails."""
    clusterer = assigner.clusterer
    chosen: dict[str, tuple[dict[int, float], int]] = {}
    touched = {assigner.current(story): None for story in touched}
    for story in touched:
        for candidate in (story, *clusterer.neighbours(story)):
            if candidate not in chosen and (state := clusterer.centroid(candidate)) is not None:
                chosen[candidate] = state
    # Oldest first: merge_average_link keeps the oldest story of a group, as the store does.
    order = sorted(chosen, key=lambda story: (len(story), story))
    groups = merge_average_link({story: chosen[story][0] for story in order},
                                {story: chosen[story][1] for story in order}, threshold=threshold,
                                changed=set(touched), absorb=absorb)
    merged = 0
    for story in order:
        root, story = assigner.current(groups[story]), assigner.current(story)
        if root == story:
            continue
        keep = store.merge_stories(root, story)
        assigner.merged(keep, story if keep == root else root)
        merged += 1
    return merged
