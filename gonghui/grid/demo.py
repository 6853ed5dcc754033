"""Demo data of the grid: a grid per grassroots union of 路桥街道 and 金清镇 with their grid
members, the demo grid member (login gridman) of 路桥街道's first union with live cases (one
wage arrears of 12 workers sent to the county), the demo member's report and legal question,
and the year's history of 金清镇: 70 labour disputes settled, involving 416,000 yuan (seed 001's
figure, reproducible with `dashboard.by_town`); legal-service events and health checks."""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.grid.models import (
    CHECKLIST,
    Action,
    Case,
    CaseEvent,
    Channel,
    Grid,
    GridParameters,
    HealthCheck,
    Kind,
    LegalEvent,
    LegalEventKind,
    LegalQuestion,
    Level,
    Party,
    Severity,
    Status,
)
from gonghui.grid.services import cases, grids
from gonghui.orgs.models import Enterprise, Member, Organisation

HISTORY_TOWN = "LQ09"  # 金清镇总工会
HISTORY_CASES = 70
HISTORY_AMOUNT = Decimal("416000")
DUTY_MOBILE = "13900009999"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚"


def _name(rng) -> str:
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, 2))


@transaction.atomic
def load(orgs: dict) -> None:
    federation = orgs["federation"]
    if Grid.objects.filter(union__path__startswith=federation.path).exists():
        return
    rng = random.Random(20261205)
    GridParameters.objects.update_or_create(
        federation=federation, defaults={"duty_mobile": DUTY_MOBILE}
    )
    for town_code in ("LQ01", HISTORY_TOWN):
        town = Organisation.objects.get(code=town_code)
        for union in town.children.filter(kind__in=("single", "joint")).order_by("code"):
            grid = grids.grid_ensure(actor=None, union=union, name=union.name.removesuffix(
                "工会委员会") + "工会网格")  # fmt: skip
            for index, firm in enumerate(union.enterprises.order_by("id")):
                cadre = Member.objects.filter(union=union, enterprise=firm).order_by("id").first()
                if cadre is None:
                    continue
                user = None
                if union == orgs["union"] and index == 0:
                    user = User.objects.get(username="gridman")
                grids.grid_member_appoint(actor=None, grid=grid, enterprise=firm, member=cadre,
                                          user=user)  # fmt: skip
            for helper in Member.objects.filter(union=union).order_by("id")[3:5]:
                grids.micro_member_add(actor=None, grid=grid, member=helper, workshop="一车间")
    _live_cases(orgs)
    _history(rng, Organisation.objects.get(code=HISTORY_TOWN))
    _legal(rng, orgs)


def _live_cases(orgs) -> None:
    gridman = User.objects.get(username="gridman")
    firm = Enterprise.objects.get(grid_member__user=gridman)
    workers = list(Member.objects.filter(enterprise=firm).order_by("id")[:12])
    worker_parties = [{"role": "worker", "name": w.name, "id_number": w.id_number,
                       "mobile": w.mobile} for w in workers]  # fmt: skip
    enterprise_party = {"role": "enterprise", "name": firm.name}
    cases.case_file(
        actor=gridman, kind=Kind.WAGE_ARREARS, severity=Severity.HIGH, title="拖欠工资两个月",
        facts="车间12名职工反映企业拖欠10月、11月工资。", people=12, amount="86400",
        enterprise=firm, parties=[*worker_parties, enterprise_party], location="车间办公室",
    )  # fmt: skip
    quarrel = cases.case_file(
        actor=gridman, kind=Kind.LABOUR_DISPUTE, severity=Severity.LOW, title="油费报销争执",
        facts="两名职工因500元油费报销产生争执。", people=2, amount="500", enterprise=firm,
        parties=[*worker_parties[:2], enterprise_party],
    )  # fmt: skip
    cases.case_accept(actor=gridman, case=quarrel, note="网格员林江当日受理")
    for title, kind, severity in (
        ("加班费计算有异议", Kind.LABOUR_DISPUTE, Severity.MEDIUM),
        ("冲压车间防护罩缺失", Kind.RISK, Severity.CRITICAL),
        ("职工家庭突发困难", Kind.HARDSHIP, Severity.MEDIUM),
        ("社保缴费基数咨询", Kind.CONSULTATION, Severity.LOW),
    ):
        cases.case_file(actor=gridman, kind=kind, severity=severity, title=title,
                        facts=title + "，网格员走访发现。", people=1, enterprise=firm,
                        parties=[*(worker_parties[2:3] or worker_parties[:1]), enterprise_party])  # fmt: skip
    member = orgs["member"]
    if member.user_id is None:  # as the first SMS sign-in makes it (accounts.services)
        member.user = User.objects.create(username=f"m{member.pk}", role="member",
                                          display_name=member.name)  # fmt: skip
        member.user.set_unusable_password()
        member.user.save(update_fields=["password"])
        member.save(update_fields=["user"])
    cases.case_file(
        actor=member.user, kind=Kind.LABOUR_DISPUTE, severity=Severity.MEDIUM,
        title="调岗降薪", facts="未经协商被调岗并降低工资。", people=1,
        parties=[{"role": "worker", "name": member.name, "mobile": member.mobile}],
    )  # fmt: skip


def _history(rng, town) -> None:
    """The year's settled labour disputes of one town: 70 cases, 416,000 yuan in all."""
    unions = list(Organisation.objects.filter(parent=town, kind__in=("single", "joint")))
    staff = User.objects.filter(role="town_staff").first() or User.objects.get(username="admin")
    today = timezone.localdate()
    year_start = datetime.date(today.year, 1, 1)
    span = (today - year_start).days or 1
    weights = [rng.randint(2, 12) for _ in range(HISTORY_CASES)]
    amounts = [(HISTORY_AMOUNT * w / sum(weights)).quantize(Decimal("1")) for w in weights]
    amounts[-1] += HISTORY_AMOUNT - sum(amounts)
    for number, amount in enumerate(amounts, start=1):
        union = unions[number % len(unions)]
        firm = union.enterprises.order_by("id").first()
        day = year_start + datetime.timedelta(days=rng.randrange(span))
        filed = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 30)))
        closed = filed + datetime.timedelta(days=rng.randint(3, 20))
        closed = min(closed, timezone.now())
        case = Case.objects.create(
            code=f"WG{day:%y%m%d}H{number:04d}",
            kind=Kind.WAGE_ARREARS if number % 3 else Kind.LABOUR_DISPUTE,
            severity=Severity.MEDIUM, status=Status.CLOSED, level=Level.UNION,
            channel=Channel.GRID, union=union, town=town, org=union, enterprise=firm,
            title="劳资纠纷调解", facts="职工反映工资结算纠纷，经职工服务站调解解决。",
            people=rng.randint(1, 6), amount=amount, recovered=amount, filed_by=staff,
            filed_at=filed, first_action_at=filed + datetime.timedelta(hours=rng.randint(2, 40)),
            settled_at=closed, closed_at=closed, closing_report="调解成功，款项已付清。",
        )  # fmt: skip
        Party.objects.create(case=case, role="worker", name=_name(rng))
        if firm is not None:
            Party.objects.create(case=case, role="enterprise", name=firm.name)
        for action, before, after in (
            (Action.FILE, "", Status.REGISTERED),
            (Action.ACCEPT, Status.REGISTERED, Status.ACCEPTED),
            (Action.SETTLE, Status.ACCEPTED, Status.SETTLED),
            (Action.CLOSE, Status.SETTLED, Status.CLOSED),
        ):
            CaseEvent.objects.create(case=case, action=action, from_status=before,
                                     to_status=after, level=Level.UNION, actor=staff)  # fmt: skip


def _legal(rng, orgs) -> None:
    federation = orgs["federation"]
    lawyer = User.objects.get(username="lawyer")
    members = list(Member.objects.filter(union=orgs["union"]).order_by("id")[:8])
    texts = ["试用期可以不签劳动合同吗？", "加班费按什么标准计算？", "公司未缴社保怎么办？",
             "工伤认定需要哪些材料？", "被辞退能拿到经济补偿吗？"]  # fmt: skip
    now = timezone.now()
    for index, member in enumerate(members):
        question = LegalQuestion.objects.create(
            member=member, federation=federation, category=("contract", "wages", "insurance",
                                                            "injury", "other")[index % 5],
            text=texts[index % len(texts)],
        )  # fmt: skip
        if index % 2 == 0:
            LegalQuestion.objects.filter(pk=question.pk).update(
                answer="根据《劳动合同法》相关规定，建议先与单位协商，协商不成可申请劳动仲裁。",
                answered_by=lawyer, answered_at=now,
            )  # fmt: skip
    demo_member = orgs["member"]
    LegalQuestion.objects.create(member=demo_member, federation=federation, category="wages",
                                 text="年休假没休完，单位要折算工资吗？")  # fmt: skip
    year = timezone.localdate().year
    for number in range(12):
        day = datetime.date(year, 1 + number % 11, 10 + number % 15)
        LegalEvent.objects.create(
            federation=federation,
            kind=LegalEventKind.SERVICE if number % 2 else LegalEventKind.EDUCATION,
            date=min(day, timezone.localdate()), topic="劳动合同法进企业", attendees=30 + number,
        )  # fmt: skip
    admin = User.objects.get(username="admin")
    for firm in Enterprise.objects.filter(union__parent__code="LQ01").order_by("id")[:10]:
        results = {key: rng.random() > 0.2 for key, _label in CHECKLIST}
        fine = all(results.values())
        HealthCheck.objects.create(
            enterprise=firm, org=firm.union, date=timezone.localdate() - datetime.timedelta(
                days=rng.randint(10, 200)), results=results,
            findings="" if fine else "部分项目需整改",
            rectify_by=None if fine else timezone.localdate() + datetime.timedelta(days=30),
            checked_by=admin,
        )  # fmt: skip
