"""The totals panel: subtotal, discounts, service, tax, delivery fee, the big TOTAL, and for aggregator
orders what the platform keeps and what the shop really earns."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel

from pos.catalog.channel import Channel
from pos.core import settings
from pos.core.cart import Cart
from pos.core.i18n import _
from pos.core.money import format_rupiah
from pos.counter.pricing import Quote
from ui.theme import role


def discount_label(cart: Cart) -> str:
    """Names everything inside the discount figure ("Diskon + voucher" once hid points redeemed with it)."""
    parts = []
    if cart.order_discount_amount > 0 or any(ln.discount > 0 for ln in cart.lines):
        parts.append(_("Diskon"))
    if cart.voucher_code:
        parts.append(_("Voucher"))
    if cart.points_redeem:
        parts.append(_("Poin ditukar"))
    if cart.stamp_claims:
        parts.append(_("Stempel ditukar"))
    return " + ".join(parts) or _("Diskon")


class TotalsPanel(QFrame):
    def __init__(self) -> None:
        super().__init__()
        self.setStyleSheet("QFrame { background: white; border-radius: 10px; }")
        self.grid = QGridLayout(self)
        self.rows: dict[str, tuple[QLabel, QLabel]] = {}
        keys = ("subtotal", "discount", "service", "tax", "delivery", "commission", "kept")
        for index, key in enumerate(keys):
            name, value = QLabel(""), QLabel("")
            value.setStyleSheet("font-size: 16px;")
            self.grid.addWidget(name, index, 0)
            self.grid.addWidget(value, index, 1)
            self.rows[key] = (name, value)
        self.total_name = role(QLabel(_("TOTAL")), "title")
        self.total = role(QLabel("Rp 0"), "total")
        self.grid.addWidget(self.total_name, 10, 0)
        self.grid.addWidget(self.total, 10, 1)

    def _row(self, key: str, name: str, amount: int, show: bool) -> None:
        label, value = self.rows[key]
        label.setText(name)
        value.setText(format_rupiah(amount))
        label.setVisible(show)
        value.setVisible(show)

    def show_quote(self, quote: Quote, cart: Cart, channel: Channel) -> None:
        tax_name = str(settings.get("tax_name") or "PPN")
        self._row("subtotal", _("Subtotal"), quote.gross, True)
        self._row("discount", discount_label(cart), -quote.discount, quote.discount > 0)
        self._row("service", _("Biaya layanan"), quote.service, quote.service > 0)
        tax_label = _("{tax} (termasuk)").format(tax=tax_name) if quote.tax_included else tax_name
        self._row("tax", tax_label, quote.tax, quote.tax > 0)
        self._row("delivery", _("Ongkir"), quote.delivery_fee, quote.delivery_fee > 0)
        self._row(
            "commission", _("Komisi {ch}").format(ch=_(channel.name)), -quote.commission, quote.commission > 0
        )
        self._row("kept", _("Diterima toko"), quote.net, quote.commission > 0)
        self.total.setText(format_rupiah(quote.total))
