"""Quality gate: newsweave's ROUGE-2 recall on a fixed sample of the dev sets may not drop below a
pinned floor (trafilatura's eval-gate habit).

The sample is the first 100 Multi-News validation clusters at 300 words and the first 10 DUC 2006
clusters at 250 words, each summarised twice: with the sentence scorer over sentence vectors (the
``embeddings`` extra, as ``newsweave brief`` runs when it is installed) and with the wording-only
scorer (``embeddings`` off, as without the extra). Its inputs are pinned by sha256 so that a changed dataset cannot move the
figures unnoticed; the floors are the values measured when they were pinned minus a small epsilon
for platform noise (the summarizer is deterministic). If you improve the summarizer, raise the
floors to the new figures (minus EPSILON) in the same commit; never lower them to make a change pass.
Run time: about a minute on two cores.
"""

from __future__ import annotations

import pytest

from conftest import DATA
from newsweave.evaluation.datasets import read_summary_records, records_digest
from newsweave.evaluation.summaries import NEWSWEAVE, evaluate_summaries

EPSILON = 0.002
MULTI_NEWS = "e8f2a089b1dd2536e9a89a9252266d7029401ceb75f27e1983940658abd4c768"
DUC_2006 = "f1e542ada512809312be91720027404bea89f43af859dadada8398851da314d2"
GATES = {
    # dataset, clusters, words, sentence vectors: (sha256 of the sample's ids, documents and references,
    # measured R2 recall)
    # Wording only: Multi-News re-measured 2026-11-23 at commit b26b6dc (re-fitted sentence scorer): 0.1915
    # (0254331: 0.1902). DUC 2006 pinned at 500687f (0.0845); 0254331 measures 0.0830 on these 10 (all 50
    # clusters rose, 9.63 -> 9.76), within EPSILON.
    # Re-measured 2026-12-07 with cited links and more attribution verbs in the candidate filter: 0.1945.
    ("multinews/val.jsonl.gz", 100, 300, False): (MULTI_NEWS, 0.1945),
    ("duc2006/test.jsonl.gz", 10, 250, False): (DUC_2006, 0.0845),
    # With sentence vectors (sentence_scorer_meaning.json), measured 2026-11-23 when it was added (0.1918 at
    # scorer_small_meaning 1, 0.1922 at 2); the wording-only scorer measures 0.1915 and 0.0836 on the same samples.
    # Multi-News re-measured 2026-12-07 with the candidate filter's cited links and attribution verbs: 0.1961
    # (DUC 2006 unchanged: 0.0860). d6db9a8 (a shortlist of candidates encoded) measures 0.0851 on these 10
    # DUC clusters (all 50 rose, 9.94 -> 9.95), within EPSILON; Multi-News unchanged (0.1961).
    ("multinews/val.jsonl.gz", 100, 300, True): (MULTI_NEWS, 0.1961),
    ("duc2006/test.jsonl.gz", 10, 250, True): (DUC_2006, 0.0860),
}


@pytest.mark.slow
@pytest.mark.parametrize("dataset, clusters, words, vectors", list(GATES))
def test_rouge2_recall_stays_above_its_pinned_floor(nlp, dataset, clusters, words, vectors):
    from newsweave.evaluation.summaries import NewsweaveSystem

    digest, measured = GATES[(dataset, clusters, words, vectors)]
    records = list(read_summary_records(DATA / dataset, limit=clusters))
    assert records_digest(records) == digest, f"the {dataset} sample changed: re-measure and re-pin the gate"
    if vectors and not nlp.encoder.available:
        pytest.fail("the 'embeddings' extra is not installed: pip install -e '.[dev]' torch==2.13.0")
    system = NewsweaveSystem(words=words, nlp=nlp, embeddings=vectors)  # the session's loaded model
    evaluation = evaluate_summaries(records, words=words, systems=(NEWSWEAVE,), newsweave=system)
    recall = evaluation.systems[0].scores.rouge2.recall
    assert recall >= measured - EPSILON, f"ROUGE-2 recall {recall:.4f} fell below the floor {measured - EPSILON:.4f}"
