"""What a receipt says: gathered from a stored sale, ready for any renderer (PDF, ESC/POS, text, screen).

Everything here is read from the database as it was written at the sale; nothing is recomputed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from peewee import JOIN

from db.models import Channel, Customer, Payment, Product, Sale, SaleLine, User
from pos.catalog.channel import ORDER_TYPES
from pos.core import phone, settings
from pos.core.i18n import _
from pos.counter import sale as sales
from pos.counter.payment import method_name
from pos.customers import loyalty, stamps


@dataclass(frozen=True)
class ReceiptLine:
    name: str
    qty: Decimal
    unit: str
    unit_price: int
    discount: int
    total: int
    note: str = ""
    serial_number: str = ""
    warranty_until: date | None = None


@dataclass(frozen=True)
class ReceiptPayment:
    method: str
    name: str
    amount: int
    tendered: int
    change: int
    reference: str


@dataclass
class Receipt:
    shop_name: str
    shop_address: str
    shop_phone: str
    footer: str
    number: str
    created_at: datetime
    timezone: str
    cashier: str
    channel: str
    order_type: str
    customer_name: str
    customer_phone: str  # masked: 0812****7890
    customer_address: str
    lines: list[ReceiptLine]
    gross: int
    discount: int
    discount_reason: str
    service: int
    tax: int
    tax_name: str
    tax_included: bool
    delivery_fee: int
    rounding: int
    total: int
    payments: list[ReceiptPayment]
    is_refund: bool = False
    original_number: str = ""
    reason: str = ""
    source_ref: str = ""
    qr_text: str = ""
    logo: str = ""
    extra: list[tuple[str, str]] = field(default_factory=list)  # loyalty: points, stamps, voucher
    demo: bool = False  # a demo shop's receipt: every renderer marks it TOKO CONTOH at the top
    copy: bool = False  # printed again (Riwayat, cetak ulang): every renderer marks it SALINAN at the top

    @property
    def change(self) -> int:
        return sum(p.change for p in self.payments)

    @property
    def title(self) -> str:
        return _("STRUK RETUR") if self.is_refund else _("STRUK")


def for_sale(number: str, *, copy: bool = False) -> Receipt:
    """The receipt of a stored sale or refund; `copy` for one given again (marked SALINAN). Raises
    SaleNotFound."""
    sale = sales.by_number(number)
    shop = settings.all_settings()
    channel = Channel.get_by_id(sale.channel_id)
    customer = Customer.get_or_none(Customer.id == sale.customer_id) if sale.customer_id else None
    cashier = User.get_by_id(sale.cashier_id)
    query = (
        SaleLine.select(SaleLine, Product.unit.alias("product_unit"))
        .join(Product, JOIN.LEFT_OUTER)
        .where(SaleLine.sale == sale)
        .order_by(SaleLine.position)
        .objects()
    )
    lines = [
        ReceiptLine(
            ln.name,
            ln.qty,
            ln.product_unit or "pcs",
            ln.unit_price,
            ln.discount,
            ln.total,
            ln.note,
            ln.serial_number,
            ln.warranty_until,
        )
        for ln in query
    ]
    payments = [
        ReceiptPayment(p.method, method_name(p.method), p.amount, p.tendered, p.change, p.reference)
        for p in Payment.select().where(Payment.sale == sale).order_by(Payment.id)
    ]
    original = Sale.get_by_id(sale.refund_of_id).number if sale.refund_of_id else ""
    extra = []
    if customer is not None:
        extra = _points_rows(sale, customer) + stamps.receipt_rows(sale.id, customer.id)
    return Receipt(
        shop_name=str(shop["shop_name"] or "Kasir"),
        shop_address=str(shop["shop_address"]),
        shop_phone=phone.local_form(shop["shop_phone"]) if shop["shop_phone"] else "",
        footer=str(shop["receipt_footer"]),
        number=sale.number,
        created_at=sale.created_at,
        timezone=str(shop["timezone"]),
        cashier=cashier.name,
        channel=_(channel.name),
        order_type=_(ORDER_TYPES[sale.order_type])
        if channel.kind == "counter" and sale.order_type in ORDER_TYPES
        else "",
        customer_name=customer.name if customer else "",
        customer_phone=phone.masked(customer.phone) if customer else "",
        customer_address=sale.delivery_address,
        lines=lines,
        gross=sale.gross,
        discount=sale.discount,
        discount_reason=sale.discount_reason,
        service=sale.service,
        tax=sale.tax,
        tax_name=str(shop["tax_name"]),
        tax_included=sale.tax_included,
        delivery_fee=sale.delivery_fee,
        rounding=sale.rounding,
        total=sale.total,
        payments=payments,
        is_refund=sale.kind == "refund",
        original_number=original,
        reason=sale.reason,
        source_ref=sale.source_ref,
        qr_text=_qr_text(sale, payments, str(shop["qris_payload"]), str(shop["receipt_qr"])),
        logo=str(shop["receipt_logo"] or ""),
        extra=extra,
        demo=bool(shop["demo"]),
        copy=copy,
    )


def _points_rows(sale: Sale, customer: Customer) -> list[tuple[str, str]]:
    first, second = loyalty.sale_points(sale.id)
    if sale.kind == "refund":
        rows = [(_("Poin ditarik"), f"-{first}")] if first else []
        rows += [(_("Poin dikembalikan"), f"+{second}")] if second else []
    else:
        rows = [(_("Poin didapat"), f"+{first}")] if first else []
        rows += [(_("Poin ditukar"), f"-{second}")] if second else []
    if rows or customer.points:
        rows.append((_("Saldo poin"), str(customer.points)))
    return rows


def _qr_text(sale: Sale, payments: list[ReceiptPayment], qris_payload: str, mode: str) -> str:
    """A dynamic QRIS for an unpaid kasbon (to pay it later); else as configured: the sale's look-up
    code (default), the shop's own static QRIS, or nothing."""
    owed = sum(p.amount for p in payments if p.method == "kasbon")
    if owed > 0 and qris_payload:
        from pos.core import qris

        return qris.to_dynamic(qris_payload, owed)
    if mode == "qris" and qris_payload:
        return qris_payload
    if mode == "none":
        return ""
    return f"KASIR:{sale.number}"
