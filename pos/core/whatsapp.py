"""WhatsApp without any API: a https://wa.me/62…?text=… link the desktop's browser opens, and the
shop's chat reply template."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from pos.core import phone
from pos.core.errors import InvalidInput
from pos.core.i18n import N_


def link(number: str | None, text: str) -> str:
    """wa.me link to `number` (any written form) with `text`; without a number WhatsApp asks for a contact."""
    target = phone.normalise(number) if number else ""
    return f"https://wa.me/{target}?text={quote(text, safe='')}"


REPLY_PLACEHOLDERS = ("nama", "barang", "total", "ongkir", "bayar")


def check_template(template: Any) -> None:
    """A reply template uses only {nama} {barang} {total} {ongkir} {bayar}. Raises InvalidInput."""
    try:
        if not isinstance(template, str) or len(template) > 2_000:
            raise ValueError(template)
        template.format(**{key: "" for key in REPLY_PLACEHOLDERS})
    except (KeyError, ValueError, IndexError, AttributeError) as exc:
        raise InvalidInput(
            N_("Template balasan hanya boleh memakai {names} (paling panjang 2.000 huruf)."),
            names="{nama} {barang} {total} {ongkir} {bayar}",
        ) from exc
