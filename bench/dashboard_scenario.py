"""The scenario of bench_dashboard.py: a county federation at the scale of issue 7 (one
federation, 20 towns, streets and industry federations, 1,548 grassroots unions like Anji,
1,000,000 members, their enterprises, two periods with 1,000,000 enrollments in the current
one, 200,000 claims with their computations, hardship files, campaigns and aid), loaded into
an empty, migrated PostgreSQL database.

Speed comes from COPY: rows are prepared in Python (ID numbers and other sensitive columns
encrypted with gonghui.core.crypto, exactly as EncryptedTextField stores them) and written
with psycopg's COPY, with explicit ids so that foreign keys need no round trip. Claims are
computed by the real rules engine (mutual_aid.quotes) under the period's parameters, member
by member in the order of their events, so that amounts, lines and caps are what the
services would have stored and the reform simulation recomputes them to the same totals.
Periods, plans, parameters and disease lists are made through the services.

Not loaded (the dashboard does not read them): claim events, materials, findings, payout
batches, members' own user accounts (every claim is filed at a service window), hardship
family members, visits and notices."""

import datetime
import math
import random
import time
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.utils import timezone

ZERO = Decimal(0)
AREAS = [
    ("递铺街道总工会", "street"),
    ("昌硕街道总工会", "street"),
    ("灵峰街道总工会", "street"),
    ("孝源街道总工会", "street"),
    ("孝丰镇总工会", "town"),
    ("报福镇总工会", "town"),
    ("天子湖镇总工会", "town"),
    ("鄣吴镇总工会", "town"),
    ("杭垓镇总工会", "town"),
    ("梅溪镇总工会", "town"),
    ("溪龙乡总工会", "town"),
    ("上墅乡总工会", "town"),
    ("山川乡总工会", "town"),
    ("章村镇总工会", "town"),
    ("天荒坪镇总工会", "town"),
    ("良朋镇总工会", "town"),
    ("经济开发区总工会", "town"),
    ("竹产业工会联合会", "industry"),
    ("白茶产业工会联合会", "industry"),
    ("物流快递行业工会联合会", "industry"),
]
UNIONS = 1548
JOINT_SHARE = 0.25
INDUSTRIES = ["竹木制品", "白茶", "椅业", "物流", "商贸", "食品", "建材", "服装", "电子", "旅游"]
WORDS = "华宏金鑫恒达泰诚信通力永新盛天安吉竹茶绿源"
CONTRIBUTIONS = {"INPATIENT": "50", "CRITICAL": "30", "FEMALE": "20", "MATERNITY": "10"}
ICD = [
    ("C34.9", "肺恶性肿瘤", "severe", False),
    ("C11.9", "鼻咽恶性肿瘤", "severe", False),
    ("I21.9", "急性心肌梗死", "severe", False),
    ("I63.9", "脑梗死", "mild", False),
    ("C50.9", "乳腺恶性肿瘤", "severe", True),
    ("C53.9", "宫颈恶性肿瘤", "mild", True),
]
HOSPITALS = ["安吉县人民医院", "安吉县中医医院", "湖州市中心医院", "浙江大学医学院附属第一医院"]
PENDING_STATES = [
    ("draft", 2),
    ("submitted", 3),
    ("in_review", 6),
    ("returned", 2),
    ("awaiting_second_approval", 1),
    ("approved", 4),
    ("in_payout_batch", 3),
    ("payment_failed", 1),
]
GRANTED = {"approved", "in_payout_batch", "paid", "payment_failed"}


@dataclass
class Sizes:
    members: int
    enrollments: int  # rows of the current period; the previous one has 80% of that
    claims: int

    @property
    def previous_enrollments(self) -> int:
        return int(self.enrollments * 0.8)

    @property
    def enterprises(self) -> int:
        return max(3000, self.members // 40)

    @property
    def hardship_files(self) -> int:
        return max(200, self.members // 250)


@dataclass
class Scenario:
    """What the measuring side needs to know of what was loaded."""

    sizes: Sizes
    admin: object = None
    town_user: object = None
    current: object = None
    previous: object = None
    draft: object = None
    counts: dict = field(default_factory=dict)
    timings: dict = field(default_factory=dict)


# --- COPY -----------------------------------------------------------------------------------


def copy_rows(model, fields: list[str], rows) -> int:
    """COPY the rows (tuples in the order of `fields`, model attnames) into the model's table."""
    meta = model._meta
    columns = ", ".join(f'"{meta.get_field(name).column}"' for name in fields)
    count = 0
    sql = f'COPY "{meta.db_table}" ({columns}) FROM STDIN'
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def reset_sequences(*models) -> None:
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                f'COALESCE((SELECT MAX(id) FROM "{table}"), 1))'
            )


# --- the scenario ---------------------------------------------------------------------------


def build(sizes: Sizes, seed: int = 20261122, log=print) -> Scenario:
    from gonghui.accounts.models import Role
    from gonghui.dashboards import reform

    rng = random.Random(seed)
    scenario = Scenario(sizes=sizes)
    now = timezone.now()
    today = timezone.localdate()

    def step(name, function, *args):
        started = time.perf_counter()
        result = function(*args)
        scenario.timings[name] = time.perf_counter() - started
        log(f"  {name}: {scenario.timings[name]:.1f} s")
        return result

    tree = step("organisations and users", _organisations, rng)
    scenario.admin = tree.users[Role.COUNTY_ADMIN]
    scenario.town_user = tree.users[Role.TOWN_STAFF]
    members = step("enterprises and members", _members, rng, tree, sizes, now)
    periods = step("periods (through the services)", _periods, tree, today)
    scenario.previous, scenario.current = periods
    covers = step(
        "enrollments, payments, targets", _enrollments, rng, tree, members, periods, sizes
    )
    step("claims and computations", _claims, rng, tree, members, covers, periods, sizes, now)
    step("hardship files, campaigns, aid", _hardship, rng, tree, members, sizes, today)
    step("vacuum analyze", _vacuum)
    draft = reform.reform_draft_create(
        actor=scenario.admin, period=scenario.current, name="住院本地比例降到55%"
    )
    scenario.draft = reform.reform_draft_update(
        actor=scenario.admin, draft=draft, values={"INPATIENT.local_rate": "0.55"}
    )
    scenario.counts = counts()
    return scenario


def counts() -> dict:
    from gonghui.claims.models import Claim, Computation, ComputationLine
    from gonghui.hardship.models import AidRecord, HardshipFile
    from gonghui.mutual_aid.models import Enrollment
    from gonghui.orgs.models import Enterprise, Member, Organisation

    return {
        "organisations": Organisation.objects.count(),
        "enterprises": Enterprise.objects.count(),
        "members": Member.objects.count(),
        "enrollments": Enrollment.objects.count(),
        "claims": Claim.objects.count(),
        "computations": Computation.objects.count(),
        "computation lines": ComputationLine.objects.count(),
        "hardship files": HardshipFile.objects.count(),
        "aid records": AidRecord.objects.count(),
    }


def _vacuum() -> None:
    """As autovacuum would have done on a live database: statistics and visibility maps."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


# --- organisations and users ----------------------------------------------------------------


@dataclass
class Tree:
    root: object
    areas: list
    unions: list
    users: dict
    reviewers: list
    window: object


def _organisations(rng: random.Random) -> Tree:
    from django.contrib.auth.hashers import make_password
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from gonghui.accounts.models import Role, User
    from gonghui.orgs.models import Organisation

    root = Organisation.objects.create(code="AJ", name="安吉县总工会", kind="federation")
    root.path, root.depth = f"/{root.pk}/", 0
    root.save(update_fields=["path", "depth"])
    areas = Organisation.objects.bulk_create(
        Organisation(code=f"AJ{index:02d}", name=name, kind=kind, parent=root, depth=1)
        for index, (name, kind) in enumerate(AREAS, start=1)
    )
    for area in areas:
        area.path = f"{root.path}{area.pk}/"
    Organisation.objects.bulk_update(areas, ["path"])
    # Some areas are much bigger than others (the county seat's streets, the development zone).
    weights = [rng.lognormvariate(0, 0.6) for _ in areas]
    unions = []
    numbers: dict[int, int] = defaultdict(int)
    for _index in range(UNIONS):
        area = rng.choices(areas, weights)[0]
        numbers[area.pk] += 1
        joint = rng.random() < JOINT_SHARE
        name = (
            f"{area.name.removesuffix('总工会').removesuffix('工会联合会')}第{numbers[area.pk]}联合工会"
            if joint
            else f"安吉{''.join(rng.sample(WORDS, 2))}{rng.choice(INDUSTRIES)}有限公司工会"
        )
        unions.append(
            Organisation(
                code=f"{area.code}-U{numbers[area.pk]:03d}",
                name=name,
                kind="joint" if joint else "single",
                parent=area,
                depth=2,
            )
        )
    unions = Organisation.objects.bulk_create(unions)
    for union in unions:
        union.path = f"{union.parent.path}{union.pk}/"
    Organisation.objects.bulk_update(unions, ["path"], batch_size=500)

    password = make_password(None)  # nobody signs in with a password here
    biggest_area = max(areas, key=lambda area: weights[areas.index(area)])

    def user(username, role, org, label):
        return User.objects.create(
            username=username, role=role, org=org, display_name=label, password=password
        )

    users = {
        Role.COUNTY_ADMIN: user("admin", Role.COUNTY_ADMIN, root, "县总工会 · 管理员"),
        Role.TOWN_STAFF: user("town", Role.TOWN_STAFF, biggest_area, f"{biggest_area.name} · 干事"),
    }
    TOTPDevice.objects.create(user=users[Role.COUNTY_ADMIN], name="bench", confirmed=True)
    reviewers = [
        user(f"reviewer{n}", Role.COUNTY_REVIEWER, root, f"县总工会 · 审核员{n}") for n in (1, 2)
    ]
    window = user("window", Role.UNION_STAFF, unions[0], "服务窗口")
    return Tree(root, areas, unions, users, reviewers, window)


# --- enterprises and members ----------------------------------------------------------------


@dataclass
class Members:
    """Columns of the member rows the later steps need, by member id (1..n)."""

    union: list[int]
    female: list[bool]
    active: list[bool]
    insured: list[bool]
    birth: list[datetime.date]
    by_union: dict[int, list[int]]


def _members(rng: random.Random, tree: Tree, sizes: Sizes, now) -> Members:
    from gonghui.core import crypto, sample
    from gonghui.orgs.models import EmploymentGroup, Enterprise, Member

    unions = tree.unions
    # Members per union: a long tail of small unions and a few very large ones.
    raw = [rng.lognormvariate(0, 1.1) * (0.4 if u.kind == "joint" else 1) for u in unions]
    scale = sizes.members / sum(raw)
    per_union = [max(1, int(w * scale)) for w in raw]
    per_union[0] += sizes.members - sum(per_union)
    if per_union[0] < 1:
        raise ValueError("too few members for 1,548 unions")

    enterprises = []  # (id, name, credit, staff, industry, address, union_id or None, area_id)
    union_enterprises: dict[int, list[tuple[int, int]]] = {}
    used_codes: set[str] = set()

    def credit_code() -> str:
        while True:
            code = sample.credit_code(rng, "330523")
            if code not in used_codes:
                used_codes.add(code)
                return code

    def enterprise(staff: int, union_id, area_id) -> int:
        pk = len(enterprises) + 1
        industry = rng.choice(INDUSTRIES)
        name = f"安吉{''.join(rng.sample(WORDS, 2))}{industry}有限公司{pk}"
        enterprises.append((pk, name, credit_code(), staff, industry, "", union_id, area_id))
        return pk

    for union, members in zip(unions, per_union, strict=True):
        staff = max(1, round(members / rng.uniform(0.85, 0.99)))
        if union.kind == "joint":
            parts = rng.randint(3, 25)
            shares = [rng.random() + 0.1 for _ in range(parts)]
            total = sum(shares)
            ids = [
                (enterprise(max(1, round(staff * s / total)), union.pk, union.parent_id), s)
                for s in shares
            ]
        else:
            ids = [(enterprise(staff, union.pk, union.parent_id), 1.0)]
        union_enterprises[union.pk] = ids
    while len(enterprises) < sizes.enterprises:  # small firms without a union yet
        enterprise(int(rng.paretovariate(1.4) * 6), None, rng.choice(tree.areas).pk)
    copy_rows(
        Enterprise,
        ["id", "name", "credit_code", "staff_count", "industry", "address", "union_id", "area_id"],
        enterprises,
    )
    reset_sequences(Enterprise)

    # ID numbers: a distinct (birth date, sequence) for every member, shuffled.
    days = 15000
    if sizes.members > days * 499:
        raise ValueError("at most 7,485,000 members have distinct sample ID numbers")
    keys = list(range(sizes.members))
    rng.shuffle(keys)
    first_birth = datetime.date(1963, 1, 1)
    groups = [g.value for g in EmploymentGroup if g.value]
    data = Members([0], [False], [False], [False], [first_birth], defaultdict(list))

    def rows():
        pk = 0
        for union, count in zip(unions, per_union, strict=True):
            firms, weights = zip(*union_enterprises[union.pk], strict=True)
            for _ in range(count):
                pk += 1
                key = keys[pk - 1]
                female = rng.random() < 0.45
                birth = first_birth + datetime.timedelta(days=key % days)
                sequence = (key // days) * 2 + (0 if female else 1)
                number = sample.id_number(birth, sequence, "330523")
                active = rng.random() < 0.97
                insured = rng.random() < 0.97
                gig = rng.random() < 0.05
                joined = now - datetime.timedelta(days=rng.randint(30, 4000))
                data.union.append(union.pk)
                data.female.append(female)
                data.active.append(active)
                data.insured.append(insured)
                data.birth.append(birth)
                data.by_union[union.pk].append(pk)
                yield (
                    pk,
                    sample.chinese_name(rng),
                    crypto.encrypt(number),
                    crypto.lookup_hash(number),
                    crypto.id_tail_hash(number),
                    birth,
                    "female" if female else "male",
                    f"139{pk:08d}",
                    union.pk,
                    None if gig else rng.choices(firms, weights)[0],
                    "active" if active else "left",
                    joined.date(),
                    insured,
                    female and rng.random() < 0.8,
                    "",
                    "",
                    rng.choice(groups) if gig else "",
                    joined,
                    joined,
                )

    copy_rows(
        Member,
        [
            "id",
            "name",
            "id_number",
            "id_hash",
            "id_tail_hash",
            "birth_date",
            "gender",
            "mobile",
            "union_id",
            "enterprise_id",
            "status",
            "join_date",
            "basic_medical_insurance",
            "maternity_insurance",
            "bank_name",
            "bank_card",
            "employment_group",
            "created_at",
            "updated_at",
        ],
        rows(),
    )
    reset_sequences(Member)
    return data


# --- periods --------------------------------------------------------------------------------


def _periods(tree: Tree, today: datetime.date):
    """The previous period (last calendar year, closed) and the current one (this year,
    active), through the services, with the default parameters and disease lists."""
    from gonghui.mutual_aid import services

    scheme = services.scheme_create(actor=None, federation=tree.root)
    made = []
    for year in (today.year - 1, today.year):
        start = datetime.date(year, 1, 1)
        period = services.period_create(
            actor=None,
            scheme=scheme,
            code=f"AJ{year}",
            start=start,
            end=datetime.date(year, 12, 31),
            plans=CONTRIBUTIONS,
            enrollment_opens=datetime.date(year - 1, 11, 1),
            enrollment_closes=datetime.date(year, 12, 31),
            min_share=Decimal(40),
        )
        for status in ("enrolling", "active"):
            services.period_transition(actor=None, period=period, to=status)
        made.append(period)
    services.period_transition(actor=None, period=made[0], to="closed")
    return made


# --- enrollments ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cover:
    """A member's enrollment in one period, as the engine sees it."""

    plans: tuple[str, ...]
    enrolled_on: datetime.date
    renewal: bool
    covered_from: datetime.date
    effective: bool


def _plans(rng: random.Random, female: bool, age: int) -> list[str]:
    plans = ["INPATIENT"]
    if rng.random() < 0.7:
        plans.append("CRITICAL")
    if female and rng.random() < 0.6:
        plans.append("FEMALE")
    if female and age < 45 and rng.random() < 0.5:
        plans.append("MATERNITY")
    return plans


def _enrollments(rng, tree: Tree, members: Members, periods, sizes: Sizes) -> dict:
    """Previous period: 80% of the current one's rows; current period: exactly
    `sizes.enrollments` rows, 95% of last period's persons renewing first. Each union enrolls
    its own share of its members; 2% of the unions have not paid this period's contributions.
    Returns period id → member id → Cover."""
    from gonghui.mutual_aid.models import Enrollment, Payment, UnionTarget

    previous, current = periods
    today = timezone.localdate()
    propensity = {union.pk: rng.uniform(0.25, 0.9) for union in tree.unions}
    unpaid = {union.pk for union in rng.sample(tree.unions, max(1, len(tree.unions) // 50))}
    contributions = {plan: Decimal(value) for plan, value in CONTRIBUTIONS.items()}
    n = len(members.union) - 1
    plans_of = {
        pk: _plans(rng, members.female[pk], current.start.year - members.birth[pk].year)
        for pk in range(1, n + 1)
    }

    def ordered(pool) -> list[int]:
        keyed = sorted((rng.random() / propensity[members.union[pk]], pk) for pk in pool)
        return [pk for _key, pk in keyed]

    def choose(first: list[int], pool: list[int], wanted: int) -> dict[int, list[str]]:
        """Persons in order until exactly `wanted` plan rows (the last one may get fewer)."""
        chosen: dict[int, list[str]] = {}
        rows = 0
        for pk in [*first, *pool]:
            if rows >= wanted:
                break
            if pk in chosen:
                continue
            plans = plans_of[pk][: wanted - rows]
            chosen[pk] = plans
            rows += len(plans)
        if rows < wanted:
            raise ValueError(f"{wanted:,} enrollments need more members than {n:,}")
        return chosen

    covers: dict[int, dict[int, Cover]] = {}
    payments, targets, rows = [], [], []
    before: set[int] = set()
    for period, wanted in ((previous, sizes.previous_enrollments), (current, sizes.enrollments)):
        active = [pk for pk in range(1, n + 1) if members.active[pk] or period == previous]
        if period == current:
            renewing = [pk for pk in ordered(before) if members.active[pk] and rng.random() < 0.95]
            chosen = choose(renewing, ordered(set(active) - before), wanted)
        else:
            chosen = choose([], ordered(active), wanted)
        usual = period.start - datetime.timedelta(days=20)
        payment_of: dict[int, int] = {}
        due: dict[int, Decimal] = defaultdict(Decimal)
        persons: dict[int, int] = defaultdict(int)
        covers[period.pk] = {}
        for member, plans in chosen.items():
            union = members.union[member]
            persons[union] += 1
            if union not in payment_of and not (period == current and union in unpaid):
                payment_of[union] = len(payments) + len(payment_of) + 1
            payment = payment_of.get(union)
            renewal = member in before if period == current else rng.random() < 0.8
            on = usual
            if not renewal and rng.random() < 0.4:
                on = min(today, usual + datetime.timedelta(days=rng.randint(1, 100)))
            covered = period.start if renewal else max(period.start, on + datetime.timedelta(90))
            created = datetime.datetime.combine(on, datetime.time(1, 30), datetime.UTC)
            for plan in plans:
                due[union] += contributions[plan]
                rows.append(
                    (
                        len(rows) + 1,
                        period.pk,
                        plan,
                        member,
                        union,
                        on,
                        renewal,
                        covered,
                        "effective" if payment else "pending_payment",
                        payment,
                        "file",
                        created,
                    )
                )
            covers[period.pk][member] = Cover(tuple(plans), on, renewal, covered, bool(payment))
        paid_on = min(period.start + datetime.timedelta(days=75), today)
        recorded = datetime.datetime.combine(paid_on, datetime.time(7), datetime.UTC)
        for union, pk in sorted(payment_of.items(), key=lambda item: item[1]):
            payments.append((pk, period.pk, union, due[union], paid_on, recorded, ""))
        for union in tree.unions:
            if persons.get(union.pk):
                target = max(1, round(persons[union.pk] * rng.uniform(0.8, 1.25)))
                targets.append((period.pk, union.pk, target))
        before = set(chosen)
    copy_rows(
        Payment,
        ["id", "period_id", "union_id", "amount", "paid_on", "recorded_at", "note"],
        payments,
    )
    copy_rows(
        Enrollment,
        [
            "id",
            "period_id",
            "plan",
            "member_id",
            "union_id",
            "enrolled_on",
            "renewal",
            "covered_from",
            "status",
            "payment_id",
            "source",
            "created_at",
        ],
        rows,
    )
    copy_rows(UnionTarget, ["period_id", "union_id", "target"], targets)
    reset_sequences(Payment, Enrollment, UnionTarget)
    return covers


# --- claims ---------------------------------------------------------------------------------


def _local(day: datetime.date, hours: float) -> datetime.datetime:
    """A moment `hours` after midnight of `day` in Asia/Shanghai."""
    midnight = timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
    return midnight + datetime.timedelta(hours=hours)


@dataclass
class ClaimSpec:
    pk: int
    member: int
    period: object
    cover: Cover
    state: str
    event_type: str
    facts: dict
    created_at: datetime.datetime
    submitted_at: datetime.datetime | None = None
    approved_at: datetime.datetime | None = None
    paid_at: datetime.datetime | None = None
    changed_at: datetime.datetime | None = None

    @property
    def order(self):
        far = datetime.date.max
        f = self.facts
        return (
            self.member,
            f.get("discharge") or far,
            f.get("birth_date") or far,
            f.get("first_diagnosed") or far,
            self.pk,
        )


def _claim_facts(rng, female: bool, cover: Cover, day: datetime.date) -> tuple[str, dict]:
    roll = rng.random()
    if female and "MATERNITY" in cover.plans and roll < 0.12:
        return "birth", {"birth_date": day}
    diagnosis = None
    if roll < 0.30:
        candidates = [row for row in ICD if female or not row[3]]
        icd10, text, severity, female_cancer = rng.choice(candidates)
        diagnosis = {
            "icd10": icd10,
            "diagnosis": text,
            "critical": severity if not female_cancer or rng.random() < 0.5 else "none",
            "female_cancer": female_cancer,
            "first_diagnosed": day - datetime.timedelta(days=rng.randint(1, 10)),
        }
        if roll < 0.12:
            return "diagnosis", diagnosis
    stay = rng.choice([1, 2, 3, 4, 5, 7, 9, 12, 16, 25, 40])
    facts = {
        "hospital": rng.choice(HOSPITALS),
        "settlement_serial": f"JS{day:%Y%m%d}{rng.randrange(10**8):08d}",
        "admission": day - datetime.timedelta(days=stay),
        "discharge": day,
        "place": "elsewhere" if rng.random() < 0.2 else "local",
        "accident": rng.random() < 0.05,
        "self_responsibility": Decimal(round(rng.lognormvariate(7.6, 0.9) * 100)) / 100,
    }
    if diagnosis:
        facts.update(diagnosis)
    return "inpatient", facts


def _claim_specs(rng, members: Members, covers, periods, sizes: Sizes, now) -> list[ClaimSpec]:
    """Who claims, for what, when, and how far each claim has gone."""
    previous, current = periods
    today = timezone.localdate(now)
    specs: list[ClaimSpec] = []
    for period, count in (
        (previous, sizes.claims - sizes.claims * 45 // 100),
        (current, sizes.claims * 45 // 100),
    ):
        eligible = [pk for pk, cover in covers[period.pk].items() if cover.effective]
        last_event = min(period.end, today - datetime.timedelta(days=3))
        states = [("paid", 90), ("rejected", 9), ("payment_failed", 1)]
        if period == current:
            states = [("paid", 70), ("rejected", 8), *PENDING_STATES]
        names, weights = zip(*states, strict=True)
        for _ in range(count):
            member = rng.choice(eligible)
            cover = covers[period.pk][member]
            state = rng.choices(names, weights)[0]
            first = max(period.start, cover.covered_from - datetime.timedelta(days=10))
            if first > last_event:
                first = period.start
            if period == current and state not in ("paid", "rejected"):
                first = max(first, today - datetime.timedelta(days=40))
            day = first + datetime.timedelta(days=rng.randint(0, max(0, (last_event - first).days)))
            event_type, facts = _claim_facts(rng, members.female[member], cover, day)
            created = _local(day, 24 * rng.uniform(1, 25) + 9)
            spec = ClaimSpec(
                len(specs) + 1, member, period, cover, state, event_type, facts, created
            )
            _claim_times(rng, spec, now)
            specs.append(spec)
    return specs


def _claim_times(rng, spec: ClaimSpec, now) -> None:
    """Submission a few hours after the claim was started; approval after a lognormal wait
    (median about a day); payment after another (median about a day and a half). The whole
    chain is moved back when it would end in the future."""
    hours = datetime.timedelta(hours=1)
    state = spec.state
    chain = [spec.created_at]
    if state != "draft":
        spec.submitted_at = spec.created_at + rng.uniform(0.1, 3) * hours
        chain.append(spec.submitted_at)
    if state in GRANTED or state == "awaiting_second_approval":
        spec.approved_at = spec.submitted_at + rng.lognormvariate(math.log(26), 0.8) * hours
        chain.append(spec.approved_at)
    if state in ("paid", "payment_failed"):
        paid = spec.approved_at + rng.lognormvariate(math.log(30), 0.6) * hours
        if state == "paid":
            spec.paid_at = paid
        chain.append(paid)
    if state in ("in_review", "returned", "rejected"):
        chain.append(chain[-1] + rng.uniform(1, 60) * hours)
    late = chain[-1] - (now - rng.uniform(0.2, 48) * hours)
    if late > datetime.timedelta(0):
        spec.created_at -= late
        for name in ("submitted_at", "approved_at", "paid_at"):
            if getattr(spec, name):
                setattr(spec, name, getattr(spec, name) - late)
        chain = [moment - late for moment in chain]
    if state == "awaiting_second_approval":
        spec.approved_at = None  # first approval given; approved_at waits for the second
    spec.changed_at = chain[-1]


def _claims(rng, tree: Tree, members: Members, covers, periods, sizes: Sizes, now) -> None:
    from django.db import transaction

    from gonghui.claims.models import Claim, Computation, ComputationLine
    from gonghui.core import crypto
    from gonghui.core.money import fmt_yuan
    from gonghui.mutual_aid import quotes
    from gonghui.mutual_aid.models import ParameterSet
    from gonghui.mutual_aid.rules import Before, plans_called
    from gonghui.mutual_aid.selectors import parameters_for

    specs = _claim_specs(rng, members, covers, periods, sizes, now)
    engine = {}
    for period in periods:
        parameter_set, parameters = parameters_for(period)
        engine[period.pk] = (parameter_set, parameters)
        ParameterSet.objects.filter(pk=parameter_set.pk).update(frozen_at=now)
    reviewer, second = tree.reviewers
    claim_rows, computation_rows, line_rows = [], [], []
    running: dict[tuple[int, int], Before] = {}
    for spec in sorted(specs, key=lambda spec: spec.order):
        f = spec.facts
        event = quotes.event_build(
            type=spec.event_type,
            admission=f.get("admission"),
            discharge=f.get("discharge"),
            place=f.get("place", "local"),
            accident=f.get("accident", False),
            self_responsibility=f.get("self_responsibility"),
            critical=f.get("critical", "none"),
            female_cancer=f.get("female_cancer", False),
            first_diagnosed=f.get("first_diagnosed"),
            icd10=f.get("icd10", ""),
            birth_date=f.get("birth_date"),
        )
        state = spec.state
        computation = None
        amount = ZERO
        if state != "draft":
            parameter_set, parameters = engine[spec.period.pk]
            key = (spec.member, spec.period.pk)
            before = running.get(key, Before())
            cover = spec.cover
            quote = quotes._compute_groups(
                period=spec.period,
                facts={
                    "gender": "female" if members.female[spec.member] else "male",
                    "basic_medical_insurance": members.insured[spec.member],
                    "maternity_insurance": members.female[spec.member],
                },
                groups={(cover.enrolled_on, cover.renewal): set(cover.plans)},
                event=event,
                filed_on=timezone.localdate(spec.submitted_at),
                before=before,
                draft=(parameter_set.label, parameters),
            )
            amount = quote.total
            if amount <= 0 and (state in GRANTED or state == "awaiting_second_approval"):
                state = spec.state = "rejected"
                spec.approved_at = spec.paid_at = None
            if state == "awaiting_second_approval" and amount <= 10000:
                state = spec.state = "in_review"
            if state in GRANTED:
                running[key] = _add(before, quote)
            trace = [text for line in quote.lines for text in line.texts]
            trace += [text for refusal in quote.refused for text in refusal.texts]
            trace.append(f"合计 {fmt_yuan(amount)} 元")
            sealed = crypto.encrypt("\n".join(trace))
            # One claim in ten was computed again (a correction, or a recomputation at
            # approval): the earlier computation and its lines stay, as in the services.
            runs = 2 if state in GRANTED and rng.random() < 0.1 else 1
            for run in range(runs):
                computation = len(computation_rows) + 1
                computation_rows.append(
                    (
                        computation,
                        spec.pk,
                        spec.period.pk,
                        parameter_set.pk,
                        amount,
                        sealed,
                        before.inpatient_subsidy,
                        before.inpatient_allowance_days,
                        before.critical_paid,
                        before.female_paid,
                        "approval" if run else "submission",
                        None if run == 0 else reviewer.pk,
                        spec.submitted_at if run == 0 else spec.approved_at or spec.submitted_at,
                    )
                )
                for line in quote.lines:
                    line_rows.append(
                        (
                            computation,
                            line.code,
                            str(line.label),
                            line.amount,
                            int(line.inputs["paid_days"]) if "paid_days" in line.inputs else None,
                            crypto.encrypt("\n".join(line.texts)),
                        )
                    )
        reviewed = state not in ("draft", "submitted")
        approved = state in GRANTED or state == "awaiting_second_approval"
        claim_rows.append(
            (
                spec.pk,
                spec.member,
                spec.period.pk,
                spec.event_type,
                f.get("hospital", ""),
                f.get("settlement_serial", ""),
                f.get("admission"),
                f.get("discharge"),
                f.get("place", "local"),
                f.get("accident", False),
                f.get("self_responsibility"),
                f.get("critical", "none"),
                f.get("female_cancer", False),
                False,
                f.get("first_diagnosed"),
                crypto.encrypt(f["diagnosis"]) if f.get("diagnosis") else "",
                crypto.encrypt(f["icd10"]) if f.get("icd10") else "",
                f.get("birth_date"),
                " ".join(plans_called(event)),
                state,
                spec.changed_at,
                amount,
                computation,
                "window",
                tree.window.pk,
                reviewer.pk if reviewed else None,
                reviewer.pk if approved else None,
                second.pk
                if approved and amount > 10000 and state != "awaiting_second_approval"
                else None,
                spec.created_at,
                spec.submitted_at,
                spec.approved_at,
                spec.paid_at,
            )
        )
    claim_rows.sort()
    with transaction.atomic():  # claim ↔ computation reference each other (deferred FKs)
        copy_rows(
            Claim,
            [
                "id",
                "member_id",
                "period_id",
                "event_type",
                "hospital",
                "settlement_serial",
                "admission",
                "discharge",
                "place",
                "accident",
                "self_responsibility",
                "critical",
                "female_cancer",
                "in_situ",
                "first_diagnosed",
                "diagnosis",
                "icd10",
                "birth_date",
                "plans",
                "status",
                "status_changed_at",
                "amount",
                "computation_id",
                "channel",
                "filed_by_id",
                "reviewer_id",
                "first_approver_id",
                "second_approver_id",
                "created_at",
                "submitted_at",
                "approved_at",
                "paid_at",
            ],
            claim_rows,
        )
        copy_rows(
            Computation,
            [
                "id",
                "claim_id",
                "period_id",
                "parameter_set_id",
                "total",
                "trace",
                "before_subsidy",
                "before_allowance_days",
                "before_critical",
                "before_female",
                "cause",
                "computed_by_id",
                "computed_at",
            ],
            computation_rows,
        )
        copy_rows(
            ComputationLine,
            ["computation_id", "code", "label", "amount", "days", "explanation"],
            line_rows,
        )
    reset_sequences(Claim, Computation, ComputationLine)


def _add(before, quote):
    from gonghui.dashboards.reform import _add as add

    return add(before, quote)


# --- hardship -------------------------------------------------------------------------------


def _hardship(rng, tree: Tree, members: Members, sizes: Sizes, today: datetime.date) -> None:
    """Household files in every state (most active), their approval, closing and reopening
    events, aid over two years, this year's and last year's campaigns with recipients and
    payments, and cadres paired with active files."""
    from gonghui.accounts.models import Role, User
    from gonghui.hardship.models import (
        AidRecord,
        Campaign,
        CampaignRecipient,
        FileEvent,
        HardshipFile,
        Pair,
        PairVisit,
    )

    admin = tree.users[Role.COUNTY_ADMIN]
    actives = [pk for pk in range(1, len(members.union)) if members.active[pk]]
    workers = rng.sample(actives, sizes.hardship_files)
    states = [
        ("active", 70),
        ("closed", 10),
        ("applied", 4),
        ("union_reviewed", 3),
        ("visited", 3),
        ("town_verified", 2),
        ("public_notice", 2),
        ("returned", 2),
        ("reopened", 4),
    ]
    names, weights = zip(*states, strict=True)
    tiers = (["deep"] * 30) + (["relative"] * 55) + (["accidental"] * 15)
    causes = ["illness", "disability", "schooling", "unemployment", "accident", "disaster"]
    files, events = [], []
    for worker in workers:
        state = rng.choices(names, weights)[0]
        tier = rng.choice(tiers)
        settled = state in ("active", "closed", "reopened")
        applied = today - datetime.timedelta(
            days=rng.randint(60, 900) if settled else rng.randint(1, 30)
        )
        approved = applied + datetime.timedelta(days=30) if settled else None
        reviewed = approved
        if approved:
            while reviewed + datetime.timedelta(days=365) < today and rng.random() < 0.9:
                reviewed += datetime.timedelta(days=365)
        closed = None
        if state == "closed":
            closed = min(today, approved + datetime.timedelta(days=rng.randint(30, 400)))
        file = HardshipFile(
            member_id=worker,
            status="closed" if state == "closed" else "active" if settled else state,
            channel=rng.choice(["phone", "staff", "import"]),
            main_cause=rng.choice(causes),
            household_size=rng.randint(1, 6),
            annual_income=Decimal(rng.randrange(5000, 60000)),
            suggested_tier=tier if settled else "",
            tier=tier if settled else "",
            applied_on=applied,
            approved_on=approved,
            reviewed_on=reviewed,
            closed_on=closed,
            close_reason="out_of_hardship" if closed else "",
        )
        files.append((file, state))
    made = HardshipFile.objects.bulk_create([file for file, _state in files], batch_size=1000)
    for file, (_file, state) in zip(made, files, strict=True):

        def event(action, old, new, day, file=file):
            events.append(
                (file.pk, action, old, new, admin.pk, _local(day, 10 + rng.random() * 6), "")
            )

        event("apply", "", "applied", file.applied_on)
        if file.approved_on:
            event("approve", "public_notice", "active", file.approved_on)
        if file.closed_on:
            event("close", "active", "closed", file.closed_on)
        if state == "reopened":
            day = today - datetime.timedelta(days=rng.randint(1, 300))
            event("close", "active", "closed", day - datetime.timedelta(days=60))
            event("reopen", "closed", "active", day)
    copy_rows(
        FileEvent,
        ["file_id", "action", "from_status", "to_status", "actor_id", "at", "note"],
        events,
    )

    active = [
        file for file, (_f, state) in zip(made, files, strict=True) if file.status == "active"
    ]
    aid = []
    for file in active:
        for _ in range(rng.randint(0, 4)):
            aid.append(
                AidRecord(
                    file=file,
                    aid_type=rng.choice(["living", "medical", "schooling", "emergency"]),
                    amount=Decimal(rng.randrange(5, 60) * 100),
                    given_on=today - datetime.timedelta(days=rng.randint(0, 700)),
                    funding_source=rng.choice(["union_funds", "higher_union", "government"]),
                    approved_by=admin,
                )
            )
    AidRecord.objects.bulk_create(aid, batch_size=2000)

    member_union = members.union
    area_of = {union.pk: union.parent_id for union in tree.unions}
    for year in (today.year - 1, today.year):
        organisers = [tree.root] * 4 + rng.sample(tree.areas, 8)
        for index, org in enumerate(organisers):
            kind = ["spring_festival", "autumn_schooling", "summer_cooling", "womens_day"][
                index % 4
            ]
            pool = [
                file
                for file in active
                if org == tree.root or area_of[member_union[file.member_id]] == org.pk
            ]
            chosen = rng.sample(pool, min(len(pool), rng.randint(50, 600)))
            amount = Decimal(rng.choice([500, 800, 1000, 2000]))
            campaign = Campaign.objects.create(
                name=f"{year}年{org.name}{['两节送温暖', '金秋助学', '夏季送清凉', '三八慰问'][index % 4]}",
                kind=kind,
                year=year,
                org=org,
                budget=amount * len(chosen) * Decimal(rng.choice(["0.9", "1.0", "1.2"])),
                aid_type="visit" if kind != "autumn_schooling" else "schooling",
                funding_source="union_funds",
                default_amount=amount,
                created_by=admin,
            )
            recipients = CampaignRecipient.objects.bulk_create(
                CampaignRecipient(
                    campaign=campaign, file=file, planned_amount=amount, added_by=admin
                )
                for file in chosen
            )
            given_on = min(today, datetime.date(year, 1 + index % 12, 15))
            AidRecord.objects.bulk_create(
                AidRecord(
                    file=recipient.file,
                    aid_type=campaign.aid_type,
                    amount=amount,
                    given_on=given_on,
                    funding_source="union_funds",
                    campaign=campaign,
                    recipient=recipient,
                    approved_by=admin,
                )
                for recipient in recipients
                if rng.random() < 0.85
            )

    cadres = [
        User.objects.create(
            username=f"cadre{index}",
            role=Role.TOWN_STAFF,
            org=area,
            display_name=f"{area.name} · 干部",
        )
        for index, area in enumerate(tree.areas)
    ]
    paired = rng.sample(active, min(len(active), max(50, len(active) // 3)))
    pairs = Pair.objects.bulk_create(
        Pair(
            cadre=rng.choice(cadres),
            file=file,
            started_on=today - datetime.timedelta(days=rng.randint(10, 500)),
            created_by=admin,
        )
        for file in paired
    )
    PairVisit.objects.bulk_create(
        PairVisit(
            pair=pair,
            visited_on=pair.started_on + datetime.timedelta(days=rng.randint(0, 60)),
            mode="home",
            content="走访慰问",
            recorded_by=pair.cadre,
        )
        for pair in pairs
        for _ in range(rng.randint(0, 3))
    )
