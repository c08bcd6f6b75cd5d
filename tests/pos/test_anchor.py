"""Anchors outside the file: the journal's head in every backup, on the Z slip and the closing, and verify
naming the first entry that differs from a backup (rewritten) or the entries cut off (truncated)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime

import pytest

from db.models import database
from pos.audit import anchor, backup, verify
from pos.books import closing
from pos.core import journal, settings
from pos.core.cart import Cart
from pos.core.clock import frozen
from pos.counter import sale, shift
from pos.counter.payment import Tender
from receipts import shift_slip
from tests.pos.helpers import small_shop
from tests.pos.test_verify_sealed import one, rewrite, sql


@pytest.fixture
def backed_up(owner, tmp_path):
    """Five sales, then a backup into the shop's backup folder; then two more sales."""
    items = small_shop(owner)
    folder = tmp_path / "cadangan"
    settings.update({"backup_dir": str(folder)}, user=owner.name)

    def sell(n: int) -> None:
        for _ in range(n):
            c = Cart()
            c.add(items["mie"].id, "Indomie Goreng", 3_500, 1)
            sale.complete(c, [Tender("cash", 3_500)], owner)

    sell(5)
    path = backup.backup()
    backed = journal.head()
    sell(2)
    return folder, path, backed


def test_every_backup_keeps_the_journal_head(backed_up):
    folder, path, (seq, digest) = backed_up
    con = sqlite3.connect(path)
    kept = json.loads(dict(con.execute("SELECT key, value FROM meta"))["anchor"])
    con.close()
    assert (kept["seq"], kept["hash"], kept["differs"]) == (seq, digest, [])
    assert kept["code"] == f"{digest[:4].upper()}-{digest[4:8].upper()}"
    assert anchor.backups() == [path, folder / "kasir-2026-11.db"]  # the day's first, then its month
    assert verify.verify().ok  # the live journal only grew since


def test_a_rewritten_entry_with_the_chain_recomputed_is_named(backed_up):
    _folder, path, (seq, _digest) = backed_up
    target = one("SELECT min(seq) FROM journal_entry WHERE event = 'sale'")
    rewrite(target, '["cash",3500', '["qris",3500')
    sql("UPDATE payment SET method = 'qris' WHERE sale_id = (SELECT min(id) FROM sale)")
    sql("UPDATE day_payment SET amount = amount - 3500, count = count - 1 WHERE method = 'cash'")
    sql("INSERT INTO day_payment (day, method, count, amount) VALUES ('2026-11-23', 'qris', 1, 3500)")
    problems = verify.verify().problems
    assert journal.verify_chain()[1] == []  # the chain itself checks out
    text = f"jurnal #{target} berbeda dengan cadangan {path.name}: ditulis ulang setelah dicadangkan"
    assert text in problems, problems
    assert [p for p in problems if "cadangan" in p] == [text]  # named once, from the newest backup


def test_a_cut_tail_is_named(backed_up):
    _folder, path, (seq, _digest) = backed_up
    sql("DELETE FROM journal_entry WHERE seq > ?", seq - 3)
    problems = verify.verify().problems
    assert f"jurnal terpotong: #{seq - 2} sampai #{seq} hilang (ada di cadangan {path.name})" in problems, (
        problems
    )


def test_the_next_backup_compares_first_and_keeps_what_it_found(backed_up):
    folder, _path, (seq, _digest) = backed_up
    sql("DELETE FROM journal_entry WHERE seq > ?", seq - 1)
    with frozen(datetime(2026, 11, 24, 8, 0)):
        newer = backup.backup()
    assert anchor.problems_of(newer) == [
        f"jurnal terpotong: #{seq} sampai #{seq} hilang (ada di cadangan kasir-2026-11-23.db)"
    ]


def test_another_shops_backup_is_not_compared(backed_up, tmp_path):
    folder, path, _head = backed_up
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE meta SET value = 'another-shop' WHERE key = 'backup_of'")
    con.close()
    sql("DELETE FROM journal_entry WHERE seq > 5")
    assert not any("cadangan kasir-2026-11-23.db" in p for p in verify.verify().problems)


def test_a_printed_code_is_confirmed_or_refused(backed_up):
    seq, digest = journal.head()
    code = anchor.check_code(digest)
    assert anchor.confirm(seq, code) == "" and anchor.confirm(seq, code.lower().replace("-", " ")) == ""
    wrong = "0000-0000" if code != "0000-0000" else "1111-1111"
    assert anchor.confirm(seq, wrong).startswith(f"kode cek jurnal #{seq} tidak cocok")
    assert anchor.confirm(seq + 50, code) == f"jurnal #{seq + 50} tidak ada lagi: jurnal terpotong"


def test_the_z_slip_prints_the_head_and_its_code(owner):
    small_shop(owner)
    report = shift.close_shift(owner, {})
    seq, digest = journal.head()
    assert report.anchor == (seq, digest)  # the shift's close is the head
    text = [" ".join(row[1:]) for row in shift_slip.rows(report, "Warung Uji")]
    assert f"Jurnal #{seq}" in text
    assert f"Kode cek {anchor.check_code(digest)}" in text
    assert digest[:32] in text and digest[32:] in text


def test_a_closing_offers_its_anchor_by_whatsapp(owner):
    with frozen(datetime(2026, 11, 22, 9, 0)):
        items = small_shop(owner)
        c = Cart()
        c.add(items["teh"].id, "Es Teh Manis", 5_000, 3)
        sale.complete(c, [Tender("cash", 15_000)], owner)
        shift.close_shift(owner, {10_000: 1, 5_000: 1})
    row = closing.close_day(date(2026, 11, 22), owner)
    found = anchor.of_closing(row)
    assert found == anchor.Anchor(*journal.head())  # the closing's own entry is the head
    link = anchor.whatsapp_link(row)
    assert link.startswith("https://wa.me/6281200001111?text=")
    text = anchor.message(row, found)
    assert "tutup buku harian #1 (22-11-2026)" in text and "Rp 15.000 (1 nota)" in text
    assert f"Jurnal #{found.seq}, kode cek {found.code}" in text
    assert text.endswith(f"Hash lengkap: {found.hash}")  # 8 characters can be matched by brute force; 64 not


def test_verify_on_a_database_without_backups_compares_nothing(owner, tmp_path):
    settings.update({"backup_dir": str(tmp_path / "kosong")}, user=owner.name)
    problems: list[str] = []
    anchor.check(problems)
    assert problems == [] and database.obj is not None
