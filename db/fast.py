"""Statements for the counter's hot path, built once and reused.

peewee builds SQL text anew for every query; completing a sale runs about twenty small statements, and
building them costs more than SQLite takes to run them. These helpers cache the text per model and
field set, convert values through the fields' own db_value, and work on SQLite and PostgreSQL alike
(both take double-quoted names and RETURNING). On PostgreSQL each text is prepared on the connection once it
recurs (db/pipeline.py).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from peewee import (
    AutoField,
    BigIntegerField,
    BooleanField,
    CharField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from db.models import BaseModel, database
from db.pipeline import TillPostgres, defer_fixed, execute_fixed

_sql: dict[tuple[Any, ...], str] = {}


def _q(name: str) -> str:
    return '"' + name + '"'


class _Never:
    """No value is of this type: every value of such a field goes through db_value."""


# Field types whose db_value leaves a value of one Python type as it is: such values skip the call.
_PLAIN: dict[type, type] = {
    IntegerField: int,
    BigIntegerField: int,
    AutoField: int,
    ForeignKeyField: int,
    CharField: str,
    TextField: str,
    BooleanField: bool,
}
_converters: dict[tuple[Any, ...], list[tuple[type, Any]]] = {}


def _params(model: type[BaseModel], values: Mapping[str, Any]) -> list[Any]:
    """Each value through its field's db_value (quantities, JSON, dates...); None, and a value of exactly
    the plain type of a plain field type (an int for an IntegerField — not a subclass like QtyField, not a
    bool), go as they are."""
    key = (model, *values)
    pairs = _converters.get(key)
    if pairs is None:
        fields = model._meta.fields
        pairs = _converters[key] = [
            (_PLAIN.get(type(fields[name]), _Never), fields[name].db_value) for name in values
        ]
    return [
        value if value is None or type(value) is plain else convert(value)
        for (plain, convert), value in zip(pairs, values.values(), strict=True)
    ]


def insert(model: type[BaseModel], values: Mapping[str, Any]) -> int:
    """INSERT one row; returns its id."""
    key = ("insert", model, tuple(values), database.param)
    sql = _sql.get(key)
    if sql is None:
        fields = model._meta.fields
        cols = ", ".join(_q(fields[name].column_name) for name in values)
        marks = ", ".join([database.param] * len(values))
        sql = _sql[key] = (
            f"INSERT INTO {_q(model._meta.table_name)} ({cols}) VALUES ({marks}) RETURNING {_q('id')}"
        )
    return int(execute_fixed(database.obj, sql, _params(model, values)).fetchone()[0])


def insert_many(
    model: type[BaseModel], rows: Sequence[Mapping[str, Any]], returning: str = ""
) -> dict[Any, int]:
    """INSERT several rows with the same fields in one statement. With `returning` (a field unique
    among these rows), returns {that field's value: new id} — the order RETURNING gives is not fixed."""
    if not rows:
        return {}
    if len(rows) > 200:  # keep each statement well inside the databases' limits on parameters
        return {
            k: v
            for i in range(0, len(rows), 200)
            for k, v in insert_many(model, rows[i : i + 200], returning).items()
        }
    params: list[Any] = []
    for row in rows:
        params.extend(_params(model, row))
    if not returning:  # nobody reads its answer: on PostgreSQL it travels with the next statement
        defer_fixed(database.obj, _many_sql(model, tuple(rows[0]), len(rows)), params)
        return {}
    cursor = execute_fixed(database.obj, _many_sql(model, tuple(rows[0]), len(rows), returning), params)
    back = model._meta.fields[returning]
    return {back.python_value(value): int(row_id) for row_id, value in cursor.fetchall()}


def insert_values(model: type[BaseModel], names: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """INSERT rows given as tuples of values the database takes as they are (ints, text, None, and
    what the fields' db_value made of the rest): the ledger's many moves skip a dict and a conversion
    per value."""
    for i in range(0, len(rows), 200):  # keep each statement well inside the databases' limits
        chunk = rows[i : i + 200]
        defer_fixed(database.obj, _many_sql(model, names, len(chunk)), [v for row in chunk for v in row])


def _many_sql(model: type[BaseModel], names: tuple[str, ...], count: int, returning: str = "") -> str:
    key = ("insert_many", model, names, count, returning, database.param)
    sql = _sql.get(key)
    if sql is None:
        fields = model._meta.fields
        cols = ", ".join(_q(fields[name].column_name) for name in names)
        one = "(" + ", ".join([database.param] * len(names)) + ")"
        sql = f"INSERT INTO {_q(model._meta.table_name)} ({cols}) VALUES " + ", ".join([one] * count)
        if returning:
            sql += f" RETURNING {_q('id')}, {_q(fields[returning].column_name)}"
        sql = _sql[key] = sql
    return sql


def add_to(model: type[BaseModel], field: str, row_id: int, amount: Any) -> Any:
    """UPDATE model SET field = field + amount WHERE id = row_id; returns the new value."""
    key = ("add", model, field, database.param)
    sql = _sql.get(key)
    if sql is None:
        column = _q(model._meta.fields[field].column_name)
        sql = _sql[key] = (
            f"UPDATE {_q(model._meta.table_name)} SET {column} = {column} + {database.param} "
            f"WHERE {_q('id')} = {database.param} RETURNING {column}"
        )
    f = model._meta.fields[field]
    value = execute_fixed(database.obj, sql, [f.db_value(amount), row_id]).fetchone()[0]
    return f.python_value(value)


Row = TypeVar("Row", bound=tuple[Any, ...])


def one(sql: str, params: list[Any]) -> tuple[Any, ...] | None:
    """Run a fixed SQL text ('?' marks become the database's own) and return the first row."""
    key = ("raw", sql, database.param)
    text = _sql.get(key)
    if text is None:
        text = _sql[key] = sql.replace("?", database.param)
    row = execute_fixed(database.obj, text, params).fetchone()
    return None if row is None else tuple(row)


def one_as(row_type: Callable[..., Row], sql: str, params: list[Any]) -> Row | None:
    """`one`, as a named row: `row_type` is a NamedTuple whose fields are the selected columns in order."""
    row = one(sql, params)
    return None if row is None else row_type(*row)


def first(model: type[BaseModel], tail: str, params: list[Any]) -> Any:
    """The first `model` row of 'SELECT <all its columns> FROM <its table> AS m <tail>' as a model
    instance (values through the fields' python_value, nothing marked changed), or None. For lookups at
    the counter, where building a peewee query cost more than running it."""
    key = ("first", model, tail, database.param)
    text = _sql.get(key)
    fields = model._meta.sorted_fields
    if text is None:
        cols = ", ".join("m." + _q(f.column_name) for f in fields)
        text = _sql[key] = f"SELECT {cols} FROM {_q(model._meta.table_name)} AS m {tail}".replace(
            "?", database.param
        )
    row = execute_fixed(database.obj, text, params).fetchone()
    if row is None:
        return None
    found = model(
        __no_default__=1,
        **{f.name: None if v is None else f.python_value(v) for f, v in zip(fields, row, strict=True)},
    )
    found._dirty.clear()
    return found


def scalar(sql: str, params: list[Any]) -> Any:
    row = one(sql, params)
    return None if row is None else row[0]


def run(sql: str, params: list[Any]) -> None:
    """Run a fixed statement that returns no rows (see `rows` for '(?*)'); on PostgreSQL inside a
    transaction it travels with the next statement (db/pipeline.py)."""
    rows(sql, params, fetch=False)


def for_update(of: str = "") -> str:
    """' FOR NO KEY UPDATE' on PostgreSQL: the selected rows locked to the transaction's end, as an UPDATE
    of them would (and not against the key-share locks that inserting rows referring to them take);
    nothing on SQLite, whose writer holds the whole database."""
    return " FOR NO KEY UPDATE" + of if isinstance(database.obj, TillPostgres) else ""


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while many row tuples are made. Rows hold no cycles, but every
    700 new tuples start a collection, and in a process with a big heap the older generations' turns
    walk all of it (the 50.000-product stock list). Whoever found it running starts it again, so two
    threads using this leave it as it was."""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


def rows(sql: str, params: list[Any], fetch: bool = True) -> list[tuple[Any, ...]]:
    """Like `one`, every row. A '(?*)' in the text expands to as many marks as `params` has left over
    from the other marks (for IN lists)."""
    key = ("rows", sql, len(params), database.param)
    text = _sql.get(key)
    if text is None:
        if "(?*)" in sql:
            extra = len(params) - (sql.count("?") - sql.count("(?*)"))  # a (?*) is no mark of its own
            sql = sql.replace("(?*)", "(" + ", ".join("?" * max(extra, 1)) + ")")
        text = _sql[key] = sql.replace("?", database.param)
    if not fetch:
        defer_fixed(database.obj, text, params)
        return []
    cursor = execute_fixed(database.obj, text, params)
    with collector_paused():
        return list(cursor.fetchall())
