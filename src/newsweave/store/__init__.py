"""Persistent corpus of articles and stories behind one interface (``Store``).

``open_store(url)`` picks the backend: ``sqlite:///path``, a bare path, or ``None`` for the default
(``$NEWSWEAVE_DB``, else ``$XDG_DATA_HOME/newsweave/newsweave.sqlite``, else
``~/.local/share/newsweave/newsweave.sqlite``). ``postgresql://`` URLs open ``store.postgres.PostgresStore``.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import StoreError
from .base import Store, StoreCounts, StoredFeatures
from .sqlite import SqliteStore

__all__ = ["Store", "StoreCounts", "StoredFeatures", "SqliteStore", "default_store_url", "open_store"]

ENV_VARIABLE = "NEWSWEAVE_DB"


def default_store_url() -> str:
    if os.environ.get(ENV_VARIABLE):
        return os.environ[ENV_VARIABLE]
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return str(base / "newsweave" / "newsweave.sqlite")


def open_store(url: str | None = None) -> Store:
    """Open (creating and migrating if needed) the store at ``url``."""
    url = url or default_store_url()
    if url.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore  # imported lazily: psycopg is the optional [postgres] extra

        return PostgresStore(url)
    if url.startswith("sqlite:///"):
        return SqliteStore(url[len("sqlite:///"):])
    if "://" in url:
        raise StoreError(f"unknown store URL {url!r}; use a path, sqlite:///path or postgresql://…")
    return SqliteStore(url)
