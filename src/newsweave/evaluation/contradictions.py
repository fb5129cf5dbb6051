"""Contradiction detection measured on real sentence pairs from the dev data.

The set (``data/contradictions_dev.jsonl``) lists pairs of sentences from two articles of one DUC
cluster, each labelled ``contradiction`` (the two report different values for the same thing, with
its kind) or ``consistent`` (they agree, or are about different things, and must not be flagged).
Pairs are stored as references only, never text: the article's path under ``../shared/data``, the
character span in the article text as newsweave reads it, and the sha1 of that span, checked on
reading so a changed reader cannot silently shift the offsets.

For each pair the two whole articles go through the real brief (claims, quotes, contradictions);
the pair counts as flagged when one contradiction of the brief has one side in each span.

Run: ``python -m newsweave.evaluation.contradictions [--data ../shared/data] [--verbose]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..briefs import build_brief
from ..config import Options
from ..documents import Nlp
from ..errors import EvaluationError
from ..model import Contradiction, Document, SourceRef

__all__ = ["DEFAULT_SET", "Pair", "Span", "evaluate", "load_pairs"]

DEFAULT_SET = Path(__file__).resolve().parent / "data" / "contradictions_dev.jsonl"
DEFAULT_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
LABELS = ("contradiction", "consistent")


@dataclass(frozen=True)
class Span:
    path: str  # relative to the data directory
    start: int
    end: int
    sha1: str


@dataclass(frozen=True)
class Pair:
    id: str
    label: str
    kind: str | None
    a: Span
    b: Span
    note: str = ""


@dataclass(frozen=True)
class PairResult:
    pair: Pair
    flagged: bool
    found: tuple[Contradiction, ...]


def load_pairs(path: Path = DEFAULT_SET) -> list[Pair]:
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            pair = Pair(id=record["id"], label=record["label"], kind=record.get("kind"),
                        a=Span(**record["a"]), b=Span(**record["b"]), note=record.get("note", ""))
        except (ValueError, KeyError, TypeError) as error:
            raise EvaluationError(f"{path}:{number}: not a contradiction pair record ({error})") from error
        if pair.label not in LABELS:
            raise EvaluationError(f"{path}:{number}: label must be one of {LABELS}, got {pair.label!r}")
        pairs.append(pair)
    return pairs


def span_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def evaluate(pairs: list[Pair], *, data: Path = DEFAULT_DATA, nlp: Nlp | None = None) -> list[PairResult]:
    from ..api import Newsweave  # the API imports every stage; only the evaluation needs it

    newsweave = Newsweave(Options(), nlp=nlp)
    cache: dict[str, Document] = {}

    def read(span: Span) -> Document:
        if span.path not in cache:
            documents, rejections = newsweave.read([str(data / span.path)])
            if not documents:
                reason = rejections[0].reason if rejections else "nothing read"
                raise EvaluationError(f"{span.path}: could not be read: {reason}")
            cache[span.path] = documents[0]
        document = cache[span.path]
        if span_sha1(document.article.text[span.start:span.end]) != span.sha1:
            raise EvaluationError(f"{span.path}[{span.start}:{span.end}]: the span's sha1 differs from the set's; "
                                  "the reader changed the text as read, so the offsets must be re-annotated")
        return document

    results = []
    for pair in pairs:
        documents = [read(pair.a), read(pair.b)]
        brief = build_brief(documents, [], newsweave.options, newsweave.nlp)
        hits = tuple(c for c in brief.contradictions if _links(c, documents, pair))
        results.append(PairResult(pair, bool(hits), hits))
    return results


def _links(c: Contradiction, documents: list[Document], pair: Pair) -> bool:
    a = (documents[0].article.id, pair.a)
    b = (documents[1].article.id, pair.b)
    sides = (c.left.source, c.right.source)
    return (_inside(sides[0], *a) and _inside(sides[1], *b)) or (_inside(sides[0], *b) and _inside(sides[1], *a))


def _inside(ref: SourceRef, article: str, span: Span) -> bool:
    return ref.article == article and ref.start < span.end and span.start < ref.end


def format_results(results: list[PairResult], *, verbose: bool = False) -> str:
    counts = Counter((r.pair.label, r.flagged) for r in results)
    tp, fp = counts[("contradiction", True)], counts[("consistent", True)]
    fn, tn = counts[("contradiction", False)], counts[("consistent", False)]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    lines = [f"pairs: {len(results)} ({tp + fn} contradictions, {fp + tn} consistent)",
             f"flagged: {tp + fp} (true {tp}, false {fp}); missed: {fn}",
             f"precision: {precision:.3f}", f"recall: {recall:.3f}"]
    kinds = sorted({r.pair.kind for r in results if r.pair.label == "contradiction" and r.pair.kind})
    for kind in kinds:
        of_kind = [r for r in results if r.pair.label == "contradiction" and r.pair.kind == kind]
        lines.append(f"  recall on {kind}: {sum(r.flagged for r in of_kind)}/{len(of_kind)}")
    if verbose:
        for r in results:
            wrong = r.flagged != (r.pair.label == "contradiction")
            lines.append(f"{'WRONG' if wrong else 'ok   '} {r.pair.id} {r.pair.label:<13} flagged={r.flagged} "
                         f"{r.pair.note}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsweave.evaluation.contradictions",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help="the labelled pairs (JSON lines)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data directory")
    parser.add_argument("--verbose", action="store_true", help="list every pair and whether it was right")
    args = parser.parse_args(argv)
    try:
        results = evaluate(load_pairs(args.set), data=args.data)
    except EvaluationError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(format_results(results, verbose=args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
