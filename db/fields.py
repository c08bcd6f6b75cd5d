"""Column types for the shop's numbers: exact quantities, rates and small JSON documents."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from peewee import BigIntegerField, TextField

QTY_PLACES = Decimal("0.001")
_MILLI = Decimal(1000)


def to_qty(value: Any) -> Decimal:
    """A quantity as a Decimal with 3 places (0.25 kg -> Decimal('0.250'))."""
    if value.__class__ is not Decimal:  # a Decimal is exact already; anything else goes through its text
        value = Decimal(str(value))
    return value.quantize(QTY_PLACES, rounding=ROUND_HALF_UP)


class QtyField(BigIntegerField):
    """A quantity kept exactly as whole thousandths in an integer column; Python sees a Decimal."""

    def db_value(self, value: Any) -> int | None:
        if value is None:
            return None
        return int(to_qty(value) * _MILLI)

    def python_value(self, value: Any) -> Decimal | None:
        if value is None:
            return None
        return (Decimal(int(value)) / _MILLI).quantize(QTY_PLACES)


class RateField(TextField):
    """A rate (0.11 for 11 %) kept as decimal text, so it is never a float."""

    def db_value(self, value: Any) -> str | None:
        return None if value is None else str(Decimal(str(value)))

    def python_value(self, value: Any) -> Decimal | None:
        return None if value is None else Decimal(value)


class JSONField(TextField):
    """A small JSON document (a cart, a rule's configuration)."""

    def db_value(self, value: Any) -> str | None:
        return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)

    def python_value(self, value: Any) -> Any:
        return None if value is None else json.loads(value)
