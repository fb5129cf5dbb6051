"""Calibrate the summarizer's weights on development data only, never on the reported clusters.

Dev data: Multi-News validation clusters 2661-5621 (2,961 clusters; reported figures use clusters
0-2660, ``--limit 2661``; before the sentence scorer was re-fitted on them, dev was 5322-5621 and the
reported set 0-5321) and the 15 DUC 2007 topics that have references (reported figures use DUC
2006). Each cluster is read once; then every weight setting given is scored (ROUGE recall, the same
scorer as ``newsweave eval summaries``). Prints one line per setting and dataset.

    nice python bench/tune_summarize.py "{}" "{'lead': 1}" "{'rare': 0.3}"
"""

from __future__ import annotations

import argparse
import ast
import statistics
import sys
import time
from pathlib import Path

from newsweave.briefs.summarize import Weights, summarize
from newsweave.evaluation.datasets import SummaryRecord, read_summary_records
from newsweave.evaluation.rouge import RougeScorer, average
from newsweave.evaluation.summaries import NewsweaveSystem, raw_documents

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
DEV = {"Multi-News val 2661-5621 @300": (DATA / "multinews" / "val.jsonl.gz", 300, slice(2661, 5622)),
       "DUC 2007 (15 topics) @250": (DATA / "duc2007" / "main.jsonl.gz", 250, slice(None))}


def _records(path: Path, part: slice) -> list[SummaryRecord]:
    return list(read_summary_records(path, skip_unreferenced=True))[part]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("settings", nargs="*", default=["{}"], help="Weights fields as a Python dict literal")
    args = parser.parse_args()
    settings = [Weights(**ast.literal_eval(text)) for text in args.settings]
    for label, (path, words, part) in DEV.items():
        records = _records(path, part)
        system = NewsweaveSystem(words=words)
        documents = [system.engine.read(raw_documents(r))[0] for r in records]
        scorer = RougeScorer(words=words)
        for weights in settings:
            started = time.perf_counter()
            summaries = [summarize(d, system.engine.options, copies={}, weights=weights) for d in documents]
            seconds = (time.perf_counter() - started) / len(records)
            scores = average(scorer.score(" ".join(s.text for s in summary), r.summaries)
                             for summary, r in zip(summaries, records))
            length = statistics.fmean(sum(len(s.text.split()) for s in summary) for summary in summaries)
            print(f"{label}: {weights}\n  R1 {100 * scores.rouge1.recall:.2f}  R2 {100 * scores.rouge2.recall:.2f}"
                  f"  RL {100 * scores.rougeL.recall:.2f}  words {length:.0f}  {seconds:.3f} s/cluster", flush=True)


if __name__ == "__main__":
    sys.exit(main())
