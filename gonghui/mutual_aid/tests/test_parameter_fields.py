"""Parameters as staff read and type them: rates in percent, choices and errors in Chinese,
no engine code names on the page."""

import re

import pytest
from django import forms

from gonghui.mutual_aid.parameter_fields import RateField, display_value, parameter_field


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("60", "0.60"), ("60%", "0.60"), (" 55.5％ ", "0.555"), ("100", "1.00"), ("0", "0.00")],
)
def test_a_rate_is_typed_as_a_percentage_and_kept_as_a_fraction(typed, stored):
    assert RateField().clean(typed) == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0.6", "60% 写作 60 或 60%"),
        ("150", "0 到 100 之间的百分数"),
        ("六十", "0 到 100 之间的百分数"),
        ("60.125", "最多两位小数"),
    ],
)
def test_a_bad_rate_is_refused_in_chinese(typed, message):
    with pytest.raises(forms.ValidationError) as error:
        RateField().clean(typed)
    assert message in error.value.messages[0]


def test_amounts_take_commas_and_errors_name_no_code():
    field = parameter_field("INPATIENT.subsidy_cap", "35000")
    assert field.clean("36,000") == "36000"
    with pytest.raises(forms.ValidationError) as error:
        field.clean("-1")
    assert error.value.messages == ["应为 0 到 10000000 之间的金额，最多两位小数"]


def test_stored_values_are_shown_as_staff_read_them():
    assert display_value("INPATIENT.local_rate", "0.60") == "60%"
    assert display_value("rounding", "fen_half_up") == "四舍五入到分"
    assert display_value("INPATIENT.subsidy_cap", "35000") == "35,000"
    assert display_value("waiting_days", "90") == "90"


def test_the_parameters_page_shows_labels_percentages_and_no_codes(client_for, staff, period):
    page = client_for(staff.admin).get(f"/staff/mutual-aid/periods/{period.pk}/parameters/")
    html = page.content.decode()
    visible = re.sub(r"<[^>]+>", " ", html)
    assert "INPATIENT.local_rate" not in visible and "yuan_half_up" not in visible
    assert "规则用例中的名称" not in visible
    assert 'name="INPATIENT.local_rate" value="60"' in html and "住院本地就医补助比例（%）" in html
    assert ">四舍五入到元</option>" in html


def test_the_parameters_page_saves_a_percentage(client_for, staff, period):
    from gonghui.mutual_aid.models import ParameterSet
    from gonghui.mutual_aid.rules import Parameters

    values = {**Parameters.defaults().as_mapping(), "INPATIENT.local_rate": "65%"}
    values["INPATIENT.elsewhere_rate"] = "50"
    client_for(staff.admin).post(f"/staff/mutual-aid/periods/{period.pk}/parameters/", values)
    saved = ParameterSet.objects.get(period=period).values
    assert saved["INPATIENT.local_rate"] == "0.65" and saved["INPATIENT.elsewhere_rate"] == "0.50"
