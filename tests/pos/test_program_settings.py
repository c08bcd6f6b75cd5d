"""What Pengaturan's loyalty boxes read, with exact values: the points rules over the defaults, the stamp
cards before the bonus gifts, one program to edit, the birthday bonus."""

from __future__ import annotations

import pytest

from db.models import Product
from pos.catalog import catalog
from pos.core.errors import NotFound
from pos.customers import birthday, gifts, loyalty, program_settings, stamps
from pos.customers.program_settings import BirthdaySettings, PointsSettings, ProgramForm, ProgramLine


def test_points_rules_are_the_defaults_until_saved(owner):
    assert program_settings.points() == PointsSettings(False, loyalty.DEFAULT_RULES)
    loyalty.configure_points({"earn_per": 5_000, "point_value": 50}, True, owner)
    assert program_settings.points() == PointsSettings(
        True, {"earn_per": 5_000, "point_value": 50, "min_redeem": 50, "expiry_months": 12}
    )


def test_stamp_cards_then_gifts_each_in_the_order_made(owner):
    bakso = catalog.create_product("BKS", "Bakso Urat", 18_000, track_stock=False)
    tas = catalog.create_product("TAS", "Tas senapan", 0, track_stock=False)
    payung = catalog.create_product("PYG", "Payung", 0, track_stock=False)
    tas_gift = gifts.configure("Tas gratis", tas.id, min_spend=500_000, user=owner)
    card = stamps.configure("Kartu Bakso", 10, products=[bakso.id], reward_product=bakso.id, user=owner)
    potongan = stamps.configure(
        "Kartu Hemat", 5, products=[bakso.id], reward="rp", reward_value=10_000, active=False, user=owner
    )
    payung_gift = gifts.configure("Payung", payung.id, products=[bakso.id], user=owner)
    Product.delete().where(Product.id == payung.id).execute()
    assert program_settings.listed() == [
        ProgramLine(card.id, "stamps", "Kartu Bakso", True, 10, "gratis Bakso Urat"),
        ProgramLine(potongan.id, "stamps", "Kartu Hemat", False, 5, "potongan Rp 10.000"),
        ProgramLine(tas_gift.id, "gift", "Tas gratis", True, gift="Tas senapan", min_spend=500_000),
        ProgramLine(payung_gift.id, "gift", "Payung", True, gift=None, min_spend=0),
    ]
    assert program_settings.program(potongan.id) == ProgramForm(
        potongan.id,
        "stamps",
        "Kartu Hemat",
        False,
        {
            "needed": 5,
            "products": [bakso.id],
            "categories": [],
            "reward": "rp",
            "reward_product": None,
            "reward_value": 10_000,
        },
    )
    with pytest.raises(NotFound):
        program_settings.program(payung_gift.id + 100)


def test_birthday_bonus(owner):
    assert program_settings.birthday() == BirthdaySettings(False, 0, 0)
    birthday.configure(20, 15_000, True, owner)
    assert program_settings.birthday() == BirthdaySettings(True, 20, 15_000)
    birthday.configure(0, 25_000, False, owner)
    assert program_settings.birthday() == BirthdaySettings(False, 0, 25_000)
