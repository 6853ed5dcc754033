"""The worker's phone pages: apply, progress, resubmit after a return, aid received."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gonghui.accounts.models import Role
from gonghui.core.models import AccessLog
from gonghui.core.tests.files import jpeg_bytes
from gonghui.hardship.models import (
    Action,
    AidType,
    AttachmentKind,
    Channel,
    FundingSource,
    HardshipFile,
    Status,
)
from gonghui.hardship.services import aid as aid_services
from gonghui.hardship.services import files as file_services
from gonghui.hardship.tests.factories import active_file, consent_fields, own_consent
from gonghui.orgs.tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(tree):
    person = member(tree.union_a1)
    person.user = UserFactory(role=Role.MEMBER, username=f"m{person.pk}")
    person.save()
    return person


@pytest.fixture
def phone(worker):
    client = Client()
    client.force_login(worker.user)
    return client


def test_hardship_worker_applies_on_the_phone_and_follows_progress(
    worker, phone, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    home = phone.get(reverse("hardship_portal:home"))
    assert home.context["can_apply"] is True
    application = {
        "main_cause": "illness",
        "household_size": "3",
        "annual_income": "36000",
        "spending_illness": "12000",
        "statement": "妻子尿毒症，每周透析三次",
    }
    # The form shows what the notice will publish; without agreeing, nothing is filed.
    form_page = phone.get(reverse("hardship_portal:apply")).content.decode()
    assert 'white-space:pre-line">申请经工会' in form_page
    assert f"所在工会：{worker.union.name}" in form_page
    refused = phone.post(reverse("hardship_portal:apply"), application)
    assert refused.status_code == 200
    assert "公示" in refused.content.decode()
    assert not HardshipFile.objects.filter(member=worker).exists()
    response = phone.post(
        reverse("hardship_portal:apply"),
        {
            **application,
            "attachments": [SimpleUploadedFile("诊断证明.jpg", jpeg_bytes(), "image/jpeg")],
            **consent_fields(worker, on_behalf=False),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("hardship_portal:progress")
    file = HardshipFile.objects.get(member=worker)
    assert (file.status, file.channel, file.created_by) == (
        Status.APPLIED,
        Channel.PHONE,
        worker.user,
    )
    assert file.attachments.get().kind == AttachmentKind.APPLICATION
    progress = phone.get(reverse("hardship_portal:progress"))
    assert [event.action for event in progress.context["events"]] == [Action.APPLY]
    assert "妻子尿毒症" in progress.content.decode()
    assert AccessLog.objects.filter(
        user=worker.user, action=AccessLog.Action.VIEW_HARDSHIP_FILE
    ).exists()
    again = phone.get(reverse("hardship_portal:apply"))
    assert again.status_code == 302  # one open file: the phone shows its progress instead


def test_hardship_worker_sees_the_return_reason_and_submits_again(worker, phone, staff):
    file = file_services.file_apply(
        actor=worker.user,
        member=worker,
        consent=own_consent(worker),
        main_cause="unemployment",
        household_size=2,
        annual_income=Decimal("15000"),
    )
    file_services.file_return(actor=staff.union_a1, file=file, reason="请补充失业证明")
    home = phone.get(reverse("hardship_portal:home"))
    assert "请补充失业证明" in home.content.decode()
    phone.post(reverse("hardship_portal:resubmit"), {"note": "已上传失业证明"})
    file.refresh_from_db()
    assert file.status == Status.APPLIED
    assert file.events.last().note == "已上传失业证明"


def test_hardship_worker_sees_only_their_own_aid(worker, phone, staff, tree):
    mine = active_file(staff, tree, worker=worker)
    theirs = active_file(staff, tree)
    for file, amount in ((mine, "2000"), (theirs, "9999")):
        aid_services.aid_record_create(
            actor=staff.finance,
            file=file,
            aid_type=AidType.VISIT,
            amount=Decimal(amount),
            given_on=timezone.localdate(),
            funding_source=FundingSource.UNION_FUNDS,
        )
    page = phone.get(reverse("hardship_portal:aid"))
    assert [record.file_id for record in page.context["aid"]] == [mine.pk]
    assert page.context["totals"]["cash"] == Decimal("2000")
    assert "9,999" not in page.content.decode()


def test_hardship_portal_home_tile_links_to_the_hardship_pages(worker, phone):
    home = phone.get(reverse("portal:home")).content.decode()
    assert reverse("hardship_portal:home") in home
