"""C1 medical mutual aid: the scheme of a federation, its periods (期) and plans, versioned
parameters, disease lists, enrollment and contributions. The rules themselves are the pure
engine in `rules/`; these models hold the data it is fed."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Plan(models.TextChoices):
    """The plan codes of the rules engine (rules.PLANS)."""

    INPATIENT = "INPATIENT", _("Inpatient mutual aid")
    CRITICAL = "CRITICAL", _("Critical illness mutual aid")
    FEMALE = "FEMALE", _("Female workers' special disease mutual aid")
    MATERNITY = "MATERNITY", _("Maternity mutual aid")


WOMEN_ONLY_PLANS = frozenset({Plan.FEMALE, Plan.MATERNITY})
# The words of the import file's 参保项目 column, for narrow columns and badges.
PLAN_SHORT_LABELS = {
    Plan.INPATIENT: pgettext_lazy("mutual_aid", "Inpatient"),
    Plan.CRITICAL: pgettext_lazy("mutual_aid", "Critical illness"),
    Plan.FEMALE: _("Female special disease"),
    Plan.MATERNITY: pgettext_lazy("mutual_aid", "Maternity"),
}


class Scheme(models.Model):
    """The mutual-aid scheme (互助保障方案) a federation runs; one per federation."""

    federation = models.OneToOneField(
        "orgs.Organisation",
        verbose_name=pgettext_lazy("mutual_aid", "federation"),
        on_delete=models.PROTECT,
        related_name="mutual_aid_scheme",
    )
    name = models.CharField(pgettext_lazy("mutual_aid", "name"), max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mutual-aid scheme")
        verbose_name_plural = _("mutual-aid schemes")

    def __str__(self):
        return self.name


class PeriodStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("mutual_aid", "Draft")
    ENROLLING = "enrolling", _("Enrolling")
    ACTIVE = "active", pgettext_lazy("mutual_aid", "Active")
    CLOSED = "closed", pgettext_lazy("mutual_aid", "Closed")


# The one table of allowed moves; services.period_transition checks it.
PERIOD_TRANSITIONS: dict[str, frozenset[str]] = {
    PeriodStatus.DRAFT: frozenset({PeriodStatus.ENROLLING}),
    PeriodStatus.ENROLLING: frozenset({PeriodStatus.ACTIVE}),
    PeriodStatus.ACTIVE: frozenset({PeriodStatus.CLOSED}),
    PeriodStatus.CLOSED: frozenset(),
}
ENROLLABLE_STATUSES = frozenset({PeriodStatus.ENROLLING, PeriodStatus.ACTIVE})


class Period(models.Model):
    """A period (期) of a scheme: cover dates, an enrollment window, a claim deadline."""

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("scheme"), on_delete=models.PROTECT, related_name="periods"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    code = models.CharField(pgettext_lazy("mutual_aid", "code"), max_length=32)
    start = models.DateField(_("cover starts"))
    end = models.DateField(_("cover ends"))
    enrollment_opens = models.DateField(_("enrollment opens"))
    enrollment_closes = models.DateField(_("enrollment closes"))
    claim_deadline = models.DateField(
        _("claim deadline"),
        help_text=_("Follows the parameter claim_deadline_months."),
    )
    status = models.CharField(
        pgettext_lazy("mutual_aid", "status"),
        max_length=16,
        choices=PeriodStatus.choices,
        default=PeriodStatus.DRAFT,
    )
    min_share = models.DecimalField(
        _("minimum share of a union's members (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("A union enrolling fewer of its active members than this is warned."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("mutual_aid", "period")
        verbose_name_plural = _("periods")
        ordering = ["scheme_id", "-start"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="period_code_unique_in_scheme"),
            models.UniqueConstraint(
                fields=["scheme", "number"], name="period_number_unique_in_scheme"
            ),
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="period_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(enrollment_closes__gte=models.F("enrollment_opens")),
                name="period_enrollment_window_ordered",
            ),
            models.CheckConstraint(
                condition=Q(claim_deadline__gte=models.F("end")),
                name="period_claim_deadline_after_end",
            ),
            models.CheckConstraint(
                condition=Q(min_share__isnull=True) | Q(min_share__gte=0, min_share__lte=100),
                name="period_min_share_is_a_percentage",
            ),
        ]

    def __str__(self):
        return _("Period %(number)d (%(code)s)") % {"number": self.number, "code": self.code}


class PeriodEvent(models.Model):
    """One row per status change of a period: who, when, from, to, why."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="events")
    old_status = models.CharField(
        pgettext_lazy("mutual_aid", "from"), max_length=16, choices=PeriodStatus.choices, blank=True
    )
    new_status = models.CharField(
        pgettext_lazy("mutual_aid", "to"), max_length=16, choices=PeriodStatus.choices
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("mutual_aid", "by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    at = models.DateTimeField(pgettext_lazy("mutual_aid", "time"), auto_now_add=True)
    note = models.CharField(pgettext_lazy("mutual_aid", "note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("period event")
        verbose_name_plural = _("period events")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.period} {self.old_status or '-'} → {self.new_status}"


class PlanOffer(models.Model):
    """A plan offered in a period, with its contribution per person."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="plans")
    plan = models.CharField(
        pgettext_lazy("mutual_aid", "plan"), max_length=16, choices=Plan.choices
    )
    contribution = models.DecimalField(
        _("contribution per person (yuan)"), max_digits=14, decimal_places=2
    )

    class Meta:
        verbose_name = _("plan offered")
        verbose_name_plural = _("plans offered")
        ordering = ["period_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["period", "plan"], name="plan_offered_once_per_period"),
            models.CheckConstraint(
                condition=Q(contribution__gt=0), name="plan_contribution_positive"
            ),
        ]

    def __str__(self):
        return f"{self.period} {self.get_plan_display()}"


class ParameterSet(models.Model):
    """Every parameter of the rules engine for one period, as strings (validated through
    rules.Parameters.from_mapping). Once a computation has used a version it is frozen; a
    later change makes a new version with a reason, and old computations keep theirs."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="parameter_sets")
    version = models.PositiveIntegerField(_("version"))
    values = models.JSONField(_("values"))
    reason = models.TextField(_("reason for the change"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("mutual_aid", "by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(pgettext_lazy("mutual_aid", "created"), auto_now_add=True)
    updated_at = models.DateTimeField(pgettext_lazy("mutual_aid", "last changed"), auto_now=True)
    frozen_at = models.DateTimeField(_("frozen"), null=True, blank=True)

    class Meta:
        verbose_name = _("parameter set")
        verbose_name_plural = _("parameter sets")
        ordering = ["period_id", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "version"], name="parameter_version_unique_in_period"
            )
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The version name a computation records, e.g. "LQ2026-v2"."""
        return f"{self.period.code}-v{self.version}"


class DiseaseCategory(models.TextChoices):
    SEVERE = "severe", _("Critical illness (severe)")
    MILD = "mild", _("Critical illness (mild)")
    FEMALE = "female", _("Female primary cancer")


class Disease(models.Model):
    """A listed disease of a period (the 2020 industry standard's 28 severe and 3 mild
    critical illnesses, and the female primary cancers), editable per period."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="diseases")
    category = models.CharField(_("list"), max_length=8, choices=DiseaseCategory.choices)
    name = models.CharField(_("disease"), max_length=64)
    icd10 = models.CharField(_("ICD-10 codes"), max_length=64, blank=True)
    note = models.CharField(pgettext_lazy("mutual_aid", "note"), max_length=255, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("listed disease")
        verbose_name_plural = _("listed diseases")
        ordering = ["period_id", "category", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "category", "name"], name="disease_listed_once_per_period"
            )
        ]

    def __str__(self):
        return self.name


class UnionTarget(models.Model):
    """A grassroots union's enrollment target for a period (参保任务数)."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="targets")
    union = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=pgettext_lazy("mutual_aid", "union"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    target = models.PositiveIntegerField(_("target (persons)"))

    class Meta:
        verbose_name = _("enrollment target")
        verbose_name_plural = _("enrollment targets")
        constraints = [
            models.UniqueConstraint(fields=["period", "union"], name="one_target_per_union_period")
        ]

    def __str__(self):
        return f"{self.period} {self.union}: {self.target}"


class Payment(models.Model):
    """Contributions a union paid for a period, as recorded by county finance. Recording it
    makes that union's pending enrollments effective (Enrollment.payment)."""

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="payments")
    union = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=pgettext_lazy("mutual_aid", "union"),
        on_delete=models.PROTECT,
        related_name="mutual_aid_payments",
    )
    amount = models.DecimalField(
        pgettext_lazy("mutual_aid", "amount (yuan)"), max_digits=14, decimal_places=2
    )
    paid_on = models.DateField(_("paid on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("mutual_aid", "recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    note = models.CharField(pgettext_lazy("mutual_aid", "note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("contribution payment")
        verbose_name_plural = _("contribution payments")
        ordering = ["-recorded_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive")
        ]

    def __str__(self):
        return f"{self.union} {self.period} {self.amount}"


class EnrollmentStatus(models.TextChoices):
    PENDING_PAYMENT = "pending_payment", _("Pending payment")
    EFFECTIVE = "effective", _("Effective")


class EnrollmentSource(models.TextChoices):
    ROSTER = "roster", _("Picked from the roster")
    FILE = "file", _("Imported from a file")


class Enrollment(models.Model):
    """A member enrolled in one plan of one period by a grassroots union. Never twice: the
    database refuses a second row for the same member, plan and period."""

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="enrollments")
    plan = models.CharField(
        pgettext_lazy("mutual_aid", "plan"), max_length=16, choices=Plan.choices
    )
    member = models.ForeignKey(
        "orgs.Member",
        verbose_name=pgettext_lazy("mutual_aid", "member"),
        on_delete=models.PROTECT,
        related_name="enrollments",
    )
    union = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("enrolling union"),
        on_delete=models.PROTECT,
        related_name="mutual_aid_enrollments",
    )
    enrolled_on = models.DateField(_("enrollment date"))
    renewal = models.BooleanField(_("renewal"))
    covered_from = models.DateField(_("covered from"))
    status = models.CharField(
        pgettext_lazy("mutual_aid", "status"),
        max_length=16,
        choices=EnrollmentStatus.choices,
        default=EnrollmentStatus.PENDING_PAYMENT,
    )
    payment = models.ForeignKey(
        Payment,
        verbose_name=_("payment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enrollments",
    )
    source = models.CharField(
        pgettext_lazy("mutual_aid", "source"), max_length=8, choices=EnrollmentSource.choices
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("mutual_aid", "by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        ordering = ["period_id", "union_id", "member_id", "plan"]
        indexes = [
            # Every column the period's figures read, so that the dashboard counts a
            # period's enrollments by union and plan from the index alone.
            models.Index(
                fields=["period", "union", "plan", "status", "member"],
                name="enrollment_period_union_cover",
            ),
            # Persons (distinct members) of a period, within the user's unions.
            models.Index(fields=["period", "member", "union"], name="enrollment_period_member"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "plan", "member"],
                name="enrollment_once_per_member_plan_period",
            ),
            models.CheckConstraint(
                condition=Q(status="pending_payment", payment__isnull=True)
                | Q(status="effective", payment__isnull=False),
                name="enrollment_effective_exactly_when_paid",
            ),
        ]

    def __str__(self):
        return f"{self.member} {self.get_plan_display()} {self.period}"

    @property
    def plan_short_label(self) -> str:
        return PLAN_SHORT_LABELS[self.plan]
