"""The PostgreSQL schema as named migrations: the SQLite schema's twin, with ``tsvector``/GIN in place
of FTS5 and real timestamps. Each migration is applied in the same transaction as the row that
records it, under an advisory lock, so several worker processes opening a fresh database at once
apply each migration exactly once.

Never edit a migration that has shipped: append a new one.
"""

from __future__ import annotations

MIGRATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("0001-articles-and-stories", (
        """CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            size INTEGER NOT NULL DEFAULT 0,
            first_published TIMESTAMP,
            last_published TIMESTAMP,
            created TIMESTAMPTZ NOT NULL)""",
        # seq is the arrival order (allocation order when several writers insert at once); clustering
        # state is rebuilt by replaying articles in seq order.
        """CREATE TABLE articles (
            seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            key TEXT NOT NULL UNIQUE,
            url TEXT,
            outlet TEXT NOT NULL,
            origin TEXT NOT NULL,
            title TEXT,
            published TIMESTAMP,
            author TEXT,
            text TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            story TEXT NOT NULL REFERENCES stories(id),
            copy_of TEXT REFERENCES articles(id),
            version INTEGER NOT NULL DEFAULT 1,
            ingested TIMESTAMPTZ NOT NULL,
            features BYTEA NOT NULL,
            signature BYTEA NOT NULL)""",
        "CREATE INDEX articles_by_hash ON articles(content_hash)",
        "CREATE INDEX articles_by_story ON articles(story, seq)",
        "CREATE INDEX stories_by_last ON stories(last_published)",
        """CREATE TABLE article_versions (
            article TEXT NOT NULL REFERENCES articles(id),
            version INTEGER NOT NULL,
            title TEXT,
            published TIMESTAMP,
            text TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            replaced TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (article, version))""",
    )),
    ("0002-rejections", (
        """CREATE TABLE rejections (
            seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            input TEXT NOT NULL,
            reason TEXT NOT NULL,
            article TEXT,
            recorded TIMESTAMPTZ NOT NULL)""",
        # The same bad input recorded twice (by two workers, or two runs) is one rejection.
        "CREATE UNIQUE INDEX rejections_once ON rejections(input, reason, COALESCE(article, ''))",
    )),
    ("0003-full-text-search", (
        # A generated column is recomputed by PostgreSQL in the same statement as every insert or
        # update of title/text, so the index can never be out of step with the articles.
        """ALTER TABLE articles ADD COLUMN search TSVECTOR GENERATED ALWAYS AS
            (to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED""",
        "CREATE INDEX articles_search ON articles USING GIN (search)",
    )),
    ("0004-followed-feeds", (
        # The web server's followed feeds, so that following survives a restart; seq keeps the order
        # they were first followed (an update keeps its row, and so its place).
        """CREATE TABLE followed_feeds (
            seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            every_seconds DOUBLE PRECISION NOT NULL CHECK (every_seconds > 0),
            follow_links BOOLEAN NOT NULL,
            added TIMESTAMPTZ NOT NULL)""",
    )),
    ("0005-merged-stories", (
        # A story merged into another is deleted; its id is kept here with the story it went into,
        # so the id is never given to a new story and old links still resolve.
        """CREATE TABLE merged_stories (
            id TEXT PRIMARY KEY,
            survivor TEXT NOT NULL,
            merged TIMESTAMPTZ NOT NULL)""",
    )),
)
