"""Exports and backups check the 'exports' permission in the service; restoring a sound shop is the owner's.
A cashier is refused and nothing is written (the attack of session 13)."""

from __future__ import annotations

import pytest

from db.models import Sale
from pos import shop
from pos.audit import backup
from pos.books import export
from pos.catalog import product_export
from pos.core import staff
from pos.core.errors import OwnerOnly, PermissionDenied
from tests.pos.test_report import WEEK


def test_a_cashier_cannot_export_sales_or_the_catalogue(owner, cashier, tmp_path):
    out = tmp_path / "out"
    with pytest.raises(PermissionDenied, match="mengekspor data"):
        export.write_csv(WEEK, out, cashier)
    with pytest.raises(PermissionDenied):
        export.write_xlsx(WEEK, out / "minggu.xlsx", cashier)
    with pytest.raises(PermissionDenied):
        product_export.export(out / "barang.xlsx", cashier)
    assert not out.exists()  # nothing written, not even the folder
    assert len(export.write_csv(WEEK, out, owner)) == 4
    assert export.write_xlsx(WEEK, out / "minggu.xlsx", owner).exists()
    assert product_export.export(out / "barang.csv", owner) == 0


def test_a_role_given_exports_may_export(owner, cashier, tmp_path):
    staff.set_permissions("cashier", ["sell", "exports"], owner)
    assert export.write_xlsx(WEEK, tmp_path / "minggu.xlsx", cashier).exists()


def test_a_cashier_cannot_back_up_the_shop_anywhere(owner, cashier, tmp_path):
    usb = tmp_path / "usb"
    with pytest.raises(PermissionDenied):
        backup.backup(usb, cashier)
    with pytest.raises(PermissionDenied):
        backup.backup(None, cashier)  # not even into the shop's own folder, by hand
    with pytest.raises(PermissionDenied):
        backup.backup(usb)  # no user: only the owner's folder from settings
    assert not usb.exists()
    assert backup.backup(usb, owner).parent == usb


def test_the_automatic_backup_writes_into_the_owners_folder(owner, tmp_path):
    from pos.core import settings

    settings.update({"backup_dir": str(tmp_path / "flashdisk")}, owner.name)
    assert backup.backup().parent == tmp_path / "flashdisk"
    assert backup.backup(tmp_path / "flashdisk").parent == tmp_path / "flashdisk"


def test_restoring_a_sound_shop_is_the_owners(owner, cashier, tmp_path, db):
    path = backup.backup(tmp_path / "usb", owner)
    with pytest.raises(OwnerOnly, match="memulihkan cadangan"):
        backup.restore(path, db, cashier)
    with pytest.raises(OwnerOnly):
        backup.restore(path, db)  # no user
    assert shop.is_open() and Sale.select().count() == 0  # still open, untouched
    assert not list(tmp_path.glob("kasir.db.before-restore-*"))
    kept = backup.restore(path, db, owner)  # the owner: checked, the database closed, the file replaced
    assert kept.exists()
    shop.open_shop(db)


def test_a_damaged_file_is_restored_without_a_user(owner, tmp_path, db):
    path = backup.backup(tmp_path / "usb", owner)
    shop.close_shop()
    from pathlib import Path

    Path(db).write_bytes(b"rusak" * 5000)
    for side in ("-wal", "-shm"):
        Path(db + side).unlink(missing_ok=True)
    assert backup.restore(path, db).exists()
    shop.open_shop(db)
    assert staff.owner().name == "Bu Sri"
