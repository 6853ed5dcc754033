import datetime
from decimal import Decimal

import pytest

from gonghui.core.dates import add_months_end, parse_date
from gonghui.core.money import FEN, YUAN, fmt_yuan, percent, round_money, to_decimal


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2021-03-01", datetime.date(2021, 3, 1)),
        ("2021/3/1", datetime.date(2021, 3, 1)),
        ("20210301", datetime.date(2021, 3, 1)),
        ("2021年3月1日", datetime.date(2021, 3, 1)),
        ("2021-03-01 00:00:00", datetime.date(2021, 3, 1)),
        (44256, datetime.date(2021, 3, 1)),
        ("44256", datetime.date(2021, 3, 1)),
    ],
)
def test_parse_date_accepts_what_files_carry(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw", ["", "2021-02-30", "明天", "2021-13-01"])
def test_parse_date_refuses_impossible_dates(raw):
    with pytest.raises(ValueError):
        parse_date(raw)


def test_claim_deadline_is_the_end_of_the_third_month():
    assert add_months_end(datetime.date(2021, 12, 31), 3) == datetime.date(2022, 3, 31)
    assert add_months_end(datetime.date(2019, 6, 30), 3) == datetime.date(2019, 9, 30)
    assert add_months_end(datetime.date(2023, 11, 30), 3) == datetime.date(2024, 2, 29)


def test_round_money_is_half_up_never_to_even():
    assert round_money(Decimal("4601.226"), YUAN) == Decimal("4601")
    assert round_money(Decimal("0.5"), YUAN) == Decimal("1")
    assert round_money(Decimal("2.5"), YUAN) == Decimal("3")
    assert round_money(Decimal("0.005"), FEN) == Decimal("0.01")


def test_to_decimal_reads_thousands_separators_and_refuses_floats():
    assert to_decimal("1,234.50") == Decimal("1234.50")
    assert to_decimal(" 600 ") == Decimal("600")
    with pytest.raises(TypeError):
        to_decimal(0.1)
    with pytest.raises(ValueError):
        to_decimal("abc")


def test_fmt_and_percent():
    assert fmt_yuan(Decimal("7668.71")) == "7,668.71"
    assert fmt_yuan(Decimal("4601")) == "4,601"
    assert percent(2589, 2100) == Decimal("123.3")
    assert percent(1, 0) is None


def test_cell_writes_counts_and_amounts_with_separators():
    from gonghui.core.templatetags.money import cell, yuan

    assert cell(2014) == "2,014" and cell(Decimal("9961.00")) == "9,961"
    assert cell(Decimal("95.4")) == "95.4" and cell(True) is True and cell(None) == "—"
    assert yuan(Decimal("9961")) == "9,961" and yuan(None) == "—"
