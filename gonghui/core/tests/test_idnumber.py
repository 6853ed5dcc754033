import datetime

import pytest
from django.core.exceptions import ValidationError

from gonghui.core import idnumber, sample


def test_parse_derives_birth_date_and_gender():
    number = sample.id_number(datetime.date(1966, 5, 1), 123)
    parsed = idnumber.parse(number)
    assert parsed.birth_date == datetime.date(1966, 5, 1)
    assert parsed.gender == "male"
    assert idnumber.parse(sample.id_number(datetime.date(1990, 1, 2), 124)).gender == "female"


def test_parse_forgives_spaces_full_width_and_lower_case_x():
    number = next(
        sample.id_number(datetime.date(1975, 3, 9), seq)
        for seq in range(1000)
        if sample.id_number(datetime.date(1975, 3, 9), seq).endswith("X")
    )
    messy = (
        " "
        + number[:6]
        + " "
        + number[6:-1].translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        + "x "
    )
    assert idnumber.parse(messy).number == number


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "id_empty"),
        ("33100419660501123", "id_length"),
        ("331004196605011234", "id_checksum"),
        ("33100419660230123", "id_length"),
    ],
)
def test_parse_refuses_bad_numbers_with_a_reason(raw, code):
    with pytest.raises(ValidationError) as info:
        idnumber.parse(raw)
    assert info.value.code == code


def test_parse_refuses_impossible_birth_date_and_unknown_area():
    feb_30 = "33100419660230123"
    feb_30 += idnumber.ric.calc_check_digit(feb_30 + "0")
    unknown_area = "99999919660501123"
    unknown_area += idnumber.ric.calc_check_digit(unknown_area + "0")
    for number in (feb_30, unknown_area):
        with pytest.raises(ValidationError) as info:
            idnumber.parse(number)
        assert info.value.code == "id_component"


def test_older_worker_with_a_newer_area_code_is_accepted():
    # 路桥区 (331004) exists since 1994; a worker born in 1966 can carry it.
    assert idnumber.parse(sample.id_number(datetime.date(1966, 1, 1), 11)).number.startswith(
        "331004"
    )


def test_mask_hides_the_birth_date():
    assert idnumber.mask("331004196605010235") == "331004********0235"
    assert idnumber.mask_card("6222021234567890123") == "6222***********0123"
