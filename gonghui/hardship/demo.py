"""Demo hardship data for the demo federation (路桥区总工会): about 40 household files in
every tier and state, the 低保 standards and aid limits, seasonal campaigns with their
recipients and payments, and cadres paired with workers (some without a visit for months).

Everything is written through the services, as staff would; afterwards the history is
moved back in time so the files look like a year and a half of work. Names and figures are
invented. Idempotent: nothing is added when the federation already has hardship files."""

import datetime
import random
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gonghui.accounts.models import Role, User
from gonghui.consent.models import How
from gonghui.consent.services import agreement_as_shown
from gonghui.core.dates import working_day_end
from gonghui.deadlines.calendar import calendar_for_org
from gonghui.hardship.models import (
    Action,
    AidLimit,
    AidType,
    CampaignKind,
    Cause,
    CloseReason,
    FamilyMember,
    FileEvent,
    FundingSource,
    HardshipFile,
    Health,
    Housing,
    Relation,
    Schooling,
    Status,
    Tier,
    TierDecision,
    VisitMode,
)
from gonghui.hardship.services import aid as aid_services
from gonghui.hardship.services import campaigns as campaign_services
from gonghui.hardship.services import files as file_services
from gonghui.hardship.services import pairs as pair_services
from gonghui.hardship.services import parameters
from gonghui.orgs.models import Member, MemberStatus, Organisation

STANDARDS = {-1: Decimal("1060"), 0: Decimal("1120")}  # 低保, yuan a month, last and this year
LIMITS = [
    (Tier.ACCIDENTAL, AidType.LIVING, Decimal("6"), None),
    (Tier.DEEP, AidType.MEDICAL, None, Decimal("20000")),
    (Tier.RELATIVE, AidType.MEDICAL, None, Decimal("10000")),
    (Tier.ACCIDENTAL, AidType.MEDICAL, None, Decimal("20000")),
    (Tier.ACCIDENTAL, AidType.EMERGENCY, None, Decimal("10000")),
    (Tier.DEEP, AidType.EMERGENCY, None, Decimal("5000")),
    (Tier.RELATIVE, AidType.EMERGENCY, None, Decimal("3000")),
]
# The files in the order they are made, as (final state, tier). Workers come round-robin
# from the demo street's four unions and one town's four, so the first files land in
# different unions and each demo login finds a step waiting: the union (张主席) a new
# application, the street (李干事) a visit to verify, the county a notice that has ended.
PLAN = [
    ("active", Tier.DEEP),
    ("visited", Tier.RELATIVE),
    ("notice_ended", Tier.DEEP),
    ("applied", Tier.RELATIVE),
    ("public_notice", Tier.RELATIVE),
    ("union_reviewed", Tier.DEEP),
    ("town_verified", Tier.DEEP),
    ("returned", Tier.RELATIVE),
    ("applied", Tier.RELATIVE),
    *[("active", Tier.DEEP)] * 8,
    *[("active", Tier.RELATIVE)] * 11,
    *[("active", Tier.ACCIDENTAL)] * 5,
    *[("overdue", Tier.DEEP)] * 2,
    *[("overdue", Tier.RELATIVE)] * 2,
    *[("closed", Tier.RELATIVE)] * 2,
    ("fallen_back", Tier.DEEP),
]
# Days after the application on which each step is taken.
STEP_DAYS = {
    Action.RETURN: 2,
    Action.UNION_REVIEW: 5,
    Action.RECORD_VISIT: 12,
    Action.TOWN_VERIFY: 18,
    Action.START_NOTICE: 20,
    Action.APPROVE: 30,
    Action.CLOSE: 100,
    Action.REOPEN: 190,
    Action.REVIEW: 380,
}
NOTICE_DAYS = 6
# How many days ago a file in each state was applied for: (fewest, most).
STARTED_DAYS_AGO = {
    "applied": (1, 10),
    "returned": (3, 12),
    "union_reviewed": (6, 15),
    "visited": (13, 20),
    "town_verified": (19, 25),
    "public_notice": (21, 23),
    "notice_ended": (28, 32),
    "active": (120, 520),
    "overdue": (430, 560),
    "closed": (120, 400),
    "fallen_back": (200, 240),
}
CAUSE_BY_TIER = {
    Tier.DEEP: [Cause.ILLNESS, Cause.DISABILITY, Cause.ILLNESS, Cause.SCHOOLING],
    Tier.RELATIVE: [Cause.SCHOOLING, Cause.UNEMPLOYMENT, Cause.ILLNESS, Cause.DISABILITY],
    Tier.ACCIDENTAL: [Cause.ACCIDENT, Cause.DISASTER, Cause.ACCIDENT],
}
STATEMENTS = {
    Cause.ILLNESS: "爱人患尿毒症，每周透析三次，家中积蓄已花完。",
    Cause.DISABILITY: "本人工伤致残，只能做轻活，收入大减。",
    Cause.SCHOOLING: "两个孩子读书，一个读大学，学费生活费负担重。",
    Cause.UNEMPLOYMENT: "爱人所在厂关停后一直没找到工作。",
    Cause.ACCIDENT: "今年三月骑车上班途中被撞，住院两个月，手术费用高。",
    Cause.DISASTER: "台风中房屋受损，修缮花了大半年收入。",
}
CADRES = [
    ("cadre-wang", "路桥街道总工会 · 王干事"),
    ("cadre-chen", "路桥街道总工会 · 陈干事"),
    ("cadre-lin", "路桥街道总工会 · 林副主席"),
    ("cadre-zhou", "路桥街道总工会 · 周干事"),
    ("cadre-xu", "路桥街道总工会 · 徐干事"),
]
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"
VISIT_NOTES = [
    (VisitMode.HOME, "上门看望，送去米油，了解孩子学习情况。"),
    (VisitMode.PHONE, "电话询问爱人病情，提醒办理医保报销。"),
    (VisitMode.WORKPLACE, "到企业了解其工作安排，协调调整为白班。"),
    (VisitMode.HOME, "上门帮助填写大病救助申请材料。"),
]


@transaction.atomic
def load(orgs: dict) -> None:
    federation: Organisation = orgs["federation"]
    if HardshipFile.objects.filter(member__union__path__startswith=federation.path).exists():
        return
    Demo(orgs, random.Random(20261122)).run()


class Demo:
    def __init__(self, orgs, rng):
        self.orgs, self.rng = orgs, rng
        self.federation, self.town = orgs["federation"], orgs["town"]
        self.today = timezone.localdate()
        self.year = self.today.year
        self.admin = self._user(Role.COUNTY_ADMIN, self.federation, "hs-admin", "县总工会 · 管理员")
        self.reviewer = self._user(
            Role.COUNTY_REVIEWER, self.federation, "hs-reviewer", "县总工会 · 审核员"
        )
        self.finance = self._user(
            Role.COUNTY_FINANCE, self.federation, "hs-finance", "县总工会 · 财务"
        )

    # --- people ------------------------------------------------------------------------

    def _user(self, role, org, username, label) -> User:
        """The demo login of that role there, or a demo colleague without a password."""
        existing = User.objects.filter(role=role, org=org).order_by("pk").first()
        if existing is not None:
            return existing
        user = User(username=username, role=role, org=org, display_name=label)
        user.set_unusable_password()
        user.save()
        return user

    def _union_staff(self, union) -> User:
        return self._user(
            Role.UNION_STAFF, union, f"hs-{union.code}", f"{union.name[:12]} · 工会主席"
        )

    def _town_staff(self, union) -> User:
        town = union.parent
        return self._user(Role.TOWN_STAFF, town, f"hs-{town.code}", f"{town.name} · 帮扶干事")

    def _workers(self) -> list[Member]:
        """The demo member first (so the phone demo has a file), then members of the demo
        street's unions and of one town's, taken in turn from each union."""
        demo_member = self.orgs["member"]
        unions = list(Organisation.objects.filter(parent=self.town).order_by("code"))
        unions += list(Organisation.objects.filter(parent__code="LQ06").order_by("code"))
        per_union = [
            list(
                Member.objects.filter(union=union, status=MemberStatus.ACTIVE)
                .exclude(pk=demo_member.pk)
                .order_by("pk")[:6]
            )
            for union in unions
        ]
        per_union[unions.index(demo_member.union)].insert(0, demo_member)
        return [members[turn] for turn in range(6) for members in per_union if turn < len(members)]

    # --- the run -----------------------------------------------------------------------

    def run(self) -> None:
        self._parameters()
        self.files = [
            self._file(worker, state, tier, seed)
            for seed, (worker, (state, tier)) in enumerate(
                zip(self._workers()[: len(PLAN)], PLAN, strict=True)
            )
        ]
        self._aid()
        self._campaigns()
        self._pairs()

    def _parameters(self) -> None:
        for offset, amount in STANDARDS.items():
            parameters.standard_set(
                actor=self.admin,
                area=self.federation,
                year=self.year + offset,
                monthly_amount=amount,
            )
        for tier, aid_type, months, amount in LIMITS:
            AidLimit.objects.update_or_create(
                area=self.federation,
                tier=tier,
                aid_type=aid_type,
                defaults={"months_of_standard": months, "amount": amount},
            )

    def _figures(self, tier: str) -> dict:
        rng = self.rng
        people = rng.choice((2, 3, 3, 4, 5))
        standard = STANDARDS[0]
        if tier == Tier.DEEP:
            per_person = standard * Decimal(rng.randint(45, 95)) / 100
            spending = {"spending_illness": Decimal(rng.choice((6000, 12000, 18000, 24000)))}
        elif tier == Tier.RELATIVE:
            per_person = standard * Decimal(rng.randint(108, 190)) / 100
            spending = {"spending_schooling": Decimal(rng.choice((0, 3000, 8000, 12000)))}
        else:
            per_person = standard * Decimal(rng.randint(230, 320)) / 100
            spending = {}
        rigid = sum(spending.values(), Decimal(0))
        income = (per_person * 12 * people + rigid).quantize(Decimal("100"))
        figures = {"household_size": people, "annual_income": income, **spending}
        if tier == Tier.ACCIDENTAL:
            figures["emergency_cost"] = (income * Decimal(rng.randint(85, 150)) / 100).quantize(
                Decimal("100")
            )
            figures["emergency_note"] = rng.choice(("车祸住院手术", "突发脑溢血", "台风房屋倒塌"))
        return figures

    def _file(self, worker, state, tier, seed) -> HardshipFile:
        rng = self.rng
        union_staff, town_staff = self._union_staff(worker.union), self._town_staff(worker.union)
        cause = CAUSE_BY_TIER[tier][seed % len(CAUSE_BY_TIER[tier])]
        secondary = rng.sample([c for c in Cause.values if c != cause], rng.choice((0, 1, 1, 2)))
        figures = self._figures(tier)
        applicant = union_staff if worker.user_id is None else worker.user
        file = file_services.file_apply(
            actor=applicant,
            member=worker,
            consent=agreement_as_shown(
                worker,
                "hardship",
                how=How.SELF if applicant is worker.user else How.SIGNED,
                note="" if applicant is worker.user else "职工在申请表上签字同意公示内容",
            ),
            main_cause=cause,
            secondary_causes=secondary,
            housing=rng.choice(Housing.values),
            statement=STATEMENTS[cause],
            bank_name=worker.bank_name,
            account_holder=worker.name,
            bank_card=worker.bank_card,
            **figures,
        )
        self._family(file, cause)
        fewest, most = STARTED_DAYS_AGO[state]
        start = self.today - datetime.timedelta(days=rng.randint(fewest, most))
        self._walk(file, state, tier, union_staff, town_staff, start)
        self._backdate(file, start)
        file.refresh_from_db()
        return file

    def _family(self, file, cause) -> None:
        rng = self.rng
        worker_age = file.member.age
        # (relation, age, in school)
        relatives = [(Relation.SPOUSE, max(worker_age + rng.randint(-4, 4), 22), False)]
        if worker_age < 55:
            relatives.append((Relation.CHILD, rng.randint(4, 21), True))
        if cause == Cause.SCHOOLING and worker_age < 55:
            relatives.append((Relation.CHILD, rng.randint(12, 20), True))
        if rng.random() < 0.3:
            relatives.append((Relation.PARENT, min(worker_age + 26, 92), False))
        for relation, age, in_school in relatives:
            health = Health.HEALTHY
            if relation == Relation.SPOUSE and cause == Cause.ILLNESS:
                health = Health.SERIOUS
            elif relation == Relation.PARENT:
                health = rng.choice((Health.CHRONIC, Health.CARE))
            FamilyMember.objects.create(
                file=file,
                relation=relation,
                name=file.member.name[0] + rng.choice(GIVEN) + rng.choice(GIVEN)
                if relation == Relation.CHILD
                else rng.choice("李王陈林张周") + rng.choice(GIVEN),
                age=age,
                health=health,
                schooling=_school_stage(age) if in_school else Schooling.NONE,
                school_or_employer="台州市路桥区" + _school_name(age) if in_school else "",
                annual_income=Decimal(0)
                if in_school or health != Health.HEALTHY
                else Decimal(rng.choice((18000, 24000, 30000))),
            )

    def _walk(self, file, state, tier, union_staff, town_staff, start) -> None:
        """Take the file to its state through the services, with the dates of each step."""

        def day(action):
            return start + datetime.timedelta(days=STEP_DAYS[action])

        if state == "returned":
            file_services.file_return(
                actor=union_staff, file=file, reason="请补充家庭收入证明和医疗费用发票。"
            )
            return
        if state == "applied":
            return
        reason = "" if tier == file.suggested_tier else "经入户核实，按实际情况认定。"
        file_services.file_union_review(
            actor=union_staff, file=file, tier=tier, reason=reason, note="材料齐全，情况属实。"
        )
        if state == "union_reviewed":
            return
        file_services.file_record_visit(
            actor=union_staff,
            file=file,
            visited_on=day(Action.RECORD_VISIT),
            visitors=f"{union_staff.display_name}、{town_staff.display_name}",
            findings=self.rng.choice(
                (
                    "家中陈设简陋，爱人卧床，孩子懂事。",
                    "住房为老旧平房，屋顶漏雨。",
                    "医药费票据齐全，与申报一致。",
                )
            ),
        )
        if state == "visited":
            return
        file_services.file_town_verify(
            actor=town_staff, file=file, note="经核实，家庭收入情况属实。"
        )
        if state == "town_verified":
            return
        notice_start = day(Action.START_NOTICE)
        file_services.file_start_notice(
            actor=town_staff,
            file=file,
            starts_on=notice_start,
            # A week, longer over a holiday (the working-day calendar).
            ends_on=max(
                notice_start + datetime.timedelta(days=NOTICE_DAYS),
                working_day_end(
                    notice_start,
                    settings.HARDSHIP_NOTICE_MIN_WORKING_DAYS,
                    calendar_for_org(file.member.union),
                ),
            ),
            place="企业厂务公开栏及街道公示栏",
        )
        if state == "public_notice":
            file_services.objection_record(
                actor=town_staff,
                file=file,
                received_on=notice_start + datetime.timedelta(days=1),
                raised_by="匿名来电",
                content="反映其家中另有门面出租收入。",
            )
            return
        if state == "notice_ended":
            return
        file_services.file_approve(actor=self.reviewer, file=file)
        if state == "active" and day(Action.REVIEW) <= self.today:
            file_services.file_review(
                actor=union_staff, file=file, note="年度复核：家庭收入无明显变化，维持原档次。"
            )
        if state in {"active", "overdue"}:
            return
        file_services.file_close(
            actor=union_staff,
            file=file,
            reason=CloseReason.RETIRED if file.pk % 2 else CloseReason.OUT_OF_HARDSHIP,
            note="家庭情况好转，本人申请退出。",
        )
        if state == "closed":
            return
        file_services.file_reopen(
            actor=union_staff, file=file, note="爱人旧病复发再次住院，家庭重新陷入困难。"
        )

    def _backdate(self, file, start) -> None:
        """Move each event, and the file's dates, to the day its step is meant to have been
        taken (the services stamp them with today)."""
        days = {Action.APPLY: start}
        for action, offset in STEP_DAYS.items():
            days[action] = start + datetime.timedelta(days=offset)
        for event in file.events.all():
            when = timezone.make_aware(
                datetime.datetime.combine(days[event.action], datetime.time(9, 30))
            )
            FileEvent.objects.filter(pk=event.pk).update(at=when)
            if event.action == Action.UNION_REVIEW:
                TierDecision.objects.filter(file=file).update(decided_at=when)
        actions = set(file.events.values_list("action", flat=True))
        changes = {"applied_on": start}
        if Action.APPROVE in actions:
            changes["approved_on"] = days[Action.APPROVE]
            changes["reviewed_on"] = days[
                Action.REVIEW if Action.REVIEW in actions else Action.APPROVE
            ]
        if file.status == Status.CLOSED:
            changes["closed_on"] = days[Action.CLOSE]
        HardshipFile.objects.filter(pk=file.pk).update(**changes)

    # --- aid, campaigns, pairs ----------------------------------------------------------

    def _active(self, tier=None) -> list[HardshipFile]:
        files = [f for f in self.files if f.status == Status.ACTIVE]
        return [f for f in files if tier is None or f.tier == tier]

    def _aid(self) -> None:
        for file in self._active(Tier.DEEP)[:6]:
            for month in (3, 6, 9):
                self._give(file, AidType.LIVING, Decimal(1120), datetime.date(self.year, month, 10))
        for file in self._active(Tier.ACCIDENTAL):
            self._give(file, AidType.EMERGENCY, Decimal(2000), file.approved_on)
        for file in self._active(Tier.DEEP)[:4]:
            self._give(file, AidType.MEDICAL, Decimal(2500), datetime.date(self.year, 5, 20))
        heavy = self._active(Tier.DEEP)[0]
        self._give(
            heavy,
            AidType.LIVING,
            Decimal(11000),
            datetime.date(self.year, 10, 8),
            over_limit_reason="爱人肾移植术后需长期服药，经主席办公会研究同意。",
        )

    def _give(self, file, aid_type, amount, day, **extra) -> None:
        day = min(max(day, file.approved_on or day), self.today)
        aid_services.aid_record_create(
            actor=self.finance,
            file=file,
            aid_type=aid_type,
            amount=amount,
            given_on=day,
            funding_source=FundingSource.UNION_FUNDS,
            **extra,
        )

    def _campaigns(self) -> None:
        """This year's campaigns, paid to the files active by then; next year's New Year and
        Spring Festival campaign is being prepared: its list is picked, nothing paid yet."""
        deep_and_relative = {"tiers": [Tier.DEEP, Tier.RELATIVE]}
        plans = [
            (
                "两节送温暖",
                CampaignKind.SPRING_FESTIVAL,
                AidType.VISIT,
                "60000",
                "1500",
                "",
                deep_and_relative,
                datetime.date(self.year, 1, 20),
            ),
            (
                "三八慰问困难女职工",
                CampaignKind.WOMENS_DAY,
                AidType.VISIT,
                "8000",
                "500",
                "",
                {"female_worker": True},
                datetime.date(self.year, 3, 6),
            ),
            (
                "六一慰问困难职工子女",
                CampaignKind.CHILDRENS_DAY,
                AidType.VISIT,
                "8000",
                "300",
                "",
                {"young_child": True},
                datetime.date(self.year, 5, 30),
            ),
            (
                "夏送清凉",
                CampaignKind.SUMMER_COOLING,
                AidType.VISIT,
                "5000",
                "150",
                "清凉礼包（绿豆、毛巾、藿香正气水）",
                {},
                datetime.date(self.year, 7, 15),
            ),
            (
                "金秋助学",
                CampaignKind.AUTUMN_SCHOOLING,
                AidType.SCHOOLING,
                "30000",
                "1000",
                "",
                {"child_in_school": True},
                datetime.date(self.year, 9, 5),
            ),
            (
                "两节送温暖",
                CampaignKind.SPRING_FESTIVAL,
                AidType.VISIT,
                "70000",
                "1500",
                "",
                deep_and_relative,
                None,
            ),
        ]
        for name, kind, aid_type, budget, amount, goods, rule, given_on in plans:
            campaign = campaign_services.campaign_create(
                actor=self.admin,
                org=self.federation,
                name=name,
                kind=kind,
                year=given_on.year if given_on else self.year + 1,
                budget=Decimal(budget),
                aid_type=aid_type,
                funding_source=FundingSource.UNION_FUNDS,
                default_amount=Decimal(amount),
                goods=goods,
                rule=rule,
            )
            campaign_services.campaign_recipients_select(actor=self.admin, campaign=campaign)
            if given_on is None:
                continue
            given_on = min(given_on, self.today)
            for recipient in campaign.recipients.select_related("file"):
                if recipient.file.approved_on <= given_on:
                    campaign_services.campaign_recipient_pay(
                        actor=self.finance, recipient=recipient, given_on=given_on
                    )
                else:  # not yet approved when the campaign was held
                    campaign_services.campaign_recipient_remove(
                        actor=self.admin, recipient=recipient
                    )

    def _pairs(self) -> None:
        """Seven cadres paired with the active workers (seed 001: 7 cadres, 25 workers)."""
        cadres = [self._user(Role.TOWN_STAFF, self.town, "hs-town", "路桥街道总工会 · 帮扶干事")]
        cadres.append(self._union_staff(self.orgs["union"]))
        for username, label in CADRES:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(
                    username=username, role=Role.TOWN_STAFF, org=self.town, display_name=label
                )
                user.set_unusable_password()
                user.save()
            cadres.append(user)
        files = self._active()[:25]
        for index, file in enumerate(files):
            cadre = cadres[index % len(cadres)]
            started = max(file.approved_on, self.today - datetime.timedelta(days=300))
            pair = pair_services.pair_create(
                actor=self.reviewer, cadre=cadre, file=file, started_on=started
            )
            if index % 6 == 5:
                continue  # never visited yet
            gaps = (150, 110) if index % 5 == 4 else (40, 10)
            for gap in gaps:
                day = self.today - datetime.timedelta(days=gap + self.rng.randint(0, 20))
                if day >= started:
                    mode, content = self.rng.choice(VISIT_NOTES)
                    pair_services.pair_visit_record(
                        actor=cadre, pair=pair, visited_on=day, mode=mode, content=content
                    )


def _school_stage(age: int) -> str:
    if age < 6:
        return Schooling.PRESCHOOL
    if age < 12:
        return Schooling.PRIMARY
    if age < 15:
        return Schooling.JUNIOR
    if age < 18:
        return Schooling.SENIOR
    return Schooling.UNIVERSITY


def _school_name(age: int) -> str:
    return {
        Schooling.PRESCHOOL: "实验幼儿园",
        Schooling.PRIMARY: "路桥小学",
        Schooling.JUNIOR: "路桥中学",
        Schooling.SENIOR: "路桥中学高中部",
        Schooling.UNIVERSITY: "（在外地读大学）",
    }[_school_stage(age)]
