"""What the ratings services share: the switch, scope checks, the engine's view of an
application and the recomputation with its explanation."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import pgettext

from gonghui.accounts import roles
from gonghui.core.switches import service_enabled
from gonghui.craftsman.scoring import Applicant, Evidence, RulesError, plain, score
from gonghui.ratings import selectors
from gonghui.ratings.models import Application, Event, RulesVersion
from gonghui.ratings.workflow import TransitionError, check_move

SERVICE = "ratings"


def check_open(federation) -> None:
    if not service_enabled(federation, SERVICE):
        raise PermissionDenied(
            pgettext("ratings", "Union ratings are switched off for this federation.")
        )


def check_federation_admin(actor, federation) -> None:
    if not (
        roles.is_staff(actor)
        and actor.role == "county_admin"
        and federation.path.startswith(actor.org.path)
    ):
        raise PermissionDenied(
            pgettext("ratings", "Only the federation's administrator may do this.")
        )


def check_scope(actor, application: Application) -> None:
    if not selectors.applications_visible_to(actor).filter(pk=application.pk).exists():
        raise PermissionDenied(
            pgettext("ratings", "This application is outside your organisation.")
        )


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
            pgettext(
                "ratings", "Someone else changed this application meanwhile. Please reload it."
            ),
            code="stale",
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


def applicant_of(application: Application) -> Applicant:
    """The engine's view: the lines no inspector refused, in their order."""
    lines = [line for line in application.lines.all() if not line.refused_reason]
    return Applicant(
        id=str(application.pk),
        applied_at=application.applied_at,
        evidence=tuple(
            Evidence(item=line.item, date=line.date, quantity=line.quantity) for line in lines
        ),
    )


def _level_drop(rules, before: str, after: str | None, total, counted: set, refused) -> list[str]:
    """Why the level is lower than the self-assessed one: the threshold or the required
    items of each level lost, with the refused lines that took them away."""
    order = [level.code for level in rules.levels]
    if not before or before not in order:
        return []
    lost = (
        order[order.index(after) + 1 : order.index(before) + 1]
        if after
        else order[: order.index(before) + 1]
    )
    if not lost:
        return []
    names = {level.code: level.name for level in rules.levels}
    text = [
        pgettext("ratings", "Level dropped from %(before)s to %(after)s after the inspection.")
        % {
            "before": names[before],
            "after": names[after] if after else pgettext("ratings", "no level"),
        }
    ]
    for level in (lv for lv in rules.levels if lv.code in lost):
        if total < level.min:
            text.append(
                pgettext(
                    "ratings",
                    "%(level)s needs at least %(min)s points; the score is now %(score)s.",
                )
                % {"level": level.name, "min": plain(level.min), "score": plain(total)}
            )
        for key in level.requires:
            if key not in counted:
                why = "；".join(
                    f"{line.number}：{line.refused_reason}" for line in refused if line.item == key
                )
                text.append(
                    pgettext(
                        "ratings",
                        "%(level)s requires the item “%(item)s”, which no longer counts (%(why)s).",
                    )
                    % {"level": level.name, "item": rules.find(key)[1].name, "why": why or "—"}
                )
    return text


def recompute(application: Application, *, self_assessed: bool = False) -> None:
    """Score the application under its rules version and keep the result (the first score
    also as the self-assessment); the first score under a version freezes it."""
    rules = selectors.rules_of(application.version)
    try:
        result = score(applicant_of(application), rules)
    except RulesError as exc:
        raise ValidationError(str(exc), code="rules") from exc
    lines = list(application.lines.all())
    counted_lines = [line for line in lines if not line.refused_reason]
    by_number = {r.number: r for r in result.lines}
    for position, line in enumerate(counted_lines, start=1):
        outcome = by_number[position]
        line.points, line.engine_reason = outcome.points, outcome.reason or ""
        line.save(update_fields=["points", "engine_reason"])
    refused = [line for line in lines if line.refused_reason]
    for line in refused:
        line.points, line.engine_reason = 0, ""
        line.save(update_fields=["points", "engine_reason"])
    trace = [
        pgettext("ratings", "Line %(number)s (%(item)s) refused at the inspection: %(reason)s")
        % {
            "number": line.number,
            "item": _item_name(rules, line.item),
            "reason": line.refused_reason,
        }
        for line in refused
    ]
    trace += [step.text for step in result.trace]
    counted = {r.item for r in result.lines if r.reason is None}
    total = result.total or Decimal(0)
    if not self_assessed:
        trace += _level_drop(rules, application.self_level, result.level, total, counted, refused)
    application.score = result.total
    application.level = result.level or ""
    application.trace = trace
    fields = ["score", "level", "trace"]
    if self_assessed:
        application.self_score, application.self_level = result.total, result.level or ""
        application.self_trace = trace
        fields += ["self_score", "self_level", "self_trace"]
    application.save(update_fields=fields)
    RulesVersion.objects.filter(pk=application.version_id, frozen_at__isnull=True).update(
        frozen_at=timezone.now()
    )


def _item_name(rules, key: str) -> str:
    found = rules.find(key)
    return found[1].name if found else key


def level_name(rules, code: str) -> str:
    return next((lv.name for lv in rules.levels if lv.code == code), code)
