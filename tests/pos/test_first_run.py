"""The real shop's first run, the demo shops in their own files, and the first steps of a new shop."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from db.models import JournalEntry, Product, Sale, Setting, User
from pos import shop
from pos.catalog import catalog
from pos.core import places, settings, staff
from pos.core.errors import InvalidInput, InvalidPin, PermissionDenied
from pos.demo.generator import fill


@pytest.fixture
def data(tmp_path, monkeypatch):
    """Kasir's data folder for this test only (the demo files live there)."""
    folder = tmp_path / "data"
    monkeypatch.setattr(places, "data_dir", lambda: folder)
    return folder


def fingerprint(path: str) -> tuple[str, int, int, bool]:
    """The file's bytes, size, mtime, and whether a write-ahead log is beside it."""
    p = Path(path)
    return (
        hashlib.sha256(p.read_bytes()).hexdigest(),
        p.stat().st_size,
        p.stat().st_mtime_ns,
        Path(path + "-wal").exists(),
    )


def test_first_run_sets_up_an_empty_real_shop_once(db):
    owner = shop.first_run("Toko Maju", "Jl. Kenanga 2", "0812 5555 6666", "Pak Budi", "2468")
    assert shop.is_set_up() and not shop.is_demo()
    assert settings.get("shop_phone") == "6281255556666" and owner.role.code == "owner"
    assert not Product.select().exists() and not Sale.select().exists()
    with pytest.raises(shop.AlreadySetUp) as refused:
        shop.first_run("Toko Lain", "", "", "Bu Ani", "1357")
    assert refused.value.text == "Database ini sudah disiapkan untuk toko Toko Maju. Tidak ada yang diubah."
    assert [u.name for u in User.select()] == ["Pak Budi"] and settings.get("shop_name") == "Toko Maju"


def test_a_weak_pin_or_empty_name_sets_up_nothing(db):
    for name, owner, pin, error in (
        ("Toko Maju", "Pak Budi", "12", InvalidPin),
        ("Toko Maju", "Pak Budi", "abcd", InvalidPin),
        ("   ", "Pak Budi", "2468", InvalidInput),
        ("Toko Maju", "", "2468", InvalidInput),
    ):
        with pytest.raises(error):
            shop.first_run(name, "", "", owner, pin)
    assert not shop.is_set_up() and not User.select().exists() and not Setting.select().exists()


def test_an_empty_name_says_which_name_is_missing(db):
    with pytest.raises(InvalidInput, match="^Nama toko tidak boleh kosong"):
        shop.first_run("   ", "", "", "Pak Budi", "2468")
    with pytest.raises(InvalidInput, match="^Nama pemilik tidak boleh kosong"):
        shop.first_run("Toko Maju", "", "", " ", "2468")
    assert not shop.is_set_up() and not User.select().exists()


def test_the_demo_kinds_are_the_generators():
    from pos.demo.catalogs import CATALOGS, SHOP_DETAILS

    assert set(shop.DEMO_KINDS) == set(CATALOGS) == set(SHOP_DETAILS)


def test_demo_target_is_its_own_file_in_the_data_folder(data):
    assert shop.demo_target("warung") == str(data / "toko-contoh-warung.db")
    assert {Path(shop.demo_target(k)).name for k in shop.DEMO_KINDS} == {
        "toko-contoh-warung.db",
        "toko-contoh-bakso.db",
        "toko-contoh-senapan.db",
    }
    with pytest.raises(InvalidInput):
        shop.demo_target("../kasir")


def test_a_demo_is_made_in_its_own_file_once_and_the_real_file_is_untouched(db, data):
    shop.close_shop()
    before = fingerprint(db)
    assert shop.open_demo("warung") is False  # a new file: still to be made
    fill("warung", 2, 1)
    assert shop.is_demo() and shop.is_set_up() and Sale.select().count() > 50
    made = Sale.select().count()
    assert shop.database_path() == str(data / "toko-contoh-warung.db")
    assert shop.open_demo("warung") is True  # made before: reused, not made again
    assert Sale.select().count() == made
    shop.close_shop()
    assert fingerprint(db) == before
    shop.switch_to(db)
    assert not shop.is_demo() and not shop.is_set_up() and not Sale.select().exists()


def test_fill_marks_the_shop_as_a_demo_in_its_transaction(db):
    assert settings.get("demo") is False
    fill("senapan", 1, 1)
    assert settings.get("demo") is True
    assert Setting.get_by_id("demo").value is True


def test_first_steps_of_a_new_shop(owner):
    assert shop.first_steps() == {"products": False, "tax": False, "qris": False, "staff": False}
    assert shop.first_steps_wanted()
    catalog.create_product("MIE", "Indomie Goreng", 3_500)
    assert shop.first_steps()["products"]
    settings.update({"tax_mode": "none"}, user=owner.name)  # the default, chosen on purpose
    assert shop.first_steps()["tax"]
    staff.create_user("Dewi", "cashier", "1111", by=owner)
    assert shop.first_steps() == {"products": True, "tax": True, "qris": False, "staff": True}


def test_an_inactive_product_or_user_is_no_step_done(owner):
    mie = catalog.create_product("MIE", "Indomie Goreng", 3_500)
    Product.update(active=False).where(Product.id == mie.id).execute()
    dewi = staff.create_user("Dewi", "cashier", "1111", by=owner)
    User.update(active=False).where(User.id == dewi.id).execute()
    state = shop.first_steps()
    assert state["products"] is False and state["staff"] is False


def test_a_default_saved_on_purpose_is_stored_but_not_journaled_as_a_change(owner):
    entries = JournalEntry.select().count()
    settings.update({"tax_mode": "none"}, user=owner.name)
    assert Setting.get_by_id("tax_mode").value == "none"
    assert JournalEntry.select().count() == entries  # nothing changed
    settings.update({"tax_mode": "added"}, user=owner.name)
    assert JournalEntry.select().count() == entries + 1


def test_hiding_the_first_steps_needs_the_settings_permission(owner, cashier):
    with pytest.raises(PermissionDenied):
        shop.hide_first_steps(cashier)
    assert shop.first_steps_wanted()
    shop.hide_first_steps(owner)
    assert settings.get("first_steps_hidden") is True and not shop.first_steps_wanted()


def test_no_first_steps_in_a_demo_or_before_setup(db):
    assert not shop.first_steps_wanted()  # not set up yet
    fill("warung", 1, 1)
    assert shop.is_set_up() and not shop.first_steps_wanted()
