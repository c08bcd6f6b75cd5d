import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos.core import phone
from pos.core.errors import InvalidPhone


@pytest.mark.parametrize(
    "text",
    [
        "081234567890",
        "0812-3456-7890",
        "+62 812 3456 7890",
        "62812 3456 7890",
        "812-3456-7890",
        "(0812) 3456.7890",
    ],
)
def test_every_written_form_is_one_person(text):
    assert phone.normalise(text) == "6281234567890"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "12345",
        "0212345678",
        "08123",
        "0812345678901234",
        "08x2345678",
        "+1 555",
        "٠٨١٢٣٤٥٦٧٨٩٠",
        "0812³456789",
    ],
)
def test_not_a_mobile_number(text):
    with pytest.raises(InvalidPhone) as err:
        phone.normalise(text)
    assert "Nomor HP tidak dikenali" in err.value.text


def test_forms_for_people():
    assert phone.local_form("6281234567890") == "0812-3456-7890"
    assert phone.masked("6281234567890") == "0812****7890"


@pytest.mark.parametrize(
    "text",
    [
        "0812\u20133456\u20137890",  # en dashes, as a phone's notes app writes them
        "0812\u20143456\u20147890",  # em dashes
        "0812\u22123456\u20107890",  # a minus sign and a Unicode hyphen
        "006281234567890",  # the international prefix 00 instead of +
        "0062 812 3456 7890",
        "0062 0812-3456-7890",  # like "+62 0812...": the trunk 0 after the country code is dropped
        "\uff10\uff18\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19\uff10",  # full-width 081234567890
        "\uff0b\uff16\uff12 812\u30003456\u30007890",  # full-width plus, an ideographic space
        "\uff08\uff10\uff18\uff11\uff12\uff09\uff0d3456\uff0d7890",  # full-width brackets and hyphens
    ],
)
def test_dashes_00_and_full_width_digits_are_one_person(text):
    assert phone.normalise(text) == "6281234567890"


@pytest.mark.parametrize(
    "text",
    [
        "00812345678901",  # 00 and no country code: not Indonesian
        "0061 812 3456 7890",  # another country
        "00 62",
        "0812\u20133456\u2013789x",
        "\uff10\uff18\uff11\uff12",  # full-width, too short
        "+0062 812 3456 7890",
        "0812\u2013\u2013",
    ],
)
def test_the_new_forms_still_refuse_garbage(text):
    with pytest.raises(InvalidPhone):
        phone.normalise(text)


@given(st.text(alphabet="0123456789+-\u2013\u2014 ().\uff10\uff18\uff12x", max_size=20))
def test_anything_accepted_is_canonical_and_stable(text):
    """Whatever is accepted comes out as 62 8..., 11 to 14 digits, and reads back the same."""
    try:
        canonical = phone.normalise(text)
    except InvalidPhone:
        return
    assert canonical.isascii() and canonical.isdigit() and canonical.startswith("628")
    assert 11 <= len(canonical) <= 14
    assert phone.normalise(canonical) == canonical
    assert phone.normalise(phone.local_form(canonical)) == canonical
