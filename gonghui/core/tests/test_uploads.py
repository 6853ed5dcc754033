import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter

from gonghui.core import uploads


def photo_bytes(fmt="JPEG", size=(3000, 4000), gps=True) -> bytes:
    image = Image.new("RGB", size, (200, 120, 90))
    out = io.BytesIO()
    if fmt == "JPEG" and gps:
        exif = Image.Exif()
        exif[0x0112] = 6  # orientation: rotate 90°
        exif[0x8825] = {1: "N", 2: (30.0, 15.0, 0.0), 3: "E", 4: (120.0, 10.0, 0.0)}  # GPS
        image.save(out, fmt, exif=exif)
    else:
        image.save(out, fmt)
    return out.getvalue()


def upload(data: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def test_photo_is_shrunk_turned_upright_and_stripped_of_exif():
    clean = uploads.clean_upload(upload(photo_bytes(), "IMG_0001.jpg"))
    assert clean.content_type == "image/jpeg"
    result = Image.open(io.BytesIO(clean.content))
    # 3000×4000 rotated by its EXIF orientation becomes 4000×3000, then fits in 2000.
    assert result.size == (2000, 1500)
    assert not result.getexif()
    assert b"GPS" not in clean.content


def test_png_and_heic_are_accepted_as_jpeg():
    import pillow_heif

    assert (
        uploads.clean_upload(upload(photo_bytes("PNG", (800, 600)), "a.png")).content_type
        == "image/jpeg"
    )
    heif = pillow_heif.from_pillow(Image.new("RGB", (640, 480), (10, 20, 30)))
    out = io.BytesIO()
    heif.save(out, quality=50)
    clean = uploads.clean_upload(upload(out.getvalue(), "IMG_0002.HEIC"))
    assert Image.open(io.BytesIO(clean.content)).size == (640, 480)


def test_type_is_judged_by_content_not_name():
    elf = b"\x7fELF\x02\x01\x01" + b"\x00" * 200
    with pytest.raises(ValidationError) as info:
        uploads.clean_upload(upload(elf, "发票.jpg"))
    assert info.value.code == "type"
    with pytest.raises(ValidationError) as info:
        uploads.clean_upload(upload(b"MZ\x90\x00" + b"\x00" * 100, "scan.pdf"))
    assert info.value.code == "type"


def test_oversized_file_is_refused():
    big = SimpleUploadedFile("big.jpg", b"\xff\xd8\xff" + b"0" * (uploads.MAX_UPLOAD_BYTES + 1))
    with pytest.raises(ValidationError) as info:
        uploads.clean_upload(big)
    assert info.value.code == "too_big"


def test_truncated_photo_is_refused():
    with pytest.raises(ValidationError) as info:
        uploads.clean_upload(upload(photo_bytes()[:500], "half.jpg"))
    assert info.value.code == "unreadable"


def plain_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_plain_pdf_is_accepted_unchanged():
    data = plain_pdf()
    clean = uploads.clean_upload(upload(data, "出院小结.pdf"))
    assert (clean.content_type, clean.content) == ("application/pdf", data)


def test_pdf_with_javascript_is_refused():
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    action = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert(1)"),
        }
    )
    writer._root_object[NameObject("/OpenAction")] = action
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(ValidationError) as info:
        uploads.clean_upload(upload(out.getvalue(), "结算单.pdf"))
    assert info.value.code == "pdf_active"


def test_pdf_with_javascript_hidden_in_a_compressed_stream_is_refused():
    from pypdf.generic import NameObject, StreamObject

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    stream = StreamObject()
    stream.set_data(b"<< /S /JavaScript /JS (app.launchURL('x')) >>")
    stream = stream.flate_encode()
    writer._root_object[NameObject("/Hidden")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    assert b"/JavaScript" not in data  # the byte scan alone would miss it
    with pytest.raises(ValidationError) as info:
        uploads.clean_upload(upload(data, "x.pdf"))
    assert info.value.code == "pdf_active"
