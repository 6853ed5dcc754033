"""Doing the patrol on the phone: 开始 at the first checkpoint, each checkpoint in order, 结束
at the last. A checkpoint is passed by the phone's position (within its radius, the accuracy
allowed up to 50 m) or by its QR tag (scanned or typed). Only what the phone reported there is
kept, and only after the member agreed once (gonghui/consent)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.consent.models import How, PublicationConsent
from gonghui.core.db import write_transaction
from gonghui.core.proxy import check_may_act_for
from gonghui.core.uploads import clean_upload
from gonghui.patrol import geo, rewards
from gonghui.patrol.models import Checkpoint, Pass, Patrol, Status
from gonghui.patrol.services.common import KEY, check_open, local, move, rules_for
from gonghui.patrol.workflow import check_move

EARLY_START = datetime.timedelta(minutes=30)
ACCURACY_ALLOWED = 50


@dataclass(frozen=True)
class Report:
    """What the phone sent at a checkpoint."""

    lat: Decimal | None = None
    lng: Decimal | None = None
    accuracy: int | None = None
    at: datetime.datetime | None = None
    code: str = ""
    photo: object = None

    @property
    def has_position(self) -> bool:
        return self.lat is not None and self.lng is not None


def consent_text(days: int = 180) -> str:
    return _(
        "平安乐巡 records your phone's position (and its accuracy and time) only when you start, "
        "pass a checkpoint and finish a patrol — never along the way. The positions are used to "
        "review your patrol, seen only by the union staff who review it, and deleted after "
        "%(days)d days; only whether each checkpoint was passed is kept."
    ) % {"days": days}


def has_consent(member) -> bool:
    return PublicationConsent.objects.filter(service=KEY, object_id=member.pk).exists()


def _mine(actor, patrol) -> bool:
    on_behalf = check_may_act_for(actor, patrol.member)
    if on_behalf:
        raise PermissionDenied(_("Only the member walks the patrol; staff cannot do it for them."))
    return on_behalf


def _locate(checkpoint: Checkpoint, report: Report) -> int | None:
    """Check the report against the checkpoint; the distance in metres (None: no position)."""
    distance = None
    if report.has_position:
        distance = geo.distance_m(report.lat, report.lng, checkpoint.lat, checkpoint.lng)
    if report.code:
        if report.code.strip().upper() != checkpoint.code:
            raise ValidationError(
                _("This QR tag is not the tag of checkpoint “%(name)s”.")
                % {"name": checkpoint.name},
                code="wrong_code",
            )
        return distance
    if distance is None:
        raise ValidationError(
            _("Your phone gave no position: allow location for this page, or scan the "
              "checkpoint's QR tag (or type the code under it)."),
            code="no_position",
        )  # fmt: skip
    allowance = min(report.accuracy or 0, ACCURACY_ALLOWED)
    if distance - allowance > checkpoint.radius:
        raise ValidationError(
            _("You are %(far)s from checkpoint “%(name)s”: come within %(radius)d metres of it, "
              "or scan its QR tag.")
            % {"far": geo.readable(distance), "name": checkpoint.name, "radius": checkpoint.radius},
            code="too_far",
        )  # fmt: skip
    return distance


def _pass(patrol, checkpoint, report: Report, distance, now) -> Pass:
    passed = Pass(
        patrol=patrol,
        checkpoint=checkpoint,
        method=Pass.Method.QR if report.code else Pass.Method.GPS,
        lat=report.lat if report.has_position else None,
        lng=report.lng if report.has_position else None,
        accuracy=report.accuracy if report.has_position else None,
        distance=distance,
        reported_at=report.at,
    )
    if report.photo:
        clean = clean_upload(report.photo)
        passed.photo.save(f"p{patrol.pk}-{checkpoint.position}.{clean.extension}",
                          ContentFile(clean.content), save=False)  # fmt: skip
    passed.save()
    return passed


def _next(patrol) -> Checkpoint | None:
    done = patrol.passes.values_list("checkpoint_id", flat=True)
    return patrol.route.checkpoints.exclude(pk__in=list(done)).order_by("position").first()


def _check_order(patrol, checkpoint) -> None:
    if patrol.passes.filter(checkpoint=checkpoint).exists():
        raise ValidationError(
            _("Checkpoint “%(name)s” is already passed.") % {"name": checkpoint.name},
            code="twice",
        )
    expected = _next(patrol)
    if expected is not None and expected.pk != checkpoint.pk:
        raise ValidationError(
            _("Checkpoints are passed in order: the next is No. %(n)d “%(name)s”.")
            % {"n": expected.position, "name": expected.name},
            code="order",
        )


def patrol_start(*, actor, patrol: Patrol, report: Report, agreed: bool = False, now=None):
    now = now or timezone.now()
    _mine(actor, patrol)
    check_open(patrol.route.org)
    slot = patrol.slot
    check_move(status=patrol.status, action="start")
    if now < slot.starts_at - EARLY_START:
        raise ValidationError(
            _("The slot begins at %(at)s; start at most 30 minutes before.")
            % {"at": local(slot.starts_at)},
            code="early",
        )
    if now >= slot.ends_at:
        raise ValidationError(_("The slot has ended."), code="ended")
    consented = has_consent(patrol.member)
    if not consented and not agreed:
        raise ValidationError(
            _("Before your first patrol, agree that your position is recorded at the "
              "checkpoints."),
            code="no_consent",
        )  # fmt: skip
    first = patrol.route.checkpoints.order_by("position").first()
    distance = _locate(first, report)
    with write_transaction():
        if not consented:
            PublicationConsent.objects.create(
                member=patrol.member, service=KEY, object_id=patrol.member_id,
                text=consent_text(rules_for(patrol.route.org).retention_days), fields=["position", "accuracy", "time"],
                how=How.SELF, recorded_by=actor,
            )  # fmt: skip
        move(patrol, "start", actor=actor, started_at=now)
        _pass(patrol, first, report, distance, now)
    return patrol


def _started(actor, patrol):
    _mine(actor, patrol)
    if patrol.status != Status.STARTED:
        raise ValidationError(
            _("This patrol is not under way (%(status)s).")
            % {"status": patrol.get_status_display()},
            code="not_started",
        )


def patrol_checkpoint(*, actor, patrol: Patrol, checkpoint: Checkpoint, report: Report, now=None):
    now = now or timezone.now()
    _started(actor, patrol)
    if checkpoint.route_id != patrol.route_id:
        raise ValidationError(_("This checkpoint is not on your route."), code="route")
    _check_order(patrol, checkpoint)
    distance = _locate(checkpoint, report)
    with write_transaction():
        return _pass(patrol, checkpoint, report, distance, now)


def review_reasons(patrol: Patrol, rules) -> list[str]:
    reasons = []
    # Read afresh: a page's patrol may carry its passes prefetched before this finish.
    fresh = Pass.objects.filter(patrol=patrol).select_related("checkpoint")
    passed = {p.checkpoint_id: p for p in fresh}
    missed = [c.name for c in patrol.route.checkpoints.all() if c.pk not in passed]
    if missed:
        reasons.append(_("Checkpoints missed: %(names)s") % {"names": "、".join(missed)})
    shortest = patrol.route.expected * rules.min_share / 100
    if patrol.finished_at - patrol.started_at < shortest:
        reasons.append(
            _("Shorter than %(share)d%% of the expected %(minutes)d minutes (%(took)d minutes)")
            % {"share": rules.min_share, "minutes": patrol.route.expected_minutes,
               "took": patrol.minutes}
        )  # fmt: skip
    unlocated = [p.checkpoint.name for p in passed.values() if p.lat is None and not p.dropped_at]
    if unlocated:
        reasons.append(
            _("No position from the phone at: %(names)s") % {"names": "、".join(unlocated)}
        )
    return reasons


def patrol_finish(*, actor, patrol: Patrol, report: Report, now=None) -> Patrol:
    """结束 at the last checkpoint. With checkpoints missed the finish is taken where the
    member is (the patrol goes to review); otherwise the last checkpoint is passed here."""
    now = now or timezone.now()
    _started(actor, patrol)
    last = patrol.route.checkpoints.order_by("-position").first()
    passed_last = patrol.passes.filter(checkpoint=last).exists()
    distance = None
    if not passed_last and _next(patrol).pk == last.pk:
        distance = _locate(last, report)
    with write_transaction():
        if not passed_last and _next(patrol).pk == last.pk:
            _pass(patrol, last, report, distance, now)
        patrol.finished_at = now
        rules = rules_for(patrol.route.org)
        reasons = review_reasons(patrol, rules)
        if not reasons and patrol.route.auto_approve:
            move(patrol, "auto_approve", actor=actor, finished_at=now, reasons=[])
            rewards.earn_for(patrol, actor=None)
        else:
            move(patrol, "finish", actor=actor, finished_at=now, reasons=reasons)
    return patrol


def patrols_lapse(*, now=None) -> int:
    """Patrols still under way an hour after their slot ended go to review (scheduler)."""
    now = now or timezone.now()
    count = 0
    due = Patrol.objects.filter(
        status=Status.STARTED, slot__ends_at__lte=now - datetime.timedelta(hours=1)
    )
    for patrol in due:
        try:
            with write_transaction():
                move(patrol, "lapse", finished_at=patrol.slot.ends_at,
                     reasons=[_("Not finished on the phone")])  # fmt: skip
        except ValidationError:
            continue
        count += 1
    return count


def positions_drop(*, now=None) -> int:
    """Positions and photos older than the federation's retention period are deleted; whether
    each checkpoint was passed stays (the scheduler, daily)."""
    from gonghui.patrol.models import Rules

    now = now or timezone.now()
    count = 0
    defaults = Rules().retention_days
    kept = {r.federation_id: r.retention_days for r in Rules.objects.all()}
    for federation_id, days in [*kept.items(), (None, defaults)]:
        rows = Pass.objects.filter(
            dropped_at__isnull=True, at__lt=now - datetime.timedelta(days=days)
        )
        if federation_id is None:
            for other in kept:
                rows = rows.exclude(patrol__route__org__path__startswith=f"/{other}/")
        else:
            rows = rows.filter(patrol__route__org__path__startswith=f"/{federation_id}/")
        for passed in rows.exclude(photo=""):
            passed.photo.delete(save=False)
        count += rows.update(lat=None, lng=None, accuracy=None, distance=None, reported_at=None,
                             photo="", dropped_at=now)  # fmt: skip
    return count
