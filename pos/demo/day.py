"""One day of a demo shop's history, through the counter's own services: deliveries of stock, the
kitchen's preparation, the shift opened, the day's sales (members, vouchers, points, kasbon, online
orders through Antaran), the shift closed."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from db.models import Customer, DeliveryOrder, Product, Sale, User
from pos.catalog import catalog
from pos.catalog import channel as channels
from pos.core import clock, settings, staff
from pos.core.cart import Cart
from pos.core.errors import PosError
from pos.counter import delivery, kasbon, sale, shift
from pos.counter.payment import Tender
from pos.customers import birthday, gifts, loyalty, stamps, voucher
from pos.stock import recipes, stock

# per shop: sales a day, share with a member, hours (start, end, peak hours), channel and payment mixes
PROFILE: dict[str, dict[str, Any]] = {
    "warung": dict(
        per_day=85,
        members_pct=45,
        customers=140,
        hours=(6, 21, (7, 8, 17, 18, 19)),
        channels={"walk_in": 88, "whatsapp": 7, "delivery": 5},
        payments={"cash": 70, "qris": 20, "transfer": 4, "kasbon": 6},
    ),
    "bakso": dict(
        per_day=70,
        members_pct=30,
        customers=160,
        hours=(10, 21, (11, 12, 13, 18, 19)),
        channels={"walk_in": 62, "gofood": 19, "grabfood": 9, "shopeefood": 5, "whatsapp": 5},
        payments={"cash": 62, "qris": 30, "gopay": 4, "dana": 4},
    ),
    "senapan": dict(
        per_day=6,
        members_pct=85,
        customers=90,
        hours=(9, 17, (10, 14, 15)),
        channels={"walk_in": 30, "whatsapp": 35, "facebook": 25, "instagram": 10},
        payments={"transfer": 60, "cash": 22, "qris": 14, "card": 4},
    ),
}
POINTS = {  # 1 point per Rp earn_per; a point is worth point_value when redeemed
    "warung": {"earn_per": 5_000, "point_value": 100, "min_redeem": 50, "expiry_months": 12},
    "bakso": {"earn_per": 5_000, "point_value": 100, "min_redeem": 50, "expiry_months": 6},
    "senapan": {"earn_per": 50_000, "point_value": 1_000, "min_redeem": 20, "expiry_months": 24},
}
VOUCHER_VALUE = {"warung": 5_000, "bakso": 10_000, "senapan": 50_000}
BIRTHDAY = {"warung": (50, 0), "bakso": (0, 15_000), "senapan": (100, 50_000)}  # points, voucher Rp
OPENING_CASH = {"warung": 200_000, "bakso": 300_000, "senapan": 500_000}
PAY_OUTS = ["Beli es batu", "Bayar sampah", "Beli gas", "Uang parkir", "Beli plastik"]
BALLS, BROTH = "Bakso butir (adonan jadi)", "Kuah kaldu sapi"  # two of generator.KITCHEN's goods
NOTES = ["tanpa sambal", "kuah dipisah", "pedas", "tanpa seledri", "bungkus rapi"]


class DemoDay:
    def __init__(
        self,
        kind: str,
        rng: random.Random,
        people: dict[str, User],
        products: list[tuple[Product, float]],
        members: list[tuple[Customer, float]],
    ) -> None:
        self.kind, self.rng, self.people = kind, rng, people
        self.products = [p for p, _ in products]
        self.weights = [w for _, w in products]
        self.members = [c for c, _ in members]
        self.member_weights = [w for _, w in members]
        self.profile = PROFILE[kind]
        self.uid = 0
        self.vouchers: list[str] = []
        self.stamp_cards = stamps.programs()
        self.kitchen: dict[str, Any] | None = None
        self.gifts = gifts.programs()
        self.on_tab = [c.id for c in self.members if c.credit_limit]
        self.prefix = f"demo-{kind}-{Sale.select().count()}"
        self.with_notes = {  # "tanpa sambal" goes with a bowl, not with a drink
            p.id
            for p in self.products
            if kind == "bakso" and p.category_id and p.category.name in ("Bakso", "Mie")
        }

    def _pick(self, mix: dict[str, int]) -> str:
        return self.rng.choices(list(mix), weights=list(mix.values()))[0]

    def run(self, day: date) -> int:
        rng, (open_h, close_h, peaks) = self.rng, self.profile["hours"]
        weekend = 1.3 if day.weekday() >= 5 else 1.0
        count = max(1, int(int(self.profile["per_day"]) * weekend * rng.uniform(0.75, 1.2)))
        hours = [h for h in range(open_h, close_h) for _ in range(3 if h in peaks else 1)]
        moments = sorted(
            datetime.combine(day, time(rng.choice(hours), rng.randrange(60), rng.randrange(60)))
            for _ in range(count)
        )
        if day.weekday() in (0, 3):  # deliveries on Monday and Thursday
            self._restock(day)
        if self.kitchen is not None:
            self._prepare(day)
        with clock.frozen(datetime.combine(day, time(open_h, 0)) - timedelta(minutes=20)):
            birthday.grant(day)
        keeper = self.people.get("cashier", self.people["owner"])
        with clock.frozen(datetime.combine(day, time(open_h, 0)) - timedelta(minutes=10)):
            shift.open_shift(keeper, OPENING_CASH[self.kind])
        for index, at in enumerate(moments):
            with clock.frozen(at):
                self._one_sale()
                if index == count // 2 and rng.random() < 0.3:
                    shift.cash_move(keeper, -rng.choice((10_000, 15_000, 20_000)), rng.choice(PAY_OUTS))
                if index == count // 3 and day.weekday() == 5:
                    self._kasbon_day(keeper)
        self._deliver(keeper, datetime.combine(day, time(close_h, 0)) + timedelta(minutes=10))
        with clock.frozen(datetime.combine(day, time(close_h, 0)) + timedelta(minutes=15)):
            self._close(keeper)
        return count

    def _deliver(self, keeper: User, last: datetime) -> None:
        """The day's online orders go through Antaran as a shop works them: prepared, sent with a courier
        (a platform's driver for GoFood), delivered; none is left waiting when the shift closes."""
        waiting = DeliveryOrder.select().where(DeliveryOrder.state.not_in(("selesai", "batal")))
        for order in waiting.order_by(DeliveryOrder.id):
            courier = "Driver " + order.channel.name if order.channel.kind == "aggregator" else "Mas Dodi"
            for minutes in (5, 15, 40):
                with clock.frozen(min(order.created_at + timedelta(minutes=minutes), last)):
                    delivery.advance(order.id, keeper, courier=courier)

    def _kasbon_day(self, keeper: User) -> None:
        """Saturday: a customer or two comes by to pay (part of) their tab."""
        for debtor in kasbon.debtors()[:2]:
            if self.rng.random() < 0.6:
                part = min(debtor.owed, self.rng.choice((20_000, 50_000, debtor.owed)))
                method = self.rng.choice(("cash", "cash", "transfer"))
                # a transfer is the owner's to confirm (it arrives in the owner's account), cash the cashier's
                kasbon.pay(debtor.id, part, method, keeper if method == "cash" else self.people["owner"])

    def _close(self, keeper: User) -> None:
        """Count the drawer note by note; now and then a note is missing or there is a little extra."""
        open_shift = shift.current()
        assert open_shift is not None
        cash = shift.report(open_shift).expected_cash
        if self.rng.random() < 0.12:
            cash += self.rng.choice((-5_000, -2_000, -1_000, 500, 1_000))
        counted: dict[int, int] = {}
        for note in shift.DENOMINATIONS:
            counted[note], cash = divmod(cash, note)
        shift.close_shift(keeper, {note: n for note, n in counted.items() if n})

    def _prepare(self, day: date) -> None:
        """Morning at the bakso stall: fresh minced beef (keeps 3 days) and noodles (2 days) bought to
        top up what the day needs, broth made, the day's meatballs made; whatever expired is written off."""
        kitchen = self.kitchen
        if kitchen is None:  # a shop without a kitchen prepares nothing
            return
        items, suppliers = kitchen["items"], kitchen["suppliers"]
        owner, rng = self.people["owner"], self.rng
        meat, noodles, balls = items["Daging sapi giling"], items["Mie kuning basah"], items[BALLS]
        broth, flour = items[BROTH], items["Tepung tapioka"]

        def held(product: Product) -> Decimal:
            return Decimal(Product.get_by_id(product.id).on_hand)

        with clock.frozen(datetime.combine(day, time(5, 30))):
            stock.write_off_expired(owner, day)
            to_make = max(Decimal(0), Decimal(rng.choice((880, 900, 940))) - held(balls))
            need_meat = (to_make * Decimal("0.012") - held(meat)).quantize(
                Decimal(1), rounding="ROUND_CEILING"
            )
            if need_meat > 0:
                stock.restock(
                    [(meat, need_meat + rng.choice((0, 1)), rng.choice((132_000, 135_000, 138_000)))],
                    owner,
                    supplier=suppliers["meat"],
                    expiries={meat.id: day + timedelta(days=3)},
                )
            need_noodles = (Decimal(11) - held(noodles)).quantize(Decimal(1), rounding="ROUND_CEILING")
            if need_noodles > 0:
                stock.restock(
                    [(noodles, need_noodles, 18_000)],
                    owner,
                    supplier=suppliers["dry"],
                    expiries={noodles.id: day + timedelta(days=2)},
                )
            stock.restock(
                [(broth, Decimal(240) - min(held(broth), Decimal(200)), 1_800)], owner, note="Kuah pagi"
            )
            if held(flour) < 8:
                stock.restock([(flour, Decimal(20), 14_000)], owner, supplier=suppliers["dry"])
        with clock.frozen(datetime.combine(day, time(6, 0))):
            most = (held(meat) / Decimal("0.012")).to_integral_value(rounding="ROUND_FLOOR")
            making = min(to_make, most)
            if making > 0:
                recipes.produce(balls.id, making, owner, "giling pagi")

    def _restock(self, day: date) -> None:
        tracked = Product.track_stock == True  # noqa: E712
        low = list(
            Product.select().where(tracked, Product.on_hand < 60, Product.price > 0).order_by(Product.id)
        )
        if low:
            with clock.frozen(datetime.combine(day, time(6, 30))):
                items = [
                    (p, Decimal(self.rng.randint(80, 200)), int(p.cost) or int(p.price * 0.85)) for p in low
                ]
                stock.restock(items, self.people["owner"], note="Belanja mingguan")

    def _one_sale(self) -> None:
        rng = self.rng
        self.uid += 1
        code = self._pick(self.profile["channels"])
        channel = channels.get(code)
        cart = Cart(channel=code, uid=f"{self.prefix}-{self.uid}")
        member = rng.randrange(100) < int(self.profile["members_pct"]) or code in (
            "delivery",
            "whatsapp",
            "facebook",
        )
        if member:
            cart.customer_id = rng.choices(self.members, weights=self.member_weights)[0].id
        if code == "walk_in" and self.on_tab and rng.random() < 0.04:
            cart.customer_id = rng.choice(self.on_tab)  # "catat dulu ya, Bu": one of the tab customers
        if self.kind == "bakso":
            cart.order_type = (
                "delivery" if channel.kind == "aggregator" else rng.choice(("dine_in", "take_away"))
            )
        lines = rng.choices((1, 2, 3, 4, 5), weights=(30, 30, 20, 12, 8))[0]
        if self.kind == "senapan":
            lines = rng.choices((1, 2, 3), weights=(60, 30, 10))[0]
        for product in rng.choices(self.products, weights=self.weights, k=lines):
            qty = self._qty(product)
            index = cart.add(
                product.id,
                product.name,
                catalog.price_for(product, channel),
                qty,
                merge=not product.serialised,
            )
            if product.serialised:
                cart.lines[index].serial_number = f"SN{rng.randrange(10**7):07d}"
            if product.id in self.with_notes and rng.random() < 0.15:
                cart.set_note(index, rng.choice(NOTES))
        if code == "delivery":
            cart.set_delivery(rng.choice((5_000, 8_000, 10_000)), "Diantar ke alamat pelanggan")
        if cart.customer_id:
            for card, have in stamps.progress(cart.customer_id, self.stamp_cards):
                if have >= card.needed and rng.random() < 0.8:
                    stamps.claim(cart, card)
        gifts.apply(cart, self.gifts)
        if cart.customer_id and rng.random() < 0.3:
            self._maybe_redeem(cart)
        elif self.vouchers and rng.random() < 0.005:
            self._maybe_voucher(cart)
        cashier = self._cashier(channel.kind)
        approver = None
        if self.kind == "senapan" and rng.random() < 0.1 and cart.lines[0].unit_price > 1_000_000:
            cart.discount_order(amount=50_000, reason="Pelanggan lama")
            approver = staff._approval_for(
                self.people["owner"]
            )  # the demo's owner, inside its one transaction
        total = sale.preview(cart).total
        sale.complete(cart, self._tenders(channel.kind, total, cart.customer_id), cashier, approver)

    def _maybe_redeem(self, cart: Cart) -> None:
        """A regular with enough points uses them now and then."""
        rules = loyalty.rules()
        balance = int(Customer.select(Customer.points).where(Customer.id == cart.customer_id).scalar() or 0)
        if rules is None or balance < rules.min_redeem:
            return
        most = min(balance, sale.preview(cart).subtotal // rules.point_value)
        if most >= rules.min_redeem:
            cart.points_redeem = most

    def _maybe_voucher(self, cart: Cart) -> None:
        """Now and then a customer hands over a campaign voucher."""
        code = self.vouchers[-1]
        try:
            voucher.value_for(code, sale.preview(cart).subtotal, cart.channel, cart.customer_id)
        except PosError:
            return  # not enough spend for this one: no voucher today
        cart.voucher_code = self.vouchers.pop()

    def _qty(self, product: Product) -> Decimal:
        if product.unit == "kg":
            return self.rng.choice(
                (Decimal("0.25"), Decimal("0.5"), Decimal("1"), Decimal("1"), Decimal("2"))
            )
        if self.kind == "senapan" and product.serialised:
            return Decimal(1)
        return Decimal(self.rng.choices((1, 2, 3, 5), weights=(60, 25, 10, 5))[0])

    def _cashier(self, kind: str) -> User:
        if kind in ("aggregator", "social") and "online_admin" in self.people:
            return self.people["online_admin"]
        if "cashier" in self.people and self.rng.random() < 0.7:
            return self.people["cashier"]
        return self.people["owner"]

    def _tenders(self, kind: str, total: int, customer_id: int | None) -> list[Tender]:
        if total == 0:
            return []
        if kind == "aggregator":
            return [Tender("platform", total, f"ORD-{self.rng.randrange(10**8):08d}")]
        method = self._pick(self.profile["payments"])
        if customer_id in self.on_tab and self.rng.random() < 0.6:
            method = "kasbon"
        if method == "kasbon":
            who = Customer.get_or_none(Customer.id == customer_id) if customer_id else None
            if who is None or who.credit_limit - who.kasbon < total:
                method = "cash"
        if method == "cash":
            rounding = int(settings.get("cash_rounding") or 0)
            due = -(-total // max(rounding, 1)) * max(rounding, 1)
            notes = [n for n in (due, 5_000, 10_000, 20_000, 50_000, 100_000) if n >= due]
            paid = self.rng.choice(notes[:3]) if notes else -(-due // 100_000) * 100_000
            return [Tender("cash", paid)]
        if method == "card":
            return [Tender("card", total, f"EDC{self.rng.randrange(10**6):06d}")]
        return [Tender(method, total)]
