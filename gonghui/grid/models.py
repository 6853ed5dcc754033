"""The union grid (one per grassroots union, one grid member per enterprise, micro-grid
members), its cases (一案一码: parties, amounts, severity, photos, every step an event row, the
mediation records, agreements, handover to the town 矛调中心, closure and follow-up visits),
and legal help (members' questions, legal-service events, labour-practice health checks)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import pgettext_lazy

from gonghui.core import idnumber
from gonghui.core.fields import EncryptedTextField
from gonghui.core.masking import mask_mobile, mask_name


class Grid(models.Model):
    union = models.OneToOneField(
        "orgs.Organisation",
        verbose_name=pgettext_lazy("grid", "grassroots union"),
        on_delete=models.PROTECT,
        related_name="grid",
    )
    name = models.CharField(pgettext_lazy("grid", "grid name"), max_length=128)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("grid", "union grid")
        verbose_name_plural = pgettext_lazy("grid", "union grids")
        ordering = ["union__path"]

    def __str__(self):
        return self.name


class GridMember(models.Model):
    """一企一员: the enterprise's one grid member, a member of the grid's union with a login of
    the role grid_member. The database holds one per enterprise."""

    grid = models.ForeignKey(Grid, on_delete=models.CASCADE, related_name="grid_members")
    enterprise = models.OneToOneField(
        "orgs.Enterprise",
        verbose_name=pgettext_lazy("grid", "enterprise"),
        on_delete=models.PROTECT,
        related_name="grid_member",
    )
    member = models.ForeignKey(
        "orgs.Member", verbose_name=pgettext_lazy("grid", "member"), on_delete=models.PROTECT
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="grid_member"
    )
    trained = models.BooleanField(pgettext_lazy("grid", "trained"), default=False)

    class Meta:
        verbose_name = pgettext_lazy("grid", "grid member")
        verbose_name_plural = pgettext_lazy("grid", "grid members")

    def __str__(self):
        return self.member.name


class MicroGridMember(models.Model):
    grid = models.ForeignKey(Grid, on_delete=models.CASCADE, related_name="micro_members")
    member = models.ForeignKey("orgs.Member", on_delete=models.PROTECT, related_name="+")
    workshop = models.CharField(pgettext_lazy("grid", "workshop"), max_length=64, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["grid", "member"], name="grid_micro_member_once")
        ]

    def __str__(self):
        return f"{self.grid_id}: {self.member_id}"


class GridParameters(models.Model):
    """A federation's parameters of the grid: thresholds, deadlines, the duty officer."""

    federation = models.OneToOneField(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="grid_parameters"
    )
    duty_mobile = models.CharField(
        pgettext_lazy("grid", "duty officer's mobile"), max_length=20, blank=True
    )
    people_threshold = models.PositiveIntegerField(default=10)
    amount_threshold = models.DecimalField(max_digits=12, decimal_places=2, default=100000)
    critical_hours = models.PositiveIntegerField(default=24)
    high_days = models.PositiveIntegerField(default=3)
    medium_days = models.PositiveIntegerField(default=7)
    low_days = models.PositiveIntegerField(default=14)
    mediation_days = models.PositiveIntegerField(default=30)
    health_check_target = models.PositiveIntegerField(default=500)
    service_target = models.PositiveIntegerField(default=35)
    education_target = models.PositiveIntegerField(default=30)

    def __str__(self):
        return f"grid parameters {self.federation_id}"


class Kind(models.TextChoices):
    LABOUR_DISPUTE = "labour_dispute", pgettext_lazy("grid", "Labour dispute")
    WAGE_ARREARS = "wage_arrears", pgettext_lazy("grid", "Wage arrears")
    HARDSHIP = "hardship", pgettext_lazy("grid", "Hardship found")
    RISK = "risk", pgettext_lazy("grid", "Risk or hidden hazard")
    CONSULTATION = "consultation", pgettext_lazy("grid", "Consultation")


class Severity(models.TextChoices):
    CRITICAL = "critical", pgettext_lazy("grid", "Critical")
    HIGH = "high", pgettext_lazy("grid", "High")
    MEDIUM = "medium", pgettext_lazy("grid", "Medium")
    LOW = "low", pgettext_lazy("grid", "Low")


class Status(models.TextChoices):
    REGISTERED = "registered", pgettext_lazy("grid", "Registered")
    ACCEPTED = "accepted", pgettext_lazy("grid", "Accepted")
    MEDIATING = "mediating", pgettext_lazy("grid", "Mediating")
    HANDED_OVER = "handed_over", pgettext_lazy("grid", "At the mediation centre")
    SETTLED = "settled", pgettext_lazy("grid", "Settled")
    NOT_SETTLED = "not_settled", pgettext_lazy("grid", "Not settled")
    CLOSED = "closed", pgettext_lazy("grid", "Closed")


class Level(models.TextChoices):
    UNION = "union", pgettext_lazy("grid", "Grassroots union")
    TOWN = "town", pgettext_lazy("grid", "Town federation")
    COUNTY = "county", pgettext_lazy("grid", "County federation")


class Channel(models.TextChoices):
    GRID = "grid", pgettext_lazy("grid", "Grid member")
    STAFF = "staff", pgettext_lazy("grid", "Union staff")
    MEMBER = "member", pgettext_lazy("grid", "Member (我要反映)")
    QUESTION = "question", pgettext_lazy("grid", "Legal question")


class Case(models.Model):
    code = models.CharField(pgettext_lazy("grid", "case number"), max_length=20, unique=True)
    kind = models.CharField(pgettext_lazy("grid", "kind"), max_length=20, choices=Kind.choices)
    severity = models.CharField(
        pgettext_lazy("grid", "severity"), max_length=10, choices=Severity.choices
    )
    status = models.CharField(
        pgettext_lazy("grid", "status"), max_length=16, choices=Status.choices
    )
    level = models.CharField(pgettext_lazy("grid", "level"), max_length=10, choices=Level.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    # The grid's union (who the case concerns) and the organisation handling it now.
    union = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    town = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    org = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    enterprise = models.ForeignKey(
        "orgs.Enterprise", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    title = models.CharField(pgettext_lazy("grid", "title"), max_length=128)
    facts = models.TextField(pgettext_lazy("grid", "facts"))
    people = models.PositiveIntegerField(pgettext_lazy("grid", "people involved"), default=1)
    amount = models.DecimalField(
        pgettext_lazy("grid", "amount involved"), max_digits=12, decimal_places=2, default=0
    )
    recovered = models.DecimalField(
        pgettext_lazy("grid", "amount recovered"), max_digits=12, decimal_places=2, default=0
    )
    mass_incident = models.BooleanField(pgettext_lazy("grid", "mass incident"), default=False)
    confidential = models.BooleanField(pgettext_lazy("grid", "confidential"), default=False)
    location = models.CharField(pgettext_lazy("grid", "location"), max_length=128, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    filer_mobile = models.CharField(max_length=20, blank=True)
    filed_at = models.DateTimeField(db_index=True)
    first_action_at = models.DateTimeField(null=True, blank=True)
    settled_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closing_report = models.TextField(blank=True)
    hardship_file = models.ForeignKey(
        "hardship.HardshipFile", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = pgettext_lazy("grid", "case")
        verbose_name_plural = pgettext_lazy("grid", "cases")
        ordering = ["-filed_at", "-id"]
        indexes = [models.Index(fields=["town", "filed_at"])]

    def __str__(self):
        return self.code

    @property
    def open(self) -> bool:
        return self.status != Status.CLOSED


class PartyRole(models.TextChoices):
    WORKER = "worker", pgettext_lazy("grid", "Worker")
    ENTERPRISE = "enterprise", pgettext_lazy("grid", "Enterprise")
    OTHER = "other", pgettext_lazy("grid", "Other party")


class Party(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(max_length=12, choices=PartyRole.choices)
    name = models.CharField(pgettext_lazy("grid", "name"), max_length=128)
    id_number = EncryptedTextField(blank=True)
    mobile = EncryptedTextField(blank=True)
    member = models.ForeignKey(
        "orgs.Member", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.name

    @property
    def name_masked(self) -> str:
        return self.name if self.role == PartyRole.ENTERPRISE else mask_name(self.name)

    @property
    def id_number_masked(self) -> str:
        return idnumber.mask(self.id_number) if self.id_number else ""

    @property
    def mobile_masked(self) -> str:
        return mask_mobile(self.mobile) if self.mobile else ""


def photo_path(instance, filename):
    return f"grid/{instance.case_id}/{filename}"


class Photo(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to=photo_path)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.file.name


class Action(models.TextChoices):
    FILE = "file", pgettext_lazy("grid", "Filed")
    ACCEPT = "accept", pgettext_lazy("grid", "Accepted")
    MEDIATE = "mediate", pgettext_lazy("grid", "Mediation recorded")
    SETTLE = "settle", pgettext_lazy("grid", "Settled by agreement")
    FAIL = "fail", pgettext_lazy("grid", "Not settled")
    ESCALATE = "escalate", pgettext_lazy("grid", "Escalated")
    HAND_OVER = "hand_over", pgettext_lazy("grid", "Handed over to the mediation centre")
    OUTCOME = "outcome", pgettext_lazy("grid", "Outcome of the mediation centre")
    CLOSE = "close", pgettext_lazy("grid", "Closed")
    FOLLOW_UP = "follow_up", pgettext_lazy("grid", "Follow-up visit")
    LATE = "late", pgettext_lazy("grid", "Deadline passed")
    EXTEND = "extend", pgettext_lazy("grid", "Deadline extended")
    HARDSHIP = "hardship", pgettext_lazy("grid", "Hardship file opened")
    CORRECT = "correct", pgettext_lazy("grid", "Correction")


class CaseEvent(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=16, choices=Action.choices)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    level = models.CharField(max_length=10, choices=Level.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.case_id} {self.action}"


class MediationRecord(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="mediations")
    date = models.DateField(pgettext_lazy("grid", "date"))
    place = models.CharField(pgettext_lazy("grid", "place"), max_length=128)
    mediators = models.CharField(pgettext_lazy("grid", "mediators"), max_length=255)
    present = models.CharField(pgettext_lazy("grid", "parties present"), max_length=255)
    statements = models.TextField(pgettext_lazy("grid", "what each side said"))
    outcome = models.TextField(pgettext_lazy("grid", "outcome"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]

    def __str__(self):
        return f"{self.case_id} {self.date}"


class Agreement(models.Model):
    """调解协议书: the terms, the amount, how it is performed, the parties' on-screen
    signatures (PNG) and the generated PDF (gonghui.documents)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="agreement")
    terms = models.TextField(pgettext_lazy("grid", "terms"))
    amount = models.DecimalField(
        pgettext_lazy("grid", "agreed amount"), max_digits=12, decimal_places=2
    )
    performance = models.TextField(pgettext_lazy("grid", "how, when and where performed"))
    worker_signature = models.BinaryField()
    enterprise_signature = models.BinaryField()
    document = models.ForeignKey(
        "documents.IssuedDocument", on_delete=models.PROTECT, null=True, related_name="+"
    )
    signed_at = models.DateTimeField(auto_now_add=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self):
        return f"{self.case_id} {self.amount}"


class Handover(models.Model):
    """The case handed to the town 矛调中心 with its file; the outcome recorded on return."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="handover")
    centre = models.CharField(pgettext_lazy("grid", "mediation centre"), max_length=128)
    handed_at = models.DateTimeField(auto_now_add=True)
    handed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    file_summary = models.TextField(pgettext_lazy("grid", "file handed over"))
    outcome = models.TextField(pgettext_lazy("grid", "outcome"), blank=True)
    settled = models.BooleanField(null=True)
    outcome_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.case_id} {self.centre}"


class FollowUp(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="follow_ups")
    date = models.DateField(pgettext_lazy("grid", "date"))
    performed = models.BooleanField(pgettext_lazy("grid", "agreement performed"))
    note = models.TextField(pgettext_lazy("grid", "note"), blank=True)
    visited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self):
        return f"{self.case_id} {self.date}"


class QuestionCategory(models.TextChoices):
    CONTRACT = "contract", pgettext_lazy("grid", "Labour contract")
    WAGES = "wages", pgettext_lazy("grid", "Wages")
    INSURANCE = "insurance", pgettext_lazy("grid", "Social insurance")
    INJURY = "injury", pgettext_lazy("grid", "Work injury")
    OTHER = "other", pgettext_lazy("grid", "Other")


class LegalQuestion(models.Model):
    member = models.ForeignKey("orgs.Member", on_delete=models.PROTECT, related_name="+")
    federation = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    category = models.CharField(max_length=12, choices=QuestionCategory.choices)
    text = models.TextField(pgettext_lazy("grid", "question"))
    asked_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(pgettext_lazy("grid", "answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    case = models.OneToOneField(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="question"
    )

    class Meta:
        ordering = ["-asked_at", "-id"]

    def __str__(self):
        return f"{self.member_id} {self.category}"


class LegalEventKind(models.TextChoices):
    SERVICE = "service", pgettext_lazy("grid", "Legal service into enterprises")
    EDUCATION = "education", pgettext_lazy("grid", "Law education")


class LegalEvent(models.Model):
    federation = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=LegalEventKind.choices)
    date = models.DateField(pgettext_lazy("grid", "date"))
    enterprise = models.ForeignKey(
        "orgs.Enterprise", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    attendees = models.PositiveIntegerField(pgettext_lazy("grid", "attendees"), default=0)
    topic = models.CharField(pgettext_lazy("grid", "topic"), max_length=128)

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.date} {self.topic}"


CHECKLIST = (
    ("contracts", pgettext_lazy("grid", "Labour contracts signed")),
    ("wages_on_time", pgettext_lazy("grid", "Wages paid on time")),
    ("minimum_wage", pgettext_lazy("grid", "At least the minimum wage")),
    ("social_insurance", pgettext_lazy("grid", "Social insurance paid")),
    ("working_hours", pgettext_lazy("grid", "Working hours within the law")),
    ("workers_congress", pgettext_lazy("grid", "Workers' congress held")),
    ("open_affairs", pgettext_lazy("grid", "Open factory affairs")),
)


class HealthCheck(models.Model):
    """劳动用工体检 of one enterprise: the checklist, findings and the rectification deadline."""

    enterprise = models.ForeignKey("orgs.Enterprise", on_delete=models.PROTECT, related_name="+")
    org = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    date = models.DateField(pgettext_lazy("grid", "date"))
    results = models.JSONField(default=dict)  # checklist key -> True (fine) / False (finding)
    findings = models.TextField(pgettext_lazy("grid", "findings"), blank=True)
    rectify_by = models.DateField(pgettext_lazy("grid", "rectify by"), null=True, blank=True)
    rectified_at = models.DateField(null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rectify_by__isnull=True) | Q(rectify_by__gte=models.F("date")),
                name="grid_health_check_rectify_after_check",
            )
        ]

    def __str__(self):
        return f"{self.enterprise_id} {self.date}"

    @property
    def problems(self) -> list[str]:
        return [str(label) for key, label in CHECKLIST if self.results.get(key) is False]
