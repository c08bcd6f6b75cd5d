"""Stock's hot-path SQL, written once: a sale's products locked with what is on hand, their open batches,
and the basket's change of what is on hand, in one statement each."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from db import fast


class OpenBatch(NamedTuple):
    id: int
    product_id: int
    expires_on: date | str | None  # as the driver gives it: text on SQLite, a date on PostgreSQL
    qty_left: Decimal
    qty_received: Decimal


class OnHand(NamedTuple):
    name: str
    on_hand: Decimal


class Locked(NamedTuple):
    """A sale's products as it locked them: what is on hand, and their batches (FEFO order)."""

    on_hand: dict[int, OnHand]
    batches: list[OpenBatch]


def lock_on_hand(product_ids: list[int]) -> Locked:
    """What is on hand of these products and their batches, read in one statement; on PostgreSQL the
    products' rows locked, lowest id first, until the transaction ends (a sale takes them before it checks
    stock or takes from a batch)."""
    found = fast.rows(
        'SELECT p."id", p."name", p."on_hand", b."id", b."expires_on", b."qty_left", b."qty_received" '
        'FROM "product" p LEFT JOIN "batch" b ON b."product_id" = p."id" WHERE p."id" IN (?*) '
        'ORDER BY p."id", b."expires_on", b."id"' + fast.for_update(" OF p"),
        sorted(product_ids),
    )
    on_hand, batches = {}, []
    for pid, name, held, bid, expires, left, received in found:
        on_hand[int(pid)] = OnHand(str(name), Decimal(int(held)) / 1000)
        if bid is not None:
            batches.append(_batch(bid, pid, expires, left, received))
    return Locked(on_hand, batches)


def _batch(bid: Any, pid: Any, expires: Any, left: Any, received: Any) -> OpenBatch:
    return OpenBatch(int(bid), int(pid), expires, Decimal(int(left)) / 1000, Decimal(int(received)) / 1000)


def open_batches(product_ids: list[int]) -> list[OpenBatch]:
    """The batches of these products, earliest expiry first (FEFO)."""
    found = fast.rows(
        'SELECT "id", "product_id", "expires_on", "qty_left", "qty_received" FROM "batch" '
        'WHERE "product_id" IN (?*) ORDER BY "expires_on", "id"',
        product_ids,
    )
    return [_batch(*row) for row in found]


def add_on_hand(totals: dict[int, Decimal]) -> None:
    """Add each product's quantity to what is on hand, in one statement for the whole basket."""
    ids = sorted(totals)
    fast.run(
        'UPDATE "product" SET "on_hand" = "on_hand" + CASE "id" '
        + "WHEN ? THEN CAST(? AS INTEGER) " * len(ids)  # typed, so PostgreSQL can prepare it
        + 'END WHERE "id" IN (?*)',
        [v for pid in ids for v in (pid, int(totals[pid] * 1000))] + ids,
    )
