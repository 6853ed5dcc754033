"""ID numbers never land in a URL (web server access logs, browser history): every staff
search box is a POSTed form, a GET whose query carries an ID number is not run, pagination
links never carry one, and the API answers a GET search by ID number with 400 and the POST
endpoint to use."""

import re

import pytest

from gonghui.core.search import carries_id_number
from gonghui.medinsure.tests.helpers import feed, stay
from gonghui.mutual_aid.tests.factories import enroll, make_period
from gonghui.orgs.tests.factories import member

pytestmark = pytest.mark.django_db
REFUSED = "身份证号不能通过网址查询"


@pytest.fixture
def setting(tree, staff):
    period = make_period(tree.county, code="T2021")
    person = member(tree.union_a1, name="程先生")
    enroll(period, [person], paid=True)
    feed(tree.county, [stay(person, "S1", "2021-03-01", "2021-03-05")])
    return {"person": person, "period": period}


def pages(setting) -> dict[str, tuple[str, str]]:
    """Each staff page with a search box an ID number may be typed in: (url, its field)."""
    return {
        "members": ("/staff/members/", "q"),
        "window filing": ("/staff/claims/new/", "query"),
        "settlement records": ("/staff/medinsure/records/", "q"),
        "benefit notices": ("/staff/medinsure/notices/", "q"),
        "enrollments": (f"/staff/mutual-aid/periods/{setting['period'].pk}/enrollments/", "q"),
        "hardship files": ("/staff/hardship/", "q"),
    }


@pytest.mark.parametrize(
    "page",
    [
        "members",
        "window filing",
        "settlement records",
        "benefit notices",
        "enrollments",
        "hardship files",
    ],
)
def test_every_search_box_posts_and_a_get_with_an_id_number_is_not_run(
    page, setting, staff, client_for
):
    url, field = pages(setting)[page]
    client = client_for(staff.admin)
    number = setting["person"].id_number
    form = re.search(
        rf'<form[^>]*>(?:(?!</form>).)*name="{field}"', client.get(url).content.decode(), re.S
    )
    assert form and 'method="post"' in form.group(0), "the search form must be POSTed"
    shown = client.get(url, {field: number}).content.decode()
    assert REFUSED in shown
    assert number not in shown
    if page != "hardship files":  # that box searches names only
        found = client.post(url, {field: number}).content.decode()
        assert REFUSED not in found and "程先生" in found
        assert number not in re.sub(r'value="[^"]*"', "", found)  # only in the search box


def test_the_window_filing_lookup_by_name_still_works_from_a_link(setting, staff, client_for):
    page = client_for(staff.admin).get("/staff/claims/new/", {"query": "程先生"})
    assert f'data-member="{setting["person"].pk}"' in page.content.decode()


def test_the_api_refuses_an_id_number_in_the_query_string(setting, staff, client_for):
    client = client_for(staff.admin)
    number = setting["person"].id_number
    refused = client.get("/api/members/", {"q": number})
    assert refused.status_code == 400
    assert "/api/members/search/" in refused.json()["q"][0]
    found = client.post("/api/members/search/", {"q": number}, content_type="application/json")
    assert [row["name"] for row in found.json()["results"]] == ["程先生"]
    assert client.get("/api/members/", {"q": "程"}).json()["count"] == 1
    assert client.get("/api/hardship/files/", {"q": number}).status_code == 400


@pytest.mark.parametrize(
    ("text", "carries"),
    [
        ("331004198102011234", True),
        ("33100419810201123x", True),
        ("３３１００４１９８１０２０１１２３４", True),  # full-width, as phones type it
        ("331004 19810201 1234", True),
        ("331004810201123", True),  # the old 15-digit number
        ("13912345678", False),
        ("程先生", False),
        ("S2021030100001", False),
    ],
)
def test_what_counts_as_an_id_number(text, carries):
    assert carries_id_number(text) is carries
