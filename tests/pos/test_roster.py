"""Pengaturan → Karyawan reads the staff and each role's rights as plain rows with exact values."""

from __future__ import annotations

from pos.core import roster, staff
from pos.core.roster import StaffRow


def test_people_active_first_then_in_the_order_added(owner, cashier):
    nisa = staff.add_user("Nisa", "online_admin", "2222", owner)
    staff.set_active(cashier.id, False, owner)
    assert roster.people() == [
        StaffRow(owner.id, "Bu Sri", "owner", "Pemilik", True),
        StaffRow(nisa.id, "Nisa", "online_admin", "Admin online", True),
        StaffRow(cashier.id, "Dewi", "cashier", "Kasir", False),
    ]


def test_rights_per_role(owner):
    assert roster.rights()["cashier"] == {"sell", "park", "take_payment", "add_customer", "reprint"}
    staff.set_all_permissions({"cashier": ["sell", "refund"], "online_admin": ["delivery"]}, owner)
    rights = roster.rights()
    assert set(rights) == {"owner", "cashier", "online_admin"}
    assert rights["cashier"] == {"sell", "refund"}
    assert rights["online_admin"] == {"delivery"}
    assert rights["owner"] == set(staff.PERMISSIONS)
