from datetime import timedelta

import pytest

from db.models import User
from pos import clock, staff
from pos.errors import InvalidPin, PermissionDenied, UserLocked, WrongPin
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
    assert staff.require(cashier, "refund", approver=staff.owner_approval("1234")) == owner
    with pytest.raises(WrongPin):
        staff.owner_approval("1111")
