"""Collective contracts (集体合同): the register, the filing clock's event rows, renewal
reminders (one per contract and lead time) and the March campaign (要约行动月)."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

FILE_WITHIN_DAYS = 10  # 集体合同规定: submitted within 10 days of signing
OBJECTION_DAYS = 15  # 劳动合同法 art. 54: effective when no objection within 15 days
REMINDER_DAYS = 60  # the SMS to the union chair


class Level(models.TextChoices):
    ENTERPRISE = "enterprise", pgettext_lazy("contracts", "Enterprise")
    REGIONAL = "regional", pgettext_lazy("contracts", "Regional")
    INDUSTRY = "industry", pgettext_lazy("contracts", "Industry-wide")


class Kind(models.TextChoices):
    COMPREHENSIVE = "comprehensive", pgettext_lazy("contracts", "Comprehensive")
    WAGE = "wage", pgettext_lazy("contracts", "Special wage")
    WOMEN = "women", _("Special for women workers")
    SAFETY = "safety", _("Special for labour safety and health")


class Status(models.TextChoices):
    SIGNED = "signed", pgettext_lazy("contracts", "Signed, to be filed")
    FILED = "filed", pgettext_lazy("contracts", "Filed, objection period")
    EFFECTIVE = "effective", pgettext_lazy("contracts", "Effective")
    OBJECTED = "objected", _("Objection: to be renegotiated")


class Contract(models.Model):
    federation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="+", editable=False
    )
    org = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=pgettext_lazy("contracts", "union side"),
        on_delete=models.PROTECT,
        related_name="collective_contracts",
        help_text=_("The union or federation that signed it and keeps it."),
    )
    title = models.CharField(pgettext_lazy("contracts", "title"), max_length=200)
    level = models.CharField(pgettext_lazy("contracts", "level"), max_length=16, choices=Level)
    kind = models.CharField(pgettext_lazy("contracts", "kind"), max_length=16, choices=Kind)
    starts_on = models.DateField(pgettext_lazy("contracts", "start"))
    ends_on = models.DateField(pgettext_lazy("contracts", "end"))
    signed_on = models.DateField(pgettext_lazy("contracts", "signed on"))
    filed_on = models.DateField(pgettext_lazy("contracts", "filed on"), null=True, blank=True)
    effective_on = models.DateField(
        pgettext_lazy("contracts", "effective on"), null=True, blank=True
    )
    objected_on = models.DateField(
        pgettext_lazy("contracts", "objection received on"), null=True, blank=True
    )
    status = models.CharField(
        pgettext_lazy("contracts", "status"),
        max_length=16,
        choices=Status,
        default=Status.SIGNED,
        db_index=True,
    )
    union_signatory = models.CharField(
        pgettext_lazy("contracts", "union signatory (chair)"), max_length=64, blank=True
    )
    union_chair_mobile = models.CharField(
        pgettext_lazy("contracts", "union chair's mobile"), max_length=20, blank=True
    )
    employer_signatory = models.CharField(
        pgettext_lazy("contracts", "employer signatory"), max_length=64, blank=True
    )
    union_negotiator = models.CharField(
        pgettext_lazy("contracts", "union chief negotiator"), max_length=64, blank=True
    )
    employer_negotiator = models.CharField(
        pgettext_lazy("contracts", "employer chief negotiator"), max_length=64, blank=True
    )
    congress_present = models.PositiveIntegerField(
        pgettext_lazy("contracts", "congress: present"), null=True, blank=True
    )
    congress_for = models.PositiveIntegerField(
        pgettext_lazy("contracts", "congress: for"), null=True, blank=True
    )
    congress_against = models.PositiveIntegerField(
        pgettext_lazy("contracts", "congress: against"), null=True, blank=True
    )
    average_wage = models.DecimalField(
        _("last year's average wage (yuan/month)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
    )
    adjustment_pct = models.DecimalField(
        pgettext_lazy("contracts", "agreed adjustment (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    lowest_wage = models.DecimalField(
        _("lowest wage agreed (yuan/month)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    pay_day = models.CharField(pgettext_lazy("contracts", "pay day"), max_length=64, blank=True)
    pdf = models.CharField(max_length=255, blank=True, editable=False)  # encrypted file name
    renews = models.OneToOneField(
        "self",
        verbose_name=pgettext_lazy("contracts", "renews"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewal",
    )
    enterprises = models.ManyToManyField(
        "orgs.Enterprise", through="ContractEnterprise", related_name="collective_contracts"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("contracts", "collective contract")
        verbose_name_plural = pgettext_lazy("contracts", "collective contracts")
        ordering = ["-signed_on", "-id"]
        indexes = [models.Index(fields=["federation", "status", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="contract_term_order"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def file_due_on(self) -> datetime.date:
        return self.signed_on + datetime.timedelta(days=FILE_WITHIN_DAYS)

    @property
    def objection_ends_on(self) -> datetime.date | None:
        if self.filed_on is None:
            return None
        return self.filed_on + datetime.timedelta(days=OBJECTION_DAYS)

    def late_step(self, today: datetime.date) -> str:
        """What is late today ("" when nothing): filing, or the effect not yet recorded."""
        if self.status == Status.SIGNED and today > self.file_due_on:
            return "filing"
        if self.status == Status.FILED and today > self.objection_ends_on:
            return "effect"
        return ""

    @property
    def filed_late(self) -> bool:
        return self.filed_on is not None and self.filed_on > self.file_due_on

    @property
    def workers_covered(self) -> int:
        return sum(link.workers_covered for link in self.links.all())


class ContractEnterprise(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="links")
    enterprise = models.ForeignKey(
        "orgs.Enterprise", on_delete=models.PROTECT, related_name="contract_links"
    )
    workers_covered = models.PositiveIntegerField(pgettext_lazy("contracts", "workers covered"))

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "enterprise"], name="contract_enterprise_once"
            )
        ]

    def __str__(self):
        return f"{self.contract_id}/{self.enterprise_id}"


class ContractEvent(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=16)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    on = models.DateField()
    note = models.CharField(max_length=255, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.action} {self.on}"


class RenewalReminder(models.Model):
    """One per contract and lead time: the scheduler never sends the 60-day SMS twice."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="reminders")
    days_before = models.PositiveSmallIntegerField()
    mobile = models.CharField(max_length=20, blank=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contract", "days_before"], name="reminder_once")
        ]

    def __str__(self):
        return f"{self.contract_id} -{self.days_before}"


class Campaign(models.Model):
    """The March campaign of one year (要约行动月) in one federation."""

    federation = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(pgettext_lazy("contracts", "year"))
    reply_days = models.PositiveSmallIntegerField(_("days the employer has to reply"), default=20)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["federation", "year"], name="campaign_once_a_year")
        ]

    def __str__(self):
        return f"{self.year}"

    @property
    def report_due_on(self) -> datetime.date:
        return datetime.date(self.year, 4, 10)


class Reply(models.TextChoices):
    AGREED = "agreed", pgettext_lazy("contracts", "Agreed to bargain")
    REFUSED = "refused", pgettext_lazy("contracts", "Refused")


class Target(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="targets")
    enterprise = models.ForeignKey("orgs.Enterprise", on_delete=models.PROTECT, related_name="+")
    union = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    reasons = models.JSONField(default=list)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    letter = models.ForeignKey(
        "documents.IssuedDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sent_on = models.DateField(pgettext_lazy("contracts", "request sent on"), null=True, blank=True)
    reply_on = models.DateField(
        pgettext_lazy("contracts", "reply received on"), null=True, blank=True
    )
    reply = models.CharField(
        pgettext_lazy("contracts", "reply"), max_length=16, choices=Reply, blank=True
    )
    contract = models.ForeignKey(
        Contract, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["union__path", "enterprise__name"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "enterprise"], name="target_once")
        ]

    def __str__(self):
        return str(self.enterprise_id)

    def reply_due_on(self) -> datetime.date | None:
        if self.sent_on is None:
            return None
        return self.sent_on + datetime.timedelta(days=self.campaign.reply_days)

    def no_reply(self, today: datetime.date) -> bool:
        due = self.reply_due_on()
        return due is not None and not self.reply and today > due


class Meeting(models.Model):
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(pgettext_lazy("contracts", "held on"))
    place = models.CharField(pgettext_lazy("contracts", "place"), max_length=128, blank=True)
    notes = models.CharField(pgettext_lazy("contracts", "notes"), max_length=255, blank=True)

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self):
        return f"{self.held_on} {self.place}"
