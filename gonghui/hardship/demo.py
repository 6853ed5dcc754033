"""Demo hardship data for the demo federation (路桥区总工会): about 40 household files in
every tier and state, the 低保 standards and aid limits, seasonal campaigns with their
recipients and payments, and cadres paired with workers (some without a visit for months).

Everything is written through the services, as staff would; afterwards the history is
moved back in time so the files look like a year and a half of work. Names and figures are
invented. Idempotent: nothing is added when the federation already has hardship files."""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from gonghui.accounts.models import Role, User
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
    HomeVisit,
    Housing,
    Objection,
    PublicNotice,
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
# Where the files end up: (final state, tier, how many).
PLAN = [
    ("active", Tier.DEEP, 9),
    ("active", Tier.RELATIVE, 11),
    ("active", Tier.ACCIDENTAL, 5),
    ("overdue", Tier.DEEP, 2),
    ("overdue", Tier.RELATIVE, 2),
    ("applied", Tier.RELATIVE, 2),
    ("union_reviewed", Tier.DEEP, 1),
    ("visited", Tier.RELATIVE, 1),
    ("town_verified", Tier.DEEP, 1),
    ("public_notice", Tier.RELATIVE, 2),
    ("returned", Tier.RELATIVE, 1),
    ("closed", Tier.RELATIVE, 2),
    ("fallen_back", Tier.DEEP, 1),
]
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
        street's unions and of one town's."""
        demo_member = self.orgs["member"]
        unions = list(Organisation.objects.filter(parent=self.town).order_by("code"))
        unions += list(Organisation.objects.filter(parent__code="LQ06").order_by("code"))
        workers = [demo_member]
        for union in unions:
            picked = (
                Member.objects.filter(union=union, status=MemberStatus.ACTIVE)
                .exclude(pk=demo_member.pk)
                .order_by("pk")[:6]
            )
            workers.extend(picked)
        return workers

    # --- the run -----------------------------------------------------------------------

    def run(self) -> None:
        self._parameters()
        workers = iter(self._workers())
        self.files: list[tuple[HardshipFile, str]] = []
        for index, (state, tier, count) in enumerate(PLAN):
            for number in range(count):
                worker = next(workers)
                self.files.append((self._file(worker, state, tier, index * 7 + number), state))
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
        # Dates: when the file started, and how long ago the steps happened.
        if state == "fallen_back":
            start = self.today - datetime.timedelta(days=rng.randint(180, 240))
        elif state in {"active", "closed"}:
            start = self.today - datetime.timedelta(days=rng.randint(120, 520))
        elif state == "overdue":
            start = self.today - datetime.timedelta(days=rng.randint(430, 560))
        else:
            start = self.today - datetime.timedelta(days=rng.randint(3, 40))
        dates = [start]
        steps = self._walk(file, state, tier, union_staff, town_staff, start, dates)
        self._backdate(file, dates[: steps + 1])
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

    def _walk(self, file, state, tier, union_staff, town_staff, start, dates) -> int:
        """Take the file to its state; append the date each step will be given."""
        step = 0

        def at(days):
            dates.append(start + datetime.timedelta(days=days))

        if state == "returned":
            file_services.file_return(
                actor=union_staff, file=file, reason="请补充家庭收入证明和医疗费用发票。"
            )
            at(2)
            return 1
        if state == "applied":
            return 0
        reason = "" if tier == file.suggested_tier else "经入户核实，按实际情况认定。"
        file_services.file_union_review(
            actor=union_staff, file=file, tier=tier, reason=reason, note="材料齐全，情况属实。"
        )
        at(5)
        step += 1
        if state == "union_reviewed":
            return step
        file_services.file_record_visit(
            actor=union_staff,
            file=file,
            visited_on=self.today,
            visitors=f"{union_staff.display_name}、{town_staff.display_name}",
            findings=self.rng.choice(
                (
                    "家中陈设简陋，爱人卧床，孩子懂事。",
                    "住房为老旧平房，屋顶漏雨。",
                    "医药费票据齐全，与申报一致。",
                )
            ),
        )
        at(12)
        step += 1
        if state == "visited":
            return step
        file_services.file_town_verify(
            actor=town_staff, file=file, note="经核实，家庭收入情况属实。"
        )
        at(18)
        step += 1
        if state == "town_verified":
            return step
        running = state == "public_notice"
        file_services.file_start_notice(
            actor=town_staff,
            file=file,
            starts_on=self.today - datetime.timedelta(days=1 if running else 12),
            ends_on=self.today + datetime.timedelta(days=5)
            if running
            else self.today - datetime.timedelta(days=6),
            place="企业厂务公开栏及街道公示栏",
        )
        at(20)
        step += 1
        if running:
            if file.pk % 2:
                file_services.objection_record(
                    actor=town_staff,
                    file=file,
                    received_on=self.today,
                    raised_by="匿名来电",
                    content="反映其家中另有门面出租收入。",
                )
            return step
        file_services.file_approve(actor=self.reviewer, file=file)
        at(30)
        step += 1
        if state == "active" and start + datetime.timedelta(days=30 + 350) <= self.today:
            file_services.file_review(
                actor=union_staff, file=file, note="年度复核：家庭收入无明显变化，维持原档次。"
            )
            at(30 + 350)
            step += 1
        if state == "overdue" or state == "active":
            return step
        file_services.file_close(
            actor=union_staff,
            file=file,
            reason=CloseReason.RETIRED if file.pk % 2 else CloseReason.OUT_OF_HARDSHIP,
            note="家庭情况好转，本人申请退出。",
        )
        at(100)
        step += 1
        if state == "closed":
            return step
        file_services.file_reopen(
            actor=union_staff, file=file, note="爱人旧病复发再次住院，家庭重新陷入困难。"
        )
        at(110)
        return step + 1

    def _backdate(self, file, dates) -> None:
        """Move each event (and the dates beside it) to the day it is meant to have happened."""
        events = list(file.events.order_by("id"))
        for event, day in zip(events, dates, strict=True):
            when = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 30)))
            FileEvent.objects.filter(pk=event.pk).update(at=when)
            if event.action == Action.UNION_REVIEW:
                TierDecision.objects.filter(file=file).update(decided_at=when)
            if event.action == Action.RECORD_VISIT:
                HomeVisit.objects.filter(file=file).update(visited_on=day)
            if event.action == Action.START_NOTICE and file.status != Status.PUBLIC_NOTICE:
                PublicNotice.objects.filter(file=file).update(
                    starts_on=day, ends_on=day + datetime.timedelta(days=6)
                )
        by_action = {event.action: day for event, day in zip(events, dates, strict=True)}
        changes = {"applied_on": dates[0]}
        if Action.APPROVE in by_action:
            changes["approved_on"] = by_action[Action.APPROVE]
            changes["reviewed_on"] = by_action.get(Action.REVIEW, by_action[Action.APPROVE])
        if Action.CLOSE in by_action and file.status == Status.CLOSED:
            changes["closed_on"] = by_action[Action.CLOSE]
        HardshipFile.objects.filter(pk=file.pk).update(**changes)
        Objection.objects.filter(notice__file=file).update(received_on=self.today)

    # --- aid, campaigns, pairs ----------------------------------------------------------

    def _active(self, tier=None) -> list[HardshipFile]:
        files = [f for f, _state in self.files if f.status == Status.ACTIVE]
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
                    pair_services.pair_visit_record(
                        actor=cadre,
                        pair=pair,
                        visited_on=day,
                        mode=self.rng.choice(VisitMode.values),
                        content=self.rng.choice(
                            (
                                "上门看望，送去米油，了解孩子学习情况。",
                                "电话询问爱人病情，提醒办理医保报销。",
                                "到企业了解其工作安排，协调调整为白班。",
                                "陪同到医院办理大病救助手续。",
                            )
                        ),
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
