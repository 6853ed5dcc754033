"""Appeals (申诉): a member refused something appeals once, with a reason; someone other than
the refuser decides. One state machine (TRANSITIONS) with an event row per move."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.core.proxy import on_behalf_field


class AppealStatus(models.TextChoices):
    FILED = "filed", _("Filed, waiting for a decision")
    UPHELD = "upheld", _("Upheld")
    DISMISSED = "dismissed", _("Dismissed")


S = AppealStatus
CREATED = ""  # the "from" of the filing event
TRANSITIONS: dict[str, frozenset[str]] = {
    CREATED: frozenset({S.FILED}),
    S.FILED: frozenset({S.UPHELD, S.DISMISSED}),
    S.UPHELD: frozenset(),
    S.DISMISSED: frozenset(),
}


class Appeal(models.Model):
    """One appeal against one refused decision (kind + object id, see appeals.registry)."""

    kind = models.CharField(_("what was refused"), max_length=48)
    object_id = models.PositiveBigIntegerField(_("refused decision"))
    member = models.ForeignKey(
        "orgs.Member",
        verbose_name=pgettext_lazy("appeals", "member"),
        on_delete=models.PROTECT,
        related_name="appeals",
    )
    title = models.CharField(_("appeal against"), max_length=200)
    refusal_reason = models.TextField(_("reason given for the refusal"), blank=True)
    refused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("refused by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    refused_at = models.DateTimeField(_("refused at"))
    reason = models.TextField(_("reason for the appeal"))
    status = models.CharField(
        pgettext_lazy("appeals", "status"),
        max_length=12,
        choices=AppealStatus.choices,
        default=AppealStatus.FILED,
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("appeals", "filed by"),
        on_delete=models.PROTECT,
        related_name="appeals_filed",
    )
    on_behalf = on_behalf_field()
    filed_at = models.DateTimeField(_("filed at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("appeals", "decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appeals_decided",
    )
    decided_at = models.DateTimeField(pgettext_lazy("appeals", "decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision"), blank=True)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-filed_at", "-id"]
        indexes = [models.Index(fields=["status", "filed_at"])]
        constraints = [
            # Once per refused decision.
            models.UniqueConstraint(fields=["kind", "object_id"], name="appeal_once_per_refusal"),
            models.CheckConstraint(condition=~Q(reason=""), name="appeal_has_a_reason"),
            # Decided by someone other than the one who refused.
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True)
                | Q(refused_by__isnull=True)
                | ~Q(decided_by=F("refused_by")),
                name="appeal_not_decided_by_refuser",
            ),
            models.CheckConstraint(
                condition=(Q(status="filed") & Q(decided_by__isnull=True))
                | (~Q(status="filed") & Q(decided_by__isnull=False)),
                name="appeal_decided_iff_not_filed",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    @property
    def reference(self) -> str:
        return f"SS{self.pk:06d}"

    @property
    def kind_label(self) -> str:
        from gonghui.appeals import registry

        kind = registry.get(self.kind)
        return str(kind.label) if kind else self.kind


class AppealEvent(models.Model):
    """One move of an appeal, written in the same transaction; the member's progress."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(
        pgettext_lazy("appeals", "from"), max_length=12, choices=AppealStatus.choices, blank=True
    )
    to_status = models.CharField(
        pgettext_lazy("appeals", "to"), max_length=12, choices=AppealStatus.choices
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("appeals", "by"),
        on_delete=models.PROTECT,
    )
    on_behalf = on_behalf_field()
    at = models.DateTimeField(pgettext_lazy("appeals", "time"), auto_now_add=True)
    note = models.TextField(pgettext_lazy("appeals", "note"), blank=True)

    class Meta:
        verbose_name = _("appeal event")
        verbose_name_plural = _("appeal events")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.appeal_id} {self.from_status}→{self.to_status}"
