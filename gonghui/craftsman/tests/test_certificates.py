"""A title's certificate is an issued document (gonghui.documents): issued when the title is
named, its QR (read back from the rendered page) opens /v/<code>/, the member and staff download
the stored bytes, revoking the title revokes it; an archived honour gets one at its first
download, and a certificate revoked while the title stands is issued again."""

import datetime
import hashlib
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from gonghui.craftsman import services
from gonghui.craftsman.models import Honour
from gonghui.craftsman.services.certificates import KIND, OWNER
from gonghui.craftsman.tests.factories import YEAR, apply, line, qr_in_pdf, worker
from gonghui.documents.models import IssuedDocument
from gonghui.documents.services import document_bytes, document_revoke

pytestmark = pytest.mark.django_db
DAY = f"{YEAR}-03-01"


def named(scheme, staff, person) -> Honour:
    application = apply(scheme, person, [line("CERT.L1", DAY)])
    services.application_check(actor=staff.union_a1, application=application)
    services.application_check(actor=staff.town_a, application=application)
    services.ranking_freeze(actor=staff.admin, scheme=scheme)
    scheme.refresh_from_db()
    services.notice_start(actor=staff.admin, scheme=scheme)
    scheme.refresh_from_db()
    (honour,) = services.scheme_name(
        actor=staff.admin,
        scheme=scheme,
        today=scheme.notice_ends + datetime.timedelta(days=1),
        base_url="http://testserver/",
    )
    return honour


def test_naming_issues_the_certificate_as_a_document_with_its_qr(
    scheme, tree, staff, client_for, tmp_path
):
    person = worker(tree.union_a1, name="陈证书")
    honour = named(scheme, staff, person)
    document = IssuedDocument.objects.get()
    assert honour.certificate == document
    assert (document.kind, document.owner, document.object_id) == (KIND, OWNER, honour.pk)
    assert (document.issuer, document.issued_by, document.subject_masked) == (
        tree.county,
        staff.admin,
        "陈*书",
    )
    assert document.title == f"{YEAR}年度工匠荣誉证书"

    member = client_for(person.user)
    pdf = member.get(reverse("craftsman_portal:certificate", args=[honour.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content == document_bytes(document)  # the stored bytes, not a new rendering
    assert hashlib.sha256(pdf.content).hexdigest() == document.sha256
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "陈证书" in text and "荣誉证书" in text and document.code in text
    assert "有效期至" in text and tree.county.name in text
    assert qr_in_pdf(pdf.content, tmp_path) == f"http://testserver/v/{document.code}/"

    staff_pdf = client_for(staff.town_a).get(
        reverse("staff:craftsman_certificate", args=[honour.pk])
    )
    assert staff_pdf.status_code == 200 and staff_pdf.content == pdf.content
    assert IssuedDocument.objects.count() == 1  # downloads never issue a second one
    other_town = client_for(staff.town_b).get(reverse("staff:craftsman_honour_list"))
    assert f"/v/{document.code}/" in other_town.content.decode()  # the county's titles


def test_revoking_the_title_revokes_its_certificate(scheme, tree, staff, client_for):
    honour = named(scheme, staff, worker(tree.union_a1, name="陈撤销"))
    admin = client_for(staff.admin)
    admin.post(reverse("staff:craftsman_honour_revoke", args=[honour.pk]), {"reason": ""})
    assert Honour.objects.get().revoked_at is None
    assert IssuedDocument.objects.get().revoked_at is None
    admin.post(reverse("staff:craftsman_honour_revoke", args=[honour.pk]), {"reason": "材料造假"})
    assert Honour.objects.get().revoke_reason == "材料造假"
    document = IssuedDocument.objects.get()
    assert document.revoked and document.revoke_reason == "材料造假"
    assert document.revoked_by == staff.admin
    page = Client().get(f"/v/{document.code}/").content.decode()
    assert 'data-verdict="revoked"' in page and "已作废" in page
    # The staff download still serves the (revoked) paper; nothing new is issued.
    again = admin.get(reverse("staff:craftsman_certificate", args=[honour.pk]))
    assert again.content == document_bytes(document) and IssuedDocument.objects.count() == 1
    with pytest.raises(ValidationError):
        services.honour_revoke(actor=staff.admin, honour=Honour.objects.get(), reason="再次")
    with pytest.raises(PermissionDenied):
        services.honour_revoke(actor=staff.town_a, honour=Honour.objects.get(), reason="x")


def test_an_archived_honour_gets_its_certificate_at_the_first_download(
    tree, staff, client_for, tmp_path
):
    person = worker(tree.union_a1, name="欧阳劳模")
    honour = Honour.objects.create(
        member=person,
        holder_name=person.name,
        name="浙江省劳动模范",
        level="provincial",
        year=2019,
        federation=tree.county,
        valid_from=datetime.date(2019, 5, 1),
    )
    team = Honour.objects.create(
        holder_name="甲厂焊接班组",
        collective=True,
        name="工人先锋号",
        year=2020,
        federation=tree.county,
        valid_from=datetime.date(2020, 5, 1),
    )
    assert IssuedDocument.objects.count() == 0
    first = client_for(staff.town_a).get(reverse("staff:craftsman_certificate", args=[honour.pk]))
    document = Honour.objects.get(pk=honour.pk).certificate
    assert first.content == document_bytes(document)
    assert (document.issued_by, document.subject_masked) == (staff.town_a, "欧**模")
    text = PdfReader(io.BytesIO(first.content)).pages[0].extract_text()
    assert "2019年度浙江省劳动模范荣誉证书" in text and "终身" in text
    assert qr_in_pdf(first.content, tmp_path) == f"http://testserver/v/{document.code}/"
    client_for(staff.admin).get(reverse("staff:craftsman_certificate", args=[team.pk]))
    assert Honour.objects.get(pk=team.pk).certificate.subject_masked == "甲厂焊接班组"
    # The member downloads the very same document.
    mine = client_for(person.user).get(reverse("craftsman_portal:certificate", args=[honour.pk]))
    assert mine.content == first.content and IssuedDocument.objects.count() == 2


def test_a_certificate_revoked_while_the_title_stands_is_issued_again(
    scheme, tree, staff, client_for
):
    person = worker(tree.union_a1, name="陈重发")
    honour = named(scheme, staff, person)
    old = honour.certificate
    document_revoke(actor=staff.admin, document=old, reason="证书信息有误")
    pdf = client_for(person.user).get(reverse("craftsman_portal:certificate", args=[honour.pk]))
    honour.refresh_from_db()
    assert honour.certificate != old and not honour.certificate.revoked
    assert honour.certificate.issued_by is None  # the member's download: the system issued it
    assert pdf.content == document_bytes(honour.certificate)
    assert IssuedDocument.objects.filter(owner=OWNER, object_id=honour.pk).count() == 2
    # Someone else's title is not the member's to download.
    other = client_for(worker(tree.union_a1).user)
    assert other.get(reverse("craftsman_portal:certificate", args=[honour.pk])).status_code == 404
