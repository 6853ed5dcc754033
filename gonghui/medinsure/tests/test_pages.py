"""Staff and member pages: who sees which record and notice, the diagnosis kept hidden in
lists and logged when shown, the member's one tap, the figures."""

from decimal import Decimal

import pytest

from gonghui.core.models import AccessLog
from gonghui.medinsure.models import BenefitNotice, NoticeStatus, SettlementRecord
from gonghui.medinsure.tests.conftest import enroll_renewed, person
from gonghui.medinsure.tests.helpers import feed, stay
from gonghui.mutual_aid.tests.factories import member_user

A = "330522197510020014"  # union A1 (town A)
B = "33052219900308002X"  # union B1 (town B)
OUTSIDER = "330522197012120354"


@pytest.fixture
def records(tree, periods):
    wang = person(tree.union_a1, A, "王建国", mobile="13900001001", bank_card="6222021234567890123")
    li = person(tree.union_b1, B, "李秀英", mobile="13900001002")
    enroll_renewed(periods, [wang, li])
    feed(
        tree.county,
        [
            stay(
                wang, "S1", "2022-03-01", "2022-03-05", 主诊断编码="K35.8", 主诊断名称="急性阑尾炎"
            ),
            stay(li, "S2", "2022-04-01", "2022-04-03"),
            stay(OUTSIDER, "S3", "2022-05-01", "2022-05-02"),
        ],
    )
    return {"wang": wang, "li": li, **{r.serial: r for r in SettlementRecord.objects.all()}}


@pytest.mark.django_db
def test_record_list_shows_each_staff_their_subtree(records, staff, client_for):
    def serials(user):
        page = client_for(user).get("/staff/medinsure/records/").content.decode()
        return sorted(s for s in ("S1", "S2", "S3") if f'data-serial="{s}"' in page)

    assert serials(staff.reviewer) == ["S1", "S2", "S3"]
    assert serials(staff.town_a) == ["S1"]
    assert serials(staff.union_a1) == ["S1"]
    assert serials(staff.town_b) == ["S2"]


@pytest.mark.django_db
def test_lists_never_show_id_numbers_or_diagnoses(records, staff, client_for):
    page = client_for(staff.reviewer).get("/staff/medinsure/records/").content.decode()
    assert A not in page and "急性阑尾炎" not in page and "K35.8" not in page
    assert "330522********0014" in page


@pytest.mark.django_db
def test_detail_reveals_the_diagnosis_only_when_asked_and_logs_it(records, staff, client_for):
    client = client_for(staff.union_a1)
    url = f"/staff/medinsure/records/{records['S1'].pk}/"
    assert "急性阑尾炎" not in client.get(url).content.decode()
    assert not AccessLog.objects.exists()
    page = client.get(url + "?reveal=1").content.decode()
    assert "K35.8 急性阑尾炎" in page and A in page
    actions = set(AccessLog.objects.values_list("action", flat=True))
    assert actions == {"view_diagnosis", "view_id_number"}
    assert client_for(staff.auditor).get(url + "?reveal=1").status_code == 403


@pytest.mark.django_db
def test_outsiders_get_404_on_records_and_notices(records, staff, client_for):
    town_b = client_for(staff.town_b)
    assert town_b.get(f"/staff/medinsure/records/{records['S1'].pk}/").status_code == 404
    assert town_b.get(f"/staff/medinsure/records/{records['S3'].pk}/").status_code == 404
    notice = BenefitNotice.objects.get(member=records["wang"])
    assert town_b.get(f"/staff/medinsure/notices/{notice.pk}/").status_code == 404
    assert client_for(staff.town_a).get(f"/staff/medinsure/notices/{notice.pk}/").status_code == 200


@pytest.mark.django_db
def test_unmatched_records_only_for_county_staff(records, staff, client_for):
    url = f"/staff/medinsure/records/{records['S3'].pk}/"
    assert client_for(staff.reviewer).get(url).status_code == 200
    assert client_for(staff.town_a).get(url).status_code == 404
    assert client_for(staff.union_a1).get(url).status_code == 404


@pytest.mark.django_db
def test_member_sees_own_notice_and_confirms_with_one_tap(records, client):
    wang, li = records["wang"], records["li"]
    notice = BenefitNotice.objects.get(member=wang)
    other = BenefitNotice.objects.get(member=li)
    client.force_login(member_user(wang))
    home = client.get("/m/").content.decode()
    assert "医疗互助待领取" in home and "约 1,920 元" in home
    listing = client.get("/m/benefits/").content.decode()
    assert f'data-notice="{notice.pk}"' in listing and f'data-notice="{other.pk}"' not in listing
    assert client.get(f"/m/benefits/{other.pk}/").status_code == 404
    page = client.get(f"/m/benefits/{notice.pk}/").content.decode()
    assert "6222***********0123" in page and "6222021234567890123" not in page
    response = client.post(f"/m/benefits/{notice.pk}/", {})
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.CONFIRMED
    assert "医疗互助待领取" not in client.get("/m/").content.decode().split("portal-tiles")[0]


@pytest.mark.django_db
def test_staff_cannot_open_member_pages(records, staff, client_for):
    response = client_for(staff.union_a1).get("/m/benefits/")
    assert response.status_code == 302 and "/m/login/" in response["Location"]


@pytest.mark.django_db
def test_figures_page(records, staff, client_for):
    # S1: 3,000 × 60% = 1,800 + 4 days × 30 = 1,920; S2: 1,800 + 60 = 1,860.
    notice = BenefitNotice.objects.get(member=records["wang"])
    from gonghui.medinsure import services

    services.benefit_notice_confirm(actor=member_user(records["wang"]), notice=notice)
    page = client_for(staff.reviewer).get("/staff/medinsure/figures/").content.decode()
    assert 'data-figure="found">3,780' in page
    assert 'data-figure="confirmed">1<' in page
    assert 'data-figure="pending">1<' in page
    assert 'data-figure="records">3<' in page
    town_a = client_for(staff.town_a).get("/staff/medinsure/figures/").content.decode()
    assert 'data-figure="found">1,920' in town_a


@pytest.mark.django_db
def test_staff_pages_render(records, staff, client_for):
    client = client_for(staff.admin)
    for url in (
        "/staff/medinsure/",
        "/staff/medinsure/notices/",
        "/staff/medinsure/recoveries/",
        "/staff/medinsure/mapping/",
        "/staff/medinsure/settings/",
        "/staff/medinsure/api-keys/",
        "/staff/medinsure/upload/",
    ):
        assert client.get(url).status_code == 200, url
    for url in (
        "/staff/medinsure/mapping/",
        "/staff/medinsure/settings/",
        "/staff/medinsure/api-keys/",
        "/staff/medinsure/upload/",
    ):
        assert client_for(staff.town_a).get(url).status_code == 403, url


@pytest.mark.django_db
def test_searching_by_full_id_number_is_posted(records, staff, client_for):
    response = client_for(staff.reviewer).post("/staff/medinsure/records/", {"q": A})
    page = response.content.decode()
    assert 'data-serial="S1"' in page and 'data-serial="S2"' not in page
    assert A not in page.split("<tbody>")[1]  # the results show it masked


@pytest.mark.django_db
def test_the_straight_through_limit_is_set_by_the_federations_admin(tree, staff, client_for):
    from gonghui.medinsure.handoff import straight_through_up_to

    client = client_for(staff.admin)
    page = client.get("/staff/medinsure/settings/").content.decode()
    assert "5,000" in page  # the default, said in words
    response = client.post("/staff/medinsure/settings/", {"straight_through_up_to": "-1"})
    assert "确保该值大于或等于0" in response.content.decode() and response.status_code == 200
    assert straight_through_up_to(tree.county.pk) == Decimal("5000")
    client.post("/staff/medinsure/settings/", {"straight_through_up_to": "3000"})
    assert straight_through_up_to(tree.county.pk) == Decimal("3000")
    response = client_for(staff.union_a1).post(
        "/staff/medinsure/settings/", {"straight_through_up_to": "99999"}
    )
    assert response.status_code == 403
    assert straight_through_up_to(tree.county.pk) == Decimal("3000")


@pytest.mark.django_db
def test_the_straight_through_limit_service_refuses_bad_input_in_chinese(tree, staff):
    from django.core.exceptions import PermissionDenied, ValidationError

    from gonghui.medinsure.models import LinkSettings
    from gonghui.medinsure.services import link_settings_save

    with pytest.raises(ValidationError, match="请输入不小于 0 的金额"):
        link_settings_save(
            actor=staff.admin, federation=tree.county, straight_through_up_to=Decimal("-1")
        )
    with pytest.raises(PermissionDenied):
        link_settings_save(
            actor=staff.union_a1, federation=tree.county, straight_through_up_to=Decimal("1")
        )
    assert not LinkSettings.objects.exists()


@pytest.mark.django_db
def test_the_api_keys_page_speaks_to_a_clerk_and_keeps_json_names_for_it_staff(
    tree, staff, client_for
):
    page = client_for(staff.admin).get("/staff/medinsure/api-keys/").content.decode()
    clerk_part, it_part = page.split('data-testid="for-it-staff"')
    assert "结算单号" in clerk_part and "其中自负" in clerk_part
    for name in ("self_responsibility", "original_serial", "Authorization", "/api/"):
        assert name not in clerk_part.split("<main")[-1].split("</nav>")[-1]
        assert name in it_part
    assert "给医保局技术人员的对接说明" in it_part
