"""What a service changed, said once after it commits (the shape of Anki's OpChanges).

The database notes every table a transaction writes (db.writes); when a service's transaction commits,
pos.core.tx names the areas those tables belong to and tells every listener once. Screens listen (ui.events)
and refresh what shows an area that changed; nothing announces a change by hand, and a rolled-back service
announces nothing."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

# The shop's areas a screen can show, and the tables that hold each. The journal, the database's own marks
# and the tills' receipt counters belong to none: services write them along with what they change.
TABLES: dict[str, tuple[str, ...]] = {
    "sale": (
        "sale", "sale_line", "payment", "chat_text",
        "day_sales", "day_payment", "day_product", "week_product",
    ),
    "product": ("product", "category", "barcode", "price_change", "channel_price", "recipe_item"),
    "stock": ("stock_move", "batch", "purchase", "supplier"),
    "customer": (
        "customer", "customer_address", "customer_other_phone", "loyalty_entry", "stamp_card", "voucher",
        "kasbon_entry", "outreach", "balance",
    ),
    "settings": ("setting", "channel", "loyalty_program"),
    "staff": ("user", "role", "pin_failure"),
    "shift": ("shift", "cash_move", "closing"),
    "parked": ("parked_order",),
    "delivery": ("delivery_order",),
}  # fmt: skip
UNNAMED = frozenset({"journal_entry", "meta", "register"})
AREA_OF = {table: area for area, tables in TABLES.items() for table in tables}


@dataclass(frozen=True)
class Changes:
    """The areas one committed service changed: `"sale" in changes`."""

    areas: frozenset[str]

    def __contains__(self, area: object) -> bool:
        return area in self.areas

    def __bool__(self) -> bool:
        return bool(self.areas)

    def any(self, *areas: str) -> bool:
        return not self.areas.isdisjoint(areas)


def of_tables(tables: Iterable[str]) -> Changes:
    return Changes(frozenset(AREA_OF[t] for t in tables if t in AREA_OF))


_listeners: list[Callable[[Changes], None]] = []


def listen(listener: Callable[[Changes], None]) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def stop_listening(listener: Callable[[Changes], None]) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def announce(changes: Changes) -> None:
    """Tell every listener, in the order they listened; nothing when nothing changed. The service has
    committed: a listener that fails is logged, never turned into a failed sale."""
    if changes:
        for listener in list(_listeners):
            try:
                listener(changes)
            except Exception:
                logging.getLogger(__name__).exception("a listener failed on %s", sorted(changes.areas))
