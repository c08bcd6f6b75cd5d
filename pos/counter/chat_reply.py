"""The answer to a chat order: the order, ongkir, total and how to pay in the shop's words, its wa.me
link, and the shop's QRIS with the order's total.
"""

from __future__ import annotations

from typing import Any

from pos.core import qris, settings, whatsapp
from pos.core.cart import Cart
from pos.core.errors import InvalidInput
from pos.core.i18n import _
from pos.core.money import format_rupiah
from pos.core.text import qty_text
from pos.counter import sale
from pos.counter.chat_order import Proposal


def how_to_pay(shop: dict[str, Any] | None = None) -> str:
    """The ways to pay the shop offers, one a line: its QRIS (the picture attached), its bank account."""
    shop = shop if shop is not None else settings.all_settings()
    ways = []
    if str(shop.get("qris_payload") or ""):
        ways.append(_("QRIS (gambar terlampir)"))
    account = str(shop.get("bank_account") or "").strip()
    if account:
        ways.append(_("Transfer ke {account}").format(account=account))
    ways.append(_("Tunai saat barang diterima"))
    return "\n".join(f"- {w}" for w in ways)


def reply_text(cart: Cart, name: str = "", template: str | None = None) -> str:
    """The answer to the customer in the shop's words (setting chat_reply_template): the order, ongkir,
    total and how to pay."""
    shop = settings.all_settings()
    q = sale.preview(cart)
    items = "\n".join(
        f"- {qty_text(line.qty)} × {line.name}  {format_rupiah(lq.net)}"
        for line, lq in zip(cart.lines, q.lines, strict=True)
    )
    values = {
        "nama": name or _("Kak"),
        "barang": items,
        "total": format_rupiah(q.total),
        "ongkir": format_rupiah(q.delivery_fee) if q.delivery_fee else _("belum dihitung"),
        "bayar": how_to_pay(shop),
    }
    chosen = str(template if template is not None else shop.get("chat_reply_template") or "")
    try:
        whatsapp.check_template(chosen)
    except InvalidInput:
        chosen = str(settings.DEFAULTS["chat_reply_template"])
    return chosen.format(**values)


def reply_link(proposal: Proposal, text: str) -> str:
    """wa.me link to the customer who wrote (WhatsApp asks for the contact when no number was read)."""
    return whatsapp.link(proposal.phone or None, text)


def qris_for(cart: Cart) -> str:
    """The shop's QRIS with this order's total in it ('' when the shop has none)."""
    payload = str(settings.get("qris_payload") or "")
    if not payload:
        return ""
    return qris.to_dynamic(payload, sale.preview(cart).total)
