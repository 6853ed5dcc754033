from rest_framework.permissions import BasePermission

from gonghui.accounts import roles
from gonghui.accounts.decorators import second_factor_missing


class IsSignedIn(BasePermission):
    """The API's default: a member, or staff who have passed the second factor their role
    needs. A password-only session of such a role is not signed in, whatever the endpoint."""

    message = "请先登录；工作人员需先完成动态口令验证。"

    def has_permission(self, request, view):
        user = request.user
        if roles.is_member(user):
            return True
        return roles.is_staff(user) and not second_factor_missing(request)


class IsStaffUser(BasePermission):
    """Union staff of any level, after the second factor their role needs."""

    message = "仅限工会工作人员，并需先完成动态口令验证。"

    def has_permission(self, request, view):
        # request.user is the user DRF authenticated: only the session (with the OTP
        # middleware's verification) is accepted for people.
        return roles.is_staff(request.user) and not second_factor_missing(request)


class IsMemberUser(BasePermission):
    message = "仅限会员本人。"

    def has_permission(self, request, view):
        return roles.is_member(request.user)
