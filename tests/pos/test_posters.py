"""What a poster says: prices (with the struck-through catalogue price), the end date, the wa.me order
link and the caption; programs (voucher campaign or code, stamp card, gift); refusals that change nothing."""

from __future__ import annotations

from datetime import date
from urllib.parse import unquote

import pytest

from db.models import Product
from pos.catalog import catalog
from pos.core import settings
from pos.core.errors import InvalidInput, InvalidPrice, NotFound
from pos.customers import gifts, posters, stamps, voucher
from pos.stock import recipes
from tests.pos.helpers import small_shop


@pytest.fixture
def items(owner):
    return small_shop(owner, open_shift=False)


def test_products_caption_has_exact_prices_and_struck_old_price(items):
    offer = posters.for_products(
        [items["bakso"].id, items["teh"].id], promo={items["bakso"].id: 15_000}, until=date(2026, 12, 31)
    )
    bakso, teh = offer.items
    assert (bakso.price, bakso.old_price, bakso.unit, bakso.saving, bakso.percent_off) == (
        15_000,
        18_000,
        "porsi",
        3_000,
        16,
    )
    assert (teh.price, teh.old_price) == (5_000, None)
    lines = offer.caption.splitlines()
    assert lines[0] == "PROMO · Warung Uji"  # the title does not run into the shop's name
    assert "• Bakso Urat ~Rp 18.000~ Rp 15.000/porsi" in lines  # WhatsApp strikes ~…~ through
    assert "• Es Teh Manis Rp 5.000" in lines
    assert "Berlaku s.d. 31-12-2026" in lines
    assert offer.link.startswith("https://wa.me/6281200001111?text=")
    assert (
        unquote(offer.link.split("text=")[1])
        == "Halo Warung Uji, saya mau pesan:\n- 1 Bakso Urat\n- 1 Es Teh Manis"
    )
    assert f"Pesan lewat WhatsApp: {offer.link}" in lines
    assert lines[-1] == "Warung Uji"


def test_title_is_kept_short_and_clean(items):
    offer = posters.for_products([items["mie"].id], title="  Promo   Gajian  ")
    assert offer.title == "Promo Gajian"
    assert offer.caption.startswith("Promo Gajian · Warung Uji\n• Indomie Goreng Rp 3.500\n")


@pytest.mark.parametrize(
    "promo, error",
    [
        (18_000, InvalidInput),
        (20_000, InvalidInput),
        (0, InvalidPrice),
        (-5, InvalidPrice),
        (True, InvalidPrice),
    ],
)
def test_a_promo_price_must_be_below_the_price(items, promo, error):
    with pytest.raises(error):
        posters.for_products([items["bakso"].id], promo={items["bakso"].id: promo})


def test_refusals(items):
    with pytest.raises(InvalidInput, match="paling sedikit satu"):
        posters.for_products([])
    with pytest.raises(InvalidInput, match="sudah lewat"):
        posters.for_products([items["teh"].id], until=date(2026, 11, 22))
    many = [catalog.create_product(f"P{i}", f"Barang {i}", 1_000).id for i in range(3)]
    ids = [p.id for p in items.values()] + many
    with pytest.raises(InvalidInput, match="paling banyak 6 barang; yang dipilih 7"):
        posters.for_products(ids)
    assert len(posters.for_products(ids[:6]).items) == 6
    assert len(posters.for_products([items["teh"].id, items["teh"].id]).items) == 1  # chosen twice: once


def test_a_product_without_a_price_is_no_offer(items):
    flour = catalog.create_product("TPG", "Tepung tapioka", 0, unit="kg")  # an ingredient
    with pytest.raises(InvalidInput, match="belum punya harga jual"):
        posters.for_products([flour.id])
    listed = [i.name for _name, group in posters.price_list().sections for i in group]
    assert "Tepung tapioka" not in listed and len(listed) == 4


def test_inactive_product_refused(items, owner):
    from pos.catalog import product_edit

    product_edit.set_product_active(items["teh"].id, False, owner)
    with pytest.raises(NotFound):
        posters.for_products([items["teh"].id])


def test_without_a_whatsapp_number_no_link(items):
    settings.update({"shop_phone": "021-555-1234"})  # a landline: no WhatsApp chat to open
    offer = posters.for_products([items["teh"].id])
    assert offer.link == "" and offer.shop.phone == ""
    assert "wa.me" not in offer.caption
    assert "Jl. Uji No. 1" in offer.caption.splitlines()  # the address instead


def test_voucher_campaign_and_code(items, owner):
    made = voucher.issue_batch(
        3,
        kind="rp",
        value=10_000,
        expires_on=date(2026, 12, 31),
        user=owner,
        min_spend=50_000,
        campaign="Gajian",
    )
    offer = posters.for_voucher("Gajian")
    assert (offer.kind, offer.title, offer.big, offer.until) == (
        "voucher",
        "Gajian",
        "Rp 10.000",
        date(2026, 12, 31),
    )
    assert offer.lines[0] == "Min. belanja Rp 50.000"
    assert "Gajian — Rp 10.000" in offer.caption and "Berlaku s.d. 31-12-2026" in offer.caption
    one = posters.for_voucher(voucher.pretty(made[0].code).lower())
    assert one.title == "Voucher belanja"
    assert one.lines[0] == f"Kode voucher: {voucher.pretty(made[0].code)}"
    assert ("voucher", "Gajian", "Voucher: Gajian") in posters.programs()
    with pytest.raises(NotFound):
        posters.for_voucher("Lebaran")
    with pytest.raises(InvalidInput):
        posters.for_voucher("  ")


def test_voucher_campaign_of_several_values(items, owner):
    voucher.issue_batch(1, kind="pct", value=10, expires_on=None, user=owner, campaign="Undian")
    voucher.issue_batch(1, kind="pct", value=25, expires_on=None, user=owner, campaign="Undian")
    offer = posters.for_voucher("Undian")
    assert offer.big == "s.d. 25%" and offer.until is None


def test_stamp_card_and_gift(items, owner):
    card = stamps.configure(
        "Kartu Bakso",
        10,
        products=[items["bakso"].id],
        reward_product=items["teh"].id,
        user=owner,
        ends_on=date(2027, 3, 31),
    )
    offer = posters.for_program("stamps", str(card.id))
    assert (offer.title, offer.big, offer.until) == ("Kartu Bakso", "GRATIS", date(2027, 3, 31))
    assert offer.lines[0] == "Kumpulkan 10 stempel: 1 stempel tiap pembelian Bakso Urat."
    assert offer.lines[1] == "Hadiah: gratis Es Teh Manis."
    gift = gifts.configure("Gratis Teh", items["teh"].id, min_spend=50_000, user=owner)
    offer = posters.for_program("gift", str(gift.id))
    assert offer.lines == ("Min. belanja Rp 50.000", "Dapat Es Teh Manis gratis, selama persediaan ada.")
    assert unquote(offer.link.split("text=")[1]) == "Halo Warung Uji, saya mau tanya promo Gratis Teh."
    kinds = [k for k, _ref, _name in posters.programs()]
    assert kinds == ["stamps", "gift"]
    with pytest.raises(InvalidInput):
        posters.for_program("lottery", "1")


def test_no_program_running(items):
    with pytest.raises(NotFound, match="kartu stempel"):
        posters.for_stamps()
    with pytest.raises(NotFound, match="program hadiah"):
        posters.for_gift()


def test_price_list_groups_by_category(items):
    plist = posters.price_list()
    names = [(name, [i.name for i in group]) for name, group in plist.sections]
    assert names == [
        ("Makanan", ["Bakso Urat", "Es Teh Manis", "Indomie Goreng"]),
        ("Lainnya", ["Beras Pandan Wangi"]),
    ]
    assert plist.count == 4
    assert plist.caption.splitlines()[:2] == ["Daftar harga Warung Uji", "Harga per 23-11-2026."]
    food = plist.sections[0][1]
    one = posters.price_list(items["bakso"].category_id)
    assert one.title == "Daftar harga Makanan" and one.sections == (("Makanan", food),)
    with pytest.raises(NotFound):
        posters.price_list(999)


def test_slug():
    assert posters.slug("Promo Akhir Tahun!") == "promo-akhir-tahun"
    assert posters.slug("☕☕") == "poster"


def test_picker_leaves_out_raw_materials_at_rp_0(items, owner):
    """The dialog's list: a recipe's ingredient at Rp 0 is not for sale (as the counter's search); a product
    at Rp 0 that no recipe uses is still listed (the poster then asks for its price)."""
    balls = catalog.create_product("BTR", "Bakso Butir Mentah", 0)
    loose = catalog.create_product("BLM", "Bakso Belum Dihargai", 0)
    recipes.set_recipe(items["bakso"].id, [(balls.id, 5)], owner)
    names = [name for _pid, name, _price in posters.pickable("bakso")]
    assert names == ["Bakso Belum Dihargai", "Bakso Urat"]
    assert (items["bakso"].id, "Bakso Urat", 18_000) in posters.pickable("")
    assert posters.pickable("BTR") == []  # not by its SKU either
    assert [pid for pid, _n, _p in posters.pickable("BLM")] == [loose.id]
    Product.update(price=1_000).where(Product.id == balls.id).execute()  # with a price it is sold too
    assert "Bakso Butir Mentah" in [name for _pid, name, _price in posters.pickable("bakso")]
