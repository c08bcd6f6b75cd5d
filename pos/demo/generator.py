"""Fill a database with a realistic demo shop, through the same services the counter uses.

Deterministic for a seed: the same kind, days and seed on the same day give the same totals.
The shop's history ends yesterday at closing time, so a second run today matches the first.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from peewee import fn

from db.models import Category, Customer, Product, Role, Sale, Supplier, User, database
from pos.catalog import catalog
from pos.catalog import channel as channels
from pos.core import clock, qris, settings, staff
from pos.core.errors import ShopNotEmpty
from pos.customers import birthday, customer, gifts, loyalty, stamps, voucher
from pos.demo.catalogs import (
    CATALOGS,
    DEMO_OWNER,
    DEMO_OWNER_PIN,
    FIRST_NAMES,
    LAST_NAMES,
    SHOP_DETAILS,
    STAFF,
)
from pos.demo.day import BIRTHDAY, POINTS, PROFILE, VOUCHER_VALUE, DemoDay
from pos.shop import has_data
from pos.stock import recipes, stock

KINDS = tuple(CATALOGS)


@dataclass
class Summary:
    kind: str
    days: int
    sales: int
    total: int
    customers: int
    products: int


def demo_qris(shop_name: str) -> str:
    """A static QRIS of the right shape for the demo shop (a made-up merchant: replace it with your own)."""
    merchant = [
        ("00", "ID.CO.QRIS.WWW"),
        ("01", "936000000000000001"),
        ("02", "ID1020000000001"),
        ("03", "UMI"),
    ]
    account = "".join(f"{tag}{len(value):02d}{value}" for tag, value in merchant)
    return qris.build(
        [
            ("00", "01"),
            ("01", "11"),
            ("51", account),
            ("52", "5812"),
            ("53", "360"),
            ("58", "ID"),
            ("59", shop_name.upper()[:25]),
            ("60", "SLEMAN"),
            ("61", "55581"),
        ]
    )


def ean13(rng: random.Random) -> str:
    body = "899" + "".join(str(rng.randrange(10)) for _ in range(9))
    odd = sum(int(d) for d in body[0::2])
    even = sum(int(d) for d in body[1::2])
    return body + str((10 - (odd + even * 3) % 10) % 10)


def fill(
    kind: str,
    days: int = 60,
    seed: int = 1,
    *,
    force: bool = False,
    progress: Callable[[int, int], None] | None = None,
    target: str = "",
) -> Summary:
    """Make a demo shop of `kind` (warung, bakso, senapan) with `days` of history."""
    if kind not in CATALOGS:
        raise ValueError(kind)
    if has_data() and not force:
        raise ShopNotEmpty(target=target)
    rng = random.Random(f"{kind}-{seed}")
    start = date.today() - timedelta(days=days)
    made = 0
    with database.atomic():  # all of the demo, or none of it
        with clock.frozen(datetime.combine(start, time(6, 0))):
            people = _setup_shop(kind, rng)
            products = _catalogue(kind, rng, people["owner"])
            _programs(kind, people["owner"])
            kitchen = _kitchen(kind, people["owner"]) if kind == "bakso" else None
            members = _customers(kind, rng, people["owner"])
        gen = DemoDay(kind, rng, people, products, members)
        gen.kitchen = kitchen
        with clock.frozen(datetime.combine(start, time(7, 0))):
            gen.vouchers = [
                v.code
                for v in voucher.issue_batch(
                    20,
                    kind="rp",
                    value=VOUCHER_VALUE[kind],
                    expires_on=start + timedelta(days=days + 30),
                    user=people["owner"],
                    min_spend=VOUCHER_VALUE[kind] * 4,
                    campaign="Pelanggan setia",
                )
            ]
        for index in range(days):
            made += gen.run(start + timedelta(days=index))
            if progress:
                progress(index + 1, days)
    total = Sale.select(fn.COALESCE(fn.SUM(Sale.total), 0)).scalar()
    return Summary(kind, days, made, int(total), Customer.select().count(), len(products))


def _setup_shop(kind: str, rng: random.Random) -> dict[str, User]:
    name, address, phone, footer = SHOP_DETAILS[kind]
    values = {"receipt_footer": footer, "setup_done": True, "qris_payload": demo_qris(name), "demo": True}
    values["food_orders"] = kind == "bakso"  # makan di tempat / bungkus: asked at a food stall only
    if not settings.get("shop_name"):
        values.update(shop_name=name, shop_address=address, shop_phone="62" + phone[1:])
    staff.ensure_roles()
    owner = User.select().join(Role).where(Role.code == "owner").first()
    if owner is None:
        owner = staff.create_user(DEMO_OWNER[kind], "owner", DEMO_OWNER_PIN)
    settings.update(values, user=owner.name)
    loyalty.configure_points(POINTS[kind], True, owner)
    if kind == "warung":
        loyalty.configure_tiers(
            [
                {"name": "Perunggu", "min": 0, "multiplier": "1"},
                {"name": "Perak", "min": 500_000, "multiplier": "1.25"},
                {"name": "Emas", "min": 1_500_000, "multiplier": "1.5"},
            ],
            True,
            owner,
        )
    people = {"owner": owner}
    for person, role, pin in STAFF[kind]:
        people[role] = User.get_or_none(User.name == person) or staff.create_user(person, role, pin, by=owner)
    if kind == "bakso":
        gofood = channels.get("gofood")
        channels.configure(
            "gofood",
            markup_rate=Decimal("0.20"),
            commission_rate=Decimal("0.20"),
            commission_fixed=1_000,
            earns_points=gofood.earns_points,
        )
        channels.configure(
            "grabfood", markup_rate=Decimal("0.25"), commission_rate=Decimal("0.20"), commission_fixed=0
        )
        channels.configure(
            "shopeefood", markup_rate=Decimal("0.20"), commission_rate=Decimal("0.20"), commission_fixed=0
        )
    return people


def _catalogue(kind: str, rng: random.Random, owner: User) -> list[tuple[Product, float]]:
    cats: dict[str, Category] = {c.name: c for c in Category.select()}
    made: list[tuple[Product, float]] = []
    items = CATALOGS[kind]
    for index, (name, cat, price, cost, unit, scanned, quick, tracked) in enumerate(items):
        if cat not in cats:
            cats[cat] = catalog.create_category(cat, sort=len(cats))
        serialised = kind == "senapan" and cat == "Senapan"
        sku = f"{kind[:3].upper()}{index + 1:04d}"
        existing = Product.get_or_none(Product.sku == sku)  # --force into a shop that has these already
        if existing is not None:
            made.append((existing, 1.0 / (1 + index % 12) ** 0.7))
            continue
        product = catalog.create_product(
            sku,
            name,
            price,
            category=cats[cat],
            barcodes=[ean13(rng)] if scanned else [],
            unit=unit,
            cost=0 if tracked else cost,  # stock comes in (at cost) with the opening restock
            track_stock=tracked,
            quick=quick,
            reorder_level=Decimal(2 if kind == "senapan" else rng.choice((10, 20, 80))),
            serialised=serialised,
            warranty_days=365 if serialised else 0,
        )
        weight = 1.0 / (1 + index % 12) ** 0.7 * rng.uniform(0.6, 1.4)  # some items sell far more
        made.append((product, weight))
    tracked_items = [
        (p, _opening_qty(kind, p, rng), items[i][3]) for i, (p, _) in enumerate(made) if p.track_stock
    ]
    if tracked_items:
        stock.restock(tracked_items, owner, note="Stok awal")
    if kind == "bakso":
        gofood = channels.get("gofood")
        for product, _w in made[:3]:
            catalog.set_channel_price(gofood, product, int(product.price) + 4_000)
    return made


KITCHEN = [  # name, unit, cost, perishable, reorder level
    ("Daging sapi giling", "kg", 135_000, True, Decimal(3)),
    ("Tepung tapioka", "kg", 14_000, False, Decimal(2)),
    ("Bakso butir (adonan jadi)", "pcs", 0, False, Decimal(150)),
    ("Mie kuning basah", "kg", 18_000, True, Decimal(2)),
    ("Kuah kaldu sapi", "porsi", 1_800, False, Decimal(40)),
]
RECIPES = {  # dish: [(ingredient, qty per portion)]
    "Bakso Urat": [
        ("Bakso butir (adonan jadi)", "5"),
        ("Mie kuning basah", "0.06"),
        ("Kuah kaldu sapi", "1"),
    ],
    "Bakso Halus": [("Bakso butir (adonan jadi)", "6"), ("Kuah kaldu sapi", "1")],
    "Bakso Campur": [
        ("Bakso butir (adonan jadi)", "4"),
        ("Mie kuning basah", "0.05"),
        ("Kuah kaldu sapi", "1"),
    ],
    "Bakso Telur": [("Bakso butir (adonan jadi)", "3"), ("Kuah kaldu sapi", "1")],
    "Bakso Mercon": [("Bakso butir (adonan jadi)", "5"), ("Kuah kaldu sapi", "1")],
    "Mie Ayam": [("Mie kuning basah", "0.1"), ("Kuah kaldu sapi", "1")],
    "Mie Ayam Bakso": [
        ("Mie kuning basah", "0.1"),
        ("Bakso butir (adonan jadi)", "2"),
        ("Kuah kaldu sapi", "1"),
    ],
    "Mie Ayam Pangsit": [("Mie kuning basah", "0.1"), ("Kuah kaldu sapi", "1")],
}


def _kitchen(kind: str, owner: User) -> dict[str, Any]:
    """The bakso stall's raw materials, recipes and suppliers: selling a bowl moves meatballs, noodles
    and broth; the meatballs are made each morning from minced beef that keeps four days."""
    made = {}
    for index, (name, unit, cost, perishable, level) in enumerate(KITCHEN):
        made[name] = Product.get_or_none(Product.name == name) or catalog.create_product(
            f"DPR{index + 1:03d}", name, 0, unit=unit, cost=cost, perishable=perishable, reorder_level=level
        )
    by_name = {p.name: p for p in Product.select()}
    for dish, items in RECIPES.items():
        recipes.set_recipe(by_name[dish].id, [(made[i].id, q) for i, q in items], owner)
    recipes.set_recipe(
        made["Bakso butir (adonan jadi)"].id,
        [(made["Daging sapi giling"].id, "0.012"), (made["Tepung tapioka"].id, "0.004")],
        owner,
    )
    suppliers = {
        "meat": Supplier.create(name="Pak Haji Slamet (daging)", phone="6281327000111", lead_days=1),
        "dry": Supplier.create(name="Toko Sumber Rejeki", phone="6281327000222", lead_days=2),
    }
    return {"items": made, "suppliers": suppliers}


def _programs(kind: str, owner: User) -> None:
    """Bakso: every 10th bowl free. Air guns: a free bag with every gun. All: a birthday bonus."""
    by_name = {p.name: p for p in Product.select()}
    if kind == "bakso":
        bowls = Category.get(Category.name == "Bakso")
        stamps.configure(
            "Kartu Bakso", 10, categories=[bowls.id], reward_product=by_name["Bakso Urat"].id, user=owner
        )
    if kind == "senapan":
        guns = Category.get(Category.name == "Senapan")
        gifts.configure(
            "Gratis tas senapan", by_name["Tas Senapan 120 cm"].id, categories=[guns.id], user=owner
        )
    points, value = BIRTHDAY[kind]
    birthday.configure(points, value, True, owner)


def _opening_qty(kind: str, product: Product, rng: random.Random) -> Decimal:
    if kind == "senapan":
        return Decimal(rng.randint(6, 12))
    return Decimal(rng.randint(200, 400))


def _customers(kind: str, rng: random.Random, owner: User) -> list[tuple[Customer, float]]:
    profile = PROFILE[kind]
    made: list[tuple[Customer, float]] = []
    while len(made) < int(profile["customers"]):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        prefix = rng.choice(("0811", "0812", "0813", "0821", "0822", "0852", "0853", "0857", "0878", "0896"))
        number = prefix + "".join(str(rng.randrange(10)) for _ in range(rng.choice((7, 8))))
        if Customer.select().where(Customer.phone == "62" + number[1:]).exists():
            continue
        regular = rng.random() < 0.3
        limit = rng.choice((200_000, 300_000, 500_000)) if kind == "warung" and rng.random() < 0.08 else 0
        birthday = date(rng.randint(1965, 2005), rng.randint(1, 12), rng.randint(1, 28))
        row = customer.create_customer(
            number,
            name,
            birthday=birthday,
            credit_limit=limit,
            wa_consent=rng.random() < 0.8,
            address=f"Jl. {rng.choice(LAST_NAMES)} No. {rng.randint(1, 99)}",
            user=owner if limit else None,  # a tab's limit is the owner's to give
        )
        made.append((row, 8.0 if regular else 1.0))
    return made
