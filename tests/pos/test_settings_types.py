"""Every shop setting of a wrong type or out of range is refused in Bahasa Indonesia, and nothing changes."""

from decimal import Decimal

import pytest

from db.models import JournalEntry, Setting
from pos import shop
from pos.core import settings
from pos.core.errors import InvalidInput


def _state():
    return sorted((s.key, repr(s.value)) for s in Setting.select()), JournalEntry.select().count()


@pytest.mark.parametrize(
    ("values", "says"),
    [
        ({"tax_rate": Decimal("11")}, "Tarif pajak harus angka dari 0 sampai di bawah 1"),
        ({"tax_rate": "abc"}, "Tarif pajak harus angka"),
        ({"tax_rate": "NaN"}, "Tarif pajak harus angka"),
        ({"tax_rate": 0.11}, "Tarif pajak harus angka"),
        ({"service_rate": "-0.05"}, "Biaya layanan harus angka"),
        ({"service_rate": None}, "Biaya layanan harus angka"),
        ({"language": ["id"]}, "Pengaturan language harus berupa teks"),
        ({"shop_name": 5}, "Pengaturan shop_name harus berupa teks"),
        ({"shop_phone": 812}, "Pengaturan shop_phone harus berupa teks"),
        ({"negative_stock": "ya"}, "Pengaturan negative_stock harus berupa ya/tidak"),
        ({"food_orders": 1}, "Pengaturan food_orders harus berupa ya/tidak"),
        ({"cash_rounding": True}, "Pengaturan cash_rounding harus berupa bilangan bulat"),
        ({"cash_rounding": Decimal("100")}, "Pengaturan cash_rounding harus berupa bilangan bulat"),
        ({"scale_layout": "20"}, "Format barcode timbangan tidak valid"),
        ({"receipt_footer": b"bytes"}, "Pengaturan receipt_footer harus berupa teks"),
        ({"shop_name": "Warung Baru", "tax_rate": Decimal("11")}, "Tarif pajak"),  # the good one neither
    ],
)
def test_a_wrong_type_is_told_and_changes_nothing(owner, values, says):
    before = _state()
    with pytest.raises(InvalidInput) as err:
        shop.save_settings(values, {}, owner)
    assert says in err.value.text
    assert "Tidak ada yang diubah" in err.value.text or not says.startswith("Pengaturan")
    assert _state() == before
    settings.forget()
    assert settings.get("shop_name") == "Warung Uji"


def test_a_rate_as_a_decimal_is_kept_as_its_text(owner):
    shop.save_settings({"tax_mode": "added", "tax_rate": Decimal("0.11"), "service_rate": "0.05"}, {}, owner)
    assert settings.get("tax_rate") == "0.11"
    assert settings.get("service_rate") == "0.05"
    shop.save_settings({"negative_stock": False, "cash_rounding": 500, "shop_name": "Warung Sri"}, {}, owner)
    assert (settings.get("negative_stock"), settings.get("cash_rounding")) == (False, 500)
