"""Throughput of ``newsweave batch`` on Dask with 1 and 2 worker processes on the same input, peak
memory per worker and of the client (this process: peak traced Python allocations during the job,
and peak RSS), and the wall time of each stage (for sizing a cluster: docs/design-scale-out.md).

Input: the first N articles of the DUC 2006/2007 stream (dated, real newswire), written at run time
as JSON Lines shards into a temporary directory (nothing is copied into the repo).

    nice python bench/scale_out.py --articles 600 --shards 8
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import tempfile
import time
import tracemalloc
from pathlib import Path

from newsweave.config import Options
from newsweave.engines.dask import DaskExecutor, local_cluster
from newsweave.engines.pipeline import run_pipeline

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "clustering_derived" / "duc_2006_2007_docs.jsonl.gz"


def write_shards(directory: Path, data: Path, articles: int, shards: int) -> tuple[list[str], int]:
    records = []
    with gzip.open(data, "rt", encoding="utf-8") as handle:
        for line in handle:
            r = json.loads(line)
            records.append({"id": r["id"], "title": r["title"], "text": r["text"], "published": r["date"],
                            "outlet": r["id"][:3]})
            if len(records) >= articles:
                break
    for i in range(shards):
        with open(directory / f"shard-{i:03d}.jsonl", "w", encoding="utf-8") as out:
            out.writelines(json.dumps(r) + "\n" for r in records[i::shards])
    return [str(directory / "*.jsonl")], sum(len(r["text"].split()) for r in records)


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # ru_maxrss is KiB on Linux


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run(inputs: list[str], out: Path, workers: int) -> None:
    from distributed import Client

    from distributed import get_task_stream

    with local_cluster(workers) as cluster, Client(cluster) as client:
        executor = DaskExecutor(client)
        started = time.perf_counter()
        tracemalloc.start()
        with get_task_stream(client) as stream:
            summary = run_pipeline(inputs, out, executor, options=Options())
        client_peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        seconds = time.perf_counter() - started
        memory = client.run(peak_rss_mib)
        cpu = sum(client.run(cpu_seconds).values())
    stages = ", ".join(f"{stage} {s:.1f} s" for stage, s in executor.timings.items())
    print(f"workers {workers}: {summary.articles} articles, {summary.copies} wire copies, {summary.stories} stories, "
          f"{seconds:.1f} s, {summary.articles / seconds:.2f} articles/s; stages: {stages}; worker CPU {cpu:.1f} s "
          f"({cpu / max(summary.articles, 1) * 1000:.0f} ms per article, model loading included); "
          f"peak RSS per worker: " + ", ".join(f"{mib:.0f} MiB" for mib in sorted(memory.values())))
    busy: dict[str, float] = {}
    for task in stream.data:
        for part in task.get("startstops", ()):
            if part.get("action") == "compute":
                busy[task["worker"]] = busy.get(task["worker"], 0.0) + part["stop"] - part["start"]
    # Busy (task) time near the wall time with CPU well below it means workers waited for a core.
    print("  task time per worker: " + ", ".join(f"{s:.1f} s" for s in sorted(busy.values())))
    # Python allocations of this process (the client) during the job, Dask's client included.
    print(f"  client: peak traced Python memory {client_peak:.1f} MiB, peak RSS {peak_rss_mib():.0f} MiB")
    print(f"  load average during the run (other jobs share this machine): {os.getloadavg()[0]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEFAULT))
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--shards", type=int, default=8)
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts to run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        inputs, words = write_shards(Path(tmp), Path(args.data), args.articles, args.shards)
        print(f"input: {args.articles} DUC articles ({words} words, {words / args.articles:.0f} per article) "
              f"in {args.shards} JSON Lines shards")
        for workers in (int(w) for w in args.workers.split(",")):
            run(inputs, Path(tmp) / f"out-{workers}", workers)


if __name__ == "__main__":
    main()
