"""The SQLite store: migrations, round trips, full-text search, rejections, consistency checks."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest
from hypothesis import given, settings, strategies as st

from newsweave.errors import StoreError
from newsweave.model import Article, Rejection, StoredArticle
from newsweave.store import default_store_url, open_store
from newsweave.store.migrations import MIGRATIONS


def _record(article_id: str, text: str, *, story: str = "S1", published: datetime | None = None) -> StoredArticle:
    article = Article(id=article_id, text=text, outlet="Example Times", origin="test", title=f"Title {article_id}",
                      published=published)
    return StoredArticle(article=article, content_hash=f"hash-{article_id}", story=story)


def test_a_new_store_has_every_migration_recorded(tmp_path):
    with open_store(str(tmp_path / "s.sqlite")) as store:
        assert store.applied_migrations() == [name for name, _ in MIGRATIONS]


def test_reopening_a_store_applies_no_migration_twice(tmp_path):
    path = str(tmp_path / "s.sqlite")
    open_store(path).close()
    with open_store(f"sqlite:///{path}") as store:
        assert len(store.applied_migrations()) == len(MIGRATIONS)


def test_a_failed_migration_leaves_no_trace_of_itself(tmp_path, monkeypatch):
    import newsweave.store.sqlite as backend

    broken = MIGRATIONS + (("9999-broken", ("CREATE TABLE half (x INTEGER)", "THIS IS NOT SQL")),)
    monkeypatch.setattr(backend, "MIGRATIONS", broken)
    with pytest.raises(StoreError):
        open_store(str(tmp_path / "s.sqlite"))
    db = sqlite3.connect(tmp_path / "s.sqlite")
    assert db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half'").fetchone()[0] == 0
    assert "9999-broken" not in [r[0] for r in db.execute("SELECT name FROM migrations")]


def test_an_article_round_trips_with_its_story_and_dates(tmp_path):
    when = datetime(2023, 6, 18, 9, 30)
    with open_store(str(tmp_path / "s.sqlite")) as store:
        store.add_article(_record("a1", "Rain fell on the capital.", published=when), key="k1", features=b"f",
                          signature=b"s")
        stored = store.article("a1")
        story = store.story("S1")
    assert stored.article.text == "Rain fell on the capital." and stored.article.published == when
    assert story.articles == ("a1",) and story.outlets == ("Example Times",)
    assert story.first_published == when == story.last_published


def test_story_dates_span_all_its_articles(tmp_path):
    with open_store(str(tmp_path / "s.sqlite")) as store:
        for n, day in enumerate((5, 2, 9)):
            store.add_article(_record(f"a{n}", f"text {n}", published=datetime(2023, 6, day)), key=f"k{n}",
                              features=b"f", signature=b"s")
        story = store.story("S1")
    assert (story.first_published.day, story.last_published.day) == (2, 9)


def test_the_same_key_cannot_be_stored_twice(tmp_path):
    with open_store(str(tmp_path / "s.sqlite")) as store:
        store.add_article(_record("a1", "one"), key="same", features=b"f", signature=b"s")
        with pytest.raises(StoreError):
            store.add_article(_record("a2", "two"), key="same", features=b"f", signature=b"s")
        assert store.counts().articles == 1 and store.check() == []


def test_full_text_search_finds_articles_by_words_in_any_order(tmp_path):
    with open_store(str(tmp_path / "s.sqlite")) as store:
        store.add_article(_record("quake", "A strong earthquake shook the coastal town."), key="1", features=b"f",
                          signature=b"s")
        store.add_article(_record("vote", "Parliament passed the budget vote.", story="S2"), key="2", features=b"f",
                          signature=b"s")
        found = [s.article.id for s in store.search("town earthquake")]
        stories = [s.id for s in store.stories(query="budget")]
    assert found == ["quake"] and stories == ["S2"]


def test_search_text_with_operators_is_not_a_syntax_error(tmp_path):
    with open_store(str(tmp_path / "s.sqlite")) as store:
        store.add_article(_record("a", "The NOT guilty verdict (final)."), key="1", features=b"f", signature=b"s")
        assert [s.article.id for s in store.search('NOT "guilty" (final')] == ["a"]


def test_a_search_without_words_is_a_clear_error(tmp_path):
    with open_store(str(tmp_path / "s.sqlite")) as store, pytest.raises(StoreError, match="no words"):
        store.search("  ?! ")


def test_an_update_keeps_the_old_text_as_a_version_and_reindexes(tmp_path):
    with open_store(str(tmp_path / "s.sqlite")) as store:
        store.add_article(_record("a", "The toll rose to ten."), key="1", features=b"f", signature=b"s")
        newer = Article(id="a", text="The toll rose to twelve.", outlet="Example Times", origin="test")
        version = store.update_article("a", newer, content_hash="h2")
        assert version == 2 and store.counts().versions == 1
        assert [s.article.id for s in store.search("twelve")] == ["a"] and store.search("ten") == []
        assert store.check() == []


def test_rejections_are_listed_once_each(tmp_path):
    with open_store(str(tmp_path / "s.sqlite")) as store:
        for _ in range(2):
            store.record_rejection(Rejection(input="bad.html", reason="no article text found", article="bad"))
        assert store.rejections() == [Rejection(input="bad.html", reason="no article text found", article="bad")]


def test_an_empty_store_lists_nothing(tmp_path):
    with open_store(str(tmp_path / "s.sqlite")) as store:
        assert store.stories() == [] and store.rejections() == [] and list(store.features()) == []
        assert store.check() == []


def test_an_unknown_store_url_scheme_is_a_clear_error():
    with pytest.raises(StoreError, match="unknown store URL"):
        open_store("mongodb://localhost/news")


def test_the_default_store_path_follows_the_environment_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSWEAVE_DB", str(tmp_path / "env.sqlite"))
    assert default_store_url() == str(tmp_path / "env.sqlite")
    monkeypatch.delenv("NEWSWEAVE_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_store_url() == str(tmp_path / "newsweave" / "newsweave.sqlite")


@settings(max_examples=25, deadline=None)
@given(text=st.text(min_size=1, max_size=300), title=st.one_of(st.none(), st.text(max_size=50)))
def test_any_text_and_title_round_trip_through_the_store(tmp_path_factory, text, title):
    path = tmp_path_factory.mktemp("prop") / "s.sqlite"
    article = Article(id="x", text=text, outlet="o", origin="p", title=title)
    with open_store(str(path)) as store:
        store.add_article(StoredArticle(article=article, content_hash="h", story="S1"), key="k", features=b"\0",
                          signature=b"\1")
        assert store.article("x").article == article
