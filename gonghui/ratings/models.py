"""Building grassroots unions (C13): rating programmes (三型工会, 星级职工之家, 快乐车间 …) with
GH-SCORE-1 points rules and levels, applications with evidence and an on-site inspection,
titles with validity, the standardisation checklist and the yearly cadre appraisal. Fields,
choices and constraints only: writes live in services/, points in craftsman.scoring."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import pgettext_lazy

POINTS = {"max_digits": 7, "decimal_places": 1}
MONEY = {"max_digits": 12, "decimal_places": 2}


class ApplicantKind(models.TextChoices):
    UNION = "union", pgettext_lazy("ratings", "Grassroots unions")
    ENTERPRISE = "enterprise", pgettext_lazy("ratings", "Enterprises (filed by their union)")
    TOWN = "town", pgettext_lazy("ratings", "Town federations")


class Programme(models.Model):
    """A creation programme of a federation; who may apply: `applicant_kind` within the
    subtree of `scope` (the federation itself when empty)."""

    federation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="rating_programmes"
    )
    code = models.SlugField(pgettext_lazy("ratings", "code"), max_length=32)
    name = models.CharField(pgettext_lazy("ratings", "name"), max_length=128)
    applicant_kind = models.CharField(
        pgettext_lazy("ratings", "who may apply"), max_length=16, choices=ApplicantKind.choices
    )
    scope = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=pgettext_lazy("ratings", "open to the subtree of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    validity_years = models.PositiveSmallIntegerField(
        pgettext_lazy("ratings", "years a title lasts"), default=3
    )
    reassess_days = models.PositiveSmallIntegerField(
        pgettext_lazy("ratings", "re-assessment due this many days before expiry"), default=90
    )
    notice_days = models.PositiveSmallIntegerField(
        pgettext_lazy("ratings", "public notice days"), default=7
    )
    award = models.DecimalField(
        pgettext_lazy("ratings", "award or subsidy per title"), default=0, **MONEY
    )
    award_note = models.CharField(
        pgettext_lazy("ratings", "about the award"), max_length=255, blank=True
    )
    active = models.BooleanField(pgettext_lazy("ratings", "open"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["federation", "code"]
        constraints = [
            models.UniqueConstraint(fields=["federation", "code"], name="ratings_programme_code")
        ]

    def __str__(self):
        return self.name


class RulesVersion(models.Model):
    """The programme's GH-SCORE-1 rules with levels. Editable until an application is scored
    under it (`frozen_at`); later a change is a new version with a reason."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(pgettext_lazy("ratings", "version"))
    rules = models.JSONField(pgettext_lazy("ratings", "rules"))
    reason = models.CharField(pgettext_lazy("ratings", "reason"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    frozen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["programme", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="ratings_version_number")
        ]

    def __str__(self):
        return f"{self.programme} v{self.number}"


class Status(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("ratings", "Submitted")
    PRE_ASSESSED = "pre_assessed", pgettext_lazy("ratings", "Pre-assessed by the town")
    ASSESSED = "assessed", pgettext_lazy("ratings", "Assessed by the county")
    ON_NOTICE = "on_notice", pgettext_lazy("ratings", "On public notice")
    NAMED = "named", pgettext_lazy("ratings", "Named")
    REFUSED = "refused", pgettext_lazy("ratings", "Refused")


class Action(models.TextChoices):
    APPLY = "apply", pgettext_lazy("ratings", "Apply")
    PRE_ASSESS = "pre_assess", pgettext_lazy("ratings", "Pre-assessment by the town")
    INSPECT = "inspect", pgettext_lazy("ratings", "On-site inspection and assessment")
    REFUSE = "refuse", pgettext_lazy("ratings", "Refuse")
    START_NOTICE = "start_notice", pgettext_lazy("ratings", "Start the public notice")
    NAME = "name", pgettext_lazy("ratings", "Name the title")


class Application(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="applications")
    version = models.ForeignKey(RulesVersion, on_delete=models.PROTECT, related_name="+")
    applicant = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="rating_applications"
    )
    enterprise = models.ForeignKey(
        "orgs.Enterprise", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    applied_at = models.DateTimeField(pgettext_lazy("ratings", "applied at"))
    status = models.CharField(
        pgettext_lazy("ratings", "status"), max_length=16, choices=Status.choices
    )
    self_score = models.DecimalField(
        pgettext_lazy("ratings", "self-assessed score"), null=True, **POINTS
    )
    self_level = models.CharField(
        pgettext_lazy("ratings", "self-assessed level"), max_length=32, blank=True
    )
    self_trace = models.JSONField(default=list)
    score = models.DecimalField(pgettext_lazy("ratings", "score"), null=True, **POINTS)
    level = models.CharField(pgettext_lazy("ratings", "level"), max_length=32, blank=True)
    trace = models.JSONField(default=list)
    notice_ends = models.DateField(
        pgettext_lazy("ratings", "public notice ends"), null=True, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-applied_at", "-id"]
        indexes = [models.Index(fields=["programme", "status"])]

    def __str__(self):
        return f"{self.programme} · {self.applicant}"


class Line(models.Model):
    """One evidence line: item, date, quantity, a file (encrypted at rest); the inspector's
    finding, and a refusal with its reason that takes the line out of the score."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="lines")
    number = models.PositiveSmallIntegerField()
    item = models.CharField(pgettext_lazy("ratings", "item"), max_length=64)
    date = models.DateField(pgettext_lazy("ratings", "date"))
    quantity = models.PositiveSmallIntegerField(pgettext_lazy("ratings", "quantity"), default=1)
    note = models.CharField(pgettext_lazy("ratings", "note"), max_length=255, blank=True)
    upload = models.CharField(max_length=255, blank=True)
    upload_name = models.CharField(max_length=255, blank=True)
    finding = models.CharField(
        pgettext_lazy("ratings", "inspection finding"), max_length=255, blank=True
    )
    refused_reason = models.CharField(
        pgettext_lazy("ratings", "refused because"), max_length=255, blank=True
    )
    points = models.DecimalField(default=0, **POINTS)
    engine_reason = models.CharField(max_length=16, blank=True)

    class Meta:
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(fields=["application", "number"], name="ratings_line_number"),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="ratings_quantity_positive"),
        ]

    def __str__(self):
        return f"{self.application_id}#{self.number} {self.item}"


class Inspection(models.Model):
    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="inspection"
    )
    date = models.DateField(pgettext_lazy("ratings", "inspection date"))
    inspectors = models.CharField(pgettext_lazy("ratings", "inspectors"), max_length=255)
    summary = models.TextField(pgettext_lazy("ratings", "summary"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.application_id} {self.date}"


class Event(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=16, choices=Action.choices)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.application_id} {self.action}"


class TitleStatus(models.TextChoices):
    IN_FORCE = "in_force", pgettext_lazy("ratings", "In force")
    LAPSED = "lapsed", pgettext_lazy("ratings", "Lapsed")
    RENEWED = "renewed", pgettext_lazy("ratings", "Renewed by a re-assessment")
    REVOKED = "revoked", pgettext_lazy("ratings", "Revoked")


class Title(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="titles")
    holder = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="rating_titles"
    )
    enterprise = models.ForeignKey(
        "orgs.Enterprise", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, null=True, blank=True, related_name="title"
    )
    level = models.CharField(pgettext_lazy("ratings", "level"), max_length=32)
    level_name = models.CharField(pgettext_lazy("ratings", "level name"), max_length=64)
    private = models.BooleanField(pgettext_lazy("ratings", "private enterprise"), default=True)
    valid_from = models.DateField(pgettext_lazy("ratings", "valid from"))
    valid_until = models.DateField(pgettext_lazy("ratings", "valid until"))
    reassess_due = models.DateField(pgettext_lazy("ratings", "re-assessment due"))
    status = models.CharField(
        pgettext_lazy("ratings", "status"),
        max_length=16,
        choices=TitleStatus.choices,
        default=TitleStatus.IN_FORCE,
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoke_reason = models.CharField(
        pgettext_lazy("ratings", "reason for revocation"), max_length=255, blank=True
    )
    award = models.DecimalField(pgettext_lazy("ratings", "award or subsidy"), default=0, **MONEY)
    award_paid_on = models.DateField(
        pgettext_lazy("ratings", "award paid on"), null=True, blank=True
    )

    class Meta:
        ordering = ["-valid_from", "-id"]
        indexes = [models.Index(fields=["programme", "status", "valid_until"])]

    def __str__(self):
        return f"{self.programme} {self.level_name} · {self.holder}"


class StandardItem(models.Model):
    """One line of a union's standardisation checklist (六个有 · 双亮), kept by the union,
    verified by the town."""

    union = models.ForeignKey(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="standard_items"
    )
    code = models.CharField(pgettext_lazy("ratings", "item"), max_length=16)
    done = models.BooleanField(pgettext_lazy("ratings", "in place"), default=False)
    note = models.CharField(pgettext_lazy("ratings", "note"), max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["union", "code"]
        constraints = [
            models.UniqueConstraint(fields=["union", "code"], name="ratings_one_standard_item")
        ]

    def __str__(self):
        return f"{self.union_id} {self.code}"


class Appraisal(models.Model):
    """The yearly appraisal of union cadres: a points table and quotas per group."""

    federation = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(pgettext_lazy("ratings", "year"))
    name = models.CharField(pgettext_lazy("ratings", "name"), max_length=128)
    rules = models.JSONField(pgettext_lazy("ratings", "rules"))
    quotas = models.JSONField(pgettext_lazy("ratings", "quotas per group"), default=dict)
    ranked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "id"]
        constraints = [
            models.UniqueConstraint(fields=["federation", "year"], name="ratings_one_appraisal")
        ]

    def __str__(self):
        return self.name


class Appraisee(models.Model):
    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="appraisees")
    name = models.CharField(pgettext_lazy("ratings", "name"), max_length=64)
    union = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    group = models.CharField(
        pgettext_lazy("ratings", "group"), max_length=32, db_column="group_name"
    )
    evidence = models.JSONField(default=list)
    score = models.DecimalField(pgettext_lazy("ratings", "score"), null=True, **POINTS)
    trace = models.JSONField(default=list)
    rank = models.PositiveIntegerField(null=True, blank=True)
    commended = models.BooleanField(pgettext_lazy("ratings", "commended"), default=False)

    class Meta:
        ordering = ["appraisal", "rank", "id"]

    def __str__(self):
        return self.name
