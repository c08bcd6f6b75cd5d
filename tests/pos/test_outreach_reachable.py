"""A WhatsApp walk through a list reaches only the customers who agreed and have a number, by id."""

from __future__ import annotations

from db.models import Customer
from pos.customers import customer, outreach


def test_only_those_who_agreed_and_have_a_number(owner):
    dewi = customer.create_customer("0812-5555-3333", "Dewi", wa_consent=True)
    budi = customer.create_customer("0812-5555-2222", "Budi", wa_consent=False)
    ani = customer.create_customer("0812-5555-1111", "Ani Lestari", wa_consent=True)
    tanpa = customer.create_customer("0812-5555-4444", "Pak Tanpa Nomor", wa_consent=True)
    Customer.update(phone=None).where(Customer.id == tanpa.id).execute()  # a record kept without a number
    reached = outreach.reachable([ani.id, tanpa.id, budi.id, dewi.id])
    assert [(c.id, c.name, c.phone) for c in reached] == [
        (dewi.id, "Dewi", "6281255553333"),
        (ani.id, "Ani Lestari", "6281255551111"),
    ]
    assert outreach.reachable([budi.id]) == []
    assert outreach.reachable([]) == []
