"""Seasonal campaigns: recipients chosen by rule then by hand, and what each received.

One machinery for both kinds of list: hardship files (两节送温暖, 金秋助学) and member-wide
distributions (夏送清凉 to outdoor workers, 两节慰问 beyond the files), whose recipients are
members without a file and whose gifts are aid records on the member alone."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gonghui.hardship import access, rules, selectors
from gonghui.hardship.models import (
    AidRecord,
    Audience,
    Campaign,
    CampaignRecipient,
    HardshipFile,
)
from gonghui.hardship.services.aid import aid_record_create
from gonghui.hardship.services.common import money, not_in_future
from gonghui.orgs.models import FEDERATION_KINDS, Member
from gonghui.orgs.selectors import orgs_visible_to

CAMPAIGN_FIELDS = (
    "name",
    "kind",
    "year",
    "budget",
    "aid_type",
    "funding_source",
    "default_amount",
    "goods",
    "rule",
    "audience",
)


def _check_campaign(actor, campaign: Campaign) -> None:
    if not access.can_manage_campaigns(actor):
        raise PermissionDenied(_("Your role may not run campaigns."))
    if not selectors.campaigns_visible_to(actor).filter(pk=campaign.pk).exists():
        raise PermissionDenied(_("This campaign belongs to another organisation."))


def _clean_campaign(fields: dict) -> dict:
    cleaned = {name: fields[name] for name in CAMPAIGN_FIELDS if name in fields}
    if "name" in cleaned and not cleaned["name"].strip():
        raise ValidationError(_("The name is empty."), code="name")
    if "audience" in cleaned and cleaned["audience"] not in Audience.values:
        raise ValidationError(_("Choose who the recipients are."), code="audience")
    for name in ("budget", "default_amount"):
        if name in cleaned:
            cleaned[name] = money(cleaned[name], Campaign._meta.get_field(name).verbose_name)
    return cleaned


@transaction.atomic
def campaign_create(*, actor, org, **fields) -> Campaign:
    if not access.can_manage_campaigns(actor):
        raise PermissionDenied(_("Your role may not run campaigns."))
    if org.kind not in FEDERATION_KINDS or not orgs_visible_to(actor).filter(pk=org.pk).exists():
        raise PermissionDenied(_("A campaign is run by a federation in your own area."))
    return Campaign.objects.create(org=org, created_by=actor, **_clean_campaign(fields))


@transaction.atomic
def campaign_update(*, actor, campaign: Campaign, **fields) -> Campaign:
    _check_campaign(actor, campaign)
    cleaned = _clean_campaign(fields)
    if cleaned.get("audience", campaign.audience) != campaign.audience and (
        campaign.recipients.exists()
    ):
        raise ValidationError(
            _("The list has recipients: who the recipients are can no longer change."),
            code="audience",
        )
    for name, value in cleaned.items():
        setattr(campaign, name, value)
    campaign.save(update_fields=list(cleaned))
    return campaign


@transaction.atomic
def campaign_recipients_select(*, actor, campaign: Campaign) -> int:
    """Add every active file (or, member-wide, every active member) under the organising
    federation that the rule matches; those already on the list stay as they are. Returns
    how many were added."""
    _check_campaign(actor, campaign)
    if campaign.audience == Audience.MEMBERS:
        members = selectors.campaign_member_matches(campaign).exclude(
            pk__in=campaign.recipients.values("member_id")
        )
        new = [
            CampaignRecipient(
                campaign=campaign,
                member_id=member_id,
                planned_amount=campaign.default_amount,
                by_rule=True,
                added_by=actor,
            )
            for member_id in members.values_list("pk", flat=True)
        ]
        CampaignRecipient.objects.bulk_create(new, batch_size=1000)
        return len(new)
    listed = set(campaign.recipients.values_list("file_id", flat=True))
    candidates = selectors.campaign_candidates(campaign).exclude(pk__in=listed)
    new = [
        CampaignRecipient(
            campaign=campaign,
            member_id=file.member_id,
            file=file,
            planned_amount=campaign.default_amount,
            by_rule=True,
            added_by=actor,
        )
        for file in candidates.prefetch_related("family")
        if rules.matches_rule(campaign.rule, selectors.file_facts(file))
    ]
    CampaignRecipient.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def campaign_recipient_add(
    *,
    actor,
    campaign: Campaign,
    file: HardshipFile | None = None,
    member: Member | None = None,
    planned_amount=None,
) -> CampaignRecipient:
    """Add a file by hand; on a member-wide campaign, a member."""
    _check_campaign(actor, campaign)
    if campaign.audience == Audience.MEMBERS:
        if member is None or not (
            selectors.campaign_member_candidates(campaign).filter(pk=member.pk).exists()
        ):
            raise ValidationError(
                _("Only active members under %(org)s can be added.") % {"org": campaign.org.name},
                code="not_candidate",
            )
    elif file is None or not selectors.campaign_candidates(campaign).filter(pk=file.pk).exists():
        raise ValidationError(
            _("Only active files under %(org)s can be added.") % {"org": campaign.org.name},
            code="not_candidate",
        )
    else:
        member = file.member
    amount = campaign.default_amount if planned_amount in (None, "") else planned_amount
    try:
        with transaction.atomic():
            return CampaignRecipient.objects.create(
                campaign=campaign,
                member=member,
                file=file if campaign.audience == Audience.FILES else None,
                planned_amount=money(amount, _("The planned amount")),
                added_by=actor,
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("%(name)s is already on the list.") % {"name": member.name}, code="listed"
        ) from exc


@transaction.atomic
def campaign_recipient_remove(*, actor, recipient: CampaignRecipient) -> None:
    _check_campaign(actor, recipient.campaign)
    if AidRecord.objects.filter(recipient=recipient).exists():
        raise ValidationError(
            _("%(name)s has already received the aid and stays on the list.")
            % {"name": recipient.member.name},
            code="paid",
        )
    recipient.delete()


@transaction.atomic
def campaign_recipient_pay(
    *,
    actor,
    recipient: CampaignRecipient,
    given_on: datetime.date,
    amount=None,
    over_limit_reason: str = "",
) -> AidRecord:
    """Record what one recipient received: an aid record on the file (member-wide: on the
    member), linked to the campaign. A recipient is paid once: the database refuses a second
    record."""
    campaign = recipient.campaign
    if not selectors.campaigns_visible_to(actor).filter(pk=campaign.pk).exists():
        raise PermissionDenied(_("This campaign belongs to another organisation."))
    value = recipient.planned_amount if amount in (None, "") else money(amount, _("The amount"))
    gives_goods = bool(campaign.goods)
    try:
        with transaction.atomic():
            if recipient.file_id is None:
                return _member_gift_create(
                    actor=actor,
                    recipient=recipient,
                    given_on=given_on,
                    amount=0 if gives_goods else value,
                    goods_value=value if gives_goods else 0,
                )
            return aid_record_create(
                actor=actor,
                file=recipient.file,
                aid_type=campaign.aid_type,
                given_on=given_on,
                funding_source=campaign.funding_source,
                amount=0 if gives_goods else value,
                goods=campaign.goods,
                goods_value=value if gives_goods else 0,
                campaign=campaign,
                recipient=recipient,
                over_limit_reason=over_limit_reason,
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("%(name)s has already received this campaign's aid.")
            % {"name": recipient.member.name},
            code="paid",
        ) from exc


def _member_gift_create(
    *, actor, recipient: CampaignRecipient, given_on: datetime.date, amount, goods_value
) -> AidRecord:
    """A member-wide campaign's gift: no file, so no tier limits; only members still active
    under the organising federation receive it."""
    if not access.can_record_aid(actor):
        raise PermissionDenied(_("Your role may not record aid."))
    campaign = recipient.campaign
    if not selectors.campaign_member_candidates(campaign).filter(pk=recipient.member_id).exists():
        raise ValidationError(
            _("%(name)s is no longer an active member under %(org)s.")
            % {"name": recipient.member.name, "org": campaign.org.name},
            code="not_active",
        )
    cash = money(amount, _("The amount"))
    value = money(goods_value, _("The value of the goods"))
    if cash <= 0 and not campaign.goods:
        raise ValidationError(_("Give an amount of money or describe the goods."), code="empty")
    not_in_future(given_on, _("The date given"))
    return AidRecord.objects.create(
        member_id=recipient.member_id,
        file=None,
        aid_type=campaign.aid_type,
        amount=cash,
        goods=campaign.goods,
        goods_value=value,
        given_on=given_on,
        funding_source=campaign.funding_source,
        campaign=campaign,
        recipient=recipient,
        approved_by=actor,
    )


@transaction.atomic
def campaign_pay_all(
    *, actor, campaign: Campaign, given_on: datetime.date
) -> tuple[int, list[tuple[CampaignRecipient, str]]]:
    """Pay every recipient not yet paid. Those that cannot be paid as planned (above a
    limit, file no longer active) are held back with the reason, to be paid one by one."""
    paid, held = 0, []
    for recipient in selectors.campaign_recipients(campaign).filter(aid__isnull=True):
        try:
            with transaction.atomic():
                campaign_recipient_pay(actor=actor, recipient=recipient, given_on=given_on)
        except ValidationError as exc:
            held.append((recipient, "；".join(exc.messages)))
        else:
            paid += 1
    return paid, held
