"""Nomination for recuperation: a grassroots (or town) union nominates members within its
quota, the county approves (the place is then offered to the member) or rejects. A union's
list can be imported from Excel: all or nothing, each refusal with its row number."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.activities import access, sms
from gonghui.activities.models import HOLDING, Batch, Pool, Registration, RegistrationEvent
from gonghui.activities.models import RegStatus as S
from gonghui.activities.services.programmes import ineligibility
from gonghui.activities.services.registrations import _move, _take_place
from gonghui.core import idnumber
from gonghui.core.db import write_transaction
from gonghui.core.imports import ImportReport, RowError
from gonghui.core.rowimport import RowImport, import_rows
from gonghui.orgs.selectors import member_find_by_id_number

COUNTED = (S.NOMINATED, *HOLDING)


def quota_pool(batch: Batch, org) -> Pool:
    """The quota pool a union nominates into: the deepest pool whose organisation contains
    the union."""
    pools = [p for p in batch.pools.select_related("org") if p.org_id]
    mine = [p for p in pools if org.path.startswith(p.org.path)]
    if not mine:
        raise ValidationError(
            _("%(org)s has no quota in %(batch)s.") % {"org": org.name, "batch": batch.name},
            code="no_quota",
        )
    return max(mine, key=lambda p: len(p.org.path))


def _check_nomination(actor, member, batch: Batch) -> list[str]:
    if not access.can_nominate(actor):
        raise PermissionDenied(_("Your role may not nominate members."))
    if not member.union.path.startswith(actor.org.path):
        raise PermissionDenied(_("%(name)s is not a member of your union.") % {"name": member.name})
    if timezone.now() >= batch.programme.closes_at:
        raise ValidationError(_("Nominations for this programme are closed."), code="closed")
    return ineligibility(batch, member)


def registration_nominate(*, actor, member, batch: Batch) -> Registration:
    reasons = _check_nomination(actor, member, batch)
    if reasons:
        raise ValidationError([f"{member.name}：{reason}" for reason in reasons])
    pool = quota_pool(batch, actor.org)
    try:
        with write_transaction():
            pool = Pool.objects.select_for_update().get(pk=pool.pk)  # one nominator at a time
            used = Registration.objects.filter(pool=pool, status__in=COUNTED).count()
            if used >= pool.places:
                raise ValidationError(
                    _("The quota of %(org)s (%(places)d places) is used up.")
                    % {"org": pool.org.name, "places": pool.places},
                    code="quota_full",
                )
            registration = Registration.objects.create(
                programme=batch.programme,
                batch=batch,
                pool=pool,
                member=member,
                status=S.NOMINATED,
                nominated_by=actor.org,
            )
            RegistrationEvent.objects.create(
                registration=registration, action="nominate", to_status=S.NOMINATED, actor=actor
            )
    except IntegrityError:
        raise ValidationError(
            _("%(name)s already holds a registration in this programme.") % {"name": member.name},
            code="twice",
        ) from None
    sms.send(registration, "nominated")
    return registration


def _may_approve(actor, registration):
    if not access.can_approve(actor):
        raise PermissionDenied(_("Only the county approves nominations."))
    if not registration.programme.org.path.startswith(actor.org.path):
        raise PermissionDenied(_("This programme is outside your organisation."))


def nomination_approve(*, actor, registration: Registration, now=None) -> Registration:
    import datetime

    _may_approve(actor, registration)
    now = now or timezone.now()
    hours = registration.programme.offer_hours
    with write_transaction():
        if registration.status != S.NOMINATED:
            _move(registration, "approve")  # raises the transition's message
        if not _take_place(registration.pool):
            raise ValidationError(_("The quota has no place left."), code="full")
        _move(
            registration,
            "approve",
            actor=actor,
            offer_expires_at=now + datetime.timedelta(hours=hours),
        )
    sms.send(registration, "offered")
    return registration


def nomination_reject(*, actor, registration: Registration, reason: str) -> Registration:
    _may_approve(actor, registration)
    if not (reason or "").strip():
        raise ValidationError(_("Give the reason for not approving."), code="reason")
    with write_transaction():
        _move(registration, "reject", actor=actor, note=reason)
    return registration


class NominationImport(RowImport):
    """身份证号, 姓名 (checked against the registry), 批次 (the batch's name)."""

    columns = ["身份证号", "姓名", "批次"]
    summary_keys = ("rows", "rejected", "created")

    def __init__(self, *, actor, programme):
        self.actor, self.programme = actor, programme
        self.batches = {batch.name: batch for batch in programme.batches.all()}
        self.seen: set[int] = set()
        self.per_pool: dict[int, int] = {}

    def _resolve(self, row):
        try:
            number = idnumber.parse(row.text("身份证号")).number
        except ValidationError as exc:
            raise RowError(exc.messages[0]) from None
        member = member_find_by_id_number(number)
        if member is None:
            raise RowError(_("No member has this ID number."))
        name = row.text("姓名")
        if name and name != member.name:
            raise RowError(
                _("The name %(given)s does not match the registry (%(known)s).")
                % {"given": name, "known": member.name}
            )
        batch = self.batches.get(row.text("批次"))
        if batch is None:
            raise RowError(
                _("No batch is named “%(name)s” in this programme.") % {"name": row.text("批次")}
            )
        return member, batch

    def check(self, row):
        member, batch = self._resolve(row)
        if member.pk in self.seen:
            raise RowError(_("This member is listed twice."))
        self.seen.add(member.pk)
        reasons = _check_nomination(self.actor, member, batch)
        if reasons:
            raise RowError("；".join(reasons))
        if Registration.objects.filter(programme=self.programme, member=member).exists():
            raise RowError(_("Already holds a registration in this programme."))
        pool = quota_pool(batch, self.actor.org)
        used = self.per_pool.get(pool.pk)
        if used is None:
            used = Registration.objects.filter(pool=pool, status__in=COUNTED).count()
        if used >= pool.places:
            raise RowError(
                _("Over the quota of %(org)s (%(places)d places).")
                % {"org": pool.org.name, "places": pool.places}
            )
        self.per_pool[pool.pk] = used + 1
        return []

    def write(self, row):
        member, batch = self._resolve(row)
        registration_nominate(actor=self.actor, member=member, batch=batch)
        return {"created": 1}


def nominations_import(*, actor, programme, source, run=None) -> ImportReport:
    if not access.can_nominate(actor):
        raise PermissionDenied(_("Your role may not nominate members."))
    return import_rows(NominationImport(actor=actor, programme=programme), source, run)


def nominations_import_job(*, job, source, run) -> ImportReport:
    from gonghui.activities.models import Programme

    programme = Programme.objects.get(pk=job.options["programme_id"])
    return nominations_import(actor=job.created_by, programme=programme, source=source, run=run)
