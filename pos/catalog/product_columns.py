"""The columns of a products file and how their cells are read: Kasir's own layout (the template and
the export), the other names a column goes by (Bahasa Indonesia, English, Loyverse's items export), and
prices, quantities, yes/no and day counts written the way shops write them."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from db.fields import to_qty
from pos.core.errors import InvalidInput
from pos.core.i18n import N_, _
from pos.core.money import MAX_AMOUNT
from pos.core.text import fold
from pos.stock.stock import MAX_STOCK_QTY

# The columns of Kasir's own layout (the template and the export), in order, with their key.
COLUMNS = [
    ("sku", N_("SKU")),
    ("name", N_("Nama")),
    ("barcode", N_("Barcode")),
    ("category", N_("Kategori")),
    ("unit", N_("Satuan")),
    ("price", N_("Harga jual")),
    ("cost", N_("HPP")),
    ("stock", N_("Stok")),
    ("reorder_level", N_("Batas stok")),
    ("tax_exempt", N_("Bebas pajak")),
    ("track_stock", N_("Lacak stok")),
    ("perishable", N_("Mudah basi")),
    ("shelf_life_days", N_("Umur simpan (hari)")),
    ("serialised", N_("Nomor seri")),
    ("warranty_days", N_("Garansi (hari)")),
    ("quick", N_("Tombol cepat")),
    ("quick_sort", N_("Urutan tombol")),
    ("active", N_("Aktif")),
    ("price_gofood", N_("Harga GoFood")),
    ("price_grabfood", N_("Harga GrabFood")),
    ("price_shopeefood", N_("Harga ShopeeFood")),
]
FIELDS = dict(COLUMNS)

# Other names a column goes by (compared folded, without punctuation): Indonesian, English, Loyverse's
# items export ("Handle, SKU, Name, Category, …, Sold by weight, …, Default price, Cost, Barcode, …,
# Track stock, In stock [Toko], Low stock [Toko]") and the item lists of other shop apps.
SYNONYMS = {
    "sku": ["sku", "kode", "kode barang", "kode produk", "kode item", "item code", "product code", "plu"],
    "name": [
        "nama",
        "nama barang",
        "nama produk",
        "nama item",
        "produk",
        "barang",
        "name",
        "item name",
        "product name",
        "item",
        "product",
    ],
    "barcode": ["barcode", "barcodes", "kode barcode", "kode batang", "ean", "upc", "gtin"],
    "category": ["kategori", "category", "golongan", "jenis", "kelompok", "departemen", "department"],
    "unit": ["satuan", "unit", "uom", "sold by"],
    "price": [
        "harga jual",
        "jual",
        "harga",
        "harga eceran",
        "price",
        "sell price",
        "selling price",
        "default price",
        "retail price",
        "sale price",
    ],
    "cost": [
        "hpp",
        "harga pokok",
        "harga beli",
        "harga modal",
        "modal",
        "cost",
        "cost price",
        "purchase cost",
        "purchase price",
        "unit cost",
    ],
    "stock": [
        "stok",
        "stok awal",
        "jumlah stok",
        "qty",
        "jumlah",
        "stock",
        "in stock",
        "on hand",
        "quantity",
        "stock quantity",
    ],
    "reorder_level": [
        "batas stok",
        "stok minimum",
        "minimal stok",
        "stok min",
        "reorder level",
        "reorder point",
        "low stock",
        "min stock",
        "alert at",
    ],
    "tax_exempt": ["bebas pajak", "tanpa pajak", "non ppn", "tax exempt"],
    "track_stock": ["lacak stok", "pantau stok", "track stock", "track inventory"],
    "perishable": ["mudah basi", "perishable", "kedaluwarsa"],
    "shelf_life_days": ["umur simpan hari", "umur simpan", "shelf life", "shelf life days"],
    "serialised": ["nomor seri", "no seri", "serial", "serial number"],
    "warranty_days": ["garansi hari", "garansi", "warranty", "warranty days"],
    "quick": ["tombol cepat", "quick", "quick item", "favorit"],
    "quick_sort": ["urutan tombol", "urutan", "quick order"],
    "active": ["aktif", "active", "available for sale", "dijual"],
    "price_gofood": ["harga gofood", "gofood", "gofood price"],
    "price_grabfood": ["harga grabfood", "grabfood", "grabfood price"],
    "price_shopeefood": ["harga shopeefood", "shopeefood", "shopeefood price"],
    "sold_by_weight": ["sold by weight", "dijual per berat", "timbang"],
}
LABELS = {  # what the mapping screen calls each key
    **FIELDS,
    "sold_by_weight": N_("Dijual per berat (kg)"),
}
UNIT_WORDS = {
    "pcs": "pcs", "pc": "pcs", "buah": "pcs", "bh": "pcs", "biji": "pcs", "unit": "pcs", "each": "pcs",
    "ea": "pcs", "item": "pcs", "kg": "kg", "kilo": "kg", "kilogram": "kg", "g": "gram", "gr": "gram",
    "gram": "gram", "l": "liter", "lt": "liter", "ltr": "liter", "liter": "liter", "litre": "liter",
    "ml": "ml", "mililiter": "ml", "m": "meter", "meter": "meter", "mtr": "meter",
    "porsi": "porsi", "portion": "porsi", "pack": "pack", "pak": "pak", "bungkus": "bungkus",
    "bks": "bungkus",
    "box": "dus", "dus": "dus", "kardus": "dus", "karton": "dus", "sachet": "sachet", "saset": "sachet",
    "renceng": "renceng", "rencengan": "renceng", "botol": "botol", "btl": "botol", "bottle": "botol",
    "kaleng": "kaleng", "klg": "kaleng", "can": "kaleng", "lusin": "lusin", "dozen": "lusin",
    "gelas": "gelas", "cup": "gelas",
}  # fmt: skip
YES = {"ya", "y", "yes", "true", "1", "benar", "v", "x", "✓", "aktif"}
NO = {"tidak", "t", "n", "no", "false", "0", "salah", "", "-", "nonaktif"}
MAX_ROWS = 100_000


def _key(header: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(header)).split())


def guess_columns(headers: list[str]) -> dict[int, str]:
    """Column index -> field key for the headers Kasir recognises (each key once, the first column wins).
    'In stock [Toko Utama]' and 'Price [Toko Utama]' (Loyverse, per store) count as stock and price."""
    lookup = {_key(name): key for key, names in SYNONYMS.items() for name in names}
    lookup.update({_key(title): key for key, title in COLUMNS})
    found: dict[int, str] = {}
    for index, header in enumerate(headers):
        text = _key(header)
        key = lookup.get(text)
        if key is None:
            base = _key(header.split("[")[0])
            key = {"in stock": "stock", "low stock": "reorder_level", "price": "price_store",
                   "available for sale": "active"}.get(base)  # fmt: skip
        if key and key not in found.values():
            found[index] = key
    if "price" not in found.values():  # Loyverse without a default price: the store's price
        for index, key in list(found.items()):
            if key == "price_store":
                found[index] = "price"
    return {i: k for i, k in found.items() if k != "price_store"}


# --- reading values ---------------------------------------------------------------------------------


def parse_price(text: str) -> int:
    """'Rp 3.500', '3.500', '3500', '3500,00', '3.500,00', '3,500.00' and '3500.00' -> 3500. Sen other
    than 00, negatives, words and absurd amounts are refused."""
    raw = str(text).strip()
    cleaned = raw.lower().replace("rp", "").replace(" ", "").replace("\u00a0", "")
    if not cleaned or not re.fullmatch(r"[0-9.,]+", cleaned):
        raise InvalidInput(N_("harga {text} tidak terbaca"), text=raw[:40])
    whole, cents = cleaned, ""
    marks = [c for c in cleaned if c in ".,"]
    last = max(cleaned.rfind("."), cleaned.rfind(","))
    if last >= 0 and (len(set(marks)) == 2 or (len(marks) == 1 and len(cleaned) - last - 1 in (1, 2))):
        whole, cents = cleaned[:last], cleaned[last + 1 :]  # the last mark is the decimal one
    digits = whole.replace(".", "").replace(",", "")
    if not digits.isdigit() or (cents and not cents.isdigit()):
        raise InvalidInput(N_("harga {text} tidak terbaca"), text=raw[:40])
    if cents and int(cents):
        raise InvalidInput(N_("harga {text} memakai sen; tulis rupiah utuh"), text=raw[:40])
    value = int(digits)
    if value > MAX_AMOUNT:
        raise InvalidInput(N_("harga {text} terlalu besar"), text=raw[:40])
    return value


def parse_qty(text: str, what: str, negative: bool = False) -> Decimal:
    """'12', '2,5', '1.250,5' -> a quantity (3 places). `negative` admits a balance below zero: the
    recorded stock of an item sold before its delivery was entered, as an export writes it."""
    raw = str(text).strip()
    cleaned = raw.replace(" ", "")
    if "," in cleaned and "." in cleaned:  # 1.250,5 or 1,250.5: the last one is the decimal mark
        mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        cleaned = cleaned.replace("." if mark == "," else ",", "").replace(",", ".")
    else:
        cleaned = cleaned.replace(",", ".")
    try:
        value = to_qty(Decimal(cleaned))
    except (InvalidOperation, ValueError) as exc:
        raise InvalidInput(N_("{what} {text} tidak terbaca"), what=_(what), text=raw[:40]) from exc
    if not value.is_finite() or value < (-MAX_STOCK_QTY if negative else 0) or value > MAX_STOCK_QTY:
        raise InvalidInput(N_("{what} {text} di luar batas"), what=_(what), text=raw[:40])
    return value


def parse_bool(text: str, what: str) -> bool:
    word = fold(text)
    if word in YES:
        return True
    if word in NO:
        return False
    raise InvalidInput(N_("{what}: tulis ya atau tidak, bukan {text}"), what=_(what), text=text[:20])


def parse_days(text: str, what: str) -> int:
    word = str(text).strip()
    if not word:
        return 0
    if not word.isdigit() or int(word) > 3650:
        raise InvalidInput(N_("{what} {text}: tulis jumlah hari 0 sampai 3650"), what=_(what), text=word[:20])
    return int(word)


def split_codes(text: str) -> list[str]:
    return [c for c in re.split(r"[,|;\s]+", str(text).strip()) if c]
