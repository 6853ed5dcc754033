"""Sign-in: members by mobile + one-time SMS code; staff by password (+ TOTP for county roles,
handled by django-otp in the views)."""

import datetime
import hashlib
import hmac
import math
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import Role, SmsLoginCode, User
from gonghui.core.locks import hold_until_commit
from gonghui.notify.services import sms_send
from gonghui.orgs.models import Member, MemberStatus
from gonghui.orgs.services import normalize_mobile


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
