"""Several tills at once: each a process of its own with its own register and cashier, selling into one
shop (an SQLite file or a PostgreSQL database), as a shop with two to four laptops does.

`prepare` makes the shop; `sell` runs the tills on overlapping baskets and gathers each sale's time and
every error; `race` releases all tills at once on something only one may have (the last points, the last
kasbon credit, the last unit, one voucher). The concurrency tests and `python main.py bench` both use it.
"""

from __future__ import annotations

import multiprocessing
import random
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

PIN = "7391"
PRODUCTS = 12  # the basket is 5 of these: every two sales share some
START_STOCK = 9_999  # received twice: 19.998 of each
MEMBERS = 20
START_STOCK = 9_999
ROUNDS = 20
RACE_PRICE = 10_000


@dataclass
class TillRun:
    register: str
    times: list[float] = field(default_factory=list)  # seconds per completed sale
    errors: list[str] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    won: list[int] = field(default_factory=list)  # rounds of a race this till won
    refused: list[str] = field(default_factory=list)  # the messages of the rounds it lost
    retried: int = 0
    started: float = 0.0  # time.monotonic() as the tills were released, and after its last sale
    ended: float = 0.0


def prepare(target: str, tills: int) -> dict[str, Any]:
    """A shop with an owner, a cashier per till, 12 tracked products, 20 members with points, and for the
    races: per round a member holding exactly one redemption's points, a customer with a Rp 10.000 tab
    limit, a product with one unit left (negative stock blocked) and a Rp 5.000 voucher."""
    from db.models import Customer
    from pos import shop
    from pos.catalog import catalog
    from pos.core import settings, staff
    from pos.customers import customer, loyalty, voucher
    from pos.stock import stock

    shop.open_shop(target, "K1")
    try:
        owner = staff.create_user("Pemilik", "owner", PIN)
        cashiers = [staff.add_user(f"Kasir {n}", "cashier", PIN, owner).id for n in range(1, tills + 1)]
        settings.update(
            {"setup_done": True, "negative_stock": False, "shop_name": "Toko Uji"}, user=owner.name
        )
        loyalty.configure_points(
            {"earn_per": 1_000, "point_value": 100, "min_redeem": 10, "expiry_months": 12}, True, owner
        )
        products = [
            catalog.create_product(f"P{n:02d}", f"Barang {n}", 1_000 * (n + 1), cost=500 * (n + 1))
            for n in range(PRODUCTS)
        ]
        last_units = [
            catalog.create_product(f"L{n:02d}", f"Sisa satu {n}", RACE_PRICE) for n in range(ROUNDS)
        ]
        loose = catalog.create_product("JASA", "Jasa", RACE_PRICE, track_stock=False)
        stock.restock(
            [(p, Decimal(START_STOCK), 500) for p in products for _twice in (1, 2)]
            + [(p, Decimal(1), 500) for p in last_units],
            owner,
        )
        members = [
            customer.create_customer(f"0812{7000_0000 + n:08d}", f"Anggota {n}").id for n in range(MEMBERS)
        ]
        pointy = []
        for n in range(ROUNDS):
            who = customer.create_customer(f"0813{7000_0000 + n:08d}", f"Poin {n}").id
            loyalty.adjust(who, 10, "saldo uji", owner)
            pointy.append(who)
        tabs = [
            customer.create_customer(
                f"0814{7000_0000 + n:08d}", f"Kasbon {n}", credit_limit=RACE_PRICE, user=owner
            ).id
            for n in range(ROUNDS)
        ]
        vouchers = [
            v.code
            for v in voucher.issue_batch(
                ROUNDS, kind="rp", value=5_000, expires_on=None, user=owner, campaign="uji"
            )
        ]
        assert Customer.select().count() == MEMBERS + 2 * ROUNDS
        return {
            "target": target,
            "owner": owner.id,
            "cashiers": cashiers,
            "products": [p.id for p in products],
            "members": members,
            "last_units": [p.id for p in last_units],
            "loose": loose.id,
            "pointy": pointy,
            "tabs": tabs,
            "vouchers": vouchers,
        }
    finally:
        shop.close_shop()


def _open(shop_info: dict[str, Any], register: str, cashier_id: int) -> Any:
    from db.models import User
    from pos import shop
    from pos.core import till
    from pos.counter import shift

    shop.open_shop(shop_info["target"], register)
    cashier = User.get_by_id(cashier_id)
    if shift.current(till.register()) is None:
        shift.open_shift(cashier, 0)
    return cashier


@contextmanager
def _till_run(register: str, out: Any) -> Iterator[TillRun]:
    """One till process's record: whatever stops it is reported, the shop is closed, the parent gets it."""
    from pos import shop
    from pos.core import tx

    run = TillRun(register)
    try:
        yield run
        run.retried = tx.retried
    except Exception:  # noqa: BLE001 - the parent reports it
        run.errors.append(traceback.format_exc())
    finally:
        shop.close_shop()
        out.put(run)


def _sell_till(
    shop_info: dict[str, Any],
    register: str,
    cashier_id: int,
    sales: int,
    seed: int,
    members: bool,
    gate: Any,
    out: Any,
) -> None:
    from db.models import Product
    from pos.core.cart import Cart
    from pos.counter import sale
    from pos.counter.payment import Tender

    with _till_run(register, out) as run:
        cashier = _open(shop_info, register, cashier_id)
        rng = random.Random(seed)
        items = {p.id: p for p in Product.select().where(Product.id.in_(shop_info["products"]))}
        ids = sorted(items)
        gate.wait()
        run.started = time.monotonic()
        for _n in range(sales):
            cart = Cart(customer_id=rng.choice(shop_info["members"]) if members else None)
            for pid in rng.sample(ids, 5):  # a random order: two tills meet the same products in other orders
                cart.add(pid, items[pid].name, int(items[pid].price), 1)
            started = time.perf_counter()
            try:
                done = sale.complete(cart, [Tender("cash", sale.preview(cart).total)], cashier)
            except Exception as exc:  # noqa: BLE001 - every failure is counted and named, none stops the till
                run.errors.append(f"{type(exc).__name__}: {exc}")
                continue
            run.times.append(time.perf_counter() - started)
            run.numbers.append(done.number)
        run.ended = time.monotonic()


def _race_till(
    shop_info: dict[str, Any], register: str, cashier_id: int, kind: str, gate: Any, out: Any
) -> None:
    from db.models import Product
    from pos.core.cart import Cart
    from pos.core.errors import PosError, StorageError
    from pos.counter import sale
    from pos.counter.payment import Tender

    with _till_run(register, out) as run:
        cashier = _open(shop_info, register, cashier_id)
        loose = Product.get_by_id(shop_info["loose"])
        for r in range(ROUNDS):
            cart = Cart()
            tender = "cash"
            if kind == "points":
                cart = Cart(customer_id=shop_info["pointy"][r])
                cart.add(loose.id, loose.name, RACE_PRICE, 1)
                cart.points_redeem = 10
            elif kind == "kasbon":
                cart = Cart(customer_id=shop_info["tabs"][r])
                cart.add(loose.id, loose.name, RACE_PRICE, 1)
                tender = "kasbon"
            elif kind == "last_unit":
                unit = Product.get_by_id(shop_info["last_units"][r])
                cart.add(unit.id, unit.name, int(unit.price), 1)
            elif kind == "voucher":
                cart.add(loose.id, loose.name, RACE_PRICE, 1)
                cart.voucher_code = shop_info["vouchers"][r]
            elif kind == "apart":  # nothing shared: each till its own product, no customer
                cart.add(loose.id, loose.name, RACE_PRICE, 1)
            gate.wait()
            try:
                sale.complete(cart, [Tender(tender, sale.preview(cart).total)], cashier)
            except StorageError as exc:
                run.errors.append(f"{type(exc).__name__}: {exc}")
            except PosError as exc:
                run.refused.append(str(exc))
            else:
                run.won.append(r)


def _registers(tills: int) -> list[str]:
    return [f"K{n}" for n in range(1, tills + 1)]


def _gather(procs: list[Any], out: Any, during: Any = None) -> list[TillRun]:
    for p in procs:
        p.start()
    runs: list[TillRun] = []
    while len(runs) < len(procs):
        if during is not None and any(p.is_alive() for p in procs):
            during()
        try:
            runs.append(out.get(timeout=0.05 if during is not None else 300))
        except Exception:  # noqa: BLE001 - queue.Empty: keep waiting while the tills run
            if not any(p.is_alive() for p in procs) and out.empty():
                break
    for p in procs:
        p.join(timeout=60)
    return sorted(runs, key=lambda r: r.register)


def sell(
    shop_info: dict[str, Any], tills: int, sales: int, *, members: bool = True, during: Any = None
) -> list[TillRun]:
    """`tills` processes each complete `sales` 5-line sales on overlapping baskets, all started at once.
    `during` (if given) is called over and over in this process while they sell (verify, say)."""
    ctx = multiprocessing.get_context("spawn")
    gate, out = ctx.Barrier(tills), ctx.Queue()
    procs = [
        ctx.Process(
            target=_sell_till,
            args=(shop_info, code, shop_info["cashiers"][n], sales, 1_000 + n, members, gate, out),
        )
        for n, code in enumerate(_registers(tills))
    ]
    return _gather(procs, out, during)


def race(shop_info: dict[str, Any], tills: int, kind: str) -> list[TillRun]:
    """All tills try the same scarce thing at the same moment, ROUNDS times (`kind`: points, kasbon,
    last_unit, voucher; or apart: each sells a service, nothing shared)."""
    ctx = multiprocessing.get_context("spawn")
    gate, out = ctx.Barrier(tills), ctx.Queue()
    procs = [
        ctx.Process(target=_race_till, args=(shop_info, code, shop_info["cashiers"][n], kind, gate, out))
        for n, code in enumerate(_registers(tills))
    ]
    return _gather(procs, out)


def rate(runs: list[TillRun]) -> float:
    """Sales per second all tills together, from the moment they were released to the last sale."""
    span = max(r.ended for r in runs) - min(r.started for r in runs)
    return sum(len(r.times) for r in runs) / span if span > 0 else 0.0


def fresh_postgres(url: str) -> tuple[str, Callable[[], None]]:
    """A new, empty database on the server at `url` (whose user may create databases) and a function that
    drops it again."""
    import uuid

    import psycopg2

    name = "kasir_bench_" + uuid.uuid4().hex[:10]
    admin = psycopg2.connect(url)
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()

    return url.rsplit("/", 1)[0] + "/" + name, drop
