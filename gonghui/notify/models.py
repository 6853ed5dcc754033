from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.notify.kinds import KINDS


class SmsMessage(models.Model):
    """The outbox: every SMS the system sends is a row, whatever backend delivers it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    mobile = models.CharField(_("mobile"), max_length=20, db_index=True)
    # The kinds live in notify.kinds, not in the column's choices: each service adds its own
    # without a notify migration (sms_send refuses a kind that is not listed there).
    kind = models.CharField(_("kind"), max_length=32, db_index=True)
    body = models.TextField(_("text"))
    member = models.ForeignKey(
        "orgs.Member",
        verbose_name=_("member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sms_messages",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    backend = models.CharField(_("backend"), max_length=64, blank=True)
    error = models.CharField(_("error"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("SMS message")
        verbose_name_plural = _("SMS outbox")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.mobile}: {self.body[:30]}"

    def get_kind_display(self) -> str:
        return str(KINDS.get(self.kind, self.kind))
