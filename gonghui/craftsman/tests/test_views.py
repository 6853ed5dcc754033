"""The pages: the worker applies on the phone and sees the score with its trace; staff review,
the committee, the ranking and the notice; public notice and certificate check; the Excel lists;
every page open to every staff role that reaches it; switched off, new applications stop."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from gonghui.craftsman import services
from gonghui.craftsman.models import Application, Status
from gonghui.craftsman.tests.factories import YEAR, apply, line, worker

pytestmark = pytest.mark.django_db
DAY = f"{YEAR}-03-01"


def test_a_worker_applies_on_the_phone_and_sees_the_trace(scheme, tree, client_for):
    person = worker(tree.union_a1)
    client = client_for(person.user)
    home = client.get(reverse("craftsman_portal:home"))
    assert scheme.name in home.content.decode()
    url = reverse("craftsman_portal:apply", args=[scheme.pk])
    form = client.get(url).content.decode()
    assert "市级竞赛一等奖" in form
    refused = client.post(
        url, {"service_years": "5", "item_1": "CONTEST.CITY_1", "date_1": DAY, "ref_1": "GZ-1"}
    )
    assert "请同意在公示中公布" in refused.content.decode()
    bad = client.post(
        url,
        {
            "service_years": "5",
            "consent_notice": "on",
            "item_1": "CONTEST.CITY_1",
            "date_1": DAY,
            "quantity_1": "2",
        },
    )
    assert "不按数量计分，数量只能为 1" in bad.content.decode()
    assert not Application.objects.exists()
    response = client.post(
        url,
        {
            "service_years": "5",
            "consent_notice": "on",
            "item_1": "CONTEST.CITY_1",
            "date_1": DAY,
            "ref_1": "GZ-1",
            "item_2": "MENTOR.APPRENTICE",
            "date_2": DAY,
            "quantity_2": "2",
        },
        follow=True,
    )
    page = response.content.decode()
    assert f"市级竞赛一等奖（{DAY}，证书 GZ-1）：15 分" in page
    assert "带徒（每名）" in page and "总分：19 分" in page
    assert Application.objects.get().channel == "phone"


def test_staff_review_steps_and_pages_for_every_role(scheme, tree, staff, client_for):
    person = worker(tree.union_a1)
    application = apply(scheme, person, [line("CERT.L1", DAY), line("CONTEST.CITY_1", DAY)])
    union = client_for(staff.union_a1)
    detail = reverse("staff:craftsman_application_detail", args=[application.pk])
    union.post(
        reverse("staff:craftsman_application_step", args=[application.pk, "refuse-line"]),
        {"line": "2", "reason": "证书不清晰"},
    )
    union.post(reverse("staff:craftsman_application_step", args=[application.pk, "check"]))
    page = union.get(detail).content.decode()
    assert "第 2 条材料被审核退回：证书不清晰" in page and "基层工会已审核" in page
    town = client_for(staff.town_a)
    town.post(reverse("staff:craftsman_application_step", args=[application.pk, "check"]))
    application.refresh_from_db()
    assert application.status == Status.TOWN_CHECKED and application.score == 15
    for user in (
        staff.union_a1,
        staff.town_a,
        staff.reviewer,
        staff.admin,
        staff.auditor,
        staff.finance,
    ):
        client = client_for(user)
        for url in (
            reverse("staff:craftsman_scheme_list"),
            reverse("staff:craftsman_scheme_detail", args=[scheme.pk]),
            detail,
            reverse("staff:craftsman_honour_list"),
        ):
            assert client.get(url).status_code == 200, (user.role, url)
    other_town = client_for(staff.town_b)
    assert other_town.get(detail).status_code == 404


def test_ranking_notice_public_page_and_certificate_check(scheme, tree, staff, client_for, client):
    person = worker(tree.union_a1, name="陈工匠")
    application = apply(scheme, person, [line("CERT.L1", DAY)])
    services.application_check(actor=staff.union_a1, application=application)
    services.application_check(actor=staff.town_a, application=application)
    admin = client_for(staff.admin)
    admin.post(reverse("staff:craftsman_scheme_step", args=[scheme.pk, "rank"]))
    admin.post(reverse("staff:craftsman_scheme_step", args=[scheme.pk, "notice"]))
    client.logout()
    notice = client.get(reverse("craftsman_public:notice", args=[scheme.pk])).content.decode()
    assert "陈工匠" in notice and "15 分" in notice
    scheme.refresh_from_db()
    (honour,) = services.scheme_name(
        actor=staff.admin, scheme=scheme, today=scheme.notice_ends + datetime.timedelta(days=1)
    )
    # The certificate's check page is the documents app's: genuine, the name masked.
    verify = client.get(reverse("document_verify", args=[honour.certificate.code]))
    html = verify.content.decode()
    assert verify.status_code == 200 and 'data-verdict="genuine"' in html
    assert "陈*匠" in html and "陈工匠" not in html
    assert "工匠、劳模荣誉证书" in html and f"{YEAR}年度工匠荣誉证书" in html


def test_the_application_list_exports_to_excel(scheme, tree, staff, client_for):
    apply(scheme, worker(tree.union_a1, name="周导出"), [line("CERT.L1", DAY)])
    response = client_for(staff.admin).get(
        reverse("staff:craftsman_scheme_detail", args=[scheme.pk]), {"export": "xlsx"}
    )
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("职工", "工会")
    assert rows[1][0] == "周导出" and rows[1][5] == 15 and rows[1][3] == "职工手机申报"


def test_switched_off_new_applications_stop_but_the_pages_stay(
    scheme, tree, staff, client_for, switch_on
):
    person = worker(tree.union_a1)
    application = apply(scheme, person, [line("CERT.L1", DAY)])
    switch_on(tree.county, "craftsman", enabled=False)
    client = client_for(person.user)
    assert client.get(reverse("craftsman_portal:apply", args=[scheme.pk])).status_code == 403
    page = client.get(reverse("craftsman_portal:application", args=[application.pk]))
    assert page.status_code == 200 and "总分：15 分" in page.content.decode()


def test_the_dashboard_section_counts_by_town_and_the_member_home_has_the_tile(
    scheme, tree, staff, client_for, switch_on
):
    from gonghui.dashboards import selectors as dashboard

    apply(scheme, worker(tree.union_a1), [line("CERT.L1", DAY)])
    apply(scheme, worker(tree.union_b1), [line("CERT.L3", DAY)])
    found = {s.key: s for s in dashboard.dashboard(staff.town_a, year=YEAR)}
    section = found["craftsman"]
    assert [(f.label, f.value) for f in section.figures[:3]] == [
        ("申报数", 1),
        ("入选", 0),
        ("名额", 2),
    ]
    by_town = {t.key: t for t in section.tables}["craftsman_by_town"]
    assert by_town.rows == [["甲镇总工会", 1, 0, 15.0]]
    person = worker(tree.union_a1)
    home = client_for(person.user).get(reverse("portal:home")).content.decode()
    assert "工匠评选" in home
    switch_on(tree.county, "craftsman", enabled=False)
    assert "craftsman" not in {s.key for s in dashboard.dashboard(staff.town_a, year=YEAR)}
    assert "工匠评选" not in client_for(person.user).get(reverse("portal:home")).content.decode()


def test_rules_are_edited_on_the_staff_page_until_frozen_then_versioned(
    scheme, tree, staff, client_for
):
    from gonghui.craftsman.models import RulesVersion

    admin = client_for(staff.admin)
    url = reverse("staff:craftsman_rules_edit", args=[scheme.pk])
    text = admin.get(url).content.decode()
    assert "省级竞赛一等奖" in text and "points: 20" in text
    bad = admin.post(url, {"rules": "sections: [\n", "reason": ""}).content.decode()
    assert "评分规则不是有效的 YAML" in bad
    edited = text.split("<textarea", 1)[1].split(">", 1)[1].split("</textarea>")[0]
    import html

    source = html.unescape(edited).replace("adjust_cap: 5", "adjust_cap: 3")
    admin.post(url, {"rules": source, "reason": ""})
    assert RulesVersion.objects.get().rules["adjust_cap"] == "3"
    apply(scheme, worker(tree.union_a1), [line("CERT.L1", DAY)])
    refused = admin.post(url, {"rules": source.replace("adjust_cap: 3", "adjust_cap: 4")})
    assert "评分规则已冻结" in refused.content.decode()
    assert RulesVersion.objects.count() == 1
    admin.post(
        url, {"rules": source.replace("adjust_cap: 3", "adjust_cap: 4"), "reason": "委员会建议"}
    )
    assert list(RulesVersion.objects.order_by("number").values_list("number", "reason")) == [
        (1, ""),
        (2, "委员会建议"),
    ]
    assert client_for(staff.town_a).post(url, {"rules": source, "reason": "x"}).status_code == 200
    assert RulesVersion.objects.count() == 2


def test_the_union_applies_for_a_member_on_a_staff_page(scheme, tree, staff, client_for):
    person = worker(tree.union_a1, name="吴代办")
    union = client_for(staff.union_a1)
    detail = union.get(reverse("staff:craftsman_scheme_detail", args=[scheme.pk])).content.decode()
    assert 'data-testid="apply-for"' in detail
    url = reverse("staff:craftsman_apply_for", args=[scheme.pk])
    assert "吴代办" in union.get(url).content.decode()
    missing = union.post(url, {"service_years": "6", "consent_notice": "on"}).content.decode()
    assert "请选择代为申报的会员" in missing
    response = union.post(
        url,
        {
            "member": person.pk,
            "service_years": "6",
            "consent_notice": "on",
            "item_1": "CERT.L2",
            "date_1": DAY,
        },
        follow=True,
    )
    assert "由工会代为申报（代办）" in response.content.decode()
    application = Application.objects.get(member=person)
    assert (application.channel, application.score) == ("union", 12)
    assert client_for(staff.town_a).get(url).status_code == 403
