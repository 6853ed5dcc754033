"""Member-wide distributions (夏送清凉 to outdoor workers, 两节慰问 beyond the hardship files) on
the campaign machinery: members picked by group, added by hand, each gift recorded once on the
member, the budget and the sentence, the pages, the Excel list and the API."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gonghui.activities.models import MemberTag, Tag
from gonghui.hardship import selectors
from gonghui.hardship.models import (
    AidRecord,
    AidType,
    Audience,
    Campaign,
    CampaignKind,
    FundingSource,
)
from gonghui.hardship.services import campaigns as services
from gonghui.hardship.tests.factories import active_file
from gonghui.mutual_aid.tests.factories import member_user
from gonghui.orgs.models import MemberStatus
from gonghui.orgs.tests.factories import member

pytestmark = pytest.mark.django_db

GIFT = "防暑降温礼包"


def _outdoor(union, **fields):
    worker = member(union, **fields)
    MemberTag.objects.create(member=worker, tag=Tag.OUTDOOR)
    return worker


def _summer(staff, org, **fields):
    values = {
        "name": "夏送清凉",
        "kind": CampaignKind.SUMMER_COOLING,
        "year": timezone.localdate().year,
        "budget": Decimal("500"),
        "aid_type": AidType.VISIT,
        "funding_source": FundingSource.UNION_FUNDS,
        "default_amount": Decimal("120"),
        "goods": GIFT,
        "audience": Audience.MEMBERS,
        "rule": {"groups": [Tag.OUTDOOR]},
        **fields,
    }
    return services.campaign_create(actor=staff.admin, org=org, **values)


def test_member_wide_campaign_picks_the_group_under_the_federation_only(tree, staff):
    picked = [_outdoor(tree.union_a1), _outdoor(tree.union_b1, female=True)]
    member(tree.union_a1)  # not outdoor
    left = _outdoor(tree.union_a2)
    left.status = MemberStatus.LEFT
    left.save()
    campaign = _summer(staff, tree.county)
    assert services.campaign_recipients_select(actor=staff.admin, campaign=campaign) == 2
    assert set(campaign.recipients.values_list("member", flat=True)) == {m.pk for m in picked}
    assert not campaign.recipients.filter(file__isnull=False).exists()
    assert services.campaign_recipients_select(actor=staff.admin, campaign=campaign) == 0
    women = _summer(staff, tree.county, rule={"groups": [Tag.OUTDOOR], "female_worker": True})
    services.campaign_recipients_select(actor=staff.admin, campaign=women)
    assert list(women.recipients.values_list("member", flat=True)) == [picked[1].pk]
    town = _summer(staff, tree.town_a)
    services.campaign_recipients_select(actor=staff.admin, campaign=town)
    assert list(town.recipients.values_list("member", flat=True)) == [picked[0].pk]


def test_member_wide_campaign_without_groups_reaches_every_active_member(tree, staff):
    everyone = [member(tree.union_a1), member(tree.union_b1)]
    holder = active_file(staff, tree)  # a file holder is a member too, reached as a member
    campaign = _summer(staff, tree.county, rule={}, name="两节慰问全体会员")
    added = services.campaign_recipients_select(actor=staff.admin, campaign=campaign)
    members = set(campaign.recipients.values_list("member", flat=True))
    assert {m.pk for m in everyone} | {holder.member_id} <= members
    assert added == len(members)
    assert selectors.rule_description(campaign.rule, campaign.audience) == ["全体在册会员"]


def test_member_wide_gift_is_recorded_once_on_the_member_and_counts_against_budget(tree, staff):
    workers = [_outdoor(tree.union_a1) for _ in range(3)]
    campaign = _summer(staff, tree.county)
    services.campaign_recipients_select(actor=staff.admin, campaign=campaign)
    first = campaign.recipients.get(member=workers[0])
    today = timezone.localdate()
    record = services.campaign_recipient_pay(actor=staff.finance, recipient=first, given_on=today)
    assert (record.member, record.file, record.goods) == (workers[0], None, GIFT)
    assert (record.amount, record.goods_value) == (Decimal("0.00"), Decimal("120.00"))
    with pytest.raises(ValidationError, match="已领取"):
        services.campaign_recipient_pay(actor=staff.finance, recipient=first, given_on=today)
    paid, held = services.campaign_pay_all(actor=staff.finance, campaign=campaign, given_on=today)
    assert (paid, held) == (2, [])
    totals = selectors.campaign_totals(campaign)
    assert (totals["paid_count"], totals["goods"], totals["left"]) == (
        3,
        Decimal("360.00"),
        Decimal("140.00"),
    )
    assert AidRecord.objects.filter(campaign=campaign, file__isnull=True).count() == 3
    assert selectors.campaign_sentence(campaign) == (
        f"{today.year}年夏送清凉：测试县总工会为3名职工送去慰问品共计360元。"
    )
    # a gift received stays on the list
    with pytest.raises(ValidationError):
        services.campaign_recipient_remove(actor=staff.admin, recipient=first)


def test_member_wide_gift_is_not_given_to_a_member_who_left(tree, staff):
    worker = _outdoor(tree.union_a1)
    campaign = _summer(staff, tree.county)
    services.campaign_recipients_select(actor=staff.admin, campaign=campaign)
    worker.status = MemberStatus.LEFT
    worker.save()
    paid, held = services.campaign_pay_all(
        actor=staff.finance, campaign=campaign, given_on=timezone.localdate()
    )
    assert paid == 0 and "已不是" in held[0][1]
    assert not AidRecord.objects.filter(campaign=campaign).exists()


def test_member_wide_list_takes_members_by_hand_within_the_federation(tree, staff):
    campaign = _summer(staff, tree.town_a)
    mine, elsewhere = member(tree.union_a2), member(tree.union_b1)
    services.campaign_recipient_add(
        actor=staff.admin, campaign=campaign, member=mine, planned_amount="80"
    )
    hand = campaign.recipients.get()
    assert (hand.member, hand.file, hand.by_rule, hand.planned_amount) == (
        mine,
        None,
        False,
        Decimal("80.00"),
    )
    with pytest.raises(ValidationError, match="已在名单"):
        services.campaign_recipient_add(actor=staff.admin, campaign=campaign, member=mine)
    with pytest.raises(ValidationError, match="甲镇总工会"):
        services.campaign_recipient_add(actor=staff.admin, campaign=campaign, member=elsewhere)
    assert campaign.recipients.count() == 1


def test_who_the_recipients_are_cannot_change_once_listed(tree, staff):
    campaign = _summer(staff, tree.county)
    _outdoor(tree.union_a1)
    services.campaign_recipients_select(actor=staff.admin, campaign=campaign)
    with pytest.raises(ValidationError, match="不能再更改"):
        services.campaign_update(actor=staff.admin, campaign=campaign, audience=Audience.FILES)
    assert Campaign.objects.get(pk=campaign.pk).audience == Audience.MEMBERS


def test_aid_without_a_file_must_come_from_a_campaign_list(tree, staff):
    with pytest.raises(IntegrityError), transaction.atomic():
        AidRecord.objects.create(
            member=member(tree.union_a1),
            aid_type=AidType.VISIT,
            goods=GIFT,
            given_on=timezone.localdate(),
            funding_source=FundingSource.UNION_FUNDS,
            approved_by=staff.admin,
        )


def test_member_wide_gifts_stay_out_of_the_hardship_aid_figures(tree, staff):
    campaign = _summer(staff, tree.county)
    _outdoor(tree.union_a1)
    services.campaign_recipients_select(actor=staff.admin, campaign=campaign)
    services.campaign_pay_all(actor=staff.finance, campaign=campaign, given_on=timezone.localdate())
    assert AidRecord.objects.filter(campaign=campaign).count() == 1
    visits = selectors.summary_figures(staff.admin, timezone.localdate().year)["aid_by_type"]
    assert next(row for row in visits if row["value"] == AidType.VISIT)["n"] == 0


def test_the_member_sees_the_gift_on_the_phone(tree, staff, client_for):
    worker = _outdoor(tree.union_a1)
    campaign = _summer(staff, tree.county)
    services.campaign_recipients_select(actor=staff.admin, campaign=campaign)
    account = member_user(worker)
    home = client_for(account).get(reverse("hardship_portal:home"))
    assert 'data-testid="gifts"' not in home.content.decode()
    services.campaign_pay_all(actor=staff.finance, campaign=campaign, given_on=timezone.localdate())
    phone = client_for(account)
    assert 'data-testid="gifts"' in phone.get(reverse("hardship_portal:home")).content.decode()
    page = phone.get(reverse("hardship_portal:aid")).content.decode()
    assert "夏送清凉" in page and GIFT in page
    other = member(tree.union_a1)
    assert (
        GIFT
        not in client_for(member_user(other)).get(reverse("hardship_portal:aid")).content.decode()
    )


def test_member_wide_campaign_pages_and_excel_list(tree, staff, client_for):
    worker = _outdoor(tree.union_a1, name="户外李师傅")
    extra = member(tree.union_a1, name="门卫张师傅")
    admin = client_for(staff.admin)
    response = admin.post(
        reverse("staff:hardship_campaign_create"),
        {
            "name": "夏送清凉",
            "kind": "summer_cooling",
            "year": timezone.localdate().year,
            "org": tree.county.pk,
            "budget": "1000",
            "aid_type": "visit",
            "funding_source": "union_funds",
            "default_amount": "120",
            "goods": GIFT,
            "audience": "members",
            "rule_groups": ["outdoor"],
            "rule_tiers": ["deep"],  # a file condition: not kept on a member-wide list
        },
    )
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert (campaign.audience, campaign.rule) == ("members", {"groups": ["outdoor"]})
    admin.post(reverse("staff:hardship_campaign_select", args=[campaign.pk]))
    admin.post(
        reverse("staff:hardship_recipient_add", args=[campaign.pk]),
        {"member": f"门卫张师傅 {extra.id_number[-4:]}"},
    )
    refused = admin.post(
        reverse("staff:hardship_recipient_add", args=[campaign.pk]),
        {"member": "没有这个人"},
        follow=True,
    )
    assert "本活动范围内没有找到这位在册会员" in refused.content.decode()
    assert set(campaign.recipients.values_list("member", flat=True)) == {worker.pk, extra.pk}
    page = admin.get(reverse("staff:hardship_campaign_detail", args=[campaign.pk]))
    text = page.content.decode()
    assert "户外李师傅" in text and "门卫张师傅" in text and "全部 2 人登记发放" in text
    assert page.context["rule"] == ["会员群体：户外劳动者"]
    client_for(staff.finance).post(
        reverse("staff:hardship_campaign_pay_all", args=[campaign.pk]),
        {"given_on": timezone.localdate().isoformat()},
    )
    export = admin.get(reverse("staff:hardship_campaign_export", args=[campaign.pk]))
    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = {row[1]: row for row in sheet.iter_rows(min_row=4, values_only=True) if row[0]}
    assert rows["户外李师傅"][4] in (None, "")  # no tier: not a hardship file
    assert rows["户外李师傅"][9] == 120 and rows["户外李师傅"][8] == GIFT
    assert rows["门卫张师傅"][3] == extra.id_number[:6] + "********" + extra.id_number[-4:]


def test_member_wide_campaign_through_the_api(tree, staff, client_for):
    worker = _outdoor(tree.union_a1)
    api = client_for(staff.admin)
    created = api.post(
        "/api/hardship/campaigns/",
        {
            "name": "夏送清凉",
            "kind": "summer_cooling",
            "year": timezone.localdate().year,
            "org": tree.county.pk,
            "budget": "1000",
            "aid_type": "visit",
            "funding_source": "union_funds",
            "default_amount": "120",
            "goods": GIFT,
            "audience": "members",
            "rule": {"groups": ["outdoor"]},
        },
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["audience"] == "members"
    pk = created.json()["id"]
    assert api.post(f"/api/hardship/campaigns/{pk}/select/").json() == {"added": 1}
    other = member(tree.union_b1)
    added = api.post(
        f"/api/hardship/campaigns/{pk}/add-recipient/",
        {"member": other.pk},
        content_type="application/json",
    )
    assert added.status_code == 201 and added.json()["tier"] is None
    missing = api.post(
        f"/api/hardship/campaigns/{pk}/add-recipient/", {}, content_type="application/json"
    )
    assert missing.status_code == 400 and "member" in missing.json()
    listed = api.get(f"/api/hardship/campaigns/{pk}/recipients/").json()["results"]
    assert {row["member"] for row in listed} == {worker.pk, other.pk}
    recipient = next(row["id"] for row in listed if row["member"] == worker.pk)
    paid = api.post(
        f"/api/hardship/campaigns/{pk}/pay/",
        {"recipient": recipient, "given_on": timezone.localdate().isoformat()},
        content_type="application/json",
    )
    assert paid.status_code == 201 and paid.json()["file"] is None
    again = api.post(
        f"/api/hardship/campaigns/{pk}/pay/",
        {"recipient": recipient, "given_on": timezone.localdate().isoformat()},
        content_type="application/json",
    )
    assert again.status_code == 400


def test_another_town_neither_sees_nor_lists_a_town_campaign(tree, staff, client_for):
    campaign = _summer(staff, tree.town_a)
    _outdoor(tree.union_a1)
    services.campaign_recipients_select(actor=staff.admin, campaign=campaign)
    other = client_for(staff.town_b)
    assert (
        other.get(reverse("staff:hardship_campaign_detail", args=[campaign.pk])).status_code == 404
    )
    assert other.get(f"/api/hardship/campaigns/{campaign.pk}/recipients/").status_code == 404
