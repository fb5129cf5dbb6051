"""The contradiction evaluation: its labelled set of real DUC pairs, and the scorer run on real data."""

from __future__ import annotations

import json

import pytest

from conftest import DATA
from newsweave.errors import EvaluationError
from newsweave.evaluation.contradictions import DEFAULT_SET, Span, evaluate, format_results, load_pairs


def test_the_labelled_set_has_enough_pairs_of_each_label():
    pairs = load_pairs(DEFAULT_SET)
    labels = [p.label for p in pairs]
    assert len(pairs) >= 30
    assert labels.count("contradiction") >= 20 and labels.count("consistent") >= 20
    assert len({p.id for p in pairs}) == len(pairs)


def test_the_set_stores_references_never_text():
    for line in DEFAULT_SET.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        assert set(record) <= {"id", "label", "kind", "a", "b", "note"}
        for side in (record["a"], record["b"]):
            assert {"path", "start", "end", "sha1"} <= set(side) <= {"path", "record", "document", "start", "end", "sha1"}


def test_the_set_has_real_attribution_and_negation_pairs_from_multi_news_and_duc():
    pairs = load_pairs(DEFAULT_SET)
    for kind in ("attribution", "negation"):
        of_kind = [p for p in pairs if p.kind == kind]
        assert any(p.label == "contradiction" for p in of_kind) and sum(p.label == "consistent" for p in of_kind) >= 20
    assert any(p.a.record for p in pairs) and any(not p.a.record for p in pairs if p.kind == "negation")


def test_a_dataset_span_without_its_document_index_is_refused(tmp_path):
    bad = tmp_path / "set.jsonl"
    span = {"path": "multinews/val.jsonl.gz", "record": "multinews-val-00002", "start": 0, "end": 1, "sha1": "0" * 40}
    bad.write_text(json.dumps({"id": "p", "label": "consistent", "a": span, "b": span}) + "\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="'record' and 'document' go together"):
        load_pairs(bad)


def test_a_record_with_an_unknown_label_is_refused(tmp_path):
    bad = tmp_path / "set.jsonl"
    span = {"path": "x", "start": 0, "end": 1, "sha1": "0" * 40}
    bad.write_text(json.dumps({"id": "p", "label": "maybe", "a": span, "b": span}) + "\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="label must be one of"):
        load_pairs(bad)


def test_an_empty_set_scores_nothing(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    assert load_pairs(empty) == []
    assert "pairs: 0" in format_results([])


def test_a_span_whose_text_changed_is_reported_not_scored(nlp):
    pair = load_pairs(DEFAULT_SET)[0]
    stale = pair.__class__(pair.id, pair.label, pair.kind, Span(pair.a.path, pair.a.start, pair.a.end, "0" * 40),
                           pair.b)
    with pytest.raises(EvaluationError, match="sha1 differs"):
        evaluate([stale], data=DATA, nlp=nlp)


# A pinned sample (quality gate): a death toll and a price that differ, and agreeing or unrelated pairs.
SAMPLE = ["duc-153", "duc-23", "duc-346", "duc-66", "duc-agree-90b-91b", "duc-317"]


def test_the_sample_pairs_are_judged_right_on_the_real_articles(nlp):
    pairs = [p for p in load_pairs(DEFAULT_SET) if p.id in SAMPLE]
    results = evaluate(pairs, data=DATA, nlp=nlp)
    assert {r.pair.id: r.flagged for r in results} == {p.id: p.label == "contradiction" for p in pairs}


# Multi-News and DUC hard negatives of the newer kinds: the same quote under two names of one person
# ("the California Democrat" / Feinstein), the organisation and its spokesman, and an agreeing
# paraphrase of a negated statement ("in a bag, and not on a dish" / "instead of on a dish").
HARD_NEGATIVES = ["duc-attrok-D0723F", "mn-attrok-02178", "mn-negok-02429", "duc-negok-D0641E"]


def test_hard_negatives_of_attribution_and_negation_are_not_flagged(nlp):
    pairs = [p for p in load_pairs(DEFAULT_SET) if p.id in HARD_NEGATIVES]
    assert len(pairs) == len(HARD_NEGATIVES)
    assert not any(r.flagged for r in evaluate(pairs, data=DATA, nlp=nlp))


def test_the_figures_are_reported_per_group():
    pairs = [p for p in load_pairs(DEFAULT_SET) if p.id in ("duc-153", "mn-negok-02429", "duc-attrok-D0723F")]
    from newsweave.evaluation.contradictions import PairResult
    text = format_results([PairResult(p, p.label == "contradiction", ()) for p in pairs])
    assert "number/date: 1 contradictions, 0 consistent" in text
    assert "negation: 0 contradictions, 1 consistent; flagged 0" in text and "attribution: 0 contradictions" in text
