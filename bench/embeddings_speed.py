"""Speed bench: what the sentence encoder (the ``embeddings`` extra) adds to a brief.

For the seeds and one 25-article DUC 2006 cluster it prints, in seconds, the model load (once per
process), then warm figures with embeddings on and off: the whole brief (``Newsweave.brief``) and the
claims stage alone (``align_claims``), with the number of sentences encoded per brief. On and off
runs alternate, so both see the same load on a shared machine; figures are medians of ``--repeat``.

    nice python bench/embeddings_speed.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from newsweave.api import Newsweave
from newsweave.briefs.claims import align_claims
from newsweave.briefs.copies import find_copies
from newsweave.config import Options
from newsweave.documents import Nlp
from newsweave.documents.embeddings import SentenceEncoder

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
INPUTS = {"seeds": (SHARED / "seeds", 120),
          "DUC 2006 D0601A (25 articles)": (SHARED / "data" / "duc2006" / "duc2006_docs" / "D0601A", 250)}


class CountingEncoder(SentenceEncoder):
    """The real encoder, counting the sentences it encodes."""

    def __init__(self):
        super().__init__()
        self.encoded = 0

    def encode(self, texts):
        self.encoded += len(texts)
        return super().encode(texts)


def _timed(run) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    nlp = Nlp()
    nlp.encoder = CountingEncoder()
    print(f"model load (first encode): {_timed(lambda: nlp.encoder.encode(['warm up'])):.2f} s")
    for label, (path, words) in INPUTS.items():
        engines = {on: Newsweave(Options(words=words, embeddings=on), nlp=nlp) for on in (True, False)}
        documents, _ = engines[True].read([str(path)])
        copies = find_copies(documents)
        times: dict[tuple[str, bool], list[float]] = {}
        for _ in range(args.repeat):
            for on, engine in engines.items():
                times.setdefault(("brief", on), []).append(_timed(lambda: engine.brief([str(path)])))
                times.setdefault(("claims", on), []).append(
                    _timed(lambda: align_claims(documents, copies, engine.options, nlp.encoder)))
        before = nlp.encoder.encoded
        align_claims(documents, copies, engines[True].options, nlp.encoder)
        sentences = sum(len(d.sentences) for d in documents)
        print(f"{label}: {len(documents)} articles, {sentences} sentences, "
              f"{nlp.encoder.encoded - before} encoded per brief")
        for stage in ("brief", "claims"):
            on, off = (statistics.median(times[(stage, flag)]) for flag in (True, False))
            print(f"  warm {stage:<7} embeddings on {on:6.2f} s   off {off:6.2f} s   added {on - off:6.2f} s")


if __name__ == "__main__":
    main()
