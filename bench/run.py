"""`python main.py bench`: build a synthetic shop (bench.data) and time what a shopkeeper waits for,
against the targets in the issues; the sale also against a baseline, the same statements replayed through
plain sqlite3 (bench.baseline), in alternating blocks.

Every measure runs enough times for a p50 and a p99 (time.perf_counter_ns). The app's own times are
measured in fresh processes of the real app (bench.apptimes), on a 60-day demo shop (`main.py demo`) as
well as on the synthetic one.
"""

from __future__ import annotations

import os
import random
import shutil
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench import apptimes
from bench.data import SCALES, build
from bench.measures import Measure, Result, _add, _times

try:
    import resource
except ImportError:  # Windows: no getrusage; the bench process's own peak memory is left out there
    resource = None  # type: ignore[assignment]


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
    before = os.environ.get("KASIR_DATA_DIR")
    os.environ["KASIR_DATA_DIR"] = str(Path(folder) / "data")  # the bench's shops' backups and drafts, and
    try:  # the app's it starts, stay in its folder: the shop's own backup folder is not filled
        target = keep or str(Path(folder) / "bench.db")
        if Path(target).exists():
            raise FileExistsError(target)
        built = build(target, SCALES[scale], progress=progress)
        result = Result(scale, built)
        try:
            _measure(result, target, scale, progress)
        finally:
            shop.close_shop()
        _tills(result, str(Path(folder) / "kasir-bersama.db"), "SQLite", 50 if scale == "tiny" else 500)
        if postgres:
            from bench import tills as bench_tills

            url, drop = bench_tills.fresh_postgres(postgres)
            try:
                _tills(result, url, "PostgreSQL", 50 if scale == "tiny" else 500)
            finally:
                drop()
    finally:
        if before is None:
            os.environ.pop("KASIR_DATA_DIR", None)
        else:
            os.environ["KASIR_DATA_DIR"] = before
        shutil.rmtree(folder, ignore_errors=True)  # also after a failure (a kept database lives outside)
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


Say = Callable[[str], None]


def _measure(result: Result, target: str, scale: str, progress: Callable[[str, float], None] | None) -> None:
    from pos import shop

    def say(what: str) -> None:
        if progress is not None:
            progress(what, 1.0)

    rng = random.Random(11)
    small_runs = 20 if scale == "tiny" else 200
    say("barcode")
    _add(result, "machine speed (fixed Python work)", _times(_reference_work, 20), None)
    _lookups(result, rng, small_runs, say)
    _counter(result, target, scale, rng, small_runs, say)
    _books(result, target, scale, small_runs, say)
    _stock_and_verify(result, say)
    _add(result, "machine speed, at the end", _times(_reference_work, 20), None)
    shop.close_shop()
    say("buka aplikasi")
    apptimes.app_times(result, target, "synthetic shop", runs=3)
    apptimes.demo_shop_times(result, target, scale)
    shop.open_shop(target)
    say("katalog")
    _catalogue(result, target, scale)
    if resource is not None:
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        result.measures.append(
            Measure("peak RSS (bench process)", "MB", round(own, 1), round(own, 1), "", None, 1)
        )


def _lookups(result: Result, rng: random.Random, small_runs: int, say: Say) -> None:
    """Barcode, name search, a customer by phone and by name, on random rows of the shop."""
    from db.models import Barcode, Customer, Product
    from pos.catalog import catalog
    from pos.customers import customer

    codes = [c for (c,) in Barcode.select(Barcode.code).tuples()]
    phones = [p for (p,) in Customer.select(Customer.phone).tuples()]
    names = [n for (n,) in Product.select(Product.search_name).tuples()]
    people = [n for (n,) in Customer.select(Customer.search_name).tuples()]
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


def _counter(result: Result, target: str, scale: str, rng: random.Random, small_runs: int, say: Say) -> None:
    """A shift of sales at the counter (with their baseline), recipe sales, park and resume, closing it."""
    from db.models import Customer, Product, Sale, User
    from pos.core.cart import Cart
    from pos.counter import park, sale, shift
    from pos.counter.payment import Tender

    say("penjualan")
    owner = User.get_by_id(result.built["owner_id"])
    cashier = User.get_by_id(result.built["cashier_id"])
    shift.open_shift(owner, 0)
    products = list(Product.select().where(Product.id <= 400))
    member_ids = [1 + i for i in range(min(1000, Customer.select().count()))]
    sales_runs = 100 if scale == "tiny" else 1000

    def one_sale(i: int) -> Any:
        c = Cart(customer_id=member_ids[i % len(member_ids)])
        for p in rng.sample(products, 5):
            c.add(p.id, p.name, int(p.price), 1)
        return sale.complete(c, [Tender("cash", sale.preview(c).total)], cashier)

    _sale_blocks(result, target, one_sale, sales_runs)
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


def _books(result: Result, target: str, scale: str, small_runs: int, say: Say) -> None:
    """The weekly and yearly reports, the weekly PDF, a month's XLSX, a receipt as PDF and ESC/POS."""
    from db.models import Sale, SaleLine
    from pos.books import report
    from pos.books.export import write_xlsx
    from pos.core import staff
    from pos.counter.receipt import for_sale
    from receipts.escpos_out import receipt_bytes
    from receipts.pdf_receipt import receipt_pdf
    from receipts.report_pdf import report_pdf

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
    owner = staff.owner()  # an export needs the 'exports' permission
    lines = SaleLine.select().join(Sale).where(Sale.created_at >= month.since, Sale.created_at < month.until)
    months_lines = lines.count()
    _add(
        result,
        f"XLSX of a month ({months_lines:,} lines)",
        _times(lambda i: write_xlsx(month, book, owner), 3),
        3000,
    )
    book.unlink(missing_ok=True)
    say("struk")
    last = Sale.select().order_by(Sale.id.desc()).first()
    receipt = for_sale(last.number)
    _add(result, "receipt PDF (58 mm)", _times(lambda i: receipt_pdf(receipt, 58), small_runs), 15)
    receipt_bytes(receipt, 58)  # python-escpos loads its printer database on first use: not timed
    _add(result, "ESC/POS receipt", _times(lambda i: receipt_bytes(receipt, 58), small_runs), 2)


def _stock_and_verify(result: Result, say: Say) -> None:
    """The on-hand stock list, the customer segments, and verify over the whole shop."""
    from pos.audit import verify
    from pos.customers import segments
    from pos.stock import stock_list

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


BLOCKS = 10  # the sales and their baseline replays alternate in this many blocks


def _sale_blocks(result: Result, target: str, one_sale: Callable[[int], Any], runs: int) -> None:
    """`runs` sales in BLOCKS blocks, each block followed by as many replays of the statements one real
    sale executed (bench.baseline: captured from a sale before the first block), on the same
    database file through plain sqlite3. The ratio is taken per block — its sales' p50 over its
    replays' p50 — so both sides of a ratio ran in the same minute on the same data."""
    from bench import baseline
    from db.reader import CHECKPOINT_EVERY

    one_sale(runs)  # the caches a sale reads filled, as they are at a counter that has sold before
    recording = baseline.capture(lambda: one_sale(runs + 1))
    replayer = baseline.Replayer(target, recording, CHECKPOINT_EVERY)
    per = runs // BLOCKS
    sale_ms: list[float] = []
    base_ms: list[float] = []
    try:
        for k in range(BLOCKS):
            sale_ms += _times(lambda i, k=k: one_sale(k * per + i), per)
            uids = [replayer.fresh_uid() for _ in range(per)]
            base_ms += _times(lambda i, uids=uids: replayer.replay(uids[i]), per)
    finally:
        replayer.close()
    _add(result, "sale (5 lines, customer)", sale_ms, 8, p50_target=2)
    note = f"{recording.statements} statements of one sale, replayed"
    _add(result, "sale baseline (sqlite3)", base_ms, None, note=note)
    ratios = baseline.block_ratios(sale_ms, base_ms, BLOCKS)
    mid, low, high = baseline.summary(ratios)
    result.measures.append(
        Measure(
            "sale / baseline (p50)",
            "×",
            round(mid, 2),
            round(high, 2),
            "≤ 3×",
            mid <= 3,
            BLOCKS,
            f"{BLOCKS} blocks of {per}, min–max {low:.2f}–{high:.2f}",
            round(high, 2),
            [round(r, 3) for r in ratios],
        )
    )


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
