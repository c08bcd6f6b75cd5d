"""Products from a spreadsheet (CSV or XLSX): column names in Bahasa Indonesia and English (and the item
exports of Loyverse and similar apps), a preview that names every row's problem with its line number,
and an import that writes every row or none. pos.catalog.product_export writes the same layout and the
template, so export -> edit in a spreadsheet -> import changes nothing.

Opening stock and cost from the file enter like a stock count: one 'opname' move per product, at the
file's cost.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from db import catalog_rows, fast
from db.models import Barcode, Category, Channel, ChannelPrice, Product, StockMove, User
from pos.catalog.catalog import UNITS
from pos.catalog.product_columns import (
    FIELDS,
    MAX_ROWS,
    UNIT_WORDS,
    guess_columns,
    parse_bool,
    parse_days,
    parse_price,
    parse_qty,
    split_codes,
)
from pos.catalog.product_edit import MAX_NAME, SKU_PATTERN, next_sku, set_price
from pos.core import barcodes, clock, journal, staff
from pos.core.errors import InvalidInput, PosError
from pos.core.i18n import N_, _
from pos.core.tabular import read_table, unguard
from pos.core.text import clean, fold
from pos.core.tx import service

# --- the preview ------------------------------------------------------------------------------------


@dataclass
class ImportRow:
    """One row of the file: what will be written, or why it cannot be."""

    line: int
    action: str = "new"  # new | update | unchanged | error
    values: dict[str, Any] = field(default_factory=dict)  # product columns
    barcodes: list[str] = field(default_factory=list)
    category: str = ""
    stock: Decimal | None = None
    channel_prices: dict[str, int | None] = field(default_factory=dict)  # channel code -> price
    product_id: int | None = None  # the product an update changes
    problems: list[str] = field(default_factory=list)
    cells: dict[str, str] = field(default_factory=dict)  # the row as read, by field


@dataclass
class ImportPreview:
    path: str
    columns: dict[int, str]  # file column -> field
    headers: list[str]
    rows: list[ImportRow]
    update: bool
    digest: str = ""  # of the file's bytes: apply() refuses a file changed since its preview
    missing: list[str] = field(default_factory=list)  # columns the import needs and the file lacks

    @property
    def problems(self) -> list[tuple[int, str]]:
        return [(1, m) for m in self.missing] + [(r.line, p) for r in self.rows for p in r.problems]

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    def summary(self) -> str:
        return _("{new} baru, {update} diubah, {same} sama, {bad} bermasalah").format(
            new=self.count("new"), update=self.count("update"), same=self.count("unchanged"),
            bad=self.count("error"),
        )  # fmt: skip


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class _Known:
    """What the database already has, read once for the whole file."""

    def __init__(self) -> None:
        self.by_sku = catalog_rows.ids_by_sku()
        self.by_code = catalog_rows.products_by_barcode()
        names: dict[str, list[int]] = {}
        for pid, name in catalog_rows.search_names():
            names.setdefault(name, []).append(pid)
        self.by_name = {name: ids[0] for name, ids in names.items() if len(ids) == 1}
        self.categories = {fold(n): i for i, n in catalog_rows.category_names()}
        self.channels = {
            c.code: c.id for c in Channel.select(Channel.id, Channel.code).where(Channel.kind == "aggregator")
        }


def preview(path: str | Path, columns: dict[int, str] | None = None, update: bool = False) -> ImportPreview:
    """Read the file and say, row by row, what an import would do; nothing is written. `columns` maps a
    file column to a field where the guess was wrong; `update` changes products found by SKU or barcode
    (otherwise such a row is a problem: add-only)."""
    path = Path(path)
    table = read_table(path)
    if len(table.rows) > MAX_ROWS:
        raise InvalidInput(N_("File berisi lebih dari 100.000 baris; bagi menjadi beberapa file."))
    mapping = dict(columns) if columns is not None else guess_columns(table.headers)
    missing = []
    if "name" not in mapping.values() and not update:
        missing.append(_("Kolom nama barang tidak ditemukan: pilih kolom mana yang berisi nama."))
    if not update and "price" not in mapping.values():
        missing.append(_("Kolom harga jual tidak ditemukan: pilih kolom mana yang berisi harga."))
    if missing:  # the rows are read once the columns are known
        return ImportPreview(str(path), mapping, table.headers, [], update, _digest(path), missing)
    known = _Known()
    rows = [  # each cell without the export's guard ': '=x and '-1 read back as =x and -1
        _row(r.line, {k: unguard(r.cells[i]) for i, k in mapping.items() if i < len(r.cells)}, known, update)
        for r in table.rows
    ]
    _no_doubles(rows)
    _mark_unchanged(rows)
    return ImportPreview(str(path), mapping, table.headers, rows, update, _digest(path))


def _mark_unchanged(rows: list[ImportRow]) -> None:
    """An update row that would change nothing (no field, barcode, stock or channel price differs)."""
    updates = {r.product_id: r for r in rows if r.action == "update"}
    ids = list(updates)
    for start in range(0, len(ids), 500):
        for product in Product.select().where(Product.id.in_(ids[start : start + 500])):
            row = updates[product.id]
            values = {k: v for k, v in row.values.items() if k != "cost"}
            have = {b.code for b in product.barcodes}
            prices = {p.channel.code: int(p.price) for p in product.channel_prices}
            same = (
                all(_stored(product, k) == v for k, v in values.items())
                and set(row.barcodes) <= have
                and (row.stock is None or not product.track_stock or row.stock == product.on_hand)
                and all(prices.get(code) == price for code, price in row.channel_prices.items())
                and (
                    not row.category
                    or (product.category is not None and fold(product.category.name) == fold(row.category))
                )
            )
            if same:
                row.action = "unchanged"


def _row(line: int, cells: dict[str, str], known: _Known, update: bool) -> ImportRow:
    row = ImportRow(line, cells=cells)
    try:
        _read(row, cells, known, update)
    except PosError as exc:
        row.problems.append(exc.text)
    if row.problems:
        row.action = "error"
    return row


def _unit(word: str, product_id: int | None) -> str:
    """A unit cell (folded) as stored: 'bks' -> 'bungkus'; a product's own older word ('biji', 'ikat')
    comes back as it is; any other word Kasir does not know is refused."""
    unit = UNIT_WORDS.get(word, word)
    if product_id is not None and (unit != word or word not in UNITS):
        kept = Product.select(Product.unit).where(Product.id == product_id).scalar()
        if kept is not None and fold(str(kept)) == word:
            return str(kept)
    if unit not in UNITS:
        raise InvalidInput(
            N_("satuan {unit} tidak dikenal (pcs, bungkus, botol, kg, liter...)"), unit=word[:20]
        )
    return unit


def _read(row: ImportRow, cells: dict[str, str], known: _Known, update: bool) -> None:
    values: dict[str, Any] = {}
    row.values = values  # filled as the cells are read: a row with a problem still shows what it has
    sku = clean(cells.get("sku", "")).upper()
    codes = []
    for code in split_codes(cells.get("barcode", "")):
        try:
            codes.append(barcodes.check_barcode(code))
        except PosError as exc:
            row.problems.append(exc.text)
    row.barcodes = codes
    found = known.by_sku.get(sku) if sku else None
    if found is None:
        found = next((known.by_code[c] for c in codes if c in known.by_code), None)
    if found is None and not sku and not codes:  # no code at all: the same name is the same product
        found = known.by_name.get(fold(clean(cells.get("name", ""))))
    if found is not None:
        if not update:
            raise InvalidInput(
                N_("barang ini sudah ada (SKU, barcode atau nama): pilih 'ubah yang sudah ada' (--update)")
            )
        row.action, row.product_id = "update", found
    elif update and not cells.get("name", "").strip():
        raise InvalidInput(N_("tidak ada barang dengan SKU/barcode ini, dan namanya kosong"))
    if sku:
        if not SKU_PATTERN.match(sku):
            raise InvalidInput(N_("SKU {sku} tidak valid: huruf, angka dan . _ / - saja"), sku=sku[:40])
        if sku in known.by_code and known.by_code[sku] != found:
            raise InvalidInput(N_("SKU {sku} sudah dipakai sebagai barcode barang lain"), sku=sku)
        values["sku"] = sku
    for code in codes:
        holder = known.by_code.get(code, found)
        if holder != found or (code in known.by_sku and known.by_sku[code] != found):
            row.problems.append(_("barcode {code} sudah dipakai barang lain").format(code=code))
    if "name" in cells and (cells["name"].strip() or row.action == "new"):
        name = clean(cells["name"])
        if not name:
            raise InvalidInput(N_("nama barang kosong"))
        if len(name) > MAX_NAME:
            raise InvalidInput(N_("nama barang lebih dari 200 huruf"))
        values["name"], values["search_name"] = name, fold(name)
    for key in ("price", "cost"):
        if cells.get(key, "").strip():
            values[key] = parse_price(cells[key])
        elif key == "price" and row.action == "new":
            raise InvalidInput(N_("harga jual kosong"))
    unit = fold(cells.get("unit", ""))
    if unit:
        values["unit"] = _unit(unit, row.product_id)
    if "sold_by_weight" in cells and cells["sold_by_weight"].strip():
        if parse_bool(cells["sold_by_weight"], N_("Dijual per berat")):
            values["unit"] = "kg"
    if cells.get("stock", "").strip():
        row.stock = parse_qty(cells["stock"], N_("Stok"), negative=True)
    if cells.get("reorder_level", "").strip():
        values["reorder_level"] = parse_qty(cells["reorder_level"], N_("Batas stok"))
    for key in ("tax_exempt", "track_stock", "perishable", "serialised", "quick", "active"):
        if cells.get(key, "").strip():
            flag = parse_bool(cells[key], FIELDS[key])
            values["tax_category" if key == "tax_exempt" else key] = (
                ("exempt" if flag else "standard") if key == "tax_exempt" else flag
            )
    for key in ("shelf_life_days", "warranty_days"):
        if cells.get(key, "").strip():
            values[key] = parse_days(cells[key], FIELDS[key])
    if cells.get("quick_sort", "").strip():
        values["quick_sort"] = parse_days(cells["quick_sort"], FIELDS["quick_sort"])
    for code in ("gofood", "grabfood", "shopeefood"):
        text = cells.get(f"price_{code}")
        if text is not None and code in known.channels:
            row.channel_prices[code] = parse_price(text) if text.strip() else None
    row.category = clean(cells.get("category", ""))[:80]
    row.values = values


def _no_doubles(rows: list[ImportRow]) -> None:
    """The same SKU or barcode twice inside one file is a problem on the later row, naming the first."""
    skus: dict[str, int] = {}
    codes: dict[str, int] = {}
    products: dict[int, int] = {}
    for row in rows:
        sku = row.values.get("sku")
        if sku:
            if sku in skus:
                row.problems.append(_("SKU {sku} sudah ada di baris {line}").format(sku=sku, line=skus[sku]))
            skus.setdefault(sku, row.line)
        for code in row.barcodes:
            if code in codes:
                shown = _("barcode {code} sudah ada di baris {line}")
                row.problems.append(shown.format(code=code, line=codes[code]))
            codes.setdefault(code, row.line)
        if row.product_id is not None:
            if row.product_id in products:
                row.problems.append(
                    _("barang yang sama sudah diubah di baris {line}").format(line=products[row.product_id])
                )
            products.setdefault(row.product_id, row.line)
        if row.problems:
            row.action = "error"


# --- the import ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    stock_moves: int
    categories: int


@service
def apply(preview: ImportPreview, user: User, approver: User | None = None) -> ImportResult:
    """Write every row of the preview, or none: refused while any row has a problem, and refused if the
    file changed since it was previewed. Every row is checked again here, against the database as it
    is now."""
    approved = staff.require(user, "products", approver)
    path = Path(preview.path)
    if _digest(path) != preview.digest:
        raise InvalidInput(N_("File berubah sejak pratinjau; periksa lagi sebelum impor."))
    known = _Known()  # the database as it is now (another till may have added products since)
    rows = [_row(r.line, r.cells, known, preview.update) for r in preview.rows]
    _no_doubles(rows)
    fresh = ImportPreview(
        preview.path, preview.columns, preview.headers, rows, preview.update, preview.digest
    )
    problems = preview.missing + [p for _line, p in fresh.problems]
    if problems:
        raise InvalidInput(N_("{n} masalah di file; perbaiki dulu, tidak ada yang ditulis."), n=len(problems))
    if not rows:
        raise InvalidInput(N_("File ini tidak berisi barang."))
    now = clock.now()
    categories, made = _categories(fresh.rows)
    added, moves = _insert(fresh.rows, categories, now, user)
    updated = _update(fresh.rows, categories, user, now)
    moves += _opening_stock(fresh.rows, user, now)
    _channel_prices(fresh.rows)
    ids = [row.product_id for row in fresh.rows if row.product_id]
    prices = {str(pid): price for pid, price in catalog_rows.prices(ids).items()}
    journal.append(
        "product_import",
        {
            "prices": prices,  # each product's price as imported: verify holds the catalogue to it
            "file": path.name,
            "sha256": fresh.digest,
            "added": added,
            "updated": updated,
            "stock_moves": moves,
            "approved_by": approved.name if approved else "",
        },
        user=user.name,
    )
    return ImportResult(added, updated, moves, made)


def _categories(rows: list[ImportRow]) -> tuple[dict[str, int], int]:
    """Folded name -> id for every category the file names (new ones created at the end of the order),
    and how many were created."""
    have = {fold(c.name): c.id for c in Category.select()}
    last = start = Category.select(Category.sort).order_by(Category.sort.desc()).scalar() or 0
    for row in rows:
        if row.category and fold(row.category) not in have:
            last += 1
            have[fold(row.category)] = Category.create(name=row.category, sort=last).id
    return have, last - start


_DEFAULTS: dict[str, Any] = dict(
    category=None, unit="pcs", cost=0, tax_category="standard", track_stock=True, on_hand=Decimal(0),
    reorder_level=Decimal(0), perishable=False, serialised=False, warranty_days=0, shelf_life_days=0,
    quick=False, quick_sort=0, active=True,
)  # fmt: skip


def _insert(rows: list[ImportRow], categories: dict[str, int], now: Any, user: User) -> tuple[int, int]:
    """The new products in statements of 200, with their barcodes and their opening stock (a new
    product starts at 0, so the file's stock is the count's difference)."""
    new = [r for r in rows if r.action == "new"]
    taken = set(catalog_rows.ids_by_sku())
    records = []
    made = [int(next_sku()[4:]) - 1]  # made-up SKUs count on from the shop's last BRG-… one
    for row in new:
        sku = row.values.get("sku") or _made_sku(taken, made)
        taken.add(sku)
        values = {**_DEFAULTS, **row.values, "sku": sku, "created_at": now}
        if row.category:
            values["category"] = categories[fold(row.category)]
        if row.stock and values["track_stock"]:
            values["on_hand"] = row.stock
        records.append(values)
    keys = tuple(records[0]) if records else ()
    ids: dict[Any, int] = {}
    for chunk in range(0, len(records), 200):
        part = [{k: r.get(k) for k in keys} for r in records[chunk : chunk + 200]]
        ids.update(fast.insert_many(Product, part, returning="sku"))
    for row, values in zip(new, records, strict=True):
        row.product_id = ids[values["sku"]]
    codes = [{"product": r.product_id, "code": c} for r in new for c in r.barcodes]
    fast.insert_many(Barcode, codes)
    moves = [_move(ids[v["sku"]], v["on_hand"], v["cost"], user, now) for v in records if v["on_hand"]]
    fast.insert_many(StockMove, moves)
    for row in new:
        row.stock = None  # entered with the product
    return len(new), len(moves)


def _move(product_id: int, qty: Decimal, cost: int, user: User, now: Any) -> dict[str, Any]:
    return dict(
        product=product_id,
        qty=qty,
        kind="opname",
        unit_cost=cost,
        sale_line=None,
        purchase=None,
        batch=None,
        reason="stok dari file impor",
        user=user.id,
        created_at=now,
    )


def _made_sku(taken: set[str], last: list[int]) -> str:
    while True:
        last[0] += 1
        sku = f"BRG-{last[0]:06d}"
        if sku not in taken:
            return sku


def _update(rows: list[ImportRow], categories: dict[str, int], user: User, now: Any) -> int:
    changed = 0
    for row in (r for r in rows if r.action in ("update", "unchanged")):
        product = Product.get_by_id(row.product_id)
        values = dict(row.values)
        values.pop("cost", None)  # the moving average of what was received; a new product's only
        if row.category:
            values["category"] = categories[fold(row.category)]
        differs = {k: v for k, v in values.items() if _stored(product, k) != v}
        new_codes = [c for c in row.barcodes if not Barcode.select().where(Barcode.code == c).exists()]
        if not differs and not new_codes:
            continue
        price = differs.pop("price", None)
        if differs:
            Product.update(**differs).where(Product.id == product.id).execute()
        if price is not None:
            set_price(product, price, _("impor file"), user)
        for code in new_codes:
            Barcode.create(product=product.id, code=code)
        changed += 1
    return changed


def _stored(product: Product, key: str) -> Any:
    value = getattr(product, "category_id" if key == "category" else key)
    return value


def _opening_stock(rows: list[ImportRow], user: User, now: Any) -> int:
    """The file's stock as a count: the difference to what is recorded enters as one opname move."""
    moves: list[dict[str, Any]] = []
    for row in rows:
        if row.stock is None or row.product_id is None:
            continue
        product = Product.get_by_id(row.product_id)
        if not product.track_stock:
            continue
        diff = row.stock - product.on_hand
        if not diff:
            continue
        moves.append(_move(product.id, diff, int(product.cost), user, now))
        fast.add_to(Product, "on_hand", product.id, diff)
    fast.insert_many(StockMove, moves)
    return len(moves)


def _channel_prices(rows: list[ImportRow]) -> None:
    channels = {c.code: c.id for c in Channel.select().where(Channel.kind == "aggregator")}
    for row in rows:
        for code, price in row.channel_prices.items():
            channel_id = channels[code]
            ChannelPrice.delete().where(
                ChannelPrice.channel == channel_id, ChannelPrice.product == row.product_id
            ).execute()
            if price is not None:
                ChannelPrice.create(channel=channel_id, product=row.product_id, price=price)
