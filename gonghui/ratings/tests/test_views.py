"""Pages and the API: the union's page, scoping (another town sees nothing, page and API),
refused input in Chinese with nothing written, the switch, the standardisation checklist."""

import pytest

from gonghui.ratings import services
from gonghui.ratings.models import Application, StandardItem
from gonghui.ratings.tests.factories import lines, named

pytestmark = pytest.mark.django_db


def test_another_town_cannot_see_an_application_page_or_api(programme, staff, client_for):
    application = services.application_apply(
        actor=staff.union_a1, programme=programme, lines=lines()
    )
    client = client_for(staff.town_b)
    assert client.get(f"/staff/ratings/applications/{application.pk}/").status_code == 404
    assert client.get(f"/api/ratings/applications/{application.pk}/").status_code == 404
    assert client.get("/api/ratings/applications/").json()["count"] == 0
    response = client.post(
        f"/api/ratings/applications/{application.pk}/pre-assess/",
        {},
        content_type="application/json",
    )
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == "submitted"
    own = client_for(staff.town_a)
    page = own.get(f"/staff/ratings/applications/{application.pk}/")
    assert page.status_code == 200 and "甲镇一厂工会" in page.content.decode()


def test_the_whole_flow_through_the_api(programme, staff, client_for):
    union = client_for(staff.union_a1)
    evidence = [
        {"item": item, "date": "2026-03-01", "quantity": q}
        for item, q in [
            ("ORG.ELECTED", 1),
            ("DEMOCRACY.CONGRESS", 1),
            ("FINANCE.AUDIT", 1),
            ("ORG.MEMBERS", 1),
            ("ORG.SIGN", 1),
            ("DEMOCRACY.OPEN", 1),
            ("FINANCE.BUDGET", 1),
            ("SERVICE.LEARNING", 2),
            ("SERVICE.CARE", 1),
            ("SERVICE.CULTURE", 1),
        ]
    ]
    bad = union.post(
        "/api/ratings/applications/",
        {
            "programme": programme.pk,
            "evidence": [{"item": "WORKSHOP.SAFETY", "date": "2026-03-01"}],
        },
        content_type="application/json",
    )
    assert bad.status_code == 400 and "不在本方案的评分规则中" in bad.content.decode()
    assert not Application.objects.exists()
    created = union.post(
        "/api/ratings/applications/",
        {"programme": programme.pk, "evidence": evidence},
        content_type="application/json",
    )
    assert created.status_code == 201
    data = created.json()
    assert data["self_score"] == "100.0" and data["self_level"] == "MODEL"
    pk = data["id"]
    town = client_for(staff.town_a)
    assert (
        town.post(
            f"/api/ratings/applications/{pk}/pre-assess/", {}, content_type="application/json"
        ).status_code
        == 200
    )
    county = client_for(staff.reviewer)
    inspected = county.post(
        f"/api/ratings/applications/{pk}/inspect/",
        {
            "date": "2026-04-01",
            "inspectors": "王五",
            "findings": [{"line": 2, "refused": True, "reason": "未见职代会决议"}],
        },
        content_type="application/json",
    )
    assert inspected.status_code == 200
    assert inspected.json()["level"] == "QUALIFIED"
    assert any("模范型降为合格型" in t for t in inspected.json()["trace"])
    admin = client_for(staff.admin)
    assert (
        admin.post(
            f"/api/ratings/applications/{pk}/start-notice/", content_type="application/json"
        ).status_code
        == 200
    )
    title = admin.post(f"/api/ratings/applications/{pk}/name/", content_type="application/json")
    assert title.status_code == 201 and title.json()["level_name"] == "合格型"


def test_a_level_table_not_ascending_through_the_api_is_refused(programme, staff, client_for):
    admin = client_for(staff.admin)
    rules = admin.get(f"/api/ratings/programmes/{programme.pk}/rules/").json()["rules"]
    rules["levels"][2]["min"] = "70"
    response = admin.post(
        f"/api/ratings/programmes/{programme.pk}/rules/",
        {"rules": rules},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "等级应按最低分由低到高排列" in response.content.decode()
    assert programme.versions.get().rules["levels"][2]["min"] == "90"


def test_the_union_page_shows_the_title_with_its_expiry_and_what_is_missing(
    programme, staff, client_for
):
    title = named(staff, programme)
    services.standard_set(actor=staff.union_a1, union=staff.union_a1.org, code="OFFICE", done=True)
    page = client_for(staff.union_a1).get("/staff/ratings/our-union/").content.decode()
    assert "三型工会" in page and title.valid_until.strftime("%Y-%m-%d") in page
    assert "有工会牌子" in page and "有办公场所" not in page.split("规范化建设尚缺项目")[1]


def test_the_checklist_is_kept_by_the_union_and_verified_by_its_town(programme, staff, client_for):
    client = client_for(staff.union_a1)
    client.post("/staff/ratings/standards/", {"done-OFFICE": "on", "note-OFFICE": "二楼"})
    item = StandardItem.objects.get(union=staff.union_a1.org, code="OFFICE")
    assert item.done and item.note == "二楼" and item.verified_at is None
    with pytest.raises(Exception):
        services.standard_verify(actor=staff.town_b, item=item)
    client_for(staff.town_a).post("/staff/ratings/standards/", {"verify": item.pk})
    item.refresh_from_db()
    assert item.verified_at is not None


def test_the_apply_page_refuses_a_union_outside_the_scope_in_chinese(
    tree, staff, switch_on, client_for
):
    from gonghui.orgs.tests.factories import UserFactory
    from gonghui.ratings.tests.factories import make_programme

    switch_on(tree.county, "ratings")
    programme = make_programme(staff, tree, code="a_only", scope=tree.town_a)
    b_staff = UserFactory(role="union_staff", org=tree.union_b1)
    response = client_for(b_staff).post(
        f"/staff/ratings/programmes/{programme.pk}/apply/",
        {"item": ["ORG.ELECTED"], "quantity-ORG.ELECTED": "1", "date-ORG.ELECTED": "2026-03-01"},
        follow=True,
    )
    assert "不在“三型工会”的申报范围内" in response.content.decode()
    assert not Application.objects.exists()


def test_switched_off_refuses_writes_but_keeps_titles_readable(
    programme, staff, client_for, switch_on, tree
):
    named(staff, programme)
    switch_on(tree.county, "ratings", enabled=False)
    client = client_for(staff.union_a1)
    assert client.get("/staff/ratings/our-union/").status_code == 200
    response = client.post(
        "/api/ratings/applications/",
        {"programme": programme.pk, "evidence": [{"item": "ORG.ELECTED", "date": "2026-03-01"}]},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert Application.objects.count() == 1


def test_staff_pages_answer_in_chinese(programme, staff, client_for):
    named(staff, programme, refuse_audit=True)
    client = client_for(staff.admin)
    for url in (
        "/staff/ratings/",
        f"/staff/ratings/programmes/{programme.pk}/",
        "/staff/ratings/titles/",
        "/staff/ratings/standards/",
        "/staff/ratings/figures/",
        "/staff/ratings/appraisals/",
        f"/ratings/notice/{programme.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    figures = client.get("/staff/ratings/figures/").content.decode()
    assert "规范型" in figures


def test_evidence_is_stored_encrypted_and_only_its_subtree_downloads_it(
    programme, staff, client_for
):
    from django.core.files.storage import default_storage
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gonghui.core.tests.files import jpeg_bytes

    photo = jpeg_bytes()
    evidence = lines()
    evidence[3]["upload"] = SimpleUploadedFile("职代会.jpg", photo, content_type="image/jpeg")
    application = services.application_apply(
        actor=staff.union_a1, programme=programme, lines=evidence
    )
    line = application.lines.get(number=4)
    with default_storage.open(line.upload) as stored:
        assert photo[:64] not in stored.read()
    url = f"/staff/ratings/evidence/{line.pk}/"
    assert client_for(staff.town_b).get(url).status_code == 404
    response = client_for(staff.town_a).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"


def test_an_inspection_without_inspectors_or_date_changes_nothing(programme, staff):
    from django.core.exceptions import ValidationError

    application = services.application_apply(
        actor=staff.union_a1, programme=programme, lines=lines()
    )
    services.pre_assess(actor=staff.town_a, application=application)
    with pytest.raises(ValidationError, match="请填写检查人员"):
        services.inspect(
            actor=staff.reviewer, application=application, date="2026-04-01", inspectors=" "
        )
    with pytest.raises(ValidationError, match="检查日期"):
        services.inspect(
            actor=staff.reviewer, application=application, date="明天", inspectors="甲"
        )
    with pytest.raises(ValidationError, match="理由"):
        services.inspect(
            actor=staff.reviewer,
            application=application,
            date="2026-04-01",
            inspectors="甲",
            findings=[{"line": 1, "refused": True}],
        )
    application.refresh_from_db()
    assert application.status == "pre_assessed" and application.score == 100
    assert not application.lines.exclude(refused_reason="").exists()


def test_the_county_keeps_no_checklist_of_its_own(tree, staff, client_for, switch_on):
    from gonghui.ratings.models import StandardItem
    from gonghui.ratings.standards import CODES

    switch_on(tree.county, "ratings")
    answer = client_for(staff.reviewer).post(
        "/api/ratings/standards/", {"code": list(CODES)[0], "done": True}, "application/json"
    )
    assert answer.status_code == 403 and not StandardItem.objects.exists()


def test_a_checklist_item_or_an_appraisal_without_its_fields_is_a_400(
    tree, staff, client_for, switch_on
):
    switch_on(tree.county, "ratings")
    kept = client_for(staff.union_a1).post(
        "/api/ratings/standards/", {"code": "OFFICE"}, "application/json"
    )
    assert kept.status_code == 400 and "done" in kept.json()
    made = client_for(staff.admin).post(
        "/api/ratings/appraisals/", {"year": 2026, "name": "年度考核"}, "application/json"
    )
    assert made.status_code == 400 and {"rules", "quotas"} <= set(made.json())
