"""verify holds each customer's kasbon limit and phone number to the journal: a hand edit with SQL is named
in Bahasa Indonesia; Kasir's own edits, an import and a merge are not."""

from __future__ import annotations

import pytest

from db.models import Customer, database
from pos.audit import verify
from pos.customers import customer, customer_import, merge


def _problems() -> list[str]:
    return verify.verify().problems


def _edit(row, user, **changes):
    values = dict(
        name=row.name, phone_text=row.phone, other_phones=[], birthday=row.birthday, address="", notes="",
        tags="", wa_consent=row.wa_consent, credit_limit=row.credit_limit,
    )  # fmt: skip
    values.update(changes)
    return customer.update_customer(row.id, user=user, **values)


@pytest.fixture
def budi(owner):
    return customer.create_customer("0812-1111-2222", "Budi", credit_limit=200_000, user=owner)


def test_kasirs_own_changes_are_no_alarm(owner, budi, tmp_path):
    siti = customer.create_customer("0813-3333-4444", "Siti", user=owner)
    _edit(budi, owner, credit_limit=500_000)
    _edit(Customer.get_by_id(siti.id), owner, phone_text="0857-5555-6666")
    path = tmp_path / "pelanggan.csv"
    path.write_text("Nama;HP;Batas kasbon\r\nAni;0821-7777-8888;150000\r\nDodi;0822-9999-0000;\r\n", "utf-8")
    customer_import.apply(customer_import.preview(path), owner)
    ani = Customer.get(Customer.name == "Ani")
    assert ani.credit_limit == 150_000
    merge.merge(budi.id, ani.id, owner)  # Budi keeps the higher limit: 500.000
    assert _problems() == []


def test_a_limit_raised_by_hand_is_named(owner, budi):
    database.execute_sql('UPDATE "customer" SET "credit_limit" = 5000000 WHERE "id" = ?', [budi.id])
    assert _problems() == [
        f"batas kasbon Budi (#{budi.id}) berubah di luar Kasir: Rp 5.000.000, jurnal Rp 200.000"
    ]


def test_a_limit_raised_by_hand_after_an_edit_is_named(owner, budi):
    _edit(budi, owner, credit_limit=300_000)
    database.execute_sql('UPDATE "customer" SET "credit_limit" = 900000 WHERE "id" = ?', [budi.id])
    assert _problems() == [
        f"batas kasbon Budi (#{budi.id}) berubah di luar Kasir: Rp 900.000, jurnal Rp 300.000"
    ]


def test_a_phone_swapped_by_hand_is_named(owner, budi):
    database.execute_sql('UPDATE "customer" SET "phone" = ? WHERE "id" = ?', ["6289912345678", budi.id])
    assert _problems() == [
        f"nomor HP Budi (#{budi.id}) berubah di luar Kasir: 0899-1234-5678, jurnal 0812-1111-2222"
    ]


def test_an_imported_customers_limit_raised_by_hand_is_named(owner, tmp_path):
    path = tmp_path / "pelanggan.csv"
    path.write_text("Nama;HP;Batas kasbon\r\nAni;0821-7777-8888;150000\r\nDodi;0822-9999-0000;\r\n", "utf-8")
    customer_import.apply(customer_import.preview(path), owner)
    dodi = Customer.get(Customer.name == "Dodi")
    database.execute_sql('UPDATE "customer" SET "credit_limit" = 1000000 WHERE "id" = ?', [dodi.id])
    assert _problems() == [f"batas kasbon Dodi (#{dodi.id}) berubah di luar Kasir: Rp 1.000.000, jurnal Rp 0"]
