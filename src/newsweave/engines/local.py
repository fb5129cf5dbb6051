"""The local engine: every task in this process, one after another, with one loaded spaCy pipeline.
The default, and the reference the Dask engine must agree with."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Sequence

from ..config import Options
from ..documents import Nlp
from ..model import BatchSummary
from .pipeline import run_pipeline


class LocalExecutor:
    def __init__(self, nlp: Nlp, *, progress: bool = False):
        self.nlp = nlp
        self.progress = progress
        self.timings: dict[str, float] = {}  # stage → wall seconds, for benchmarks

    def map(self, function: Callable, calls: Sequence[tuple], *, stage: str, needs_nlp: bool) -> list:
        from tqdm import tqdm

        extra = {"nlp": self.nlp} if needs_nlp else {}
        started = time.perf_counter()
        results = [function(*call, **extra) for call in tqdm(calls, desc=stage, unit=" tasks",
                                                             disable=not self.progress, leave=False)]
        self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - started
        return results


def run_local(inputs: Sequence[str], out: str | Path, *, options: Options | None = None, nlp: Nlp | None = None,
              db: str | None = None, progress: bool = False) -> BatchSummary:
    """Run the batch job in this process; see ``engines.pipeline`` for the stages."""
    return run_pipeline(inputs, out, LocalExecutor(nlp or Nlp(), progress=progress), options=options or Options(), db=db)
