"""A deterministic synthetic shop for `python main.py bench`, loaded in bulk.

Bulk loading bypasses the counter's code path (one executemany per table) but writes exactly what the
services would: sales with lines, payments, stock moves and points, each sealed in the hash-chained
journal with the same content the counter seals — so `verify` passes and the reports are right.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from db import summaries
from db.fields import to_qty
from db.models import (
    Barcode,
    Category,
    Channel,
    Customer,
    JournalEntry,
    LoyaltyEntry,
    Payment,
    Product,
    Purchase,
    Register,
    Sale,
    SaleLine,
    Shift,
    StockMove,
    database,
)
from pos import shop
from pos.core import journal, settings, staff
from pos.core.money import apply_rate, line_amount
from pos.core.text import fold
from pos.counter.sale_record import content
from pos.customers import loyalty
from pos.demo.catalogs import FIRST_NAMES, LAST_NAMES


@dataclass(frozen=True)
class Scale:
    products: int
    customers: int
    sales: int
    days: int = 1095  # three years


SCALES = {
    "tiny": Scale(300, 500, 3_000, 120),
    "small": Scale(5_000, 20_000, 100_000),
    "large": Scale(50_000, 200_000, 1_000_000),
}

BRANDS = [
    "Indomie",
    "Sedaap",
    "Sarimi",
    "ABC",
    "Bango",
    "Sasa",
    "Royco",
    "Masako",
    "Kapal Api",
    "Torabika",
    "Good Day",
    "Luwak",
    "Sariwangi",
    "Sosro",
    "Aqua",
    "Le Minerale",
    "Ultra",
    "Frisian Flag",
    "Indomilk",
    "Dancow",
    "Bimoli",
    "Filma",
    "Sania",
    "Rose Brand",
    "Gulaku",
    "Lifebuoy",
    "Lux",
    "Pepsodent",
    "Ciptadent",
    "Rinso",
    "So Klin",
    "Daia",
    "Sunlight",
    "Mama Lemon",
    "Baygon",
    "Chitato",
    "Qtela",
    "Taro",
    "Beng-Beng",
    "Silverqueen",
    "Roma",
    "Khong Guan",
    "Nabati",
    "Sari Roti",
    "Gery",
    "Oreo",
    "Kacang Garuda",
    "Dua Kelinci",
]
ITEMS = [
    "Mie Goreng",
    "Mie Kuah Soto",
    "Kecap Manis",
    "Saus Sambal",
    "Kopi Bubuk",
    "Kopi Susu",
    "Teh Celup",
    "Teh Botol",
    "Air Mineral",
    "Susu UHT Coklat",
    "Susu Kental Manis",
    "Minyak Goreng",
    "Gula Pasir",
    "Sabun Mandi",
    "Pasta Gigi",
    "Deterjen Bubuk",
    "Sabun Cuci Piring",
    "Keripik Kentang",
    "Biskuit Kelapa",
    "Wafer Coklat",
    "Roti Tawar",
    "Kacang Atom",
    "Permen Jahe",
    "Tepung Terigu",
    "Beras Premium",
]
SIZES = [
    "50 g",
    "75 g",
    "85 g",
    "120 g",
    "200 g",
    "250 ml",
    "330 ml",
    "600 ml",
    "1 L",
    "1 kg",
    "5 kg",
    "isi 10",
]
CHANNELS = [("walk_in", 80), ("whatsapp", 8), ("gofood", 7), ("delivery", 5)]
MOVE_COLUMNS = [
    "product_id",
    "qty",
    "kind",
    "unit_cost",
    "sale_line_id",
    "purchase_id",
    "batch_id",
    "reason",
    "user_id",
    "created_at",
]
METHODS = [("cash", 65), ("qris", 25), ("transfer", 10)]


def _ean(n: int) -> str:
    body = f"899{n:09d}"
    odd = sum(int(d) for d in body[0::2])
    even = sum(int(d) for d in body[1::2])
    return body + str((10 - (odd + even * 3) % 10) % 10)


def _ts(at: datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M:%S")


def _insert(model: type, rows: list[tuple[Any, ...]], columns: list[str]) -> None:
    if not rows:
        return
    table = model._meta.table_name
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    database.connection().executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)


def build(
    target: str, scale: Scale, seed: int = 7, progress: Callable[[str, float], None] | None = None
) -> dict[str, Any]:
    """Fill a new database at `target` with `scale` of history ending yesterday. Returns counts."""
    rng = random.Random(seed)
    started = time.perf_counter()

    def say(what: str, done: float) -> None:
        if progress is not None:
            progress(what, done)

    shop.open_shop(target)
    owner = staff.create_user("Pemilik Bench", "owner", "1234")
    cashier = staff.create_user("Kasir Bench", "cashier", "1111", by=owner)
    settings.update({"setup_done": True, "shop_name": "Toko Bench"}, user=owner.name)  # the app: its login
    loyalty.configure_points(
        {"earn_per": 10_000, "point_value": 100, "min_redeem": 50, "expiry_months": 12}, True, owner
    )
    from pos.catalog import channel as channels

    channels.configure("gofood", markup_rate=Decimal(0), commission_rate=Decimal("0.20"), commission_fixed=0)
    end = date.today() - timedelta(days=1)
    start = end - timedelta(days=scale.days - 1)
    first_moment = datetime.combine(start, datetime.min.time()).replace(hour=6)
    codes = {c.code: c.id for c in Channel.select()}
    register = Register.get()

    conn = database.connection()
    conn.execute("BEGIN IMMEDIATE")
    try:
        # --- catalogue and opening stock -----------------------------------------------------
        cats = []
        for i, name in enumerate(ITEMS[:20]):
            cats.append(Category.create(name=f"{name.split()[0]} {i + 1}", sort=i).id)
        product_rows, barcode_rows, costs, prices = [], [], [], []
        now_text = _ts(first_moment)
        for i in range(scale.products):
            name = (
                f"{BRANDS[i % len(BRANDS)]} {ITEMS[(i // len(BRANDS)) % len(ITEMS)]} {SIZES[i % len(SIZES)]}"
            )
            if i >= len(BRANDS) * len(ITEMS):
                name += f" varian {i // (len(BRANDS) * len(ITEMS))}"
            price = rng.choice((2_500, 3_500, 5_000, 7_500, 12_000, 15_000, 22_000, 35_000, 58_000))
            cost = int(price * rng.uniform(0.7, 0.9))
            costs.append(cost)
            prices.append(price)
            product_rows.append(
                (
                    i + 1,
                    f"B{i + 1:06d}",
                    name,
                    fold(name),
                    cats[i % len(cats)],
                    "pcs",
                    price,
                    cost,
                    "standard",
                    1,
                    0,
                    10_000,
                    0,
                    0,
                    0,
                    1 if i < 40 else 0,
                    1,
                    now_text,
                    0,
                    0,
                )
            )
            barcode_rows.append((i + 1, _ean(i + 1)))
        _insert(
            Product,
            product_rows,
            [
                "id",
                "sku",
                "name",
                "search_name",
                "category_id",
                "unit",
                "price",
                "cost",
                "tax_category",
                "track_stock",
                "on_hand",
                "reorder_level",
                "perishable",
                "serialised",
                "warranty_days",
                "quick",
                "active",
                "created_at",
                "shelf_life_days",
                "quick_sort",
            ],
        )
        _insert(Barcode, barcode_rows, ["product_id", "code"])
        say("barang", 0.05)

        customer_rows = []
        for i in range(scale.customers):
            name = f"{FIRST_NAMES[i % len(FIRST_NAMES)]} {LAST_NAMES[(i * 7) % len(LAST_NAMES)]}"
            customer_rows.append(
                (i + 1, f"62812{i:08d}", name, fold(name), None, "", "", 1, 0, 0, 0, "", None, now_text, 0, 1)
            )
        _insert(
            Customer,
            customer_rows,
            [
                "id",
                "phone",
                "name",
                "search_name",
                "birthday",
                "notes",
                "tags",
                "wa_consent",
                "credit_limit",
                "kasbon",
                "points",
                "tier",
                "merged_into_id",
                "created_at",
                "visits",
                "active",
            ],
        )
        say("pelanggan", 0.1)

        opening = 1_000_000  # units per product, so stock stays positive for three years
        purchase = Purchase.create(
            supplier=None,
            user=owner,
            created_at=first_moment,
            note="Stok awal bench",
            total=sum(c * opening for c in costs),
        )
        _insert(
            StockMove,
            [
                (
                    pid,
                    opening * 1000,
                    "restock",
                    costs[pid - 1],
                    None,
                    purchase.id,
                    None,
                    "",
                    owner.id,
                    now_text,
                )
                for pid in range(1, scale.products + 1)
            ],
            MOVE_COLUMNS,
        )
        last = JournalEntry.select().order_by(JournalEntry.seq.desc()).first()
        seq, prev = (last.seq, last.hash) if last else (0, journal.GENESIS)
        journal_rows = []

        def seal(at: datetime, user: str, event: str, body: Any) -> None:
            nonlocal seq, prev
            seq += 1
            text = journal.canonical(body)
            digest = journal.entry_hash(seq, at.isoformat(), register.code, user, event, text, prev)
            journal_rows.append((seq, _ts(at), register.code, user, event, text, prev, digest))
            prev = digest

        seal(
            first_moment,
            owner.name,
            "restock",
            {
                "purchase": purchase.id,
                "total": purchase.total,
                "items": [
                    [pid, str(to_qty(str(opening))), costs[pid - 1]] for pid in range(1, scale.products + 1)
                ],
            },
        )

        # --- three years of sales ------------------------------------------------------------
        weights = [1.0 / (1 + (i % 400)) ** 0.8 for i in range(scale.products)]
        regulars = max(1, scale.customers // 5)
        channel_names, channel_weights = zip(*CHANNELS, strict=True)
        method_names, method_weights = zip(*METHODS, strict=True)
        picks = rng.choices(range(1, scale.products + 1), weights=weights, k=min(scale.sales * 3, 4_000_000))
        pick_at = 0
        per_day = scale.sales / scale.days
        sale_rows, line_rows, pay_rows, move_rows, point_rows = [], [], [], [], []
        line_id = 0
        sold = [0] * (scale.products + 1)
        earned_by = [0] * (scale.customers + 1)
        visits = [0] * (scale.customers + 1)
        first_seen: list[str | None] = [None] * (scale.customers + 1)
        last_seen: list[str | None] = [None] * (scale.customers + 1)
        cols_sale = [
            "id",
            "number",
            "cart_uid",
            "register_id",
            "seq",
            "kind",
            "refund_of_id",
            "channel_id",
            "order_type",
            "source_ref",
            "customer_id",
            "cashier_id",
            "approved_by_id",
            "shift_id",
            "created_at",
            "paid_at",
            "gross",
            "discount",
            "discount_reason",
            "service",
            "tax",
            "tax_included",
            "delivery_fee",
            "rounding",
            "total",
            "commission",
            "net",
            "cost",
            "delivery_address",
            "note",
            "reason",
        ]
        cols_line = [
            "id",
            "sale_id",
            "position",
            "product_id",
            "name",
            "qty",
            "unit_price",
            "list_price",
            "discount",
            "tax",
            "total",
            "cost",
            "note",
            "reason",
            "reward",
            "refund_of_id",
            "serial_number",
            "warranty_until",
        ]
        cols_pay = ["sale_id", "method", "amount", "tendered", "change", "reference"]
        cols_move = MOVE_COLUMNS
        cols_points = [
            "customer_id",
            "program_id",
            "kind",
            "points",
            "stamps",
            "sale_id",
            "expires_on",
            "user_id",
            "note",
            "created_at",
        ]
        names = {i + 1: row[2] for i, row in enumerate(product_rows)}
        sale_id = 0
        carry = 0.0

        def flush() -> None:
            _insert(Sale, sale_rows, cols_sale)
            _insert(SaleLine, line_rows, cols_line)
            _insert(Payment, pay_rows, cols_pay)
            _insert(StockMove, move_rows, cols_move)
            _insert(LoyaltyEntry, point_rows, cols_points)
            _insert(
                JournalEntry,
                journal_rows,
                ["seq", "created_at", "register", "user", "event", "content", "prev_hash", "hash"],
            )
            for rows in (sale_rows, line_rows, pay_rows, move_rows, point_rows, journal_rows):
                rows.clear()

        shift_rows: list[tuple[Any, ...]] = []
        cols_shift = [
            "id",
            "register_id",
            "number",
            "opened_by_id",
            "opened_at",
            "opening_cash",
            "closed_by_id",
            "closed_at",
            "expected_cash",
            "counted_cash",
            "counted_detail",
            "variance",
        ]
        # A day's shift row is made after its sales (it carries their cash) and goes in before them. While
        # any foreign key waited for its row, every insert into a table others refer to would look for
        # the rows waiting on it — through all the stock moves, which have no index by sale line.
        for day_index in range(scale.days):
            day = start + timedelta(days=day_index)
            shift_id = day_index + 1  # one shift a day, opened 06:50 and closed 21:10 (counted exactly)
            by_method: dict[str, int] = {}
            carry += per_day * (1.25 if day.weekday() >= 5 else 0.9)  # a week averages per_day
            count = int(carry)
            carry -= count
            if day_index == scale.days - 1:
                count += scale.sales - sale_id - count if scale.sales - sale_id > count else 0
            seconds = sorted(rng.randrange(7 * 3600, 21 * 3600) for _ in range(count))
            opened = datetime.combine(day, datetime.min.time()).replace(hour=6, minute=50)
            closed = opened.replace(hour=21, minute=10)
            seal(opened, cashier.name, "shift_open", {"shift": shift_id, "opening_cash": 0})
            for second in seconds:
                if sale_id >= scale.sales:
                    break
                sale_id += 1
                at = datetime.combine(day, datetime.min.time()) + timedelta(seconds=second)
                code = rng.choices(channel_names, weights=channel_weights)[0]
                member = code in ("whatsapp", "delivery") or rng.random() < 0.35
                customer_id = (
                    (rng.randrange(regulars) if rng.random() < 0.7 else rng.randrange(scale.customers)) + 1
                    if member
                    else None
                )
                n_lines = rng.choices((1, 2, 3, 4, 5), weights=(25, 30, 20, 15, 10))[0]
                lines, gross, cost_total = [], 0, 0
                used: set[int] = set()
                for position in range(1, n_lines + 1):
                    pid = picks[pick_at % len(picks)]
                    pick_at += 1
                    if pid in used:
                        continue
                    used.add(pid)
                    q = rng.choices((1, 2, 3), weights=(70, 22, 8))[0]
                    qty = to_qty(str(q))
                    price = prices[pid - 1]
                    amount = line_amount(qty, price)
                    cost = apply_rate(costs[pid - 1], qty)
                    line_id += 1
                    lines.append(
                        {"product": pid, "qty": qty, "unit_price": price, "discount": 0, "total": amount}
                    )
                    line_rows.append(
                        (
                            line_id,
                            sale_id,
                            position,
                            pid,
                            names[pid],
                            q * 1000,
                            price,
                            price,
                            0,
                            0,
                            amount,
                            cost,
                            "",
                            "",
                            0,
                            None,
                            "",
                            None,
                        )
                    )
                    move_rows.append(
                        (pid, -q * 1000, "sale", costs[pid - 1], line_id, None, None, "", cashier.id, _ts(at))
                    )
                    sold[pid] += q * 1000
                    gross += amount
                    cost_total += cost
                method = (
                    "platform" if code == "gofood" else rng.choices(method_names, weights=method_weights)[0]
                )
                commission = apply_rate(gross, Decimal("0.20")) if code == "gofood" else 0
                tendered = ((gross // 50_000) + 1) * 50_000 if method == "cash" and rng.random() < 0.6 else 0
                change = tendered - gross if tendered else 0
                payments = [{"method": method, "amount": gross, "tendered": tendered, "change": change}]
                pay_rows.append((sale_id, method, gross, tendered, change, ""))
                by_method[method] = by_method.get(method, 0) + gross
                number = f"{register.code}-{sale_id:06d}"
                earned = gross // 10_000 if customer_id and code != "gofood" else 0
                points = (earned, 0) if customer_id else None
                if customer_id:
                    visits[customer_id] += 1
                    last_seen[customer_id] = _ts(at)
                    if first_seen[customer_id] is None:
                        first_seen[customer_id] = _ts(at)
                if earned:
                    point_rows.append(
                        (
                            customer_id,
                            None,
                            "earn",
                            earned,
                            0,
                            sale_id,
                            (at + timedelta(days=365)).date().isoformat(),
                            cashier.id,
                            "",
                            _ts(at),
                        )
                    )
                    earned_by[customer_id] += earned
                sale_rows.append(
                    (
                        sale_id,
                        number,
                        f"bench{sale_id:012d}",
                        register.id,
                        sale_id,
                        "sale",
                        None,
                        codes[code],
                        "take_away",
                        "",
                        customer_id,
                        cashier.id,
                        None,
                        shift_id,
                        _ts(at),
                        _ts(at),
                        gross,
                        0,
                        "",
                        0,
                        0,
                        0,
                        0,
                        0,
                        gross,
                        commission,
                        gross - commission,
                        cost_total,
                        "",
                        "",
                        "",
                    )
                )
                body = content(
                    SimpleNamespace(
                        number=number,
                        kind="sale",
                        refund_of_id=None,
                        channel_id=codes[code],
                        customer_id=customer_id,
                        cashier_id=cashier.id,
                        approved_by_id=None,
                        discount_reason="",
                        reason="",
                        created_at=at,
                        gross=gross,
                        discount=0,
                        service=0,
                        tax=0,
                        delivery_fee=0,
                        rounding=0,
                        total=gross,
                        commission=commission,
                        net=gross - commission,
                    ),
                    lines,
                    payments,
                    points,
                )
                seal(at, cashier.name, "sale", body)
            cash = by_method.get("cash", 0)
            shift_rows.append(
                (
                    shift_id,
                    register.id,
                    shift_id,
                    cashier.id,
                    _ts(opened),
                    0,
                    cashier.id,
                    _ts(closed),
                    cash,
                    cash,
                    "{}",
                    0,
                )
            )
            seal(
                closed,
                cashier.name,
                "shift_close",
                {
                    "shift": shift_id,
                    "expected": cash,
                    "counted": cash,
                    "variance": 0,
                    "by_method": [[m, t] for m, t in sorted(by_method.items())],
                },
            )
            if len(sale_rows) >= 20_000:  # whole days, their shifts first: no foreign key waits for a row
                _insert(Shift, shift_rows, cols_shift)
                shift_rows.clear()
                flush()
                say("nota", 0.1 + 0.85 * sale_id / scale.sales)
        _insert(Shift, shift_rows, cols_shift)
        flush()
        for pid in range(1, scale.products + 1):
            conn.execute(
                'UPDATE "product" SET "on_hand" = ? WHERE "id" = ?', (opening * 1000 - sold[pid], pid)
            )
        conn.executemany(
            'UPDATE "customer" SET "points" = ? WHERE "id" = ?',
            [(p, cid) for cid, p in enumerate(earned_by) if p],
        )
        conn.executemany(
            'UPDATE "customer" SET "visits" = ?, "first_visit" = ?, "last_visit" = ? WHERE "id" = ?',
            [(n, first_seen[cid], last_seen[cid], cid) for cid, n in enumerate(visits) if n],
        )
        conn.execute(
            'UPDATE "register" SET "last_number" = ?, "last_shift_number" = ? WHERE "id" = ?',
            (sale_id, scale.days, register.id),
        )
        say("buku harian", 0.97)
        summaries.rebuild(database.obj)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    # five made-to-order dishes, each using three stocked ingredients (a sale of all five: 15 moves)
    from pos.catalog import catalog
    from pos.stock import recipes

    for n in range(5):
        dish = catalog.create_product(f"RESEP{n + 1}", f"Menu racik {n + 1}", 25_000, track_stock=False)
        recipes.set_recipe(dish.id, [(3 * n + k + 1, "0.5") for k in range(3)], owner)
    conn.execute("ANALYZE")
    say("selesai", 1.0)
    return {
        "products": scale.products,
        "customers": scale.customers,
        "sales": sale_id,
        "lines": line_id,
        "build_seconds": round(time.perf_counter() - started, 1),
        "owner_id": owner.id,
        "cashier_id": cashier.id,
        "first_day": start.isoformat(),
        "last_day": end.isoformat(),
    }
