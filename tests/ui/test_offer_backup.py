"""A damaged shop file is offered its own newest backup, not another shop's backed up later (#20 item 12)."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtWidgets import QMessageBox

from pos import shop
from tests.pos.test_backup_shops import back_up_on, make_shop
from ui import app


def test_a_damaged_file_is_offered_its_own_backup(tmp_path, monkeypatch, qapp):
    folder = tmp_path / "usb"
    make_shop(tmp_path / "warung.db")
    back_up_on([datetime(2026, 11, 20, 21, 0)], folder)
    shop.close_shop()
    make_shop(tmp_path / "toko.db")
    back_up_on([datetime(2026, 11, 22, 21, 0)], folder)  # newer, of another shop, in the same folder
    shop.close_shop()
    (tmp_path / "warung.db").write_bytes(b"rusak" * 5000)
    monkeypatch.setattr("pos.audit.backup.default_folder", lambda: folder)
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a: asked.append(a[2]) or QMessageBox.StandardButton.No
    )
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: pytest.fail(f"no backup offered: {a[2]}"))
    with pytest.raises(shop.ShopOpenError) as failed:
        shop.open_shop(str(tmp_path / "warung.db"))
    assert app.offer_backup(str(tmp_path / "warung.db"), "K1", str(failed.value)) == ""
    assert len(asked) == 1 and "(warung-2026-11-20.db)" in asked[0]
