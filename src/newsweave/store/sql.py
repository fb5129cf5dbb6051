"""The reads that are the same SQL in both backends, written once. A backend sets ``_P`` (its
parameter placeholder) and ``_when`` (its stored-timestamp → ``datetime`` conversion) and keeps
only what differs: writes, full-text search, integrity checks.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..model import FollowedFeed, Rejection, Story, StoredArticle
from . import rows
from .base import Store
from .migrator import applied_migrations


class SqlStore(Store):
    _db: Any
    _P: str
    # The WHERE clause (one parameter: ``_text_query(query)``) choosing stories with a matching article.
    _MATCHING_STORIES: str

    def _since(self, since: date) -> Any:
        """``since`` as the backend compares it with ``last_published``."""
        raise NotImplementedError

    def _text_query(self, query: str) -> str:
        """A user's words as the backend's full-text query."""
        raise NotImplementedError

    @staticmethod
    def _when(value: Any) -> Any:
        return value

    def applied_migrations(self) -> list[str]:
        return applied_migrations(self._db)

    def followed_feeds(self) -> list[FollowedFeed]:
        found = self._db.execute(f"SELECT {rows.FEED_COLUMNS} FROM followed_feeds ORDER BY seq")
        return [rows.feed(row, when=self._when) for row in found]

    def article(self, article_id: str) -> StoredArticle | None:
        return self._one(f"WHERE id = {self._P}", article_id)

    def find_by_key(self, key: str) -> StoredArticle | None:
        return self._one(f"WHERE key = {self._P}", key)

    def find_by_hash(self, content_hash: str) -> StoredArticle | None:
        return self._one(f"WHERE content_hash = {self._P} ORDER BY seq LIMIT 1", content_hash)

    def story(self, story_id: str) -> Story | None:
        row = self._db.execute(f"SELECT {rows.STORY_COLUMNS} FROM stories WHERE id = {self._P}",
                               (story_id,)).fetchone()
        return self._story(row) if row else None

    def story_articles(self, story_id: str) -> list[StoredArticle]:
        found = self._db.execute(f"SELECT {rows.ARTICLE_COLUMNS} FROM articles WHERE story = {self._P} ORDER BY seq",
                                 (story_id,))
        return [rows.stored_article(row, when=self._when) for row in found]

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
