"""The points ledger and the coin catalogue (积分 · 乐巡币).

Every change of a member's points or coins is an `Entry` (earn, convert, redeem, refund,
expire, adjust) with a unique idempotency key; no entry is edited or deleted. The member's
`Account` row holds the running balance (the sums of the entries, proved equal by the tests),
is the row every write locks (`select_for_update`), and carries CHECK constraints so no
balance can go below zero whatever the concurrency.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def new_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))


class Account(models.Model):
    member = models.OneToOneField(
        "orgs.Member", on_delete=models.PROTECT, related_name="points_account"
    )
    points = models.IntegerField(pgettext_lazy("points", "points"), default=0)
    coins = models.IntegerField(pgettext_lazy("points", "coins"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("points", "points account")
        verbose_name_plural = pgettext_lazy("points", "points accounts")
        constraints = [
            models.CheckConstraint(condition=Q(points__gte=0), name="points_never_negative"),
            models.CheckConstraint(condition=Q(coins__gte=0), name="coins_never_negative"),
        ]

    def __str__(self):
        return f"{self.member_id}: {self.points}/{self.coins}"


class EntryKind(models.TextChoices):
    EARN = "earn", pgettext_lazy("points", "Earned")
    CONVERT = "convert", pgettext_lazy("points", "Converted")
    REDEEM = "redeem", pgettext_lazy("points", "Redeemed")
    REFUND = "refund", pgettext_lazy("points", "Refunded")
    EXPIRE = "expire", pgettext_lazy("points", "Expired")
    ADJUST = "adjust", pgettext_lazy("points", "Adjusted")


class Entry(models.Model):
    member = models.ForeignKey("orgs.Member", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(
        pgettext_lazy("points", "kind"), max_length=8, choices=EntryKind.choices
    )
    points = models.IntegerField(pgettext_lazy("points", "points"), default=0)
    coins = models.IntegerField(pgettext_lazy("points", "coins"), default=0)
    key = models.CharField(pgettext_lazy("points", "idempotency key"), max_length=128, unique=True)
    reason = models.CharField(pgettext_lazy("points", "reason"), max_length=255)
    source = models.CharField(pgettext_lazy("points", "source"), max_length=32, blank=True)
    source_id = models.BigIntegerField(null=True, blank=True)
    # For credits that lapse: the last day they count (expiry takes the oldest first).
    expires_on = models.DateField(pgettext_lazy("points", "expires on"), null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = pgettext_lazy("points", "ledger entry")
        verbose_name_plural = pgettext_lazy("points", "ledger entries")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["member", "created_at"])]

    def __str__(self):
        return self.key


class Rate(models.Model):
    """How many points make one coin, in a federation, from a date (versioned, never edited)."""

    federation = models.ForeignKey(
        "orgs.Organisation", on_delete=models.PROTECT, related_name="points_rates"
    )
    version = models.PositiveIntegerField(pgettext_lazy("points", "version"))
    points_per_coin = models.PositiveIntegerField(pgettext_lazy("points", "points per coin"))
    valid_from = models.DateField(pgettext_lazy("points", "valid from"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("points", "conversion rate")
        verbose_name_plural = pgettext_lazy("points", "conversion rates")
        ordering = ["-valid_from", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["federation", "version"], name="rate_version_once"),
            models.CheckConstraint(condition=Q(points_per_coin__gt=0), name="rate_positive"),
        ]

    def __str__(self):
        return f"v{self.version}: {self.points_per_coin}"


class AdjustStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("points", "Awaiting approval")
    APPLIED = "applied", pgettext_lazy("points", "Applied")
    REJECTED = "rejected", pgettext_lazy("points", "Rejected")


class Adjustment(models.Model):
    """A staff correction; above the threshold a second staff member must approve it."""

    member = models.ForeignKey("orgs.Member", on_delete=models.PROTECT, related_name="+")
    points = models.IntegerField(pgettext_lazy("points", "points"), default=0)
    coins = models.IntegerField(pgettext_lazy("points", "coins"), default=0)
    reason = models.CharField(pgettext_lazy("points", "reason"), max_length=255)
    status = models.CharField(max_length=8, choices=AdjustStatus.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("points", "adjustment")
        verbose_name_plural = pgettext_lazy("points", "adjustments")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.member_id}: {self.points}/{self.coins}"


class ProductKind(models.TextChoices):
    GOODS = "goods", pgettext_lazy("points", "Goods")
    VOUCHER = "voucher", pgettext_lazy("points", "Activity voucher")
    MUTUAL_AID = "mutual_aid", pgettext_lazy("points", "Mutual-aid product")


class Product(models.Model):
    org = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=pgettext_lazy("points", "offered by"),
        on_delete=models.PROTECT,
        related_name="points_products",
    )
    kind = models.CharField(
        pgettext_lazy("points", "kind"), max_length=16, choices=ProductKind.choices
    )
    name = models.CharField(pgettext_lazy("points", "name"), max_length=128)
    description = models.TextField(pgettext_lazy("points", "description"), blank=True)
    price = models.PositiveIntegerField(pgettext_lazy("points", "price in coins"))
    stock = models.IntegerField(pgettext_lazy("points", "stock"))
    per_member_limit = models.PositiveSmallIntegerField(
        pgettext_lazy("points", "limit per member"), default=1
    )
    valid_from = models.DateField(pgettext_lazy("points", "on sale from"))
    valid_until = models.DateField(pgettext_lazy("points", "on sale until"))
    order_valid_days = models.PositiveSmallIntegerField(_("days an order stays valid"), default=90)
    # An activity voucher: the batch and its pool reserved for vouchers.
    batch = models.ForeignKey(
        "activities.Batch", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    pool = models.ForeignKey(
        "activities.Pool", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    active = models.BooleanField(pgettext_lazy("points", "on sale"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = pgettext_lazy("points", "product")
        verbose_name_plural = pgettext_lazy("points", "products")
        ordering = ["valid_until", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(stock__gte=0), name="product_never_oversold"),
            models.CheckConstraint(
                condition=Q(valid_until__gte=F("valid_from")), name="product_validity_ordered"
            ),
        ]

    def __str__(self):
        return self.name


class OrderStatus(models.TextChoices):
    ISSUED = "issued", pgettext_lazy("points", "Issued")
    USED = "used", pgettext_lazy("points", "Used")
    EXPIRED = "expired", pgettext_lazy("points", "Expired")
    REFUNDED = "refunded", pgettext_lazy("points", "Refunded")


class Order(models.Model):
    member = models.ForeignKey("orgs.Member", on_delete=models.PROTECT, related_name="+")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="orders")
    code = models.CharField(max_length=16, unique=True, default=new_code)
    price = models.PositiveIntegerField(pgettext_lazy("points", "price in coins"))
    status = models.CharField(
        pgettext_lazy("points", "status"),
        max_length=8,
        choices=OrderStatus.choices,
        default=OrderStatus.ISSUED,
    )
    valid_until = models.DateField(pgettext_lazy("points", "valid until"))
    registration = models.ForeignKey(
        "activities.Registration",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # A mutual-aid product: the year of accident cover it gives.
    cover_from = models.DateField(pgettext_lazy("points", "cover from"), null=True, blank=True)
    cover_until = models.DateField(pgettext_lazy("points", "cover until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = pgettext_lazy("points", "order")
        verbose_name_plural = pgettext_lazy("points", "orders")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.code


class OrderEvent(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=8, blank=True)
    to_status = models.CharField(max_length=8)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.CharField(max_length=255, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.order_id}:{self.to_status}"
