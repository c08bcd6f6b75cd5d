"""The counter's whole-order keys: park the cart (F8) and take a parked one back (F9), void it, today's
sales (F10), an order read from a chat (F3), the carts set aside when Kasir closes or the cashier changes.
Mixed into CounterPage (ui/counter/page.py), whose cart, say and update_cart it uses."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog

from pos.core import staff
from pos.core.cart import Cart
from pos.core.i18n import _
from pos.counter import counter_cart, draft, park, sale
from ui.counter.approval import ApprovalDialog
from ui.counter.chat_order_dialog import ChatOrderDialog
from ui.counter.history_dialog import HistoryDialog
from ui.counter.parked_dialog import ParkedDialog
from ui.widgets import dialogs


class Parking:
    """Putting the cart aside, voiding it, and bringing another cart onto the counter."""

    def park_order(self) -> None:
        if self.cart.is_empty:
            return
        default = self.customer.name if self.customer else ""
        label, ok = QInputDialog.getText(
            self, _("Simpan pesanan"), _("Label (meja, nama pelanggan):"), text=default
        )
        if ok and dialogs.run_service(self, lambda: park.park(self.cart, label, self.user)) is not None:
            self.new_cart()
            self.say(_("Pesanan disimpan. Buka lagi dengan F9."))
        self.focus_search()

    def show_parked(self) -> None:
        if not self.cart.is_empty:
            self.say(_("Selesaikan atau simpan (F8) keranjang ini dulu."), error=True)
            return
        dialog = ParkedDialog(self, self.user)
        if dialogs.run(dialog) and dialog.cart is not None:
            self.load_cart(dialog.cart)
            self.say(_("Pesanan dilanjutkan."))
        self.focus_search()

    def show_history(self) -> None:
        dialogs.run(HistoryDialog(self, self.user))
        self.focus_search()

    def void_order(self) -> None:
        if self.cart.is_empty:
            return
        dialog = ApprovalDialog(self, _("Batalkan pesanan ini?"), need_pin=not staff.can(self.user, "void"))
        if dialogs.run(dialog):
            done = dialogs.run_service(
                self, lambda: park.void(self.cart, dialog.reason, self.user, dialog.approver)
            )
            if done is not None:
                self.new_cart()
                self.say(_("Pesanan dibatalkan."))
        self.focus_search()

    def ask_chat_order(self) -> None:
        """F3: a customer's WhatsApp message pasted in and read into a proposal; confirmed, it is the cart."""
        if not self.cart.is_empty:
            self.say(_("Selesaikan atau simpan (F8) keranjang ini dulu."), error=True)
            return
        dialog = ChatOrderDialog(self, self.user)
        if dialogs.run(dialog) and dialog.cart is not None:
            self.load_cart(dialog.cart)
            self.say(_("Pesanan dari chat masuk keranjang: {n} baris.").format(n=len(dialog.cart.lines)))
        self.focus_search()

    def load_cart(self, cart: Cart) -> None:
        self.cart, self.approval = cart, None
        self.show_voucher()
        self.customer = None
        self.model.set_cart(cart, sale.preview(cart))
        self.channel.setCurrentIndex(max(0, self.channel.findData(cart.channel)))
        self._show_details()
        self.update_cart()

    def new_cart(self) -> None:
        """The next order, on the channel this one was on (counter_cart.next_cart)."""
        self.load_cart(counter_cart.next_cart(self.cart))

    def say_left_behind(self) -> None:
        """At login: what the last user left on the screen is gone (a message, an unknown barcode in the scan
        field, Coba lagi); the carts set aside when Kasir last closed, or left by a crash or a power cut
        (parked now), wait among the parked orders: said."""
        self.forget_last_user()
        dialogs.run_service(self, lambda: draft.recover(self.user))
        left = [o.label for o in park.open_orders() if park.is_left_behind(o.label)]
        if left:
            self.say(
                _("Keranjang yang ditinggal menunggu di pesanan tersimpan (F9): {labels}").format(
                    labels=", ".join(left)
                )
            )

    def forget_last_user(self) -> None:
        if self.cart.is_empty and self.cart.channel != Cart().channel:
            self.load_cart(Cart())  # the last user's channel is not the next one's
        self.message.clear()
        self.search.clear()
        self.results.hide()
        self.retry_button.hide()
        self.failed_print = self.done_text = ""
        self.pending_qty, self.refused_qty = None, ""

    def set_aside(self) -> str:
        """The cart, if it has items, becomes a parked order (F9 opens it again): when Kasir closes or the
        cashier changes, nothing rung up is lost. Returns the order's label ('' when there was nothing)."""
        if self.cart.is_empty or self.window_.user is None:
            self.keep_draft()  # a change of a moment ago (a voided cart) is not brought back after a restart
            return ""
        label = park.left_behind_label(self.user.name)
        park.park(self.cart, label, self.user)
        self.load_cart(Cart())  # the next cashier starts on the default channel
        self.keep_draft()
        return label
