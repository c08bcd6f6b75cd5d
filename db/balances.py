"""Shop-wide balances the database keeps itself, with triggers: `points` is the sum of every member's
points (the loyalty liability in the owner's report).

Points change in many places (a sale, a refund, a birthday gift, expiry, a correction, merging two
customers); a trigger on the customer's `points` column sees every one of them, inside the same
transaction, on SQLite and PostgreSQL alike. The report then reads one row instead of adding up
every customer. `differences` is what verify compares.
"""

from __future__ import annotations

from typing import Any

import peewee

_SQLITE_TRIGGERS = (
    'CREATE TRIGGER IF NOT EXISTS "customer_points_in" AFTER INSERT ON "customer" WHEN NEW."points" <> 0 '
    'BEGIN UPDATE "balance" SET "amount" = "amount" + NEW."points" WHERE "name" = \'points\'; END',
    'CREATE TRIGGER IF NOT EXISTS "customer_points_change" AFTER UPDATE OF "points" ON "customer" '
    'WHEN NEW."points" <> OLD."points" BEGIN UPDATE "balance" SET "amount" = "amount" + NEW."points" '
    '- OLD."points" WHERE "name" = \'points\'; END',
    'CREATE TRIGGER IF NOT EXISTS "customer_points_out" AFTER DELETE ON "customer" WHEN OLD."points" <> 0 '
    'BEGIN UPDATE "balance" SET "amount" = "amount" - OLD."points" WHERE "name" = \'points\'; END',
)
_POSTGRES_TRIGGERS = (
    'CREATE OR REPLACE FUNCTION "kasir_points_balance"() RETURNS trigger AS $$ BEGIN '
    'UPDATE "balance" SET "amount" = "amount" '
    "+ (CASE WHEN TG_OP = 'DELETE' THEN 0 ELSE NEW.\"points\" END) "
    "- (CASE WHEN TG_OP = 'INSERT' THEN 0 ELSE OLD.\"points\" END) WHERE \"name\" = 'points'; "
    "RETURN NULL; END $$ LANGUAGE plpgsql",
    'DROP TRIGGER IF EXISTS "customer_points_balance" ON "customer"',
    'CREATE TRIGGER "customer_points_balance" AFTER INSERT OR DELETE OR UPDATE OF "points" ON "customer" '
    'FOR EACH ROW EXECUTE PROCEDURE "kasir_points_balance"()',
)
_SUM = 'SELECT COALESCE(SUM("points"), 0) FROM "customer"'


def install(db: Any) -> None:
    """Create the balance row (from the customers as they are) and the triggers that keep it."""
    db.execute_sql('DELETE FROM "balance" WHERE "name" = \'points\'')
    db.execute_sql(f'INSERT INTO "balance" ("name", "amount") SELECT \'points\', ({_SUM})')
    for statement in _POSTGRES_TRIGGERS if isinstance(db, peewee.PostgresqlDatabase) else _SQLITE_TRIGGERS:
        db.execute_sql(statement)


def points(db: Any) -> int:
    """The points all members hold together."""
    row = db.execute_sql('SELECT "amount" FROM "balance" WHERE "name" = \'points\'').fetchone()
    return int(row[0]) if row else 0


def differences(db: Any) -> list[tuple[str, int, int]]:
    """Balances that do not equal what they sum up: (name, kept, recomputed); empty when all agree."""
    kept, fresh = points(db), int(db.execute_sql(_SUM).fetchone()[0])
    return [] if kept == fresh else [("points", kept, fresh)]
