"""Register codes and what one till sees of another's changes (two connections to one shop file, as two
tills are)."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

import main
from db.models import Register, User, database
from pos import shop
from pos.catalog import catalog, channel
from pos.core import caches, settings, staff, till
from pos.core.cart import Cart
from pos.core.errors import PermissionDenied, UserInactive
from pos.core.till import InvalidRegister, UnknownRegister
from pos.counter import sale, shift
from pos.counter.payment import Tender


@pytest.mark.parametrize("code", ["", " ", "K 1", "KASIR-SATU", "K1;DROP", "k\x00", "-K1", "Ä1", "K1\tK2"])
def test_a_bad_register_code_is_refused_before_anything_is_opened(tmp_path, code):
    target = tmp_path / "toko.db"
    with pytest.raises(InvalidRegister, match="Kode kasir"):
        shop.open_shop(str(target), code)
    assert not target.exists()


def test_a_register_code_is_stored_plain(tmp_path):
    shop.open_shop(str(tmp_path / "toko.db"), " k2 ")
    try:
        assert till.code() == "K2" and till.register().code == "K2"
    finally:
        shop.close_shop()


def _registers(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [c for (c,) in con.execute('SELECT "code" FROM "register" ORDER BY "code"')]
    finally:
        con.close()


def test_a_command_that_only_reads_never_makes_a_register(tmp_path, capsys):
    path = tmp_path / "toko.db"
    assert main.main(["--db", str(path), "demo", "--days", "2"]) == 0
    assert _registers(path) == ["K1"]
    for command in (["info"], ["verify"], ["report", "--from", "2026-11-29", "--to", "2026-11-30"]):
        main.main(["--db", str(path), "--register", "K7", *command])
    assert _registers(path) == ["K1"]
    shop.open_shop(str(path), "K7", sells=False)
    try:
        with pytest.raises(UnknownRegister, match="Kasir K7 belum ada di toko ini \\(yang ada: K1\\)"):
            till.register()
    finally:
        shop.close_shop()
    assert main.main(["--db", str(path), "--register", "K 7", "info"]) == 2
    assert "Kode kasir 'K 7' tidak bisa dipakai" in capsys.readouterr().err


def test_a_change_on_one_till_is_seen_by_the_other_without_a_restart(tmp_path):
    """Till 2 changes settings and a channel through its own connection; till 1's caches notice at its next
    service, and its readers within a second."""
    from db import config_version

    path = tmp_path / "toko.db"
    shop.open_shop(str(path), "K1")
    try:
        owner = staff.create_user("Bu Sri", "owner", "7391")
        assert settings.get("shop_name") == "" and channel.get("gofood").commission_rate == Decimal("0.20")
        before = config_version.read(database.obj)
        other = sqlite3.connect(path)  # the other till, writing as Kasir's triggers see it
        other.execute('UPDATE "setting" SET "value" = \'"Toko Dua"\' WHERE "key" = \'shop_name\'')
        other.execute(
            'INSERT INTO "setting" ("key", "value") SELECT \'shop_name\', \'"Toko Dua"\' '
            'WHERE NOT EXISTS (SELECT 1 FROM "setting" WHERE "key" = \'shop_name\')'
        )
        other.execute('UPDATE "channel" SET "commission_rate" = \'0.15\' WHERE "code" = \'gofood\'')
        other.commit()
        other.close()
        assert config_version.read(database.obj) > before
        assert settings.get("shop_name") == ""  # the cache's last look is under a second old
        caches.refresh(force=True)  # what every service does first, and every reader after a second
        assert settings.get("shop_name") == "Toko Dua"
        assert channel.get("gofood").commission_rate == Decimal("0.15")
        settings.update(
            {"receipt_footer": "Terima kasih"}, user=owner.name
        )  # a service of this till: seen at once
        assert settings.get("receipt_footer") == "Terima kasih"
        assert Register.select().count() == 1
    finally:
        shop.close_shop()


def test_an_older_snapshot_on_another_thread_never_puts_old_settings_back(tmp_path):
    """verify reads one snapshot on its own thread while the counter saves settings: what verify sees
    there must not become what the counter reads afterwards."""
    import threading

    from pos.core import tx

    shop.open_shop(str(tmp_path / "toko.db"), "K1")
    try:
        owner = staff.create_user("Bu Sri", "owner", "7391")
        inside, saved, seen = threading.Event(), threading.Event(), []

        def checker() -> None:
            with tx.snapshot():
                seen.append(settings.get("tax_mode"))  # the snapshot starts here
                inside.set()
                saved.wait(10)
                seen.append(settings.get("tax_mode"))  # still the old value, in its snapshot
            database.obj.close()

        thread = threading.Thread(target=checker)
        thread.start()
        inside.wait(10)
        shop.save_settings({"tax_mode": "added", "tax_rate": "0.1"}, {}, owner)
        saved.set()
        thread.join(10)
        assert seen == ["none", "none"]
        assert settings.get("tax_mode") == "added"
    finally:
        shop.close_shop()


def _sale_cart(item) -> tuple[Cart, list[Tender]]:
    cart = Cart()
    cart.add(item.id, item.name, 5_000, 1)
    return cart, [Tender("cash", 5_000)]


def test_a_cashier_deactivated_on_another_till_cannot_sell_at_the_next_sale(tmp_path):
    """The acting user is kept between services, but a change to a user or a role on another till (or in
    a script) moves the configuration number: the next service reads them afresh."""
    path = tmp_path / "toko.db"
    shop.open_shop(str(path), "K1")
    try:
        owner = staff.create_user("Bu Sri", "owner", "7391")
        settings.update({"setup_done": True}, user=owner.name)
        cashier = staff.add_user("Sari", "cashier", "2468", owner)
        shift.open_shift(cashier, 0)
        item = catalog.create_product("T1", "Teh", 5_000, track_stock=False)
        sale.complete(*_sale_cart(item), cashier)  # read once and kept
        other = sqlite3.connect(path)  # the other till
        other.execute('UPDATE "user" SET "active" = 0 WHERE "id" = ?', (cashier.id,))
        other.commit()
        cart, paid = _sale_cart(item)
        with pytest.raises(UserInactive):
            sale.complete(cart, paid, cashier)
        other.execute(
            'UPDATE "role" SET "permissions" = \'[]\' '
            'WHERE "id" = (SELECT "role_id" FROM "user" WHERE "id" = ?)',
            (cashier.id,),
        )
        other.execute('UPDATE "user" SET "active" = 1 WHERE "id" = ?', (cashier.id,))
        other.commit()
        other.close()
        with pytest.raises(PermissionDenied):  # the role lost "sell" on the other till
            sale.complete(cart, paid, cashier)
    finally:
        shop.close_shop()


def test_a_service_that_changes_a_user_and_fails_leaves_no_stale_user_behind(tmp_path):
    """A user read inside a transaction that wrote users is not kept: if that transaction rolls back,
    the next service must not see what it had written."""
    from pos.core.tx import service

    shop.open_shop(str(tmp_path / "toko.db"), "K1")
    try:
        owner = staff.create_user("Bu Sri", "owner", "7391")
        cashier = staff.add_user("Sari", "cashier", "2468", owner)
        staff.set_active(cashier.id, False, owner)

        @service
        def reactivate_then_fail() -> None:
            User.update(active=True).where(User.id == cashier.id).execute()
            staff.require(cashier, "sell")  # sees the uncommitted row: allowed here
            raise PermissionDenied(name="uji", action="uji")

        with pytest.raises(PermissionDenied):
            reactivate_then_fail()
        with pytest.raises(UserInactive):
            staff.require(cashier, "sell")
    finally:
        shop.close_shop()
