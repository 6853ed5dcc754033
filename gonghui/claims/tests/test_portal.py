"""The member's phone pages: the whole flow by page, and nothing of anyone else's reachable
(a guessed claim number or file URL is a 404, by page and by API)."""

import base64

import pytest

from gonghui.claims.models import ClaimStatus, Material
from gonghui.claims.tests.factories import file_claim, photo, signature_png
from gonghui.mutual_aid.tests.factories import enroll, member_user
from gonghui.orgs.tests.factories import member

STAY = {
    "event_type": "inpatient",
    "hospital": "台州医院",
    "admission": "2021-04-01",
    "discharge": "2021-04-13",
    "place": "local",
    "self_responsibility": "7668.71",
    "critical": "severe",
    "diagnosis": "鼻咽癌",
    "first_diagnosed": "2021-04-02",
}


def test_member_files_by_page(client, cheng_user, cheng):
    client.force_login(cheng_user)
    assert 'href="/m/claims/"' in client.get("/m/").content.decode()
    assert "我住院了" in client.get("/m/claims/new/").content.decode()

    response = client.post("/m/claims/new/inpatient/", STAY)
    claim = cheng.claims.get()
    assert response["Location"] == f"/m/claims/{claim.pk}/materials/"
    page = client.get(response["Location"]).content.decode()
    assert 'capture="environment"' in page and 'accept="image/*,application/pdf"' in page
    assert "病理报告" in page and "出院小结" in page

    client.post(
        f"/m/claims/{claim.pk}/materials/",
        {"kind": "discharge_summary", "files": [photo("a.jpg"), photo("b.jpg")]},
    )
    assert claim.materials.filter(kind="discharge_summary").count() == 2

    data_url = "data:image/png;base64," + base64.b64encode(signature_png()).decode()
    assert client.post(f"/m/claims/{claim.pk}/sign/", {"signature": data_url}).status_code == 302
    form = client.get(f"/m/claims/{claim.pk}/form/").content.decode()
    assert "程先生" in form and "7,668.71" in form and "台州医院" in form

    hub = client.get(f"/m/claims/{claim.pk}/").content.decode()
    assert 'data-estimate="9961' in hub and "9,961 元" in hub
    assert "身份证" in hub  # still missing, said before sending

    client.post(f"/m/claims/{claim.pk}/submit/")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.IN_REVIEW
    hub = client.get(f"/m/claims/{claim.pk}/").content.decode()
    assert "审核中" in hub and 'data-event="submitted"' in hub
    assert client.get("/m/claims/").content.decode().count("data-claim=") == 1


def test_facts_errors_are_shown_by_the_field(client, cheng_user):
    client.force_login(cheng_user)
    page = client.post(
        "/m/claims/new/inpatient/", {**STAY, "discharge": "2021-03-01", "hospital": ""}
    ).content.decode()
    assert "出院日期不能早于入院日期" in page and "请填写医院名称" in page


def test_a_blank_signature_is_refused(client, cheng_user, cheng):
    client.force_login(cheng_user)
    client.post("/m/claims/new/inpatient/", STAY)
    claim = cheng.claims.get()
    blank = "data:image/png;base64," + base64.b64encode(_blank_png()).decode()
    page = client.post(f"/m/claims/{claim.pk}/sign/", {"signature": blank}).content.decode()
    assert "请先在框内签名" in page
    assert not Material.objects.exists()


def _blank_png():
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGBA", (200, 80), (255, 255, 255, 0)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def someone_elses(tree, period_of_cheng):
    other = member(tree.union_a1, name="别人")
    enroll(period_of_cheng, [other], paid=True)
    return file_claim(member_user(other), other)


@pytest.fixture
def period_of_cheng(cheng):
    return cheng.enrollments.first().period


def test_guessing_another_members_claim_or_file_is_a_404(client, cheng_user, someone_elses):
    client.force_login(cheng_user)
    theirs = someone_elses
    material = theirs.materials.exclude(kind="application_form").first()
    for url in (
        f"/m/claims/{theirs.pk}/",
        f"/m/claims/{theirs.pk}/materials/",
        f"/m/claims/{theirs.pk}/form/",
        f"/m/claims/{theirs.pk}/files/{material.pk}/",
        f"/api/me/claims/{theirs.pk}/",
        f"/api/me/claims/{theirs.pk}/timeline/",
        f"/api/me/claims/{theirs.pk}/materials/{material.pk}/file/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/m/claims/{theirs.pk}/submit/").status_code == 404
    assert client.post(f"/api/me/claims/{theirs.pk}/submit/").status_code == 404
    assert client.get("/api/me/claims/").json()["count"] == 0
    assert client.get("/api/claims/").status_code == 403
    # the file is not under MEDIA_URL either
    assert client.get(f"/media/{material.file.name}").status_code == 404


def test_member_sees_own_files_and_notices(
    client, cheng_user, cheng, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        claim = file_claim(cheng_user, cheng)
    client.force_login(cheng_user)
    material = claim.materials.exclude(kind="application_form").first()
    response = client.get(f"/m/claims/{claim.pk}/files/{material.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, no-store"
    assert claim.reference in client.get("/m/claims/notices/").content.decode()
