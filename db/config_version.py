"""A number the database adds one to whenever the shop's configuration changes: settings, channels, loyalty
programs, recipes, staff and their roles. Tills cache these (pos/core/caches.py) and compare the number to
know when to read them again.

Triggers keep it, so every change counts — from any till, any service, any script — on SQLite and
PostgreSQL alike. `ensure` installs them on a database that has none yet (it runs at every open and does
nothing once they are there).
"""

from __future__ import annotations

from typing import Any

import peewee

from db.pipeline import execute_fixed

TABLES = ("setting", "channel", "loyalty_program", "recipe_item", "user", "role")
KEY = "config_version"
_BUMP = (
    'UPDATE "meta" SET "value" = CAST(CAST("value" AS INTEGER) + 1 AS TEXT) WHERE "key" = \'config_version\''
)


def _sqlite_statements() -> list[str]:
    out = []
    for table in TABLES:
        for event in ("INSERT", "UPDATE", "DELETE"):
            out.append(
                f'CREATE TRIGGER IF NOT EXISTS "{table}_config_{event.lower()}" AFTER {event} ON "{table}" '
                f"BEGIN {_BUMP}; END"
            )
    return out


def _postgres_statements() -> list[str]:
    out = [
        'CREATE OR REPLACE FUNCTION "kasir_config_version"() RETURNS trigger AS $$ BEGIN '
        f"{_BUMP}; RETURN NULL; END $$ LANGUAGE plpgsql"
    ]
    for table in TABLES:
        out.append(f'DROP TRIGGER IF EXISTS "{table}_config" ON "{table}"')
        out.append(
            f'CREATE TRIGGER "{table}_config" AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
            'FOR EACH STATEMENT EXECUTE PROCEDURE "kasir_config_version"()'
        )
    return out


def installed(db: Any) -> bool:
    if db.execute_sql('SELECT 1 FROM "meta" WHERE "key" = \'config_version\'').fetchone() is None:
        return False
    if isinstance(db, peewee.PostgresqlDatabase):
        sql = "SELECT COUNT(*) FROM pg_trigger WHERE tgname = %s"
        name = f"{TABLES[-1]}_config"  # the last table's: a shop from before it was added gets them all
    else:
        sql = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name = ?"
        name = f"{TABLES[-1]}_config_delete"
    return bool(db.execute_sql(sql, (name,)).fetchone()[0])


def ensure(db: Any) -> None:
    """The number's row and its triggers, where they are missing (inside the caller's transaction)."""
    if db.execute_sql('SELECT 1 FROM "meta" WHERE "key" = \'config_version\'').fetchone() is None:
        db.execute_sql('INSERT INTO "meta" ("key", "value") VALUES (\'config_version\', \'0\')')
    if installed(db):
        return
    for statement in (
        _postgres_statements() if isinstance(db, peewee.PostgresqlDatabase) else _sqlite_statements()
    ):
        db.execute_sql(statement)


def read(db: Any) -> int:
    row = execute_fixed(db, 'SELECT "value" FROM "meta" WHERE "key" = \'config_version\'').fetchone()
    return int(row[0]) if row else 0
