"""Reform simulation on the demo: seed 000's Mr. Cheng at a 55% local rate."""

import io
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import transaction

from gonghui.accounts.models import User
from gonghui.claims.models import GRANTED_STATUSES, Claim
from gonghui.dashboards import reform
from gonghui.medinsure.models import BenefitNotice
from gonghui.medinsure.selectors import standing_unclaimed
from gonghui.mutual_aid.models import ParameterSet, Period


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def admin(demo, db):
    return User.objects.get(username="admin")


@pytest.fixture
def draft(admin):
    period = Period.objects.order_by("-start").first()
    draft = reform.reform_draft_create(actor=admin, period=period, name="本地比例降到55%")
    return reform.reform_draft_update(
        actor=admin, draft=draft, values={"INPATIENT.local_rate": "0.55"}
    )


def cheng_row(simulation):
    return next(row for row in simulation.members if row.member.name == "程先生")


def test_dashboard_reform_mr_cheng_subsidy_falls_from_4601_to_4218(admin, draft):
    simulation = reform.reform_simulate(user=admin, draft=draft)
    row = cheng_row(simulation)
    assert (row.subsidy_now, row.subsidy_draft) == (Decimal("4601"), Decimal("4218"))
    assert (row.total_now, row.total_draft) == (Decimal("9961"), Decimal("9578"))
    assert [(name, new) for name, _now, new in simulation.changed] == [
        ("住院本地就医补助比例", "55%")
    ]


def test_dashboard_reform_totals_are_every_granted_claim_and_waiting_record(admin, draft):
    simulation = reform.reform_simulate(user=admin, draft=draft)
    granted = Claim.objects.filter(
        period=draft.period, status__in=GRANTED_STATUSES, settlement_reversed_at__isnull=True
    )
    waiting = standing_unclaimed(BenefitNotice.objects.filter(period=draft.period, total__gt=0))
    assert waiting.count() >= 2  # the demo member's two benefits to collect
    assert simulation.total_now == sum(claim.amount for claim in granted) + sum(
        notice.total for notice in waiting
    )
    assert sum(row.claims for row in simulation.members) == granted.count()
    assert sum(row.records for row in simulation.members) == waiting.count()
    assert simulation.total_draft < simulation.total_now


def test_dashboard_reform_unchanged_draft_reproduces_every_claim_and_record(admin):
    period = Period.objects.order_by("-start").first()
    same = reform.reform_draft_create(actor=admin, period=period, name="不变")
    simulation = reform.reform_simulate(user=admin, draft=same)
    assert simulation.members and simulation.changed == []
    for row in simulation.members:
        assert (row.total_draft, row.subsidy_draft) == (row.total_now, row.subsidy_now), row


def test_dashboard_reform_page_shows_mr_cheng_line_by_line(admin, draft, client_for):
    page = client_for(admin).get(f"/staff/dashboard/reform/{draft.pk}/").content.decode()
    cheng = cheng_row(reform.reform_simulate(user=admin, draft=draft)).member
    row = page.split(f'data-member="{cheng.pk}"')[1].split("</tr>")[0]
    assert "4,601" in row and "4,218" in row and "9,961" in row and "9,578" in row


def test_dashboard_reform_bad_parameter_is_refused_and_kept_out(admin, draft):
    with pytest.raises(ValidationError):
        reform.reform_draft_update(actor=admin, draft=draft, values={"INPATIENT.local_rate": "1.5"})
    draft.refresh_from_db()
    assert draft.values["INPATIENT.local_rate"] == "0.55"


def test_dashboard_reform_only_the_county_admin(draft, client_for, demo, db):
    reviewer = User.objects.get(username="reviewer")
    with pytest.raises(PermissionDenied):
        reform.reform_draft_create(actor=reviewer, period=draft.period, name="x")
    assert client_for(reviewer).get(f"/staff/dashboard/reform/{draft.pk}/").status_code == 403


def test_dashboard_reform_adopting_a_frozen_period_makes_a_new_version(admin, draft):
    versions = ParameterSet.objects.filter(period=draft.period).count()
    reform.reform_draft_adopt(actor=admin, draft=draft, period=draft.period, reason="测算后通过")
    newest = ParameterSet.objects.filter(period=draft.period).order_by("-version").first()
    assert ParameterSet.objects.filter(period=draft.period).count() == versions + 1
    assert (newest.values["INPATIENT.local_rate"], newest.reason) == ("0.55", "测算后通过")
    draft.refresh_from_db()
    assert draft.adopted_for == draft.period


def test_dashboard_reform_form_takes_70_percent_and_says_what_is_wrong_in_chinese(
    admin, draft, client_for
):
    from gonghui.mutual_aid.parameter_fields import percent_text

    client = client_for(admin)
    url = f"/staff/dashboard/reform/{draft.pk}/"
    form = client.get(url).content.decode()
    assert 'name="INPATIENT.local_rate" value="55"' in form and ">yuan_half_up<" not in form
    # What the form shows, as a clerk would send it back, with the local rate typed "70%".
    shown = {
        name: percent_text(value) if name.endswith("_rate") else value
        for name, value in draft.values.items()
    }
    client.post(url, {**shown, "INPATIENT.local_rate": "70%", "save": "1"})
    draft.refresh_from_db()
    assert draft.values["INPATIENT.local_rate"] == "0.70"
    assert draft.values["INPATIENT.elsewhere_rate"] == "0.50"
    assert '<td class="text-end fw-semibold">70%</td>' in client.get(url).content.decode()
    refused = client.post(url, {**shown, "INPATIENT.local_rate": "0.7", "save": "1"})
    form = refused.content.decode().split('name="save"')[0].split("<form")[-1]
    visible = re.sub(r"<[^>]+>", " ", form)
    assert "60% 写作 60 或 60%" in visible and "INPATIENT" not in visible
    draft.refresh_from_db()
    assert draft.values["INPATIENT.local_rate"] == "0.70"
