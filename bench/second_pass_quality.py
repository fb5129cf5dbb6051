"""B-cubed quality of the stories ``newsweave ingest`` stores, without and with the second pass.

``newsweave eval clusters --merge`` scores the evaluation's form of the second pass (every article
re-weighed with the document frequencies at the end of the stream). The product (``newsweave ingest
--merge``, ``StoryOptions.merge_threshold``) merges the live clustering centroids, each article
weighed as it arrived, over the stories an ingest run touched and their neighbours. This script runs
the product path itself: the dataset's accepted records go through ``Ingestor`` into a temporary
SQLite store in runs of ``--run`` articles, each run ending with the second pass as ``ingest`` does;
it scores the stored stories before the last pass of each run (online only, what ``ingest`` without
``--merge`` stores) and after. Rejected records (the pipeline's gate) are singletons, as in the
evaluation; a record stored as a duplicate takes its original's story. ``--final-absorb N`` is the
archive workflow: the runs without absorb, then one pass over the whole store with absorb, as
``newsweave stories --merge COSINE --absorb N`` does (``second_pass.merge_store``); with
``--runs-unmerged`` the runs have no pass of their own (plain ``ingest``).

    python bench/second_pass_quality.py ../shared/data/multinews/val.jsonl.gz --limit 6000 \\
        --threshold 0.3 --merge 0.16
    python bench/second_pass_quality.py ../shared/data/ecbplus/ECB_Dev_corpus.txt --min-words 0 --merge 0.16
    python bench/second_pass_quality.py ../shared/data/clustering_derived/duc_2006_2007_docs.jsonl.gz \
        --gold-prefix DUC2007 --threshold 0.16 --time-weight 0 --name-weight 0.5 --merge 0.08 --run 100 \
        --final-absorb 10
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import datetime, time as clock
from pathlib import Path

from newsweave.config import Options, StoryOptions
from newsweave.evaluation.clusters import bcubed, screen
from newsweave.evaluation.clusters_data import read_cluster_dataset
from newsweave.model import Article
from newsweave.store import open_store
from newsweave.stories import Ingestor
from newsweave.stories.ingest import BATCH, content_hash
from newsweave.stories.second_pass import merge_store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dataset")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--gold-prefix", default="")
    parser.add_argument("--threshold", type=float)
    parser.add_argument("--time-weight", type=float)
    parser.add_argument("--name-weight", type=float)
    parser.add_argument("--absorb", type=int, help="StoryOptions.absorb_size (topic level: 10)")
    parser.add_argument("--merge", type=float, required=True)
    parser.add_argument("--final-absorb", type=int, metavar="N",
                        help="after the runs (without absorb), one pass over the whole store with absorb N, as "
                             "newsweave stories --merge COSINE --absorb N")
    parser.add_argument("--runs-unmerged", action="store_true",
                        help="with --final-absorb: the runs without their own second pass (plain ingest)")
    parser.add_argument("--run", type=int, help="articles per ingest run (default: the whole stream in one run)")
    parser.add_argument("--min-words", type=int)
    args = parser.parse_args()
    if args.final_absorb is not None and args.absorb is not None:
        parser.error("--final-absorb runs the ingest runs without absorb: give it or --absorb, not both")
    if args.runs_unmerged and args.final_absorb is None:
        parser.error("--runs-unmerged goes with --final-absorb")
    dataset = read_cluster_dataset(args.dataset, limit=args.limit, offset=args.offset)
    records = [r for r in dataset.records if r.cluster.startswith(args.gold_prefix)]
    gate = Options() if args.min_words is None else Options(min_article_words=args.min_words)
    rejected = screen(records, gate)
    online = {k: v for k, v in (("threshold", args.threshold), ("time_weight", args.time_weight),
                                ("name_weight", args.name_weight), ("absorb_size", args.absorb)) if v is not None}
    options = Options(stories=StoryOptions(merge_threshold=None if args.runs_unmerged else args.merge, **online))
    accepted = [r for r in records if r.id not in rejected]
    run = args.run or len(accepted)
    gold = {r.id: r.cluster for r in records}
    with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "q.sqlite")) as store:
        ingestor = Ingestor(store, options)
        started = time.perf_counter()
        merged = 0
        for start in range(0, len(accepted), run):
            chunk = accepted[start:start + run]
            for first in range(0, len(chunk), BATCH):
                with store.batch():
                    for record in chunk[first:first + BATCH]:
                        ingestor.add(_article(record))
            if start + run >= len(accepted):
                before = _predicted(store, records, rejected)  # the last run, before its pass
            merged += ingestor.merge()
        seconds = time.perf_counter() - started
        after = _predicted(store, records, rejected)
        systems = [("ingest (online only, last run)", before)]
        if not args.runs_unmerged:
            systems.append((f"ingest --merge {args.merge}", after))
        if args.final_absorb is not None:
            started = time.perf_counter()
            absorbed = merge_store(store, threshold=args.merge, absorb=args.final_absorb)
            print(f"stories --merge {args.merge} --absorb {args.final_absorb}: {absorbed} stories merged away in "
                  f"{time.perf_counter() - started:.1f} s")
            systems.append((f"then stories --merge {args.merge} --absorb {args.final_absorb}",
                            _predicted(store, records, rejected)))
    print(f"{dataset.name}: {len(records)} articles, {len(rejected)} rejected, {len(set(gold.values()))} gold stories; "
          f"runs of {run}; {merged} stories merged away; {len(accepted) / seconds:.0f} art/s")
    for name, predicted in systems:
        p, r, f = bcubed(predicted, gold)
        print(f"{name:40} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  stories {len(set(predicted.values()))}")


def _article(record) -> Article:
    published = datetime.combine(record.date, clock(12)) if record.date else None
    return Article(id=record.id, text=record.text, outlet="", origin="eval", title=record.title, published=published)


def _predicted(store, records, rejected) -> dict[str, str]:
    predicted = {}
    for record in records:
        if record.id in rejected:
            predicted[record.id] = f"rejected:{record.id}"
            continue
        stored = store.article(record.id) or store.find_by_hash(content_hash(record.text))
        predicted[record.id] = stored.story
    return predicted


if __name__ == "__main__":
    main()
