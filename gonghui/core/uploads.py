"""Photos and PDFs members upload from a phone: checked by content (never by name), size
limited, photos turned upright, shrunk and re-encoded without EXIF (no GPS location), PDFs
refused when they carry scripts, launch actions or embedded files."""

import io
from dataclasses import dataclass

import pillow_heif
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import StreamObject

pillow_heif.register_heif_opener()

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 50_000_000  # larger than any phone camera; a bigger "photo" is a decompression bomb
LONG_SIDE = 2000
JPEG_QUALITY = 85
PDF_DANGERS = (
    "/JavaScript",
    "/JS",
    "/Launch",
    "/EmbeddedFile",
    "/RichMedia",
    "/XFA",
    "/SubmitForm",
)


@dataclass(frozen=True)
class CleanFile:
    content: bytes
    content_type: str
    extension: str
    width: int = 0
    height: int = 0


def sniff(head: bytes) -> str:
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[4:8] == b"ftyp" and head[8:12] in {
        b"heic",
        b"heix",
        b"mif1",
        b"msf1",
        b"heim",
        b"heis",
        b"hevc",
    }:
        return "heic"
    if head.startswith(b"%PDF-"):
        return "pdf"
    return ""


def clean_upload(upload) -> CleanFile:
    """Return the file as it will be stored, or raise ValidationError with a message for
    the member."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ValidationError(_too_big(), code="too_big")
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(_too_big(), code="too_big")
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    kind = sniff(data[:16])
    if kind == "pdf":
        return _clean_pdf(data)
    if kind:
        return _clean_image(data)
    raise ValidationError(
        _("Only photos (JPEG, PNG, HEIC) or PDF files can be uploaded. This file is neither."),
        code="type",
    )


def _too_big() -> str:
    return _(
        "The file is larger than %(mb)d MB. Please take the photo again or choose a smaller file."
    ) % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)}


def _clean_image(data: bytes) -> CleanFile:
    unreadable = ValidationError(
        _("The photo cannot be opened. Please take it again."), code="unreadable"
    )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(
                    _("The picture is too large to be a photo."), code="too_many_pixels"
                )
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image = ImageOps.exif_transpose(image)
            image = image.convert("RGB")
            image.thumbnail((LONG_SIDE, LONG_SIDE))
            out = io.BytesIO()
            image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
    ) as exc:
        raise unreadable from exc
    return CleanFile(out.getvalue(), "image/jpeg", "jpg", image.width, image.height)


def _clean_pdf(data: bytes) -> CleanFile:
    scripted = ValidationError(
        _(
            "This PDF contains scripts or embedded programs and cannot be accepted. Please upload a photo or a plain PDF."
        ),
        code="pdf_active",
    )
    if any(marker.encode() in data for marker in PDF_DANGERS):
        raise scripted
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                _("The PDF is password-protected. Please upload it without a password."),
                code="pdf_encrypted",
            )
        # Compressed object streams hide names from the byte scan above: look again at
        # every object as pypdf decodes it.
        for number in range(1, int(reader.trailer.get("/Size", 0))):
            obj = _get(reader, number)
            if isinstance(obj, dict) and any(key in obj for key in PDF_DANGERS):
                raise scripted
            if isinstance(obj, StreamObject):
                stream = obj.get_data()
                if any(marker.encode() in stream for marker in PDF_DANGERS):
                    raise scripted
        if len(reader.pages) == 0:
            raise ValidationError(_("The PDF has no pages."), code="pdf_empty")
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ValidationError(
            _("The PDF cannot be opened. Please upload it again."), code="unreadable"
        ) from exc
    return CleanFile(data, "application/pdf", "pdf")


def _get(reader: PdfReader, number: int):
    try:
        return reader.get_object(number)
    except Exception:  # a missing or broken object is not a danger by itself
        return None
