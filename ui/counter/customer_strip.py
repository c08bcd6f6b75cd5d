"""The counter's customer strip: who the order is for (points, kasbon, tier, birthday), their stamp cards
and points to redeem, and the voucher on the order. Mixed into CounterPage (ui/counter/page.py), whose
cart, say and update_cart it uses."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLabel, QPushButton

from pos.core import phone
from pos.core.errors import PosError
from pos.core.i18n import _
from pos.core.money import format_rupiah
from pos.counter import counter_cart, counter_reads
from pos.customers import birthday, loyalty, stamps, voucher
from pos.customers.customer import Customer
from ui.counter.customer_dialog import CustomerDialog
from ui.theme import role
from ui.widgets import dialogs


class CustomerStrip:
    """The customer row and the rewards row under it."""

    def _build_customer_row(self) -> QHBoxLayout:
        customer_row = QHBoxLayout()
        self.customer_label = QLabel("")
        self.customer_label.setWordWrap(True)
        customer_row.addWidget(self.customer_label, 1)
        pick = QPushButton(_("Pelanggan (F4)"))
        pick.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        pick.clicked.connect(self.ask_customer)
        self.drop_customer = QPushButton("×")
        self.drop_customer.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.drop_customer.setFixedWidth(44)
        self.drop_customer.clicked.connect(lambda: self.set_customer(None))
        customer_row.addWidget(pick)
        customer_row.addWidget(self.drop_customer)
        return customer_row

    def _build_reward_row(self) -> QHBoxLayout:
        reward_row = QHBoxLayout()
        self.stamps_label = role(QLabel(""), "muted")
        self.stamps_label.setTextFormat(Qt.TextFormat.PlainText)
        self.stamps_label.setWordWrap(True)
        reward_row.addWidget(self.stamps_label, 1)
        self.voucher_button = QPushButton("")
        self.voucher_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.voucher_button.clicked.connect(self.drop_voucher)
        self.voucher_button.hide()
        reward_row.addWidget(self.voucher_button)
        self.stamps_button = QPushButton(_("Tukar stempel"))
        self.stamps_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.stamps_button.clicked.connect(self.claim_stamps)
        self.stamps_button.hide()
        reward_row.addWidget(self.stamps_button)
        self.points_button = QPushButton(_("Tukar poin (F5)"))
        self.points_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.points_button.clicked.connect(self.ask_points)
        reward_row.addWidget(self.points_button)
        return reward_row

    def ask_customer(self) -> None:
        dialog = CustomerDialog(self, self.user)
        if dialogs.run(dialog) and dialog.chosen is not None:
            self.set_customer(dialog.chosen)
        self.focus_search()

    def set_customer(self, customer: Customer | None) -> None:
        self.customer = customer
        counter_cart.set_customer(self.cart, customer.id if customer else None)
        self.update_cart()
        if customer is not None and not self.address.text():
            self.address.setText(counter_cart.delivery_address(self.cart, customer.id))
        self._show_customer()
        self.focus_search()

    def _show_customer(self) -> None:
        c = self.customer
        if c is None or c.id != self.cart.customer_id:
            c = self.customer = counter_reads.customer(self.cart.customer_id)
        if c is None:
            self.customer_label.setText(_("Pelanggan umum (tanpa nama)"))
            self.drop_customer.hide()
            self.points_button.hide()
            self.stamps_button.hide()
            self.stamps_label.setText("")
            return
        self._show_stamps(c)
        extra = f" · {_('kasbon')} {format_rupiah(c.kasbon)}" if c.kasbon else ""
        program = self.points_rules
        if c.tier:
            extra += f" · {c.tier}"
        if program is not None:
            extra += " · " + _("{n} poin ({value})").format(
                n=c.points, value=format_rupiah(loyalty.redemption_value(int(c.points), program))
            )
        if birthday.this_month(c):
            extra += " · " + _("ulang tahun bulan ini")
        number = phone.local_form(c.phone) if c.phone else ""
        self.customer_label.setText(f"<b>{escape(c.name)}</b><br>{escape(number + extra)}")  # a name is text
        self.drop_customer.show()
        self.points_button.setVisible(program is not None and int(c.points) >= program.min_redeem)

    def _show_stamps(self, c: Customer) -> None:
        texts, full = [], []
        for card, left in counter_cart.stamps_left(c.id, self.stamp_cards, self.cart):
            texts.append(
                _("Stempel {name}: {have}/{needed}").format(name=card.name, have=left, needed=card.needed)
            )
            if left >= card.needed:
                full.append(card)
        self.stamps_label.setText(" · ".join(texts))
        self.full_cards = full
        self.stamps_button.setVisible(bool(full))
        if full:
            self.stamps_button.setText(
                _("Tukar stempel: {reward}").format(reward=stamps.reward_text(full[0]))
            )

    def claim_stamps(self) -> None:
        """Use the first full stamp card on this order (the free item or rupiah off)."""
        if not self.full_cards:
            return
        card = self.full_cards[0]
        try:
            stamps.claim(self.cart, card)
        except PosError as exc:
            self.say(exc.text, error=True)
            return
        self.update_cart()
        self.say(
            _("Stempel {name} ditukar: {reward}").format(name=card.name, reward=stamps.reward_text(card))
        )
        self.focus_search()

    def ask_points(self) -> None:
        """Redeem the customer's points as a discount on this order (F5)."""
        c = self.customer
        program = self.points_rules
        if c is None or program is None or self.cart.is_empty:
            return
        subtotal = counter_cart.subtotal_before_points(self.cart)
        most = counter_cart.most_points(self.cart, int(c.points), program)
        number, ok = QInputDialog.getInt(
            self,
            _("Tukar poin"),
            dialogs.plain(
                _("{name} punya {n} poin. 1 poin = {value}. Tukar berapa poin? (minimal {min})").format(
                    name=c.name, n=c.points, value=format_rupiah(program.point_value), min=program.min_redeem
                )
            ),
            most,
            0,
            max(most, 0),
        )
        if ok:
            try:
                loyalty.check_redeem(c.id, number, subtotal)
            except PosError as exc:
                self.say(exc.text, error=True)
                return
            self.cart.points_redeem = number
            self.say(
                _("{n} poin ditukar: potongan {value}").format(
                    n=number, value=format_rupiah(loyalty.redemption_value(number, program))
                )
                if number
                else ""
            )
            self.update_cart()
        self.focus_search()

    def apply_voucher(self, text: str) -> bool:
        """A typed or scanned voucher code: check it against this order and take it off the total."""
        try:
            code = voucher.normalise(text)
        except PosError as exc:
            if not voucher.looks_like(text):
                return False  # not a voucher: the product search says what it found
            self.say(exc.text + " " + _("Periksa huruf terakhirnya."), error=True)
            self.search.selectAll()
            return True
        if self.cart.is_empty:
            self.say(_("Scan barangnya dulu, lalu vouchernya."), error=True)
            return True
        before = counter_cart.subtotal_before_voucher(self.cart)
        try:
            _row, value = voucher.value_for(code, before, self.cart.channel, self.cart.customer_id)
        except PosError as exc:
            self.say(exc.text, error=True)
            self.search.selectAll()
            return True
        self.cart.voucher_code = code
        self.search.clear()
        self.show_voucher()
        self.say(
            _("Voucher {code}: potongan {value}").format(
                code=voucher.pretty(code), value=format_rupiah(value)
            )
        )
        self.update_cart()
        return True

    def show_voucher(self) -> None:
        """The voucher on the order as a button that takes it off."""
        code = self.cart.voucher_code
        self.voucher_button.setVisible(bool(code))
        if code:
            self.voucher_button.setText(_("× Voucher {code}").format(code=voucher.pretty(code)))

    def drop_voucher(self) -> None:
        self.cart.voucher_code = ""
        self.voucher_button.hide()
        self.update_cart()
        self.focus_search()
