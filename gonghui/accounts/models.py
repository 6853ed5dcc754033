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
