"""Every page and every dialog fits the screens shops have: 1366×768 (most laptops), and for the counter's own
dialogs also 1024×768 (the touch POS terminals sold in Indonesia) and 1280×800.

On a demo shop with long data (a shift paid every way, with many cash moves; rupiah figures in the
hundreds of millions) each dialog must: ask for no more than the screen minus a title bar and a taskbar;
shown at its size (bounded by the screen), keep its primary buttons inside its window, outside any scrolled
area; never cut a rupiah figure. The counter and payment are touch screens: every control ≥ 44 px.

New dialogs are caught: every QDialog subclass in ui/ must have a builder here.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

import ui
from ui import theme

FRAME = 40  # a title bar and a taskbar: a 768 px screen leaves 728 px for a window
LAPTOP = (1366, 768)
SMALL_SCREENS = [(1024, 768), (1280, 800)]
TOUCH = 44
MONEY = re.compile(r"Rp\s?-?\d")


# --- what every screen is checked for ----------------------------------------------------------------


def available(screen: tuple[int, int]) -> tuple[int, int]:
    return screen[0], screen[1] - FRAME


def assert_minimum_fits(widget: QWidget, screen: tuple[int, int]) -> None:
    width, height = available(screen)
    for what, size in (("minimumSizeHint", widget.minimumSizeHint()), ("minimumSize", widget.minimumSize())):
        assert size.width() <= width and size.height() <= height, (
            f"{type(widget).__name__}.{what}() is {size.width()}×{size.height()}, more than {width}×{height} "
            f"on a {screen[0]}×{screen[1]} screen"
        )


def show_on(widget: QWidget, screen: tuple[int, int]) -> None:
    """Show a dialog as a window manager would on that screen: at its size hint, never larger than the
    screen leaves."""
    width, height = available(screen)
    hint = widget.sizeHint()
    widget.resize(min(max(hint.width(), widget.minimumWidth()), width), min(max(hint.height(), 1), height))
    widget.show()
    QApplication.processEvents()
    assert widget.width() <= width and widget.height() <= height, (
        f"{type(widget).__name__} opens at {widget.width()}×{widget.height()} "
        f"on a {screen[0]}×{screen[1]} screen"
    )


def _scrolled(widget: QWidget, top: QWidget) -> bool:
    """Whether the widget lives inside a scroll area (its place there may be scrolled away on purpose)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _shown(widget: QWidget, top: QWidget) -> bool:
    return widget.isVisibleTo(top) and widget.width() > 0 and widget.height() > 0


def rect_in(widget: QWidget, top: QWidget) -> QRect:
    return QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())


def primary_buttons(dialog: QWidget) -> list[QAbstractButton]:
    """The buttons that finish a dialog: a button box's, the primary-role ones, and 'Tutup'/'Batal'/'Simpan'
    rows at the bottom (every visible push button outside a scroll area)."""
    found: list[QAbstractButton] = []
    for box in dialog.findChildren(QDialogButtonBox):
        if _shown(box, dialog):
            found += [b for b in box.buttons() if _shown(b, dialog)]
    for button in dialog.findChildren(QPushButton):
        if _shown(button, dialog) and not _scrolled(button, dialog) and button not in found:
            found.append(button)
    return found


def assert_buttons_visible(dialog: QWidget) -> None:
    buttons = primary_buttons(dialog)
    assert buttons, f"{type(dialog).__name__} shows no button outside a scrolled area"
    inside = dialog.rect()
    for button in buttons:
        assert inside.contains(rect_in(button, dialog)), (
            f"{type(dialog).__name__}: the button {button.text()!r} is at {rect_in(button, dialog)}, "
            f"outside the window's {inside.width()}×{inside.height()}"
        )
    for button in dialog.findChildren(QPushButton):
        if _shown(button, dialog) and button.property("role") == "primary":
            assert not _scrolled(button, dialog), (
                f"{type(dialog).__name__}: the primary button {button.text()!r} scrolls away with the form"
            )


def money_cut(top: QWidget) -> list[str]:
    """Every visible label or button on `top` that shows a rupiah figure and has no room for it."""
    cut: list[str] = []
    for label in top.findChildren(QLabel):
        text = label.text()
        if not MONEY.search(text) or not _shown(label, top):
            continue
        name = f"{type(top).__name__}: {text!r}"
        if "…" in text:
            cut.append(f"{name} is elided")
        elif label.wordWrap():
            if label.heightForWidth(label.width()) > label.height():
                cut.append(
                    f"{name} needs {label.heightForWidth(label.width())} px of height, has {label.height()}"
                )
        elif label.sizeHint().width() > label.width():
            cut.append(f"{name} needs {label.sizeHint().width()} px, has {label.width()}")
    for button in top.findChildren(QPushButton):  # a tile: its price line must fit (a long name has a tip)
        if not _shown(button, top):
            continue
        for line in button.text().splitlines():
            room = button.width() - 10  # the tile's border and padding
            if MONEY.search(line) and button.fontMetrics().horizontalAdvance(line) > room:
                cut.append(
                    f"{type(top).__name__}: button {line!r} needs "
                    f"{button.fontMetrics().horizontalAdvance(line)} px, has {room}"
                )
    return cut


def small_targets(top: QWidget) -> list[str]:
    """Controls a finger cannot hit: shorter (or, for buttons, narrower) than 44 px."""
    small = []
    for widget in top.findChildren(QWidget):
        if not _shown(widget, top) or isinstance(widget, (QCheckBox, QRadioButton)):
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parentWidget(), (QComboBox, QAbstractSpinBox)):
            continue  # the editor inside a box: the box is the target
        if isinstance(widget, QAbstractButton):
            if widget.height() < TOUCH or widget.width() < TOUCH:
                small.append(f"button {widget.text()!r} {widget.width()}×{widget.height()}")
        elif isinstance(widget, (QLineEdit, QComboBox, QAbstractSpinBox)):
            if widget.height() < TOUCH:
                small.append(
                    f"{type(widget).__name__} {widget.objectName() or widget.toolTip()!r} h={widget.height()}"
                )
    return small


# --- a demo shop with long data ----------------------------------------------------------------------


@dataclass
class Shop:
    target: Any
    window: Any
    owner: Any
    customer_id: int
    product_id: int
    sale: Any
    cart: Any
    closing: Any


@pytest.fixture(scope="module")
def themed(qapp):
    style, font = qapp.styleSheet(), qapp.font()
    theme.apply(qapp)
    yield qapp
    qapp.setStyleSheet(style)
    qapp.setFont(font)


@pytest.fixture(scope="module")
def shop_(themed, tmp_path_factory):
    from peewee import fn

    from db.models import Customer, Product, Sale
    from pos import shop
    from pos.books import closing
    from pos.catalog import catalog
    from pos.core import clock, staff
    from pos.core.cart import Cart
    from pos.counter import park, sale, shift
    from pos.counter.payment import METHODS, Tender
    from pos.customers import customer as customers
    from pos.demo.generator import fill
    from ui.main_window import MainWindow

    target = shop.open_shop(str(tmp_path_factory.mktemp("sizes") / "kasir.db"))
    try:
        fill("warung", days=2, seed=1)
        owner = staff.active_users()[0]
        with clock.frozen(clock.now().replace(hour=7, minute=0, second=0)):
            shift.open_shift(owner, 1_500_000)
        big = catalog.create_product(
            "GEN",
            "Genset Diesel Silent 10.000 Watt Tiga Fasa Dengan Panel ATS Otomatis",
            98_765_432,
            cost=80_000_000,
            track_stock=False,
        )
        rich = customers.create_customer(
            "0812-9876-5432",
            "Raden Mas Bagus Hadiwijaya Kusumanegara",
            user=owner,
            address="Jl. Kaliurang Km 14,5 Gang Sawo Kecik No. 117 RT 04 RW 12, Ngaglik, Sleman, Yogyakarta",
        )
        rich_id = rich if isinstance(rich, int) else rich.id
        for method in METHODS:  # every way of paying in one shift: the closing lists each
            if method in ("platform", "kasbon"):
                continue
            cart = Cart()
            cart.customer_id = rich_id
            cart.add(big.id, big.name, 98_765_432, 1)
            reference = "REF-0000123456" if method not in ("cash",) else ""
            sale.complete(
                cart, [Tender(method, 98_765_432 if method != "cash" else 100_000_000, reference)], owner
            )
        for n in range(8):  # a long afternoon of cash in and out
            shift.cash_move(
                owner, (-1) ** n * (12_345 + n * 111_111), f"Bayar kurir dan beli es batu ke pasar {n}"
            )
        last = Sale.select().order_by(Sale.id.desc()).first()
        cart = Cart()
        cart.customer_id = rich_id
        for product in Product.select().where(Product.active == True).limit(12):  # noqa: E712
            cart.add(product.id, product.name, int(product.price), 3)
        cart.add(big.id, big.name, 98_765_432, 9)
        for n in range(6):  # orders waiting under F9
            waiting = Cart()
            waiting.add(big.id, big.name, 98_765_432, n + 1)
            park.park(waiting, f"Meja {n + 1} · Bapak berkaos biru dekat pintu", owner)
        yesterday = clock.now().date() - timedelta(days=1)
        done = closing.close_day(yesterday, owner)
        best = (
            Sale.select(Sale.customer)
            .where(Sale.customer.is_null(False))
            .group_by(Sale.customer)
            .order_by(fn.COUNT(Sale.id).desc())
            .first()
            .customer_id
        )
        assert Customer.get_by_id(best)
        window = MainWindow(target)
        window.resize(*LAPTOP)
        window.show()
        window.enter(owner)
        QApplication.processEvents()
        yield Shop(target, window, owner, best, big.id, last, cart, done)
        window.close()
        from ui.widgets import worker

        worker.wait_all()
    finally:
        shop.close_shop()


# --- every dialog in ui/, and how to open it ---------------------------------------------------------


def all_dialogs() -> set[type]:
    for module in pkgutil.walk_packages(ui.__path__, "ui."):
        if module.name not in ("tools.screenshots",):
            importlib.import_module(module.name)
    found: set[type] = set()
    todo = list(QDialog.__subclasses__())
    while todo:
        kind = todo.pop()
        todo += kind.__subclasses__()
        if kind.__module__.startswith("ui."):
            found.add(kind)
    return found


ABSTRACT = {
    "ui.settings.programs_box._ProgramDialog",  # the shared base of StampDialog and GiftDialog
    "ui.widgets.import_dialog.ImportDialog",  # the shared base of the product and customer imports
}


def _name(kind: type) -> str:
    return f"{kind.__module__}.{kind.__qualname__}"


def _payment(s: Shop, method: str = "qris") -> QDialog:
    """Paying a big order by QRIS (its code the tallest page), a part already paid in cash."""
    from pos.core import settings
    from pos.counter import sale
    from ui.counter.payment_dialog import PaymentDialog

    dialog = PaymentDialog(
        s.window,
        sale.preview(s.cart),
        lambda tenders: None,  # type: ignore[arg-type, return-value]
        qris_payload=str(settings.get("qris_payload") or ""),
        kasbon_left=5_000_000,
    )
    dialog.choose("cash")
    dialog.cash_input.setText("150000000")
    dialog.add_part()
    dialog.choose(method)
    return dialog


def _close_shift(s: Shop) -> QDialog:
    """Tutup shift after closing: the counted drawer, the expected cash and the slip of a long shift (every
    way of paying, eight cash moves), with 'Cetak slip' and 'Selesai'."""
    from pos.counter import shift
    from ui.counter.shift_dialogs import CloseShiftDialog

    dialog = CloseShiftDialog(s.window, s.owner)
    for note, n in ((100_000, 1512), (50_000, 7), (20_000, 3), (5_000, 11), (1_000, 4)):
        dialog.counts[note].setValue(n)
    dialog.submit()
    assert dialog.report is not None and dialog.print_button.isVisibleTo(dialog)
    shift.open_shift(s.owner, 1_500_000)  # the next cases sell again
    return dialog


def _customer(s: Shop) -> QDialog:
    from ui.counter.customer_dialog import CustomerDialog

    dialog = CustomerDialog(s.window, s.owner)
    dialog.search.setText("a")
    dialog.find("a")
    return dialog


def _refund(s: Shop) -> QDialog:
    from ui.counter.history_dialog import RefundDialog

    return RefundDialog(s.window, s.sale, s.owner)


def _sales_of_product(s: Shop) -> QDialog:
    from pos.books import report
    from ui.reports.page import SalesOfProduct

    period = report.this_month()
    return SalesOfProduct(s.window, period, report.by_product(period)[0])


def _discount(s: Shop) -> QDialog:
    from ui.counter.discount_dialog import DiscountDialog

    return DiscountDialog(s.window, s.cart, 0, s.owner, "discount")


def _board(s: Shop, kind: str) -> QDialog:
    """The delivery board's questions about a COD order of the Rp 98.765.432 genset to a long address, its
    courier with a long name (the couriers of late offered as buttons)."""
    from pos.core.cart import Cart
    from pos.counter import delivery
    from ui.counter import delivery_dialogs

    cart = Cart(channel="delivery", order_type="delivery", customer_id=s.customer_id)
    cart.add(s.product_id, "Genset", 98_765_432, 3)
    cart.set_delivery(250_000, "Jl. Kaliurang Km 14,5 Gang Sawo Kecik No. 117 RT 04 RW 12, Ngaglik, Sleman")
    order = delivery.send_cod(cart, s.owner)
    delivery.prepare(order.id, s.owner)
    if kind != "courier":
        delivery.send_out(order.id, "Bambang Sugiharto Wicaksono Putra", s.owner)
    shown = delivery.get(order.id)
    dialog = {"courier": delivery_dialogs.CourierDialog, "cash": delivery_dialogs.CashDialog}.get(
        kind, delivery_dialogs.CancelDialog
    )
    return dialog(s.window, shown, s.owner)


BUILDERS: dict[str, Callable[[Shop], QDialog]] = {
    "ui.setup_dialog.SetupDialog": lambda s: _mod("ui.setup_dialog").SetupDialog(s.window),
    "ui.counter.receipt_dialog.ReceiptDialog": lambda s: _mod("ui.counter.receipt_dialog").ReceiptDialog(
        s.window, s.sale.number, s.window.printing
    ),
    "ui.settings.programs_box.StampDialog": lambda s: _mod("ui.settings.programs_box").StampDialog(
        s.window, s.owner
    ),
    "ui.settings.programs_box.GiftDialog": lambda s: _mod("ui.settings.programs_box").GiftDialog(
        s.window, s.owner
    ),
    "ui.recovery_dialog.CodeDialog": lambda s: _mod("ui.recovery_dialog").CodeDialog(
        s.window, "K7QF-2M9X-PL4D-88RT", "Kode pemulihan pemilik"
    ),
    "ui.recovery_dialog.ResetPinDialog": lambda s: _mod("ui.recovery_dialog").ResetPinDialog(s.window),
    "ui.login.LoginNotice": lambda s: _mod("ui.login").LoginNotice(
        s.window,
        "PIN salah 3 kali untuk Dewi sejak login terakhir (Senin 08:14, Senin 08:15, Senin 09:02).",
        "K7QF-2M9X",
    ),
    "ui.customers.vouchers_dialog.IssueDialog": lambda s: _mod("ui.customers.vouchers_dialog").IssueDialog(
        s.window, s.owner
    ),
    "ui.customers.vouchers_dialog.VouchersDialog": lambda s: _mod(
        "ui.customers.vouchers_dialog"
    ).VouchersDialog(s.window, s.owner, s.window.printing),
    "ui.catalog.bulk_price_dialog.BulkPriceDialog": lambda s: _mod(
        "ui.catalog.bulk_price_dialog"
    ).BulkPriceDialog(s.window, s.owner),
    "ui.customers.profile.ProfileDialog": lambda s: _mod("ui.customers.profile").ProfileDialog(
        s.window, s.customer_id, s.owner
    ),
    "ui.customers.profile.OutreachDialog": lambda s: _mod("ui.customers.profile").OutreachDialog(
        s.window, [s.customer_id], s.owner
    ),
    "ui.customers.profile.WarrantyDialog": lambda s: _mod("ui.customers.profile").WarrantyDialog(
        s.window, s.owner
    ),
    "ui.settings.staff_box.AddUserDialog": lambda s: _mod("ui.settings.staff_box").AddUserDialog(
        s.window, s.owner
    ),
    "ui.customers.edit_dialog.CustomerEditDialog": lambda s: _mod(
        "ui.customers.edit_dialog"
    ).CustomerEditDialog(s.window, s.owner, s.customer_id),
    "ui.catalog.product_dialog.ProductDialog": lambda s: _mod("ui.catalog.product_dialog").ProductDialog(
        s.window, s.owner, s.product_id
    ),
    "ui.customers.merge_dialog.MergeDialog": lambda s: _mod("ui.customers.merge_dialog").MergeDialog(
        s.window, s.customer_id, s.owner
    ),
    "ui.catalog.categories_dialog.CategoriesDialog": lambda s: _mod(
        "ui.catalog.categories_dialog"
    ).CategoriesDialog(s.window, s.owner),
    "ui.counter.parked_dialog.ParkedDialog": lambda s: _mod("ui.counter.parked_dialog").ParkedDialog(
        s.window, s.owner
    ),
    "ui.counter.payment_dialog.PaymentDialog": _payment,
    "ui.counter.discount_dialog.DiscountDialog": _discount,
    "ui.counter.shift_dialogs.CashMoveDialog": lambda s: _mod("ui.counter.shift_dialogs").CashMoveDialog(
        s.window, s.owner
    ),
    "ui.counter.shift_dialogs.CloseShiftDialog": _close_shift,
    "ui.counter.customer_dialog.CustomerDialog": _customer,
    "ui.counter.approval.ApprovalDialog": lambda s: _mod("ui.counter.approval").ApprovalDialog(
        s.window, "Diskon Rp 1.250.000 untuk pesanan ini butuh PIN pemilik", need_pin=True
    ),
    "ui.counter.history_dialog.HistoryDialog": lambda s: _mod("ui.counter.history_dialog").HistoryDialog(
        s.window, s.owner
    ),
    "ui.counter.history_dialog.RefundDialog": _refund,
    "ui.stock.page.ExpiringDialog": lambda s: _mod("ui.stock.page").ExpiringDialog(s.window, s.owner),
    "ui.stock.page.SuggestionDialog": lambda s: _mod("ui.stock.page").SuggestionDialog(s.window),
    "ui.stock.dialogs.RestockDialog": lambda s: _mod("ui.stock.dialogs").RestockDialog(s.window, s.owner),
    "ui.stock.dialogs.OpnameDialog": lambda s: _mod("ui.stock.dialogs").OpnameDialog(s.window, s.owner),
    "ui.stock.dialogs.WasteDialog": lambda s: _mod("ui.stock.dialogs").WasteDialog(s.window, s.owner),
    "ui.stock.dialogs.RecipeDialog": lambda s: _mod("ui.stock.dialogs").RecipeDialog(s.window, s.owner),
    "ui.stock.dialogs.ProductionDialog": lambda s: _mod("ui.stock.dialogs").ProductionDialog(
        s.window, s.owner
    ),
    "ui.catalog.labels_dialog.LabelsDialog": lambda s: _mod("ui.catalog.labels_dialog").LabelsDialog(
        s.window, {s.product_id: 12}
    ),
    "ui.customers.posters_dialog.PostersDialog": lambda s: _mod("ui.customers.posters_dialog").PostersDialog(
        s.window, [s.product_id]
    ),
    "ui.customers.posters_dialog.PriceListDialog": lambda s: _mod(
        "ui.customers.posters_dialog"
    ).PriceListDialog(s.window),
    "ui.reports.closing_dialog.ClosingDialog": lambda s: _mod("ui.reports.closing_dialog").ClosingDialog(
        s.window, s.closing
    ),
    "ui.reports.page.SalesOfProduct": _sales_of_product,
    "ui.customers.import_dialog.CustomerImportDialog": lambda s: _mod(
        "ui.customers.import_dialog"
    ).CustomerImportDialog(s.window, s.owner),
    "ui.catalog.import_dialog.ProductImportDialog": lambda s: _mod(
        "ui.catalog.import_dialog"
    ).ProductImportDialog(s.window, s.owner),
    "ui.counter.delivery_dialogs.CourierDialog": lambda s: _board(s, "courier"),
    "ui.counter.delivery_dialogs.CashDialog": lambda s: _board(s, "cash"),
    "ui.counter.delivery_dialogs.CancelDialog": lambda s: _board(s, "cancel"),
    "ui.counter.chat_order_dialog.ChatOrderDialog": lambda s: _chat(s),
}


def _chat(s: Shop) -> QDialog:
    """A long, chatty WhatsApp order read into its proposal: many lines, words not placed, a new customer."""
    from ui.counter.chat_order_dialog import ChatOrderDialog

    dialog = ChatOrderDialog(s.window, s.owner)
    dialog.text.setPlainText(
        "kak pesen indomie goreng 3, indomie soto 2, beras 2 kg, gula 1 kg, telur setengah kilo, "
        "teh botol 4, aqua 2 sama minyak 1 ya, trus sabun cuci, odol, sikat gigi, kerupuk udang 5, "
        "kopi kapal api 10 sachet. "
        "antar ke jl. melati no. 12 rt 03 rw 05 dekat masjid al ikhlas, a.n. ibu raden ajeng kartini "
        "0812-7777-6666 makasih kak 🙏"
    )
    dialog.read()
    return dialog


# the counter's own dialogs are also used on 1024×768 touch terminals and 1280×800 laptops
COUNTER_DIALOGS = {
    "ui.counter.chat_order_dialog.ChatOrderDialog",
    "ui.counter.customer_dialog.CustomerDialog",
    "ui.counter.payment_dialog.PaymentDialog",
    "ui.counter.parked_dialog.ParkedDialog",
}


def _mod(name: str) -> Any:
    return importlib.import_module(name)


def test_every_dialog_in_ui_is_checked_here():
    names = {_name(kind) for kind in all_dialogs()} - ABSTRACT
    assert names - set(BUILDERS) == set(), "a dialog this test does not open: add it to BUILDERS"
    assert set(BUILDERS) - names == set(), "a builder for a dialog that is gone"


CASES = [(name, LAPTOP) for name in BUILDERS] + [
    (name, screen) for name in sorted(COUNTER_DIALOGS) for screen in SMALL_SCREENS
]


@pytest.mark.parametrize(
    ("name", "screen"), CASES, ids=[f"{n.rsplit('.', 1)[1]}-{w}x{h}" for n, (w, h) in CASES]
)
def test_the_dialog_fits_the_screen(shop_, name, screen):
    dialog = BUILDERS[name](shop_)
    try:
        assert_minimum_fits(dialog, screen)
        show_on(dialog, screen)
        assert_buttons_visible(dialog)
        assert money_cut(dialog) == []
    finally:
        dialog.close()
        dialog.deleteLater()


def sidebar_width(window: QWidget) -> int:
    from PySide6.QtWidgets import QFrame

    return window.findChild(QFrame, "navSidebar").width()


def fill_counter(s: Shop, window: Any = None) -> Any:
    """The counter with a regular customer and a cart worth hundreds of millions."""
    from db.models import Customer, Product

    counter = (window or s.window).sections[0]
    counter.new_cart()
    counter.set_customer(Customer.get_by_id(s.customer_id))
    for product in Product.select().where(Product.active == True).limit(6):  # noqa: E712
        counter.add_product(product)
    counter.add_product(Product.get_by_id(s.product_id))
    QApplication.processEvents()
    return counter


# --- pages -----------------------------------------------------------------------------------------


def test_every_page_fits_a_laptop_and_shows_its_rupiah_whole(shop_):
    window = shop_.window
    try:
        window.resize(*available(LAPTOP))
        for index in range(len(window.sections)):
            window.open_section(index)
            if index == 0:
                fill_counter(shop_)
            QApplication.processEvents()
            assert_minimum_fits(window.sections[index], (LAPTOP[0] - sidebar_width(window), LAPTOP[1]))
            assert_minimum_fits(window, LAPTOP)
            window.resize(*available(LAPTOP))
            QApplication.processEvents()
            assert money_cut(window) == [], type(window.sections[index]).__name__
    finally:
        window.open_section(0)
        window.sections[0].new_cart()


@pytest.mark.parametrize("screen", SMALL_SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_counter_fits_a_touch_terminal(shop_, screen, qtbot):
    """A till at 1024×768 sells: the window, logged in on the counter, fits; the cart, the customer, the
    totals and BAYAR are on screen, no rupiah cut."""
    from ui.main_window import MainWindow

    window = MainWindow(shop_.target)  # a till that sells only: no other page built
    qtbot.addWidget(window)
    window.resize(*available(screen))
    window.show()
    window.enter(shop_.owner)
    counter = fill_counter(shop_, window)
    try:
        assert_minimum_fits(counter, (screen[0] - sidebar_width(window), screen[1]))
        window.resize(*available(screen))
        QApplication.processEvents()
        assert window.width() == screen[0] or window.minimumSizeHint().width() > screen[0]
        for widget in (counter.pay_button, counter.customer_label, counter.totals, counter.table):
            assert widget.isVisible()
            assert window.rect().contains(rect_in(widget, window)), widget
        assert counter.table.height() >= 150  # the cart still has room
        assert counter.table.columnWidth(0) >= 140  # names read ("Indomie Goreng"), not "I…", by Rp 98 juta
        assert money_cut(counter) == []
        for tile in counter.grid.buttons.values():  # every quick tile's name lines whole
            if tile.isVisible():
                widest = max(tile.fontMetrics().horizontalAdvance(t) for t in tile.text().split("\n"))
                assert widest <= tile.contentsRect().width(), tile.text()
    finally:
        counter.new_cart()
        window.close()


@pytest.mark.parametrize("screen", [LAPTOP, *SMALL_SCREENS], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_counter_and_payment_are_big_enough_to_touch(shop_, screen):
    window = shop_.window
    window.open_section(0)
    window.resize(*available(screen))
    QApplication.processEvents()
    counter = fill_counter(shop_)
    try:
        assert small_targets(counter) == []
        for method in ("cash", "qris", "card"):
            dialog = _payment(shop_, method)
            show_on(dialog, screen)
            assert small_targets(dialog) == [], method
            dialog.close()
            dialog.deleteLater()
    finally:
        counter.new_cart()
        window.resize(*LAPTOP)


def test_spin_boxes_draw_their_arrows(themed, qtbot):
    """The stylesheet styles spin boxes: it must also style their buttons and arrows (Qt draws none — a dash —
    when a QSpinBox is styled and its ::up-arrow is not), and make them wide enough to touch."""
    from ui.widgets.boxes import SpinBox

    box = SpinBox()
    qtbot.addWidget(box)
    box.setRange(0, 99)
    box.show()
    QApplication.processEvents()
    image = box.grab().toImage()
    # the right part (the buttons) holds dark arrow pixels, not only a border
    dark = sum(
        1
        for x in range(image.width() - 36, image.width() - 4)
        for y in range(2, image.height() - 2)
        if image.pixelColor(x, y).lightness() < 110
    )
    assert dark >= 20, dark
