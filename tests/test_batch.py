"""The ``newsweave batch`` command: its help, exit codes, a Dask run that connects to nothing but
loopback (every ``connect`` of every process traced with strace), and loading into PostgreSQL."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from _batch_shards import duc_records, write_jsonl
from newsweave.cli import EXIT_FATAL, EXIT_OK, EXIT_REJECTED, main

ROOT = Path(__file__).resolve().parents[1]
POSTGRES = os.environ.get("NEWSWEAVE_TEST_POSTGRES")
_ADDRESS = re.compile(r'inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)"')


@pytest.fixture(scope="module")
def small_shard(tmp_path_factory) -> str:
    return str(write_jsonl(tmp_path_factory.mktemp("shard") / "small.jsonl", duc_records(clusters=2, per_cluster=3)))


def test_batch_help_shows_examples_and_exit_codes(capsys):
    with pytest.raises(SystemExit):
        main(["batch", "--help"])
    text = capsys.readouterr().out
    assert "newsweave batch 'shards/*.jsonl' --out results --engine dask" in text and "Exit codes" in text


def test_a_scheduler_without_the_dask_engine_is_a_usage_error(small_shard, tmp_path, capsys):
    assert main(["batch", small_shard, "--out", str(tmp_path), "--scheduler", "tcp://127.0.0.1:1"]) == EXIT_FATAL
    assert "--scheduler needs --engine dask" in capsys.readouterr().err


def test_zero_workers_is_refused_by_the_parser(small_shard, tmp_path):
    with pytest.raises(SystemExit):
        main(["batch", small_shard, "--out", str(tmp_path), "--engine", "dask", "--workers", "0"])


@pytest.mark.slow
def test_a_local_batch_prints_a_summary_and_exits_1_when_a_shard_is_rejected(small_shard, tmp_path, capsys):
    code = main(["batch", small_shard, str(tmp_path / "nothing.warc.gz"), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == EXIT_REJECTED and "6 articles" in err and "1 rejected" in err
    assert pq.read_table(tmp_path / "out" / "articles.parquet").num_rows == 6


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed (scripts/setup.sh installs it)")
def test_a_dask_batch_connects_to_no_address_but_loopback(small_shard, tmp_path):
    trace = tmp_path / "connect.trace"
    command = ["strace", "-f", "-qq", "-e", "trace=connect", "-o", str(trace), sys.executable, "-m", "newsweave.cli",
               "batch", small_shard, "--out", str(tmp_path / "out"), "--engine", "dask", "--workers", "2",
               "--db", str(tmp_path / "store.sqlite")]
    run = subprocess.run(command, capture_output=True, text=True, timeout=420, cwd=ROOT)
    assert run.returncode == EXIT_OK, run.stderr[-2000:]
    # The dashboard link is printed (bokeh comes with the dask extra) and is a loopback address; the
    # progress bars of the stages were drawn.
    assert "dashboard: http://127.0.0.1:" in run.stderr and "6 articles" in run.stderr
    assert "brief: 100%" in run.stderr
    addresses = {a or b for a, b in _ADDRESS.findall(trace.read_text())}
    # The workers did talk to the scheduler (so the trace saw them), and only over loopback.
    assert "127.0.0.1" in addresses
    assert addresses <= {"127.0.0.1", "::1"}, f"connections beyond loopback: {addresses - {'127.0.0.1', '::1'}}"
    assert len([json.loads(line) for line in (tmp_path / "out" / "briefs.jsonl").read_text().splitlines()]) == \
        pq.read_table(tmp_path / "out" / "stories.parquet").num_rows


@pytest.mark.slow
@pytest.mark.postgres
@pytest.mark.skipif(not POSTGRES, reason="NEWSWEAVE_TEST_POSTGRES is unset (scripts/test.sh sets it)")
def test_a_batch_loads_its_stories_into_postgresql(small_shard, tmp_path):
    import psycopg

    from newsweave.store.postgres import PostgresStore

    schema = f"t_{uuid.uuid4().hex[:12]}"
    try:
        PostgresStore(POSTGRES, schema=schema).close()
        # libpq's options parameter puts the run's store in the fresh schema.
        url = f"{POSTGRES}?options=-csearch_path%3D{schema}"
        assert main(["batch", small_shard, "--out", str(tmp_path / "out"), "--db", url]) == EXIT_OK
        stories = pq.read_table(tmp_path / "out" / "stories.parquet").to_pylist()
        with PostgresStore(POSTGRES, schema=schema) as store:
            assert store.counts().articles == 6 and store.check() == []
            assert [store.story(s["id"]).articles for s in stories] == [tuple(s["articles"]) for s in stories]
    finally:
        with psycopg.connect(POSTGRES, autocommit=True) as db:
            db.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.mark.slow
def test_a_batch_runs_on_an_existing_scheduler_given_by_address(small_shard, tmp_path, nlp):
    from distributed import Client

    from newsweave.engines import run_local
    from newsweave.engines.dask import local_cluster

    with local_cluster(1) as cluster, Client(cluster):
        code = main(["batch", small_shard, "--out", str(tmp_path / "dask"), "--engine", "dask",
                     "--scheduler", cluster.scheduler_address])
    run_local([small_shard], tmp_path / "local", nlp=nlp)
    assert code == EXIT_OK
    assert (tmp_path / "dask" / "briefs.jsonl").read_text() == (tmp_path / "local" / "briefs.jsonl").read_text()
