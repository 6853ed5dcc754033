"""The words a page shows come from its own app's catalogue: short messages two apps share
("Applied", "Active", "Name", "Code") no longer take another app's translation."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from gonghui.accounts.models import Role
from gonghui.hardship.tests.factories import applied_file
from gonghui.mutual_aid.models import PeriodStatus
from gonghui.mutual_aid.tests.factories import make_period
from gonghui.orgs.tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db


def cells(page: str, tag: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(rf"<{tag}[^>]*>(.*?)</{tag}>", page, re.S)
    ]


def test_translation_hardship_applied_on_the_members_phone(staff, tree):
    worker = member(tree.union_a1)
    worker.user = UserFactory(role=Role.MEMBER, username=f"m{worker.pk}")
    worker.save()
    applied_file(staff, tree, worker)
    phone = Client()
    phone.force_login(worker.user)
    page = phone.get(reverse("hardship_portal:progress")).content.decode()
    status = re.search(r'<div class="hs-big">(.*?)</div>', page).group(1)
    assert status == "已申请"
    assert "已导入" not in page


def test_translation_hardship_applied_in_the_staff_file_list(staff, tree, client_for):
    applied_file(staff, tree)
    page = client_for(staff.union_a1).get("/staff/hardship/").content.decode()
    assert "已申请" in page and "已导入" not in page


def test_translation_active_period_reads_in_force(tree, staff, client_for):
    make_period(tree.county, status=PeriodStatus.ACTIVE)
    page = client_for(staff.admin).get("/staff/mutual-aid/").content.decode()
    assert "保障中" in page
    assert "在册" not in page


def test_translation_organisation_list_headers(staff, client_for):
    page = client_for(staff.admin).get("/staff/orgs/").content.decode()
    assert cells(page, "th")[:3] == ["名称", "编码", "类型"]
    assert "动态口令" not in page and "姓名" not in page


def test_translation_enterprise_list_name_header(staff, client_for):
    page = client_for(staff.admin).get("/staff/enterprises/").content.decode()
    assert cells(page, "th")[0] == "名称"


def test_translation_member_form_asks_for_a_persons_name(staff, client_for):
    page = client_for(staff.union_a1).get("/staff/members/new/").content.decode()
    label = re.search(r'<label[^>]*for="id_name"[^>]*>(.*?)</label>', page, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", label).strip().rstrip("：:*").strip() == "姓名"
