from gonghui.accounts import roles


def role(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "is_staff_user": roles.is_staff(user),
        "is_member_user": roles.is_member(user),
        "can_edit_members": roles.can_edit_members(user),
        "can_read_audit_log": roles.can_read_audit_log(user),
        # Pages open to a role that may not see sensitive data (the auditor's claim queue)
        # link to a claim's page only for those who may open it.
        "can_view_sensitive": roles.can_view_sensitive(user),
        "can_reset_passwords": roles.can_reset_passwords(user),
    }
