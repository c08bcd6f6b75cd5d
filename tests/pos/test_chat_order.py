"""A WhatsApp order pasted at the counter, read into a proposed cart: 40 messages as customers write them
(slang, typos, word numbers, several items a line, units), each with its exact lines, customer, address,
delivery and the words left over; then bad input, the cart, the sale keeping the text, and the reply."""

from __future__ import annotations

import time
from dataclasses import replace
from decimal import Decimal
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as settings_h
from hypothesis import strategies as st

from db.models import ChatText, Meta, Sale, database
from pos import shop
from pos.catalog import catalog
from pos.core import clock, settings
from pos.core.cart import Cart
from pos.core.errors import InvalidInput, NoItemsRecognised
from pos.counter import chat_order, chat_reply, park, sale, shift
from pos.counter.payment import Tender
from pos.customers import customer, posters
from pos.stock import recipes

PRODUCTS = [  # a bakso stall that is also a warung
    ("BU", "Bakso Urat", 18_000, "porsi"),
    ("BH", "Bakso Halus", 15_000, "porsi"),
    ("MA", "Mie Ayam", 13_000, "porsi"),
    ("MAB", "Mie Ayam Bakso", 20_000, "porsi"),
    ("ETM", "Es Teh Manis", 5_000, "pcs"),
    ("ETT", "Es Teh Tawar", 4_000, "pcs"),
    ("EJ", "Es Jeruk", 6_000, "pcs"),
    ("TH", "Teh Hangat", 4_000, "pcs"),
    ("KR", "Kerupuk", 2_000, "pcs"),
    ("BR", "Beras Pandan Wangi", 15_000, "kg"),
    ("GP", "Gula Pasir", 17_000, "kg"),
    ("TL", "Telur Ayam", 28_000, "kg"),
    ("MG", "Minyak Goreng 1 L", 19_000, "pcs"),
    ("MC", "Minyak Curah", 17_000, "liter"),
    ("IG", "Indomie Goreng", 3_500, "pcs"),
    ("IS", "Indomie Soto", 3_500, "pcs"),
    ("AQ", "Aqua 600 ml", 4_000, "pcs"),
    ("AQ15", "Aqua 1500 ml", 7_000, "pcs"),
    ("KP", "Kopi Kapal Api", 1_500, "pcs"),
    ("SB", "Sabun Lifebuoy", 4_500, "pcs"),
    ("GAS", "Gas Elpiji 3 kg", 22_000, "pcs"),
]
ANI, BUDI = "6281234567890", "6285711112222"


@pytest.fixture
def stall(owner):
    for sku, name, price, unit in PRODUCTS:
        catalog.create_product(sku, name, price, unit=unit, track_stock=unit == "kg")
    ani = customer.create_customer("0812-3456-7890", "Bu Ani", address="Jl. Melati 12")
    budi = customer.create_customer("0857 1111 2222", "Pak Budi")
    return {"ani": ani.id, "budi": budi.id}


def q(text: str) -> Decimal:
    return Decimal(text).quantize(Decimal("0.001"))


# message, lines [(sku, qty)], (customer key or None, phone), address, delivery, unmatched
SCENARIOS = [
    (
        "kak pesan bakso urat 2, es teh manis 1 sama kerupuk 3 ya, antar ke jl. melati 12, a.n. bu ani "
        "0812 3456 7890",
        [("BU", "2"), ("ETM", "1"), ("KR", "3")], ("ani", ANI), "jl. melati 12", True, [],
    ),
    ("min mau mie ayam 3 porsi dong", [("MA", "3")], (None, ""), "", False, []),
    ("2 baso urat 1 esteh manis", [("BU", "2"), ("ETM", "1")], (None, ""), "", False, []),
    ("bakso halus dua, mie ayam tiga", [("BH", "2"), ("MA", "3")], (None, ""), "", False, []),
    (
        "Pesan gula setengah kilo, telor 2 ons, beras 1/2 kg",
        [("GP", "0.5"), ("TL", "0.2"), ("BR", "0.5")], (None, ""), "", False, [],
    ),
    ("beras 5 kilo sama minyak goreng 2", [("BR", "5"), ("MG", "2")], (None, ""), "", False, []),
    ("indomi goreng x3 aqua 600ml 2", [("IG", "3"), ("AQ", "2")], (None, ""), "", False, []),
    ("mau aqua 1500 ml 1 sama aqua 600 ml 4", [("AQ15", "1"), ("AQ", "4")], (None, ""), "", False, []),
    ("kerupuk selusin", [("KR", "12")], (None, ""), "", False, []),
    ("kopi kapal api 2 lusin", [("KP", "24")], (None, ""), "", False, []),
    ("es jeruk 2 bks, teh hangat 1 gelas", [("EJ", "2"), ("TH", "1")], (None, ""), "", False, []),
    ("mie ayam bakso 2", [("MAB", "2")], (None, ""), "", False, []),  # the longest name, not Mie Ayam + ?
    ("bakso urat 15rb 2, kerupk tiga", [("BU", "2"), ("KR", "3")], (None, ""), "", False, []),
    ("bakso 2 ya", [], (None, ""), "", False, ["bakso"]),  # Urat or Halus: the cashier asks
    ("es teh 2", [], (None, ""), "", False, ["es teh"]),  # Manis or Tawar
    ("gas elpiji 3 kg 1, gas 3 kg 2", [("GAS", "1"), ("GAS", "2")], (None, ""), "", False, []),
    (
        "Assalamualaikum kak\n- bakso urat 2\n- mie ayam 1\n- es jeruk 2\n"
        "kirim ke Perum Griya Asri blok C3 no 7\nwa 0857-1111-2222",
        [("BU", "2"), ("MA", "1"), ("EJ", "2")], ("budi", BUDI), "Perum Griya Asri blok C3 no 7", True, [],
    ),
    ("sekilo gula, seperempat telur", [("GP", "1"), ("TL", "0.25")], (None, ""), "", False, []),
    ("satu setengah kilo beras", [("BR", "1.5")], (None, ""), "", False, []),
    ("indomi goreng 5 indomie soto 5", [("IG", "5"), ("IS", "5")], (None, ""), "", False, []),
    ("2 indomie goreng 3 indomie soto", [("IG", "2"), ("IS", "3")], (None, ""), "", False, []),
    ("bakso urat 2 porsi pedes ya kak", [("BU", "2")], (None, ""), "", False, []),  # "pedes": its note
    (
        "minyak curah 2 liter sama minyak curah 500 ml",
        [("MC", "2"), ("MC", "0.5")], (None, ""), "", False, [],
    ),
    ("telur 1/4", [("TL", "0.25")], (None, ""), "", False, []),
    (
        "halo kak, masih buka? mau pesan mie ayam 2 ya, diantar ke rumah. hp 081298765432",
        [("MA", "2")], (None, "6281298765432"), "", True, [],
    ),
    (
        "aqua 2 botol + kerupuk 5 + es teh manis 3",
        [("KR", "5"), ("ETM", "3")], (None, ""), "", False, ["aqua"],  # 600 ml or 1500 ml?
    ),
    ("EMPAT bakso urat, TIGA es teh manis, ANTAR ya", [("BU", "4"), ("ETM", "3")], (None, ""), "", True, []),
    ("gula pasir 2kg, beras pandan wangi 10kg", [("GP", "2"), ("BR", "10")], (None, ""), "", False, []),
    ("pesen sabun lifebuoy 3 pcs", [("SB", "3")], (None, ""), "", False, []),
    ("sabun 2 biji", [("SB", "2")], (None, ""), "", False, []),
    ("indomie goreng 2 Rp 7.000, total Rp 7.000 ya kak", [("IG", "2")], (None, ""), "", False, []),
    (
        "mie ayam 2, kerupukk 3, es jeruuk 1",
        [("MA", "2"), ("KR", "3"), ("EJ", "1")], (None, ""), "", False, [],
    ),
    (
        "Kak, saya mau order:\n1. Bakso urat 2\n2) Es teh manis 2\n3. kerupuk",
        [("BU", "2"), ("ETM", "2"), ("KR", "1")], (None, ""), "", False, [],
    ),
    (
        "beli telur 1 kg sama minyak goreng 1 liter", [("TL", "1"), ("MG", "1")], (None, ""), "", False, [],
    ),
    (
        "mie ayam 2\nbakso halus 1\nalamat: Jl. Kenanga No. 5 RT 02/03\na.n. Sari",
        [("MA", "2"), ("BH", "1")], (None, ""), "Jl. Kenanga No. 5 RT 02/03", True, [],
    ),
    (
        "es teh manis 2 gls, krupuk 2 bks, ambil sendiri jam 12",
        [("ETM", "2"), ("KR", "2")], (None, ""), "", False, [],
    ),
    ("Bakso Urat 🍜🍜 2 porsi 🙏, Es Jeruk 1 🍊", [("BU", "2"), ("EJ", "1")], (None, ""), "", False, []),
    (
        "pak, dua puluh indomie goreng sama sepuluh aqua 600 ml buat arisan, dikirim ya 0812-3456-7890",
        [("IG", "20"), ("AQ", "10")], ("ani", ANI), "Jl. Melati 12", True, ["arisan"],  # the book's address
    ),
    (
        "MIE AYAM 1 BAKSO HALUS 1 ES TEH TAWAR 2",
        [("MA", "1"), ("BH", "1"), ("ETT", "2")], (None, ""), "", False, [],
    ),
    (
        "gula 1,5 kg terus beras 2 kg + telor 1/2kg",
        [("GP", "1.5"), ("BR", "2"), ("TL", "0.5")], (None, ""), "", False, [],
    ),
]  # fmt: skip


def test_there_are_at_least_thirty_messages():
    assert len(SCENARIOS) >= 30


@pytest.mark.parametrize("index", range(len(SCENARIOS)), ids=lambda i: SCENARIOS[i][0][:40])
def test_a_message_becomes_exactly_this_proposal(stall, index):
    text, lines, (who, number), address, delivery, unmatched = SCENARIOS[index]
    p = chat_order.propose(text)
    assert [(ln.sku, ln.qty) for ln in p.lines] == [(sku, q(n)) for sku, n in lines], p
    assert (p.customer_id, p.phone) == (stall[who] if who else None, number), p
    assert (p.address, p.delivery) == (address, delivery), p
    assert list(p.unmatched) == unmatched, p
    assert p.channel == "whatsapp" and p.text == text


def test_every_guess_says_what_it_matched_and_its_price(stall):
    p = chat_order.propose("2 baso urat, es teh manis 1, indomi goreng x3")  # as read: words apart
    assert [(ln.name, ln.matched, ln.price, ln.unit) for ln in p.lines] == [
        ("Bakso Urat", "2 baso urat", 18_000, "porsi"),
        ("Es Teh Manis", "es teh manis 1", 5_000, "pcs"),
        ("Indomie Goreng", "indomi goreng x 3", 3_500, "pcs"),
    ]


def test_a_name_after_an_is_the_new_customers_and_a_known_number_is_the_customer(stall):
    new = chat_order.propose("mie ayam 1 a.n. Dewi Lestari 0813-9999-0000")
    assert (new.customer_id, new.customer_name, new.phone) == (None, "Dewi Lestari", "6281399990000")
    known = chat_order.propose("mie ayam 1 atas nama ibu ani 0812 3456 7890")
    assert (known.customer_id, known.customer_name) == (stall["ani"], "Bu Ani")  # the book's name


def test_a_choice_of_products_is_said_not_guessed(stall):
    p = chat_order.propose("bakso 2")
    assert p.lines == () and p.unmatched == ("bakso",)
    assert p.notes == ('"bakso" cocok dengan beberapa barang: Bakso Halus, Bakso Urat; pilih sendiri.',)


def test_prices_are_never_quantities_and_are_said(stall):
    p = chat_order.propose("kerupuk 15rb, bakso urat @18.000 x2, es jeruk 6k")
    assert [(ln.sku, ln.qty) for ln in p.lines] == [("KR", q("1")), ("BU", q("2")), ("EJ", q("1"))]
    assert p.notes == (
        '"15rb" dibaca sebagai harga, bukan jumlah.',
        '"18.000" dibaca sebagai harga, bukan jumlah.',
        '"6k" dibaca sebagai harga, bukan jumlah.',
    )


def test_a_weight_for_a_product_sold_by_the_piece_is_said(stall):
    p = chat_order.propose("sabun lifebuoy 2 kg")
    assert [(ln.sku, ln.qty) for ln in p.lines] == [("SB", q("2"))]
    assert p.notes == ('Sabun Lifebuoy dijual per pcs: "2 kg" dibaca 2 pcs.',)


def test_an_impossible_quantity_makes_no_line(stall):
    p = chat_order.propose("bakso urat 20000, kerupuk 0")
    assert p.lines == ()
    assert p.notes == (
        'Jumlah "20000" untuk Bakso Urat tidak dipakai.',
        'Jumlah "0" untuk Kerupuk tidak dipakai.',
    )


# --- bad input ---
@pytest.mark.parametrize(
    "text",
    ["", "   ", "🙏🙏😀🍜", "hi, I would like to order 2 pizzas please", "15rb 20rb Rp 35.000", "我要两碗面",
     "\x00\x1b[31m", "????!!!", "0" * 50, None],
)  # fmt: skip
def test_bad_input_is_a_proposal_without_lines_never_a_crash(stall, text):
    p = chat_order.propose(text)  # type: ignore[arg-type]
    assert p.lines == ()
    with pytest.raises(NoItemsRecognised, match="Tidak ada barang yang dikenali dari pesan ini."):
        chat_order.to_cart(p)


def test_english_words_are_listed_for_the_cashier(stall):
    p = chat_order.propose("hi, I would like to order 2 pizzas please")
    assert p.unmatched == ("i", "would", "like", "to", "pizzas")


def test_only_a_phone_number_finds_the_customer_but_no_item(stall):
    p = chat_order.propose("0812 3456 7890")
    assert (p.lines, p.customer_id, p.phone, p.unmatched) == ((), stall["ani"], ANI, ())


def test_ten_thousand_characters_are_cut_and_read_quickly(stall):
    text = "kak pesan bakso urat 2, es teh manis 1 ya 🙏 " * 250  # 11.000 characters
    started = time.perf_counter()
    p = chat_order.propose(text)
    assert time.perf_counter() - started < 5
    assert len(p.text) == chat_order.MAX_TEXT
    assert p.notes[0] == "Pesan terlalu panjang: hanya 5.000 huruf pertama yang dibaca."
    assert {ln.sku for ln in p.lines} == {"BU", "ETM"} and len(p.lines) > 200
    garbage = chat_order.propose("ab1 " * 2_500 + "x" * 10_000)
    assert garbage.lines == () and len(garbage.text) == chat_order.MAX_TEXT


def test_proposing_writes_nothing(stall):
    before = [
        database.execute_sql(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
        for t in ("customer", "journal_entry")
    ]
    chat_order.propose("mie ayam 2 a.n. Orang Baru 0813 1234 5678, antar ke jl. mawar 3")
    after = [
        database.execute_sql(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
        for t in ("customer", "journal_entry")
    ]
    assert before == after


# --- into the cart and the sale ---
def test_the_proposal_becomes_a_whatsapp_delivery_cart_with_the_text(stall):
    text = SCENARIOS[0][0]
    cart = chat_order.to_cart(chat_order.propose(text), delivery_fee=10_000)
    assert (cart.channel, cart.order_type, cart.customer_id) == ("whatsapp", "delivery", stall["ani"])
    assert (cart.delivery_address, cart.delivery_fee, cart.chat_text) == ("jl. melati 12", 10_000, text)
    assert [(ln.name, ln.qty, ln.unit_price) for ln in cart.lines] == [
        ("Bakso Urat", q("2"), 18_000),
        ("Es Teh Manis", q("1"), 5_000),
        ("Kerupuk", q("3"), 2_000),
    ]


def test_the_cashiers_changes_go_into_the_cart(stall):
    p = chat_order.propose("bakso urat 2, kerupuk 3")
    edited = replace(p, lines=(replace(p.lines[0], qty=q("4")),), delivery=False)
    cart = chat_order.to_cart(edited)
    assert [(ln.name, ln.qty) for ln in cart.lines] == [("Bakso Urat", q("4"))]
    assert (cart.order_type, cart.delivery_address) == ("", "")


def test_half_a_counted_item_from_a_chat_is_refused_with_its_unit(stall):
    from pos.core.units import WholeQuantity

    p = chat_order.propose("kerupuk 3")
    half = replace(p, lines=(replace(p.lines[0], qty=q("0.5")),), delivery=False)
    with pytest.raises(WholeQuantity, match="Jumlah untuk satuan pcs harus bilangan bulat."):
        chat_order.to_cart(half)


def test_the_sale_keeps_what_the_customer_wrote(stall, owner):
    shift.open_shift(owner, 0)
    text = SCENARIOS[0][0]
    cart = chat_order.to_cart(chat_order.propose(text), delivery_fee=10_000)
    done = sale.complete(cart, [Tender("transfer", 57_000)], owner)
    s = Sale.get_by_id(done.id)
    assert (s.total, s.delivery_fee, s.order_type, s.customer_id) == (
        57_000,
        10_000,
        "delivery",
        stall["ani"],
    )
    assert s.delivery_address == "jl. melati 12"
    assert chat_order.chat_text_of(done.id) == text
    plain = Cart()
    plain.add(catalog.by_code("KR").id, "Kerupuk", 2_000, 1)
    other = sale.complete(plain, [Tender("cash", 2_000)], owner)
    assert chat_order.chat_text_of(other.id) == "" and ChatText.select().count() == 1


def test_a_parked_chat_order_keeps_its_text(stall, owner):
    text = "mie ayam 2 ya kak"
    cart = chat_order.to_cart(chat_order.propose(text))
    order = park.park(cart, "Bu Ani WA", owner)
    assert park.resume(order.id, owner).chat_text == text
    assert Cart.from_json({k: v for k, v in cart.to_json().items() if k != "chat_text"}).chat_text == ""


def test_a_schema_8_shop_gets_the_chat_text_table(stall, db):
    database.execute_sql('DROP TABLE "chat_text"')
    Meta.update(value="8").where(Meta.key == "schema_version").execute()
    shop.close_shop()
    shop.open_shop(db)
    from db.migrations import SCHEMA_VERSION

    assert Meta.get_by_id("schema_version").value == str(SCHEMA_VERSION)
    assert "chat_text" in database.get_tables() and ChatText.select().count() == 0


# --- the reply ---
def test_the_reply_in_the_shops_words_with_total_ongkir_and_how_to_pay(stall):
    settings.update({"bank_account": "BCA 1234567890 a.n. Sri Rahayu"})
    p = chat_order.propose(SCENARIOS[0][0])
    cart = chat_order.to_cart(p, delivery_fee=10_000)
    assert chat_reply.reply_text(cart, p.customer_name) == (
        "Halo Bu Ani, terima kasih pesanannya.\n\n"
        "- 2 × Bakso Urat  Rp 36.000\n- 1 × Es Teh Manis  Rp 5.000\n- 3 × Kerupuk  Rp 6.000\n\n"
        "Ongkir: Rp 10.000\nTotal: Rp 57.000\n\n"
        "Pembayaran:\n- Transfer ke BCA 1234567890 a.n. Sri Rahayu\n- Tunai saat barang diterima\n\n"
        "Mohon dicek ya. Terima kasih!"
    )
    settings.update({"chat_reply_template": "{nama}: {total} ({ongkir})"})
    assert chat_reply.reply_text(cart, "") == "Kak: Rp 57.000 (Rp 10.000)"
    link = chat_reply.reply_link(p, "Halo Bu Ani")
    assert link == "https://wa.me/6281234567890?text=Halo%20Bu%20Ani"


def test_a_template_with_an_unknown_placeholder_is_refused(stall):
    with pytest.raises(InvalidInput, match=r"\{nama\} \{barang\}"):
        settings.update({"chat_reply_template": "Halo {pelanggan}"})
    with pytest.raises(InvalidInput):
        settings.update({"chat_reply_template": "Total {total"})
    assert settings.get("chat_reply_template") == settings.DEFAULTS["chat_reply_template"]


def test_the_qris_of_the_order_has_its_total(stall):
    from pos.core import qris

    assert chat_reply.qris_for(chat_order.to_cart(chat_order.propose("kerupuk 3"))) == ""
    from tests.pos.test_qris import STATIC as static

    settings.update({"qris_payload": static})
    cart = chat_order.to_cart(chat_order.propose("kerupuk 3"))
    settings_text = chat_reply.how_to_pay()
    assert qris.amount_of(chat_reply.qris_for(cart)) == 6_000 and "QRIS (gambar terlampir)" in settings_text


def test_a_name_ends_at_its_line_and_the_address_at_its_own(stall):
    p = chat_order.propose(
        "kak pesan bakso urat 2\nantar ke jl. melati 12 rt 03, a.n. bu ani\nbayar pake tf ya 15rb"
    )
    assert [(ln.sku, ln.qty) for ln in p.lines] == [("BU", q("2"))]
    assert (p.customer_name, p.address, p.delivery) == ("Bu Ani", "jl. melati 12 rt 03", True)
    assert p.notes == ('"15rb" dibaca sebagai harga, bukan jumlah.',) and p.unmatched == ()


@settings_h(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=400))
def test_any_text_is_a_proposal_never_a_crash(stall, text):
    p = chat_order.propose(text)
    assert all(Decimal("0") < ln.qty <= Decimal("9999") for ln in p.lines)
    assert len(p.text) <= chat_order.MAX_TEXT and len(p.address) <= 200


def test_a_big_catalogue_reads_a_message_quickly(stall):
    from db.models import Product

    rows = [
        dict(sku=f"X{i}", name=f"Barang {i} merek{i % 97}", search_name=f"barang {i} merek{i % 97}",
             unit="pcs", price=1_000, created_at=clock.now())
        for i in range(5_000)
    ]  # fmt: skip
    for k in range(0, len(rows), 500):
        Product.insert_many(rows[k : k + 500]).execute()
    started = time.perf_counter()
    p = chat_order.propose(SCENARIOS[0][0])
    assert time.perf_counter() - started < 2
    assert [ln.sku for ln in p.lines] == ["BU", "ETM", "KR"]


# --- the tester's cases (issue #23 follow-up): the bakso demo's names, an ingredient at Rp 0 -------------
DEMO = [
    ("BAK0001", "Bakso Urat", 18_000, "porsi"),
    ("BAK0002", "Bakso Halus", 15_000, "porsi"),
    ("BAK0006", "Mie Ayam", 15_000, "porsi"),
    ("BAK0007", "Mie Ayam Bakso", 20_000, "porsi"),
    ("BAK0008", "Mie Ayam Pangsit", 18_000, "porsi"),
    ("BAK0009", "Es Teh Manis", 5_000, "porsi"),
    ("BAK0010", "Teh Hangat", 4_000, "porsi"),
    ("BAK0014", "Teh Botol Sosro", 5_000, "pcs"),
    ("BAK0018", "Pangsit Goreng", 3_000, "pcs"),
    ("BAK0019", "Bakso Beku 50 butir (bawa pulang)", 55_000, "pack"),
    ("T010", "Rokok Sampoerna Mild 16", 32_000, "pack"),
    ("GP", "Gula Pasir", 17_000, "kg"),
    ("DPR003", "Bakso butir (adonan jadi)", 0, "pcs"),
]


@pytest.fixture
def demo(owner):
    made = {sku: catalog.create_product(sku, name, price, unit=unit) for sku, name, price, unit in DEMO}
    recipes.set_recipe(made["BAK0001"].id, [(made["DPR003"].id, 5)], owner)  # used up by the recipe
    settings.update({"shop_name": "Bakso Pak Kumis", "shop_phone": "0812-0000-1111"})
    return made


MANY_MIE = '"mie" cocok dengan beberapa barang: Mie Ayam, Mie Ayam Bakso, Mie Ayam Pangsit; pilih sendiri.'
MANY_TEH = '"teh" cocok dengan beberapa barang: Teh Botol Sosro, Teh Hangat; pilih sendiri.'  # names so
COD = "Bayar di tempat (COD): dibayar saat barang diterima."
# message, [(sku, qty, line note)], unmatched, notes, cod
TESTER = [
    ("bakso beku 50 butir 2", [("BAK0019", "2", "")], [], [], False),  # not 50 packs + 2 ingredients
    ("- Rokok Sampoerna Mild 16", [("T010", "1", "")], [], [], False),  # not 16 packs
    ("rokok sampoerna mild 16 3", [("T010", "3", "")], [], [], False),
    ("bakso butir 2", [("BAK0019", "2", "")], [], [], False),  # never the Rp 0 "Bakso butir (adonan jadi)"
    ("teh botol 2", [("BAK0014", "2", "")], [], [], False),  # "botol" is a name's word first
    ("2 teh botol", [("BAK0014", "2", "")], [], [], False),
    ("mie 2", [], ["mie"], [MANY_MIE], False),  # was Mie Ayam, silently
    ("teh 2", [], ["teh"], [MANY_TEH], False),  # was Teh Hangat, silently
    ("mie ayam 2", [("BAK0006", "2", "")], [], [], False),  # the whole name: no choice
    ("teh 2, es teh 1", [("BAK0009", "1", "")], ["teh"], [MANY_TEH], False),  # "es teh": Es Teh Manis only
    (
        "mie ayam 1000", [("BAK0006", "1000", "")], [],
        ["1000 porsi Mie Ayam banyak sekali untuk satu pesanan; tanyakan lagi ke pelanggan."], False,
    ),
    ("mie ayam 100", [("BAK0006", "100", "")], [], [], False),
    (
        "mie ayam setengah", [("BAK0006", "1", "")], [],  # a counted unit is never proposed in halves
        ['Mie Ayam dijual per porsi: "setengah" diusulkan 1 porsi, bukan 0,5; tanyakan pelanggan.'], False,
    ),
    (
        "mie ayam 1/2", [("BAK0006", "1", "")], [],  # a counted unit is never proposed in halves
        ['Mie Ayam dijual per porsi: "1/2" diusulkan 1 porsi, bukan 0,5; tanyakan pelanggan.'], False,
    ),
    ("bakso urat 2 bayar di tempat", [("BAK0001", "2", "")], [], [COD], True),
    ("bakso urat 2, bayar ditempat ya", [("BAK0001", "2", "")], [], [COD], True),
    ("bakso halus 1 cod", [("BAK0002", "1", "")], [], [COD], True),
    ("mie ayam 2 tanpa sambal", [("BAK0006", "2", "tanpa sambal")], [], [], False),
    (
        "mie ayam 2 gak pake gula, es teh manis 1, kuah dipisah",  # "gula" is no Gula Pasir here
        [("BAK0006", "2", "gak pake gula"), ("BAK0009", "1", "kuah dipisah")], [], [], False,
    ),
    ("bakso urat 1 pedes, teh hangat 2", [("BAK0001", "1", "pedes"), ("BAK0010", "2", "")], [], [], False),
    (  # "goreng" is the note's, not a Pangsit Goreng; "teh" starts a name: the next item
        "mie ayam 2 ga pake bawang goreng, 1 mie ayam tanpa sambal teh hangat 1",
        [("BAK0006", "2", "ga pake bawang goreng"), ("BAK0006", "1", "tanpa sambal"), ("BAK0010", "1", "")],
        [], [], False,
    ),
    (
        "2 bakso halus pedes banget kuah dipisah",
        [("BAK0002", "2", "pedes banget, kuah dipisah")], [], [], False,
    ),
    ("Halo Bakso Pak Kumis, mau pangsit goreng 3", [("BAK0018", "3", "")], [], [], False),
]  # fmt: skip


@pytest.mark.parametrize("index", range(len(TESTER)), ids=lambda i: TESTER[i][0][:40])
def test_the_testers_message_is_read_without_a_silent_guess(demo, index):
    text, lines, unmatched, notes, cod = TESTER[index]
    p = chat_order.propose(text)
    assert [(ln.sku, ln.qty, ln.note) for ln in p.lines] == [(s, q(n), note) for s, n, note in lines], p
    assert list(p.unmatched) == unmatched, p
    assert list(p.notes) == notes, p
    assert p.cod is cod and (p.delivery or not cod), p


def test_a_line_note_goes_into_the_cart_line(demo):
    p = chat_order.propose("mie ayam 2 tanpa sambal, mie ayam 1")
    cart = chat_order.to_cart(p)
    assert [(ln.name, ln.qty, ln.note) for ln in cart.lines] == [
        ("Mie Ayam", q("2"), "tanpa sambal"),
        ("Mie Ayam", q("1"), ""),
    ]
    data = chat_order.as_json(p)
    assert [ln["note"] for ln in data["lines"]] == ["tanpa sambal", ""] and data["cod"] is False


def test_the_posters_order_text_reads_back_as_its_products_one_each(demo):
    ids = [demo[sku].id for sku in ("BAK0019", "BAK0014", "T010", "BAK0006")]
    offer = posters.for_products(ids)
    text = unquote(offer.link.split("text=")[1])
    assert text == (
        "Halo Bakso Pak Kumis, saya mau pesan:\n- 1 Bakso Beku 50 butir (bawa pulang)\n- 1 Teh Botol Sosro"
        "\n- 1 Rokok Sampoerna Mild 16\n- 1 Mie Ayam"
    )
    p = chat_order.propose(text)
    assert [(ln.sku, ln.qty) for ln in p.lines] == [
        ("BAK0019", q("1")), ("BAK0014", q("1")), ("T010", q("1")), ("BAK0006", q("1"))
    ]  # fmt: skip
    assert (p.unmatched, p.notes) == ((), ())


def test_a_calibre_in_the_name_is_not_the_quantity_and_dua_is(owner):
    """The air-gun workshop's trial message: "mimis 4.5 dua kaleng" is 2 cans of Mimis 4.5, not 4,5."""
    catalog.create_product("PCP", "PCP Sharp Tiger", 3_500_000, unit="pcs")
    catalog.create_product("MM45", "Mimis 4.5 Kaleng", 45_000, unit="kaleng")
    text = (
        "Halo om, mau pesan PCP sharp tiger 1 ya sama mimis 4.5 dua kaleng, no sy 0812-7777-1234, "
        "kirim ke Jl. Kaliurang km 9 Sleman"
    )
    p = chat_order.propose(text)
    assert [(ln.sku, ln.qty) for ln in p.lines] == [("PCP", Decimal(1)), ("MM45", Decimal(2))]
    assert p.phone == "6281277771234"
    assert p.address == "Jl. Kaliurang km 9 Sleman"


def test_a_counted_unit_never_gets_a_fractional_quantity(owner):
    catalog.create_product("MM45", "Mimis 4.5", 45_000, unit="kaleng")
    p = chat_order.propose("mimis 2.5 kaleng")
    assert [ln.qty for ln in p.lines if ln.sku == "MM45"] in ([], [Decimal(1)])
    assert any("dijual per kaleng" in n or "tidak dipakai" in n for n in p.notes)
