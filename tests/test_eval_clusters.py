"""Clustering evaluation: B-cubed arithmetic, the three dataset shapes, and the command's report."""

from __future__ import annotations

import gzip
import json

import pytest

from newsweave.cli import main
from newsweave.errors import EvaluationError
from newsweave.evaluation.clusters import bcubed
from newsweave.evaluation.clusters_data import read_cluster_dataset

from _stories_corpus import story_articles


def test_a_perfect_clustering_scores_one():
    gold = {"a": "x", "b": "x", "c": "y"}
    assert bcubed({"a": "1", "b": "1", "c": "2"}, gold) == (1.0, 1.0, 1.0)


def test_bcubed_matches_a_worked_example():
    # One predicted cluster over gold {a,b} + {c}: precision (2/3·2 + 1/3)/3 = 5/9, recall 1.
    precision, recall, f1 = bcubed({"a": "1", "b": "1", "c": "1"}, {"a": "x", "b": "x", "c": "y"})
    assert precision == pytest.approx(5 / 9) and recall == 1.0 and f1 == pytest.approx(2 * 5 / 9 / (1 + 5 / 9))


def test_singletons_have_full_precision_and_low_recall():
    precision, recall, _ = bcubed({"a": "1", "b": "2", "c": "3", "d": "4"}, {k: "x" for k in "abcd"})
    assert precision == 1.0 and recall == 0.25


def test_scoring_nothing_is_an_error():
    with pytest.raises(EvaluationError):
        bcubed({}, {})


def test_an_item_without_a_prediction_is_an_error():
    with pytest.raises(EvaluationError, match="no predicted cluster"):
        bcubed({"a": "1"}, {"a": "x", "b": "x"})


def _jsonl(path, rows):
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row) + "\n")


def test_clustering_records_keep_their_order_and_dates(tmp_path):
    _jsonl(tmp_path / "d.jsonl.gz", [{"id": "2", "date": "2001-02-03", "title": "T", "text": "x", "cluster": "c"},
                                     {"id": "1", "date": None, "text": "y", "cluster": "d"}])
    records = read_cluster_dataset(tmp_path / "d.jsonl.gz").records
    assert [r.id for r in records] == ["2", "1"] and records[0].date.isoformat() == "2001-02-03"


def test_summarisation_records_are_pooled_with_the_cluster_as_gold(tmp_path):
    _jsonl(tmp_path / "mn.jsonl.gz", [{"id": "c1", "documents": ["a", "b", ""]}, {"id": "c2", "documents": ["c"]}])
    dataset = read_cluster_dataset(tmp_path / "mn.jsonl.gz")
    assert sorted((r.id, r.cluster) for r in dataset.records) == [("c1#0", "c1"), ("c1#1", "c1"), ("c2#0", "c2")]
    assert dataset.skipped == 1


def test_the_pooled_order_is_the_same_every_time(tmp_path):
    _jsonl(tmp_path / "mn.jsonl.gz", [{"id": f"c{i}", "documents": ["a", "b"]} for i in range(20)])
    first = [r.id for r in read_cluster_dataset(tmp_path / "mn.jsonl.gz").records]
    assert first == [r.id for r in read_cluster_dataset(tmp_path / "mn.jsonl.gz").records]
    assert first != sorted(first)


def test_an_offset_skips_whole_clusters_before_the_limit_takes_the_next_ones(tmp_path):
    # The tuning slice (offset) and the reporting slice (limit from the start) share no cluster.
    _jsonl(tmp_path / "mn.jsonl.gz", [{"id": f"c{i}", "documents": ["a", "b", "c"]} for i in range(6)])
    first = read_cluster_dataset(tmp_path / "mn.jsonl.gz", limit=6).records
    later = read_cluster_dataset(tmp_path / "mn.jsonl.gz", offset=6, limit=6).records
    assert {r.cluster for r in first} == {"c0", "c1"} and {r.cluster for r in later} == {"c2", "c3"}


def test_the_merge_pass_never_splits_a_story_of_the_online_pass():
    from newsweave.evaluation.clusters import cluster_stream
    from newsweave.evaluation.clusters_data import ClusterRecord

    records = [ClusterRecord(id=f"a{i}", text=text, cluster=label)
               for i, (label, text) in enumerate(story_articles(30, seed=5))]
    online, merged = cluster_stream(records), cluster_stream(records, merge=0.05)
    assert all(merged[a] == merged[b] for a in online for b in online if online[a] == online[b])
    assert len(set(merged.values())) <= len(set(online.values()))


def test_ecb_token_files_become_documents_with_sub_topic_gold(tmp_path):
    lines = ["1_1ecb\t0\t0\tQuake\t-", "1_1ecb\t0\t1\thits\t-", "1_1ecb\t0\t2\t.\t-",
             "1_2ecbplus\t0\t0\tFire\t-", "1_2ecbplus\t0\t1\tspreads\t-", ""]
    (tmp_path / "ecb.txt").write_text("\n".join(lines), encoding="utf-8")
    records = {r.id: r for r in read_cluster_dataset(tmp_path / "ecb.txt").records}
    assert records["1_1ecb"].text == "Quake hits." and records["1_1ecb"].cluster == "1-ecb"
    assert records["1_2ecbplus"].cluster == "1-ecbplus"


def test_an_empty_dataset_is_a_clear_error(tmp_path):
    _jsonl(tmp_path / "empty.jsonl.gz", [])
    with pytest.raises(EvaluationError, match="no records"):
        read_cluster_dataset(tmp_path / "empty.jsonl.gz")


def test_a_record_without_a_cluster_names_the_line(tmp_path):
    _jsonl(tmp_path / "bad.jsonl.gz", [{"id": "1", "text": "x"}])
    with pytest.raises(EvaluationError, match=r"bad.jsonl.gz:1: .*cluster"):
        read_cluster_dataset(tmp_path / "bad.jsonl.gz")


def test_the_command_prints_the_online_system_next_to_the_baseline_and_writes_predictions(tmp_path, capsys):
    rows = [{"id": f"a{i}", "date": "2020-01-01", "text": text, "cluster": label}
            for i, (label, text) in enumerate(story_articles(24, seed=9))]
    _jsonl(tmp_path / "d.jsonl.gz", rows)
    assert main(["eval", "clusters", str(tmp_path / "d.jsonl.gz"), "--out", str(tmp_path / "p.jsonl")]) == 0
    out = capsys.readouterr().out
    assert "online (newsweave)" in out and "agglomerative TF-IDF baseline" in out and "tuned on the first" in out
    predictions = [json.loads(line) for line in (tmp_path / "p.jsonl").read_text().splitlines()]
    assert [p["id"] for p in predictions] == [r["id"] for r in rows]


def test_ecb_plus_sub_topic_f1_stays_above_its_pinned_floor():
    # Quality gate: 0.886 recorded in docs/evaluation-clusters.md, minus 0.01 for noise. A change
    # that lowers it must say why in that file and move this floor.
    from conftest import DATA

    from newsweave.evaluation.clusters import score_online

    path = DATA / "ecbplus" / "ECB_Dev_corpus.txt"
    if not path.is_file():
        pytest.fail(f"the shared ECB+ data is missing: expected it at {path}")
    score, _ = score_online(list(read_cluster_dataset(path).records))
    assert score.f1 >= 0.876


NOTICE = ("These crawls are collections of web pages captured from news sites and added to the Wayback Machine. "
          "The seed list for this crawl was every host in the archive. The WARC files of this collection are not "
          "publicly accessible.")


def _records_with_notices():
    from newsweave.evaluation.clusters_data import ClusterRecord

    records = [ClusterRecord(id=f"a{i}", text=text, cluster=label)
               for i, (label, text) in enumerate(story_articles(12, seed=4))]
    # Two copies of one notice in two different gold stories: the copy rule would join them.
    return records + [ClusterRecord(id="n1", text=NOTICE, cluster=records[0].cluster),
                      ClusterRecord(id="n2", text=NOTICE + " ", cluster=records[-1].cluster)]


def test_the_gate_rejects_site_notices_in_an_evaluation_stream():
    from newsweave.config import Options
    from newsweave.evaluation.clusters import screen

    rejected = screen(_records_with_notices(), Options())
    assert set(rejected) == {"n1", "n2"} and all("site notice" in why for why in rejected.values())


def test_a_rejected_record_is_scored_as_a_singleton_and_kept_in_the_gold():
    from newsweave.evaluation.clusters import score_baseline, score_online

    records = _records_with_notices()
    rejected = {"n1": "not an article: site notice (web-archive crawl notice)", "n2": "same"}
    online, predicted = score_online(records, rejected=rejected)
    assert predicted["n1"] != predicted["n2"] and online.articles == len(records)
    assert sum(1 for story in predicted.values() if story == predicted["n1"]) == 1
    baseline = score_baseline(records, rejected=rejected)
    assert baseline.articles == len(records) and "accepted records" in baseline.note


def test_without_the_gate_the_two_notice_copies_share_a_story():
    from newsweave.evaluation.clusters import cluster_stream

    predicted = cluster_stream(_records_with_notices())
    assert predicted["n1"] == predicted["n2"]


def test_the_command_reports_how_many_documents_its_gate_rejected(tmp_path, capsys):
    rows = [{"id": r.id, "date": "2020-01-01", "text": r.text, "cluster": r.cluster} for r in _records_with_notices()]
    _jsonl(tmp_path / "d.jsonl.gz", rows)
    assert main(["eval", "clusters", str(tmp_path / "d.jsonl.gz"), "--no-baseline"]) == 0
    out = capsys.readouterr().out
    assert "2 rejected by the pipeline's gate" in out and "never dropped from the gold" in out
    assert "not an article (web-archive crawl notice)" in out


def test_duc_2006_topic_level_f1_stays_above_its_pinned_floor():
    # Quality gate for the topic-level setting (StoryOptions docstring), on the DUC 2006 docsets it was
    # tuned on: 0.906 recorded in docs/evaluation-clusters.md, minus 0.01 for noise.
    from conftest import DATA

    from newsweave.config import Options, StoryOptions
    from newsweave.evaluation.clusters import score_online, screen

    path = DATA / "clustering_derived" / "duc_2006_2007_docs.jsonl.gz"
    if not path.is_file():
        pytest.fail(f"the shared DUC data is missing: expected it at {path}")
    records = [r for r in read_cluster_dataset(path).records if r.cluster.startswith("DUC2006")]
    options = StoryOptions(threshold=0.16, time_weight=0, name_weight=0.5, absorb_size=10)
    score, _ = score_online(records, options=options, rejected=screen(records, Options()), merge=0.08)
    assert score.f1 >= 0.896
