"""The registry's lists exported to Excel: the page's own rows (same scope, same search), ID
numbers and bank cards masked, Chinese headers and file names, logged, formulas kept text."""

from urllib.parse import quote

import pytest
from django.utils import timezone

from gonghui.core.models import AccessLog
from gonghui.core.tests.xlsx import export_body, export_cells, export_form, export_rows
from gonghui.orgs.models import Member, Organisation
from gonghui.orgs.tests.factories import enterprise, member

pytestmark = pytest.mark.django_db
CARD = "6222021234567890123"


@pytest.fixture
def people(tree):
    return {
        "zhang": member(tree.union_a1, name="张三", bank_card=CARD, bank_name="台州银行"),
        "li": member(tree.union_a2, name="李四"),
        "wang": member(tree.union_b1, name="王五"),
    }


def names(rows) -> set:
    return {row[0] for row in rows[1:]}


def test_member_export_has_chinese_headers_file_name_and_masked_numbers(people, staff, client_for):
    response = client_for(staff.town_a).post("/staff/members/", {"export": "xlsx"})
    rows = export_rows(response)
    assert rows[0][:7] == [
        "姓名",
        "身份证号（已遮蔽）",
        "性别",
        "手机号",
        "工会",
        "企业",
        "会员状态",
    ]
    zhang = next(row for row in rows if row[0] == "张三")
    full = people["zhang"].id_number
    assert zhang[1] == full[:6] + "********" + full[-4:]
    assert zhang[-1] == "6222***********0123" and zhang[-2] == "台州银行"
    assert zhang[4] == "甲镇一厂工会" and zhang[6] == "在册"
    body = export_body(client_for(staff.town_a).post("/staff/members/", {"export": "xlsx"}))
    assert full not in body and CARD not in body
    assert zhang[1] in body and zhang[-1] in body  # what is there, is masked
    filename = quote(f"会员名单-{timezone.localdate():%Y-%m-%d}.xlsx")
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{filename}"


def test_member_export_holds_only_the_subtree(people, staff, client_for):
    """Someone outside the subtree gets nothing of theirs, whatever they ask for."""
    assert names(
        export_rows(client_for(staff.union_a1).post("/staff/members/", {"export": "xlsx"}))
    ) == {"张三"}
    assert names(
        export_rows(client_for(staff.town_b).post("/staff/members/", {"export": "xlsx"}))
    ) == {"王五"}
    # Filtering by another town's union does not widen the scope: the filter is refused.
    other = {"export": "xlsx", "union": people["wang"].union_id}
    assert names(export_rows(client_for(staff.town_a).post("/staff/members/", other))) == {
        "张三",
        "李四",
    }
    assert names(
        export_rows(client_for(staff.admin).post("/staff/members/", {"export": "xlsx"}))
    ) == {
        "张三",
        "李四",
        "王五",
    }


def test_member_export_keeps_the_page_search(people, staff, client_for):
    client = client_for(staff.admin)
    by_union = {"export": "xlsx", "union": people["li"].union_id}
    assert names(export_rows(client.post("/staff/members/", by_union))) == {"李四"}
    by_name = {"export": "xlsx", "q": "王"}
    assert names(export_rows(client.post("/staff/members/", by_name))) == {"王五"}


def test_member_export_by_id_number_is_posted_and_never_run_from_a_url(people, staff, client_for):
    client = client_for(staff.admin)
    number = people["li"].id_number
    posted = client.post("/staff/members/", {"export": "xlsx", "q": number})
    assert names(export_rows(posted)) == {"李四"}
    # The same search in a URL is not run, neither as a page nor as an export.
    response = client.get(f"/staff/members/?q={number}&export=xlsx")
    assert response["Content-Type"].startswith("text/html")
    assert "身份证号不能通过网址查询" in response.content.decode()


def test_member_export_is_logged_in_the_access_log(people, staff, client_for):
    client_for(staff.town_a).post("/staff/members/", {"export": "xlsx"})
    entry = AccessLog.objects.get()
    assert entry.action == AccessLog.Action.EXPORT and entry.user == staff.town_a
    assert entry.org == staff.town_a.org and entry.path == "/staff/members/"
    assert entry.subject_label == "会员名单，2 行"


def test_member_export_writes_formula_like_names_as_text(people, staff, client_for):
    Member.objects.filter(pk=people["zhang"].pk).update(name='=HYPERLINK("http://x")')
    Organisation.objects.filter(pk=people["zhang"].union_id).update(name="@SUM(1)")
    response = client_for(staff.admin).post("/staff/members/", {"export": "xlsx"})
    cells = {cell.value: cell for cell in export_cells(response)}
    for text in ('=HYPERLINK("http://x")', "@SUM(1)"):
        assert cells[text].data_type == "s" and cells[text].quotePrefix


def test_member_page_offers_an_export_that_resends_its_search_by_post(people, staff, client_for):
    client = client_for(staff.admin)
    number = people["li"].id_number
    page = client.post("/staff/members/", {"q": number, "status": "active"}).content.decode()
    form = export_form(page)
    assert 'method="post"' in form and "csrfmiddlewaretoken" in form
    assert f'name="q" value="{number}"' in form and 'name="status" value="active"' in form
    # Reached by a pagination link (GET), the button carries the filters of that link.
    page = client.get("/staff/members/?status=active&page=1").content.decode()
    form = export_form(page)
    assert 'name="status" value="active"' in form and 'name="page"' not in form


def test_organisation_and_enterprise_exports_are_scoped_and_not_logged(people, staff, client_for):
    enterprise(people["zhang"].union, people["zhang"].union.parent, name="甲镇一厂")
    enterprise(people["wang"].union, people["wang"].union.parent, name="乙镇一厂")
    client = client_for(staff.town_a)
    orgs = export_rows(client.get("/staff/orgs/?export=xlsx"))
    assert orgs[0] == ["组织名称", "编码", "类型", "上级", "会员数"]
    assert [row[0] for row in orgs[1:]] == ["甲镇总工会", "甲镇一厂工会", "甲镇联合工会"]
    assert orgs[2][4] == 1 and orgs[1][4] is None  # members counted on grassroots unions only
    firms = export_rows(client.get("/staff/enterprises/?export=xlsx&q=一厂"))
    assert [row[0] for row in firms[1:]] == ["甲镇一厂"]
    assert not AccessLog.objects.exists()  # no personal data in either
