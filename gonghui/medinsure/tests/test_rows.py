"""Reading one row: what a bureau's file carries is accepted, what is wrong is named; the fast
paths agree with the shared helpers (core.idnumber, core.dates, core.money)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from gonghui.core import crypto, idnumber
from gonghui.core.imports import RowError
from gonghui.medinsure.models import FIELD_HEADERS, CancerHint
from gonghui.medinsure.rows import RowReader, Sealer, cancer_hint, clean_id_number

GOOD = {
    "serial": "S1",
    "status": "正常",
    "id_number": "330522197510020014",
    "category": "住院",
    "place": "本地",
    "admission": "2022-03-01",
    "discharge": "2022-03-05",
    "total_cost": "1,234.50",
    "self_responsibility": "100",
}


def read(**changes):
    values = {**GOOD, **changes}
    return RowReader({}).read_values(2, {k: v for k, v in values.items() if v is not None})


@pytest.mark.parametrize(
    "raw",
    [
        "330522197510020014",
        " 330522197510020014 ",
        "330522 19751002 0014",
        "３３０５２２１９７５１００２００１４",
        "33052219900308002x",
    ],
)
def test_id_numbers_as_files_carry_them(raw):
    assert clean_id_number(raw) == idnumber.parse(raw).number


@pytest.mark.parametrize(
    "raw",
    ["330522197510020015", "33052219751002001", "", "330522197513020014", "000000197510020011"],
)
def test_bad_id_numbers_give_the_shared_message(raw):
    with pytest.raises(ValidationError) as fast:
        clean_id_number(raw)
    with pytest.raises(ValidationError) as shared:
        idnumber.parse(raw)
    assert fast.value.messages == shared.value.messages


def test_sealer_matches_core_crypto():
    sealer = Sealer()
    assert sealer.hash("330522197510020014") == crypto.lookup_hash("330522197510020014")
    sealed = {sealer.encrypt("330522197510020014") for _ in range(3)}
    assert len(sealed) == 3  # a fresh nonce each time
    assert {crypto.decrypt(token) for token in sealed} == {"330522197510020014"}


@pytest.mark.parametrize(
    ("raw", "day"),
    [
        ("2021-07-09", datetime.date(2021, 7, 9)),
        ("2021/7/9", datetime.date(2021, 7, 9)),
        ("20210709", datetime.date(2021, 7, 9)),
        ("44386", datetime.date(2021, 7, 9)),
        (44386, datetime.date(2021, 7, 9)),
        (datetime.datetime(2021, 7, 9, 0, 0), datetime.date(2021, 7, 9)),
    ],
)
def test_dates_in_every_form(raw, day):
    assert read(discharge=raw, admission="2021-07-01").discharge == day


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"discharge": None}, "出院日期"),
        ({"discharge": "2021-02-29"}, "2021-02-29"),
        ({"admission": "2022-03-09"}, "before"),
        ({"admission": None}, "入院日期"),
        ({"total_cost": "1.2.3"}, "医疗总费用"),
        ({"total_cost": "12.345"}, "two decimals"),
        ({"self_responsibility": "-1"}, "其中自负"),
        ({"status": "退费"}, "结算状态"),
        ({"category": "体检"}, "医疗类别"),
        ({"place": ""}, "就医地"),
        ({"serial": ""}, "结算流水号"),
        ({"status": "冲销"}, "原结算流水号"),
    ],
)
def test_refused_rows_say_why(changes, words, settings):
    settings.LANGUAGE_CODE = "en"
    from django.utils import translation

    with translation.override("en"), pytest.raises(RowError) as refused:
        read(**changes)
    assert words in str(refused.value)


def test_amounts_and_reversals():
    row = read(total_cost="1,234.50", self_responsibility=" 100 ", fund_paid=600.1)
    assert (row.total_cost, row.self_responsibility, row.fund_paid) == (
        Decimal("1234.50"),
        Decimal("100"),
        Decimal("600.1"),
    )
    assert row.self_care == Decimal("0.00")
    reversal = read(status="冲销", original_serial="S0", total_cost="-1,234.50")
    assert reversal.kind == "reversal" and reversal.total_cost == Decimal("-1234.50")


def test_the_reader_follows_the_column_positions():
    names = list(FIELD_HEADERS.values())[::-1]
    positions = {field: names.index(header) for field, header in FIELD_HEADERS.items()}
    cells = [""] * len(names)
    for field, value in GOOD.items():
        cells[positions[field]] = f"  {value} "
    row = RowReader(positions).read(7, cells)
    assert (row.number, row.serial, row.discharge) == (7, "S1", datetime.date(2022, 3, 5))


@pytest.mark.parametrize(
    ("code", "hint"),
    [
        ("C11", CancerHint.MALIGNANT),
        ("C50.9", CancerHint.FEMALE_MALIGNANT),
        ("c58", CancerHint.FEMALE_MALIGNANT),
        ("C59", CancerHint.MALIGNANT),
        ("C97", CancerHint.MALIGNANT),
        ("C98", CancerHint.NONE),
        ("D05.1", CancerHint.IN_SITU),
        ("D10", CancerHint.NONE),
        ("K35.8", CancerHint.NONE),
        ("", CancerHint.NONE),
    ],
)
def test_icd10_hints(code, hint):
    assert cancer_hint(code) == hint


def test_well_formed_numbers_skip_the_slow_check(monkeypatch):
    from gonghui.medinsure import rows

    assert clean_id_number("330522197510020014") == "330522197510020014"  # area cached
    assert clean_id_number("33052219900308002X") == "33052219900308002X"
    monkeypatch.setattr(rows.idnumber, "parse", mock_refuse)
    assert clean_id_number("330522197511020016") == "330522197511020016"
    assert clean_id_number(" 33052219900308002x") == "33052219900308002X"


def mock_refuse(raw):
    raise AssertionError(f"slow path taken for {raw}")
