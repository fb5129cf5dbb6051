"""The default store: one SQLite file, one writer connection, WAL journal, FTS5 search.

Durability: WAL with ``synchronous=NORMAL``. Every commit is written to the WAL before it returns, so
a killed process (``kill -9``, a crash) loses nothing that was committed and never corrupts the file;
only a power cut or OS crash can roll back the last few commits, which a re-run of the same ingest
restores (ingest is idempotent). ``synchronous=FULL`` would fsync on every article, several times
slower, for no gain against process crashes; pass ``synchronous="FULL"`` where power loss matters.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import Iterator

from ..errors import StoreError
from ..model import FollowedFeed, Rejection, StoredArticle
from . import rows
from .base import StoreCounts, StoredFeatures, checked_feed, utc_now
from .migrations import MIGRATIONS
from .migrator import Dialect, migrate
from .rows import ARTICLE_COLUMNS as _ARTICLE_COLUMNS, title_from as _title_from
from .sql import SqlStore

# BEGIN IMMEDIATE (our _Transaction) already takes the write lock, so no extra migration lock.
_DIALECT = Dialect(placeholder="?", applied_type="TEXT", now=lambda: utc_now().isoformat())


class SqliteStore(SqlStore):
    _P = "?"
    _MATCHING_STORIES = ("id IN (SELECT story FROM articles WHERE seq IN "
                         "(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))")

    def __init__(self, path: str | Path, *, synchronous: str = "NORMAL"):
        if synchronous not in ("NORMAL", "FULL"):
            raise StoreError(f"synchronous must be 'NORMAL' or 'FULL', got {synchronous!r}")
        self.path = Path(path).expanduser()
        self.url = f"sqlite:///{self.path}"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a transaction spans exactly
            # what we say and Python's sqlite3 never commits behind our back.
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=30.0)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(f"PRAGMA synchronous={synchronous}")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.Error as error:
            raise StoreError(f"{self.path}: cannot open the store ({error})") from error

    def _when(self, value: str | None) -> datetime | None:
        return _datetime(value)

    def _since(self, since: date) -> str:
        return since.isoformat()

    def _text_query(self, query: str) -> str:
        return _fts_query(query)

    # --- schema ---

    def _migrate(self) -> None:
        migrate(self._db, self._transaction, MIGRATIONS, dialect=_DIALECT)

    def _transaction(self):
        return _Transaction(self._db)

    def _now(self) -> str:
        return utc_now().isoformat()

    def batch(self):
        """One transaction around several writes: committed together (or not at all) on leaving.
        Ingest commits articles in small batches because one commit per article spends most of its
        time in the commit itself."""
        return _Transaction(self._db)

    # --- writes ---

    def add_article(self, record: StoredArticle, *, key: str, features: bytes, signature: bytes) -> None:
        a = record.article
        published = _iso(a.published)
        title = a.title or _title_from(a.text)
        try:
            with self._transaction():
                story = self._survivor(record.story)  # another process may have merged it away
                self._db.execute("INSERT INTO stories (id, title, created) VALUES (?, ?, ?) ON CONFLICT(id) DO NOTHING",
                                 (story, title, utc_now().isoformat()))
                self._db.execute(
                    f"INSERT INTO articles (key, {_ARTICLE_COLUMNS}, features, signature) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (key, a.id, a.url, a.outlet, a.origin, a.title, published, a.author, a.text, record.content_hash,
                     story, record.copy_of, record.version, _iso(record.ingested or utc_now()),
                     features, signature))
                self._db.execute(
                    """UPDATE stories SET size = size + 1,
                         first_published = CASE WHEN ?1 IS NULL THEN first_published
                              WHEN first_published IS NULL OR ?1 < first_published THEN ?1 ELSE first_published END,
                         last_published = CASE WHEN ?1 IS NULL THEN last_published
                              WHEN last_published IS NULL OR ?1 > last_published THEN ?1 ELSE last_published END
                       WHERE id = ?2""", (published, story))
        except sqlite3.IntegrityError as error:
            raise StoreError(f"article {a.id!r} could not be stored: {error}") from error

    @staticmethod
    def _stored_time(value: datetime | None) -> str | None:
        return _iso(value)

    def record_rejection(self, rejection: Rejection) -> None:
        with self._transaction():
            self._db.execute("INSERT OR IGNORE INTO rejections (input, reason, article, recorded) VALUES (?, ?, ?, ?)",
                             (rejection.input, rejection.reason, rejection.article, utc_now().isoformat()))

    def follow_feed(self, feed: FollowedFeed) -> FollowedFeed:
        feed = checked_feed(feed)
        with self._transaction():
            # An upsert keeps the row (its seq and first added time) of a feed followed again.
            self._db.execute("INSERT INTO followed_feeds (url, every_seconds, follow_links, added) VALUES (?, ?, ?, ?) "
                             "ON CONFLICT(url) DO UPDATE SET every_seconds = excluded.every_seconds, "
                             "follow_links = excluded.follow_links",
                             (feed.url, feed.every_seconds, int(feed.follow_links), feed.added.isoformat()))
            row = self._db.execute(f"SELECT {rows.FEED_COLUMNS} FROM followed_feeds WHERE url = ?",
                                   (feed.url,)).fetchone()
        return rows.feed(row, when=self._when)

    def unfollow_feed(self, url: str) -> bool:
        with self._transaction():
            return self._db.execute("DELETE FROM followed_feeds WHERE url = ?", (url,)).rowcount > 0

    # --- reads ---

    def search(self, query: str, *, limit: int = 20) -> list[StoredArticle]:
        found = self._db.execute(
            f"SELECT {', '.join('a.' + c.strip() for c in _ARTICLE_COLUMNS.split(','))} FROM articles_fts "
            "JOIN articles a ON a.seq = articles_fts.rowid WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (_fts_query(query), limit))
        return [rows.stored_article(row, when=self._when) for row in found]

    def features(self) -> Iterator[StoredFeatures]:
        found = self._db.execute("SELECT id, story, published, features, signature FROM articles ORDER BY seq")
        for article_id, story, published, features, signature in found:
            yield StoredFeatures(article=article_id, story=story, published=_date(published), features=features,
                                 signature=signature)

    def counts(self) -> StoreCounts:
        one = lambda sql: self._db.execute(sql).fetchone()[0]  # noqa: E731
        return StoreCounts(articles=one("SELECT count(*) FROM articles"), stories=one("SELECT count(*) FROM stories"),
                           copies=one("SELECT count(*) FROM articles WHERE copy_of IS NOT NULL"),
                           versions=one("SELECT count(*) FROM article_versions"),
                           rejections=one("SELECT count(*) FROM rejections"))

    def check(self) -> list[str]:
        problems = [row[0] for row in self._db.execute("PRAGMA integrity_check") if row[0] != "ok"]
        try:
            self._db.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError as error:
            problems.append(f"full-text index out of step with articles: {error}")
        return problems + self._story_problems()


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any error: the write lock is taken up front, so a
    second writer waits instead of failing half-way. Inside an open transaction (a ``batch``) it is a
    savepoint instead, so one failed write undoes only itself."""

    def __init__(self, db: sqlite3.Connection):
        self._db = db
        self._nested = False

    def __enter__(self) -> None:
        self._nested = self._db.in_transaction
        self._db.execute("SAVEPOINT write" if self._nested else "BEGIN IMMEDIATE")

    def __exit__(self, kind, error, trace) -> None:
        if not self._nested:
            self._db.execute("COMMIT" if kind is None else "ROLLBACK")
        elif kind is None:
            self._db.execute("RELEASE write")
        else:
            self._db.execute("ROLLBACK TO write")
            self._db.execute("RELEASE write")


def _fts_query(text: str) -> str:
    """A user's words as an FTS5 query (every word, any order): quoting each word means punctuation
    or FTS operators in the text can never make the query invalid."""
    return " ".join(f'"{word}"' for word in rows.query_words(text))


def _iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _date(value: str | None) -> date | None:
    return datetime.fromisoformat(value).date() if value else None
