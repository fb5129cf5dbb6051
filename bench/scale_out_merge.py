"""Blocked clustering (weekly blocks + merge across week edges, as ``newsweave batch`` does) against
one online pass over the whole stream, on the DUC 2006/2007 stream, for several merge thresholds.
Prints B-cubed P/R/F1 and story counts; the chosen ``engines.blocks.MERGE_THRESHOLD`` should sit
where F1 is highest.

    nice python bench/scale_out_merge.py [--data ../shared/data/clustering_derived/duc_2006_2007_docs.jsonl.gz]
"""

from __future__ import annotations

import argparse
from datetime import datetime, time
from pathlib import Path

from newsweave.config import StoryOptions
from newsweave.documents.fingerprint import signature, signature_bytes
from newsweave.engines.blocks import cluster_block, find_copies, plan_stories, split_blocks, unique_entries
from newsweave.engines.records import ShardEntry, pack_counts
from newsweave.evaluation.clusters import bcubed, cluster_stream
from newsweave.evaluation.clusters_data import read_cluster_dataset
from newsweave.stories import content_hash
from newsweave.stories.vectors import term_counts

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "clustering_derived" / "duc_2006_2007_docs.jsonl.gz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT))
    args = parser.parse_args()
    records = list(read_cluster_dataset(args.data).records)
    gold = {r.id: r.cluster for r in records}
    entries = [ShardEntry(article=r.id, shard=0, position=i, published=datetime.combine(r.date, time()) if r.date else None, counts=pack_counts(
        term_counts(r.text, r.title)), signature=signature_bytes(signature(r.text)),
        content_hash=content_hash(r.text)) for i, r in enumerate(records)]
    entries, _ = unique_entries(entries)
    options = StoryOptions()
    copies = find_copies(entries, threshold=options.copy_threshold)
    blocks = [cluster_block(name, members, copies, options) for name, members in split_blocks(entries).items()]
    print(f"{len(entries)} articles, {len(blocks)} weekly blocks, {len(copies)} wire copies, "
          f"{len(set(gold.values()))} gold stories")
    by_id = {r.id: r for r in records}
    online = cluster_stream([by_id[e.article] for e in entries], options=options)
    p, r, f = bcubed(online, gold)
    print(f"{'one online pass (date order)':34} P {p:.3f} R {r:.3f} F1 {f:.3f} stories {len(set(online.values()))}")
    for weeks in (1, 2, 4, 8):
        for threshold in (0.15, 0.25, 0.35, 0.45, 0.55, 0.75):
            stories = plan_stories(entries, blocks, copies, merge_threshold=threshold, merge_weeks=weeks)
            predicted = {a.article: s.id for s in stories for a in s.articles}
            p, r, f = bcubed(predicted, gold)
            print(f"{f'weekly blocks, {weeks} weeks back, at {threshold:.2f}':34} P {p:.3f} R {r:.3f} F1 {f:.3f} "
                  f"stories {len(stories)}")


if __name__ == "__main__":
    main()
