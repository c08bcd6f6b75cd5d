"""Products from a spreadsheet: Indonesian and English columns, Excel's ';' CSV in Windows-1252, Loyverse's
export, a preview naming each row's problem, all or nothing, and export -> import changing nothing."""

from decimal import Decimal as D

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.models import Barcode, Category, JournalEntry, PriceChange, Product, StockMove
from pos.audit import verify
from pos.catalog import catalog, product_export, product_import
from pos.catalog.product_import import parse_price
from pos.core import barcodes, staff
from pos.core.errors import InvalidInput, PermissionDenied
from tests.pos.helpers import small_shop


def _xlsx(path, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Rp 3.500", 3_500),
        ("3.500", 3_500),
        ("3500", 3_500),
        ("3500,00", 3_500),
        ("3.500,00", 3_500),
        ("3,500.00", 3_500),
        ("3500.00", 3_500),
        ("1.250.000", 1_250_000),
        ("Rp1.250.000,-".replace(",-", ""), 1_250_000),
        ("0", 0),
    ],
)
def test_prices_as_shops_write_them(text, value):
    assert parse_price(text) == value


@pytest.mark.parametrize("text", ["3500,50", "-3500", "tiga ribu", "", "Rp", "2000000000", "1.2.3,45,6"])
def test_prices_that_are_refused(text):
    with pytest.raises(InvalidInput):
        parse_price(text)


def test_an_xlsx_of_200_products_with_barcodes_and_opening_stock(owner, tmp_path):
    rows = [["Nama Barang", "Harga Jual", "HPP", "Barcode", "Kategori", "Satuan", "Stok"]]
    for i in range(200):
        body = f"899{i:09d}"
        rows.append(
            [f"Barang {i:03d}", 1_000 + i * 100, 800 + i * 50, body + barcodes.ean13_check_digit(body),
             "Sembako" if i % 2 else "Minuman", "kg" if i % 10 == 0 else "pcs", i % 7]
        )  # fmt: skip
    path = _xlsx(tmp_path / "barang.xlsx", rows)
    shown = product_import.preview(path)
    assert (shown.count("new"), shown.count("error")) == (200, 0) and shown.problems == []
    assert Product.select().count() == 0  # a preview writes nothing
    done = product_import.apply(shown, owner)
    assert (done.added, done.updated, done.categories) == (200, 0, 2)
    assert done.stock_moves == sum(1 for i in range(200) if i % 7)
    p = catalog.by_code(rows[11][3])
    assert (p.name, p.price, p.cost, p.unit, p.on_hand, p.category.name) == (
        "Barang 010", 2_000, 1_300, "kg", D(3), "Minuman",
    )  # fmt: skip
    assert p.sku.startswith("BRG-")
    move = StockMove.get(StockMove.product == p.id)
    assert (move.kind, move.qty, move.unit_cost) == ("opname", D(3), 1_300)
    entry = JournalEntry.select().where(JournalEntry.event == "product_import").get()
    assert '"added":200' in entry.content
    assert verify.verify().ok


def test_a_semicolon_csv_from_indonesian_excel_in_windows_1252(owner, tmp_path):
    text = (
        "Kode;Nama;Harga;Harga Beli;Satuan;Stok Awal;Batas Stok;Bebas Pajak\r\n"
        "KOPI-01;Kopi Kapal Api Spécial;Rp 1.500;1.200;sachet;100;20;tidak\r\n"
        "BRS-5;Beras Rojo Lele 5 kg;72.000,00;65000;pcs;12,5;5;ya\r\n"
    )
    path = tmp_path / "barang.csv"
    path.write_bytes(text.encode("cp1252"))
    shown = product_import.preview(path)
    assert shown.problems == []
    product_import.apply(shown, owner)
    kopi = catalog.by_code("KOPI-01")
    assert (kopi.name, kopi.price, kopi.cost, kopi.unit, kopi.reorder_level) == (
        "Kopi Kapal Api Spécial", 1_500, 1_200, "sachet", D(20),  # a warung unit kept as written
    )  # fmt: skip
    beras = catalog.by_code("BRS-5")
    assert (beras.price, beras.on_hand, beras.tax_category) == (72_000, D("12.5"), "exempt")


def test_loyverse_items_export_is_one_step(owner, tmp_path):
    text = (
        "Handle,SKU,Name,Category,Description,Sold by weight,Option 1 name,Option 1 value,Default price,"
        "Available for sale [Toko Utama],Price [Toko Utama],Cost,Barcode,Track stock,In stock [Toko Utama],"
        "Low stock [Toko Utama]\n"
        "es-teh,10001,Es Teh Manis,Minuman,,N,,,5000.00,Y,5000.00,1200.00,,Y,50,10\n"
        "daging,10002,Daging Sapi,Bahan,,Y,,,140000.00,Y,140000.00,120000.00,,Y,2.5,1\n"
    )
    path = tmp_path / "export_items.csv"
    path.write_text(text, encoding="utf-8")
    shown = product_import.preview(path)
    assert shown.problems == [] and shown.count("new") == 2
    product_import.apply(shown, owner)
    teh, daging = catalog.by_code("10001"), catalog.by_code("10002")
    assert (teh.name, teh.price, teh.cost, teh.on_hand, teh.reorder_level) == (
        "Es Teh Manis",
        5_000,
        1_200,
        D(50),
        D(10),
    )
    assert (daging.unit, daging.on_hand, daging.price) == ("kg", D("2.5"), 140_000)


def test_every_problem_is_named_with_its_line_and_nothing_is_written(owner, tmp_path):
    small_shop(owner)
    before = (Product.select().count(), Barcode.select().count(), JournalEntry.select().count())
    rows = [
        ["Nama", "Harga", "Barcode", "SKU"],
        ["Kopi", "2.000", "4006381333931", "K1"],  # fine
        ["", "2.000", "", ""],  # no name
        ["Teh", "dua ribu", "", ""],  # price
        ["Gula", "17000", "4006381333931", ""],  # same barcode as line 2
        ["Mie", "3000", "8998866200301", ""],  # Indomie has it
        ["Susu", "9000", "4006381333932", ""],  # wrong check digit
        ["Roti", "8000", "", "K1"],  # same SKU as line 2
        ["Sabun", "4000", "", "MIE"],  # an existing SKU, add-only
    ]
    shown = product_import.preview(_xlsx(tmp_path / "x.xlsx", rows))
    lines = {line for line, _problem in shown.problems}
    assert lines == {3, 4, 5, 6, 7, 8, 9}
    text = dict(shown.problems)
    assert "baris 2" in text[5] and "baris 2" in text[8] and "4006381333931" in text[5]
    with pytest.raises(InvalidInput):
        product_import.apply(shown, owner)
    assert (Product.select().count(), Barcode.select().count(), JournalEntry.select().count()) == before


def test_export_then_import_changes_nothing_and_update_changes_prices(owner, tmp_path):
    items = small_shop(owner)
    for name in ("katalog.xlsx", "katalog.csv"):
        path = tmp_path / name
        assert product_export.export(path, staff.owner()) == 4
        shown = product_import.preview(path, update=True)
        assert shown.problems == [] and shown.count("unchanged") == 4
        before = (PriceChange.select().count(), StockMove.select().count(), JournalEntry.select().count())
        done = product_import.apply(shown, owner)
        assert (done.added, done.updated, done.stock_moves) == (0, 0, 0)
        assert (PriceChange.select().count(), StockMove.select().count()) == before[:2]
    book = openpyxl.load_workbook(tmp_path / "katalog.xlsx")
    sheet = book.active
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[header.index("SKU")].value == "MIE":
            row[header.index("Harga jual")].value = "3.800"
            row[header.index("Stok")].value = "90"
    book.save(tmp_path / "ubah.xlsx")
    done = product_import.apply(product_import.preview(tmp_path / "ubah.xlsx", update=True), owner)
    assert (done.updated, done.stock_moves) == (1, 1)
    mie = Product.get_by_id(items["mie"].id)
    assert (mie.price, mie.on_hand, mie.cost) == (3_800, D(90), 2_900)
    assert PriceChange.get().new_price == 3_800
    assert verify.verify().ok


def test_the_template_imports_as_it_is(owner, tmp_path):
    path = product_export.template(tmp_path / "template.xlsx")
    product_import.apply(product_import.preview(path), owner)
    assert [p.name for p in Product.select().order_by(Product.name)] == [
        "Beras Pandan Wangi",
        "Indomie Goreng",
    ]
    assert Category.select().count() == 2


def test_a_file_that_is_not_a_table_and_a_cashier_are_refused(owner, cashier, tmp_path):
    from pos.core.errors import PosError

    junk = tmp_path / "foto.xlsx"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with pytest.raises(PosError):
        product_import.preview(junk)
    empty = tmp_path / "kosong.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(PosError):
        product_import.preview(empty)
    path = _xlsx(tmp_path / "ok.xlsx", [["Nama", "Harga"], ["Kopi", 2000]])
    with pytest.raises(PermissionDenied):
        product_import.apply(product_import.preview(path), cashier)
    assert not Product.select().exists()
    product_import.apply(product_import.preview(path), cashier, staff.owner_approval("1234"))
    assert Product.select().count() == 1


def test_an_import_interrupted_half_way_leaves_nothing(owner, tmp_path, monkeypatch):
    from db import fast

    rows = [["Nama", "Harga", "Stok"]] + [[f"Barang {i}", 1_000, 5] for i in range(450)]
    shown = product_import.preview(_xlsx(tmp_path / "besar.xlsx", rows))
    journal = JournalEntry.select().count()
    real, calls = fast.insert_many, []

    def dies(model, records, returning=""):
        calls.append(model)
        if len(calls) == 3:  # the third statement: 400 products are in, the crash comes
            raise OSError("disk penuh")
        return real(model, records, returning)

    monkeypatch.setattr(fast, "insert_many", dies)
    with pytest.raises(OSError):
        product_import.apply(shown, owner)
    assert (Product.select().count(), StockMove.select().count(), JournalEntry.select().count()) == (
        0,
        0,
        journal,
    )
    assert len(calls) == 3


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(st.sampled_from(["Kopi", "Teh", "", "Gula"]), st.sampled_from(["1.000", "x", "500"])),
        min_size=1,
        max_size=8,
    )
)
def test_an_import_writes_every_row_or_none(owner, tmp_path_factory, rows):
    folder = tmp_path_factory.mktemp("f")  # a new name each example: products of earlier examples differ
    named = [[f"{name} {folder.name}" if name else "", price] for name, price in rows]
    path = _xlsx(folder / "p.xlsx", [["Nama", "Harga"], *named])
    before = Product.select().count()
    shown = product_import.preview(path)
    good = all(name and price != "x" for name, price in rows)
    assert (shown.problems == []) == good
    if good:
        product_import.apply(shown, owner)
        assert Product.select().count() == before + len(rows)
    else:
        with pytest.raises(InvalidInput):
            product_import.apply(shown, owner)
        assert Product.select().count() == before


def test_a_shop_that_sold_below_zero_exports_and_imports_back_unchanged(owner, tmp_path):
    from pos.core.cart import Cart
    from pos.counter import sale
    from pos.counter.payment import Tender

    items = small_shop(owner)
    kopi = catalog.create_product("KOPI", "Kopi Sachet", 1_500, cost=1_000)  # never received: on hand 0
    cart = Cart()
    cart.add(kopi.id, kopi.name, 1_500, 2)
    cart.add(items["mie"].id, items["mie"].name, 3_500, 1)
    sale.complete(cart, [Tender("cash", 6_500)], owner)
    assert Product.get_by_id(kopi.id).on_hand == D(-2)
    path = tmp_path / "katalog.xlsx"
    product_export.export(path, staff.owner())
    shown = product_import.preview(path, update=True)
    assert shown.problems == [] and shown.count("unchanged") == 5
    done = product_import.apply(shown, owner)
    assert (done.updated, done.stock_moves) == (0, 0)


def _export(path, owner):
    """product_export.export, with the acting user where it asks for one."""
    import inspect

    if "user" in inspect.signature(product_export.export).parameters:
        return product_export.export(path, owner)
    return product_export.export(path)


def test_the_csv_guard_apostrophe_is_read_back_once_and_a_round_trip_is_stable(owner, tmp_path):
    """The export writes '=… and '-1 in a CSV so no spreadsheet runs them; the import takes that one ' off
    again: the name does not grow a ' per round trip and a stock of -1 is read as -1."""
    from pos.core.cart import Cart
    from pos.counter import sale
    from pos.counter.payment import Tender

    small_shop(owner)
    odd = catalog.create_product("ODD", "=cmd|' /C calc'!A0", 1_500, cost=1_000)
    plus = catalog.create_product("PLUS", "+62 Kopi", 2_000)
    cart = Cart()
    cart.add(odd.id, odd.name, 1_500, 1)  # never received: on hand -1
    sale.complete(cart, [Tender("cash", 1_500)], owner)
    first = tmp_path / "katalog.csv"
    _export(first, owner)
    assert "'=cmd" in first.read_text(encoding="utf-8-sig") and ";'-1;" in first.read_text(
        encoding="utf-8-sig"
    )
    shown = product_import.preview(first, update=True)
    assert shown.problems == [] and [r.problems for r in shown.rows if r.problems] == []
    assert shown.count("unchanged") == 6
    done = product_import.apply(shown, owner)
    assert (done.updated, done.stock_moves) == (0, 0)
    assert Product.get_by_id(odd.id).name == "=cmd|' /C calc'!A0"
    assert Product.get_by_id(plus.id).name == "+62 Kopi"
    assert Product.get_by_id(odd.id).on_hand == D(-1)
    second = tmp_path / "lagi.csv"
    _export(second, owner)
    assert second.read_bytes() == first.read_bytes()


@pytest.mark.parametrize(
    ("cell", "read"),
    [("'=1+1", "=1+1"), ("'-1", "-1"), ("'+62", "+62"), ("'@x", "@x"), ("''=x", "''=x"),
     ("'abc", "'abc"), ("'", "'"), ("Jum'at", "Jum'at"), ("=x", "=x")],
)  # fmt: skip
def test_only_the_guard_before_a_formula_start_is_taken_off(cell, read):
    from pos.core.tabular import unguard

    assert unguard(cell) == read
