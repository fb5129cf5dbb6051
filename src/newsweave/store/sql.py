"""The SQL that is the same in both backends, written once: the reads, and merging two stories. A
backend sets ``_P`` (its parameter placeholder), ``_when`` (its stored-timestamp → ``datetime``
conversion and ``_stored_time`` its inverse), ``_now`` and ``_transaction``, and keeps only what
differs: adding articles, full-text search, integrity checks.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ..errors import StoreError
from ..model import Article, FollowedFeed, Rejection, Story, StoredArticle
from . import rows
from .base import Store
from .migrator import applied_migrations


class SqlStore(Store):
    _db: Any
    _P: str
    # The WHERE clause (one parameter: ``_text_query(query)``) choosing stories with a matching article.
    _MATCHING_STORIES: str
    # Appended to the SELECT of the two stories being merged: PostgreSQL locks their rows (in id
    # order, so two merges never deadlock); SQLite's BEGIN IMMEDIATE already holds the write lock.
    _LOCK_ROWS = ""

    def _transaction(self) -> Any:
        raise NotImplementedError

    def transaction(self) -> Any:
        return self._transaction()  # nested writes become savepoints on both backends

    def _now(self) -> Any:
        """The current time as the backend stores it."""
        raise NotImplementedError

    def _since(self, since: date) -> Any:
        """``since`` as the backend compares it with ``last_published``."""
        raise NotImplementedError

    def _text_query(self, query: str) -> str:
        """A user's words as the backend's full-text query."""
        raise NotImplementedError

    @staticmethod
    def _when(value: Any) -> Any:
        return value

    @staticmethod
    def _stored_time(value: datetime | None) -> Any:
        """A ``datetime`` as the backend stores it."""
        return value

    def _check_text(self, **fields: str | None) -> None:
        """Raise ``StoreError`` for text the backend cannot store (none by default)."""

    def update_article(self, article_id: str, article: Article, *, content_hash: str) -> int:
        self._check_text(title=article.title, author=article.author, text=article.text)
        P = self._P
        with self._transaction():
            row = self._db.execute(f"SELECT version, title, published, text, content_hash FROM articles "
                                   f"WHERE id = {P}{self._LOCK_ROWS}", (article_id,)).fetchone()
            if row is None:
                raise StoreError(f"no stored article {article_id!r} to update")
            version = row[0]
            self._db.execute(f"INSERT INTO article_versions (article, version, title, published, text, content_hash, "
                             f"replaced) VALUES ({P}, {P}, {P}, {P}, {P}, {P}, {P})", (article_id, *row, self._now()))
            self._db.execute(f"UPDATE articles SET title = {P}, published = {P}, author = {P}, text = {P}, "
                             f"content_hash = {P}, version = {P} WHERE id = {P}",
                             (article.title, self._stored_time(article.published), article.author, article.text,
                              content_hash, version + 1, article_id))
        return version + 1

    def applied_migrations(self) -> list[str]:
        return applied_migrations(self._db)

    def followed_feeds(self) -> list[FollowedFeed]:
        found = self._db.execute(f"SELECT {rows.FEED_COLUMNS} FROM followed_feeds ORDER BY seq")
        return [rows.feed(row, when=self._when) for row in found]

    def articles_after(self, seq: int) -> tuple[int, int]:
        # seq is the primary key in both backends: a range scan of the new rows only.
        count, last = self._db.execute(
            f"SELECT count(*), max(seq) FROM articles WHERE seq > {self._P}", (seq,)).fetchone()
        return count, seq if last is None else last

    def article(self, article_id: str) -> StoredArticle | None:
        return self._one(f"WHERE id = {self._P}", article_id)

    def find_by_key(self, key: str) -> StoredArticle | None:
        return self._one(f"WHERE key = {self._P}", key)

    def find_by_hash(self, content_hash: str) -> StoredArticle | None:
        return self._one(f"WHERE content_hash = {self._P} ORDER BY seq LIMIT 1", content_hash)

    def story(self, story_id: str) -> Story | None:
        select = f"SELECT {rows.STORY_COLUMNS} FROM stories WHERE id = {self._P}"
        row = self._db.execute(select, (story_id,)).fetchone()
        if row is None and (survivor := self._survivor(story_id)) != story_id:
            row = self._db.execute(select, (survivor,)).fetchone()
        return self._story(row) if row else None

    def story_articles(self, story_id: str) -> list[StoredArticle]:
        select = f"SELECT {rows.ARTICLE_COLUMNS} FROM articles WHERE story = {self._P} ORDER BY seq"
        found = self._db.execute(select, (story_id,)).fetchall()
        if not found and (survivor := self._survivor(story_id)) != story_id:
            found = self._db.execute(select, (survivor,)).fetchall()
        return [rows.stored_article(row, when=self._when) for row in found]

    def merged_stories(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT id, survivor FROM merged_stories ORDER BY id").fetchall())

    def merge_stories(self, first: str, second: str) -> str:
        with self._transaction():
            return self._merge(self._survivor(first), self._survivor(second))

    def _merge(self, first: str, second: str) -> str:
        if first == second:
            return first  # already one story (a repeated merge lands here)
        P = self._P
        found = {row[0]: row for row in self._db.execute(
            f"SELECT id, size, first_published, last_published FROM stories WHERE id IN ({P}, {P}) "
            f"ORDER BY id{self._LOCK_ROWS}", (first, second)).fetchall()}
        for story_id in (first, second):
            if story_id not in found:
                raise StoreError(f"no story {story_id!r} to merge in {self.url}; list them with: newsweave stories")
        starts = dict(self._db.execute(f"SELECT story, min(seq) FROM articles WHERE story IN ({P}, {P}) "
                                       "GROUP BY story", (first, second)).fetchall())
        # The story whose first article arrived first keeps its id (ties, only for empty stories: by id).
        keep, gone = sorted((first, second), key=lambda s: (s not in starts, starts.get(s, 0), len(s), s))
        kept, dropped = found[keep], found[gone]
        firsts = [when for when in (kept[2], dropped[2]) if when is not None]
        lasts = [when for when in (kept[3], dropped[3]) if when is not None]
        self._db.execute(f"UPDATE articles SET story = {P} WHERE story = {P}", (keep, gone))
        self._db.execute(f"UPDATE stories SET size = {P}, first_published = {P}, last_published = {P} WHERE id = {P}",
                         (kept[1] + dropped[1], min(firsts, default=None), max(lasts, default=None), keep))
        self._db.execute(f"DELETE FROM stories WHERE id = {P}", (gone,))
        # Ids merged into ``gone`` earlier now point at ``keep``: every redirect is one step.
        self._db.execute(f"UPDATE merged_stories SET survivor = {P} WHERE survivor = {P}", (keep, gone))
        self._db.execute(f"INSERT INTO merged_stories (id, survivor, merged) VALUES ({P}, {P}, {P})",
                         (gone, keep, self._now()))
        return keep

    def _survivor(self, story_id: str) -> str:
        """The story ``story_id`` was merged into, else ``story_id`` itself."""
        row = self._db.execute(f"SELECT survivor FROM merged_stories WHERE id = {self._P}", (story_id,)).fetchone()
        return row[0] if row else story_id

    def stories(self, *, since: date | None = None, query: str | None = None, limit: int | None = None) -> list[Story]:
        sql = f"SELECT {rows.STORY_COLUMNS} FROM stories"
        where, params = [], []
        if since is not None:
            where.append(f"last_published >= {self._P}")
            params.append(self._since(since))
        if query is not None:
            where.append(self._MATCHING_STORIES)
            params.append(self._text_query(query))
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY last_published IS NULL, last_published DESC, size DESC, id"
        if limit is not None:
            sql += f" LIMIT {self._P}"
            params.append(limit)
        return [self._story(row) for row in self._db.execute(sql, params).fetchall()]

    def rejections(self) -> list[Rejection]:
        found = self._db.execute("SELECT input, reason, article FROM rejections ORDER BY seq")
        return [Rejection(input=i, reason=r, article=a) for i, r, a in found]

    def _story_problems(self) -> list[str]:
        """The integrity checks that are the same SQL in both backends: story counters and membership."""
        problems = [f"story {sid} counts {size} articles but has {n}" for sid, size, n in self._db.execute(
            "SELECT s.id, s.size, count(a.seq) FROM stories s LEFT JOIN articles a ON a.story = s.id "
            "GROUP BY s.id HAVING s.size != count(a.seq)")]
        problems += [f"article {aid} is in missing story {sid}" for aid, sid in self._db.execute(
            "SELECT a.id, a.story FROM articles a LEFT JOIN stories s ON s.id = a.story WHERE s.id IS NULL")]
        problems += [f"story {sid} was merged but still exists" for (sid,) in self._db.execute(
            "SELECT m.id FROM merged_stories m JOIN stories s ON s.id = m.id")]
        problems += [f"story {sid} was merged into missing story {into}" for sid, into in self._db.execute(
            "SELECT m.id, m.survivor FROM merged_stories m LEFT JOIN stories s ON s.id = m.survivor WHERE s.id IS NULL")]
        return problems

    def close(self) -> None:
        self._db.close()

    def _one(self, where: str, value: str) -> StoredArticle | None:
        row = self._db.execute(f"SELECT {rows.ARTICLE_COLUMNS} FROM articles {where}", (value,)).fetchone()
        return rows.stored_article(row, when=self._when) if row else None

    def _story(self, row) -> Story:
        members = self._db.execute(f"SELECT id, outlet FROM articles WHERE story = {self._P} ORDER BY seq",
                                   (row[0],)).fetchall()
        return rows.story(row, members, when=self._when)
