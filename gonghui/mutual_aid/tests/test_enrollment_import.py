"""import_enrollment and the screen behind it: GBK/UTF-8/xlsx, mixed dates and plan
separators, all-or-nothing, renewals derived from the previous period, never twice."""

import datetime
import io
import json

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from django.db.models import Count

from gonghui.mutual_aid.models import Enrollment, EnrollmentStatus, Payment, Period, Plan
from gonghui.mutual_aid.services import enrollment_import
from gonghui.mutual_aid.tests.factories import enroll, make_period
from gonghui.orgs.models import Member
from gonghui.orgs.tests.factories import id_number, member

HEADER = "工会编码,姓名,身份证号,手机号,参保项目,参保日期,是否续保,基本医疗保险,生育保险"


def run(path, *args):
    out = io.StringIO()
    code = 0
    try:
        call_command("import_enrollment", str(path), *args, stdout=out)
    except SystemExit as exc:
        code = exc.code
    lines = out.getvalue().strip().splitlines()
    return code, json.loads(lines[-1]), lines[:-1]


@pytest.fixture
def people():
    return {
        "zhang": id_number(),
        "li": id_number(female=True),
        "wang": id_number(),
    }


def gbk_file(tmp_path, rows):
    path = tmp_path / "enrollment.csv"
    path.write_bytes(("\r\n".join([HEADER, *rows]) + "\r\n").encode("gbk"))
    return path


def test_create_period_then_a_gbk_csv_with_mixed_dates_and_separators(tmp_path, tree, people):
    call_command(
        "create_period",
        *("--federation", "T", "--code", "T2021", "--start", "2021-01-01", "--end", "2021-12-31"),
        stdout=io.StringIO(),
    )
    period = Period.objects.get(code="T2021")
    path = gbk_file(
        tmp_path,
        [
            f"TA-1,张三,{people['zhang']},13700000001,住院、重大疾病,2021-03-01,否,是,否",
            f"TA-2,李芳,{people['li']},,住院、重大疾病、女职工特殊病,2021/3/1,是,是,是",
            f"TB-1,王五,{people['wang']},13700000003,住院；重大疾病,20210301,否,是,否",
        ],
    )
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")

    code, summary, _lines = run(path, "--period", "T2021")

    assert code == 0
    assert summary == {"rows": 3, "members_created": 3, "enrollments": 7, "rejected": 0}
    zhang = Member.objects.get(name="张三")
    assert zhang.union.code == "TA-1" and zhang.mobile == "13700000001"
    assert not zhang.maternity_insurance
    plans = dict(
        Enrollment.objects.filter(period=period).values_list("member__name").annotate(n=Count("id"))
    )
    assert plans == {"张三": 2, "李芳": 3, "王五": 2}
    first = Enrollment.objects.get(member=zhang, plan=Plan.INPATIENT)
    assert first.enrolled_on == datetime.date(2021, 3, 1)
    assert not first.renewal
    assert first.covered_from == datetime.date(2021, 5, 30)  # 2021-03-01 + 90 days
    assert first.status == EnrollmentStatus.PENDING_PAYMENT
    li = Enrollment.objects.get(member__name="李芳", plan=Plan.FEMALE)
    assert li.renewal  # no previous period in the system: the file's 是否续保 counts
    assert li.covered_from == period.start
    assert Enrollment.objects.get(member__name="王五", plan=Plan.CRITICAL).enrolled_on == (
        datetime.date(2021, 3, 1)
    )


def test_one_bad_id_number_refuses_the_whole_file_and_names_the_row(tmp_path, tree, period, people):
    existing = member(tree.union_a1)
    before = (Member.objects.count(), Enrollment.objects.count())
    bad = people["wang"][:-1] + ("0" if people["wang"][-1] != "0" else "1")
    path = gbk_file(
        tmp_path,
        [
            f"TA-1,张三,{people['zhang']},13700000001,住院,2021-03-01,否,是,否",
            f"TB-1,王五,{bad},13700000003,住院,2021-03-01,否,是,否",
            f"TA-1,{existing.name},{existing.id_number},13711112222,住院,2021-03-01,否,是,否",
        ],
    )

    code, summary, lines = run(path, "--period", "T2021")

    assert code == 1
    assert summary == {"rows": 3, "members_created": 0, "enrollments": 0, "rejected": 1}
    assert len(lines) == 1
    assert lines[0].startswith("第 3 行")
    assert f"身份证号“{bad}”的校验位不对" in lines[0]
    assert (Member.objects.count(), Enrollment.objects.count()) == before
    existing.refresh_from_db()
    assert existing.mobile != "13711112222"


def test_skip_bad_rows_applies_the_good_ones(tmp_path, period, people):
    path = gbk_file(
        tmp_path,
        [
            f"TA-1,张三,{people['zhang']},,住院,2021-03-01,否,是,否",
            f"TA-1,王五,{people['wang']},,住院、体检,2021-03-01,否,是,否",
        ],
    )
    code, summary, lines = run(path, "--period", "T2021", "--skip-bad-rows")
    assert code == 0
    assert summary == {"rows": 2, "members_created": 1, "enrollments": 1, "rejected": 1}
    assert "第 3 行" in lines[0] and "体检" in lines[0]
    assert list(Enrollment.objects.values_list("member__name", flat=True)) == ["张三"]


def test_xlsx_with_excel_dates_and_serial_numbers(tmp_path, period, people):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    sheet.append(
        [
            "TA-1",
            "张三",
            people["zhang"],
            13700000001,
            "住院,重大疾病",
            datetime.datetime(2021, 3, 1),
        ]
    )
    sheet.append(["TA-2", "李芳", people["li"], None, "生育", 44256, "否", "是", "是"])
    path = tmp_path / "enrollment.xlsx"
    workbook.save(path)

    code, summary, _lines = run(path, "--period", "T2021", "--paid")

    assert code == 0
    assert summary == {"rows": 2, "members_created": 2, "enrollments": 3, "rejected": 0}
    assert set(Enrollment.objects.values_list("enrolled_on", flat=True)) == {
        datetime.date(2021, 3, 1)
    }
    assert Member.objects.get(name="张三").mobile == "13700000001"
    # --paid: each union's contributions recorded, every enrollment effective
    assert not Enrollment.objects.exclude(status=EnrollmentStatus.EFFECTIVE).exists()
    paid = dict(Payment.objects.values_list("union__code", "amount"))
    assert paid == {"TA-1": 80, "TA-2": 10}


def test_renewal_is_derived_from_the_previous_period_and_contradictions_warned(tmp_path, tree):
    previous = make_period(
        tree.county, code="T2020", start=datetime.date(2020, 1, 1), end=datetime.date(2020, 12, 31)
    )
    period = make_period(tree.county)
    old = member(tree.union_a1)
    enroll(previous, [old], plans=[Plan.INPATIENT], paid=True)
    newcomer = id_number()
    path = gbk_file(
        tmp_path,
        [
            f"TA-1,{old.name},{old.id_number},,住院、重大疾病,2020-12-15,否,是,否",
            f"TA-1,新人,{newcomer},,住院,2020-12-15,是,是,否",
        ],
    )

    code, summary, lines = run(path, "--period", "T2021")

    assert code == 0, lines
    renewed = Enrollment.objects.get(period=period, member=old, plan=Plan.INPATIENT)
    assert renewed.renewal and renewed.covered_from == period.start
    critical = Enrollment.objects.get(period=period, member=old, plan=Plan.CRITICAL)
    assert not critical.renewal  # not in CRITICAL last period
    assert critical.covered_from == datetime.date(2021, 3, 15)  # 2020-12-15 + 90 days
    first = Enrollment.objects.get(period=period, member__name="新人")
    assert not first.renewal
    warnings = [line for line in lines if "提醒" in line]
    assert len(warnings) == 2
    assert warnings[0].startswith("第 2 行") and "住院" in warnings[0]
    assert warnings[1].startswith("第 3 行")


def test_enrolled_twice_is_refused_in_the_file_and_against_the_database(tmp_path, tree, period):
    someone = member(tree.union_a1)
    enroll(period, [someone], plans=[Plan.INPATIENT])
    other = id_number()
    path = gbk_file(
        tmp_path,
        [
            f"TA-1,{someone.name},{someone.id_number},,住院,2021-03-01,否,是,否",
            f"TA-1,甲,{other},,住院,2021-03-01,否,是,否",
            f"TA-1,甲,{other},,重大疾病、住院,2021-03-01,否,是,否",
        ],
    )
    code, summary, lines = run(path, "--period", "T2021")
    assert code == 1
    assert summary["rejected"] == 2
    assert lines[0].startswith("第 2 行") and "重复" in lines[0]
    assert lines[1].startswith("第 4 行") and "第 3 行" in lines[1]
    assert Enrollment.objects.count() == 1


def test_the_database_refuses_a_second_enrollment(period, tree):
    someone = member(tree.union_a1)
    enroll(period, [someone], plans=[Plan.INPATIENT])
    first = Enrollment.objects.get()
    with pytest.raises(IntegrityError):
        Enrollment.objects.create(
            period=period,
            plan=Plan.INPATIENT,
            member=someone,
            union=tree.union_a1,
            enrolled_on=first.enrolled_on,
            renewal=False,
            covered_from=first.covered_from,
            source="file",
        )


def test_women_only_plans_refused_for_a_man_and_wrong_union_refused(tmp_path, period, tree):
    moved = member(tree.union_b1)
    path = gbk_file(
        tmp_path,
        [
            f"TA-1,男甲,{id_number()},,女职工特殊病,2021-03-01,否,是,否",
            f"TA-1,{moved.name},{moved.id_number},,住院,2021-03-01,否,是,否",
            f"XX-9,丙,{id_number()},,住院,2021-03-01,否,是,否",
            f"TA-1,丁,{id_number()},,住院,2019-03-01,否,是,否",
        ],
    )
    code, summary, lines = run(path, "--period", "T2021")
    assert code == 1
    assert [line.split("：")[0] for line in lines] == ["第 2 行", "第 3 行", "第 4 行", "第 5 行"]
    assert "女职工" in lines[0]
    assert tree.union_b1.name in lines[1]
    assert "XX-9" in lines[2]
    assert "2019-03-01" in lines[3]


def test_known_member_gets_name_mobile_and_insurance_updated(tmp_path, period, tree):
    someone = member(tree.union_a1, female=True, maternity_insurance=False)
    path = gbk_file(
        tmp_path,
        [f"TA-1,新名字,{someone.id_number},13812345678,生育,2021-03-01,否,否,是"],
    )
    code, summary, _lines = run(path, "--period", "T2021")
    assert code == 0
    assert summary["members_created"] == 0 and summary["enrollments"] == 1
    someone.refresh_from_db()
    assert (someone.name, someone.mobile) == ("新名字", "13812345678")
    assert someone.maternity_insurance and not someone.basic_medical_insurance


def test_bad_arguments_exit_2(tmp_path, period):
    path = gbk_file(tmp_path, [])
    with pytest.raises(CommandError) as exc:
        call_command("import_enrollment", str(path), "--period", "NOPE")
    assert exc.value.returncode == 2
    with pytest.raises(CommandError) as exc:
        call_command("import_enrollment", str(tmp_path / "missing.csv"), "--period", "T2021")
    assert exc.value.returncode == 2


def test_a_closed_period_refuses_the_file(tmp_path, tree):
    make_period(tree.county, status="closed")
    code, summary, lines = run(gbk_file(tmp_path, []), "--period", "T2021")
    assert code == 1
    assert "已结束" in lines[0]


def test_screen_import_uses_the_same_service(
    client_for, staff, period, people, django_capture_on_commit_callbacks
):
    body = "\n".join([HEADER, f"TA-1,张三,{people['zhang']},,住院,2021-03-01,否,是,否"]).encode(
        "utf-8-sig"
    )
    client = client_for(staff.union_a1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/staff/mutual-aid/periods/{period.pk}/import/",
            {"file": SimpleUploadedFile("e.csv", body, content_type="text/csv")},
        )
    assert response.status_code == 302
    assert "整个文件已全部导入" in client.get(response["Location"]).content.decode()
    assert Enrollment.objects.get().union.code == "TA-1"


def test_screen_import_only_accepts_unions_the_user_keeps(
    client_for, staff, period, people, django_capture_on_commit_callbacks
):
    body = "\n".join([HEADER, f"TB-1,王五,{people['wang']},,住院,2021-03-01,否,是,否"]).encode(
        "utf-8"
    )
    client = client_for(staff.union_a1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/staff/mutual-aid/periods/{period.pk}/import/",
            {"file": SimpleUploadedFile("e.csv", body, content_type="text/csv")},
        )
    page = client.get(response["Location"]).content.decode()
    assert "TB-1" in page and "未导入任何数据" in page
    assert not Enrollment.objects.exists()


def test_service_streams_a_file_object(period, people):
    body = "\n".join([HEADER, f"TA-1,张三,{people['zhang']},,住院,2021-03-01,,,"]).encode()
    report = enrollment_import(actor=None, period=period, source=io.BytesIO(body))
    assert report.applied
    assert report.summary == {"rows": 1, "members_created": 1, "enrollments": 1, "rejected": 0}
    assert Member.objects.get().basic_medical_insurance  # empty flag: the registry default


def test_the_downloadable_template_imports_once_filled_in(client_for, staff, period, people):
    client = client_for(staff.union_a1)
    template = client.get(f"/staff/mutual-aid/periods/{period.pk}/import/template.csv")
    header, example = template.content.decode("utf-8-sig").strip().split("\r\n")
    assert header == HEADER
    filled = example.replace("张三,,", f"张三,{people['zhang']},")
    report = enrollment_import(
        actor=staff.union_a1,
        period=period,
        source=io.BytesIO("\r\n".join([header, filled]).encode("gbk")),
    )
    assert report.applied, report.errors
    assert set(Enrollment.objects.values_list("plan", flat=True)) == {"INPATIENT", "CRITICAL"}


def test_a_member_who_left_is_not_enrolled(tmp_path, tree, period):
    gone = member(tree.union_a1, status="left")
    path = gbk_file(tmp_path, [f"TA-1,{gone.name},{gone.id_number},,住院,2021-03-01,否,是,否"])
    code, summary, lines = run(path, "--period", "T2021")
    assert code == 1 and "已离会" in lines[0]
    assert not Enrollment.objects.exists()


def test_id_number_problems_are_said_plainly(tmp_path, period):
    path = gbk_file(
        tmp_path,
        ["TA-1,甲,,,住院,2021-03-01,否,是,否", "TA-1,乙,33100419800615,,住院,2021-03-01,否,是,否"],
    )
    code, summary, lines = run(path, "--period", "T2021")
    assert lines == [
        "第 2 行：身份证号为空。",
        "第 3 行：身份证号“33100419800615”不是 18 位。",
    ]


def test_a_person_registered_outside_the_clerks_tree_is_not_placed(tmp_path, tree, period, staff):
    """Issue 11, hole 10: a town clerk importing someone kept by another town learns only
    that the person is registered elsewhere and whom to ask."""
    elsewhere = member(tree.union_b1)
    path = gbk_file(tmp_path, [f"TA-1,重复登记,{elsewhere.id_number},,住院,2021-03-01,否,是,否"])
    with open(path, "rb") as source:
        report = enrollment_import(actor=staff.town_a, period=period, source=source)
    assert not report.applied and len(report.errors) == 1
    message = report.errors[0][1]
    assert "其他工会登记" in message and "测试县总工会" in message
    assert "乙镇" not in message
    assert not Enrollment.objects.exists()
