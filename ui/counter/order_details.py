"""The counter's order details: the channel (prices follow it), eat here / take away, the platform's order
number, ongkir and address, shown as the channel asks (pos.counter.counter_cart.order_fields). Mixed into
CounterPage (ui/counter/page.py), whose cart, say and update_cart it uses."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLineEdit

from pos.catalog.channel import ORDER_TYPES
from pos.core import settings
from pos.core.cart import Cart
from pos.core.errors import PosError
from pos.core.i18n import _
from pos.counter import counter_cart
from ui.widgets.boxes import ComboBox


class OrderDetails:
    """The row of order details under the scan field."""

    def _build_details(self) -> QHBoxLayout:
        details = QHBoxLayout()
        self.order_type = ComboBox()
        for code in ("take_away", "dine_in"):
            self.order_type.addItem(_(ORDER_TYPES[code]), code)
        self.order_type.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.order_type.setMaximumWidth(220)
        self.order_type.currentIndexChanged.connect(
            lambda _i: setattr(self.cart, "order_type", self.order_type.currentData() or self.cart.order_type)
        )
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(_("No. pesanan / akun"))  # short: whole at 1024 and 1366 px
        self.reference.setToolTip(_("No. pesanan / akun pemesan"))
        self.reference.editingFinished.connect(self._details_changed)
        self.fee = QLineEdit()
        self.fee.setPlaceholderText(_("Ongkir (Rp)"))
        self.fee.setMaximumWidth(130)
        self.fee.editingFinished.connect(self._details_changed)
        self.address = QLineEdit()
        self.address.setPlaceholderText(_("Alamat antar"))
        self.address.editingFinished.connect(self._details_changed)
        for w in (self.order_type, self.reference, self.fee, self.address):
            details.addWidget(w)
        details.addStretch(1)
        return details

    def _channel_changed(self) -> None:
        if not counter_cart.set_channel(self.cart, self.channel.currentData()):
            return
        self._show_details()
        self.update_cart()
        self.focus_search()

    def _show_details(self) -> None:
        fields = counter_cart.order_fields(self.cart, bool(settings.get("food_orders")))
        self.order_type.setVisible(fields.order_type)
        self.order_type.blockSignals(True)  # the cart's order type is shown, not changed by showing it
        self.order_type.setCurrentIndex(max(0, self.order_type.findData(self.cart.order_type)))
        self.order_type.blockSignals(False)
        self.reference.setVisible(fields.reference)
        self.cod_button.setVisible(fields.cod)
        self.reference.setText(self.cart.source_ref)
        self.fee.setVisible(fields.delivery)
        self.address.setVisible(fields.delivery)
        self.fee.setText(str(self.cart.delivery_fee) if self.cart.delivery_fee else "")
        self.address.setText(self.cart.delivery_address)
        self.grid.show_prices(counter_cart.quick_prices(self.grid.products, self.cart.channel))
        # a channel other than the counter's own stays for the next order: marked so it is not missed
        other = self.cart.channel != Cart().channel
        self.channel.setStyleSheet("QComboBox { background: #fde7b0; font-weight: 600; }" if other else "")

    def _details_changed(self) -> bool:
        """The order's details into the cart; False (and said) while the ongkir is not a rupiah amount."""
        try:
            counter_cart.set_details(self.cart, self.reference.text(), self.fee.text(), self.address.text())
        except PosError as exc:
            self.say(_("Ongkir: {why}").format(why=exc.text), error=True)
            return False
        self.update_cart()
        return True
