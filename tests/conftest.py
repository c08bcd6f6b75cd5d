"""Test set-up: Qt offscreen, a fresh database per test, fast PIN hashing, a fixed clock."""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KASIR_NO_BACKUP", "1")
# QSettings (printer, window geometry) and platformdirs go to a throw-away folder, never the user's own
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="kasir-test-config-")
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="kasir-test-data-")

import pytest  # noqa: E402
from argon2 import PasswordHasher  # noqa: E402

from pos import shop  # noqa: E402
from pos.core import clock, i18n, staff

# argon2id with small costs: the same code path, without 100 ms per PIN in every test
staff.hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)

NOW = datetime(2026, 11, 23, 10, 30, 0)  # a Monday morning


@pytest.fixture(autouse=True)
def clean_qsettings():
    """Every test starts with no printer configured and no remembered window."""
    try:
        from PySide6.QtCore import QSettings
    except ImportError:  # pragma: no cover
        yield
        return
    QSettings("Kasir", "Kasir").clear()
    yield
    QSettings("Kasir", "Kasir").clear()


@pytest.fixture
def db(tmp_path):
    """A fresh shop database in a temporary file (WAL and pragmas as in production)."""
    clock.set_fixed(NOW)
    target = shop.open_shop(str(tmp_path / "kasir.db"))
    yield target
    worker = sys.modules.get("ui.widgets.worker")
    if worker is not None:  # background jobs (verify at login, printing) finish before the database goes
        worker.wait_all()
    shop.close_shop()
    clock.set_fixed(None)
    i18n.set_language("id")


@pytest.fixture
def owner(db, monkeypatch):
    """Bu Sri, set up with the easy PIN 1234 the tests type; a real shop's set-up refuses it
    (pos/core/pin_guard.py, tested in tests/pos/test_pin_guard.py), so here, and only here, it is let
    through."""
    from pos.core import pin_guard

    with monkeypatch.context() as patch:
        patch.setattr(pin_guard, "refuse_weak", lambda pin: None)
        return shop.first_run("Warung Uji", "Jl. Uji No. 1", "0812-0000-1111", "Bu Sri", "1234")


@pytest.fixture
def cashier(owner):
    return staff.create_user("Dewi", "cashier", "1111", by=owner)
