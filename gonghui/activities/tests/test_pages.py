"""The member's phone pages, the staff pages and the partner's page, for each role."""

import datetime

import pytest
from django.utils import timezone

from gonghui.accounts.models import Role
from gonghui.activities.models import Entry, Partner, Prize, Registration, RegStatus, Voucher
from gonghui.activities.tests.helpers import batch, members_with_users, programme
from gonghui.orgs.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_member_sees_what_they_may_join_applies_and_sees_their_qr(on, staff, client_for):
    the_batch = batch(
        staff.town_a, programme(staff.town_a, on.town_a, title="手机摄影班"), places=3
    )
    (person,) = members_with_users(on.union_a1, 1)
    client = client_for(person.user)
    page = client.get("/m/activities/").content.decode()
    assert "手机摄影班" in page and "剩余 3 个名额" in page
    answer = client.post(f"/m/activities/batches/{the_batch.pk}/apply/", follow=True)
    page = answer.content.decode()
    registration = Registration.objects.get(member=person)
    assert registration.status == RegStatus.CONFIRMED
    assert "已确认" in page and registration.code in page and "<svg" in page
    assert "报名" in page  # the steps: 报名 → 获得名额
    # a member of the other town does not see it
    (other,) = members_with_users(on.union_b1, 1)
    assert "手机摄影班" not in client_for(other.user).get("/m/activities/").content.decode()


def test_switched_off_keeps_registrations_readable_and_stops_new_ones(
    on, staff, client_for, switch_on
):
    the_batch = batch(staff.town_a, programme(staff.town_a, on.town_a, title="插花"), places=3)
    (person,) = members_with_users(on.union_a1, 1)
    client = client_for(person.user)
    client.post(f"/m/activities/batches/{the_batch.pk}/apply/")
    switch_on(on.county, "activities", enabled=False)
    assert client.get("/m/activities/").status_code == 403
    page = client.get("/m/activities/mine/").content.decode()
    assert "插花" in page and "取消报名" not in page
    assert client.post(f"/m/activities/batches/{the_batch.pk}/apply/").status_code == 403


def test_staff_pages_for_every_role_and_check_in_by_code(on, staff, client_for):
    prog = programme(staff.town_a, on.town_a, title="书法班")
    the_batch = batch(staff.town_a, prog, places=3)
    (person,) = members_with_users(on.union_a1, 1)
    client_for(person.user).post(f"/m/activities/batches/{the_batch.pk}/apply/")
    registration = Registration.objects.get()
    for user in (staff.union_a1, staff.town_a, staff.reviewer, staff.admin, staff.auditor):
        client = client_for(user)
        assert client.get("/staff/activities/").status_code == 200, user.role
        assert client.get(f"/staff/activities/{prog.pk}/").status_code == 200, user.role
        assert (
            client.get(f"/staff/activities/batches/{the_batch.pk}/attendance/").status_code == 200
        )
    page = client_for(staff.town_a).get(f"/staff/activities/{prog.pk}/").content.decode()
    assert "书法班" in page and person.name in page
    assert f'data-testid="left-{the_batch.pk}">2<' in page  # 3 places, 1 taken
    client = client_for(staff.town_a)
    assert client.get("/staff/activities/check-in/").status_code == 200
    page = client.post("/staff/activities/check-in/", {"code": registration.code}).content.decode()
    assert "已签到" in page
    registration.refresh_from_db()
    assert registration.status == RegStatus.CHECKED_IN
    page = client.post(
        "/staff/activities/check-in/", {"code": registration.code}, follow=True
    ).content.decode()
    assert "不能重复签到" in page
    export = client.get(f"/staff/activities/{prog.pk}/?export=xlsx")
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd")


def test_partner_redeems_its_own_voucher_on_its_phone_page(on, staff, client_for):
    shop = Partner.objects.create(org=on.county, name="甜品店")
    clerk = UserFactory(role=Role.PARTNER, org=on.county)
    shop.users.add(clerk)
    from gonghui.activities.models import Lottery

    now = timezone.now()
    lottery = Lottery.objects.create(
        org=on.county, title="抽奖", opens_at=now - datetime.timedelta(2),
        closes_at=now - datetime.timedelta(1), created_by=staff.reviewer,
    )  # fmt: skip
    prize = Prize.objects.create(lottery=lottery, position=1, name="甜品券", stock=5, partner=shop)
    (person,) = members_with_users(on.union_a1, 1)
    entry = Entry.objects.create(lottery=lottery, member=person, status="won", prize=prize)
    voucher = Voucher.objects.create(
        entry=entry, prize=prize, valid_until=now + datetime.timedelta(days=3)
    )
    client = client_for(clerk)
    assert client.get("/").url == "/partner/"
    page = client.post("/partner/", {"code": voucher.code}).content.decode()
    assert "已兑换：甜品券" in page
    page = client.post("/partner/", {"code": voucher.code}, follow=True).content.decode()
    assert "已兑换过" in page
    assert client.get("/staff/activities/").status_code == 403  # nothing else
    assert client_for(staff.town_a).get("/partner/").status_code == 403
