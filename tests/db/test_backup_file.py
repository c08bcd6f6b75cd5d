"""Database files read through their own connections (db/backup_file.py): meta rows, the journal's tip,
hashes and length, the sales after a given one, the online-backup copy with its mark."""

from __future__ import annotations

import sqlite3

import pytest

from db import backup_file
from db.backup_file import SalesAfter
from db.journal_rows import Tip


def _make(path, entries=((1, "aa"), (2, "bb"), (3, "cc")), sales=((1, "K1-000001"), (2, "K1-000002"))):
    con = sqlite3.connect(path)
    with con:
        con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        con.execute('CREATE TABLE "journal_entry" ("seq" INTEGER PRIMARY KEY, "hash" TEXT)')
        con.execute('CREATE TABLE "sale" ("id" INTEGER PRIMARY KEY, "number" TEXT)')
        con.execute("INSERT INTO meta VALUES ('app', 'kasir'), ('db_id', 'abc')")
        con.executemany('INSERT INTO "journal_entry" VALUES (?, ?)', entries)
        con.executemany('INSERT INTO "sale" VALUES (?, ?)', sales)
    con.close()
    return path


def test_the_meta_rows_of_a_file_and_of_what_is_none(tmp_path):
    assert backup_file.meta(_make(tmp_path / "a.db")) == {"app": "kasir", "db_id": "abc"}
    assert backup_file.meta(tmp_path / "missing.db") == {}
    (tmp_path / "text.db").write_text("not a database")
    assert backup_file.meta(tmp_path / "text.db") == {}
    sqlite3.connect(tmp_path / "bare.db").execute("CREATE TABLE t (x)").connection.close()
    assert backup_file.meta(tmp_path / "bare.db") == {}


def test_the_journal_and_the_sales_of_a_file(tmp_path):
    with backup_file.opened(_make(tmp_path / "a.db")) as con:
        assert backup_file.sound(con)
        assert backup_file.tip(con) == Tip(3, "cc")
        assert (backup_file.hash_at(con, 2), backup_file.hash_at(con, 9)) == ("bb", None)
        assert (backup_file.entries_after(con, 1), backup_file.entries_after(con, 3)) == (2, 0)
        assert list(backup_file.hashes(con)) == [(1, "aa"), (2, "bb"), (3, "cc")]
        assert backup_file.last_sale_id(con) == 2
        assert backup_file.sales_after(con, 0) == SalesAfter(2, "K1-000001", "K1-000002")
        assert backup_file.sales_after(con, 2) == SalesAfter(0, None, None)
    with backup_file.opened(_make(tmp_path / "empty.db", entries=(), sales=())) as con:
        assert (backup_file.tip(con), backup_file.last_sale_id(con), list(backup_file.hashes(con))) == (
            None,
            0,
            [],
        )


def test_a_file_opened_to_read_is_never_written(tmp_path):
    path = _make(tmp_path / "a.db")
    with backup_file.opened(path) as con, pytest.raises(sqlite3.OperationalError):
        backup_file.set_meta(con, {"app": "other"})
    with backup_file.opened(path, write=True) as con:
        backup_file.set_meta(con, {"app": "other", "anchor": "{}"})
    assert backup_file.meta(path) == {"app": "other", "db_id": "abc", "anchor": "{}"}


def test_text_that_is_not_utf8_is_read_only_when_lenient(tmp_path):
    path = _make(tmp_path / "a.db")
    con = sqlite3.connect(path)
    with con:
        con.execute("INSERT INTO meta VALUES ('note', CAST(x'41ff42' AS TEXT))")
    con.close()
    with backup_file.opened(path) as con, pytest.raises(sqlite3.OperationalError):
        backup_file.meta_of(con)
    with backup_file.opened(path, lenient_text=True) as con:
        assert backup_file.meta_of(con)["note"] == "A\ufffdB"


def test_a_copy_carries_the_rows_given_and_loses_them_again(tmp_path):
    source = _make(tmp_path / "live.db")
    sqlite3.connect(source).execute("PRAGMA journal_mode=WAL").connection.close()
    target = tmp_path / "copy.db"
    backup_file.copy(source, target, {"backup_of": "abc", "backup_at": "2026-11-23T10:30:00"})
    with backup_file.opened(target) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert list(backup_file.hashes(con)) == [(1, "aa"), (2, "bb"), (3, "cc")]
    assert backup_file.meta(target) == {
        "app": "kasir",
        "db_id": "abc",
        "backup_of": "abc",
        "backup_at": "2026-11-23T10:30:00",
    }
    assert backup_file.meta(source) == {"app": "kasir", "db_id": "abc"}  # the source is not marked
    backup_file.delete_meta(target, ["backup_of", "backup_at"])
    assert backup_file.meta(target) == {"app": "kasir", "db_id": "abc"}
    backup_file.copy(source, tmp_path / "plain.db")
    assert backup_file.meta(tmp_path / "plain.db") == {"app": "kasir", "db_id": "abc"}
