"""The grid import (core.rowimport as a background job): all or nothing, a Chinese message with
the row number for a grid member of another union or a second grid member for one enterprise;
a good file creates grids, grid members with their logins and micro-grid members."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.core.models import ImportJob
from gonghui.core.tasks import run_import_job
from gonghui.grid.models import Grid, GridMember, MicroGridMember
from gonghui.grid.services import grids
from gonghui.orgs.tests.factories import enterprise, member

pytestmark = pytest.mark.django_db
HEADER = "工会编码,网格名称,企业信用代码,网格员身份证号,网格员手机,微网格员身份证号\n"


def upload(client, text):
    client.post("/staff/grid/grids/", {"file": SimpleUploadedFile(
        "网格.csv", (HEADER + text).encode("gb18030"), content_type="text/csv")})  # fmt: skip
    job = ImportJob.objects.latest("id")
    run_import_job.call(job.pk)
    job.refresh_from_db()
    return job


@pytest.fixture
def people(tree, switch_on):
    switch_on(tree.county, "grid")
    firm = enterprise(tree.union_a1, tree.town_a, name="甲镇一厂")
    return {
        "firm": firm,
        "cadre": member(tree.union_a1, name="林江", mobile="13811110001", enterprise=firm),
        "helper": member(tree.union_a1, name="微网格甲"),
        "other": member(tree.union_b1, name="乙镇会员"),
        "second": member(tree.union_a1, name="第二人"),
    }


def test_a_grid_member_of_another_union_refuses_the_whole_file(tree, staff, people, client_for):
    firm = people["firm"]
    job = upload(client_for(staff.town_a), (
        f"TA-1,甲镇一厂网格,{firm.credit_code},{people['cadre'].id_number},13811110001,"
        f"{people['helper'].id_number}\n"
        f"TA-1,甲镇一厂网格,{firm.credit_code},{people['other'].id_number},,\n"
    ))  # fmt: skip
    assert job.status == "refused"
    assert job.errors_preview[0][0] == 3 and "乙镇" in job.errors_preview[0][1]
    assert not Grid.objects.exists() and not GridMember.objects.exists()


def test_a_second_grid_member_for_one_enterprise_is_refused(tree, staff, people, client_for):
    firm = people["firm"]
    job = upload(client_for(staff.town_a), (
        f"TA-1,甲镇一厂网格,{firm.credit_code},{people['cadre'].id_number},,\n"
        f"TA-1,甲镇一厂网格,{firm.credit_code},{people['second'].id_number},,\n"
    ))  # fmt: skip
    assert job.status == "refused" and "一企一员" in job.errors_preview[0][1]
    assert not GridMember.objects.exists()


def test_a_good_file_creates_grids_grid_members_and_micro_members(tree, staff, people,
                                                                  client_for):  # fmt: skip
    firm = people["firm"]
    job = upload(client_for(staff.town_a), (
        f"TA-1,甲镇一厂网格,{firm.credit_code},{people['cadre'].id_number},13811110001,"
        f"{people['helper'].id_number}\n"
    ))  # fmt: skip
    assert job.status == "applied", job.errors_preview
    gm = GridMember.objects.get()
    assert gm.enterprise == firm and gm.user.role == "grid_member" and gm.user.org == tree.union_a1
    assert MicroGridMember.objects.get().member == people["helper"]
    page = client_for(staff.town_a).get("/staff/grid/grids/").content.decode()
    assert "甲镇一厂网格" in page


def test_the_database_holds_one_grid_member_per_enterprise(tree, people):
    grid = grids.grid_ensure(actor=None, union=tree.union_a1)
    grids.grid_member_appoint(actor=None, grid=grid, enterprise=people["firm"],
                              member=people["cadre"])  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        grids.grid_member_appoint(actor=None, grid=grid, enterprise=people["firm"],
                                  member=people["second"])  # fmt: skip
    assert "一企一员" in str(refused.value)
    assert GridMember.objects.count() == 1
