"""`import_settlements` on a GBK file with everything a bureau's file carries: reversals,
duplicate serials, mixed date formats, thousands separators, padded and lower-case-x ID
numbers, and five kinds of bad rows. Every number of the summary is worked out by hand."""

import datetime
import json
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, models
from stdnum.cn import ric

from gonghui.medinsure.feedfiles import csv_bytes, row
from gonghui.medinsure.models import BenefitNotice, NoticeKind, SettlementRecord
from gonghui.medinsure.tests.conftest import enroll_renewed, person
from gonghui.mutual_aid.tests.factories import enroll

A = "330522197510020014"  # 王建国, renewed, all plans
B = "33052219900308002X"  # 李秀英, renewed, all plans, in maternity insurance
C = "330522198801210170"  # 张伟, first enrolled on 2021-12-15: waiting period to 2022-03-15
D = "330522199207300223"  # 赵敏, a member not enrolled
E = "330522197012120354"  # not a member


def acceptance_rows() -> list[dict]:
    return [
        # 2: A's May stay comes first in the file but second in time.
        row(结算流水号="S002", 身份证号=A, 姓名="王建国", 入院日期="20220501", 出院日期="20220521",
            医疗总费用="80,000.00", 其中自负="50,000.00"),
        # 3: A's February stay; 出院日期 with slashes, 自负 with a thousands separator.
        row(结算流水号="S001", 身份证号=A, 姓名="王建国", 入院日期="2022-02-01", 出院日期="2022/2/11",
            其中自负="12,345.60"),
        # 4: special outpatient: matched, no plan pays it.
        row(结算流水号="S003", 身份证号=A, 姓名="王建国", 医疗类别="门诊慢特病", 入院日期="2022-03-03",
            出院日期="2022-03-03", 其中自负="200.00"),
        # 5: B's birth: ID number padded and with a lower-case x, 出院日期 an Excel serial.
        row(结算流水号="S004", 身份证号=f"  {B.lower()} ", 姓名="李秀英", 医疗类别="生育",
            入院日期="2022-05-18", 出院日期="44701"),
        # 6: B's stay with a breast cancer diagnosis: the pathology report is asked for.
        row(结算流水号="S005", 身份证号=B, 姓名="李秀英", 入院日期="2022-08-01", 出院日期="2022-08-15",
            其中自负="8000.00", 主诊断编码="C50.9", 主诊断名称="乳腺恶性肿瘤"),
        # 7: C admitted in the waiting period: matched, owed nothing.
        row(结算流水号="S006", 身份证号=C, 姓名="张伟", 入院日期="2022-02-20", 出院日期="2022-02-25"),
        # 8: C's April stay, reversed on row 11.
        row(结算流水号="S007", 身份证号=C, 姓名="张伟", 就医地="异地", 入院日期="2022-04-01",
            出院日期="2022-04-05", 其中自负="1000.00"),
        # 9, 10: a member not enrolled, and someone who is not a member: unmatched.
        row(结算流水号="S008", 身份证号=D, 姓名="赵敏", 入院日期="2022-06-01", 出院日期="2022-06-03"),
        row(结算流水号="S009", 身份证号=E, 姓名="路人甲", 入院日期="2022-06-01", 出院日期="2022-06-09"),
        # 11: the reversal of row 8; 12: the reversal of a serial never sent.
        row(结算流水号="S010", 结算状态="冲销", 原结算流水号="S007", 身份证号=C, 姓名="张伟",
            就医地="异地", 入院日期="2022-04-01", 出院日期="2022-04-05", 其中自负="1000.00",
            结算日期="2022-04-20", negative=True),
        row(结算流水号="S011", 结算状态="冲销", 原结算流水号="S999", 身份证号=E, 姓名="路人甲",
            入院日期="2022-06-01", 出院日期="2022-06-09", negative=True),
        # 13: row 3 sent twice.
        row(结算流水号="S001", 身份证号=A, 姓名="王建国", 入院日期="2022-02-01", 出院日期="2022/2/11",
            其中自负="12,345.60"),
        # 14–18: five kinds of bad rows.
        row(结算流水号="S012", 身份证号="330522197510020015", 入院日期="2022-03-01", 出院日期="2022-03-02"),
        row(结算流水号="S013", 身份证号=A, 入院日期="2022-03-01", 出院日期=""),
        row(结算流水号="S014", 身份证号=A, 入院日期="2022-02-20", 出院日期="2022-02-30"),
        row(结算流水号="S015", 身份证号=A, 入院日期="2022-03-01", 出院日期="2022-03-02", 其中自负="abc"),
        # a negative amount on a 正常 row, with a serial already in the file: rejected, not a
        # duplicate (a bad row is refused whatever its serial).
        row(结算流水号="S001", 身份证号=A, 入院日期="2022-03-01", 出院日期="2022-03-02", 其中自负="-100.00"),
        # 19: A's October stay; the ID number with spaces inside.
        row(结算流水号="S016", 身份证号="330522 19751002 0014", 姓名="王建国", 入院日期="2022-10-01",
            出院日期="2022-10-11", 其中自负="1,000.00"),
    ]  # fmt: skip


@pytest.fixture
def acceptance_file(tmp_path):
    path = tmp_path / "医保结算-2022.csv"
    path.write_bytes(csv_bytes(acceptance_rows(), encoding="gbk"))
    return path


@pytest.fixture
def people(tree, periods):
    a = person(tree.union_a1, A, "王建国", mobile="13900001001")
    b = person(tree.union_a2, B, "李秀英", mobile="13900001002", maternity_insurance=True)
    c = person(tree.union_b1, C, "张伟", mobile="13900001003")
    d = person(tree.union_b1, D, "赵敏")
    enroll_renewed(periods, [a, b])
    enroll(periods[1], [c], on=datetime.date(2021, 12, 15), paid=True)
    return {"a": a, "b": b, "c": c, "d": d}


def run(path, capsys):
    call_command("import_settlements", str(path), "--federation", "T")
    lines = capsys.readouterr().out.strip().splitlines()
    return json.loads(lines[-1]), lines[:-1]


@pytest.mark.django_db
def test_gbk_file_summary_worked_by_hand(people, acceptance_file, capsys):
    summary, messages = run(acceptance_file, capsys)
    # 18 data rows. Rejected 5 (rows 14–18). Of the 13 valid rows, row 13 repeats S001:
    # 1 duplicate, 12 stored, 2 of them reversals. Matched: the 正常 rows of A (S001, S002,
    # S003, S016), B (S004, S005) and C (S006, S007) = 8; D is not enrolled, E not a member.
    # Benefits (A's stays in date order, so the February stay fills the cap first):
    #   S001 Feb: 12,345.60 × 60% = 7,407.36 → 7,407; 10 days × 30 = 300       →  7,707
    #   S002 May: 50,000 × 60% = 30,000, cap 35,000 − 7,407 = 27,593; 20 × 30 → 28,193
    #   S016 Oct: subsidy cap used up → 0; days 90 − 30 left, 10 × 30            →    300
    #   S004 B's birth (Excel serial 44701 = 2022-05-20): MATERNITY              →    600
    #   S005 B's stay, C50.9: 8,000 × 60% = 4,800; 14 × 30 = 420 (pathology asked) → 5,220
    #   S006 C in the waiting period: 0 (no notice); S007 reversed in the file: none.
    # 5 notices, 7,707 + 28,193 + 300 + 600 + 5,220 = 42,020.
    assert summary == {
        "rows": 18,
        "imported": 12,
        "rejected": 5,
        "duplicates": 1,
        "reversals": 2,
        "matched": 8,
        "benefits": 5,
        "amount": "42020.00",
    }
    assert [line.split("：")[0] for line in messages] == [f"第 {n} 行" for n in range(14, 19)]
    assert "身份证号" in messages[0] and "校验位" in messages[0]
    assert "出院日期" in messages[1]
    assert "2022-02-30" in messages[2]
    assert "其中自负" in messages[3] and "abc" in messages[3]
    assert "负数" in messages[4]

    notices = {n.record.serial: n for n in BenefitNotice.objects.select_related("record")}
    assert {serial: n.total for serial, n in notices.items()} == {
        "S001": Decimal("7707"),
        "S002": Decimal("28193"),
        "S016": Decimal("300"),
        "S004": Decimal("600"),
        "S005": Decimal("5220"),
    }
    assert notices["S002"].lines == {"INPATIENT.subsidy": "27593", "INPATIENT.allowance": "600"}
    assert any("已领 7,407 元" in step["text"] for step in notices["S002"].trace)
    assert notices["S005"].kind == NoticeKind.NEEDS_PATHOLOGY_REPORT
    assert notices["S004"].discharge == datetime.date(2022, 5, 20)
    assert SettlementRecord.objects.get(serial="S004").member == people["b"]
    unmatched = SettlementRecord.objects.filter(member__isnull=True).values_list(
        "serial", flat=True
    )
    assert sorted(unmatched) == ["S008", "S009", "S011"]
    assert SettlementRecord.objects.get(serial="S010").member == people["c"]

    again, _messages = run(acceptance_file, capsys)
    assert again == {
        "rows": 18,
        "imported": 0,
        "rejected": 5,
        "duplicates": 13,
        "reversals": 0,
        "matched": 0,
        "benefits": 0,
        "amount": "0.00",
    }
    assert SettlementRecord.objects.count() == 12
    assert BenefitNotice.objects.count() == 5


ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])")


def plaintext_id_numbers() -> list[tuple[str, str]]:
    """Every valid 18-character ID number found in any text column of any table."""
    found = []
    with connection.cursor() as cursor:
        for model in apps.get_models():
            columns = [
                f.column
                for f in model._meta.concrete_fields
                if isinstance(f, models.CharField | models.TextField | models.JSONField)
            ]
            if not columns:
                continue
            table = connection.ops.quote_name(model._meta.db_table)
            for column in columns:
                cursor.execute(f"SELECT {connection.ops.quote_name(column)} FROM {table}")
                for (value,) in cursor.fetchall():
                    for match in ID_NUMBER.findall(str(value or "")):
                        if ric.calc_check_digit(match) == match[-1].upper():
                            found.append((model._meta.label, match))
    return found


@pytest.mark.django_db
def test_no_id_number_is_stored_in_plain_text(people, acceptance_file, capsys):
    run(acceptance_file, capsys)
    assert SettlementRecord.objects.get(serial="S009").id_number == E  # stored, encrypted
    assert plaintext_id_numbers() == []
