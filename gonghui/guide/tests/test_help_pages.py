"""The help pages: one per area, in Chinese, linked from each area's main page; their states,
moves, columns and amounts come from the code, so they cannot drift from it."""

import re
from decimal import Decimal

import pytest

from gonghui.claims.models import MEMBER_LABELS, TRANSITIONS, ClaimStatus
from gonghui.guide import states
from gonghui.guide.views import AREAS
from gonghui.hardship import workflow
from gonghui.hardship.models import Action
from gonghui.hardship.models import Status as HardshipStatus
from gonghui.hardship.services.importing import IMPORT_COLUMNS
from gonghui.mutual_aid.services.enrollment import ENROLLMENT_FILE_COLUMNS
from gonghui.mutual_aid.tests.factories import make_period
from gonghui.orgs.importing import MEMBER_IMPORT_COLUMNS

pytestmark = pytest.mark.django_db
# Latin words a Chinese page may carry.
ALLOWED = {"Excel", "CSV", "UTF", "GBK", "PDF", "xlsx", "BX", "ICD"}


def text(page: str) -> str:
    article = page[page.index("<article") : page.index("</article>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article))


def rows(page: str) -> dict[str, str]:
    """The states table's rows, by the state's label (first cell)."""
    table = page[page.index('data-testid="states"') :].split("</table>")[0]
    found = {}
    for row in table.split("<tr>")[2:]:
        cells = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "|", row))
        label = next(part.strip() for part in cells.split("|") if part.strip())
        found[label] = cells
    return found


def test_every_state_of_every_workflow_has_a_description():
    for choices, meanings in states.TABLES:
        assert set(meanings) == set(choices), choices.__name__


@pytest.mark.parametrize("area", [area.slug for area in AREAS])
def test_every_help_page_opens_in_chinese(area, staff, client_for):
    page = client_for(staff.union_a1).get(f"/staff/help/{area}/").content.decode()
    words = set(re.findall(r"[A-Za-z]{3,}", text(page))) - ALLOWED
    assert not words, words


def test_help_index_lists_every_area_and_needs_a_staff_sign_in(client, staff, client_for):
    page = client_for(staff.auditor).get("/staff/help/").content.decode()
    for area in AREAS:
        assert f'href="/staff/help/{area.slug}/"' in page
    assert client_for(staff.auditor).get("/staff/help/nothing/").status_code == 404
    client.logout()
    assert client.get("/staff/help/claims/")["Location"].startswith("/accounts/login/")


def test_claims_help_shows_each_state_its_member_label_and_its_moves(staff, client_for):
    page = client_for(staff.reviewer).get("/staff/help/claims/").content.decode()
    table = rows(page)
    assert len(table) == len(ClaimStatus)
    for status in ClaimStatus:
        row = table[str(status.label)]
        assert str(MEMBER_LABELS[status]) in row
        for target in TRANSITIONS[status]:
            assert str(ClaimStatus(target).label) in row, (status, target)
        if not TRANSITIONS[status]:
            assert "终态" in row


def test_claims_help_takes_the_second_approval_amount_from_the_settings(
    staff, client_for, settings
):
    settings.CLAIMS_SECOND_APPROVAL_ABOVE = Decimal("8000")
    page = client_for(staff.reviewer).get("/staff/help/claims/").content.decode()
    assert "金额超过 8,000 元的，须由另一位审核员复核" in page


def test_hardship_help_shows_the_steps_of_the_workflow_table(staff, client_for):
    page = client_for(staff.town_a).get("/staff/help/hardship/").content.decode()
    table = rows(page)
    assert set(table) == {str(status.label) for status in HardshipStatus}
    for (action, source), (target, _roles) in workflow.TRANSITIONS.items():
        if source == workflow.CREATED:
            assert str(Action(action).label) in page
            continue
        row = table[str(HardshipStatus(source).label)]
        to = (
            "退回前所在的环节" if target == workflow.RETURN_ORIGIN else HardshipStatus(target).label
        )
        assert f"{Action(action).label} → {to}" in row, action


def test_imports_help_lists_the_columns_the_importers_read(staff, client_for, settings):
    settings.IMPORT_MAX_ROWS = 123456
    page = client_for(staff.union_a1).get("/staff/help/imports/").content.decode()
    for columns in (MEMBER_IMPORT_COLUMNS, ENROLLMENT_FILE_COLUMNS, IMPORT_COLUMNS):
        assert "、".join(columns) in page
    assert "123,456 行" in page and "GBK" in page


AREA_PAGES = [
    ("/staff/members/", "members"),
    ("/staff/members/import/", "imports"),
    ("/staff/mutual-aid/", "mutual-aid"),
    ("/staff/claims/", "claims"),
    ("/staff/medinsure/", "medinsure"),
    ("/staff/medinsure/upload/", "imports"),
    ("/staff/hardship/", "hardship"),
    ("/staff/hardship/import/", "imports"),
    ("/staff/dashboard/", "dashboard"),
]


@pytest.mark.parametrize(("url", "area"), AREA_PAGES)
def test_each_area_main_page_links_to_its_help(url, area, staff, client_for):
    page = client_for(staff.admin).get(url).content.decode()
    assert f'href="/staff/help/{area}/"' in page and "帮助" in page


def test_enrollment_import_page_links_to_the_import_help(tree, staff, client_for):
    period = make_period(tree.county)
    page = client_for(staff.union_a1).get(f"/staff/mutual-aid/periods/{period.pk}/import/")
    assert 'href="/staff/help/imports/"' in page.content.decode()
