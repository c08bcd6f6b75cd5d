"""The refund dialog as the cashier finds it."""

from __future__ import annotations

from tests.pos.helpers import small_shop


def test_a_refund_goes_back_as_cash_unless_the_cashier_unticks_it(qtbot, owner):
    """A cash sale's refund is cash; a QRIS payment cannot be pushed back from the till: ticked."""
    from pos.core.cart import Cart
    from pos.counter import sale
    from pos.counter.payment import Tender
    from ui.counter.history_dialog import RefundDialog

    items = small_shop(owner)
    c = Cart()
    c.add(items["teh"].id, items["teh"].name, items["teh"].price, 2)
    done = sale.complete(c, [Tender("cash", 10_000)], owner)
    dialog = RefundDialog(None, done, owner)
    qtbot.addWidget(dialog)
    assert dialog.cash.isChecked()
