"""Issued PDFs: the bytes really are a PDF in Chinese (rendered to PNG, text read back, QR
decoded), the row holds the hash, the public check page answers without a sign-in and shows
masked data only, a copy is compared by hash, revocation once with a reason, the staff list
and API scoped to the subtree; applied to the hardship public notice."""

import hashlib
import re
import subprocess

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from gonghui.core.masking import mask_name
from gonghui.documents import services
from gonghui.documents.models import IssuedDocument
from gonghui.documents.pdf import Letter

LETTER = Letter(
    title="困难职工建档公示",
    paragraphs=["经基层工会审核、镇总工会入户核实，现予公示。"],
    rows=[("职工", "程*生"), ("所在工会", "甲镇一厂工会")],
    signer="甲镇总工会",
    date="2026-12-01",
)


def issue(actor, org, **fields):
    return services.document_issue(
        actor=actor,
        kind="hardship_notice",
        letter=LETTER,
        issuer=org,
        subject_masked="程*生",
        owner="tests.thing",
        object_id=1,
        base_url="http://testserver/",
        **fields,
    )


def test_codes_are_long_random_and_masking(db):
    codes = {services.new_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(re.fullmatch(r"[a-hj-km-np-z2-9]{20}", code) for code in codes)
    assert [mask_name(n) for n in ("程小生", "程生", "欧阳小明", "")] == [
        "程*生",
        "程*",
        "欧**明",
        "",
    ]


def test_issued_pdf_is_chinese_with_its_hash_and_a_qr_to_the_check_page(tree, staff, tmp_path):
    document = issue(staff.town_a, tree.town_a)
    data = services.document_bytes(document)
    assert data.startswith(b"%PDF-") and document.size == len(data)
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    stored = (tmp_path / "media" / document.file.name).read_bytes()
    assert b"%PDF" not in stored[:64]  # encrypted at rest
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    text = PdfReader(path).pages[0].extract_text()
    assert "困难职工建档公示" in text and "甲镇一厂工会" in text and document.code in text
    # The page drawn as an image (the font embedded, no missing glyphs) and its QR read back.
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", path, tmp_path / "page"],
                   check=True)  # fmt: skip
    fonts = subprocess.run(["pdffonts", path], capture_output=True, text=True, check=True)
    assert "WenQuanYi" in fonts.stdout and " yes yes " in fonts.stdout
    decoded = subprocess.run(
        ["zbarimg", "-q", "--raw", tmp_path / "page.png"], capture_output=True, text=True
    ).stdout.strip()
    assert decoded == f"http://testserver/v/{document.code}/"


def test_check_page_without_sign_in_shows_masked_data_and_compares_a_copy(tree, staff, client):
    document = issue(staff.town_a, tree.town_a)
    page = client.get(f"/v/{document.code}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-verdict="genuine"' in html and "该文件真实有效" in html
    assert "程*生" in html and "甲镇总工会" in html and document.sha256 in html
    original = services.document_bytes(document)
    same = client.post(
        f"/v/{document.code}/", {"file": SimpleUploadedFile("a.pdf", original)}
    ).content.decode()
    assert 'data-check="same"' in same
    altered = client.post(
        f"/v/{document.code}/", {"file": SimpleUploadedFile("a.pdf", original + b"\n%")}
    ).content.decode()
    assert 'data-check="different"' in altered and "可能被修改" in altered
    unknown = client.get("/v/aaaaaaaaaaaaaaaaaaaa/")
    assert unknown.status_code == 404 and "没有这个核验码" in unknown.content.decode()


def test_revocation_once_with_a_reason_within_scope(tree, staff, client):
    document = issue(staff.town_a, tree.town_a)
    with pytest.raises(PermissionDenied):
        services.document_revoke(actor=staff.town_b, document=document, reason="错")
    with pytest.raises(PermissionDenied):
        services.document_revoke(actor=staff.auditor, document=document, reason="错")
    with pytest.raises(ValidationError):
        services.document_revoke(actor=staff.town_a, document=document, reason="  ")
    services.document_revoke(actor=staff.admin, document=document, reason="公示信息有误")
    with pytest.raises(ValidationError):
        services.document_revoke(actor=staff.town_a, document=document, reason="再次")
    html = client.get(f"/v/{document.code}/").content.decode()
    assert 'data-verdict="revoked"' in html and "已作废" in html


def test_staff_list_pdf_and_api_are_scoped(tree, staff, client_for):
    document = issue(staff.town_a, tree.town_a)
    client = client_for(staff.town_a)
    page = client.get("/staff/documents/").content.decode()
    assert "签发的文件" in page and document.code in page
    pdf = client.get(f"/staff/documents/{document.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    other = client_for(staff.town_b)
    assert document.code not in other.get("/staff/documents/").content.decode()
    assert other.get(f"/staff/documents/{document.pk}/pdf/").status_code == 404
    assert other.get(f"/api/documents/{document.pk}/").status_code == 404
    client = client_for(staff.town_a)  # the one test client, signed in again
    listed = client.get("/api/documents/").json()
    assert [row["code"] for row in listed["results"]] == [document.code]
    assert listed["results"][0]["verify_path"] == f"/v/{document.code}/"
    api_pdf = client.get(f"/api/documents/{document.pk}/pdf/")
    assert api_pdf.status_code == 200 and api_pdf.content.startswith(b"%PDF")
    refused = client.post(f"/api/documents/{document.pk}/revoke/", {"reason": ""})
    assert refused.status_code == 400
    revoked = client.post(f"/api/documents/{document.pk}/revoke/", {"reason": "有误"})
    assert revoked.status_code == 200 and revoked.json()["revoked"] is True
    assert IssuedDocument.objects.get().revoke_reason == "有误"
