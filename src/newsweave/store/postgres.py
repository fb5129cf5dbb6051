"""The PostgreSQL store (psycopg 3): the SQLite store's semantics on a server several processes share.

Same contract as ``SqliteStore``: one transaction per article (the article, its story's counters and,
through a generated ``tsvector`` column, its search entry), idempotency through unique keys, named
migrations recorded in the transaction that applies them. Differences that matter with several
writers (Dask workers, parallel ingests):

- migrations run under a transaction-scoped advisory lock, so two processes opening a fresh database
  at once do not both try to create the tables;
- a story row is created with ``ON CONFLICT DO NOTHING`` and its counters are updated with one
  ``UPDATE … SET size = size + 1``, which PostgreSQL serialises on the row lock;
- an update locks the article row (``FOR UPDATE``) before copying its old text to the versions table,
  so two concurrent updates give versions 2 and 3, not two version 2s.

Timestamps: ``published`` is stored as UTC without a zone (sources give naive UTC); an aware value is
converted to UTC first. PostgreSQL text cannot hold NUL characters: such text is refused with a
``StoreError`` naming the field, never silently altered.

``schema=`` keeps a store in its own PostgreSQL schema (tests use one fresh schema each).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from typing import Iterator, Sequence

from ..errors import MissingDependency, StoreError
from ..model import FollowedFeed, Rejection, StoredArticle
from . import rows
from .base import StoreCounts, StoredFeatures, checked_feed, utc_now
from .migrator import Dialect, migrate
from .postgres_migrations import MIGRATIONS
from .rows import ARTICLE_COLUMNS as _ARTICLE_COLUMNS, title_from as _title_from
from .sql import SqlStore

_SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
# Any constant shared by every newsweave process: the advisory lock that serialises migrations.
_MIGRATION_LOCK = 0x6E657773  # "news"
# Migrations run under a transaction-scoped advisory lock, so several processes opening a fresh
# database at once apply each migration exactly once.
_DIALECT = Dialect(placeholder="%s", applied_type="TIMESTAMPTZ", now=utc_now,
                   lock=f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")


class PostgresStore(SqlStore):
    _P = "%s"
    _LOCK_ROWS = " FOR UPDATE"
    _MATCHING_STORIES = "id IN (SELECT story FROM articles WHERE search @@ to_tsquery('english', %s))"

    def _since(self, since: date) -> datetime:
        return datetime(since.year, since.month, since.day)

    def _text_query(self, query: str) -> str:
        return _ts_query(query)

    def __init__(self, url: str, *, schema: str | None = None, connect_timeout: float = 10.0):
        try:
            import psycopg
        except ImportError as error:
            raise MissingDependency("psycopg", "postgres") from error
        if schema is not None and not _SCHEMA_NAME.match(schema):
            raise StoreError(f"schema must be a lower-case SQL name (letters, digits, _), got {schema!r}")
        self._psycopg = psycopg
        self.schema = schema
        self.url = url if schema is None else f"{url}#schema={schema}"
        try:
            # autocommit: every write below is inside an explicit ``transaction()``, so a transaction
            # spans exactly what we say, and reads never hold a transaction open between calls.
            self._db = psycopg.connect(url, autocommit=True, connect_timeout=max(1, int(connect_timeout)))
        except psycopg.Error as error:
            raise StoreError(f"cannot connect to PostgreSQL at {_redacted(url)}: {error}".strip()) from error
        try:
            self._db.execute("SET TIME ZONE 'UTC'")
            if schema is not None:
                with self._db.transaction():
                    # IF NOT EXISTS is not race-free: two processes can both see no schema and both
                    # create it; the migration lock makes the second wait and find it.
                    self._db.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
                    self._db.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
                self._db.execute(f'SET search_path TO "{schema}"')
            self._migrate()
        except psycopg.Error as error:
            self._db.close()
            raise StoreError(f"{_redacted(url)}: cannot open the store ({error})") from error

    # --- schema ---

    def _migrate(self) -> None:
        migrate(self._db, self._db.transaction, MIGRATIONS, dialect=_DIALECT)

    def _transaction(self):
        return self._db.transaction()

    def _now(self) -> datetime:
        return utc_now()

    # --- writes ---

    def add_article(self, record: StoredArticle, *, key: str, features: bytes, signature: bytes) -> None:
        a = record.article
        _no_nul(key=key, id=a.id, url=a.url, outlet=a.outlet, origin=a.origin, title=a.title, author=a.author,
                text=a.text, story=record.story, copy_of=record.copy_of)
        published = _utc(a.published)
        try:
            with self._db.transaction():
                story = self._survivor(record.story)  # another process may have merged it away
                self._db.execute("INSERT INTO stories (id, title, created) VALUES (%s, %s, %s) "
                                 "ON CONFLICT (id) DO NOTHING", (story, a.title or _title_from(a.text), utc_now()))
                self._db.execute(
                    f"INSERT INTO articles (key, {_ARTICLE_COLUMNS}, features, signature) "
                    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    (key, a.id, a.url, a.outlet, a.origin, a.title, published, a.author, a.text, record.content_hash,
                     story, record.copy_of, record.version, record.ingested or utc_now(), features, signature))
                self._db.execute(
                    """UPDATE stories SET size = size + 1,
                         first_published = LEAST(first_published, %(p)s::timestamp),
                         last_published = GREATEST(last_published, %(p)s::timestamp)
                       WHERE id = %(s)s""", {"p": published, "s": story})
        except self._psycopg.errors.IntegrityError as error:
            raise StoreError(f"article {a.id!r} could not be stored: {error}") from error

    def add_articles(self, items: Sequence[tuple[StoredArticle, str, bytes, bytes]]) -> list[str]:
        """Bulk ``add_article`` for batch loads: (record, key, features, signature) tuples, in arrival
        order, loaded with ``COPY`` into a temporary table and moved in one transaction. A row whose
        key is already stored is skipped, so a retried load adds nothing twice; story rows and
        counters are updated from the rows actually added. Returns the ids of the rows refused
        because another stored article (under another key) already has their id."""
        if not items:
            return []
        for record, key, _, _ in items:
            a = record.article
            _no_nul(key=key, id=a.id, url=a.url, outlet=a.outlet, origin=a.origin, title=a.title, author=a.author,
                    text=a.text, story=record.story, copy_of=record.copy_of)
        now = utc_now()
        with self._db.transaction():
            self._db.execute(
                "CREATE TEMP TABLE IF NOT EXISTS newsweave_staging (ord INTEGER, key TEXT, id TEXT, url TEXT, "
                "outlet TEXT, origin TEXT, title TEXT, published TIMESTAMP, author TEXT, text TEXT, content_hash TEXT, "
                "story TEXT, story_title TEXT, copy_of TEXT, version INTEGER, ingested TIMESTAMPTZ, features BYTEA, "
                "signature BYTEA) ON COMMIT DELETE ROWS")
            with self._db.cursor().copy(
                    "COPY newsweave_staging (ord, key, id, url, outlet, origin, title, published, author, text, "
                    "content_hash, story, story_title, copy_of, version, ingested, features, signature) FROM STDIN") as copy:
                for ord_, (record, key, features, signature) in enumerate(items):
                    a = record.article
                    copy.write_row((ord_, key, a.id, a.url, a.outlet, a.origin, a.title, _utc(a.published), a.author,
                                    a.text, record.content_hash, record.story, a.title or _title_from(a.text),
                                    record.copy_of, record.version, record.ingested or now, features, signature))
            self._db.execute("INSERT INTO stories (id, title, created) SELECT DISTINCT ON (story) story, story_title, %s "
                             "FROM newsweave_staging ORDER BY story, ord ON CONFLICT (id) DO NOTHING", (now,))
            self._db.execute(
                f"""WITH added AS (
                      INSERT INTO articles (key, {_ARTICLE_COLUMNS}, features, signature)
                      SELECT key, {_ARTICLE_COLUMNS}, features, signature FROM newsweave_staging ORDER BY ord
                      ON CONFLICT DO NOTHING RETURNING story, published),
                    per_story AS (SELECT story, count(*) AS n, min(published) AS first, max(published) AS last
                                  FROM added GROUP BY story),
                    counted AS (UPDATE stories s SET size = s.size + p.n,
                                  first_published = LEAST(s.first_published, p.first),
                                  last_published = GREATEST(s.last_published, p.last)
                                FROM per_story p WHERE s.id = p.story RETURNING p.n)
                    SELECT coalesce(sum(n), 0) FROM counted""")
            # A story row created above for articles that were all skipped holds nothing: drop it.
            self._db.execute("DELETE FROM stories s WHERE size = 0 AND id IN (SELECT story FROM newsweave_staging) "
                             "AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.story = s.id)")
            refused = self._db.execute("SELECT id FROM newsweave_staging st WHERE NOT EXISTS "
                                       "(SELECT 1 FROM articles a WHERE a.key = st.key) ORDER BY ord").fetchall()
        return [row[0] for row in refused]

    @staticmethod
    def _stored_time(value: datetime | None) -> datetime | None:
        return _utc(value)

    def _check_text(self, **fields: str | None) -> None:
        _no_nul(**fields)

    def record_rejection(self, rejection: Rejection) -> None:
        _no_nul(input=rejection.input, reason=rejection.reason, article=rejection.article)
        with self._db.transaction():
            self._db.execute("INSERT INTO rejections (input, reason, article, recorded) VALUES (%s, %s, %s, %s) "
                             "ON CONFLICT DO NOTHING", (rejection.input, rejection.reason, rejection.article, utc_now()))

    def follow_feed(self, feed: FollowedFeed) -> FollowedFeed:
        feed = checked_feed(feed)
        with self._db.transaction():
            # An upsert keeps the row (its seq and first added time) of a feed followed again; two
            # processes following the same URL at once serialise on the unique index.
            row = self._db.execute(
                "INSERT INTO followed_feeds (url, every_seconds, follow_links, added) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT (url) DO UPDATE SET every_seconds = excluded.every_seconds, "
                "follow_links = excluded.follow_links RETURNING " + rows.FEED_COLUMNS,
                (feed.url, feed.every_seconds, feed.follow_links, feed.added)).fetchone()
        return rows.feed(row, when=self._when)

    def unfollow_feed(self, url: str) -> bool:
        if "\x00" in url:  # PostgreSQL text cannot hold NUL, so no followed feed has such a URL
            return False
        with self._db.transaction():
            return self._db.execute("DELETE FROM followed_feeds WHERE url = %s", (url,)).rowcount > 0

    # --- reads ---

    def search(self, query: str, *, limit: int = 20) -> list[StoredArticle]:
        found = self._db.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles, to_tsquery('english', %s) q WHERE search @@ q "
            "ORDER BY ts_rank(search, q) DESC, seq LIMIT %s", (_ts_query(query), limit))
        return [rows.stored_article(row, when=self._when) for row in found]

    def features(self) -> Iterator[StoredFeatures]:
        # A server-side cursor streams the rows: replaying millions of articles must not load them all.
        with self._db.transaction(), self._db.cursor(name="newsweave_features") as cursor:
            cursor.execute("SELECT id, story, published, features, signature FROM articles ORDER BY seq")
            for article_id, story, published, features, signature in cursor:
                yield StoredFeatures(article=article_id, story=story,
                                     published=published.date() if published else None,
                                     features=bytes(features), signature=bytes(signature))

    def counts(self) -> StoreCounts:
        row = self._db.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM stories), "
            "(SELECT count(*) FROM articles WHERE copy_of IS NOT NULL), (SELECT count(*) FROM article_versions), "
            "(SELECT count(*) FROM rejections)").fetchone()
        return StoreCounts(*row)

    def check(self) -> list[str]:
        problems = self._story_problems()
        problems += [f"article {aid} has no search entry" for (aid,) in self._db.execute(
            "SELECT id FROM articles WHERE search IS NULL")]
        return problems

def _ts_query(text: str) -> str:
    """A user's words as a tsquery (every word, any order, prefix-free): each word is quoted as a
    lexeme so that punctuation or tsquery operators in the text can never make the query invalid."""
    words = rows.query_words(text)
    # to_tsquery still stems and drops stop words from quoted lexemes: '''word''' is one lexeme.
    return " & ".join("'" + word.replace("'", "''") + "'" for word in words)


def _utc(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(timezone.utc).replace(tzinfo=None)


def _no_nul(**fields: str | None) -> None:
    for name, value in fields.items():
        if value is not None and "\x00" in value:
            raise StoreError(f"the article's {name} holds a NUL character, which PostgreSQL text cannot store; "
                             "remove NUL characters from the input")


def _redacted(url: str) -> str:
    """The URL without its password, for error messages."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)
