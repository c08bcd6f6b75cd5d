"""Pelanggan (F4) at the counter: the new customer's phone is the number as typed, every digit of it."""

from __future__ import annotations

import pytest

from pos.customers import customer
from ui.counter.customer_dialog import CustomerDialog


@pytest.mark.parametrize("typed", ["085211226794", "0852-1122-6794", "+62 852 1122 6794", "08521122679"])
def test_the_new_customers_phone_keeps_every_digit_typed(qtbot, owner, typed):
    """A number some customers' numbers start with filled the box with a shorter prefix and kept it there:
    085211226794 became 08521122679."""
    customer.create_customer("0852-1122-6790", "Bu Ani")  # matches the first 11 digits as they are typed
    dialog = CustomerDialog(None, owner)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.search, typed)
    assert dialog.new_phone.text() == typed
    dialog.new_name.setText("Pak Budi")
    if typed == "08521122679":  # 11 digits is a whole Indonesian number too
        dialog.add_new()
        assert dialog.chosen is not None and dialog.chosen.phone == "628521122679"
        return
    dialog.add_new()
    assert dialog.chosen is not None and dialog.chosen.phone == "6285211226794"


def test_a_phone_typed_by_hand_is_not_overwritten_by_the_search(qtbot, owner):
    dialog = CustomerDialog(None, owner)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.new_phone, "0813-0000-1111")
    qtbot.keyClicks(dialog.search, "0812")
    assert dialog.new_phone.text() == "0813-0000-1111"


def test_enter_after_a_number_nobody_has_goes_to_the_name(qtbot, owner):
    from PySide6.QtCore import Qt

    customer.create_customer("0852-1122-6790", "Bu Ani")
    dialog = CustomerDialog(None, owner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.search, "0813 5555 7777")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.new_name and dialog.chosen is None and dialog.isVisible()
    assert dialog.new_phone.text() == "0813 5555 7777"
    qtbot.keyClicks(dialog.new_name, "Pak Budi")
    qtbot.keyClick(dialog.new_name, Qt.Key.Key_Return)
    assert dialog.chosen is not None and (dialog.chosen.name, dialog.chosen.phone) == (
        "Pak Budi",
        "6281355557777",
    )


def test_enter_in_the_new_number_goes_to_the_name(qtbot, owner):
    from PySide6.QtCore import Qt

    dialog = CustomerDialog(None, owner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.new_phone, "0813 5555 7777")
    qtbot.keyClick(dialog.new_phone, Qt.Key.Key_Return)
    assert dialog.focusWidget() is dialog.new_name and dialog.chosen is None
