"""Craftsman and model-worker evaluation (工匠评选 · 赋分): schemes with versioned points rules,
applications with evidence lines and event rows, expert scores, the frozen ranking, public
notice with objections, and titles. Fields, choices and constraints only: writes live in
services.py, the points rules in scoring/."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

POINTS = {"max_digits": 7, "decimal_places": 1}


class Title(models.TextChoices):
    CRAFTSMAN = "craftsman", _("Craftsman")
    MODEL_WORKER = "model_worker", _("Model industrial worker")


class PoolBy(models.TextChoices):
    NONE = "none", _("One total quota")
    TOWN = "town", _("Pools per town")
    INDUSTRY = "industry", _("Pools per industry")


class SchemeStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("craftsman scheme", "Open for applications")
    RANKED = "ranked", _("Ranking frozen")
    NOTICE = "notice", pgettext_lazy("craftsman", "On public notice")
    NAMED = "named", _("Titles named")


class Scheme(models.Model):
    """One evaluation per federation, year and title (e.g. 2021 路桥工匠, quota 200)."""

    federation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=pgettext_lazy("craftsman", "federation"),
        on_delete=models.PROTECT,
        related_name="craftsman_schemes",
    )
    year = models.PositiveSmallIntegerField(pgettext_lazy("craftsman", "year"))
    title = models.CharField(
        pgettext_lazy("craftsman", "title"), max_length=16, choices=Title.choices
    )
    name = models.CharField(pgettext_lazy("craftsman", "name"), max_length=128)
    quota = models.PositiveIntegerField(_("quota"))
    pool_by = models.CharField(
        _("quota split"), max_length=8, choices=PoolBy.choices, default=PoolBy.NONE
    )
    notice_days = models.PositiveSmallIntegerField(_("public notice days"), default=7)
    title_years = models.PositiveSmallIntegerField(_("years the title lasts"), default=3)
    status = models.CharField(
        pgettext_lazy("craftsman", "status"),
        max_length=8,
        choices=SchemeStatus.choices,
        default=SchemeStatus.OPEN,
    )
    ranked_at = models.DateTimeField(_("ranking frozen at"), null=True, blank=True)
    notice_ends = models.DateField(_("public notice ends"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation scheme")
        verbose_name_plural = _("evaluation schemes")
        ordering = ["-year", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["federation", "year", "title"], name="craftsman_one_scheme_per_year_title"
            )
        ]

    def __str__(self):
        return self.name


class Pool(models.Model):
    """A share of the quota for one town (its organisation id) or industry (its name)."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="pools")
    key = models.CharField(_("town or industry"), max_length=64)
    label = models.CharField(pgettext_lazy("craftsman", "name"), max_length=128)
    places = models.PositiveIntegerField(pgettext_lazy("craftsman", "places"))

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "key"], name="craftsman_one_pool_per_key")
        ]

    def __str__(self):
        return f"{self.label}: {self.places}"


class RulesVersion(models.Model):
    """The GH-SCORE-1 rules as data. Editable until the first application is scored under it
    (`frozen_at`); a later change is a new version with a reason, applications keep theirs."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(pgettext_lazy("craftsman", "version"))
    rules = models.JSONField(_("rules"))
    reason = models.CharField(
        pgettext_lazy("craftsman", "reason for the change"), max_length=255, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    frozen_at = models.DateTimeField(pgettext_lazy("craftsman", "frozen at"), null=True, blank=True)

    class Meta:
        ordering = ["scheme", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "number"], name="craftsman_version_number")
        ]

    def __str__(self):
        return f"{self.scheme} v{self.number}"


class Status(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("craftsman", "Submitted")
    UNION_CHECKED = "union_checked", _("Checked by the union")
    TOWN_CHECKED = "town_checked", _("Qualified, with the expert committee")
    REFUSED = "refused", _("Not qualified")
    SELECTED = "selected", _("Selected in the ranking")
    NOT_SELECTED = "not_selected", _("Not selected")
    ON_NOTICE = "on_notice", pgettext_lazy("craftsman", "On public notice")
    NAMED = "named", _("Named")
    WITHDRAWN = "withdrawn", _("Withdrawn after the notice")


class Action(models.TextChoices):
    APPLY = "apply", pgettext_lazy("craftsman", "Apply")
    UNION_CHECK = "union_check", _("Qualification check by the union")
    TOWN_CHECK = "town_check", _("Qualification check by the town")
    REFUSE = "refuse", _("Refuse: not qualified")
    REFUSE_LINE = "refuse_line", _("Refuse an evidence line")
    APPEAL = "appeal", _("Appeal a refused line")
    DECIDE_APPEAL = "decide_appeal", _("Decide the appeal")
    ADJUST = "adjust", _("Committee adjustment")
    RANK = "rank", _("Selected in the frozen ranking")
    RANK_OUT = "rank_out", _("Not selected in the frozen ranking")
    START_NOTICE = "start_notice", _("Start the public notice")
    NAME = "name", _("Name the title")
    WITHDRAW = "withdraw", _("Withdraw after an objection")


class Channel(models.TextChoices):
    PHONE = "phone", pgettext_lazy("craftsman", "Worker on the phone")
    UNION = "union", _("By the enterprise's union (代办)")


class Application(models.Model):
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="applications")
    version = models.ForeignKey(RulesVersion, on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(
        "orgs.Member", on_delete=models.PROTECT, related_name="craftsman_applications"
    )
    union = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    enterprise = models.ForeignKey(
        "orgs.Enterprise", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pool = models.CharField(_("pool"), max_length=64, blank=True)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    service_years = models.DecimalField(_("service years"), **POINTS)
    applied_at = models.DateTimeField(_("applied at"))
    consent_notice = models.BooleanField(_("agrees to the public notice"), default=False)
    status = models.CharField(
        pgettext_lazy("craftsman", "status"), max_length=16, choices=Status.choices
    )
    # The engine's last result, kept for lists and the ranking (recomputed on each change).
    score = models.DecimalField(_("score"), null=True, blank=True, **POINTS)
    eligible = models.BooleanField(default=True)
    reason = models.CharField(_("reason"), max_length=16, blank=True)
    direct = models.BooleanField(_("directly recognised"), default=False)
    level = models.CharField(pgettext_lazy("craftsman", "level"), max_length=32, blank=True)
    sections = models.JSONField(default=dict)
    trace = models.JSONField(default=list)
    adjustment = models.DecimalField(_("committee adjustment"), default=0, **POINTS)
    adjustment_reason = models.CharField(_("reason for the adjustment"), max_length=255, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("craftsman", "application")
        verbose_name_plural = _("applications")
        ordering = ["-applied_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "member"], name="craftsman_one_application")
        ]

    def __str__(self):
        return f"{self.scheme} · {self.member}"


class Line(models.Model):
    """One evidence line: item, date, certificate number, quantity, an uploaded file."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="lines")
    number = models.PositiveSmallIntegerField()
    item = models.CharField(_("item"), max_length=64)
    date = models.DateField(pgettext_lazy("craftsman", "date"))
    ref = models.CharField(_("certificate number"), max_length=64, blank=True)
    quantity = models.PositiveSmallIntegerField(_("quantity"), default=1)
    upload = models.CharField(max_length=255, blank=True)  # encrypted at rest (core.filecrypt)
    upload_name = models.CharField(
        pgettext_lazy("craftsman", "file name"), max_length=255, blank=True
    )
    contest_result = models.ForeignKey(
        "ContestResult", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A reviewer's refusal (the line then leaves the engine's input) and the engine's own.
    refused_reason = models.CharField(_("refused because"), max_length=255, blank=True)
    refused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    engine_reason = models.CharField(max_length=16, blank=True)
    points = models.DecimalField(default=0, **POINTS)

    class Meta:
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(fields=["application", "number"], name="craftsman_line_number"),
            models.CheckConstraint(
                condition=Q(quantity__gte=1), name="craftsman_quantity_positive"
            ),
        ]

    def __str__(self):
        return f"{self.application_id}#{self.number} {self.item}"


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


class Appeal(models.Model):
    """A member's one appeal against a refused line, decided by someone other than the refuser."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="appeal")
    line = models.ForeignKey(Line, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(auto_now_add=True)
    upheld = models.BooleanField(null=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decision_note = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.application_id} appeal"


class Expert(models.Model):
    """A member of the scheme's expert committee; `enterprise` is where they work (conflict)."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="experts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    enterprise = models.ForeignKey(
        "orgs.Enterprise", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scheme", "user"], name="craftsman_one_expert_seat")
        ]

    def __str__(self):
        return str(self.user)


class ExpertScore(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="scores")
    adjustment = models.DecimalField(_("proposed adjustment"), **POINTS)
    comment = models.TextField(_("comment"))
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "expert"], name="craftsman_one_review")
        ]

    def __str__(self):
        return f"{self.application_id} {self.expert_id}: {self.adjustment}"


class RankingEntry(models.Model):
    """The federation's ranking, frozen as a snapshot when it is decided."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="ranking")
    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="rank")
    position = models.PositiveIntegerField()
    pool = models.CharField(max_length=64, blank=True)
    pool_rank = models.PositiveIntegerField(null=True, blank=True)
    selected = models.BooleanField()
    score = models.DecimalField(**POINTS)
    direct = models.BooleanField()

    class Meta:
        ordering = ["scheme", "position"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "position"], name="craftsman_rank_position")
        ]

    def __str__(self):
        return f"{self.scheme_id} #{self.position}"


class Objection(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="objections"
    )
    text = models.TextField(pgettext_lazy("craftsman", "objection"))
    contact = models.CharField(_("contact"), max_length=64, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.application_id} objection"


class HonourLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCIAL = "provincial", _("Provincial")
    CITY = "city", _("City")
    COUNTY = "county", _("County or district")


class Honour(models.Model):
    """A title named (or an honour archived): the one place other services ask whether a
    member holds title X on date D (selectors.holds_title)."""

    member = models.ForeignKey(
        "orgs.Member", on_delete=models.PROTECT, null=True, blank=True, related_name="honours"
    )
    holder_name = models.CharField(_("holder"), max_length=128)
    collective = models.BooleanField(_("collective (e.g. 工人先锋号)"), default=False)
    title = models.CharField(
        pgettext_lazy("craftsman", "title"), max_length=16, choices=Title.choices, blank=True
    )
    # The honour as awarded (全国劳动模范, 浙江省五一劳动奖章, 工人先锋号…) and its level;
    # a title named here by a scheme carries the scheme's title instead.
    name = models.CharField(_("honour"), max_length=128, blank=True)
    level = models.CharField(
        pgettext_lazy("craftsman", "level"),
        max_length=12,
        choices=HonourLevel.choices,
        default="county",
    )
    year = models.PositiveSmallIntegerField(pgettext_lazy("craftsman", "year"))
    federation = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, null=True, blank=True, related_name="honour"
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(
        pgettext_lazy("craftsman", "valid until"), null=True, blank=True
    )  # None: for life
    # The certificate as issued (gonghui.documents: QR to /v/<code>/, revoked with the title).
    certificate = models.OneToOneField(
        "documents.IssuedDocument",
        verbose_name=pgettext_lazy("craftsman", "certificate"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoke_reason = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-year", "holder_name"]

    def __str__(self):
        return f"{self.holder_name} {self.year} {self.title}"


class Contest(models.Model):
    federation = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(pgettext_lazy("craftsman", "name"), max_length=128)
    trade = models.CharField(_("trade"), max_length=64)
    level = models.CharField(
        pgettext_lazy("craftsman", "level"), max_length=8
    )  # county / city / province
    date = models.DateField(pgettext_lazy("craftsman", "date"))
    organiser = models.CharField(_("organiser"), max_length=128)

    class Meta:
        ordering = ["-date", "name"]

    def __str__(self):
        return self.name


class ContestResult(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="results")
    member = models.ForeignKey("orgs.Member", on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveIntegerField(null=True, blank=True)
    prize = models.CharField(pgettext_lazy("craftsman", "prize"), max_length=32, blank=True)
    item = models.CharField(_("scoring item"), max_length=64, blank=True)
    certificate = models.CharField(_("certificate number"), max_length=64, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contest", "member"], name="craftsman_one_result")
        ]

    def __str__(self):
        return f"{self.contest_id} {self.member_id} {self.prize}"
