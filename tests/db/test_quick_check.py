"""db.database.quick_check: SQLite's own check of the open file says '' when sound, else what it found."""

from __future__ import annotations

import sqlite3

import peewee
import pytest

from db import database as opening
from db.models import database
from tests.db.conftest import URL


def test_a_sound_shop_database_passes(db):
    assert opening.quick_check() == ""


@pytest.mark.skipif(not URL, reason="KASIR_TEST_PG is not set: no PostgreSQL server to test on")
def test_a_postgresql_shop_has_no_file_to_check(pg_shop):  # noqa: F811
    assert opening.quick_check() == ""


def _damaged(path, offset: int) -> peewee.SqliteDatabase:
    """A file of 3.000 rows and their index, eight bytes of its sixth page zeroed at `offset`."""
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (a TEXT)")
    con.execute("CREATE INDEX t_a ON t (a)")
    con.executemany("INSERT INTO t VALUES (?)", [(f"value {i:05}",) for i in range(3000)])
    con.commit()
    con.close()
    with open(path, "r+b") as f:
        f.seek(4096 * 5 + offset)
        f.write(bytes(8))
    return peewee.SqliteDatabase(str(path))


@pytest.mark.parametrize("offset, said", [(8, "*** in database main ***"), (0, "malformed")])
def test_a_damaged_file_says_what_is_wrong(tmp_path, monkeypatch, offset, said):
    """Damage in a page's cells is listed; a page too broken to read raises, and its error is the answer."""
    damaged = _damaged(tmp_path / "damaged.db", offset)
    monkeypatch.setattr(database, "obj", damaged)
    try:
        assert said in opening.quick_check()
    finally:
        damaged.close()
