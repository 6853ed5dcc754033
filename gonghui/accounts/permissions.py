from rest_framework.permissions import BasePermission

from gonghui.accounts import roles
from gonghui.accounts.decorators import second_factor_missing


class IsStaffUser(BasePermission):
    """Union staff of any level; county roles only after their second factor."""

    message = "仅限工会工作人员；县级岗位需先完成动态口令验证。"

    def has_permission(self, request, view):
        user = request.user
        if not roles.is_staff(user):
            return False
        return not (hasattr(user, "is_verified") and second_factor_missing(request._request))


class IsMemberUser(BasePermission):
    message = "仅限会员本人。"

    def has_permission(self, request, view):
        return roles.is_member(request.user)
