"""Copy-detector query cost against the number of stored signatures: it should stay flat.

Stores N synthetic MinHash signatures (random hash values, so unrelated to each other), then times
queries that each have exactly one near-copy among them (one stored signature with a tenth of its
values changed), and prints microseconds per query and per add at each size.

    nice python bench/copy_query.py --sizes 1000 10000 50000
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from newsweave.documents.fingerprint import NUM_PERM, CopyDetector, from_bytes


def _signatures(rng: np.random.Generator, count: int) -> np.ndarray:
    # Below the empty-signature value 2**32 - 1, so none reads as the signature of an empty text.
    return rng.integers(0, (1 << 32) - 1, size=(count, NUM_PERM), dtype=np.uint32)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    stored = _signatures(rng, max(args.sizes))
    detector = CopyDetector(threshold=0.8)
    added, add_seconds = 0, 0.0
    print(f"{'stored':>8} {'us/add':>8} {'us/query':>9} {'found':>6}")
    for size in sorted(args.sizes):
        signatures = [from_bytes(row.astype("<u4").tobytes()) for row in stored[added:size]]
        start = time.perf_counter()
        for offset, sig in enumerate(signatures):
            detector.add(added + offset, sig)
        add_seconds += time.perf_counter() - start
        added = size
        picks = rng.integers(0, size, size=args.queries)
        queries = []
        for pick in picks:
            values = stored[pick].copy()
            changed = rng.choice(NUM_PERM, size=NUM_PERM // 10, replace=False)
            values[changed] = _signatures(rng, 1)[0][: len(changed)]
            queries.append(from_bytes(values.astype("<u4").tobytes()))
        start = time.perf_counter()
        found = sum(int(pick) in detector.query(sig) for pick, sig in zip(picks, queries))
        query_seconds = time.perf_counter() - start
        print(f"{size:>8} {add_seconds / added * 1e6:>8.1f} {query_seconds / args.queries * 1e6:>9.1f} "
              f"{found / args.queries:>6.1%}")


if __name__ == "__main__":
    main()
