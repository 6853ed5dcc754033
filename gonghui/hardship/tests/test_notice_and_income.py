"""The public notice lasts at least the set number of working days, and its form proposes
that much; a household whose rigid spending exceeds its income shows 0, not a negative
income."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from gonghui.core.dates import working_day_end, working_days
from gonghui.deadlines.calendar import calendar_day_set
from gonghui.hardship.models import Tier
from gonghui.hardship.services import files as services
from gonghui.hardship.tests.factories import applied_file

MONDAY = datetime.date(2026, 11, 30)


def test_working_days_count_monday_to_friday_both_ends_included():
    assert working_days(MONDAY, MONDAY) == 1
    assert working_days(MONDAY, MONDAY + datetime.timedelta(days=4)) == 5  # to Friday
    assert (
        working_days(MONDAY + datetime.timedelta(days=5), MONDAY + datetime.timedelta(days=6)) == 0
    )
    assert working_days(MONDAY, MONDAY + datetime.timedelta(days=13)) == 10
    assert working_days(MONDAY, MONDAY - datetime.timedelta(days=1)) == 0
    # Five working days from a Thursday end on the next Wednesday.
    assert working_day_end(MONDAY + datetime.timedelta(days=3), 5) == datetime.date(2026, 12, 9)
    assert working_day_end(datetime.date(2026, 12, 5), 1) == datetime.date(2026, 12, 7)  # Sat


@pytest.fixture
def verified(tree, staff):
    with time_machine.travel(datetime.datetime(2026, 12, 3, 10, 0), tick=False):
        file = applied_file(staff, tree)
        services.file_union_review(actor=staff.union_a1, file=file, tier=Tier.DEEP, reason="核实")
        services.file_record_visit(
            actor=staff.town_a,
            file=file,
            visited_on=datetime.date(2026, 12, 2),
            visitors="李干事",
            findings="属实",
        )
        services.file_town_verify(actor=staff.town_a, file=file)
        yield file


def test_a_one_day_notice_is_refused_in_chinese(verified, staff):
    with pytest.raises(ValidationError) as error:
        services.file_start_notice(
            actor=staff.town_a, file=verified, starts_on=MONDAY, ends_on=MONDAY, place="公示栏"
        )
    assert error.value.code == "notice_days"
    assert error.value.messages == [
        "公示期至少 5 个工作日（节假日与调休上班日按工作日历计算）：2026-11-30 开始的公示，"
        "最早到 2026-12-04 结束。"
    ]
    assert not verified.notices.exists()


def test_a_holiday_in_the_calendar_makes_the_notice_longer(verified, staff):
    """The working-day calendar (deadlines app) is asked, not Monday to Friday alone: a
    holiday kept by the county on Wednesday 2 December (test data) moves the earliest end
    from Friday 4 to Monday 7 December; a make-up Saturday would count."""
    calendar_day_set(
        actor=staff.admin, day=datetime.date(2026, 12, 2), kind="holiday", name="测试假日",
        national=False,
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.file_start_notice(
            actor=staff.town_a,
            file=verified,
            starts_on=MONDAY,
            ends_on=MONDAY + datetime.timedelta(days=4),
            place="公示栏",
        )
    assert "最早到 2026-12-07 结束" in error.value.messages[0]
    calendar_day_set(
        actor=staff.admin, day=datetime.date(2026, 12, 5), kind="workday", name="测试调休",
        national=False,
    )  # fmt: skip
    notice = services.file_start_notice(
        actor=staff.town_a,
        file=verified,
        starts_on=MONDAY,
        ends_on=datetime.date(2026, 12, 5),
        place="公示栏",
    )
    assert notice.ends_on == datetime.date(2026, 12, 5)


def test_five_working_days_are_enough_and_the_minimum_is_a_setting(verified, staff, settings):
    settings.HARDSHIP_NOTICE_MIN_WORKING_DAYS = 7
    with pytest.raises(ValidationError):
        services.file_start_notice(
            actor=staff.town_a,
            file=verified,
            starts_on=MONDAY,
            ends_on=MONDAY + datetime.timedelta(days=4),
            place="公示栏",
        )
    settings.HARDSHIP_NOTICE_MIN_WORKING_DAYS = 5
    notice = services.file_start_notice(
        actor=staff.town_a,
        file=verified,
        starts_on=MONDAY,
        ends_on=MONDAY + datetime.timedelta(days=4),
        place="公示栏",
    )
    assert notice.ends_on == datetime.date(2026, 12, 4)


def test_the_notice_form_proposes_the_minimum(verified, staff, client_for):
    client = client_for(staff.town_a)
    url = reverse("staff:hardship_file_step", args=[verified.pk, "start_notice"])
    with time_machine.travel(datetime.datetime(2026, 12, 3, 10, 0), tick=False):  # Thursday
        page = client.get(url).content.decode()
        refused = client.post(
            url, {"starts_on": "2026-12-03", "ends_on": "2026-12-03", "place": "公示栏"}
        ).content.decode()
    assert 'name="starts_on" value="2026-12-03"' in page
    assert 'name="ends_on" value="2026-12-09"' in page and "至少 5 个工作日" in page
    assert "最早到 2026-12-09 结束" in refused and 'value="公示栏"' in refused


def test_spending_above_income_is_shown_as_nothing_left(tree, staff, client_for):
    file = applied_file(
        staff, tree, annual_income=Decimal("20000"), household_size=2,
        spending_illness=Decimal("36000"),
    )  # fmt: skip
    assert file.income_per_person == Decimal("0.00")
    page = (
        client_for(staff.union_a1)
        .get(reverse("staff:hardship_file_detail", args=[file.pk]))
        .content.decode()
    )
    assert "-666.67" not in page and "扣除后没有剩余" in page


def test_the_members_page_opens_a_new_file_for_that_member(tree, staff, client_for):
    from gonghui.hardship.models import HardshipFile
    from gonghui.hardship.tests.factories import consent_fields
    from gonghui.orgs.tests.factories import member

    worker = member(tree.union_a1, name="王大伟", bank_name="台州银行")
    client = client_for(staff.union_a1)
    page = client.get(reverse("staff:member_detail", args=[worker.pk])).content.decode()
    new_url = f"{reverse('staff:hardship_file_create')}?member={worker.pk}"
    assert f'href="{new_url}" data-testid="hardship-open"' in page and "建立困难档案" in page

    form = client.get(new_url).content.decode()
    assert "王大伟" in form and 'name="id_number"' not in form
    assert 'name="account_holder" value="王大伟"' in form
    # The text is shown (not only carried in the hidden field) and names only 王*伟.
    assert 'data-testid="consent-text">申请经工会' in form and "姓名：王*伟" in form
    application = {"main_cause": "illness", "household_size": "3", "annual_income": "30000"}
    refused = client.post(new_url, application)
    assert refused.status_code == 200
    assert "公示" in refused.context["form"].errors["consent_agreed"][0]
    assert not HardshipFile.objects.filter(member=worker).exists()
    response = client.post(new_url, {**application, **consent_fields(worker)})
    file = HardshipFile.objects.get(member=worker)
    consent = worker.publication_consents.get()
    assert (consent.on_behalf, consent.how, consent.object_id) == (True, "signed", file.pk)
    assert "王*伟" in consent.text
    assert response["Location"] == reverse("staff:hardship_file_detail", args=[file.pk])
    page = client.get(reverse("staff:member_detail", args=[worker.pk])).content.decode()
    assert 'data-testid="hardship-open"' not in page and 'data-testid="hardship-file"' in page


def test_a_member_outside_the_subtree_cannot_be_chosen(tree, staff, client_for):
    from gonghui.orgs.tests.factories import member

    outsider = member(tree.union_b1)
    url = f"{reverse('staff:hardship_file_create')}?member={outsider.pk}"
    assert client_for(staff.union_a1).get(url).status_code == 404


def test_roles_that_keep_no_files_see_no_button(tree, staff, client_for):
    from gonghui.orgs.tests.factories import member

    worker = member(tree.union_a1)
    page = client_for(staff.auditor).get(reverse("staff:member_detail", args=[worker.pk]))
    assert 'data-testid="hardship-open"' not in page.content.decode()
