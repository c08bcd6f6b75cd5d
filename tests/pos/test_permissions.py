"""The permission matrix: every privileged action x every role, alone and with the owner's approval."""

from __future__ import annotations

from decimal import Decimal

import pytest

from db.models import JournalEntry, Role, SaleLine
from pos import shop
from pos.core import staff
from pos.core.cart import Cart
from pos.core.errors import PermissionDenied
from pos.counter import park, refund, sale, shift
from pos.counter.payment import Tender
from pos.stock import stock
from tests.pos.helpers import small_shop


@pytest.fixture
def people(owner):
    items = small_shop(owner)
    return {
        "owner": owner,
        "cashier": staff.create_user("Dewi", "cashier", "1111", by=owner),
        "online_admin": staff.create_user("Nisa", "online_admin", "2222", by=owner),
        "items": items,
    }


def _cart(items):
    c = Cart()
    c.add(items["beras"].id, "Beras", 15_000, 1)
    return c


def do_void(p, user, approver):
    park.void(_cart(p["items"]), "salah input", user, approver)


def do_refund(p, user, approver):
    s = sale.complete(_cart(p["items"]), [Tender("cash", 15_000)], p["owner"])
    refund.refund(s, {SaleLine.get(SaleLine.sale == s).id: 1}, "rusak", user, approver)


def do_discount(p, user, approver):
    c = _cart(p["items"])
    c.discount_line(0, amount=1_000, reason="langganan")
    sale.complete(c, [Tender("cash", 14_000)], user, approver)


def do_price(p, user, approver):
    c = _cart(p["items"])
    c.override_price(0, 14_000, reason="harga lama")
    sale.complete(c, [Tender("cash", 14_000)], user, approver)


def do_drawer(p, user, approver):
    shift.open_drawer(user, "tukar uang", approver)


def do_settings(p, user, approver):
    shop.save_settings({"receipt_footer": "Terima kasih!"}, {}, user, approver)


def do_roles(p, user, approver):
    staff.set_permissions("cashier", ["sell", "park", "take_payment"], user, approver)


def do_restock(p, user, approver):
    if not staff.can(user, "stock"):
        raise PermissionDenied(name=user.name, action="stok")  # restock takes no approver: owner work
    stock.restock([(p["items"]["mie"], Decimal(10), 2_900)], user)


ACTIONS = {
    "void": do_void,
    "refund": do_refund,
    "discount": do_discount,
    "price_override": do_price,
    "open_drawer": do_drawer,
    "settings": do_settings,
    "staff": do_roles,
    "stock": do_restock,
}


@pytest.mark.parametrize("role", ["owner", "cashier", "online_admin"])
@pytest.mark.parametrize("action", list(ACTIONS))
def test_permission_matrix(people, role, action):
    user = people[role]
    allowed = action in Role.get(Role.code == role).permissions
    journal_before = JournalEntry.select().count()
    if allowed:
        ACTIONS[action](people, user, None)
    else:
        with pytest.raises(PermissionDenied) as err:
            ACTIONS[action](people, user, None)
        assert user.name in err.value.text and "PIN pemilik" in err.value.text
        if action != "stock":  # with the owner's PIN in place, the cashier may
            ACTIONS[action](people, user, staff.owner_approval("1234"))
            assert JournalEntry.select().count() > journal_before


def test_the_owner_role_cannot_be_stripped(people):
    role = staff.set_permissions("owner", [], people["owner"])
    assert set(role.permissions) == set(staff.PERMISSIONS)


def test_a_wrong_owner_pin_approves_nothing(people):
    from pos.core.errors import WrongPin

    with pytest.raises(WrongPin):
        staff.owner_approval("1111")  # the cashier's own PIN


def test_approvals_are_journalled_with_who_and_why(people):
    cashier, owner = people["cashier"], people["owner"]
    do_refund(people, cashier, staff.owner_approval("1234"))
    import json

    entry = JournalEntry.select().where(JournalEntry.event == "refund").get()
    body = json.loads(entry.content)
    assert entry.user == "Dewi" and body["approved_by"] == owner.id and "rusak" in body["why"]
