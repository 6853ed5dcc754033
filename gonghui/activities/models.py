"""Activities, recuperation programmes and lotteries (普惠活动 · 疗休养 · 抽奖).

A programme (one activity, or a recuperation series) is made of batches; each batch's places
are split into quota pools (a town's or an industry union's, and the general pool that takes
what the others leave). Places are counted in the pool row (`taken`, raised only by a
conditional update), so a batch is never over its places whatever the number of requests;
one registration per member and programme is held by a unique constraint.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def new_code() -> str:
    """The code behind a registration's or a voucher's QR: 12 characters a person can type
    (no 0/O, 1/I)."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))


class Kind(models.TextChoices):
    ACTIVITY = "activity", pgettext_lazy("activities", "Activity")
    RECUPERATION = "recuperation", pgettext_lazy("activities", "Recuperation")


class Allocation(models.TextChoices):
    FIRST_COME = "first_come", _("First come, first served")
    DRAW = "draw", _("Fair draw when over-subscribed")


class Tag(models.TextChoices):
    """What the eligibility rules ask of a member beyond the registry (kept here: the member
    registry has no such flags)."""

    FRONTLINE = "frontline", _("Frontline worker")
    SANITATION = "sanitation", _("Sanitation worker")
    OUTDOOR = "outdoor", _("Outdoor worker")


class MemberTag(models.Model):
    member = models.ForeignKey(
        "orgs.Member", on_delete=models.CASCADE, related_name="activity_tags"
    )
    tag = models.CharField(_("tag"), max_length=16, choices=Tag.choices)

    class Meta:
        verbose_name = _("member tag")
        verbose_name_plural = _("member tags")
        constraints = [models.UniqueConstraint(fields=["member", "tag"], name="member_tag_once")]

    def __str__(self):
        return f"{self.member_id}:{self.tag}"


class Programme(models.Model):
    org = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=pgettext_lazy("activities", "organised by"),
        on_delete=models.PROTECT,
        related_name="activity_programmes",
    )
    kind = models.CharField(
        pgettext_lazy("activities", "kind"), max_length=16, choices=Kind.choices
    )
    title = models.CharField(pgettext_lazy("activities", "title"), max_length=128)
    description = models.TextField(_("description"), blank=True)
    opens_at = models.DateTimeField(_("registration opens"))
    closes_at = models.DateTimeField(_("registration closes"))
    allocation = models.CharField(
        _("allocation"), max_length=16, choices=Allocation.choices, default=Allocation.FIRST_COME
    )
    self_apply = models.BooleanField(_("members may apply themselves"), default=True)
    offer_hours = models.PositiveSmallIntegerField(_("hours to confirm an offer"), default=48)
    # The public value the draws of this programme will use, announced with the programme.
    seed_source = models.CharField(_("seed source"), max_length=255, blank=True)
    # Set once the over-subscribed pools were drawn (draw mode) or the unused quota released.
    allocated_at = models.DateTimeField(_("allocated at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="programme_window_ordered"
            )
        ]

    def __str__(self):
        return self.title


class Batch(models.Model):
    """A batch with its dates, place and places, and who may join (the rule, as data)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="batches")
    name = models.CharField(pgettext_lazy("activities", "name"), max_length=64)
    starts_on = models.DateField(pgettext_lazy("activities", "starts on"))
    ends_on = models.DateField(_("ends on"))
    place = models.CharField(_("place"), max_length=128)
    places = models.PositiveIntegerField(pgettext_lazy("activities", "places"))
    # The rule: members of this subtree, and each optional condition set.
    scope = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("open to members of"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    gender = models.CharField(pgettext_lazy("activities", "gender"), max_length=8, blank=True)
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    required_tag = models.CharField(
        _("only for"), max_length=16, choices=Tag.choices, blank=True, default=""
    )
    hardship_only = models.BooleanField(_("hardship file holders only"), default=False)
    not_served_years = models.PositiveSmallIntegerField(
        _("not served within (years)"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("batch")
        verbose_name_plural = _("batches")
        ordering = ["programme_id", "starts_on", "id"]

    def __str__(self):
        return f"{self.programme} · {self.name}"


class Pool(models.Model):
    """A batch's places for one town or industry union (`org`), or the general pool
    (`org` empty). `taken` counts places held (offered, confirmed, checked in, no-show)."""

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="pools")
    org = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("quota for"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    places = models.PositiveIntegerField(pgettext_lazy("activities", "places"))
    taken = models.PositiveIntegerField(_("taken"), default=0)
    # Places kept for members who redeem a coin voucher (gonghui.points): nobody applies into
    # this pool, it gives nothing to the general pool and takes no part in the draw.
    for_vouchers = models.BooleanField(default=False, editable=False)
    # Set when the pool's unused places went to the general pool.
    released_at = models.DateTimeField(null=True, blank=True)
    # The fair draw of an over-subscribed pool (draw mode).
    draw = models.OneToOneField(
        "draw.Draw", null=True, blank=True, on_delete=models.PROTECT, related_name="activity_pool"
    )

    class Meta:
        verbose_name = _("quota pool")
        verbose_name_plural = _("quota pools")
        ordering = ["batch_id", F("org_id").asc(nulls_last=True)]
        constraints = [
            models.CheckConstraint(condition=Q(taken__lte=F("places")), name="pool_not_over"),
            models.UniqueConstraint(fields=["batch", "org"], name="pool_once_per_org"),
            models.UniqueConstraint(
                fields=["batch"], condition=Q(org__isnull=True), name="pool_one_general"
            ),
        ]

    def __str__(self):
        return f"{self.batch_id}:{self.org_id or 'general'}"

    @property
    def left(self) -> int:
        return self.places - self.taken


class RegStatus(models.TextChoices):
    NOMINATED = "nominated", _("Nominated by the union")
    APPLIED = "applied", pgettext_lazy("activities", "Applied")
    OFFERED = "offered", _("Place offered")
    CONFIRMED = "confirmed", pgettext_lazy("activities", "Confirmed")
    CHECKED_IN = "checked_in", _("Checked in")
    DECLINED = "declined", pgettext_lazy("activities", "Declined")
    EXPIRED = "expired", _("Offer expired")
    NO_SHOW = "no_show", _("Did not come")
    CANCELLED = "cancelled", pgettext_lazy("activities", "Cancelled")
    REJECTED = "rejected", _("Nomination not approved")


# The statuses that hold a place of the pool.
HOLDING = (RegStatus.OFFERED, RegStatus.CONFIRMED, RegStatus.CHECKED_IN, RegStatus.NO_SHOW)


class Registration(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="registrations")
    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="registrations")
    pool = models.ForeignKey(Pool, on_delete=models.PROTECT, related_name="registrations")
    member = models.ForeignKey(
        "orgs.Member", on_delete=models.PROTECT, related_name="activity_registrations"
    )
    status = models.CharField(
        pgettext_lazy("activities", "status"), max_length=16, choices=RegStatus.choices
    )
    nominated_by = models.ForeignKey(
        "orgs.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The order of the waiting list: the draw's order (draw mode), else the application.
    rank = models.PositiveIntegerField(_("place in the waiting list"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer valid until"), null=True, blank=True)
    code = models.CharField(max_length=16, unique=True, default=new_code, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["batch_id", "rank", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "member"], name="one_registration_per_programme"
            )
        ]
        indexes = [models.Index(fields=["status", "offer_expires_at"])]

    def __str__(self):
        return self.code


class RegistrationEvent(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(pgettext_lazy("activities", "step"), max_length=16)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(max_length=255, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.registration_id}:{self.action}"


class Partner(models.Model):
    """A merchant or venue that redeems prize vouchers; its staff sign in with the role
    `partner` and see only its prizes."""

    org = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(pgettext_lazy("activities", "name"), max_length=128)
    users = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="activity_partners")

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.name


class Lottery(models.Model):
    org = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=pgettext_lazy("activities", "organised by"),
        on_delete=models.PROTECT,
        related_name="activity_lotteries",
    )
    title = models.CharField(pgettext_lazy("activities", "title"), max_length=128)
    opens_at = models.DateTimeField(_("entry opens"))
    closes_at = models.DateTimeField(_("entry closes"))
    voucher_days = models.PositiveSmallIntegerField(_("vouchers valid for (days)"), default=30)
    unclaimed_rule = models.CharField(
        _("rule for unclaimed prizes"),
        max_length=255,
        default=_("A voucher not redeemed in its validity passes to the next on the waiting list."),
    )
    # The fair draw (gonghui.draw) that orders the entries; its result fills the prizes.
    draw = models.OneToOneField(
        "draw.Draw", null=True, blank=True, on_delete=models.PROTECT, related_name="lottery"
    )
    drawn_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lottery")
        verbose_name_plural = _("lotteries")
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="lottery_window_ordered"
            )
        ]

    def __str__(self):
        return self.title


class Prize(models.Model):
    """A prize tier: `stock` vouchers, of which `redeemed` were used (conditional update:
    never above the stock)."""

    lottery = models.ForeignKey(Lottery, on_delete=models.CASCADE, related_name="prizes")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(pgettext_lazy("activities", "name"), max_length=64)
    stock = models.PositiveIntegerField(_("stock"))
    redeemed = models.PositiveIntegerField(_("redeemed"), default=0)
    value = models.DecimalField(_("value each"), max_digits=10, decimal_places=2, default=0)
    partner = models.ForeignKey(
        Partner, null=True, blank=True, on_delete=models.PROTECT, related_name="prizes"
    )

    class Meta:
        verbose_name = pgettext_lazy("activities", "prize")
        verbose_name_plural = pgettext_lazy("activities", "prizes")
        ordering = ["lottery_id", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(redeemed__lte=F("stock")), name="prize_stock_not_negative"
            ),
            models.UniqueConstraint(fields=["lottery", "position"], name="prize_position_once"),
            models.UniqueConstraint(fields=["lottery", "name"], name="prize_name_once"),
        ]

    def __str__(self):
        return self.name

    @property
    def left(self) -> int:
        return self.stock - self.redeemed


class EntryStatus(models.TextChoices):
    ENTERED = "entered", _("Entered")
    WON = "won", _("Won")
    NOT_WON = "not_won", _("Not won")
    WAITING = "waiting", _("On the waiting list")


class Entry(models.Model):
    lottery = models.ForeignKey(Lottery, on_delete=models.CASCADE, related_name="entries")
    member = models.ForeignKey(
        "orgs.Member", on_delete=models.PROTECT, related_name="lottery_entries"
    )
    status = models.CharField(
        pgettext_lazy("activities", "status"),
        max_length=16,
        choices=EntryStatus.choices,
        default=EntryStatus.ENTERED,
    )
    prize = models.ForeignKey(Prize, null=True, blank=True, on_delete=models.PROTECT)
    # The entrant number of the frozen list and the place in the draw order.
    number = models.PositiveIntegerField(null=True, blank=True)
    rank = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lottery entry")
        verbose_name_plural = _("lottery entries")
        ordering = ["lottery_id", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["lottery", "member"], name="one_entry_per_lottery")
        ]

    def __str__(self):
        return f"{self.lottery_id}:{self.member_id}"


class VoucherStatus(models.TextChoices):
    ISSUED = "issued", _("Valid")
    REDEEMED = "redeemed", _("Redeemed")
    EXPIRED = "expired", _("Expired unredeemed")


class Voucher(models.Model):
    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="vouchers")
    prize = models.ForeignKey(Prize, on_delete=models.PROTECT, related_name="vouchers")
    code = models.CharField(max_length=16, unique=True, default=new_code, editable=False)
    status = models.CharField(
        pgettext_lazy("activities", "status"),
        max_length=16,
        choices=VoucherStatus.choices,
        default=VoucherStatus.ISSUED,
    )
    valid_until = models.DateTimeField(_("valid until"))
    redeemed_at = models.DateTimeField(null=True, blank=True)
    redeemed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("voucher")
        verbose_name_plural = _("vouchers")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.code
