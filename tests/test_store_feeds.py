"""Followed feeds in the store, on both backends (SQLite and a real PostgreSQL server): kept across
re-opening, idempotent, removable, validated, and added by a named migration applied once."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from newsweave.errors import StoreError
from newsweave.model import FollowedFeed
from newsweave.store import open_store
from newsweave.store.migrations import MIGRATIONS as SQLITE_MIGRATIONS
from newsweave.store.postgres_migrations import MIGRATIONS as POSTGRES_MIGRATIONS

# The backend-parametrised fixtures of the store's own tests: the same two backends, opened the same way.
from test_postgres_store import make_store, store  # noqa: E402,F401  (pytest fixtures, used by name)

WHEN = datetime(2024, 3, 5, 9, 0, tzinfo=timezone.utc)


def test_a_new_store_follows_no_feeds(store):
    assert store.followed_feeds() == []


def test_unfollowing_a_feed_that_is_not_followed_says_so(store):
    assert store.unfollow_feed("http://avel.example/feed.xml") is False


def test_a_followed_feed_is_still_followed_after_reopening_the_store(make_store):
    with make_store() as first:
        first.follow_feed(FollowedFeed("http://avel.example/feed.xml", 60.0, follow_links=True, added=WHEN))
    with make_store() as second:
        assert second.followed_feeds() == [FollowedFeed("http://avel.example/feed.xml", 60.0, True, WHEN)]


def test_follow_feed_returns_the_feed_as_stored_with_the_time_it_was_added(store):
    before = datetime.now(timezone.utc)
    stored = store.follow_feed(FollowedFeed("http://avel.example/feed.xml", 90))
    assert stored.url == "http://avel.example/feed.xml" and stored.every_seconds == 90.0
    assert stored.follow_links is False and before - timedelta(seconds=1) <= stored.added <= datetime.now(timezone.utc)
    assert store.followed_feeds() == [stored]


def test_following_the_same_url_again_updates_it_and_keeps_its_first_added_time(store):
    store.follow_feed(FollowedFeed("http://avel.example/feed.xml", 60.0, follow_links=False, added=WHEN))
    again = store.follow_feed(FollowedFeed("http://avel.example/feed.xml", 300.0, follow_links=True,
                                           added=WHEN + timedelta(days=2)))
    assert again == FollowedFeed("http://avel.example/feed.xml", 300.0, True, WHEN)
    assert store.followed_feeds() == [again]


def test_feeds_are_listed_in_the_order_they_were_first_followed(store):
    for name in ("b", "a", "c"):
        store.follow_feed(FollowedFeed(f"http://{name}.example/feed.xml", 60.0))
    store.follow_feed(FollowedFeed("http://b.example/feed.xml", 120.0))  # an update keeps b's place
    assert [f.url for f in store.followed_feeds()] == [f"http://{n}.example/feed.xml" for n in ("b", "a", "c")]


def test_an_unfollowed_feed_is_gone_after_reopening_and_the_others_stay(make_store):
    with make_store() as first:
        first.follow_feed(FollowedFeed("http://a.example/feed.xml", 60.0))
        first.follow_feed(FollowedFeed("http://b.example/feed.xml", 60.0))
        assert first.unfollow_feed("http://a.example/feed.xml") is True
    with make_store() as second:
        assert [f.url for f in second.followed_feeds()] == ["http://b.example/feed.xml"]


@pytest.mark.parametrize("feed, problem", [
    (FollowedFeed("", 60.0), "needs a URL"),                                    # nothing to fetch
    (FollowedFeed("   ", 60.0), "needs a URL"),                                 # blank is nothing too
    (FollowedFeed("http://a.example/\x00", 60.0), "NUL"),                      # PostgreSQL text cannot hold it
    (FollowedFeed("http://a.example/feed.xml", 0.0), "positive"),              # would fetch in a busy loop
    (FollowedFeed("http://a.example/feed.xml", -5.0), "positive"),
    (FollowedFeed("http://a.example/feed.xml", float("nan")), "positive"),     # NaN compares false to all
    (FollowedFeed("http://a.example/feed.xml", float("inf")), "positive"),     # would never fetch again
    (FollowedFeed("http://a.example/feed.xml", 60.0, added=datetime(2024, 3, 5)), "time zone"),  # ambiguous
])
def test_a_feed_the_store_cannot_keep_is_refused_with_the_reason_and_nothing_is_stored(store, feed, problem):
    with pytest.raises(StoreError, match=problem):
        store.follow_feed(feed)
    assert store.followed_feeds() == []


def test_unfollowing_a_url_with_a_nul_character_finds_nothing(store):
    assert store.unfollow_feed("http://a.example/\x00") is False


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(urls=st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                             min_size=1).filter(str.strip), min_size=1, max_size=5, unique=True),
       every=st.floats(min_value=1.0, max_value=7 * 24 * 3600.0))
def test_any_feed_urls_and_intervals_round_trip_through_the_store(store, urls, every):
    for url in urls:
        store.follow_feed(FollowedFeed(url, every, added=WHEN))
    assert store.followed_feeds() == [FollowedFeed(url, every, False, WHEN) for url in urls]
    for url in urls:
        assert store.unfollow_feed(url) is True
    assert store.followed_feeds() == []


def test_the_feeds_migration_is_named_the_same_and_fourth_on_both_backends():
    assert SQLITE_MIGRATIONS[3][0] == POSTGRES_MIGRATIONS[3][0] == "0004-followed-feeds"


def test_a_store_made_before_the_feeds_migration_gains_the_table_and_keeps_its_articles(tmp_path):
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)")
    for name, statements in SQLITE_MIGRATIONS[:3]:  # the schema as it shipped before followed feeds
        for statement in statements:
            db.execute(statement)
        db.execute("INSERT INTO migrations VALUES (?, ?)", (name, WHEN.isoformat()))
    db.execute("INSERT INTO stories (id, title, created) VALUES ('S1', 'Old story', ?)", (WHEN.isoformat(),))
    db.close()
    with open_store(str(path)) as store:
        assert store.applied_migrations() == [name for name, _ in SQLITE_MIGRATIONS]
        assert store.story("S1").title == "Old story" and store.followed_feeds() == []
        store.follow_feed(FollowedFeed("http://a.example/feed.xml", 60.0))
        assert store.check() == []
