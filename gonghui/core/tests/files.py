"""Real files for upload tests: a small JPEG photo and a one-page PDF."""

import io

from PIL import Image
from pypdf import PdfWriter


def jpeg_bytes(size=(640, 480)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 90)).save(out, "JPEG")
    return out.getvalue()


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
