"""Hardship worker files (困难职工档案, one per household), their lifecycle, aid, campaigns and
pairing. Fields, choices and constraints only: writes live in services, rules in rules.py."""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.core import idnumber
from gonghui.core.fields import EncryptedTextField
from gonghui.core.proxy import on_behalf_field

MONEY = {"max_digits": 14, "decimal_places": 2}


class Tier(models.TextChoices):
    DEEP = "deep", _("Deep hardship")
    RELATIVE = "relative", _("Relative hardship")
    ACCIDENTAL = "accidental", _("Hardship from an emergency")


class Cause(models.TextChoices):
    ILLNESS = "illness", _("Illness")
    DISABILITY = "disability", _("Disability")
    SCHOOLING = "schooling", _("Children's schooling")
    UNEMPLOYMENT = "unemployment", _("Unemployment")
    ACCIDENT = "accident", _("Accident")
    DISASTER = "disaster", _("Natural disaster")


class Housing(models.TextChoices):
    OWN = "own", _("Own home")
    RENTED = "rented", _("Rented")
    PUBLIC_RENTAL = "public_rental", _("Public rental housing")
    RELATIVES = "relatives", _("Living with relatives")
    DILAPIDATED = "dilapidated", _("Dilapidated home")
    NONE = "none", _("No fixed home")


class Status(models.TextChoices):
    APPLIED = "applied", pgettext_lazy("hardship", "Applied")
    UNION_REVIEWED = "union_reviewed", _("Reviewed by the union")
    VISITED = "visited", _("Home visit recorded")
    TOWN_VERIFIED = "town_verified", _("Verified by the town federation")
    PUBLIC_NOTICE = "public_notice", _("On public notice")
    ACTIVE = "active", _("Active file")
    RETURNED = "returned", _("Returned for correction")
    CLOSED = "closed", pgettext_lazy("hardship", "Closed")


class Action(models.TextChoices):
    APPLY = "apply", _("Apply")
    UNION_REVIEW = "union_review", _("First review by the union")
    RECORD_VISIT = "record_visit", _("Record the home visit")
    TOWN_VERIFY = "town_verify", _("Verify (town federation)")
    START_NOTICE = "start_notice", _("Start the public notice")
    APPROVE = "approve", _("Approve (county federation)")
    RETURN = "return", _("Return for correction")
    RESUBMIT = "resubmit", _("Submit again")
    REVIEW = "review", _("Yearly review")
    CHANGE_TIER = "change_tier", _("Change the tier")
    CLOSE = "close", _("Close the file")
    REOPEN = "reopen", _("Reopen: fallen back into hardship")
    IMPORT = "import", _("Imported from the old system")
    REINSTATE = "reinstate", _("Return withdrawn: appeal upheld")


class CloseReason(models.TextChoices):
    OUT_OF_HARDSHIP = "out_of_hardship", _("Out of hardship")
    RETIRED = "retired", _("Retired")
    MOVED = "moved", _("Moved away")
    DIED = "died", _("Died")
    WITHDRAWN = "withdrawn", _("Not approved or withdrawn")


class Channel(models.TextChoices):
    PHONE = "phone", _("Worker on the phone")
    STAFF = "staff", _("Union staff")
    IMPORT = "import", pgettext_lazy("hardship", "Import")


class SubsistenceStandard(models.Model):
    """The local minimum living standard (低保标准), per area and year, in yuan per month."""

    area = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        related_name="subsistence_standards",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    monthly_amount = models.DecimalField(_("yuan per person per month"), **MONEY)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("minimum living standard")
        verbose_name_plural = _("minimum living standards")
        ordering = ["-year", "area__path"]
        constraints = [
            models.UniqueConstraint(fields=["area", "year"], name="one_standard_per_area_year"),
            models.CheckConstraint(
                condition=Q(monthly_amount__gt=0), name="standard_amount_positive"
            ),
        ]

    def __str__(self):
        return f"{self.area} {self.year}: {self.monthly_amount}"


class AidType(models.TextChoices):
    LIVING = "living", _("Living aid")
    MEDICAL = "medical", _("Medical aid")
    SCHOOLING = "schooling", _("Schooling aid")
    JOBS = "jobs", _("Job help")
    EMERGENCY = "emergency", _("Emergency aid")
    VISIT = "visit", _("Seasonal visit")


class FundingSource(models.TextChoices):
    UNION_FUNDS = "union_funds", _("Union funds")
    HIGHER_UNION = "higher_union", _("Grant from the higher union")
    GOVERNMENT = "government", _("Government special fund")
    DONATION = "donation", _("Donations")
    OTHER = "other", _("Other")


class AidLimit(models.Model):
    """How much of one aid type a file may receive in a calendar year, by tier: a number of
    months of the 低保 standard, or a fixed amount. A row without an area is the installation's
    default; a row for an area overrides it there and below."""

    area = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aid_limits",
        help_text=_("Empty: the default for every area."),
    )
    tier = models.CharField(_("tier"), max_length=16, choices=Tier.choices)
    aid_type = models.CharField(_("aid type"), max_length=16, choices=AidType.choices)
    months_of_standard = models.DecimalField(
        _("months of the minimum living standard"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
    )
    amount = models.DecimalField(_("fixed amount"), null=True, blank=True, **MONEY)

    class Meta:
        verbose_name = _("aid limit")
        verbose_name_plural = _("aid limits")
        ordering = ["area__path", "aid_type", "tier"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "tier", "aid_type"], name="one_aid_limit_per_area_tier_type"
            ),
            models.UniqueConstraint(
                fields=["tier", "aid_type"],
                condition=Q(area__isnull=True),
                name="one_default_aid_limit_per_tier_type",
            ),
            models.CheckConstraint(
                condition=(Q(months_of_standard__isnull=True) ^ Q(amount__isnull=True)),
                name="aid_limit_in_months_or_amount",
            ),
        ]

    def __str__(self):
        return f"{self.get_tier_display()} {self.get_aid_type_display()}"


class HardshipFile(models.Model):
    """One household's file (一户一档). The worker is a member; the tier is the staff's
    decision, the suggestion is what the rules computed from the figures."""

    member = models.ForeignKey(
        "orgs.Member",
        verbose_name=_("worker"),
        on_delete=models.PROTECT,
        related_name="hardship_files",
    )
    status = models.CharField(
        pgettext_lazy("hardship", "status"),
        max_length=16,
        choices=Status.choices,
        default=Status.APPLIED,
    )
    channel = models.CharField(_("applied through"), max_length=8, choices=Channel.choices)
    statement = models.TextField(_("the family's difficulty, in the applicant's words"), blank=True)
    housing = models.CharField(_("housing"), max_length=16, choices=Housing.choices, blank=True)
    housing_note = models.CharField(_("housing details"), max_length=255, blank=True)
    main_cause = models.CharField(_("main cause"), max_length=16, choices=Cause.choices)
    secondary_causes = models.JSONField(_("secondary causes"), default=list, blank=True)
    household_size = models.PositiveSmallIntegerField(_("people living together"), default=1)
    annual_income = models.DecimalField(_("annual disposable household income"), default=0, **MONEY)
    spending_illness = models.DecimalField(_("yearly spending on illness"), default=0, **MONEY)
    spending_disability = models.DecimalField(
        _("yearly spending on disability"), default=0, **MONEY
    )
    spending_schooling = models.DecimalField(_("yearly spending on schooling"), default=0, **MONEY)
    emergency_cost = models.DecimalField(
        _("cost of an emergency, accident or major illness"), default=0, **MONEY
    )
    emergency_note = models.CharField(_("what the emergency was"), max_length=255, blank=True)
    bank_name = models.CharField(pgettext_lazy("hardship", "bank"), max_length=64, blank=True)
    account_holder = models.CharField(_("account holder"), max_length=64, blank=True)
    bank_card = EncryptedTextField(pgettext_lazy("hardship", "bank card number"), blank=True)

    suggested_tier = models.CharField(
        _("suggested tier"), max_length=16, choices=Tier.choices, blank=True
    )
    income_per_person = models.DecimalField(
        _("monthly income per person after rigid spending"), null=True, blank=True, **MONEY
    )
    standard_used = models.DecimalField(
        _("minimum living standard used"), null=True, blank=True, **MONEY
    )
    suggestion_trace = models.TextField(_("how the suggestion was computed"), blank=True)
    tier = models.CharField(_("tier"), max_length=16, choices=Tier.choices, blank=True)

    applied_on = models.DateField(_("applied on"))
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    reviewed_on = models.DateField(
        _("last reviewed on"),
        null=True,
        blank=True,
        help_text=_("Set on approval, on each yearly review and on each tier change."),
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    close_reason = models.CharField(
        _("reason for closing"), max_length=16, choices=CloseReason.choices, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("hardship", "created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty for files imported from the command line."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hardship file")
        verbose_name_plural = _("hardship files")
        ordering = ["-applied_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member"],
                condition=~Q(status="closed"),
                name="one_open_hardship_file_per_member",
            ),
            models.CheckConstraint(
                condition=Q(household_size__gte=1), name="hardship_household_at_least_one"
            ),
        ]
        indexes = [models.Index(fields=["status", "tier"])]

    def __str__(self):
        return _("Hardship file of %(name)s") % {"name": self.member.name}

    @property
    def bank_card_masked(self) -> str:
        return idnumber.mask_card(self.bank_card)

    @property
    def rigid_spending(self):
        return self.spending_illness + self.spending_disability + self.spending_schooling

    @property
    def causes(self) -> list[str]:
        return [self.main_cause, *[c for c in self.secondary_causes if c != self.main_cause]]

    def get_secondary_causes_display(self) -> str:
        labels = dict(Cause.choices)
        return "、".join(str(labels.get(cause, cause)) for cause in self.secondary_causes)


class TierDecision(models.Model):
    """Staff confirm or override the suggestion; both, and the reason, are kept."""

    file = models.ForeignKey(HardshipFile, on_delete=models.CASCADE, related_name="decisions")
    suggested_tier = models.CharField(
        _("suggested tier"), max_length=16, choices=Tier.choices, blank=True
    )
    income_per_person = models.DecimalField(null=True, blank=True, **MONEY)
    standard_used = models.DecimalField(null=True, blank=True, **MONEY)
    tier = models.CharField(_("decided tier"), max_length=16, choices=Tier.choices)
    reason = models.TextField(pgettext_lazy("hardship", "reason"), blank=True)
    action = models.CharField(_("at step"), max_length=16, choices=Action.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        verbose_name = _("tier decision")
        verbose_name_plural = _("tier decisions")
        ordering = ["decided_at", "id"]

    def __str__(self):
        return f"{self.file_id}: {self.tier}"

    @property
    def overrides_suggestion(self) -> bool:
        return self.tier != self.suggested_tier


class Relation(models.TextChoices):
    SPOUSE = "spouse", _("Spouse")
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent")
    PARENT_IN_LAW = "parent_in_law", _("Parent-in-law")
    SIBLING = "sibling", _("Brother or sister")
    GRANDCHILD = "grandchild", _("Grandchild")
    GRANDPARENT = "grandparent", _("Grandparent")
    OTHER = "other", _("Other relative")


class Health(models.TextChoices):
    HEALTHY = "healthy", _("Healthy")
    CHRONIC = "chronic", _("Chronic illness")
    SERIOUS = "serious", _("Serious illness")
    CARE = "care", _("Needs constant care")


class Disability(models.TextChoices):
    NONE = "", _("No disability")
    GRADE_1 = "1", _("Disability grade 1")
    GRADE_2 = "2", _("Disability grade 2")
    GRADE_3 = "3", _("Disability grade 3")
    GRADE_4 = "4", _("Disability grade 4")


class Schooling(models.TextChoices):
    NONE = "", _("Not in school")
    PRESCHOOL = "preschool", _("Kindergarten")
    PRIMARY = "primary", _("Primary school")
    JUNIOR = "junior", _("Junior secondary school")
    SENIOR = "senior", _("Senior secondary school")
    VOCATIONAL = "vocational", _("Vocational school")
    UNIVERSITY = "university", _("University or college")


class FamilyMember(models.Model):
    file = models.ForeignKey(HardshipFile, on_delete=models.CASCADE, related_name="family")
    relation = models.CharField(_("relation"), max_length=16, choices=Relation.choices)
    name = models.CharField(pgettext_lazy("hardship", "name"), max_length=64)
    id_number = EncryptedTextField(pgettext_lazy("hardship", "ID number"), blank=True)
    age = models.PositiveSmallIntegerField(_("age"))
    health = models.CharField(
        _("health"), max_length=16, choices=Health.choices, default=Health.HEALTHY
    )
    disability = models.CharField(
        _("disability"), max_length=2, choices=Disability.choices, blank=True, default=""
    )
    schooling = models.CharField(
        _("school stage"), max_length=16, choices=Schooling.choices, blank=True, default=""
    )
    school_or_employer = models.CharField(_("school or employer"), max_length=128, blank=True)
    annual_income = models.DecimalField(_("yearly income"), default=0, **MONEY)

    class Meta:
        verbose_name = _("family member")
        verbose_name_plural = _("family members")
        ordering = ["file", "id"]

    def __str__(self):
        return f"{self.get_relation_display()} {self.name}"

    @property
    def id_number_masked(self) -> str:
        return idnumber.mask(self.id_number)


class FileEvent(models.Model):
    """One move of the state machine; the worker's progress page is this list."""

    file = models.ForeignKey(HardshipFile, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("step"), max_length=16, choices=Action.choices)
    from_status = models.CharField(
        pgettext_lazy("hardship", "from"), max_length=16, choices=Status.choices, blank=True
    )
    to_status = models.CharField(
        pgettext_lazy("hardship", "to"), max_length=16, choices=Status.choices
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("hardship", "by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Empty for a command-line import."),
    )
    at = models.DateTimeField(pgettext_lazy("hardship", "time"), auto_now_add=True, db_index=True)
    note = models.TextField(pgettext_lazy("hardship", "note"), blank=True)
    on_behalf = on_behalf_field()

    class Meta:
        verbose_name = _("file event")
        verbose_name_plural = _("file events")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.file_id} {self.from_status}→{self.to_status}"


class HomeVisit(models.Model):
    file = models.ForeignKey(HardshipFile, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField(_("visited on"))
    visitors = models.CharField(_("who visited"), max_length=255)
    findings = models.TextField(pgettext_lazy("hardship", "findings"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("hardship", "recorded by"),
        on_delete=models.PROTECT,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("home visit")
        verbose_name_plural = _("home visits")
        ordering = ["-visited_on", "-id"]

    def __str__(self):
        return f"{self.file_id} {self.visited_on}"


class PublicNotice(models.Model):
    """The public notice (公示): the file cannot be approved before it ends, nor while an
    objection raised during it is unresolved."""

    file = models.ForeignKey(HardshipFile, on_delete=models.CASCADE, related_name="notices")
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on (last day)"))
    place = models.CharField(_("where it is posted"), max_length=255)
    text = models.TextField(
        _("what is published"),
        blank=True,
        help_text=_("Only what the worker agreed to when applying (consent)."),
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("started by"), on_delete=models.PROTECT
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("public notice")
        verbose_name_plural = _("public notices")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="notice_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.file_id} {self.starts_on}–{self.ends_on}"


class Objection(models.Model):
    notice = models.ForeignKey(PublicNotice, on_delete=models.CASCADE, related_name="objections")
    received_on = models.DateField(_("received on"))
    raised_by = models.CharField(_("raised by"), max_length=128, blank=True)
    content = models.TextField(_("objection"))
    resolution = models.TextField(_("how it was resolved"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("hardship", "recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["received_on", "id"]

    def __str__(self):
        return f"{self.notice_id} {self.received_on}"


class AttachmentKind(models.TextChoices):
    APPLICATION = "application", _("Application form")
    CONSENT = "consent", _("Signed consent to check family finances")
    VISIT_RECORD = "visit_record", _("Home-visit record")
    VISIT_PHOTO = "visit_photo", _("Home-visit photo")
    OTHER = "other", _("Other evidence")


def attachment_path(instance, filename: str) -> str:
    """Unguessable names under the file's folder; never served from MEDIA_URL."""
    suffix = Path(filename).suffix.lower()[:10]
    return f"hardship/{instance.file_id}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    file = models.ForeignKey(HardshipFile, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(
        pgettext_lazy("hardship", "kind"), max_length=16, choices=AttachmentKind.choices
    )
    upload = models.FileField(pgettext_lazy("hardship", "file"), upload_to=attachment_path)
    original_name = models.CharField(pgettext_lazy("hardship", "file name"), max_length=255)
    visit = models.ForeignKey(
        HomeVisit,
        verbose_name=_("home visit"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="photos",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("hardship", "uploaded by"),
        on_delete=models.PROTECT,
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.original_name


class CampaignKind(models.TextChoices):
    SPRING_FESTIVAL = "spring_festival", _("New Year and Spring Festival warmth")
    AUTUMN_SCHOOLING = "autumn_schooling", _("Golden autumn schooling aid")
    SUMMER_COOLING = "summer_cooling", _("Summer cooling")
    SPRING_JOBS = "spring_jobs", _("Spring jobs")
    WOMENS_DAY = "womens_day", _("Women's Day visits")
    CHILDRENS_DAY = "childrens_day", _("Children's Day visits")
    OTHER = "other", _("Other campaign")


class Audience(models.TextChoices):
    FILES = "files", _("Workers with an active hardship file")
    MEMBERS = "members", _("Every member the rule matches")


class Campaign(models.Model):
    """A seasonal campaign (两节送温暖, 金秋助学 …): a budget, recipients chosen by a rule
    and edited by hand, and what each received. The recipients are hardship files, or — for
    member-wide distributions (夏送清凉 to outdoor workers, 两节慰问 beyond the files) — any
    active member under the organising federation whom the rule matches."""

    name = models.CharField(pgettext_lazy("hardship", "name"), max_length=128)
    kind = models.CharField(
        pgettext_lazy("hardship", "kind"), max_length=24, choices=CampaignKind.choices
    )
    year = models.PositiveSmallIntegerField(_("year"))
    org = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("organised by"),
        on_delete=models.PROTECT,
        related_name="hardship_campaigns",
    )
    budget = models.DecimalField(_("budget"), **MONEY)
    aid_type = models.CharField(_("aid type"), max_length=16, choices=AidType.choices)
    funding_source = models.CharField(
        _("funding source"), max_length=16, choices=FundingSource.choices
    )
    default_amount = models.DecimalField(_("amount per recipient"), **MONEY)
    goods = models.CharField(_("goods given"), max_length=128, blank=True)
    rule = models.JSONField(_("recipient rule"), default=dict, blank=True)
    audience = models.CharField(
        _("recipients from"), max_length=8, choices=Audience.choices, default=Audience.FILES
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("hardship", "created by"),
        on_delete=models.PROTECT,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-year", "-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(budget__gte=0), name="campaign_budget_not_negative"),
            models.CheckConstraint(
                condition=Q(default_amount__gte=0), name="campaign_amount_not_negative"
            ),
        ]

    def __str__(self):
        return self.name


class CampaignRecipient(models.Model):
    """One member on a campaign's list: through their hardship file, or (a member-wide
    distribution) the member alone."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="recipients")
    member = models.ForeignKey(
        "orgs.Member",
        verbose_name=pgettext_lazy("hardship", "worker"),
        on_delete=models.PROTECT,
        related_name="campaign_entries",
    )
    file = models.ForeignKey(
        HardshipFile,
        verbose_name=pgettext_lazy("hardship", "file"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="campaign_entries",
    )
    planned_amount = models.DecimalField(_("planned amount"), **MONEY)
    by_rule = models.BooleanField(_("chosen by the rule"), default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), on_delete=models.PROTECT
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("campaign recipient")
        verbose_name_plural = _("campaign recipients")
        ordering = ["campaign", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "file"], name="one_entry_per_file_per_campaign"
            ),
            models.UniqueConstraint(
                fields=["campaign", "member"], name="one_entry_per_member_per_campaign"
            ),
        ]

    def __str__(self):
        return f"{self.campaign} · {self.member}"


class AidRecord(models.Model):
    """A payment or gift to a member: on their hardship file, or without one when a
    member-wide campaign gave it. One per campaign recipient, by constraint."""

    member = models.ForeignKey(
        "orgs.Member",
        verbose_name=pgettext_lazy("hardship", "worker"),
        on_delete=models.PROTECT,
        related_name="aid_received",
    )
    file = models.ForeignKey(
        HardshipFile,
        verbose_name=pgettext_lazy("hardship", "file"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aid",
    )
    aid_type = models.CharField(_("aid type"), max_length=16, choices=AidType.choices)
    amount = models.DecimalField(_("cash"), default=0, **MONEY)
    goods = models.CharField(_("goods"), max_length=128, blank=True)
    goods_value = models.DecimalField(_("value of the goods"), default=0, **MONEY)
    given_on = models.DateField(_("given on"))
    funding_source = models.CharField(
        _("funding source"), max_length=16, choices=FundingSource.choices
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aid",
    )
    recipient = models.OneToOneField(
        CampaignRecipient,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aid",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("hardship", "approved by"),
        on_delete=models.PROTECT,
    )
    over_limit = models.BooleanField(_("above the limit"), default=False)
    over_limit_reason = models.TextField(_("why above the limit"), blank=True)
    note = models.CharField(pgettext_lazy("hardship", "note"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("aid record")
        verbose_name_plural = _("aid records")
        ordering = ["-given_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0) & Q(goods_value__gte=0), name="aid_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0) | ~Q(goods=""), name="aid_is_money_or_goods"
            ),
            models.CheckConstraint(
                condition=Q(over_limit=False) | ~Q(over_limit_reason=""),
                name="aid_over_limit_has_reason",
            ),
            # Aid without a file only comes from a member-wide campaign's list.
            models.CheckConstraint(
                condition=Q(file__isnull=False) | Q(recipient__isnull=False),
                name="aid_on_a_file_or_a_campaign_list",
            ),
        ]
        indexes = [models.Index(fields=["given_on", "aid_type"])]

    def __str__(self):
        return f"{self.file_id} {self.aid_type} {self.amount}"

    @property
    def value(self):
        return self.amount + self.goods_value


class Pair(models.Model):
    """结对帮扶: a union cadre (a staff user) paired with a hardship worker's file."""

    cadre = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cadre"),
        on_delete=models.PROTECT,
        related_name="hardship_pairs",
    )
    file = models.ForeignKey(
        HardshipFile,
        verbose_name=pgettext_lazy("hardship", "file"),
        on_delete=models.PROTECT,
        related_name="pairs",
    )
    started_on = models.DateField(_("paired since"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("paired by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("pair")
        verbose_name_plural = _("pairs")
        ordering = ["started_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cadre", "file"],
                condition=Q(ended_on__isnull=True),
                name="one_current_pair_per_cadre_and_file",
            )
        ]

    def __str__(self):
        return f"{self.cadre} · {self.file.member}"


class VisitMode(models.TextChoices):
    HOME = "home", _("Home visit")
    WORKPLACE = "workplace", _("At the workplace")
    PHONE = "phone", _("Phone call")


class PairVisit(models.Model):
    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField(_("visited on"))
    mode = models.CharField(_("how"), max_length=16, choices=VisitMode.choices)
    content = models.TextField(_("what was done"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("hardship", "recorded by"),
        on_delete=models.PROTECT,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pair visit")
        verbose_name_plural = _("pair visits")
        ordering = ["-visited_on", "-id"]

    def __str__(self):
        return f"{self.pair_id} {self.visited_on}"
