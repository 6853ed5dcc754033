"""The grid's section of the staff dashboard (scoped to the user's subtree): cases by kind,
town and month, settled share, amounts involved and recovered, time to first action, late and
escalated cases, follow-ups, legal questions and answer times, health checks against target.
Each town row opens the case list of that town and year (drill-down)."""

import statistics

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractMonth
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gonghui.core.money import percent
from gonghui.dashboards.selectors import Figure, Section, Table, _url
from gonghui.deadlines.models import Escalation
from gonghui.grid import selectors
from gonghui.grid.models import FollowUp, Kind, LegalEventKind, Status
from gonghui.grid.services.cases import parameters_of
from gonghui.grid.services.deadlines import OWNER

SETTLED = Q(settled_at__isnull=False)


def _hours(deltas) -> str:
    values = [d.total_seconds() / 3600 for d in deltas if d is not None]
    return f"{statistics.median(values):.1f}" if values else "—"


def _days(deltas) -> str:
    values = [d.total_seconds() / 86400 for d in deltas if d is not None]
    return f"{statistics.median(values):.1f}" if values else "—"


def figures(user, year: int) -> dict:
    rows = selectors.cases_visible_to(user).filter(filed_at__year=year)
    totals = rows.aggregate(
        n=Count("id"), settled=Count("id", filter=SETTLED), amount=Sum("amount"),
        recovered=Sum("recovered"), closed=Count("id", filter=Q(status=Status.CLOSED)),
    )  # fmt: skip
    questions = selectors.questions_visible_to(user).filter(asked_at__year=year)
    answered = questions.filter(answered_at__isnull=False).values_list("asked_at", "answered_at")
    checks = selectors.health_checks_visible_to(user).filter(date__year=year)
    events = selectors.legal_events_visible_to(user).filter(date__year=year)
    params = parameters_of(user.org)
    first = rows.filter(first_action_at__isnull=False).values_list("filed_at", "first_action_at")
    settled = rows.filter(settled_at__isnull=False).values_list("filed_at", "settled_at")
    return {
        "cases": totals["n"],
        "settled": totals["settled"],
        "settled_share": percent(totals["settled"], totals["n"]),
        "amount": totals["amount"] or 0,
        "recovered": totals["recovered"] or 0,
        "closed": totals["closed"],
        "first_action_hours": _hours(b - a for a, b in first),
        "settlement_days": _days(b - a for a, b in settled),
        "escalations": Escalation.objects.filter(
            deadline__owner=OWNER, deadline__object_id__in=rows.values("pk")
        ).count(),
        "follow_ups": FollowUp.objects.filter(case__in=rows).count(),
        "questions": questions.count(),
        "answer_hours": _hours(b - a for a, b in answered),
        "health_checks": checks.count(),
        "health_target": params.health_check_target,
        "service_events": events.filter(kind=LegalEventKind.SERVICE).count(),
        "service_target": params.service_target,
        "education_events": events.filter(kind=LegalEventKind.EDUCATION).count(),
        "education_target": params.education_target,
    }


def by_town(user, year: int):
    return (
        selectors.cases_visible_to(user)
        .filter(filed_at__year=year)
        .values("town_id", "town__name")
        .annotate(
            n=Count("id"),
            settled=Count("id", filter=SETTLED),
            amount=Sum("amount"),
            recovered=Sum("recovered"),
        )  # fmt: skip
        .order_by("town__path")
    )


def section(user, year) -> Section:
    f = figures(user, year)
    towns = list(by_town(user, year))
    kinds = dict(Kind.choices)
    by_kind = (
        selectors.cases_visible_to(user).filter(filed_at__year=year)
        .values("kind").annotate(n=Count("id"), amount=Sum("amount")).order_by("kind")
    )  # fmt: skip
    by_month = (
        selectors.cases_visible_to(user).filter(filed_at__year=year)
        .annotate(month=ExtractMonth("filed_at")).values("month").annotate(n=Count("id"))
        .order_by("month")
    )  # fmt: skip
    return Section(
        key="grid",
        title=_("Union grid and mediation"),
        figures=[
            Figure(_("Cases filed"), f["cases"]),
            Figure(_("Settled"), f["settled"], note=f"{f['settled_share'] or 0}%"),
            Figure(_("Amount involved"), f["amount"], pgettext("grid", "yuan")),
            Figure(_("Amount recovered"), f["recovered"], pgettext("grid", "yuan")),
            Figure(_("Median hours to first action"), f["first_action_hours"]),
            Figure(_("Median days to settlement"), f["settlement_days"]),
            Figure(_("Escalations of late cases"), f["escalations"]),
            Figure(_("Follow-up visits"), f["follow_ups"]),
            Figure(_("Legal questions"), f["questions"]),
            Figure(_("Median hours to an answer"), f["answer_hours"]),
            Figure(
                _("Health checks"),
                f["health_checks"],
                note=pgettext("grid", "target %(n)s") % {"n": f["health_target"]},
            ),  # fmt: skip
            Figure(
                _("Legal service into enterprises"),
                f["service_events"],
                note=pgettext("grid", "target %(n)s") % {"n": f["service_target"]},
            ),  # fmt: skip
            Figure(
                _("Law education sessions"),
                f["education_events"],
                note=pgettext("grid", "target %(n)s") % {"n": f["education_target"]},
            ),  # fmt: skip
        ],
        tables=[
            Table(
                "grid_by_town",
                _("Disputes by town"),
                [
                    pgettext("grid", "Town"),
                    _("Cases filed"),
                    _("Settled"),
                    _("Amount involved"),
                    _("Amount recovered"),
                ],  # fmt: skip
                [
                    [r["town__name"], r["n"], r["settled"], r["amount"] or 0, r["recovered"] or 0]
                    for r in towns
                ],  # fmt: skip
                [_url("staff:grid_cases", town=r["town_id"], year=year) for r in towns],
            ),
            Table(
                "grid_by_kind",
                _("Disputes by kind"),
                [pgettext("grid", "Kind"), _("Cases filed"), _("Amount involved")],
                [
                    [str(kinds.get(r["kind"], r["kind"])), r["n"], r["amount"] or 0]
                    for r in by_kind
                ],  # fmt: skip
                [_url("staff:grid_cases", kind=r["kind"], year=year) for r in by_kind],
            ),
            Table(
                "grid_by_month",
                _("Disputes by month"),
                [pgettext("grid", "Month"), _("Cases filed")],
                [[r["month"], r["n"]] for r in by_month],
            ),
        ],
    )
