"""PDF pages with reportlab: an embedded Chinese TrueType font (WenQuanYi Zen Hei, installed
by scripts/ensure-pdf-font.sh; reportlab reads TrueType outlines only), a title, paragraphs,
label/value tables, and a footer with the verification QR and code.

`letter(...)` builds the bytes of a one-column document; the documents service adds the QR.
"""

import io
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT = "GonghuiCJK"
_registered = False


def register_font() -> str:
    global _registered
    if not _registered:
        path = Path(settings.DOCUMENTS_FONT_PATH)
        if not path.exists():
            raise ImproperlyConfigured(
                f"The PDF font {path} is missing: run scripts/ensure-pdf-font.sh "
                "(Debian fonts-wqy-zenhei)."
            )
        pdfmetrics.registerFont(TTFont(FONT, str(path), subfontIndex=0))
        _registered = True
    return FONT


@dataclass
class Letter:
    """What a document says, top to bottom."""

    title: str
    paragraphs: list[str] = field(default_factory=list)
    rows: list[tuple[str, str]] = field(default_factory=list)  # label, value
    after: list[str] = field(default_factory=list)  # paragraphs after the table
    signer: str = ""  # the issuing organisation, bottom right
    date: str = ""


def _styles():
    font = register_font()
    return {
        "title": ParagraphStyle("t", fontName=font, fontSize=20, leading=30, alignment=TA_CENTER),
        "body": ParagraphStyle("b", fontName=font, fontSize=12, leading=21, firstLineIndent=24),
        "cell": ParagraphStyle("c", fontName=font, fontSize=11.5, leading=17),
        "right": ParagraphStyle("r", fontName=font, fontSize=12, leading=21, alignment=TA_RIGHT),
        "small": ParagraphStyle("s", fontName=font, fontSize=8.5, leading=12),
    }


def _qr(url: str, size: float) -> Drawing:
    widget = QrCodeWidget(url, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (right - left), 0, 0, size / (top - bottom),
                                             0, 0])  # fmt: skip
    drawing.add(widget)
    return drawing


def render(letter: Letter, *, verify_url: str, code: str, footer: str) -> bytes:
    """The document's PDF bytes, with the QR of `verify_url` and `footer` at the end."""
    styles = _styles()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=22 * mm,
        rightMargin=22 * mm,
        topMargin=20 * mm,
        bottomMargin=18 * mm,
        title=letter.title,
        author=letter.signer,
        creator="Gonghui",
    )
    story = [Paragraph(escape(letter.title), styles["title"]), Spacer(1, 8 * mm)]
    story += [Paragraph(escape(text), styles["body"]) for text in letter.paragraphs]
    if letter.rows:
        table = Table(
            [
                [Paragraph(escape(label), styles["cell"]), Paragraph(escape(value), styles["cell"])]
                for label, value in letter.rows
            ],
            colWidths=[38 * mm, None],
        )
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                    ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f3f3f3")),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        story += [Spacer(1, 4 * mm), table, Spacer(1, 4 * mm)]
    story += [Paragraph(escape(text), styles["body"]) for text in letter.after]
    if letter.signer:
        story += [Spacer(1, 10 * mm), Paragraph(escape(letter.signer), styles["right"])]
    if letter.date:
        story.append(Paragraph(escape(letter.date), styles["right"]))
    check = Table(
        [[_qr(verify_url, 26 * mm), Paragraph(escape(footer), styles["small"])]],
        colWidths=[30 * mm, None],
    )
    check.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    story += [Spacer(1, 12 * mm), check]
    document.build(story)
    return buffer.getvalue()
