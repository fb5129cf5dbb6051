"""Multi-document extractive summary: source sentences that cover the story's most widely reported
concepts, within the word budget, each cited, with the other outlets that report the same thing.

The method is concept coverage in the manner of ICSISumm (Gillick & Favre 2009): concepts are
stemmed word bigrams; a concept is worth the number of independent sources that mention it, so what
several outlets report outweighs what one says, and an outlet's wire copies count once. The
sentences whose concepts are worth most together within the budget are chosen exactly (an integer
program, ``selection.py``); a concept counts once however often it is chosen, which keeps the
summary free of repetition. Each sentence also earns a value of its own from a learned scorer
(``sentence_scores``: how much of such a sentence reference summaries use), and two sentences that
say the same thing are never both chosen. The chosen sentences are then put in article order (date,
then input order) and position, so the summary reads like the reporting it comes from.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Mapping, Sequence

import numpy as np

from ..config import Options
from ..documents.embeddings import SentenceEncoder
from ..model import Claim, Document, SummarySentence
from .candidates import Candidate, candidates
from .claim_terms import content_stems
from .selection import select
from .sentence_scores import ClusterView, SentenceScorer, paraphrases, sentence_bonus, shortlist, similarity
from .similarity import SentenceIndex, Stemmer, StopWords


@dataclass(frozen=True)
class Weights:
    """Calibrated together on development data (Multi-News validation clusters 5322-5621, since the
    re-split 2661-5621, and the 15 DUC 2007 topics with references), never on the clusters we
    report: re-calibrate with ``bench/tune_summarize.py`` if the concepts or the candidate filter
    change."""

    unigram: float = 0.0
    """Value of a content word relative to a bigram (0: bigrams alone, as ICSISumm; words helped
    neither dataset once bigrams were counted)."""
    rare: float = 0.1
    """Fraction of its value a concept keeps when fewer independent sources than the floor mention
    it, in clusters of under ``large`` sources (small clusters need them to fill the budget)."""
    large: int = 10
    """From this many independent sources up, concepts below the floor are ignored altogether."""

    lead: float = 0.0
    """Extra value (as a fraction) of concepts found in an article's first ``lead_sentences``
    candidates. Off: +1 cost 0.3 ROUGE-2 on Multi-News dev and 0.4 on DUC 2007."""
    lead_sentences: int = 2

    claim: float = 60.0
    """Value of a claim all the story's independent outlets report, in bigrams all its sources use
    (``_with_claims``). Bigrams reward shared wording only; a fact each outlet words its own way
    shares few bigrams, yet several outlets report it. Used only when claims are given (the brief,
    not the ROUGE runs). Chosen on the seeds: with the wording-only scorer, from 18 to at least 400
    the 120-word summary covers the visit, the balloon and the low expectations; at 12 a 2-outlet
    quote displaces the balloon. With the scorer over sentence vectors at ``scorer_small_meaning``
    2, the sentences' own values weigh four times as much, and at 30 a quote nobody introduces
    displaces the opening on the visit; from 40 to at least 150 all three facts are covered with
    either scorer (the same five sentences), so 60, twice the old 30 as the scorer's weight grew."""
    claim_power: float = 3.0
    """A claim's value grows with the share of the story's independent outlets reporting it to this
    power, so facts all outlets report come before those some share. At 1 or 2 no claim weight
    tried made the seed summary cover all three facts: the 2-outlet claims, some of them loose,
    crowd out the balloon."""

    scorer: float = 0.1
    """A sentence's own value per word and independent source, times the share of its bigrams the
    learned scorer (``sentence_scores``) predicts a reference uses, in clusters of more than
    ``small`` independent sources. Per source because a bigram is worth the sources using it:
    unscaled, one weight was ten times stronger in 3-source clusters than in 25-source ones. Chosen
    with ``scorer_small`` by 3-fold cross-validation on the dev sets (``bench/train_sentence_scorer.py``):
    0.15 changed Multi-News dev by under 0.01 and DUC 2007 by +0.1 ROUGE-2 (15 topics: noise), so
    0.1 stayed."""
    scorer_small: float = 0.5
    """``scorer`` in clusters of up to ``small`` independent sources (most Multi-News clusters, the
    seeds), where few bigrams are shared, so the concept values say little and the scorer may weigh
    more. Multi-News dev ROUGE-2 recall (3-fold CV): 0.1 18.91, 0.3 19.04, 0.5 19.09, 1 19.16; at
    1 the seed summary loses the February postponement over the balloon (``test_summarize_seeds``),
    so 0.5."""
    scorer_small_meaning: float = 2.0
    """``scorer_small`` when the scorer sees sentence vectors (the ``embeddings`` extra): its
    predictions are better, so they may weigh more. Multi-News dev ROUGE-2 recall (3-fold CV, all
    2,961 dev clusters): 0.5 19.22, 1 19.42, 2 19.56, 3 19.57, 5 19.58, 10 19.60 (the wording-only
    model: 19.09 at its 0.5); DUC 2007 is not affected (25 sources). 2, where the gains level off;
    with ``claim`` at its old 30 the seed brief then lost its opening sentence on the visit, hence
    ``claim`` 60."""
    small: int = 3
    """The most independent sources of a small cluster (4 gave the same dev figures)."""
    encoded: float = 8.0
    """With sentence vectors, only the wording-only scorer's best candidates holding this many times
    the budget in words are encoded and scored by meaning, the rest by wording (``shortlist``): the
    encoder is most of a brief's cost (the seeds at 120 words: 36 of 82 candidates; DUC 2006
    D0601A, 25 articles, at 250 words: 137 of 1,062). 3-fold CV ROUGE-2 recall, the model fitted on
    whole pools (``bench/train_sentence_scorer.py --encoded``; commands and table in
    docs/evaluation-summaries.md). The dev Multi-News pools hold under 3 budgets of 300 words, so
    only its 100-word runs test it. DUC 2007 at 250 words: whole pools 13.51, 3 13.05, 5 13.39, 8
    13.48, 12 13.54; at 100 words: 10.44, 2 and 3 9.77, 4 9.60, 8 10.28. Multi-News dev at 100
    words: 12.60, 2 12.49, 3 12.58, 4 12.59, 8 12.60 (no pool that large). 8: the smallest value
    within noise of whole pools on every run (15 DUC topics); 3 and 4 lose in large clusters."""

    paraphrase: float = 0.7
    """Content-stem cosine from which two candidates say the same thing and are not both chosen
    (over 1: never). Concepts count once, but a sentence's own value (``scorer``, per word) would
    otherwise let a second telling of a widely reported fact in. On dev (with the scorer, ROUGE-2
    recall, Multi-News / DUC 2007): 0.5 -0.10 / +0.07, 0.6 0.00 / 0.00, 0.7 -0.01 / 0.00."""

    def scorer_for(self, sources: int, *, meaning: bool = False) -> float:
        """The sentence scorer's weight in a cluster of ``sources`` independent sources, for the
        scorer over sentence vectors with ``meaning``."""
        if sources > self.small:
            return self.scorer
        return self.scorer_small_meaning if meaning else self.scorer_small

    def floor(self, sources: int) -> int:
        """Sources a concept needs to count fully: 3 in large clusters (ICSISumm's document
        frequency cut-off), 2 from 3 sources up, else 1."""
        return 3 if sources >= self.large else 2 if sources >= 3 else 1


def summary_view(documents: list[Document], options: Options, *, copies: Mapping[str, str],
                 weights: Weights = Weights()) -> ClusterView:
    """The candidates ``summarize`` chooses among, with their concepts and the concepts' values."""
    return cluster_view(documents, copies, _independent_sources(documents, copies), Stemmer(), StopWords(),
                        weights, options.words)


@dataclass(frozen=True)
class CandidateVectors:
    """Sentence vectors of some of a pool's candidates (``shortlist``)."""

    encoded: tuple[int, ...]
    """Pool positions of the encoded candidates, ascending."""
    vectors: np.ndarray
    """One unit vector per encoded candidate, in the same order."""


def candidate_vectors(view: ClusterView, options: Options, encoder: SentenceEncoder | None,
                      weights: Weights = Weights()) -> CandidateVectors | None:
    """The sentence vectors ``summarize`` gives its scorer: of the candidates of ``view`` worth
    encoding (``Weights.encoded``); None without a usable encoder (installed, and
    ``options.embeddings`` on)."""
    if not view.pool or encoder is None or not options.embeddings or not encoder.available:
        return None
    stop = StopWords()
    encoded = shortlist(view, stop, similarity(view, stop), weights.encoded * options.words)
    return CandidateVectors(encoded=tuple(encoded), vectors=encoder.encode([view.pool[i].text for i in encoded]))


def summarize(documents: list[Document], options: Options, *, copies: Mapping[str, str],
              claims: Sequence[Claim] = (), weights: Weights = Weights(),
              scorer: SentenceScorer | None = None,
              encoder: SentenceEncoder | None = None,
              view: ClusterView | None = None,
              vectors: CandidateVectors | None = None) -> tuple[SummarySentence, ...]:
    """Sentences from ``documents`` summarising them in at most ``options.words`` words.

    ``copies`` maps an article id to the id of the article it copies (wire copies): a copy adds no
    weight to what it repeats and is never cited in place of its original. ``claims`` (from
    ``align_claims`` on the same documents) make each fact several independent outlets report a
    concept of its own, so the summary prefers widely reported facts however each outlet words them.
    ``encoder`` (when installed and ``options.embeddings`` is on) gives the sentence scorer what
    each candidate means, not only its wording. ``scorer`` replaces the packaged sentence scorer
    (``SentenceScorer.packaged``, the model over sentence vectors when there are vectors). ``view``
    and ``vectors`` are ``summary_view`` and ``candidate_vectors`` of the same inputs, for a caller
    that has them already (the brief computes the vectors beside its other sections).
    """
    stem, stop = Stemmer(), StopWords()
    view = view or summary_view(documents, options, copies=copies, weights=weights)
    source_of = view.source_of
    pool, concepts, value = view.pool, view.concepts, view.value
    if not pool:
        return ()
    if claims and weights.claim:
        concepts, value = _with_claims(documents, pool, concepts, value, claims, weights, source_of)
    similar = similarity(view, stop)
    # A given scorer decides whether vectors are needed; the packaged one uses them when it can.
    if scorer is not None and not scorer.dimensions:
        vectors = None
    elif vectors is None:
        vectors = candidate_vectors(view, options, encoder, weights)
    weight = weights.scorer_for(view.sources, meaning=vectors is not None)
    scorer = scorer or SentenceScorer.packaged(meaning=vectors is not None)
    given = (vectors.vectors, vectors.encoded) if vectors else (None, None)
    bonus = sentence_bonus(view, scorer, stop, similar, weight, *given) if weight else None
    chosen = [pool[i] for i in select([c.words for c in pool], concepts, value, options.words, bonus=bonus,
                                      conflicts=paraphrases(similar, weights.paraphrase))]
    order = {d.article.id: (_when(d), number) for number, d in enumerate(documents)}
    chosen.sort(key=lambda c: (order[c.sentence.article], c.start))
    index = SentenceIndex(documents, source_of, stem, stop)
    return tuple(SummarySentence(text=c.text, source=c.ref,
                                 also_reported_by=index.reported_by(c.sentence.article, c.stems))
                 for c in chosen)


def cluster_view(documents: list[Document], copies: Mapping[str, str], source_of: Mapping[str, str],
                 stem: Stemmer, stop: StopWords, weights: Weights, budget: int) -> ClusterView:
    """The candidates of the original (not copied) articles, their concepts and the concepts' values.
    Sentences without final punctuation are candidates only if the others cannot fill ``budget``."""
    pool = [c for d in documents if d.article.id not in copies for c in candidates(d, stem)]
    fragments = sum(c.words for c in pool) < budget
    if fragments:
        pool = [c for d in documents if d.article.id not in copies for c in candidates(d, stem, fragments=True)]
    concepts = [_concepts(c, stop, weights) for c in pool]
    occurrences = [(source_of[c.sentence.article], k) for c, k in zip(pool, concepts)]
    occurrences += [(source_of[d.article.id], _concepts(c, stop, weights))
                    for d in documents if d.article.id in copies for c in candidates(d, stem, fragments=fragments)]
    value = _concept_values(occurrences, weights)
    if weights.lead:
        # News puts what matters first: concepts of the articles' opening sentences are worth more.
        openings = set().union(*(k for c, k in zip(pool, concepts) if c.rank < weights.lead_sentences))
        value = {k: v * (1 + weights.lead) if k in openings else v for k, v in value.items()}
    return ClusterView(pool=pool, concepts=concepts, value=value, source_of=source_of,
                       sentences_in={d.article.id: len(d.sentences) for d in documents})


def _concepts(candidate: Candidate, stop: StopWords, weights: Weights) -> frozenset:
    stems = candidate.stems
    found: set = {(a, b) for a, b in zip(stems, stems[1:]) if not (stop(a) and stop(b))}
    if weights.unigram:
        found |= {s for s in stems if not stop(s)}
    return frozenset(found)


@dataclass(frozen=True)
class _ClaimConcept:
    """A word of a claim as a concept: a type of its own, so it never equals a bigram or a word."""

    claim: str
    term: str


def _with_claims(documents: list[Document], pool: list[Candidate], concepts: list[frozenset], value: dict,
                 claims: Sequence[Claim], weights: Weights,
                 source_of: Mapping[str, str]) -> tuple[list[frozenset], dict]:
    """Add each widely reported claim as concepts: the words its independent outlets share.

    A claim that at least the concept floor of independent outlets report (of ``sources`` in the
    story) is worth ``weights.claim * sources * (outlets / sources) ** weights.claim_power``, in
    the units of bigram values (a bigram is worth the sources using it). The value is spread over the
    content stems two or more of its outlets use (``claim_terms``: synonyms folded, so
    "postponed"/"scrapped" and "anticipates"/"prospect" are one term), in proportion to the outlets
    using each: ``_ClaimConcept(claim, stem)``. Only the claim's own sentences cover them, so the
    sentence that states most of the shared fact earns most of the claim, and, like any concept,
    each counts once: two sentences of one fact are not both chosen for it.
    """
    sources = len(set(source_of.values()))
    floor = max(2, weights.floor(sources))
    text_of = {(s.article, s.end): s.text for d in documents for s in d.sentences}
    covers: dict[tuple[str, int], set] = defaultdict(set)
    value = dict(value)
    for claim in claims:
        if claim.independent_outlets < floor:
            continue
        terms = {(ref.article, ref.end): set(content_stems(text_of.get((ref.article, ref.end), "")))
                 for ref in claim.refs}
        outlets: dict[str, set] = defaultdict(set)
        for ref in claim.refs:
            for term in terms[(ref.article, ref.end)]:
                outlets[term].add(source_of.get(ref.article, ref.outlet))
        shared = {term: len(found) for term, found in outlets.items() if len(found) >= 2}
        worth = weights.claim * sources * (claim.independent_outlets / sources) ** weights.claim_power
        for ref in claim.refs:
            for term in terms[(ref.article, ref.end)] & shared.keys():
                key = _ClaimConcept(claim.id, term)
                value[key] = worth * shared[term] / sum(shared.values())
                covers[(ref.article, ref.end)].add(key)
    # A candidate may start after a dateline, but it ends where its sentence does.
    concepts = [k | covers.get((c.sentence.article, c.sentence.end), set()) for c, k in zip(pool, concepts)]
    return concepts, value


def _concept_values(occurrences: list[tuple[str, frozenset]], weights: Weights) -> dict:
    """Concept → value: the number of independent sources that mention it, scaled down below the
    floor; content words (strings, unlike bigram tuples) weighted by ``weights.unigram``."""
    sources: dict = defaultdict(set)
    for source, concepts in occurrences:
        for concept in concepts:
            sources[concept].add(source)
    total = len({source for source, _ in occurrences})
    floor, rare = weights.floor(total), (weights.rare if total < weights.large else 0.0)
    values = {}
    for concept, found in sources.items():
        value = len(found) * (1.0 if len(found) >= floor else rare)
        value *= weights.unigram if isinstance(concept, str) else 1.0
        if value > 0:
            values[concept] = value
    return values


def _independent_sources(documents: list[Document], copies: Mapping[str, str]) -> dict[str, str]:
    """Article id → its independent source: the outlet of the original it copies, else its own."""
    outlet = {d.article.id: d.article.outlet for d in documents}

    def root(article: str) -> str:
        seen = set()
        while article in copies and article not in seen and copies[article] in outlet:
            seen.add(article)
            article = copies[article]
        return article

    return {article: outlet[root(article)] for article in outlet}


_UNDATED = datetime.max.replace(tzinfo=timezone.utc)


def _when(document: Document) -> datetime:
    published = document.article.published
    if published is None:
        return _UNDATED
    return published if published.tzinfo else published.replace(tzinfo=timezone.utc)
