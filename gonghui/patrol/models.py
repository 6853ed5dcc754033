"""Safety patrols (平安乐巡): routes of ordered checkpoints, daily slots with places, and the
patrols members grab (抢单) and walk.

A slot's places are counted in `Slot.taken`, raised only by a conditional UPDATE
(`taken < capacity`) and held below the capacity by a check constraint; a member's second
place in one slot is refused by a unique constraint; the K-a-day limit is counted while the
member's row is locked (select_for_update). A patrol keeps what the phone reported (position,
accuracy, time) only at the checkpoints it passed, and drops the positions after the
federation's retention period, keeping whether each checkpoint was passed.
"""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.core.proxy import on_behalf_field

DEFAULT_SLOTS = [["08:00", "10:00"], ["14:00", "16:00"], ["19:00", "21:00"]]


def new_code() -> str:
    """The code of a checkpoint's QR tag: 8 characters a person can type (no 0/O, 1/I)."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(8))


def default_slots():
    return [list(pair) for pair in DEFAULT_SLOTS]


class Rules(models.Model):
    """The federation's parameters of the patrol service (one row per federation; without a
    row the defaults of the spec apply)."""

    federation = models.OneToOneField(
        "orgs.Organisation", on_delete=models.CASCADE, related_name="patrol_rules"
    )
    slot_times = models.JSONField(_("daily slots"), default=default_slots)
    capacity = models.PositiveSmallIntegerField(_("patrollers per slot"), default=5)
    open_days = models.PositiveSmallIntegerField(_("sign-up opens days ahead"), default=3)
    free_cancel_hours = models.PositiveSmallIntegerField(
        _("free cancellation until hours before"), default=3
    )
    per_day = models.PositiveSmallIntegerField(_("slots a member may hold a day"), default=1)
    no_show_limit = models.PositiveSmallIntegerField(_("no-shows before a lock"), default=2)
    no_show_days = models.PositiveSmallIntegerField(_("no-shows counted over days"), default=30)
    lock_days = models.PositiveSmallIntegerField(_("lock lasts days"), default=14)
    retention_days = models.PositiveSmallIntegerField(_("positions kept days"), default=180)
    min_share = models.PositiveSmallIntegerField(
        _("shortest patrol, per cent of the expected duration"), default=80
    )

    class Meta:
        verbose_name = _("patrol rules")
        verbose_name_plural = _("patrol rules")

    def __str__(self):
        return str(self.federation_id)


class Route(models.Model):
    org = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=pgettext_lazy("patrol", "organised by"),
        on_delete=models.PROTECT,
        related_name="patrol_routes",
    )
    name = models.CharField(pgettext_lazy("patrol", "name"), max_length=64)
    area = models.CharField(_("area (town or street)"), max_length=64, blank=True)
    expected_minutes = models.PositiveSmallIntegerField(_("expected minutes"), default=120)
    points = models.PositiveSmallIntegerField(pgettext_lazy("patrol", "points"), default=20)
    auto_approve = models.BooleanField(_("approve complete patrols automatically"), default=False)
    active = models.BooleanField(pgettext_lazy("patrol", "active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("patrol route")
        verbose_name_plural = _("patrol routes")
        ordering = ["org__path", "name", "id"]
        constraints = [models.UniqueConstraint(fields=["org", "name"], name="patrol_route_name")]

    def __str__(self):
        return self.name

    @property
    def expected(self) -> datetime.timedelta:
        return datetime.timedelta(minutes=self.expected_minutes)


class Checkpoint(models.Model):
    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="checkpoints")
    position = models.PositiveSmallIntegerField(pgettext_lazy("patrol", "order"))
    name = models.CharField(pgettext_lazy("patrol", "name"), max_length=64)
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    lng = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    radius = models.PositiveSmallIntegerField(_("radius (metres)"), default=100)
    code = models.CharField(_("QR code"), max_length=16, unique=True, default=new_code)

    class Meta:
        verbose_name = _("checkpoint")
        verbose_name_plural = _("checkpoints")
        ordering = ["route_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["route", "position"], name="checkpoint_order_once"),
            models.CheckConstraint(
                condition=Q(lat__gte=-90, lat__lte=90, lng__gte=-180, lng__lte=180),
                name="checkpoint_on_earth",
            ),
        ]

    def __str__(self):
        return f"{self.position}. {self.name}"


class Slot(models.Model):
    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="slots")
    date = models.DateField(pgettext_lazy("patrol", "date"))
    starts_at = models.DateTimeField(pgettext_lazy("patrol", "starts at"))
    ends_at = models.DateTimeField(pgettext_lazy("patrol", "ends at"))
    capacity = models.PositiveSmallIntegerField(pgettext_lazy("patrol", "places"))
    taken = models.PositiveSmallIntegerField(pgettext_lazy("patrol", "taken"), default=0)

    class Meta:
        verbose_name = _("patrol slot")
        verbose_name_plural = _("patrol slots")
        ordering = ["starts_at", "route_id"]
        constraints = [
            models.CheckConstraint(condition=Q(taken__lte=F("capacity")), name="slot_not_over"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="slot_ordered"),
            models.UniqueConstraint(fields=["route", "starts_at"], name="slot_once"),
        ]

    def __str__(self):
        return f"{self.route_id}@{self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def left(self) -> int:
        return self.capacity - self.taken


class Status(models.TextChoices):
    HELD = "held", _("Place held")
    CANCELLED = "cancelled", pgettext_lazy("patrol", "Cancelled")
    LATE_CANCELLED = "late_cancelled", _("Cancelled late (counts as a no-show)")
    NO_SHOW = "no_show", _("Did not patrol")
    STARTED = "started", _("Patrolling")
    REVIEW = "review", pgettext_lazy("patrol", "Waiting for review")
    APPROVED = "approved", pgettext_lazy("patrol", "Approved")
    REJECTED = "rejected", pgettext_lazy("patrol", "Not approved")


# Statuses that hold a place of the slot; those that count as a no-show.
HOLDING = (Status.HELD, Status.STARTED, Status.REVIEW, Status.APPROVED, Status.REJECTED)
NO_SHOWS = (Status.NO_SHOW, Status.LATE_CANCELLED)
RELEASED = (Status.CANCELLED, Status.LATE_CANCELLED)


class Patrol(models.Model):
    """A member's place in a slot (抢单) and the patrol walked in it."""

    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="patrols")
    route = models.ForeignKey(Route, on_delete=models.PROTECT, related_name="patrols")
    member = models.ForeignKey("orgs.Member", on_delete=models.PROTECT, related_name="patrols")
    day = models.DateField(pgettext_lazy("patrol", "date"))
    status = models.CharField(
        pgettext_lazy("patrol", "status"), max_length=16, choices=Status.choices
    )
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    reasons = models.JSONField(_("reasons for review"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("patrol")
        verbose_name_plural = _("patrols")
        ordering = ["-day", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "member"],
                condition=~Q(status__in=["cancelled", "late_cancelled"]),
                name="patrol_once_per_slot",
            )
        ]
        indexes = [
            models.Index(fields=["member", "day"]),
            models.Index(fields=["status", "day"]),
        ]

    def __str__(self):
        return f"XL{self.pk:06d}"

    @property
    def reference(self) -> str:
        return str(self)

    @property
    def minutes(self) -> int:
        if self.started_at and self.finished_at:
            return int((self.finished_at - self.started_at).total_seconds() // 60)
        return 0


class Pass(models.Model):
    """A checkpoint passed: what the phone reported there (position, accuracy, its time) or
    the QR tag scanned, and an optional photo. Positions are dropped after the retention
    period (`dropped_at`); `passed` stays."""

    class Method(models.TextChoices):
        GPS = "gps", _("Position")
        QR = "qr", _("QR tag")

    patrol = models.ForeignKey(Patrol, on_delete=models.CASCADE, related_name="passes")
    checkpoint = models.ForeignKey(Checkpoint, on_delete=models.PROTECT, related_name="+")
    method = models.CharField(max_length=8, choices=Method.choices)
    lat = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    lng = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    accuracy = models.PositiveIntegerField(_("accuracy (metres)"), null=True, blank=True)
    distance = models.PositiveIntegerField(_("distance (metres)"), null=True, blank=True)
    reported_at = models.DateTimeField(_("time on the phone"), null=True, blank=True)
    photo = models.FileField(upload_to="patrol/%Y/%m/", blank=True)
    at = models.DateTimeField(auto_now_add=True)
    dropped_at = models.DateTimeField(_("positions dropped at"), null=True, blank=True)

    class Meta:
        verbose_name = _("checkpoint passed")
        verbose_name_plural = _("checkpoints passed")
        ordering = ["patrol_id", "checkpoint__position"]
        constraints = [
            models.UniqueConstraint(fields=["patrol", "checkpoint"], name="pass_once"),
        ]

    def __str__(self):
        return f"{self.patrol_id}:{self.checkpoint_id}"

    @property
    def located(self) -> bool:
        return self.lat is not None or self.dropped_at is not None


class Event(models.Model):
    patrol = models.ForeignKey(Patrol, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(pgettext_lazy("patrol", "step"), max_length=16)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    on_behalf = on_behalf_field()
    note = models.CharField(max_length=255, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.patrol_id}:{self.action}"
