"""Campaigns: recipients by rule then by hand, payments once each, spend and the sentence."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from gonghui.hardship import selectors
from gonghui.hardship.models import (
    AidRecord,
    AidType,
    CampaignKind,
    Cause,
    FamilyMember,
    FundingSource,
    Relation,
    Schooling,
    Tier,
)
from gonghui.hardship.services import campaigns as services
from gonghui.hardship.tests.factories import active_file, applied_file, set_limit, set_standard
from gonghui.orgs.tests.factories import member

pytestmark = pytest.mark.django_db


def _campaign(staff, tree, **fields):
    values = {
        "name": "两节送温暖",
        "kind": CampaignKind.SPRING_FESTIVAL,
        "year": timezone.localdate().year,
        "budget": Decimal("5000"),
        "aid_type": AidType.VISIT,
        "funding_source": FundingSource.UNION_FUNDS,
        "default_amount": Decimal("2000"),
        "rule": {},
        **fields,
    }
    return services.campaign_create(actor=staff.admin, org=tree.county, **values)


def test_hardship_campaign_selects_by_rule_and_is_edited_by_hand(tree, staff):
    deep = active_file(staff, tree, tier=Tier.DEEP)
    relative = active_file(staff, tree, tier=Tier.RELATIVE, main_cause=Cause.SCHOOLING)
    FamilyMember.objects.create(
        file=relative, relation=Relation.CHILD, name="王小明", age=13, schooling=Schooling.JUNIOR
    )
    applied_file(staff, tree)  # not active: never picked
    autumn = _campaign(
        staff,
        tree,
        name="金秋助学",
        kind=CampaignKind.AUTUMN_SCHOOLING,
        aid_type=AidType.SCHOOLING,
        rule={"child_in_school": True},
    )
    assert services.campaign_recipients_select(actor=staff.admin, campaign=autumn) == 1
    assert list(autumn.recipients.values_list("file", flat=True)) == [relative.pk]
    assert services.campaign_recipients_select(actor=staff.admin, campaign=autumn) == 0
    services.campaign_recipient_add(
        actor=staff.admin, campaign=autumn, file=deep, planned_amount=Decimal("1500")
    )
    with pytest.raises(ValidationError):
        services.campaign_recipient_add(actor=staff.admin, campaign=autumn, file=deep)
    hand = autumn.recipients.get(file=deep)
    assert (hand.by_rule, hand.planned_amount) == (False, Decimal("1500.00"))
    services.campaign_recipient_remove(actor=staff.admin, recipient=hand)
    assert autumn.recipients.count() == 1


def test_hardship_campaign_pays_each_recipient_once_and_counts_against_budget(tree, staff):
    files = [active_file(staff, tree, tier=Tier.DEEP) for _ in range(2)]
    files.append(active_file(staff, tree, tier=Tier.RELATIVE))
    campaign = _campaign(staff, tree, rule={"tiers": [Tier.DEEP, Tier.RELATIVE]})
    services.campaign_recipients_select(actor=staff.admin, campaign=campaign)
    first = campaign.recipients.get(file=files[0])
    record = services.campaign_recipient_pay(
        actor=staff.finance, recipient=first, given_on=timezone.localdate()
    )
    assert (record.campaign, record.recipient, record.amount) == (campaign, first, Decimal("2000"))
    with pytest.raises(ValidationError) as error:
        services.campaign_recipient_pay(
            actor=staff.finance, recipient=first, given_on=timezone.localdate()
        )
    assert error.value.code == "paid"
    with pytest.raises(IntegrityError), transaction.atomic():
        AidRecord.objects.create(
            member=files[0].member,
            file=files[0],
            aid_type=AidType.VISIT,
            amount=Decimal("1"),
            given_on=timezone.localdate(),
            funding_source=FundingSource.UNION_FUNDS,
            approved_by=staff.finance,
            campaign=campaign,
            recipient=first,
        )
    with pytest.raises(ValidationError):
        services.campaign_recipient_remove(actor=staff.admin, recipient=first)
    paid, held = services.campaign_pay_all(
        actor=staff.finance, campaign=campaign, given_on=timezone.localdate()
    )
    assert (paid, held) == (2, [])
    totals = selectors.campaign_totals(campaign)
    assert totals["spent"] == Decimal("6000.00")
    assert totals["left"] == Decimal("-1000.00")
    assert totals["over_budget"] and totals["spent_percent"] == Decimal("120.0")
    with translation.override("en"):
        sentence = selectors.campaign_sentence(campaign)
    assert sentence == (
        f"{campaign.year} 两节送温暖: 测试县总工会 gave cash worth 6,000 yuan in all to "
        "2 workers in deep hardship, 1 family in relative hardship."
    )


def test_hardship_campaign_pay_all_holds_back_recipients_above_a_limit(tree, staff):
    set_standard(staff, tree, Decimal("1000"))
    set_limit(Tier.DEEP, AidType.VISIT, amount=Decimal("1000"))
    file = active_file(staff, tree, tier=Tier.DEEP)
    campaign = _campaign(staff, tree)
    services.campaign_recipients_select(actor=staff.admin, campaign=campaign)
    paid, held = services.campaign_pay_all(
        actor=staff.finance, campaign=campaign, given_on=timezone.localdate()
    )
    assert paid == 0
    assert [recipient.file for recipient, _reason in held] == [file]
    assert not AidRecord.objects.exists()
    recipient = campaign.recipients.get()
    record = services.campaign_recipient_pay(
        actor=staff.finance,
        recipient=recipient,
        given_on=timezone.localdate(),
        over_limit_reason="春节特困慰问，经主席办公会同意",
    )
    assert record.over_limit


def test_hardship_campaigns_belong_to_the_organiser_subtree(tree, staff):
    other = member(tree.union_b1)
    b_file = active_file(staff, tree, worker=other)
    campaign = services.campaign_create(
        actor=staff.town_a,
        org=tree.town_a,
        name="三八慰问",
        kind=CampaignKind.WOMENS_DAY,
        year=timezone.localdate().year,
        budget=Decimal("1000"),
        aid_type=AidType.VISIT,
        funding_source=FundingSource.UNION_FUNDS,
        default_amount=Decimal("300"),
        rule={},
    )
    assert services.campaign_recipients_select(actor=staff.town_a, campaign=campaign) == 0
    with pytest.raises(ValidationError):
        services.campaign_recipient_add(actor=staff.town_a, campaign=campaign, file=b_file)
    with pytest.raises(PermissionDenied):
        services.campaign_recipients_select(actor=staff.town_b, campaign=campaign)
    with pytest.raises(PermissionDenied):
        services.campaign_create(
            actor=staff.union_a1,
            org=tree.union_a1,
            name="x",
            kind=CampaignKind.OTHER,
            year=2026,
            budget=1,
            aid_type=AidType.VISIT,
            funding_source=FundingSource.OTHER,
            default_amount=1,
        )
