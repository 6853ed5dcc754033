"""Demo documents: the public notice of one demo hardship file as a PDF with its QR, so that
the staff list and the public check page (/v/<code>/) have something to show. Idempotent."""

from gonghui.accounts.models import Role, User
from gonghui.documents.models import IssuedDocument
from gonghui.hardship.models import PublicNotice
from gonghui.hardship.services.notice_pdf import OWNER, notice_document_issue


def load(orgs: dict, base_url: str = "") -> IssuedDocument | None:
    federation = orgs["federation"]
    notice = (
        PublicNotice.objects.filter(file__member__union__path__startswith=federation.path)
        .select_related("file__member__union")
        .order_by("-starts_on", "-id")
        .first()
    )
    if notice is None:
        return None
    existing = IssuedDocument.objects.filter(owner=OWNER, object_id=notice.pk).first()
    if existing:
        return existing
    above = notice.file.member.union.ancestor_ids
    actor = (
        User.objects.filter(role__in=[Role.TOWN_STAFF, Role.COUNTY_ADMIN], org_id__in=above)
        .order_by("-org__path", "id")  # the nearest (the town) first
        .first()
    )
    if actor is None:
        return None
    return notice_document_issue(actor=actor, notice=notice, base_url=base_url)
