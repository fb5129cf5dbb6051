"""The default store: one SQLite file, one writer connection, WAL journal, FTS5 search.

Durability: WAL with ``synchronous=NORMAL``. Every commit is written to the WAL before it returns, so
a killed process (``kill -9``, a crash) loses nothing that was committed and never corrupts the file;
only a power cut or OS crash can roll back the last few commits, which a re-run of the same ingest
restores (ingest is idempotent). ``synchronous=FULL`` would fsync on every article, several times
slower, for no gain against process crashes; pass ``synchronous="FULL"`` where power loss matters.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import Iterator

from ..errors import StoreError
from ..model import Article, FollowedFeed, Rejection, Story, StoredArticle
from .base import Store, StoreCounts, StoredFeatures, checked_feed, utc_now
from .migrations import MIGRATIONS
from .migrator import Dialect, applied_migrations, migrate

_ARTICLE_COLUMNS = ("id, url, outlet, origin, title, published, author, text, content_hash, story, copy_of, "
                    "version, ingested")
_QUERY_WORD = re.compile(r"\w+", re.UNICODE)
# BEGIN IMMEDIATE (our _Transaction) already takes the write lock, so no extra migration lock.
_DIALECT = Dialect(placeholder="?", applied_type="TEXT", now=lambda: utc_now().isoformat())


class SqliteStore(Store):
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

    # --- schema ---

    def applied_migrations(self) -> list[str]:
        return applied_migrations(self._db)

    def _migrate(self) -> None:
        migrate(self._db, self._transaction, MIGRATIONS, dialect=_DIALECT)

    def _transaction(self):
        return _Transaction(self._db)

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
                self._db.execute("INSERT INTO stories (id, title, created) VALUES (?, ?, ?) ON CONFLICT(id) DO NOTHING",
                                 (record.story, title, utc_now().isoformat()))
                self._db.execute(
                    f"INSERT INTO articles (key, {_ARTICLE_COLUMNS}, features, signature) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (key, a.id, a.url, a.outlet, a.origin, a.title, published, a.author, a.text, record.content_hash,
                     record.story, record.copy_of, record.version, _iso(record.ingested or utc_now()),
                     features, signature))
                self._db.execute(
                    """UPDATE stories SET size = size + 1,
                         first_published = CASE WHEN ?1 IS NULL THEN first_published
                              WHEN first_published IS NULL OR ?1 < first_published THEN ?1 ELSE first_published END,
                         last_published = CASE WHEN ?1 IS NULL THEN last_published
                              WHEN last_published IS NULL OR ?1 > last_published THEN ?1 ELSE last_published END
                       WHERE id = ?2""", (published, record.story))
        except sqlite3.IntegrityError as error:
            raise StoreError(f"article {a.id!r} could not be stored: {error}") from error

    def update_article(self, article_id: str, article: Article, *, content_hash: str) -> int:
        with self._transaction():
            row = self._db.execute("SELECT version, title, published, text, content_hash FROM articles WHERE id = ?",
                                   (article_id,)).fetchone()
            if row is None:
                raise StoreError(f"no stored article {article_id!r} to update")
            version = row[0]
            self._db.execute("INSERT INTO article_versions (article, version, title, published, text, content_hash, "
                             "replaced) VALUES (?, ?, ?, ?, ?, ?, ?)", (article_id, *row, utc_now().isoformat()))
            self._db.execute("UPDATE articles SET title = ?, published = ?, author = ?, text = ?, content_hash = ?, "
                             "version = ? WHERE id = ?",
                             (article.title, _iso(article.published), article.author, article.text, content_hash,
                              version + 1, article_id))
        return version + 1

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
            row = self._db.execute("SELECT url, every_seconds, follow_links, added FROM followed_feeds WHERE url = ?",
                                   (feed.url,)).fetchone()
        return _feed(row)

    def unfollow_feed(self, url: str) -> bool:
        with self._transaction():
            return self._db.execute("DELETE FROM followed_feeds WHERE url = ?", (url,)).rowcount > 0

    # --- reads ---

    def followed_feeds(self) -> list[FollowedFeed]:
        rows = self._db.execute("SELECT url, every_seconds, follow_links, added FROM followed_feeds ORDER BY seq")
        return [_feed(row) for row in rows]

    def article(self, article_id: str) -> StoredArticle | None:
        return self._one("WHERE id = ?", article_id)

    def find_by_key(self, key: str) -> StoredArticle | None:
        return self._one("WHERE key = ?", key)

    def find_by_hash(self, content_hash: str) -> StoredArticle | None:
        return self._one("WHERE content_hash = ? ORDER BY seq LIMIT 1", content_hash)

    def story(self, story_id: str) -> Story | None:
        row = self._db.execute("SELECT id, title, first_published, last_published FROM stories WHERE id = ?",
                               (story_id,)).fetchone()
        return self._story(row) if row else None

    def story_articles(self, story_id: str) -> list[StoredArticle]:
        rows = self._db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE story = ? ORDER BY seq", (story_id,))
        return [_stored(row) for row in rows]

    def stories(self, *, since: date | None = None, query: str | None = None, limit: int | None = None) -> list[Story]:
        sql = "SELECT id, title, first_published, last_published FROM stories"
        where, params = [], []
        if since is not None:
            where.append("last_published >= ?")
            params.append(since.isoformat())
        if query is not None:
            where.append("id IN (SELECT story FROM articles WHERE seq IN "
                         "(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))")
            params.append(_fts_query(query))
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY last_published IS NULL, last_published DESC, size DESC, id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [self._story(row) for row in self._db.execute(sql, params).fetchall()]

    def search(self, query: str, *, limit: int = 20) -> list[StoredArticle]:
        rows = self._db.execute(
            f"SELECT {', '.join('a.' + c.strip() for c in _ARTICLE_COLUMNS.split(','))} FROM articles_fts "
            "JOIN articles a ON a.seq = articles_fts.rowid WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (_fts_query(query), limit))
        return [_stored(row) for row in rows]

    def rejections(self) -> list[Rejection]:
        rows = self._db.execute("SELECT input, reason, article FROM rejections ORDER BY seq")
        return [Rejection(input=i, reason=r, article=a) for i, r, a in rows]

    def features(self) -> Iterator[StoredFeatures]:
        rows = self._db.execute("SELECT id, story, published, features, signature FROM articles ORDER BY seq")
        for article_id, story, published, features, signature in rows:
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
        problems += [f"story {sid} counts {size} articles but has {n}" for sid, size, n in self._db.execute(
            "SELECT s.id, s.size, count(a.seq) FROM stories s LEFT JOIN articles a ON a.story = s.id "
            "GROUP BY s.id HAVING s.size != count(a.seq)")]
        problems += [f"article {aid} is in missing story {sid}" for aid, sid in self._db.execute(
            "SELECT a.id, a.story FROM articles a LEFT JOIN stories s ON s.id = a.story WHERE s.id IS NULL")]
        return problems

    def close(self) -> None:
        self._db.close()

    # --- helpers ---

    def _one(self, where: str, value: str) -> StoredArticle | None:
        row = self._db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles {where}", (value,)).fetchone()
        return _stored(row) if row else None

    def _story(self, row) -> Story:
        story_id, title, first, last = row
        members = self._db.execute("SELECT id, outlet FROM articles WHERE story = ? ORDER BY seq", (story_id,)).fetchall()
        return Story(id=story_id, title=title, articles=tuple(m[0] for m in members),
                     outlets=tuple(dict.fromkeys(m[1] for m in members)),
                     first_published=_datetime(first), last_published=_datetime(last))


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


def _stored(row) -> StoredArticle:
    (article_id, url, outlet, origin, title, published, author, text, content_hash, story, copy_of, version,
     ingested) = row
    article = Article(id=article_id, text=text, outlet=outlet, origin=origin, title=title, url=url,
                      published=_datetime(published), author=author)
    return StoredArticle(article=article, content_hash=content_hash, story=story, copy_of=copy_of, version=version,
                         ingested=_datetime(ingested))


def _feed(row) -> FollowedFeed:
    url, every_seconds, follow_links, added = row
    return FollowedFeed(url=url, every_seconds=every_seconds, follow_links=bool(follow_links),
                        added=_datetime(added))


def _fts_query(text: str) -> str:
    """A user's words as an FTS5 query (every word, any order): quoting each word means punctuation
    or FTS operators in the text can never make the query invalid."""
    words = _QUERY_WORD.findall(text)
    if not words:
        raise StoreError(f"the search {text!r} has no words to look for")
    return " ".join(f'"{word}"' for word in words)


def _title_from(text: str) -> str:
    first = text.strip().split("\n", 1)[0]
    return first if len(first) <= 100 else first[:97].rsplit(" ", 1)[0] + "…"


def _iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _date(value: str | None) -> date | None:
    return datetime.fromisoformat(value).date() if value else None
