"""The login screen: a locked user is told the time left, the owner is told the wrong PINs typed for them,
"Lupa PIN pemilik?" sets a new PIN with the recovery code."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication

from pos.core import clock, pin_guard, staff
from tests.conftest import NOW
from ui.recovery_dialog import ResetPinDialog


def type_pin(qtbot, window, pin: str) -> None:
    qtbot.keyClicks(window.login.pin, pin)
    qtbot.keyClick(window.login.pin, Qt.Key.Key_Return)
    if window.user is not None:  # the owner's integrity check runs off the UI thread: let it end
        qtbot.waitUntil(lambda: "Memeriksa" not in window.integrity_label.text(), timeout=20_000)
        qtbot.waitUntil(lambda: all(t.isFinished() for t in window.findChildren(QThread)), timeout=5_000)


def test_the_login_screen_shows_the_time_left(window, owner, qtbot):
    window.show_login()
    for _i in range(5):
        type_pin(qtbot, window, "9876")
    assert window.login.error.text() == "PIN Bu Sri dikunci karena salah 5 kali. Coba lagi 1 menit lagi."
    type_pin(qtbot, window, "1234")  # the right PIN, still locked
    assert window.user is None and window.stack.currentWidget() is window.login
    clock.set_fixed(NOW + timedelta(seconds=59))
    window.show_login()  # another person comes to the till: tapping the name says it at once
    assert window.login.error.text() == "PIN Bu Sri dikunci karena salah 5 kali. Coba lagi 1 menit lagi."
    clock.set_fixed(NOW + timedelta(minutes=1))
    type_pin(qtbot, window, "1234")
    assert window.user.id == owner.id and window.stack.currentWidget() is window.workspace


def owner_after_a_wrong_pin(qtbot, window, owner, cashier):  # noqa: ANN001, ANN201
    """A cashier typed a wrong owner's PIN; the owner logs in and is told: the notice shown to them."""
    staff.login(cashier.id, "1111")
    try:
        staff.owner_approval("5555")
    except Exception:  # noqa: S110 - the wrong PIN is the point
        pass
    window.show_login()
    window.login.select_user(owner)
    type_pin(qtbot, window, "1234")
    return window.login.notice


def test_the_owner_is_told_the_wrong_pins_and_given_a_code_once(window, owner, cashier, qtbot):
    notice = owner_after_a_wrong_pin(qtbot, window, owner, cashier)
    assert window.user.id == owner.id and notice is not None and notice.isVisible()
    assert notice.failures.text() == "1 kali PIN Anda salah sejak login terakhir: Kasir Dewi 10:30."
    assert len(notice.code.text()) == 14 and pin_guard.has_recovery_code()  # a shop set up before codes
    notice.accept()
    window.show_login()
    window.login.select_user(owner)
    window.login.notice = None
    type_pin(qtbot, window, "1234")
    assert window.user.id == owner.id and window.login.notice is None  # nothing new to tell


def test_forgotten_owner_pin_is_reset_with_the_recovery_code(window, owner, qtbot):
    code = pin_guard.issue_recovery_code(owner)
    window.show_login()
    for _i in range(6):
        type_pin(qtbot, window, "9876")
    dialog = ResetPinDialog(window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.code, "AAAA-BBBB-CCCC")
    qtbot.keyClicks(dialog.pin, "5831")
    qtbot.keyClicks(dialog.pin2, "5831")
    dialog.ok.click()
    assert dialog.error.text() == "Kode pemulihan salah. PIN tidak diubah." and dialog.owner is None
    dialog.code.setText(code)
    qtbot.keyClicks(dialog.pin, "5831")
    qtbot.keyClicks(dialog.pin2, "5831")
    dialog.ok.click()
    assert dialog.owner.id == owner.id and not dialog.done_box.isHidden() and dialog.form_box.isHidden()
    assert dialog.code_shown.text() == dialog.new_code != code and dialog.ok.text() == "Sudah saya catat"
    dialog.ok.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    window.show_login()
    type_pin(qtbot, window, "5831")
    assert window.user.id == owner.id


def test_ctrl_l_from_the_owners_notice_takes_the_focus_to_the_pin(window, owner, cashier, qtbot):
    """#20: once Ctrl+L did nothing and the PIN typed next went into the counter's search box."""
    notice = owner_after_a_wrong_pin(qtbot, window, owner, cashier)
    notice.activateWindow()
    qtbot.waitUntil(notice.isActiveWindow)
    qtbot.keyClick(notice, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.login and window.user is None
    assert not notice.isVisible() and window.login.notice is None  # the recovery code is gone from the screen
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.login.pin)
    window.login.select_user(cashier)
    qtbot.keyClicks(QApplication.focusWidget(), "1111")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.user.id == cashier.id
    counter = window._counter()
    assert counter.search.text() == "" and "1111" not in counter.message.text()


def test_a_cashiers_wrong_pins_at_the_approval_prompt_leave_the_owners_login_open(
    window, owner, cashier, qtbot
):
    from ui.counter.approval import ApprovalDialog

    staff.login(cashier.id, "1111")  # Dewi is at the till and asks for the owner's PIN
    dialog = ApprovalDialog(window, "Diskon", need_pin=True, need_reason=False)
    qtbot.addWidget(dialog)
    for _i in range(5):
        qtbot.keyClicks(dialog.pin, "9876")
        qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert dialog.error.text() == (
        "Persetujuan dengan PIN Bu Sri dikunci karena salah 5 kali. Coba lagi 1 menit lagi, "
        "atau Bu Sri login sendiri (login tidak ikut terkunci)."
    )
    assert dialog.approver is None
    window.show_login()
    window.login.select_user(owner)
    assert window.login.error.text() == ""  # no lock shown on her name
    type_pin(qtbot, window, "1234")
    assert window.user.id == owner.id and window.stack.currentWidget() is window.workspace
