"""Stages 2–4 on the workers, one task per bucket or per week, each reading and writing the work
directory (``exchange.py``) so that per-article state never passes through the client:

- ``find_duplicates`` (per id bucket): a second article with an id already read is rejected;
- ``copies.find_bucket_copies`` (per band bucket): wire-copy pairs, sent to the copy's week;
- ``cluster_week`` (per week): the week's articles in arrival order, its copies' earliest
  originals, one online clustering pass (``blocks.cluster_block``); writes the week's plan and, on
  its own, its story centroids;
- ``merge_week`` (per week): the week's stories against the centroids of the ``MERGE_WEEKS`` weeks
  before (``blocks.week_edges``); returns only the stories that join an earlier one;
- ``route_week`` (per week): each article to the week its final story starts in (the root of its
  chain of merges, resolved on the client from those edges alone);
- ``plan_week`` (per start week): the stories starting that week, in arrival order, cut into
  chunk plans (``chunks.chunk_stories``); returns their names and sizes.
"""

from __future__ import annotations

from pathlib import Path

from ..config import StoryOptions
from ..model import Rejection
from .blocks import arrival_key, cluster_block, first_of_each_id, planned_article, week_edges
from .chunks import chunk_stories
from .copies import earliest_originals
from .exchange import read_one, read_partition, write_one, write_partitioned
from .records import BlockStories, PlannedArticle, PlannedStory, WeekResult
from .shards import IDS, WEEKS

STORIES = "stories"
Node = tuple[str, str]  # (week, story named in that week)


def find_duplicates(bucket: int, work: str) -> list[tuple[tuple[int, int], Rejection]]:
    return first_of_each_id(read_partition(Path(work), IDS, bucket))[1]


def cluster_week(week: str, work: str, dropped: frozenset[tuple[int, int]], options: StoryOptions) -> WeekResult:
    entries = sorted((e for e in read_partition(Path(work), WEEKS, week) if (e.shard, e.position) not in dropped),
                     key=arrival_key)
    copies = earliest_originals(Path(work), week)
    block = cluster_block(week, entries, copies, options)
    story = dict(block.assignments)
    features = dict(block.features)
    rows = [(story[e.article], planned_article(e, copies.get(e.article), features[e.article])) for e in entries]
    write_one(Path(work), f"week-{week}", rows)
    write_one(Path(work), f"centroids-{week}", BlockStories(block=week, assignments=(), centroids=block.centroids,
                                                            features=()))
    return WeekResult(week=week, articles=len(entries), copies=sum(1 for e in entries if e.article in copies))


def merge_week(week: str, earlier: list[str], work: str, threshold: float, weeks: int) -> list[tuple[Node, Node]]:
    later = read_one(Path(work), f"centroids-{week}")
    blocks = [read_one(Path(work), f"centroids-{name}") for name in earlier]
    return sorted(week_edges(later, blocks, threshold=threshold, weeks=weeks).items())


def route_week(week: str, work: str, roots: dict[Node, Node]) -> int:
    """Send the week's articles, in arrival order, to the week their final story starts in;
    ``roots`` holds this week's merged stories only (the others are their own root)."""
    rows: list[tuple[str, PlannedArticle]] = read_one(Path(work), f"week-{week}")
    routed = []
    for story, article in rows:
        start, name = roots.get((week, story), (week, story))
        routed.append((start, (name, article)))
    write_partitioned(Path(work), STORIES, week, routed)
    return len(routed)


def plan_week(week: str, work: str) -> list[tuple[str, int]]:
    """Stories that start in ``week`` → chunk plans ``plan-WEEK-K``; returns each plan's name and
    number of articles, so the client can join small weeks' plans into one brief task. A
    story's articles come week by week (the exchange's sources are week names, read in date order,
    undated last) and in arrival order within a week, so stories and their articles are in arrival
    order, as one pass over the whole corpus would put them."""
    members: dict[str, list[PlannedArticle]] = {}
    for name, article in read_partition(Path(work), STORIES, week):
        members.setdefault(name, []).append(article)
    stories = [PlannedStory(id=name, articles=tuple(articles)) for name, articles in members.items()]
    chunks = chunk_stories(stories)
    plans = []
    for number, chunk in enumerate(chunks):
        name = f"plan-{week}-{number:05d}"
        write_one(Path(work), name, chunk)
        plans.append((name, sum(len(story.articles) for story in chunk)))
    return plans
