"""The register's writes: a contract recorded with the enterprises it binds, its signed PDF,
and the filing clock's steps, each an event row in the same transaction."""

import datetime
import uuid
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gonghui.contracts import access, workflow
from gonghui.contracts.models import (
    OBJECTION_DAYS,
    Contract,
    ContractEnterprise,
    ContractEvent,
    Level,
    Status,
)
from gonghui.core.filecrypt import save_encrypted
from gonghui.core.uploads import clean_upload
from gonghui.orgs.models import Enterprise, Organisation
from gonghui.orgs.selectors import enterprises_visible_to, orgs_visible_to

WAGE_FIELDS = ("average_wage", "adjustment_pct", "lowest_wage", "pay_day")
TEXT_FIELDS = (
    "union_signatory",
    "union_chair_mobile",
    "employer_signatory",
    "union_negotiator",
    "employer_negotiator",
)


def check_keeper(actor) -> None:
    if not access.can_keep(actor):
        raise PermissionDenied(_("Your role may not record collective contracts."))


def federation_of(org: Organisation) -> int:
    return org.ancestor_ids[0]


def check_term(starts_on, ends_on, signed_on) -> None:
    if ends_on < starts_on:
        raise ValidationError(
            {
                "ends_on": _("The end date (%(end)s) is before the start date (%(start)s).")
                % {"end": ends_on, "start": starts_on}
            }  # fmt: skip
        )
    if signed_on > timezone.localdate():
        raise ValidationError({"signed_on": _("The signing date is in the future.")})


def check_workers(value) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = -1
    if number < 0 or str(value).strip().startswith("-"):
        raise ValidationError(
            {"workers_covered": _("Workers covered must be a whole number, not negative.")}
        )
    return number


def _check_congress(fields: dict) -> None:
    present, yes, no = (
        fields.get(k) for k in ("congress_present", "congress_for", "congress_against")
    )
    if present is not None and (yes or 0) + (no or 0) > present:
        raise ValidationError(
            {"congress_for": _("More votes for and against than members of the congress present.")}
        )
    if present is not None and yes is not None and yes * 2 <= present:
        raise ValidationError(
            {"congress_for": _("The workers' congress did not adopt it: a majority must vote for.")}
        )


def _event(contract, action, from_status, on, actor, note="") -> None:
    ContractEvent.objects.create(
        contract=contract,
        action=action,
        from_status=from_status,
        to_status=contract.status,
        on=on,
        actor=actor,
        note=note[:255],
    )


@transaction.atomic
def contract_create(
    *,
    actor,
    org: Organisation,
    title: str,
    level: str,
    kind: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    signed_on: datetime.date,
    bound: list[tuple[Enterprise, int]],
    renews: Contract | None = None,
    pdf=None,
    **fields,
) -> Contract:
    """Record a signed contract; `bound` lists each enterprise with the workers it covers."""
    check_keeper(actor)
    if not orgs_visible_to(actor).filter(pk=org.pk).exists():
        raise PermissionDenied(_("This union is not in your organisation."))
    check_term(starts_on, ends_on, signed_on)
    if not bound:
        raise ValidationError(
            {"enterprises": _("Name at least one enterprise the contract binds.")}
        )
    if level == Level.ENTERPRISE and len(bound) != 1:
        raise ValidationError({"enterprises": _("An enterprise contract binds one enterprise.")})
    visible = enterprises_visible_to(actor)
    ids = [enterprise.pk for enterprise, _workers in bound]
    if len(set(ids)) != len(ids):
        raise ValidationError({"enterprises": _("An enterprise is named twice.")})
    if visible.filter(pk__in=ids).count() != len(ids):
        raise ValidationError({"enterprises": _("An enterprise is not in your organisation.")})
    workers = [check_workers(count) for _enterprise, count in bound]
    _check_congress(fields)
    for key in ("average_wage", "lowest_wage", "adjustment_pct"):
        if fields.get(key) is not None and Decimal(fields[key]) < 0 and key != "adjustment_pct":
            raise ValidationError({key: _("An amount must not be negative.")})
    if renews is not None:
        if not Contract.objects.filter(pk=renews.pk).filter(pk__in=_visible_ids(actor)).exists():
            raise PermissionDenied(_("The contract it renews is not in your organisation."))
        if Contract.objects.filter(renews=renews).exists():
            raise ValidationError({"renews": _("That contract has already been renewed.")})
    contract = Contract(
        federation_id=federation_of(org),
        org=org,
        title=title.strip()[:200],
        level=level,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        signed_on=signed_on,
        renews=renews,
        created_by=actor,
        status=workflow.check_move(status=workflow.NEW, action="sign"),
        **{k: v for k, v in fields.items() if v is not None},
    )
    contract.full_clean(exclude=["federation", "org", "renews", "created_by"])
    contract.save()
    ContractEnterprise.objects.bulk_create(
        ContractEnterprise(contract=contract, enterprise=enterprise, workers_covered=count)
        for (enterprise, _unused), count in zip(bound, workers, strict=True)
    )
    _event(contract, "sign", workflow.NEW, signed_on, actor)
    if pdf is not None:
        contract_attach_pdf(actor=actor, contract=contract, upload=pdf)
    return contract


def _visible_ids(actor):
    from gonghui.contracts.selectors import contracts_visible_to

    return contracts_visible_to(actor).values("pk")


def _locked(actor, contract: Contract) -> Contract:
    check_keeper(actor)
    locked = Contract.objects.select_for_update().filter(pk=contract.pk, pk__in=_visible_ids(actor))
    found = locked.first()
    if found is None:
        raise PermissionDenied(_("This contract is not in your organisation."))
    return found


@transaction.atomic
def contract_attach_pdf(*, actor, contract: Contract, upload) -> Contract:
    """The signed text, checked as every upload and kept encrypted."""
    locked = _locked(actor, contract)
    clean = clean_upload(upload)
    if clean.extension != "pdf":
        raise ValidationError({"pdf": _("The signed contract must be a PDF file.")})
    name = save_encrypted(
        default_storage, f"contracts/{uuid.uuid4().hex}.pdf.enc", ContentFile(clean.content)
    )
    locked.pdf = name
    locked.save(update_fields=["pdf"])
    contract.pdf = name
    return locked


@transaction.atomic
def contract_file(*, actor, contract: Contract, filed_on: datetime.date) -> Contract:
    locked = _locked(actor, contract)
    before = locked.status
    target = workflow.check_move(status=before, action="file")
    if filed_on < locked.signed_on:
        raise ValidationError(
            {
                "filed_on": _(
                    "The filing date (%(filed)s) is before the signing date (%(signed)s)."
                )
                % {"filed": filed_on, "signed": locked.signed_on}
            }  # fmt: skip
        )
    if filed_on > timezone.localdate():
        raise ValidationError({"filed_on": _("The filing date is in the future.")})
    locked.status, locked.filed_on = target, filed_on
    locked.save(update_fields=["status", "filed_on"])
    note = pgettext("contracts", "filed late") if locked.filed_late else ""
    _event(locked, "file", before, filed_on, actor, note)
    return locked


@transaction.atomic
def contract_object(*, actor, contract: Contract, on: datetime.date, note: str = "") -> Contract:
    """The labour administration objected within the 15 days: back to the table."""
    locked = _locked(actor, contract)
    before = locked.status
    target = workflow.check_move(status=before, action="object")
    if on < locked.filed_on or on > locked.objection_ends_on:
        raise ValidationError(
            {
                "on": _("An objection counts only within 15 days of filing (%(start)s to %(end)s).")
                % {"start": locked.filed_on, "end": locked.objection_ends_on}
            }  # fmt: skip
        )
    locked.status, locked.objected_on = target, on
    locked.save(update_fields=["status", "objected_on"])
    _event(locked, "object", before, on, actor, note)
    return locked


def contracts_take_effect(today: datetime.date | None = None) -> int:
    """The scheduler's step: a filed contract without objection is effective 15 days after
    filing. Each contract moves once (a conditional update inside its own transaction)."""
    today = today or timezone.localdate()
    due = today - datetime.timedelta(days=OBJECTION_DAYS)
    moved = 0
    for pk in Contract.objects.filter(status=Status.FILED, filed_on__lte=due).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            contract = Contract.objects.select_for_update().get(pk=pk)
            if contract.status != Status.FILED:
                continue
            on = contract.objection_ends_on
            contract.status = workflow.check_move(status=Status.FILED, action="take_effect")
            contract.effective_on = on
            contract.save(update_fields=["status", "effective_on"])
            _event(contract, "take_effect", Status.FILED, on, None)
            moved += 1
    return moved
