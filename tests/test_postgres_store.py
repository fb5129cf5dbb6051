"""The store's behaviour on both backends (SQLite and a real PostgreSQL server), and what only matters
with several writers: racing migrations, racing inserts of the same story and article."""

from __future__ import annotations

import multiprocessing
import os
import uuid
from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from newsweave.errors import StoreError
from newsweave.model import Article, Rejection, StoredArticle
from newsweave.store import open_store
from newsweave.store.postgres import PostgresStore
from newsweave.store.postgres_migrations import MIGRATIONS

POSTGRES = os.environ.get("NEWSWEAVE_TEST_POSTGRES")
needs_postgres = pytest.mark.skipif(not POSTGRES, reason="NEWSWEAVE_TEST_POSTGRES is unset (scripts/test.sh sets it)")


def drop_schema(schema: str) -> None:
    import psycopg

    with psycopg.connect(POSTGRES, autocommit=True) as db:
        db.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture
def pg_schema():
    """A fresh PostgreSQL schema name, dropped after the test."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    yield schema
    drop_schema(schema)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=[pytest.mark.postgres, needs_postgres])])
def make_store(request, tmp_path):
    """Opens the store under test; several calls open the same store again (a second process would)."""
    if request.param == "sqlite":
        yield lambda: open_store(str(tmp_path / "s.sqlite"))
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    yield lambda: PostgresStore(POSTGRES, schema=schema)
    drop_schema(schema)


@pytest.fixture
def store(make_store):
    with make_store() as opened:
        yield opened


def _record(article_id: str, text: str, *, story: str = "S1", published: datetime | None = None) -> StoredArticle:
    article = Article(id=article_id, text=text, outlet="Example Times", origin="test", title=f"Title {article_id}",
                      published=published)
    return StoredArticle(article=article, content_hash=f"hash-{article_id}", story=story)


def _add(store, article_id, text, **kwargs):
    store.add_article(_record(article_id, text, **kwargs), key=f"key-{article_id}", features=b"f\x00",
                      signature=b"s\x01")


# --- the same behaviour on both backends ---

def test_an_empty_store_lists_nothing_and_is_consistent(store):
    assert store.stories() == [] and store.rejections() == [] and list(store.features()) == []
    assert store.counts().articles == 0 and store.check() == []


def test_articles_after_counts_only_the_arrivals_since_a_given_one(store):
    # The web writer's check for other writers: it must see exactly the new rows, and say where
    # the last one is so the next check starts there.
    assert store.articles_after(-1) == (0, -1)
    _add(store, "a1", "one")
    _add(store, "a2", "two")
    arrived, last = store.articles_after(-1)
    assert arrived == 2
    assert store.articles_after(last) == (0, last)
    _add(store, "a3", "three", story="S2")
    arrived, newest = store.articles_after(last)
    assert arrived == 1 and newest > last and store.article("a3") is not None


def test_an_article_round_trips_with_its_story_dates_and_bytes(store):
    when = datetime(2023, 6, 18, 9, 30)
    _add(store, "a1", "Rain fell on the capital.", published=when)
    stored, story = store.article("a1"), store.story("S1")
    assert stored.article.text == "Rain fell on the capital." and stored.article.published == when
    assert story.articles == ("a1",) and story.first_published == when == story.last_published
    assert [(f.article, f.story, f.published, f.features, f.signature) for f in store.features()] == \
        [("a1", "S1", date(2023, 6, 18), b"f\x00", b"s\x01")]


def test_story_dates_span_all_its_articles_including_undated_ones(store):
    for n, day in enumerate((5, 2, None, 9)):
        _add(store, f"a{n}", f"text {n}", published=datetime(2023, 6, day) if day else None)
    story = store.story("S1")
    assert (story.first_published.day, story.last_published.day) == (2, 9)
    assert len(story.articles) == 4 and store.check() == []


def test_the_same_key_cannot_be_stored_twice_and_the_store_stays_consistent(store):
    _add(store, "a1", "one")
    with pytest.raises(StoreError):
        store.add_article(_record("a2", "two", story="S2"), key="key-a1", features=b"f", signature=b"s")
    # The failed article's transaction took its new story with it.
    assert store.counts().articles == 1 and store.counts().stories == 1 and store.check() == []


def test_find_by_key_and_by_hash_find_the_first_stored_article(store):
    _add(store, "a1", "one")
    assert store.find_by_key("key-a1").article.id == "a1"
    assert store.find_by_hash("hash-a1").article.id == "a1"
    assert store.find_by_key("nothing") is None and store.find_by_hash("nothing") is None


def test_full_text_search_finds_articles_by_words_in_any_order(store):
    _add(store, "quake", "A strong earthquake shook the coastal town.")
    _add(store, "vote", "Parliament passed the budget vote.", story="S2")
    assert [s.article.id for s in store.search("town earthquake")] == ["quake"]
    assert [s.id for s in store.stories(query="budget")] == ["S2"]


def test_search_text_with_operators_and_quotes_is_not_a_syntax_error(store):
    _add(store, "a", "The NOT guilty verdict (final) in O'Brien's case.")
    assert [s.article.id for s in store.search('guilty "verdict" (final & | !')] == ["a"]


def test_a_search_without_words_is_a_clear_error(store):
    with pytest.raises(StoreError, match="no words"):
        store.search("  ?! ")


def test_an_update_keeps_the_old_text_as_a_version_and_reindexes(store):
    _add(store, "a", "The toll rose to ten.")
    newer = Article(id="a", text="The toll rose to twelve.", outlet="Example Times", origin="test")
    assert store.update_article("a", newer, content_hash="h2") == 2
    assert store.update_article("a", newer, content_hash="h3") == 3
    assert store.counts().versions == 2
    assert [s.article.id for s in store.search("twelve")] == ["a"] and store.search("ten") == []
    assert store.check() == []


def test_updating_a_missing_article_is_a_clear_error(store):
    with pytest.raises(StoreError, match="no stored article"):
        store.update_article("ghost", Article(id="ghost", text="x", outlet="o"), content_hash="h")


def test_rejections_are_listed_once_each(store):
    for _ in range(2):
        store.record_rejection(Rejection(input="bad.html", reason="no article text found", article="bad"))
        store.record_rejection(Rejection(input="bad.warc", reason="corrupt"))
    assert store.rejections() == [Rejection(input="bad.html", reason="no article text found", article="bad"),
                                  Rejection(input="bad.warc", reason="corrupt")]


def test_stories_since_a_day_keep_those_with_a_later_article_most_recent_first(store):
    _add(store, "old", "old news", story="S1", published=datetime(2023, 5, 1))
    _add(store, "new", "new news", story="S2", published=datetime(2023, 6, 20))
    _add(store, "mid", "mid news", story="S3", published=datetime(2023, 6, 10))
    assert [s.id for s in store.stories(since=date(2023, 6, 1))] == ["S2", "S3"]
    assert [s.id for s in store.stories(limit=1)] == ["S2"]


def test_reopening_the_store_keeps_everything_and_applies_no_migration_twice(make_store):
    with make_store() as first:
        _add(first, "a1", "kept across opens")
    with make_store() as second:
        assert second.article("a1").article.text == "kept across opens"
        assert len(second.applied_migrations()) == len(MIGRATIONS)  # both backends have the same count


def test_ingesting_the_same_articles_twice_stores_each_once(make_store):
    from newsweave.api import Newsweave
    from newsweave.model import RawDocument

    words = " ".join(f"word{i}" for i in range(40))
    raws = [RawDocument(id=f"r{i}", origin="gen", kind="text", content=f"Story number {i}. {words} {i}.",
                        outlet="Wire") for i in range(3)]
    engine = Newsweave(nlp=object())  # ingest never runs spaCy (see stories.ingest)
    with make_store() as store:
        first = engine.ingest(raws, store=store)
    with make_store() as store:
        second = engine.ingest(raws, store=store)
        assert store.counts().articles == 3 and store.check() == []
    assert (first.stored, second.stored, second.duplicates) == (3, 0, 3)


# --- PostgreSQL only ---

@pytest.mark.postgres
@needs_postgres
def test_a_new_postgres_store_has_every_migration_recorded(pg_schema):
    with PostgresStore(POSTGRES, schema=pg_schema) as store:
        assert store.applied_migrations() == [name for name, _ in MIGRATIONS]


@pytest.mark.postgres
@needs_postgres
def test_a_postgresql_url_opens_the_postgres_store(pg_schema):
    PostgresStore(POSTGRES, schema=pg_schema).close()
    # libpq's options parameter keeps this store in the fresh schema, not the database's public one.
    with open_store(f"{POSTGRES}?options=-csearch_path%3D{pg_schema}") as store:
        assert isinstance(store, PostgresStore) and store.counts().articles == 0


def test_an_unreachable_server_is_a_clear_store_error():
    # Port 9 on loopback: nothing listens there, so the connection is refused at once.
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL"):
        PostgresStore("postgresql://nobody:secret@127.0.0.1:9/none", connect_timeout=2)


def test_an_invalid_schema_name_is_refused_before_connecting():
    with pytest.raises(StoreError, match="schema must be"):
        PostgresStore("postgresql://127.0.0.1:9/none", schema="Robert'); DROP")


@pytest.mark.postgres
@needs_postgres
def test_a_failed_migration_leaves_no_trace_of_itself(pg_schema, monkeypatch):
    import psycopg

    import newsweave.store.postgres as backend

    broken = MIGRATIONS + (("9999-broken", ("CREATE TABLE half (x INTEGER)", "THIS IS NOT SQL")),)
    monkeypatch.setattr(backend, "MIGRATIONS", broken)
    with pytest.raises(StoreError):
        PostgresStore(POSTGRES, schema=pg_schema)
    with psycopg.connect(POSTGRES) as db:
        tables = {r[0] for r in db.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
                                           (pg_schema,))}
        names = [r[0] for r in db.execute(f'SELECT name FROM "{pg_schema}".migrations')]
    assert "half" not in tables and "articles" in tables and "9999-broken" not in names


@pytest.mark.postgres
@needs_postgres
def test_text_with_a_nul_character_is_refused_with_the_field_named(pg_schema):
    with PostgresStore(POSTGRES, schema=pg_schema) as store, pytest.raises(StoreError, match="text holds a NUL"):
        _add(store, "a", "before\x00after")


@pytest.mark.postgres
@needs_postgres
def test_an_aware_publication_time_is_stored_as_utc(pg_schema):
    when = datetime(2023, 6, 18, 12, 0, tzinfo=timezone(timedelta(hours=2)))
    with PostgresStore(POSTGRES, schema=pg_schema) as store:
        _add(store, "a", "text", published=when)
        assert store.article("a").article.published == datetime(2023, 6, 18, 10, 0)


def _open_and_add(schema: str, worker: int, barrier) -> None:
    barrier.wait()
    with PostgresStore(POSTGRES, schema=schema) as store:
        for n in range(20):
            # Every worker adds articles to the same three stories at the same time.
            record = _record(f"w{worker}-{n}", f"text {worker} {n}", story=f"S{n % 3}",
                             published=datetime(2023, 6, 1 + n))
            store.add_article(record, key=f"k{worker}-{n}", features=b"f", signature=b"s")
        store.record_rejection(Rejection(input="same.warc", reason="corrupt"))


@pytest.mark.postgres
@needs_postgres
def test_several_processes_opening_a_fresh_store_and_writing_at_once_stay_consistent(pg_schema):
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(4)
    workers = [context.Process(target=_open_and_add, args=(pg_schema, w, barrier)) for w in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(60)
    assert [p.exitcode for p in workers] == [0, 0, 0, 0]
    with PostgresStore(POSTGRES, schema=pg_schema) as store:
        counts = store.counts()
        assert (counts.articles, counts.stories, counts.rejections) == (80, 3, 1)
        assert store.applied_migrations() == [name for name, _ in MIGRATIONS]
        assert store.check() == []


@pytest.mark.postgres
@needs_postgres
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)),
                    min_size=1, max_size=300),
       title=st.one_of(st.none(), st.text(alphabet=st.characters(blacklist_characters="\x00",
                                                                 blacklist_categories=("Cs",)), max_size=50)))
def test_any_text_without_nul_round_trips_through_postgres(pg_schema, text, title):
    with PostgresStore(POSTGRES, schema=pg_schema) as store:
        key = uuid.uuid4().hex
        article = Article(id=key, text=text, outlet="o", origin="p", title=title)
        store.add_article(StoredArticle(article=article, content_hash="h", story="S1"), key=key, features=b"\0",
                          signature=b"\0")
        stored = store.article(key).article
    assert (stored.text, stored.title) == (text, title)


@pytest.mark.postgres
@needs_postgres
def test_a_bulk_load_adds_new_rows_once_counts_stories_and_reports_taken_ids(pg_schema):
    with PostgresStore(POSTGRES, schema=pg_schema) as store:
        _add(store, "taken", "stored before the bulk load", story="S9")
        original = _record("orig", "the original wire story", story="S1", published=datetime(2023, 6, 2))
        copy = StoredArticle(article=Article(id="copy", text="the original wire story, reprinted", outlet="Other",
                                             published=datetime(2023, 6, 5)),
                             content_hash="h-copy", story="S1", copy_of="orig")
        clash = _record("taken", "another article with a taken id", story="S2")
        rows = [(original, "k-orig", b"f", b"s"), (copy, "k-copy", b"f", b"s"), (clash, "k-clash", b"f", b"s")]
        assert store.add_articles(rows) == ["taken"]
        assert store.add_articles(rows[:2]) == []  # loading again adds nothing
        story = store.story("S1")
        assert story.articles == ("orig", "copy") and store.article("copy").copy_of == "orig"
        assert (story.first_published.day, story.last_published.day) == (2, 5)
        assert store.story("S2") is None and store.counts().articles == 3 and store.check() == []
        assert [s.article.id for s in store.search("reprinted")] == ["copy"]
