"""Sign-in: members by mobile + one-time SMS code; staff by password (+ TOTP for the roles
that see full sensitive data, handled by django-otp in the views); staff passwords changed by their owner or reset by an
administrator of their subtree."""

import datetime
import hashlib
import hmac
import logging
import math
import secrets

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts import roles
from gonghui.accounts.models import AccountEvent, Role, SmsLoginCode, User
from gonghui.core.locks import hold_until_commit
from gonghui.notify.services import sms_send
from gonghui.orgs.models import Member, MemberStatus
from gonghui.orgs.services import normalize_mobile

logger = logging.getLogger(__name__)


def _hash_code(mobile: str, code: str) -> str:
    return hmac.new(
        settings.SECRET_KEY.encode(), f"{mobile}:{code}".encode(), hashlib.sha256
    ).hexdigest()


def _member_for_mobile(mobile: str) -> Member:
    members = list(Member.objects.filter(mobile=mobile, status=MemberStatus.ACTIVE)[:2])
    if not members:
        raise ValidationError(
            _(
                "This mobile number is not registered with any union. Please ask your union to add it."
            ),
            code="unknown_mobile",
        )
    if len(members) > 1:
        raise ValidationError(
            _("Several members share this mobile number. Please ask your union to correct it."),
            code="shared_mobile",
        )
    return members[0]


def _minutes_until(moment: datetime.datetime, now: datetime.datetime) -> int:
    return max(1, math.ceil((moment - now).total_seconds() / 60))


def _check_ip_cap(ip: str | None, now: datetime.datetime) -> None:
    """A factory's workers share one address: a cap per address, not a refusal of it."""
    if not ip:
        return
    window = datetime.timedelta(seconds=settings.SMS_CODE_IP_WINDOW_SECONDS)
    recent = SmsLoginCode.objects.filter(ip=ip, created_at__gt=now - window).order_by("created_at")
    if recent.count() >= settings.SMS_CODE_MAX_PER_IP:
        raise ValidationError(
            _(
                "Too many codes have been asked for from this network. Please try again in "
                "%(minutes)d minutes, or ask your union."
            )
            % {"minutes": _minutes_until(recent.first().created_at + window, now)},
            code="ip_limit",
        )


def _check_mobile_caps(mobile: str, now: datetime.datetime) -> None:
    """As the carriers cap verification SMS: one a minute, a few an hour, some more a day."""
    codes = SmsLoginCode.objects.filter(mobile=mobile)
    resend = datetime.timedelta(seconds=settings.SMS_CODE_RESEND_SECONDS)
    if codes.filter(created_at__gt=now - resend).exists():
        raise ValidationError(
            _("A code was sent less than a minute ago. Please wait before asking again."),
            code="too_soon",
        )
    hour = codes.filter(created_at__gt=now - datetime.timedelta(hours=1)).order_by("created_at")
    if hour.count() >= settings.SMS_CODE_MAX_PER_HOUR:
        raise ValidationError(
            _(
                "This number has had %(count)d codes in the last hour. Please try again in "
                "%(minutes)d minutes."
            )
            % {
                "count": settings.SMS_CODE_MAX_PER_HOUR,
                "minutes": _minutes_until(
                    hour.first().created_at + datetime.timedelta(hours=1), now
                ),
            },
            code="hour_limit",
        )
    day = codes.filter(created_at__gt=now - datetime.timedelta(days=1))
    if day.count() >= settings.SMS_CODE_MAX_PER_DAY:
        raise ValidationError(
            _(
                "This number has had %(count)d codes in the last 24 hours. Please try again "
                "tomorrow, or ask your union."
            )
            % {"count": settings.SMS_CODE_MAX_PER_DAY},
            code="day_limit",
        )


@transaction.atomic
def sms_code_request(*, mobile: str, ip: str | None = None) -> SmsLoginCode:
    """Send a sign-in code, within the caps per address and per number. The caps count
    codes in the database, so they hold across web processes."""
    mobile = normalize_mobile(mobile)
    if not mobile:
        raise ValidationError(_("Please enter your mobile number."), code="empty")
    hold_until_commit(*([f"sms-code-ip:{ip}"] if ip else []), f"sms-code-mobile:{mobile}")
    now = timezone.now()
    _check_ip_cap(ip, now)
    member = _member_for_mobile(mobile)
    _check_mobile_caps(mobile, now)
    code = f"{secrets.randbelow(1_000_000):06d}"
    login_code = SmsLoginCode.objects.create(
        mobile=mobile,
        code_hash=_hash_code(mobile, code),
        expires_at=now + datetime.timedelta(seconds=settings.SMS_CODE_TTL_SECONDS),
        ip=ip,
    )
    minutes = settings.SMS_CODE_TTL_SECONDS // 60
    sms_send(
        mobile=mobile,
        kind="login_code",
        member=member,
        text=_("Your sign-in code is %(code)s, valid for %(minutes)d minutes. Do not share it.")
        % {"code": code, "minutes": minutes},
        secret=code,
    )
    return login_code


def sms_code_is_current(*, mobile: str, code: str) -> bool:
    """Whether the code is the number's newest one, unused and unexpired (for demo_sms_code,
    which must print nothing stale)."""
    login_code = (
        SmsLoginCode.objects.filter(
            mobile=mobile, used_at__isnull=True, expires_at__gt=timezone.now()
        )
        .order_by("-created_at")
        .first()
    )
    return login_code is not None and hmac.compare_digest(
        login_code.code_hash, _hash_code(mobile, code)
    )


def sms_code_verify(*, mobile: str, code: str) -> User:
    """Check the newest unused code for the mobile; return the member's user account,
    creating it on the first sign-in."""
    mobile = normalize_mobile(mobile)
    user = _consume_code(mobile, code.strip())
    if user is None:
        raise ValidationError(
            _("The code is wrong or has expired. Please ask for a new one."), code="bad_code"
        )
    return user


@transaction.atomic
def _consume_code(mobile: str, code: str) -> User | None:
    """None on a wrong code; the failed attempt is committed (it counts towards the lock)."""
    login_code = (
        SmsLoginCode.objects.select_for_update()
        .filter(mobile=mobile, used_at__isnull=True, expires_at__gt=timezone.now())
        .order_by("-created_at")
        .first()
    )
    if login_code is None or login_code.attempts >= settings.SMS_CODE_MAX_ATTEMPTS:
        return None
    if not hmac.compare_digest(login_code.code_hash, _hash_code(mobile, code)):
        login_code.attempts += 1
        login_code.save(update_fields=["attempts"])
        return None
    login_code.used_at = timezone.now()
    login_code.save(update_fields=["used_at"])
    member = _member_for_mobile(mobile)
    if member.user_id is None:
        user = User.objects.create(
            username=f"m{member.pk}", role=Role.MEMBER, display_name=member.name
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        member.user = user
        member.save(update_fields=["user"])
    return member.user


# --- staff passwords ------------------------------------------------------------------------

# No 0/O, 1/l/I: a temporary password is read out or copied by hand.
TEMPORARY_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@transaction.atomic
def password_change(
    *, actor: User, old_password: str, new_password: str, ip: str | None = None
) -> User:
    """The signed-in staff member chooses a new password (Django's validators, issue 11's
    rules); this ends a forced change after a reset."""
    if not actor.check_password(old_password):
        raise ValidationError(
            {"old_password": _("The current password is wrong.")}, code="wrong_password"
        )
    if new_password == old_password:
        raise ValidationError(
            {"new_password": _("Choose a password different from the current one.")},
            code="same_password",
        )
    try:
        validate_password(new_password, actor)
    except ValidationError as exc:
        raise ValidationError({"new_password": exc.messages}, code="weak_password") from exc
    actor.set_password(new_password)
    actor.must_change_password = False
    actor.save(update_fields=["password", "must_change_password"])
    AccountEvent.objects.create(
        user=actor, actor=actor, action=AccountEvent.Action.PASSWORD_CHANGED, ip_address=ip
    )
    return actor


def _temporary_password(user: User) -> str:
    """Three groups of four (k7Pm-x3Qa-9Rtw): about 70 bits, easy to read out, and within
    the validators like any password."""
    while True:
        groups = ("".join(secrets.choice(TEMPORARY_ALPHABET) for _ in range(4)) for _ in range(3))
        password = "-".join(groups)
        try:
            validate_password(password, user)
        except ValidationError:
            continue
        return password


@transaction.atomic
def password_reset(*, actor: User, user: User, ip: str | None = None) -> str:
    """An administrator of the user's subtree sets a temporary password, returned once to be
    handed over; the user must change it at the next sign-in. Their sessions end (Django
    ties a session to the password) and a lock-out after wrong guesses is lifted."""
    if not roles.can_reset_password(actor, user):
        raise PermissionDenied(_("You may not reset this account's password."))
    temporary = _temporary_password(user)
    user.set_password(temporary)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    AccountEvent.objects.create(
        user=user, actor=actor, action=AccountEvent.Action.PASSWORD_RESET, ip_address=ip
    )
    axes_reset(username=user.get_username())
    logger.info("user %s password reset by user %s", user.pk, actor.pk)
    return temporary
