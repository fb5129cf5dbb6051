"""Scale bench: ingest + cluster a stream of pre-extracted articles into a temporary SQLite store and
print articles per second and peak memory at each checkpoint (default 10k, 50k, 100k articles).

The stream is the DUC 2006/2007 articles and the Multi-News validation documents (read from
../shared/data at run time), repeated with small perturbations (a marker word and one dropped
sentence per copy, dates moved on by two years per repetition) so that repeats are new articles
rather than duplicates. Each article goes through the full ingest path (duplicate lookups, MinHash
copy detection, online clustering, one SQLite transaction), skipping only spaCy, which pre-extracted
text does not need.

    nice python bench/scale.py --sizes 10000 50000 100000
    nice python bench/scale.py --sizes 10000 --merge 0.16 --run 1000

``--merge COSINE`` turns on the second pass (``StoryOptions.merge_threshold``) as ``newsweave ingest
--merge`` runs it: after every ``--run`` articles (one ingest run), over the stories that run touched
and their neighbours. ``--threshold`` sets the online join threshold.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import resource
import tempfile
import time
from itertools import islice
from datetime import datetime, timedelta
from pathlib import Path
from typing import Iterator

from newsweave.config import Options, StoryOptions
from newsweave.model import Article
from newsweave.store import open_store
from newsweave.stories import Ingestor
from newsweave.stories.ingest import BATCH

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def base_articles() -> list[tuple[str, str, str | None, datetime | None]]:
    rows = []
    with gzip.open(DATA / "clustering_derived" / "duc_2006_2007_docs.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            rows.append((item["id"], item["text"], item.get("title"), datetime.fromisoformat(item["date"])))
    with gzip.open(DATA / "multinews" / "val.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            for n, text in enumerate(item["documents"]):
                if text.strip():
                    rows.append((f"{item['id']}#{n}", text, None, None))
    return rows


def stream(total: int) -> Iterator[Article]:
    rows = base_articles()
    rng = random.Random(4)
    for i in range(total):
        repeat, index = divmod(i, len(rows))
        article_id, text, title, published = rows[index]
        if repeat:
            sentences = text.split(". ")
            if len(sentences) > 2:
                del sentences[rng.randrange(len(sentences))]
            text = f"(Edition {repeat}) " + ". ".join(sentences)
            published = published + timedelta(days=730 * repeat) if published else None
        yield Article(id=f"{article_id}@{repeat}", text=text, outlet=f"outlet{index % 17}", origin="bench",
                      title=title, published=published, url=f"https://bench.example/{article_id}/{repeat}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    parser.add_argument("--threshold", type=float, help="online join threshold (default: StoryOptions)")
    parser.add_argument("--merge", type=float, help="second-pass threshold (default: off)")
    parser.add_argument("--run", type=int, default=1000, help="articles per ingest run with --merge (default 1000)")
    args = parser.parse_args()
    sizes = sorted(args.sizes)
    stories = StoryOptions(merge_threshold=args.merge,
                           **({"threshold": args.threshold} if args.threshold is not None else {}))
    merged = 0
    with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "bench.sqlite")) as store:
        ingestor = Ingestor(store, Options(stories=stories))
        started = last = time.perf_counter()
        cpu_started = time.process_time()
        done = last_done = 0
        # Wall-clock rates depend on what else the shared machine runs; art/CPU-s is this process alone.
        print(f"{'articles':>9} {'total art/s':>12} {'last-segment art/s':>19} {'art/CPU-s':>12} "
              f"{'peak RSS MiB':>13} {'stories':>8} {'merged':>7}")
        articles = stream(sizes[-1])
        while done < sizes[-1]:
            with store.batch():  # as `newsweave ingest` does: BATCH articles per transaction
                for article in islice(articles, BATCH):
                    ingestor.add(article)
                    done += 1
                    if done in sizes or done % args.run == 0:
                        break
            if args.merge is not None and (done in sizes or done % args.run == 0):
                merged += ingestor.merge()  # the end of one ingest run
            if done in sizes:
                now, cpu = time.perf_counter(), time.process_time()
                peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                print(f"{done:9d} {done / (now - started):12.0f} {(done - last_done) / (now - last):19.0f} "
                      f"{done / (cpu - cpu_started):12.0f} {peak:13.0f} {store.counts().stories:8d} {merged:7d}", flush=True)
                last, last_done = now, done


if __name__ == "__main__":
    main()
