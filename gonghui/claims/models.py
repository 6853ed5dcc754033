"""C2 claims: a member's claim on the mutual-aid scheme, its materials, every computation
the rules engine made of it, review corrections, the event timeline, SMS templates and
payout batches. The workflow is one state machine (ClaimStatus + TRANSITIONS, checked by
services.claim_check_transition); "never twice" is held by the constraints below."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.core.fields import EncryptedTextField
from gonghui.core.proxy import on_behalf_field
from gonghui.mutual_aid.models import Plan


class ClaimStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("claims", "Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    RETURNED = "returned", _("Returned for more material")
    AWAITING_SECOND_APPROVAL = "awaiting_second_approval", _("Awaiting second approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    IN_PAYOUT_BATCH = "in_payout_batch", _("In a payout batch")
    PAID = "paid", _("Paid out")
    PAYMENT_FAILED = "payment_failed", _("Payment failed")


S = ClaimStatus
# The one table of allowed moves. A claim above the second-approval threshold goes from
# in_review to awaiting_second_approval, and only a second, different reviewer approves it.
# A failed payment waits in the payout queue (payment_failed) until a new batch takes it.
# Reviewers reject only claims in review (services.claim_reject checks); the moves to
# rejected from returned, approved and payment_failed are the system's withdrawal of a claim
# whose settlement the medical insurance bureau reversed before it was paid.
# rejected → in_review only when an appeal against the rejection is upheld (claims/appeals.py).
TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.SUBMITTED}),
    S.SUBMITTED: frozenset({S.IN_REVIEW}),
    S.IN_REVIEW: frozenset({S.APPROVED, S.AWAITING_SECOND_APPROVAL, S.REJECTED, S.RETURNED}),
    S.RETURNED: frozenset({S.SUBMITTED, S.REJECTED}),
    S.AWAITING_SECOND_APPROVAL: frozenset({S.APPROVED, S.REJECTED, S.RETURNED, S.IN_REVIEW}),
    S.APPROVED: frozenset({S.IN_PAYOUT_BATCH, S.REJECTED}),
    S.IN_PAYOUT_BATCH: frozenset({S.PAID, S.PAYMENT_FAILED}),
    S.PAYMENT_FAILED: frozenset({S.IN_PAYOUT_BATCH, S.REJECTED}),
    S.REJECTED: frozenset({S.IN_REVIEW}),
    S.PAID: frozenset(),
}
# What a member reads on the phone for each state.
MEMBER_LABELS = {
    S.DRAFT: _("Not sent yet"),
    S.SUBMITTED: _("Submitted"),
    S.IN_REVIEW: _("Being reviewed"),
    S.RETURNED: _("More material needed"),
    S.AWAITING_SECOND_APPROVAL: _("Being reviewed a second time"),
    S.APPROVED: _("Approved, payment on its way"),
    S.REJECTED: _("Not approved"),
    S.IN_PAYOUT_BATCH: _("Being paid"),
    S.PAID: _("Money received"),
    S.PAYMENT_FAILED: _("Payment did not go through; it will be paid again"),
}
EDITABLE_STATUSES = frozenset({S.DRAFT, S.RETURNED})
REVIEW_STATUSES = frozenset({S.IN_REVIEW, S.AWAITING_SECOND_APPROVAL})
PAYABLE_STATUSES = frozenset({S.APPROVED, S.PAYMENT_FAILED})
# Approved and beyond: what counts as already paid this period ("before" of the engine).
GRANTED_STATUSES = frozenset({S.APPROVED, S.IN_PAYOUT_BATCH, S.PAID, S.PAYMENT_FAILED})


class EventType(models.TextChoices):
    """The engine's event types a member can claim for (rule-cases.md)."""

    INPATIENT = "inpatient", _("A hospital stay")
    DIAGNOSIS = "diagnosis", _("A serious illness diagnosed")
    BIRTH = "birth", pgettext_lazy("claims", "A birth")


STAY_TYPES = frozenset({EventType.INPATIENT})


class Place(models.TextChoices):
    LOCAL = "local", _("In the local region (本地)")
    ELSEWHERE = "elsewhere", pgettext_lazy("claims", "Elsewhere (异地)")


class Severity(models.TextChoices):
    NONE = "none", _("No critical illness")
    SEVERE = "severe", _("Critical illness, severe")
    MILD = "mild", _("Critical illness, mild")


class Channel(models.TextChoices):
    PHONE = "phone", _("Member's phone")
    WINDOW = "window", _("Service window (filed by union staff)")
    RECORD = "record", _("Medical-insurance record, confirmed by the member")


# A claim made from the bureau's settlement record needs no upload for what the record
# proves (the stay, its cost, the birth); the member's one tap stands for the signed form.
RECORD_PROVES = frozenset(
    {"application_form", "id_card", "discharge_summary", "settlement_slip", "birth_certificate"}
)


class Claim(models.Model):
    """One event claimed by one member: the facts as entered (and corrected), the state, and
    the current computation (`computation`, whose total is `amount`)."""

    member = models.ForeignKey(
        "orgs.Member",
        verbose_name=pgettext_lazy("claims", "member"),
        on_delete=models.PROTECT,
        related_name="claims",
    )
    period = models.ForeignKey(
        "mutual_aid.Period",
        verbose_name=pgettext_lazy("claims", "period"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
    )
    event_type = models.CharField(_("what happened"), max_length=20, choices=EventType.choices)
    hospital = models.CharField(pgettext_lazy("claims", "hospital"), max_length=128, blank=True)
    settlement_serial = models.CharField(
        pgettext_lazy("claims", "settlement serial number"),
        max_length=64,
        blank=True,
        db_index=True,
    )
    admission = models.DateField(pgettext_lazy("claims", "admission date"), null=True, blank=True)
    discharge = models.DateField(pgettext_lazy("claims", "discharge date"), null=True, blank=True)
    place = models.CharField(
        _("where treated"), max_length=12, choices=Place.choices, default=Place.LOCAL
    )
    accident = models.BooleanField(_("accidental injury"), default=False)
    self_responsibility = models.DecimalField(
        _("自负 amount (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    critical = models.CharField(
        _("critical illness"), max_length=8, choices=Severity.choices, default=Severity.NONE
    )
    female_cancer = models.BooleanField(_("primary female cancer"), default=False)
    in_situ = models.BooleanField(_("carcinoma in situ"), default=False)
    first_diagnosed = models.DateField(_("first diagnosed on"), null=True, blank=True)
    diagnosis = EncryptedTextField(_("diagnosis"), blank=True)
    icd10 = EncryptedTextField(_("ICD-10 code"), blank=True)
    birth_date = models.DateField(_("date of birth of the baby"), null=True, blank=True)
    plans = models.CharField(_("plans called"), max_length=64, blank=True)

    status = models.CharField(
        pgettext_lazy("claims", "status"),
        max_length=32,
        choices=ClaimStatus.choices,
        default=ClaimStatus.DRAFT,
    )
    status_changed_at = models.DateTimeField(_("status since"), auto_now_add=True)
    amount = models.DecimalField(
        pgettext_lazy("claims", "amount (yuan)"),
        max_digits=14,
        decimal_places=2,
        default=0,
        db_index=True,
    )
    computation = models.ForeignKey(
        "Computation",
        verbose_name=_("current computation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    channel = models.CharField(_("filed through"), max_length=8, choices=Channel.choices)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        on_delete=models.PROTECT,
        related_name="claims_filed",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims_reviewed",
    )
    first_approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("claims", "approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    second_approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("second approval by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(pgettext_lazy("claims", "started"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("first submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    # Never twice: a settlement record makes at most one claim (one-to-one).
    settlement_record = models.OneToOneField(
        "medinsure.SettlementRecord",
        verbose_name=_("made from settlement record"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claim",
    )
    settlement_reversed_at = models.DateTimeField(
        _("settlement reversed by the bureau"),
        null=True,
        blank=True,
        help_text=_(
            "The bureau reversed (冲销) this stay's settlement: a claim still in review shows "
            "it to the reviewer; one paid has its money recovered and no longer fills the caps "
            "or blocks the stay's new settlement."
        ),
    )

    class Meta:
        verbose_name = pgettext_lazy("claims", "claim")
        verbose_name_plural = pgettext_lazy("claims", "claims")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "status_changed_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="claim_amount_not_negative"),
            models.CheckConstraint(
                condition=Q(second_approver__isnull=True) | ~Q(second_approver=F("first_approver")),
                name="claim_second_approver_is_another_person",
            ),
            models.CheckConstraint(
                condition=Q(first_approver__isnull=True) | ~Q(first_approver=F("filed_by")),
                name="claim_not_approved_by_its_filer",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.member}"

    @property
    def reference(self) -> str:
        """The number a member quotes on the phone: BX000123."""
        return f"BX{self.pk:06d}"

    @property
    def plan_list(self) -> list[str]:
        return self.plans.split()

    @property
    def member_status_label(self) -> str:
        return str(MEMBER_LABELS[self.status])

    @property
    def is_stay(self) -> bool:
        return self.event_type in STAY_TYPES


class ClaimEvent(models.Model):
    """One row per state change, written in the same transaction as the change. The member's
    progress page is this list."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="events")
    old_status = models.CharField(
        pgettext_lazy("claims", "from"), max_length=32, choices=ClaimStatus.choices
    )
    new_status = models.CharField(
        pgettext_lazy("claims", "to"), max_length=32, choices=ClaimStatus.choices
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("claims", "by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Empty for the system's automatic checks."),
    )
    at = models.DateTimeField(pgettext_lazy("claims", "time"), auto_now_add=True)
    note = models.TextField(pgettext_lazy("claims", "note"), blank=True)
    reason = models.CharField(_("reason code"), max_length=32, blank=True)
    materials = models.JSONField(_("materials asked for"), default=list, blank=True)
    on_behalf = on_behalf_field()

    class Meta:
        verbose_name = _("claim event")
        verbose_name_plural = _("claim events")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.claim.reference} {self.old_status} → {self.new_status}"


class MaterialKind(models.TextChoices):
    APPLICATION_FORM = "application_form", _("Application form (signed on screen)")
    ID_CARD = "id_card", _("ID card")
    DISCHARGE_SUMMARY = "discharge_summary", _("Discharge summary (出院小结)")
    SETTLEMENT_SLIP = "settlement_slip", _("Settlement slip (结算单) or invoice (发票)")
    DIAGNOSIS_CERTIFICATE = "diagnosis_certificate", _("Diagnosis certificate (诊断证明)")
    PATHOLOGY_REPORT = "pathology_report", _("Pathology report (病理报告)")
    BIRTH_CERTIFICATE = "birth_certificate", _("Birth certificate (出生医学证明)")
    OTHER = "other", _("Other material")


K = MaterialKind
# mutual-aid.md lists the materials by plan; every claim also carries the signed
# application form and the ID card.
MATERIALS_BY_PLAN: dict[str, tuple[str, ...]] = {
    Plan.INPATIENT: (K.APPLICATION_FORM, K.ID_CARD, K.DISCHARGE_SUMMARY, K.SETTLEMENT_SLIP),
    Plan.CRITICAL: (K.APPLICATION_FORM, K.ID_CARD, K.DIAGNOSIS_CERTIFICATE, K.PATHOLOGY_REPORT),
    Plan.FEMALE: (K.APPLICATION_FORM, K.ID_CARD, K.DIAGNOSIS_CERTIFICATE, K.PATHOLOGY_REPORT),
    Plan.MATERNITY: (K.APPLICATION_FORM, K.ID_CARD, K.BIRTH_CERTIFICATE),
}
PHOTO_KINDS = tuple(kind for kind in MaterialKind if kind != K.APPLICATION_FORM)


def material_path(material, filename: str) -> str:
    """An unguessable name; files are only ever served through the claim's scoped view."""
    return f"claims/{material.claim_id}/{uuid.uuid4().hex}{filename[filename.rfind('.') :]}"


class Material(models.Model):
    """A photo or PDF of one material, cleaned by core.uploads.clean_upload; or the member's
    on-screen signature (PNG) under the application form generated from `facts`."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(_("material"), max_length=32, choices=MaterialKind.choices)
    file = models.FileField(
        pgettext_lazy("claims", "file"), upload_to=material_path, max_length=200
    )
    content_type = models.CharField(max_length=64)
    size = models.PositiveIntegerField(default=0)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    facts = models.JSONField(
        _("facts signed"),
        default=dict,
        blank=True,
        help_text=_("The application form's content at signing time."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("claims", "uploaded by"),
        on_delete=models.PROTECT,
    )
    uploaded_at = models.DateTimeField(pgettext_lazy("claims", "uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["claim_id", "kind", "id"]

    def __str__(self):
        return f"{self.claim.reference} {self.get_kind_display()}"

    @property
    def is_pdf(self) -> bool:
        return self.content_type == "application/pdf"


class ComputationCause(models.TextChoices):
    SUBMISSION = "submission", _("Automatic checks on submission")
    CORRECTION = "correction", _("Recomputed after a correction")
    APPROVAL = "approval", _("Recomputed at approval")


class Computation(models.Model):
    """One run of the rules engine on a claim: the lines, the refusals and other findings, the
    trace, the parameter version, and what had been paid before in the period."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="computations")
    period = models.ForeignKey(
        "mutual_aid.Period",
        verbose_name=pgettext_lazy("claims", "period"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    parameter_set = models.ForeignKey(
        "mutual_aid.ParameterSet",
        verbose_name=pgettext_lazy("claims", "parameter version"),
        on_delete=models.PROTECT,
        related_name="claim_computations",
    )
    total = models.DecimalField(_("total (yuan)"), max_digits=14, decimal_places=2)
    trace = EncryptedTextField(pgettext_lazy("claims", "trace"))
    before_subsidy = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    before_allowance_days = models.PositiveIntegerField(default=0)
    before_critical = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    before_female = models.DecimalField(max_digits=14, decimal_places=2, default=0)
    cause = models.CharField(_("why"), max_length=16, choices=ComputationCause.choices)
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("claims", "by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    computed_at = models.DateTimeField(_("computed"), auto_now_add=True)

    class Meta:
        verbose_name = _("computation")
        verbose_name_plural = _("computations")
        ordering = ["claim_id", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(total__gte=0), name="computation_total_not_negative")
        ]

    def __str__(self):
        return f"{self.claim.reference} {self.total} ({self.parameter_set})"

    @property
    def trace_lines(self) -> list[str]:
        return self.trace.splitlines()


class ComputationLine(models.Model):
    computation = models.ForeignKey(Computation, on_delete=models.CASCADE, related_name="lines")
    code = models.CharField(_("line"), max_length=32)
    label = models.CharField(_("label"), max_length=64)
    amount = models.DecimalField(
        pgettext_lazy("claims", "amount (yuan)"), max_digits=14, decimal_places=2
    )
    days = models.PositiveIntegerField(_("days paid"), null=True, blank=True)
    explanation = EncryptedTextField(_("how it was computed"))

    class Meta:
        verbose_name = _("computed line")
        verbose_name_plural = _("computed lines")
        ordering = ["computation_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["computation", "code"], name="line_once_per_run"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="line_amount_not_negative"),
        ]

    def __str__(self):
        return f"{self.label} {self.amount}"


DUPLICATE_STAY = "DUPLICATE_STAY"
MISSING_MATERIAL = "MISSING_MATERIAL"


class Finding(models.Model):
    """One automatic check that did not pass: an engine refusal (its reason code), a
    duplicate stay, or a missing material."""

    computation = models.ForeignKey(Computation, on_delete=models.CASCADE, related_name="findings")
    code = models.CharField(_("reason code"), max_length=32)
    plan = models.CharField(pgettext_lazy("claims", "plan"), max_length=16, blank=True)
    text = models.TextField(_("what was found"))

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = pgettext_lazy("claims", "findings")
        ordering = ["computation_id", "id"]

    def __str__(self):
        return f"{self.code} {self.plan}"


class Correction(models.Model):
    """A reviewer's correction of one input, with the reason; the claim is recomputed."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="corrections")
    field = models.CharField(pgettext_lazy("claims", "field"), max_length=32)
    old_value = EncryptedTextField(_("old value"), blank=True)
    new_value = EncryptedTextField(_("new value"), blank=True)
    reason = models.TextField(pgettext_lazy("claims", "reason"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("claims", "by"),
        on_delete=models.PROTECT,
    )
    at = models.DateTimeField(pgettext_lazy("claims", "time"), auto_now_add=True)

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["claim_id", "at", "id"]

    def __str__(self):
        return f"{self.claim.reference} {self.field}"


class SmsKind(models.TextChoices):
    SUBMITTED = "claim_submitted", _("Claim submitted")
    RETURNED = "claim_returned", _("Claim returned for more material")
    APPROVED = "claim_approved", _("Claim approved")
    REJECTED = "claim_rejected", _("Claim rejected")
    PAID = "claim_paid", _("Claim paid")


class SmsTemplate(models.Model):
    """A federation's own wording of one claim SMS; without a row the default is sent."""

    kind = models.CharField(_("message"), max_length=32, choices=SmsKind.choices, unique=True)
    text = models.TextField(pgettext_lazy("claims", "text"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("claims", "changed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("SMS template")
        verbose_name_plural = _("SMS templates")
        ordering = ["kind"]

    def __str__(self):
        return self.get_kind_display()


class BatchStatus(models.TextChoices):
    OPEN = "open", _("Open: being paid")
    CLOSED = "closed", _("Closed: paid")


class PayoutBatch(models.Model):
    """Approved claims county finance pays in one bank transfer file."""

    federation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=pgettext_lazy("claims", "federation"),
        on_delete=models.PROTECT,
        related_name="payout_batches",
    )
    status = models.CharField(
        pgettext_lazy("claims", "status"),
        max_length=8,
        choices=BatchStatus.choices,
        default=BatchStatus.OPEN,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("built by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("built"), auto_now_add=True)
    exported_at = models.DateTimeField(_("transfer file exported"), null=True, blank=True)
    closed_at = models.DateTimeField(pgettext_lazy("claims", "closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("payout batch")
        verbose_name_plural = _("payout batches")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.reference

    @property
    def reference(self) -> str:
        return f"ZF{self.pk:05d}"


class LineStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the bank")
    PAID = "paid", _("Paid out")
    FAILED = "failed", _("Payment failed")


class PayoutLine(models.Model):
    """One claim in one batch. Never twice: a claim has at most one line that has not failed,
    so it can be in only one open batch and can be paid only once."""

    batch = models.ForeignKey(PayoutBatch, on_delete=models.PROTECT, related_name="lines")
    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="payout_lines")
    amount = models.DecimalField(
        pgettext_lazy("claims", "amount (yuan)"), max_digits=14, decimal_places=2
    )
    status = models.CharField(
        pgettext_lazy("claims", "status"),
        max_length=8,
        choices=LineStatus.choices,
        default=LineStatus.PENDING,
    )
    failure_reason = models.CharField(_("why it failed"), max_length=255, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("marked"), null=True, blank=True)

    class Meta:
        verbose_name = _("payout line")
        verbose_name_plural = _("payout lines")
        ordering = ["batch_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim"],
                condition=~Q(status="failed"),
                name="payout_line_one_live_per_claim",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="payout_line_amount_positive"),
        ]

    def __str__(self):
        return f"{self.batch} {self.claim.reference} {self.amount}"
