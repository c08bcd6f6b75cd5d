"""Editing the customer book outside the counter: details, other numbers (found like the main one,
unique across customers), deactivating, who may change a kasbon limit — each change journalled."""

from __future__ import annotations

import json
from datetime import date

import pytest

from db.models import Customer, CustomerAddress, CustomerPhone, JournalEntry
from pos.audit import verify
from pos.core import staff
from pos.core.cart import Cart
from pos.core.errors import (
    CustomerNotFound,
    Duplicate,
    InvalidInput,
    InvalidName,
    InvalidPhone,
    PermissionDenied,
    PhoneTaken,
    TooLong,
)
from pos.core.money import MAX_AMOUNT
from pos.counter import sale
from pos.counter.payment import Tender
from pos.customers import customer, customer_views, merge
from tests.pos.helpers import small_shop


def details(**changes):
    values = dict(
        name="Budi Santoso",
        phone_text="0812-1111-2222",
        other_phones=[],
        birthday=None,
        address="",
        notes="",
        tags="",
        wa_consent=True,
        credit_limit=0,
    )
    values.update(changes)
    return values


def entries(action=None):
    found = [
        json.loads(e.content) | {"_user": e.user}
        for e in JournalEntry.select().where(JournalEntry.event == "customer").order_by(JournalEntry.seq)
    ]
    return [e for e in found if action is None or e["action"] == action]


@pytest.fixture
def budi(owner):
    return customer.create_customer("0812-1111-2222", "Budi", user=owner)


def test_update_changes_every_field_in_one_journal_entry(budi, owner):
    changed = customer.update_customer(
        budi.id,
        user=owner,
        **details(
            name="  Budi\x1b[31m   Santoso ",
            phone_text="+62 813 9999 8888",
            other_phones=["0812-1111-2222", "", "0857 1234 5678", "085712345678"],
            birthday=date(1985, 3, 14),
            address="Jl. Mawar 3\r\nRT 02/RW 05\x07",
            notes="suka kopi\n\n\n\ntanpa gula",
            tags="arisan, RT 02",
            wa_consent=False,
            credit_limit=250_000,
        ),
    )
    assert changed.name == "Budi [31m Santoso"  # ESC is a space, the text after it kept
    assert changed.phone == "6281399998888"
    assert customer.phones_of(budi.id) == ["6281211112222", "6285712345678"]  # the old main number kept
    assert (changed.birthday, changed.wa_consent, changed.credit_limit) == (date(1985, 3, 14), False, 250_000)
    assert customer.main_address(budi.id) == "Jl. Mawar 3\nRT 02/RW 05"
    assert changed.notes == "suka kopi\n\ntanpa gula" and changed.tags == "arisan, RT 02"
    assert changed.search_name == "budi [31m santoso"
    [entry] = entries("update")
    assert entry["customer"] == budi.id and entry["_user"] == "Bu Sri"
    assert set(entry["changed"]) == {
        "name", "phone", "other_phones", "birthday", "address", "notes", "tags", "wa_consent", "credit_limit",
    }  # fmt: skip
    assert entry["credit_limit"] == [0, 250_000]
    assert entry["phone"] == ["6281211112222", "6281399998888"]
    form = customer.form(budi.id)
    assert (form.phone, form.other_phones) == ("0813-9999-8888", ["0812-1111-2222", "0857-1234-5678"])


def test_unchanged_details_make_no_entry(budi, owner):
    same = details(name="Budi", wa_consent=budi.wa_consent)
    before = JournalEntry.select().count()
    customer.update_customer(budi.id, user=owner, **same)
    customer.update_customer(
        budi.id, user=owner, **same | {"phone_text": "+62 812 1111 2222", "name": " Budi "}
    )
    assert JournalEntry.select().count() == before


def test_address_is_replaced_added_and_removed(budi, owner):
    customer.update_customer(budi.id, user=owner, **details(name="Budi", address="Jl. Melati 1"))
    assert [a.address for a in CustomerAddress.select()] == ["Jl. Melati 1"]
    customer.update_customer(budi.id, user=owner, **details(name="Budi", address="Jl. Melati 2"))
    assert [a.address for a in CustomerAddress.select()] == ["Jl. Melati 2"]
    customer.update_customer(budi.id, user=owner, **details(name="Budi", address="  "))
    assert CustomerAddress.select().count() == 0


def test_other_number_finds_the_customer_only_after_the_main_number(budi, owner):
    customer.update_customer(budi.id, user=owner, **details(other_phones=["0857-1234-5678"]))
    assert customer.by_phone("0857 1234 5678").id == budi.id
    assert customer.by_phone("+6285712345678").id == budi.id
    assert customer.by_phone("0812-1111-2222").id == budi.id
    assert [c.id for c in customer.search("0857-1234-5678")] == [budi.id]
    assert [c.id for c in customer.search("1234-56")] == [budi.id]  # a partial other number
    with pytest.raises(CustomerNotFound):
        customer.by_phone("0857-0000-0000")


def test_creating_with_other_numbers(owner):
    siti = customer.create_customer(
        "0813-2222-3333", "Siti", other_phones=["0878 5555 6666", "0813-2222-3333"], user=owner
    )
    assert customer.phones_of(siti.id) == ["6287855556666"]
    assert customer.by_phone("087855556666").id == siti.id
    [entry] = entries("create")
    assert entry | {"customer": 0} == {
        "action": "create",
        "customer": 0,
        "name": "Siti",
        "phone": "6281322223333",
        "other_phones": ["6287855556666"],
        "credit_limit": 0,
        "approved_by": None,
        "_user": "Bu Sri",
    }


@pytest.mark.parametrize(
    "main, others",
    [
        ("0812-1111-2222", []),  # Budi's main number as the main number
        ("0813-0000-0001", ["0812 1111 2222"]),  # Budi's main number as another number
        ("0857-1234-5678", []),  # Budi's other number as the main number
        ("0813-0000-0001", ["+62 857 1234 5678"]),  # Budi's other number as another number
    ],
)
def test_a_number_someone_holds_is_refused_naming_them(budi, owner, main, others):
    customer.update_customer(budi.id, user=owner, **details(other_phones=["0857-1234-5678"]))
    ani = customer.create_customer("0813-4444-5555", "Ani", user=owner)
    counts = (Customer.select().count(), CustomerPhone.select().count(), JournalEntry.select().count())
    with pytest.raises(PhoneTaken) as refused:
        customer.create_customer(main, "Orang Baru", other_phones=others, user=owner)
    assert "sudah dipakai pelanggan Budi Santoso" in refused.value.text
    assert isinstance(refused.value, Duplicate)
    with pytest.raises(PhoneTaken, match="sudah dipakai pelanggan Budi Santoso"):
        customer.update_customer(
            ani.id, user=owner, **details(name="Ani", phone_text=main, other_phones=others)
        )
    assert counts == (
        Customer.select().count(),
        CustomerPhone.select().count(),
        JournalEntry.select().count(),
    )
    assert customer.get(ani.id).phone == "6281344445555"


def test_an_inactive_holder_is_named_as_inactive(budi, owner):
    customer.set_customer_active(budi.id, False, owner)
    with pytest.raises(PhoneTaken, match=r"0812-1111-2222 sudah dipakai pelanggan Budi \(nonaktif\)"):
        customer.create_customer("081211112222", "Budi Lagi", user=owner)


def test_swapping_main_and_other_number_of_one_customer(budi, owner):
    customer.update_customer(budi.id, user=owner, **details(other_phones=["0857-1234-5678"]))
    customer.update_customer(
        budi.id, user=owner, **details(phone_text="0857-1234-5678", other_phones=["0812-1111-2222"])
    )
    assert customer.get(budi.id).phone == "6285712345678"
    assert customer.phones_of(budi.id) == ["6281211112222"]
    assert customer.by_phone("0812-1111-2222").id == budi.id


@pytest.mark.parametrize(
    "changes, error, text",
    [
        ({"name": "  \x07 "}, InvalidName, "Nama tidak boleh kosong"),
        ({"name": "x" * 121}, InvalidName, "paling panjang 120"),
        ({"phone_text": "12345"}, InvalidPhone, "Nomor HP tidak dikenali: 12345"),
        ({"other_phones": ["0812-1111-2223", "abc"]}, InvalidPhone, "tidak dikenali: abc"),
        ({"notes": "n" * 1001}, TooLong, "Catatan terlalu panjang: paling banyak 1000 huruf."),
        ({"tags": "t" * 201}, TooLong, "Tag terlalu panjang: paling banyak 200 huruf."),
        ({"address": "a" * 301}, TooLong, "Alamat terlalu panjang: paling banyak 300 huruf."),
        ({"credit_limit": -1}, InvalidInput, "Batas kasbon harus antara Rp 0 dan Rp 1.000.000.000."),
        ({"credit_limit": MAX_AMOUNT + 1}, InvalidInput, "Batas kasbon"),
        ({"credit_limit": True}, InvalidInput, "Batas kasbon"),
        ({"birthday": date(2030, 1, 1)}, InvalidInput, "masa depan"),
        ({"birthday": date(1850, 1, 1)}, InvalidInput, "Tanggal lahir tidak valid."),
    ],
)
def test_bad_details_are_refused_and_nothing_changes(budi, owner, changes, error, text):
    before = JournalEntry.select().count()
    with pytest.raises(error, match=text.replace("(", r"\(").replace(".", r"\.")):
        customer.update_customer(budi.id, user=owner, **details(**changes))
    again = customer.get(budi.id)
    assert (again.name, again.phone, again.credit_limit) == ("Budi", "6281211112222", 0)
    assert JournalEntry.select().count() == before and CustomerPhone.select().count() == 0


def test_limits_are_exact(budi, owner):
    customer.update_customer(
        budi.id,
        user=owner,
        **details(
            name="n" * 120, notes="c" * 1000, tags="t" * 200, address="a" * 300, credit_limit=MAX_AMOUNT
        ),
    )
    row = customer.get(budi.id)
    assert (len(row.name), len(row.notes), len(row.tags), row.credit_limit) == (120, 1000, 200, MAX_AMOUNT)


def test_a_cashier_may_edit_details_but_not_the_kasbon_limit(budi, owner, cashier):
    customer.update_customer(budi.id, user=cashier, **details(name="Budi S."))
    assert customer.get(budi.id).name == "Budi S."
    with pytest.raises(PermissionDenied, match="Dewi tidak berhak mengubah pengaturan"):
        customer.update_customer(budi.id, user=cashier, **details(name="Budi X", credit_limit=100_000))
    row = customer.get(budi.id)
    assert (row.name, row.credit_limit) == ("Budi S.", 0)  # nothing of the refused change
    customer.update_customer(
        budi.id,
        user=cashier,
        approver=staff.owner_approval("1234"),
        **details(name="Budi S.", credit_limit=100_000),
    )
    assert customer.get(budi.id).credit_limit == 100_000
    entry = entries("update")[-1]
    assert (entry["credit_limit"], entry["approved_by"], entry["_user"]) == ([0, 100_000], "Bu Sri", "Dewi")


def test_a_cashier_approved_by_another_cashier_is_still_refused(budi, cashier):
    from pos.core import staff

    other = staff.create_user("Rina", "cashier", "2222", by=staff.owner())
    with pytest.raises(PermissionDenied):
        customer.update_customer(budi.id, user=cashier, approver=other, **details(credit_limit=1))


def test_creating_with_a_limit_needs_settings_too(owner, cashier):
    with pytest.raises(PermissionDenied):
        customer.create_customer("0813-1111-0000", "Ani", credit_limit=50_000, user=cashier)
    assert Customer.select().count() == 0
    customer.create_customer("0813-1111-0000", "Ani", user=cashier)
    customer.create_customer(
        "0813-1111-0001", "Ana", credit_limit=50_000, user=cashier, approver=staff.owner_approval("1234")
    )
    assert entries("create")[-1]["approved_by"] == "Bu Sri"


def test_a_role_without_add_customer_cannot_edit(budi, owner):
    from pos.core import staff

    helper = staff.create_user("Joko", "cashier", "3333", by=owner)
    staff.set_permissions("cashier", ["sell"], owner)
    with pytest.raises(PermissionDenied, match="Joko tidak berhak menambah pelanggan"):
        customer.update_customer(budi.id, user=staff.login(helper.id, "3333"), **details(name="Budi X"))
    with pytest.raises(PermissionDenied):
        customer.set_customer_active(budi.id, False, staff.login(helper.id, "3333"))
    with pytest.raises(PermissionDenied):
        customer.create_customer("0813-1111-0000", "Ani", user=staff.login(helper.id, "3333"))


def test_deactivated_customer_leaves_search_and_lookup_but_not_history(owner, cashier):
    items = small_shop(owner)
    budi = customer.create_customer("0812-1111-2222", "Budi Santoso", other_phones=["0857-1234-5678"])
    cart = Cart(customer_id=budi.id)
    cart.add(items["teh"].id, items["teh"].name, items["teh"].price, 2)
    done = sale.complete(cart, [Tender("cash", 10_000)], cashier)

    customer.set_customer_active(budi.id, False, cashier)

    assert customer.search("budi") == [] and customer.search("0812-1111-2222") == []
    assert customer.search("1111-22") == []
    for number in ("0812-1111-2222", "0857-1234-5678"):
        with pytest.raises(CustomerNotFound):
            customer.by_phone(number)
        assert customer.by_phone(number, include_inactive=True).id == budi.id
    assert [r.id for r in customer_views.listing()] == []
    [row] = customer_views.listing(include_inactive=True)
    assert (row.id, row.active, row.spend, row.visits) == (budi.id, False, 10_000, 1)
    assert [c.id for c in customer.search("budi", include_inactive=True)] == [budi.id]
    assert customer_views.profile(budi.id).spend == 10_000  # history and reports keep them
    assert done.customer_id == budi.id
    assert verify.verify().ok

    customer.set_customer_active(budi.id, True, cashier)
    assert [c.id for c in customer.search("budi")] == [budi.id]
    assert [e["action"] for e in entries()] == ["create", "deactivate", "activate"]
    assert [e["_user"] for e in entries()][1:] == ["Dewi", "Dewi"]


def test_setting_the_same_state_again_writes_nothing(budi, owner):
    before = JournalEntry.select().count()
    customer.set_customer_active(budi.id, True, owner)
    assert JournalEntry.select().count() == before


def test_a_customer_who_owes_kasbon_stays_active(owner):
    from pos.counter import kasbon

    items = small_shop(owner)
    sari = customer.create_customer("0813-2222-3333", "Sari", credit_limit=100_000, user=owner)
    cart = Cart(customer_id=sari.id)
    cart.add(items["teh"].id, items["teh"].name, items["teh"].price, 3)
    sale.complete(cart, [Tender("kasbon", 15_000)], owner)
    with pytest.raises(InvalidInput, match="Sari masih punya kasbon Rp 15.000; lunasi dulu"):
        customer.set_customer_active(sari.id, False, owner)
    assert customer.get(sari.id).active
    kasbon.pay(sari.id, 15_000, "cash", owner)
    customer.set_customer_active(sari.id, False, owner)
    assert not customer.get(sari.id).active


def test_merged_record_cannot_be_edited_but_its_numbers_still_find_the_kept_one(owner):
    siti = customer.create_customer("0812-1000-0001", "Siti")
    siti2 = customer.create_customer("0857-2000-0002", "Bu Siti", other_phones=["0878-3000-0003"])
    merge.merge(siti.id, siti2.id, owner)
    assert customer.by_phone("0878-3000-0003").id == siti.id
    assert customer.by_phone("0857-2000-0002").id == siti.id
    with pytest.raises(CustomerNotFound):
        customer.update_customer(siti2.id, user=owner, **details(name="x", phone_text="0857-2000-0002"))
    with pytest.raises(CustomerNotFound):
        customer.set_customer_active(siti2.id, False, owner)
    # the kept one may take the merged record's numbers as its own other numbers
    customer.update_customer(
        siti.id,
        user=owner,
        **details(name="Siti", phone_text="0812-1000-0001", other_phones=["0857-2000-0002"]),
    )
    with pytest.raises(PhoneTaken, match="dipakai pelanggan Siti"):
        customer.create_customer("0878-3000-0003", "Orang Lain")


def test_a_name_keeps_its_emoji_and_loses_overrides_and_controls(owner):
    ani = customer.create_customer("0812-1000-0001", "\u202eIbu 👩‍👧 Ani\x00", notes="a\r\nb\tc\u2066")
    assert (ani.name, ani.notes) == ("Ibu 👩‍👧 Ani", "a\nb c")


def test_the_start_of_a_number_finds_numbers_that_start_so(owner):
    """F4 with '0812' also listed 0878-678-1297 (its digits hold 812 in the middle)."""
    ani = customer.create_customer("0812-1111-2222", "Ani")
    rudi = customer.create_customer("0878-678-1297", "Rudi")
    assert [c.id for c in customer.search("0812")] == [ani.id]
    assert [c.id for c in customer.search("+62 812")] == [ani.id]
    assert [c.id for c in customer.search("0878")] == [rudi.id]
    assert [c.id for c in customer.search("1297")] == [rudi.id]  # the end of a number, as people remember it
    assert [c.id for c in customer.search("8678")] == [rudi.id]  # no 0 in front: anywhere in it
