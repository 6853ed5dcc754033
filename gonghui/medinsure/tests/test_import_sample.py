"""The bureau's sample file (/work/shared/data/settlements-sample.csv), worked by hand."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from gonghui.medinsure.models import BenefitNotice, NoticeKind, SettlementRecord
from gonghui.medinsure.tests.conftest import enroll_renewed, person

SAMPLE = Path("/work/shared/data/settlements-sample.csv")
HERE_SAMPLE = Path(__file__).parent / "data" / "settlements-sample.csv"


def sample_file() -> Path:
    return SAMPLE if SAMPLE.exists() else HERE_SAMPLE


def run(path, capsys, federation="T") -> dict:
    call_command("import_settlements", str(path), "--federation", federation)
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])


@pytest.fixture
def sample_people(tree, periods):
    shen = person(tree.union_a1, "330522197805061235", "沈国华")
    zhu = person(tree.union_a1, "330522198511202447", "朱晓燕", maternity_insurance=True)
    qian = person(tree.union_b1, "330522196902143115", "钱卫东")
    sun = person(tree.union_a2, "33052219900808402X", "孙丽")
    enroll_renewed(periods, [shen, zhu, qian, sun])
    return {"shen": shen, "zhu": zhu, "qian": qian, "sun": sun}


@pytest.mark.django_db
def test_sample_file_imports_with_the_numbers_worked_by_hand(sample_people, capsys):
    # Five rows, all valid, all new. Four 正常 rows whose people are enrolled (renewed, all
    # plans) in the 2022 period: matched 4. One 冲销 (SL202200005 reverses SL202200001).
    # SL202200001 沈国华, 住院: would be 4,102.30 × 60% → 2,461 + 7 days × 30 = 210, but it is
    #   reversed in the same file: no notice.
    # SL202200002 朱晓燕, 生育 on 2022-04-14, in maternity insurance: MATERNITY 600.
    # SL202200003 钱卫东, 门诊慢特病: matched, not covered by any plan: no notice.
    # SL202200004 孙丽, 住院 异地 06-01 → 06-12, 自负 11,020.00: 50% → 5,510, 11 days × 30 =
    #   330: 5,840; C53.9 (cervix) suggests CRITICAL and FEMALE: a notice asking for the
    #   pathology report, with the INPATIENT estimate.
    summary = run(sample_file(), capsys)
    assert summary == {
        "rows": 5,
        "imported": 5,
        "rejected": 0,
        "duplicates": 0,
        "reversals": 1,
        "matched": 4,
        "benefits": 2,
        "amount": "6440.00",
    }
    zhu = BenefitNotice.objects.get(member=sample_people["zhu"])
    assert (zhu.kind, zhu.total, zhu.lines) == (
        NoticeKind.BENEFIT,
        Decimal("600"),
        {"MATERNITY.lump_sum": "600"},
    )
    sun = BenefitNotice.objects.get(member=sample_people["sun"])
    assert sun.kind == NoticeKind.NEEDS_PATHOLOGY_REPORT
    assert sun.lines == {"INPATIENT.subsidy": "5510", "INPATIENT.allowance": "330"}
    assert sun.total == Decimal("5840") and sun.inpatient_allowance_days == 11
    assert sun.trace[-1]["text"] == "合计 5,840 元"
    assert sun.parameters_version == "T2022-v1"
    assert not BenefitNotice.objects.filter(member=sample_people["shen"]).exists()
    record = SettlementRecord.objects.get(serial="SL202200004")
    assert record.diagnosis_code == "C53.9" and record.diagnosis_name == "宫颈恶性肿瘤"
    assert record.discharge == datetime.date(2022, 6, 12)

    again = run(sample_file(), capsys)
    assert again == {
        "rows": 5,
        "imported": 0,
        "rejected": 0,
        "duplicates": 5,
        "reversals": 0,
        "matched": 0,
        "benefits": 0,
        "amount": "0.00",
    }
    assert BenefitNotice.objects.count() == 2
