"""Units: a counted unit (pcs, bungkus, botol...) is sold in whole pieces, a measure (kg, gram, liter, ml,
meter) in fractions too — held in the cart and again by the sale service, whatever built the cart. The
warung's units can be chosen, imported and kept; an older shop's stored units still load and sell."""

from decimal import Decimal as D

import pytest

from db.models import JournalEntry, Product, Sale
from pos.catalog import catalog, choices, product_edit, product_import
from pos.catalog.product_columns import UNIT_WORDS
from pos.core import units
from pos.core.cart import Cart
from pos.core.errors import InvalidInput, InvalidQuantity
from pos.counter import sale
from pos.counter.payment import Tender
from tests.pos.helpers import small_shop

WARUNG = ["sachet", "renceng", "dus", "bungkus", "botol", "kaleng", "lusin", "pak", "porsi", "gelas",
          "kg", "gram", "liter", "ml", "meter"]  # fmt: skip


@pytest.mark.parametrize(
    "unit", ["pcs", "bungkus", "sachet", "botol", "renceng", "dus", "lusin", "biji", "x"]
)
def test_half_a_counted_piece_is_refused_in_the_cart(unit):
    cart = Cart()
    with pytest.raises(InvalidQuantity) as err:
        cart.add(1, "Kopi Sachet", 1_500, "0,5", unit=unit)
    assert err.value.text == f"Jumlah untuk satuan {unit} harus bilangan bulat."
    assert cart.lines == []
    index = cart.add(1, "Kopi Sachet", 1_500, "2", unit=unit)
    with pytest.raises(InvalidQuantity):
        cart.set_qty(index, "1,5")
    with pytest.raises(InvalidQuantity):
        cart.add(1, "Kopi Sachet", 1_500, D("0.5"), unit=unit)  # onto the same line: 2,5
    assert cart.lines[0].qty == D(2)


@pytest.mark.parametrize("unit", ["kg", "gram", "liter", "ml", "meter", "porsi", "ons", "ltr", "cm"])
def test_a_measure_may_be_fractional(unit):
    cart = Cart()
    cart.add(1, "Beras", 15_000, "0,25", unit=unit)
    cart.set_qty(0, "1,5")
    assert cart.lines[0].qty == D("1.5")
    assert units.fractional(unit)


def test_a_parked_or_hand_filled_cart_is_held_to_it_too():
    cart = Cart()
    cart.add(1, "Teh Botol", 5_000, 2, unit="botol")
    data = cart.to_json()
    data["lines"][0]["qty"] = "0.5"
    with pytest.raises(InvalidQuantity, match="satuan botol harus bilangan bulat"):
        Cart.from_json(data).check()
    old = cart.to_json()
    del old["lines"][0]["unit"]  # parked by a Kasir before units: loads, the sale checks the catalogue
    assert Cart.from_json(old).lines[0].unit == ""


def test_the_sale_holds_the_catalogues_unit_whatever_the_cart_says(owner):
    items = small_shop(owner)
    sales, entries = Sale.select().count(), JournalEntry.select().count()
    cart = Cart()
    cart.add(items["mie"].id, "Indomie Goreng", 3_500, "0,5")  # a screen that did not say the unit
    with pytest.raises(InvalidQuantity, match="Jumlah untuk satuan pcs harus bilangan bulat."):
        sale.complete(cart, [Tender("cash", 2_000)], owner)
    cart.lines[0].unit = "kg"  # nor does a cart that says a wrong one
    with pytest.raises(InvalidQuantity, match="satuan pcs"):
        sale.complete(cart, [Tender("cash", 2_000)], owner)
    assert (Sale.select().count(), JournalEntry.select().count()) == (sales, entries)
    cart = Cart()
    cart.add(items["beras"].id, "Beras Pandan Wangi", 15_000, "0,5")
    cart.add(items["mie"].id, "Indomie Goreng", 3_500, 3)
    done = sale.complete(cart, [Tender("cash", 18_000)], owner)
    assert done.total == 7_500 + 10_500


@pytest.mark.parametrize("unit", WARUNG)
def test_every_warung_unit_can_be_chosen(owner, unit):
    assert unit in catalog.UNITS
    made = catalog.create_product("X1", "Barang", 1_000, unit=unit)
    saved = product_edit.save_product(
        product_edit.ProductData(name="Barang Lain", price=1_000, unit=unit), owner
    )
    assert (made.unit, saved.unit) == (unit, unit)
    assert units.fractional(unit) == (unit in ("kg", "gram", "liter", "ml", "meter", "porsi"))


def test_bungkus_stays_bungkus_on_import():
    assert UNIT_WORDS["bungkus"] == UNIT_WORDS["bks"] == "bungkus"
    assert (UNIT_WORDS["sachet"], UNIT_WORDS["botol"], UNIT_WORDS["kaleng"]) == ("sachet", "botol", "kaleng")
    assert (UNIT_WORDS["pak"], UNIT_WORDS["pack"], UNIT_WORDS["lusin"]) == ("pak", "pack", "lusin")
    assert all(word in catalog.UNITS for word in UNIT_WORDS.values())


def test_an_import_reads_the_warung_units(owner, tmp_path):
    path = tmp_path / "barang.csv"
    rows = ["Nama;Harga;Satuan", "Kopi Kapal Api;1500;bungkus", "Shampo;500;renceng", "Minyak;18000;ml"]
    path.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8")
    shown = product_import.preview(path)
    assert shown.problems == [] and [r.problems for r in shown.rows] == [[], [], []]
    product_import.apply(shown, owner)
    assert sorted(p.unit for p in Product.select()) == ["bungkus", "ml", "renceng"]


def test_an_older_shops_units_still_load_edit_and_sell(owner):
    """Units are free text (product.unit): a stored word Kasir never offered loads, keeps on an edit, and
    counts as whole pieces unless it is a measure's short form."""
    small_shop(owner)
    biji = catalog.create_product("BJ", "Permen", 500)
    ons = catalog.create_product("ONS", "Kacang", 4_000)
    old = catalog.create_product("PK", "Rokok", 30_000, unit="pack")
    Product.update(unit="biji").where(Product.id == biji.id).execute()
    Product.update(unit="ons").where(Product.id == ons.id).execute()
    assert choices.product(biji.id).unit == "biji" and choices.product(old.id).unit == "pack"
    data = product_edit.product_data(biji.id)
    assert data.unit == "biji"
    data.name = "Permen Kopiko"
    assert product_edit.save_product(data, owner, product_id=biji.id).unit == "biji"
    with pytest.raises(InvalidInput, match="Satuan biji tidak dikenal"):
        product_edit.save_product(product_edit.ProductData(name="Baru", price=500, unit="biji"), owner)
    cart = Cart()
    cart.add(biji.id, "Permen", 500, "1,5")
    with pytest.raises(InvalidQuantity, match="satuan biji"):
        sale.complete(cart, [Tender("cash", 1_000)], owner)
    cart = Cart()
    cart.add(ons.id, "Kacang", 4_000, "2,5")
    cart.add(old.id, "Rokok", 30_000, 1)
    assert sale.complete(cart, [Tender("cash", 40_000)], owner).total == 40_000


def test_an_older_shops_unit_comes_back_unchanged_from_its_own_export(owner, tmp_path):
    from pos.catalog import product_export

    biji = catalog.create_product("BJ", "Permen", 500)
    ikat = catalog.create_product("IK", "Kangkung", 2_000)
    Product.update(unit="biji").where(Product.id == biji.id).execute()  # a word Kasir reads as pcs
    Product.update(unit="ikat").where(Product.id == ikat.id).execute()  # a word Kasir does not know
    path = tmp_path / "katalog.csv"
    if "user" in __import__("inspect").signature(product_export.export).parameters:
        product_export.export(path, owner)
    else:
        product_export.export(path)
    shown = product_import.preview(path, update=True)
    assert shown.problems == [] and [r.problems for r in shown.rows] == [[], []]
    assert shown.count("unchanged") == 2
    path.write_text(path.read_text(encoding="utf-8-sig").replace("IK;Kangkung", "IKX;Bayam"), "utf-8")
    with_new = product_import.preview(path, update=False)  # a new product may not bring a word of its own
    assert [r.problems for r in with_new.rows if r.values.get("sku") == "IKX"] == [
        ["satuan ikat tidak dikenal (pcs, bungkus, botol, kg, liter...)"]
    ]
