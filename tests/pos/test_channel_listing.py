"""Pengaturan → Saluran penjualan reads every channel as a plain row, in the shop's order, in use or not."""

from __future__ import annotations

from decimal import Decimal

from pos.catalog import channel
from pos.catalog.channel import ChannelRow


def test_every_channel_in_order_with_its_rules(owner):
    channel.configure(
        "gofood",
        markup_rate=Decimal("0.25"),
        commission_rate=Decimal("0.2"),
        commission_fixed=1_000,
        active=False,
        earns_points=True,
    )
    rows = channel.listing()
    assert [r.code for r in rows] == [
        "walk_in",
        "delivery",
        "whatsapp",
        "facebook",
        "instagram",
        "gofood",
        "grabfood",
        "shopeefood",
    ]
    assert rows[0] == ChannelRow(
        "walk_in", "Datang langsung", "counter", True, True, Decimal(0), Decimal(0), 0
    )
    assert rows[5] == ChannelRow(
        "gofood", "GoFood", "aggregator", False, True, Decimal("0.25"), Decimal("0.2"), 1_000
    )
    assert rows[6] == ChannelRow(
        "grabfood", "GrabFood", "aggregator", True, False, Decimal("0.20"), Decimal("0.20"), 0
    )
