"""Column types for the shop's numbers: exact quantities, rates and small JSON documents."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, Self, overload

from peewee import BigIntegerField, TextField

QTY_PLACES = Decimal("0.001")
_MILLI = Decimal(1000)


def to_qty(value: Any) -> Decimal:
    """A quantity as a Decimal with 3 places (0.25 kg -> Decimal('0.250'))."""
    # a Decimal is exact already; anything else goes through its text
    qty: Decimal = value if value.__class__ is Decimal else Decimal(str(value))
    return qty.quantize(QTY_PLACES, rounding=ROUND_HALF_UP)


def to_milli(value: Any) -> int:
    """A quantity as the whole thousandths QtyField keeps (Decimal('0.25') -> 250)."""
    return int(to_qty(value) * _MILLI)


class QtyField(BigIntegerField):  # type: ignore[misc]  # peewee is read as Any (setup.cfg)
    """A quantity kept exactly as whole thousandths in an integer column; Python sees a Decimal."""

    if TYPE_CHECKING:  # on the model class the column (for queries), on a row its Decimal

        @overload
        def __get__(self, instance: None, owner: Any) -> Self: ...
        @overload
        def __get__(self, instance: object, owner: Any) -> Decimal: ...
        def __get__(self, instance: object, owner: Any) -> Any: ...

    def db_value(self, value: Any) -> int | None:
        if value is None:
            return None
        return to_milli(value)

    def python_value(self, value: Any) -> Decimal | None:
        if value is None:
            return None
        return (Decimal(int(value)) / _MILLI).quantize(QTY_PLACES)


class RateField(TextField):  # type: ignore[misc]  # peewee is read as Any (setup.cfg)
    """A rate (0.11 for 11 %) kept as decimal text, so it is never a float."""

    if TYPE_CHECKING:  # on the model class the column (for queries), on a row its Decimal

        @overload
        def __get__(self, instance: None, owner: Any) -> Self: ...
        @overload
        def __get__(self, instance: object, owner: Any) -> Decimal: ...
        def __get__(self, instance: object, owner: Any) -> Any: ...

    def db_value(self, value: Any) -> str | None:
        return None if value is None else str(Decimal(str(value)))

    def python_value(self, value: Any) -> Decimal | None:
        return None if value is None else Decimal(value)


class JSONField(TextField):  # type: ignore[misc]  # peewee is read as Any (setup.cfg)
    """A small JSON document (a cart, a rule's configuration)."""

    if TYPE_CHECKING:  # on the model class the column (for queries), on a row the document

        @overload
        def __get__(self, instance: None, owner: Any) -> Self: ...
        @overload
        def __get__(self, instance: object, owner: Any) -> Any: ...
        def __get__(self, instance: object, owner: Any) -> Any: ...

    def db_value(self, value: Any) -> str | None:
        return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)

    def python_value(self, value: Any) -> Any:
        return None if value is None else json.loads(value)
