"""Small text helpers shared by the catalogue and the customer book."""

from __future__ import annotations

import unicodedata
from decimal import Decimal


def fold(text: str) -> str:
    """Lower case, accents folded, single spaces: the searched form ('Kopi Àpi' -> 'kopi api')."""
    text = text or ""
    if text.isascii():  # nothing to fold (most names): the same result, without the Unicode pass
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.lower().split())


def search_words(query: str) -> list[str]:
    return [w for w in fold(query).split(" ") if w][:6]


def clean(text: str, keep_newlines: bool = False, limit: int | None = None) -> str:
    """What a person typed, safe to store and print: control characters (ESC, NUL, …) out, runs of
    spaces made one, ends trimmed; newlines kept (one at a time) only where asked (notes, addresses);
    cut to `limit` characters when given."""
    text = str(text or "")
    if text.isprintable():  # no control character, no line break: only the spaces to tidy
        out = " ".join(text.split())
    elif keep_newlines:
        lines = ("".join(c for c in line if c.isprintable() or c == "\t") for line in text.splitlines())
        out = "\n".join(" ".join(line.split()) for line in lines).strip()
    else:
        out = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return out if limit is None else out[:limit].rstrip()


def printable(text: str) -> str:
    """Text safe for a printer or a page, its spacing kept: control and format characters (ESC, NUL, a
    right-to-left override, …) out, a tab, line break or other space one space. A note typed with
    "ESC p" never reaches the printer as a command."""
    text = str(text or "")
    if text.isprintable():
        return text
    out = []
    for c in text:
        kind = unicodedata.category(c)
        if c in "\t\n\r\x0b\x0c" or kind in ("Zs", "Zl", "Zp"):
            out.append(" ")
        elif kind not in ("Cc", "Cf", "Cs", "Co"):
            out.append(c)
    return "".join(out)


def plain_qty(qty: Decimal | int | str) -> str:
    """A quantity for files and JSON: 2 (not 2.000, not 2E+0), 0.5 (a decimal point)."""
    return format(Decimal(qty).normalize(), "f")


def qty_text(qty: Decimal) -> str:
    """A quantity as the shop writes it: 2 (not 2.000), 0,5 (a decimal comma), 1,25."""
    return plain_qty(qty).replace(".", ",")
