from datetime import timedelta

import pytest

from db.models import User
from pos.core import clock, staff
from pos.core.errors import InvalidPin, PermissionDenied, UserLocked, WrongPin
from tests.conftest import NOW


def test_pin_is_never_stored_in_clear(owner):
    row = User.get_by_id(owner.id)
    assert "1234" not in row.pin_hash and row.pin_hash.startswith("$argon2id$")


def test_login_with_right_and_wrong_pin(owner):
    assert staff.login(owner.id, "1234").id == owner.id
    with pytest.raises(WrongPin) as err:
        staff.login(owner.id, "9999")
    assert err.value.text == "PIN salah. Sisa percobaan: 4."


def test_five_wrong_pins_lock_for_a_minute(owner):
    for _ in range(4):
        with pytest.raises(WrongPin):
            staff.login(owner.id, "0000")
    with pytest.raises(UserLocked):
        staff.login(owner.id, "0000")
    with pytest.raises(UserLocked):  # even the right PIN, while locked
        staff.login(owner.id, "1234")
    with clock.frozen(NOW + timedelta(seconds=61)):
        assert staff.login(owner.id, "1234").id == owner.id


@pytest.mark.parametrize("pin", ["123", "1234567", "12a4", "", "١٢٣٤"])
def test_pin_must_be_4_to_6_digits(db, pin):
    with pytest.raises(InvalidPin):
        staff.create_user("Rudi", "cashier", pin)


def test_permissions_and_owner_approval(owner, cashier):
    assert staff.can(owner, "refund") and not staff.can(cashier, "refund")
    with pytest.raises(PermissionDenied) as err:
        staff.require(cashier, "refund")
    assert "Dewi tidak berhak mengembalikan uang" in err.value.text
    used = staff.require(cashier, "refund", approver=staff.owner_approval("1234"))
    assert isinstance(used, staff.Approval) and used.user_id == owner.id and used.name == "Bu Sri"
    with pytest.raises(WrongPin):
        staff.owner_approval("1111")


def test_a_deactivated_user_cannot_log_in(owner, cashier):
    from pos.core.errors import UserInactive

    staff.set_active(cashier.id, False, owner)
    with pytest.raises(UserInactive) as err:
        staff.login(cashier.id, "1111")
    assert err.value.text == "Dewi sudah dinonaktifkan dan tidak bisa masuk."
    with pytest.raises(UserInactive):  # nor act with a session opened before
        staff.require(cashier, "sell")
    staff.set_active(cashier.id, True, owner)
    assert staff.login(cashier.id, "1111").id == cashier.id


def test_only_the_first_owner_is_made_without_someone_who_may(owner):
    from pos.core.errors import OwnerOnly

    with pytest.raises(OwnerOnly):
        staff.create_user("Rudi", "owner", "5678")  # a second owner from nowhere
    assert not User.select().where(User.name == "Rudi").exists()


def test_user_changes_are_journalled(owner, cashier):
    import json

    from db.models import JournalEntry

    staff.change_pin(cashier.id, "2468", owner)
    staff.set_active(cashier.id, False, owner)
    bodies = [
        (e.user, json.loads(e.content))
        for e in JournalEntry.select().where(JournalEntry.event == "staff").order_by(JournalEntry.seq)
    ]
    assert bodies == [
        ("Bu Sri", {"added": "Bu Sri", "role": "owner", "approved_by": ""}),  # the shop's set-up
        ("Bu Sri", {"added": "Dewi", "role": "cashier", "approved_by": ""}),
        ("Bu Sri", {"pin_changed": "Dewi", "approved_by": ""}),
        ("Bu Sri", {"active": False, "user": "Dewi", "approved_by": ""}),
    ]
    assert "2468" not in "".join(e.content for e in JournalEntry.select())
