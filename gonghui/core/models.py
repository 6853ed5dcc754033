from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AccessLog(models.Model):
    """One row each time someone sees a sensitive value whole (PIPL): who, what, whose, when."""

    class Action(models.TextChoices):
        VIEW_ID_NUMBER = "view_id_number", _("Viewed a full ID number")
        VIEW_BANK_CARD = "view_bank_card", _("Viewed a full bank card number")
        VIEW_DIAGNOSIS = "view_diagnosis", _("Viewed a diagnosis")
        VIEW_HARDSHIP_FILE = "view_hardship_file", _("Viewed a hardship file")
        EXPORT = "export", _("Exported personal data")

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.PROTECT
    )
    action = models.CharField(_("action"), max_length=32, choices=Action.choices)
    subject_type = models.CharField(_("record type"), max_length=64)
    subject_id = models.CharField(_("record"), max_length=64)
    subject_label = models.CharField(_("whose"), max_length=128, blank=True)
    org = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("organisation of the record"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    path = models.CharField(_("page"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.subject_label}"


class ImportJob(models.Model):
    """An uploaded file imported in the background, with its progress and outcome. The file
    is stored encrypted (core.filecrypt) and deleted when the job ends. A worker holds the
    job by its `claim` and proves it is alive by `heartbeat_at`; a job whose worker died is
    taken over by another and goes on from its last written chunk (ImportChunk)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Importing")
        APPLIED = "applied", _("Imported")
        REFUSED = "refused", _("Refused: nothing imported")
        FAILED = "failed", pgettext_lazy("import job", "Failed")

    class Phase(models.TextChoices):
        CHECKING = "checking", _("Checking the rows")
        WRITING = "writing", _("Writing the rows")

    kind = models.CharField(_("kind"), max_length=32)
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/", blank=True)
    original_name = models.CharField(_("file name"), max_length=255)
    options = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT
    )
    org = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    phase = models.CharField(_("phase"), max_length=16, choices=Phase.choices, blank=True)
    rows_estimate = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    claim = models.CharField(max_length=32, blank=True, editable=False)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("runs"), default=0)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    resumed_at = models.DateTimeField(_("resumed"), null=True, blank=True)
    # What checking the file found, kept so that a resumed job writes without checking again.
    plan = models.JSONField(default=dict, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    file_error = models.TextField(blank=True)
    error_count = models.PositiveIntegerField(default=0)
    errors_preview = models.JSONField(default=list, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    error_report = models.FileField(upload_to="import-errors/%Y/%m/", blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["heartbeat_at"], name="import_job_running", condition=Q(status="running")
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.original_name} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.APPLIED, self.Status.REFUSED, self.Status.FAILED}

    @property
    def resumed(self) -> bool:
        return self.resumed_at is not None


class ImportChunk(models.Model):
    """Rows first_row..last_row of a job, written in one transaction together with this row:
    a chunk is either written and recorded or neither, and the unique key stops a second
    worker from writing it again."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="chunks")
    first_row = models.PositiveIntegerField()
    last_row = models.PositiveIntegerField()
    counts = models.JSONField(default=dict)
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "first_row"], name="import_chunk_written_once")
        ]
        ordering = ["job", "first_row"]

    def __str__(self):
        return f"{self.job_id}: {self.first_row}-{self.last_row}"


class ScheduledRun(models.Model):
    """One run of a scheduled job (core.schedule) in one period: the unique key makes a job
    run once a period however many schedulers are running."""

    name = models.CharField(max_length=200)
    period = models.DateTimeField()
    enqueued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["name", "period"], name="scheduled_run_once_per_period")
        ]
        ordering = ["-period", "name"]

    def __str__(self):
        return f"{self.name} @ {self.period:%Y-%m-%d %H:%M}"


class ServiceSwitch(models.Model):
    """Whether a federation runs one optional service (registry.Service.key). No row means
    the service was never switched: off (see switches.DEFAULT_ENABLED)."""

    federation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("federation"),
        on_delete=models.PROTECT,
        related_name="service_switches",
    )
    key = models.CharField(_("service"), max_length=32)
    enabled = models.BooleanField(_("switched on"), default=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("service switch")
        verbose_name_plural = _("service switches")
        constraints = [
            models.UniqueConstraint(fields=["federation", "key"], name="one_switch_per_service")
        ]

    def __str__(self):
        return f"{self.federation_id} {self.key} {'on' if self.enabled else 'off'}"


class ServiceSwitchEvent(models.Model):
    """One row per change of a switch: who turned it from what to what, when and why."""

    switch = models.ForeignKey(ServiceSwitch, on_delete=models.PROTECT, related_name="events")
    old_enabled = models.BooleanField(_("was on"))
    new_enabled = models.BooleanField(_("now on"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("time"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("service switch change")
        verbose_name_plural = _("service switch changes")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.switch} {self.old_enabled}->{self.new_enabled} {self.at:%Y-%m-%d %H:%M}"
