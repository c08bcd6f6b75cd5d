"""vCard (.vcf), the contacts export of every phone: versions 2.1 (Android's, with quoted-printable
values and soft line breaks), 3.0 and 4.0, read into plain contacts (name, numbers with their types,
birthday, address, note, categories). Nothing is checked here; the customer import judges the contacts.
"""

from __future__ import annotations

import quopri
import re
from dataclasses import dataclass, field
from pathlib import Path

from pos.core import tabular
from pos.core.errors import FileUnreadable
from pos.core.i18n import _


@dataclass
class Card:
    """One contact of a .vcf: texts decoded (quoted-printable, charsets, escapes), nothing checked."""

    line: int  # the line of its BEGIN:VCARD
    name: str = ""
    phones: list[tuple[frozenset[str], str]] = field(default_factory=list)  # (types, number) in order
    birthday: str = ""
    address: str = ""
    note: str = ""
    categories: list[str] = field(default_factory=list)

    def mobile_first(self) -> list[str]:
        """Numbers marked as mobile (CELL) first, then the others, each group in the file's order."""
        cell = [n for types, n in self.phones if types & {"CELL", "MOBILE", "IPHONE"}]
        return cell + [n for types, n in self.phones if not types & {"CELL", "MOBILE", "IPHONE"}]


def _text_of(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def is_vcard(path: str | Path) -> bool:
    """By content: the file starts with BEGIN:VCARD (whatever its name)."""
    try:
        with Path(path).open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return _text_of(head).lstrip().upper().startswith("BEGIN:VCARD")


def _split_unescaped(value: str, sep: str) -> list[str]:
    parts, current, escaped = [], [], False
    for char in value:
        if escaped:
            current.append("\\" + char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == sep:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _unescape(value: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] in "nN" else m[1], value)


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """Unfolded property lines with the number of their first physical line: a line starting with a
    space or tab continues the one before (RFC 6350 folding), and a quoted-printable value ending in '='
    continues on the next line (vCard 2.1 soft line breaks, as Android writes them)."""
    out: list[tuple[int, str]] = []
    soft = False
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        if out and soft:
            line, current = out[-1]
            out[-1] = (line, current[:-1] + raw.lstrip(" \t"))
        elif out and raw[:1] in (" ", "\t"):
            line, current = out[-1]
            out[-1] = (line, current + raw[1:])
        elif raw.strip():
            out.append((number, raw))
        else:
            soft = False
            continue
        current = out[-1][1]
        head = current.split(":", 1)[0].upper()
        soft = "QUOTED-PRINTABLE" in head and ":" in current and current.endswith("=")
    return out


def _property(line: str) -> tuple[str, dict[str, str], frozenset[str], str] | None:
    """'item1.TEL;TYPE=CELL;CHARSET=UTF-8:0812...' -> ('TEL', params, types, value)."""
    quoted, cut = False, -1
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            cut = index
            break
    if cut < 0:
        return None
    left, value = line[:cut], line[cut + 1 :]
    pieces = left.split(";")
    name = pieces[0].rsplit(".", 1)[-1].strip().upper()
    params: dict[str, str] = {}
    types: set[str] = set()
    for piece in pieces[1:]:
        key, has_value, val = piece.partition("=")
        key, val = key.strip().upper(), val.strip().strip('"')
        if not has_value:  # vCard 2.1: ";CELL;PREF" and ";QUOTED-PRINTABLE"
            if key in ("QUOTED-PRINTABLE", "BASE64", "B"):
                params["ENCODING"] = key
            else:
                types.add(key)
        elif key == "TYPE":
            types.update(t.strip().upper() for t in val.split(",") if t.strip())
        else:
            params[key] = val
    return name, params, frozenset(types), value


def _decoded(params: dict[str, str], value: str) -> str | None:
    encoding = params.get("ENCODING", "").upper()
    if encoding in ("B", "BASE64"):
        return None  # a photo or a key, nothing for the customer book
    if encoding == "QUOTED-PRINTABLE":
        data = quopri.decodestring(value.encode("utf-8"))
        charset = params.get("CHARSET", "utf-8") or "utf-8"
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            return data.decode("cp1252", errors="replace")
    return value


def read_cards(path: str | Path) -> list[Card]:
    """Every contact of a vCard file (2.1, 3.0, 4.0). Raises FileUnreadable for one it cannot use."""
    path = Path(path)
    try:
        if path.stat().st_size > tabular.MAX_BYTES:
            raise FileUnreadable(
                name=path.name, why=_("lebih besar dari {mb} MB").format(mb=tabular.MAX_BYTES // 2**20)
            )
        text = _text_of(path.read_bytes())
    except OSError as exc:
        raise FileUnreadable(name=path.name, why=exc.strerror or str(exc)) from exc
    cards: list[Card] = []
    card: Card | None = None
    fallback: dict[str, str] = {}
    for line, raw in _logical_lines(text):
        parsed = _property(raw)
        if parsed is None:
            continue
        name, params, types, value = parsed
        if name == "BEGIN" and value.strip().upper() == "VCARD":
            card, fallback = Card(line), {}
            continue
        if card is None:
            continue
        if name == "END" and value.strip().upper() == "VCARD":
            card.name = (
                card.name or fallback.get("N", "") or fallback.get("ORG", "") or fallback.get("NICKNAME", "")
            )
            cards.append(card)
            if len(cards) > tabular.MAX_ROWS:
                raise FileUnreadable(
                    name=path.name,
                    why=_("lebih dari {n} baris; bagi menjadi beberapa file").format(n="100.000"),
                )
            card = None
            continue
        decoded = _decoded(params, value)
        if decoded is None:
            continue
        if name == "FN":
            card.name = _unescape(decoded).strip()
        elif name == "N":
            family, given, middle, prefix, suffix = (_split_unescaped(decoded, ";") + [""] * 5)[:5]
            in_order = (prefix, given, middle, family, suffix)
            fallback["N"] = " ".join(_unescape(p).strip() for p in in_order if p.strip())
        elif name in ("ORG", "NICKNAME"):
            fallback[name] = _unescape(_split_unescaped(decoded, ";")[0]).strip()
        elif name == "TEL":
            number = decoded.strip()
            if number.lower().startswith("tel:"):
                number = number[4:].split(";", 1)[0]
            if number:
                card.phones.append((types, number))
        elif name == "BDAY" and not card.birthday:
            card.birthday = decoded.strip()
            if "X-APPLE-OMIT-YEAR" in params and re.match(r"\d{4}-\d{2}-\d{2}", card.birthday):
                card.birthday = "--" + card.birthday[5:10]
        elif name == "ADR" and not card.address:
            parts = [_unescape(p).strip() for p in _split_unescaped(decoded, ";")]
            card.address = ", ".join(p for p in parts if p)
        elif name == "NOTE":
            card.note = "\n".join(p for p in (card.note, _unescape(decoded).strip()) if p)
        elif name == "CATEGORIES":
            card.categories += [_unescape(c).strip() for c in _split_unescaped(decoded, ",") if c.strip()]
    if not cards:
        raise FileUnreadable(name=path.name, why=_("tidak ada kontak (BEGIN:VCARD … END:VCARD) di dalamnya"))
    return cards
