"""The cart on the counter, kept on disk while it is being filled, so a crash or a power cut loses no order.

The counter saves the cart here a moment after each change (`keep`); a paid, parked or emptied cart leaves
an empty draft. When Kasir starts again, a draft with lines that was never paid becomes a parked order
("Ditinggal …", F9 takes it back) and the counter says so (`recover`).

A file per database and till, not a database row: saving after every scan must not take the shop's write
lock (other tills wait on it) nor add round trips to a PostgreSQL server; the file is written whole to a
temporary name, flushed to disk and renamed over the old one, so a power cut leaves the old draft or the new.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from pathlib import Path

from db import counter_rows
from db.models import User, database
from pos.core import places, till
from pos.core.cart import Cart
from pos.counter import park

_path: dict[str, Path] = {}  # the open database's draft file, by till: found once per database


def _file() -> Path:
    register = till.register()
    key = f"{id(database.obj)}:{register.code}"
    if key not in _path:
        ident = re.sub(r"[^A-Za-z0-9_-]", "_", places.database_id())[:40]
        _path.clear()
        _path[key] = places.data_dir() / "keranjang" / f"{ident}-{register.code}.json"
    return _path[key]


def forget_location() -> None:
    """Another database was opened: its drafts are elsewhere."""
    _path.clear()


def keep(cart: Cart, cashier: str) -> None:
    """The counter's cart as it is now (empty: nothing to bring back). Never raises: a draft that cannot be
    written (a full disk) must not stop a sale; the sale itself is what the database keeps."""
    target = _file()
    body = json.dumps({"cashier": cashier, "cart": cart.to_json() if not cart.is_empty else ""})
    with contextlib.suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_suffix(".tmp")
        with open(temp, "w", encoding="utf-8") as out:
            out.write(body)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)


def left_behind() -> tuple[Cart, str] | None:
    """The cart a crash left on this till, with its cashier's name; None when there is none, when it was paid
    after all (its cart number is a sale's), or when the file is not a draft."""
    try:
        saved = json.loads(_file().read_text(encoding="utf-8"))
        cart = Cart.from_json(saved["cart"]) if saved.get("cart") else None
        cashier = str(saved.get("cashier") or "")
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if cart is None or cart.is_empty:
        return None
    if counter_rows.number_of_cart(cart.uid) is not None:
        return None  # paid a moment before the crash, before the empty draft was written
    return cart, cashier


def recover(user: User) -> str:
    """Park the cart a crash left (journalled as any parked order); returns its label, "" when none. Runs at
    login, before the counter is used."""
    found = left_behind()
    if found is None:
        return ""
    cart, cashier = found
    label = park.left_behind_label(cashier)
    park.park(cart, label, user)
    with contextlib.suppress(OSError):
        _file().unlink()
    return label
