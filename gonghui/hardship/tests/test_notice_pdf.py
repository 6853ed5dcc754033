"""The hardship public notice as a PDF with a verification QR (documents app): the worker's
name masked in the PDF and on the check page, from the page and from the API, in scope only."""

import datetime
import io

from pypdf import PdfReader

from gonghui.documents.models import IssuedDocument
from gonghui.documents.services import document_bytes
from gonghui.hardship.services import files as services
from gonghui.hardship.tests.test_notice_and_income import MONDAY, verified  # noqa: F401


def _notice(file, staff):
    return services.file_start_notice(
        actor=staff.town_a,
        file=file,
        starts_on=MONDAY,
        ends_on=MONDAY + datetime.timedelta(days=4),
        place="厂区公示栏",
    )


def test_the_notice_pdf_names_the_worker_masked(verified, staff, client_for, client):  # noqa: F811
    notice = _notice(verified, staff)
    staff_client = client_for(staff.town_a)
    detail = staff_client.get(f"/staff/hardship/files/{verified.pk}/").content.decode()
    assert 'data-testid="notice-pdf"' in detail
    response = staff_client.post(f"/staff/hardship/notices/{notice.pk}/pdf/")
    document = IssuedDocument.objects.get()
    assert response["Location"] == f"/staff/documents/{document.pk}/pdf/"
    name = verified.member.name
    masked = name[0] + "*" * (len(name) - 2) + name[-1]
    assert document.subject_masked == masked and document.issuer == staff.town_a.org
    text = PdfReader(io.BytesIO(document_bytes(document))).pages[0].extract_text()
    assert "困难职工建档公示" in text and masked in text and name not in text
    assert "2026-11-30" in text and "厂区公示栏" in text
    page = client.get(f"/v/{document.code}/").content.decode()
    assert masked in page and name not in page and "困难职工建档公示" in page


def test_the_api_issues_it_and_other_towns_cannot(verified, staff, client_for):  # noqa: F811
    _notice(verified, staff)
    answer = client_for(staff.town_a).post(f"/api/hardship/files/{verified.pk}/notice-pdf/")
    assert answer.status_code == 201 and answer.json()["kind"] == "hardship_notice"
    refused = client_for(staff.town_b).post(f"/api/hardship/files/{verified.pk}/notice-pdf/")
    assert refused.status_code == 404
    assert IssuedDocument.objects.count() == 1
