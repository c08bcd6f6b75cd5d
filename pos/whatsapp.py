"""WhatsApp without any API: a https://wa.me/62…?text=… link the desktop's browser opens."""

from __future__ import annotations

from urllib.parse import quote

from pos import phone


def link(number: str | None, text: str) -> str:
    """wa.me link to `number` (any written form) with `text`; without a number WhatsApp asks for a contact."""
    target = phone.normalise(number) if number else ""
    return f"https://wa.me/{target}?text={quote(text, safe='')}"
