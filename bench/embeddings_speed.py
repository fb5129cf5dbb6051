"""Speed bench: what the sentence encoder (the ``embeddings`` extra) adds to a brief.

For the seeds and one 25-article DUC 2006 cluster it prints, in seconds, the model load (once per
process), then warm figures: the whole brief (``Newsweave.brief``) and the claims stage alone
(``align_claims``), with embeddings off and on, the encoder in float32 and (where the CPU computes it
natively) bfloat16, with the number of sentences encoded per brief. The encoders' vector caches are
emptied before every run, so "on" pays for every vector, as a story briefed for the first time does;
the last line per input is a brief whose vectors are all cached (the same story briefed again).
Variants alternate, so all see the same load on a shared machine; figures are medians of ``--repeat``.

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
    """The real encoder, counting the sentences it is asked for."""

    def __init__(self, **options):
        super().__init__(**options)
        self.asked = 0

    def encode(self, texts):
        self.asked += len(texts)
        return super().encode(texts)


def _timed(run) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def _with(nlp: Nlp, encoder: SentenceEncoder, run, *, fresh: bool = True):
    """``run`` with ``encoder`` as the claims stage's encoder, its vector cache emptied first."""
    def with_encoder():
        nlp.encoder = encoder
        if fresh:
            encoder.clear_cache()
        run()
    return with_encoder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    encoders = {"float32": CountingEncoder(bfloat16=False), "bfloat16": CountingEncoder()}
    for name, encoder in encoders.items():
        print(f"model load, {name} (first encode): {_timed(lambda: encoder.encode(['warm up'])):.2f} s")
    if not encoders["bfloat16"].bfloat16:
        print("this CPU has no native bfloat16: both encoders are float32")
    variants = {"off": (False, encoders["float32"]),
                **{f"on, {name}": (True, encoder) for name, encoder in encoders.items()}}
    nlp = Nlp()
    for label, (path, words) in INPUTS.items():
        engines = {on: Newsweave(Options(words=words, embeddings=on), nlp=nlp) for on in (True, False)}
        documents, _ = engines[False].read([str(path)])
        copies = find_copies(documents)
        times: dict[tuple[str, str], list[float]] = {}
        for _ in range(args.repeat):
            for variant, (on, encoder) in variants.items():
                engine = engines[on]
                times.setdefault(("brief", variant), []).append(
                    _timed(_with(nlp, encoder, lambda: engine.brief([str(path)]))))
                times.setdefault(("claims", variant), []).append(_timed(_with(
                    nlp, encoder, lambda: align_claims(documents, copies, engine.options, encoder))))
            times.setdefault(("brief", "cached"), []).append(_timed(
                _with(nlp, encoders["bfloat16"], lambda: engines[True].brief([str(path)]), fresh=False)))
        encoder = encoders["bfloat16"]
        encoder.clear_cache()
        before = encoder.asked
        align_claims(documents, copies, engines[True].options, encoder)
        sentences = sum(len(d.sentences) for d in documents)
        print(f"{label}: {len(documents)} articles, {sentences} sentences, "
              f"{encoder.asked - before} encoded per brief")
        for stage in ("brief", "claims"):
            off = statistics.median(times[(stage, "off")])
            figures = "   ".join(f"{variant} {statistics.median(times[(stage, variant)]):6.2f} s "
                                 f"(+{statistics.median(times[(stage, variant)]) - off:.2f})"
                                 for variant in variants if variant != "off")
            print(f"  warm {stage:<7} embeddings off {off:6.2f} s   {figures}")
        cached = statistics.median(times[("brief", "cached")])
        print(f"  warm brief   bfloat16, every vector cached {cached:6.2f} s "
              f"(+{cached - statistics.median(times[('brief', 'off')]):.2f})")


if __name__ == "__main__":
    main()
