"""Sample paper from a demo shop, for the README and for checking layouts by eye:
`python -m tools.samples DIR` writes a 58 mm and an 80 mm receipt, an A4 invoice, a voucher sheet and a
shift slip as PDF (turn them into pictures with `pdftoppm -png`)."""

from __future__ import annotations

import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from db.models import Sale, SaleLine, User
from pos import shop
from pos.core import clock, settings
from pos.counter import receipt, shift
from pos.customers import voucher
from pos.demo.generator import fill
from receipts import shift_slip
from receipts.invoice import invoice_pdf
from receipts.pdf_receipt import receipt_pdf, thermal_pdf
from receipts.voucher_pdf import sheet_pdf


def write(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        shop.open_shop(str(Path(tmp) / "samples.db"))
        fill("senapan", days=20, seed=3)
        owner = User.get()
        gun = (
            Sale.select()
            .join(SaleLine)
            .where(SaleLine.serial_number != "", Sale.customer.is_null(False))
            .order_by(Sale.id.desc())
            .first()
        )
        made.append(out / "receipt-58mm.pdf")
        receipt_pdf(receipt.for_sale(gun.number), 58, made[-1])
        made.append(out / "invoice-a4.pdf")
        invoice_pdf(receipt.for_sale(gun.number), made[-1])
        shop.close_shop()

        shop.open_shop(str(Path(tmp) / "bakso.db"))
        fill("bakso", days=3, seed=3)
        busy = Sale.select().join(SaleLine).where(SaleLine.note != "").order_by(Sale.id.desc()).first()
        made.append(out / "receipt-80mm.pdf")
        receipt_pdf(receipt.for_sale(busy.number), 80, made[-1])
        owner = User.get()
        vouchers = voucher.issue_batch(
            10,
            kind="rp",
            value=10_000,
            expires_on=date.today() + timedelta(days=90),
            user=owner,
            min_spend=50_000,
            campaign="Kangen Bakso",
        )
        made.append(out / "voucher-sheet-a4.pdf")
        sheet_pdf(vouchers, str(settings.get("shop_name")), made[-1])
        report = _a_shift(owner)
        made.append(out / "shift-slip-58mm.pdf")
        thermal_pdf(shift_slip.rows(report, str(settings.get("shop_name"))), 58, "Z", target=made[-1])
        shop.close_shop()
    return made


def _a_shift(owner: User) -> shift.ShiftReport:
    """An evening shift at the bakso stall: cash and QRIS sales, a refund, ice bought from the till."""
    from pos.catalog import catalog
    from pos.core.cart import Cart
    from pos.counter import refund, sale
    from pos.counter.payment import Tender

    menu = [catalog.by_code(code) for code in ("BAK0001", "BAK0003", "BAK0009", "BAK0011")]
    with clock.frozen(clock.now().replace(hour=16, minute=0)):
        shift.open_shift(owner, 300_000)
    sold = []
    for index in range(12):
        with clock.frozen(clock.now().replace(hour=16 + index // 3, minute=(index * 17) % 60)):
            cart = Cart()
            for product in menu[index % 2 :: 2]:
                cart.add(product.id, product.name, int(product.price), 1 + index % 3)
            tender = Tender("cash", 100_000) if index % 3 else Tender("qris", sale.preview(cart).total)
            sold.append(sale.complete(cart, [tender], owner))
    with clock.frozen(clock.now().replace(hour=18, minute=40)):
        shift.cash_move(owner, -20_000, "Beli es batu")
        first = SaleLine.get(SaleLine.sale == sold[1])
        refund.refund(sold[1], {first.id: 1}, "Salah pesanan", owner, to_cash=True)
    expected = shift.report(shift.current()).expected_cash
    counted = {100_000: expected // 100_000}
    rest = expected % 100_000 - 2_000  # two thousand short
    counted[50_000], rest = divmod(rest, 50_000)
    counted[10_000], rest = divmod(rest, 10_000)
    counted[1_000], rest = divmod(rest, 1_000)
    with clock.frozen(clock.now().replace(hour=21, minute=30)):
        return shift.close_shift(owner, {d: n for d, n in counted.items() if n})


if __name__ == "__main__":
    for path in write(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/paper")):
        print(path)
