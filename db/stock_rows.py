"""Stock's hot-path SQL, written once: the open batches of a sale's products and the basket's change of
what is on hand, in one statement each."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from db import fast


class OpenBatch(NamedTuple):
    id: int
    product_id: int
    expires_on: date | str | None  # as the driver gives it: text on SQLite, a date on PostgreSQL
    qty_left: Decimal
    qty_received: Decimal


def open_batches(product_ids: list[int]) -> list[OpenBatch]:
    """The batches of these products, earliest expiry first (FEFO)."""
    found = fast.rows(
        'SELECT "id", "product_id", "expires_on", "qty_left", "qty_received" FROM "batch" '
        'WHERE "product_id" IN (?*) ORDER BY "expires_on", "id"',
        product_ids,
    )
    return [
        OpenBatch(int(bid), int(pid), expires, Decimal(int(left)) / 1000, Decimal(int(received)) / 1000)
        for bid, pid, expires, left, received in found
    ]


def add_on_hand(totals: dict[int, Decimal]) -> None:
    """Add each product's quantity to what is on hand, in one statement for the whole basket."""
    ids = sorted(totals)
    fast.run(
        'UPDATE "product" SET "on_hand" = "on_hand" + CASE "id" '
        + "WHEN ? THEN ? " * len(ids)
        + 'END WHERE "id" IN (?*)',
        [v for pid in ids for v in (pid, int(totals[pid] * 1000))] + ids,
    )
