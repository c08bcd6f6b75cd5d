"""`python main.py bench`: build a synthetic shop (bench.data) and time what a shopkeeper waits for,
against the targets in the issues, with a raw-sqlite3 baseline for the sale.

Every measure runs enough times for a p50 and a p99 (time.perf_counter_ns). The app's own times are
measured in fresh processes of the real app (bench.coldstart; offscreen when there is no display), on a
60-day demo shop (`main.py demo`) as well as on the synthetic one: the cold start to the login (and to
the first-run window of a new shop), the counter after the PIN, Stok and Barang opened.
"""

from __future__ import annotations

import json
import math
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.data import SCALES, build

try:
    import resource
except ImportError:  # Windows: no getrusage; the bench process's own peak memory is left out there
    resource = None  # type: ignore[assignment]


@dataclass
class Measure:
    name: str
    unit: str  # ms | /s | MB
    p50: float
    p99: float
    target: str
    ok: bool | None
    runs: int
    note: str = ""
    max: float | None = None  # the slowest run (with fewer than 100 runs the p99 is that run)


@dataclass
class Result:
    scale: str
    built: dict[str, Any]
    measures: list[Measure] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "scale": self.scale,
            "built": self.built,
            "measures": [m.__dict__ for m in self.measures],
        }


def _times(fn: Callable[[int], Any], runs: int) -> list[float]:
    out = []
    for i in range(runs):
        t0 = time.perf_counter_ns()
        fn(i)
        out.append((time.perf_counter_ns() - t0) / 1e6)
    return out


def _pct(values: list[float], p: float) -> float:
    """The nearest-rank percentile: the smallest value with at least p % of the runs at or below it."""
    ordered = sorted(values)
    return ordered[min(len(ordered), max(1, math.ceil(p / 100 * len(ordered) - 1e-9))) - 1]


def _add(
    result: Result,
    name: str,
    values: list[float],
    target_ms: float | None,
    *,
    p50_target: float | None = None,
    note: str = "",
) -> Measure:
    p50, p99 = _pct(values, 50), _pct(values, 99)
    ok: bool | None = None
    texts = []
    if p50_target is not None:
        ok = p50 <= p50_target
        texts.append(f"p50 ≤ {p50_target:g} ms")
    if target_ms is not None:
        ok = (ok is not False) and p99 <= target_ms
        texts.append(f"p99 ≤ {target_ms:g} ms")
    text = ", ".join(texts)
    m = Measure(name, "ms", round(p50, 3), round(p99, 3), text, ok, len(values), note, round(max(values), 3))
    result.measures.append(m)
    return m


def run(
    scale: str = "small",
    keep: str | None = None,
    progress: Callable[[str, float], None] | None = None,
    postgres: str | None = None,
) -> Result:
    """Build the shop at `scale` and measure. With `keep`, the database stays at that path. Then four tills
    selling at once on an SQLite file, and with `postgres` (a server URL whose user may create databases)
    on a database of their own there."""
    from pos import shop

    folder = tempfile.mkdtemp(prefix="kasir-bench-")
    target = keep or str(Path(folder) / "bench.db")
    if Path(target).exists():
        raise FileExistsError(target)
    built = build(target, SCALES[scale], progress=progress)
    result = Result(scale, built)
    try:
        _measure(result, target, scale, progress)
    finally:
        shop.close_shop()
    try:
        _tills(result, str(Path(folder) / "kasir-bersama.db"), "SQLite", 50 if scale == "tiny" else 500)
        if postgres:
            from bench import tills as bench_tills

            url, drop = bench_tills.fresh_postgres(postgres)
            try:
                _tills(result, url, "PostgreSQL", 50 if scale == "tiny" else 500)
            finally:
                drop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # (a kept database lives outside it)
    return result


TILLS = 4


def _tills(result: Result, target: str, label: str, sales: int) -> None:
    """Four till processes, each its own register and cashier, selling 5-line sales on overlapping baskets
    into one shop at once; on PostgreSQL also one till alone. Targets are PostgreSQL's (issue: several tills
    on one server); SQLite's figures are reported beside them."""
    from bench import tills as bench_tills

    info = bench_tills.prepare(target, TILLS)
    runs = bench_tills.sell(info, TILLS, sales)
    errors = sum(len(r.errors) for r in runs)
    times = [t * 1000 for r in runs for t in r.times] or [0.0]
    on_pg = label == "PostgreSQL"
    note = f"{errors} errors, {sum(r.retried for r in runs)} retried"
    m = _add(
        result, f"{TILLS} tills at once: one 5-line sale ({label})", times, 50 if on_pg else None, note=note
    )
    if on_pg:
        m.ok = bool(m.ok) and errors == 0
    per_second = round(bench_tills.rate(runs), 1)
    result.measures.append(
        Measure(
            f"{TILLS} tills at once: sales per second together ({label})",
            "/s",
            per_second,
            per_second,
            "≥ 150/s, 0 errors" if on_pg else "",
            (per_second >= 150 and errors == 0) if on_pg else None,
            TILLS * sales,
            note,
        )
    )
    if on_pg:
        alone = bench_tills.sell(info, 1, sales)
        one = [t * 1000 for r in alone for t in r.times] or [0.0]
        _add(result, f"one till alone: 5-line sale ({label})", one, None, p50_target=5)


def _reference_work(i: int) -> int:
    """The same pure-Python work every run (no database): make 50.000 small dicts and strings and sort
    them. Its time shows how fast the machine is at the moment (interpreter and memory), so runs on a
    machine whose speed drifts can be compared: the other measures move with it."""
    rows = [{"n": n, "text": str(n * 7919 % 50_000)} for n in range(50_000)]
    rows.sort(key=lambda r: r["text"])
    return len(rows)


def _measure(result: Result, target: str, scale: str, progress: Callable[[str, float], None] | None) -> None:
    from db.models import Barcode, Customer, Product, Sale, SaleLine, User
    from pos import shop
    from pos.audit import verify
    from pos.books import report
    from pos.books.export import write_xlsx
    from pos.catalog import catalog
    from pos.core.cart import Cart
    from pos.counter import park, sale, shift
    from pos.counter.payment import Tender
    from pos.counter.receipt import for_sale
    from pos.customers import customer, segments
    from pos.stock import stock_list
    from receipts.escpos_out import receipt_bytes
    from receipts.pdf_receipt import receipt_pdf
    from receipts.report_pdf import report_pdf

    def say(what: str) -> None:
        if progress is not None:
            progress(what, 1.0)

    rng = random.Random(11)
    small_runs = 20 if scale == "tiny" else 200
    codes = [c for (c,) in Barcode.select(Barcode.code).tuples()]
    phones = [p for (p,) in Customer.select(Customer.phone).tuples()]
    names = [n for (n,) in Product.select(Product.search_name).tuples()]
    people = [n for (n,) in Customer.select(Customer.search_name).tuples()]

    say("barcode")
    _add(result, "machine speed (fixed Python work)", _times(_reference_work, 20), None)
    _add(result, "barcode lookup", _times(lambda i: catalog.by_code(rng.choice(codes)), small_runs * 5), 1)

    def name_query(i: int) -> str:
        words = rng.choice(names).split()
        return " ".join(w[: max(3, len(w) - 2)] for w in words[:2])

    queries = [name_query(i) for i in range(small_runs)]
    _add(result, "name search", _times(lambda i: catalog.search(queries[i]), small_runs), 10)
    say("pelanggan")
    _add(
        result,
        "customer by phone",
        _times(lambda i: customer.by_phone("0" + rng.choice(phones)[2:]), small_runs * 5),
        1,
    )
    people_q = [
        rng.choice(people).split()[0][:4] + " " + rng.choice(people).split()[-1][:3]
        for _ in range(small_runs)
    ]
    _add(result, "customer name search", _times(lambda i: customer.search(people_q[i]), small_runs), 10)

    say("penjualan")
    owner = User.get_by_id(result.built["owner_id"])
    cashier = User.get_by_id(result.built["cashier_id"])
    shift.open_shift(owner, 0)
    products = list(Product.select().where(Product.id <= 400))
    member_ids = [1 + i for i in range(min(1000, len(phones)))]
    sales_runs = 100 if scale == "tiny" else 1000

    def one_sale(i: int) -> None:
        c = Cart(customer_id=member_ids[i % len(member_ids)])
        for p in rng.sample(products, 5):
            c.add(p.id, p.name, int(p.price), 1)
        sale.complete(c, [Tender("cash", sale.preview(c).total)], cashier)

    sale_times = _times(one_sale, sales_runs)
    _add(result, "sale (5 lines, customer)", sale_times, 8, p50_target=2)
    baseline = _baseline(target, 200 if scale != "tiny" else 50)
    _add(result, "sale baseline (sqlite3)", baseline, None)
    ratio = _pct(sale_times, 50) / max(_pct(baseline, 50), 1e-6)
    result.measures.append(
        Measure("sale / baseline (p50)", "×", round(ratio, 2), round(ratio, 2), "≤ 3×", ratio <= 3, 1)
    )
    dishes = list(Product.select().where(Product.sku.startswith("RESEP")))

    def recipe_sale(i: int) -> None:
        c = Cart(customer_id=member_ids[i % len(member_ids)])
        for p in dishes:
            c.add(p.id, p.name, int(p.price), 1)
        sale.complete(c, [Tender("cash", sale.preview(c).total)], cashier)

    _add(result, "sale (5 recipe items, 15 moves)", _times(recipe_sale, sales_runs // 2), 8, p50_target=2)
    say("simpan pesanan")

    def park_resume(i: int) -> None:
        c = Cart()
        for p in rng.sample(products, 3):
            c.add(p.id, p.name, int(p.price), 1)
        row = park.park(c, f"Meja {i}", cashier)
        park.resume(row.id, cashier)

    _add(result, "park and resume", _times(park_resume, small_runs), None)

    say("tutup shift")
    t0 = time.perf_counter_ns()
    current = shift.current()
    shift.close_shift(owner, {100_000: 1})
    close_ms = (time.perf_counter_ns() - t0) / 1e6
    count = Sale.select().where(Sale.shift == current.id).count()
    m = _add(result, f"close a shift of {count} sales", [close_ms], 200)
    m.target = "≤ 200 ms"

    say("laporan")
    last_week = report.last_week()
    week = _times(lambda i: report.build(last_week), 10 if scale == "tiny" else 100)  # p99: 100 runs
    _add(result, "weekly report", week, 100)
    year = report.Period(date.today() - timedelta(days=365), date.today() - timedelta(days=1))
    _add(result, "yearly report", _times(lambda i: report.build(year), 3), 1500)
    data = report.build(last_week)
    _add(result, "weekly PDF", _times(lambda i: report_pdf(data, "Bench"), 5), 1000)
    month = report.last_month()
    book = Path(target).with_name("bench-month.xlsx")
    lines = SaleLine.select().join(Sale).where(Sale.created_at >= month.since, Sale.created_at < month.until)
    months_lines = lines.count()
    _add(
        result,
        f"XLSX of a month ({months_lines:,} lines)",
        _times(lambda i: write_xlsx(month, book), 3),
        3000,
    )
    book.unlink(missing_ok=True)
    say("struk")
    last = Sale.select().order_by(Sale.id.desc()).first()
    receipt = for_sale(last.number)
    _add(result, "receipt PDF (58 mm)", _times(lambda i: receipt_pdf(receipt, 58), small_runs), 15)
    receipt_bytes(receipt, 58)  # python-escpos loads its printer database on first use: not timed
    _add(result, "ESC/POS receipt", _times(lambda i: receipt_bytes(receipt, 58), small_runs), 2)
    say("stok dan segmen")

    def open_stock(i: int) -> None:  # what the Stok screen does: the list, its figures, the first screen
        shown = stock_list.overview()
        shown.rows[:40]

    _add(result, "on-hand stock list (Stok opens)", _times(open_stock, 10), 200)
    _add(result, "on-hand stock list, every row read", _times(lambda i: list(stock_list.listing()), 3), None)
    _add(result, "segment counts", _times(lambda i: segments.counts(), 3), 500)
    say("verify")
    t0 = time.perf_counter_ns()
    checked = verify.verify()
    seconds = (time.perf_counter_ns() - t0) / 1e9
    rate = checked.entries / seconds if seconds else 0.0
    result.measures.append(
        Measure(
            "verify throughput",
            "entries/s",
            round(rate),
            round(rate),
            "",
            None,
            1,
            "OK" if checked.ok else f"{len(checked.problems)} masalah",
        )
    )
    _add(result, "machine speed, at the end", _times(_reference_work, 20), None)
    shop.close_shop()
    say("buka aplikasi")
    _app_times(result, target, "synthetic shop", runs=3)
    _demo_shop_times(result, target, scale)
    shop.open_shop(target)
    say("katalog")
    _catalogue(result, target, scale)
    if resource is not None:
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        result.measures.append(
            Measure("peak RSS (bench process)", "MB", round(own, 1), round(own, 1), "", None, 1)
        )


def _catalogue(result: Result, target: str, scale: str) -> None:
    """The Barang screen, its search, a sheet of 1.000 labels, and an XLSX of as many new products as
    the shop has (50.000 on the large one) with barcodes and opening stock: preview, then import."""
    import openpyxl

    from db.models import Product
    from pos.catalog import labels, product_import, product_list
    from pos.core import barcodes, staff
    from receipts.labels import labels_pdf

    def open_catalogue(i: int) -> None:  # the list in name order and its first screen of rows
        product_list.listing()[:40]

    _add(result, "Barang list (query, first rows)", _times(open_catalogue, 10), None)
    names = [p.name for p in Product.select(Product.name).order_by(Product.id).limit(200)]
    codes = [b for (b,) in fast_rows('SELECT "code" FROM "barcode" ORDER BY "id" LIMIT 200')]
    queries = [" ".join(n.split()[:2]).lower()[:9] for n in names] + codes

    def find(i: int) -> None:
        product_list.listing(queries[i % len(queries)])[:40]

    _add(result, "Barang search (name or barcode)", _times(find, 400), 10)
    ids = [pid for (pid,) in fast_rows('SELECT "id" FROM "product" ORDER BY "id" LIMIT 1000')]
    items = labels.items_for(
        {pid: 1000 // len(ids) + (1 if n < 1000 % len(ids) else 0) for n, pid in enumerate(ids)}
    )
    sheet_times = _times(lambda i: labels_pdf(items, "a4-3x7"), 3)
    _add(result, "label sheet A4 (1.000 labels)", sheet_times, 3000, note=f"{len(items)} labels")
    rows = min(SCALES[scale].products, 50_000)
    path = Path(tempfile.mkdtemp(prefix="kasir-bench-import-")) / "barang.xlsx"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["Nama", "Harga jual", "HPP", "Barcode", "Kategori", "Satuan", "Stok"])
    for i in range(rows):
        body = f"29{i:010d}"  # an in-store range no bench product uses
        code = body + barcodes.ean13_check_digit(body)
        sheet.append(
            [f"Impor {i:05d} barang", 1_000 + i % 500 * 100, 800, code, f"Impor {i % 20}", "pcs", i % 30]
        )
    book.save(path)
    t0 = time.perf_counter_ns()
    shown = product_import.preview(path)
    previewed = (time.perf_counter_ns() - t0) / 1e6
    _add(result, "import preview (XLSX)", [previewed], 5000, note=f"{rows:,} products")
    t0 = time.perf_counter_ns()
    done = product_import.apply(shown, staff.owner())
    imported = (time.perf_counter_ns() - t0) / 1e6
    note = f"{done.added:,} new, {done.stock_moves:,} stock moves"
    _add(result, "import (XLSX, with barcodes and stock)", [imported], 15000, note=note)
    shutil.rmtree(path.parent, ignore_errors=True)


def fast_rows(sql: str) -> list[tuple[Any, ...]]:
    from db import fast

    return fast.rows(sql, [])


def _baseline(target: str, runs: int) -> list[float]:
    """The same 5-line sale written with the plain sqlite3 module: same rows, same pragmas, one
    transaction (sale, lines, payment, stock moves, points and visits, the day books, journal entry, the
    receipt number)."""
    import hashlib

    copy = target + ".baseline"
    source = sqlite3.connect(target)
    conn = sqlite3.connect(copy, isolation_level=None)
    source.backup(conn)  # the same shop, so both write into tables and indexes of the same size
    source.close()
    for pragma in (
        "journal_mode=wal",
        "synchronous=FULL",
        "foreign_keys=ON",
        "busy_timeout=5000",
        "wal_autocheckpoint=10000",
    ):
        conn.execute(f"PRAGMA {pragma}")
    products = conn.execute('SELECT "id", "name", "price", "cost" FROM "product" LIMIT 400').fetchall()
    rng = random.Random(3)
    times = []
    for i in range(runs):
        chosen = rng.sample(products, 5)
        t0 = time.perf_counter_ns()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute('UPDATE "register" SET "last_number" = "last_number" + 1 WHERE "id" = 1')
        seq = conn.execute('SELECT "last_number" FROM "register" WHERE "id" = 1').fetchone()[0]
        total = sum(p[2] for p in chosen)
        cur = conn.execute(
            'INSERT INTO "sale" ("number", "cart_uid", "register_id", "seq", "kind", "channel_id", '
            '"order_type", '
            '"source_ref", "customer_id", "cashier_id", "created_at", "paid_at", "gross", "discount", '
            '"discount_reason", "service", "tax", "tax_included", "delivery_fee", "rounding", "total", '
            '"commission", "net", "cost", "delivery_address", "note", "reason") VALUES '
            "(?, ?, 1, ?, 'sale', 1, 'take_away', '', 1, 2, datetime('now'), datetime('now'), ?, 0, '', "
            "0, 0, 0, 0, 0, ?, 0, ?, ?, '', '', '')",
            (
                f"BL-{seq:06d}-{i}",
                f"baseline{seq}-{i}",
                seq + 10_000_000,
                total,
                total,
                total,
                sum(p[3] for p in chosen),
            ),
        )
        sale_id = cur.lastrowid
        for position, (pid, name, price, cost) in enumerate(chosen, start=1):
            line = conn.execute(
                'INSERT INTO "sale_line" ("sale_id", "position", "product_id", "name", "qty", "unit_price", '
                '"list_price", "discount", "tax", "total", "cost", "note", "reward", "serial_number") '
                "VALUES (?, ?, ?, ?, 1000, ?, ?, 0, 0, ?, ?, '', 0, '')",
                (sale_id, position, pid, name, price, price, price, cost),
            ).lastrowid
            conn.execute(
                'INSERT INTO "stock_move" ("product_id", "qty", "kind", "unit_cost", "sale_line_id", '
                '"reason", '
                "\"created_at\") VALUES (?, -1000, 'sale', ?, ?, '', datetime('now'))",
                (pid, cost, line),
            )
            conn.execute('UPDATE "product" SET "on_hand" = "on_hand" - 1000 WHERE "id" = ?', (pid,))
        conn.execute(
            'INSERT INTO "payment" ("sale_id", "method", "amount", "tendered", "change", "reference") '
            "VALUES (?, 'cash', ?, 0, 0, '')",
            (sale_id, total),
        )
        conn.execute(
            'INSERT INTO "loyalty_entry" ("customer_id", "kind", "points", "stamps", "sale_id", "note", '
            "\"created_at\") VALUES (1, 'earn', ?, 0, ?, '', datetime('now'))",
            (total // 10_000, sale_id),
        )
        conn.execute(
            'UPDATE "customer" SET "points" = "points" + ?, "visits" = "visits" + 1, '
            '"last_visit" = datetime(\'now\'), "first_visit" = COALESCE("first_visit", datetime(\'now\')) '
            'WHERE "id" = 1',
            (total // 10_000,),
        )
        day, hour = time.strftime("%Y-%m-%d"), int(time.strftime("%H"))
        conn.execute(
            'INSERT INTO "day_sales" ("day", "hour", "channel_id", "cashier_id", "kind", "count", "gross", '
            '"discount", "service", "tax", "delivery_fee", "rounding", "total", "commission", "net", "cost") '
            "VALUES (?, ?, 1, 2, 'sale', 1, ?, 0, 0, 0, 0, 0, ?, 0, ?, ?) "
            'ON CONFLICT ("day", "hour", "channel_id", "cashier_id", "kind") DO UPDATE SET '
            '"count" = "count" + 1, "gross" = "gross" + excluded."gross", '
            '"total" = "total" + excluded."total", '
            '"net" = "net" + excluded."net", "cost" = "cost" + excluded."cost"',
            (day, hour, total, total, total, sum(p[3] for p in chosen)),
        )
        conn.execute(
            'INSERT INTO "day_payment" ("day", "method", "count", "amount") VALUES (?, \'cash\', 1, ?) '
            'ON CONFLICT ("day", "method") DO UPDATE SET "count" = "count" + 1, '
            '"amount" = "amount" + excluded."amount"',
            (day, total),
        )
        conn.execute(
            'INSERT INTO "day_product" ("day", "product_id", "name", "qty", "total", "included_tax", "cost") '
            "VALUES " + ", ".join(["(?, ?, ?, 1000, ?, 0, ?)"] * 5) + ' ON CONFLICT ("day", "product_id") '
            'DO UPDATE SET "qty" = "qty" + excluded."qty", "total" = "total" + excluded."total", '
            '"cost" = "cost" + excluded."cost", "name" = excluded."name"',
            [v for pid, name, price, cost in chosen for v in (day, pid, name, price, cost)],
        )
        prev = conn.execute(
            'SELECT "seq", "hash" FROM "journal_entry" ORDER BY "seq" DESC LIMIT 1'
        ).fetchone()
        body = json.dumps({"sale": sale_id, "total": total}, sort_keys=True)
        digest = hashlib.sha256(f"{prev[0] + 1}{body}{prev[1]}".encode()).hexdigest()
        conn.execute(
            'INSERT INTO "journal_entry" ("seq", "created_at", "register", "user", "event", "content", '
            "\"prev_hash\", \"hash\") VALUES (?, datetime('now'), 'K1', 'bench', 'baseline', ?, ?, ?)",
            (prev[0] + 1, body, prev[1], digest),
        )
        conn.execute("COMMIT")
        times.append((time.perf_counter_ns() - t0) / 1e6)
    conn.close()
    for suffix in ("", "-wal", "-shm"):
        Path(copy + suffix).unlink(missing_ok=True)
    return times


COLD_START_MS = 1500  # to the first window, painted and taking keys (issue #20)
COUNTER_MS = 300  # from the PIN to the counter: the login's own target, a third of a second
SCREEN_MS = 200  # Stok or Barang opened from the sidebar


def _app_times(result: Result, target: str, shop_name: str, runs: int, screens: int = 10) -> float:
    """The real app on `target`: `runs` cold starts to the login (their median against the target), and
    `runs` sessions of the counter after the PIN and Stok and Barang opened `screens` times each (their
    p99 against the target; bench.coldstart says how). Returns the app's peak RSS in MB."""
    _cold_start(target)  # the first start writes the bytecode cache (once per install): not counted
    starts, rss = [], 0.0
    for _ in range(runs):
        ms, mb = _cold_start(target)
        starts.append(ms)
        rss = max(rss, mb)
    _add(result, f"cold start to the login ({shop_name})", starts, None, p50_target=COLD_START_MS)
    found: dict[str, list[float]] = {}
    for _ in range(runs):
        for key, times in _screens(target, screens).items():
            found.setdefault(key, []).extend(times)
    rss = max([rss] + [kb / 1024 for kb in found.pop("peak", [])])
    _add(result, f"counter opens after the PIN ({shop_name})", found["counter"], COUNTER_MS)
    for key, name in (("stock", "Stok"), ("catalog", "Barang")):
        _add(result, f"{name} screen opens, painted ({shop_name})", found[key], SCREEN_MS)
    result.measures.append(
        Measure(
            f"peak RSS (app, {shop_name})", "MB", round(rss, 1), round(rss, 1), "≤ 250 MB", rss <= 250, runs
        )
    )
    return rss


def _demo_shop_times(result: Result, beside: str, scale: str) -> None:
    """The app's times on a demo shop as `python main.py demo` makes it (60 days of a warung; 7 at the
    tiny scale, which only shows that the bench runs), and the first-run window of a new shop."""
    days = 7 if scale == "tiny" else 60
    folder = Path(beside).with_name("kasir-bench-app")
    folder.mkdir(exist_ok=True)
    try:
        demo = str(folder / "toko-contoh.db")
        subprocess.run(
            [sys.executable, "main.py", "--db", demo, "demo", "--shop", "warung", "--days", str(days)],
            capture_output=True,
            text=True,
            cwd=str(Path(__file__).resolve().parents[1]),
            timeout=1800,
            check=True,
        )
        _app_times(result, demo, f"{days}-day demo shop", runs=5 if scale != "tiny" else 3)
        _frozen_app(result, demo)
        fresh = []
        for i in range(6 if scale != "tiny" else 3):
            new = folder / f"baru-{i}.db"
            ms, _mb = _cold_start(str(new), expect="setup")
            if i:  # the first one writes the setup window's bytecode cache
                fresh.append(ms)
        _add(result, "cold start to the first-run window (new shop)", fresh, None, p50_target=COLD_START_MS)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _frozen_app(result: Result, demo: str, runs: int = 3) -> None:
    """Where packaging/build.sh has made the frozen app (dist/kasir/kasir): its size on disk, and its start
    on `demo` to the login page (KASIR_QUIT_AFTER_START=1: the time until it says 'kasir started: login')."""
    folder = Path(__file__).resolve().parents[1] / "dist" / "kasir"
    app = folder / ("kasir.exe" if os.name == "nt" else "kasir")
    if not app.is_file():
        return
    size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink()) / 2**20
    result.measures.append(
        Measure("frozen app size", "MB", round(size), round(size), "", None, 1, "dist/kasir")
    )
    starts = []
    for i in range(runs + 1):
        t0 = time.perf_counter_ns()
        done = subprocess.run(
            [str(app), "--db", demo],
            capture_output=True,
            text=True,
            env={**_app_env(), "KASIR_QUIT_AFTER_START": "1"},
            timeout=120,
        )
        if done.stdout.strip() != "kasir started: login":
            raise RuntimeError(done.stdout[-1000:] + done.stderr[-2000:])
        if i:  # the first start warms the disk cache, as the other cold starts' first one does
            starts.append((time.perf_counter_ns() - t0) / 1e6)
    _add(result, "frozen app: start to the login (demo shop)", starts, None, p50_target=COLD_START_MS)


def _app_env() -> dict[str, str]:
    env = dict(os.environ)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app starts from cached bytecode
    return env


def _screens(target: str, runs: int = 10) -> dict[str, list[float]]:
    """One session of the real app on `target` (bench.coldstart --screens): the counter after the PIN, then
    the owner's Stok and Barang, `runs` times each; {"counter": [ms], "stock": [...], "catalog": [...],
    "peak": [kB]}."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.coldstart", target, "--screens", str(runs)],
        capture_output=True,
        text=True,
        env=_app_env(),
        cwd=str(Path(__file__).resolve().parents[1]),
        timeout=600,
    )
    found: dict[str, list[float]] = {}
    for line in done.stdout.splitlines():
        if line.startswith("screen "):
            _word, key, *values = line.split()
            found[key] = [float(v) for v in values]  # ok-float: milliseconds
        elif line.startswith("peak "):
            found["peak"] = [float(line.split()[1])]  # ok-float: kB
    if done.returncode != 0 or not {"counter", "stock", "catalog"} <= set(found):
        raise RuntimeError(done.stdout[-1000:] + done.stderr[-2000:])
    return found


def _cold_start(target: str, expect: str = "login") -> tuple[float, float]:
    """Start the app in a new process until its first window has painted and takes keys (the login, or
    the first-run window of a new shop: `expect`). (ms from the start of the process, peak RSS MB)."""
    t0 = time.perf_counter_ns()
    child = subprocess.Popen(
        [sys.executable, "-m", "bench.coldstart", target],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_app_env(),
        cwd=str(Path(__file__).resolve().parents[1]),
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = (time.perf_counter_ns() - t0) / 1e6
    try:
        _out, err = child.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        child.kill()
        _out, err = child.communicate()
    words = line.split()
    if child.returncode != 0 or words[:1] != ["ready"] or words[2:3] != [expect]:
        raise RuntimeError(line + err[-2000:])
    return elapsed, int(words[1]) / 1024  # the child's peak memory: kB -> MB


def table(result: Result) -> str:
    rows = [("measure", "runs", "p50", "p99", "max", "target", "pass")]
    for m in result.measures:
        unit = "" if m.unit == "ms" else f" {m.unit}"
        fmt = (lambda v: f"{v:,.0f}") if m.unit in ("entries/s",) else (lambda v: f"{v:.2f}")
        verdict = "–" if m.ok is None else ("ok" if m.ok else "MISS")
        rows.append(
            (
                m.name + (f" ({m.note})" if m.note else ""),
                str(m.runs),
                fmt(m.p50) + unit,
                fmt(m.p99) + unit,
                "" if m.max is None else fmt(m.max) + unit,
                m.target,
                verdict,
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(7)]
    lines = [
        "  ".join(cell.ljust(widths[i]) if i in (0, 5) else cell.rjust(widths[i]) for i, cell in enumerate(r))
        for r in rows
    ]
    lines.insert(1, "-" * len(lines[0]))
    b = result.built
    head = (
        f"scale {result.scale}: {b['products']:,} products, {b['customers']:,} customers, "
        f"{b['sales']:,} sales, "
        f"{b['lines']:,} lines ({b['first_day']} – {b['last_day']}), built in {b['build_seconds']} s"
    )
    return head + "\n" + "\n".join(lines)
