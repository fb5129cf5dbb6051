"""Contradiction detection measured on real sentence pairs from the dev data.

The set (``data/contradictions_dev.jsonl``) lists pairs of sentences from two articles of one DUC
or Multi-News cluster, each labelled ``contradiction`` (the two disagree about the same thing, with
its kind) or ``consistent`` (they agree, or are about different things, and must not be flagged).
A consistent pair may carry the kind it was mined for (an agreeing paraphrase of a negated
statement is a ``negation`` hard negative); the DUC number and date negatives carry none.
Pairs are stored as references only, never text: the article's path under ``../shared/data`` (for a
dataset file such as ``multinews/val.jsonl.gz``, also the record id and the document's index in
it), the character span in the article text as newsweave reads it, and the sha1 of that span,
checked on reading so a changed reader cannot silently shift the offsets.

For each pair the two whole articles go through the real brief (claims, quotes, contradictions);
the pair counts as flagged when one contradiction of the brief has one side in each span.

Run: ``python -m newsweave.evaluation.contradictions [--data ../shared/data] [--verbose] [--group KIND]``.
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
from ..model import Contradiction, Document, RawDocument, SourceRef
from .datasets import SummaryRecord, read_summary_records
from .summaries import raw_documents

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
    record: str | None = None  # a record of a dataset file (``path``) ...
    document: int | None = None  # ... and the index of the article in its ``documents``


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
            if any((side.record is None) != (side.document is None) for side in (pair.a, pair.b)):
                raise ValueError("'record' and 'document' go together")
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
    cache: dict[tuple, Document] = {}
    datasets: dict[str, dict[str, SummaryRecord]] = {}

    def source(span: Span) -> str | RawDocument:
        if span.record is None:
            return str(data / span.path)
        if span.path not in datasets:
            datasets[span.path] = {r.id: r for r in read_summary_records(data / span.path)}
        record = datasets[span.path].get(span.record)
        raw = [d for d in raw_documents(record) if d.id == f"{span.record}/{span.document}"] if record else []
        if not raw:
            raise EvaluationError(f"{span.path}: no record {span.record!r} with a document {span.document}")
        return raw[0]

    def read(span: Span) -> Document:
        key = (span.path, span.record, span.document)
        where = span.path if span.record is None else f"{span.path}#{span.record}/{span.document}"
        if key not in cache:
            documents, rejections = newsweave.read([source(span)])
            if not documents:
                reason = rejections[0].reason if rejections else "nothing read"
                raise EvaluationError(f"{where}: could not be read: {reason}")
            cache[key] = documents[0]
        document = cache[key]
        if span_sha1(document.article.text[span.start:span.end]) != span.sha1:
            raise EvaluationError(f"{where}[{span.start}:{span.end}]: the span's sha1 differs from the set's; "
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


# The DUC number and date pairs (the first set) are one group, so their figures stay comparable
# whatever is added; their consistent pairs carry no kind.
VALUES_GROUP = "number/date"


def group_of(pair: Pair) -> str:
    return VALUES_GROUP if pair.kind in (None, "number", "date") else pair.kind


def _scores(results: list[PairResult]) -> tuple[int, int, int, int]:
    counts = Counter((r.pair.label, r.flagged) for r in results)
    return (counts[("contradiction", True)], counts[("consistent", True)],
            counts[("contradiction", False)], counts[("consistent", False)])


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "n/a"


def format_results(results: list[PairResult], *, verbose: bool = False) -> str:
    tp, fp, fn, tn = _scores(results)
    lines = [f"pairs: {len(results)} ({tp + fn} contradictions, {fp + tn} consistent)",
             f"flagged: {tp + fp} (true {tp}, false {fp}); missed: {fn}",
             f"precision: {_ratio(tp, tp + fp)}", f"recall: {_ratio(tp, tp + fn)}"]
    kinds = sorted({r.pair.kind for r in results if r.pair.label == "contradiction" and r.pair.kind})
    for kind in kinds:
        of_kind = [r for r in results if r.pair.label == "contradiction" and r.pair.kind == kind]
        lines.append(f"  recall on {kind}: {sum(r.flagged for r in of_kind)}/{len(of_kind)}")
    groups = sorted({group_of(r.pair) for r in results}, key=lambda g: (g != VALUES_GROUP, g))
    if len(groups) > 1:
        lines.append("per group (pairs mined for that kind, with their hard negatives):")
    for group in groups if len(groups) > 1 else ():
        g_tp, g_fp, g_fn, g_tn = _scores([r for r in results if group_of(r.pair) == group])
        lines.append(f"  {group}: {g_tp + g_fn} contradictions, {g_fp + g_tn} consistent; flagged {g_tp + g_fp} "
                     f"(true {g_tp}, false {g_fp}); precision {_ratio(g_tp, g_tp + g_fp)}, "
                     f"recall {_ratio(g_tp, g_tp + g_fn)}")
    if verbose:
        for r in results:
            wrong = r.flagged != (r.pair.label == "contradiction")
            found = ",".join(sorted({c.kind for c in r.found}))
            lines.append(f"{'WRONG' if wrong else 'ok   '} {r.pair.id} {r.pair.label:<13} flagged={r.flagged}"
                         f"{f' ({found})' if found else ''} {r.pair.note}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsweave.evaluation.contradictions",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help="the labelled pairs (JSON lines)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data directory")
    parser.add_argument("--verbose", action="store_true", help="list every pair and whether it was right")
    parser.add_argument("--group", choices=(VALUES_GROUP, "attribution", "negation"),
                        help="score only the pairs of one group")
    args = parser.parse_args(argv)
    try:
        pairs = [p for p in load_pairs(args.set) if args.group in (None, group_of(p))]
        results = evaluate(pairs, data=args.data)
    except EvaluationError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(format_results(results, verbose=args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
