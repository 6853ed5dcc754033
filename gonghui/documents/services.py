"""Issue, revoke and check documents. A document is rendered once, its exact bytes hashed
(SHA-256) and kept encrypted (core.filecrypt); its random code, printed as a QR, opens the
public check page, which shows only what the row holds (masked)."""

import hashlib
import io
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from gonghui.accounts import roles
from gonghui.accounts.models import Role
from gonghui.core.filecrypt import open_encrypted, save_encrypted
from gonghui.documents import pdf
from gonghui.documents.models import IssuedDocument

# No 0/o, 1/l/i: 31 symbols, 20 of them ≈ 99 random bits, read aloud without doubt.
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_LENGTH = 20
REVOKERS = frozenset({Role.UNION_STAFF, Role.TOWN_STAFF, Role.COUNTY_REVIEWER, Role.COUNTY_ADMIN})
# What each kind of document is called on the public page; apps add theirs.
KINDS: dict[str, object] = {
    "hardship_notice": pgettext_lazy("document kind", "Hardship public notice"),
}


def register_kind(key: str, label) -> None:
    KINDS[key] = label


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def verify_url(code: str, base_url: str = "") -> str:
    base = (settings.DOCUMENTS_VERIFY_BASE_URL or base_url or "").rstrip("/")
    return base + reverse("document_verify", args=[code])


@transaction.atomic
def document_issue(
    *,
    actor,
    kind: str,
    letter: pdf.Letter,
    issuer,
    subject_masked: str,
    owner: str,
    object_id: int,
    base_url: str = "",
) -> IssuedDocument:
    """Render `letter` with its verification QR, keep the bytes and their hash."""
    if kind not in KINDS:
        raise ValueError(f"unknown document kind {kind!r}: register it (documents.services)")
    code = new_code()
    url = verify_url(code, base_url)
    data = pdf.render(
        letter,
        verify_url=url,
        code=code,
        footer=_(
            "Scan the QR code or open %(url)s to check that this document is genuine. "
            "Verification code: %(code)s"
        )
        % {"url": url, "code": code},
    )
    name = save_encrypted(default_storage, f"documents/{code}.pdf.enc", io.BytesIO(data))
    return IssuedDocument.objects.create(
        code=code,
        kind=kind,
        title=letter.title[:200],
        issuer=issuer,
        subject_masked=subject_masked[:128],
        owner=owner,
        object_id=object_id,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        file=name,
        issued_by=actor,
    )


def document_bytes(document: IssuedDocument) -> bytes:
    with open_encrypted(default_storage, document.file.name) as handle:
        return handle.read()


def document_matches(document: IssuedDocument, data: bytes) -> bool:
    return secrets.compare_digest(hashlib.sha256(data).hexdigest(), document.sha256)


@transaction.atomic
def document_revoke(*, actor, document: IssuedDocument, reason: str) -> IssuedDocument:
    """The public page says the document is void from now on."""
    from gonghui.documents.selectors import documents_visible_to

    if not (
        roles.is_staff(actor)
        and actor.role in REVOKERS
        and documents_visible_to(actor).filter(pk=document.pk).exists()
    ):
        raise PermissionDenied(_("You may not revoke this document."))
    if not reason.strip():
        raise ValidationError(_("Say why the document is revoked."), code="reason")
    changed = IssuedDocument.objects.filter(pk=document.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=actor, revoke_reason=reason.strip()[:255]
    )
    if not changed:
        raise ValidationError(_("This document has already been revoked."), code="revoked")
    document.refresh_from_db()
    return document
