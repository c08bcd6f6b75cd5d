"""Indonesian phone numbers: 0812-3456-7890, +62 812 3456 7890, 0062 812..., 62812..., 812... and the same
written with en/em dashes or full-width digits (０８１２…, as a phone's keyboard may type them) are one
person: 62812..."""

from __future__ import annotations

import re

from pos.core.errors import InvalidPhone

_SEPARATORS = re.compile(r"[\s\-().\u2010-\u2015\u2212]")  # hyphens, en/em dashes and the minus sign too
# full-width digits, plus, hyphen and brackets -> ASCII (not NFKC: that would read ³ or ² as digits)
_FULL_WIDTH = str.maketrans(
    {**{0xFF10 + d: str(d) for d in range(10)}, 0xFF0B: "+", 0xFF0D: "-", 0xFF08: "(", 0xFF09: ")"}
)


def normalise(text: str) -> str:
    """The identity form 62XXXXXXXXX (mobile numbers 8..., 9-12 digits after 62). Raises InvalidPhone."""
    raw = _SEPARATORS.sub("", str(text or "").translate(_FULL_WIDTH))
    if raw.startswith("0062"):  # the international prefix 00 written for +
        raw = "+" + raw[2:]
    digits = raw[1:] if raw.startswith("+") else raw
    if not (digits.isascii() and digits.isdigit()):
        raise InvalidPhone(text=text)
    if digits.startswith("62"):
        local = digits[2:]
    elif digits.startswith("0"):
        local = digits[1:]
    else:
        local = digits
    local = local.lstrip("0") if raw.startswith("+62") else local
    if not local.startswith("8") or not 9 <= len(local) <= 12:
        raise InvalidPhone(text=text)
    return "62" + local


def looks_like_phone(text: str) -> bool:
    raw = _SEPARATORS.sub("", (text or "").translate(_FULL_WIDTH)).lstrip("+")
    return raw.isdigit() and len(raw) >= 4


def local_form(phone: str) -> str:
    """62812... -> 0812-3456-7890 for people to read."""
    local = "0" + phone[2:] if phone.startswith("62") else phone
    middle = 3 if len(local) <= 11 else 4
    return "-".join(part for part in (local[:4], local[4 : 4 + middle], local[4 + middle :]) if part)


def masked(phone: str | None) -> str:
    """0812****7890 for a receipt."""
    if not phone:
        return ""
    local = "0" + phone[2:] if phone.startswith("62") else phone
    return local[:4] + "*" * max(0, len(local) - 8) + local[-4:]
