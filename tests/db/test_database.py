"""Opening the database: pragmas, schema version, refusing what is not ours, never touching it."""

import sqlite3
from datetime import datetime
from decimal import Decimal

import peewee
import pytest

from db import migrations
from db.database import OpenError, close_database, open_database
from db.migrations import SCHEMA_VERSION
from db.models import Meta, database
from pos import shop
from pos.core.errors import ShopOpenError


def test_new_file_gets_schema_and_pragmas(tmp_path):
    db = open_database(str(tmp_path / "k.db"))
    try:
        assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 5000
        assert Meta.get_by_id("schema_version").value == str(migrations.SCHEMA_VERSION)
        assert "sale" in db.get_tables() and "journal_entry" in db.get_tables()
    finally:
        db.close()


def test_newer_database_is_refused_untouched(tmp_path):
    path = tmp_path / "k.db"
    open_database(str(path)).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(OpenError) as err:
        open_database(str(path))
    assert err.value.reason == "newer" and err.value.version == 99
    assert path.read_bytes() == before


def test_other_sqlite_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (x)")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(ShopOpenError) as err:
        shop.open_shop(str(path))
    assert "bukan database Kasir" in err.value.text and str(path) in err.value.text
    assert path.read_bytes() == before


def test_garbage_file_gets_a_clear_message(tmp_path):
    path = tmp_path / "rusak.db"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(ShopOpenError) as err:
        shop.open_shop(str(path))
    assert "bukan database SQLite" in err.value.text


def test_upgrade_steps_run_in_order_in_one_transaction(tmp_path, monkeypatch):
    path = tmp_path / "k.db"
    open_database(str(path)).close()
    ran = []
    now = migrations.SCHEMA_VERSION  # the version a new database is made at
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", now + 2)
    monkeypatch.setattr(
        migrations,
        "UPGRADES",
        {now + 1: lambda m: ran.append(now + 1), now + 2: lambda m: ran.append(now + 2)},
    )
    db = open_database(str(path))
    try:
        assert ran == [now + 1, now + 2]
        assert Meta.get_by_id("schema_version").value == str(now + 2)
    finally:
        db.close()


def test_failing_upgrade_leaves_the_old_version(tmp_path, monkeypatch):
    path = tmp_path / "k.db"
    open_database(str(path)).close()

    def boom(migrator):
        database.execute_sql("CREATE TABLE half_done (x)")
        raise RuntimeError("step failed")

    now = migrations.SCHEMA_VERSION
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", now + 1)
    monkeypatch.setattr(migrations, "UPGRADES", {now + 1: boom})
    with pytest.raises(RuntimeError):
        open_database(str(path))
    database.obj.close()
    con = sqlite3.connect(path)
    assert con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(now)
    assert con.execute("SELECT count(*) FROM sqlite_master WHERE name='half_done'").fetchone()[0] == 0


def test_postgres_url_goes_through_db_url(monkeypatch):
    import peewee

    from db import database as dbmod

    seen = {}

    def fake_connect(url, **params):
        seen["url"], seen["params"] = url, params
        return peewee.SqliteDatabase(":memory:")

    monkeypatch.setattr(dbmod, "connect_url", fake_connect)
    db = open_database("postgresql://kasir@localhost/toko")
    try:
        assert seen["url"] == "postgresql://kasir@localhost/toko"
        assert "lock_timeout=5000" in seen["params"]["options"]  # a till never waits forever for a lock
        assert seen["params"]["keepalives"] == 1
        assert "sale" in db.get_tables()
    finally:
        db.close()


def test_a_version_1_shop_gets_the_journal_index(tmp_path):
    from db.models import Meta

    target = str(tmp_path / "old.db")
    db = open_database(target)
    db.execute_sql('DROP INDEX "journal_entry_event_created_at"')
    Meta.update(value="1").where(Meta.key == "schema_version").execute()
    close_database()
    db = open_database(target)
    names = {i.name for i in db.get_indexes("journal_entry")}
    assert "journal_entry_event_created_at" in names
    assert Meta.get_by_id("schema_version").value == str(SCHEMA_VERSION)  # upgraded all the way
    close_database()


def _open_with_owner(target: str):
    """A new shop at `target` with its owner, who opens a shift (sales need one)."""
    from pos.core import staff
    from pos.counter import shift

    shop.open_shop(target)
    owner = staff.create_user("Bu Sri", "owner", "1234")
    shift.open_shift(owner, 0)
    return owner


def test_a_version_1_shop_gets_customer_visits_from_its_sales(tmp_path):
    from db.models import Customer, Meta
    from pos.core.cart import Cart
    from pos.counter import sale
    from pos.counter.payment import Tender
    from pos.customers import customer

    target = str(tmp_path / "v1.db")
    owner = _open_with_owner(target)
    budi = customer.create_customer("0812-1111-2222", "Budi")
    for _ in range(2):
        c = Cart(customer_id=budi.id)
        c.add(None, "Kopi", 5_000, 1)
        sale.complete(c, [Tender("cash", 5_000)], owner)
    db = database.obj
    db.execute_sql('DROP INDEX "customer_last_visit"')
    for column in ("visits", "first_visit", "last_visit"):
        db.execute_sql(f'ALTER TABLE "customer" DROP COLUMN "{column}"')
    Meta.update(value="1").where(Meta.key == "schema_version").execute()
    shop.close_shop()
    shop.open_shop(target)
    row = Customer.get_by_id(budi.id)
    assert row.visits == 2 and row.first_visit is not None and row.last_visit >= row.first_visit
    assert Meta.get_by_id("schema_version").value == str(SCHEMA_VERSION)  # upgraded all the way
    shop.close_shop()


def test_a_version_2_shop_gets_day_books_from_its_sales_and_refunds(tmp_path):
    from db import summaries
    from db.models import DayPayment, DayProduct, DaySales, Meta, WeekProduct
    from pos.core.cart import Cart
    from pos.counter import refund, sale
    from pos.counter.payment import Tender

    target = str(tmp_path / "v2.db")
    owner = _open_with_owner(target)
    c = Cart()
    c.add(None, "Kopi", 5_000, 2)
    c.add(None, "Teh", 3_000, 1)
    first = sale.complete(c, [Tender("cash", 20_000)], owner)
    c = Cart()
    c.add(None, "Kopi", 5_000, 1)
    sale.complete(c, [Tender("qris", 5_000)], owner)
    refund.refund(first, {first.lines[0].id: 1}, "basi", owner)

    def books():
        out = {}
        for table, columns in summaries.COLUMNS.items():
            names = ", ".join(f'"{c}"' for c in columns if c != "name")  # two free lines share product 0
            out[table] = sorted(database.obj.execute_sql(f'SELECT {names} FROM "{table}"').fetchall())
        return out

    kept = books()
    assert len(kept["day_sales"]) == 2 and len(kept["day_product"]) == 1
    for model in (DaySales, DayPayment, DayProduct, WeekProduct):
        database.obj.drop_tables([model])
    database.obj.execute_sql('CREATE INDEX "sale_channel_id" ON "sale" ("channel_id")')  # as version 2 had
    Meta.update(value="2").where(Meta.key == "schema_version").execute()
    shop.close_shop()
    shop.open_shop(target)
    indexes = {i.name for t in ("sale", "stock_move", "loyalty_entry") for i in database.obj.get_indexes(t)}
    assert not indexes & set(migrations.UNUSED_INDEXES)  # each was a page written with every sale
    assert {"stock_move_kind_created_at", "sale_created_at"} <= indexes
    assert books() == kept  # the upgrade finds exactly what the counter kept
    assert [(r.method, r.count, r.amount) for r in DayPayment.select().order_by(DayPayment.method)] == [
        ("cash", 2, 13_000 - 5_000),  # the sale and its refund
        ("qris", 1, 5_000),
    ]
    assert summaries.differences(database.obj) == []
    assert Meta.get_by_id("schema_version").value == str(SCHEMA_VERSION)
    shop.close_shop()


def test_a_version_3_shop_gets_clustered_day_books_and_the_low_stock_index(tmp_path):
    from db import summaries
    from db.models import LOW_STOCK, Meta, Product
    from pos.catalog import catalog
    from pos.core.cart import Cart
    from pos.counter import sale
    from pos.counter.payment import Tender
    from pos.stock import stock

    target = str(tmp_path / "v3.db")
    owner = _open_with_owner(target)
    kopi = catalog.create_product("KB-1", "Kopi Bubuk", 12_000, cost=9_000, reorder_level=4)
    stock.restock([(kopi, Decimal(4), 9_000)], owner)
    c = Cart()
    c.add(kopi.id, kopi.name, 12_000, 2)
    sale.complete(c, [Tender("cash", 24_000)], owner)
    db = database.obj
    kept = {t: sorted(db.execute_sql(f'SELECT * FROM "{t}"').fetchall()) for t in summaries.COLUMNS}
    # the day books as version 3 made them: a row id and a unique index on the key; no week book yet
    db.execute_sql('DROP TABLE "week_product"')
    for table in migrations.DAY_TABLES:
        columns = summaries.COLUMNS[table]
        db.execute_sql(f'ALTER TABLE "{table}" RENAME TO "old_{table}"')
        key = ", ".join(f'"{c}"' for c in columns[: 5 if table == "day_sales" else 2])
        db.execute_sql(
            f'CREATE TABLE "{table}" ("id" INTEGER NOT NULL PRIMARY KEY, '
            + ", ".join(f'"{c}"' for c in columns)
            + ")"
        )
        db.execute_sql(f'CREATE UNIQUE INDEX "{table}_key" ON "{table}" ({key})')
        db.execute_sql(
            f'INSERT INTO "{table}" ('
            + ", ".join(f'"{c}"' for c in columns)
            + ") SELECT "
            + ", ".join(f'"{c}"' for c in columns)
            + f' FROM "old_{table}"'
        )
        db.execute_sql(f'DROP TABLE "old_{table}"')
    db.execute_sql('DROP INDEX "product_low_stock"')
    for name in migrations.COSTLY_INDEXES:  # version 3 had them
        table = name.rsplit("_product_id", 1)[0]
        db.execute_sql(f'CREATE INDEX "{name}" ON "{table}" ("product_id")')
    Meta.update(value="3").where(Meta.key == "schema_version").execute()
    shop.close_shop()

    shop.open_shop(target)
    db = database.obj
    for table in summaries.COLUMNS:
        made = db.execute_sql("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        assert made.endswith("WITHOUT ROWID") and '"id"' not in made
        assert sorted(db.execute_sql(f'SELECT * FROM "{table}"').fetchall()) == kept[table]
    low = Product.select().where(*LOW_STOCK)
    text, params = low.sql()
    plan = " ".join(str(r) for r in db.execute_sql("EXPLAIN QUERY PLAN " + text, params).fetchall())
    assert "product_low_stock" in plan  # two left of a reorder level of 4: read from the index
    assert [p.name for p in low] == ["Kopi Bubuk"]
    assert summaries.differences(db) == []
    indexes = {i.name for t in ("sale_line", "stock_move") for i in db.get_indexes(t)}
    assert not indexes & set(migrations.COSTLY_INDEXES)  # each cost every sale a page per product
    assert Meta.get_by_id("schema_version").value == str(SCHEMA_VERSION)
    shop.close_shop()


def test_name_search_index_follows_inserts_renames_and_deletes(tmp_path):
    from db import names_index
    from db.models import Product
    from pos.catalog import catalog

    shop.open_shop(str(tmp_path / "names.db"))
    assert names_index.available("product")
    catalog.create_product("A1", "Indomie Goreng Jumbo", 3_500)
    catalog.create_product("A2", "Kopi Kapal Api", 1_500)
    assert [p.name for p in catalog.search("goreng jum")] == ["Indomie Goreng Jumbo"]
    assert [p.name for p in catalog.search("api ko")] == ["Kopi Kapal Api"]  # short word: LIKE on top
    Product.update(name="Mie Sedaap Soto", search_name="mie sedaap soto").where(Product.sku == "A1").execute()
    assert catalog.search("goreng") == [] and [p.sku for p in catalog.search("sedaap")] == ["A1"]
    Product.delete().where(Product.sku == "A2").execute()
    assert catalog.search("kapal") == []
    shop.close_shop()


def test_a_version_4_shop_gets_its_week_book_points_total_and_fewer_indexes(tmp_path):
    from db import balances, summaries
    from db.models import Customer, Meta, Sale, WeekProduct
    from pos.books import report
    from pos.catalog import catalog
    from pos.core.cart import Cart
    from pos.core.clock import frozen
    from pos.counter import sale
    from pos.counter.payment import Tender
    from pos.customers import customer, loyalty

    target = str(tmp_path / "v4.db")
    owner = _open_with_owner(target)
    loyalty.configure_points(
        {"earn_per": 1_000, "point_value": 100, "min_redeem": 20, "expiry_months": 12}, True, owner
    )
    budi = customer.create_customer("0812-1111-2222", "Budi")
    kopi = catalog.create_product("KB-1", "Kopi Bubuk", 12_000, cost=9_000)
    days = (datetime(2026, 11, 15, 9), datetime(2026, 11, 16, 9), datetime(2026, 11, 22, 20))
    for at, qty in zip(days, (1, 2, 3), strict=True):  # Sunday of week 46, Monday and Sunday of week 47
        with frozen(at):
            c = Cart(customer_id=budi.id)
            c.add(kopi.id, kopi.name, 12_000, qty)
            sale.complete(c, [Tender("cash", 12_000 * qty)], owner)
    kept = sorted((str(w.week), w.product_id, w.qty, w.total) for w in WeekProduct.select())
    assert kept == [("2026-11-09", kopi.id, Decimal(1), 12_000), ("2026-11-16", kopi.id, Decimal(5), 60_000)]
    db = database.obj
    # version 4: no week book, no balance nor its triggers, the indexes every sale wrote a page of
    db.execute_sql('DROP TABLE "week_product"')
    db.execute_sql('DROP TABLE "balance"')
    for trigger in ("customer_points_in", "customer_points_change", "customer_points_out"):
        db.execute_sql(f'DROP TRIGGER "{trigger}"')
    for name in migrations.SCHEMA_5_INDEXES:
        db.execute_sql(f'DROP INDEX IF EXISTS "{name}"')
        table, column = {
            "sale_refund_of_id": ("sale", "refund_of_id"),
            "sale_line_refund_of_id": ("sale_line", "refund_of_id"),
            "sale_line_serial_number": ("sale_line", "serial_number"),
            "stock_move_created_at": ("stock_move", "created_at"),
            "customer_points": ("customer", "points"),
        }[name]
        db.execute_sql(f'CREATE INDEX "{name}" ON "{table}" ("{column}")')
    Meta.update(value="4").where(Meta.key == "schema_version").execute()
    shop.close_shop()

    shop.open_shop(target)
    db = database.obj
    assert sorted((str(w.week), w.product_id, w.qty, w.total) for w in WeekProduct.select()) == kept
    made = db.execute_sql("SELECT sql FROM sqlite_master WHERE name = 'week_product'").fetchone()[0]
    assert made.endswith("WITHOUT ROWID")
    assert [(p.qty, p.net) for p in report.by_product(report.iso_week("2026-W47"))] == [(Decimal(5), 60_000)]
    assert balances.points(db) == Customer.get_by_id(budi.id).points == 72  # installed from the members
    indexes = {
        i.name: i.sql for t in ("sale", "sale_line", "stock_move", "customer") for i in db.get_indexes(t)
    }
    assert not {"sale_line_serial_number", "stock_move_created_at", "customer_points"} & set(indexes)
    assert 'WHERE "refund_of_id" IS NOT NULL' in indexes["sale_refund_of_id"]
    assert 'WHERE "refund_of_id" IS NOT NULL' in indexes["sale_line_refund_of_id"]
    text, params = Sale.select().where(Sale.refund_of == 1).sql()
    plan = " ".join(str(r) for r in db.execute_sql("EXPLAIN QUERY PLAN " + text, params).fetchall())
    assert "sale_refund_of_id" in plan  # refund_of = ? implies IS NOT NULL: the partial index serves
    c = Cart(customer_id=budi.id)
    c.add(kopi.id, kopi.name, 12_000, 1)
    sale.complete(c, [Tender("cash", 12_000)], owner)
    assert balances.points(db) == 84  # the triggers keep it from now on
    assert summaries.differences(db) == [] and balances.differences(db) == []
    assert Meta.get_by_id("schema_version").value == str(SCHEMA_VERSION)
    shop.close_shop()


def _plan(db, query) -> str:
    text, params = query.sql()
    return " ".join(str(r) for r in db.execute_sql("EXPLAIN QUERY PLAN " + text, params).fetchall())


def test_a_version_5_shop_writes_three_fewer_index_pages_per_sale(tmp_path):
    from db.models import NOT_A_SALE, JournalEntry, Meta, StockMove
    from pos.books import report
    from pos.catalog import catalog
    from pos.core.cart import Cart
    from pos.core.clock import frozen
    from pos.counter import park, sale
    from pos.counter.payment import Tender
    from pos.stock import stock

    target = str(tmp_path / "v5.db")
    owner = _open_with_owner(target)
    kopi = catalog.create_product("KB-1", "Kopi Bubuk", 12_000, cost=9_000)
    stock.restock([(kopi, Decimal(10), 9_000)], owner)
    with frozen(datetime(2026, 11, 16, 9)):
        c = Cart()
        c.add(kopi.id, kopi.name, 12_000, 2)
        sale.complete(c, [Tender("cash", 24_000)], owner)
        gone = Cart()
        gone.add(kopi.id, kopi.name, 12_000, 1)
        park.void(gone, "salah ketik", owner)
    db = database.obj
    made = {i.name: i.sql for i in db.get_indexes("journal_entry")}["journal_entry_event_created_at"]
    assert made.endswith("WHERE \"event\" <> 'sale'")  # a new shop has it so too
    # version 5: the journal indexed by event and time for every entry, moves indexed by sale line
    db.execute_sql('DROP INDEX "journal_entry_event_created_at"')
    db.execute_sql('CREATE INDEX "journal_entry_event_created_at" ON "journal_entry" ("event", "created_at")')
    db.execute_sql('CREATE INDEX "stock_move_sale_line_id" ON "stock_move" ("sale_line_id")')
    db.execute_sql('CREATE UNIQUE INDEX "sale_register_id_seq" ON "sale" ("register_id", "seq")')
    Meta.update(value="5").where(Meta.key == "schema_version").execute()
    shop.close_shop()

    shop.open_shop(target)
    db = database.obj
    indexes = {i.name: i.sql for t in ("journal_entry", "stock_move", "sale") for i in db.get_indexes(t)}
    assert not {"stock_move_sale_line_id", "sale_register_id_seq"} & set(indexes)
    assert indexes["journal_entry_event_created_at"].endswith("WHERE \"event\" <> 'sale'")
    with pytest.raises(peewee.OperationalError):  # it holds no sale: a query of every event can't use it
        db.execute_sql('SELECT "event" FROM "journal_entry" INDEXED BY "journal_entry_event_created_at"')
    voids = JournalEntry.select().where(JournalEntry.event == "void", NOT_A_SALE)
    assert "journal_entry_event_created_at" in _plan(db, voids)  # the same literal term: served
    week = report.iso_week("2026-W47")
    assert [(v.user, v.reason, v.value) for v in report.voids(week)] == [("Bu Sri", "salah ketik", 12_000)]
    assert [m.qty for m in StockMove.select().where(StockMove.kind == "sale")] == [Decimal(-2)]
    assert Meta.get_by_id("schema_version").value == str(SCHEMA_VERSION)
    shop.close_shop()


def test_a_version_6_shop_gets_the_catalogue_columns_and_the_price_history(tmp_path):
    from db.models import ACTIVE_BY_NAME, LOW_STOCK, Customer, Meta, Product
    from pos.catalog import catalog, product_edit
    from pos.customers import customer

    target = str(tmp_path / "v6.db")
    owner = _open_with_owner(target)
    kopi = catalog.create_product("KB-1", "Kopi Bubuk", 12_000, cost=9_000)
    customer.create_customer("0812 1111 2222", "Bu Ani")
    db = database.obj
    # version 6: none of the new columns, no price history, no other numbers
    db.execute_sql('DROP TABLE "price_change"')
    db.execute_sql('DROP TABLE "customer_other_phone"')
    db.execute_sql('DROP INDEX "product_active_name"')
    for table, column in (("product", "shelf_life_days"), ("product", "quick_sort"), ("category", "active"),
                          ("customer", "active")):  # fmt: skip
        db.execute_sql(f'ALTER TABLE "{table}" DROP COLUMN "{column}"')
    Meta.update(value="6").where(Meta.key == "schema_version").execute()
    shop.close_shop()

    shop.open_shop(target)
    assert Meta.get_by_id("schema_version").value == str(SCHEMA_VERSION)
    found = Product.get_by_id(kopi.id)
    assert (found.shelf_life_days, found.quick_sort, found.active) == (0, 0, True)
    assert Customer.get().active is True
    data = product_edit.product_data(kopi.id)
    data.price = 13_000
    product_edit.save_product(data, owner, product_id=kopi.id, reason="naik")
    assert [(c.old, c.new) for c in product_edit.price_history(kopi.id)] == [(12_000, 13_000)]
    db = database.obj
    for shown in ('p."track_stock" AND ' + ACTIVE_BY_NAME, ACTIVE_BY_NAME):  # Stok and Barang, by name
        sql = f'SELECT p."id" FROM "product" p WHERE {shown} ORDER BY LOWER(p."name"), p."id"'
        assert "product_active_name" in str(db.execute_sql("EXPLAIN QUERY PLAN " + sql).fetchall())
    low = Product.select().where(*LOW_STOCK)
    text, params = low.sql()
    assert "product_low_stock" in str(db.execute_sql("EXPLAIN QUERY PLAN " + text, params).fetchall())
    shop.close_shop()
