"""Demo data for the craftsman evaluation (seed 000: each year 200 路桥工匠 and 2,000 新时代
产业工人标兵 selected by points): this year's 路桥工匠 scheme (quota 200) with a few hundred
applications at every review step, and the 标兵 scheme (quota 2,000) taken through notice and
naming, the demo member among those named. Written through the services, as staff and workers
would; names and figures are invented. Idempotent: nothing is added when schemes exist."""

import datetime
import random

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from gonghui.accounts.models import Role, User
from gonghui.core.services import service_switch_set
from gonghui.craftsman import services
from gonghui.craftsman.defaults import default_rules
from gonghui.craftsman.models import Scheme, Title
from gonghui.orgs.models import Member, MemberStatus

CRAFTSMAN_APPLICATIONS = 260
MODEL_WORKER_APPLICATIONS = 60
# Evidence a worker may list: (item, share of workers who have it, quantity range or None).
EVIDENCE = [
    ("CONTEST.PROV_1", 0.03, None),
    ("CONTEST.PROV_2", 0.05, None),
    ("CONTEST.CITY_1", 0.12, None),
    ("CONTEST.CITY_2", 0.15, None),
    ("CONTEST.COUNTY_1", 0.2, None),
    ("CONTEST.COUNTY_3", 0.25, None),
    ("TITLE.COUNTY", 0.08, None),
    ("CERT.L1", 0.15, None),
    ("CERT.L2", 0.25, None),
    ("CERT.L3", 0.35, None),
    ("CERT.L4", 0.2, None),
    ("MENTOR.APPRENTICE", 0.45, (1, 6)),
    ("MENTOR.APPRENTICE_AWARD", 0.1, None),
    ("INNOVATION.PATENT_UTILITY", 0.2, None),
    ("INNOVATION.PATENT_INVENTION", 0.05, None),
    ("INNOVATION.PROJECT", 0.1, None),
]


def load(orgs: dict) -> None:
    federation = orgs["federation"]
    if Scheme.objects.filter(federation=federation).exists():
        return
    service_switch_set(
        actor=None, federation=federation, key="craftsman", enabled=True, note="演示数据"
    )
    Demo(orgs, random.Random(20261205)).run()


class Demo:
    def __init__(self, orgs, rng):
        self.orgs, self.rng = orgs, rng
        self.federation = orgs["federation"]
        self.today = timezone.localdate()
        self.year = self.today.year
        self.staff: dict[tuple[str, int], User] = {}

    def user(self, username, role, org, label) -> User:
        user, _created = User.objects.get_or_create(
            username=username,
            defaults={
                "role": role,
                "org": org,
                "display_name": label,
                "password": make_password(None),
            },
        )
        return user

    def keeper(self, role, org) -> User:
        """The union's chair or the town's officer who takes the step (no login)."""
        key = (role, org.pk)
        if key not in self.staff:
            self.staff[key] = self.user(f"gj-{org.code}", role, org, f"{org.name} · 工匠评选经办")
        return self.staff[key]

    def rules(self) -> dict:
        rules = default_rules(self.year)
        rules["deadline"] = f"{self.year}-12-31"
        return rules

    def evidence(self) -> list[dict]:
        lines = []
        for item, share, quantity in EVIDENCE:
            if self.rng.random() < share:
                day = self.today - datetime.timedelta(days=self.rng.randint(30, 1000))
                ref = (
                    f"LQ-{day.year}-{self.rng.randint(1000, 9999)}"
                    if "CERT" in item or "CONTEST" in item
                    else ""
                )
                lines.append(
                    {
                        "item": item,
                        "date": day,
                        "ref": ref,
                        "quantity": self.rng.randint(*quantity) if quantity else 1,
                    }
                )
        return lines

    def run(self) -> None:
        admin = self.user("admin", Role.COUNTY_ADMIN, self.federation, "县总工会 · 管理员")
        people = list(
            Member.objects.filter(
                union__path__startswith=self.federation.path, status=MemberStatus.ACTIVE
            )
            .exclude(pk=self.orgs["member"].pk)
            .select_related("union__parent", "enterprise")
            .order_by("id")[:3000]
        )
        self.rng.shuffle(people)
        local = [p for p in people if p.union_id == self.orgs["union"].pk]
        others = [p for p in people if p.union_id != self.orgs["union"].pk]
        craftsman = services.scheme_create(
            actor=admin,
            federation=self.federation,
            year=self.year,
            title=Title.CRAFTSMAN,
            name=f"{self.year}年度路桥工匠评选",
            quota=200,
            rules=self.rules(),
        )
        model = services.scheme_create(
            actor=admin,
            federation=self.federation,
            year=self.year,
            title=Title.MODEL_WORKER,
            name=f"{self.year}年度新时代产业工人标兵评选",
            quota=2000,
            rules=self.rules(),
        )
        reviewer = self.user(
            "reviewer", Role.COUNTY_REVIEWER, self.federation, "县总工会 · 审核员王"
        )
        reviewer2 = self.user(
            "reviewer2", Role.COUNTY_REVIEWER, self.federation, "县总工会 · 复核员陈"
        )
        for expert in (reviewer, reviewer2):
            services.expert_add(actor=admin, scheme=craftsman, user=expert)
        # The demo union's own workers wait for its chair (张主席), then the town's (李干事).
        applicants = local[:6] + others[: CRAFTSMAN_APPLICATIONS - 6]
        for number, person in enumerate(applicants):
            stage = (
                "submitted" if number < 4 else "union_checked" if number < 20 else "town_checked"
            )
            self.apply(craftsman, person, stage, reviewers=(reviewer, reviewer2))
        named = [
            self.orgs["member"],
            *others[CRAFTSMAN_APPLICATIONS:][: MODEL_WORKER_APPLICATIONS - 1],
        ]
        for person in named:
            self.apply(model, person, "town_checked")
        services.ranking_freeze(actor=admin, scheme=model)
        services.notice_start(
            actor=admin, scheme=model, today=self.today - datetime.timedelta(days=10)
        )
        model.refresh_from_db()
        services.scheme_name(actor=admin, scheme=model, today=self.today)

    def apply(self, scheme, person, stage, reviewers=()):
        union_staff = self.keeper(Role.UNION_STAFF, person.union)
        by_union = self.rng.random() < 0.3 or person.user_id is None
        actor = union_staff if by_union or person.user is None else person.user
        application = services.application_apply(
            actor=actor,
            scheme=scheme,
            member=person,
            service_years=self.rng.choice([2, 3, 4, 5, 6, 8, 10, 12, 15, 20]),
            lines=self.evidence(),
            consent_notice=True,
        )
        if stage == "submitted":
            return application
        lines = list(application.lines.all())
        if lines and self.rng.random() < 0.1:
            services.line_refuse(
                actor=union_staff, line=lines[-1], reason="证书复印件不清晰，请补交原件"
            )
        services.application_check(actor=union_staff, application=application)
        if stage == "union_checked":
            return application
        town_staff = self.keeper(Role.TOWN_STAFF, person.union.parent)
        services.application_check(actor=town_staff, application=application)
        for expert in reviewers:
            if self.rng.random() < 0.3:
                services.expert_score(
                    actor=expert,
                    application=application,
                    adjustment=self.rng.choice([0, 1, 2, -1]),
                    comment="技术过硬，带徒成效明显",
                )
        return application
