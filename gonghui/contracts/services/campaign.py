"""The March campaign (要约行动月): staff open it, the system proposes the targets by the
ACFTU's criteria, unions confirm them, send the 要约书, record replies, meetings and the
contract that results."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from gonghui.contracts import access
from gonghui.contracts.models import Campaign, Contract, Kind, Meeting, Reply, Status, Target
from gonghui.contracts.services.letters import KIND, OWNER, request_letter
from gonghui.contracts.services.register import check_keeper
from gonghui.documents.services import document_issue
from gonghui.orgs.models import Enterprise

MIN_STAFF = 25
REASONS = {
    "no_contract": gettext_lazy("no contract in force"),
    "ending": gettext_lazy("contract ends within the year"),
    "no_wage": pgettext_lazy("contracts", "no wage contract"),
}


def target_reasons(enterprise_ids: list[int], year: int, today: datetime.date) -> dict:
    """Why each enterprise is a target (empty: it is not)."""
    year_end = datetime.date(year, 12, 31)
    rows = Contract.objects.filter(
        links__enterprise_id__in=enterprise_ids,
        status=Status.EFFECTIVE,
        starts_on__lte=today,
        ends_on__gte=today,
    ).values_list("links__enterprise_id", "kind", "ends_on")
    held: dict[int, list] = {}
    for enterprise_id, kind, ends_on in rows:
        held.setdefault(enterprise_id, []).append((kind, ends_on))
    reasons = {}
    for pk in enterprise_ids:
        contracts = held.get(pk, [])
        found = []
        if not contracts:
            found.append("no_contract")
        elif all(ends_on <= year_end for _kind, ends_on in contracts):
            found.append("ending")
        if contracts and not any(kind == Kind.WAGE for kind, _end in contracts):
            found.append("no_wage")
        reasons[pk] = found
    return reasons


@transaction.atomic
def campaign_open(*, actor, year: int, reply_days: int = 20) -> Campaign:
    if not access.can_open_campaign(actor):
        raise PermissionDenied(_("Only the county federation opens the March campaign."))
    if not 1 <= reply_days <= 90:
        raise ValidationError({"reply_days": _("The reply deadline must be 1 to 90 days.")})
    federation = actor.org
    try:
        with transaction.atomic():
            campaign = Campaign.objects.create(
                federation=federation, year=year, reply_days=reply_days, opened_by=actor
            )
    except IntegrityError:
        raise ValidationError(
            {"year": _("The campaign of %(year)s is already open.") % {"year": year}}
        ) from None
    candidates = Enterprise.objects.filter(
        Q(union__path__startswith=federation.path), staff_count__gte=MIN_STAFF
    ).values_list("pk", "union_id")
    unions = dict(candidates)
    reasons = target_reasons(list(unions), year, timezone.localdate())
    Target.objects.bulk_create(
        Target(campaign=campaign, enterprise_id=pk, union_id=unions[pk], reasons=found)
        for pk, found in reasons.items()
        if found
    )
    return campaign


def _target(actor, target: Target) -> Target:
    check_keeper(actor)
    from gonghui.contracts.selectors import targets_visible_to

    found = (
        targets_visible_to(actor)
        .select_for_update(of=("self",))
        .select_related("campaign", "enterprise", "union")
        .filter(pk=target.pk)
        .first()
    )
    if found is None:
        raise PermissionDenied(_("This enterprise is not in your organisation."))
    return found


@transaction.atomic
def target_confirm(*, actor, target: Target) -> Target:
    found = _target(actor, target)
    if found.confirmed_at is None:
        found.confirmed_at = timezone.now()
        found.save(update_fields=["confirmed_at"])
    return found


@transaction.atomic
def letter_send(*, actor, target: Target, sent_on: datetime.date, chair: str, base_url=""):
    found = _target(actor, target)
    if found.confirmed_at is None:
        raise ValidationError(_("Confirm the target before sending the request."))
    if found.sent_on is not None:
        raise ValidationError(_("The request to bargain has already been sent."))
    if sent_on > timezone.localdate() or sent_on.year != found.campaign.year:
        raise ValidationError(
            {"sent_on": _("The date sent must be in the campaign's year and not in the future.")}
        )
    if not chair.strip():
        raise ValidationError({"chair": _("Name the union chair who signs the request.")})
    document = document_issue(
        actor=actor,
        kind=KIND,
        letter=request_letter(found, chair=chair.strip(), sent_on=sent_on),
        issuer=found.union,
        subject_masked=found.enterprise.name,
        owner=OWNER,
        object_id=found.pk,
        base_url=base_url,
    )
    found.letter, found.sent_on = document, sent_on
    found.save(update_fields=["letter", "sent_on"])
    return found


@transaction.atomic
def reply_record(*, actor, target: Target, reply: str, reply_on: datetime.date) -> Target:
    found = _target(actor, target)
    if found.sent_on is None:
        raise ValidationError(_("Send the request before recording the reply."))
    if reply not in Reply.values:
        raise ValidationError({"reply": _("Choose whether the employer agreed or refused.")})
    if reply_on < found.sent_on or reply_on > timezone.localdate():
        raise ValidationError(
            {"reply_on": _("The reply date must be between the date sent and today.")}
        )
    found.reply, found.reply_on = reply, reply_on
    found.save(update_fields=["reply", "reply_on"])
    return found


@transaction.atomic
def meeting_add(*, actor, target: Target, held_on: datetime.date, place="", notes="") -> Meeting:
    found = _target(actor, target)
    if found.sent_on is None or held_on < found.sent_on:
        raise ValidationError({"held_on": _("A meeting comes after the request was sent.")})
    return Meeting.objects.create(
        target=found, held_on=held_on, place=place[:128], notes=notes[:255]
    )


@transaction.atomic
def target_contract(*, actor, target: Target, **contract_fields) -> Contract:
    """The contract that results from the bargaining, recorded and linked to the target."""
    from gonghui.contracts.services.register import contract_create

    found = _target(actor, target)
    if found.contract_id is not None:
        raise ValidationError(_("A contract has already been recorded for this enterprise."))
    if found.reply != Reply.AGREED:
        raise ValidationError(_("Record the employer's agreement to bargain first."))
    workers = contract_fields.pop("workers_covered")
    contract = contract_create(
        actor=actor,
        org=found.union,
        bound=[(found.enterprise, workers)],
        **contract_fields,
    )
    found.contract = contract
    found.save(update_fields=["contract"])
    return contract
