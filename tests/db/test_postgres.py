"""The same shop on PostgreSQL (several tills share one server): a sale of tracked items with a member, a
refund, the report, verify, the XLSX and the day books rebuilt. Runs when KASIR_TEST_PG names a server
that lets this user create databases (`.ci/run` starts one); skipped otherwise."""

from __future__ import annotations

import os
import re
from datetime import timedelta
from decimal import Decimal

import peewee
import pytest
from openpyxl import load_workbook

from pos import shop
from pos.audit import verify
from pos.books import export, report
from pos.catalog import catalog
from pos.core import staff
from pos.core.cart import Cart
from pos.counter import refund, sale, shift
from pos.counter.payment import Tender
from pos.customers import customer, loyalty
from pos.stock import stock_list
from tests.conftest import NOW

URL = os.environ.get("KASIR_TEST_PG", "")
pytestmark = pytest.mark.skipif(not URL, reason="KASIR_TEST_PG is not set: no PostgreSQL server to test on")


def test_a_day_of_sales_on_postgresql(pg_shop, tmp_path):
    from db import summaries
    from db.models import database

    owner = staff.create_user("Bu Sri", "owner", "1234")
    loyalty.configure_points(
        {"earn_per": 1_000, "point_value": 100, "min_redeem": 20, "expiry_months": 12}, True, owner
    )
    shift.open_shift(owner, 0)
    mie = catalog.create_product("MIE", "Indomie Goreng", 3_500, cost=2_900)
    teh = catalog.create_product("TEH", "Es Teh Manis", 5_000, cost=1_000)
    budi = customer.create_customer("0812-1111-2222", "Budi")
    c = Cart(customer_id=budi.id)
    c.add(mie.id, mie.name, 3_500, 2)
    c.add(teh.id, teh.name, 5_000, 1)
    c.add(None, "Kerupuk", 1_000, 1)
    first = sale.complete(c, [Tender("cash", 20_000)], owner)  # two tracked items: one stock UPDATE
    c = Cart()
    c.add(mie.id, mie.name, 3_500, 1)
    sale.complete(c, [Tender("qris", 3_500)], owner)
    refund.refund(first, {first.lines[0].id: 1}, "rusak", owner)

    today = report.Period(NOW.date(), NOW.date())
    r = report.build(today)  # products on a second connection
    t = r.totals
    assert (t.sales_count, t.refunds_count, t.net, t.total) == (2, 1, 13_000, 13_000)
    assert [(p.name, p.qty, p.net) for p in r.by_product] == [
        ("Indomie Goreng", Decimal(2), 7_000),
        ("Es Teh Manis", Decimal(1), 5_000),
        ("Kerupuk", Decimal(1), 1_000),
    ]
    assert {p.method: p.amount for p in r.by_payment} == {"cash": 9_500, "qris": 3_500}
    monday = NOW.date() - timedelta(days=NOW.weekday())
    for period in (  # the week book alone, and a whole week with days around it (a UNION added up)
        report.Period(monday, monday + timedelta(days=6)),
        report.Period(monday - timedelta(days=1), monday + timedelta(days=8)),
    ):
        assert [(p.name, p.qty, p.net) for p in report.by_product(period)] == [
            (p.name, p.qty, p.net) for p in r.by_product
        ]
    assert r.loyalty.points_outstanding == 13 - 3  # 13 earned, the refund took back 3,5 -> 3
    assert (r.customers.members, r.customers.new, r.customers.top[0].name) == (1, 1, "Budi")
    assert r.stock.low_stock_count == 2  # sold without a restock: both below their level of 0
    assert [(s.name, s.buy) for s in stock_list.suggestions()] == [  # 2 and 1 used in 28 days, none left
        ("Es Teh Manis", 1),
        ("Indomie Goreng", 1),
    ]
    listed = stock_list.listing()
    assert [(row.name, row.held, row.category) for row in listed] == [
        ("Es Teh Manis", -1_000, ""),
        ("Indomie Goreng", -2_000, ""),  # 2 + 1 sold, 1 refunded
    ]
    result = verify.verify()
    assert result.ok, result.problems
    book = load_workbook(export.write_xlsx(today, tmp_path / "hari.xlsx", staff.owner()))
    lines = book["penjualan_baris"]
    total = [cell.value for cell in lines[1]].index("total")  # the column by its name
    assert sum(row[total].value for row in lines.iter_rows(min_row=2)) == 13_000
    summaries.rebuild(database.obj)
    assert summaries.differences(database.obj) == []


def test_the_shops_own_catalogue_on_postgresql(pg_shop, tmp_path):
    from decimal import Decimal

    from pos.catalog import price_bulk, product_edit, product_export, product_import, product_list
    from pos.catalog.price_bulk import PriceRule
    from pos.catalog.product_edit import ProductData

    owner = staff.create_user("Bu Sri", "owner", "1234")
    food = product_edit.save_category("Sembako", owner)
    beras = product_edit.save_product(
        ProductData(
            name="Beras Rojo Lele", price=15_500, category_id=food.id, unit="kg", barcodes=["BRS-RL"]
        ),
        owner,
    )
    path = tmp_path / "barang.csv"
    path.write_text("Nama;Harga;Barcode;Kategori;Stok\nGula Pasir;17.000;4006381333931;Sembako;12\n", "utf-8")
    done = product_import.apply(product_import.preview(path), owner)
    assert (done.added, done.stock_moves) == (1, 1)
    assert [r.name for r in product_list.listing("gula")] == ["Gula Pasir"]
    assert [r.name for r in product_list.listing("4006381333931")] == ["Gula Pasir"]
    listed = product_list.listing(category_id=food.id)
    listed.order_by("price", True)
    assert [r.price for r in listed] == [17_000, 15_500]
    assert catalog.by_code("4006381333931").on_hand == Decimal(12)
    price_bulk.apply(PriceRule(percent=Decimal(10), rounding=500), owner, category_id=food.id, reason="naik")
    assert [c.new for c in product_edit.price_history(beras.id)] == [17_000]
    out = tmp_path / "katalog.xlsx"
    product_export.export(out, staff.owner())
    again = product_import.apply(product_import.preview(out, update=True), owner)
    assert (again.added, again.updated, again.stock_moves) == (0, 0, 0)
    assert verify.verify().ok


def _a_till(owner_pin: str = "7391"):
    """An owner, an open shift and a tracked product with stock, on the PostgreSQL shop."""
    from decimal import Decimal

    from pos.stock import stock

    owner = staff.create_user("Bu Sri", "owner", owner_pin)
    shift.open_shift(owner, 0)
    mie = catalog.create_product("MIE", "Indomie Goreng", 3_500, cost=2_900)
    stock.restock([(mie, Decimal(50), 2_900)], owner)
    return owner, mie


def _cart(product):
    c = Cart()
    c.add(product.id, product.name, 3_500, 1)
    return c


def test_a_server_out_of_reach_says_the_sale_is_not_saved_and_the_next_one_reconnects(pg_shop):
    import psycopg2

    from db.models import Sale, database
    from pos.core.errors import ServerUnreachable

    owner, mie = _a_till()
    sale.complete(_cart(mie), [Tender("cash", 5_000)], owner)
    pid = database.obj.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    admin = psycopg2.connect(URL)
    admin.autocommit = True
    admin.cursor().execute("SELECT pg_terminate_backend(%s)", (pid,))  # the server or the network went away
    admin.close()
    with pytest.raises(ServerUnreachable, match="tidak terjangkau — penjualan belum tersimpan"):
        sale.complete(_cart(mie), [Tender("cash", 5_000)], owner)
    again = sale.complete(
        _cart(mie), [Tender("cash", 5_000)], owner
    )  # a new connection, nothing half written
    assert again.number == "K1-000002" and Sale.select().count() == 2
    assert verify.verify().ok


def test_a_row_another_program_holds_is_waited_for_then_the_sale_is_retried(pg_shop):
    import threading

    import psycopg2

    from db.models import Product, database
    from pos.core import tx

    owner, mie = _a_till()
    database.obj.execute_sql("SET lock_timeout = '200ms'")  # 5 s in a shop; short here
    other = psycopg2.connect(URL.rsplit("/", 1)[0] + "/" + database.obj.database)
    other.cursor().execute('SELECT 1 FROM "product" WHERE "id" = %s FOR UPDATE', (mie.id,))
    threading.Timer(0.6, other.rollback).start()  # the other program lets go after 0.6 s
    before = tx.retried
    done = sale.complete(_cart(mie), [Tender("cash", 5_000)], owner)
    other.close()
    assert done.number == "K1-000001" and tx.retried > before
    assert Product.get_by_id(mie.id).on_hand == 49


def test_the_same_seed_makes_the_same_demo_shop_on_postgresql_and_sqlite(pg_shop, tmp_path):
    """Row order differs between the two (PostgreSQL returns updated rows last): every choice the demo
    makes from a list reads it in a fixed order."""
    from db.models import Payment, Sale, SaleLine, StockMove, database
    from pos.demo.generator import fill

    def fingerprint():
        lines = {}
        rows = SaleLine.select(SaleLine.sale, SaleLine.product, SaleLine.qty).order_by(SaleLine.id)
        for sale_id, product, qty in rows.tuples():
            lines.setdefault(sale_id, []).append((product, str(qty)))
        return (
            [
                (n, int(t), c, lines.get(i))
                for i, n, t, c in Sale.select(Sale.id, Sale.number, Sale.total, Sale.customer)
                .order_by(Sale.id)
                .tuples()
            ],
            sorted((m, int(a)) for m, a in Payment.select(Payment.method, Payment.amount).tuples()),
            StockMove.select().count(),
        )

    fill("warung", days=30, seed=7)  # the clock stands at NOW (pg_shop)
    on_postgres = fingerprint()
    assert isinstance(database.obj, peewee.PostgresqlDatabase)
    shop.close_shop()
    shop.open_shop(str(tmp_path / "contoh.db"))  # pg_shop closes it at the end
    fill("warung", days=30, seed=7)
    assert fingerprint() == on_postgres


def test_statements_sent_together_are_seen_in_order_and_fail_together(pg_shop):
    from db import pipeline
    from db.models import Meta, database

    db = database.obj
    assert isinstance(db, pipeline.TillPostgres)
    insert = 'INSERT INTO "meta" ("key", "value") VALUES (%s, %s)'
    with db.atomic():
        pipeline.defer(db, insert, ("uji", "diskon 10% 'Bu Sri'; DROP"))  # quotes, a percent, a semicolon
        assert db._queue()  # waiting for the next statement
        found = db.execute_sql('SELECT "value" FROM "meta" WHERE "key" = %s', ("uji",)).fetchone()
        assert found == ("diskon 10% 'Bu Sri'; DROP",)
    with pytest.raises(peewee.IntegrityError), db.atomic():
        pipeline.defer(db, insert, ("uji2", "1"))
        pipeline.defer(db, insert, ("uji", "2"))  # a duplicate key: fails with the COMMIT it travels with
    assert Meta.get_or_none(Meta.key == "uji2") is None  # the one before it went back too
    assert Meta.get(Meta.key == "uji").value == "diskon 10% 'Bu Sri'; DROP"


def test_a_sale_locks_its_rows_in_one_order_and_the_journal_last(pg_shop, monkeypatch):
    """Tills selling at once on PostgreSQL lock what a sale checks before checking it, all in one order:
    the shop's lock shared, the member, the products by id, the day books by key, and the journal's lock
    last, held only for its entry and the COMMIT (so they never deadlock and wait for each other briefly)."""
    from db.models import database
    from pos.customers import customer

    owner, mie = _a_till()
    teh = catalog.create_product("TEH", "Teh Botol", 4_000, cost=3_000)
    member = customer.create_customer("081234567890", "Pak Budi")
    db = database.obj
    sent: list[str] = []
    real_cursor = db.cursor

    class Seen:
        def __init__(self, cursor):
            self.cursor = cursor

        def execute(self, query, params=None):
            text = query.decode() if isinstance(query, bytes) else query
            sent.extend(s.strip() for s in text.split("; "))
            return self.cursor.execute(query, params)

        def mogrify(self, query, params=None):
            return self.cursor.mogrify(query, params)

        def __getattr__(self, name):
            return getattr(self.cursor, name)

    monkeypatch.setattr(db, "cursor", lambda *a, **k: Seen(real_cursor(*a, **k)))
    cart = Cart(customer_id=member.id)
    cart.add(teh.id, teh.name, 4_000, 1)  # the higher id first in the cart
    cart.add(mie.id, mie.name, 3_500, 2)
    sale.complete(cart, [Tender("cash", 11_000)], owner)
    monkeypatch.undo()
    # the statements prepared on this connection (db/pipeline.py) are sent as EXECUTE name(values): read
    # them as the text each stands for, with its values after it
    names = {call.split("(")[0]: text for (text, _types), call in db._plans().ready.items()}
    assert any(s.startswith("EXECUTE ") for s in sent)  # the till's own statements recur: prepared
    heads = [s.split("(")[0] for s in sent]
    values = [s[len(h) :] if h in names else s for h, s in zip(heads, sent, strict=True)]
    sent = [names.get(h, s) for h, s in zip(heads, sent, strict=True)]

    def at(start: str) -> int:
        return next(i for i, s in enumerate(sent) if s.startswith(start))

    assert sent[0] == "BEGIN" and sent[1].startswith("SELECT pg_advisory_xact_lock_shared(")
    customer_lock = at('SELECT h."paid", h."member", p."id", p."price"')  # with the paid check and prices
    product_lock = at('SELECT p."id", p."name", p."on_hand", b."id"')  # with the products' batches
    assert re.search(
        r'\(SELECT "id" FROM "customer" WHERE "id" = (%s|\d+) FOR NO KEY UPDATE\) AS "member"\) h ',
        sent[customer_lock],
    )
    assert sent[product_lock].endswith('ORDER BY p."id", b."expires_on", b."id" FOR NO KEY UPDATE OF p')
    assert customer_lock < product_lock < at('INSERT INTO "day_product"')
    books = values[at('INSERT INTO "day_product"')]
    assert books.index(f", {mie.id}, ") < books.index(f", {teh.id}, ")  # the day book's rows by product
    journal_lock = at("SELECT pg_advisory_xact_lock(")
    writes = [
        i for i, s in enumerate(sent) if s.startswith(("INSERT", "UPDATE")) and '"journal_entry"' not in s
    ]
    assert max(writes) < journal_lock
    assert sent[journal_lock + 1].startswith('INSERT INTO "journal_entry"')  # chained by the server
    assert sent[journal_lock + 2 :] == ["COMMIT"]  # the journal's lock is held for no round trip
    assert verify.verify().ok


def test_the_server_chains_a_sales_entries_as_verify_recomputes_them(pg_shop):
    """A sale's journal entries are chained by PostgreSQL itself (seq, SHA-256 over the same fields);
    verify's hash in Python agrees, also for text beyond ASCII and several entries in one transaction."""
    from db.models import JournalEntry
    from pos.core import journal, tx

    staff.create_user("Bu Sri", "owner", "7391")  # the journal is not empty: chained to its tip
    with tx.atomic(alongside=True):
        first = journal.append("uji", {"nama": "Bu Siti 😊 — café \\ \"kutip\" 'x'", "n": 1}, user="Ñoño")
        journal.append("uji", {"nama": "kedua", "n": 2})
        assert first.seq is None  # held until the commit
    rows = list(JournalEntry.select().order_by(JournalEntry.seq))
    assert [r.event for r in rows[-2:]] == ["uji", "uji"]
    assert rows[-2].prev_hash == rows[-3].hash and rows[-1].prev_hash == rows[-2].hash
    assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
    count, problems = journal.verify_chain()
    assert count == len(rows) and problems == []


def test_an_owner_approval_is_spent_by_the_sale_that_used_it_on_postgresql(pg_shop):
    """The sale's approval entry is chained by the server (no seq read back): the approval is still
    found spent once the sale committed, and left for the retry when the sale was refused."""
    from pos.core.errors import PermissionDenied, PosError

    owner, mie = _a_till()
    cashier = staff.add_user("Dewi", "cashier", "2468", owner)
    cart = Cart()
    cart.add(mie.id, mie.name, 3_000, 1)  # not the catalogue's Rp 3.500: needs the owner
    made = staff.owner_approval("7391")
    with pytest.raises(PosError):
        sale.complete(cart, [Tender("cash", 1_000)], cashier, made)  # short: refused, nothing spent
    assert staff.approval_valid(made)
    done = sale.complete(cart, [Tender("cash", 3_000)], cashier, made)
    assert done.approved_by_id == owner.id and not staff.approval_valid(made)
    again = Cart()
    again.add(mie.id, mie.name, 3_000, 1)
    with pytest.raises(PermissionDenied, match="sudah dipakai"):
        sale.complete(again, [Tender("cash", 3_000)], cashier, made)
    assert verify.verify().ok
