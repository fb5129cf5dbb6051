"""The one migration runner both backends call: named migrations applied in order, each in the same
transaction as the row that records it, so a crash mid-migration leaves either the old schema or the
new one. Each backend module keeps only its list of migrations and says what differs (``Dialect``).

The applied-check runs inside the migration's transaction, after the lock is taken, so a second
process opening the same fresh database waits and then skips what the first one applied.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Callable, Sequence

Migrations = Sequence[tuple[str, Sequence[str]]]


@dataclass(frozen=True)
class Dialect:
    """What differs between backends: the parameter placeholder, the type of the ``applied`` column,
    the value written to it (the current time as that backend stores it), and the statement (if any) that takes the migration lock inside a
    transaction (SQLite's ``BEGIN IMMEDIATE`` already holds the write lock; PostgreSQL needs an
    advisory lock because DDL there does not block a concurrent reader of ``migrations``)."""

    placeholder: str
    applied_type: str
    now: Callable[[], Any]
    lock: str | None = None


def applied_migrations(db: Any) -> list[str]:
    return [row[0] for row in db.execute("SELECT name FROM migrations ORDER BY name")]


def migrate(db: Any, transaction: Callable[[], AbstractContextManager], migrations: Migrations, *,
            dialect: Dialect) -> None:
    """Apply every migration of ``migrations`` not yet recorded in ``db``'s ``migrations`` table.
    ``db`` is a DB-API-style connection with ``execute``; ``transaction()`` opens one transaction."""
    p = dialect.placeholder
    with transaction():
        _lock(db, dialect)
        db.execute(f"CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied {dialect.applied_type} NOT NULL)")
    for name, statements in migrations:
        with transaction():
            _lock(db, dialect)
            if db.execute(f"SELECT 1 FROM migrations WHERE name = {p}", (name,)).fetchone():
                continue
            for statement in statements:
                db.execute(statement)
            db.execute(f"INSERT INTO migrations (name, applied) VALUES ({p}, {p})", (name, dialect.now()))


def _lock(db: Any, dialect: Dialect) -> None:
    if dialect.lock is not None:
        db.execute(dialect.lock)
