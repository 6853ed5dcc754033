from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    UNION_STAFF = "union_staff", _("Grassroots union staff")
    TOWN_STAFF = "town_staff", _("Town federation staff")
    COUNTY_REVIEWER = "county_reviewer", _("County reviewer")
    COUNTY_FINANCE = "county_finance", _("County finance")
    COUNTY_ADMIN = "county_admin", _("County administrator")
    AUDITOR = "auditor", _("Auditor")
    # A partner merchant's staff: redeems the vouchers of its own prizes, sees nothing else.
    PARTNER = "partner", _("Partner merchant staff")
    # An enterprise's union grid member (工会网格员, gonghui.grid): its enterprise's cases only.
    GRID_MEMBER = "grid_member", _("Union grid member")
    # A union lawyer (gonghui.grid): answers members' legal questions of the federation.
    LAWYER = "lawyer", _("Union lawyer")


class User(AbstractUser):
    """Staff belong to one organisation node and see its subtree; members sign in by SMS
    and are linked to their Member row (orgs.Member.user)."""

    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.MEMBER)
    org = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff_users",
    )
    display_name = models.CharField(_("display name"), max_length=64, blank=True)
    # Set when an administrator resets the password to a temporary one: every page sends the
    # user to the password change until they choose their own (accounts.middleware).
    must_change_password = models.BooleanField(_("must change the password"), default=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role="member") | models.Q(org__isnull=False),
                name="staff_user_has_org",
            )
        ]

    def __str__(self):
        return self.display_name or self.username


class SmsLoginCode(models.Model):
    """A one-time code a member receives by SMS to sign in. Only its hash is kept."""

    mobile = models.CharField(max_length=20, db_index=True)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    # The address that asked for it: codes per address are capped (SMS_CODE_MAX_PER_IP).
    ip = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("SMS sign-in code")
        verbose_name_plural = _("SMS sign-in codes")

    def __str__(self):
        return f"{self.mobile} {self.created_at:%Y-%m-%d %H:%M}"


class AccountEvent(models.Model):
    """What happened to a staff account's password: changed by its owner, or reset by an
    administrator of the owner's subtree (who, when, from where). Never the password."""

    class Action(models.TextChoices):
        PASSWORD_CHANGED = "password_changed", _("Changed their password")
        PASSWORD_RESET = "password_reset", _("Reset to a temporary password")

    user = models.ForeignKey(
        User, verbose_name=_("account"), on_delete=models.CASCADE, related_name="account_events"
    )
    actor = models.ForeignKey(
        User, verbose_name=_("done by"), on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(_("action"), max_length=32, choices=Action.choices)
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("account event")
        verbose_name_plural = _("account events")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} by {self.actor}"
