"""The shop keeps its own catalogue: products added and changed with every field, barcodes checked,
price changes recorded, bulk price changes with exact rupiah, categories, deactivate or delete."""

from decimal import Decimal as D

import pytest

from db.models import Barcode, ChannelPrice, JournalEntry, PriceChange, Product
from pos.audit import verify
from pos.catalog import catalog, channel, price_bulk, product_edit, product_list
from pos.catalog.price_bulk import PriceRule
from pos.catalog.product_edit import HasHistory, ProductData, ZeroPrice
from pos.core import barcodes, staff
from pos.core.cart import Cart
from pos.core.errors import (
    Duplicate,
    InvalidBarcode,
    InvalidInput,
    InvalidName,
    InvalidPrice,
    PermissionDenied,
)
from tests.pos.helpers import small_shop


def test_a_new_product_with_every_field_is_sold_at_once(owner):
    food = product_edit.save_category("Sembako", owner, color="#2e7d32")
    gofood = channel.get("gofood")
    data = ProductData(
        name="  Beras   Rojo Lele ",
        price=15_500,
        barcodes=["8991234567891", "BRS-RL"],
        category_id=food.id,
        unit="kg",
        cost=13_000,
        channel_prices={gofood.id: 17_000},
        reorder_level=D("10"),
        perishable=True,
        shelf_life_days=180,
        tax_exempt=True,
        quick=True,
        quick_sort=2,
    )
    product = product_edit.save_product(data, owner)
    assert product.sku == "BRG-000001" and product.name == "Beras Rojo Lele"
    assert (product.price, product.cost, product.unit, product.tax_category) == (
        15_500,
        13_000,
        "kg",
        "exempt",
    )
    assert (product.shelf_life_days, product.quick_sort, product.reorder_level) == (180, 2, D("10.000"))
    assert catalog.by_code("8991234567891").id == product.id == catalog.by_code("BRS-RL").id
    assert catalog.price_for(product, gofood) == 17_000
    back = product_edit.product_data(product.id)
    assert back.barcodes == ["8991234567891", "BRS-RL"] and back.channel_prices == {gofood.id: 17_000}
    assert back.tax_exempt and back.perishable and back.name == "Beras Rojo Lele"
    entry = (
        JournalEntry.select().where(JournalEntry.event == "product").order_by(JournalEntry.seq.desc()).get()
    )
    assert '"new":true' in entry.content and '"price":15500' in entry.content
    second = product_edit.save_product(ProductData(name="Gula Pasir", price=17_000), owner)
    assert second.sku == "BRG-000002"
    assert verify.verify().ok


def test_a_price_change_is_recorded_with_who_old_new_and_why(owner):
    items = small_shop(owner)
    data = product_edit.product_data(items["mie"].id)
    data.price = 3_800
    data.cost = 1  # the moving-average cost is not typed over
    product_edit.save_product(data, owner, product_id=items["mie"].id, reason="harga agen naik")
    mie = Product.get_by_id(items["mie"].id)
    assert (mie.price, mie.cost) == (3_800, 2_900)
    (change,) = product_edit.price_history(mie.id)
    assert (change.old, change.new, change.user, change.reason) == (3_500, 3_800, "Bu Sri", "harga agen naik")
    body = JournalEntry.select().where(JournalEntry.event == "price").get().content
    assert '"old":3500' in body and '"new":3800' in body
    cart = Cart()
    cart.add(mie.id, mie.name, catalog.price_for(mie, channel.get("walk_in")))
    assert cart.lines[0].gross == 3_800


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"name": ""}, InvalidName),
        ({"name": "x" * 10_000}, InvalidName),
        ({"price": -1}, InvalidPrice),
        ({"price": 1_000_000_001}, InvalidPrice),
        ({"barcodes": ["8998866200302"]}, InvalidBarcode),  # wrong check digit
        ({"barcodes": ["8998866200301"]}, Duplicate),  # Indomie has it
        ({"barcodes": ["ABC", "ABC"]}, Duplicate),
        ({"sku": "MIE"}, Duplicate),
        ({"sku": "a b"}, InvalidInput),
        ({"unit": "ton"}, InvalidInput),
        ({"reorder_level": "banyak"}, InvalidInput),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(owner, change, error):
    small_shop(owner)
    before = (Product.select().count(), Barcode.select().count(), JournalEntry.select().count())
    values = {"name": "Kopi Kapal Api", "price": 2_000, **change}
    with pytest.raises(error) as caught:
        product_edit.save_product(ProductData(**values), owner)
    assert caught.value.text
    assert (Product.select().count(), Barcode.select().count(), JournalEntry.select().count()) == before


def test_a_barcode_held_by_another_product_names_it(owner):
    small_shop(owner)
    with pytest.raises(Duplicate) as caught:
        product_edit.save_product(
            ProductData(name="Mie lain", price=3_000, barcodes=["8998866200301"]), owner
        )
    assert "Indomie Goreng" in caught.value.text


def test_price_zero_is_asked_first(owner):
    with pytest.raises(ZeroPrice):
        product_edit.save_product(ProductData(name="Kantong plastik", price=0), owner)
    assert not Product.select().exists()
    bag = product_edit.save_product(ProductData(name="Kantong plastik", price=0), owner, allow_zero=True)
    assert bag.price == 0


def test_html_and_control_characters_are_kept_as_plain_text(owner):
    product = product_edit.save_product(ProductData(name="<b>Kopi</b>\x1b\x00 & Susu", price=2_000), owner)
    assert product.name == "<b>Kopi</b> & Susu"


def test_a_cashier_needs_the_owner(owner, cashier):
    data = ProductData(name="Kopi", price=2_000)
    with pytest.raises(PermissionDenied):
        product_edit.save_product(data, cashier)
    assert not Product.select().exists()
    product = product_edit.save_product(data, cashier, staff.owner_approval("1234"))
    assert (
        '"approved_by":"Bu Sri"' in JournalEntry.select().where(JournalEntry.event == "product").get().content
    )
    with pytest.raises(PermissionDenied):
        product_edit.set_product_active(product.id, False, cashier)


def test_deactivate_keeps_history_delete_only_without_it(owner):
    items = small_shop(owner)
    with pytest.raises(HasHistory):
        product_edit.delete_product(items["mie"].id, owner)
    product_edit.set_product_active(items["mie"].id, False, owner)
    assert catalog.search("indomie") == []
    with pytest.raises(Exception):  # noqa: B017 - ProductNotFound: an inactive product is not sold
        catalog.by_code("8998866200301")
    assert [r.name for r in product_list.listing("indomie", show="inactive")] == ["Indomie Goreng"]
    typo = product_edit.save_product(ProductData(name="Salah ketik", price=1_000, barcodes=["XYZ"]), owner)
    product_edit.delete_product(typo.id, owner)
    assert not Product.select().where(Product.id == typo.id).exists()
    assert not Barcode.select().where(Barcode.code == "XYZ").exists()


def test_channel_price_back_to_the_markup(owner):
    items = small_shop(owner)
    gofood = channel.get("gofood")
    data = product_edit.product_data(items["bakso"].id)
    data.channel_prices = {gofood.id: 21_000}
    product_edit.save_product(data, owner, product_id=items["bakso"].id)
    assert catalog.price_for(Product.get_by_id(items["bakso"].id), gofood) == 21_000
    data.channel_prices = {gofood.id: None}
    product_edit.save_product(data, owner, product_id=items["bakso"].id)
    assert not ChannelPrice.select().exists()
    walk_in = channel.get("walk_in")
    with pytest.raises(InvalidInput):
        data.channel_prices = {walk_in.id: 1}
        product_edit.save_product(data, owner, product_id=items["bakso"].id)


def test_bulk_price_change_for_a_category_in_exact_rupiah(owner):
    items = small_shop(owner)  # Makanan: Indomie 3.500, Bakso 18.000, Es Teh 5.000; Beras has none
    food = items["mie"].category_id
    rule = PriceRule(percent=D("10"), rounding=100)
    shown = {p.name: (p.old, p.new) for p in price_bulk.preview(rule, category_id=food)}
    assert shown == {
        "Indomie Goreng": (3_500, 3_900),
        "Bakso Urat": (18_000, 19_800),
        "Es Teh Manis": (5_000, 5_500),
    }
    assert Product.get_by_id(items["mie"].id).price == 3_500  # a preview writes nothing
    changed = price_bulk.apply(rule, owner, category_id=food, reason="harga bulan Desember")
    assert {p.name: p.new for p in changed} == {
        "Indomie Goreng": 3_900,
        "Bakso Urat": 19_800,
        "Es Teh Manis": 5_500,
    }
    assert Product.get_by_id(items["beras"].id).price == 15_000
    assert PriceChange.select().count() == 3
    down = PriceRule(rupiah=-250, rounding=500)
    shown = {p.name: p.new for p in price_bulk.preview(down, product_ids=[items["mie"].id, items["teh"].id])}
    assert shown == {
        "Indomie Goreng": 3_500,
        "Es Teh Manis": 5_500,
    }  # 3.650 -> 3.500, 5.250 -> 5.500 (half up)
    assert (
        price_bulk.preview(PriceRule(percent=D("-5"), rounding=1), product_ids=[items["teh"].id])[0].new
        == 5_225
    )
    assert verify.verify().ok


def test_bulk_price_refuses_a_price_below_one_rupiah_and_writes_nothing(owner, cashier):
    items = small_shop(owner)
    with pytest.raises(InvalidInput):
        price_bulk.apply(
            PriceRule(rupiah=-4_000), owner, product_ids=[items["mie"].id, items["teh"].id], reason="x"
        )
    assert Product.get_by_id(items["teh"].id).price == 5_000 and not PriceChange.select().exists()
    with pytest.raises(InvalidInput):
        PriceRule(percent=D("5"), rupiah=100).check()
    with pytest.raises(PermissionDenied):
        price_bulk.apply(PriceRule(rupiah=100), cashier, product_ids=[items["teh"].id], reason="x")


def test_categories_rename_reorder_colour_deactivate(owner):
    a = product_edit.save_category("Minuman", owner)
    b = product_edit.save_category("Rokok", owner)
    c = product_edit.save_category("Sembako", owner)
    product_edit.move_category(c.id, -2, owner)
    assert [x.name for x in catalog.categories()] == ["Sembako", "Minuman", "Rokok"]
    product_edit.save_category("Minuman Dingin", owner, category_id=a.id, color="#1565c0")
    with pytest.raises(Duplicate):
        product_edit.save_category("Rokok", owner, category_id=a.id)
    with pytest.raises(InvalidInput):
        product_edit.save_category("X", owner, color="merah")
    product_edit.set_category_active(b.id, False, owner)
    assert [x.name for x in catalog.categories(active_only=True)] == ["Sembako", "Minuman Dingin"]


def test_the_barang_list_finds_by_words_sku_and_barcode_and_sorts_in_the_database(owner):
    small_shop(owner)
    assert [r.name for r in product_list.listing("indo gor")] == ["Indomie Goreng"]
    assert [r.name for r in product_list.listing("8998866200301")] == ["Indomie Goreng"]
    assert [r.name for r in product_list.listing("brs")] == ["Beras Pandan Wangi"]
    listed = product_list.listing()
    assert [r.name for r in listed] == ["Bakso Urat", "Beras Pandan Wangi", "Es Teh Manis", "Indomie Goreng"]
    listed.order_by("price", True)
    assert [r.price for r in listed] == [18_000, 15_000, 5_000, 3_500]
    listed.order_by("barcode")
    assert [r.barcode for r in listed][:2] == ["2000000000015", "8998866200301"]
    row = listed[0]
    assert row.on_hand == D(100) and row.category == "Makanan"
    assert next(r for r in listed if r.name == "Bakso Urat").on_hand is None  # not tracked


def test_store_codes_for_products_without_a_barcode(owner):
    small_shop(owner)  # Es Teh has 2000000000015
    code = barcodes.next_store_code()
    assert code.startswith("20") and barcodes.is_valid_ean13(code) and code != "2000000000015"
    product = product_edit.save_product(ProductData(name="Kue Lapis", price=2_500, barcodes=[code]), owner)
    assert catalog.by_code(code).id == product.id
    assert barcodes.next_store_code() != code


def test_a_new_product_comes_with_what_is_on_the_shelf(owner):
    from db.models import StockMove

    data = ProductData(name="Kopi Kapal Api 165 g", price=18_000, cost=15_500, opening_stock=D("24"))
    kopi = product_edit.save_product(data, owner)
    assert Product.get_by_id(kopi.id).on_hand == D(24)
    move = StockMove.get(StockMove.product == kopi.id)
    assert (move.kind, move.qty, move.unit_cost, move.reason) == ("opname", D(24), 15_500, "stok awal")
    untracked = product_edit.save_product(
        ProductData(name="Jasa Pasang", price=50_000, track_stock=False, opening_stock=D(5)), owner
    )
    assert not StockMove.select().where(StockMove.product == untracked.id).exists()
    with pytest.raises(InvalidInput):
        product_edit.save_product(ProductData(name="Gula", price=17_000, opening_stock=D(-1)), owner)
    assert verify.verify().ok
