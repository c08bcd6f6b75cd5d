"""Render each main screen, filled with a demo shop, to PNG (offscreen): `python -m tools.screenshots DIR`.

Used for the README's screenshots; the pictures are what a shopkeeper sees.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

SIZE = (1366, 768)
TERMINAL = (1024, 768)


def _save(widget: QWidget, path: Path) -> None:
    QApplication.processEvents()
    widget.grab().save(str(path))
    print(path)


def _open(window: Any, key: str) -> Any:
    """A section by its key (the sidebar's order changes as sections are added)."""
    window.go(key)
    return window.pages.currentWidget()


def _online_orders(owner: Any) -> None:
    """Orders on Antaran in each state: a WhatsApp order paid by transfer, one to pay on delivery being
    prepared, one out with the courier."""
    from db.models import Product
    from pos.core.cart import Cart
    from pos.counter import delivery, sale
    from pos.counter.payment import Tender

    goods = list(Product.select().where(Product.price > 0, Product.active == True).limit(3))  # noqa: E712
    made = []
    for index, (channel, address, fee) in enumerate(
        (("whatsapp", "Jl. Melati 12, Sleman", 5_000), ("delivery", "Perum Griya Asri B-7", 8_000))
    ):
        cart = Cart(channel=channel, order_type="delivery")
        for product in goods[: index + 2]:
            cart.add(product.id, product.name, int(product.price), 2)
        cart.set_delivery(fee, address)
        if index == 0:
            sale.complete(cart, [Tender("transfer", sale.preview(cart).total)], owner)
        else:
            made.append(delivery.send_cod(cart, owner))
    for order in made:
        delivery.advance(order.id, owner)  # disiapkan
    cart = Cart(channel="whatsapp", order_type="delivery")
    cart.add(goods[0].id, goods[0].name, int(goods[0].price), 5)
    cart.set_delivery(5_000, "Jl. Kenanga 3")
    out = delivery.send_cod(cart, owner)
    delivery.advance(out.id, owner)
    delivery.advance(out.id, owner, courier="Mas Dodi")  # diantar


def render(out: Path, kind: str = "warung") -> list[Path]:
    from peewee import fn

    from db.models import Barcode, Customer, Product, Sale
    from pos import shop
    from pos.core import clock, staff
    from pos.demo.generator import fill
    from ui import icons, qt_words, theme
    from ui.main_window import MainWindow
    from ui.setup_dialog import SetupDialog

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setWindowIcon(icons.app_icon())
    theme.apply(app)
    qt_words.install(app)
    made: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        target = shop.open_shop(str(Path(tmp) / "demo.db"))
        setup = SetupDialog()
        setup.shop_name.setText("Warung Bu Sri")
        setup.address.setText("Jl. Melati No. 12, Sleman")
        setup.whatsapp.setText("0812-3456-0001")
        setup.owner_name.setText("Bu Sri")
        setup.show()
        made.append(out / "setup.png")
        _save(setup, made[-1])
        setup.close()

        fill(kind, days=30, seed=1)
        from pos.counter import shift

        with clock.frozen(clock.now().replace(hour=7, minute=0, second=0)):
            shift.open_shift(staff.active_users()[1], 200_000)
        window = MainWindow(target)
        window.resize(*SIZE)
        window.show()
        made.append(out / "login.png")
        _save(window, made[-1])

        owner = staff.active_users()[0]
        window.enter(owner)
        counter = window.sections[0]
        regular = Customer.select().order_by(Customer.id).first()
        counter.set_customer(regular)
        scanned = list(Product.select().join(Barcode).limit(3))
        for product in scanned:
            counter.add_product(product)
        counter.add_product(scanned[0])
        beras = Product.get_or_none(Product.unit == "kg")
        if beras is not None:
            counter.pending_qty = Decimal("0.5")
            counter.add_product(beras)
        made.append(out / "counter.png")
        _save(window, made[-1])
        window.resize(*TERMINAL)  # the touch POS terminals sold in Indonesia
        made.append(out / "counter-1024.png")
        _save(window, made[-1])
        window.resize(*SIZE)

        from pos.core import settings
        from pos.counter import sale
        from ui.counter.payment_dialog import PaymentDialog

        quote = sale.preview(counter.cart)
        for method in ("cash", "qris"):
            dialog = PaymentDialog(
                window,
                quote,
                lambda tenders: None,  # type: ignore[arg-type, return-value]
                qris_payload=str(settings.get("qris_payload")),
            )
            dialog.choose(method)
            if method == "cash":
                dialog.cash_input.setText("100000")
            dialog.show()
            made.append(out / f"payment-{method}.png")
            _save(dialog, made[-1])
            dialog.close()

        from ui.counter.chat_order_dialog import ChatOrderDialog

        chat = ChatOrderDialog(window, owner)
        chat.text.setPlainText(
            "kak pesen indomie goreng 3, beras 2 kg sama telur setengah kilo ya, sabun cuci 1. "
            "antar ke jl. melati 12 a.n. bu ani 0812-3456-7890 makasih"
        )
        chat.read()
        chat.resize(1000, 640)
        chat.show()
        made.append(out / "chat-order.png")
        _save(chat, made[-1])
        chat.close()

        for key, name in (("customers", "customers"), ("settings", "settings")):
            _open(window, key)
            made.append(out / f"{name}.png")
            _save(window, made[-1])
        _online_orders(owner)
        _open(window, "delivery")
        made.append(out / "delivery.png")
        _save(window, made[-1])
        made += _catalog_screens(window, owner, out, Path(tmp))
        reports = _open(window, "reports")  # Laporan computes off the UI thread
        for _tick in range(600):
            if reports.data is not None:
                break
            QApplication.processEvents()
            time.sleep(0.05)
        made.append(out / "report.png")
        _save(window, made[-1])
        reports.tabs.setCurrentIndex(reports.tabs.indexOf(reports.people))  # Pelanggan dan loyalitas
        made.append(out / "report-customers.png")
        _save(window, made[-1])

        from ui.customers.profile import OutreachDialog, ProfileDialog

        best = (
            Sale.select(Sale.customer)
            .where(Sale.customer.is_null(False))
            .group_by(Sale.customer)
            .order_by(fn.COUNT(Sale.id).desc())
            .first()
            .customer_id
        )
        profile = ProfileDialog(window, best, owner)
        profile.resize(900, 600)
        profile.show()
        made.append(out / "customer-page.png")
        _save(profile, made[-1])
        profile.close()
        from pos.customers import customer_views as customer_book
        from pos.customers import segments

        at_risk = [r.id for r in customer_book.listing() if r.segment in (segments.AT_RISK, segments.LAPSED)]
        walk = OutreachDialog(window, at_risk or [best], owner)
        walk.template.setCurrentIndex(walk.template.findData("winback"))
        walk.resize(600, 440)
        walk.show()
        made.append(out / "whatsapp-walk.png")
        _save(walk, made[-1])
        walk.close()

        from pos.counter.payment import Tender
        from ui.counter.shift_dialogs import CloseShiftDialog

        counter.cart.customer_id = None
        sale.complete(counter.cart, [Tender("cash", 50_000)], owner)
        closing = CloseShiftDialog(window, owner)
        closing.counts[50_000].setValue(4)
        closing.counts[20_000].setValue(1)
        closing.counts[10_000].setValue(1)
        closing.counts[5_000].setValue(1)
        closing.submit()
        closing.resize(560, 728)  # as on a 1366×768 screen
        closing.show()
        made.append(out / "shift-close.png")
        _save(closing, made[-1])
        closing.close()

        from pos.audit.verify import verify

        settings_page = _open(window, "settings")
        settings_page.safety._verified(verify())
        settings_page.safety.resize(900, 330)
        made.append(out / "integrity.png")
        _save(settings_page.safety, made[-1])

        from ui.counter.receipt_dialog import ReceiptDialog

        last = Sale.select().where(Sale.customer.is_null(False)).order_by(Sale.id.desc()).first()
        preview = ReceiptDialog(window, last.number, window.printing)
        preview.resize(680, 728)
        preview.show()
        made.append(out / "receipt-preview.png")
        _save(preview, made[-1])
        preview.close()

        from ui.counter.history_dialog import HistoryDialog

        with clock.frozen(clock.now().replace(hour=20) - timedelta(days=1)):
            history = HistoryDialog(window, owner)
            history.resize(900, 560)
            history.show()
            made.append(out / "history.png")
            _save(history, made[-1])
            history.close()
        window.close()
        shop.close_shop()
    return made


def _catalog_screens(window: QWidget, owner: object, out: Path, tmp: Path) -> list[Path]:
    """Barang at the warung: the list, a product in its form, an import's preview, the label sheet."""
    from db.models import Barcode, Product
    from ui.catalog.import_dialog import ProductImportDialog
    from ui.catalog.labels_dialog import LabelsDialog
    from ui.catalog.page import CatalogPage
    from ui.catalog.product_dialog import ProductDialog

    made = []
    page = window.section(CatalogPage)  # type: ignore[attr-defined]
    window.open_section(window.sections.index(page))  # type: ignore[attr-defined]
    made.append(out / "catalog.png")
    _save(window, made[-1])
    scanned = Product.select().join(Barcode).where(Product.active == True).first()  # noqa: E712
    form = ProductDialog(page, owner, scanned.id)  # type: ignore[arg-type]
    form.resize(1100, min(728, form.scroll.widget().sizeHint().height() + 150))  # as on a 1366×768 screen
    form.show()
    made.append(out / "product-dialog.png")
    _save(form, made[-1])
    form.close()
    sample = tmp / "barang-baru.csv"
    sample.write_text(
        "Nama;Harga;HPP;Barcode;Kategori;Satuan;Stok\n"
        "Kopi Kapal Api Mix 25 g;Rp 1.500;1.150;8991002101234;Minuman;sachet;120\n"
        "Gula Pasir Curah;17.500;15.000;;Sembako;kg;25,5\n"
        "Teh Pucuk Harum 350 ml;3.500;2.700;8996001600269;Minuman;botol;48\n"
        "Sabun Lifebuoy 110 g;tiga ribu;;;Sabun;pcs;12\n",
        encoding="utf-8",
    )
    importing = ProductImportDialog(page, owner)  # type: ignore[arg-type]
    importing.resize(1100, 560)
    importing.show()
    importing.open_file(str(sample))
    for _tick in range(200):
        if importing.shown is not None:
            break
        QApplication.processEvents()
        time.sleep(0.02)
    made.append(out / "product-import.png")
    _save(importing, made[-1])
    importing.close()
    chosen = [p.id for p in Product.select().where(Product.active == True).order_by(Product.id).limit(3)]  # noqa: E712
    labels = LabelsDialog(page, {pid: n for pid, n in zip(chosen, (12, 6, 3), strict=False)})
    labels.resize(1000, 560)
    labels.show()
    made.append(out / "labels.png")
    _save(labels, made[-1])
    labels.close()
    return made


def _stock_screens(window: QWidget, owner: object, out: Path) -> list[Path]:
    """Stok at the bakso stall: the list, receiving meat with its expiry, what expires, what to buy."""
    from db.models import Product
    from ui.stock.dialogs import RestockDialog
    from ui.stock.page import ExpiringDialog, SuggestionDialog

    made = []
    _open(window, "stock")
    made.append(out / "stock.png")
    _save(window, made[-1])
    page = window.pages.currentWidget()  # type: ignore[attr-defined]
    receive = RestockDialog(page, owner)  # type: ignore[arg-type]
    receive.supplier.setCurrentIndex(1)
    meat = Product.get(Product.name == "Daging sapi giling")
    receive.product.setCurrentIndex(receive.product.findData(meat.id))
    receive.qty.setText("8")
    receive.add_item()
    noodles = Product.get(Product.name == "Mie kuning basah")
    receive.product.setCurrentIndex(receive.product.findData(noodles.id))
    receive.qty.setText("7")
    receive.add_item()
    receive.show()
    made.append(out / "stock-restock.png")
    _save(receive, made[-1])
    receive.close()
    for name, dialog in (
        ("stock-expiring.png", ExpiringDialog(page, owner)),  # type: ignore[arg-type]
        ("stock-suggestions.png", SuggestionDialog(page)),
    ):
        dialog.resize(900, 480)
        dialog.show()
        made.append(out / name)
        _save(dialog, made[-1])
        dialog.close()
    return made


def render_programs(out: Path) -> list[Path]:
    """The loyalty programs at work: the bakso stall's full stamp card, the air-gun shop's free bag,
    the voucher list, merging two records, and the programs in settings."""
    from db.models import Customer, StampCard
    from pos import shop
    from pos.core import clock, staff
    from pos.counter import shift as shifts
    from pos.demo.generator import fill
    from ui import icons, theme
    from ui.customers.merge_dialog import MergeDialog
    from ui.customers.vouchers_dialog import VouchersDialog
    from ui.main_window import MainWindow

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setWindowIcon(icons.app_icon())
    theme.apply(app)
    made: list[Path] = []
    for kind in ("bakso", "senapan"):
        with tempfile.TemporaryDirectory() as tmp:
            target = shop.open_shop(str(Path(tmp) / "demo.db"))
            fill(kind, days=30, seed=1)
            owner = staff.active_users()[0]
            with clock.frozen(clock.now().replace(hour=7, minute=0, second=0)):
                shifts.open_shift(owner, 200_000)
            window = MainWindow(target)
            window.resize(*SIZE)
            window.show()
            window.enter(owner)
            counter = window.sections[0]
            from db.models import Product

            if kind == "bakso":
                card = StampCard.select().order_by(StampCard.stamps.desc()).first()
                counter.set_customer(Customer.get_by_id(card.customer_id))
                for name in ("Bakso Urat", "Es Teh Manis"):
                    counter.add_product(Product.get(Product.name == name))
                counter.claim_stamps()
                made.append(out / "counter-stamps.png")
                _save(window, made[-1])
                made += _stock_screens(window, owner, out)
            else:
                gun = Product.get(Product.name == "Senapan Angin Sharp Tiger")
                line = counter.cart.add(gun.id, gun.name, int(gun.price), 1, merge=False)
                counter.cart.lines[line].serial_number = "ST-2026-0117"  # asked for when scanned
                counter.add_product(Product.get(Product.name.startswith("Mimis Diabolo")))
                made.append(out / "counter-gift.png")
                _save(window, made[-1])
                vouchers = VouchersDialog(window, owner, window.printing)
                vouchers.resize(1100, 560)
                vouchers.show()
                made.append(out / "vouchers.png")
                _save(vouchers, made[-1])
                vouchers.close()
                first = Customer.select().order_by(Customer.id).first()
                merging = MergeDialog(window, first.id, owner)
                merging.search.setText(first.name.split()[0])
                merging.show()
                made.append(out / "merge.png")
                _save(merging, made[-1])
                merging.close()
                programs = _open(window, "settings").programs
                programs.resize(900, programs.sizeHint().height())
                made.append(out / "programs.png")
                _save(programs, made[-1])
            window.close()
            shop.close_shop()
    return made


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "docs/screenshots")
    render(out)
    render_programs(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
