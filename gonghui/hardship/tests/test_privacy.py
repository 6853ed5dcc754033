"""Who may see a hardship file: the worker's own union and the federations above it, the
paired cadre, and the worker. Everyone else gets nothing, by page, by API, or by guessing
ids and attachment URLs. Every view is logged."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gonghui.accounts.models import Role
from gonghui.accounts.testing import sign_in
from gonghui.core.models import AccessLog
from gonghui.core.tests.files import pdf_bytes
from gonghui.hardship.models import AttachmentKind, Pair
from gonghui.hardship.services import files as services
from gonghui.hardship.tests.factories import active_file
from gonghui.orgs.tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def secret_file(tree, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    file = active_file(staff, tree)
    services.attachment_add(
        actor=staff.union_a1,
        file=file,
        kind=AttachmentKind.CONSENT,
        uploads=[SimpleUploadedFile("consent.pdf", pdf_bytes(), "application/pdf")],
    )
    return file


def test_hardship_file_is_hidden_from_town_b_another_union_and_another_member(
    secret_file, staff, tree, client_for
):
    attachment = secret_file.attachments.get()
    other_union = UserFactory(role=Role.UNION_STAFF, org=tree.union_a2)
    other_worker = member(tree.union_a1)
    other_worker.user = UserFactory(role=Role.MEMBER)
    other_worker.save()
    urls = [
        reverse("staff:hardship_file_detail", args=[secret_file.pk]),
        reverse("staff:hardship_file_step", args=[secret_file.pk, "review"]),
        reverse("staff:hardship_aid_add", args=[secret_file.pk]),
        reverse("staff:hardship_attachment", args=[attachment.pk]),
        f"/api/hardship/files/{secret_file.pk}/",
        f"/api/hardship/files/{secret_file.pk}/aid/",
    ]
    for outsider in (staff.town_b, other_union):
        client = sign_in(Client(), outsider)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 404, (outsider, url)
        listing = client.get(reverse("staff:hardship_file_list"))
        assert secret_file.member.name not in listing.content.decode()
        assert client.get("/api/hardship/files/").json()["count"] == 0
    worker_client = Client()
    worker_client.force_login(other_worker.user)
    for url in urls:
        assert worker_client.get(url).status_code in (302, 403)
    my_file = worker_client.get("/api/hardship/my-file/")
    assert my_file.status_code == 404
    page = worker_client.get(reverse("hardship_portal:progress"))
    assert page.status_code == 302  # no file of their own: back to the hardship home
    outsiders = [staff.town_b, other_union, other_worker.user]
    assert not AccessLog.objects.filter(user__in=outsiders).exists()


def test_hardship_file_is_visible_to_its_union_the_federations_above_the_cadre_and_worker(
    secret_file, staff, tree, client_for
):
    url = reverse("staff:hardship_file_detail", args=[secret_file.pk])
    for user in (staff.union_a1, staff.town_a, staff.reviewer):
        response = client_for(user).get(url)
        assert response.status_code == 200
        assert secret_file.member.name in response.content.decode()
    cadre = UserFactory(role=Role.UNION_STAFF, org=tree.union_b1)
    client = sign_in(Client(), cadre)
    assert client.get(url).status_code == 404
    Pair.objects.create(
        cadre=cadre, file=secret_file, started_on=timezone.localdate(), created_by=staff.admin
    )
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["in_scope"] is False
    assert response.context["steps"] == []  # reads, but takes no steps
    attachment = secret_file.attachments.get()
    download = client.get(reverse("staff:hardship_attachment", args=[attachment.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == pdf_bytes()


def test_hardship_every_view_of_a_file_is_logged(secret_file, staff, client_for):
    client = client_for(staff.town_a)
    client.get(reverse("staff:hardship_file_detail", args=[secret_file.pk]))
    client.get(f"/api/hardship/files/{secret_file.pk}/")
    attachment = secret_file.attachments.get()
    client.get(reverse("staff:hardship_attachment", args=[attachment.pk]))
    views = AccessLog.objects.filter(
        user=staff.town_a,
        action=AccessLog.Action.VIEW_HARDSHIP_FILE,
        subject_id=str(secret_file.pk),
    )
    assert views.count() == 3
    assert {entry.path for entry in views} == {
        reverse("staff:hardship_file_detail", args=[secret_file.pk]),
        f"/api/hardship/files/{secret_file.pk}/",
        reverse("staff:hardship_attachment", args=[attachment.pk]),
    }
    assert views.first().org == secret_file.member.union


def test_hardship_full_card_number_only_when_asked_and_logged(secret_file, staff, client_for):
    services.file_update_household(
        actor=staff.union_a1, file=secret_file, bank_card="6222021234567890123"
    )
    client = client_for(staff.town_a)
    url = reverse("staff:hardship_file_detail", args=[secret_file.pk])
    masked = client.get(url).content.decode()
    assert "6222021234567890123" not in masked
    assert "6222***********0123" in masked
    revealed = client.get(url + "?reveal=1").content.decode()
    assert "6222021234567890123" in revealed
    assert (
        AccessLog.objects.filter(user=staff.town_a, action=AccessLog.Action.VIEW_BANK_CARD).count()
        == 1
    )
    auditor = client_for(staff.auditor)
    assert auditor.get(url + "?reveal=1").status_code == 403


def test_hardship_attachments_are_not_served_from_media_url(secret_file, client):
    attachment = secret_file.attachments.get()
    assert client.get("/media/" + attachment.upload.name).status_code == 404


def test_hardship_attachment_is_checked_by_content_and_nothing_is_kept(staff, tree):
    from django.core.exceptions import ValidationError

    from gonghui.hardship.models import Attachment

    file = active_file(staff, tree)
    with pytest.raises(ValidationError) as info:
        services.attachment_add(
            actor=staff.union_a1,
            file=file,
            kind=AttachmentKind.VISIT_PHOTO,
            uploads=[
                SimpleUploadedFile("家访.jpg", b"\x7fELF\x02\x01" + b"\x00" * 64, "image/jpeg")
            ],
        )
    assert "家访.jpg" in info.value.messages[0]
    assert not Attachment.objects.exists()
