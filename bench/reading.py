"""Reading bench: how fast inputs become Documents, and what cleaning and the language check do on
real data (read from ../shared at run time).

Prints, for the seeds, one DUC 2006 cluster (25 articles) and all DUC 2006 clusters: warm wall time,
words per second, documents, rejections by reason, removed spans by reason. Then the language check
over every DUC 2006/2007 article (all English: anything else is a false positive) and cleaning on a
sample of Multi-News validation documents (which carry web boilerplate).

    nice python bench/reading.py [--multinews 2000]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import time
from collections import Counter
from pathlib import Path

from newsweave.api import Newsweave
from newsweave.documents.clean import clean
from newsweave.documents.extract import sgml_text
from newsweave.documents.language import detect_language

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SEEDS = DATA.parent / "seeds"
DUC2006 = DATA / "duc2006" / "duc2006_docs"


def read_figures(engine: Newsweave, label: str, inputs: list[str]) -> None:
    engine.read(inputs)  # warm: file cache and lazily loaded pieces
    started = time.perf_counter()
    documents, rejections = engine.read(inputs)
    seconds = time.perf_counter() - started
    words = sum(len(d.article.text.split()) for d in documents)
    removed = Counter(span.reason for d in documents for span in d.removed)
    reasons = Counter(re.sub(r"'[^']*'", "'…'", r.reason).split(" (")[0].split(":")[0] for r in rejections)
    print(f"{label}: {len(documents)} documents, {words} words, {seconds:.2f} s warm "
          f"({words / seconds:,.0f} words/s)")
    print(f"  rejections: {dict(reasons.most_common()) or 'none'}")
    print(f"  removed spans: {dict(removed.most_common()) or 'none'}")


def language_figures() -> None:
    files = sorted(DUC2006.glob("*/*")) + sorted((DATA / "duc2007" / "duc2007_testdocs" / "main").glob("*/*"))
    started = time.perf_counter()
    detected = Counter(detect_language(sgml_text(f.read_text(encoding="latin-1"))).code for f in files)
    seconds = time.perf_counter() - started
    wrong = sum(n for code, n in detected.items() if code != "en")
    print(f"language check on {len(files)} DUC 2006/2007 articles: {wrong} not English "
          f"({dict(detected)}), {seconds / len(files) * 1000:.2f} ms per article")


def multinews_language_figures() -> None:
    detected: Counter[str] = Counter()
    with gzip.open(DATA / "multinews" / "val.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            detected.update(detect_language(text).code for text in json.loads(line)["documents"] if text.strip())
    print(f"language check on {sum(detected.values())} non-empty Multi-News validation documents: "
          f"{dict(detected.most_common())}")


def multinews_figures(limit: int) -> None:
    removed: Counter[str] = Counter()
    documents = 0
    with gzip.open(DATA / "multinews" / "val.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            for text in json.loads(line)["documents"]:
                if documents >= limit:
                    break
                documents += 1
                removed.update(span.reason for span in clean(text)[1])
            if documents >= limit:
                break
    print(f"cleaning on {documents} Multi-News validation documents: removed spans {dict(removed.most_common())}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--multinews", type=int, default=2000, help="Multi-News documents to clean")
    args = parser.parse_args()
    engine = Newsweave()
    read_figures(engine, "seeds", [str(SEEDS)])
    read_figures(engine, "DUC 2006 D0601A", [str(DUC2006 / "D0601A")])
    read_figures(engine, "DUC 2006 all clusters", [str(DUC2006)])
    language_figures()
    multinews_language_figures()
    multinews_figures(args.multinews)


if __name__ == "__main__":
    main()
