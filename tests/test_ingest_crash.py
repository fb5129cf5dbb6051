"""kill -9 in the middle of an ingest, then the same command again: every article stored exactly once,
the store consistent, every article in a story, and the same stories as a run never interrupted."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from newsweave.store import open_store

from _stories_corpus import write_corpus

ARTICLES = 400


def _ingest_command(source, db):
    return [sys.executable, "-m", "newsweave.cli", "ingest", str(source), "--db", str(db)]


def _stored(db) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_killing_an_ingest_and_rerunning_it_stores_every_article_exactly_once(tmp_path):
    source = tmp_path / "in"
    write_corpus(source, ARTICLES)
    db = tmp_path / "crash.sqlite"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(_ingest_command(source, db), env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _stored(db) < 40 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()
    before = _stored(db)
    assert 0 < before < ARTICLES, f"the kill should land mid-ingest; {before} of {ARTICLES} were stored"

    rerun = subprocess.run(_ingest_command(source, db), env=env, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"stored {ARTICLES - before}, duplicates {before}" in rerun.stderr

    with open_store(str(db)) as store:
        counts = store.counts()
        assert store.check() == []  # integrity_check, FTS in step, story sizes match
        assert counts.articles == ARTICLES
        assert len(store.search("the")) == 20  # the search index answers (limit 20)
        assigned = sum(len(s.articles) for s in store.stories(limit=None))
    raw = sqlite3.connect(db)
    assert raw.execute("SELECT count(DISTINCT key) FROM articles").fetchone()[0] == ARTICLES
    assert raw.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'the'").fetchone()[0] == ARTICLES
    assert assigned == ARTICLES

    clean = tmp_path / "clean.sqlite"
    subprocess.run(_ingest_command(source, clean), env=env, check=True, capture_output=True, timeout=300)
    with open_store(str(db)) as resumed, open_store(str(clean)) as uninterrupted:
        assert [(s.id, s.articles) for s in resumed.stories(limit=None)] == \
               [(s.id, s.articles) for s in uninterrupted.stories(limit=None)]
