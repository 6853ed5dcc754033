"""C3, the medical-insurance data link (医保数据直连): the bureau's settlement records, the
benefit notices computed from them (主动告知), reversals that cancel a notice or open a
recovery (追回), and what the link needs to run: a column mapping per federation and the
bureau's API keys.

Sensitive values (PIPL): the ID number and the diagnosis are encrypted (AES-GCM); the ID
number's keyed hash finds a person's records. Never twice: a serial number is stored once per
federation, a record has at most one notice, a notice at most one recovery."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.core import idnumber
from gonghui.core.fields import EncryptedTextField

# --- the feed's vocabulary -----------------------------------------------------------------


class RecordKind(models.TextChoices):
    """结算状态."""

    NORMAL = "normal", _("Normal settlement")
    REVERSAL = "reversal", _("Reversal")


class Category(models.TextChoices):
    """医疗类别. Only 住院 feeds INPATIENT and 生育 feeds MATERNITY."""

    INPATIENT = "inpatient", pgettext_lazy("medinsure", "Inpatient")
    CHRONIC_OUTPATIENT = "chronic", _("Special outpatient (chronic disease)")
    OUTPATIENT = "outpatient", _("Outpatient")
    MATERNITY = "maternity", pgettext_lazy("medinsure", "Maternity")


class Place(models.TextChoices):
    """就医地."""

    LOCAL = "local", _("Local")
    ELSEWHERE = "elsewhere", _("Out of region")


class CancerHint(models.TextChoices):
    """What the ICD-10 code of the main diagnosis suggests, worked out when the record is read
    (so the code need not be decrypted to decide): C00–C97 malignant neoplasms may call on
    CRITICAL, C50–C58 (breast and female genital organs) on FEMALE too; D00–D09 (in situ)
    never does."""

    NONE = "", _("Nothing to check")
    MALIGNANT = "malignant", _("Malignant neoplasm (C00–C97)")
    FEMALE_MALIGNANT = "female_malignant", _("Malignant neoplasm of breast or female organs")
    IN_SITU = "in_situ", _("Carcinoma in situ (D00–D09)")


# Our fields, in the order of the spec's table, with the bureau's default header.
FIELD_HEADERS = {
    "serial": "结算流水号",
    "status": "结算状态",
    "original_serial": "原结算流水号",
    "id_number": "身份证号",
    "name": "姓名",
    "category": "医疗类别",
    "hospital": "定点医疗机构名称",
    "hospital_level": "医院等级",
    "place": "就医地",
    "admission": "入院日期",
    "discharge": "出院日期",
    "diagnosis_code": "主诊断编码",
    "diagnosis_name": "主诊断名称",
    "total_cost": "医疗总费用",
    "fund_paid": "统筹基金支付",
    "personal_paid": "个人支付",
    "self_responsibility": "其中自负",
    "self_care": "其中自理",
    "self_paid": "其中自费",
    "settled_on": "结算日期",
}
FIELD_LABELS = {
    "serial": pgettext_lazy("medinsure", "Settlement serial number"),
    "status": _("Settlement status"),
    "original_serial": _("Serial number reversed"),
    "id_number": pgettext_lazy("medinsure", "ID number"),
    "name": pgettext_lazy("medinsure", "Name"),
    "category": _("Medical category"),
    "hospital": pgettext_lazy("medinsure", "Hospital"),
    "hospital_level": _("Hospital grade"),
    "place": _("Place of treatment"),
    "admission": pgettext_lazy("medinsure", "Admission date"),
    "discharge": pgettext_lazy("medinsure", "Discharge date"),
    "diagnosis_code": _("Main diagnosis (ICD-10 code)"),
    "diagnosis_name": _("Main diagnosis (name)"),
    "total_cost": _("Total cost"),
    "fund_paid": _("Paid by the pooled fund"),
    "personal_paid": _("Paid by the person"),
    "self_responsibility": _("of which co-payment (自负)"),
    "self_care": _("of which paid first (自理)"),
    "self_paid": _("of which outside the catalogue (自费)"),
    "settled_on": _("Settlement date"),
}
# Columns a file must have; the others may be missing (and are then empty).
REQUIRED_FIELDS = (
    "serial",
    "status",
    "id_number",
    "category",
    "place",
    "discharge",
    "total_cost",
    "self_responsibility",
)


# --- configuration -------------------------------------------------------------------------


class ColumnMapping(models.Model):
    """The bureau's header for one of our fields, per federation (bureaus differ). A field
    without a row uses the spec's header (FIELD_HEADERS)."""

    federation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=pgettext_lazy("medinsure", "federation"),
        on_delete=models.CASCADE,
        related_name="settlement_columns",
    )
    field = models.CharField(
        pgettext_lazy("medinsure", "field"),
        max_length=32,
        choices=[(name, label) for name, label in FIELD_LABELS.items()],
    )
    header = models.CharField(_("header in the bureau's file"), max_length=64)
    updated_at = models.DateTimeField(pgettext_lazy("medinsure", "last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("medinsure", "by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("column mapping")
        verbose_name_plural = _("column mappings")
        ordering = ["federation_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["federation", "field"], name="settlement_column_mapped_once"
            )
        ]

    def __str__(self):
        return f"{self.header} → {self.field}"


DEFAULT_STRAIGHT_THROUGH_UP_TO = 5000


class LinkSettings(models.Model):
    """A federation's choices for claims made from the bureau's records: up to which amount a
    claim that passes every automatic check is approved without a reviewer."""

    federation = models.OneToOneField(
        "orgs.Organisation",
        verbose_name=pgettext_lazy("medinsure", "federation"),
        on_delete=models.CASCADE,
        related_name="medinsure_settings",
    )
    straight_through_up_to = models.DecimalField(
        _("approve without a reviewer up to (yuan)"),
        max_digits=14,
        decimal_places=2,
        default=DEFAULT_STRAIGHT_THROUGH_UP_TO,
        help_text=_(
            "A claim made from a settlement record that passes every check and is not above "
            "this amount is approved straight away; 0 sends every one to a reviewer."
        ),
    )
    updated_at = models.DateTimeField(pgettext_lazy("medinsure", "last changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("medinsure", "by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("data link settings")
        verbose_name_plural = _("data link settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(straight_through_up_to__gte=0),
                name="link_straight_through_not_negative",
            )
        ]

    def __str__(self):
        return str(self.federation)


class BureauApiKey(models.Model):
    """A machine client of one federation (the county medical insurance bureau's system).
    The key is shown once when made; only its SHA-256 is kept (the key is 256 random bits,
    so a plain hash cannot be reversed by guessing). Sent as `Authorization: Api-Key <key>`."""

    federation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=pgettext_lazy("medinsure", "federation"),
        on_delete=models.PROTECT,
        related_name="bureau_api_keys",
    )
    name = models.CharField(pgettext_lazy("medinsure", "name"), max_length=64)
    prefix = models.CharField(_("key starts with"), max_length=12, unique=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("medinsure", "created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(pgettext_lazy("medinsure", "created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("bureau API key")
        verbose_name_plural = _("bureau API keys")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def active(self) -> bool:
        return self.revoked_at is None


# --- the feed ------------------------------------------------------------------------------


class SettlementImport(models.Model):
    """One file or one API push, applied in chunks, with its summary (commands.md)."""

    class Source(models.TextChoices):
        FILE = "file", _("File uploaded")
        COMMAND = "command", _("Command line")
        API = "api", _("Bureau API")

    class Status(models.TextChoices):
        RUNNING = "running", pgettext_lazy("medinsure", "Importing")
        APPLIED = "applied", pgettext_lazy("medinsure", "Applied")
        REFUSED = "refused", pgettext_lazy("medinsure", "Refused: nothing imported")

    federation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=pgettext_lazy("medinsure", "federation"),
        on_delete=models.PROTECT,
        related_name="settlement_imports",
    )
    source = models.CharField(
        pgettext_lazy("medinsure", "source"), max_length=8, choices=Source.choices
    )
    status = models.CharField(
        pgettext_lazy("medinsure", "status"),
        max_length=8,
        choices=Status.choices,
        default=Status.RUNNING,
    )
    original_name = models.CharField(
        pgettext_lazy("medinsure", "file name"), max_length=255, blank=True
    )
    job = models.ForeignKey(
        "core.ImportJob",
        verbose_name=pgettext_lazy("medinsure", "import job"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    api_key = models.ForeignKey(
        BureauApiKey,
        verbose_name=_("API key"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="imports",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("medinsure", "by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    started_at = models.DateTimeField(pgettext_lazy("medinsure", "started"), auto_now_add=True)
    finished_at = models.DateTimeField(
        pgettext_lazy("medinsure", "finished"), null=True, blank=True
    )
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    # The checkpoint of an import under way (services.feed), moved in the transaction of each
    # chunk written: staged rows stored, records stored, the last member computed and the
    # running totals of the notices.
    progress = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("settlement import")
        verbose_name_plural = _("settlement imports")
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return f"{self.federation} {self.get_source_display()} {self.started_at:%Y-%m-%d %H:%M}"


class SettlementRecord(models.Model):
    """One row of the bureau's feed (结算记录). `member` and `period` are set when the person
    is enrolled (effective, any plan) in the federation's period containing the discharge
    date; otherwise the record belongs to nobody enrolled and only the federation's county
    staff see it. A reversal (冲销) names the serial it reverses in `original_serial`; the two
    meet by serial, whichever arrives first."""

    # The federation and the import are the same for every row of a feed and written by the
    # service from rows of its own transaction: no database foreign key, whose check would
    # run a million times at commit (PROTECT still guards deletes through Django).
    federation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=pgettext_lazy("medinsure", "federation"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # the unique (federation, serial) index serves
        db_constraint=False,
    )
    batch = models.ForeignKey(
        SettlementImport,
        verbose_name=_("import"),
        on_delete=models.PROTECT,
        related_name="records",
        db_index=False,  # the partial indexes below serve the feed's own queries
        db_constraint=False,
    )
    row_number = models.PositiveIntegerField(_("row"), null=True, blank=True)
    serial = models.CharField(pgettext_lazy("medinsure", "settlement serial number"), max_length=64)
    kind = models.CharField(_("settlement status"), max_length=8, choices=RecordKind.choices)
    original_serial = models.CharField(_("serial number reversed"), max_length=64, blank=True)
    id_number = EncryptedTextField(pgettext_lazy("medinsure", "ID number"))
    id_hash = models.CharField(max_length=64, db_index=True, editable=False)
    name = models.CharField(pgettext_lazy("medinsure", "name"), max_length=64, blank=True)
    category = models.CharField(_("medical category"), max_length=10, choices=Category.choices)
    hospital = models.CharField(pgettext_lazy("medinsure", "hospital"), max_length=128, blank=True)
    hospital_level = models.CharField(_("hospital grade"), max_length=16, blank=True)
    place = models.CharField(_("place of treatment"), max_length=9, choices=Place.choices)
    admission = models.DateField(
        pgettext_lazy("medinsure", "admission date"), null=True, blank=True
    )
    discharge = models.DateField(pgettext_lazy("medinsure", "discharge date"))
    diagnosis = EncryptedTextField(
        _("main diagnosis"), blank=True, help_text=_("ICD-10 code and name, encrypted.")
    )
    cancer_hint = models.CharField(
        _("diagnosis suggests"),
        max_length=16,
        choices=CancerHint.choices,
        blank=True,
        default=CancerHint.NONE,
    )
    total_cost = models.DecimalField(_("total cost"), max_digits=14, decimal_places=2)
    fund_paid = models.DecimalField(_("paid by the pooled fund"), max_digits=14, decimal_places=2)
    personal_paid = models.DecimalField(_("paid by the person"), max_digits=14, decimal_places=2)
    self_responsibility = models.DecimalField(
        _("co-payment (自负)"), max_digits=14, decimal_places=2
    )
    self_care = models.DecimalField(_("paid first (自理)"), max_digits=14, decimal_places=2)
    self_paid = models.DecimalField(
        _("outside the catalogue (自费)"), max_digits=14, decimal_places=2
    )
    settled_on = models.DateField(_("settlement date"), null=True, blank=True)
    member = models.ForeignKey(
        "orgs.Member",
        verbose_name=pgettext_lazy("medinsure", "member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="settlement_records",
        db_index=False,  # partial index below: two records in three belong to nobody
    )
    period = models.ForeignKey(
        "mutual_aid.Period",
        verbose_name=pgettext_lazy("medinsure", "period"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    created_at = models.DateTimeField(_("stored"))

    class Meta:
        verbose_name = _("settlement record")
        verbose_name_plural = _("settlement records")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["federation", "serial"], name="settlement_serial_stored_once"
            ),
            models.CheckConstraint(
                condition=Q(kind="normal", original_serial="")
                | Q(kind="reversal") & ~Q(original_serial=""),
                name="settlement_reversal_names_its_serial",
            ),
            models.CheckConstraint(
                condition=Q(member__isnull=True, period__isnull=True)
                | Q(member__isnull=False, period__isnull=False),
                name="settlement_matched_to_member_and_period",
            ),
        ]
        indexes = [
            # Indexes cost every row of a million-row feed: those of the feed's own work are
            # partial (the matched third, the reversals).
            models.Index(
                fields=["batch", "member"],
                name="settlement_batch_member",
                condition=Q(member__isnull=False),
            ),
            models.Index(
                fields=["batch"], name="settlement_batch_reversals", condition=Q(kind="reversal")
            ),
            models.Index(
                fields=["member", "discharge"],
                name="settlement_member_discharge",
                condition=Q(member__isnull=False),
            ),
            models.Index(
                fields=["federation", "original_serial"],
                name="settlement_reversal_of",
                condition=Q(kind="reversal"),
            ),
        ]

    def __str__(self):
        return self.serial

    @property
    def event_date(self):
        """commands.md: the event date of every category is its 出院日期."""
        return self.discharge

    @property
    def id_number_masked(self) -> str:
        return idnumber.mask(self.id_number)

    @property
    def diagnosis_code(self) -> str:
        return self.diagnosis.split("\t", 1)[0] if self.diagnosis else ""

    @property
    def diagnosis_name(self) -> str:
        return self.diagnosis.split("\t", 1)[1] if "\t" in (self.diagnosis or "") else ""

    @property
    def stay_days(self) -> int | None:
        if self.admission is None:
            return None
        return (self.discharge - self.admission).days


# --- telling the member --------------------------------------------------------------------


class NoticeKind(models.TextChoices):
    BENEFIT = "benefit", _("Benefit to confirm")
    NEEDS_PATHOLOGY_REPORT = "needs_pathology_report", _("Pathology report needed")


class NoticeStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the member")
    CONFIRMED = "confirmed", _("Confirmed by the member")
    CANCELLED = "cancelled", _("Cancelled (reversed)")
    EXPIRED = "expired", _("Expired")
    MERGED = "merged", _("Met the claim the member filed by hand")


# The one table of allowed moves; services.notice_check_transition checks it. A confirmed
# notice whose settlement is reversed is cancelled and a recovery is opened.
# A notice met by a claim the member filed by hand for the same stay is merged into it: the
# two are one claim (never twice). When that claim is rejected (for anything but the
# settlement's reversal or a duplicate), the notice waits for the member again.
NOTICE_TRANSITIONS: dict[str, frozenset[str]] = {
    NoticeStatus.PENDING: frozenset(
        {NoticeStatus.CONFIRMED, NoticeStatus.CANCELLED, NoticeStatus.EXPIRED, NoticeStatus.MERGED}
    ),
    NoticeStatus.CONFIRMED: frozenset({NoticeStatus.CANCELLED, NoticeStatus.PENDING}),
    NoticeStatus.MERGED: frozenset({NoticeStatus.CANCELLED, NoticeStatus.PENDING}),
    NoticeStatus.CANCELLED: frozenset(),
    NoticeStatus.EXPIRED: frozenset(),
}
# Notices that stand: what the bureau's records found for the member.
STANDING_STATUSES = (NoticeStatus.PENDING, NoticeStatus.CONFIRMED, NoticeStatus.MERGED)
# Notices whose claim carries them once it exists.
CLAIMED_STATUSES = (NoticeStatus.CONFIRMED, NoticeStatus.MERGED)


class BenefitNotice(models.Model):
    """What a settlement record is owed, computed by the rules engine like a claim filed that
    day (lines, total, trace, parameter version), and the member's answer. One per record."""

    record = models.OneToOneField(
        SettlementRecord,
        verbose_name=_("settlement record"),
        on_delete=models.PROTECT,
        related_name="notice",
    )
    batch = models.ForeignKey(
        SettlementImport,
        verbose_name=_("import"),
        on_delete=models.PROTECT,
        related_name="notices",
        db_constraint=False,  # as SettlementRecord.batch
    )
    member = models.ForeignKey(
        "orgs.Member",
        verbose_name=pgettext_lazy("medinsure", "member"),
        on_delete=models.PROTECT,
        related_name="benefit_notices",
        db_index=False,  # (member, period, status) below serves
    )
    period = models.ForeignKey(
        "mutual_aid.Period",
        verbose_name=pgettext_lazy("medinsure", "period"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    kind = models.CharField(
        pgettext_lazy("medinsure", "kind"), max_length=24, choices=NoticeKind.choices
    )
    status = models.CharField(
        pgettext_lazy("medinsure", "status"),
        max_length=10,
        choices=NoticeStatus.choices,
        default=NoticeStatus.PENDING,
    )
    total = models.DecimalField(
        pgettext_lazy("medinsure", "amount (yuan)"), max_digits=14, decimal_places=2
    )
    inpatient_subsidy = models.DecimalField(
        _("inpatient subsidy (yuan)"), max_digits=14, decimal_places=2, default=0
    )
    inpatient_allowance_days = models.PositiveIntegerField(_("allowance days"), default=0)
    lines = models.JSONField(_("lines"), default=dict)
    refused = models.JSONField(_("plans refused"), default=dict, blank=True)
    trace = models.JSONField(pgettext_lazy("medinsure", "trace"), default=list)
    parameter_set = models.ForeignKey(
        "mutual_aid.ParameterSet",
        verbose_name=pgettext_lazy("medinsure", "parameters"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    parameters_version = models.CharField(
        pgettext_lazy("medinsure", "parameter version"), max_length=48
    )
    discharge = models.DateField(pgettext_lazy("medinsure", "discharge date"))
    created_at = models.DateTimeField(_("found"))
    notified_at = models.DateTimeField(_("SMS sent"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    bank_card_masked = models.CharField(_("bank card confirmed"), max_length=32, blank=True)
    closed_at = models.DateTimeField(_("cancelled or expired"), null=True, blank=True)
    # A claim filed by hand may carry several records (a transfer between two hospitals is
    # two settlements of one stay); a claim made from a record carries that record's notice
    # only (Claim constraint claim_one_per_record).
    claim = models.ForeignKey(
        "claims.Claim",
        verbose_name=pgettext_lazy("medinsure", "claim"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="benefit_notices",
        help_text=_("The claim made when the member confirmed, or the one filed by hand."),
    )

    class Meta:
        verbose_name = _("benefit notice")
        verbose_name_plural = _("benefit notices")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["member", "period", "status"], name="notice_member_period"),
            models.Index(fields=["status", "created_at"], name="notice_status_created"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(total__gte=0), name="notice_total_not_negative"),
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(confirmed_at__isnull=False),
                name="notice_confirmed_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="merged") | Q(claim__isnull=False),
                name="notice_merged_has_claim",
            ),
        ]

    def __str__(self):
        return f"{self.member} {self.record} {self.total}"

    @property
    def line_items(self) -> list[dict]:
        """[{code, label, amount, texts}] in the worked example's order, for templates."""
        from gonghui.medinsure.selectors import notice_line_items

        return notice_line_items(self)


class NoticeEvent(models.Model):
    """One row per change of a notice after it was found: who, when, from, to, why."""

    notice = models.ForeignKey(BenefitNotice, on_delete=models.CASCADE, related_name="events")
    old_status = models.CharField(
        pgettext_lazy("medinsure", "from"), max_length=10, choices=NoticeStatus.choices
    )
    new_status = models.CharField(
        pgettext_lazy("medinsure", "to"), max_length=10, choices=NoticeStatus.choices
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("medinsure", "by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(pgettext_lazy("medinsure", "time"))
    note = models.CharField(pgettext_lazy("medinsure", "note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("notice event")
        verbose_name_plural = _("notice events")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.notice_id} {self.old_status} → {self.new_status}"


class RecoveryStatus(models.TextChoices):
    OPEN = "open", _("To recover")
    RECOVERED = "recovered", _("Recovered")
    WAIVED = "waived", _("Waived")


RECOVERY_TRANSITIONS: dict[str, frozenset[str]] = {
    RecoveryStatus.OPEN: frozenset({RecoveryStatus.RECOVERED, RecoveryStatus.WAIVED}),
    RecoveryStatus.RECOVERED: frozenset(),
    RecoveryStatus.WAIVED: frozenset(),
}


class Recovery(models.Model):
    """追回: a settlement reversed after the member had confirmed its benefit (handed over to
    payment), so the money may have to come back. Staff close it as recovered or waived."""

    notice = models.OneToOneField(
        BenefitNotice,
        verbose_name=_("benefit notice"),
        on_delete=models.PROTECT,
        related_name="recovery",
    )
    reversal = models.ForeignKey(
        SettlementRecord,
        verbose_name=_("reversal"),
        on_delete=models.PROTECT,
        related_name="recoveries",
    )
    member = models.ForeignKey(
        "orgs.Member",
        verbose_name=pgettext_lazy("medinsure", "member"),
        on_delete=models.PROTECT,
        related_name="medinsure_recoveries",
    )
    amount = models.DecimalField(
        pgettext_lazy("medinsure", "amount (yuan)"), max_digits=14, decimal_places=2
    )
    status = models.CharField(
        pgettext_lazy("medinsure", "status"),
        max_length=10,
        choices=RecoveryStatus.choices,
        default=RecoveryStatus.OPEN,
    )
    opened_at = models.DateTimeField(_("opened"))
    closed_at = models.DateTimeField(pgettext_lazy("medinsure", "closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(pgettext_lazy("medinsure", "note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("recovery")
        verbose_name_plural = _("recoveries")
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="recovery_amount_not_negative")
        ]

    def __str__(self):
        return f"{self.member} {self.amount} ({self.get_status_display()})"
