"""Fit the summarizer's sentence scorer on development data only and choose its weights.

Dev data as ``tune_summarize.py``: Multi-News validation clusters 2661-5621 and the 15 DUC 2007
topics with references (the reported figures use Multi-News clusters 0-2660 and DUC 2006). For
every candidate sentence the target is the share of its (stemmed) bigrams a reference summary uses,
averaged over references; the features are ``sentence_scores.feature_names``. The model is a ridge
regression on standardised features (scikit-learn), written as plain JSON coefficients to
``src/newsweave/briefs/data/sentence_scorer.json`` with ``--write``; with ``--meaning`` the model
also sees each candidate's sentence vector (the ``embeddings`` extra) and goes to
``sentence_scorer_meaning.json`` (its ``--small`` values are ``Weights.scorer_small_meaning``).

The weights (``Weights.scorer`` for clusters of more than ``Weights.small`` independent sources,
``Weights.scorer_small`` for the others) are chosen by 3-fold cross-validation over clusters: each
fold's sentences are scored by a model fitted on the other two folds of both dev sets, and the
summaries of the dev sets (the first ``--evaluate`` Multi-News ones) are scored with ROUGE for each
pair of weights given.

    nice python bench/train_sentence_scorer.py --weights 0.1 --small 0.5 1 --small-sources 3 4 [--write]
    nice python bench/train_sentence_scorer.py --meaning --alpha 30 --weights 0.1 --small 0.5 1 2 [--write]

The model over sentence vectors is fitted on every candidate of a pool (each compared in meaning with
all the others); summaries then encode only a shortlist of candidates when the pool holds more than
``Weights.encoded`` budgets of words. ``--encoded`` tries other values of it, and ``--words`` scores
the summaries at another budget than the dev sets' own, where the 300-word Multi-News pools are
large enough to be shortlisted:

    nice python bench/train_sentence_scorer.py --meaning --alpha 30 --small 2 --encoded 0 3 5 8 12
    nice python bench/train_sentence_scorer.py --meaning --alpha 30 --small 2 --encoded 0 2 3 4 8 --words 100
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from newsweave.briefs.copies import find_copies
from newsweave.briefs.selection import select
from newsweave.briefs.sentence_scores import (ClusterView, SentenceScorer, feature_names, features, paraphrases,
                                              sentence_bonus, shortlist, similarity)
from newsweave.briefs.similarity import Stemmer, StopWords
from newsweave.briefs.summarize import Weights, _independent_sources, cluster_view
from newsweave.documents.embeddings import SentenceEncoder
from newsweave.evaluation.datasets import SummaryRecord
from newsweave.evaluation.rouge import RougeScorer, average, truncate_words
from newsweave.evaluation.summaries import NewsweaveSystem, raw_documents

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tune_summarize import DEV, _records  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "src" / "newsweave" / "briefs" / "data"
OUT = {False: DATA / "sentence_scorer.json", True: DATA / "sentence_scorer_meaning.json"}
FOLDS = 3
_TOKEN = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class DevCluster:
    """One dev cluster, read once: its candidates, their features and their targets."""

    dataset: str
    words: int
    record: SummaryRecord
    view: ClusterView
    similar: np.ndarray
    vectors: np.ndarray | None
    rows: np.ndarray
    shares: np.ndarray


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


def fit(rows: np.ndarray, shares: np.ndarray, *, alpha: float, dimensions: int) -> SentenceScorer:
    from sklearn.linear_model import Ridge

    mean, scale = rows.mean(axis=0), rows.std(axis=0)
    scale[scale == 0] = 1.0
    model = Ridge(alpha=alpha).fit((rows - mean) / scale, shares)
    return SentenceScorer(mean=tuple(mean), scale=tuple(scale), coef=tuple(model.coef_),
                          intercept=float(model.intercept_), dimensions=dimensions)


def read_dev(stem: Stemmer, stop: StopWords, encoder: SentenceEncoder | None = None) -> list[DevCluster]:
    clusters = []
    for label, (path, words, part) in DEV.items():
        system = NewsweaveSystem(words=words)
        for record in _records(path, part):
            documents = system.engine.read(raw_documents(record))[0]
            copies = find_copies(documents)
            view = cluster_view(documents, copies, _independent_sources(documents, copies), stem, stop, Weights(),
                                words)
            # A cluster with no candidates still counts (an empty summary), as in ``eval summaries``.
            similar = similarity(view, stop) if view.pool else np.zeros((0, 0))
            vectors = encoder.encode([c.text for c in view.pool]) if encoder and view.pool else None
            rows = features(view, stop, similar, vectors) if view.pool else np.zeros((0, 0))
            clusters.append(DevCluster(label, words, record, view, similar, vectors, rows,
                                       targets(view, record.summaries, words, stem)))
        print(f"read {label}", file=sys.stderr, flush=True)
    return clusters


def cross_validate(clusters: list[DevCluster], weights: Weights, scorers: list[SentenceScorer], stop: StopWords,
                   evaluate: int, words: int | None = None) -> dict[str, tuple[float, float]]:
    """Dataset → (ROUGE-1, ROUGE-2 recall) of the summaries chosen with each cluster's held-out scorer,
    of ``words`` words (default: the dev set's budget), encoding the candidates ``summarize`` would."""
    scores: dict[str, list] = {}
    for number, cluster in enumerate(clusters):
        done = scores.setdefault(cluster.dataset, [])
        if len(done) >= evaluate:
            continue
        view, budget = cluster.view, words or cluster.words
        chosen = []
        if view.pool:
            vectors, encoded = cluster.vectors, None
            if vectors is not None and weights.encoded:
                encoded = shortlist(view, stop, cluster.similar, weights.encoded * budget)
                vectors = vectors[encoded]
            chosen = select([c.words for c in view.pool], view.concepts, view.value, budget,
                            bonus=sentence_bonus(view, scorers[number % FOLDS], stop, cluster.similar,
                                                 weights.scorer_for(view.sources, meaning=vectors is not None),
                                                 vectors, encoded),
                            conflicts=paraphrases(cluster.similar, weights.paraphrase))
        done.append(RougeScorer(words=budget).score(" ".join(view.pool[i].text for i in chosen),
                                                     cluster.record.summaries))
    result = {}
    for label, found in scores.items():
        s = average(found)
        result[label] = (100 * s.rouge1.recall, 100 * s.rouge2.recall)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weights", nargs="*", type=float, default=[Weights().scorer],
                        help="Weights.scorer values to try (clusters of more than Weights.small sources)")
    parser.add_argument("--small", nargs="*", type=float, default=[Weights().scorer_small],
                        help="Weights.scorer_small values to try (clusters of up to Weights.small sources)")
    parser.add_argument("--small-sources", nargs="*", type=int, default=[Weights().small],
                        help="Weights.small values to try (the most independent sources of a small cluster)")
    parser.add_argument("--paraphrase", nargs="*", type=float, default=[Weights().paraphrase],
                        help="cosine from which two sentences are not both chosen (values over 1: never)")
    parser.add_argument("--encoded", nargs="*", type=float, default=[Weights().encoded],
                        help="Weights.encoded values to try (0: encode every candidate)")
    parser.add_argument("--words", type=int, help="score summaries of this many words (default: each dev set's)")
    parser.add_argument("--meaning", action="store_true",
                        help="fit the model over sentence vectors (needs the embeddings extra)")
    parser.add_argument("--alpha", type=float, default=1.0, help="ridge regularisation (30 suits --meaning)")
    parser.add_argument("--evaluate", type=int, default=10 ** 9,
                        help="score only the first N clusters of each dev set (all are used for fitting)")
    parser.add_argument("--write", action="store_true", help="write the model fitted on all dev data to "
                        f"{OUT[False].name} ({OUT[True].name} with --meaning)")
    args = parser.parse_args()
    stem, stop = Stemmer(), StopWords()
    encoder = SentenceEncoder(cache_size=0) if args.meaning else None
    clusters = read_dev(stem, stop, encoder)
    dimensions = next((c.vectors.shape[1] for c in clusters if c.vectors is not None), 0)
    names = feature_names(dimensions)
    used = [c for c in clusters if c.view.pool]
    fold = [number % FOLDS for number in range(len(clusters))]
    scorers = [fit(np.vstack([c.rows for c, f in zip(clusters, fold) if f != k and c.view.pool]),
                   np.concatenate([c.shares for c, f in zip(clusters, fold) if f != k]),
                   alpha=args.alpha, dimensions=dimensions) for k in range(FOLDS)]
    small_field = "scorer_small_meaning" if args.meaning else "scorer_small"
    for large, small, sources, threshold, encoded in itertools.product(args.weights, args.small, args.small_sources,
                                                                       args.paraphrase, args.encoded):
        weights = replace(Weights(), scorer=large, small=sources, paraphrase=threshold, encoded=encoded,
                          **{small_field: small})
        for label, (r1, r2) in cross_validate(clusters, weights, scorers, stop, args.evaluate, args.words).items():
            print(f"scorer {large}, clusters of up to {sources} sources {small}, paraphrase {threshold}, "
                  f"encoded {encoded:g}, {label} (3-fold CV{f', {args.words} words' if args.words else ''}): "
                  f"R1 {r1:.2f}  R2 {r2:.2f}", flush=True)
    final = fit(np.vstack([c.rows for c in used]), np.concatenate([c.shares for c in used]),
                alpha=args.alpha, dimensions=dimensions)
    for name, coef in sorted(zip(names, final.coef), key=lambda x: -abs(x[1]))[:30]:
        print(f"  {name:<24} {coef:+.4f}")
    if args.write:
        out = OUT[args.meaning]
        out.write_text(json.dumps({
            "trained_on": f"{' and '.join(DEV)}; bench/train_sentence_scorer.py"
                          + (f" --meaning --alpha {args.alpha:g}" if args.meaning else ""),
            "dimensions": dimensions, "features": list(names), "mean": list(final.mean),
            "scale": list(final.scale), "coef": list(final.coef), "intercept": final.intercept},
            indent=None if args.meaning else 1) + "\n", encoding="utf-8")
        print(f"wrote {out}")


if __name__ == "__main__":
    sys.exit(main())
