"""PIN guessing stopped: wrong PINs at login and at approval each counted per user, in the database; the
lock grows 1 min, 5 min, 30 min, 2 h, 8 h, 24 h; a cashier guessing at the approval prompt does not lock the
owner's login; the owner sees the failures; the recovery code; weak PINs."""

from __future__ import annotations

from datetime import timedelta

import pytest

from db.models import JournalEntry, Meta, PinFailure, User
from pos import shop
from pos.core import clock, pin_guard, settings, staff
from pos.core.errors import PermissionDenied, UserLocked, WrongPin
from pos.core.pin_guard import ApprovalLocked, PinLocked, WeakPin, WrongRecoveryCode
from tests.conftest import NOW


def at(**delta: int) -> None:
    clock.set_fixed(NOW + timedelta(**delta))


def fresh(user: User) -> User:
    return User.get_by_id(user.id)


def wrong_logins(user: User, n: int) -> list[Exception]:
    errors = []
    for _i in range(n):
        with pytest.raises((WrongPin, PinLocked)) as err:
            staff.login(user.id, "9876")
        errors.append(err.value)
    return errors


def approval_count(user: User) -> int:
    return pin_guard.approval_counts([user.id])[user.id].failures


def wrong_approvals(n: int, by: User | None = None) -> list[Exception]:
    errors = []
    for _i in range(n):
        with pytest.raises((WrongPin, PinLocked)) as err:
            pin_guard.owner_by_pin("9876", by=by)
        errors.append(err.value)
    return errors


def test_a_cashier_guessing_at_the_approval_prompt_cannot_lock_the_owners_login(owner, cashier):
    """(Before: the approval prompt's failures counted with the login's, so a cashier typing five wrong
    'owner PINs' locked the owner out of their own login.)"""
    staff.login(cashier.id, "1111")  # Dewi is at the till
    errors = wrong_approvals(5)
    assert [e.text for e in errors[:4]] == [f"PIN salah. Sisa percobaan: {n}." for n in (4, 3, 2, 1)]
    assert isinstance(errors[4], ApprovalLocked) and isinstance(errors[4], UserLocked)
    assert errors[4].text == (
        "Persetujuan dengan PIN Bu Sri dikunci karena salah 5 kali. Coba lagi 1 menit lagi, "
        "atau Bu Sri login sendiri (login tidak ikut terkunci)."
    )
    assert (fresh(owner).failed_pins, fresh(owner).locked_until) == (0, None)  # her login's count: none
    assert pin_guard.lock_message(owner.id) == ""  # the login screen shows no lock on her name
    with pytest.raises(ApprovalLocked):
        staff.owner_approval("1234")  # the right PIN at the prompt, while locked there: refused
    assert approval_count(owner) == 5  # a locked prompt's tries are not even checked
    places = [(f.place, f.by_id) for f in PinFailure.select().order_by(PinFailure.id)]
    assert places == [("approval", cashier.id)] * 5  # she is told at her login
    locked = [e for e in JournalEntry.select() if e.event == "pin_locked"]
    assert len(locked) == 1 and '"where":"approval"' in locked[0].content
    assert staff.login(owner.id, "1234").id == owner.id  # her own login works
    assert approval_count(owner) == 0  # and starts the prompt's count again: she was shown the failures
    assert pin_guard.owner_by_pin("1234").id == owner.id


def test_guessing_at_the_approval_prompt_is_still_limited_and_survives_a_restart(db, owner, cashier):
    wrong_approvals(5, by=cashier)
    shop.close_shop()
    shop.open_shop(db, register="K2")  # Kasir restarted, or the shop's second till
    with pytest.raises(ApprovalLocked):
        pin_guard.owner_by_pin("1234", by=cashier)
    minutes = []
    for _i in range(6):  # each after the lock ended: 5 min, 30 min, 2 h, 8 h, 24 h, 24 h
        clock.set_fixed(pin_guard.approval_counts([owner.id])[owner.id].locked_until)
        (error,) = wrong_approvals(1, by=cashier)
        assert isinstance(error, ApprovalLocked)
        left = pin_guard.approval_counts([owner.id])[owner.id].locked_until - clock.now()
        minutes.append(int(left.total_seconds() // 60))
    assert minutes == [5, 30, 120, 480, 1440, 1440]
    assert approval_count(owner) == 11 and fresh(owner).failed_pins == 0
    assert staff.login(owner.id, "1234").id == owner.id  # all the while her login was open


def test_a_lock_at_the_login_screen_also_stops_approvals(owner, cashier):
    wrong_logins(owner, 5)
    with pytest.raises(PinLocked) as err:
        staff.owner_approval("1234")  # the right PIN: refused while her login is locked
    assert not isinstance(err.value, ApprovalLocked) and "dikunci" in err.value.text
    assert approval_count(owner) == 0 and fresh(owner).failed_pins == 5
    at(minutes=1)
    assert pin_guard.owner_by_pin("1234").id == owner.id  # the right PIN after the lock: both counts reset
    assert fresh(owner).failed_pins == 0


def test_a_new_pin_or_the_recovery_code_lifts_the_approval_lock(owner, cashier):
    wrong_approvals(5, by=cashier)
    staff.change_pin(owner.id, "5831", by=owner)
    assert approval_count(owner) == 0 and pin_guard.owner_by_pin("5831").id == owner.id
    wrong_approvals(5, by=cashier)
    code = pin_guard.issue_recovery_code(owner)
    pin_guard.reset_pin(code, "7294", owner.id)
    assert approval_count(owner) == 0 and pin_guard.owner_by_pin("7294").id == owner.id


def test_the_lock_grows_with_every_wrong_pin_after_the_fifth(owner):
    errors = wrong_logins(owner, 4)
    assert [e.text for e in errors] == [f"PIN salah. Sisa percobaan: {n}." for n in (4, 3, 2, 1)]
    minutes = []
    for _i in range(7):
        wrong_logins(owner, 1)
        user = fresh(owner)
        left = user.locked_until - clock.now()
        minutes.append(int(left.total_seconds() // 60))
        clock.set_fixed(user.locked_until - timedelta(seconds=1))
        with pytest.raises(PinLocked):  # one second before the end: still locked, even the right PIN
            staff.login(owner.id, "1234")
        clock.set_fixed(user.locked_until)  # the lock is over: the next wrong PIN locks longer
    assert minutes == [1, 5, 30, 120, 480, 1440, 1440]
    assert [pin_guard.lock_for(n) for n in (4, 5, 6, 9, 10, 40)] == [
        None,
        timedelta(minutes=1),
        timedelta(minutes=5),
        timedelta(hours=8),
        timedelta(hours=24),
        timedelta(hours=24),
    ]


def test_the_time_left_is_shown_in_minutes_rounded_up():
    assert pin_guard.left_text(timedelta(seconds=1)) == "1 menit"
    assert pin_guard.left_text(timedelta(minutes=3, seconds=1)) == "4 menit"
    assert pin_guard.left_text(timedelta(minutes=4)) == "4 menit"
    assert pin_guard.left_text(timedelta(hours=1)) == "1 jam"
    assert pin_guard.left_text(timedelta(hours=7, minutes=58, seconds=30)) == "7 jam 59 menit"


def test_the_message_says_the_time_left_then_the_right_pin_works_and_resets(owner):
    wrong_logins(owner, 7)  # 1 min, then 5 min, then 30 min ... but each after the lock ended
    assert fresh(owner).failed_pins == 5  # the 6th and 7th were refused unchecked (locked)
    at(minutes=1)
    wrong_logins(owner, 1)  # the 6th: 5 minutes from NOW + 1 min
    at(minutes=2, seconds=1)
    with pytest.raises(PinLocked) as err:
        staff.login(owner.id, "1234")
    assert err.value.text == "PIN Bu Sri dikunci karena salah 6 kali. Coba lagi 4 menit lagi."
    assert pin_guard.lock_message(owner.id) == err.value.text  # the login screen, on tapping the name
    at(minutes=6)
    assert staff.login(owner.id, "1234").id == owner.id
    user = fresh(owner)
    assert user.failed_pins == 0 and user.locked_until is None and pin_guard.lock_message(owner.id) == ""
    errors = wrong_logins(owner, 4)  # counted from 0 again: four tries before any lock
    assert isinstance(errors[-1], WrongPin) and fresh(owner).locked_until is None


def test_a_right_approval_pin_resets_the_count_too(owner):
    wrong_logins(owner, 4)
    assert pin_guard.owner_by_pin("1234").id == owner.id
    assert fresh(owner).failed_pins == 0


def test_the_count_and_the_lock_survive_reopening_the_database_on_another_till(db, owner):
    wrong_logins(owner, 5)
    shop.close_shop()
    shop.open_shop(db, register="K2")  # Kasir restarted, or the shop's second till
    with pytest.raises(PinLocked):
        staff.login(owner.id, "1234")
    at(minutes=1)
    wrong_logins(owner, 1)
    assert fresh(owner).locked_until == NOW + timedelta(minutes=6)  # 5 min: the count went on
    assert [f.register for f in PinFailure.select().order_by(PinFailure.id)] == ["K1"] * 5 + ["K2"]


def test_a_wrong_approval_pin_counts_for_every_owner_not_locked(owner):
    second = staff.create_user("Pak Joko", "owner", "5831", by=owner)
    wrong_logins(owner, 5)  # Bu Sri locked
    with pytest.raises(WrongPin):
        pin_guard.owner_by_pin("4444")
    assert approval_count(second) == 1 and approval_count(owner) == 0  # on the approval count
    assert fresh(second).failed_pins == 0 and fresh(owner).failed_pins == 5
    assert pin_guard.owner_by_pin("5831").id == second.id  # Pak Joko is not locked
    with pytest.raises(WrongPin):
        pin_guard.owner_by_pin("1234")  # Bu Sri's right PIN, but she is locked: not even told it was right
    assert approval_count(second) == 1 and fresh(owner).failed_pins == 5


def test_the_owner_sees_the_wrong_pins_at_the_next_login(owner, cashier):
    staff.login(cashier.id, "1111")  # Dewi is at the till
    at(hours=10, minutes=33)  # 21:03
    with pytest.raises(WrongPin):
        staff.owner_approval("4321")
    at(hours=10, minutes=35)
    wrong_logins(owner, 1)
    with pytest.raises(WrongPin):
        staff.login(cashier.id, "2222")  # the cashier's own typo: not the owner's business
    at(hours=10, minutes=40)
    assert staff.login(owner.id, "1234").id == owner.id
    assert pin_guard.failures_to_show(cashier) == ""
    assert pin_guard.failures_to_show(owner) == (
        "2 kali PIN Anda salah sejak login terakhir: Kasir Dewi 21:03, layar login 21:05."
    )
    assert pin_guard.failures_to_show(owner) == ""  # shown once
    at(days=1, hours=1)
    with pytest.raises(WrongPin):
        pin_guard.owner_by_pin("0000", by=cashier)
    at(days=2)
    assert (
        pin_guard.failures_to_show(owner)
        == "1 kali PIN Anda salah sejak login terakhir: Kasir Dewi 24/11 11:30."
    )


def test_the_note_names_the_last_five(owner):
    for minute in range(7):
        at(minutes=minute * 10)
        wrong_logins(owner, 1)
    at(hours=3)
    note = pin_guard.failures_to_show(owner)
    assert note == (
        "7 kali PIN Anda salah sejak login terakhir: …, layar login 10:50, layar login 11:00, "
        "layar login 11:10, layar login 11:20, layar login 11:30."
    )


def test_wrong_pins_in_the_same_minute_are_named_once_with_their_number(owner, cashier):
    wrong_logins(owner, 3)
    with pytest.raises(WrongPin):
        pin_guard.owner_by_pin("4444", by=cashier)
    at(seconds=30)
    wrong_logins(owner, 1)
    assert pin_guard.failures_to_show(owner) == (
        "5 kali PIN Anda salah sejak login terakhir: layar login 10:30 (3×), Kasir Dewi 10:30, "
        "layar login 10:30."
    )


# --- the recovery code ------------------------------------------------------------------------------


def test_only_the_recovery_codes_hash_is_kept(owner, cashier):
    code = pin_guard.issue_recovery_code(owner)
    assert len(code) == 14 and code.count("-") == 2 and set(code) <= set(pin_guard.CODE_ALPHABET + "-")
    stored = Meta.get_by_id("recovery_code").value
    assert stored.startswith("$argon2id$") and code.replace("-", "") not in stored
    assert not [e for e in JournalEntry.select() if code.replace("-", "") in e.content]
    assert pin_guard.has_recovery_code()
    with pytest.raises(PermissionDenied):
        pin_guard.issue_recovery_code(cashier)
    assert Meta.get_by_id("recovery_code").value == stored


def test_the_recovery_code_sets_a_new_pin_and_lifts_the_lock(owner):
    code = pin_guard.issue_recovery_code(owner)
    for _i in range(10):  # the 10th wrong PIN in a row: locked for 24 hours
        clock.set_fixed(max(clock.now(), fresh(owner).locked_until or clock.now()))
        wrong_logins(owner, 1)
    assert fresh(owner).locked_until == clock.now() + timedelta(hours=24)
    with pytest.raises(WrongRecoveryCode) as err:
        pin_guard.reset_pin("AAAA-BBBB-CCCC", "5831")
    assert err.value.text == "Kode pemulihan salah. PIN tidak diubah."
    with pytest.raises(WeakPin):
        pin_guard.reset_pin(code, "1111")  # nor a weak new PIN; the code still works after
    assert fresh(owner).locked_until is not None
    user, new_code = pin_guard.reset_pin(code.lower().replace("-", " "), "5831")  # typed loosely
    assert user.id == owner.id and new_code != code
    assert fresh(owner).failed_pins == 0 and fresh(owner).locked_until is None
    assert staff.login(owner.id, "5831").id == owner.id
    with pytest.raises(WrongRecoveryCode):
        pin_guard.reset_pin(code, "2468")  # the used code is spent: the new one replaced it
    assert pin_guard.reset_pin(new_code, "2468")[0].id == owner.id
    events = [(e.event, e.content) for e in JournalEntry.select().order_by(JournalEntry.seq)]
    assert [c.split('"event":"')[1].split('"')[0] for e, c in events if e == "recovery_code"] == [
        "issued",
        "used",
        "used",
    ]
    assert [e for e, c in events if '"with":"recovery_code"' in c] == ["staff", "staff"]
    assert [f.place for f in PinFailure.select().where(PinFailure.place == "recovery")] == ["recovery"] * 2


def test_no_recovery_code_no_reset(owner):
    with pytest.raises(pin_guard.NoRecoveryCode):
        pin_guard.reset_pin("AAAA-BBBB-CCCC", "5831")


# --- weak PINs -------------------------------------------------------------------------------------

WEAK = [
    "1234",
    "0000",
    "1111",
    "1212",
    "123456",
    "4321",
    "9999",
    "7890",
    "654321",
    "123123",
    "121212",
    "2580",
]
STRONG = ["2468", "1357", "5831", "904172", "2486", "1235"]


@pytest.mark.parametrize("pin", WEAK)
def test_weak_pins(pin):
    assert pin_guard.is_weak(pin)


@pytest.mark.parametrize("pin", STRONG)
def test_pins_not_weak(pin):
    assert not pin_guard.is_weak(pin)


def test_a_real_shops_setup_refuses_a_weak_owner_pin_and_sets_up_nothing(db):
    with pytest.raises(WeakPin) as err:
        shop.first_run("Toko Maju", "", "", "Pak Budi", "1234")
    assert err.value.text == (
        "PIN ini terlalu mudah ditebak (seperti 1234, 0000, 1212 atau angka berurutan). "
        "Pemilik toko harus memakai PIN lain."
    )
    assert not shop.is_set_up() and not User.select().exists()
    assert shop.first_run("Toko Maju", "", "", "Pak Budi", "5831").name == "Pak Budi"


def test_an_owners_pin_change_refuses_weak_pins_a_cashiers_does_not(owner, cashier):
    with pytest.raises(WeakPin):
        staff.change_pin(owner.id, "0000", owner)
    with pytest.raises(WeakPin):
        staff.create_user("Pak Joko", "owner", "2222", by=owner)
    staff.change_pin(owner.id, "5831", owner)
    assert staff.login(owner.id, "5831").id == owner.id
    staff.change_pin(cashier.id, "0000", owner)  # a cashier's PIN: the owner's choice
    assert staff.login(cashier.id, "0000").id == cashier.id


def test_a_demo_shop_keeps_its_easy_pins(owner):
    settings.update({"demo": True})
    staff.change_pin(owner.id, "1234", owner)
    assert staff.login(owner.id, "1234").id == owner.id


def test_a_schema_7_database_gets_the_failures_table(db, owner):
    from db.models import database

    database.execute_sql('DROP TABLE "pin_failure"')
    Meta.update(value="7").where(Meta.key == "schema_version").execute()
    shop.close_shop()
    shop.open_shop(db)
    assert int(Meta.get_by_id("schema_version").value) >= 8  # and on to the newest
    wrong_logins(owner, 1)
    assert PinFailure.select().count() == 1 and fresh(owner).failed_pins == 1


def test_nothing_typed_is_no_guess(owner, cashier):
    """An Enter on an empty PIN box used up one of the owner's five tries ("PIN salah. Sisa percobaan: 4")."""
    from pos.core.errors import NeedPin

    for pin in ("", "   "):
        with pytest.raises(NeedPin):
            staff.owner_approval(pin)
        with pytest.raises(NeedPin):
            pin_guard.login(cashier.id, pin)
    assert PinFailure.select().count() == 0
    with pytest.raises(WrongPin):
        staff.owner_approval("9999")
    assert PinFailure.select().count() == 1  # a wrong PIN still counts


def test_every_demo_pin_is_weak() -> None:
    """The demo shops' PINs are printed in the README: a real shop may not choose one."""
    from pos.demo.catalogs import DEMO_OWNER_PIN, STAFF

    shown = {DEMO_OWNER_PIN} | {pin for people in STAFF.values() for _name, _role, pin in people}
    assert shown == pin_guard.DEMO_PINS
    assert all(pin_guard.is_weak(pin) for pin in shown)
