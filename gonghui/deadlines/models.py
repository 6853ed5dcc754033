"""The working-day calendar staff keep, and deadlines attached to any object with their
escalations.

A deadline belongs to an object of another app (`owner` "app_label.model" + `object_id`) and
to the organisation whose staff must act (for subtree scoping). It is open until the owner
app closes it (`met_at`); its colour is computed from the time left (selectors.state_of); the
scheduler escalates it level by level once late, each (deadline, level) at most once.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", pgettext_lazy("calendar", "Holiday (no work)")
    WORKDAY = "workday", pgettext_lazy("calendar", "Make-up working day (调休上班)")


class DaySource(models.TextChoices):
    STAFF = "staff", pgettext_lazy("calendar", "Entered by staff")
    IMPORT = "import", pgettext_lazy("calendar", "Imported")
    DEMO = "demo", pgettext_lazy("calendar", "Demo data, to be checked")


class CalendarDay(models.Model):
    """One exception to Monday-to-Friday: a public holiday, or a weekend day worked in
    exchange (调休). National rows have no federation; a federation's own row for a day
    overrides the national one there."""

    day = models.DateField(_("date"))
    kind = models.CharField(
        pgettext_lazy("calendar", "kind"), max_length=16, choices=DayKind.choices
    )
    name = models.CharField(_("holiday"), max_length=64)
    federation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=pgettext_lazy("calendar", "federation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    source = models.CharField(
        _("source"), max_length=16, choices=DaySource.choices, default=DaySource.STAFF
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("working-day calendar")
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(
                fields=["day"],
                condition=Q(federation__isnull=True),
                name="calendar_one_national_row_a_day",
            ),
            models.UniqueConstraint(
                fields=["day", "federation"],
                condition=Q(federation__isnull=False),
                name="calendar_one_federation_row_a_day",
            ),
        ]

    def __str__(self):
        return f"{self.day} {self.name} {self.kind}"


class Unit(models.TextChoices):
    WORKING_DAYS = "working_days", pgettext_lazy("deadline unit", "working days")
    DAYS = "days", pgettext_lazy("deadline unit", "calendar days")
    HOURS = "hours", pgettext_lazy("deadline unit", "hours")


class Deadline(models.Model):
    owner = models.CharField(pgettext_lazy("deadline", "kind of object"), max_length=64)
    object_id = models.PositiveBigIntegerField(pgettext_lazy("deadline", "object"))
    purpose = models.CharField(_("purpose"), max_length=32)
    title = models.CharField(pgettext_lazy("deadline", "title"), max_length=200)
    org = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=pgettext_lazy("deadline", "organisation"),
        on_delete=models.PROTECT,
        related_name="deadlines",
    )
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices)
    amount = models.PositiveIntegerField(_("amount"))
    amber_percent = models.PositiveSmallIntegerField(
        _("amber below this percentage of the time left")
    )
    # The escalation ladder: [{"level": 1, "late_days": 0, "up": 0, "roles": [...]}, ...]
    ladder = models.JSONField(_("escalation ladder"), default=list)
    starts_at = models.DateTimeField(_("starts"))
    due_at = models.DateTimeField(_("due"), db_index=True)
    met_at = models.DateTimeField(_("met"), null=True, blank=True)
    extended_at = models.DateTimeField(_("extended"), null=True, blank=True)
    extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    extension_reason = models.TextField(_("reason for the extension"), blank=True)
    due_before_extension = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due_at", "id"]
        indexes = [models.Index(fields=["owner", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "object_id", "purpose"],
                condition=Q(met_at__isnull=True),
                name="deadline_one_open_per_object_and_purpose",
            ),
            models.CheckConstraint(
                condition=Q(due_at__gt=models.F("starts_at")), name="deadline_due_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.owner}#{self.object_id} {self.purpose} {self.due_at:%Y-%m-%d %H:%M}"


class Escalation(models.Model):
    """A late deadline raised to one level of its ladder: once per (deadline, level), held by
    the unique constraint whatever the number of schedulers."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="escalations")
    level = models.PositiveSmallIntegerField(_("level"))
    told_org = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("told"), on_delete=models.PROTECT, related_name="+"
    )
    # The roles told, as ",county_reviewer,county_admin," (a portable "contains" query).
    told_roles = models.CharField(_("roles told"), max_length=255)
    escalated_at = models.DateTimeField(_("escalated"), auto_now_add=True)

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        ordering = ["-escalated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "level"], name="escalation_once_per_deadline_and_level"
            )
        ]

    def __str__(self):
        return f"{self.deadline_id} L{self.level}"
