"""Speed bench: newsweave's summary and brief next to sumy LexRank on the same input.

For the seeds (3 articles) and one 25-article DUC 2006 cluster (raw SGML, read as-is) it prints
wall times in seconds:

- newsweave cold: a fresh process running ``newsweave brief INPUT --words N --format json``
  (Python start, imports, spaCy model load, reading, the whole brief);
- newsweave warm, in one process with the model loaded: reading + summary (``Newsweave.read`` and
  ``summarize``), the summary step alone, and the whole brief (``Newsweave.brief``: every section);
- LexRank cold (a fresh process: imports, reading the same texts, sumy LexRank) and warm (sumy
  LexRank alone on the article texts newsweave read).

Warm figures are the median of ``--repeat`` runs. Run with ``nice``: the machine is shared.

    nice python bench/speed.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from newsweave.api import Newsweave
from newsweave.briefs.copies import find_copies
from newsweave.briefs.summarize import summarize
from newsweave.config import Options
from newsweave.evaluation.baselines import make_baseline

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
INPUTS = {"seeds": (SHARED / "seeds", 120), "DUC 2006 D0601A (25 articles)": (SHARED / "data" / "duc2006" / "duc2006_docs" / "D0601A", 250)}
_LEXRANK_COLD = """
import sys
from newsweave.api import Newsweave
from newsweave.config import Options
from newsweave.evaluation.baselines import make_baseline
documents, _ = Newsweave(Options()).read([sys.argv[1]])
make_baseline("lexrank", words=int(sys.argv[2]))([d.article.text for d in documents])
"""


def _median(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _uncached_brief(engine: Newsweave, path: Path):
    engine.nlp.encoder.clear_cache()
    return engine.brief([str(path)])


def _process(arguments: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(arguments, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for label, (path, words) in INPUTS.items():
        engine = Newsweave(Options(words=words))
        documents, _ = engine.read([str(path)])  # loads the model: excluded from warm figures
        texts = [d.article.text for d in documents]
        lexrank = make_baseline("lexrank", words=words)

        def read_and_summarize():
            read, _ = engine.read([str(path)])
            return summarize(read, engine.options, copies=find_copies(read), encoder=engine.nlp.encoder)

        figures = {
            "newsweave cold (process: brief)": _process(
                [sys.executable, "-m", "newsweave.cli", "brief", str(path), "--words", str(words), "--format", "json"]),
            "newsweave warm: read + summary": _median(read_and_summarize, args.repeat),
            "newsweave warm: summary alone": _median(
                lambda: summarize(documents, engine.options, copies=find_copies(documents),
                                  encoder=engine.nlp.encoder), args.repeat),
            # The sentence encoder keeps the vectors of sentences it has seen: clear them so each
            # warm brief pays for encoding, as the first brief of a new story does.
            "newsweave warm: whole brief": _median(lambda: _uncached_brief(engine, path), args.repeat),
            "newsweave warm: whole brief, vectors cached": _median(lambda: engine.brief([str(path)]), args.repeat),
            "LexRank cold (process: read + LexRank)": _process(
                [sys.executable, "-c", _LEXRANK_COLD, str(path), str(words)]),
            "LexRank warm: LexRank alone": _median(lambda: lexrank(texts), args.repeat),
        }
        words_in = sum(len(t.split()) for t in texts)
        print(f"{label}: {len(documents)} articles, {words_in} words, summary of {words} words")
        for name, seconds in figures.items():
            print(f"  {name:<42} {seconds:7.2f} s")


if __name__ == "__main__":
    main()
