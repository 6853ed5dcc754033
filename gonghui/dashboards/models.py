from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReformDraft(models.Model):
    """A copy of a period's parameters with some changed, to see what the period's claims
    would have cost under it before adopting it (改革测算)."""

    period = models.ForeignKey(
        "mutual_aid.Period",
        verbose_name=_("period simulated"),
        on_delete=models.CASCADE,
        related_name="reform_drafts",
    )
    name = models.CharField(_("name"), max_length=128)
    values = models.JSONField(_("parameters"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    adopted_for = models.ForeignKey(
        "mutual_aid.Period",
        verbose_name=_("adopted for"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    adopted_at = models.DateTimeField(_("adopted"), null=True, blank=True)

    class Meta:
        verbose_name = _("reform draft")
        verbose_name_plural = _("reform drafts")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.name
