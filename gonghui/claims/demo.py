"""Demo claims of 路桥区总工会 in every state, with photos drawn by Pillow (each marked 演示), so
a newcomer sees a living review queue, payout batches and figures. Seed 000's Mr. Cheng is
one of them: 360 + 4,601 + 5,000 = 9,961 yuan, paid. Everything goes through the services;
only the timestamps are spread over the past days afterwards, as if the work had happened.

Runs after the demo staff exist (load_demo creates them): it acts as the federation's
reviewers, finance and a grassroots union's staff."""

import datetime
import io
import random
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from gonghui.accounts.models import Role, User
from gonghui.claims import services
from gonghui.claims.models import Channel, Claim, ClaimEvent, ClaimStatus, MaterialKind
from gonghui.claims.selectors import required_materials
from gonghui.core import sample
from gonghui.mutual_aid.models import Enrollment, EnrollmentStatus, Period
from gonghui.mutual_aid.selectors import contributions_due
from gonghui.mutual_aid.services import enrollment_create, payment_record
from gonghui.orgs.models import Gender, Member
from gonghui.orgs.services import member_create

FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
)
TITLES = {
    MaterialKind.ID_CARD: "居民身份证（演示）",
    MaterialKind.DISCHARGE_SUMMARY: "出院小结",
    MaterialKind.SETTLEMENT_SLIP: "医疗住院结算单",
    MaterialKind.DIAGNOSIS_CERTIFICATE: "诊断证明书",
    MaterialKind.PATHOLOGY_REPORT: "病理诊断报告",
    MaterialKind.BIRTH_CERTIFICATE: "出生医学证明",
}
# name, event, days ago the stay ended, 自负, severity, female cancer, final state, extras
STORIES = [
    ("张建国", "inpatient", 40, "3260.40", "none", False, "paid", {}),
    ("李秀英", "inpatient", 33, "12880.00", "severe", True, "paid", {"female": True}),
    ("王海波", "inpatient", 25, "5120.55", "none", False, "in_payout_batch", {}),
    ("陈丽华", "birth", 20, "", "none", False, "approved", {"female": True}),
    ("赵志强", "inpatient", 18, "2310.00", "none", False, "payment_failed", {}),
    ("刘卫东", "inpatient", 12, "26850.00", "severe", False, "awaiting_second_approval", {}),
    ("周美玲", "inpatient", 9, "4480.00", "mild", False, "returned", {"female": True}),
    ("吴俊杰", "inpatient", 6, "1865.30", "none", False, "in_review", {"window": True}),
    ("郑小燕", "diagnosis", 5, "", "none", True, "in_review", {"female": True}),
    ("孙国平", "inpatient", 4, "7033.10", "none", False, "in_review", {"accident": True}),
    ("何春梅", "inpatient", 3, "980.00", "none", False, "rejected", {"female": True}),
    ("马立新", "inpatient", 2, "3999.99", "none", False, "in_review", {}),
    ("林晓东", "inpatient", 1, "640.00", "none", False, "draft", {}),
]
COVERED_AFTER = datetime.timedelta(days=150)
HOSPITALS = ["台州市中心医院", "台州医院", "路桥区人民医院", "浙江大学医学院附属第一医院"]


def _font(size: int):
    for path in FONT_FILES:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def demo_photo(kind: str, lines: list[str]) -> SimpleUploadedFile:
    """A photo of a paper, drawn: its title, the facts on it, and a red 演示 stamp."""
    image = Image.new("RGB", (900, 640), (250, 248, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle([20, 20, 879, 619], outline=(120, 120, 120), width=3)
    draw.text((450, 70), TITLES.get(kind, "材料"), fill=(20, 20, 20), font=_font(44), anchor="mm")
    body = _font(28)
    for row, text in enumerate(lines):
        draw.text((70, 150 + row * 56), text, fill=(40, 40, 40), font=body)
    stamp = Image.new("RGBA", (520, 160), (0, 0, 0, 0))
    ImageDraw.Draw(stamp).text(
        (260, 80), "演示 DEMO", fill=(200, 30, 30, 150), font=_font(90), anchor="mm"
    )
    stamp = stamp.rotate(20, expand=True)
    image.paste(stamp, (300, 300), stamp)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return SimpleUploadedFile(f"{kind}.jpg", buffer.getvalue(), content_type="image/jpeg")


def _signature() -> bytes:
    image = Image.new("RGBA", (360, 140), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.line(
        [(20, 90), (70, 40), (110, 100), (170, 45), (230, 95), (330, 60)], fill="black", width=5
    )
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _facts(story, today: datetime.date, rng: random.Random) -> dict:
    _name, event, days_ago, amount, severity, female_cancer, _state, extras = story
    ended = today - datetime.timedelta(days=days_ago)
    if event == "birth":
        return {"event_type": "birth", "birth_date": ended}
    facts = {
        "event_type": event,
        "critical": severity,
        "female_cancer": female_cancer,
        "diagnosis": "乳腺癌" if female_cancer else ("恶性肿瘤" if severity != "none" else ""),
        "first_diagnosed": ended - datetime.timedelta(days=8)
        if severity != "none" or female_cancer
        else None,
        "icd10": "C50" if female_cancer else ("C34" if severity != "none" else ""),
    }
    if event == "inpatient":
        facts.update(
            hospital=rng.choice(HOSPITALS),
            settlement_serial=f"JS{ended:%Y%m%d}{rng.randint(1000, 9999)}",
            admission=ended - datetime.timedelta(days=rng.randint(3, 14)),
            discharge=ended,
            place="elsewhere" if rng.random() < 0.2 else "local",
            accident=extras.get("accident", False),
            self_responsibility=amount,
        )
    return facts


def _photo_lines(claim: Claim) -> list[str]:
    lines = [f"姓名：{claim.member.name}", f"身份证号：{claim.member.id_number_masked}"]
    if claim.is_stay:
        lines += [
            f"医院：{claim.hospital}",
            f"入院：{claim.admission}  出院：{claim.discharge}",
            f"结算单号：{claim.settlement_serial}",
            f"自负：{claim.self_responsibility} 元",
        ]
    if claim.diagnosis:
        lines.append(f"诊断：{claim.diagnosis}")
    if claim.birth_date:
        lines.append(f"出生日期：{claim.birth_date}")
    lines.append("（演示材料，非真实单据）")
    return lines


def _stay_clear_of_records(member: Member, story, today: datetime.date, rng) -> dict:
    """The story's stay moved earlier, a week at a time, until it is not one the bureau's demo
    records already hold for the member (that stay would meet its record as one claim, and
    the demo member's benefits to collect would be gone)."""
    facts = _facts(story, today, rng)
    while member.settlement_records.filter(
        admission__lte=facts["discharge"], discharge__gte=facts["admission"]
    ).exists():
        story = (*story[:2], story[2] + 7, *story[3:])
        facts = _facts(story, today, rng)
    return facts


def _member(union, name: str, female: bool, rng: random.Random) -> Member:
    birth = datetime.date(rng.randint(1968, 1996), rng.randint(1, 12), rng.randint(1, 28))
    return member_create(
        actor=None,
        id_number=sample.id_number(birth, rng.randint(100, 998) // 2 * 2 + (0 if female else 1)),
        union=union,
        name=name,
        mobile=f"1390000{rng.randint(1000, 9999)}",
        gender=Gender.FEMALE if female else Gender.MALE,
        maternity_insurance=female,
        bank_name="台州银行路桥支行",
        bank_card="6222" + "".join(str(rng.randint(0, 9)) for _ in range(15)),
    )


def _enroll(period: Period, member: Member, *, on: datetime.date) -> None:
    enrollment_create(
        actor=None,
        period=period,
        members=[member],
        plans=[plan for plan, _ in period.plans.values_list("plan", "contribution")],
        enrolled_on=on,
    )
    pending = Enrollment.objects.filter(
        period=period, member=member, status=EnrollmentStatus.PENDING_PAYMENT
    )
    payment_record(
        actor=None,
        period=period,
        union=member.union,
        amount=contributions_due(pending, period),
        paid_on=on,
        note="演示数据",
    )


@transaction.atomic
def load(orgs: dict) -> None:
    """Create the demo claims once."""
    federation = orgs["federation"]
    claims = Claim.objects.filter(member__union__path__startswith=federation.path)
    if claims.exclude(channel=Channel.RECORD).exists():  # records' claims come from medinsure
        return
    staff = User.objects.filter(org=federation)
    reviewers = list(staff.filter(role=Role.COUNTY_REVIEWER).order_by("username")[:2])
    finance = staff.filter(role=Role.COUNTY_FINANCE).order_by("username").first()
    window = User.objects.filter(role=Role.UNION_STAFF, org=orgs["union"]).first()
    periods = list(Period.objects.filter(scheme__federation=federation).order_by("start"))
    if len(reviewers) < 2 or finance is None or window is None or not periods:
        return
    # The stories are told in the weeks before today, inside the current period and after
    # the waiting period of its first enrollments; outside that window there is no demo.
    today = timezone.localdate()
    if not periods[-1].start + COVERED_AFTER <= today <= periods[-1].claim_deadline:
        return
    _create(orgs, periods, reviewers, finance, window, random.Random(20260722))


def _create(orgs, periods, reviewers, finance, window, rng) -> None:
    period = periods[-1]
    today = min(timezone.localdate(), period.end)
    union = orgs["union"]
    claims: list[tuple[Claim, str]] = []

    # Seed 000: Mr. Cheng, nasopharyngeal carcinoma, 12 days in hospital, paid.
    cheng = _member(union, "程先生", False, rng)
    _enroll(period, cheng, on=period.enrollment_opens)
    discharge = today - datetime.timedelta(days=45)
    cheng_facts = {
        "event_type": "inpatient",
        "hospital": "台州医院",
        "settlement_serial": f"JS{discharge:%Y%m%d}0001",
        "admission": discharge - datetime.timedelta(days=12),
        "discharge": discharge,
        "place": "local",
        "self_responsibility": "7668.71",
        "critical": "severe",
        "diagnosis": "鼻咽癌",
        "first_diagnosed": discharge - datetime.timedelta(days=11),
        "icd10": "C11",
    }
    # He filed at the federation's service centre (seed 000), so union staff file for him.
    claims.append((_file(window, cheng, cheng_facts), "paid"))

    for story in STORIES:
        name, _event, _days, _amount, _severity, _female_cancer, state, extras = story
        member = _member(union, name, extras.get("female", False), rng)
        # 何春梅 enrolled a month ago: her stay falls in the 90-day waiting period.
        late = state == "rejected"
        _enroll(
            period,
            member,
            on=today - datetime.timedelta(days=30) if late else period.enrollment_opens,
        )
        actor = window if extras.get("window") else _phone_user(member)
        claim = _file(
            actor,
            member,
            _facts(story, today, rng),
            submit=state != "draft",
            leave_out=[MaterialKind.PATHOLOGY_REPORT] if state == "returned" else [],
        )
        claims.append((claim, state))

    # The demo member's own claims: one paid, one returned for the pathology report.
    demo_member = orgs["member"]
    if demo_member.enrollments.filter(period=period, status=EnrollmentStatus.EFFECTIVE).exists():
        facts = _stay_clear_of_records(
            demo_member, ("", "inpatient", 70, "1530.00", "none", False, "", {}), today, rng
        )
        claims.append((_file(_phone_user(demo_member), demo_member, facts), "paid"))
        facts = _stay_clear_of_records(
            demo_member, ("", "inpatient", 15, "2680.00", "mild", False, "", {}), today, rng
        )
        claim = _file(
            _phone_user(demo_member),
            demo_member,
            facts,
            leave_out=[MaterialKind.PATHOLOGY_REPORT],
        )
        claims.append((claim, "returned"))

    _decide(claims, reviewers, finance)
    _spread_in_time(claims)


def _phone_user(member: Member) -> User:
    if member.user_id is None:
        member.user = User.objects.create(
            username=f"member-{member.pk}", role=Role.MEMBER, display_name=member.name
        )
        member.save(update_fields=["user"])
    return member.user


def _file(actor, member, facts, *, submit=True, leave_out=()) -> Claim:
    """File through the services: a drawn photo of each material (except those left out for
    the reviewer to ask for), the signature, and submission."""
    claim = services.claim_create(actor=actor, member=member, facts=facts)
    lines = _photo_lines(claim)
    wanted = [
        kind
        for kind in required_materials(claim)
        if kind != MaterialKind.APPLICATION_FORM and kind not in leave_out
    ]
    for kind in wanted:
        services.material_add(actor=actor, claim=claim, kind=kind, upload=demo_photo(kind, lines))
    services.claim_sign(actor=actor, claim=claim, signature=_signature())
    if submit:
        services.claim_submit(actor=actor, claim=claim)
    return claim


def _decide(claims, reviewers, finance) -> None:
    first, second = reviewers
    for claim, state in claims:
        claim.refresh_from_db()
        if state in {"draft", "in_review"}:
            continue
        if state == "returned":
            services.claim_return(
                actor=first,
                claim=claim,
                materials=[MaterialKind.PATHOLOGY_REPORT],
                note="请补拍病理报告，确认重大疾病的程度。",
            )
            continue
        if state == "rejected":
            services.claim_reject(actor=first, claim=claim, reason="WAITING_PERIOD", note="")
            continue
        services.claim_approve(actor=first, claim=claim)
        if claim.status == ClaimStatus.AWAITING_SECOND_APPROVAL and state != claim.status:
            services.claim_approve(actor=second, claim=claim)
    payable = [c.pk for c, s in claims if s in {"paid", "in_payout_batch", "payment_failed"}]
    paid_now = [c.pk for c, s in claims if s in {"paid", "payment_failed"}]
    batch = services.payout_batch_create(actor=finance, claim_ids=paid_now)
    for line in batch.lines.select_related("claim"):
        if dict((c.pk, s) for c, s in claims)[line.claim_id] == "payment_failed":
            services.payout_line_fail(actor=finance, line=line, reason="户名与卡号不符（演示）")
    services.payout_batch_mark_paid(actor=finance, batch=batch)
    open_ids = [pk for pk in payable if pk not in paid_now]
    if open_ids:
        services.payout_batch_create(actor=finance, claim_ids=open_ids)


def _spread_in_time(claims) -> None:
    """Move each claim's timestamps back as if the work had happened over the past weeks:
    what still waits arrived hours ago, finished claims days ago, and each step took a few
    hours (so the figures show the 1–2 day promise kept)."""
    now = timezone.now()
    for index, (claim, state) in enumerate(claims):
        finished = state in {"paid", "rejected", "payment_failed", "in_payout_batch"}
        since_last = (
            datetime.timedelta(days=2 + index % 9, hours=index)
            if finished
            else datetime.timedelta(hours=2 + index * 3)
        )
        events = list(ClaimEvent.objects.filter(claim=claim).order_by("-at", "-id"))
        at = now - since_last
        for step, event in enumerate(events):
            ClaimEvent.objects.filter(pk=event.pk).update(at=at)
            event.at = at
            at -= datetime.timedelta(hours=2 + (index * 7 + step * 5) % 20)
        stamps = {"created_at": at, "status_changed_at": now - since_last}
        for field, status in (
            ("submitted_at", ClaimStatus.SUBMITTED),
            ("approved_at", ClaimStatus.APPROVED),
            ("paid_at", ClaimStatus.PAID),
        ):
            first = [event.at for event in events if event.new_status == status]
            if first:
                stamps[field] = min(first)
        Claim.objects.filter(pk=claim.pk).update(**stamps)
