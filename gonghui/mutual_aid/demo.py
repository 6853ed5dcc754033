"""The demo scheme of 路桥区总工会: the closed 2025 period and the open 2026 period with the
four default plans, a target for every union, most members enrolled (renewals and
first-timers), a few unions under the 80% minimum share, and one union that has not paid.

Contributions a person and year (invented for the demo; the seeds give only Tongxiang's 50
yuan): INPATIENT 50 yuan, CRITICAL 30, FEMALE 20, MATERNITY 10. A woman enrolled in every
plan costs her union 110 yuan, a man 80."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from gonghui.mutual_aid import services
from gonghui.mutual_aid.models import Enrollment, EnrollmentStatus, Period, PeriodStatus, Plan
from gonghui.mutual_aid.selectors import contributions_due
from gonghui.orgs.models import GRASSROOTS_KINDS, Member, MemberStatus, Organisation

CONTRIBUTIONS = {
    Plan.INPATIENT: "50",
    Plan.CRITICAL: "30",
    Plan.FEMALE: "20",
    Plan.MATERNITY: "10",
}
MIN_SHARE = 80
PERIODS = [
    # code, cover, enrollment window, usual enrollment date, late enrollment date, paid on
    (
        "LQ2025",
        (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)),
        (datetime.date(2024, 11, 1), datetime.date(2025, 12, 31)),
        datetime.date(2024, 12, 10),
        datetime.date(2025, 3, 15),
        datetime.date(2025, 3, 31),
    ),
    (
        "LQ2026",
        (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)),
        (datetime.date(2025, 11, 1), datetime.date(2026, 12, 31)),
        datetime.date(2025, 12, 15),
        datetime.date(2026, 2, 20),
        datetime.date(2026, 3, 31),
    ),
]
UNPAID_UNION = "LQ05-U02"  # has enrolled its members for 2026 but not paid yet
LOW_SHARE_UNIONS = {"LQ03-U01", "LQ07-U04", "LQ10-U03"}  # enroll about 60% of their members


@transaction.atomic
def load(orgs: dict) -> dict:
    """Create the demo scheme once; return its current period."""
    federation = orgs["federation"]
    if not Period.objects.filter(scheme__federation=federation).exists():
        _create(federation, orgs["member"], random.Random(20260101))
    return {"period": Period.objects.get(scheme__federation=federation, code=PERIODS[-1][0])}


def _create(federation: Organisation, demo_member: Member, rng: random.Random) -> None:
    scheme = services.scheme_create(actor=None, federation=federation)
    unions = list(
        Organisation.objects.filter(
            kind__in=GRASSROOTS_KINDS, path__startswith=federation.path
        ).order_by("path")
    )
    members = {
        union.pk: list(
            Member.objects.filter(union=union, status=MemberStatus.ACTIVE).order_by("id")
        )
        for union in unions
    }
    previous: set[int] = set()
    for index, (code, cover, window, usual, late, paid_on) in enumerate(PERIODS):
        last = index == len(PERIODS) - 1
        period = services.period_create(
            actor=None,
            scheme=scheme,
            code=code,
            start=cover[0],
            end=cover[1],
            plans=CONTRIBUTIONS,
            enrollment_opens=window[0],
            enrollment_closes=window[1],
            min_share=MIN_SHARE,
        )
        services.period_transition(actor=None, period=period, to=PeriodStatus.ENROLLING)
        enrolled_now: set[int] = set()
        for union in unions:
            roster = members[union.pk]
            share = 0.6 if union.code in LOW_SHARE_UNIONS else rng.uniform(0.82, 0.97)
            # Most of last period's members renew; the rest of the places go to newcomers.
            chosen = [m for m in roster if m.pk in previous and rng.random() < 0.95]
            others = [m for m in roster if m.pk not in previous]
            rng.shuffle(others)
            chosen += others[: max(0, round(len(roster) * share) - len(chosen))]
            if demo_member.union_id == union.pk and demo_member not in chosen:
                chosen.append(demo_member)
            on_time = [m for m in chosen if m.pk in previous or rng.random() < 0.7]
            late_comers = [m for m in chosen if m not in on_time]
            for group, day in ((on_time, usual), (late_comers, late)):
                if group:
                    services.enrollment_create(
                        actor=None,
                        period=period,
                        members=group,
                        plans=list(CONTRIBUTIONS),
                        enrolled_on=day,
                    )
            enrolled_now.update(m.pk for m in chosen)
            services.targets_set(
                actor=None,
                period=period,
                targets={union: max(1, round(len(roster) * rng.uniform(0.8, 0.95)))},
            )
            if chosen and not (last and union.code == UNPAID_UNION):
                pending = Enrollment.objects.filter(
                    period=period, union=union, status=EnrollmentStatus.PENDING_PAYMENT
                )
                services.payment_record(
                    actor=None,
                    period=period,
                    union=union,
                    amount=contributions_due(pending, period),
                    paid_on=min(paid_on, timezone.localdate()),
                    note="演示数据",
                )
        services.period_transition(actor=None, period=period, to=PeriodStatus.ACTIVE)
        if not last:
            services.period_transition(actor=None, period=period, to=PeriodStatus.CLOSED)
        previous = enrolled_now
