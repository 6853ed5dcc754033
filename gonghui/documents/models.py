"""Documents the system issues as PDF (notices, letters, agreements, certificates): each has
a random code printed as a QR that opens the public check page /v/<code>/, and the SHA-256 of
the exact bytes issued, so a copy can be checked against the original."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class IssuedDocument(models.Model):
    code = models.CharField(_("verification code"), max_length=32, unique=True)
    kind = models.CharField(pgettext_lazy("document", "kind"), max_length=32)
    title = models.CharField(pgettext_lazy("document", "title"), max_length=200)
    issuer = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("issued by"), on_delete=models.PROTECT
    )
    # Who or what the document is about, masked (程*生): all the public page shows of them.
    subject_masked = models.CharField(_("subject"), max_length=128)
    owner = models.CharField(pgettext_lazy("document", "kind of object"), max_length=64)
    object_id = models.PositiveBigIntegerField(pgettext_lazy("document", "object"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("bytes"))
    file = models.FileField(
        pgettext_lazy("document", "file"), max_length=255
    )  # encrypted at rest (core.filecrypt)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    revoked_at = models.DateTimeField(pgettext_lazy("document", "revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoke_reason = models.CharField(_("why it was revoked"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["-issued_at", "-id"]
        indexes = [models.Index(fields=["owner", "object_id"])]

    def __str__(self):
        return f"{self.kind} {self.code}"

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None
