"""`python main.py bench` at a tiny scale: it builds a valid shop and produces every measure (how fast is
for the closing notes, not for a test)."""

from __future__ import annotations

import json
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
    out, kept = tmp_path / "bench.json", tmp_path / "shop.db"
    done = subprocess.run(
        [sys.executable, "main.py", "bench", "--scale", "tiny", "--json", str(out), "--keep", str(kept)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
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
    from bench.run import _pct

    runs = [float(v) for v in range(100, 0, -1)]  # 1..100 ms, in any order
    assert (_pct(runs, 50), _pct(runs, 99)) == (50.0, 99.0)  # 99 of the 100 runs at or below it
    assert _pct(runs[:10], 99) == 100.0  # of 10 runs, the p99 is the slowest
    assert (_pct(list(range(1, 501)), 99), _pct(list(range(1, 1001)), 99)) == (495, 990)
