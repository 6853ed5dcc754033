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
from gonghui.craftsman.models import ContestResult, Honour, HonourLevel, Scheme, Title
from gonghui.orgs.models import Member, MemberStatus

CRAFTSMAN_APPLICATIONS = 260
CONTESTS = 54
TRADES = [
    "模具工",
    "汽车维修工",
    "机动车驾驶教练员",
    "焊工",
    "电工",
    "钳工",
    "车工",
    "铣工",
    "数控车工",
    "数控铣工",
    "加工中心操作工",
    "工业机器人系统运维员",
    "电子商务师",
    "快递员",
    "网约配送员",
    "中式烹调师",
    "中式面点师",
    "美容师",
    "美发师",
    "育婴员",
    "养老护理员",
    "保育员",
    "茶艺师",
    "塑料制品成型工",
    "注塑模具工",
    "汽车装调工",
    "电梯安装维修工",
    "起重装卸机械操作工",
    "叉车司机",
    "家政服务员",
    "眼镜验光员",
    "化学检验员",
    "水泥生产工",
    "建筑信息模型技术员",
]
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


def load(orgs: dict, base_url: str = "") -> None:
    federation = orgs["federation"]
    if Scheme.objects.filter(federation=federation).exists():
        return
    service_switch_set(
        actor=None, federation=federation, key="craftsman", enabled=True, note="演示数据"
    )
    Demo(orgs, random.Random(20261205), base_url).run()


class Demo:
    def __init__(self, orgs, rng, base_url=""):
        self.orgs, self.rng, self.base_url = orgs, rng, base_url
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

    def contests(self, people, admin) -> None:
        """Seed 000: 50+ contests a year, 1,000+ contestants, 30+ trades (seed 002: mould
        makers, car repair, driving instructors)."""
        prizes = [
            ("一等奖", "CONTEST.CITY_1", "CONTEST.COUNTY_1"),
            ("二等奖", "CONTEST.CITY_2", "CONTEST.COUNTY_2"),
            ("三等奖", "CONTEST.CITY_3", "CONTEST.COUNTY_3"),
        ]
        results = []
        for number in range(CONTESTS):
            trade = TRADES[number % len(TRADES)]
            level = "city" if number % 5 == 0 else "county"
            day = self.today - datetime.timedelta(days=self.rng.randint(20, 330))
            contest = services.contest_create(
                actor=admin,
                name=f"{day.year}年路桥区{trade}职业技能竞赛",
                trade=trade,
                level=level,
                date=day,
                organiser="路桥区总工会、区人力社保局",
            )
            field = self.rng.sample(people, self.rng.randint(20, 35))
            for rank, person in enumerate(field, start=1):
                prize, city_item, county_item = (
                    prizes[min(rank - 1, 2)] if rank <= 6 else ("", "", "")
                )
                results.append(
                    ContestResult(
                        contest=contest,
                        member=person,
                        rank=rank,
                        prize=prize,
                        item=(city_item if level == "city" else county_item) if prize else "",
                        certificate=f"JS{day:%Y}-{number:03d}-{rank:02d}" if prize else "",
                    )
                )
        ContestResult.objects.bulk_create(results, ignore_conflicts=True)

    def archive(self) -> None:
        rows = [
            ("陈国强", False, "全国劳动模范", HonourLevel.NATIONAL, 2020),
            ("林海燕", False, "浙江省劳动模范", HonourLevel.PROVINCIAL, 2019),
            ("王建华", False, "浙江工匠", HonourLevel.PROVINCIAL, 2022),
            ("路桥区模具行业协会技术攻关组", True, "全国工人先锋号", HonourLevel.NATIONAL, 2021),
            (
                "台州市某汽车维修有限公司钣喷班组",
                True,
                "浙江省工人先锋号",
                HonourLevel.PROVINCIAL,
                2023,
            ),
            ("徐晓东", False, "台州市五一劳动奖章", HonourLevel.CITY, 2023),
            ("周丽萍", False, "台州工匠", HonourLevel.CITY, 2024),
            ("路桥区驾驶培训行业教练员班组", True, "台州市工人先锋号", HonourLevel.CITY, 2024),
            ("黄志明", False, "路桥区劳动模范", HonourLevel.COUNTY, 2025),
            ("蒋文斌", False, "路桥工匠", HonourLevel.COUNTY, 2025),
        ]
        for holder, collective, name, level, year in rows:
            Honour.objects.create(
                holder_name=holder,
                collective=collective,
                name=name,
                level=level,
                year=year,
                federation=self.federation,
                valid_from=datetime.date(year, 5, 1),
                valid_until=None,
            )

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
        self.contests(people, admin)
        self.archive()
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
            # The demo member (the first) has served long enough to be named.
            self.apply(model, person, "town_checked", years=12 if person == named[0] else None)
        services.ranking_freeze(actor=admin, scheme=model)
        services.notice_start(
            actor=admin, scheme=model, today=self.today - datetime.timedelta(days=10)
        )
        model.refresh_from_db()
        services.scheme_name(actor=admin, scheme=model, today=self.today, base_url=self.base_url)

    def apply(self, scheme, person, stage, reviewers=(), years=None):
        union_staff = self.keeper(Role.UNION_STAFF, person.union)
        by_union = self.rng.random() < 0.3 or person.user_id is None
        actor = union_staff if by_union or person.user is None else person.user
        application = services.application_apply(
            actor=actor,
            scheme=scheme,
            member=person,
            service_years=years or self.rng.choice([2, 3, 4, 5, 6, 8, 10, 12, 15, 20]),
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
