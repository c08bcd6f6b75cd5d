"""Schema versions. Version 1 is the whole model; later versions append `upgrade_to_N(migrator)` steps.

All steps run in one transaction at open (calibre's shape). A database from a newer Kasir is refused.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from peewee import PostgresqlDatabase, SqliteDatabase
from playhouse.migrate import SchemaMigrator

from db import balances, names_index, summaries
from db.models import (
    JOURNAL_EVENTS_INDEX,
    LOW_STOCK_INDEX,
    NAME_ORDER_INDEX,
    REFUND_INDEXES,
    Balance,
    ChatText,
    Customer,
    CustomerPhone,
    DayPayment,
    DayProduct,
    DaySales,
    DeliveryOrder,
    PinFailure,
    PriceChange,
    WeekProduct,
)

SCHEMA_VERSION = 11


def upgrade_to_2(migrator: SchemaMigrator) -> None:
    """Reports find voids, closings and other events in the journal by event and time; each customer
    carries visits, first and last visit (kept in the sale's transaction), filled here from the sales."""
    db = migrator.database
    db.execute_sql(
        'CREATE INDEX IF NOT EXISTS "journal_entry_event_created_at" '
        'ON "journal_entry" ("event", "created_at")'
    )
    columns = {c.name for c in db.get_columns("customer")}
    if "visits" not in columns:  # plain ADD COLUMNs: peewee's SQLite migrator would copy the table
        from peewee import PostgresqlDatabase

        stamp = "TIMESTAMP" if isinstance(db, PostgresqlDatabase) else "DATETIME"
        for column in (
            '"visits" INTEGER NOT NULL DEFAULT 0',
            f'"first_visit" {stamp}',
            f'"last_visit" {stamp}',
        ):
            db.execute_sql(f'ALTER TABLE "customer" ADD COLUMN {column}')
    db.execute_sql('CREATE INDEX IF NOT EXISTS "customer_last_visit" ON "customer" ("last_visit")')
    refresh_visits(db, Customer)

    names_index.create(db)


def refresh_visits(db: Any, customer: Any, ids: list[int] | None = None) -> None:
    """Recompute customer.visits / first_visit / last_visit from the sales (all, or some customers)."""
    where = ""
    params: list[Any] = []
    if ids is not None:
        where = ' WHERE "id" IN (' + ", ".join(db.param for _ in ids) + ")"
        params = list(ids)
    db.execute_sql(
        'UPDATE "customer" SET '
        '"visits" = (SELECT COUNT(*) FROM "sale" s WHERE s."customer_id" = "customer"."id" '
        "AND s.\"kind\" = 'sale'), "
        '"first_visit" = (SELECT MIN(s."created_at") FROM "sale" s WHERE s."customer_id" = "customer"."id" '
        "AND s.\"kind\" = 'sale'), "
        '"last_visit" = (SELECT MAX(s."created_at") FROM "sale" s WHERE s."customer_id" = "customer"."id" '
        "AND s.\"kind\" = 'sale')" + where,
        params,
    )


DAY_TABLES = ("day_sales", "day_payment", "day_product")  # the books of versions 3 and 4


def upgrade_to_3(migrator: SchemaMigrator) -> None:
    """Day books (sales, payments and products added up per day) for reports over long periods,
    filled here from the history; from now on kept in each sale's transaction. Indexes for the report's
    outstanding points and kasbon (read from the index, not the whole customer table) and its waste;
    indexes no query reads are dropped (each was a page written with every sale)."""
    db = migrator.database
    db.create_tables([DaySales, DayPayment, DayProduct])
    summaries.rebuild(db, only=DAY_TABLES)
    for name, table, columns in (
        ("customer_points", "customer", '"points"'),
        ("customer_kasbon", "customer", '"kasbon"'),
        ("stock_move_kind_created_at", "stock_move", '"kind", "created_at"'),
    ):
        db.execute_sql(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ({columns})')
    for name in UNUSED_INDEXES:
        db.execute_sql(f'DROP INDEX IF EXISTS "{name}"')


# Indexes version 1 made for every link but no query reads: each cost a page written per sale.
UNUSED_INDEXES = (
    "sale_register_id",  # a day's sales are read by time; verify sorts the numbers itself (schema 6)
    "sale_channel_id",
    "sale_cashier_id",
    "sale_approved_by_id",
    "stock_move_user_id",
    "stock_move_batch_id",
    "stock_move_purchase_id",
    "loyalty_entry_user_id",
    "loyalty_entry_program_id",
)


def upgrade_to_4(migrator: SchemaMigrator) -> None:
    """The day books keyed by their own columns (on SQLite WITHOUT ROWID tables: a period's rows side
    by side, one b-tree per upsert), recomputed from the history; the low-stock index; the ledgers'
    indexes by product dropped (COSTLY_INDEXES)."""
    db = migrator.database
    if "id" in {c.name for c in db.get_columns("day_product")}:  # made by version 3 (not by upgrade_to_3 now)
        db.drop_tables([DaySales, DayPayment, DayProduct])
        db.create_tables([DaySales, DayPayment, DayProduct])
        summaries.rebuild(db, only=DAY_TABLES)
    db.execute_sql(LOW_STOCK_INDEX)
    for name in COSTLY_INDEXES:
        db.execute_sql(f'DROP INDEX IF EXISTS "{name}"')


# Indexes of sale lines and stock moves by product: each sale wrote a page of each per product sold (5
# lines: 10 of its ~57 WAL pages; a 15-ingredient recipe sale: 20 of ~64). What read them (a product's
# sales in the report, the last supplier of a product) reads the day book and the restocks instead.
COSTLY_INDEXES = ("sale_line_product_id", "stock_move_product_id")


def upgrade_to_5(migrator: SchemaMigrator) -> None:
    """The week book of products (a week's report reads one row per product), filled from the day book;
    the members' points summed by triggers (db/balances.py); fewer index pages written per sale
    (SCHEMA_5_INDEXES): refunds indexed alone, indexes nothing reads dropped."""
    db = migrator.database
    db.create_tables([WeekProduct, Balance])
    summaries.rebuild(db, only=("week_product",))
    balances.install(db)
    for name in SCHEMA_5_INDEXES:
        db.execute_sql(f'DROP INDEX IF EXISTS "{name}"')
    for statement in REFUND_INDEXES:
        db.execute_sql(statement)


# Indexes each sale wrote a page of that no query needs in that shape (schema 5): the refund links
# (NULL on every sale; remade as partial indexes of refunds only), serial numbers (searched with LIKE
# '%…%', which no index serves), moves by time alone ((kind, created_at) serves every query), members
# by points (the report's sum now comes from the balance the triggers keep).
SCHEMA_5_INDEXES = (
    "sale_refund_of_id",
    "sale_line_refund_of_id",
    "sale_line_serial_number",
    "stock_move_created_at",
    "customer_points",
)


def upgrade_to_6(migrator: SchemaMigrator) -> None:
    """Three fewer index pages per sale: the journal's (event, time) index holds every event but sales
    (JOURNAL_EVENTS_INDEX), stock moves are no longer indexed by sale line (nothing looks them up that
    way; lines are never deleted), and sales not by (register, seq): the receipt number, unique, is
    made of the two, and verify reads the sequence in one sorted pass."""
    db = migrator.database
    db.execute_sql('DROP INDEX IF EXISTS "stock_move_sale_line_id"')
    db.execute_sql('DROP INDEX IF EXISTS "sale_register_id_seq"')
    db.execute_sql('DROP INDEX IF EXISTS "journal_entry_event_created_at"')
    db.execute_sql(JOURNAL_EVENTS_INDEX)


def upgrade_to_7(migrator: SchemaMigrator) -> None:
    """The shop's own catalogue: a product's shelf life and quick-button order, categories and
    customers that can be deactivated and have more than one number, the price-change history, and
    the index that lists active products in name order."""
    db = migrator.database
    true = "TRUE" if isinstance(db, PostgresqlDatabase) else "1"
    for table, column in (
        ("product", '"shelf_life_days" INTEGER NOT NULL DEFAULT 0'),
        ("product", '"quick_sort" INTEGER NOT NULL DEFAULT 0'),
        ("category", f'"active" BOOLEAN NOT NULL DEFAULT {true}'),
        ("customer", f'"active" BOOLEAN NOT NULL DEFAULT {true}'),
    ):
        name = column.split('"')[1]
        if name not in {c.name for c in db.get_columns(table)}:
            db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN {column}')
    db.create_tables([PriceChange, CustomerPhone])
    db.execute_sql(NAME_ORDER_INDEX)


def upgrade_to_8(migrator: SchemaMigrator) -> None:
    """Wrong PINs kept one by one (pin_failure: where, who asked, seen by the owner), counted with the
    user's failed_pins and locked_until, which version 1 already has (pos/core/pin_guard.py)."""
    migrator.database.create_tables([PinFailure])


def upgrade_to_9(migrator: SchemaMigrator) -> None:
    """What the customer wrote, kept with a sale made from a pasted chat order (chat_text)."""
    migrator.database.create_tables([ChatText])


def upgrade_to_10(migrator: SchemaMigrator) -> None:
    """The delivery board (pos/counter/delivery.py): delivery and online orders with their state, courier
    and cash on delivery (delivery_order)."""
    migrator.database.create_tables([DeliveryOrder])


def upgrade_to_11(migrator: SchemaMigrator) -> None:
    """A sale line's reason for a changed price or discount, kept apart from its note (which is printed on
    the receipt): before, the reason was stored as the note when the line had none."""
    db = migrator.database
    if "reason" not in {c.name for c in db.get_columns("sale_line")}:
        db.execute_sql('ALTER TABLE "sale_line" ADD COLUMN "reason" VARCHAR(200) NOT NULL DEFAULT \'\'')


# version -> step that brings a database from version-1 to version
UPGRADES: dict[int, Callable[[SchemaMigrator], None]] = {
    2: upgrade_to_2,
    3: upgrade_to_3,
    4: upgrade_to_4,
    5: upgrade_to_5,
    6: upgrade_to_6,
    7: upgrade_to_7,
    8: upgrade_to_8,
    9: upgrade_to_9,
    10: upgrade_to_10,
    11: upgrade_to_11,
}


def keep_before_upgrade(db: Any, version: int) -> Path | None:
    """Before upgrading a SQLite file from `version`: a copy of it as it is, beside it (kasir.db ->
    kasir.db.before-upgrade-6; SQLite's online backup API, written whole, then renamed). A copy that cannot be
    written stops the upgrade with the file untouched. None for a database that is no file (PostgreSQL keeps
    its server's own backups)."""
    name = str(db.database) if isinstance(db, SqliteDatabase) else ""
    if not name or name == ":memory:" or name.startswith("file:"):
        return None
    path = Path(name)
    kept = path.with_name(f"{path.name}.before-upgrade-{version}")
    partial = kept.with_name(kept.name + ".part")
    copy = sqlite3.connect(partial)
    try:
        db.connection().backup(copy)
    finally:
        copy.close()
    os.replace(partial, kept)
    return kept


def pending(current: int) -> list[tuple[int, Callable[[SchemaMigrator], None]]]:
    return [(v, UPGRADES[v]) for v in range(current + 1, SCHEMA_VERSION + 1)]
