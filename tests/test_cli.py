"""The command line: help, demo (deterministic, refuses a shop with data), clear messages for bad files."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import main

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def totals(path: Path) -> tuple:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*), sum(total), sum(net), sum(commission) FROM sale").fetchone()
    finally:
        con.close()


def test_help_documents_every_command():
    out = run("--help").stdout
    for command in main.COMMANDS:
        assert command in out
    assert "demo" in run("demo", "--help").stdout and "--seed" in run("demo", "--help").stdout


def test_demo_is_deterministic_for_a_seed(tmp_path):
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    first = run("--db", str(a), "demo", "--shop", "warung", "--days", "6", "--seed", "1")
    second = run("--db", str(b), "demo", "--shop", "warung", "--days", "6", "--seed", "1")
    assert first.returncode == 0 and second.returncode == 0, first.stderr
    assert "nota dalam 6 hari" in first.stdout
    assert totals(a) == totals(b) and totals(a)[0] > 300


def test_demo_into_a_shop_with_data_is_refused(tmp_path):
    db = tmp_path / "k.db"
    assert run("--db", str(db), "demo", "--days", "1").returncode == 0
    before = totals(db)
    again = run("--db", str(db), "demo", "--days", "1")
    assert again.returncode == 2 and "--force" in again.stderr and "Traceback" not in again.stderr
    assert totals(db) == before
    assert run("--db", str(db), "demo", "--days", "1", "--force").returncode == 0
    assert totals(db)[0] > before[0]


@pytest.mark.parametrize("content", [b"not a database" * 200, b""])
def test_a_bad_file_gets_a_message_not_a_traceback(tmp_path, content):
    bad = tmp_path / "rusak.db"
    bad.write_bytes(content)
    result = run("--db", str(bad), "info")
    if content:
        assert result.returncode == 2
        assert str(bad) in result.stderr and "bukan database SQLite" in result.stderr
        assert "Traceback" not in result.stderr
    else:  # an empty file becomes a new shop
        assert result.returncode == 0


def test_days_out_of_range(tmp_path):
    result = run("--db", str(tmp_path / "k.db"), "demo", "--days", "0")
    assert result.returncode == 2 and "--days" in result.stderr
