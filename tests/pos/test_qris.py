import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos.core import qris
from pos.core.errors import QrisInvalid

# A static QRIS of the shape banks hand out (merchant account template 26, MCC, currency 360, ID).
BODY = (
    "000201010211"
    "26570011ID.DANA.WWW011893600915302259148102090225914810303UMI"
    "51440014ID.CO.QRIS.WWW0215ID10211049592540303UMI"
    "5204581253033605802ID5913WARUNG BU SRI6006SLEMAN61055551162070703A01"
)
STATIC = qris.build(qris._split(BODY))


def test_crc16_ccitt_false_check_value():
    assert qris.crc16("123456789") == "29B1"
    assert qris.crc16("") == "FFFF"


def test_parse_static():
    fields = dict(qris.parse(STATIC))
    assert fields["01"] == "11" and fields["53"] == "360" and fields["58"] == "ID"
    assert qris.merchant_name(STATIC) == "WARUNG BU SRI"


def test_dynamic_has_amount_before_58_and_a_valid_crc():
    dynamic = qris.to_dynamic(STATIC, 25_500)
    fields = qris.parse(dynamic)  # CRC checks out
    tags = [t for t, _ in fields]
    assert dict(fields)["01"] == "12"
    assert dict(fields)["54"] == "25500"
    assert tags.index("54") == tags.index("53") + 1 and tags.index("54") < tags.index("58")
    assert dynamic[-8:-4] == "6304" and dynamic[-4:] == qris.crc16(dynamic[:-4])
    assert qris.amount_of(dynamic) == 25_500


def test_old_amount_and_tips_are_replaced_not_duplicated():
    once = qris.to_dynamic(STATIC, 10_000)
    with_tip = qris.build([*qris.parse(once)[:-1][:6], ("55", "02"), *qris.parse(once)[6:-1]])
    again = qris.to_dynamic(with_tip, 7_000)
    tags = [t for t, _ in qris.parse(again)]
    assert tags.count("54") == 1 and "55" not in tags and tags.count("63") == 1
    assert qris.amount_of(again) == 7_000


def test_a_value_that_looks_like_a_tag_is_not_touched():
    # "5802ID" inside the merchant name must not be mistaken for the country field
    odd = qris.build([(t, "TOKO 5802ID" if t == "59" else v) for t, v in qris.parse(STATIC)])
    dynamic = qris.to_dynamic(odd, 1_000)
    assert qris.merchant_name(dynamic) == "TOKO 5802ID"


@pytest.mark.parametrize(
    "payload, why",
    [
        ("", "000201"),
        ("hello", "000201"),
        (STATIC[:-4] + "0000", "CRC salah"),
        (STATIC[:-8], "CRC (63)"),
        (STATIC[:20] + "9" + STATIC[21:], ""),
    ],
)
def test_malformed_qris_is_refused_with_a_reason(payload, why):
    with pytest.raises(QrisInvalid) as err:
        qris.parse(payload)
    assert err.value.text.startswith("Kode QRIS tidak valid") and why in err.value.text


@pytest.mark.parametrize("amount", [0, -5, 1_000_000_001, "1000"])
def test_bad_amounts(amount):
    with pytest.raises(QrisInvalid):
        qris.to_dynamic(STATIC, amount)


def _bitwise_crc(data: bytes) -> str:
    """The CRC written out bit by bit, as EMVCo's QRIS specification describes it."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _bit in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return f"{crc:04X}"


@given(st.text(max_size=300))
def test_crc16_is_the_specifications_crc_for_any_text(text):
    assert qris.crc16(text) == _bitwise_crc(text.encode("utf-8"))


def test_the_settings_service_refuses_a_broken_qris(owner):
    from pos.core import settings

    with pytest.raises(QrisInvalid):
        settings.update({"qris_payload": STATIC[:-4] + "0000"}, user=owner.name)
    assert settings.get("qris_payload") == ""
    settings.update({"qris_payload": STATIC}, user=owner.name)
    assert settings.get("qris_payload") == STATIC
