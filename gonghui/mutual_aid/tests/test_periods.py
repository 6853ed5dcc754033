"""Periods: create_period, the status workflow, contributions, parameters and their
versions, disease lists, and the pages that configure them."""

import datetime
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from gonghui.mutual_aid import services
from gonghui.mutual_aid.models import (
    Disease,
    DiseaseCategory,
    ParameterSet,
    Period,
    PeriodEvent,
    PeriodStatus,
    Plan,
    PlanOffer,
)
from gonghui.mutual_aid.rules import PARAMETERS, Parameters
from gonghui.mutual_aid.tests.factories import enroll, make_period
from gonghui.orgs.tests.factories import member


def create_period(*args):
    out = io.StringIO()
    try:
        call_command("create_period", *args, stdout=out)
    except SystemExit as exc:
        return exc.code, out.getvalue().strip().splitlines()
    return 0, out.getvalue().strip().splitlines()


def test_create_period_command(tree):
    code, lines = create_period(
        "--federation", "T", "--code", "T2021", "--start", "2021-01-01", "--end", "2021/12/31",
        "--plans", "INPATIENT,CRITICAL", "--contribution", "50",
    )  # fmt: skip

    assert code == 0
    assert json.loads(lines[-1]) == {"period": "T2021", "plans": ["INPATIENT", "CRITICAL"]}
    period = Period.objects.get(code="T2021")
    assert period.scheme.federation == tree.county
    assert (period.number, period.start, period.end) == (
        1,
        datetime.date(2021, 1, 1),
        datetime.date(2021, 12, 31),
    )
    assert period.claim_deadline == datetime.date(2022, 3, 31)  # end + 3 months
    assert period.enrollment_opens == datetime.date(2020, 11, 1)
    assert period.status == PeriodStatus.ENROLLING
    assert dict(period.plans.values_list("plan", "contribution")) == {
        "INPATIENT": 50,
        "CRITICAL": 50,
    }
    parameters = ParameterSet.objects.get(period=period)
    assert parameters.version == 1
    assert parameters.values == Parameters.defaults().as_mapping()
    assert set(parameters.values) == set(PARAMETERS)
    counts = {c: period.diseases.filter(category=c).count() for c in DiseaseCategory.values}
    assert counts == {"severe": 28, "mild": 3, "female": 7}
    assert period.diseases.get(category="female", name="乳腺癌").icd10 == "C50"
    assert [e.new_status for e in period.events.all()] == ["draft", "enrolling"]


def test_create_period_defaults_to_all_plans_and_refuses_reuse(tree):
    create_period(
        "--federation", "T", "--code", "A", "--start", "2021-01-01", "--end", "2021-12-31"
    )
    assert set(Period.objects.get(code="A").plans.values_list("plan", flat=True)) == set(
        Plan.values
    )
    code, lines = create_period(
        "--federation", "T", "--code", "A", "--start", "2022-01-01", "--end", "2022-12-31"
    )
    assert code == 1
    assert json.loads(lines[-1]) == {"period": None, "plans": []}
    assert "已被使用" in lines[0]
    code, lines = create_period(
        "--federation", "T", "--code", "B", "--start", "2021-06-01", "--end", "2022-05-31"
    )
    assert code == 1 and "重叠" in lines[0]


@pytest.mark.parametrize(
    "args",
    [
        ["--federation", "NOPE", "--code", "X", "--start", "2021-01-01", "--end", "2021-12-31"],
        ["--federation", "T", "--code", "X", "--start", "someday", "--end", "2021-12-31"],
        ["--federation", "T", "--code", "X", "--start", "2021-01-01", "--end", "2021-12-31",
         "--plans", "DENTAL"],
    ],
)  # fmt: skip
def test_create_period_bad_arguments_exit_2(tree, args):
    with pytest.raises(CommandError) as exc:
        call_command("create_period", *args, stdout=io.StringIO())
    assert exc.value.returncode == 2
    assert not Period.objects.exists()


def test_status_moves_only_along_the_table_with_event_rows(tree, staff):
    period = make_period(tree.county, status=PeriodStatus.DRAFT)
    with pytest.raises(ValidationError):
        services.period_transition(actor=staff.admin, period=period, to=PeriodStatus.ACTIVE)
    for status in (PeriodStatus.ENROLLING, PeriodStatus.ACTIVE, PeriodStatus.CLOSED):
        services.period_transition(actor=staff.admin, period=period, to=status, note="ok")
    period.refresh_from_db()
    assert period.status == PeriodStatus.CLOSED
    moves = list(PeriodEvent.objects.filter(period=period).values_list("old_status", "new_status"))
    assert moves == [
        ("", "draft"),
        ("draft", "enrolling"),
        ("enrolling", "active"),
        ("active", "closed"),
    ]
    assert PeriodEvent.objects.filter(period=period, actor=staff.admin).count() == 3
    with pytest.raises(ValidationError):
        services.period_transition(actor=staff.admin, period=period, to=PeriodStatus.ENROLLING)


def test_only_county_admins_configure(tree, staff, period):
    for user in (staff.union_a1, staff.town_a, staff.finance, staff.reviewer):
        with pytest.raises(PermissionDenied):
            services.period_transition(actor=user, period=period, to=PeriodStatus.ACTIVE)
        with pytest.raises(PermissionDenied):
            services.parameters_update(actor=user, period=period, values={"waiting_days": "60"})


def test_parameters_edited_in_place_until_frozen_then_new_version_with_reason(period, staff):
    saved = services.parameters_update(
        actor=staff.admin, period=period, values={"INPATIENT.local_rate": "0.55"}
    )
    assert saved.version == 1
    assert (
        saved.values["INPATIENT.local_rate"]
        == Parameters.from_mapping({"INPATIENT.local_rate": "0.55"}).as_mapping()[
            "INPATIENT.local_rate"
        ]
    )

    frozen = services.parameters_freeze(actor=None, period=period)
    assert frozen.frozen_at is not None
    assert services.parameters_freeze(actor=None, period=period).frozen_at == frozen.frozen_at

    with pytest.raises(ValidationError) as exc:
        services.parameters_update(actor=staff.admin, period=period, values={"waiting_days": "60"})
    assert exc.value.code == "reason_required"
    new = services.parameters_update(
        actor=staff.admin, period=period, values={"waiting_days": "60"}, reason="理事会决议"
    )
    assert new.version == 2 and new.frozen_at is None and new.reason == "理事会决议"
    old = ParameterSet.objects.get(period=period, version=1)
    assert old.values["waiting_days"] == "90"  # computations keep the version they used
    assert new.values["waiting_days"] == "60"
    assert new.label == "T2021-v2"


def test_bad_parameter_values_are_refused_with_the_engines_message(period, staff):
    with pytest.raises(ValidationError) as exc:
        services.parameters_update(actor=staff.admin, period=period, values={"rounding": "up"})
    assert exc.value.messages
    with pytest.raises(ValidationError):
        services.parameters_update(actor=staff.admin, period=period, values={"nonsense": "1"})
    assert ParameterSet.objects.get(period=period).values == Parameters.defaults().as_mapping()


def test_claim_deadline_follows_its_parameter(period, staff):
    services.parameters_update(
        actor=staff.admin, period=period, values={"claim_deadline_months": "6"}
    )
    period.refresh_from_db()
    assert period.claim_deadline == datetime.date(2022, 6, 30)


def test_contribution_fixed_once_someone_is_enrolled(period, staff, tree):
    services.plan_offer_save(actor=staff.admin, period=period, plan=Plan.CRITICAL, contribution=35)
    assert PlanOffer.objects.get(period=period, plan=Plan.CRITICAL).contribution == 35
    enroll(period, [member(tree.union_a1)], plans=[Plan.CRITICAL])
    with pytest.raises(ValidationError):
        services.plan_offer_save(
            actor=staff.admin, period=period, plan=Plan.CRITICAL, contribution=40
        )
    with pytest.raises(ValidationError):
        services.plan_offer_save(actor=staff.admin, period=period, plan=Plan.FEMALE, contribution=0)


def test_disease_lists_are_editable_per_period(period, staff, tree):
    other = make_period(
        tree.county,
        code="T2022",
        start=datetime.date(2022, 1, 1),
        end=datetime.date(2022, 12, 31),
    )
    added = services.disease_save(
        actor=staff.admin, period=period, category="female", name="原发性腹膜癌", icd10="c48.2"
    )
    assert added.icd10 == "C48.2" and added.position == 8
    with pytest.raises(ValidationError):
        services.disease_save(actor=staff.admin, period=period, category="female", name="乳腺癌")
    services.disease_delete(actor=staff.admin, disease=period.diseases.get(name="外阴癌"))
    assert period.diseases.filter(category="female").count() == 7
    assert other.diseases.filter(category="female").count() == 7
    assert not other.diseases.filter(name="原发性腹膜癌").exists()
    assert Disease.objects.filter(name="外阴癌").count() == 1


def test_admin_pages_create_and_configure_a_period(client_for, staff, tree):
    client = client_for(staff.admin)
    response = client.post(
        "/staff/mutual-aid/periods/new/",
        {
            "code": "T2027",
            "start": "2027-01-01",
            "end": "2027-12-31",
            "min_share": "80",
            "contribution_INPATIENT": "50",
            "contribution_CRITICAL": "30",
        },
    )
    period = Period.objects.get(code="T2027")
    assert response.status_code == 302
    assert period.min_share == 80 and period.status == PeriodStatus.DRAFT
    assert set(period.plans.values_list("plan", flat=True)) == {"INPATIENT", "CRITICAL"}

    page = client.get(f"/staff/mutual-aid/periods/{period.pk}/").content.decode()
    assert "2028年3月31日" in page and "草稿" in page

    client.post(f"/staff/mutual-aid/periods/{period.pk}/transition/", {"to": "enrolling"})
    period.refresh_from_db()
    assert period.status == PeriodStatus.ENROLLING

    values = {name: value for name, value in Parameters.defaults().as_mapping().items()}
    # Rates are typed as percentages on the page.
    values["INPATIENT.local_rate"] = "60"
    values["INPATIENT.elsewhere_rate"] = "45%"
    client.post(f"/staff/mutual-aid/periods/{period.pk}/parameters/", values)
    assert (
        ParameterSet.objects.get(period=period).values["INPATIENT.elsewhere_rate"]
        == (
            Parameters.from_mapping({"INPATIENT.elsewhere_rate": "0.45"}).as_mapping()[
                "INPATIENT.elsewhere_rate"
            ]
        )
    )

    client.post(
        f"/staff/mutual-aid/periods/{period.pk}/targets/", {f"union_{tree.union_a1.pk}": "120"}
    )
    assert period.targets.get(union=tree.union_a1).target == 120


def test_union_staff_cannot_open_configuration_pages(client_for, staff, period):
    client = client_for(staff.union_a1)
    assert client.get(f"/staff/mutual-aid/periods/{period.pk}/").status_code == 200
    for path in ("edit/", "targets/"):
        assert client.get(f"/staff/mutual-aid/periods/{period.pk}/{path}").status_code == 403
    response = client.post(
        f"/staff/mutual-aid/periods/{period.pk}/parameters/", {"waiting_days": "1"}
    )
    assert response.status_code == 403
    assert client.get("/staff/mutual-aid/periods/new/").status_code == 403


def test_period_tabs_offer_enrollment_only_to_those_who_enroll(client_for, staff, period):
    url = f"/staff/mutual-aid/periods/{period.pk}/"
    assert f"{url}enroll/" in client_for(staff.union_a1).get(url).content.decode()
    finance_page = client_for(staff.finance).get(url).content.decode()
    assert f"{url}enroll/" not in finance_page and f"{url}payments/" in finance_page
    assert client_for(staff.finance).get(f"{url}enroll/").status_code == 403
