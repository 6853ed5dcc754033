"""Member uploads go through core.uploads.clean_upload: a renamed executable, an oversized
photo and a PDF with JavaScript are refused with a clear message, and nothing is stored."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from gonghui.claims import services
from gonghui.claims.models import Material
from gonghui.claims.tests.factories import CHENG_FACTS, photo

PDF_WITH_SCRIPT = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>"
    b"endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF"
)


def oversized_photo():
    """A real JPEG over the 20 MB limit (noise does not compress)."""
    import os

    return SimpleUploadedFile("big.jpg", b"\xff\xd8\xff\xe0" + os.urandom(21 * 1024 * 1024))


@pytest.fixture
def draft(cheng_user, cheng):
    return services.claim_create(actor=cheng_user, member=cheng, facts=dict(CHENG_FACTS))


def stored_files(media):
    return [path for path in media.rglob("*") if path.is_file()]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("结算单.jpg", b"MZ\x90\x00" + b"\x00" * 4000), "只能上传照片"),
        (oversized_photo(), "超过 20 MB"),
        (SimpleUploadedFile("发票.pdf", PDF_WITH_SCRIPT), "脚本"),
    ],
    ids=["renamed-exe", "oversized", "pdf-javascript"],
)
def test_bad_files_are_refused_and_nothing_is_stored(
    cheng_user, draft, media, client, upload, message
):
    client.force_login(cheng_user)
    response = client.post(
        f"/m/claims/{draft.pk}/materials/",
        {"kind": "settlement_slip", "files": [upload]},
        follow=True,
    )
    assert message in response.content.decode()
    assert not Material.objects.exists()
    assert stored_files(media) == []


def test_photo_is_stored_cleaned_without_exif(cheng_user, draft, media):
    buffer = io.BytesIO()
    image = Image.new("RGB", (4000, 3000), (210, 200, 190))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    image.save(buffer, "JPEG", exif=exif)
    upload = SimpleUploadedFile("p.jpg", buffer.getvalue())
    material = services.material_add(actor=cheng_user, claim=draft, kind="id_card", upload=upload)
    with material.file.open("rb") as stored, Image.open(stored) as cleaned:
        assert max(cleaned.size) == 2000 and not cleaned.getexif()
    assert material.file.name.startswith(f"claims/{draft.pk}/") and stored_files(media)
    services.material_remove(actor=cheng_user, claim=draft, material=material)
    assert not Material.objects.exists()


def test_api_refuses_the_same_way(cheng_user, draft, media, client):
    client.force_login(cheng_user)
    response = client.post(
        f"/api/me/claims/{draft.pk}/materials/",
        {"kind": "id_card", "file": SimpleUploadedFile("a.pdf", PDF_WITH_SCRIPT)},
    )
    assert response.status_code == 400 and "脚本" in str(response.json())
    assert not Material.objects.exists() and stored_files(media) == []
    ok = client.post(f"/api/me/claims/{draft.pk}/materials/", {"kind": "id_card", "file": photo()})
    assert ok.status_code == 201 and ok.json()["url"].startswith(f"/m/claims/{draft.pk}/files/")
