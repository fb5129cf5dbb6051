"""Claim alignment measured on ECB+ dev: are sentences about the same event grouped, and sentences
about a similar but different event kept apart?

ECB+ topics each hold two sub-topics, two real events of the same kind (two earthquakes, two
arrests): documents ``N_Mecb`` report one, ``N_Mecbplus`` the other. ``ECB_Dev_corpus.txt`` holds
the annotated sentences of each document, one token a line with its event/entity chain. Each
document becomes one article of its own outlet, its sentences as given; ``align_claims`` runs per
topic (both sub-topics together, as a clustering mistake would give them), and every pair of
sentences from different documents is scored:

- gold positive: the two sentences share an event (ACT/NEG) coreference chain;
- hard negative: the two documents are in different sub-topics (a similar but different event);
- predicted: the two sentences support one claim.

Claims compare sentences by meaning too when the ``embeddings`` extra is installed; ``--no-embeddings``
measures wording alone.

Run: ``python -m newsweave.evaluation.ecb [--data ../shared/data/ecbplus] [--no-embeddings]``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from ..config import Options
from ..documents import normalize
from ..documents.embeddings import SentenceEncoder
from ..errors import EvaluationError
from ..model import Article, Document, Sentence
from ..briefs.claims import align_claims

__all__ = ["EcbScores", "evaluate", "read_topics"]

DEFAULT_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "ecbplus"
_EVENT_TAGS = ("ACT", "NEG")


@dataclass(frozen=True)
class EcbScores:
    topics: int
    documents: int
    sentences: int
    pairs: int  # sentence pairs from different documents of one topic
    gold_pairs: int  # of those, sharing an event chain
    cross_pairs: int  # of those, from different sub-topics
    predicted: int
    predicted_gold: int
    predicted_same_subtopic_other: int  # same sub-topic, no shared event chain
    predicted_cross: int

    @property
    def precision(self) -> float:
        return self.predicted_gold / self.predicted if self.predicted else 0.0

    @property
    def subtopic_precision(self) -> float:
        """Share of predicted pairs that are at least about the same real event (same sub-topic)."""
        return 1 - self.predicted_cross / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.predicted_gold / self.gold_pairs if self.gold_pairs else 0.0

    @property
    def cross_rate(self) -> float:
        """Share of cross-sub-topic pairs wrongly grouped."""
        return self.predicted_cross / self.cross_pairs if self.cross_pairs else 0.0


def read_topics(data: Path) -> dict[str, list[tuple[Document, list[set[str]]]]]:
    """Topic → [(document, event chains of each of its sentences)], from ``ECB_Dev_corpus.txt``."""
    corpus = data / "ECB_Dev_corpus.txt"
    if not corpus.is_file():
        raise EvaluationError(f"ECB+ corpus not found at {corpus}; pass --data DIR holding ECB_Dev_corpus.txt")
    tokens: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    chains: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for number, line in enumerate(corpus.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) < 5:
            raise EvaluationError(f"{corpus}:{number}: expected 5 tab-separated fields, got {len(fields)}")
        # A few tokens hold a stray tab ("Awards\t"): the token is everything between index and chain.
        doc, sentence, chain = fields[0], fields[1], fields[-1]
        token = " ".join(f for f in fields[3:-1] if f).strip()
        if token:
            tokens[doc][int(sentence)].append(token)
        for tag in chain.split("|") if chain != "-" else ():
            if tag.startswith(_EVENT_TAGS):
                chains[doc][int(sentence)].add(tag)
    topics: dict[str, list[tuple[Document, list[set[str]]]]] = defaultdict(list)
    for doc in sorted(tokens):
        numbers = sorted(tokens[doc])
        lines = [" ".join(tokens[doc][n]) for n in numbers]
        text = "\n".join(lines)
        article = Article(id=doc, text=text, outlet=doc, origin=str(corpus))
        sentences, start = [], 0
        for index, line in enumerate(lines):
            sentences.append(Sentence(article=doc, outlet=doc, index=index, start=start, end=start + len(line),
                                      text=line, normalized=normalize(line), paragraph=index))
            start += len(line) + 1
        topics[doc.split("_")[0]].append((Document(article, tuple(sentences)),
                                           [chains[doc][n] for n in numbers]))
    return dict(topics)


def evaluate(data: Path = DEFAULT_DATA, *, options: Options | None = None,
             encoder: SentenceEncoder | None = None) -> EcbScores:
    """Scores of ``align_claims`` on ECB+ dev; ``encoder`` defaults to a new ``SentenceEncoder``
    (used when installed and ``options.embeddings`` is on)."""
    options = options or Options()
    encoder = encoder or SentenceEncoder()
    topics = read_topics(data)
    counts = defaultdict(int)
    for members in topics.values():
        documents = [document for document, _ in members]
        chains = {(d.article.id, s.start): c for d, cs in members for s, c in zip(d.sentences, cs)}
        keys = list(chains)
        predicted = set()
        for claim in align_claims(documents, {}, options, encoder):
            refs = sorted({(r.article, r.start) for r in claim.refs})
            predicted.update(pair for pair in combinations(refs, 2) if pair[0][0] != pair[1][0])
        for a, b in combinations(sorted(keys), 2):
            if a[0] == b[0]:
                continue
            gold = bool(chains[a] & chains[b])
            cross = _subtopic(a[0]) != _subtopic(b[0])
            counts["pairs"] += 1
            counts["gold"] += gold
            counts["cross"] += cross
            if (a, b) in predicted:
                counts["predicted"] += 1
                counts["predicted_gold"] += gold
                counts["predicted_cross"] += cross
                counts["predicted_other"] += not gold and not cross
        counts["documents"] += len(documents)
        counts["sentences"] += len(keys)
    return EcbScores(topics=len(topics), documents=counts["documents"], sentences=counts["sentences"],
                     pairs=counts["pairs"], gold_pairs=counts["gold"], cross_pairs=counts["cross"],
                     predicted=counts["predicted"], predicted_gold=counts["predicted_gold"],
                     predicted_same_subtopic_other=counts["predicted_other"],
                     predicted_cross=counts["predicted_cross"])


def _subtopic(doc: str) -> str:
    return "ecbplus" if doc.endswith("ecbplus") else "ecb"


def format_scores(s: EcbScores) -> str:
    return "\n".join([
        f"ECB+ dev: {s.topics} topics, {s.documents} documents, {s.sentences} annotated sentences",
        f"cross-document sentence pairs: {s.pairs} (sharing an event chain: {s.gold_pairs}; "
        f"across sub-topics: {s.cross_pairs})",
        f"pairs grouped into one claim: {s.predicted} (same event chain {s.predicted_gold}, same sub-topic "
        f"but no shared chain {s.predicted_same_subtopic_other}, across sub-topics {s.predicted_cross})",
        f"pairwise precision (shared event chain): {s.precision:.3f}",
        f"pairwise precision (same real event, i.e. same sub-topic): {s.subtopic_precision:.3f}",
        f"pairwise recall of event-chain pairs: {s.recall:.3f}",
        f"cross-sub-topic pairs wrongly grouped: {s.predicted_cross}/{s.cross_pairs} = {s.cross_rate:.4f}",
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsweave.evaluation.ecb", description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="directory holding ECB_Dev_corpus.txt")
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    parser.add_argument("--no-embeddings", action="store_true", help="compare sentences by wording only")
    args = parser.parse_args(argv)
    try:
        scores = evaluate(args.data, options=Options(embeddings=not args.no_embeddings))
    except EvaluationError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(scores.__dict__ | {"precision": scores.precision, "recall": scores.recall}))
    else:
        print(format_scores(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
