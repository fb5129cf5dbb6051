"""ROUGE-1, ROUGE-2 and ROUGE-L with Porter stemming, every summary cut to the same word budget.

Scores come from ``rouge-score-rs``, a native port of Google's ``rouge-score`` that gives identical
numbers (``tests/test_eval_summaries_rouge.py`` checks that on real summaries) and runs far faster.
With several references a summary's score is the **average** over references, the DUC convention
(``rouge-score``'s own ``score_multi`` takes the maximum instead, which flatters every system).
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean
from typing import Iterable, Sequence

from ..errors import EvaluationError, MissingDependency

METRICS = ("rouge1", "rouge2", "rougeL")


@dataclass(frozen=True)
class RougeScore:
    """Recall and F1 (both 0..1) of one metric, for one summary or averaged over many."""

    recall: float
    f1: float


@dataclass(frozen=True)
class RougeScores:
    rouge1: RougeScore
    rouge2: RougeScore
    rougeL: RougeScore


def truncate_words(text: str, words: int) -> str:
    """The first ``words`` whitespace-separated words of ``text`` (ROUGE's ``-l`` option)."""
    return " ".join(text.split()[:words])


class RougeScorer:
    """Scores summaries against references; build once, it holds the (stateless) native scorer."""

    def __init__(self, *, words: int):
        if words < 1:
            raise EvaluationError(f"the ROUGE word budget must be at least 1, got {words}")
        try:
            from rouge_score_rs import rouge_scorer
        except ImportError:
            raise MissingDependency("rouge-score-rs", "eval") from None
        self.words = words
        self._scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)

    def score(self, summary: str, references: Sequence[str]) -> RougeScores:
        """``summary`` against each reference, averaged over references; both sides cut to the budget."""
        references = [r for r in references if r.strip()]
        if not references:
            raise EvaluationError("a summary needs at least one non-empty reference to be scored")
        prediction = truncate_words(summary, self.words)
        scores = [self._scorer.score(truncate_words(r, self.words), prediction) for r in references]
        return RougeScores(*(RougeScore(recall=fmean(s[m].recall for s in scores),
                                        f1=fmean(s[m].fmeasure for s in scores)) for m in METRICS))


def average(scores: Iterable[RougeScores]) -> RougeScores:
    """Macro average over summaries (each cluster counts once)."""
    scores = list(scores)
    if not scores:
        raise EvaluationError("no summaries to average")
    return RougeScores(*(RougeScore(recall=fmean(getattr(s, m).recall for s in scores),
                                    f1=fmean(getattr(s, m).f1 for s in scores)) for m in METRICS))
