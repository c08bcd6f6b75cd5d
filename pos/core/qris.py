"""QRIS (EMVCo merchant-presented QR): check the shop's static code and make a dynamic one for an amount.

The payload is a row of TLV fields: 2-digit tag, 2-digit length, value. Tag 01 is the point of
initiation (11 static, 12 dynamic), 54 the amount, 58 the country, 63 the CRC over everything before
it including '6304'. CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, xorout 0.
"""

from __future__ import annotations

import binascii

from pos.core.errors import QrisInvalid
from pos.core.i18n import _
from pos.core.money import MAX_AMOUNT

Field = tuple[str, str]


def crc16(text: str) -> str:
    """CRC-16/CCITT-FALSE of `text` as 4 upper-case hex digits; crc16('123456789') == '29B1'.
    `binascii.crc_hqx` with init 0xFFFF is exactly that CRC, in C."""
    return f"{binascii.crc_hqx(text.encode('utf-8'), 0xFFFF):04X}"


def _split(payload: str) -> list[Field]:
    fields: list[Field] = []
    pos = 0
    while pos < len(payload):
        head = payload[pos : pos + 4]
        if len(head) < 4 or not head.isdigit():
            raise QrisInvalid(why=_("struktur rusak di posisi {pos}").format(pos=pos))
        tag, length = head[:2], int(head[2:])
        value = payload[pos + 4 : pos + 4 + length]
        if len(value) != length:
            raise QrisInvalid(why=_("panjang isian {tag} tidak cocok").format(tag=tag))
        fields.append((tag, value))
        pos += 4 + length
    return fields


def parse(payload: str) -> list[Field]:
    """The fields of a QRIS payload, in order. Raises QrisInvalid for a bad structure or CRC."""
    payload = (payload or "").strip()
    if not payload.startswith("000201"):
        raise QrisInvalid(why=_("harus diawali 000201"))
    fields = _split(payload)
    tags = [tag for tag, _value in fields]
    if tags[-1] != "63" or len(fields[-1][1]) != 4:
        raise QrisInvalid(why=_("CRC (63) tidak ada di akhir"))
    if tags.count("63") != 1:
        raise QrisInvalid(why=_("CRC (63) ganda"))
    expected = crc16(payload[:-4])
    if fields[-1][1].upper() != expected:
        raise QrisInvalid(
            why=_("CRC salah (tertulis {got}, seharusnya {want})").format(got=fields[-1][1], want=expected)
        )
    for needed, name in (
        ("01", _("titik inisiasi (01)")),
        ("53", _("mata uang (53)")),
        ("58", _("negara (58)")),
        ("59", _("nama merchant (59)")),
    ):
        if needed not in tags:
            raise QrisInvalid(why=_("{name} tidak ada").format(name=name))
    return fields


def build(fields: list[Field]) -> str:
    """Serialise fields (without 63) and append a fresh CRC."""
    body = "".join(f"{tag}{len(value):02d}{value}" for tag, value in fields if tag != "63") + "6304"
    return body + crc16(body)


def to_dynamic(static_payload: str, amount: int) -> str:
    """A dynamic QRIS for exactly `amount` rupiah from the shop's static QRIS."""
    if not isinstance(amount, int) or isinstance(amount, bool) or not 0 < amount <= MAX_AMOUNT:
        raise QrisInvalid(why=_("nominal {amount} tidak valid").format(amount=amount))
    fields = [
        (tag, value) for tag, value in parse(static_payload) if tag not in ("54", "55", "56", "57", "63")
    ]
    fields = [(tag, "12" if tag == "01" else value) for tag, value in fields]
    at = next((i for i, (tag, _value) in enumerate(fields) if int(tag) > 54), len(fields))
    fields.insert(at, ("54", str(amount)))
    return build(fields)


def merchant_name(payload: str) -> str:
    return dict(parse(payload)).get("59", "")


def amount_of(payload: str) -> int | None:
    value = dict(parse(payload)).get("54")
    return int(value) if value else None
