"""Time the quote, entity and timeline stages on one directory of articles (a DUC cluster).

    python -m newsweave.evaluation.quotes_bench ../shared/data/duc2006/duc2006_docs/D0601A

Prints the articles and words read and the seconds each stage took; NER (shared by the stages and
run once per brief) is timed on its own.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from ..api import Newsweave
from ..briefs.entities import extract_entities
from ..briefs.quotes import extract_quotes, merge_quotes
from ..briefs.timeline import build_timeline
from ..model import RawDocument
from .quotes import raw_article


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: python -m newsweave.evaluation.quotes_bench DUC_CLUSTER_DIR", file=sys.stderr)
        return 2
    folder = Path(argv[0])
    raws: list[RawDocument] = [raw_article(folder.parent, f"{folder.name}/{p.name}") for p in sorted(folder.iterdir())]
    engine = Newsweave()
    engine.nlp.language  # load the model outside the timings
    documents, _ = engine.read(raws)
    words = sum(len(d.article.text.split()) for d in documents)
    timings = {}
    start = time.perf_counter()
    parsed = dict(zip((d.article.id for d in documents), engine.nlp.entities(d.article.text for d in documents)))
    timings["ner (shared)"] = time.perf_counter() - start
    start = time.perf_counter()
    mentions = extract_quotes(documents, parsed, engine.nlp)
    quotes = merge_quotes(mentions)
    timings["quotes"] = time.perf_counter() - start
    start = time.perf_counter()
    entities = extract_entities(documents, parsed)
    timings["entities"] = time.perf_counter() - start
    start = time.perf_counter()
    timeline = build_timeline(documents, parsed, engine.options)
    timings["timeline"] = time.perf_counter() - start
    print(f"{len(documents)} articles, {words} words: {len(mentions)} quote mentions in {len(quotes)} quotes, "
          f"{len(entities)} entities, {len(timeline)} timeline events")
    for stage, seconds in timings.items():
        print(f"  {stage:14} {seconds:6.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
