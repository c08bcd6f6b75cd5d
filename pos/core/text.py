"""Small text helpers shared by the catalogue and the customer book."""

from __future__ import annotations

import re
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


_ZWJ = "\u200d"
# before an emoji's joiner: an emoji, a skin tone, U+FE0F, a keycap mark; "Cn" an emoji Python can't name
_BEFORE_JOINER = {"So", "Sk", "Mn", "Me", "Cn"}
_AFTER_JOINER = {"So", "Cn"}
_FLAG_TAGS = re.compile("\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f")  # 🏴 + tag letters + cancel tag
_BLANK_LINES = re.compile("\n{3,}")


def _tidied(text: str) -> str:
    """Format characters out (direction overrides, isolates and marks, zero-width spaces, a BOM, a soft
    hyphen, tag letters), but a zero-width joiner between two parts of an emoji (👨‍👩‍👧, ❤️‍🔥) and the tag
    letters of a flag (🏴󠁧󠁢󠁳󠁣󠁴󠁿); lone surrogates out; a control character other than a space or line break
    a space."""
    tags = {i for m in _FLAG_TAGS.finditer(text) for i in range(m.start() + 1, m.end())}
    out = []
    last = len(text) - 1
    for i, c in enumerate(text):
        kind = unicodedata.category(c)
        if kind == "Cf":
            if i in tags or (
                c == _ZWJ
                and 0 < i < last
                and unicodedata.category(text[i - 1]) in _BEFORE_JOINER
                and unicodedata.category(text[i + 1]) in _AFTER_JOINER
            ):
                out.append(c)
        elif kind == "Cc":
            out.append(c if c.isspace() else " ")
        elif kind != "Cs":
            out.append(c)
    return "".join(out)


def clean(text: str | None, keep_newlines: bool = False, limit: int | None = None) -> str:
    """What a person typed or a file held, safe to store, show and print: format characters out but
    those an emoji needs (see _tidied), other control characters (ESC, NUL, …) a space, runs of spaces
    and tabs made one, ends trimmed; line breaks kept only where asked (notes, addresses), with one blank
    line at most; cut to `limit` characters when given, no space or half an emoji left at the end."""
    text = str(text or "")
    if text.isprintable():  # no control or format character, no line break: only the spaces to tidy
        out = " ".join(text.split())
    elif keep_newlines:
        lines = (" ".join(line.split()) for line in _tidied(text).splitlines())
        out = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    else:
        out = " ".join(_tidied(text).split())
    if limit is None or len(out) <= limit:
        return out
    out = out[:limit]
    return (out if out.isprintable() else _tidied(out)).rstrip()


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
