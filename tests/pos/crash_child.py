"""Run by test_crash.py: real checkouts through the services in a loop, each number printed once committed.

The parent kills this process with SIGKILL at a random moment and then checks the database.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from db.models import Product, User, database  # noqa: E402
from pos import shop
from pos.catalog import catalog
from pos.core.cart import Cart  # noqa: E402
from pos.counter import sale, shift
from pos.counter.payment import Tender  # noqa: E402
from pos.stock import stock  # noqa: E402


def prepare() -> User:
    with database.atomic():  # killed while setting up: nothing of it stays
        return _prepare()


def _prepare() -> User:
    if not shop.is_set_up():
        owner = shop.first_run("Warung Uji Tahan Banting", "", "", "Bu Sri", "5831")
        made = [
            catalog.create_product(f"P{i:03d}", f"Barang {i}", 1_000 + 500 * i, cost=800) for i in range(20)
        ]
        stock.restock([(p, 9_000, 800) for p in made], owner)
    owner = User.get()
    if shift.current() is None:
        shift.open_shift(owner, 100_000)
    return owner


def main(target: str, seed: int) -> None:
    shop.open_shop(target)
    owner = prepare()
    products = list(Product.select())
    rng = random.Random(seed)
    print("SELLING", flush=True)  # the parent waits for this, not for a guessed start-up time
    while True:
        cart = Cart()
        for product in rng.sample(products, rng.randint(1, 5)):
            cart.add(product.id, product.name, int(product.price), rng.randint(1, 3))
        total = sale.preview(cart).total
        tender = (
            [Tender("cash", total + rng.choice((0, 500, 5_000)))]
            if rng.random() < 0.7
            else [Tender("qris", total)]
        )
        done = sale.complete(cart, tender, owner)
        print(done.number, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
