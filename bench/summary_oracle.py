"""Oracle ROUGE on the dev sets: what the sentence splitting and the candidate filter leave within
reach, apart from how the summarizer chooses.

The oracle is the summarizer's own integer program (``selection.select``, same word budget) with
the references' bigrams as the concepts (Porter stems, each bigram worth the number of references
using it within the budget), choosing from: the candidates (``briefs.candidates``); the candidates
with the fragment filler as ``summarize`` uses it (fragments of 8+ words when the candidates cannot
fill the budget); every sentence. ``--kinds`` adds one run per rejection reason: the candidates plus
the sentences rejected for that reason only (a fragment that ends its document, as Multi-News's
truncated documents do, counts apart). Dev clusters as in ``bench/tune_summarize.py``.

    nice python bench/summary_oracle.py --kinds
    nice python bench/summary_oracle.py --part 5322:5622 --dataset multinews   # the old 300 dev clusters
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter, defaultdict

from tune_summarize import DEV, _records

from newsweave.briefs.candidates import REJECTIONS, Candidate, candidates, rejection
from newsweave.briefs.selection import select
from newsweave.briefs.similarity import Stemmer
from newsweave.evaluation.rouge import RougeScorer, average, truncate_words
from newsweave.evaluation.summaries import NewsweaveSystem, raw_documents

_TOKEN = re.compile(r"[a-z0-9]+")  # ROUGE's tokens, as candidates.py uses them


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", choices=["multinews", "duc2007", "both"], default="both")
    parser.add_argument("--part", help="START:STOP, clusters of the dataset file instead of its DEV slice")
    parser.add_argument("--kinds", action="store_true", help="also the candidates plus each rejected kind")
    args = parser.parse_args()
    for label, (path, words, part) in DEV.items():
        if args.dataset not in ("both", path.parent.name):
            continue
        if args.part:
            start, stop = (int(x) for x in args.part.split(":"))
            part, label = slice(start, stop), f"{path.parent.name} clusters {start}-{stop - 1} @{words}"
        _run(label, _records(path, part), words, args.kinds)


def _run(label: str, records, words: int, kinds: bool) -> None:
    started = time.perf_counter()
    system, stem, scorer = NewsweaveSystem(words=words), Stemmer(), RougeScorer(words=words)
    scores: dict[str, list] = defaultdict(list)
    counts: Counter = Counter()
    for record in records:
        documents = system.engine.read(raw_documents(record))[0]
        value = _reference_bigrams(record.summaries, words, stem)
        chosen = [c for d in documents for c in candidates(d, stem)]
        filled = chosen if sum(c.words for c in chosen) >= words else [
            c for d in documents for c in candidates(d, stem, fragments=True)]
        taken = {(c.sentence.article, c.sentence.index) for c in chosen}
        every, rejected = [], defaultdict(list)
        for document in documents:
            for sentence in document.sentences:
                whole = _whole(sentence, stem)
                every.append(whole)
                if (sentence.article, sentence.index) not in taken:
                    reason = rejection(sentence.text) or "other"
                    if reason == "fragment" and sentence.index == len(document.sentences) - 1:
                        reason = "fragment ending its document"
                    rejected[reason].append(whole)
                    counts[f"rejected {reason}"] += 1
        counts["sentences"] += len(every)
        counts["candidates"] += len(chosen)
        pools = {"candidates": chosen, "candidates + filler": filled, "every sentence": every}
        if kinds:
            for reason in (*REJECTIONS, "fragment ending its document", "other"):
                pools[f"candidates + {reason}"] = chosen + rejected.get(reason, [])
        for name, pool in pools.items():
            picked = select([c.words for c in pool], [frozenset(zip(c.stems, c.stems[1:])) for c in pool], value,
                            words)
            scores[name].append(scorer.score(" ".join(pool[i].text for i in picked), record.summaries))
    print(f"{label}: {len(records)} clusters, {time.perf_counter() - started:.0f} s; "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    for name, found in scores.items():
        s = average(found)
        print(f"  oracle over {name}: R1 {100 * s.rouge1.recall:.2f}  R2 {100 * s.rouge2.recall:.2f}", flush=True)


def _reference_bigrams(references, words: int, stem: Stemmer) -> dict:
    used: Counter = Counter()
    for reference in references:
        stems = [stem(t) for t in _TOKEN.findall(truncate_words(reference, words).lower())]
        used.update(set(zip(stems, stems[1:])))
    return dict(used)


def _whole(sentence, stem: Stemmer) -> Candidate:
    """A sentence as a candidate, whatever the filter says."""
    return Candidate(sentence=sentence, start=sentence.start, text=sentence.text, words=len(sentence.text.split()),
                     stems=tuple(stem(t) for t in _TOKEN.findall(sentence.text.lower())))


if __name__ == "__main__":
    sys.exit(main())
