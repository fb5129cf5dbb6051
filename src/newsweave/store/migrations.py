"""The SQLite schema as named migrations, applied in order, each in the same transaction as the row
that records it, so a crash mid-migration leaves either the old schema or the new one.

Never edit a migration that has shipped: append a new one. Each is a tuple of statements (not a
script) because ``executescript`` would commit on its own, outside our transaction.
"""

from __future__ import annotations

MIGRATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("0001-articles-and-stories", (
        """CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            size INTEGER NOT NULL DEFAULT 0,
            first_published TEXT,
            last_published TEXT,
            created TEXT NOT NULL)""",
        # seq is the arrival order; clustering state is rebuilt by replaying articles in seq order.
        """CREATE TABLE articles (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            key TEXT NOT NULL UNIQUE,
            url TEXT,
            outlet TEXT NOT NULL,
            origin TEXT NOT NULL,
            title TEXT,
            published TEXT,
            author TEXT,
            text TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            story TEXT NOT NULL REFERENCES stories(id),
            copy_of TEXT REFERENCES articles(id),
            version INTEGER NOT NULL DEFAULT 1,
            ingested TEXT NOT NULL,
            features BLOB NOT NULL,
            signature BLOB NOT NULL)""",
        "CREATE INDEX articles_by_hash ON articles(content_hash)",
        "CREATE INDEX articles_by_story ON articles(story, seq)",
        "CREATE INDEX stories_by_last ON stories(last_published)",
        """CREATE TABLE article_versions (
            article TEXT NOT NULL REFERENCES articles(id),
            version INTEGER NOT NULL,
            title TEXT,
            published TEXT,
            text TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            replaced TEXT NOT NULL,
            PRIMARY KEY (article, version))""",
    )),
    ("0002-rejections", (
        """CREATE TABLE rejections (
            seq INTEGER PRIMARY KEY,
            input TEXT NOT NULL,
            reason TEXT NOT NULL,
            article TEXT,
            recorded TEXT NOT NULL)""",
        # The same bad input ingested twice is one rejection, not two.
        "CREATE UNIQUE INDEX rejections_once ON rejections(input, reason, COALESCE(article, ''))",
    )),
    ("0003-full-text-search", (
        # External-content FTS5 table kept in step with articles by triggers, in the same transaction.
        "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='seq')",
        """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
        END""",
        """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
        END""",
        """CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
            INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
        END""",
    )),
    ("0004-followed-feeds", (
        # The web server's followed feeds, so that following survives a restart; seq keeps the order
        # they were first followed (an update keeps its row, and so its place).
        """CREATE TABLE followed_feeds (
            seq INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            every_seconds REAL NOT NULL CHECK (every_seconds > 0),
            follow_links INTEGER NOT NULL CHECK (follow_links IN (0, 1)),
            added TEXT NOT NULL)""",
    )),
    ("0005-merged-stories", (
        # A story merged into another (stories.second_pass) is deleted; its id is kept here with the
        # story it went into, so the id is never given to a new story and old links still resolve.
        """CREATE TABLE merged_stories (
            id TEXT PRIMARY KEY,
            survivor TEXT NOT NULL,
            merged TEXT NOT NULL)""",
    )),
)
