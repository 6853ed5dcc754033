"""What the craftsman services share: scope checks, the switch, and turning stored rows into
the engine's plain values (and its results back into rows)."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.switches import service_enabled
from gonghui.craftsman import selectors
from gonghui.craftsman.models import Action, Application, Event, RulesVersion
from gonghui.craftsman.scoring import Applicant, Evidence, RulesError, score
from gonghui.craftsman.workflow import TransitionError, check_move

SERVICE = "craftsman"


def check_open(scheme) -> None:
    if not service_enabled(scheme.federation_id, SERVICE):
        raise PermissionDenied(_("The craftsman evaluation is switched off for this federation."))


def check_scope(actor, application: Application) -> None:
    if not selectors.applications_visible_to(actor).filter(pk=application.pk).exists():
        raise PermissionDenied(_("This application is outside your organisation."))


def decimal_value(raw, label: str) -> Decimal:
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, TypeError) as exc:
        raise ValidationError(_("%(field)s is not a number.") % {"field": label}) from exc
    if not value.is_finite() or value != value.quantize(Decimal("0.1")):
        raise ValidationError(_("%(field)s may have one decimal place at most.") % {"field": label})
    return value


def move(*, application: Application, action: str, actor, note: str = "", **changes) -> Event:
    """One lifecycle step: checked against the table, applied only if nobody moved the
    application meanwhile, written as an event row."""
    source = application.status
    target = check_move(status=source, action=action, role=actor.role)
    changes["status"] = target
    updated = Application.objects.filter(pk=application.pk, status=source).update(
        updated_at=timezone.now(), **changes
    )
    if updated != 1:
        raise TransitionError(
            _("Someone else changed this application meanwhile. Please reload it."), code="stale"
        )
    for name, value in changes.items():
        setattr(application, name, value)
    return Event.objects.create(
        application=application,
        action=action,
        from_status=source,
        to_status=target,
        actor=actor,
        note=note,
    )


def applicant_of(application: Application, *, adjustment=None) -> Applicant:
    """The engine's view: the lines a reviewer has not refused, in their order."""
    lines = [line for line in application.lines.all() if not line.refused_reason]
    return Applicant(
        id=str(application.pk),
        member=application.member.status == "active",
        service_years=Decimal(str(application.service_years)),
        applied_at=application.applied_at,
        adjustment=Decimal(str(application.adjustment if adjustment is None else adjustment)),
        evidence=tuple(
            Evidence(item=line.item, date=line.date, ref=line.ref, quantity=line.quantity)
            for line in lines
        ),
        pool=application.pool,
    )


def recompute(application: Application) -> None:
    """Score the application under its rules version and keep the result; the first score
    under a version freezes it."""
    rules = selectors.rules_of(application.version)
    try:
        result = score(applicant_of(application), rules)
    except RulesError as exc:
        raise ValidationError(str(exc), code="rules") from exc
    counted = [line for line in application.lines.all() if not line.refused_reason]
    by_number = {r.number: r for r in result.lines}
    for position, line in enumerate(counted, start=1):
        outcome = by_number[position]
        line.points, line.engine_reason = outcome.points, outcome.reason or ""
        line.save(update_fields=["points", "engine_reason"])
    for line in application.lines.all():
        if line.refused_reason and (line.points or line.engine_reason):
            line.points, line.engine_reason = 0, ""
            line.save(update_fields=["points", "engine_reason"])
    trace = [step.text for step in result.trace]
    refused = [line for line in application.lines.all() if line.refused_reason]
    trace[0:0] = [
        _("Line %(number)s refused by the reviewer: %(reason)s")
        % {"number": line.number, "reason": line.refused_reason}
        for line in refused
    ]
    application.score = result.total
    application.eligible = result.eligible
    application.reason = result.reason or ""
    application.direct = result.direct
    application.level = result.level or ""
    application.sections = {code: str(value) for code, value in result.sections.items()}
    application.trace = trace
    application.save(
        update_fields=["score", "eligible", "reason", "direct", "level", "sections", "trace"]
    )
    RulesVersion.objects.filter(pk=application.version_id, frozen_at__isnull=True).update(
        frozen_at=timezone.now()
    )


__all__ = ["Action", "check_open", "check_scope", "decimal_value", "move", "recompute"]
