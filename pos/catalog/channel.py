"""Sales channels: walk-in, own delivery, social orders, and food aggregators with markup and commission."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from db.models import Channel
from pos.core import caches
from pos.core.errors import UnknownOrderType
from pos.core.i18n import N_
from pos.core.money import apply_rate
from pos.core.tx import service

# code: (name, kind, markup, commission, fixed fee, earns points)
DEFAULT_CHANNELS: dict[str, tuple[str, str, str, str, int, bool]] = {
    "walk_in": (N_("Datang langsung"), "counter", "0", "0", 0, True),
    "delivery": (N_("Antar sendiri"), "delivery", "0", "0", 0, True),
    "whatsapp": ("WhatsApp", "social", "0", "0", 0, True),
    "facebook": ("Facebook", "social", "0", "0", 0, True),
    "instagram": ("Instagram", "social", "0", "0", 0, True),
    "gofood": ("GoFood", "aggregator", "0.20", "0.20", 0, False),
    "grabfood": ("GrabFood", "aggregator", "0.20", "0.20", 0, False),
    "shopeefood": ("ShopeeFood", "aggregator", "0.20", "0.20", 0, False),
}

ORDER_TYPES = {"dine_in": N_("Makan di tempat"), "take_away": N_("Bungkus"), "delivery": N_("Diantar")}
FOOD_ORDER_TYPES = ("dine_in", "take_away")  # asked only where the shop sells food (setting food_orders)


def order_type_for(code: str, food_orders: bool) -> str:
    """What a sale stores as its order type: a delivery stays one; eat here / take away only in a shop that
    sells food (a grocery's sales were all marked "Bungkus"); nothing otherwise."""
    if code not in ("", *ORDER_TYPES):
        raise UnknownOrderType(code=code)
    return code if code == "delivery" or food_orders else ""


def ensure_channels() -> None:
    for sort, (code, (name, kind, markup, rate, fixed, earns)) in enumerate(DEFAULT_CHANNELS.items()):
        Channel.get_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "markup_rate": markup,
                "commission_rate": rate,
                "commission_fixed": fixed,
                "earns_points": earns,
                "sort": sort,
            },
        )


_cache: dict[str, Channel] = {}


def get(code: str) -> Channel:
    """A channel by code (kept in memory: channels change only through configure())."""
    caches.refresh()
    row = _cache.get(code) if caches.usable() else None
    if row is None:
        row = Channel.get(Channel.code == code)
        if caches.usable():
            _cache[code] = row
    return row


def forget() -> None:
    _cache.clear()


caches.register(forget)


@dataclass(frozen=True)
class ChannelRow:
    code: str
    name: str  # as stored (N_ marked): the screen translates it
    kind: str
    active: bool
    earns_points: bool
    markup_rate: Decimal
    commission_rate: Decimal
    commission_fixed: int


def listing() -> list[ChannelRow]:
    """Every channel, in use or not, in the shop's order (what Pengaturan → Saluran penjualan edits)."""
    return [
        ChannelRow(
            c.code,
            c.name,
            c.kind,
            bool(c.active),
            bool(c.earns_points),
            Decimal(c.markup_rate),
            Decimal(c.commission_rate),
            int(c.commission_fixed),
        )
        for c in Channel.select().order_by(Channel.sort)
    ]


def active() -> list[Channel]:
    return list(Channel.select().where(Channel.active == True).order_by(Channel.sort))  # noqa: E712


def commission(channel: Channel, order_value: int) -> int:
    """The aggregator's cut of an order: rate x order value + fixed fee per order."""
    if channel.kind != "aggregator":
        return 0
    return apply_rate(order_value, Decimal(channel.commission_rate)) + int(channel.commission_fixed)


@service
def configure(
    code: str,
    *,
    markup_rate: Decimal,
    commission_rate: Decimal,
    commission_fixed: int,
    active: bool = True,
    earns_points: bool | None = None,
) -> None:
    forget()
    channel = Channel.get(Channel.code == code)
    channel.markup_rate = markup_rate
    channel.commission_rate = commission_rate
    channel.commission_fixed = commission_fixed
    channel.active = active
    if earns_points is not None:
        channel.earns_points = earns_points
    channel.save()
    forget()
