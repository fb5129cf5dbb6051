"""A learned estimate of how much of a candidate sentence belongs in a summary.

Each candidate is described by a few numbers (``FEATURES``: where it stands in its article, its
length, how widely its words and bigrams are shared across independent sources, how close it is to
other outlets' sentences and to the articles' opening sentences, whether it carries numbers, names or
quotes); a linear model over them predicts the share of the sentence's bigrams that reference
summaries use. With sentence vectors (the ``embeddings`` extra, ``documents.embeddings``) a second
model also sees what each sentence means: its vector, how close it is in meaning to the cluster, to
the articles' openings and to other outlets' sentences, and every feature relative to the cluster's
mean (which sentences stand out in their own cluster). The models' coefficients are fitted on
development data only by ``bench/train_sentence_scorer.py`` and shipped as JSON
(``data/sentence_scorer.json``, ``data/sentence_scorer_meaning.json``), never as a pickle. The
summarizer adds ``weight x sources x predicted share x words`` to a sentence's value in the integer
program (``sentence_bonus``, ``summarize.Weights.scorer``).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Mapping, Sequence

import numpy as np

from ..errors import NewsweaveError
from .candidates import Candidate
from .similarity import SAME_CONTENT, StopWords, content

FEATURES = (
    "first", "second", "log_rank", "relative_position", "log_words", "bigram_share", "bigram_sum",
    "word_share", "outlets_similar", "best_similar", "lead_similarity", "has_number", "names",
    "quote", "log_sources", "log_article_sentences", "centroid", "lead_centroid", "digit_share", "date",
    "paragraph_rank",
)
"""Feature names in matrix column order without sentence vectors; the JSON parameters of the
wording-only model list exactly these."""

MEANING_FEATURES = ("meaning_centroid", "meaning_lead_centroid", "meaning_best_other", "meaning_top3_other")
"""What sentence vectors add (cosines): with the sum of the other candidates' vectors, with the sum
of the other articles' first candidates', the best and the mean of the three best with another
source's candidates."""

_MODELS = {False: "data/sentence_scorer.json", True: "data/sentence_scorer_meaning.json"}


def feature_names(dimensions: int = 0) -> tuple[str, ...]:
    """Column names of ``features`` given sentence vectors of ``dimensions`` (0: none)."""
    if not dimensions:
        return FEATURES
    described = FEATURES + MEANING_FEATURES
    return (described + tuple(f"vector_{i}" for i in range(dimensions))
            + tuple(f"relative_{name}" for name in described))

_QUOTES = "\"\u201c\u201d"
_DATE = re.compile(r"\b(?:jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|may \d|june?|july?|aug(?:ust)?|"
                   r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|(?:mon|tues|wednes|thurs|fri|"
                   r"satur|sun)day|yesterday|today)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ClusterView:
    """What the features need to know about the candidates' cluster."""

    pool: Sequence[Candidate]
    concepts: Sequence[frozenset]
    value: Mapping
    source_of: Mapping[str, str]
    sentences_in: Mapping[str, int]
    """Article id → number of sentences in the article."""

    @property
    def sources(self) -> int:
        """Independent sources with at least one candidate."""
        return len({self.source_of[c.sentence.article] for c in self.pool})


def features(view: ClusterView, stop: StopWords, similar: np.ndarray,
             vectors: np.ndarray | None = None, encoded: Sequence[int] | None = None) -> np.ndarray:
    """One row per candidate of ``view.pool``, one column per name in ``feature_names``; ``similar``
    is ``similarity(view, stop)``; ``vectors`` the candidates' unit sentence vectors, if any. With
    ``encoded`` (``shortlist``), ``vectors`` are those candidates' only, and so are the rows: their
    meaning is compared among themselves, their wording with the whole pool."""
    rows = _wording_features(view, stop, similar)
    return rows if vectors is None else _with_meaning(view, rows, vectors, encoded)


def _with_meaning(view: ClusterView, rows: np.ndarray, vectors: np.ndarray,
                  encoded: Sequence[int] | None) -> np.ndarray:
    """``features`` given the wording features ``rows`` of the whole pool."""
    if encoded is not None:
        encoded = list(encoded)
        rows, view = rows[encoded], replace(view, pool=[view.pool[i] for i in encoded])
    if vectors.shape[0] != len(view.pool):
        raise NewsweaveError(f"{vectors.shape[0]} sentence vectors for {len(view.pool)} candidates")
    described = np.hstack([rows, _meaning_features(view, vectors)])
    # Relative to the cluster: a reference takes the sentences that stand out in their own cluster,
    # which absolute values mix up with how the clusters differ.
    return np.hstack([described, vectors, described - described.mean(axis=0)])


def _meaning_features(view: ClusterView, vectors: np.ndarray) -> np.ndarray:
    """``MEANING_FEATURES`` per candidate, from unit vectors."""
    n = len(view.pool)
    source = np.array([view.source_of[c.sentence.article] for c in view.pool])
    leads = np.array([c.rank == 0 for c in view.pool])
    others_sum = vectors.sum(axis=0)[None, :] - vectors
    size = np.linalg.norm(others_sum, axis=1)
    size[size == 0] = 1.0
    similar = vectors @ vectors.T
    rows = np.zeros((n, len(MEANING_FEATURES)))
    rows[:, 0] = (vectors * others_sum).sum(axis=1) / size
    for i in range(n):
        others = source != source[i]
        if not others.any():
            continue
        lead_sum = vectors[others & leads].sum(axis=0)
        lead_size = np.linalg.norm(lead_sum)
        rows[i, 1] = vectors[i] @ lead_sum / lead_size if lead_size > 0 else 0.0
        found = np.sort(similar[i, others])
        rows[i, 2], rows[i, 3] = found[-1], found[-3:].mean()
    return rows


def _wording_features(view: ClusterView, stop: StopWords, similar: np.ndarray) -> np.ndarray:
    """The ``FEATURES`` columns."""
    pool = view.pool
    n = len(pool)
    sources = view.sources or 1
    words = [content(c.stems, stop) for c in pool]
    word_sources: dict[str, set] = {}
    for c, found in zip(pool, words):
        for w in found:
            word_sources.setdefault(w, set()).add(view.source_of[c.sentence.article])
    source_ids = {s: i for i, s in enumerate(sorted({view.source_of[c.sentence.article] for c in pool}))}
    source_index = np.array([source_ids[view.source_of[c.sentence.article]] for c in pool])
    leads = np.array([c.rank == 0 for c in pool])
    centroid, lead_centroid = _centroid_cosines(_content_matrix(words), leads)
    paragraph_rank: dict[tuple[str, int], int] = {}
    rows = np.zeros((n, len(FEATURES)))
    for i, c in enumerate(pool):
        values = [view.value.get(k, 0.0) for k in view.concepts[i]]
        others = source_index != source_index[i]
        # Best match in each other source: how many other outlets say much the same thing.
        best = np.zeros(len(source_ids))
        np.maximum.at(best, source_index[others], similar[i, others])
        best[source_index[i]] = 0.0
        lead_others = leads & others
        text = c.text
        tokens = text.split()
        place = (c.sentence.article, c.sentence.paragraph)
        paragraph_rank[place] = paragraph_rank.get(place, -1) + 1
        rows[i] = (
            c.rank == 0, c.rank == 1, math.log1p(c.rank),
            c.sentence.index / max(1, view.sentences_in.get(c.sentence.article, 1)),
            math.log(max(1, c.words)),
            (sum(values) / len(values) / sources) if values else 0.0,
            sum(values) / sources / 10.0,
            (sum(len(word_sources[w]) for w in words[i]) / len(words[i]) / sources) if words[i] else 0.0,
            (best >= SAME_CONTENT).sum() / max(1, sources - 1),
            best.max() if len(best) else 0.0,
            similar[i, lead_others].max() if lead_others.any() else 0.0,
            any(ch.isdigit() for ch in text),
            sum(t[:1].isupper() for t in tokens[1:]) / max(1, len(tokens) - 1),
            any(q in text for q in _QUOTES),
            math.log(sources),
            math.log(max(1, view.sentences_in.get(c.sentence.article, 1))),
            centroid[i], lead_centroid[i],
            sum(any(ch.isdigit() for ch in t) for t in tokens) / max(1, len(tokens)),
            bool(_DATE.search(text)), min(3, paragraph_rank[place]),
        )
    return rows


def _centroid_cosines(matrix, leads: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each candidate's cosine with the sum of the other candidates' content stems (what the cluster
    is about) and with the sum of the other articles' first candidates (what the leads say).
    ``matrix`` is binary (``_content_matrix``), so a row's squared norm is its number of stems."""
    own = np.asarray(matrix.sum(axis=1)).ravel()
    norms = np.sqrt(own)
    norms[norms == 0] = 1.0

    def cosine(total: np.ndarray, included: np.ndarray) -> np.ndarray:
        # The candidate itself is taken out of the sum it is compared with when it is part of it.
        dot = matrix @ total - own * included
        size = np.sqrt(np.maximum(0.0, total @ total - 2 * (matrix @ total) * included + own * included))
        size[size == 0] = 1.0
        return dot / norms / size

    everyone = np.asarray(matrix.sum(axis=0)).ravel()
    firsts = np.asarray(matrix[np.flatnonzero(leads)].sum(axis=0)).ravel()
    return cosine(everyone, np.ones(len(leads))), cosine(firsts, leads.astype(float))


def similarity(view: ClusterView, stop: StopWords) -> np.ndarray:
    """Cosine of every pair of candidates over their content stems (binary), as a dense matrix."""
    matrix = _content_matrix([content(c.stems, stop) for c in view.pool])
    norms = np.sqrt(np.asarray(matrix.sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    dot = (matrix @ matrix.T).toarray()
    return dot / norms[:, None] / norms[None, :]


def _content_matrix(words: Sequence[frozenset[str]]):
    """Candidates × content stems, 1 where the candidate uses the stem (scipy sparse)."""
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    for i, found in enumerate(words):
        for w in found:
            rows.append(i)
            cols.append(vocabulary.setdefault(w, len(vocabulary)))
    return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(words), max(1, len(vocabulary))))


@dataclass(frozen=True)
class SentenceScorer:
    """A standardised linear model: ``intercept + sum(coef * (x - mean) / scale)``, clipped to 0..1,
    over sentence vectors of ``dimensions`` (0: the wording-only model)."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    dimensions: int = 0

    @classmethod
    def from_json(cls, text: str) -> "SentenceScorer":
        data = json.loads(text)
        dimensions = int(data.get("dimensions", 0))
        if tuple(data.get("features", ())) != feature_names(dimensions):
            raise NewsweaveError("the sentence scorer's parameters list other features than "
                                 "sentence_scores.feature_names: re-train with bench/train_sentence_scorer.py")
        return cls(mean=tuple(data["mean"]), scale=tuple(data["scale"]), coef=tuple(data["coef"]),
                   intercept=float(data["intercept"]), dimensions=dimensions)

    @classmethod
    def packaged(cls, meaning: bool = False) -> "SentenceScorer":
        """The parameters shipped with newsweave (trained on development data): the model over
        sentence vectors with ``meaning``, else the wording-only one. Read once."""
        return _packaged(meaning)

    def __call__(self, rows: np.ndarray) -> np.ndarray:
        if rows.shape[1] != len(self.coef):
            raise NewsweaveError(f"the sentence scorer takes {len(self.coef)} features, not {rows.shape[1]}")
        standard = (rows - np.asarray(self.mean)) / np.asarray(self.scale)
        return np.clip(self.intercept + standard @ np.asarray(self.coef), 0.0, 1.0)


@lru_cache(maxsize=None)
def _packaged(meaning: bool) -> SentenceScorer:
    return SentenceScorer.from_json(resources.files(__package__).joinpath(_MODELS[meaning]).read_text("utf-8"))


def shortlist(view: ClusterView, stop: StopWords, similar: np.ndarray, words: float) -> list[int]:
    """The candidates worth encoding for the scorer over sentence vectors, in pool order: all of them
    when they hold at most ``words`` words, else the wording-only model's best holding about that
    many. Encoding is most of a summary's cost, and beyond several times the budget the rest are
    rarely chosen (``summarize.Weights.encoded``)."""
    sizes = np.array([c.words for c in view.pool])
    if sizes.sum() <= words:
        return list(range(len(view.pool)))
    best = np.argsort(-SentenceScorer.packaged()(features(view, stop, similar)), kind="stable")
    return sorted(best[:int(np.searchsorted(np.cumsum(sizes[best]), words)) + 1].tolist())


def sentence_bonus(view: ClusterView, scorer: SentenceScorer, stop: StopWords, similar: np.ndarray,
                   weight: float, vectors: np.ndarray | None = None,
                   encoded: Sequence[int] | None = None) -> list[float]:
    """Each candidate's own value in the integer program: ``weight`` per word and independent
    source, times the predicted share of its bigrams a reference uses. Scaled by the sources because
    a concept is worth the sources using it, so the bonus keeps its weight against concepts in small
    and large clusters alike. ``vectors`` (the candidates' sentence vectors) go to a scorer fitted
    on them; with ``encoded`` (``shortlist``) they are those candidates' only, and the others are
    scored by the wording-only model."""
    if not view.pool:
        return []
    given = 0 if vectors is None else vectors.shape[1]
    if given != scorer.dimensions:
        raise NewsweaveError(f"the sentence scorer was fitted on {scorer.dimensions or 'no'} vector dimensions, "
                             f"given {given or 'none'}")
    if encoded is None or vectors is None:
        shares = scorer(features(view, stop, similar, vectors))
    else:
        wording = features(view, stop, similar)
        shares = SentenceScorer.packaged()(wording)
        shares[list(encoded)] = scorer(_with_meaning(view, wording, vectors, encoded))
    return [weight * view.sources * share * c.words for share, c in zip(shares, view.pool)]


def paraphrases(similar: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """Pairs of candidates (i < j) whose content-stem cosine is at least ``threshold``."""
    first, second = np.nonzero(np.triu(similar >= threshold, k=1))
    return list(zip(first.tolist(), second.tolist()))
