"""The customer page (double-click in Pelanggan) and the WhatsApp walk through a list of customers."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos.core import phone
from pos.core.errors import PosError
from pos.core.i18n import _
from pos.core.money import format_rupiah
from pos.core.staff import User
from pos.customers import customer, customer_views, loyalty, outreach, segments, stamps, voucher, warranty
from pos.customers.customer import Customer
from ui.customers.edit_dialog import CustomerEditDialog
from ui.theme import role
from ui.widgets import dialogs
from ui.widgets.boxes import ComboBox
from ui.widgets.table import Column, RowsModel, setup_view

# Tests replace this to see the link instead of a browser opening.
open_url = QDesktopServices.openUrl


def _when(value) -> str:  # type: ignore[no-untyped-def]
    return value.strftime("%d-%m-%Y") if value else "–"


class ProfileDialog(QDialog):
    def __init__(self, parent: QWidget | None, customer_id: int, user: User) -> None:
        super().__init__(parent)
        self.user = user
        p = self.profile = customer_views.profile(customer_id)
        self.setWindowTitle(p.customer.name)
        self.setMinimumSize(760, 560)
        layout = QVBoxLayout(self)
        self._head(layout)
        layout.addLayout(self._figures())
        layout.addLayout(self._lists(), 1)
        layout.addLayout(self._send_row())
        self.message = role(QLabel(""), "muted")
        layout.addWidget(self.message)

    def _head(self, layout: QVBoxLayout) -> None:
        """The name with Ubah…, and the line under it (phone, segment, birthday, tier)."""
        c = self.profile.customer
        head = QHBoxLayout()
        self.name_label = role(QLabel(c.name), "title")
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)
        head.addWidget(self.name_label, 1)
        self.edit_button = QPushButton(_("Ubah…"))
        self.edit_button.setToolTip(_("Ubah nama, nomor, ulang tahun, alamat, catatan, batas kasbon"))
        self.edit_button.clicked.connect(self.edit)
        head.addWidget(self.edit_button)
        layout.addLayout(head)
        self.info_label = role(QLabel(self._info(c, self.profile.segment)), "muted")
        self.info_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.info_label)

    def _figures(self) -> QGridLayout:
        """Eight figures in two rows of four: visits, spend, points, kasbon, when last contacted…"""
        p, c = self.profile, self.profile.customer
        figures = [
            (_("Kunjungan"), str(p.visits)),
            (_("Total belanja"), format_rupiah(p.spend)),
            (_("Rata-rata"), format_rupiah(p.average)),
            (_("Pertama datang"), _when(p.first_visit)),
            (_("Terakhir datang"), _when(p.last_visit)),
            (_("Poin"), str(c.points)),
            (_("Kasbon"), f"{format_rupiah(c.kasbon)} / {format_rupiah(c.credit_limit)}"),
            (_("Dihubungi terakhir"), _when(outreach.last_contact(c.id))),
        ]
        grid = QGridLayout()
        self.figures: dict[str, QLabel] = {}
        for index, (label, value) in enumerate(figures):
            grid.addWidget(role(QLabel(label), "muted"), (index // 4) * 2, index % 4)
            self.figures[label] = role(QLabel(value), "title")
            grid.addWidget(self.figures[label], (index // 4) * 2 + 1, index % 4)
        return grid

    def _lists(self) -> QHBoxLayout:
        """Four lists side by side: favourites, recent sales, the points log, stamps/vouchers/warranties."""
        p, c = self.profile, self.profile.customer
        cards = [
            _("{name}: {stamps}/{needed} (ditukar {rewards}×)").format(**card)
            for card in stamps.summary(c.id)
        ]
        vouchers = [
            f"{voucher.pretty(code)}  {_(voucher.STATES.get(state, state))}  {value}"
            for code, state, value in p.vouchers
        ]
        warranties = [
            _("Garansi {item} SN {serial} s/d {date}").format(
                item=w.product, serial=w.serial_number or "–", date=_when(w.warranty_until)
            )
            for w in warranty.of_customer(c.id)
        ]
        lists = QHBoxLayout()
        for title, items in (
            (_("Paling sering dibeli"), [f"{name}  ×{qty}" for name, qty in p.favourites]),
            (
                _("Belanja terakhir"),
                [f"{n}  {_when(at)}  {format_rupiah(total)}" for n, at, total in p.recent],
            ),
            (
                _("Riwayat poin"),
                [
                    f"{_when(at)}  {_(loyalty.KIND_NAMES.get(kind, kind))}  {pts:+d}"
                    for at, kind, pts in p.points_log
                ],
            ),
            (_("Stempel, voucher, garansi"), cards + vouchers + warranties),
        ):
            box = QVBoxLayout()
            box.addWidget(QLabel(f"<b>{title}</b>"))
            widget = QListWidget()
            widget.addItems(items or ["–"])
            box.addWidget(widget)
            lists.addLayout(box)
        return lists

    def _send_row(self) -> QHBoxLayout:
        """A message template, Kirim WhatsApp (only with the customer's consent) and Tutup."""
        c = self.profile.customer
        row = QHBoxLayout()
        self.template = ComboBox()
        for code, (label, _text) in outreach.TEMPLATES.items():
            self.template.addItem(_(label), code)
        row.addWidget(self.template)
        self.send = role(QPushButton(_("Kirim WhatsApp")), "primary")
        self.send.clicked.connect(self.send_whatsapp)
        self.send.setEnabled(bool(c.wa_consent and c.phone))
        if not c.wa_consent:
            self.send.setToolTip(_("Pelanggan belum setuju dihubungi lewat WhatsApp."))
        row.addWidget(self.send)
        row.addStretch(1)
        close = QPushButton(_("Tutup (Esc)"))
        close.clicked.connect(self.reject)
        row.addWidget(close)
        return row

    @staticmethod
    def _info(c: Customer, segment: str) -> str:
        info = f"{phone.local_form(c.phone) if c.phone else ''} · {segments.name(segment)}"
        if c.birthday:
            info += " · " + _("ulang tahun {date}").format(date=c.birthday.strftime("%d-%m"))
        if c.tier:
            info += " · " + _("tingkat {tier}").format(tier=c.tier)
        if not c.active:
            info += " · " + _("nonaktif")
        return info

    def edit(self) -> None:
        """The customer's details in the edit dialog; the page behind refreshes through the hub."""
        dialog = CustomerEditDialog(self, self.user, self.profile.customer.id)
        if dialogs.run(dialog) and dialog.saved is not None:
            self.profile = customer_views.profile(dialog.saved.id)
            c = self.profile.customer
            self.setWindowTitle(c.name)
            self.name_label.setText(c.name)
            self.info_label.setText(self._info(c, self.profile.segment))
            self.figures[_("Kasbon")].setText(f"{format_rupiah(c.kasbon)} / {format_rupiah(c.credit_limit)}")
            self.send.setEnabled(bool(c.wa_consent and c.phone))
            self.message.setText(_("Data {name} disimpan.").format(name=c.name))

    def send_whatsapp(self) -> None:
        code = str(self.template.currentData())
        try:
            link = outreach.link(code, self.profile.customer)
        except PosError as exc:
            self.message.setText(exc.text)
            return
        open_url(QUrl(link))
        outreach.contacted(self.profile.customer.id, code, self.user)
        self.message.setText(_("WhatsApp dibuka; dicatat sebagai sudah dihubungi."))


class OutreachDialog(QDialog):
    """Walk the owner through a list, one customer at a time: preview, send (opens WhatsApp), next."""

    def __init__(self, parent: QWidget | None, customer_ids: list[int], user: User) -> None:
        super().__init__(parent)
        self.user = user
        self.people = outreach.reachable(customer_ids)
        self.index = 0
        self.sent = 0
        self.setWindowTitle(_("Kirim WhatsApp"))
        self.setMinimumSize(560, 420)
        layout = QVBoxLayout(self)
        self.template = ComboBox()
        for code, (label, _text) in outreach.TEMPLATES.items():
            self.template.addItem(_(label), code)
        self.template.currentIndexChanged.connect(lambda _i: self.show_current())
        layout.addWidget(self.template)
        self.who = role(QLabel(""), "title")
        layout.addWidget(self.who)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        layout.addWidget(self.preview, 1)
        self.progress = role(QLabel(""), "muted")
        layout.addWidget(self.progress)
        row = QHBoxLayout()
        self.send_button = role(QPushButton(_("Kirim, lalu berikutnya")), "primary")
        self.send_button.clicked.connect(self.send_and_next)
        skip = QPushButton(_("Lewati"))
        skip.clicked.connect(self.next)
        done = QPushButton(_("Selesai"))
        done.clicked.connect(self.accept)
        for b in (self.send_button, skip, done):
            row.addWidget(b)
        layout.addLayout(row)
        self.show_current()

    def current(self) -> Customer | None:
        return self.people[self.index] if self.index < len(self.people) else None

    def show_current(self) -> None:
        who = self.current()
        if who is None:
            self.who.setText(_("Selesai: {n} pesan dikirim.").format(n=self.sent))
            self.preview.clear()
            self.send_button.setEnabled(False)
            self.progress.setText("")
            return
        self.who.setText(f"{who.name} · {phone.local_form(who.phone)}")
        self.preview.setPlainText(outreach.message(str(self.template.currentData()), who))
        self.progress.setText(
            _("{i} dari {n} (hanya yang setuju dihubungi)").format(i=self.index + 1, n=len(self.people))
        )

    def send_and_next(self) -> None:
        who = self.current()
        if who is None:
            return
        code = str(self.template.currentData())
        open_url(QUrl(outreach.link(code, who)))
        outreach.contacted(who.id, code, self.user)
        self.sent += 1
        self.next()

    def next(self) -> None:
        self.index += 1
        self.show_current()


class WarrantyDialog(QDialog):
    """Garansi: find a sale by serial number or phone; the buyers to ask how their product is."""

    def __init__(self, parent: QWidget | None, user: User) -> None:
        super().__init__(parent)

        self.user = user
        self.setWindowTitle(_("Garansi"))
        self.setMinimumSize(860, 520)
        layout = QVBoxLayout(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Nomor seri atau nomor HP pembeli"))
        self.search.returnPressed.connect(self.find)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        look = role(QPushButton(_("Cari (Enter)")), "primary")
        look.clicked.connect(self.find)
        top.addWidget(look)
        layout.addLayout(top)
        columns = [
            Column(_("Nota"), lambda r: r.sale),
            Column(_("Tanggal"), lambda r: r.sold_at, "date"),
            Column(_("Barang"), lambda r: r.product),
            Column(_("No. seri"), lambda r: r.serial_number),
            Column(_("Garansi s.d."), lambda r: r.warranty_until, "date"),
            Column(_("Status"), lambda r: _("berlaku") if r.valid else _("habis")),
            Column(_("Pelanggan"), lambda r: r.customer),
        ]
        self.model = RowsModel(columns, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_view(self.table, stretch=2)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        follow = QPushButton(_("Perlu ditanya kabar (7 hari setelah beli)"))
        follow.clicked.connect(self.show_follow_ups)
        self.send = role(QPushButton(_("Tanya kabar lewat WhatsApp")), "primary")
        self.send.clicked.connect(self.ask)
        close = QPushButton(_("Tutup (Esc)"))
        close.clicked.connect(self.reject)
        for b in (look, follow, self.send, close):  # Enter is the search's: no button takes it as well
            b.setAutoDefault(False)
        for b in (follow, self.send):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.message = role(QLabel(""), "muted")
        layout.addWidget(self.message)
        self.show_follow_ups()

    def find(self) -> None:
        try:
            self.model.set_rows(warranty.lookup(self.search.text()))
        except PosError as exc:
            self.message.setText(exc.text)
            return
        self.message.setText(_("{n} barang bergaransi ditemukan.").format(n=self.model.rowCount()))

    def show_follow_ups(self) -> None:
        self.model.set_rows(warranty.follow_ups(7))
        self.message.setText(_("{n} pembeli perlu ditanya kabar.").format(n=self.model.rowCount()))

    def ask(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        chosen = self.model.row(rows[0].row())
        if chosen.customer_id is None:
            self.message.setText(_("Penjualan ini tanpa data pelanggan."))
            return
        who = customer.get(chosen.customer_id)
        try:
            link = outreach.link("warranty", who, on=chosen.sold_at)
        except PosError as exc:
            self.message.setText(exc.text)
            return
        open_url(QUrl(link))
        outreach.contacted(who.id, "warranty", self.user)
        self.message.setText(_("WhatsApp dibuka; dicatat sebagai sudah dihubungi."))
