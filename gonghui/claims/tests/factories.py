"""Helpers for claims tests: a member enrolled in every plan (Mr. Cheng of seed 000), photos
and signatures as a phone sends them, and claims filed through the services."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from gonghui.claims import services
from gonghui.claims.models import MaterialKind
from gonghui.mutual_aid.tests.factories import enroll, make_period, member_user
from gonghui.orgs.tests.factories import member

CHENG_FACTS = {
    "event_type": "inpatient",
    "hospital": "台州医院",
    "settlement_serial": "JS2021040001",
    "admission": datetime.date(2021, 4, 1),
    "discharge": datetime.date(2021, 4, 13),
    "place": "local",
    "self_responsibility": "7668.71",
    "critical": "severe",
    "first_diagnosed": datetime.date(2021, 4, 2),
    "diagnosis": "鼻咽癌",
    "icd10": "C11",
}
STAY_MATERIALS = (
    MaterialKind.ID_CARD,
    MaterialKind.DISCHARGE_SUMMARY,
    MaterialKind.SETTLEMENT_SLIP,
    MaterialKind.DIAGNOSIS_CERTIFICATE,
)


def photo(name="photo.jpg", *, size=(64, 48), color=(200, 200, 190)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def signature_png() -> bytes:
    image = Image.new("RGBA", (300, 120), (255, 255, 255, 0))
    ImageDraw.Draw(image).line([(20, 80), (120, 30), (260, 90)], fill=(0, 0, 0, 255), width=4)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def cheng_enrolled(tree, *, union=None, **fields):
    """Periods T2020 and T2021; the member renewed into T2021 in every plan, paid."""
    previous = make_period(
        tree.county, code="T2020", start=datetime.date(2020, 1, 1), end=datetime.date(2020, 12, 31)
    )
    period = make_period(tree.county)
    fields.setdefault("name", "程先生")
    fields.setdefault("bank_name", "台州银行路桥支行")
    fields.setdefault("bank_card", "6222021234567890123")
    person = member(union or tree.union_a1, birth=datetime.date(1966, 3, 1), **fields)
    enroll(previous, [person], paid=True)
    enroll(period, [person], on=datetime.date(2020, 12, 15), paid=True)
    return person, period


def file_claim(actor, person, *, facts=CHENG_FACTS, materials=STAY_MATERIALS, submit=True):
    claim = services.claim_create(actor=actor, member=person, facts=dict(facts))
    for kind in materials:
        services.material_add(actor=actor, claim=claim, kind=kind, upload=photo())
    services.claim_sign(actor=actor, claim=claim, signature=signature_png())
    if submit:
        services.claim_submit(actor=actor, claim=claim)
    claim.refresh_from_db()
    return claim


__all__ = ["member_user"]
