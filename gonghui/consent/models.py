"""A member's agreement to what a service will publish about them (公示内容), recorded when
they apply: the exact text they were shown, the fields it covers, when, and by whom — the
member themself, or staff 代办 with the member's spoken or signed agreement noted."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.core.proxy import on_behalf_field


class How(models.TextChoices):
    SELF = "self", _("Agreed by the member on their phone")
    SPOKEN = "spoken", _("Agreed aloud to staff (代办)")
    SIGNED = "signed", _("Signed on paper, kept by staff (代办)")


class PublicationConsent(models.Model):
    member = models.ForeignKey(
        "orgs.Member",
        verbose_name=pgettext_lazy("consent", "member"),
        on_delete=models.PROTECT,
        related_name="publication_consents",
    )
    service = models.CharField(pgettext_lazy("consent", "service"), max_length=32)
    object_id = models.PositiveBigIntegerField(_("application"))
    text = models.TextField(_("text agreed to"))
    fields = models.JSONField(_("fields published"), default=list)
    how = models.CharField(_("how agreed"), max_length=8, choices=How.choices)
    note = models.CharField(_("note on the agreement"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("consent", "recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    on_behalf = on_behalf_field()
    agreed_at = models.DateTimeField(_("agreed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("publication consent")
        verbose_name_plural = _("publication consents")
        ordering = ["-agreed_at", "-id"]
        indexes = [models.Index(fields=["service", "object_id"])]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="consent_has_text"),
            models.CheckConstraint(
                condition=(Q(on_behalf=False) & Q(how="self"))
                | (Q(on_behalf=True) & Q(how__in=["spoken", "signed"])),
                name="consent_how_matches_who",
            ),
        ]

    def __str__(self):
        return f"{self.service} {self.object_id} {self.member_id}"
