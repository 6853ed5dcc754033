"""The title's certificate as a PDF: Chinese text in a CJK font and a QR code that opens the
public verification page. Drawn with Pillow (already a dependency) and saved as a one-page PDF."""

import io
from pathlib import Path

import segno
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from PIL import Image, ImageDraw, ImageFont

FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)
SIZE = (1754, 1240)  # A4 landscape at 150 dpi
RED = (178, 34, 34)


def _font_path() -> str:
    configured = getattr(settings, "CRAFTSMAN_CERTIFICATE_FONT", "")
    for candidate in (configured, *FONT_CANDIDATES):
        if candidate and Path(candidate).exists():
            return candidate
    raise ImproperlyConfigured("No CJK font for certificates: set CRAFTSMAN_CERTIFICATE_FONT.")


def _centred(draw, y, text, font, fill=(30, 30, 30)):
    width = draw.textlength(text, font=font)
    draw.text(((SIZE[0] - width) / 2, y), text, font=font, fill=fill)


def certificate_pdf(
    *,
    holder: str,
    title: str,
    year: int,
    federation: str,
    valid_until: str,
    code: str,
    verify_url: str,
) -> bytes:
    path = _font_path()
    page = Image.new("RGB", SIZE, (255, 252, 240))
    draw = ImageDraw.Draw(page)
    draw.rectangle((40, 40, SIZE[0] - 40, SIZE[1] - 40), outline=RED, width=12)
    draw.rectangle((70, 70, SIZE[0] - 70, SIZE[1] - 70), outline=RED, width=3)
    _centred(draw, 170, "荣 誉 证 书", ImageFont.truetype(path, 120), RED)
    _centred(draw, 420, holder, ImageFont.truetype(path, 96))
    _centred(draw, 580, f"被评为 {year} 年度“{title}”", ImageFont.truetype(path, 64))
    small = ImageFont.truetype(path, 36)
    _centred(draw, 760, f"{federation}", ImageFont.truetype(path, 52))
    draw.text((140, 1040), f"有效期至 {valid_until}", font=small, fill=(80, 80, 80))
    draw.text((140, 1090), f"证书编号 {code}", font=small, fill=(80, 80, 80))
    qr = segno.make(verify_url, error="m")
    buffer = io.BytesIO()
    qr.save(buffer, kind="png", scale=8, border=2)
    image = Image.open(io.BytesIO(buffer.getvalue())).convert("RGB").resize((260, 260))
    page.paste(image, (SIZE[0] - 400, SIZE[1] - 420))
    draw.text((SIZE[0] - 400, SIZE[1] - 150), "扫码查验真伪", font=small, fill=(80, 80, 80))
    out = io.BytesIO()
    page.save(
        out, format="PDF", resolution=150, title=f"{holder} {year} {title}", subject=verify_url
    )
    return out.getvalue()


def honour_certificate(honour, request) -> bytes:
    from django.urls import reverse

    return certificate_pdf(
        holder=honour.holder_name,
        title=honour.get_title_display(),
        year=honour.year,
        federation=honour.federation.name,
        valid_until=honour.valid_until.isoformat(),
        code=str(honour.code),
        verify_url=request.build_absolute_uri(
            reverse("craftsman_public:verify", args=[honour.code])
        ),
    )
