"""Substring search on names without scanning every row: SQLite FTS5 trigram indexes over
product.search_name and customer.search_name, kept by triggers in the same transaction as the row.

`words_match(model, words)` gives a condition for `id IN (matching rows)`; words shorter than three
letters (and databases without FTS5 trigram, e.g. PostgreSQL) fall back to LIKE.
"""

from __future__ import annotations

from typing import Any

import peewee

from db.models import Customer, Product, database

TABLES = {"product": "product_names", "customer": "customer_names"}


def create(db: peewee.Database) -> None:
    """Create the indexes and their triggers (idempotent) and fill them from the rows."""
    if not isinstance(db, peewee.SqliteDatabase):
        return
    try:
        db.execute_sql(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp._kasir_probe USING fts5(x, tokenize='trigram')"
        )
        db.execute_sql("DROP TABLE temp._kasir_probe")
    except peewee.OperationalError:
        return  # an SQLite without FTS5 trigram: LIKE it is
    for table, index in TABLES.items():
        exists = db.execute_sql("SELECT 1 FROM sqlite_master WHERE name = ?", (index,)).fetchone()
        db.execute_sql(
            f'CREATE VIRTUAL TABLE IF NOT EXISTS "{index}" USING fts5('
            f"search_name, content='{table}', content_rowid='id', tokenize='trigram')"
        )
        db.execute_sql(
            f'CREATE TRIGGER IF NOT EXISTS "{index}_ai" AFTER INSERT ON "{table}" BEGIN '
            f'INSERT INTO "{index}"(rowid, search_name) VALUES (new.id, new.search_name); END'
        )
        db.execute_sql(
            f'CREATE TRIGGER IF NOT EXISTS "{index}_ad" AFTER DELETE ON "{table}" BEGIN '
            f'INSERT INTO "{index}"("{index}", rowid, search_name) '
            "VALUES ('delete', old.id, old.search_name); "
            "END"
        )
        db.execute_sql(
            f'CREATE TRIGGER IF NOT EXISTS "{index}_au" AFTER UPDATE OF search_name ON "{table}" BEGIN '
            f'INSERT INTO "{index}"("{index}", rowid, search_name) '
            "VALUES ('delete', old.id, old.search_name); "
            f'INSERT INTO "{index}"(rowid, search_name) VALUES (new.id, new.search_name); END'
        )
        if not exists:
            db.execute_sql(f'INSERT INTO "{index}"("{index}") VALUES (\'rebuild\')')


_available: dict[int, bool] = {}


def available(table: str) -> bool:
    db = database.obj
    key = id(db)
    if key not in _available:
        _available[key] = isinstance(db, peewee.SqliteDatabase) and bool(
            db.execute_sql("SELECT 1 FROM sqlite_master WHERE name = ?", (TABLES[table],)).fetchone()
        )
    return _available[key]


def words_match(model: type[Product] | type[Customer], words: list[str]) -> Any:
    """A condition on `model` matching every word as a substring of its search_name."""
    table = model._meta.table_name
    long_words = [w for w in words if len(w) >= 3]
    cond: Any = None
    if long_words and available(table):
        text = " AND ".join('"' + w.replace('"', '""') + '"' for w in long_words)
        ids = peewee.SQL(f'(SELECT rowid FROM "{TABLES[table]}" WHERE "{TABLES[table]}" MATCH ?)', (text,))
        cond = model.id.in_(ids)
        words = [w for w in words if len(w) < 3]
    for word in words:
        part = model.search_name.contains(word)
        cond = part if cond is None else cond & part
    return cond


def forget() -> None:
    _available.clear()


def match_sql(table: str, words: list[str], alias: str) -> tuple[str, list[Any]]:
    """words_match as SQL text on a table named `alias` (for hand-written queries): (condition, params)."""
    terms, params = [], []
    long_words = [w for w in words if len(w) >= 3]
    if long_words and available(table):
        terms.append(f'{alias}."id" IN (SELECT rowid FROM "{TABLES[table]}" WHERE "{TABLES[table]}" MATCH ?)')
        params.append(" AND ".join('"' + w.replace('"', '""') + '"' for w in long_words))
        words = [w for w in words if len(w) < 3]
    for word in words:
        terms.append(f'{alias}."search_name" LIKE ?')
        params.append("%" + word.replace("\\", "").replace("%", "").replace("_", "") + "%")
    return " AND ".join(terms) or "1=1", params
