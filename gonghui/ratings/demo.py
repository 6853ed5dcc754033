"""Demo data for the union ratings (seed 004, Anji). The demo federation (路桥, LQ) gets the
programmes and a few applications at every step, written through the services; a second
demo federation, 安吉县总工会（创建示范）(code AJ), holds records that reproduce the seed's
figures: 419 three-star and 131 five-star workers' homes in force (348 and 70 in private
enterprises); 三型工会: 316 applied, 241 passed — 99 合格型, 77 规范型, 65 模范型; 快乐车间:
190 enterprises with 210 workshops; standardisation (六个有 everywhere, 双亮 95 %+) and the
yearly cadre appraisal (8 town and 32 private-enterprise cadres commended). Written with
bulk_create to stay fast. Idempotent: nothing is added when the AJ federation exists."""

import datetime
import random

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from gonghui.accounts.models import Role, User
from gonghui.core import sample
from gonghui.core.services import service_switch_set
from gonghui.craftsman.scoring import Applicant, Evidence, rules_from_mapping, score
from gonghui.orgs.models import Enterprise, Organisation, OrgKind
from gonghui.orgs.services import rebuild_paths
from gonghui.ratings import services
from gonghui.ratings.defaults import ALL_ITEMS, PROGRAMMES, default_rules
from gonghui.ratings.models import (
    Application,
    Event,
    Line,
    Programme,
    RulesVersion,
    StandardItem,
    Status,
    Title,
)
from gonghui.ratings.services.applications import title_dates
from gonghui.ratings.standards import CODES

TOWNS = ["递铺", "孝丰", "天子湖", "天荒坪", "梅溪", "鄣吴", "杭垓", "报福", "章村", "溪龙"]
UNIONS = 560
# 三型工会 outcome → items left out of the full evidence (see defaults.SANXING_SECTIONS).
SANXING = [
    ("MODEL", 65, ()),
    ("STANDARD", 77, ("FINANCE.AUDIT",)),
    ("QUALIFIED", 99, ("DEMOCRACY.CONGRESS",)),
    ("", 75, ("DEMOCRACY.CONGRESS", "FINANCE.AUDIT", "SERVICE.LEARNING", "SERVICE.CARE")),
]


def load(orgs, password: str = "", totp_key: str = "") -> User | None:
    """Returns the AJ administrator's login (None when the demo was loaded before)."""
    if Organisation.objects.filter(code="AJ").exists():
        return None
    _load_lq(orgs)
    return _load_anji(password, totp_key)


def _load_lq(orgs) -> None:
    federation = orgs["federation"]
    admin = User.objects.filter(role=Role.COUNTY_ADMIN, org=federation).first()
    union_staff = User.objects.filter(role=Role.UNION_STAFF, org=orgs["union"]).first()
    town = User.objects.filter(role=Role.TOWN_STAFF, org=orgs["town"]).first()
    if not (admin and union_staff and town):
        return
    made = {}
    for code, name, kind, levels, years, award in PROGRAMMES:
        made[code] = services.programme_create(
            actor=admin,
            federation=federation,
            code=code,
            name=name,
            applicant_kind=kind,
            rules=default_rules(levels),
            validity_years=years,
            award=award,
        )
    day = timezone.localdate() - datetime.timedelta(days=30)
    evidence = [{"item": i, "date": day, "quantity": q} for i, q in ALL_ITEMS]
    services.application_apply(actor=union_staff, programme=made["sanxing"], lines=evidence)
    other = services.application_apply(
        actor=union_staff, programme=made["star_home"], lines=evidence
    )
    services.pre_assess(actor=town, application=other, note="材料齐全")


def _load_anji(password: str, totp_key: str) -> User:
    rng = random.Random(20141231)
    today = timezone.localdate()
    federation = Organisation.objects.create(
        code="AJ", name="安吉县总工会（创建示范）", kind=OrgKind.FEDERATION
    )
    towns = [
        Organisation.objects.create(
            code=f"AJ{n:02d}", name=f"{name}镇总工会", kind=OrgKind.TOWN, parent=federation
        )
        for n, name in enumerate(TOWNS, 1)
    ]
    rebuild_paths([federation])
    for town in towns:
        town.refresh_from_db()
    unions = Organisation.objects.bulk_create(
        Organisation(
            code=f"AJ-U{n:03d}",
            name=f"安吉{rng.choice('华宏金鑫恒达泰丰')}{n:03d}有限公司工会委员会",
            kind=OrgKind.SINGLE,
            parent=towns[n % len(towns)],
            depth=2,
        )
        for n in range(1, UNIONS + 1)
    )
    if unions[0].pk is None:  # a backend that does not return keys
        unions = list(Organisation.objects.filter(code__startswith="AJ-U").order_by("code"))
    for union in unions:
        union.path = f"{union.parent.path}{union.pk}/"
    Organisation.objects.bulk_update(unions, ["path"])
    enterprises = Enterprise.objects.bulk_create(
        Enterprise(
            name=union.name.removesuffix("工会委员会"),
            credit_code=sample.credit_code(rng),
            staff_count=rng.randint(60, 600),
            industry=rng.choice(["竹木制品", "转椅家具", "白茶", "机械"]),
            union=union,
            area=union.parent,
        )
        for union in unions[:190]
    )
    if enterprises[0].pk is None:
        enterprises = list(Enterprise.objects.filter(union__in=unions[:190]).order_by("pk"))
    service_switch_set(actor=None, federation=federation, key="ratings", enabled=True)
    admin = User.objects.create(
        username="anji",
        role=Role.COUNTY_ADMIN,
        org=federation,
        display_name="安吉县总工会（创建示范）· 管理员",
        password=make_password(password) if password else "!",
        is_staff=True,
        is_superuser=True,
    )
    if totp_key:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        TOTPDevice.objects.create(user=admin, name="demo", key=totp_key, confirmed=True)
    programmes = {}
    for code, name, kind, levels, years, award in PROGRAMMES:
        programmes[code] = programme = Programme.objects.create(
            federation=federation,
            code=code,
            name=name,
            applicant_kind=kind,
            validity_years=years,
            award=award,
        )
        RulesVersion.objects.create(
            programme=programme,
            number=1,
            rules=services.clean_rules(default_rules(levels)),
            created_by=admin,
            frozen_at=timezone.now(),
        )
    start = today - datetime.timedelta(days=400)
    titles = []

    def title(programme, holder, level, level_name, private=True, enterprise=None, app=None):
        dates = title_dates(programme, start)
        titles.append(
            Title(
                programme=programme,
                holder=holder,
                enterprise=enterprise,
                application=app,
                level=level,
                level_name=level_name,
                private=private,
                award=programme.award,
                award_paid_on=start if programme.award else None,
                **dates,
            )
        )

    homes = programmes["star_home"]
    for n, union in enumerate(unions[:419]):
        title(homes, union, "STAR3", "三星", private=n < 348)
    for n, union in enumerate(unions[419:550]):
        title(homes, union, "STAR5", "五星", private=n < 70)
    workshops = programmes["happy_workshop"]
    for n in range(210):
        enterprise = enterprises[n % 190]
        title(workshops, enterprise.union, "PASSED", "达标", enterprise=enterprise)
    _sanxing(programmes["sanxing"], unions, admin, title)
    Title.objects.bulk_create(titles)
    StandardItem.objects.bulk_create(
        StandardItem(
            union=union,
            code=code,
            done=not (code == "SHOW_CHAIR" and n % 25 == 0),
            verified_at=timezone.now(),
        )
        for n, union in enumerate(unions)
        for code in CODES
    )
    _appraisal(federation, towns, unions, admin, rng)
    return admin


def _sanxing(programme, unions, admin, title) -> None:
    version = programme.versions.get()
    rules = rules_from_mapping(version.rules)
    applied = timezone.now() - datetime.timedelta(days=420)
    day = applied.date() - datetime.timedelta(days=30)
    plans = []
    for level, count, missing in SANXING:
        items = [(i, q) for i, q in ALL_ITEMS if i not in missing]
        result = score(
            Applicant(
                id="x",
                evidence=tuple(Evidence(item=i, date=day, quantity=q) for i, q in items),
            ),
            rules,
        )
        assert (result.level or "") == level, (level, result.level)
        plans += [(items, result)] * count
    applications = Application.objects.bulk_create(
        Application(
            programme=programme,
            version=version,
            applicant=unions[n],
            filed_by=admin,
            applied_at=applied,
            status=Status.NAMED if result.level else Status.REFUSED,
            self_score=result.total,
            self_level=result.level or "",
            self_trace=[s.text for s in result.trace],
            score=result.total,
            level=result.level or "",
            trace=[s.text for s in result.trace],
        )
        for n, (_items, result) in enumerate(plans)
    )
    if applications[0].pk is None:
        applications = list(Application.objects.filter(programme=programme).order_by("pk"))
    Line.objects.bulk_create(
        Line(
            application=application,
            number=k,
            item=item,
            date=day,
            quantity=quantity,
            points=result.lines[k - 1].points,
        )
        for application, (items, result) in zip(applications, plans, strict=True)
        for k, (item, quantity) in enumerate(items, 1)
    )
    names = {level.code: level.name for level in rules.levels}
    Event.objects.bulk_create(
        Event(
            application=application,
            action="name" if application.level else "refuse",
            from_status=Status.ON_NOTICE if application.level else Status.ASSESSED,
            to_status=application.status,
            actor=admin,
        )
        for application in applications
    )
    for application in applications:
        if application.level:
            title(
                programme,
                application.applicant,
                application.level,
                names[application.level],
                app=application,
            )


def _appraisal(federation, towns, unions, admin, rng) -> None:
    from gonghui.ratings.models import Appraisal, Appraisee

    rules = {
        "deadline": f"{timezone.localdate().year}-12-31",
        "window_years": 1,
        "min_service_years": 0,
        "adjust_cap": 0,
        "sections": [
            {
                "code": "WORK",
                "name": "工作实绩",
                "cap": 100,
                "mode": "sum",
                "window": False,
                "items": [
                    {"code": "BUILD", "name": "新建工会", "points": 5, "per_unit": True},
                    {
                        "code": "MEMBERS",
                        "name": "发展会员（每百人）",
                        "points": 2,
                        "per_unit": True,
                    },
                    {"code": "EVENT", "name": "组织活动", "points": 3, "per_unit": True},
                ],
            }
        ],
    }
    appraisal = Appraisal.objects.create(
        federation=federation,
        year=timezone.localdate().year - 1,
        name="年度工会干部考核评比",
        rules=rules,
        quotas={"镇街干部": 8, "非公企业干部": 32},
    )
    day = f"{timezone.localdate().year}-06-01"
    people = [("镇街干部", towns[n % len(towns)], f"镇干部{n + 1:02d}") for n in range(12)]
    people += [("非公企业干部", unions[n * 7], f"企业干部{n + 1:02d}") for n in range(45)]
    Appraisee.objects.bulk_create(
        Appraisee(
            appraisal=appraisal,
            name=name,
            union=union,
            group=group,
            evidence=[
                {"item": "WORK.BUILD", "date": day, "quantity": rng.randint(1, 6)},
                {"item": "WORK.MEMBERS", "date": day, "quantity": rng.randint(1, 10)},
                {"item": "WORK.EVENT", "date": day, "quantity": rng.randint(1, 8)},
            ],
        )
        for group, union, name in people
    )
    for person in appraisal.appraisees.all():
        person.score = services.appraisals._scored(
            appraisal, person.pk, person.evidence, person.group
        ).total
        person.save(update_fields=["score"])
    services.appraisal_rank(actor=admin, appraisal=appraisal)
