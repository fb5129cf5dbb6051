"""``newsweave eval summaries``: newsweave and the baselines on the same clusters, in one run.

Each cluster's documents go through newsweave's own pipeline (``Newsweave.read`` → the summarizer);
the baselines get the same document strings. One budget rule binds every system (``baselines.BUDGETS``):
``whole`` sentences within the budget (what ``newsweave brief`` itself promises), or sentences until
the budget is reached and the last one ``cut`` (DUC's convention; newsweave then tops its summary up
with its unused sentences in lead order, the order the Lead baseline takes them in). Every summary is
cut to the word budget and scored against the cluster's references with ROUGE (see ``rouge.py``);
seconds are wall time per cluster, summarizing only (reading and segmenting included for newsweave,
sentence splitting included for the baselines).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from ..config import Options
from ..errors import EvaluationError
from ..model import Document, RawDocument
from ..briefs.candidates import MIN_WORDS
from .baselines import BASELINES, CUT, WHOLE, check_budget, lead_order, make_baseline
from .datasets import SummaryRecord
from .rouge import RougeScorer, RougeScores, average

NEWSWEAVE = "newsweave"


@dataclass(frozen=True)
class Prediction:
    """One system's summary of one cluster, its scores and the seconds it took."""

    system: str
    cluster: str
    summary: str
    scores: RougeScores
    seconds: float


@dataclass(frozen=True)
class SystemResult:
    system: str
    clusters: int
    scores: RougeScores
    seconds_per_cluster: float


@dataclass(frozen=True)
class SummaryEvaluation:
    words: int
    budget: str
    clusters: int
    systems: tuple[SystemResult, ...]
    predictions: tuple[Prediction, ...]


def raw_documents(record: SummaryRecord) -> list[RawDocument]:
    """The cluster's document strings as plain-text articles, one outlet per document (the datasets
    carry no outlet names, and their documents come from different outlets)."""
    return [RawDocument(id=f"{record.id}/{number}", origin=f"{record.id}#documents[{number}]", kind="text",
                        content=text, outlet=f"{record.id}/{number}")
            for number, text in enumerate(record.documents) if text.strip()]


class NewsweaveSystem:
    """newsweave's reader and summarizer as an evaluation system (models loaded once)."""

    def __init__(self, *, words: int, budget: str = WHOLE, nlp=None, embeddings: bool = True):
        from ..api import Newsweave
        from ..briefs.copies import find_copies
        from ..briefs.summarize import summarize

        # min_article_words=0: dataset documents are scored as given, short ones included, as the
        # baselines see them. ``embeddings``: the sentence scorer sees sentence vectors when the
        # extra is installed, as in ``newsweave brief``.
        self.engine = Newsweave(Options(words=words, min_article_words=0, embeddings=embeddings), nlp=nlp)
        check_budget(words, budget)
        self.budget = budget
        self._summarize, self._copies = summarize, find_copies

    def __call__(self, record: SummaryRecord) -> str:
        documents, _ = self.engine.read(raw_documents(record))
        summary = self._summarize(documents, self.engine.options, copies=self._copies(documents),
                                  encoder=self.engine.nlp.encoder)
        chosen = [s.text for s in summary]
        if self.budget == CUT:
            chosen += _top_up(documents, chosen, self.engine.options.words)
        return " ".join(chosen)


def _top_up(documents: list[Document], chosen: list[str], words: int) -> list[str]:
    """Unused sentences of ``MIN_WORDS``+ words in lead order (every article's first, then every
    second, ...) until the summary reaches ``words``: what the ``cut`` rule lets every system do."""
    used = set(chosen)
    total = sum(len(text.split()) for text in chosen)
    extra = []
    for _, _, sentence in lead_order([d.sentences for d in documents]):
        if total >= words:
            break
        if sentence.text not in used and len(sentence.text.split()) >= MIN_WORDS:
            extra.append(sentence.text)
            total += len(sentence.text.split())
    return extra


def evaluate_summaries(records: Iterable[SummaryRecord], *, words: int, budget: str = WHOLE,
                       systems: Sequence[str] = (NEWSWEAVE, *BASELINES),
                       newsweave: Callable[[SummaryRecord], str] | None = None,
                       progress: Callable[[int], None] | None = None,
                       embeddings: bool = True) -> SummaryEvaluation:
    """Summarize and score every record with every system, all bound by the same ``budget`` rule;
    figures are averages over clusters. ``embeddings`` False keeps newsweave to its wording-only
    sentence scorer even when the extra is installed."""
    check_budget(words, budget)
    scorer = RougeScorer(words=words)
    runners: dict[str, Callable[[SummaryRecord], str]] = {}
    for system in systems:
        if system == NEWSWEAVE:
            runners[system] = newsweave or NewsweaveSystem(words=words, budget=budget, embeddings=embeddings)
        else:
            baseline = make_baseline(system, words=words, budget=budget)
            runners[system] = lambda record, baseline=baseline: " ".join(baseline(record.documents))
    predictions: list[Prediction] = []
    count = 0
    for record in records:
        for system, run in runners.items():
            started = time.perf_counter()
            summary = run(record)
            seconds = time.perf_counter() - started
            predictions.append(Prediction(system=system, cluster=record.id, summary=summary,
                                          scores=scorer.score(summary, record.summaries), seconds=seconds))
        count += 1
        if progress:
            progress(count)
    if not count:
        raise EvaluationError("the dataset has no records to evaluate")
    results = []
    for system in runners:
        mine = [p for p in predictions if p.system == system]
        if mine:
            results.append(SystemResult(system=system, clusters=len(mine), scores=average(p.scores for p in mine),
                                        seconds_per_cluster=sum(p.seconds for p in mine) / len(mine)))
    return SummaryEvaluation(words=words, budget=budget, clusters=count, systems=tuple(results),
                             predictions=tuple(predictions))


def format_table(evaluation: SummaryEvaluation) -> str:
    """The figures as a fixed-width table, ROUGE in points (0-100)."""
    rule = ("whole sentences within the budget" if evaluation.budget == WHOLE
            else "the last sentence may overrun")
    lines = [f"{evaluation.clusters} clusters, summaries cut to {evaluation.words} words ({rule}), "
             "ROUGE averaged over references (Porter stemming)",
             f"{'system':<10} {'R1 rec':>7} {'R1 F1':>7} {'R2 rec':>7} {'R2 F1':>7} {'RL rec':>7} {'RL F1':>7}"
             f" {'s/cluster':>10}"]
    for result in evaluation.systems:
        s = result.scores
        lines.append(f"{result.system:<10} " + " ".join(
            f"{100 * v:7.2f}" for v in (s.rouge1.recall, s.rouge1.f1, s.rouge2.recall, s.rouge2.f1,
                                        s.rougeL.recall, s.rougeL.f1)) + f" {result.seconds_per_cluster:10.3f}")
    return "\n".join(lines)
