"""What the counter screen reads while it rings up an order: a product, its recorded stock, the customer
on the order, what a paid sale gave back. Query functions only: nothing is written."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from db.models import Customer, Payment, Product
from pos.core.cart import Cart


def product(product_id: int) -> Product:
    """The product by its id (a search result, a cart line). Raises Product.DoesNotExist."""
    return Product.get_by_id(product_id)


def on_hand(product_id: int) -> Decimal | None:
    """The product's recorded stock now; None when its stock is not tracked."""
    row = Product.get_by_id(product_id)
    return Decimal(row.on_hand) if row.track_stock else None


def customer(customer_id: int | None) -> Customer | None:
    """The customer on the order, None for nobody or a customer no longer there."""
    return Customer.get_or_none(id=customer_id) if customer_id else None


@dataclass(frozen=True)
class Paid:
    change: int  # given back in cash
    cash: bool  # some of it was paid in cash (the drawer opens)


def paid(sale_id: int) -> Paid:
    """How a completed sale was paid, for the counter's message and the cash drawer."""
    rows = list(Payment.select(Payment.method, Payment.change).where(Payment.sale == sale_id))
    return Paid(change=sum(int(p.change) for p in rows), cash=any(p.method == "cash" for p in rows))


def without_serial(cart: Cart) -> list[int]:
    """The lines of serialised products (sold with a warranty) that have no serial number yet: the sale
    refuses them (SerialRequired), so the counter asks for each before payment."""
    ids = {ln.product_id for ln in cart.lines if ln.product_id is not None and not ln.reward}
    if not ids:
        return []
    serialised = {
        pid
        for (pid,) in Product.select(Product.id)
        .where(Product.id.in_(sorted(ids)), Product.serialised)
        .tuples()
    }
    return [
        i
        for i, ln in enumerate(cart.lines)
        if ln.product_id in serialised and not ln.reward and not ln.serial_number.strip()
    ]
