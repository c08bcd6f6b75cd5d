"""Which price labels to print: for chosen products, for a restock, for the whole catalogue."""

from __future__ import annotations

from decimal import Decimal

import pytest

from db.models import Barcode, Product, Purchase
from pos.catalog import catalog, labels
from pos.catalog.labels import LabelItem, items_for, items_for_all, items_for_purchase, label_count
from pos.core.errors import InvalidInput, InvalidQuantity, NotFound, ProductNotFound
from pos.stock import stock
from tests.pos.helpers import small_shop

MIE = LabelItem("Indomie Goreng", 3_500, "8998866200301", "EAN13")
BERAS = LabelItem("Beras Pandan Wangi", 15_000, "BRS", "Code128")  # no barcode: its SKU
TEH = LabelItem("Es Teh Manis", 5_000, "2000000000015", "EAN13")  # the shop's own code
BAKSO = LabelItem("Bakso Urat", 18_000, "BKS", "Code128")


@pytest.fixture
def items(owner):
    return small_shop(owner)


def test_labels_for_chosen_products_in_the_given_order(items):
    assert items_for({items["beras"].id: 1, items["mie"].id: 2}) == [BERAS, MIE, MIE]
    assert items_for({items["mie"].id: 0, items["teh"].id: 1}) == [TEH]
    assert items_for({}) == []


def test_the_symbology_follows_the_first_barcode(items):
    kopi = catalog.create_product("KOPI", "Kopi Kapal Api", 1_500, barcodes=["96385074", "8998866200301X"])
    upc = catalog.create_product("UPC", "Coca-Cola Kaleng", 7_000, barcodes=["036000291452"])
    odd = catalog.create_product("ODD", "Barang Lama", 1_000, barcodes=["8998866200305"])  # bad check digit
    assert items_for({kopi.id: 1, upc.id: 1, odd.id: 1}) == [
        LabelItem("Kopi Kapal Api", 1_500, "96385074", "EAN8"),
        LabelItem("Coca-Cola Kaleng", 7_000, "036000291452", "Code128"),  # scanned back as the 12 digits
        LabelItem("Barang Lama", 1_000, "8998866200305", "Code128"),
    ]
    Barcode.create(product=items["beras"], code="2000000000022")  # beras gets a code later
    assert items_for({items["beras"].id: 1}) == [
        LabelItem("Beras Pandan Wangi", 15_000, "2000000000022", "EAN13")
    ]


def test_wrong_counts_and_unknown_products(items):
    with pytest.raises(InvalidQuantity):
        items_for({items["mie"].id: -1})
    with pytest.raises(InvalidQuantity):
        items_for({items["mie"].id: 1.5})  # type: ignore[dict-item]
    with pytest.raises(ProductNotFound):
        items_for({items["mie"].id: 1, 99_999: 1})


def test_at_most_ten_thousand_labels_in_one_go(items):
    assert len(items_for({items["mie"].id: 10_000})) == 10_000
    with pytest.raises(InvalidInput) as caught:
        items_for({items["mie"].id: 5_000, items["teh"].id: 5_001})
    assert caught.value.text == "Paling banyak 10.000 label sekali cetak; yang diminta 10.001."


def test_a_label_per_whole_unit_received(items, owner):
    purchase = stock.restock(
        [
            (items["mie"], Decimal(24), 2_900),
            (items["beras"], Decimal("3.5"), 12_000),  # weighed: one label for the sack
            (items["teh"], Decimal("2.5"), 1_000),  # two whole ones
            (items["mie"], Decimal("0.5"), 2_900),  # less than one: still one
        ],
        owner,
    )
    assert items_for_purchase(purchase.id) == [MIE] * 24 + [BERAS] + [TEH] * 2 + [MIE]


def test_the_first_restock_of_the_small_shop(items):
    first = Purchase.select().order_by(Purchase.id).first()
    assert items_for_purchase(first.id) == [MIE] * 100 + [BERAS] + [TEH] * 100


def test_a_purchase_that_does_not_exist(items):
    with pytest.raises(NotFound) as caught:
        items_for_purchase(12_345)
    assert caught.value.text == "Penerimaan barang nomor 12345 tidak ditemukan."


@pytest.mark.parametrize(
    ("qty", "unit", "count"),
    [("24", "pcs", 24), ("2.5", "pcs", 2), ("0.5", "pack", 1), ("1.250", "kg", 1), ("500", "gram", 1)],
)
def test_label_count(qty, unit, count):
    assert label_count(Decimal(qty), unit) == count


def test_one_label_for_every_product_by_name(items):
    assert items_for_all() == [BAKSO, BERAS, TEH, MIE]
    Product.update(active=False).where(Product.id == items["teh"].id).execute()
    assert items_for_all() == [BAKSO, BERAS, MIE]
    assert items_for_all(active_only=False) == [BAKSO, BERAS, TEH, MIE]


def test_the_whole_catalogue_is_refused_past_the_limit(items, monkeypatch):
    monkeypatch.setattr(labels, "MAX_LABELS", 3)
    with pytest.raises(InvalidInput) as caught:
        items_for_all()
    assert caught.value.text == "Paling banyak 3 label sekali cetak; yang diminta 4."
