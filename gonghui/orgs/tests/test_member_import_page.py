"""The 从 Excel 导入 page opens for every staff role that sees the button, and a role without
the button gets the Chinese 403 page (issue 12: the page once answered 500 for everyone)."""

import pytest

pytestmark = pytest.mark.django_db

EDITORS = ["union_a1", "town_a", "admin"]
READERS = ["reviewer", "finance", "auditor"]


@pytest.mark.parametrize("who", EDITORS)
def test_member_import_page_opens_for_every_editing_role(staff, client_for, who):
    client = client_for(getattr(staff, who))
    members = client.get("/staff/members/").content.decode()
    assert 'href="/staff/members/import/"' in members
    response = client.get("/staff/members/import/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1" in page and "从 Excel 或 CSV 导入会员" in page
    assert page.count("检查并导入") == 1
    assert 'type="file"' in page and 'enctype="multipart/form-data"' in page


@pytest.mark.parametrize("who", READERS)
def test_member_import_page_is_a_chinese_403_for_roles_without_the_button(staff, client_for, who):
    client = client_for(getattr(staff, who))
    members = client.get("/staff/members/")
    if members.status_code == 200:
        assert "/staff/members/import/" not in members.content.decode()
    response = client.get("/staff/members/import/")
    assert response.status_code == 403
    assert "您无权打开此页面" in response.content.decode()
