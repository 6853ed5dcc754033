"""Staff file pages: the list, applying for a worker, each step through its own page."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from gonghui.hardship.models import Action, AidType, HardshipFile, Status, Tier
from gonghui.hardship.tests.factories import (
    active_file,
    applied_file,
    consent_fields,
    set_limit,
    set_standard,
)
from gonghui.orgs.tests.factories import member

pytestmark = pytest.mark.django_db


def test_hardship_staff_apply_page_files_an_application_for_a_member(tree, staff, client_for):
    set_standard(staff, tree)
    worker = member(tree.union_a1)
    client = client_for(staff.union_a1)
    application = {
        "main_cause": "illness",
        "secondary_causes": ["schooling"],
        "household_size": "3",
        "annual_income": "30000",
        "spending_illness": "",
        "statement": "妻子长期透析",
    }
    # Found by the ID number: the page asks for the worker's agreement to the notice next.
    found = client.post(
        reverse("staff:hardship_file_create"), {"id_number": worker.id_number, **application}
    )
    assert found.status_code == 200
    assert 'data-testid="consent-text">申请经工会' in found.content.decode()
    assert not HardshipFile.objects.filter(member=worker).exists()
    response = client.post(
        reverse("staff:hardship_file_create") + f"?member={worker.pk}",
        {**application, **consent_fields(worker)},
    )
    file = HardshipFile.objects.get(member=worker)
    assert file.events.get().on_behalf is True
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:hardship_file_detail", args=[file.pk])
    assert (file.status, file.suggested_tier, file.secondary_causes) == (
        Status.APPLIED,
        Tier.DEEP,
        ["schooling"],
    )
    page = client.get(response["Location"])
    assert [action for action, _label in page.context["steps"]] == [
        Action.UNION_REVIEW,
        Action.RETURN,
    ]
    outsider = member(tree.union_b1)
    refused = client.post(
        reverse("staff:hardship_file_create"),
        {
            "id_number": outsider.id_number,
            "main_cause": "illness",
            "household_size": "1",
            "annual_income": "9000",
        },
    )
    assert refused.status_code == 200
    assert "id_number" in refused.context["form"].errors
    assert not HardshipFile.objects.filter(member=outsider).exists()


def test_hardship_steps_through_pages_from_review_to_approval(tree, staff, client_for):
    set_standard(staff, tree)
    file = applied_file(staff, tree)
    today = timezone.localdate()

    def step(user, action, data):
        url = reverse("staff:hardship_file_step", args=[file.pk, action])
        assert client_for(user).get(url).status_code == 200
        return client_for(user).post(url, data)

    review = step(staff.union_a1, "union_review", {"tier": "relative", "reason": ""})
    assert review.status_code == 200  # overriding the suggestion needs a reason
    assert review.context["form"].non_field_errors()
    step(staff.union_a1, "union_review", {"tier": "deep", "reason": "", "note": "情况属实"})
    step(
        staff.town_a,
        "record_visit",
        {"visited_on": today.isoformat(), "visitors": "李干事", "findings": "家徒四壁"},
    )
    step(staff.town_a, "town_verify", {"note": ""})
    step(
        staff.town_a,
        "start_notice",
        {
            "starts_on": (today - datetime.timedelta(days=7)).isoformat(),
            "ends_on": today.isoformat(),
            "place": "厂区公示栏",
        },
    )
    detail = client_for(staff.reviewer).get(reverse("staff:hardship_file_detail", args=[file.pk]))
    assert len(detail.context["approval_blockers"]) == 1  # the notice ends today
    assert 'disabled data-step="approve"' in detail.content.decode()
    early = step(staff.reviewer, "approve", {"tier": "deep"})
    assert early.status_code == 200 and early.context["form"].non_field_errors()
    file.refresh_from_db()
    assert file.status == Status.PUBLIC_NOTICE
    wrong_role = client_for(staff.union_a1).post(
        reverse("staff:hardship_file_step", args=[file.pk, "approve"]), {"tier": "deep"}
    )
    assert wrong_role.status_code == 302
    file.refresh_from_db()
    assert file.status == Status.PUBLIC_NOTICE
    assert file.events.count() == 5


def test_hardship_list_flags_files_due_for_review(tree, staff, client_for):
    due = active_file(staff, tree)
    fresh = active_file(staff, tree)
    HardshipFile.objects.filter(pk=due.pk).update(
        reviewed_on=timezone.localdate() - datetime.timedelta(days=366)
    )
    client = client_for(staff.town_a)
    listed = client.get(reverse("staff:hardship_file_list"), {"due": "on"})
    assert [file.pk for file in listed.context["page"]] == [due.pk]
    everything = client.get(reverse("staff:hardship_file_list"))
    assert {file.pk for file in everything.context["page"]} == {due.pk, fresh.pk}
    assert client.get(reverse("staff:hardship_file_detail", args=[due.pk])).context[
        "due_for_review"
    ]


def test_hardship_aid_page_warns_above_the_limit_and_takes_a_reason(tree, staff, client_for):
    set_standard(staff, tree, Decimal("1000"))
    set_limit(Tier.DEEP, AidType.LIVING, months=Decimal(12))
    file = active_file(staff, tree)
    client = client_for(staff.finance)
    data = {
        "aid_type": "living",
        "amount": "13000",
        "goods_value": "0",
        "given_on": timezone.localdate().isoformat(),
        "funding_source": "union_funds",
    }
    url = reverse("staff:hardship_aid_add", args=[file.pk])
    warned = client.post(url, data)
    assert warned.status_code == 200
    assert warned.context["over_limit"].limit == Decimal("12000.00")
    assert not file.aid.exists()
    done = client.post(url, {**data, "over_limit_reason": "大病手术"})
    assert done.status_code == 302
    assert file.aid.get().over_limit
