"""Sign-in: members by mobile + one-time SMS code; staff by password (+ TOTP for county roles,
handled by django-otp in the views)."""

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import Role, SmsLoginCode, User
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


@transaction.atomic
def sms_code_request(*, mobile: str) -> SmsLoginCode:
    mobile = normalize_mobile(mobile)
    if not mobile:
        raise ValidationError(_("Please enter your mobile number."), code="empty")
    member = _member_for_mobile(mobile)
    now = timezone.now()
    recent = SmsLoginCode.objects.filter(
        mobile=mobile,
        created_at__gt=now - datetime.timedelta(seconds=settings.SMS_CODE_RESEND_SECONDS),
    )
    if recent.exists():
        raise ValidationError(
            _("A code was sent less than a minute ago. Please wait before asking again."),
            code="too_soon",
        )
    code = f"{secrets.randbelow(1_000_000):06d}"
    login_code = SmsLoginCode.objects.create(
        mobile=mobile,
        code_hash=_hash_code(mobile, code),
        expires_at=now + datetime.timedelta(seconds=settings.SMS_CODE_TTL_SECONDS),
    )
    minutes = settings.SMS_CODE_TTL_SECONDS // 60
    sms_send(
        mobile=mobile,
        kind="login_code",
        member=member,
        text=_(
            "[Gonghui] Your sign-in code is %(code)s, valid for %(minutes)d minutes. Do not share it."
        )
        % {"code": code, "minutes": minutes},
    )
    return login_code


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
