"""Barcodes: check digits, what a scanner may type, the shop's own codes, scale labels to the rupiah."""

from __future__ import annotations

from decimal import Decimal

import pytest

from db.models import Barcode, Product
from pos.catalog import catalog
from pos.core import settings
from pos.core.barcodes import (
    ScaleLayout,
    ScaleRead,
    check_barcode,
    ean13_check_digit,
    find_scale_product,
    is_valid_ean8,
    is_valid_ean13,
    next_store_code,
    read_scale,
    scale_layout,
    scale_quantity,
)
from pos.core.cart import Cart
from pos.core.errors import InvalidBarcode, InvalidInput, PosError
from tests.pos.helpers import small_shop

DEFAULT = ScaleLayout(("21",), ("22",))

# worked out by hand (weights 1, 3, 1, 3... from the left over the first 12 digits):
# 2 1 0 0 1 2 3 0 1 2 5 0 -> 2+3+0+0+1+6+3+0+1+6+5+0 = 27 -> check 3
WEIGHT_1250G_PLU_123 = "2100123012503"
# 2 2 0 0 1 2 3 0 7 5 0 0 -> 2+6+0+0+1+6+3+0+7+15+0+0 = 40 -> check 0
PRICE_7500_PLU_123 = "2200123075000"


def make_code(body: str) -> str:
    return body + ean13_check_digit(body)


@pytest.fixture
def beras_curah(owner):
    """Beras curah sold by weight, Rp 15.000/kg, PLU 123 on the scale."""
    return catalog.create_product("123", "Beras Curah", 15_000, unit="kg", cost=12_000)


# --- check digits ---
def test_check_digits_of_real_codes():
    assert ean13_check_digit("899886620030") == "1"  # Indomie Goreng 8998866200301
    assert is_valid_ean13("8998866200301")
    assert not is_valid_ean13("8998866200305")
    assert is_valid_ean13(WEIGHT_1250G_PLU_123) and is_valid_ean13(PRICE_7500_PLU_123)
    assert make_code("210012301250") == WEIGHT_1250G_PLU_123
    assert make_code("220012307500") == PRICE_7500_PLU_123
    assert is_valid_ean8("96385074") and not is_valid_ean8("96385075")
    assert not is_valid_ean13("899886620030A") and not is_valid_ean13("899886620030")


def test_check_digit_needs_twelve_digits():
    for bad in ("89988662003", "8998866200301", "89988662003X", ""):
        with pytest.raises(InvalidBarcode):
            ean13_check_digit(bad)


# --- what a scanner may type ---
@pytest.mark.parametrize(
    ("typed", "clean"),
    [
        (" 8998866200301\r\n", "8998866200301"),
        ("8998 8662 00301", "8998866200301"),
        ("ABC-123", "ABC-123"),
        ("036000291452", "036000291452"),  # UPC-A
        ("96385074", "96385074"),  # EAN-8
        ("1234567890", "1234567890"),  # digits of another length: an internal code, no check digit
        ("x" * 40, "x" * 40),
    ],
)
def test_valid_codes_come_back_clean(typed, clean):
    assert check_barcode(typed) == clean


@pytest.mark.parametrize(
    ("typed", "digit"),
    [("8998866200305", "1"), ("036000291453", "2"), ("96385075", "4"), ("2100123012505", "3")],
)
def test_a_wrong_check_digit_is_named(typed, digit):
    with pytest.raises(InvalidBarcode) as caught:
        check_barcode(typed)
    assert caught.value.text == f"Barcode {typed} salah: angka ceknya seharusnya {digit}."


@pytest.mark.parametrize("typed", ["", "   ", "AB\x07C", "x" * 41, "KOPI É", "ab/cd", "12;34"])
def test_invalid_codes_are_refused(typed):
    with pytest.raises(InvalidBarcode) as caught:
        check_barcode(typed)
    assert isinstance(caught.value, PosError)
    assert caught.value.text.startswith("Barcode tidak valid: ")
    assert caught.value.text.endswith("Hanya huruf, angka dan tanda - (paling panjang 40).")
    assert "\x07" not in caught.value.text


# --- the shop's own codes ---
def test_store_codes_follow_the_highest_one(owner):
    small_shop(owner)  # Es Teh has the shop's code 2000000000015
    first = next_store_code()
    assert first == "2000000000022"
    assert is_valid_ean13(first)
    catalog.create_product("KUE", "Kue Lapis", 2_000, barcodes=[first])
    assert next_store_code() == "2000000000039"


def test_store_codes_start_at_one_and_skip_what_is_taken(owner):
    assert next_store_code() == make_code("200000000001")
    # a SKU that happens to be the next code is skipped too
    catalog.create_product(make_code("200000000001"), "Kopi Bubuk", 5_000)
    assert next_store_code() == make_code("200000000002")
    # codes handed out in the same go (not in the database yet) are skipped when the caller says so
    handed = {make_code("200000000001"), make_code("200000000002")}
    assert next_store_code(lambda code: code in handed) == make_code("200000000003")


def test_store_codes_never_repeat_existing_barcodes(owner):
    mie = catalog.create_product("MIE", "Indomie Goreng", 3_500, barcodes=["8998866200301"])
    Barcode.create(product=mie, code="2000000000500")  # an old code, check digit never checked
    Barcode.create(product=mie, code="20ABC")  # not a 13-digit code: ignored
    Barcode.create(product=mie, code="2100000009992")  # another prefix: ignored
    codes = []
    for _ in range(5):
        code = next_store_code()
        catalog.create_product(f"P{len(codes)}", f"Barang {len(codes)}", 1_000, barcodes=[code])
        codes.append(code)
    assert codes[0] == make_code("200000000051")
    assert len(set(codes)) == 5
    assert all(is_valid_ean13(c) and c.startswith("20") for c in codes)
    assert Barcode.select().count() == 4 + 5


# --- scale labels ---
def test_default_layout_is_20_store_21_weight_22_price(db):
    assert scale_layout() == ScaleLayout(("21",), ("22",), 5, 5, "20")
    assert settings.get("scale_layout")["store"] == "20"


def test_a_weight_label_reads_plu_and_grams():
    assert read_scale(WEIGHT_1250G_PLU_123, DEFAULT) == ScaleRead("00123", 1250, None, WEIGHT_1250G_PLU_123)
    assert read_scale(" " + PRICE_7500_PLU_123 + "\n", DEFAULT) == ScaleRead(
        "00123", None, 7500, PRICE_7500_PLU_123
    )


@pytest.mark.parametrize(
    "code",
    [
        "2100123012505",  # wrong check digit
        "210012301250",  # 12 digits
        "21001230125031",  # 14 digits
        "8998866200301",  # a maker's EAN
        "2000000000015",  # the shop's own code
        make_code("230012301250"),  # a free prefix
        "ABC-123",
        "",
    ],
)
def test_codes_that_are_not_scale_labels(code):
    assert read_scale(code, DEFAULT) is None


def test_the_store_prefix_never_reads_as_a_scale_label(db):
    layout = scale_layout()
    for serial in range(0, 10**10, 10**10 // 997):
        body = f"20{serial:010d}"
        assert read_scale(body + ean13_check_digit(body), layout) is None
    with pytest.raises(InvalidInput):  # nor can it be made one while it is the store prefix
        settings.update({"scale_layout": {"store": "20", "weight": ["20"], "price": ["22"]}})
    assert scale_layout().weight_prefixes == ("21",)


def test_beras_by_weight_1250_g_is_1_25_kg_for_rp_18750(beras_curah):
    read = read_scale(WEIGHT_1250G_PLU_123, scale_layout())
    product = find_scale_product(read)
    assert product.id == beras_curah.id
    qty, total = scale_quantity(product, read)
    assert (qty, total) == (Decimal("1.250"), None)
    cart = Cart()
    cart.add(product.id, product.name, int(product.price), qty)
    assert cart.lines[0].gross == 18_750


def test_beras_price_label_rp_7500_is_half_a_kilo(beras_curah):
    read = read_scale(PRICE_7500_PLU_123, scale_layout())
    assert scale_quantity(find_scale_product(read), read) == (Decimal("0.500"), 7_500)


def test_a_price_label_keeps_its_printed_price_exactly(beras_curah):
    read = read_scale(make_code("220012310000"), scale_layout())  # Rp 10.000 of beras
    qty, total = scale_quantity(beras_curah, read)
    assert qty == Decimal("0.667")  # 0,6666... half up
    assert total == 10_000  # while 0,667 x Rp 15.000 would be Rp 10.005


def test_a_product_sold_per_gram(owner):
    mete = catalog.create_product("456", "Kacang Mete", 200, unit="gram")
    read = read_scale(make_code("210045600250"), scale_layout())
    assert find_scale_product(read).id == mete.id
    qty, total = scale_quantity(mete, read)
    assert (qty, total) == (Decimal("250.000"), None)
    cart = Cart()
    cart.add(mete.id, mete.name, 200, qty)
    assert cart.lines[0].gross == 50_000


def test_plu_as_printed_wins_and_inactive_products_are_skipped(owner):
    short = catalog.create_product("77", "Ikan Tongkol", 40_000, unit="kg")
    printed = catalog.create_product("00077", "Ikan Tongkol Segar", 45_000, unit="kg")
    read = read_scale(make_code("210007701000"), scale_layout())
    assert find_scale_product(read).id == printed.id
    Product.update(active=False).where(Product.id == printed.id).execute()
    assert find_scale_product(read).id == short.id
    Product.update(active=False).where(Product.id == short.id).execute()
    assert find_scale_product(read) is None
    assert find_scale_product(ScaleRead("99999", 100, None)) is None
    assert find_scale_product(ScaleRead("00000", 100, None)) is None


def test_scale_labels_that_cannot_be_sold(owner, beras_curah):
    teh = catalog.create_product("789", "Es Teh Manis", 5_000)  # per piece
    free = catalog.create_product("790", "Plastik", 0, unit="kg")
    with pytest.raises(InvalidInput) as caught:
        scale_quantity(teh, ScaleRead("00789", 500, None, "2100789005006"))
    assert caught.value.text == (
        "Es Teh Manis dijual per pcs, bukan per kg atau gram: label berat 2100789005006 tidak bisa dipakai."
    )
    with pytest.raises(InvalidInput):
        scale_quantity(beras_curah, ScaleRead("00123", 0, None))
    with pytest.raises(InvalidInput):
        scale_quantity(beras_curah, ScaleRead("00123", None, 0))
    with pytest.raises(InvalidInput):  # Rp 1 of beras is 0,000 kg
        scale_quantity(beras_curah, ScaleRead("00123", None, 1))
    with pytest.raises(InvalidInput):
        scale_quantity(free, ScaleRead("00790", None, 5_000))


def test_another_layout_from_the_settings(owner, beras_curah):
    settings.update(
        {
            "scale_layout": {
                "store": "20",
                "weight": ["21", "23"],
                "price": ["22"],
                "plu_digits": 4,
                "value_digits": 6,
            }
        }
    )
    layout = scale_layout()
    assert layout == ScaleLayout(("21", "23"), ("22",), 4, 6, "20")
    read = read_scale(make_code("230123012500"), layout)  # 12.500 g, PLU 0123
    assert read == ScaleRead("0123", 12_500, None, make_code("230123012500"))
    assert scale_quantity(find_scale_product(read), read) == (Decimal("12.500"), None)


@pytest.mark.parametrize(
    "bad",
    [
        {"store": "20", "weight": ["21"], "price": ["21"]},  # one prefix twice
        {"store": "19", "weight": ["21"], "price": ["22"]},  # outside 20-29
        {"weight": ["2"]},
        {"weight": "21"},
        {"plu_digits": 5, "value_digits": 6},
        {"plu_digits": 0, "value_digits": 10},
        {"plu_digits": True, "value_digits": 9},
        "21",
    ],
)
def test_a_wrong_layout_is_refused_and_changes_nothing(db, bad):
    with pytest.raises(InvalidInput) as caught:
        settings.update({"scale_layout": bad})
    assert "Format barcode timbangan tidak valid" in caught.value.text
    assert scale_layout() == ScaleLayout(("21",), ("22",))
