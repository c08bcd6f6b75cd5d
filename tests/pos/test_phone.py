import pytest

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
