"""Which register (till) this process is. One Kasir on one machine is one register, K1 by default."""

from __future__ import annotations

from db.models import Register

_code = "K1"
_row: Register | None = None


def use(code: str) -> None:
    global _code, _row
    _code, _row = code, None


def code() -> str:
    return _code


def register() -> Register:
    """This till's row (its counters are read fresh where they matter: numbering and shifts)."""
    global _row
    if _row is None:
        row = Register.get_or_none(Register.code == _code)
        _row = row if row is not None else Register.create(code=_code, name=f"Kasir {_code}")
    return _row
