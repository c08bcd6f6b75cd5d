"""Which register (till) this process is. One Kasir on one machine is one register, K1 by default.

A register's code is printed in every receipt number (K2-000123), so it is short and plain: 1 to 8 letters,
digits or '-', starting with a letter or digit. Opening Kasir to sell makes a register that does not exist
yet; a command that only reads (a report, verify) never does — it says the code is unknown instead.
"""

from __future__ import annotations

import re

from db.models import Register
from pos.core.errors import InvalidInput
from pos.core.i18n import N_

_CODE = re.compile(r"[A-Z0-9][A-Z0-9-]{0,7}")
_code = "K1"
_row: Register | None = None
_may_create = True


class InvalidRegister(InvalidInput):
    template = N_(
        "Kode kasir '{code}' tidak bisa dipakai: 1 sampai 8 huruf atau angka (boleh tanda -), "
        "misalnya K1 atau K2."
    )


class UnknownRegister(InvalidInput):
    template = N_(
        "Kasir {code} belum ada di toko ini (yang ada: {known}). Buka Kasir untuk berjualan di mesin itu "
        "sekali, atau pilih --register yang benar."
    )


def checked(code: str) -> str:
    """The register code as stored (upper case, no spaces around), or InvalidRegister."""
    text = (code or "").strip().upper()
    if not _CODE.fullmatch(text):
        raise InvalidRegister(code=(code or "")[:20])
    return text


def use(code: str, create: bool = True) -> None:
    """This process is register `code`; with `create` False its row must exist already."""
    global _code, _row, _may_create
    _code, _row, _may_create = checked(code), None, create


def code() -> str:
    return _code


def register() -> Register:
    """This till's row (its counters are read fresh where they matter: numbering and shifts)."""
    global _row
    if _row is None:
        row = Register.get_or_none(Register.code == _code)
        if row is None and not _may_create:
            known = ", ".join(c for (c,) in Register.select(Register.code).order_by(Register.code).tuples())
            raise UnknownRegister(code=_code, known=known or "-")
        _row = row if row is not None else Register.create(code=_code, name=f"Kasir {_code}")
    return _row
