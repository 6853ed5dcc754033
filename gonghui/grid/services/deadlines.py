"""The case's clocks (gonghui.deadlines): the first action, by severity (critical in hours,
the others in working days of the federation's calendar), and the mediation once accepted
(calendar days). Late, the scheduler escalates them level by level, once each: the handling
organisation's staff, then the town, then the county; each escalation is an event row."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.accounts.models import Role
from gonghui.deadlines.models import Deadline, Unit
from gonghui.deadlines.selectors import deadline_of
from gonghui.deadlines.services import (
    TOP,
    Owner,
    Step,
    deadline_close,
    deadline_open,
    register_owner,
)
from gonghui.grid.models import Action, Case, GridParameters, Severity

OWNER = "grid.case"
FIRST_ACTION = "first_action"
MEDIATION = "mediation"
LADDER = (
    Step(level=1, roles=(Role.UNION_STAFF, Role.TOWN_STAFF), up=0, late_days=0),
    Step(level=2, roles=(Role.TOWN_STAFF,), up=1, late_days=1),
    Step(level=3, roles=(Role.COUNTY_REVIEWER, Role.COUNTY_ADMIN), up=TOP, late_days=3),
)


def register() -> None:
    register_owner(
        OWNER,
        Owner(
            label=gettext_lazy("Dispute case"),
            url=lambda pk: reverse("staff:grid_case", args=[pk]),
            on_escalate=_escalated,
        ),
    )


def _escalated(deadline: Deadline, escalation) -> None:
    from gonghui.grid.models import CaseEvent

    case = Case.objects.get(pk=deadline.object_id)
    CaseEvent.objects.create(
        case=case,
        action=Action.LATE,
        from_status=case.status,
        to_status=case.status,
        level=case.level,
        actor=None,
        note=_("%(title)s is late: escalated to level %(level)d.")
        % {"title": deadline.title, "level": escalation.level},
    )


def first_action_terms(severity: str, params: GridParameters) -> tuple[str, int]:
    if severity == Severity.CRITICAL:
        return Unit.HOURS, params.critical_hours
    days = {Severity.HIGH: params.high_days, Severity.MEDIUM: params.medium_days}
    return Unit.WORKING_DAYS, days.get(severity, params.low_days)


def first_action_open(case: Case, params: GridParameters) -> Deadline:
    unit, amount = first_action_terms(case.severity, params)
    return deadline_open(
        owner=OWNER,
        object_id=case.pk,
        purpose=FIRST_ACTION,
        title=_("First action on case %(code)s") % {"code": case.code},
        org=case.org,
        unit=unit,
        amount=amount,
        ladder=LADDER,
        starts_at=case.filed_at,
    )


def first_action_met(case: Case) -> None:
    deadline_close(owner=OWNER, object_id=case.pk, purpose=FIRST_ACTION)


def mediation_open(case: Case, params: GridParameters) -> Deadline:
    return deadline_open(
        owner=OWNER,
        object_id=case.pk,
        purpose=MEDIATION,
        title=_("Mediation of case %(code)s") % {"code": case.code},
        org=case.org,
        unit=Unit.DAYS,
        amount=params.mediation_days,
        ladder=LADDER,
    )


def mediation_met(case: Case) -> None:
    deadline_close(owner=OWNER, object_id=case.pk, purpose=MEDIATION)


def open_deadline(case: Case) -> Deadline | None:
    return Deadline.objects.filter(owner=OWNER, object_id=case.pk, met_at__isnull=True).first()


def current_deadline(case: Case) -> Deadline | None:
    return open_deadline(case) or deadline_of(OWNER, case.pk, FIRST_ACTION)
