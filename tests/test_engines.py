"""The batch engines: local and Dask give the same stories and briefs on the same shards; a corrupt
shard is reported and the rest completes; a worker killed mid-job loses and duplicates nothing; wire
copies found by the band shuffle are those one LSH pass finds; no task hands per-article records to
the client. Shards are built at test time from the shared DUC articles (tests/_batch_shards.py)."""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from _batch_shards import build_shards, duc_records
from newsweave.config import Options
from newsweave.documents.fingerprint import signature, signature_bytes
from newsweave.engines import run_dask, run_local
from newsweave.engines.atomic import write_bytes_atomically
from newsweave.engines.blocks import arrival_key, block_of, find_copies, merge_blocks
from newsweave.engines.copies import band_records, earliest_originals, find_bucket_copies
from newsweave.engines.exchange import write_partitioned
from newsweave.engines.local import LocalExecutor
from newsweave.engines.pipeline import run_pipeline
from newsweave.engines.records import BlockStories, ShardEntry
from newsweave.errors import OptionsError

pytestmark = pytest.mark.slow


def outputs(directory: Path) -> dict:
    """Everything a run wrote, in comparable form."""
    return {"briefs": (directory / "briefs.jsonl").read_text(encoding="utf-8"),
            "stories": pq.read_table(directory / "stories.parquet").to_pylist(),
            "articles": pq.read_table(directory / "articles.parquet").to_pylist(),
            "rejections": [json.loads(line) for line in (directory / "rejections.jsonl").read_text().splitlines()]}


@pytest.fixture(scope="module")
def shards(tmp_path_factory) -> list[str]:
    records = duc_records(clusters=4, per_cluster=6)
    return build_shards(tmp_path_factory.mktemp("shards"), records[:18], records[18:])


class RecordingExecutor(LocalExecutor):
    """The local engine, keeping every result its tasks hand back to the client."""

    def __init__(self, nlp):
        super().__init__(nlp)
        self.returned: dict[str, list] = {}

    def map(self, function, calls, *, stage, needs_nlp):
        results = super().map(function, calls, stage=stage, needs_nlp=needs_nlp)
        self.returned[stage] = results
        return results


@pytest.fixture(scope="module")
def recorded_local_run(shards, tmp_path_factory, nlp):
    out = tmp_path_factory.mktemp("local")
    executor = RecordingExecutor(nlp)
    return run_pipeline(shards, out, executor, options=Options()), outputs(out), executor.returned


@pytest.fixture(scope="module")
def local_run(recorded_local_run):
    summary, written, _ = recorded_local_run
    return summary, written


@pytest.fixture(scope="module")
def dask_cluster():
    from distributed import Client

    from newsweave.engines.dask import local_cluster

    with local_cluster(2) as cluster, Client(cluster) as client:
        yield client


@pytest.fixture(scope="module")
def dask_run(shards, tmp_path_factory, dask_cluster):
    out = tmp_path_factory.mktemp("dask")
    return run_dask(shards, out, client=dask_cluster), outputs(out)


def test_the_dask_engine_writes_the_same_stories_and_briefs_as_the_local_engine(local_run, dask_run):
    (local_summary, local), (dask_summary, remote) = local_run, dask_run
    assert local["stories"] == remote["stories"] and local["briefs"] == remote["briefs"]
    assert local["articles"] == remote["articles"] and local["rejections"] == remote["rejections"]
    assert (local_summary.articles, local_summary.stories) == (dask_summary.articles, dask_summary.stories)


def test_every_story_has_one_brief_in_the_json_brief_shape(local_run):
    _, written = local_run
    briefs = [json.loads(line) for line in written["briefs"].splitlines()]
    assert [b["story"] for b in briefs] == [s["id"] for s in written["stories"]]
    for brief, story in zip(briefs, written["stories"]):
        assert {a["id"] for a in brief["articles"]} == set(story["articles"])
        assert brief["summary"] and all("source" in sentence for sentence in brief["summary"])


def test_each_article_is_written_once_in_the_story_that_lists_it(local_run):
    summary, written = local_run
    ids = [a["id"] for a in written["articles"]]
    assert len(ids) == len(set(ids)) == summary.articles
    listed = {article: story["id"] for story in written["stories"] for article in story["articles"]}
    assert {a["id"]: a["story"] for a in written["articles"]} == listed


def test_articles_of_one_duc_topic_in_the_same_week_share_a_story(local_run):
    _, written = local_run
    by_week: dict[tuple, set] = {}
    for article in written["articles"]:
        if article["published"] is not None and article["origin"].endswith(".jsonl"):
            by_week.setdefault(block_of(article["published"]), set()).add(article["story"])
    # The earliest articles of each DUC topic cluster in time; some week holds several of one topic.
    assert any(len(stories) < sum(1 for a in written["articles"] if a["published"] is not None
                                  and block_of(a["published"]) == week) for week, stories in by_week.items())


def test_a_corrupt_shard_is_reported_and_the_rest_completes(local_run):
    summary, written = local_run
    broken = [r for r in written["rejections"] if r["input"].endswith("part-3.warc.gz")]
    # The reason is the reader's own ("broken or truncated WARC…", or the error it hit).
    assert broken and all(r["reason"] for r in broken)
    origins = {a["origin"].rsplit("/", 1)[-1] for a in written["articles"]}
    assert {"part-0.jsonl", "part-1.jsonl", "part-2.warc.gz"} <= origins
    assert summary.rejected == len(written["rejections"])


def test_no_part_files_or_temporary_files_are_left_behind(local_run, tmp_path_factory):
    summary, _ = local_run
    out = Path(summary.outputs[0]).parent
    assert sorted(p.name for p in out.iterdir()) == ["articles.parquet", "briefs.jsonl", "rejections.jsonl",
                                                      "stories.parquet"]


def test_loading_the_batch_into_a_store_twice_stores_each_article_once(shards, tmp_path, nlp):
    from newsweave.store import open_store

    db = str(tmp_path / "batch.sqlite")
    first = run_local(shards[:1], tmp_path / "one", nlp=nlp, db=db)
    run_local(shards[:1], tmp_path / "two", nlp=nlp, db=db)
    with open_store(db) as store:
        assert store.counts().articles == first.articles and store.check() == []
        stories = pq.read_table(tmp_path / "one" / "stories.parquet").to_pylist()
        assert all(store.story(s["id"]).articles == tuple(s["articles"]) for s in stories)


def test_an_empty_shard_list_writes_empty_outputs_and_reports_the_empty_file(tmp_path, nlp):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    summary = run_local([str(empty)], tmp_path / "out", nlp=nlp)
    written = outputs(tmp_path / "out")
    assert (summary.articles, summary.stories, written["briefs"], written["stories"]) == (0, 0, "", [])
    assert [r["reason"] for r in written["rejections"]] == ["empty input (no bytes)"]


def test_no_shards_at_all_is_a_clear_error(tmp_path, nlp):
    with pytest.raises(OptionsError, match="at least one shard"):
        run_local([], tmp_path / "out", nlp=nlp)


def test_a_glob_that_matches_nothing_is_reported_not_dropped(tmp_path, nlp):
    run_local([str(tmp_path / "missing-*.warc.gz")], tmp_path / "out", nlp=nlp)
    assert [r["reason"] for r in outputs(tmp_path / "out")["rejections"]] == ["no such file or directory"]


def test_a_worker_killed_mid_job_neither_loses_nor_duplicates_output(shards, tmp_path, dask_cluster, local_run):
    client = dask_cluster
    result: dict = {}
    job = threading.Thread(target=lambda: result.update(summary=run_dask(shards, tmp_path / "out", client=client)))
    job.start()
    killed = None
    deadline = time.monotonic() + 120
    while killed is None and job.is_alive() and time.monotonic() < deadline:
        busy = {worker: keys for worker, keys in client.processing().items() if keys}
        if busy:
            killed = sorted(busy)[0]
            try:
                client.run(os._exit, 1, workers=[killed])
            except Exception:  # noqa: BLE001 - the worker dies before it can answer; that is the point
                pass
        time.sleep(0.05)
    job.join(300)
    assert killed is not None, "no task was seen running, so no worker was killed"
    assert not job.is_alive() and "summary" in result
    _, expected = local_run
    assert outputs(tmp_path / "out") == expected


def test_an_atomic_write_leaves_the_old_file_when_writing_fails(tmp_path):
    target = write_bytes_atomically(tmp_path / "part.jsonl", b"old\n")

    def fail(handle):
        handle.write(b"half")
        raise OSError("disk full")

    from newsweave.engines.atomic import write_atomically

    with pytest.raises(OSError):
        write_atomically(target, fail)
    assert target.read_bytes() == b"old\n" and [p.name for p in tmp_path.iterdir()] == ["part.jsonl"]


def test_weeks_start_on_monday_and_undated_articles_have_their_own_block():
    assert block_of(datetime(2023, 6, 18, 23, 0)) == "2023-06-12"  # a Sunday
    assert block_of(datetime(2023, 6, 19)) == "2023-06-19"
    assert block_of(None) == "undated"


def _block(name: str, *stories: tuple[str, dict[int, float]]) -> BlockStories:
    return BlockStories(block=name, assignments=(), features=(),
                        centroids=tuple((story, tuple(sorted(vector.items()))) for story, vector in stories))


def test_a_story_split_by_a_week_edge_is_merged_and_named_after_its_earlier_half():
    first = _block("2023-06-12", ("S1", {1: 1.0, 2: 1.0}), ("S2", {7: 1.0}))
    second = _block("2023-06-19", ("S1", {9: 1.0}), ("S2", {1: 1.0, 2: 0.8}))
    merged = merge_blocks([second, first])
    assert merged[("2023-06-19", "S2")] == ("2023-06-12", "S1")
    assert merged[("2023-06-19", "S1")] == ("2023-06-19", "S1") and merged[("2023-06-12", "S2")] == ("2023-06-12", "S2")


def test_stories_further_apart_than_the_merge_window_or_undated_are_never_merged():
    first = _block("2023-06-05", ("S1", {1: 1.0}))
    third = _block("2023-06-19", ("S1", {1: 1.0}))
    undated = _block("undated", ("S1", {1: 1.0}))
    merged = merge_blocks([first, third, undated], weeks=1)
    assert len(set(merged.values())) == 3
    assert merge_blocks([first, third], weeks=2)[("2023-06-19", "S1")] == ("2023-06-05", "S1")


def test_a_later_story_joins_the_earlier_story_it_is_most_similar_to_across_the_window():
    two_back = _block("2023-06-05", ("S1", {1: 1.0, 2: 1.0}))
    one_back = _block("2023-06-12", ("S1", {1: 1.0, 3: 1.0}))
    later = _block("2023-06-19", ("S1", {1: 1.0, 2: 1.0}))
    assert merge_blocks([two_back, one_back, later], weeks=2, threshold=0.4)[("2023-06-19", "S1")] == \
        ("2023-06-05", "S1")


def test_a_story_running_three_weeks_is_one_story():
    weeks = [_block(day, ("S1", {1: 1.0, 2: 0.5})) for day in ("2023-06-05", "2023-06-12", "2023-06-19")]
    assert set(merge_blocks(weeks).values()) == {("2023-06-05", "S1")}


def test_options_travel_to_workers_unchanged(shards, tmp_path, dask_cluster):
    # Options hold a read-only mapping; Dask must ship them to worker processes intact.
    options = Options(min_article_words=100_000)
    summary = run_dask(shards[:1], tmp_path / "out", client=dask_cluster, options=options)
    reasons = [r["reason"] for r in outputs(tmp_path / "out")["rejections"]]
    assert summary.articles == 0 and reasons and all("min_article_words=100000" in r for r in reasons)


FLOOD = ("Floodwaters from the Varnel River swept through the town of Oskarby on {day}, and the mayor of Oskarby, "
         "Lene Thorvald, ordered the evacuation of the harbour district. Rescue crews from Brenholm used boats to "
         "reach families trapped on rooftops along the Varnel. Thorvald said the Varnel River had never risen "
         "so fast, and engineers warned that the old Oskarby dam could fail if the rain continued.")
BUDGET = ("The parliament of Kestria approved a new budget for schools and hospitals after a long debate. Finance "
          "minister Arvo Maelin said the plan would raise teacher salaries and fund two new clinics in the northern "
          "provinces, while the opposition argued that the tax changes favoured large companies over families.")


def test_a_story_crossing_a_week_edge_comes_out_as_one_story_whatever_the_time_zones(tmp_path, nlp):
    records = [
        {"id": "flood-sunday", "text": FLOOD.format(day="Sunday"), "outlet": "North Post",
         "published": "2023-06-18T21:00:00+02:00"},
        {"id": "budget", "text": BUDGET, "outlet": "Capital Daily", "published": "2023-06-19"},
        {"id": "flood-monday", "text": FLOOD.format(day="Monday").replace("swept", "kept sweeping"),
         "outlet": "Harbour Times", "published": "2023-06-19T08:00:00Z"},
    ]
    shard = tmp_path / "week-edge.jsonl"
    shard.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    summary = run_local([str(shard)], tmp_path / "out", nlp=nlp)
    stories = {tuple(s["articles"]) for s in outputs(tmp_path / "out")["stories"]}
    assert summary.articles == 3 and stories == {("flood-sunday", "flood-monday"), ("budget",)}


def _without_rejections(value):
    # Rejections name the articles they reject: that is their job, and they are few.
    if dataclasses.is_dataclass(value) and hasattr(value, "rejections"):
        return dataclasses.replace(value, rejections=())
    if isinstance(value, list):
        return [_without_rejections(item) for item in value if not (isinstance(item, tuple) and len(item) == 2
                                                                      and type(item[1]).__name__ == "Rejection")]
    return value


def test_no_task_hands_an_article_id_back_to_the_client_except_in_a_rejection(recorded_local_run):
    summary, written, returned = recorded_local_run
    assert {"read", "ids", "copies", "cluster", "merge", "route", "plan", "brief"} <= set(returned)
    payload = pickle.dumps({stage: _without_rejections(results) for stage, results in returned.items()})
    ids = [article["id"] for article in written["articles"]]
    assert len(ids) == summary.articles > 0
    assert [article for article in ids if article.encode("utf-8") in payload] == []


def _entry(article: str, shard: int, position: int, published: datetime, text: str) -> ShardEntry:
    return ShardEntry(article=article, shard=shard, position=position, published=published, counts=b"",
                      signature=signature_bytes(signature(text)), content_hash=article)


def test_the_band_shuffle_finds_the_copies_one_lsh_pass_finds(tmp_path):
    records = duc_records(clusters=3, per_cluster=4)
    day = datetime(2023, 6, 12, 9)
    entries = [_entry(r["id"], 0, i, day + timedelta(days=i % 9), r["text"]) for i, r in enumerate(records)]
    sentences = [r["text"].rsplit(".", 2)[0] + "." for r in records[:4]]
    copies = [
        _entry("reprint-trimmed", 1, 0, day + timedelta(days=10), sentences[0]),  # ending cut, a later week
        _entry("reprint-early", 1, 1, day - timedelta(days=1), records[1]["text"]),  # arrives before its source
        _entry("reprint-of-reprint", 1, 2, day + timedelta(days=11), sentences[0]),
        _entry("reprint-headline", 1, 3, day + timedelta(days=2), "Breaking. " + records[2]["text"]),
        _entry("empty", 1, 4, day, ""),
    ]
    placed = [(e, arrival_key(e), block_of(e.published)) for e in entries + copies]
    buckets = 3
    for shard in (0, 1):
        write_partitioned(tmp_path, "bands", f"s{shard:05d}",
                          band_records([p for p in placed if p[0].shard == shard], threshold=0.8, buckets=buckets))
    for bucket in range(buckets):
        find_bucket_copies(bucket, str(tmp_path), 0.8, frozenset())
    shuffled = {a: o for week in {w for _, _, w in placed} for a, o in earliest_originals(tmp_path, week).items()}
    expected = find_copies(sorted(entries + copies, key=arrival_key), threshold=0.8)
    # The reference finds real copies here (else the comparison would prove nothing), original first.
    assert {"reprint-trimmed", "reprint-headline", records[1]["id"]} <= set(expected)
    assert expected["reprint-of-reprint"] == records[0]["id"] and expected[records[1]["id"]] == "reprint-early"
    assert shuffled == expected


def test_an_article_dropped_as_a_duplicate_id_is_neither_a_copy_nor_an_original(tmp_path):
    text = duc_records(clusters=1, per_cluster=1)[0]["text"]
    day = datetime(2023, 6, 12)
    pair = [_entry("first", 0, 0, day, text), _entry("second", 0, 1, day + timedelta(hours=1), text)]
    write_partitioned(tmp_path, "bands", "s00000", band_records([(e, arrival_key(e), block_of(e.published))
                                                                  for e in pair], threshold=0.8, buckets=1))
    find_bucket_copies(0, str(tmp_path), 0.8, frozenset({(0, 0)}))
    assert earliest_originals(tmp_path, block_of(day)) == {}


def test_the_dashboard_of_a_local_cluster_answers_on_loopback_only(dask_cluster):
    import http.client
    import socket
    from urllib.parse import urlsplit

    from newsweave.engines.dask import dashboard

    link = urlsplit(dashboard(dask_cluster))
    assert link.hostname == "127.0.0.1" and link.path == "/status"
    connection = http.client.HTTPConnection("127.0.0.1", link.port, timeout=30)
    connection.request("GET", "/status")
    response = connection.getresponse()
    assert response.status == 200 and b"<html" in response.read().lower()
    outward = socket.gethostbyname(socket.gethostname())
    if not outward.startswith("127."):  # a machine with a non-loopback address: the port is closed there
        with pytest.raises(OSError):
            socket.create_connection((outward, link.port), timeout=5).close()
