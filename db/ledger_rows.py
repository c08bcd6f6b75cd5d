"""The ledgers' SQL for `verify`, written once: balances that differ from the sum of their ledger
(points, kasbon, stock on hand), the waste written off per product, each sale's kasbon entry against its
kasbon payment, the tab payments and the points corrections, the stored settings."""

from __future__ import annotations

from typing import Any, NamedTuple

from db import fast


class Mismatch(NamedTuple):
    """A customer or product whose kept balance is not the sum of its ledger."""

    id: int
    name: str
    kept: int
    fresh: int  # the ledger's sum


class SaleKasbon(NamedTuple):
    number: str | None  # None when the sale is gone
    entry: int  # the sale's kasbon entries added up
    paid: int  # the sale's kasbon payments added up


class TabPayment(NamedTuple):
    """A kasbon entry of no sale: a tab paid off (negative) or set by hand."""

    customer_id: int
    method: str
    amount: int


class PointsAdjustment(NamedTuple):
    customer_id: int
    points: int


class StoredSetting(NamedTuple):
    key: str
    value: Any  # as stored: JSON text


def _mismatches(sql: str) -> list[Mismatch]:
    return [Mismatch(int(i), str(name), int(kept), int(fresh)) for i, name, kept, fresh in fast.rows(sql, [])]


def points_mismatches() -> list[Mismatch]:
    """Customers whose points are not the sum of their loyalty entries, by id."""
    return _mismatches(
        'SELECT c."id", c."name", c."points", COALESCE(l."s", 0) FROM "customer" c LEFT JOIN '
        '(SELECT "customer_id", SUM("points") AS "s" FROM "loyalty_entry" GROUP BY "customer_id") l '
        'ON l."customer_id" = c."id" WHERE c."points" <> COALESCE(l."s", 0) ORDER BY c."id"'
    )


def kasbon_mismatches() -> list[Mismatch]:
    """Customers whose tab is not the sum of their kasbon entries, by id."""
    return _mismatches(
        'SELECT c."id", c."name", c."kasbon", COALESCE(l."s", 0) FROM "customer" c LEFT JOIN '
        '(SELECT "customer_id", SUM("amount") AS "s" FROM "kasbon_entry" GROUP BY "customer_id") l '
        'ON l."customer_id" = c."id" WHERE c."kasbon" <> COALESCE(l."s", 0) ORDER BY c."id"'
    )


def stock_mismatches() -> list[Mismatch]:
    """Products whose stock on hand is not the sum of their stock moves, by id (whole thousandths)."""
    return _mismatches(
        'SELECT p."id", p."name", p."on_hand", COALESCE(m."s", 0) FROM "product" p LEFT JOIN '
        '(SELECT "product_id", SUM("qty") AS "s" FROM "stock_move" GROUP BY "product_id") m '
        'ON m."product_id" = p."id" WHERE p."on_hand" <> COALESCE(m."s", 0) ORDER BY p."id"'
    )


def waste_by_product() -> dict[int, int]:
    """product id -> the waste moves' quantities added up (whole thousandths, negative: taken out)."""
    return {
        int(pid): int(qty or 0)
        for pid, qty in fast.rows(
            'SELECT "product_id", SUM("qty") FROM "stock_move" WHERE "kind" = \'waste\' '
            'GROUP BY "product_id"',
            [],
        )
    }


def sale_kasbon() -> list[SaleKasbon]:
    """Per sale with kasbon entries: its number, the entries and the kasbon payments added up."""
    return [
        SaleKasbon(number, int(entry), int(paid))
        for number, entry, paid in fast.rows(
            'SELECT s."number", SUM(k."amount"), (SELECT COALESCE(SUM(p."amount"), 0) FROM "payment" p '
            'WHERE p."sale_id" = k."sale_id" AND p."method" = \'kasbon\') FROM "kasbon_entry" k '
            'LEFT JOIN "sale" s ON s."id" = k."sale_id" WHERE k."sale_id" IS NOT NULL '
            'GROUP BY k."sale_id", s."number"',
            [],
        )
    ]


def tab_payments() -> list[TabPayment]:
    return [
        TabPayment(int(cid), str(method), int(amount))
        for cid, method, amount in fast.rows(
            'SELECT "customer_id", "method", "amount" FROM "kasbon_entry" WHERE "sale_id" IS NULL', []
        )
    ]


def points_adjustments() -> list[PointsAdjustment]:
    """The loyalty entries of kind 'adjust' (manual corrections)."""
    return [
        PointsAdjustment(int(cid), int(points))
        for cid, points in fast.rows(
            'SELECT "customer_id", "points" FROM "loyalty_entry" WHERE "kind" = \'adjust\'', []
        )
    ]


def stored_settings() -> list[StoredSetting]:
    return [StoredSetting(str(k), v) for k, v in fast.rows('SELECT "key", "value" FROM "setting"', [])]
