"""The Dask engine: the same tasks as the local engine (``engines.pipeline``), run on a
``dask.distributed`` cluster. With no scheduler address it starts a ``LocalCluster`` of worker
processes bound to 127.0.0.1 (dashboard on a free loopback port), so nothing listens beyond this
machine.

Failure: every task is retried (``RETRIES``) when its worker dies; tasks write their part files
atomically under names fixed by their input, so a retry replaces, never duplicates, output. Each
worker loads the spaCy pipeline once, on first use, and keeps it on its ``Worker`` object (no
module-level cache).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Callable, Sequence

from ..config import Options
from ..errors import MissingDependency, OptionsError
from ..model import BatchSummary
from .pipeline import run_pipeline

# A task is tried this many extra times if its worker dies: one death is a fluke (OOM-killed, a
# pre-empted VM); the same task killing three workers is a poison input worth stopping for.
RETRIES = 3


def _with_worker_nlp(function: Callable, *call):
    from distributed import get_worker

    from ..documents import Nlp

    worker = get_worker()
    nlp = getattr(worker, "newsweave_nlp", None)
    if nlp is None:
        nlp = worker.newsweave_nlp = Nlp()
    return function(*call, nlp=nlp)


class DaskExecutor:
    def __init__(self, client, *, progress: bool = False):
        self.client = client
        self.progress = progress
        self.timings: dict[str, float] = {}  # stage → wall seconds, for benchmarks

    def map(self, function: Callable, calls: Sequence[tuple], *, stage: str, needs_nlp: bool) -> list:
        from distributed import as_completed
        from tqdm import tqdm

        if not calls:
            return []
        started = time.perf_counter()
        if needs_nlp:
            futures = [self.client.submit(_with_worker_nlp, function, *call, retries=RETRIES, pure=False)
                       for call in calls]
        else:
            futures = [self.client.submit(function, *call, retries=RETRIES, pure=False) for call in calls]
        with tqdm(total=len(futures), desc=stage, unit=" tasks", disable=not self.progress, leave=False) as bar:
            for _ in as_completed(futures):
                bar.update()
        results = self.client.gather(futures)
        for future in futures:
            future.release()
        self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - started
        return results


def local_cluster(workers: int):
    """A cluster of ``workers`` single-threaded worker processes, everything on 127.0.0.1."""
    from distributed import LocalCluster

    return LocalCluster(host="127.0.0.1", dashboard_address="127.0.0.1:0", processes=True, n_workers=workers,
                        threads_per_worker=1, scheduler_port=0)


def dashboard(client) -> str | None:
    try:
        import bokeh  # noqa: F401 - the dashboard is served only when bokeh is installed
    except ImportError:
        return None
    return client.dashboard_link


def run_dask(inputs: Sequence[str], out: str | Path, *, options: Options | None = None, client=None,
             scheduler: str | None = None, workers: int = 2, db: str | None = None,
             progress: bool = False) -> BatchSummary:
    """Run the batch job on Dask: on ``client`` if given, else on the scheduler at ``scheduler``
    (tcp://HOST:PORT), else on a new local cluster of ``workers`` processes."""
    try:
        from distributed import Client
    except ImportError as error:
        raise MissingDependency("dask[distributed]", "dask") from error
    if client is None and scheduler is None and (not isinstance(workers, int) or workers < 1):
        raise OptionsError(f"workers must be a whole number, 1 or more, got {workers!r}")
    options = options or Options()
    if client is not None:
        return run_pipeline(inputs, out, DaskExecutor(client, progress=progress), options=options, db=db)
    cluster = None if scheduler else local_cluster(workers)
    try:
        with Client(scheduler or cluster) as own:
            link = dashboard(own)
            if progress:
                print(f"dask: scheduler {own.scheduler.address}; dashboard: {link or 'none (bokeh is not installed)'}",
                      file=sys.stderr)
            return run_pipeline(inputs, out, DaskExecutor(own, progress=progress), options=options, db=db)
    finally:
        if cluster is not None:
            cluster.close()
