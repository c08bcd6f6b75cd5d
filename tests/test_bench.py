"""`python main.py bench` at a tiny scale: it builds a valid shop and produces every measure (how fast is
for the closing notes, not for a test)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MEASURES = {
    "machine speed (fixed Python work)",
    "machine speed, at the end",
    "barcode lookup",
    "name search",
    "customer by phone",
    "customer name search",
    "sale (5 lines, customer)",
    "sale (5 recipe items, 15 moves)",
    "sale baseline (sqlite3)",
    "sale / baseline (p50)",
    "park and resume",
    "weekly report",
    "yearly report",
    "weekly PDF",
    "receipt PDF (58 mm)",
    "ESC/POS receipt",
    "on-hand stock list (Stok opens)",
    "on-hand stock list, every row read",
    "segment counts",
    "verify throughput",
    "cold start to the login (synthetic shop)",
    "counter opens after the PIN (synthetic shop)",
    "Stok screen opens, painted (synthetic shop)",
    "Barang screen opens, painted (synthetic shop)",
    "peak RSS (app, synthetic shop)",
    "cold start to the login (7-day demo shop)",
    "counter opens after the PIN (7-day demo shop)",
    "Stok screen opens, painted (7-day demo shop)",
    "Barang screen opens, painted (7-day demo shop)",
    "peak RSS (app, 7-day demo shop)",
    "cold start to the first-run window (new shop)",
    "Barang list (query, first rows)",
    "Barang search (name or barcode)",
    "label sheet A4 (1.000 labels)",
    "import preview (XLSX)",
    "import (XLSX, with barcodes and stock)",
}


@pytest.mark.timeout(
    600
)  # the bench's subprocess has its own 300 s limit; a loaded machine needs more than 120
def test_bench_tiny_produces_every_measure(tmp_path):
    out, kept, home = tmp_path / "bench.json", tmp_path / "shop.db", tmp_path / "data"
    done = subprocess.run(
        [sys.executable, "main.py", "bench", "--scale", "tiny", "--json", str(out), "--keep", str(kept)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "XDG_DATA_HOME": str(home)},  # the person's own data folder, here
    )
    assert not [p for p in home.rglob("*") if p.is_file()]  # no backup nor draft of the bench's shops in it
    assert done.returncode == 0, done.stderr[-3000:]
    data = json.loads(out.read_text())
    names = {m["name"] for m in data["measures"]}
    assert MEASURES <= names, MEASURES - names
    assert any(n.startswith("close a shift of ") for n in names)
    assert all(m["p50"] > 0 for m in data["measures"])
    verify = next(m for m in data["measures"] if m["name"] == "verify throughput")
    assert verify["note"] == "OK"  # the bulk-loaded shop is a valid Kasir database
    assert data["built"]["sales"] == 3_000
    assert "weekly report" in done.stdout and "p50" in done.stdout
    by_name = {m["name"]: m for m in data["measures"]}
    targets = {  # the app's times and their targets (whether they are met is for the closing notes)
        "cold start to the login (7-day demo shop)": "p50 ≤ 1500 ms",
        "cold start to the first-run window (new shop)": "p50 ≤ 1500 ms",
        "counter opens after the PIN (7-day demo shop)": "p99 ≤ 300 ms",
        "Stok screen opens, painted (7-day demo shop)": "p99 ≤ 200 ms",
    }
    for name, target in targets.items():
        assert by_name[name]["target"] == target and by_name[name]["ok"] in (True, False), name
        line = next(ln for ln in done.stdout.splitlines() if ln.startswith(name))
        assert target in line and line.rstrip().endswith(("ok", "MISS")), line
    assert by_name["cold start to the login (7-day demo shop)"]["runs"] == 3
    again = subprocess.run(
        [sys.executable, "main.py", "--db", str(kept), "verify"], cwd=ROOT, capture_output=True, text=True
    )
    assert again.returncode == 0, again.stdout + again.stderr


def test_percentiles_are_nearest_rank():
    from bench.measures import _pct

    runs = [float(v) for v in range(100, 0, -1)]  # 1..100 ms, in any order
    assert (_pct(runs, 50), _pct(runs, 99)) == (50.0, 99.0)  # 99 of the 100 runs at or below it
    assert _pct(runs[:10], 99) == 100.0  # of 10 runs, the p99 is the slowest
    assert (_pct(list(range(1, 501)), 99), _pct(list(range(1, 1001)), 99)) == (495, 990)


def test_block_ratios_are_each_blocks_p50_over_its_baselines_p50():
    from bench.baseline import block_ratios, summary

    sales = [2.0, 4.0, 3.0, 10.0, 10.0, 12.0, 6.0, 5.0, 7.0]  # p50 per block: 3, 10, 6
    replays = [1.0, 2.0, 1.0, 1.0, 5.0, 4.0, 6.0, 4.0, 3.0, 2.0, 2.0, 5.0]  # 1, 4, 2 (4 runs a block)
    assert block_ratios(sales, replays, 3) == [3.0, 2.5, 3.0]
    assert summary([3.0, 2.5, 3.0]) == (3.0, 2.5, 3.0)
    assert summary([1.25, 3.0, 1.5, 2.0]) == (1.5, 1.25, 3.0)  # nearest-rank: the 2nd of 4
    with pytest.raises(ValueError):
        block_ratios(sales, replays[:-1], 3)  # 11 replays do not make 3 equal blocks


def test_replayed_sale_is_one_more_valid_sale(tmp_path):
    """The captured statements, replayed through plain sqlite3, write a sale verify accepts: the next
    receipt number, its own lines and payment, the journal chain continued, the day books added to."""
    from bench import baseline
    from bench.data import SCALES, build
    from db.models import DaySales, Product, Sale, SaleLine, User
    from pos import shop
    from pos.audit import verify
    from pos.core.cart import Cart
    from pos.counter import sale, shift
    from pos.counter.payment import Tender

    target = str(tmp_path / "shop.db")
    built = build(target, SCALES["tiny"])
    try:
        cashier = User.get_by_id(built["cashier_id"])
        shift.open_shift(User.get_by_id(built["owner_id"]), 0)
        products = list(Product.select().where(Product.id <= 5))

        def one_sale() -> Sale:
            c = Cart(customer_id=7)
            for p in products:
                c.add(p.id, p.name, int(p.price), 1)
            return sale.complete(c, [Tender("cash", sale.preview(c).total)], cashier)

        one_sale()  # the caches a sale reads filled
        captured = baseline.capture(one_sale)
        assert captured.steps[0].sql == "BEGIN IMMEDIATE" and captured.steps[-1].sql == "COMMIT"
        first = Sale.get(Sale.number == captured.number)
        counted = DaySales.select().count()
        replayer = baseline.Replayer(target, captured, checkpoint_every=2)
        try:
            for _ in range(3):
                replayer.replay(replayer.fresh_uid())
        finally:
            replayer.close()
        after = one_sale()  # Kasir goes on numbering after the replays
        numbers = [s.number for s in Sale.select().where(Sale.id > first.id).order_by(Sale.id)]
        assert numbers == [f"K1-{first.seq + n:06d}" for n in (1, 2, 3, 4)] and numbers[-1] == after.number
        replayed = Sale.select().where(Sale.id > first.id, Sale.id < after.id)
        assert [s.total for s in replayed] == [first.total] * 3
        assert all(s.cart_uid != first.cart_uid for s in replayed)
        lines = SaleLine.select().where(SaleLine.sale.in_([s.id for s in replayed])).count()
        assert lines == 3 * SaleLine.select().where(SaleLine.sale == first.id).count()
        assert DaySales.select().count() == counted  # the same hour's row, added to
        checked = verify.verify()
        assert checked.ok, checked.problems
    finally:
        shop.close_shop()
