"""What a delivery order says beyond the board: the WhatsApp message to its customer and its wa.me
link, and the kitchen ticket."""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.models import DeliveryOrder, User
from pos.core import phone, settings, whatsapp
from pos.core.cart import Cart
from pos.core.i18n import _
from pos.counter import receipt as receipts
from pos.counter import sale as sales
from pos.counter.delivery import BoardOrder, get, state_name

if TYPE_CHECKING:
    from pos.counter.receipt import Receipt


def customer_message(order: BoardOrder) -> str:
    """The text of the wa.me message to the order's customer."""
    shop = str(settings.get("shop_name") or "")
    text = _("Halo {name}, pesanan {label} dari {shop}: {state}.").format(
        name=order.customer or _("Kak"), label=order.label, shop=shop, state=state_name(order.state).lower()
    )
    if order.cod and not order.paid:
        from pos.core.money import format_rupiah

        text += " " + _("Bayar di tempat {total}.").format(total=format_rupiah(order.total))
    if order.courier and order.state == "diantar":
        text += " " + _("Kurir: {name}.").format(name=order.courier)
    return text


def wa_link(order: BoardOrder) -> str:
    """A wa.me link to the customer (WhatsApp asks for the contact when the order has no number)."""
    return whatsapp.link(order.phone or None, customer_message(order))


def kitchen_receipt(order_id: int) -> Receipt:
    """What the kitchen ticket prints for an order: the sale's for a paid one, else the cart's items."""
    order = get(order_id)
    if order.number:
        return receipts.for_sale(order.number)
    row = DeliveryOrder.get_by_id(order_id)
    cart = Cart.from_json(row.cart)
    q = sales.preview(cart)
    shop = settings.all_settings()
    return receipts.Receipt(
        shop_name=str(shop["shop_name"] or "Kasir"),
        shop_address=str(shop["shop_address"]),
        shop_phone="",
        footer="",
        number=order.label,
        created_at=row.created_at,
        timezone=str(shop["timezone"]),
        cashier=User.get_by_id(row.created_by_id).name,
        channel=order.channel,
        order_type=_("COD"),
        customer_name=order.customer,
        customer_phone=phone.masked(order.phone) if order.phone else "",
        customer_address=row.address,
        lines=[
            receipts.ReceiptLine(ln.name, ln.qty, "pcs", ln.unit_price, lq.discount, lq.net, ln.note)
            for ln, lq in zip(cart.lines, q.lines, strict=True)
        ],
        gross=q.gross,
        discount=q.discount,
        discount_reason=cart.discount_reason,
        service=q.service,
        tax=q.tax,
        tax_name=str(shop["tax_name"]),
        tax_included=q.tax_included,
        delivery_fee=q.delivery_fee,
        rounding=int(row.expected) - q.total,
        total=int(row.expected),
        payments=[],
    )
