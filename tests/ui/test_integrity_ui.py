"""The login banner's integrity check: a check that fails (an exception, not a result) shows as a failure,
never "Memeriksa keutuhan data…" forever."""

from __future__ import annotations

import pos.audit.verify
from tests.pos.helpers import small_shop


def test_a_check_that_raises_shows_as_a_failure(window, owner, qtbot, monkeypatch):
    small_shop(owner)

    def broken():
        raise RuntimeError("disk rusak")

    monkeypatch.setattr(pos.audit.verify, "verify", broken)
    window.enter(owner)
    qtbot.waitUntil(lambda: "Memeriksa" not in window.integrity_label.text(), timeout=10_000)
    assert "Data berubah di luar Kasir" in window.integrity_label.text()
    assert "disk rusak" in window.integrity_label.toolTip()


def test_a_malformed_row_shows_as_a_failure(window, owner, qtbot):
    from db.models import database

    small_shop(owner)
    database.execute_sql("UPDATE journal_entry SET created_at = 'x' WHERE seq = 2")
    window.enter(owner)
    qtbot.waitUntil(lambda: "Memeriksa" not in window.integrity_label.text(), timeout=20_000)
    assert "Data berubah di luar Kasir" in window.integrity_label.text()
