"""Fit the summarizer's sentence scorer on development data only and choose its weight.

Dev data as ``tune_summarize.py``: Multi-News validation clusters 5322-5621 and the 15 DUC 2007
topics with references (the reported figures use other clusters). For every candidate sentence the
target is the share of its (stemmed) bigrams a reference summary uses, averaged over references;
the features are ``sentence_scores.FEATURES``. The model is a ridge regression on standardised
features (scikit-learn), written as plain JSON coefficients to
``src/newsweave/briefs/data/sentence_scorer.json`` with ``--write``.

The weight (``Weights.scorer``) is chosen by 3-fold cross-validation over clusters: each fold's
sentences are scored by a model fitted on the other two folds of both dev sets, and the summaries
of the whole dev sets are scored with ROUGE for each weight given.

    nice python bench/train_sentence_scorer.py --weights 0 0.05 0.1 0.15 --paraphrase 0.7 [--write]
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
from pathlib import Path

import numpy as np

from newsweave.briefs.copies import find_copies
from newsweave.briefs.selection import select
from newsweave.briefs.sentence_scores import (FEATURES, ClusterView, SentenceScorer, features, paraphrases,
                                              sentence_bonus, similarity)
from newsweave.briefs.similarity import Stemmer, StopWords
from newsweave.briefs.summarize import Weights, _independent_sources, cluster_view
from newsweave.evaluation.rouge import RougeScorer, average, truncate_words
from newsweave.evaluation.summaries import NewsweaveSystem, raw_documents

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tune_summarize import DEV, _records  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "newsweave" / "briefs" / "data" / "sentence_scorer.json"
FOLDS = 3
_TOKEN = re.compile(r"[a-z0-9]+")


def _bigrams(stems) -> set:
    return set(zip(stems, stems[1:]))


def targets(view: ClusterView, references, words: int, stem: Stemmer) -> np.ndarray:
    """Per candidate: the share of its bigrams each reference (cut to ``words``) uses, averaged."""
    refs = [_bigrams([stem(t) for t in _TOKEN.findall(truncate_words(r, words).lower())])
            for r in references if r.strip()]
    shares = []
    for c in view.pool:
        mine = _bigrams(c.stems)
        shares.append(float(np.mean([len(mine & r) / len(mine) for r in refs])) if mine else 0.0)
    return np.array(shares)


def fit(rows: np.ndarray, shares: np.ndarray) -> SentenceScorer:
    from sklearn.linear_model import Ridge

    mean, scale = rows.mean(axis=0), rows.std(axis=0)
    scale[scale == 0] = 1.0
    model = Ridge(alpha=1.0).fit((rows - mean) / scale, shares)
    return SentenceScorer(mean=tuple(mean), scale=tuple(scale), coef=tuple(model.coef_),
                          intercept=float(model.intercept_))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weights", nargs="*", type=float, default=[0.0, 0.05, 0.1, 0.15, 0.2])
    parser.add_argument("--paraphrase", nargs="*", type=float, default=[Weights().paraphrase],
                        help="cosine from which two sentences are not both chosen (values over 1: never)")
    parser.add_argument("--write", action="store_true", help=f"write the model fitted on all dev data to {OUT}")
    args = parser.parse_args()
    stem, stop = Stemmer(), StopWords()
    clusters = []  # (dataset, words, record, view, rows, shares)
    for label, (path, words, part) in DEV.items():
        system = NewsweaveSystem(words=words)
        for record in _records(path, part):
            documents = system.engine.read(raw_documents(record))[0]
            copies = find_copies(documents)
            view = cluster_view(documents, copies, _independent_sources(documents, copies), stem, stop, Weights(),
                                words)
            # A cluster with no candidates still counts (an empty summary), as in ``eval summaries``.
            similar = similarity(view, stop) if view.pool else np.zeros((0, 0))
            rows = features(view, stop, similar) if view.pool else np.zeros((0, len(FEATURES)))
            clusters.append((label, words, record, view, similar, rows,
                             targets(view, record.summaries, words, stem)))
    fold = [number % FOLDS for number in range(len(clusters))]
    scorers = [fit(np.vstack([c[5] for c, f in zip(clusters, fold) if f != k]),
                   np.concatenate([c[6] for c, f in zip(clusters, fold) if f != k])) for k in range(FOLDS)]
    for weight, threshold in itertools.product(args.weights, args.paraphrase):
        for label, (_, words, _) in DEV.items():
            scores = []
            for (dataset, _, record, view, similar, _, _), k in zip(clusters, fold):
                if dataset != label:
                    continue
                chosen = select([c.words for c in view.pool], view.concepts, view.value, words,
                                bonus=sentence_bonus(view, scorers[k], stop, similar, weight),
                                conflicts=paraphrases(similar, threshold)) if view.pool else []
                scores.append(RougeScorer(words=words).score(" ".join(view.pool[i].text for i in chosen),
                                                             record.summaries))
            s = average(scores)
            print(f"scorer weight {weight}, paraphrase {threshold}, {label} (3-fold CV): "
                  f"R1 {100 * s.rouge1.recall:.2f}  R2 {100 * s.rouge2.recall:.2f}", flush=True)
    final = fit(np.vstack([c[5] for c in clusters]), np.concatenate([c[6] for c in clusters]))
    for name, coef in sorted(zip(FEATURES, final.coef), key=lambda x: -abs(x[1])):
        print(f"  {name:<24} {coef:+.4f}")
    if args.write:
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps({
            "trained_on": "Multi-News validation clusters 5322-5621 (300 words) and the 15 DUC 2007 topics with "
                          "references (250 words); bench/train_sentence_scorer.py",
            "features": list(FEATURES), "mean": list(final.mean), "scale": list(final.scale),
            "coef": list(final.coef), "intercept": final.intercept}, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")


if __name__ == "__main__":
    sys.exit(main())
