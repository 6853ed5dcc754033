"""Import of an existing register (CSV in GBK or UTF-8, Excel): all or nothing, row errors
in Chinese; the command prints the JSON summary line."""

import json

import pytest
from django.core.management import call_command

from gonghui.contracts.models import Contract, Status
from gonghui.contracts.services.importing import contracts_import
from gonghui.contracts.tests.helpers import firm

pytestmark = pytest.mark.django_db
HEADER = (
    "企业信用代码,企业名称,合同类型,签订日期,开始日期,结束日期,覆盖职工数,上年平均工资,调整幅度\n"
)


def write(tmp_path, rows, encoding="utf-8"):
    path = tmp_path / "register.csv"
    path.write_bytes((HEADER + "".join(line + "\n" for line in rows)).encode(encoding))
    return path


@pytest.fixture
def firms(on):
    return firm(on.union_a1, on.town_a, 100), firm(on.union_b1, on.town_b, 60)


def test_a_gbk_register_is_imported_effective(on, firms, tmp_path):
    a, b = firms
    path = write(
        tmp_path,
        [
            f"{a.credit_code},,工资专项,2024-02-20,2024/3/1,2025/2/28,95,5200,6.5",
            f",{b.name},综合,2024-01-05,2024-01-05,2026-01-04,55,,",
        ],
        encoding="gbk",
    )
    report = contracts_import(actor=None, federation=on.county, source=path)
    assert report.applied, report.errors
    assert report.summary["created"] == 2
    wage = Contract.objects.get(links__enterprise=a)
    assert (wage.status, wage.kind, str(wage.adjustment_pct), wage.org) == (
        Status.EFFECTIVE, "wage", "6.50", on.union_a1,
    )  # fmt: skip
    assert wage.links.get().workers_covered == 95
    assert list(wage.events.values_list("action", flat=True)) == ["import"]


def test_bad_rows_refuse_the_file_with_chinese_messages_and_nothing_is_written(on, firms, tmp_path):
    a, _b = firms
    path = write(
        tmp_path,
        [
            f"{a.credit_code},,工资专项,2024-02-20,2024-03-01,2025-02-28,95,5200,6.5",
            f"{a.credit_code},,工资专项,2024-02-20,2024-03-01,2023-02-28,95,,",
            "91330000MA0000000X,,工资专项,2024-02-20,2024-03-01,2025-02-28,10,,",
            f"{a.credit_code},,工资专项,2024-02-20,2024-03-01,2025-02-28,-5,,",
        ],
    )
    report = contracts_import(actor=None, federation=on.county, source=path)
    assert not report.applied
    errors = dict(report.errors)
    assert "结束日期（2023-02-28）早于开始日期（2024-03-01）" in errors[3]
    assert "没有统一社会信用代码为 91330000MA0000000X 的企业" in errors[4]
    assert "不能为负数" in errors[5]
    assert 2 not in errors
    assert not Contract.objects.exists()


def test_the_command_prints_the_json_summary(on, firms, tmp_path, capsys):
    a, _b = firms
    path = write(tmp_path, [f"{a.credit_code},,女职工专项,2024-02-20,2024-03-01,2027-02-28,40,,"])
    call_command("import_contracts", str(path), "--federation", "T")
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert json.loads(last) == {"rows": 1, "rejected": 0, "created": 1}
    assert Contract.objects.get().kind == "women"


def test_the_staff_page_imports_through_the_background_job_in_the_users_subtree(
    on, firms, staff, client_for
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gonghui.core.models import ImportJob
    from gonghui.core.tasks import run_import_job

    a, b = firms
    text = HEADER + f"{a.credit_code},,工资专项,2024-02-20,2024-03-01,2025-02-28,95,,\n"
    client = client_for(staff.town_b)  # town B cannot import town A's enterprise
    upload = SimpleUploadedFile("台账.csv", text.encode("gb18030"), content_type="text/csv")
    assert client.post("/staff/contracts/import/", {"file": upload}).status_code == 302
    job = ImportJob.objects.latest("id")
    run_import_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == "refused" and not Contract.objects.exists()
    client = client_for(staff.town_a)
    upload = SimpleUploadedFile("台账.csv", text.encode("gb18030"), content_type="text/csv")
    client.post("/staff/contracts/import/", {"file": upload})
    run_import_job.call(ImportJob.objects.latest("id").pk)
    assert Contract.objects.get().links.get().enterprise == a
