"""A newer Kasir opens a shop made by an older one: it keeps a copy of the file as it was, then upgrades it in
one transaction, and every sale, customer and journal entry is still there and still verifies.

The fixture, tests/db/fixtures/kasir-schema-6.db.gz, is a demo warung (2 days, seed 5) made by Kasir at
commit 8650006 (schema 6, before the catalogue columns, PIN failures, chat text and the delivery board),
vacuumed and gzipped: the same file a shop on that build has, not one made by today's code."""

from __future__ import annotations

import gzip
import sqlite3
from pathlib import Path

import pytest

from db import migrations

FIXTURE = Path(__file__).parent / "fixtures" / "kasir-schema-6.db.gz"

COUNTS = {  # what the old build wrote
    "sale": 190,
    "customer": 140,
    "product": 48,
    "journal_entry": 203,
}


def _old_shop(tmp_path: Path) -> Path:
    path = tmp_path / "warung.db"
    path.write_bytes(gzip.decompress(FIXTURE.read_bytes()))
    return path


def _facts(path: Path) -> dict[str, object]:
    """What must survive: the counts, the money and the points, the journal's last hash."""
    con = sqlite3.connect(path)
    try:
        facts: dict[str, object] = {
            table: con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in COUNTS
        }
        facts["sale_total"] = con.execute('SELECT sum("total") FROM "sale"').fetchone()[0]
        facts["points"] = con.execute('SELECT sum("points") FROM "customer"').fetchone()[0]
        facts["last_hash"] = con.execute(
            'SELECT "hash" FROM "journal_entry" ORDER BY "id" DESC LIMIT 1'
        ).fetchone()[0]
        facts["version"] = int(
            con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
        )
        return facts
    finally:
        con.close()


@pytest.fixture
def closing():
    from pos import shop

    yield
    shop.close_shop()


def test_an_older_builds_shop_is_kept_as_it_was_then_upgraded_with_every_sale(tmp_path, closing):
    from pos import shop
    from pos.audit.verify import verify

    path = _old_shop(tmp_path)
    before = _facts(path)
    assert before["version"] == 6 and {k: before[k] for k in COUNTS} == COUNTS

    shop.open_shop(str(path), sells=False)

    kept = tmp_path / "warung.db.before-upgrade-6"
    assert kept.is_file() and not (tmp_path / "warung.db.before-upgrade-6.part").exists()
    assert _facts(kept) == before  # the copy is the old file as it was, still at schema 6
    result = verify()
    sealed = 2  # the old build never sealed its two users: the upgrade journals them as they were
    assert result.entries == COUNTS["journal_entry"] + sealed and result.checked_sales == COUNTS["sale"]
    assert result.problems == []  # the chain, every sale, shift, ledger and user agree
    from db.models import JournalEntry

    added = JournalEntry.select().where(JournalEntry.seq > COUNTS["journal_entry"]).order_by(JournalEntry.seq)
    assert [(e.event, e.user) for e in added] == [("user_state", "pembaruan Kasir")] * sealed
    shop.close_shop()
    after = _facts(path)
    assert after["version"] == migrations.SCHEMA_VERSION
    assert after["journal_entry"] == before["journal_entry"] + sealed
    grown = ("version", "journal_entry", "last_hash")  # the chain goes on from the old head
    assert {k: v for k, v in after.items() if k not in grown} == {
        k: v for k, v in before.items() if k not in grown
    }


def test_an_upgrade_that_fails_leaves_the_shop_and_its_copy_at_the_old_version(tmp_path, monkeypatch):
    from db.database import open_database
    from db.models import database

    path = _old_shop(tmp_path)
    before = _facts(path)
    last = migrations.SCHEMA_VERSION

    def boom(migrator):
        raise RuntimeError("step failed")

    monkeypatch.setitem(migrations.UPGRADES, last, boom)
    with pytest.raises(RuntimeError):
        open_database(str(path))
    database.obj.close()
    assert _facts(path) == before  # steps 7 … before the failing one were rolled back with it
    assert _facts(tmp_path / "warung.db.before-upgrade-6") == before


def test_a_shop_at_todays_version_is_opened_without_a_copy(tmp_path, closing):
    from pos import shop

    path = tmp_path / "baru.db"
    shop.open_shop(str(path))
    shop.close_shop()
    shop.open_shop(str(path))
    assert sorted(p.name for p in tmp_path.iterdir() if "before-upgrade" in p.name) == []


def test_an_upgraded_older_shop_verifies_clean(tmp_path, closing):
    from pos import shop
    from pos.audit.verify import verify

    shop.open_shop(str(_old_shop(tmp_path)), sells=False)
    result = verify()
    assert result.ok, result.problems
