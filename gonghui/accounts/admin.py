from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from gonghui.accounts.models import AccountEvent, User


@admin.register(User)
class GonghuiUserAdmin(UserAdmin):
    list_display = ["username", "display_name", "role", "org", "is_active", "must_change_password"]
    list_filter = ["role", "is_active", "must_change_password"]
    fieldsets = UserAdmin.fieldsets + (
        ("工会", {"fields": ("role", "org", "display_name", "must_change_password")}),
    )
    add_fieldsets = UserAdmin.add_fieldsets + (
        ("工会", {"fields": ("role", "org", "display_name")}),
    )


@admin.register(AccountEvent)
class AccountEventAdmin(admin.ModelAdmin):
    """Read-only: the record of who changed or reset which password."""

    list_display = ["at", "user", "action", "actor", "ip_address"]
    list_filter = ["action"]
    search_fields = ["user__username", "actor__username"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
