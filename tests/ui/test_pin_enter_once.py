"""Enter after a wrong owner PIN at a prompt counts one wrong PIN, not two (the field's Enter and the
dialog's default button both answered it)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from db.models import PinFailure
from pos.core.cart import Cart
from ui.counter.approval import ApprovalDialog
from ui.counter.discount_dialog import DiscountDialog


def _wrong_pins(owner) -> int:
    return PinFailure.select().where(PinFailure.user == owner.id).count()


def test_one_wrong_pin_and_enter_at_the_approval_prompt_is_one_wrong_pin(qtbot, owner):
    dialog = ApprovalDialog(None, "Batalkan pesanan", need_pin=True, need_reason=False)
    qtbot.addWidget(dialog)
    dialog.show()
    before = _wrong_pins(owner)
    qtbot.keyClicks(dialog.pin, "9999")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert _wrong_pins(owner) - before == 1 and dialog.isVisible() and "salah" in dialog.error.text().lower()


def test_one_wrong_pin_and_enter_at_a_cashiers_discount_is_one_wrong_pin(qtbot, owner, cashier):
    cart = Cart()
    cart.add(None, "Jasa servis", 50_000, 1)
    dialog = DiscountDialog(None, cart, 0, cashier, "discount")
    qtbot.addWidget(dialog)
    dialog.show()
    before = _wrong_pins(owner)
    dialog.value.setText("5000")
    dialog.reason.setText("langganan")
    qtbot.keyClicks(dialog.pin, "9999")
    qtbot.keyClick(dialog.pin, Qt.Key.Key_Return)
    assert _wrong_pins(owner) - before == 1 and dialog.isVisible() and cart.lines[0].discount == 0
