from datetime import date, datetime, timedelta

from pos.catalog import catalog
from pos.core import clock
from pos.core.cart import Cart
from pos.counter import receipt, sale
from pos.counter.payment import Tender
from pos.customers import customer, outreach, warranty
from receipts.layout import plain_text
from tests.conftest import NOW
from tests.pos.helpers import small_shop


def test_serial_warranty_lookup_and_follow_up(owner):
    small_shop(owner)
    gun = catalog.create_product(
        "SGN", "Senapan Angin Sharp Tiger", 2_850_000, serialised=True, warranty_days=365, track_stock=False
    )
    bag = catalog.create_product("TAS", "Tas Senapan", 185_000, track_stock=False)
    andi = customer.create_customer("0812-7000-0001", "Andi", wa_consent=True)
    with clock.frozen(NOW - timedelta(days=9)):
        c = Cart(customer_id=andi.id, channel="whatsapp")
        c.add(gun.id, gun.name, gun.price, 1, merge=False)
        c.lines[0].serial_number = "SN1234567"
        c.add(bag.id, bag.name, bag.price, 1)
        s = sale.complete(c, [Tender("transfer", 3_035_000)], owner)
    [covered] = warranty.lookup("1234567")
    assert (covered.product, covered.warranty_until, covered.customer, covered.valid) == (
        "Senapan Angin Sharp Tiger",
        date(2026, 11, 14) + timedelta(days=365),
        "Andi",
        True,
    )
    assert warranty.lookup("+62 812 7000 0001")[0].sale == s.number
    assert [w.serial_number for w in warranty.of_customer(andi.id)] == ["SN1234567"]  # the customer page
    assert "Garansi s.d. 14-11-2027" in plain_text(receipt.for_sale(s.number), 48)
    assert [f.customer for f in warranty.follow_ups(7)] == ["Andi"]
    outreach.contacted(andi.id, "warranty", owner)
    assert warranty.follow_ups(7) == []
    assert datetime(2026, 11, 14) < NOW


def test_a_serialised_item_is_not_sold_without_its_serial_number(owner):
    from db.models import Sale
    from pos.core.errors import SerialRequired
    from pos.counter import counter_reads

    small_shop(owner)
    gun = catalog.create_product(
        "SGN", "Senapan Angin Sharp Tiger", 2_850_000, serialised=True, warranty_days=365, track_stock=False
    )
    c = Cart()
    c.add(gun.id, gun.name, gun.price, 1, merge=False)  # as a chat order puts it in the cart
    assert counter_reads.without_serial(c) == [0]
    before = Sale.select().count()
    try:
        sale.complete(c, [Tender("transfer", 2_850_000)], owner)
    except SerialRequired as exc:
        assert "Nomor seri Senapan Angin Sharp Tiger belum diisi" in exc.text
    else:
        raise AssertionError("sold without a serial number")
    assert Sale.select().count() == before
    c.lines[0].serial_number = "  "
    assert counter_reads.without_serial(c) == [0]
    c.lines[0].serial_number = "ST45-2026-0042"
    assert counter_reads.without_serial(c) == []
    assert sale.complete(c, [Tender("transfer", 2_850_000)], owner).total == 2_850_000
