from urllib.parse import unquote

import pytest

from db.models import Outreach
from pos.core.errors import InvalidInput
from pos.customers import customer, customer_views, loyalty, outreach


def test_messages_and_links_only_with_consent(owner):
    loyalty.configure_points(
        {"earn_per": 1_000, "point_value": 100, "min_redeem": 20, "expiry_months": 12}, True, owner
    )
    ani = customer.create_customer("0812-5555-1111", "Ani Lestari", wa_consent=True)
    loyalty.adjust(ani.id, 120, "hadiah", owner)
    ani = customer.get(ani.id)
    text = outreach.message("points", ani)
    assert text.startswith("Halo Ani, poin Anda di Warung Uji sekarang 120 (Rp 12.000)")
    link = outreach.link("winback", ani)
    assert link.startswith("https://wa.me/6281255551111?text=") and "kangen" in unquote(link).lower()
    outreach.contacted(ani.id, "winback", owner)
    assert Outreach.select().count() == 1 and outreach.last_contact(ani.id) is not None
    budi = customer.create_customer("0812-5555-2222", "Budi", wa_consent=False)
    with pytest.raises(InvalidInput, match="belum setuju"):
        outreach.link("thanks", budi)


def test_customer_profile(owner):
    from pos.demo.generator import fill

    fill("warung", days=15, seed=2)
    from db.models import Sale

    regular = (
        Sale.select(Sale.customer)
        .where(Sale.customer.is_null(False))
        .group_by(Sale.customer)
        .order_by(Sale.customer)
        .first()
        .customer_id
    )
    p = customer_views.profile(regular)
    assert p.visits >= 1 and p.spend > 0 and p.average == p.spend // p.visits
    assert p.favourites and p.recent and p.last_visit is not None
