"""Campaign pages: picking by rule, paying, and the Excel distribution list."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gonghui.core.models import AccessLog
from gonghui.hardship.models import Campaign, Tier
from gonghui.hardship.tests.factories import active_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(tree, staff, client_for):
    response = client_for(staff.admin).post(
        reverse("staff:hardship_campaign_create"),
        {
            "name": "两节送温暖",
            "kind": "spring_festival",
            "year": timezone.localdate().year,
            "org": tree.county.pk,
            "budget": "10000",
            "aid_type": "visit",
            "funding_source": "union_funds",
            "default_amount": "2000",
            "rule_tiers": ["deep"],
        },
    )
    assert response.status_code == 302
    return Campaign.objects.get()


def test_hardship_campaign_page_picks_pays_and_reports(tree, staff, client_for, campaign):
    deep = active_file(staff, tree, tier=Tier.DEEP)
    active_file(staff, tree, tier=Tier.RELATIVE)
    assert campaign.rule == {"tiers": ["deep"]}
    client = client_for(staff.admin)
    client.post(reverse("staff:hardship_campaign_select", args=[campaign.pk]))
    recipient = campaign.recipients.get()
    assert recipient.file == deep
    client_for(staff.finance).post(
        reverse("staff:hardship_recipient_pay", args=[recipient.pk]),
        {"given_on": timezone.localdate().isoformat(), "amount": "2000"},
    )
    page = client_for(staff.admin).get(
        reverse("staff:hardship_campaign_detail", args=[campaign.pk])
    )
    assert page.context["totals"]["spent"] == Decimal("2000.00")
    assert page.context["totals"]["left"] == Decimal("8000.00")
    assert page.context["sentence"]
    assert deep.aid.get().campaign == campaign


def test_hardship_campaign_export_is_an_excel_distribution_list(tree, staff, client_for, campaign):
    deep = active_file(staff, tree, tier=Tier.DEEP)
    client = client_for(staff.admin)
    client.post(reverse("staff:hardship_campaign_select", args=[campaign.pk]))
    client.post(
        reverse("staff:hardship_campaign_pay_all", args=[campaign.pk]),
        {"given_on": timezone.localdate().isoformat()},
    )
    response = client.get(reverse("staff:hardship_campaign_export", args=[campaign.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[3][1] == deep.member.name
    assert rows[3][3] == deep.member.id_number_masked  # never the full number
    assert rows[3][6] == 2000 and rows[3][7] == 2000
    assert AccessLog.objects.filter(user=staff.admin, action=AccessLog.Action.EXPORT).count() == 1


def test_hardship_campaign_pages_need_a_campaign_role(tree, staff, client_for, campaign):
    assert (
        client_for(staff.union_a1).get(reverse("staff:hardship_campaign_create")).status_code == 403
    )
    assert (
        client_for(staff.town_b)
        .get(reverse("staff:hardship_campaign_detail", args=[campaign.pk]))
        .status_code
        == 404
    )
