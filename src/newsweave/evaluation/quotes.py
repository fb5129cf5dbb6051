"""Quote extraction scored against hand-annotated DUC 2006 articles.

Gold file (JSON Lines), one record per annotated article; every quotation in it is listed, so an
article with none is a record with an empty list (recall and precision are measurable)::

    {"doc": "D0601A/APW19990707.0181", "sha1": "<sha1 of the article text as read>",
     "quotes": [{"start": 812, "end": 861, "sha1": "<sha1 of text[start:end]>", "speaker": "Andrew Cuomo"}]}

Offsets index the article text as newsweave's SGML reader gives it (``documents.sgml_text``). No
article or quote text is stored (the data is research-licensed): the hashes detect drift instead.
``speaker`` is the full name the article gives, an organisation or description ("police"), or
"UNKNOWN" when the article names nobody.

A predicted quote matches a gold one when their spans overlap by at least ``MIN_OVERLAP`` of the
shorter span (one-to-one). Speaker accuracy is measured on matched quotes, comparing names by
normalised full name or surname.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ..briefs.entity_names import normalize_name
from ..errors import EvaluationError
from ..model import QuoteMention, RawDocument

DEFAULT_GOLD = Path(__file__).parent / "data" / "quotes_duc2006.jsonl"
MIN_OVERLAP = 0.5
UNKNOWN = "UNKNOWN"


@dataclass(frozen=True)
class GoldQuote:
    start: int
    end: int
    sha1: str
    speaker: str


@dataclass(frozen=True)
class GoldArticle:
    doc: str
    sha1: str
    quotes: tuple[GoldQuote, ...]


@dataclass(frozen=True)
class QuoteScores:
    articles: int
    gold: int
    predicted: int
    matched: int
    speaker_correct: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_correct / self.matched if self.matched else 0.0


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def load_gold(path: Path = DEFAULT_GOLD) -> list[GoldArticle]:
    articles = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise EvaluationError(f"cannot read the quote gold file {path}: {error}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            quotes = tuple(GoldQuote(int(q["start"]), int(q["end"]), str(q["sha1"]), str(q["speaker"]))
                           for q in record["quotes"])
            articles.append(GoldArticle(str(record["doc"]), str(record["sha1"]), quotes))
        except (ValueError, KeyError, TypeError) as error:
            raise EvaluationError(f"{path}:{number}: not a gold article record ({error}); expected "
                                  '{"doc", "sha1", "quotes": [{"start", "end", "sha1", "speaker"}]}') from None
    return articles


def raw_article(docs_dir: Path, doc: str) -> RawDocument:
    path = Path(docs_dir) / doc
    try:
        content = path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise EvaluationError(f"cannot read gold article {doc} under {docs_dir}: {error}; "
                              "pass --docs pointing at duc2006_docs") from None
    return RawDocument(id=doc, origin=str(path), kind="sgml", content=content, outlet=doc.split("/")[-1][:3])


def check_drift(article: GoldArticle, text: str) -> None:
    """Raise when the text as read no longer matches the text the gold was annotated on."""
    if sha1(text) != article.sha1:
        raise EvaluationError(f"{article.doc}: the article text as read changed since annotation "
                              "(sha1 differs): the SGML reader changed; re-check the offsets")
    for quote in article.quotes:
        if sha1(text[quote.start:quote.end]) != quote.sha1:
            raise EvaluationError(f"{article.doc}: gold quote {quote.start}-{quote.end} no longer matches its sha1")


def same_speaker(gold: str, predicted: str | None) -> bool:
    if gold == UNKNOWN:
        return predicted is None
    if predicted is None:
        return False
    g, p = normalize_name(gold).split(), normalize_name(predicted).split()
    if not g or not p:
        return False
    return g == p or g[-1] == p[-1] or set(g) <= set(p) or set(p) <= set(g)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    shortest = min(a[1] - a[0], b[1] - b[0])
    return shared / shortest if shortest > 0 else 0.0


def score_article(gold: GoldArticle, predicted: list[QuoteMention]) -> tuple[int, int, int, int]:
    """(gold, predicted, matched, speaker_correct) counts for one article."""
    used: set[int] = set()
    matched = correct = 0
    for quote in gold.quotes:
        best = max(((i, _overlap((quote.start, quote.end), (m.start, m.end))) for i, m in enumerate(predicted)
                    if i not in used), key=lambda pair: pair[1], default=None)
        if best is None or best[1] < MIN_OVERLAP:
            continue
        used.add(best[0])
        matched += 1
        correct += same_speaker(quote.speaker, predicted[best[0]].speaker)
    return len(gold.quotes), len(predicted), matched, correct


def add(scores: list[tuple[int, int, int, int]]) -> QuoteScores:
    totals = [sum(column) for column in zip(*scores)] if scores else [0, 0, 0, 0]
    return QuoteScores(len(scores), *totals)


@dataclass(frozen=True)
class QuoteError:
    """One disagreement with the gold, for inspection: kind is "missed", "spurious" or "speaker"."""

    doc: str
    kind: str
    start: int
    end: int
    gold_speaker: str | None
    predicted_speaker: str | None


def evaluate(gold: list[GoldArticle], docs_dir: Path, *, nlp=None) -> tuple[QuoteScores, list[QuoteError]]:
    """Read each gold article with newsweave, extract its quotes, and score them."""
    from ..api import Newsweave
    from ..briefs.quotes import extract_quotes

    engine = Newsweave(nlp=nlp)
    counts, errors = [], []
    for article in gold:
        documents, rejections = engine.read([raw_article(docs_dir, article.doc)])
        if rejections:
            raise EvaluationError(f"{article.doc}: newsweave rejected it: {rejections[0].reason}")
        document = documents[0]
        check_drift(article, document.article.text)
        parsed = {document.article.id: next(iter(engine.nlp.entities([document.article.text])))}
        predicted = list(extract_quotes(documents, parsed, engine.nlp))
        counts.append(score_article(article, predicted))
        errors.extend(_errors(article, predicted))
    return add(counts), errors


def _errors(article: GoldArticle, predicted: list[QuoteMention]) -> list[QuoteError]:
    result = []
    for quote in article.quotes:
        hits = [m for m in predicted if _overlap((quote.start, quote.end), (m.start, m.end)) >= MIN_OVERLAP]
        if not hits:
            result.append(QuoteError(article.doc, "missed", quote.start, quote.end, quote.speaker, None))
        elif not same_speaker(quote.speaker, hits[0].speaker):
            result.append(QuoteError(article.doc, "speaker", quote.start, quote.end, quote.speaker, hits[0].speaker))
    for mention in predicted:
        if not any(_overlap((q.start, q.end), (mention.start, mention.end)) >= MIN_OVERLAP for q in article.quotes):
            result.append(QuoteError(article.doc, "spurious", mention.start, mention.end, None, mention.speaker))
    return result
