"""Who may open a page. Staff pages also demand the second factor of every role that
sees full sensitive data (roles.needs_second_factor)."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from gonghui.accounts import roles


def staff_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not roles.is_staff(user):
            raise PermissionDenied
        if second_factor_missing(request):
            return redirect_to_login(request.get_full_path(), login_url="accounts:otp")
        return view(request, *args, **kwargs)

    return wrapper


def member_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not roles.is_member(request.user):
            return redirect_to_login(request.get_full_path(), login_url="portal:login")
        return view(request, *args, **kwargs)

    return wrapper


def second_factor_missing(request) -> bool:
    """True when the user's role needs TOTP and this request has not passed it. A user that
    did not come through the OTP middleware (any authentication but the session) has no
    `is_verified` and counts as unverified."""
    user = request.user
    if not (settings.OTP_REQUIRED_FOR_COUNTY and roles.needs_second_factor(user)):
        return False
    is_verified = getattr(user, "is_verified", None)
    return not (callable(is_verified) and is_verified())
