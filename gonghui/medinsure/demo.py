"""The demo's medical-insurance feed for 路桥区总工会: two daily files of the bureau imported
through the same service as a real one. The demo member (mobile 13900000001) has two benefits
waiting; other members have a birth, a stay with a cancer diagnosis (pathology report asked),
a special outpatient visit (nothing owed), a stay reversed before anyone acted on it, and one
reversed after the member had confirmed (a recovery for staff); the mother confirmed her
birth, whose claim was approved straight through and waits for the next payout batch; one
record belongs to nobody enrolled. Idempotent: serial numbers are keys."""

import datetime
import io

from django.db import transaction

from gonghui.accounts.models import Role, User
from gonghui.claims.services import payout_batch_create, payout_batch_mark_paid
from gonghui.core import sample
from gonghui.medinsure.feedfiles import csv_bytes, row
from gonghui.medinsure.models import BenefitNotice, NoticeStatus, SettlementImport, SettlementRecord
from gonghui.medinsure.services import benefit_notice_confirm, settlements_import
from gonghui.mutual_aid.models import Enrollment, EnrollmentStatus, Period, Plan

FIRST = "LQYB20261015"
OUTSIDER = sample.id_number(datetime.date(1979, 4, 18), 37)  # nobody enrolled


@transaction.atomic
def load(orgs: dict) -> dict:
    federation = orgs["federation"]
    if SettlementRecord.objects.filter(federation=federation, serial__startswith=FIRST).exists():
        return {}
    period = Period.objects.get(scheme__federation=federation, code="LQ2026")
    demo = orgs["member"]
    others = _others(period, exclude=demo)
    man, woman, mother, patient, chronic = (
        others["male"][0],
        others["female"][0],
        others["mother"][0],
        others["female"][1],
        others["male"][1],
    )
    first = [
        _stay(demo, "0001", "2026-03-02", "2026-03-10", "6,820.50", hospital="台州市立医院"),
        _stay(demo, "0002", "2026-09-14", "2026-09-20", "3,150.00", place="异地",
              hospital="浙江大学医学院附属第一医院", level="三级"),
        _stay(man, "0003", "2026-05-06", "2026-05-12", "2,400.00"),
        _stay(woman, "0004", "2026-06-01", "2026-06-05", "1,800.00"),
        row(结算流水号=f"{FIRST}0005", 身份证号=mother.id_number, 姓名=mother.name, 医疗类别="生育",
            定点医疗机构名称="台州市妇幼保健院", 入院日期="2026-07-08", 出院日期="2026-07-11",
            主诊断编码="O80.0", 主诊断名称="单胎顺产"),
        _stay(patient, "0006", "2026-08-03", "2026-08-21", "15,230.00", code="C34.1",
              diagnosis="上叶支气管或肺恶性肿瘤", level="三级", hospital="台州医院"),
        row(结算流水号=f"{FIRST}0007", 身份证号=chronic.id_number, 姓名=chronic.name,
            医疗类别="门诊慢特病", 入院日期="2026-04-09", 出院日期="2026-04-09",
            主诊断编码="E11.9", 主诊断名称="2型糖尿病", 其中自负="180.00"),
        _stay(None, "0008", "2026-05-20", "2026-05-26", "2,000.00"),
    ]  # fmt: skip
    settlements_import(
        federation=federation,
        source=io.BytesIO(csv_bytes(first, encoding="gbk")),
        origin=SettlementImport.Source.COMMAND,
        original_name="演示-医保结算-20261015.csv",
    )
    _confirm(woman, f"{FIRST}0004")
    _confirm(mother, f"{FIRST}0005")
    _pay(federation, f"{FIRST}0004")  # paid before the bureau reverses it: a recovery
    second = [
        _reversal(man, "0101", "0003", "2026-05-06", "2026-05-12", "2,400.00"),
        _reversal(woman, "0102", "0004", "2026-06-01", "2026-06-05", "1,800.00"),
    ]
    settlements_import(
        federation=federation,
        source=io.BytesIO(csv_bytes(second, encoding="gbk")),
        origin=SettlementImport.Source.COMMAND,
        original_name="演示-医保结算-20261016.csv",
    )
    return {"pending": BenefitNotice.objects.filter(member=demo, status=NoticeStatus.PENDING)}


def _others(period: Period, *, exclude) -> dict:
    """Members with effective cover in every plan, by what the demo needs of them."""
    enrolled = (
        Enrollment.objects.filter(
            period=period, status=EnrollmentStatus.EFFECTIVE, plan=Plan.INPATIENT, renewal=True
        )
        .exclude(member=exclude)
        .select_related("member")
        .order_by("member_id")
    )
    found = {"male": [], "female": [], "mother": []}
    for enrollment in enrolled[:200]:
        member = enrollment.member
        if not member.basic_medical_insurance:
            continue
        if member.gender == "male":
            found["male"].append(member)
        elif member.maternity_insurance and not found["mother"]:
            found["mother"].append(member)
        else:
            found["female"].append(member)
    return found


def _stay(member, number, admission, discharge, self_responsibility, *, place="本地",
          hospital="台州市路桥区人民医院", level="二级", code="K35.8", diagnosis="急性阑尾炎"):  # fmt: skip
    return row(
        结算流水号=f"{FIRST}{number}",
        身份证号=member.id_number if member else OUTSIDER,
        姓名=member.name if member else "王某某",
        就医地=place,
        定点医疗机构名称=hospital,
        医院等级=level,
        入院日期=admission,
        出院日期=discharge,
        主诊断编码=code,
        主诊断名称=diagnosis,
        其中自负=self_responsibility,
        医疗总费用="28,600.00",
        结算日期=discharge,
    )


def _reversal(member, number, original, admission, discharge, self_responsibility):
    values = _stay(member, number, admission, discharge, self_responsibility)
    values.update(
        结算状态="冲销",
        原结算流水号=f"{FIRST}{original}",
        结算日期="2026-10-16",
    )
    return row(**values, negative=True)


def _pay(federation, serial: str) -> None:
    """County finance pays the claim made from this record in a batch of its own."""
    finance = User.objects.filter(org=federation, role=Role.COUNTY_FINANCE).order_by("pk").first()
    claim = BenefitNotice.objects.get(record__serial=serial).claim
    if finance is None or claim is None:
        return
    batch = payout_batch_create(actor=finance, claim_ids=[claim.pk])
    payout_batch_mark_paid(actor=finance, batch=batch)


def _confirm(member, serial: str) -> None:
    """The member signs in (as the first SMS sign-in would create the account) and confirms."""
    if member.user_id is None:
        user = User.objects.create(
            username=f"m{member.pk}", role=Role.MEMBER, display_name=member.name
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        member.user = user
        member.save(update_fields=["user"])
    notice = BenefitNotice.objects.get(record__serial=serial)
    benefit_notice_confirm(actor=member.user, notice=notice)
